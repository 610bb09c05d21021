"""Exported phonebooks read back as the same contacts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.grandstream_cti.phonebook.contacts import (
    MAX_NAME_LENGTH,
    Contact,
)
from custom_components.grandstream_cti.phonebook.exporters import (
    EXPORTERS,
    ExportFormat,
)
from custom_components.grandstream_cti.phonebook.importers import read_contacts

BOOK = (
    Contact(name="Alice Example", numbers=("+49 30 1234567", "0171 2345678")),
    Contact(name='Smith & Sons; Bakers, \\ "Ltd" <b>', numbers=("201",)),
    Contact(
        name="Jürgen Müller-Lüdenscheidt " * 9, numbers=("+49 30 1234567 ext. 12",)
    ),
    Contact(name="山田太郎", numbers=("+81 3-1234-5678", "*97", "#31#")),
)


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_round_trip(export_format: ExportFormat) -> None:
    book = tuple(
        Contact(name=" ".join(c.name.split())[:MAX_NAME_LENGTH], numbers=c.numbers)
        for c in BOOK
    )
    imported = read_contacts(EXPORTERS[export_format](book).encode())

    assert imported.contacts == book
    assert imported.skipped == ()


def test_vcard_lines_folded_at_75_octets() -> None:
    text = EXPORTERS[ExportFormat.VCARD](BOOK)
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75


_NAME = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(lambda name: " ".join(name.split()))
    .filter(bool)
)
_NUMBER = st.from_regex(r"\+?[1-9][0-9]{2,12}", fullmatch=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.builds(
            lambda name, numbers: Contact(name=name, numbers=tuple(numbers)),
            _NAME,
            st.lists(_NUMBER, min_size=1, max_size=3, unique=True),
        ),
        min_size=1,
        max_size=5,
        unique_by=lambda contact: contact.name.casefold(),
    ),
    st.sampled_from(list(ExportFormat)),
)
def test_any_phonebook_round_trips(
    book: list[Contact], export_format: ExportFormat
) -> None:
    imported = read_contacts(EXPORTERS[export_format](book).encode())
    assert imported.contacts == tuple(book)
