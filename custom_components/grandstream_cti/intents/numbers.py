"""Phone numbers as speech recognition writes them."""

from __future__ import annotations

import re

from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent

from ..cti import GrandstreamValidationError, parse_number
from ..phonebook.contacts import Contact
from ..phonebook_store import async_get_phonebook
from .matching import normalise, same_name
from .reply import Reply
from .speech import RefusedError, say_choices, spoken_language

_TOKEN = re.compile(r"[^\s,]+")


def split_phone(said: str) -> tuple[str, str] | None:
    """The number and the phone, when what was said names both.

    "555 1234 from the kitchen phone": sentence matchers may hand over the phone
    inside the number (Assist prefers a match with one wildcard to one with two).
    """
    words = "|".join(map(re.escape, spoken_language().phone_after))
    pattern = rf"(?P<number>.+?)\s+(?:{words})\s+(?P<phone>.+)"
    if split := re.fullmatch(pattern, said.strip(), re.IGNORECASE):
        return split["number"], split["phone"]
    return None


def dial_string(said: str) -> str:
    """The number to dial from what was said ("plus 49 30 1 2 3", "5 5 5-1234").

    Words for keys ("four", "star") in the language of the conversation.
    """
    spoken = spoken_language().keys
    keys = [spoken.get(token, token) for token in _TOKEN.findall(said.lower())]
    return parse_number("".join(keys))


async def async_number_to_dial(hass: HomeAssistant, said: str) -> str:
    """The number to dial: as said, or the phonebook's contact said ("call Mum").

    A contact with several numbers is asked about, not guessed.
    """
    try:
        return dial_string(said)
    except GrandstreamValidationError:
        pass
    phonebook = await async_get_phonebook(hass)
    contact = (
        phonebook.contact_named(said)
        or phonebook.contact_named(normalise(said))
        or _contact_inflected(phonebook.contacts, said)
    )
    numbers = (
        []
        if contact is None
        else [dialled for number in contact.numbers if (dialled := _dialled(number))]
    )
    if contact is None or not numbers:
        raise RefusedError(
            Reply.CANNOT_DIAL,
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            number=said,
        )
    if len(numbers) > 1:
        raise RefusedError(
            Reply.WHICH_NUMBER,
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            name=contact.name,
            numbers=say_choices(numbers),
        )
    return numbers[0]


def _contact_inflected(contacts: tuple[Contact, ...], said: str) -> Contact | None:
    """The one contact said names in another case ("zadzwoń do mamy": Mama)."""
    named = [contact for contact in contacts if same_name(contact.name, said)]
    return named[0] if len(named) == 1 else None


def _dialled(number: str) -> str | None:
    """What a phonebook number dials; None for one that dials nothing (ext. 12)."""
    try:
        return dial_string(number)
    except GrandstreamValidationError:
        return None
