"""GrandstreamClient and the guide's functions, each on the right family.

Every request is checked on the phone's side (`phone.requests`: what arrived, passcode
shown as "***"), every answer through the client's models or the simulated phone's
state.
"""

from __future__ import annotations

from collections.abc import Callable

import aiohttp
import pytest

from custom_components.grandstream_cti.cti import (
    CallState,
    DialMethod,
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamValidationError,
    HandsetOperation,
    PhoneOperation,
)
from simulator import EventKind, LineState, SimulatedPhone
from tests.cti.helpers import PASSCODE, guide, make_client, only_request, wait_for

# ------------------------------------------- every guide function, right family


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
    assert ringing.account == "0"  # the phone's first account, counted from 0
    assert ringing.active is True
    assert lines[0].remote_number == ""
    assert lines[0].active is False


async def test_phone_status(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    status = await gxp.phone_status()
    assert only_request(gxp_phone, "api-get_phone_status").items == guide()
    assert status.status == "available"
    assert status.status == "available"
    assert status.misc == "0"
    gxp_phone.dial("3501")
    busy = await gxp.phone_status()
    assert busy.status == "busy"
    assert busy.status == "busy"


async def test_accounts(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    gxp_phone.configure_account(2, sip_id="2002", name="Office", registered=False)
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
    assert first.raw_state == "idle"
    second = await dp.handset_status(2)
    assert second.raw_state == "ringing"
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
    gxp_phone.click_to_dial = False
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
    gxp_phone.click_to_dial = False
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
    assert (
        await make_client(session, gxp_phone, "admin").phone_status()
    ).status == "available"
