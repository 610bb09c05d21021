"""A phonebook file, whichever it is: vCard, CSV or XML, told by its content."""

from __future__ import annotations

import codecs

from .csv_table import read_csv
from .reading import ImportedFile, NotAPhonebookError
from .vcard import read_vcard
from .xml_book import read_xml

# An address book of thousands of contacts, without photos, is far smaller.
MAX_FILE_BYTES = 1024 * 1024


class FileTooLargeError(Exception):
    """The file is larger than MAX_FILE_BYTES: it is not read at all."""


def read_contacts(data: bytes) -> ImportedFile:
    """The contacts of a phonebook file, and the lines that could not be read.

    Raises FileTooLargeError, and NotAPhonebookError for a file that no
    importer reads (a CSV file whose first row names no name and number
    columns, or something else altogether).
    """
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLargeError(len(data))
    if b"\0" in data and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise NotAPhonebookError("binary file")
    text = _text(data)
    start = text.lstrip()
    if start[:11].upper() == "BEGIN:VCARD":
        return read_vcard(text)
    if start.startswith("<"):
        # Expat reads the encoding the XML declaration names, which must come
        # first: blank lines before it are dropped (in UTF-16 they are no
        # ASCII whitespace, and come after the byte order mark).
        if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            data = data.lstrip()
        return read_xml(data)
    return read_csv(text)


def _text(data: bytes) -> str:
    """The file's text: UTF-16 by its byte order mark, else UTF-8.

    Else Windows' code page 1252, which older Outlook versions export.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
