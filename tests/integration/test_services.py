"""Tests of the services: make_call, send_keys, call_control, factory_reset.

Services are called the way Home Assistant calls them, against simulated phones
on loopback; what reached the phone is read from the simulator's request log.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.cti import GrandstreamValidationError
from simulator import SimulatedPhone
from simulator.const import AuthFailureStyle, LineState
from simulator.records import RecordedRequest
from tests.conftest import PASSCODE, phone_entry, poll, setup_entry
from tests.integration.helpers import device_id

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

SERVICES = ("make_call", "send_keys", "call_control", "factory_reset")


async def call(hass: HomeAssistant, service: str, data: dict[str, Any]) -> None:
    """Call a service of the integration and wait for it."""
    await hass.services.async_call(DOMAIN, service, data, blocking=True)


def commands(phone: SimulatedPhone, start: int = 0) -> list[RecordedRequest]:
    """Requests after the first start ones that were CTI commands.

    Not status reads (polls), nor the model file the setup asks (no CTI).
    """
    return [
        request
        for request in phone.requests[start:]
        if request.function is not None and not request.function.startswith("api-get_")
    ]


def query(request: RecordedRequest) -> list[tuple[str, str]]:
    """The request's query pairs, in order, passcode left out."""
    return [(key, value) for key, value in request.items if key != "passcode"]


async def expect_refused(
    hass: HomeAssistant,
    phone: SimulatedPhone,
    service: str,
    data: dict[str, Any],
    translation_key: str,
) -> ServiceValidationError:
    """The call is refused in Home Assistant, and the phone hears nothing of it."""
    start = len(phone.requests)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, service, data)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == translation_key
    assert commands(phone, start) == []
    return err.value


def reauth_flows(hass: HomeAssistant, entry: MockConfigEntry) -> list[Any]:
    """The reauth flows in progress for entry."""
    return list(entry.async_get_active_flows(hass, {SOURCE_REAUTH}))


