"""Importers: the files people have, the lines they cannot read, and files refused."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.grandstream_cti.phonebook.contacts import (
    MAX_NAME_LENGTH,
    Contact,
)
from custom_components.grandstream_cti.phonebook.csv_table import UnknownColumnsError
from custom_components.grandstream_cti.phonebook.importers import (
    MAX_FILE_BYTES,
    FileTooLargeError,
    read_contacts,
)
from custom_components.grandstream_cti.phonebook.reading import (
    ImportedFile,
    NotAPhonebookError,
    Problem,
    Skipped,
)

FILES = Path(__file__).parent / "files"


def read(name: str) -> ImportedFile:
    return read_contacts((FILES / name).read_bytes())


def contacts(imported: ImportedFile) -> dict[str, tuple[str, ...]]:
    return {contact.name: contact.numbers for contact in imported.contacts}


def test_ios_vcard() -> None:
    """Folded photo lines, item groups, escapes, marks around numbers, a company."""
    imported = read("ios.vcf")
    assert contacts(imported) == {
        "Alice Example": ("+49 30 1234567", "0171 2345678"),
        "Pizzeria Roma": ("(030) 987-6543",),
        "Dr. Jürgen Müller": ("+49 (0)89 1234 5678", "+49 151 23456789"),
    }
    assert imported.skipped == ()


def test_google_vcard() -> None:
    """vCard 3 and 4 (tel: URIs); a number written twice is kept once; a
    contact with no phone number is reported on its BEGIN line."""
    imported = read("google.vcf")
    assert contacts(imported) == {
        "Bob Builder": ("+49 160 1111111", "030 2222222"),
        "Dave Nextcloud": ("+49-171-3333333", "+49-30-4444444"),
    }
    assert imported.skipped == (Skipped(line=11, problem=Problem.NO_NUMBER),)


def test_vcard_names_from_n_or_org() -> None:
    text = (
        "BEGIN:VCARD\nN:Doe;Jane;Q.;;\nTEL:1\nEND:VCARD\n"
        "BEGIN:VCARD\nORG:Acme\\, Inc.;Sales\nTEL:2\nEND:VCARD\n"
        "BEGIN:VCARD\nTEL:3\nEND:VCARD\n"
    )
    imported = read_contacts(text.encode())
    assert contacts(imported) == {"Jane Q. Doe": ("1",), "Acme, Inc.": ("2",)}
    assert imported.skipped == (Skipped(line=9, problem=Problem.NO_NAME),)


def test_vcard_21_quoted_printable() -> None:
    """Not required of a vCard 2.1 file, but its names come out readable."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCr=\r\ngen;;;\r\n"
        "FN;CHARSET=X-UNKNOWN;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen\r\n"
        "TEL;CELL;PREF:+491701234567\r\nEND:VCARD\r\n"
    )
    imported = read_contacts(text.encode())
    assert contacts(imported) == {"Jürgen": ("+491701234567",)}


def test_vcard_charset_that_is_no_text_encoding() -> None:
    """A codec Python has that decodes no text is read as UTF-8."""
    text = (
        "BEGIN:VCARD\nVERSION:2.1\n"
        "FN;CHARSET=idna;ENCODING=QUOTED-PRINTABLE:Alice=FF\n"
        "TEL:201\nEND:VCARD\n"
    )
    assert contacts(read_contacts(text.encode())) == {"Alice\ufffd": ("201",)}


def test_vcard_malformed_lines_lose_nothing_else() -> None:
    """A line without a property, a number that is none, a card without END."""
    text = (
        "BEGIN:VCARD\n"  # 1
        "FN:Alice\n"
        "this line is no property\n"  # 3
        "TEL:+49 30 1234567\n"
        "TEL:call me maybe\n"  # 5
        "END:VCARD\n"
        "stray text between cards\n"  # 7
        "BEGIN:VCARD\n"
        "FN:Bob\n"
        "TEL:0301111111\n"  # 10: no END before the next card
        "BEGIN:VCARD\n"
        "FN:Carol\n"
        "TEL:201"
    )
    imported = read_contacts(text.encode())
    assert contacts(imported) == {
        "Alice": ("+49 30 1234567",),
        "Bob": ("0301111111",),
        "Carol": ("201",),
    }
    assert imported.skipped == (
        Skipped(line=3, problem=Problem.UNREADABLE),
        Skipped(line=5, problem=Problem.INVALID_NUMBER),
        Skipped(line=7, problem=Problem.UNREADABLE),
    )


