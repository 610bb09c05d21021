"""Phone numbers however people write them, reduced to one spelling to compare.

`+49 30 1234567`, `0049 30 1234567`, `+49 (0)30 1234567`, `tel:+49-30-1234567`
and, in Germany, `030 1234567` and `(030) 123-4567` are one number. A number
that is not international and has no trunk prefix, such as the extension
`201`, is compared exactly as written: it never matches `+49201`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import functools
import re
import unicodedata


@dataclass(frozen=True, slots=True)
class NumberingPlan:
    """How a country's numbers are dialled at home and from abroad."""

    calling_code: str
    # Dialled before a national number at home, left out after the calling
    # code: the 0 of 030 1234567 (+49 30 1234567). Empty where there is none.
    trunk_prefix: str = ""
    # The digits of a national number without the trunk prefix, where the
    # country has one length: then a number of that length is national even
    # without the trunk prefix (ten-digit dialling in North America).
    national_length: int | None = None
    # Dialled before the calling code of another country. 00 is read as well,
    # in every country: it is the ITU's recommendation and how most contacts
    # are written.
    international_prefix: str = "00"


# Home Assistant's country (ISO 3166-1) to its numbering plan. A country that
# is not here gets no national-number matching: its numbers match only when
# spelled with the same prefix, such as +39 06 1234567 and 0039 06 1234567.
# Italy is not here on purpose: it keeps the 0 of a landline after +39, and
# its national numbers vary in length, so none can be told from an extension.
NUMBERING_PLANS: Mapping[str, NumberingPlan] = {
    # A trunk prefix, national numbers of varying length.
    "AT": NumberingPlan("43", "0"),
    "AU": NumberingPlan("61", "0", international_prefix="0011"),
    "BE": NumberingPlan("32", "0"),
    "CH": NumberingPlan("41", "0"),
    "DE": NumberingPlan("49", "0"),
    "FI": NumberingPlan("358", "0"),
    "FR": NumberingPlan("33", "0"),
    "GB": NumberingPlan("44", "0"),
    "HU": NumberingPlan("36", "06"),
    "IE": NumberingPlan("353", "0"),
    "IN": NumberingPlan("91", "0"),
    "JP": NumberingPlan("81", "0", international_prefix="010"),
    "NL": NumberingPlan("31", "0"),
    "NZ": NumberingPlan("64", "0"),
    "SE": NumberingPlan("46", "0"),
    "SK": NumberingPlan("421", "0"),
    "ZA": NumberingPlan("27", "0"),
    # The North American Numbering Plan: ten digits, the trunk prefix 1 optional.
    "CA": NumberingPlan("1", "1", 10, "011"),
    "US": NumberingPlan("1", "1", 10, "011"),
    # Closed numbering plans: no trunk prefix, national numbers of one length.
    "CZ": NumberingPlan("420", "", 9),
    "DK": NumberingPlan("45", "", 8),
    "ES": NumberingPlan("34", "", 9),
    "GR": NumberingPlan("30", "", 10),
    "NO": NumberingPlan("47", "", 8),
    "PL": NumberingPlan("48", "", 9),
    "PT": NumberingPlan("351", "", 9),
}

# A URI's scheme: the number is what follows, up to its parameters or host.
_URI_SCHEME = re.compile(r"(?i)^(?:tel|sips?):")
# Spaces and punctuation that people write numbers with.
_SEPARATORS = str.maketrans(
    "", "", " -./()[]\u00a0\u2007\u2009\u202f\u2010\u2011\u2012\u2013\u2014"
)
_DIALLABLE = re.compile(r"\+?[0-9*#]+")
# An extension written after the number: `ext. 12`, `x12`, `extension 12`,
# `;ext=12` (RFC 3966), `Durchwahl 12`. It is part of the key: the number with
# it matches however the extension is written, never the number without it.
_EXTENSION = re.compile(
    r"(?i)\s*(?:;\s*ext=|,?\s*(?:ext\.?|extension|x|durchwahl|dw\.?)\s*)(\d{1,6})$"
)
_DIGITS = re.compile(r"[0-9]+")


def numbering_plan(country: str | None) -> NumberingPlan | None:
    """The numbering plan of an ISO country code, None if it is not known."""
    return NUMBERING_PLANS.get(country.upper()) if country else None


# A ring asks for its caller's key several times over (the line, the event, the
# name the phone showed), and a push waits for it.
@functools.lru_cache(maxsize=512)
def number_key(text: str, plan: NumberingPlan | None = None) -> str | None:
    """The spelling text is compared by, None if text is not a phone number.

    An international number becomes `+` and its digits. With a plan, a national
    number becomes international too. Anything else stays as dialled, without
    separators: extensions and feature codes (`201`, `*97`) match exactly.
    """
    number = tidy_number(text)
    if extension := _EXTENSION.search(number):
        base = number_key(number[: extension.start()], plan)
        return None if base is None else f"{base};ext={extension.group(1)}"
    if _URI_SCHEME.match(number):
        number = number.partition(":")[2]
        number = number.partition(";")[0].partition("@")[0]
    if number.startswith(("+", "00")):
        # +49 (0)30 1234567: the trunk prefix, shown but not dialled.
        number = number.replace("(0)", "")
    number = number.translate(_SEPARATORS)
    if not _DIALLABLE.fullmatch(number):
        return None
    if number.startswith("+") or not _DIGITS.fullmatch(number):
        return _without_trunk_prefix(number, plan)
    for prefix in _international_prefixes(plan):
        if number.startswith(prefix) and len(number) > len(prefix):
            return _without_trunk_prefix(f"+{number.removeprefix(prefix)}", plan)
    if plan is None:
        return number
    if plan.trunk_prefix and number.startswith(plan.trunk_prefix):
        national = number.removeprefix(plan.trunk_prefix)
        if national and plan.national_length in (None, len(national)):
            return f"+{plan.calling_code}{national}"
    if plan.national_length == len(number):
        return f"+{plan.calling_code}{number}"
    return number


def _without_trunk_prefix(number: str, plan: NumberingPlan | None) -> str:
    """+49 030 1234567 as +49 30 1234567: the trunk 0 written after the country code.

    Only for the plan's own country, whose trunk prefix is known to be left out
    after its calling code (Italy, which keeps its 0, is not in the table).
    """
    if plan is None or not plan.trunk_prefix:
        return number
    home = f"+{plan.calling_code}{plan.trunk_prefix}"
    if number.startswith(home) and len(number) > len(home):
        return f"+{plan.calling_code}{number.removeprefix(home)}"
    return number


def tidy_number(text: str) -> str:
    """A number as written, without runs of spaces and invisible marks.

    Address books put marks around numbers to keep them left-to-right (iOS
    exports them). Full-width digits and signs, as Japanese and Chinese input
    methods type them, become ASCII.
    """
    normal = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in normal if unicodedata.category(c) != "Cf")
    return " ".join(visible.split())


def same_number(first: str, second: str, plan: NumberingPlan | None = None) -> bool:
    """Whether two spellings are one phone number."""
    key = number_key(first, plan)
    return key is not None and key == number_key(second, plan)


def _international_prefixes(plan: NumberingPlan | None) -> tuple[str, ...]:
    if plan is None or plan.international_prefix == "00":
        return ("00",)
    # The longer first: 0011 is Australia's, where 00 alone is not.
    return tuple(sorted({plan.international_prefix, "00"}, key=len, reverse=True))
