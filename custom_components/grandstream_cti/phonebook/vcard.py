"""vCard files (RFC 2426 and 6350, versions 3 and 4; 2.1 read as far as it goes).

What phones and address books export: iOS and Google Contacts, Outlook,
Thunderbird, Nextcloud. A card gives its name (FN, else N, else ORG) and every
TEL it has; everything else on it is passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
import quopri
import re

from .reading import Collector, ImportedFile, Problem

# A line break as any system writes it; Python's splitlines would also break
# at characters that editors show on one line, and miscount the lines.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


@dataclass(slots=True)
class _Card:
    line: int
    full_name: str = ""
    name_parts: list[str] = field(default_factory=list)
    organisation: str = ""
    numbers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        if self.full_name.strip():
            return self.full_name
        # N is family; given; additional; prefixes; suffixes.
        family, given, additional = (*self.name_parts, "", "", "")[:3]
        return " ".join(part for part in (given, additional, family) if part.strip())


@dataclass(frozen=True, slots=True)
class _ContentLine:
    name: str
    params: tuple[str, ...]
    value: str


def read_vcard(text: str) -> ImportedFile:
    """The contacts of a vCard file, and the lines that could not be read."""
    collector = Collector()
    card: _Card | None = None
    for number, line in _unfolded(text):
        if not line.strip():
            continue
        if (content := _content_line(line)) is None:
            collector.skip(number, Problem.UNREADABLE)
            continue
        value = _decoded(content)
        if content.name == "BEGIN" and value.upper() == "VCARD":
            if card is not None:
                # The card before has no END: keep what it had.
                _read_card(collector, card)
            card = _Card(line=number)
        elif content.name == "END" and value.upper() == "VCARD":
            if card is not None:
                _read_card(collector, card)
            card = None
        elif card is None:
            collector.skip(number, Problem.UNREADABLE)
        elif content.name == "FN":
            card.full_name = _unescaped(value)
        elif content.name == "N":
            card.name_parts = [
                _unescaped(part) for part in _UNESCAPED_SEMICOLON.split(value)
            ]
        elif content.name == "ORG":
            card.organisation = _unescaped(_UNESCAPED_SEMICOLON.split(value)[0])
        elif content.name == "TEL":
            card.numbers.append((number, _tel_number(value)))
    if card is not None:
        _read_card(collector, card)
    return collector.result()


def _read_card(collector: Collector, card: _Card) -> None:
    collector.record(card.line, card.name or card.organisation, card.numbers)


def _unfolded(text: str) -> Iterator[tuple[int, str]]:
    """Each logical line with the number of the line it starts on.

    A line that starts with a space or tab continues the one before. So does
    the line after a quoted-printable one that ends with `=` (vCard 2.1).
    """
    start, logical = 0, ""
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if logical and line[:1] in (" ", "\t"):
            logical += line[1:]
        elif logical.endswith("=") and "QUOTED-PRINTABLE" in logical.upper():
            logical += "\n" + line
        else:
            if logical:
                yield start, logical
            start, logical = number, line
    if logical:
        yield start, logical


def _content_line(line: str) -> _ContentLine | None:
    """NAME;PARAM=...:value, or None where the line is no such thing."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            name, *params = line[:index].split(";")
            if (match := _PROPERTY.fullmatch(name.strip())) is None:
                return None
            return _ContentLine(
                name=match.group(1).upper(),
                params=tuple(param.upper() for param in params),
                value=line[index + 1 :],
            )
    return None


def _decoded(content: _ContentLine) -> str:
    """The value, quoted-printable decoded where vCard 2.1 encoded it."""
    if not any(param.endswith("QUOTED-PRINTABLE") for param in content.params):
        return content.value
    charset = next(
        (p.partition("=")[2] for p in content.params if p.startswith("CHARSET=")),
        "UTF-8",
    )
    raw = quopri.decodestring(content.value.replace("=\n", "").encode())
    try:
        return raw.decode(charset, errors="replace")
    except LookupError, UnicodeError:
        # No such charset, or a codec that is no text encoding (idna).
        return raw.decode("utf-8", errors="replace")


def _unescaped(value: str) -> str:
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match[1], match[0]), value)


def _tel_number(value: str) -> str:
    """The number of a TEL value: vCard 4 writes a tel: URI with parameters."""
    value = _unescaped(value).strip()
    if value[:4].lower() == "tel:":
        return value[4:].partition(";")[0]
    return value
