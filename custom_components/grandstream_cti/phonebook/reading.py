"""What every importer shares: records become contacts, or lines to report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .contacts import MAX_NAME_LENGTH, Contact, unique_numbers
from .numbers import number_key, tidy_number


class NotAPhonebookError(Exception):
    """The file is no phonebook that an importer can read."""


class Problem(StrEnum):
    """Why a line or record of an imported file was not read."""

    UNREADABLE = "unreadable"
    NO_NAME = "no_name"
    NO_NUMBER = "no_number"
    INVALID_NUMBER = "invalid_number"


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A line of a file, or the record starting on it, that was not read."""

    line: int
    problem: Problem


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedFile:
    """What a file held: the contacts read, and what could not be read."""

    contacts: tuple[Contact, ...]
    skipped: tuple[Skipped, ...]


class Collector:
    """Gathers an importer's records: the contacts, and the lines skipped."""

    def __init__(self) -> None:
        """Start with nothing read."""
        self._contacts: list[Contact] = []
        self._skipped: list[Skipped] = []

    def skip(self, line: int, problem: Problem) -> None:
        """Report a line, or the record that starts on it, as not read."""
        self._skipped.append(Skipped(line=line, problem=problem))

    def record(self, line: int, name: str, numbers: Iterable[tuple[int, str]]) -> None:
        """A record starting on line: its name, and each number with its line.

        A number that is no phone number is reported on its own line; the
        record keeps its other numbers. A record with neither name nor number
        (an empty row) is no record. A name over MAX_NAME_LENGTH is shortened.
        """
        name = " ".join(name.split())[:MAX_NAME_LENGTH].rstrip()
        valid: list[str] = []
        invalid = False
        for number_line, number in numbers:
            if not (number := tidy_number(number)):
                continue
            if number_key(number) is None:
                self.skip(number_line, Problem.INVALID_NUMBER)
                invalid = True
            else:
                valid.append(number)
        if not valid:
            if name and not invalid:
                self.skip(line, Problem.NO_NUMBER)
        elif not name:
            self.skip(line, Problem.NO_NAME)
        else:
            self._contacts.append(Contact(name=name, numbers=unique_numbers(valid)))

    def result(self) -> ImportedFile:
        """Everything read so far, the skipped lines in file order."""
        return ImportedFile(
            contacts=tuple(self._contacts),
            skipped=tuple(sorted(self._skipped, key=lambda skipped: skipped.line)),
        )
