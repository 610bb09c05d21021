"""Fuzzing: whatever a phone answers, the parsers raise only the client's errors."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from custom_components.grandstream_cti.cti import (
    GrandstreamError,
    GrandstreamValidationError,
    parse_keys,
    parse_number,
)
from custom_components.grandstream_cti.cti.parsing import (
    decode_answer,
    is_success,
    parse_account_status,
    parse_accounts,
    parse_handset_line_status,
    parse_handset_status,
    parse_line_status,
    parse_phone_status,
)

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["success", "error", "idle", "ringing", "1", "0"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            [
                "response", "body", "line", "state", "acct", "remotenum",
                "remotenumber", "remotename", "active", "HS1", "Line1", "Status",
                "Account1", "Registered", "Active", "Profile", "HSMode", "id", "reg",
                "initialized", "subscribed", "status", "misc", "x",
            ]
        ),
        children,
        max_size=5,
    ),
    max_leaves=20,
)  # fmt: skip

PARSERS = [
    parse_line_status,
    parse_phone_status,
    parse_accounts,
    lambda answer: parse_account_status(answer, 1),
    lambda answer: parse_handset_status(answer, 1),
    lambda answer: parse_handset_line_status(answer, 1),
]


def _only_client_errors(answer: Any) -> None:
    for parser in PARSERS:
        try:
            is_success(answer)
            parser(answer)
        except GrandstreamError:
            pass


@FUZZ
@given(json_values)
def test_parsers_on_any_json(answer: Any) -> None:
    _only_client_errors(answer)


@FUZZ
@given(json_values)
def test_parsers_on_wrapped_json(body: Any) -> None:
    _only_client_errors({"response": "success", "body": body, "HS1": body})


@FUZZ
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_decode_any_bytes(body: bytes) -> None:
    with contextlib.suppress(GrandstreamError):
        _only_client_errors(decode_answer(body))


@FUZZ
@given(st.text(max_size=80))
def test_numbers_are_digits_or_refused(number: str) -> None:
    try:
        dial = parse_number(number)
    except GrandstreamValidationError:
        return
    assert dial
    assert set(dial[1:]) <= set("0123456789*#")
    assert dial[0] in "+0123456789*#"


@FUZZ
@given(st.lists(st.text(max_size=20), max_size=8) | st.text(max_size=60))
def test_keys_are_guide_keys_or_refused(keys: list[str] | str) -> None:
    try:
        parsed = parse_keys(keys)
    except GrandstreamValidationError:
        return
    for key in parsed:
        assert key.isalnum() or key in {"*", "#", "LEFT_SOFT_KEY", "RIGHT_SOFT_KEY"}