def test_google_csv() -> None:
    """Google's columns: names in parts, several numbers in one cell, an
    address over three lines; line numbers count the file's lines."""
    imported = read("google.csv")
    assert contacts(imported) == {
        "Alice Example": ("+49 171 2345678", "+49 171 7654321", "030 1234567"),
        "Bob Builder": ("+49 30 2222222",),
        "Pizzeria Roma": ("(030) 987-6543",),
    }
    assert imported.skipped == (Skipped(line=7, problem=Problem.NO_NUMBER),)


def test_outlook_csv() -> None:
    """Every Outlook phone column, none of its fax columns."""
    imported = read("outlook.csv")
    assert contacts(imported) == {
        "Erika Mustermann": ("030 1234567", "+49 30 7654321", "0171 2345678"),
        "Max Mustermann": ("+49 172 9999999",),
    }


def test_german_outlook_csv_in_windows_1252() -> None:
    """Semicolons, German column titles, umlauts in code page 1252."""
    imported = read("outlook_de.csv")
    assert contacts(imported) == {
        "Jürgen Müller": ("089 12345678", "0151 23456789"),
        "Bäckerei Schön": ("0711 555555",),
    }


def test_name_and_number_csv() -> None:
    """A Fritz!Box's or a spreadsheet's plain columns, with an internal number."""
    assert contacts(read("fritzbox.csv")) == {
        "Oma": ("030 5555555",),
        "Nachbar": ("0171 6666666",),
        "Türsprechstelle": ("**620",),
    }


def test_csv_malformed_line_loses_nothing_else() -> None:
    text = (
        "Name,Phone\n"
        "Alice,+49 30 1234567\n"
        'Bob,"+49 30 2222222"x\n'  # 3: text after a closing quote
        "Carol,not a number\n"  # 4
        ",030 3333333\n"  # 5: no name
        '"Dave,+49 30 4444444\n'  # 6: a quote never closed
        "Erin,+49 30 5555555\n"
        "\n"
        "Frank,201\n"
    )
    imported = read_contacts(text.encode())
    assert contacts(imported) == {
        "Alice": ("+49 30 1234567",),
        "Erin": ("+49 30 5555555",),
        "Frank": ("201",),
    }
    assert imported.skipped == (
        Skipped(line=3, problem=Problem.UNREADABLE),
        Skipped(line=4, problem=Problem.INVALID_NUMBER),
        Skipped(line=5, problem=Problem.NO_NAME),
        Skipped(line=6, problem=Problem.UNREADABLE),
    )


def test_csv_file_of_unreadable_rows_read_whole() -> None:
    """Each of a file's unreadable rows is reported, and what follows is read.

    Every row is read once: a file of the largest size, all of it bad rows,
    is read in about a second.
    """
    bad_rows = (MAX_FILE_BYTES - 100) // 4
    text = "Name,Number\n" + '""a\n' * bad_rows + "Alice,201\n"
    imported = read_contacts(text.encode())
    assert contacts(imported) == {"Alice": ("201",)}
    assert imported.skipped == tuple(
        Skipped(line=line, problem=Problem.UNREADABLE)
        for line in range(2, bad_rows + 2)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Name,E-mail\nAlice,alice@example.com\n",
        "Phone\n+49 30 1234567\n",
        "Alice,+49 30 1234567\nBob,030 2222222\n",
        "",
        "   \n\n",
    ],
    ids=["no number column", "no name column", "no header", "empty", "blank"],
)
def test_csv_without_name_and_number_columns(text: str) -> None:
    with pytest.raises(UnknownColumnsError):
        read_contacts(text.encode())


def test_grandstream_phonebook_xml() -> None:
    imported = read("grandstream.xml")
    assert contacts(imported) == {
        "Alice Example": ("030 1234567", "+49 171 2345678"),
        "Reception": ("201",),
    }
    assert imported.skipped == ()


def test_fritzbox_phonebook_xml() -> None:
    assert contacts(read("fritzbox.xml")) == {
        "Oma": ("030 5555555",),
        "Hausarzt Dr. Weber": ("030 7777777", "030 7777779"),
    }


def test_xml_broken_midway_keeps_what_came_before() -> None:
    text = (
        "<AddressBook>\n"
        "<Contact><FirstName>Alice</FirstName>"
        "<Phone><phonenumber>201</phonenumber></Phone></Contact>\n"
        "<Contact><FirstName>Bob</FirstName>\n"
        "<Phone><phonenumber>202</phone></Phone></Contact>\n"  # 4
        "</AddressBook>\n"
    )
    imported = read_contacts(text.encode())
    assert contacts(imported) == {"Alice": ("201",)}
    assert imported.skipped == (Skipped(line=4, problem=Problem.UNREADABLE),)


