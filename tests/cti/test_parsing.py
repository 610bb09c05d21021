"""Every answer printed in the vendor's CTI guide, read by the client's parsers."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.cti import (
    CallState,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
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
    passcode_refusal,
    refusal_reason,
)
from tests.guide import guide_answer


def test_guide_line_status() -> None:
    lines = parse_line_status(decode_answer(guide_answer("line_status")))
    assert [line.line for line in lines] == [1, 2, 3]
    assert all(line.state is CallState.IDLE for line in lines)
    assert lines[0].remote_number == ""
    assert lines[0].active is False
    assert lines[0].extra == {}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (guide_answer("phone_status_available"), "available"),
        (guide_answer("phone_status_busy"), "busy"),
    ],
)
def test_guide_phone_status(body: bytes, status: str) -> None:
    parsed = parse_phone_status(decode_answer(body))
    assert parsed.status == status
    assert parsed.misc == "0"


@pytest.mark.parametrize(
    ("body", "registered", "active"),
    [
        (guide_answer("account_status_registered"), True, True),
        (guide_answer("account_status_unregistered"), False, False),
    ],
)
def test_guide_account_status(body: bytes, registered: bool, active: bool) -> None:
    parsed = parse_account_status(decode_answer(body), 1)
    assert parsed.registered is registered
    assert parsed.active is active
    assert parsed.profile == 1
    assert parsed.handset_mode == "HS1"


@pytest.mark.parametrize(
    ("body", "paired", "state"),
    [
        (guide_answer("hs_status_paired"), True, "idle"),
        (guide_answer("hs_status_unpaired"), False, ""),
    ],
)
def test_guide_handset_status(body: bytes, paired: bool, state: str) -> None:
    parsed = parse_handset_status(decode_answer(body), 1)
    assert parsed.paired is paired
    assert parsed.initialized is paired
    assert parsed.raw_state == state


def test_guide_handset_line_status() -> None:
    lines = parse_handset_line_status(decode_answer(guide_answer("hs_line_status")), 1)
    assert [line.line for line in lines] == list(range(1, 11))
    assert lines[0].account == "1"
    assert lines[0].registered is True
    assert lines[0].active is True
    assert lines[1].registered is False
    assert all(line.state is CallState.IDLE for line in lines)


@pytest.mark.parametrize(
    ("body", "success"),
    [
        (b'{"response": "success", "body": "complete"}', True),
        (b'{"response": "error", "body": "failed"}', False),
        (b'{"response": "success", "body": true}', True),
        (b'{"response": "error", "body": false}', False),
        (b'{"response": "error", "body": "unknown"}', False),
        (b'{"response":"success", "body": "savereboot"}', True),
        (b'{"response":"success", "body": "directreboot"}', True),
        (b'{"response":"success", "body": "reset"}', True),
        (b'{"response":"error", "body": "unknown"}', False),
        (b'{ "response": "success", "body": true }', True),
    ],
)
def test_guide_command_answers(body: bytes, success: bool) -> None:
    assert is_success(decode_answer(body)) is success


@pytest.mark.parametrize(
    ("body", "refusal"),
    [
        # Captured from a GXP1625 on firmware 1.0.7.81: a refused login.
        (b'{"response":"success", "body":"unauthorized"}', "unauthorized"),
        (b'{"response":"success","body":"forbidden"}', "forbidden"),
        (b'{"response":"error","body":" Unauthorized "}', "Unauthorized"),
        (b'{"response":"success", "body": "available", "misc": "0"}', None),
        (b'{"response":"error","body":"locked"}', None),
        (b'{"response": "success", "body": true}', None),
        (b'[{"id": 1, "reg": 1}]', None),
    ],
)
def test_passcode_refusal(body: bytes, refusal: str | None) -> None:
    assert passcode_refusal(decode_answer(body)) == refusal


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"response":"error","body":"locked"}', "locked"),
        (b'{"response":"error","body":"wrong4"}', "wrong4"),
        (b'{"response": "error", "body": false}', "False"),
        (b'{"response":"error"}', "no reason given"),
        (b'{"response":"error","body":""}', "no reason given"),
        (b'{"response":"error","body":"' + b"x" * 100 + b'"}', "x" * 40),
    ],
)
def test_refusal_reason(body: bytes, reason: str) -> None:
    assert refusal_reason(decode_answer(body)) == reason


def test_real_phone_variations() -> None:
    """Numbers as text, remotenumber instead of remotenum, states beyond the guide."""
    answer = decode_answer(
        b'{"response":"success","body":[{"line":"1","state":"RINGING","acct":1,'
        b'"remotename":"Alice","remotenumber":"+4930123","active":"1","codec":"PCMU"},'
        b'{"line":2,"state":"transferring","acct":"","remotename":null,'
        b'"remotenum":"","active":false}]}'
    )
    ringing, odd = parse_line_status(answer)
    assert ringing.state is CallState.RINGING
    assert ringing.remote_number == "+4930123"
    assert ringing.remote_name == "Alice"
    assert ringing.account == "1"
    assert ringing.active is True
    assert ringing.extra == {"codec": "PCMU"}
    assert odd.state is CallState.OTHER
    assert odd.raw_state == "transferring"
    assert odd.remote_name == ""


@pytest.mark.parametrize(
    ("raw", "state"),
    [
        ("idle", CallState.IDLE),
        ("ringing", CallState.RINGING),
        ("calling", CallState.DIALING),
        ("connected", CallState.TALKING),
        ("onhold", CallState.ON_HOLD),
        ("failed", CallState.FAILED),
        ("Connected ", CallState.TALKING),
        ("conferencing", CallState.OTHER),
    ],
)
def test_line_states_seen_on_real_phones(raw: str, state: CallState) -> None:
    answer = decode_answer(
        b'{"response":"success","body":[{"line":1,"state":"%s"}]}' % raw.encode()
    )
    assert parse_line_status(answer)[0].state is state


def test_accounts_bare_list_and_body() -> None:
    record = (
        b'{"id":1,"sip_server":"pbx.example","sip_id":"1001","name":"Desk","reg":1}'
    )
    bare = parse_accounts(decode_answer(b"[" + record + b"]"))
    wrapped = parse_accounts(
        decode_answer(b'{"response":"success","body":[' + record + b"]}")
    )
    assert bare == wrapped
    assert bare[0].id == 1
    assert bare[0].registered is True
    assert bare[0].sip_id == "1001"


def test_html_page_is_not_cti() -> None:
    with pytest.raises(GrandstreamNotSupportedError):
        decode_answer(b"\n<!DOCTYPE html><html><body>Login</body></html>")


@pytest.mark.parametrize(
    "body",
    [
        b'{"response":"success", "body": [{"line": 1, "sta',
        b"",
        b"null",
        b'"success"',
        b'{"body": "complete"}',
        b'{"response": 1}',
    ],
)
def test_broken_answers(body: bytes) -> None:
    with pytest.raises(GrandstreamResponseError):
        is_success(decode_answer(body))


@pytest.mark.parametrize(
    "answer",
    [
        {"response": "success", "body": "not a list"},
        {"response": "success", "body": [{"line": "one"}]},
        {"response": "success", "body": [["line", 1]]},
        {"response": "success", "body": [{"line": 1, "state": {"x": 1}}]},
        {"response": "success"},
    ],
)
def test_line_status_shapes_refused(answer: object) -> None:
    with pytest.raises(GrandstreamResponseError):
        parse_line_status(answer)


def test_member_missing_is_a_response_error() -> None:
    with pytest.raises(GrandstreamResponseError):
        parse_handset_status({"response": "success", "HS2": {}}, 1)
    with pytest.raises(GrandstreamResponseError):
        parse_account_status({"response": "success", "Account1": "x"}, 1)
