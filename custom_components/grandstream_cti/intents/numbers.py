"""Phone numbers as speech recognition writes them."""

from __future__ import annotations

import re

from ..cti import parse_number

# Words speech recognition writes for what is dialled.
_SPOKEN_KEYS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "plus": "+", "star": "*", "asterisk": "*", "hash": "#",
    "pound": "#",
}  # fmt: skip
_TOKEN = re.compile(r"[^\s,]+")
# "555 1234 from the kitchen phone": sentence matchers may hand over the phone
# inside the number (Assist prefers a match with one wildcard to one with two).
_NUMBER_FROM_PHONE = re.compile(
    r"(?P<number>.+?)\s+(?:from|on|with|using)\s+(?P<phone>.+)", re.IGNORECASE
)


def split_phone(said: str) -> tuple[str, str] | None:
    """The number and the phone, when what was said names both."""
    if split := _NUMBER_FROM_PHONE.fullmatch(said.strip()):
        return split["number"], split["phone"]
    return None


def dial_string(said: str) -> str:
    """The number to dial from what was said ("plus 49 30 1 2 3", "5 5 5-1234")."""
    keys = [_SPOKEN_KEYS.get(token, token) for token in _TOKEN.findall(said.lower())]
    return parse_number("".join(keys))
