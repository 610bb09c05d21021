"""Phonebook XML files: the Grandstream phone's own, and a Fritz!Box's export.

A Grandstream phone's phonebook (Phonebook > Phonebook Management > Download
XML, and what a phone fetches from a phonebook server) is
`<AddressBook><Contact><FirstName/><LastName/><Phone><phonenumber/>...`.
A Fritz!Box writes `<phonebooks><phonebook><contact><person><realName/>...
<telephony><number/>...`. Tags are compared without case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from xml.parsers import expat

from .reading import Collector, ImportedFile, NotAPhonebookError, Problem

_CONTACT = "contact"
_GIVEN_NAME = "firstname"
_FAMILY_NAME = "lastname"
_FULL_NAME = "realname"
_NUMBERS = frozenset({"phonenumber", "number"})
# A contact element as bytes, for a file expat cannot read whole: each is then
# read on its own. Contacts do not nest, in either format.
_CONTACT_ELEMENT = re.compile(rb"(?is)<contact\b.*?</contact\s*>")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""")


@dataclass(slots=True)
class _Contact:
    line: int
    given: str = ""
    family: str = ""
    full_name: str = ""
    numbers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.full_name.strip() or f"{self.given.strip()} {self.family.strip()}"


class _Reader:
    """Expat's handlers: each contact element, its names and numbers."""

    def __init__(
        self, parser: expat.XMLParserType, collector: Collector, first_line: int = 1
    ) -> None:
        self.parser = parser
        self.collector = collector
        # The line of the file the parser's first line is.
        self.lines_before = first_line - 1
        self.contact: _Contact | None = None
        self.text: list[str] = []
        self.text_line = 0

    def start(self, tag: str, _attributes: dict[str, str]) -> None:
        tag = tag.lower()
        if tag == _CONTACT:
            self.contact = _Contact(line=self.line)
        self.text = []
        self.text_line = self.line

    @property
    def line(self) -> int:
        """The line of the file the parser is at."""
        return self.lines_before + self.parser.CurrentLineNumber

    def characters(self, text: str) -> None:
        self.text.append(text)

    def end(self, tag: str) -> None:
        tag, text = tag.lower(), "".join(self.text)
        self.text = []
        if (contact := self.contact) is None:
            return
        if tag == _CONTACT:
            self.collector.record(contact.line, contact.name, contact.numbers)
            self.contact = None
        elif tag == _GIVEN_NAME:
            contact.given = text
        elif tag == _FAMILY_NAME:
            contact.family = text
        elif tag == _FULL_NAME:
            contact.full_name = text
        elif tag in _NUMBERS:
            contact.numbers.append((self.text_line, text))


def read_xml(data: bytes) -> ImportedFile:
    """The contacts of a phonebook XML file, and what could not be read.

    A file that is not well-formed (one `&` not written `&amp;` in a name is
    enough) is read contact by contact: each contact that is well-formed is
    read, each other one is reported with the line of the error. A document
    type declaration is refused: a phonebook needs none, and its entities
    could expand the file without bounds. So is an encoding expat cannot read
    (multi-byte ones such as Shift_JIS or Big5).
    """
    collector = Collector()
    try:
        _parse(data, collector)
    except expat.ExpatError as err:
        if not (contacts := list(_CONTACT_ELEMENT.finditer(data))):
            collector.skip(err.lineno, Problem.UNREADABLE)
            return collector.result()
        # Read again, each contact alone, in the encoding the file declares.
        collector = Collector()
        declared = _DECLARED_ENCODING.match(data)
        encoding = declared.group(1).decode("ascii") if declared else None
        for contact in contacts:
            first_line = data.count(b"\n", 0, contact.start()) + 1
            try:
                _parse(contact.group(), collector, first_line, encoding)
            except expat.ExpatError as contact_err:
                collector.skip(first_line - 1 + contact_err.lineno, Problem.UNREADABLE)
    return collector.result()


def _parse(
    data: bytes,
    collector: Collector,
    first_line: int = 1,
    encoding: str | None = None,
) -> None:
    """Read data's contacts into collector; raises expat.ExpatError where it fails."""
    parser = expat.ParserCreate(encoding)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    reader = _Reader(parser, collector, first_line)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.characters
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(data, True)
    except ValueError as err:
        # Expat's "multi-byte encodings are not supported".
        raise NotAPhonebookError(str(err)) from err


def _refuse_doctype(*_args: object) -> None:
    raise NotAPhonebookError("document type declaration")