def test_xml_with_one_unescaped_ampersand_keeps_the_other_contacts() -> None:
    """A phone's export of 52 contacts, one of them "Smith & Sons" on line 3."""
    rows = [
        f"<Contact><FirstName>{name}</FirstName>"
        f"<Phone><phonenumber>{200 + index}</phonenumber></Phone></Contact>"
        for index, name in enumerate(
            ["Alice", "Smith & Sons", *(f"Friend {n}" for n in range(50))]
        )
    ]
    text = "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', "<AddressBook>", *rows])
    imported = read_contacts(f"{text}\n</AddressBook>\n".encode())

    assert len(imported.contacts) == 51
    assert "Smith & Sons" not in contacts(imported)
    assert contacts(imported)["Friend 49"] == ("251",)
    assert imported.skipped == (Skipped(line=4, problem=Problem.UNREADABLE),)


def test_xml_read_contact_by_contact_in_its_declared_encoding() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        "<AddressBook><Contact><FirstName>A & B</FirstName></Contact>\n"
        "<Contact><FirstName>J\u00fcrgen</FirstName>"
        "<Phone><phonenumber>201</phonenumber></Phone></Contact></AddressBook>"
    )
    imported = read_contacts(text.encode("latin-1"))
    assert contacts(imported) == {"Jürgen": ("201",)}
    assert imported.skipped == (Skipped(line=2, problem=Problem.UNREADABLE),)


def test_xml_in_latin_1_by_its_declaration() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        "<AddressBook><Contact><FirstName>J\u00fcrgen</FirstName>"
        "<Phone><phonenumber>201</phonenumber></Phone></Contact></AddressBook>"
    )
    assert contacts(read_contacts(text.encode("latin-1"))) == {"Jürgen": ("201",)}


@pytest.mark.parametrize("encoding", ["Shift_JIS", "GB2312", "Big5"])
def test_xml_in_a_multi_byte_encoding_refused(encoding: str) -> None:
    """Expat reads no multi-byte encoding but UTF-8 and UTF-16."""
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        "<AddressBook><Contact><FirstName>\u5c71\u7530</FirstName>"
        "<Phone><phonenumber>201</phonenumber></Phone></Contact></AddressBook>"
    )
    with pytest.raises(NotAPhonebookError):
        read_contacts(text.encode(encoding))


def test_xml_after_blank_lines() -> None:
    """The XML declaration must come first: blank lines before it are dropped."""
    text = (
        '\r\n\n  <?xml version="1.0" encoding="UTF-8"?>\n'
        "<AddressBook><Contact><FirstName>Alice</FirstName>"
        "<Phone><phonenumber>201</phonenumber></Phone></Contact></AddressBook>"
    )
    assert contacts(read_contacts(text.encode())) == {"Alice": ("201",)}


def test_long_name_shortened() -> None:
    text = f"Name,Number\n{'A' * 300},201\n"
    assert contacts(read_contacts(text.encode())) == {"A" * MAX_NAME_LENGTH: ("201",)}


def test_xml_document_type_refused() -> None:
    """Entities could expand a small file into gigabytes: no DOCTYPE at all."""
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE lol [<!ENTITY lol "lol">]>\n'
        "<AddressBook><Contact><FirstName>&lol;</FirstName></Contact></AddressBook>"
    )
    with pytest.raises(NotAPhonebookError):
        read_contacts(text.encode())


def test_utf16_csv_with_byte_order_mark() -> None:
    """Outlook's "Unicode" CSV export."""
    text = "\ufeffName\tMobile\nAlice\t+49 171 2345678\n"
    assert contacts(read_contacts(text.encode("utf-16-le"))) == {
        "Alice": ("+49 171 2345678",)
    }


def test_binary_file_refused() -> None:
    with pytest.raises(NotAPhonebookError):
        read_contacts(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")


def test_huge_file_refused() -> None:
    row = "Somebody,+49 30 1234567\n"
    data = ("Name,Phone\n" + row * (MAX_FILE_BYTES // len(row) + 1)).encode()
    with pytest.raises(FileTooLargeError):
        read_contacts(data)
    # Just under the limit, it is read.
    assert read_contacts(data[: data.rindex(b"\n", 0, MAX_FILE_BYTES) + 1]).contacts


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | st.sampled_from(
        ["BEGIN:VCARD\n", "Name,Phone\n", "<AddressBook>", "<Contact>"]
    ).flatmap(lambda head: st.text(max_size=200).map(lambda t: (head + t).encode()))
)
def test_any_file_gives_contacts_or_a_clear_error(data: bytes) -> None:
    try:
        imported = read_contacts(data)
    except NotAPhonebookError:
        return
    assert all(isinstance(contact, Contact) for contact in imported.contacts)
    assert all(contact.name and contact.numbers for contact in imported.contacts)
