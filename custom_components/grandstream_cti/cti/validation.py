"""Checks every value that goes into a request before the request is built.

The phone acts on whatever arrives in the query string, so only values from the
guide's lists reach it: keys from its key table, dial strings of digits, `*`, `#`
and a leading `+`, handsets 1-5, lines and accounts in range.
"""

from __future__ import annotations

from collections.abc import Iterable
import re

from .exceptions import GrandstreamValidationError

HANDSETS = range(1, 6)
GXP_LINES = range(1, 9)
DP_LINES = range(1, 11)
DP_ACCOUNTS = range(1, 11)
# Inferred: no GRP26xx has more than 16 accounts or lines (Grandstream's
# data sheets; lineup.md gives no count, the phone's answer lists its lines).
GRP_ACCOUNTS = range(1, 17)
GRP_LINES = range(1, 17)
MAX_NUMBER_LENGTH = 64
MAX_KEYS = 64

NAMED_KEYS = frozenset(
    {
        "SPEAKER", "XFER", "VUP", "VDOWN", "MUTE", "HOLD", "CONF", "VM", "HEADSET",
        "DND", "SEND", "HASH", "STAR", "LEFT_SOFT_KEY", "RIGHT_SOFT_KEY", "ONHOOK",
        "OFFHOOK", "OK", "LOCK", "UNLOCK", "UP", "DOWN", "LEFT", "RIGHT",
    }
)  # fmt: skip
KEYPAD_KEYS = frozenset("0123456789*#")
_NUMBERED_KEYS = {"LINE": range(1, 9), "SOFT": range(1, 5), "MPK": range(1, 25)}
_NUMBERED_KEY = re.compile(r"(LINE|SOFT|MPK)([1-9][0-9]?)")
# Separators people type or say inside a phone number; they are never dialled.
_NUMBER_SEPARATORS = re.compile(r"[\s\-./()]")
_NUMBER = re.compile(r"\+?[0-9*#]+")


def is_valid_key(key: str) -> bool:
    """Whether key is one of the guide's keys (upper case, as sent)."""
    if key in KEYPAD_KEYS or key in NAMED_KEYS:
        return True
    if match := _NUMBERED_KEY.fullmatch(key):
        return int(match.group(2)) in _NUMBERED_KEYS[match.group(1)]
    return False


def parse_keys(keys: str | Iterable[str]) -> list[str]:
    """Turn `1:0:0:0` or a list of keys into a checked list of upper-case keys."""
    items = keys.split(":") if isinstance(keys, str) else list(keys)
    parsed = [str(item).strip().upper() for item in items]
    if not parsed or len(parsed) > MAX_KEYS:
        raise GrandstreamValidationError(f"Send between 1 and {MAX_KEYS} keys")
    if bad := [key for key in parsed if not is_valid_key(key)]:
        raise GrandstreamValidationError(f"Unknown key: {bad[0]!r}")
    return parsed


def parse_number(number: str) -> str:
    """Return the dial string of number, or refuse it."""
    dial = _NUMBER_SEPARATORS.sub("", str(number))
    if not _NUMBER.fullmatch(dial) or len(dial) > MAX_NUMBER_LENGTH:
        raise GrandstreamValidationError(
            "A number may hold only digits, * and #, with an optional leading +"
        )
    return dial


def check_in(value: int, allowed: range, what: str) -> int:
    """Return value if it is a whole number in allowed, else refuse it."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise GrandstreamValidationError(
            f"{what} must be between {allowed.start} and {allowed.stop - 1}"
        )
    return value
