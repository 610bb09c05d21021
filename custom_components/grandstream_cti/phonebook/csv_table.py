"""CSV files with a header row, as address books and routers export them.

The header names the columns: Google Contacts (`First Name`, `Last Name`,
`Phone 1 - Value`), Outlook (`First Name`, `Mobile Phone`, `Business Phone`,
in German `Vorname`, `Mobiltelefon`), and the plain `Name;Number` of a
Fritz!Box or a spreadsheet. Cells are separated by `,`, `;` or a tab.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
import re

from .reading import Collector, ImportedFile, NotAPhonebookError, Problem

_DELIMITERS = (",", ";", "\t")
# Column titles, compared without case, spaces or punctuation.
_FULL_NAME = {
    "name",
    "fullname",
    "displayname",
    "anzeigename",
    "contact",
    "contactname",
    "kontakt",
}
_GIVEN_NAME = {"firstname", "givenname", "vorname"}
_MIDDLE_NAME = {"middlename", "additionalname", "weiterevornamen"}
_FAMILY_NAME = {"lastname", "familyname", "surname", "nachname"}
_ORGANISATION = {
    "company",
    "organization",
    "organisation",
    "organizationname",
    "organization1name",
    "firma",
}
_NUMBER_WORDS = ("phone", "telefon", "mobil", "handy", "cell", "rufnummer")
_NUMBER = {"number", "nummer", "tel", "telephone", "telefonnummer", "phonenumber"}
_NOT_NUMBER_WORDS = ("label", "type", "fax", "phonetic")
# Google Contacts writes several numbers of one kind into one cell.
_GOOGLE_SEPARATOR = ":::"
_TITLE_NOISE = re.compile(r"[\W_]+")
# After each line break, as any system writes it: str.splitlines would also
# break at characters that editors show within a line, and miscount the lines.
_LINE_ENDS = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


class UnknownColumnsError(NotAPhonebookError):
    """The first row names no name column or no number column."""


@dataclass(frozen=True, slots=True)
class _Columns:
    full_name: int | None
    given: int | None
    middle: int | None
    family: int | None
    organisation: int | None
    numbers: tuple[int, ...]

    def name(self, row: list[str]) -> str:
        def cell(column: int | None) -> str:
            return (
                row[column].strip() if column is not None and column < len(row) else ""
            )

        if name := cell(self.full_name):
            return name
        parts = (cell(self.given), cell(self.middle), cell(self.family))
        return " ".join(part for part in parts if part) or cell(self.organisation)


def read_csv(text: str) -> ImportedFile:
    """The contacts of a CSV file, and the rows that could not be read.

    Raises UnknownColumnsError when the header row names no name or number.
    """
    lines = [line for line in _LINE_ENDS.split(text) if line]
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise UnknownColumnsError
    delimiter = max(_DELIMITERS, key=lines[header_index].count)
    header = next(csv.reader([lines[header_index]], delimiter=delimiter))
    columns = _columns(header)
    collector = Collector()
    remaining = _Lines(lines, header_index + 1)
    # One reader for the whole file: after a row it cannot read, the lines are
    # wound back rather than copied, so a file of bad rows is read in one pass.
    reader = csv.reader(remaining, delimiter=delimiter, strict=True)
    while True:
        row_start = remaining.index
        try:
            row = next(reader)
        except StopIteration:
            return collector.result()
        except csv.Error:
            # An unbalanced quote: only this row's first line is given up.
            collector.skip(row_start + 1, Problem.UNREADABLE)
            remaining.index = row_start + 1
            continue
        line = row_start + 1
        numbers = [
            (line, number)
            for column in columns.numbers
            if column < len(row)
            for number in row[column].split(_GOOGLE_SEPARATOR)
        ]
        collector.record(line, columns.name(row), numbers)


class _Lines:
    """The file's lines from index on, for a csv reader; index may be moved."""

    def __init__(self, lines: list[str], index: int) -> None:
        self.lines = lines
        self.index = index

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.index >= len(self.lines):
            raise StopIteration
        self.index += 1
        return self.lines[self.index - 1]


def _columns(header: list[str]) -> _Columns:
    titles = [_TITLE_NOISE.sub("", title).casefold() for title in header]

    def first(names: set[str]) -> int | None:
        return next((i for i, title in enumerate(titles) if title in names), None)

    numbers = tuple(i for i, title in enumerate(titles) if _is_number_column(title))
    columns = _Columns(
        full_name=first(_FULL_NAME),
        given=first(_GIVEN_NAME),
        middle=first(_MIDDLE_NAME),
        family=first(_FAMILY_NAME),
        organisation=first(_ORGANISATION),
        numbers=numbers,
    )
    named = (columns.full_name, columns.given, columns.family, columns.organisation)
    if not numbers or all(column is None for column in named):
        raise UnknownColumnsError
    return columns


def _is_number_column(title: str) -> bool:
    if any(word in title for word in _NOT_NUMBER_WORDS):
        return False
    return title in _NUMBER or any(word in title for word in _NUMBER_WORDS)
