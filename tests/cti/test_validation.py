"""What may go into a request, and what never does."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.cti import (
    GrandstreamValidationError,
    parse_keys,
    parse_number,
    split_host,
)
from custom_components.grandstream_cti.cti.validation import check_in, is_valid_key

GUIDE_KEYS = [
    "SPEAKER", "XFER", "VUP", "VDOWN", "MUTE", "HOLD", "CONF", "VM", "HEADSET",
    "DND", "SEND", "LEFT_SOFT_KEY", "RIGHT_SOFT_KEY", "STAR", "HASH", "ONHOOK",
    "OFFHOOK", "OK", "LOCK", "UNLOCK", "UP", "DOWN", "LEFT", "RIGHT",
    *"0123456789*#",
    *(f"LINE{n}" for n in range(1, 9)),
    *(f"SOFT{n}" for n in range(1, 5)),
    *(f"MPK{n}" for n in range(1, 25)),
]  # fmt: skip


@pytest.mark.parametrize("key", GUIDE_KEYS)
def test_every_guide_key_is_accepted(key: str) -> None:
    assert is_valid_key(key)
    assert parse_keys([key.lower()]) == [key]


@pytest.mark.parametrize(
    "key",
    ["LINE0", "LINE9", "SOFT5", "MPK25", "MPK01", "REBOOT", "1&request=RESET", ""],
)
def test_keys_outside_the_guide_are_refused(key: str) -> None:
    with pytest.raises(GrandstreamValidationError):
        parse_keys([key])


def test_key_string_and_list() -> None:
    assert parse_keys("1:0:0:0:HASH") == ["1", "0", "0", "0", "HASH"]
    assert parse_keys(["1", "send"]) == ["1", "SEND"]
    with pytest.raises(GrandstreamValidationError):
        parse_keys([])
    with pytest.raises(GrandstreamValidationError):
        parse_keys(["1"] * 65)


@pytest.mark.parametrize(
    ("number", "dial"),
    [
        ("3501", "3501"),
        ("+49 30 1234-567", "+49301234567"),
        ("(555) 123.4567", "5551234567"),
        ("*97#", "*97#"),
    ],
)
def test_numbers(number: str, dial: str) -> None:
    assert parse_number(number) == dial


@pytest.mark.parametrize(
    "number",
    ["", "1&request=RESET", "12+3", "++1", "abc", "1" * 65, "1%26x", "1\n2;3"],
)
def test_numbers_refused(number: str) -> None:
    with pytest.raises(GrandstreamValidationError):
        parse_number(number)


@pytest.mark.parametrize(
    ("value", "ok"), [(1, True), (5, True), (0, False), (6, False), (True, False)]
)
def test_check_in(value: int, ok: bool) -> None:
    if ok:
        assert check_in(value, range(1, 6), "Handset") == value
    else:
        with pytest.raises(GrandstreamValidationError, match="Handset"):
            check_in(value, range(1, 6), "Handset")


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("192.168.5.135", ("192.168.5.135", None)),
        (" phone.local:8080 ", ("phone.local", 8080)),
        ("[fe80::1]:8443", ("fe80::1", 8443)),
        ("fe80::1", ("fe80::1", None)),
    ],
)
def test_split_host(host: str, expected: tuple[str, int | None]) -> None:
    assert split_host(host) == expected


@pytest.mark.parametrize(
    "host", ["", "a b", "host:99999", "host/path", "user@host", "host?x=1", "[::1"]
)
def test_split_host_refuses(host: str) -> None:
    with pytest.raises(GrandstreamValidationError):
        split_host(host)
