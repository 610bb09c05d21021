"""GrandstreamClient against simulated phones over loopback, with a real aiohttp session.

Every request is checked on the phone's side (`phone.requests`: what arrived, passcode
shown as "***"), every answer through the client's models or the simulated phone's
state. Sections follow the client's promises: the guide's functions, family detection,
bad days, commands sent once, the passcode kept secret, validation before any request,
one request at a time, formatting differences, reboots, HTTPS, and host spellings.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
import itertools
import logging
from pathlib import Path
import socket
import ssl
import time
from typing import Any
from urllib.parse import quote, quote_plus

import aiohttp
from aiohttp import web
import pytest
import pytest_socket  # type: ignore[import-untyped]
from yarl import URL

from custom_components.grandstream_cti.cti import (
    CallState,
    DialMethod,
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamTimeoutError,
    GrandstreamValidationError,
    HandsetOperation,
    LineStatus,
    PhoneOperation,
    split_host,
)
from custom_components.grandstream_cti.cti.client import REDACTED
from simulator import EventKind, LineState, RecordedRequest, SimulatedPhone
from simulator.testing import CtiProbe
from tests.conftest import SILENT_PHONE_TIMEOUT

# Not the factory default, and full of characters a query string must escape.
PASSCODE = "s3cr&t pass=word"
# Every way the passcode could show up in a message, a URL or a log line.
PASSCODE_SPELLINGS = (
    PASSCODE,
    quote(PASSCODE, safe=""),
    quote_plus(PASSCODE),
    URL.build(query={"p": PASSCODE}).raw_query_string[2:],
    "s3cr",  # any fragment of it: the part before the "&" is already too much
    "pass=word",
)
# The client timeout (s) for the tests that make the phone hang: far more than a
# healthy answer takes even on a loaded 2-core machine.
FAST = SILENT_PHONE_TIMEOUT

type Call = Callable[[GrandstreamClient], Awaitable[object]]


# --------------------------------------------------------------------- fixtures


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """A real aiohttp session, as Home Assistant would lend the client."""
    async with aiohttp.ClientSession() as client_session:
        yield client_session


def make_client(
    session: aiohttp.ClientSession,
    phone: SimulatedPhone,
    passcode: str = PASSCODE,
    **kwargs: Any,
) -> GrandstreamClient:
    """A client for phone, with the test passcode unless told otherwise."""
    return GrandstreamClient(session, phone.host, passcode, **kwargs)


@pytest.fixture
def gxp(session: aiohttp.ClientSession, gxp_phone: SimulatedPhone) -> GrandstreamClient:
    """A client for the simulated GXP phone."""
    return make_client(session, gxp_phone, timeout=5)


@pytest.fixture
def dp(session: aiohttp.ClientSession, dp_phone: SimulatedPhone) -> GrandstreamClient:
    """A client for the simulated DP750 base (handsets 1 and 2 paired)."""
    return make_client(session, dp_phone, timeout=5)


@pytest.fixture
def gxp_fast(
    session: aiohttp.ClientSession, gxp_phone: SimulatedPhone
) -> GrandstreamClient:
    """A client for the GXP phone that gives up after FAST seconds."""
    return make_client(session, gxp_phone, timeout=FAST)


@pytest.fixture
def dp_fast(
    session: aiohttp.ClientSession, dp_phone: SimulatedPhone
) -> GrandstreamClient:
    """A client for the DP base that gives up after FAST seconds."""
    return make_client(session, dp_phone, timeout=FAST)


def guide(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    """A request's query as the guide writes it: passcode first, then pairs."""
    return [("passcode", "***"), *pairs]


def only_request(phone: SimulatedPhone, function: str) -> RecordedRequest:
    """The one request of function the phone received (fails on 0 or 2+)."""
    found = phone.requests_for(function)
    assert len(found) == 1, [r.to_dict() for r in phone.requests]
    request = found[0]
    assert request.path == f"/cgi-bin/{function}"
    assert request.method == "GET"  # the wire carries GET, whatever aiohttp was told
    assert request.authorized is True
    return request


def error_chain(err: BaseException) -> list[BaseException]:
    """err and every exception it was caused by or raised while handling."""
    seen: list[BaseException] = []
    todo = [err]
    while todo:
        current = todo.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        if isinstance(current, BaseExceptionGroup):
            todo += list(current.exceptions)
    return seen


def assert_no_passcode(text: str) -> None:
    """No spelling of the passcode in text."""
    for spelling in PASSCODE_SPELLINGS:
        assert spelling not in text, text


def assert_error_keeps_secret(err: BaseException) -> None:
    """Neither err nor anything in its chain shows the passcode."""
    for link in error_chain(err):
        assert_no_passcode(str(link))
        assert_no_passcode(repr(link))
        for arg in link.args:
            assert_no_passcode(repr(arg))


