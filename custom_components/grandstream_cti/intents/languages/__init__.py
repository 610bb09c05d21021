"""The languages the voice commands speak, one module each."""

from __future__ import annotations

from homeassistant.util import language as language_util

from ..language import Language
from .cs import CS
from .de import DE
from .en import EN
from .es import ES
from .fr import FR
from .it import IT
from .nl import NL
from .pl import PL
from .pt_br import PT_BR

LANGUAGES = {
    language.code: language for language in (EN, DE, NL, FR, ES, IT, PT_BR, PL, CS)
}


def language_for(code: str | None) -> Language:
    """The language that speaks code best, as Home Assistant matches them.

    A regional variant speaks its language ("de-CH": German), Portuguese
    speaks Brazilian Portuguese; a language we have not: English.
    """
    if code and (matches := language_util.matches(code, LANGUAGES)):
        return LANGUAGES[matches[0]]
    return EN
