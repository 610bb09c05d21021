"""Contacts, and the changes a phonebook goes through: add, change, remove, import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .numbers import NumberingPlan, number_key, tidy_number

# What a phonebook holds at most: the lookups of every call go through it, and
# it is stored and loaded whole.
MAX_CONTACTS = 5000
# The longest name: a caller's name becomes the state of the Remote name
# sensor, and Home Assistant refuses states longer than this.
MAX_NAME_LENGTH = 255


class PhonebookError(Exception):
    """The phonebook cannot take this change; it is left as it was."""


class PhonebookFullError(PhonebookError):
    """The change would take the phonebook over MAX_CONTACTS."""


class NameTakenError(PhonebookError):
    """Another contact already has this name."""


class InvalidNumberError(PhonebookError):
    """A number that is not a phone number, or no number at all."""


class NoNameError(PhonebookError):
    """A contact without a name."""


class NameTooLongError(PhonebookError):
    """A name longer than MAX_NAME_LENGTH."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A person or place, with the numbers they call from."""

    name: str
    numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeCount:
    """How an import changed a phonebook."""

    added: int
    updated: int
    unchanged: int


def name_key(name: str) -> str:
    """What names are told apart by: not by case or spacing."""
    return " ".join(name.split()).casefold()


def unique_numbers(numbers: Iterable[str]) -> tuple[str, ...]:
    """Each phone number once, however often spelled, in the order given."""
    kept: dict[str | None, str] = {}
    for number in numbers:
        kept.setdefault(number_key(number), number)
    return tuple(kept.values())


def contact(name: str, numbers: Iterable[str]) -> Contact:
    """A contact from what a person typed.

    Raises InvalidNumberError for a number that is not one, or for none,
    NoNameError for a name of only spaces, and NameTooLongError.
    """
    if not (name := " ".join(name.split())):
        raise NoNameError
    if len(name) > MAX_NAME_LENGTH:
        raise NameTooLongError
    typed = [tidy for number in numbers if (tidy := tidy_number(number))]
    if not typed:
        raise InvalidNumberError("")
    for number in typed:
        if number_key(number) is None:
            raise InvalidNumberError(number)
    return Contact(name=name, numbers=unique_numbers(typed))


def set_contact(
    book: Sequence[Contact], new: Contact, *, replacing: str | None = None
) -> tuple[Contact, ...]:
    """The book with new in place of the contact named replacing, or added."""
    old = name_key(replacing) if replacing is not None else None
    new_key = name_key(new.name)
    if new_key != old and any(name_key(other.name) == new_key for other in book):
        raise NameTakenError(new.name)
    if old is not None and any(name_key(other.name) == old for other in book):
        return tuple(new if name_key(other.name) == old else other for other in book)
    return _limited((*book, new))


def remove_contacts(
    book: Sequence[Contact], names: Iterable[str]
) -> tuple[Contact, ...]:
    """The book without the contacts of these names."""
    gone = {name_key(name) for name in names}
    return tuple(other for other in book if name_key(other.name) not in gone)


def merge(
    book: Sequence[Contact], incoming: Sequence[Contact]
) -> tuple[tuple[Contact, ...], MergeCount]:
    """The book with incoming contacts added, and how many changed.

    A contact whose name the book has gains the numbers it lacked; nothing is
    taken away, so an import never loses what the book held.
    """
    merged: dict[str, Contact] = {name_key(other.name): other for other in book}
    before = dict(merged)
    for new in incoming:
        key = name_key(new.name)
        if (old := merged.get(key)) is None:
            merged[key] = new
            continue
        known = {number_key(number) for number in old.numbers}
        extra = tuple(n for n in new.numbers if number_key(n) not in known)
        if extra:
            merged[key] = Contact(name=old.name, numbers=(*old.numbers, *extra))
    added = sum(1 for key in merged if key not in before)
    updated = sum(1 for key, old in before.items() if merged[key] is not old)
    unchanged = {
        key for new in incoming if merged[key := name_key(new.name)] is before.get(key)
    }
    return _limited(tuple(merged.values())), MergeCount(
        added=added, updated=updated, unchanged=len(unchanged)
    )


def number_index(
    book: Iterable[Contact], plan: NumberingPlan | None
) -> Mapping[str, str]:
    """Each number's spelling to compare by, to its contact's name.

    A number in two contacts (a shared landline) names the first of them.
    """
    index: dict[str, str] = {}
    for other in book:
        for number in other.numbers:
            if (key := number_key(number, plan)) is not None:
                index.setdefault(key, other.name)
    return index


def _limited(book: tuple[Contact, ...]) -> tuple[Contact, ...]:
    if len(book) > MAX_CONTACTS:
        raise PhonebookFullError(len(book))
    return book
