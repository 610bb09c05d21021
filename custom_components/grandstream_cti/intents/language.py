"""What a language needs for the voice commands: its replies and its words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .reply import Reply


@dataclass(frozen=True, slots=True, kw_only=True)
class Language:
    """One language's replies, and the words its speakers use for phones and numbers.

    The sentence file of the language (custom_sentences/<code>/) says which
    sentences reach the intents; this says what the intents make of the words
    the sentences leave to them (a number, a phone's name) and how they answer.
    """

    code: str  # as Home Assistant names the language ("de", "pt-BR")
    name: str  # in its own words, for a list of languages ("Deutsch")
    replies: Mapping[Reply, str]
    # What speech recognition writes for the keys dialled: "four", "plus", "hash".
    keys: Mapping[str, str]
    # Words that put a phone after the number: "555 1234 from the kitchen phone".
    phone_after: tuple[str, ...]
    # Words said before a phone's name and not part of it: "the", "my".
    articles: tuple[str, ...]
    # Words a phone's name may end in that only say it is a phone: "phone".
    phone_words: tuple[str, ...]
    # Words between a phone word and where it is: "the phone in the kitchen".
    places: tuple[str, ...]
    # Names change their endings with their case ("w kuchni" of the area
    # "Kuchnia"): words are then compared without their last letters.
    inflected: bool = False
    months: tuple[str, ...]  # January first
    date: str  # {day}, {month}
    time: str  # {hour}, {minute}: numbers, to format