async def wait_for(predicate: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait until predicate() holds (fail after seconds)."""
    for _ in range(int(seconds * 100)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    assert predicate()


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TinyServer:
    """A bare aiohttp server for answers the simulator cannot give (redirects, IPv6)."""

    def __init__(self, handler: Callable[[web.Request], Awaitable[web.Response]]):
        """Answer every request with handler."""
        self.handler = handler
        self.requests: list[web.Request] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def _handle(self, request: web.Request) -> web.Response:
        self.requests.append(request)
        return await self.handler(request)

    async def start(self, bind: str = "127.0.0.1") -> None:
        """Listen on a free port of bind."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, bind, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()


async def _phone_status_answer(request: web.Request) -> web.Response:
    return web.json_response({"response": "success", "body": "busy", "misc": "0"})


# ------------------------------------------- 1. every guide function, right family


async def test_line_status(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    gxp_phone.ring(2, "+4930123", "Alice")
    lines = await gxp.line_status()
    assert only_request(gxp_phone, "api-get_line_status").items == guide()
    assert [line.line for line in lines] == [1, 2, 3]
    assert [line.state for line in lines] == [
        CallState.IDLE,
        CallState.RINGING,
        CallState.IDLE,
    ]
    ringing = lines[1]
    assert ringing.raw_state == "ringing"
    assert ringing.remote_number == "+4930123"
    assert ringing.remote_name == "Alice"
    assert ringing.account == "1"
    assert ringing.active is True
    assert lines[0].remote_number == ""
    assert lines[0].active is False


async def test_phone_status(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    status = await gxp.phone_status()
    assert only_request(gxp_phone, "api-get_phone_status").items == guide()
    assert status.status == "available"
    assert status.available is True
    assert status.misc == "0"
    gxp_phone.dial("3501")
    busy = await gxp.phone_status()
    assert busy.status == "busy"
    assert busy.available is False


async def test_accounts(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    gxp_phone.state.configure_account(2, sip_id="2002", name="Office", registered=False)
    accounts = await gxp.accounts()
    assert only_request(gxp_phone, "api-get_accounts").items == guide()
    assert [account.id for account in accounts] == [1, 2, 3]
    first, second, third = accounts
    assert (first.sip_id, first.sip_server, first.name, first.registered) == (
        "1001",
        "pbx.example.com",
        "Account 1",
        True,
    )
    assert (second.sip_id, second.name, second.registered) == ("2002", "Office", False)
    assert (third.sip_id, third.registered) == ("", False)


def _ringing(phone: SimulatedPhone, line: int, hs: int | None) -> None:
    phone.ring(line, "5551234", "Alice", hs)


def _talking(phone: SimulatedPhone, line: int, hs: int | None) -> None:
    phone.ring(line, "5551234", "Alice", hs)
    phone.answer(line, hs)


def _held(phone: SimulatedPhone, line: int, hs: int | None) -> None:
    _talking(phone, line, hs)
    phone.hold(line, hs)


def _calling(phone: SimulatedPhone, line: int, hs: int | None) -> None:
    phone.dial("3501", hs, line=line)


# operation, the call it acts on, the line's state afterwards, the event it fires
GUIDE_GXP_OPERATIONS = [
    ("endcall", _talking, LineState.IDLE, EventKind.TERMINATED),
    ("holdcall", _talking, LineState.ONHOLD, EventKind.HOLD),
    ("acceptcall", _ringing, LineState.CONNECTED, EventKind.ESTABLISHED),
    ("rejectcall", _ringing, LineState.IDLE, EventKind.MISSED),
    ("cancel", _calling, LineState.IDLE, EventKind.OUTGOING),
]


@pytest.mark.parametrize(("cmd", "setup", "after", "event"), GUIDE_GXP_OPERATIONS)
async def test_phone_operation(
    *,
    gxp: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    cmd: str,
    setup: Callable[[SimulatedPhone, int, int | None], None],
    after: LineState,
    event: EventKind,
) -> None:
    setup(gxp_phone, 1, None)
    before = gxp_phone.line(1).state
    await gxp.phone_operation(PhoneOperation(cmd))
    assert only_request(gxp_phone, "api-phone_operation").items == guide(("cmd", cmd))
    assert before is not after
    assert gxp_phone.line(1).state is after
    assert gxp_phone.events[-1].kind is event


async def test_phone_operation_has_no_unhold(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """The guide's api-phone_operation has no unholdcall: refused, not sent."""
    _held(gxp_phone, 1, None)
    with pytest.raises(GrandstreamValidationError, match="no unholdcall"):
        await gxp.phone_operation(PhoneOperation.UNHOLD_CALL)
    assert gxp_phone.requests == []
    assert gxp_phone.line(1).state is LineState.ONHOLD


async def test_resume_line_presses_its_key(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """A held call is resumed the way a person does it: with its line's key."""
    _held(gxp_phone, 2, None)
    await gxp.resume_line(2)
    assert only_request(gxp_phone, "api-send_key").items == guide(("keys", "LINE2"))
    assert gxp_phone.line(2).state is LineState.CONNECTED
    assert gxp_phone.events[-1].kind is EventKind.UNHOLD


@pytest.mark.parametrize("line", [0, 9])
async def test_resume_line_without_key(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone, line: int
) -> None:
    """The guide's line keys are LINE1-LINE8."""
    with pytest.raises(GrandstreamValidationError):
        await gxp.resume_line(line)
    assert gxp_phone.requests == []


async def test_phone_operation_refused_by_phone(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """Nothing to accept: the phone answers {"response":"error","body":false}."""
    with pytest.raises(GrandstreamCommandError, match="api-phone_operation"):
        await gxp.phone_operation(PhoneOperation.ACCEPT_CALL)
    assert only_request(gxp_phone, "api-phone_operation").status == 200
    assert gxp_phone.line(1).state is LineState.IDLE


async def test_account_status(dp: GrandstreamClient, dp_phone: SimulatedPhone) -> None:
    account = await dp.account_status(1)
    assert only_request(dp_phone, "api-get_account_status").items == guide(
        ("account", "1")
    )
    assert account.account == 1
    assert account.registered is True
    assert account.active is True
    assert account.profile == 1
    assert account.handset_mode == "HS1"
    dp_phone.set_registered(1, False)
    assert (await dp.account_status(1)).registered is False
    unused = await dp.account_status(10)
    assert (unused.account, unused.registered, unused.active) == (10, False, False)
    assert dp_phone.requests[-1].items == guide(("account", "10"))


async def test_handset_status(dp: GrandstreamClient, dp_phone: SimulatedPhone) -> None:
    dp_phone.ring(1, "5551234", "Alice", 2)
    first = await dp.handset_status(1)
    assert only_request(dp_phone, "api-get_hs_status").items == guide(("hs", "1"))
    assert (first.handset, first.paired, first.initialized) == (1, True, True)
    assert first.state is CallState.IDLE
    second = await dp.handset_status(2)
    assert second.raw_state == "ringing"
    assert second.state is CallState.RINGING
    unpaired = await dp.handset_status(5)
    assert dp_phone.requests[-1].items == guide(("hs", "5"))
    assert (unpaired.paired, unpaired.initialized, unpaired.raw_state) == (
        False,
        False,
        "",
    )


async def test_handset_line_status(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    dp_phone.ring(3, "+4930123", "Bob", 2)
    lines = await dp.handset_line_status(2)
    assert only_request(dp_phone, "api-get_hs_line_status").items == guide(("hs", "2"))
    assert [line.line for line in lines] == list(range(1, 11))
    assert lines[2].state is CallState.RINGING
    assert (lines[2].remote_number, lines[2].remote_name) == ("+4930123", "Bob")
    assert lines[2].registered is True
    assert [line.state for line in lines].count(CallState.IDLE) == 9
    assert (await dp.handset_line_status(1))[2].state is CallState.IDLE


async def test_make_call_dp_handset(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    assert await dp.make_call("3501", handset=2) is DialMethod.MAKE_CALL
    assert only_request(dp_phone, "api-make_call").items == guide(
        ("hs", "2"), ("phonenumber", "3501")
    )
    assert dp_phone.line(1, 2).state is LineState.CALLING
    assert dp_phone.line(1, 2).remote_number == "3501"
    assert dp_phone.line(1, 1).state is LineState.IDLE
    assert not dp_phone.requests_for("api-send_key")


async def test_make_call_gxp_click_to_dial(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    assert await gxp.make_call("+49 (30) 123-45") is DialMethod.MAKE_CALL
    assert only_request(gxp_phone, "api-make_call").items == guide(
        ("phonenumber", "+493012345")
    )
    assert gxp_phone.line(1).state is LineState.CALLING
    assert gxp_phone.station().dialled == ["+493012345"]
    assert not gxp_phone.requests_for("api-send_key")


async def test_make_call_gxp_without_click_to_dial_dials_with_keys(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.state.click_to_dial = False
    # The caller learns that Click-To-Dial is off from how the call was dialled.
    assert await gxp.make_call("*72#3501") is DialMethod.KEYS
    refused = only_request(gxp_phone, "api-make_call")
    assert refused.items == guide(("phonenumber", "*72#3501"))
    assert only_request(gxp_phone, "api-send_key").items == guide(
        ("keys", "*:7:2:#:3:5:0:1:SEND")
    )
    assert [r.function for r in gxp_phone.requests] == ["api-make_call", "api-send_key"]
    assert gxp_phone.line(1).state is LineState.CALLING
    assert gxp_phone.station().dialled == ["*72#3501"]


async def test_make_call_gxp_without_make_call_function_dials_with_keys(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """Older firmware answers api-make_call with 404: keys and SEND as well."""
    await gxp_phone.set_fault("http_404", count=1)
    assert await gxp.make_call("3501") is DialMethod.KEYS
    assert [r.function for r in gxp_phone.requests] == ["api-make_call", "api-send_key"]
    assert gxp_phone.requests[-1].items == guide(("keys", "3:5:0:1:SEND"))
    assert gxp_phone.station().dialled == ["3501"]


async def test_make_call_gxp_fallback_refused_for_plus(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.state.click_to_dial = False
    with pytest.raises(GrandstreamClickToDialError) as info:
        await gxp.make_call("+4930123")
    assert (
        str(info.value) == "api-make_call: the phone refused (False), and + has no key"
    )
    only_request(gxp_phone, "api-make_call")
    assert not gxp_phone.requests_for("api-send_key")
    assert gxp_phone.line(1).state is LineState.IDLE


async def test_make_call_gxp_fallback_refused_too(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """Both refused: the error is make_call's, what the caller asked for."""
    await gxp_phone.set_fault("response_error", count=2)
    with pytest.raises(GrandstreamCommandError) as info:
        await gxp.make_call("3501")
    assert type(info.value) is GrandstreamCommandError
    assert str(info.value) == "api-make_call: the phone refused (failed)"
    assert [r.function for r in gxp_phone.requests] == ["api-make_call", "api-send_key"]
    assert gxp_phone.station().dialled == []


GUIDE_DP_LINE_OPERATIONS = [
    (PhoneOperation.END_CALL, _talking, LineState.IDLE),
    (PhoneOperation.HOLD_CALL, _talking, LineState.ONHOLD),
    (PhoneOperation.UNHOLD_CALL, _held, LineState.CONNECTED),
    (PhoneOperation.ACCEPT_CALL, _ringing, LineState.CONNECTED),
    (PhoneOperation.REJECT_CALL, _ringing, LineState.IDLE),
    (PhoneOperation.CANCEL, _calling, LineState.IDLE),
]


@pytest.mark.parametrize("with_line", [True, False], ids=["line", "no_line"])
@pytest.mark.parametrize(("operation", "setup", "after"), GUIDE_DP_LINE_OPERATIONS)
async def test_device_operation_on_a_line(
    *,
    dp: GrandstreamClient,
    dp_phone: SimulatedPhone,
    operation: PhoneOperation,
    setup: Callable[[SimulatedPhone, int, int | None], None],
    after: LineState,
    with_line: bool,
) -> None:
    setup(dp_phone, 2, 1)
    setup(dp_phone, 2, 2)  # the same call on handset 2 must stay as it is
    untouched = dp_phone.line(2, 2).state
    await dp.device_operation(operation, 1, 2 if with_line else None)
    line = [("line", "2")] if with_line else []
    assert only_request(dp_phone, "api-device_operation").items == guide(
        ("hs", "1"), *line, ("cmd", operation.value)
    )
    assert dp_phone.line(2, 1).state is after
    assert dp_phone.line(2, 2).state is untouched


@pytest.mark.parametrize(
    ("operation", "attribute", "before"),
    [
        (HandsetOperation.MUTE, "muted", False),
        (HandsetOperation.SPEAKER, "speaker", False),
        (HandsetOperation.SET_DND, "dnd", False),
        (HandsetOperation.UNSET_DND, "dnd", True),
    ],
)
async def test_device_operation_handset_wide(
    dp: GrandstreamClient,
    dp_phone: SimulatedPhone,
    operation: HandsetOperation,
    attribute: str,
    before: bool,
) -> None:
    for hs in (1, 2):
        setattr(dp_phone.station(hs), attribute, before)
    await dp.device_operation(operation, 2)
    assert only_request(dp_phone, "api-device_operation").items == guide(
        ("hs", "2"), ("cmd", operation.value)
    )
    assert getattr(dp_phone.station(2), attribute) is not before
    assert getattr(dp_phone.station(1), attribute) is before


async def test_device_operation_refused_by_phone(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    """Handset 3 is not paired: the base answers {"response":"error","body":false}."""
    with pytest.raises(GrandstreamCommandError, match="api-device_operation"):
        await dp.device_operation(HandsetOperation.SET_DND, 3)
    assert only_request(dp_phone, "api-device_operation").status == 200
    assert dp_phone.station(3).dnd is False


@pytest.mark.parametrize(
    ("keys", "sent", "digits"),
    [
        ("1:0:0:0", "1:0:0:0", list("1000")),  # the guide's example
        ("1:0:0:0:#", "1:0:0:0:#", list("1000#")),
        (["*", "7", "2", "HASH"], "*:7:2:#", list("*72#")),
        ("star:5:hash", "*:5:#", list("*5#")),
    ],
)
async def test_send_keys_gxp_digits(
    gxp: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    keys: str | list[str],
    sent: str,
    digits: list[str],
) -> None:
    await gxp.send_keys(keys)
    # an unescaped "#" would end the URL there: the phone would get "1:0:0:0:"
    assert only_request(gxp_phone, "api-send_key").items == guide(("keys", sent))
    assert gxp_phone.station().digits == digits


@pytest.mark.parametrize(
    ("keys", "sent", "digits"),
    [
        ("1:0:0:0:HASH", "1:0:0:0:HASH", list("1000#")),  # the guide's example
        ("1:0:0:0:#", "1:0:0:0:HASH", list("1000#")),
        (["*", "7", "#"], "STAR:7:HASH", list("*7#")),
    ],
)
async def test_send_keys_dp_handset(
    dp: GrandstreamClient,
    dp_phone: SimulatedPhone,
    keys: str | list[str],
    sent: str,
    digits: list[str],
) -> None:
    await dp.send_keys(keys, handset=2)
    assert only_request(dp_phone, "api-send_key").items == guide(
        ("hs", "2"), ("keys", sent)
    )
    assert dp_phone.station(2).digits == digits
    assert dp_phone.station(1).digits == []


async def test_send_keys_named_keys(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.ring(1)
    await gxp.send_keys(["VUP", "VUP", "DND", "LINE1"])
    assert only_request(gxp_phone, "api-send_key").items == guide(
        ("keys", "VUP:VUP:DND:LINE1")
    )
    station = gxp_phone.station()
    assert station.volume == 6
    assert station.dnd is True
    assert gxp_phone.line(1).state is LineState.CONNECTED  # LINE1 answers


async def test_send_keys_dp_offhook_answers(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    dp_phone.ring(1, hs=1)
    await dp.send_keys("OFFHOOK", handset=1)
    assert only_request(dp_phone, "api-send_key").items == guide(
        ("hs", "1"), ("keys", "OFFHOOK")
    )
    assert dp_phone.line(1, 1).state is LineState.CONNECTED


async def test_send_keys_refused_by_phone(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """A DP-only key on a GXP: {"response":"error","body":"unknown"}."""
    with pytest.raises(GrandstreamCommandError, match=r"api-send_key.*unknown"):
        await gxp.send_keys("LEFT_SOFT_KEY")
    assert only_request(gxp_phone, "api-send_key").items == guide(
        ("keys", "LEFT_SOFT_KEY")
    )
    assert gxp_phone.station().keys == []


@pytest.mark.parametrize("family", ["gxp", "dp"])
async def test_reboot(
    session: aiohttp.ClientSession,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
) -> None:
    phone = gxp_phone if family == "gxp" else dp_phone
    client = make_client(session, phone)
    phone.ring(1, hs=None if family == "gxp" else 1)
    await client.reboot()
    assert only_request(phone, "api-sys_operation").items == guide(
        ("request", "REBOOT")
    )
    await wait_for(lambda: phone.boot_count == 1)
    assert phone.line(1, None if family == "gxp" else 1).state is LineState.IDLE
    assert phone.passcode == PASSCODE  # a reboot keeps the settings


async def test_factory_reset(
    session: aiohttp.ClientSession, gxp_phone: SimulatedPhone
) -> None:
    client = make_client(session, gxp_phone)
    await client.factory_reset()
    assert only_request(gxp_phone, "api-sys_operation").items == guide(
        ("request", "RESET")
    )
    await wait_for(lambda: gxp_phone.boot_count == 1)
    assert gxp_phone.passcode == "admin"
    with pytest.raises(GrandstreamAuthenticationError):
        await client.phone_status()
    assert (await make_client(session, gxp_phone, "admin").phone_status()).available


# ------------------------------------------------------------ 2. family detection


async def test_detect_gxp(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    assert await gxp.detect_family() is Family.GXP
    assert [r.function for r in gxp_phone.requests] == ["api-get_phone_status"]


async def test_detect_dp(dp: GrandstreamClient, dp_phone: SimulatedPhone) -> None:
    assert await dp.detect_family() is Family.DP
    assert [(r.function, r.status) for r in dp_phone.requests] == [
        ("api-get_phone_status", 404),
        ("api-get_hs_status", 200),
    ]
    assert dp_phone.requests[-1].items == guide(("hs", "1"))


@pytest.mark.parametrize("family", ["gxp", "dp"])
async def test_detect_refused_passcode_tries_once(
    session: aiohttp.ClientSession,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
) -> None:
    """Firmware locks the account after 5 failures: one wrong try, then stop."""
    phone = gxp_phone if family == "gxp" else dp_phone
    client = make_client(session, phone, "wrong")
    with pytest.raises(GrandstreamAuthenticationError):
        await client.detect_family()
    refused = [r for r in phone.requests if r.authorized is False]
    assert len(refused) == 1
    assert phone.guard.total_failures == 1
    # A DP base first answers 404 to the GXP probe: that one never checks passcodes.
    assert len(phone.requests) == (1 if family == "gxp" else 2)
    assert not phone.locked


@pytest.mark.parametrize(
    ("style", "read_error", "command_error"),
    [
        # An error answer to a command may be a refused command as well: the
        # caller tells them apart with a status read.
        ("json_error", GrandstreamAuthenticationError, GrandstreamCommandError),
        ("401", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
        ("403", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
        ("html", GrandstreamNotSupportedError, GrandstreamNotSupportedError),
        (
            "success_unauthorized",
            GrandstreamAuthenticationError,
            GrandstreamAuthenticationError,
        ),
        (
            "success_forbidden",
            GrandstreamAuthenticationError,
            GrandstreamAuthenticationError,
        ),
    ],
)
@pytest.mark.parametrize("command", [False, True], ids=["read", "command"])
async def test_refused_passcode_styles(
    session: aiohttp.ClientSession,
    *,
    style: str,
    read_error: type[GrandstreamError],
    command_error: type[GrandstreamError],
    command: bool,
) -> None:
    error = command_error if command else read_error
    async with SimulatedPhone("gxp", passcode=PASSCODE, auth_failure=style) as phone:
        client = make_client(session, phone, "wrong")
        with pytest.raises(error) as info:
            await (client.send_keys("VUP") if command else client.phone_status())
        assert type(info.value) is error
        assert phone.guard.total_failures == 1
        assert len(phone.requests) == 1


@pytest.mark.parametrize("word", ["unauthorized", "forbidden"])
async def test_gxp1625_refusal_with_success(
    session: aiohttp.ClientSession, word: str
) -> None:
    """A GXP1625 (1.0.7.81) refuses a login with "success": no phone status."""
    async with SimulatedPhone(
        "gxp", passcode=PASSCODE, auth_failure=f"success_{word}", model="GXP1625"
    ) as phone:
        client = make_client(session, phone, "wrong")
        with pytest.raises(GrandstreamAuthenticationError) as info:
            await client.detect_family()
        assert str(info.value) == (
            f"api-get_phone_status: the phone refused the passcode ({word})"
        )
        assert len(phone.requests) == 1


async def test_lockout_word_kept(session: aiohttp.ClientSession) -> None:
    """A locked phone's own word reaches the caller: a wait, not a new password."""
    async with SimulatedPhone("gxp", passcode=PASSCODE, max_auth_failures=1) as phone:
        wrong = make_client(session, phone, "wrong")
        with pytest.raises(GrandstreamAuthenticationError, match=r"\(failed\)$"):
            await wrong.phone_status()
        assert phone.locked
        right = make_client(session, phone)
        with pytest.raises(GrandstreamAuthenticationError) as info:
            await right.phone_status()
        assert str(info.value) == (
            "api-get_phone_status: the phone refused the passcode (locked)"
        )


@pytest.mark.parametrize("mode", ["html", "http_404"])
async def test_detect_without_cti(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone, mode: str
) -> None:
    """A web page or 404 where CTI belongs: CTI is off (the `cti_disabled` error)."""
    await gxp_phone.set_fault(mode)
    with pytest.raises(GrandstreamNotSupportedError):
        await gxp.detect_family()
    assert [r.function for r in gxp_phone.requests] == [
        "api-get_phone_status",
        "api-get_hs_status",
    ]


# -------------------------------------------------------- 3. every fault, two ways


async def _read(client: GrandstreamClient) -> object:
    return await client.phone_status()


async def _command(client: GrandstreamClient) -> None:
    await client.send_keys("VUP")


FAULTS = [
    # mode, error of a status read, error of a command (exact types)
    ("connection_refused", GrandstreamConnectionError, GrandstreamConnectionError),
    ("timeout", GrandstreamTimeoutError, GrandstreamTimeoutError),
    ("html", GrandstreamNotSupportedError, GrandstreamNotSupportedError),
    ("malformed_json", GrandstreamResponseError, GrandstreamResponseError),
    ("truncated", GrandstreamResponseError, GrandstreamResponseError),
    ("response_error", GrandstreamAuthenticationError, GrandstreamCommandError),
    ("http_401", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
    ("http_403", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
    ("http_404", GrandstreamNotSupportedError, GrandstreamNotSupportedError),
    ("http_500", GrandstreamConnectionError, GrandstreamConnectionError),
    ("reset", GrandstreamConnectionError, GrandstreamConnectionError),
]


@pytest.mark.parametrize("kind", ["read", "command"])
@pytest.mark.parametrize(("mode", "read_error", "command_error"), FAULTS)
async def test_fault(
    *,
    gxp_fast: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    mode: str,
    read_error: type[GrandstreamError],
    command_error: type[GrandstreamError],
    kind: str,
) -> None:
    call, error = (_read, read_error) if kind == "read" else (_command, command_error)
    await gxp_phone.set_fault(mode)
    with pytest.raises(GrandstreamError) as info:
        await call(gxp_fast)
    assert type(info.value) is error
    function = "api-get_phone_status" if kind == "read" else "api-send_key"
    assert str(info.value).startswith(f"{function}: ")
    assert gxp_phone.station().volume == 4  # the faulty phone did not act
    await gxp_phone.clear_fault()
    await call(gxp_fast)  # the same client works once the phone is well again
    assert gxp_phone.station().volume == (4 if kind == "read" else 5)


@pytest.mark.parametrize("kind", ["read", "command"])
async def test_slow_phone_within_timeout(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone, kind: str
) -> None:
    await gxp_phone.set_fault("slow", delay=0.2)
    started = time.monotonic()
    if kind == "read":
        assert (await gxp_fast.phone_status()).available
    else:
        await gxp_fast.send_keys("VUP")
        assert gxp_phone.station().volume == 5
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize("kind", ["read", "command"])
async def test_slow_phone_beyond_timeout(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone, kind: str
) -> None:
    await gxp_phone.set_fault("slow", delay=3)
    started = time.monotonic()
    # The client's own timeout ended the wait (the phone answers after 3 s);
    # how long past it the machine took to say so is not this test's business.
    with pytest.raises(GrandstreamTimeoutError, match=f"within {FAST:g} s"):
        await (_read if kind == "read" else _command)(gxp_fast)
    assert time.monotonic() - started >= FAST - 0.05


async def test_dp_faults_on_handset_functions(
    dp_fast: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    await dp_phone.set_fault("response_error")
    with pytest.raises(GrandstreamAuthenticationError):
        await dp_fast.handset_line_status(1)
    with pytest.raises(GrandstreamCommandError):
        await dp_fast.device_operation(HandsetOperation.MUTE, 1)
    await dp_phone.set_fault("malformed_json")
    with pytest.raises(GrandstreamResponseError):
        await dp_fast.account_status(1)
    assert dp_phone.station(1).muted is False


# ------------------------------------------------- 4. no command is ever sent twice

COMMANDS: list[tuple[str, str, Call]] = [
    ("gxp", "api-make_call", lambda c: c.make_call("3501")),
    ("gxp", "api-phone_operation", lambda c: c.phone_operation(PhoneOperation.CANCEL)),
    ("gxp", "api-send_key", lambda c: c.send_keys("3:5:0:1:SEND")),
    ("gxp", "api-sys_operation", lambda c: c.reboot()),
    ("gxp", "api-sys_operation", lambda c: c.factory_reset()),
    ("dp", "api-make_call", lambda c: c.make_call("3501", handset=1)),
    (
        "dp",
        "api-device_operation",
        lambda c: c.device_operation(PhoneOperation.CANCEL, 1, 1),
    ),
    ("dp", "api-send_key", lambda c: c.send_keys("OFFHOOK", handset=1)),
]


@pytest.mark.parametrize("mode", ["reset", "timeout"])
@pytest.mark.parametrize(
    ("family", "function", "command"),
    COMMANDS,
    ids=[f"{family}-{fn}-{i}" for i, (family, fn, _) in enumerate(COMMANDS)],
)
async def test_command_sent_once(
    *,
    gxp_fast: GrandstreamClient,
    dp_fast: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    function: str,
    command: Call,
    mode: str,
) -> None:
    """A phone that lost the answer has acted: sending again would dial twice."""
    phone, client = (gxp_phone, gxp_fast) if family == "gxp" else (dp_phone, dp_fast)
    if family == "dp":
        await client.handset_status(1)
    else:
        await client.phone_status()
    phone.clear_requests()  # a kept-alive connection now waits in aiohttp's pool
    await phone.set_fault(mode, count=1)
    expected = (
        GrandstreamTimeoutError if mode == "timeout" else GrandstreamConnectionError
    )
    with pytest.raises(expected):
        await command(client)
    assert len(phone.requests_for(function)) == 1
    assert len(phone.requests) == 1  # and nothing else either (no SEND fallback)
    assert phone.requests[0].fault == mode
    assert phone.boot_count == 0
    assert not phone.rebooting


async def test_no_connection_is_kept_for_a_command_to_reuse(
    session: aiohttp.ClientSession, gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """A kept-alive connection the phone closes just as a command goes out would
    lose the command for good; so every request gets a connection of its own."""
    await gxp.line_status()
    await gxp.send_keys(["MUTE"])
    assert session.connector is not None
    assert not any(session.connector._conns.values())
    assert len(gxp_phone.requests_for("api-send_key")) == 1


# ------------------------------------------------------------ 5. the passcode stays

LEAK_FAULTS = [mode for mode, _, _ in FAULTS]


@pytest.mark.parametrize("mode", LEAK_FAULTS)
async def test_passcode_not_in_errors(
    gxp_fast: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    mode: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    await gxp_phone.set_fault(mode)
    calls: list[Call] = [
        _read,
        _command,
        lambda c: c.make_call("+4930123"),
        lambda c: c.accounts(),
    ]
    for call in calls:
        with pytest.raises(GrandstreamError) as info:
            await call(gxp_fast)
        assert_error_keeps_secret(info.value)
    assert_no_passcode(caplog.text)


async def test_passcode_not_in_errors_when_refused(
    session: aiohttp.ClientSession,
    gxp_phone: SimulatedPhone,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    gxp_phone.change_passcode("another one")
    client = make_client(session, gxp_phone)
    for call in (_read, _command):
        with pytest.raises(GrandstreamError) as info:
            await call(client)
        assert_error_keeps_secret(info.value)
    assert gxp_phone.guard.total_failures == 2
    assert_no_passcode(caplog.text)


async def test_passcode_not_in_errors_when_nothing_listens(
    session: aiohttp.ClientSession,
) -> None:
    client = GrandstreamClient(session, f"127.0.0.1:{free_port()}", PASSCODE)
    for call in (_read, _command):
        with pytest.raises(GrandstreamConnectionError) as info:
            await call(client)
        assert_error_keeps_secret(info.value)


async def test_passcode_not_in_errors_of_bad_answers(
    session: aiohttp.ClientSession,
) -> None:
    """An answer that echoes the request URL (some web servers do) is redacted."""

    async def echo(request: web.Request) -> web.Response:
        return web.Response(text=f"not json: {request.raw_path}", status=200)

    server = TinyServer(echo)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        with pytest.raises(GrandstreamResponseError) as info:
            await client.phone_status()
        assert_error_keeps_secret(info.value)
        assert server.requests[0].query["passcode"] == PASSCODE
    finally:
        await server.close()


@pytest.mark.parametrize(
    "answer",
    [
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"resp',
    ],
    ids=["not-http", "bad-chunk", "short-body"],
)
async def test_passcode_not_in_errors_of_broken_http(
    session: aiohttp.ClientSession, answer: bytes
) -> None:
    """aiohttp's error for a broken HTTP answer carries the URL, passcode included.

    The client's message shows it redacted, and the original error must not ride
    along as __cause__ or __context__ either.
    """

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(reply, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{port}", PASSCODE)
        for call in (_read, _command):
            with pytest.raises(GrandstreamConnectionError) as info:
                await call(client)
            assert_error_keeps_secret(info.value)
    finally:
        server.close()
        await server.wait_closed()


async def test_redact(session: aiohttp.ClientSession) -> None:
    client = GrandstreamClient(session, "phone.local", PASSCODE)
    url = str(client.url("api-get_line_status"))
    assert URL(url).query["passcode"] == PASSCODE
    text = (
        f"raw {PASSCODE} | percent {quote(PASSCODE, safe='')} | "
        f"plus {quote_plus(PASSCODE)} | url {url}"
    )
    redacted = client.redact(text)
    assert_no_passcode(redacted)
    assert redacted.count(REDACTED) == 4
    assert redacted.startswith("raw **REDACTED** | percent **REDACTED** | plus ")
    assert redacted.endswith("/cgi-bin/api-get_line_status?passcode=**REDACTED**")
    assert client.redact("nothing secret here") == "nothing secret here"
    assert GrandstreamClient(session, "phone.local", "").redact("a b") == "a b"


# ------------------------------------------- 6. validation before any request


async def _dp_device(client: GrandstreamClient, operation: str, *args: Any) -> None:
    await client.device_operation(operation, *args)  # type: ignore[arg-type]


async def _gxp_operation(client: GrandstreamClient, operation: str) -> None:
    await client.phone_operation(operation)  # type: ignore[arg-type]


REFUSED: list[tuple[str, Call]] = [
    ("gxp", lambda c: c.send_keys("1&request=RESET")),
    ("gxp", lambda c: c.send_keys(["SEND", "1&request=RESET"])),
    ("gxp", lambda c: c.send_keys("SEND?request=RESET")),
    ("gxp", lambda c: c.send_keys("1#request=RESET")),
    ("gxp", lambda c: c.send_keys("")),
    ("gxp", lambda c: c.send_keys(["1"] * 65)),
    ("gxp", lambda c: c.make_call("1&request=RESET")),
    ("gxp", lambda c: c.make_call("1000#&cmd=endcall")),
    ("gxp", lambda c: c.make_call("")),
    ("gxp", lambda c: c.make_call("1" * 65)),
    ("gxp", lambda c: _gxp_operation(c, "endcall&request=RESET")),
    ("gxp", lambda c: _gxp_operation(c, "reboot")),
    ("dp", lambda c: c.send_keys("1&request=RESET", handset=1)),
    ("dp", lambda c: c.make_call("1&request=RESET", handset=1)),
    ("dp", lambda c: c.make_call("3501", handset=0)),
    ("dp", lambda c: c.make_call("3501", handset=6)),
    ("dp", lambda c: c.send_keys("1", handset=0)),
    ("dp", lambda c: c.send_keys("1", handset=6)),
    ("dp", lambda c: c.handset_status(0)),
    ("dp", lambda c: c.handset_status(6)),
    ("dp", lambda c: c.handset_status(True)),
    ("dp", lambda c: c.handset_line_status(0)),
    ("dp", lambda c: c.handset_line_status(6)),
    ("dp", lambda c: c.account_status(0)),
    ("dp", lambda c: c.account_status(11)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 0)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 6, 1)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 1, 0)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 1, 11)),
    ("dp", lambda c: c.device_operation(HandsetOperation.MUTE, 1, 1)),
    ("dp", lambda c: _dp_device(c, "endcall&request=RESET", 1)),
    ("dp", lambda c: _dp_device(c, "reboot", 1)),
]


@pytest.mark.parametrize(("family", "call"), REFUSED)
async def test_refused_before_any_request(
    *,
    gxp: GrandstreamClient,
    dp: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    call: Call,
) -> None:
    with pytest.raises(GrandstreamValidationError):
        await call(gxp if family == "gxp" else dp)
    assert gxp_phone.requests == []
    assert dp_phone.requests == []


@pytest.mark.parametrize(
    ("family", "call", "function", "items"),
    [
        ("gxp", lambda c: c.send_keys(" vup "), "api-send_key", [("keys", "VUP")]),
        (
            "gxp",
            lambda c: c.make_call("555-1234"),
            "api-make_call",
            [("phonenumber", "5551234")],
        ),
        (
            "gxp",
            lambda c: _gxp_operation(c, "cancel"),  # a plain string works too
            "api-phone_operation",
            [("cmd", "cancel")],
        ),
        (
            "dp",
            lambda c: _dp_device(c, "setdnd", 1),
            "api-device_operation",
            [("hs", "1"), ("cmd", "setdnd")],
        ),
        (
            "dp",
            lambda c: _dp_device(c, "endcall", 1, 1),
            "api-device_operation",
            [("hs", "1"), ("line", "1"), ("cmd", "endcall")],
        ),
        (
            "dp",
            lambda c: c.send_keys(["ok"], handset=5),
            "api-send_key",
            [("hs", "5"), ("keys", "OK")],
        ),
    ],
)
async def test_valid_input_arrives_exactly(
    *,
    gxp: GrandstreamClient,
    dp: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    call: Call,
    function: str,
    items: list[tuple[str, str]],
) -> None:
    phone = gxp_phone if family == "gxp" else dp_phone
    # the phone may refuse (no call to cancel): what arrived is the point
    with contextlib.suppress(GrandstreamCommandError):
        await call(gxp if family == "gxp" else dp)
    request = only_request(phone, function)
    assert request.items == guide(*items)
    # the passcode's "&" and "=" arrived inside the passcode, not as parameters
    assert len(request.query_string.split("&")) == len(items) + 1


# -------------------------------------------------- 7. one request at a time


async def test_concurrent_reads_never_overlap(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    delay = 0.05
    await gxp_phone.set_fault("slow", delay=delay)
    started = time.monotonic()
    results = await asyncio.gather(*(gxp.phone_status() for _ in range(20)))
    assert all(status.available for status in results)
    assert time.monotonic() - started >= 20 * delay
    arrivals = sorted(r.time for r in gxp_phone.requests)
    assert len(arrivals) == 20
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # each request reached the phone only after the one before had its answer
    assert min(gaps) >= delay * 0.9


async def test_concurrent_mixed_requests_never_overlap(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    delay = 0.05
    await gxp_phone.set_fault("slow", delay=delay)
    calls: list[Awaitable[object]] = []
    for _ in range(3):
        calls += [gxp.send_keys("VUP"), gxp.line_status(), gxp.send_keys("VDOWN")]
    await asyncio.gather(*calls)
    arrivals = sorted(r.time for r in gxp_phone.requests)
    assert len(arrivals) == 9
    assert min(b - a for a, b in itertools.pairwise(arrivals)) >= (delay * 0.9)
    assert gxp_phone.station().volume == 4


async def test_failed_request_releases_the_phone(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    await gxp_phone.set_fault("timeout", count=1)
    first, second = await asyncio.gather(
        gxp_fast.phone_status(), gxp_fast.phone_status(), return_exceptions=True
    )
    assert isinstance(first, GrandstreamTimeoutError)
    assert not isinstance(second, BaseException)
    assert second.available


# ---------------------------------------------- 8. formatting differences of models

VARIATIONS: list[dict[str, Any]] = [
    {},
    {"style": "spaced"},
    {"content_type": "text/plain"},
    {"content_type": "text/html"},
    {"remote_key": "remotenumber"},
    {"style": "spaced", "content_type": "text/plain", "remote_key": "remotenumber"},
]


@pytest.mark.parametrize("variation", VARIATIONS, ids=lambda v: "-".join(v.values()))
async def test_gxp_formatting_variations(
    session: aiohttp.ClientSession, variation: dict[str, Any]
) -> None:
    async with SimulatedPhone("gxp", passcode=PASSCODE, **variation) as phone:
        phone.ring(2, "+4930123", "Zoë Müller")
        lines = await make_client(session, phone).line_status()
        status, content_type, text = await CtiProbe(session).raw(
            phone, "api-get_line_status", passcode=PASSCODE
        )
    assert status == 200
    # the variation really is on the wire...
    assert content_type == variation.get("content_type", "application/json")
    assert ('"remotenumber"' in text) is ("remote_key" in variation)
    assert (", " in text) is ("style" in variation)
    # ...and reads the same
    assert lines[1] == LineStatus(
        line=2,
        raw_state="ringing",
        account="1",
        remote_name="Zoë Müller",
        remote_number="+4930123",
        active=True,
    )
    assert lines[0] == LineStatus(line=1, raw_state="idle")


@pytest.mark.parametrize("variation", VARIATIONS[:3], ids=["plain", "spaced", "text"])
async def test_dp_formatting_variations(
    session: aiohttp.ClientSession, variation: dict[str, Any]
) -> None:
    async with SimulatedPhone("dp", passcode=PASSCODE, **variation) as phone:
        phone.ring(1, "+4930123", "Zoë Müller", 1)
        client = make_client(session, phone)
        lines = await client.handset_line_status(1)
        handset = await client.handset_status(1)
        account = await client.account_status(1)
    assert (lines[0].state, lines[0].remote_number, lines[0].remote_name) == (
        CallState.RINGING,
        "+4930123",
        "Zoë Müller",
    )
    assert handset.state is CallState.RINGING
    assert account.registered is True


# ------------------------------------------------------------------- 9. reboot


async def test_reboot_unreachable_then_back(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.ring(1)
    assert (await gxp.line_status())[0].state is CallState.RINGING
    await gxp_phone.reboot(0.5)
    gxp_phone.clear_requests()
    with pytest.raises(GrandstreamConnectionError) as info:
        await gxp.line_status()
    assert type(info.value) is GrandstreamConnectionError
    with pytest.raises(GrandstreamConnectionError):
        await gxp.send_keys("VUP")
    assert gxp_phone.requests == []
    await gxp_phone.wait_until_up(5)
    assert (await gxp.line_status())[0].state is CallState.IDLE
    await gxp.send_keys("VUP")
    assert gxp_phone.station().volume == 5
    assert gxp_phone.boot_count == 1


async def test_reboot_through_the_client_then_back(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    await dp.reboot()
    await wait_for(lambda: dp_phone.rebooting)
    with pytest.raises(GrandstreamConnectionError):
        await dp.handset_status(1)
    await dp_phone.wait_until_up(5)
    assert (await dp.handset_status(1)).paired
    assert dp_phone.boot_count == 1


# -------------------------------------------------------------------- 10. HTTPS


@pytest.fixture
async def https_phone(
    tls_files: tuple[Path, Path], tolerate_failed_tls_handshakes: None
) -> AsyncIterator[SimulatedPhone]:
    """A GXP phone answering over HTTPS with its self-signed certificate."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*tls_files)
    async with SimulatedPhone("gxp", passcode=PASSCODE, ssl_context=context) as phone:
        yield phone


async def test_https_without_verification(
    session: aiohttp.ClientSession, https_phone: SimulatedPhone
) -> None:
    client = make_client(session, https_phone, ssl=True, verify_ssl=False)
    assert str(client.url("api-get_phone_status")).startswith("https://127.0.0.1:")
    https_phone.ring(1, "3501", "Carol")
    assert (await client.line_status())[0].remote_name == "Carol"
    await client.phone_operation(PhoneOperation.ACCEPT_CALL)
    assert only_request(https_phone, "api-phone_operation").items == guide(
        ("cmd", "acceptcall")
    )
    assert https_phone.line(1).state is LineState.CONNECTED


async def test_https_with_verification_refuses_self_signed(
    session: aiohttp.ClientSession, https_phone: SimulatedPhone
) -> None:
    client = make_client(session, https_phone, ssl=True, verify_ssl=True)
    for call in (_read, _command):
        with pytest.raises(GrandstreamConnectionError) as info:
            await call(client)
        assert type(info.value) is GrandstreamConnectionError
        assert "certificate" in str(info.value).lower()
        assert_error_keeps_secret(info.value)
    assert https_phone.requests == []


async def test_plain_http_to_https_phone_fails_cleanly(
    session: aiohttp.ClientSession, https_phone: SimulatedPhone
) -> None:
    client = make_client(session, https_phone, timeout=FAST)
    with pytest.raises(GrandstreamError) as info:
        await client.phone_status()
    assert_error_keeps_secret(info.value)
    assert https_phone.requests == []


# ------------------------------------------------------- 11. hosts, ports, IPv6


@pytest.mark.parametrize(
    ("host", "name", "port", "shown"),
    [
        ("192.168.5.135", "192.168.5.135", None, "192.168.5.135"),
        ("192.168.5.135:8080", "192.168.5.135", 8080, "192.168.5.135:8080"),
        (" phone.local:81 ", "phone.local", 81, "phone.local:81"),
        ("[fe80::1]:8443", "fe80::1", 8443, "[fe80::1]:8443"),
        ("fe80::1", "fe80::1", None, "[fe80::1]"),
    ],
)
async def test_host_property_and_url(
    session: aiohttp.ClientSession, host: str, name: str, port: int | None, shown: str
) -> None:
    assert split_host(host) == (name, port)
    client = GrandstreamClient(session, host, PASSCODE, ssl=True)
    assert client.host == shown
    url = client.url("api-send_key", {"hs": 1, "keys": "1:#"})
    assert str(url).startswith(f"https://{shown}/cgi-bin/api-send_key?")
    assert list(url.query.items()) == [
        ("passcode", PASSCODE),
        ("hs", "1"),
        ("keys", "1:#"),
    ]


async def test_bad_host_refused(session: aiohttp.ClientSession) -> None:
    with pytest.raises(GrandstreamValidationError):
        GrandstreamClient(session, "phone.local/cgi-bin?x=1", PASSCODE)


async def test_client_reaches_simulator_by_host_and_port(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    assert gxp.host == gxp_phone.host == f"127.0.0.1:{gxp_phone.port}"
    assert (await gxp.phone_status()).available


async def test_ipv6_simulator(session: aiohttp.ClientSession) -> None:
    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1"])
    phone = SimulatedPhone("gxp", passcode=PASSCODE, bind="::1")
    try:
        await phone.start()
    except OSError as err:
        await phone.close()
        pytest.skip(f"the simulator cannot listen on ::1 ({err})")
    try:  # pragma: no cover - only when the simulator learns IPv6
        client = GrandstreamClient(session, f"[::1]:{phone.port}", PASSCODE)
        assert (await client.phone_status()).available
    finally:
        await phone.close()


async def test_ipv6_host(session: aiohttp.ClientSession) -> None:
    """The client over IPv6 loopback, against a bare server on [::1]."""
    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1"])
    server = TinyServer(_phone_status_answer)
    try:
        await server.start("::1")
    except OSError as err:  # pragma: no cover - machines without IPv6
        await server.close()
        pytest.skip(f"no IPv6 loopback ({err})")
    try:
        client = GrandstreamClient(session, f"[::1]:{server.port}", PASSCODE)
        assert client.host == f"[::1]:{server.port}"
        status = await client.phone_status()
        assert status.status == "busy"
        [request] = server.requests
        assert request.path == "/cgi-bin/api-get_phone_status"
        assert request.query["passcode"] == PASSCODE
    finally:
        await server.close()


# --------------------------------------------------- answers no simulator gives


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (
            lambda: web.Response(status=302, headers={"Location": "/login.html"}),
            GrandstreamNotSupportedError,
        ),
        (lambda: web.Response(status=503, text="busy"), GrandstreamConnectionError),
        (lambda: web.Response(text=""), GrandstreamResponseError),
        (lambda: web.Response(text='"complete"'), GrandstreamResponseError),
        (lambda: web.Response(text='{"body": "idle"}'), GrandstreamResponseError),
        (lambda: web.Response(text='{"response": "maybe"}'), GrandstreamResponseError),
        (
            lambda: web.json_response({"response": "success", "body": 7}),
            GrandstreamResponseError,
        ),
    ],
    ids=[
        "redirect",
        "503",
        "empty",
        "bare-string",
        "no-response",
        "odd-response",
        "odd-body",
    ],
)
async def test_odd_answers(
    session: aiohttp.ClientSession,
    answer: Callable[[], web.Response],
    error: type[GrandstreamError],
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return answer()

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        with pytest.raises(GrandstreamError) as info:
            await client.line_status()
        assert type(info.value) is error
        assert len(server.requests) == 1  # a redirect is not followed
        assert_error_keeps_secret(info.value)
    finally:
        await server.close()


async def test_accounts_as_bare_list(session: aiohttp.ClientSession) -> None:
    """Some firmware answers api-get_accounts with a bare list."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response([{"id": 1, "sip_id": "1001", "reg": 1}])

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        [account] = await client.accounts()
        assert (account.id, account.sip_id, account.registered) == (1, "1001", True)
    finally:
        await server.close()


async def test_lenient_fields_of_other_firmware(session: aiohttp.ClientSession) -> None:
    """Numbers as text, booleans as words, upper-case keys: read all the same."""

    async def handler(request: web.Request) -> web.Response:
        line = {"Line": "1", "State": "Connected", "Active": "true", "REMOTENUM": 42}
        return web.json_response({"response": "SUCCESS", "body": [line]})

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        [line] = await client.line_status()
        assert (line.line, line.state, line.active) == (1, CallState.TALKING, True)
        assert line.remote_number == "42"
    finally:
        await server.close()
