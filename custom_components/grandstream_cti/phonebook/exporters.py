"""The phonebook written out: vCard, CSV, and the Grandstream phone's XML.

Each is read back by importers.py as the same contacts, so that an export
is also a backup, and an import that replaces the phonebook restores it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
import csv
from enum import StrEnum
import io
from xml.sax.saxutils import escape

from .contacts import Contact

# A vCard content line is folded after this many octets (RFC 6350 3.2).
_VCARD_LINE_OCTETS = 75


class ExportFormat(StrEnum):
    """The formats the phonebook is exported in, by file extension."""

    VCARD = "vcf"
    CSV = "csv"
    XML = "xml"


def to_vcard(contacts: Sequence[Contact]) -> str:
    """VCard 3.0, which iPhone, Google Contacts and Outlook all import.

    The whole name is the family name of N, which version 3.0 requires: the
    phonebook does not split names.
    """
    lines: list[str] = []
    for contact in contacts:
        name = _vcard_escaped(contact.name)
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"N:{name};;;;"]
        lines += [f"TEL;TYPE=VOICE:{_vcard_escaped(n)}" for n in contact.numbers]
        lines.append("END:VCARD")
    return "".join(f"{_folded(line)}\r\n" for line in lines)


def to_csv(contacts: Sequence[Contact]) -> str:
    """A table with a Name column and one Phone column for each number."""
    columns = max((len(contact.numbers) for contact in contacts), default=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Name", *(f"Phone {index + 1}" for index in range(columns))])
    for contact in contacts:
        writer.writerow([contact.name, *contact.numbers])
    return out.getvalue()


def to_grandstream_xml(contacts: Sequence[Contact]) -> str:
    """The phonebook XML a Grandstream phone imports (Phonebook Management).

    As the phones write it (Download XML); the whole name is the first name,
    the phonebook does not split names. Each number is a Work number on the
    first account: how a phone takes more than its model's numbers per
    contact is not documented (inferred: the GXP21xx shows three).
    """
    rows = "".join(
        "  <Contact>\n"
        f"    <FirstName>{escape(contact.name)}</FirstName>\n"
        "    <LastName></LastName>\n"
        + "".join(
            '    <Phone type="Work">\n'
            f"      <phonenumber>{escape(number)}</phonenumber>\n"
            "      <accountindex>1</accountindex>\n"
            "    </Phone>\n"
            for number in contact.numbers
        )
        + "  </Contact>\n"
        for contact in contacts
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<AddressBook>\n{rows}</AddressBook>\n'
    )


EXPORTERS: Mapping[ExportFormat, Callable[[Sequence[Contact]], str]] = {
    ExportFormat.VCARD: to_vcard,
    ExportFormat.CSV: to_csv,
    ExportFormat.XML: to_grandstream_xml,
}


def _vcard_escaped(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )


def _folded(line: str) -> str:
    """The line folded after 75 octets, never inside a character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > _VCARD_LINE_OCTETS:
            parts.append(current)
            # A continuation line starts with a space, which counts.
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)
