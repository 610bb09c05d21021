"""Contacts: what a person types, changes to the phonebook, and the number index."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.phonebook.contacts import (
    MAX_CONTACTS,
    MAX_NAME_LENGTH,
    Contact,
    InvalidNumberError,
    MergeCount,
    NameTakenError,
    NameTooLongError,
    NoNameError,
    PhonebookFullError,
    contact,
    merge,
    number_index,
    remove_contacts,
    set_contact,
)
from custom_components.grandstream_cti.phonebook.numbers import numbering_plan

ALICE = Contact(name="Alice", numbers=("+49 30 1234567",))
BOB = Contact(name="Bob", numbers=("201",))


def test_contact_as_typed() -> None:
    """Spaces tidied; a number typed twice in two spellings is kept once."""
    typed = contact("  Alice   Example ", ["+49 30 1234567", " ", "0049 30 1234567"])
    assert typed == Contact(name="Alice Example", numbers=("+49 30 1234567",))


@pytest.mark.parametrize(
    ("name", "numbers", "error"),
    [
        ("Alice", ["+49 30 1234567", "call me"], InvalidNumberError),
        ("Alice", [], InvalidNumberError),
        ("Alice", ["  "], InvalidNumberError),
        ("   ", ["201"], NoNameError),
        # Longer than a sensor's state may be.
        ("A" * (MAX_NAME_LENGTH + 1), ["201"], NameTooLongError),
    ],
)
def test_contact_refused(name: str, numbers: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        contact(name, numbers)


def test_longest_name_taken() -> None:
    name = "A" * MAX_NAME_LENGTH
    assert contact(name, ["201"]) == Contact(name=name, numbers=("201",))


def test_add_change_rename_remove() -> None:
    book = set_contact((), ALICE)
    book = set_contact(book, BOB)
    assert book == (ALICE, BOB)

    # Changed in place, whatever case the name is given in.
    new_alice = Contact(name="Alice", numbers=("030 7654321",))
    assert set_contact(book, new_alice, replacing="alice") == (new_alice, BOB)
    renamed = Contact(name="Alice Example", numbers=ALICE.numbers)
    assert set_contact(book, renamed, replacing="Alice") == (renamed, BOB)

    with pytest.raises(NameTakenError):
        set_contact(book, Contact(name="BOB", numbers=("1",)))
    with pytest.raises(NameTakenError):
        set_contact(book, Contact(name="bob", numbers=("1",)), replacing="Alice")

    assert remove_contacts(book, ["ALICE", "nobody"]) == (BOB,)


def test_merge_counts_and_keeps_everything() -> None:
    book = (ALICE, BOB)
    incoming = [
        Contact(name="alice", numbers=("0049301234567", "+49 171 2345678")),
        Contact(name="Bob", numbers=("201",)),
        Contact(name="Carol", numbers=("202",)),
        Contact(name="Carol", numbers=("203",)),
    ]
    merged, count = merge(book, incoming)
    assert merged == (
        Contact(name="Alice", numbers=("+49 30 1234567", "+49 171 2345678")),
        BOB,
        Contact(name="Carol", numbers=("202", "203")),
    )
    assert count == MergeCount(added=1, updated=1, unchanged=1)


def test_phonebook_full() -> None:
    book = tuple(Contact(name=f"C{i}", numbers=(str(i),)) for i in range(MAX_CONTACTS))
    with pytest.raises(PhonebookFullError):
        merge(book, [Contact(name="One more", numbers=("1",))])
    with pytest.raises(PhonebookFullError):
        set_contact(book, Contact(name="One more", numbers=("1",)))
    # Changing one of them is no new contact.
    changed = Contact(name="C1", numbers=("11",))
    assert set_contact(book, changed, replacing="C1")[1] == changed


def test_number_index() -> None:
    """By the country's plan; a shared number names the first contact."""
    book = (
        Contact(name="Mum", numbers=("030 1234567", "Not a number")),
        Contact(name="Dad", numbers=("+49 30 1234567", "0171 2345678")),
    )
    assert number_index(book, numbering_plan("DE")) == {
        "+49301234567": "Mum",
        "+491712345678": "Dad",
    }
    assert number_index(book, None) == {
        "0301234567": "Mum",
        "+49301234567": "Dad",
        "01712345678": "Dad",
    }