def click_to_dial_repair(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    """The entry's Click-To-Dial repair issue, if raised."""
    return ir.async_get(hass).async_get_issue(
        DOMAIN, f"click_to_dial_off_{entry.entry_id}"
    )


# ---------------------------------------------------------------- registration


async def test_services_registered_without_entries(hass: HomeAssistant) -> None:
    """async_setup registers every service, before any phone is added."""
    assert await async_setup_component(hass, DOMAIN, {})
    for service in SERVICES:
        assert hass.services.has_service(DOMAIN, service)


async def test_services_survive_unload(
    hass: HomeAssistant, gxp: MockConfigEntry
) -> None:
    """Unloading the last phone leaves the services in place."""
    assert await hass.config_entries.async_unload(gxp.entry_id)
    await hass.async_block_till_done()
    assert gxp.state is ConfigEntryState.NOT_LOADED
    for service in SERVICES:
        assert hass.services.has_service(DOMAIN, service)


# ------------------------------------------------------------------- make_call


async def test_make_call_gxp(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A GXP phone dials through api-make_call with the number only."""
    gxp_phone.clear_requests()
    await call(
        hass, "make_call", {"device_id": device_id(hass, gxp), "number": "5551234"}
    )
    sent = commands(gxp_phone)
    assert [request.function for request in sent] == ["api-make_call"]
    assert query(sent[0]) == [("phonenumber", "5551234")]
    assert gxp_phone.station().dialled == ["5551234"]
    assert gxp_phone.line(1).state is LineState.CALLING


async def test_make_call_gxp_without_click_to_dial(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """With Click-To-Dial off the number is dialled as digits, then SEND.

    The call goes out, and a repair tells what to switch on on the phone; the
    next call that Click-To-Dial dials clears it.
    """
    gxp_phone.click_to_dial = False
    gxp_phone.clear_requests()
    await call(
        hass, "make_call", {"device_id": device_id(hass, gxp), "number": "555*12#"}
    )
    sent = commands(gxp_phone)
    assert [request.function for request in sent] == ["api-make_call", "api-send_key"]
    assert query(sent[1]) == [("keys", "5:5:5:*:1:2:#:SEND")]
    assert gxp_phone.station().dialled == ["555*12#"]
    repair = click_to_dial_repair(hass, gxp)
    assert repair is not None
    assert repair.translation_key == "click_to_dial_off"
    assert repair.translation_placeholders == {"phone": gxp.title}

    gxp_phone.end_call()
    gxp_phone.click_to_dial = True
    await call(
        hass, "make_call", {"device_id": device_id(hass, gxp), "number": "5551234"}
    )
    assert click_to_dial_repair(hass, gxp) is None


async def test_make_call_plus_without_click_to_dial(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A + cannot be keyed in: the refusal says to enable Click-To-Dial, and a
    repair says where; no keys are pressed."""
    gxp_phone.click_to_dial = False
    gxp_phone.clear_requests()
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass, "make_call", {"device_id": device_id(hass, gxp), "number": "+4930"}
        )
    assert err.value.translation_key == "click_to_dial_off"
    assert str(err.value) == (
        "The phone refused to dial (api-make_call: the phone refused (False), and + "
        "has no key). A number with + needs the phone's Click-To-Dial feature: turn "
        "it on (see Settings > System > Repairs)"
    )
    assert [request.function for request in commands(gxp_phone)] == ["api-make_call"]
    assert gxp_phone.station().dialled == []
    assert click_to_dial_repair(hass, gxp) is not None
    assert reauth_flows(hass, gxp) == []


async def test_make_call_plus_refused_password_is_no_click_to_dial(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A make_call refused because the password changed raises no repair."""
    gxp_phone.change_passcode("changed")
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass, "make_call", {"device_id": device_id(hass, gxp), "number": "+4930"}
        )
    assert err.value.translation_key == "invalid_auth"
    await hass.async_block_till_done()
    assert click_to_dial_repair(hass, gxp) is None
    assert len(reauth_flows(hass, gxp)) == 1


async def test_make_call_fallback_refused_names_make_call(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """make_call and the keys that dial instead both refused: the error is
    make_call's, which is what was asked for."""
    await gxp_phone.set_fault("response_error", count=2)
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass, "make_call", {"device_id": device_id(hass, gxp), "number": "5551234"}
        )
    assert err.value.translation_key == "command_refused"
    assert err.value.translation_placeholders == {
        "error": "api-make_call: the phone refused (failed)"
    }
    assert [request.function for request in commands(gxp_phone)] == [
        "api-make_call",
        "api-send_key",
    ]


async def test_make_call_dp_handset(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A handset device dials with its own hs; the target selector sends a list."""
    dp_phone.clear_requests()
    await call(
        hass, "make_call", {"device_id": [device_id(hass, dp, 2)], "number": "5551234"}
    )
    sent = commands(dp_phone)
    assert [request.function for request in sent] == ["api-make_call"]
    assert query(sent[0]) == [("hs", "2"), ("phonenumber", "5551234")]
    assert dp_phone.station(2).dialled == ["5551234"]
    assert dp_phone.station(1).dialled == []


@pytest.mark.parametrize(
    ("number", "dialled"),
    [
        ("+4930123456", "+4930123456"),
        ("+49 30 1234-567", "+49301234567"),
        ("(030) 123.456/7", "0301234567"),
    ],
)
async def test_make_call_number_as_dialled(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    number: str,
    dialled: str,
) -> None:
    """The + arrives as +, never as a space; separators are left out."""
    gxp_phone.clear_requests()
    await call(hass, "make_call", {"device_id": device_id(hass, gxp), "number": number})
    (sent,) = commands(gxp_phone)
    assert sent.params["phonenumber"] == dialled
    assert gxp_phone.station().dialled == [dialled]


async def test_make_call_several_devices(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    dp_phone: SimulatedPhone,
) -> None:
    """Each targeted phone or handset dials."""
    devices = [device_id(hass, gxp), device_id(hass, dp, 1)]
    await call(hass, "make_call", {"device_id": devices, "number": "5551234"})
    assert gxp_phone.station().dialled == ["5551234"]
    assert dp_phone.station(1).dialled == ["5551234"]


async def test_make_call_dp_base_needs_handset(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A DP base has no lines of its own: the user must pick a handset."""
    data = {"device_id": device_id(hass, dp), "number": "5551234"}
    await expect_refused(hass, dp_phone, "make_call", data, "handset_required")


@pytest.mark.parametrize(
    "number", ["1&request=RESET", "abc", "", "12+34", "1" * 65, "555%26cmd=x", "1\x00"]
)
async def test_make_call_invalid_number(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone, number: str
) -> None:
    """A number that is not one is refused before anything is sent."""
    data = {"device_id": device_id(hass, gxp), "number": number}
    err = await expect_refused(hass, gxp_phone, "make_call", data, "invalid_number")
    assert err.translation_placeholders == {"number": number}
    assert gxp_phone.requests_for("api-sys_operation") == []


async def test_make_call_twice_dials_twice(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """Nothing deduplicates two calls of the service: each one dials."""
    data = {"device_id": device_id(hass, gxp), "number": "5551234"}
    await call(hass, "make_call", data)
    await call(hass, "make_call", data)
    assert len(gxp_phone.requests_for("api-make_call")) == 2
    assert gxp_phone.station().dialled == ["5551234", "5551234"]


@pytest.mark.freeze_time(tick=True)  # Home Assistant gives up on the phone
@pytest.mark.usefixtures("silent_phone_timeout")
@pytest.mark.parametrize("fault", ["reset", "timeout"])
async def test_make_call_lost_answer_sent_once(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    fault: str,
) -> None:
    """A make_call whose answer is lost is not sent again: it may have dialled."""
    gxp = await setup_entry(hass, gxp_entry)
    await gxp_phone.set_fault(fault, count=1)
    data = {"device_id": device_id(hass, gxp), "number": "5551234"}
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "make_call", data)
    assert not isinstance(err.value, ServiceValidationError)
    assert err.value.translation_key == "cannot_connect"
    # Neither a second make_call nor the fallback through keys.
    assert [request.function for request in commands(gxp_phone)] == ["api-make_call"]


# ------------------------------------------------------------------- send_keys


@pytest.mark.parametrize(
    ("keys", "sent"),
    [
        (["1", "0", "*", "#"], "1:0:*:#"),
        ("1:0:0:0", "1:0:0:0"),
        (["mute", " vup "], "MUTE:VUP"),
        ("HASH:STAR", "#:*"),
    ],
)
async def test_send_keys_gxp(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    keys: list[str] | str,
    sent: str,
) -> None:
    """Keys arrive as a list or a 1:0:0:0 string; a GXP phone takes # as #."""
    gxp_phone.clear_requests()
    await call(hass, "send_keys", {"device_id": device_id(hass, gxp), "keys": keys})
    (request,) = commands(gxp_phone)
    assert request.function == "api-send_key"
    assert query(request) == [("keys", sent)]
    assert gxp_phone.station().keys == sent.split(":")


async def test_send_keys_dp_handset(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A DP handset gets its hs, and # and * spelled out as HASH and STAR."""
    dp_phone.clear_requests()
    await call(
        hass, "send_keys", {"device_id": [device_id(hass, dp, 1)], "keys": "1:#:*"}
    )
    (request,) = commands(dp_phone)
    assert request.function == "api-send_key"
    assert query(request) == [("hs", "1"), ("keys", "1:HASH:STAR")]
    assert dp_phone.station(1).digits == ["1", "#", "*"]
    assert dp_phone.station(2).keys == []


async def test_send_keys_dp_base_needs_handset(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """Keys go to a handset, not to the base."""
    data = {"device_id": device_id(hass, dp), "keys": "1"}
    await expect_refused(hass, dp_phone, "send_keys", data, "handset_required")


@pytest.mark.parametrize(
    "keys",
    [
        "1&request=RESET",
        ["1", "&request=RESET"],
        "1:request=RESET",
        "FOO",
        "",
        [],
        "LINE9",
        ":".join("1" * 65),
    ],
)
async def test_send_keys_invalid(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    keys: list[str] | str,
) -> None:
    """An unknown key stops the whole sequence before it reaches the phone."""
    data = {"device_id": device_id(hass, gxp), "keys": keys}
    await expect_refused(hass, gxp_phone, "send_keys", data, "invalid_keys")
    assert all(
        key != "request" for request in gxp_phone.requests for key, _ in request.items
    )
    assert all("request=" not in request.query_string for request in gxp_phone.requests)


# ---------------------------------------------------------------- call_control

Setup = Callable[[SimulatedPhone], object]


@pytest.mark.parametrize(
    ("operation", "prepare", "cmd", "after"),
    [
        ("end", lambda p: (p.ring(1), p.answer(1)), "endcall", LineState.IDLE),
        ("hold", lambda p: (p.ring(1), p.answer(1)), "holdcall", LineState.ONHOLD),
        ("accept", lambda p: p.ring(1), "acceptcall", LineState.CONNECTED),
        ("reject", lambda p: p.ring(1), "rejectcall", LineState.IDLE),
        ("cancel", lambda p: p.dial("5551234"), "cancel", LineState.IDLE),
    ],
)
async def test_call_control_gxp(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    *,
    operation: str,
    prepare: Setup,
    cmd: str,
    after: LineState,
) -> None:
    """Each operation is one api-phone_operation with its cmd and no line."""
    prepare(gxp_phone)
    await poll(hass, gxp)
    gxp_phone.clear_requests()
    await call(
        hass,
        "call_control",
        {"device_id": device_id(hass, gxp), "operation": operation},
    )
    (request,) = commands(gxp_phone)
    assert request.function == "api-phone_operation"
    assert query(request) == [("cmd", cmd)]
    assert gxp_phone.line(1).state is after


async def test_call_control_gxp_unhold_presses_line_key(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """The guide has no unholdcall for GXP phones: the held line's key resumes."""
    gxp_phone.ring(2)
    gxp_phone.answer(2)
    gxp_phone.hold(2)
    await poll(hass, gxp)
    gxp_phone.clear_requests()
    await call(
        hass,
        "call_control",
        {"device_id": device_id(hass, gxp), "operation": "unhold"},
    )
    (request,) = commands(gxp_phone)
    assert request.function == "api-send_key"
    assert query(request) == [("keys", "LINE2")]
    assert gxp_phone.line(2).state is LineState.CONNECTED


async def test_call_control_gxp_unhold_without_held_call(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """Nothing on hold: no key to press, and nothing is sent."""
    gxp_phone.ring(1)
    gxp_phone.answer(1)
    await poll(hass, gxp)
    data = {"device_id": device_id(hass, gxp), "operation": "unhold"}
    err = await expect_refused(hass, gxp_phone, "call_control", data, "no_held_call")
    assert str(err) == "No call is on hold on this phone: there is nothing to resume"
    assert gxp_phone.line(1).state is LineState.CONNECTED


@pytest.fixture
async def gxp2170(hass: HomeAssistant) -> AsyncIterator[SimulatedPhone]:
    """A simulated GXP2170: 12 lines, of which the guide's keys reach 8."""
    async with SimulatedPhone(
        "gxp", passcode=PASSCODE, lines=12, model="GXP2170"
    ) as phone:
        yield phone


async def test_call_control_gxp_unhold_line_without_key(
    hass: HomeAssistant, gxp2170: SimulatedPhone
) -> None:
    """A call held on line 9 has no LINE key to press: refused, nothing sent."""
    entry = await setup_entry(hass, phone_entry(gxp2170, "gxp"))
    gxp2170.ring(9)
    gxp2170.answer(9)
    gxp2170.hold(9)
    await poll(hass, entry)
    data = {"device_id": device_id(hass, entry), "operation": "unhold"}
    err = await expect_refused(
        hass, gxp2170, "call_control", data, "held_line_without_key"
    )
    assert err.translation_placeholders == {"line": "9"}
    assert gxp2170.line(9).state is LineState.ONHOLD


def ringing_and_talking(phone: SimulatedPhone) -> None:
    """Handset 1: line 1 rings, line 2 is talking."""
    phone.ring(2, hs=1)
    phone.answer(2, hs=1)
    phone.ring(1, hs=1)


def held_and_talking(phone: SimulatedPhone) -> None:
    """Handset 1: line 1 on hold, line 2 talking."""
    phone.ring(1, hs=1)
    phone.answer(1, hs=1)
    phone.ring(2, hs=1)
    phone.answer(2, hs=1)


def held_and_ringing(phone: SimulatedPhone) -> None:
    """Handset 1: line 1 on hold, line 2 rings."""
    phone.ring(1, hs=1)
    phone.answer(1, hs=1)
    phone.hold(1, hs=1)
    phone.ring(2, hs=1)


def talking_and_ringing(phone: SimulatedPhone) -> None:
    """Handset 1: line 1 talking, line 2 rings."""
    phone.ring(1, hs=1)
    phone.answer(1, hs=1)
    phone.ring(2, hs=1)


def held_and_dialling(phone: SimulatedPhone) -> None:
    """Handset 1: line 1 on hold, line 2 dials out."""
    phone.ring(1, hs=1)
    phone.answer(1, hs=1)
    phone.dial("5550000", 1, line=2)


@pytest.mark.parametrize(
    ("operation", "prepare", "cmd", "line", "after"),
    [
        ("end", ringing_and_talking, "endcall", 2, LineState.IDLE),
        ("hold", held_and_talking, "holdcall", 2, LineState.ONHOLD),
        ("unhold", held_and_ringing, "unholdcall", 1, LineState.CONNECTED),
        ("accept", talking_and_ringing, "acceptcall", 2, LineState.CONNECTED),
        ("reject", talking_and_ringing, "rejectcall", 2, LineState.IDLE),
        ("cancel", held_and_dialling, "cancel", 2, LineState.IDLE),
    ],
)
async def test_call_control_dp_default_line(
    hass: HomeAssistant,
    dp: MockConfigEntry,
    dp_phone: SimulatedPhone,
    *,
    operation: str,
    prepare: Setup,
    cmd: str,
    line: int,
    after: LineState,
) -> None:
    """A handset's operation goes to the line it fits, from the last poll."""
    prepare(dp_phone)
    await poll(hass, dp)
    dp_phone.clear_requests()
    await call(
        hass,
        "call_control",
        {"device_id": device_id(hass, dp, 1), "operation": operation},
    )
    (request,) = commands(dp_phone)
    assert request.function == "api-device_operation"
    assert query(request) == [("hs", "1"), ("line", str(line)), ("cmd", cmd)]
    assert dp_phone.line(line, hs=1).state is after


async def test_call_control_dp_explicit_line(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """An explicit line wins over the default one."""
    dp_phone.ring(1, hs=2)
    dp_phone.ring(3, hs=2)
    await poll(hass, dp)
    dp_phone.clear_requests()
    await call(
        hass,
        "call_control",
        {"device_id": device_id(hass, dp, 2), "operation": "accept", "line": 3},
    )
    (request,) = commands(dp_phone)
    assert query(request) == [("hs", "2"), ("line", "3"), ("cmd", "acceptcall")]
    assert dp_phone.line(3, hs=2).state is LineState.CONNECTED
    assert dp_phone.line(1, hs=2).state is LineState.RINGING


async def test_call_control_gxp_line_not_supported(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """api-phone_operation has no line: asking for one is refused, not ignored."""
    gxp_phone.ring(1)
    await poll(hass, gxp)
    data = {"device_id": device_id(hass, gxp), "operation": "accept", "line": 1}
    await expect_refused(hass, gxp_phone, "call_control", data, "line_not_supported")
    assert gxp_phone.line(1).state is LineState.RINGING


async def test_call_control_dp_invalid_line(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A line the handset does not have is refused."""
    data = {"device_id": device_id(hass, dp, 1), "operation": "end", "line": 11}
    err = await expect_refused(hass, dp_phone, "call_control", data, "invalid_line")
    assert err.translation_placeholders == {"line": "11"}


@pytest.mark.parametrize(
    "data",
    [
        {"operation": "end", "line": 0},
        {"operation": "end", "line": "two"},
        {"operation": "dance"},
        {"line": 1},
    ],
)
async def test_call_control_schema(
    hass: HomeAssistant,
    dp: MockConfigEntry,
    dp_phone: SimulatedPhone,
    data: dict[str, Any],
) -> None:
    """The schema refuses line 0, unknown operations and a missing operation."""
    start = len(dp_phone.requests)
    with pytest.raises(vol.Invalid):
        await call(hass, "call_control", {"device_id": device_id(hass, dp, 1), **data})
    assert commands(dp_phone, start) == []


async def test_call_control_dp_base_needs_handset(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """Calls are controlled on a handset, not on the base."""
    data = {"device_id": device_id(hass, dp), "operation": "end"}
    await expect_refused(hass, dp_phone, "call_control", data, "handset_required")


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("make_call", {"number": "5551234"}),
        ("send_keys", {"keys": "OFFHOOK"}),
        ("call_control", {"operation": "accept"}),
    ],
)
async def test_every_device_checked_first(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    *,
    service: str,
    data: dict[str, Any],
) -> None:
    """A DP base among the targets stops the call before any phone hears of it."""
    gxp_phone.ring(1)
    await poll(hass, gxp)
    data = {"device_id": [device_id(hass, gxp), device_id(hass, dp)], **data}
    await expect_refused(hass, gxp_phone, service, data, "handset_required")
    assert gxp_phone.line(1).state is LineState.RINGING
    assert gxp_phone.station().dialled == []


async def test_call_control_refused_by_gxp(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """The phone answers that it could not (nothing to hold): command_refused."""
    gxp_phone.clear_requests()
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "call_control",
            {"device_id": device_id(hass, gxp), "operation": "hold"},
        )
    assert not isinstance(err.value, ServiceValidationError)
    assert err.value.translation_key == "command_refused"
    # The lines are read once afterwards, as at every poll (the phone status
    # only when they changed): the passcode still works.
    assert [request.function for request in gxp_phone.requests] == [
        "api-phone_operation",
        "api-get_line_status",
    ]
    assert reauth_flows(hass, gxp) == []


async def test_call_control_refused_by_dp(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """No line fits the operation: it goes without a line, the base refuses."""
    dp_phone.clear_requests()
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "call_control",
            {"device_id": device_id(hass, dp, 1), "operation": "accept"},
        )
    assert err.value.translation_key == "command_refused"
    (request,) = commands(dp_phone)
    assert query(request) == [("hs", "1"), ("cmd", "acceptcall")]
    assert reauth_flows(hass, dp) == []


@pytest.mark.parametrize(
    ("fault", "translation_key"),
    [
        ("http_404", "not_supported"),
        ("html", "not_supported"),
        ("http_500", "cannot_connect"),
        ("connection_refused", "cannot_connect"),
        ("malformed_json", "unknown_error"),
    ],
)
async def test_call_control_phone_errors(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    fault: str,
    translation_key: str,
) -> None:
    """Each way a command can fail is reported as a HomeAssistantError of its own."""
    await gxp_phone.set_fault(fault, count=1)
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "call_control",
            {"device_id": device_id(hass, gxp), "operation": "end"},
        )
    assert not isinstance(err.value, ServiceValidationError)
    assert err.value.translation_key == translation_key
    assert reauth_flows(hass, gxp) == []


async def test_call_control_client_refuses_input(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """Input the client refuses is a ServiceValidationError, whatever let it by."""
    client = gxp.runtime_data.client
    with (
        patch.object(
            client,
            "phone_operation",
            side_effect=GrandstreamValidationError("Line must be between 1 and 8"),
        ),
        pytest.raises(ServiceValidationError) as err,
    ):
        await call(
            hass,
            "call_control",
            {"device_id": device_id(hass, gxp), "operation": "end"},
        )
    assert err.value.translation_key == "invalid_input"
    assert err.value.translation_placeholders == {
        "error": "Line must be between 1 and 8"
    }


# --------------------------------------------------------------- factory_reset


@pytest.mark.parametrize("data", [{}, {"confirm": False}])
async def test_factory_reset_needs_confirm(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    data: dict[str, Any],
) -> None:
    """Without confirm: true nothing is sent."""
    data = {"device_id": device_id(hass, gxp), **data}
    await expect_refused(hass, gxp_phone, "factory_reset", data, "confirm_required")
    assert gxp_phone.boot_count == 0


async def test_factory_reset(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """confirm: true sends RESET once; the reset phone forgets the password."""
    await call(
        hass, "factory_reset", {"device_id": device_id(hass, gxp), "confirm": True}
    )
    (request,) = commands(gxp_phone)
    assert request.function == "api-sys_operation"
    assert query(request) == [("request", "RESET")]

    # The phone went down right after its answer; wait for it to come back.
    await gxp_phone.wait_until_up(5)
    assert gxp_phone.boot_count == 1
    assert gxp_phone.passcode == "admin"
    assert reauth_flows(hass, gxp) == []
    await poll(hass, gxp)
    assert len(reauth_flows(hass, gxp)) == 1
    assert len(gxp_phone.requests_for("api-sys_operation")) == 1


async def test_factory_reset_dp_once_per_base(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """Targeting a base and its handsets resets the base once."""
    devices = [device_id(hass, dp), device_id(hass, dp, 1), device_id(hass, dp, 2)]
    await call(hass, "factory_reset", {"device_id": devices, "confirm": True})
    assert len(dp_phone.requests_for("api-sys_operation", request="RESET")) == 1
    assert [request.function for request in commands(dp_phone)] == ["api-sys_operation"]


# ---------------------------------------------------------------- not a phone


async def test_device_of_another_integration(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A device of another integration is not a phone."""
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("other", "x")}
    )
    data = {"device_id": device.id, "number": "5551234"}
    err = await expect_refused(hass, gxp_phone, "make_call", data, "not_a_phone")
    assert err.translation_placeholders == {"device_id": device.id}


async def test_stray_device_of_a_phone_entry(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A device of a loaded entry that is neither phone nor handset is refused."""
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=gxp.entry_id, identifiers={(DOMAIN, "stray")}
    )
    data = {"device_id": device.id, "number": "5551234"}
    await expect_refused(hass, gxp_phone, "make_call", data, "not_a_phone")


async def test_unknown_device_stops_the_call(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """An unknown device id is refused, and the good device does not dial either."""
    data = {"device_id": [device_id(hass, gxp), "not-a-device"], "number": "5551234"}
    err = await expect_refused(hass, gxp_phone, "make_call", data, "not_a_phone")
    assert err.translation_placeholders == {"device_id": "not-a-device"}
    assert gxp_phone.station().dialled == []


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("make_call", {"number": "5551234"}),
        ("send_keys", {"keys": "1"}),
        ("call_control", {"operation": "end"}),
        ("factory_reset", {"confirm": True}),
    ],
)
async def test_unloaded_entry_is_not_a_phone(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    service: str,
    data: dict[str, Any],
) -> None:
    """The device of an unloaded entry stays in the registry but takes no calls."""
    target = device_id(hass, gxp)
    assert await hass.config_entries.async_unload(gxp.entry_id)
    await hass.async_block_till_done()
    await expect_refused(
        hass, gxp_phone, service, {"device_id": target, **data}, "not_a_phone"
    )


async def test_unpaired_handset_is_not_a_phone(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A handset that left the base takes no calls."""
    target = device_id(hass, dp, 2)
    dp_phone.unpair(2)
    await poll(hass, dp, slow=True)
    data = {"device_id": target, "number": "5551234"}
    await expect_refused(hass, dp_phone, "make_call", data, "not_a_phone")


# ---------------------------------------------------------- messages and auth


async def test_validation_message_is_translated(
    hass: HomeAssistant, gxp: MockConfigEntry
) -> None:
    """A ServiceValidationError reads as the English text of strings.json."""
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "make_call", {"device_id": device_id(hass, gxp), "number": "abc"}
        )
    assert str(err.value) == (
        '"abc" is not a phone number: use only digits, * and #, '
        "with an optional leading +"
    )


async def test_command_error_message_is_translated(
    hass: HomeAssistant, gxp: MockConfigEntry
) -> None:
    """A HomeAssistantError reads as the English text, with the phone's reason."""
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "call_control",
            {"device_id": device_id(hass, gxp), "operation": "end"},
        )
    assert err.value.translation_key == "command_refused"
    assert str(err.value) == (
        "The phone refused the command (api-phone_operation: the phone refused (False))"
    )


@pytest.mark.parametrize(
    # An HTML page reads as "CTI is off", not as a refused password (DESIGN.md).
    ("style", "reason"),
    [
        (
            AuthFailureStyle.JSON_ERROR,
            "api-get_line_status: the phone refused the passcode (failed)",
        ),
        (AuthFailureStyle.HTTP_401, "api-phone_operation: HTTP 401"),
        (AuthFailureStyle.HTTP_403, "api-phone_operation: HTTP 403"),
        (
            AuthFailureStyle.SUCCESS_UNAUTHORIZED,
            "api-phone_operation: the phone refused the passcode (unauthorized)",
        ),
    ],
)
async def test_wrong_password_during_service_call(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    style: AuthFailureStyle,
    reason: str,
) -> None:
    """A password changed on the phone fails the call and starts one reauth.

    However the phone says no, the passcode is tried twice at most: the command,
    then one status read.
    """
    gxp_phone.ring(1)
    gxp_phone.answer(1)
    gxp_phone.auth_failure = style
    gxp_phone.change_passcode("changed")
    gxp_phone.clear_requests()
    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "call_control",
            {"device_id": device_id(hass, gxp), "operation": "end"},
        )
    assert err.value.translation_key == "invalid_auth"
    # The phone's own reason in the middle; HA drops the final period.
    assert str(err.value) == (
        f"The phone refused the password ({reason}). "
        "Re-enter it in the integration's settings"
    )
    await hass.async_block_till_done()
    assert len(reauth_flows(hass, gxp)) == 1
    assert [request.function for request in gxp_phone.requests] == [
        "api-phone_operation",
        "api-get_line_status",
    ]
    assert gxp_phone.guard.total_failures == 2
    assert gxp_phone.line(1).state is LineState.CONNECTED
