"""Tests of the voice commands: Assist sentences and LLM tools, end to end.

The example sentences (the integration's custom_sentences/en/grandstream_cti.yaml)
are loaded into Home Assistant's own conversation agent; each test speaks a sentence and checks
what reached the simulated phones and what Home Assistant answered.

The phones of most tests: the GXP, named "Desk phone" by the user, in the
Office; a DP base in the Hall with handset 1 in the Kitchen and handset 2 with
no area of its own (so in the Hall, where its base is).
"""

from __future__ import annotations

from datetime import datetime, timedelta
import importlib.util
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
)
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    intent,
    llm,
)
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.phonebook.contacts import Contact
from custom_components.grandstream_cti.phonebook_store import async_get_phonebook
from simulator import SimulatedPhone
from tests.conftest import poll
from tests.integration.helpers import device_id
from tests.integration.voice import (
    commands,
    dp_operation,
    dp_phone_entry,
    gxp_operation,
    miss_call,
    prepare,
    satellite_in,
    say,
    speech,
)

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

INTENTS = (
    "GrandstreamMakeCall",
    "GrandstreamAnswer",
    "GrandstreamReject",
    "GrandstreamHangUp",
    "GrandstreamHold",
    "GrandstreamResume",
    "GrandstreamDndOn",
    "GrandstreamDndOff",
    "GrandstreamWhoIsCalling",
    "GrandstreamMissedCalls",
)
DESK = "Desk phone"
HS1 = "Grandstream DP handset 1"
HS2 = "Grandstream DP handset 2"
ERROR = intent.IntentResponseType.ERROR
NO_TARGETS = intent.IntentResponseErrorCode.NO_VALID_TARGETS
FAILED = intent.IntentResponseErrorCode.FAILED_TO_HANDLE

# ---------------------------------------------------------------- make a call

MAKE_CALLS = [
    ("call 555 1234 from the desk phone", "gxp", None, "5551234", DESK),
    ("call 555-1234 with my office phone", "gxp", None, "5551234", DESK),
    ("dial plus 49 30 123 on the kitchen phone", "dp", 1, "+4930123", HS1),
    (
        "call five five five one two three four from the cuisine",
        "dp",
        1,
        "5551234",
        HS1,
    ),
    ("ring extension 100 using handset 2", "dp", 2, "100", HS2),
    ("use the kitchen phone to call 555 1234", "dp", 1, "5551234", HS1),
    ("from the hall handset dial star 6 9", "dp", 2, "*69", HS2),
]


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(("text", "family", "hs", "number", "name"), MAKE_CALLS)
async def test_make_call(
    hass: HomeAssistant,
    *,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    text: str,
    family: str,
    hs: int | None,
    number: str,
    name: str,
) -> None:
    """The number is dialled from the phone named, and only there."""
    response = await say(hass, text)

    assert speech(response) == f"Calling {number} from {name}."
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    params = (
        {"phonenumber": number}
        if hs is None
        else {"hs": str(hs), "phonenumber": number}
    )
    called, idle = (gxp_phone, dp_phone) if family == "gxp" else (dp_phone, gxp_phone)
    assert commands(called) == [("api-make_call", params)]
    assert commands(idle) == []


@pytest.mark.usefixtures("assist", "gxp")
async def test_make_call_from_the_only_phone(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """With one phone, naming it is not needed."""
    gxp_phone.clear_requests()

    response = await say(hass, "call 555 1234")

    assert speech(response) == "Calling 5551234 from Grandstream GXP."
    assert commands(gxp_phone) == [("api-make_call", {"phonenumber": "5551234"})]


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(
    ("text", "answer", "code"),
    [
        (
            "call 555 1234",
            "Which phone should call? Say, for example, 'from the kitchen phone'.",
            NO_TARGETS,
        ),
        (
            "call 555 1234 from the grandstream dp",
            f"Several phones have that name: say which one: {HS1} or {HS2}.",
            NO_TARGETS,
        ),
        (
            "call 555 1234 from the garage phone",
            "I know no phone called garage phone.",
            NO_TARGETS,
        ),
        (
            "call reception from the kitchen phone",
            (
                "I cannot dial reception: a phone number has only digits, star and "
                "hash, with an optional plus at the start."
            ),
            FAILED,
        ),
    ],
)
async def test_make_call_refused(
    hass: HomeAssistant,
    *,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    text: str,
    answer: str,
    code: intent.IntentResponseErrorCode,
) -> None:
    """No phone is guessed, no bad number is sent: the answer says why."""
    response = await say(hass, text)

    assert speech(response) == answer
    assert response.response_type is ERROR
    assert response.error_code is code
    assert commands(gxp_phone) == []
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_make_call_from_the_satellite_area(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """Said to a voice satellite in the office, the office phone calls."""
    satellite = satellite_in(hass, "Office")

    response = await say(hass, "call 555 1234", device_id=satellite)

    assert speech(response) == f"Calling 5551234 from {DESK}."
    assert commands(gxp_phone) == [("api-make_call", {"phonenumber": "5551234"})]
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_make_call_satellite_area_without_phone(
    hass: HomeAssistant, *, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """Said in an area with no phone: which phone is still asked."""
    ar.async_get(hass).async_create("Garage")

    response = await say(hass, "call 555 1234", device_id=satellite_in(hass, "Garage"))

    assert speech(response).startswith("Which phone should call?")
    assert commands(gxp_phone) == commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_handset_without_device_is_no_phone(
    hass: HomeAssistant, *, dp_phone: SimulatedPhone
) -> None:
    """A handset whose device is gone (or not made yet) is not called from."""
    devices = dr.async_get(hass)
    devices.async_remove_device(device_id(hass, dp_phone_entry(hass), 2))

    response = await say(hass, "call 555 1234 from handset 2")

    assert speech(response) == "I know no phone called handset 2."
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_phone_named_by_entity_name_or_alias(
    hass: HomeAssistant, dp_phone: SimulatedPhone
) -> None:
    """A phone also answers to its entities' names and aliases."""
    entities = er.async_get(hass)
    entities.async_update_entity(
        "sensor.grandstream_dp_handset_2_call_state", name="Garden phone"
    )
    entities.async_update_entity(
        "sensor.grandstream_dp_handset_1_call_state", aliases={"nursery"}
    )
    await hass.async_block_till_done()

    garden = await say(hass, "call 1 from the garden phone")
    nursery = await say(hass, "call 2 from the nursery")

    assert speech(garden) == f"Calling 1 from {HS2}."
    assert speech(nursery) == f"Calling 2 from {HS1}."
    assert commands(dp_phone) == [
        ("api-make_call", {"hs": "2", "phonenumber": "1"}),
        ("api-make_call", {"hs": "1", "phonenumber": "2"}),
    ]


@pytest.mark.usefixtures("phones")
async def test_make_call_phone_unavailable(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A phone that did not answer the last poll is said to be unavailable."""
    await gxp_phone.set_fault("connection_refused")
    await poll(hass, gxp)

    response = await say(hass, "call 555 1234 from the desk phone")

    assert speech(response) == f"{DESK} is not available."
    assert response.error_code is FAILED
    assert commands(gxp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_make_call_phone_error_is_spoken(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A phone that stops answering: the service's error is the answer."""
    # The freezer holds the clock: no timer poll finds the phone gone first
    # (it would then be unavailable).
    await poll(hass, gxp)
    await gxp_phone.set_fault("connection_refused")

    response = await say(hass, "call 555 1234 from the desk phone")

    assert speech(response).startswith("Could not reach the phone (")
    assert response.error_code is FAILED


@pytest.mark.usefixtures("assist")
async def test_no_phone_set_up(hass: HomeAssistant) -> None:
    """With the integration loaded but no phone, the answer says so."""
    assert await async_setup_component(hass, DOMAIN, {})

    response = await say(hass, "call 555 1234")

    assert speech(response) == "No Grandstream phone is set up."


# ------------------------------------------------------- answer, hang up, ...

CALL_CONTROLS = [
    ("answer the phone", "ring", "acceptcall", "Answered the call on {name}."),
    ("pick up the call", "ring", "acceptcall", "Answered the call on {name}."),
    ("reject the call", "ring", "rejectcall", "Rejected the call on {name}."),
    ("decline the call", "ring", "rejectcall", "Rejected the call on {name}."),
    ("hang up", "ring answer", "endcall", "Hung up on {name}."),
    ("end the call", "ring answer", "endcall", "Hung up on {name}."),
    (
        "put the call on hold",
        "ring answer",
        "holdcall",
        "The call on {name} is on hold.",
    ),
    ("hold the call", "ring answer", "holdcall", "The call on {name} is on hold."),
    (
        "resume the call",
        "ring answer hold",
        "unholdcall",
        "Resumed the call on {name}.",
    ),
    (
        "take the call off hold",
        "ring answer hold",
        "unholdcall",
        "Resumed the call on {name}.",
    ),
]


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize("family", ["gxp", "dp"])
@pytest.mark.parametrize(("text", "steps", "cmd", "answer"), CALL_CONTROLS)
async def test_call_control_on_the_busy_phone(
    hass: HomeAssistant,
    *,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    text: str,
    steps: str,
    cmd: str,
    answer: str,
) -> None:
    """Without a phone named, the one ringing (or in a call) is meant.

    The phone is read when the command is spoken: no poll is needed first.
    """
    if family == "gxp":
        prepare(gxp_phone, steps, None)
        expected, name = gxp_operation(cmd), DESK
    else:
        prepare(dp_phone, steps, 1)
        expected, name = dp_operation(cmd), HS1

    response = await say(hass, text)

    assert speech(response) == answer.format(name=name)
    busy, idle = (gxp_phone, dp_phone) if family == "gxp" else (dp_phone, gxp_phone)
    assert commands(busy) == [expected]
    assert commands(idle) == []


NAMED_CALL_CONTROLS = [
    ("answer the desk phone", "ring", "gxp", "acceptcall"),
    ("answer the call on the kitchen phone", "ring", "dp", "acceptcall"),
    ("pick up the call at the office", "ring", "gxp", "acceptcall"),
    ("reject the call on handset 1", "ring", "dp", "rejectcall"),
    ("decline the call on the desk phone", "ring", "gxp", "rejectcall"),
    ("hang up the kitchen phone", "ring answer", "dp", "endcall"),
    ("end the call on the desk phone", "ring answer", "gxp", "endcall"),
    ("hold the call on the office phone", "ring answer", "gxp", "holdcall"),
    ("put the call on the kitchen phone on hold", "ring answer", "dp", "holdcall"),
    ("resume the call on the kitchen phone", "ring answer hold", "dp", "unholdcall"),
    (
        "take the call on the desk phone off hold",
        "ring answer hold",
        "gxp",
        "unholdcall",
    ),
]


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(("text", "steps", "family", "cmd"), NAMED_CALL_CONTROLS)
async def test_call_control_on_the_named_phone(
    hass: HomeAssistant,
    *,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    text: str,
    steps: str,
    family: str,
    cmd: str,
) -> None:
    """Both phones in the same state: the one named acts, the other does not."""
    prepare(gxp_phone, steps, None)
    prepare(dp_phone, steps, 1)

    response = await say(hass, text)

    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    if family == "gxp":
        assert DESK in speech(response)
        assert commands(gxp_phone) == [gxp_operation(cmd)]
        assert commands(dp_phone) == []
    else:
        assert HS1 in speech(response)
        assert commands(dp_phone) == [dp_operation(cmd)]
        assert commands(gxp_phone) == []


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(
    ("text", "steps", "answer"),
    [
        (
            "answer the phone",
            "ring",
            f"Several phones are ringing: say which one: {DESK} or {HS1}.",
        ),
        (
            "reject the call",
            "ring",
            f"Several phones are ringing: say which one: {DESK} or {HS1}.",
        ),
        (
            "hang up",
            "ring answer",
            f"Several phones are in a call: say which one: {DESK} or {HS1}.",
        ),
        (
            "hold the call",
            "ring answer",
            f"Several phones are in a call: say which one: {DESK} or {HS1}.",
        ),
        (
            "resume the call",
            "ring answer hold",
            f"Several phones have a call on hold: say which one: {DESK} or {HS1}.",
        ),
    ],
)
async def test_call_control_ambiguous(
    hass: HomeAssistant,
    *,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    text: str,
    steps: str,
    answer: str,
) -> None:
    """Two phones ringing (or in a call), none named: ask, act on neither."""
    prepare(gxp_phone, steps, None)
    prepare(dp_phone, steps, 1)

    response = await say(hass, text)

    assert speech(response) == answer
    assert response.error_code is NO_TARGETS
    assert commands(gxp_phone) == []
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_call_control_prefers_the_satellite_area(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """Two phones ringing, said in the kitchen: the kitchen phone answers."""
    prepare(gxp_phone, "ring", None)
    prepare(dp_phone, "ring", 1)

    response = await say(
        hass, "answer the phone", device_id=satellite_in(hass, "Kitchen")
    )

    assert speech(response) == f"Answered the call on {HS1}."
    assert commands(dp_phone) == [dp_operation("acceptcall")]
    assert commands(gxp_phone) == []


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(
    ("text", "steps", "answer"),
    [
        ("answer the phone", "", "Nothing is ringing."),
        ("answer the desk phone", "", f"{DESK} is not ringing."),
        ("reject the call on the kitchen phone", "", f"{HS1} is not ringing."),
        ("hang up", "ring", "No phone is in a call."),
        ("hang up the desk phone", "ring", f"{DESK} is not in a call."),
        ("hold the call", "", "No phone is in a call."),
        ("resume the call", "ring answer", "No call is on hold."),
        (
            "resume the call on the desk phone",
            "ring answer",
            f"{DESK} has no call on hold.",
        ),
        ("answer the call on the grandstream dp", "", "Nothing is ringing."),
        ("answer the garage phone", "", "I know no phone called garage phone."),
    ],
)
async def test_call_control_nothing_to_do(
    hass: HomeAssistant,
    *,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    text: str,
    steps: str,
    answer: str,
) -> None:
    """No phone in the state the command needs: the answer says so."""
    prepare(gxp_phone, steps, None)

    response = await say(hass, text)

    assert speech(response) == answer
    assert response.error_code is NO_TARGETS
    assert commands(gxp_phone) == []
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_call_control_phone_unavailable(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """A phone that cannot be read is not guessed to be ringing."""
    prepare(gxp_phone, "ring", None)
    await gxp_phone.set_fault("connection_refused")

    named = await say(hass, "answer the desk phone")
    unnamed = await say(hass, "answer the phone")
    who = await say(hass, "who is calling on the desk phone")

    assert speech(named) == f"{DESK} is not available."
    assert speech(unnamed) == "Nothing is ringing."
    assert speech(who) == f"{DESK} is not available."
    assert who.response_type is ERROR


# ---------------------------------------------------------- do not disturb


@pytest.mark.usefixtures("phones")
async def test_dnd_on_and_off_on_a_handset(
    hass: HomeAssistant, dp_phone: SimulatedPhone
) -> None:
    """A handset's DND is set through its switch, which then shows it."""
    on = await say(hass, "turn on do not disturb on the kitchen phone")
    assert speech(on) == f"Turned on do not disturb on {HS1}."
    state = hass.states.get("switch.grandstream_dp_handset_1_do_not_disturb")
    assert state is not None
    assert state.state == STATE_ON

    off = await say(hass, "disable do not disturb on handset 1")
    assert speech(off) == f"Turned off do not disturb on {HS1}."
    state = hass.states.get("switch.grandstream_dp_handset_1_do_not_disturb")
    assert state is not None
    assert state.state == STATE_OFF

    assert commands(dp_phone) == [
        ("api-device_operation", {"hs": "1", "cmd": "setdnd"}),
        ("api-device_operation", {"hs": "1", "cmd": "unsetdnd"}),
    ]


@pytest.mark.usefixtures("assist", "dp")
async def test_dnd_sentences(hass: HomeAssistant, dp_phone: SimulatedPhone) -> None:
    """Every DND sentence reaches the phone named."""
    dp_phone.clear_requests()
    sentences = (
        ("switch on do not disturb on handset 2", "2", "setdnd"),
        ("enable do not disturb on handset 1", "1", "setdnd"),
        ("activate do not disturb on handset 2", "2", "setdnd"),
        ("turn off do not disturb on handset 2", "2", "unsetdnd"),
        ("switch off do not disturb on handset 1", "1", "unsetdnd"),
        ("deactivate do not disturb on handset 2", "2", "unsetdnd"),
    )
    for text, _, _ in sentences:
        response = await say(hass, text)
        assert response.response_type is intent.IntentResponseType.ACTION_DONE, text
    assert commands(dp_phone) == [
        ("api-device_operation", {"hs": hs, "cmd": cmd}) for _, hs, cmd in sentences
    ]


@pytest.mark.usefixtures("phones")
async def test_dnd_gxp_state_unknown(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """A GXP's DND key toggles: with the state unknown, nothing is pressed."""
    response = await say(hass, "turn on do not disturb on the desk phone")

    assert speech(response).startswith(
        "The phone has not told Home Assistant whether do not disturb is on."
    )
    assert response.error_code is FAILED
    assert commands(gxp_phone) == []


@pytest.mark.usefixtures("assist")
async def test_dnd_gxp_state_known(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """The only phone, DND known off: "turn on" presses the DND key once."""
    gxp.runtime_data.set_dnd(None, False)
    gxp_phone.clear_requests()

    on = await say(hass, "turn on do not disturb")
    again = await say(hass, "enable do not disturb")

    assert speech(on) == "Turned on do not disturb on Grandstream GXP."
    assert speech(again) == "Turned on do not disturb on Grandstream GXP."
    assert commands(gxp_phone) == [("api-send_key", {"keys": "DND"})]


@pytest.mark.usefixtures("phones")
async def test_dnd_which_phone(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """With several phones, DND asks which one."""
    response = await say(hass, "turn off do not disturb")

    assert speech(response) == f"Which phone? Say which one: {DESK}, {HS1} or {HS2}."
    assert response.error_code is NO_TARGETS
    assert commands(gxp_phone) == []
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_dnd_switch_disabled(
    hass: HomeAssistant, dp_phone: SimulatedPhone
) -> None:
    """DND goes through the switch: a disabled switch is said to be."""
    er.async_get(hass).async_update_entity(
        "switch.grandstream_dp_handset_2_do_not_disturb",
        disabled_by=er.RegistryEntryDisabler.USER,
    )
    # The handset stays exposed to Assist through another of its entities.
    async_expose_entity(
        hass, conversation.DOMAIN, "sensor.grandstream_dp_handset_2_call_state", True
    )

    response = await say(hass, "turn off do not disturb on handset 2")

    assert speech(response) == f"The do not disturb switch of {HS2} is disabled."
    assert commands(dp_phone) == []


# ---------------------------------------------------------- who is calling


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(
    ("number", "name", "answer"),
    [
        ("+4930123", "Alice", "Alice is calling from +4930123."),
        ("5551234", "", "Someone is calling from 5551234."),
        ("", "Bob", "Bob is calling."),
        ("", "", "Someone is calling, without caller ID."),
    ],
)
async def test_who_is_calling(
    hass: HomeAssistant,
    *,
    dp_phone: SimulatedPhone,
    number: str,
    name: str,
    answer: str,
) -> None:
    """The caller of the ringing phone, as much as the phone shows."""
    dp_phone.ring(1, number, name, 2)

    response = await say(hass, "who is calling")

    assert speech(response) == answer
    assert response.response_type is intent.IntentResponseType.QUERY_ANSWER
    assert commands(dp_phone) == []


@pytest.mark.usefixtures("phones")
async def test_who_is_calling_several(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """One caller ringing two handsets is one caller; two callers are both said."""
    dp_phone.ring(1, "+4930123", "Alice", 1)
    dp_phone.ring(1, "+4930123", "Alice", 2)
    assert speech(await say(hass, "who's calling")) == "Alice is calling from +4930123."

    gxp_phone.ring(1, "5551234", "Bob")
    both = speech(await say(hass, "who is ringing"))

    assert f"Bob is calling {DESK} from 5551234." in both
    assert f"Alice is calling {HS1} from +4930123." in both
    assert f"Alice is calling {HS2} from +4930123." in both


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize(
    ("text", "answer", "response_type"),
    [
        (
            "who is calling",
            "Nothing is ringing.",
            intent.IntentResponseType.QUERY_ANSWER,
        ),
        (
            "who is on the phone",
            "Nothing is ringing.",
            intent.IntentResponseType.QUERY_ANSWER,
        ),
        (
            "who is calling on the desk phone",
            f"{DESK} is not ringing.",
            intent.IntentResponseType.QUERY_ANSWER,
        ),
        (
            "who's calling the kitchen phone",
            "Bob is calling from 5551234.",
            intent.IntentResponseType.QUERY_ANSWER,
        ),
        (
            "who is calling the garage phone",
            "I know no phone called garage phone.",
            ERROR,
        ),
    ],
)
async def test_who_is_calling_named(
    hass: HomeAssistant,
    *,
    dp_phone: SimulatedPhone,
    text: str,
    answer: str,
    response_type: intent.IntentResponseType,
) -> None:
    """A phone named: its caller, or that it does not ring."""
    if "kitchen" in text:
        dp_phone.ring(1, "5551234", "Bob", 1)
        dp_phone.ring(1, "+4930123", "Alice", 2)

    response = await say(hass, text)

    assert speech(response) == answer
    assert response.response_type is response_type


# --------------------------------------------------------------- LLM tools


# Home Assistant 2026.10 takes the tools from the integration's llm platform,
# named after the integration; older releases offered each intent by its name.
TOOLS_FROM_PLATFORM = (
    importlib.util.find_spec("homeassistant.components.llm") is not None
)


def tool_name(intent_type: str) -> str:
    """The name of an intent's tool in this Home Assistant."""
    return f"{DOMAIN}__{intent_type}" if TOOLS_FROM_PLATFORM else intent_type


def tool_answer(result: Any) -> dict[str, Any]:
    """What a tool answered: 2026.10 wraps it in a ToolResult, older releases do not."""
    return dict(getattr(result, "data", result))


def llm_context(device_id: str | None = None) -> llm.LLMContext:
    """What a conversation agent with the Assist API passes along."""
    return llm.LLMContext(
        platform="test",
        context=Context(),
        language="en",
        assistant=conversation.DOMAIN,
        device_id=device_id,
    )


@pytest.mark.usefixtures("phones")
async def test_llm_tools_listed(hass: HomeAssistant) -> None:
    """Every intent is a tool of the Assist API, described, with its slots."""
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    tools = {tool.name: tool for tool in api.tools}

    for name in map(tool_name, INTENTS):
        assert name in tools
        assert tools[name].description
        assert not tools[name].description.startswith("Execute Home Assistant")
    make_call = {
        str(key): key
        for key in tools[tool_name("GrandstreamMakeCall")].parameters.schema
    }
    assert set(make_call) == {"number", "phone"}
    assert make_call["number"].description
    assert make_call["phone"].description
    answer = {
        str(key) for key in tools[tool_name("GrandstreamAnswer")].parameters.schema
    }
    assert answer == {"phone"}


@pytest.mark.usefixtures("phones")
async def test_llm_tool_calls(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """An agent calls the tools as the model asks; the phones act, answers return."""
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())

    async def tool(name: str, **args: Any) -> dict[str, Any]:
        result = await api.async_call_tool(
            llm.ToolInput(tool_name=name, tool_args=args)
        )
        await hass.async_block_till_done()
        return tool_answer(result)

    called = await tool(
        tool_name("GrandstreamMakeCall"), number="+49 30 123", phone="kitchen phone"
    )
    assert speech(called) == f"Calling +4930123 from {HS1}."
    assert called["response_type"] == "action_done"
    assert commands(dp_phone) == [
        ("api-make_call", {"hs": "1", "phonenumber": "+4930123"})
    ]

    vague = await tool(tool_name("GrandstreamMakeCall"), number="5551234")
    assert vague["response_type"] == "error"
    assert speech(vague).startswith("Which phone should call?")

    gxp_phone.ring(1, "5551234", "Bob")
    who = await tool(tool_name("GrandstreamWhoIsCalling"))
    assert who["response_type"] == "query_answer"
    assert speech(who) == "Bob is calling from 5551234."

    answered = await tool(tool_name("GrandstreamAnswer"))
    assert speech(answered) == f"Answered the call on {DESK}."
    held = await tool(tool_name("GrandstreamHold"), phone="desk phone")
    assert speech(held) == f"The call on {DESK} is on hold."
    resumed = await tool(tool_name("GrandstreamResume"))
    assert speech(resumed) == f"Resumed the call on {DESK}."
    # The handset still dials the call made above: which call to end is asked.
    vague = await tool(tool_name("GrandstreamHangUp"))
    assert speech(vague) == (
        f"Several phones are in a call: say which one: {DESK} or {HS1}."
    )
    ended = await tool(tool_name("GrandstreamHangUp"), phone="desk phone")
    assert speech(ended) == f"Hung up on {DESK}."
    assert commands(gxp_phone) == [
        gxp_operation("acceptcall"),
        gxp_operation("holdcall"),
        gxp_operation("unholdcall"),
        gxp_operation("endcall"),
    ]

    dp_phone.clear_requests()
    dp_phone.ring(1, "5551234", "Bob", 2)
    rejected = await tool(tool_name("GrandstreamReject"))
    dnd = await tool(tool_name("GrandstreamDndOn"), phone="handset 2")
    undnd = await tool(tool_name("GrandstreamDndOff"), phone="handset 2")
    assert speech(rejected) == f"Rejected the call on {HS2}."
    assert speech(dnd) == f"Turned on do not disturb on {HS2}."
    assert speech(undnd) == f"Turned off do not disturb on {HS2}."
    assert commands(dp_phone) == [
        dp_operation("rejectcall", hs=2),
        ("api-device_operation", {"hs": "2", "cmd": "setdnd"}),
        ("api-device_operation", {"hs": "2", "cmd": "unsetdnd"}),
    ]


@pytest.mark.usefixtures("phones")
async def test_llm_ambiguous_and_satellite_area(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """Through the LLM too: ambiguity is refused; the satellite's area decides."""
    prepare(gxp_phone, "ring", None)
    prepare(dp_phone, "ring", 1)
    anywhere = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    kitchen = await llm.async_get_api(
        hass, llm.LLM_API_ASSIST, llm_context(satellite_in(hass, "Kitchen"))
    )
    answer = llm.ToolInput(tool_name=tool_name("GrandstreamAnswer"), tool_args={})

    refused = await anywhere.async_call_tool(answer)
    assert speech(tool_answer(refused)).startswith("Several phones are ringing")
    assert commands(gxp_phone) == commands(dp_phone) == []

    answered = await kitchen.async_call_tool(answer)
    await hass.async_block_till_done()
    assert speech(tool_answer(answered)) == f"Answered the call on {HS1}."
    assert commands(dp_phone) == [dp_operation("acceptcall")]
    assert commands(gxp_phone) == []


@pytest.mark.skipif(
    not TOOLS_FROM_PLATFORM, reason="Home Assistant before 2026.10 has no llm platforms"
)
@pytest.mark.usefixtures("phones")
async def test_llm_tools_only_for_exposed_phones(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    """No phone tools for another API, nor once no phone entity is exposed."""
    from custom_components.grandstream_cti.llm import async_get_tools

    assert async_get_tools(hass, llm_context(), "another_api") is None
    ours = [e for e in entity_registry.entities.values() if e.platform == DOMAIN]
    assert ours
    for entity in ours:
        async_expose_entity(hass, conversation.DOMAIN, entity.entity_id, False)

    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    assert not [tool for tool in api.tools if tool.name.startswith(f"{DOMAIN}__")]


# ------------------------------------------------------------- missed calls


@pytest.mark.usefixtures("nine_o_clock", "phones")
@pytest.mark.parametrize(
    "text",
    [
        "did I miss any calls",
        "have I missed any phone calls",
        "are there any missed calls",
        "who called",
        "who called me",
    ],
)
async def test_no_missed_calls(hass: HomeAssistant, text: str) -> None:
    response = await say(hass, text)

    assert speech(response) == "No missed calls."
    assert response.response_type is intent.IntentResponseType.QUERY_ANSWER


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_missed_calls_of_every_phone(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    """Each phone that missed calls says whose, newest first, with the time."""
    await miss_call(hass, dp_phone, "+4930123", "Alice", hs=1)
    await miss_call(hass, dp_phone, "5551234", "", hs=1)
    await miss_call(hass, gxp_phone, "", "")

    response = await say(hass, "did I miss any calls")

    assert speech(response) == (
        f"{DESK} missed a call from an unknown caller at 09:00. "
        f"{HS1} missed 2 calls, from 5551234 at 09:00 and Alice at 09:00."
    )
    assert response.response_type is intent.IntentResponseType.QUERY_ANSWER


@pytest.mark.usefixtures("nine_o_clock", "phones")
@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("any missed calls on the kitchen handset", f"{HS1} missed a call from Bob"),
        ("who called the kitchen phone", f"{HS1} missed a call from Bob"),
        ("did the desk phone miss any calls", f"{DESK} has no missed calls."),
        ("who called on handset 2", f"{HS2} has no missed calls."),
        ("who rang the garage phone", "I know no phone called garage phone."),
    ],
)
async def test_missed_calls_of_the_named_phone(
    hass: HomeAssistant, dp_phone: SimulatedPhone, text: str, answer: str
) -> None:
    await miss_call(hass, dp_phone, "5551234", "Bob", hs=1)

    assert speech(await say(hass, text)).startswith(answer)


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_missed_calls_of_unexposed_phones_not_told(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
) -> None:
    """The desk phone is not exposed to Assist: its calls are not told, nor it used."""
    await miss_call(hass, gxp_phone, "+4930123", "Alice")
    await miss_call(hass, dp_phone, "5551234", "Bob", hs=1)
    for entity in er.async_entries_for_config_entry(entity_registry, gxp.entry_id):
        async_expose_entity(hass, conversation.DOMAIN, entity.entity_id, False)

    told = speech(await say(hass, "did I miss any calls"))
    named = speech(await say(hass, "did the desk phone miss any calls"))
    gxp_phone.ring(1, "+4930123", "Alice")
    await say(hass, "answer the phone")

    assert told.startswith(f"{HS1} missed a call from Bob")
    assert "Alice" not in told
    assert DESK not in told
    assert named == "I know no phone called desk phone."
    assert commands(gxp_phone) == []


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_missed_calls_long_ago_and_many(
    hass: HomeAssistant,
    nine_o_clock: datetime,
    freezer: FrozenDateTimeFactory,
    dp_phone: SimulatedPhone,
) -> None:
    """Calls of other days say the day; only the three newest are named."""
    await miss_call(hass, dp_phone, "1", "Old", hs=2)
    freezer.move_to(nine_o_clock + timedelta(days=1))
    await miss_call(hass, dp_phone, "2", "Yesterday", hs=2)
    freezer.move_to(nine_o_clock + timedelta(days=2))
    for number in range(3, 6):
        await miss_call(hass, dp_phone, str(number), "", hs=2)

    today = await say(hass, "who called on handset 2")
    freezer.move_to(nine_o_clock + timedelta(days=3))
    later = await say(hass, "who called on handset 2")

    assert speech(today) == (
        f"{HS2} missed 5 calls, from 5 at 09:00, 4 at 09:00, 3 at 09:00 and 2 more."
    )
    assert speech(later) == (
        f"{HS2} missed 5 calls, from 5 yesterday at 09:00, 4 yesterday at 09:00, "
        "3 yesterday at 09:00 and 2 more."
    )
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": "button.grandstream_dp_handset_2_clear_missed_calls"},
        blocking=True,
    )
    freezer.move_to(nine_o_clock + timedelta(days=4, hours=5))
    await miss_call(hass, dp_phone, "7", "Carol", hs=2)
    freezer.move_to(nine_o_clock + timedelta(days=6))
    assert speech(await say(hass, "who called on handset 2")) == (
        f"{HS2} missed a call from Carol on December 5 at 14:00."
    )


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_missed_calls_while_the_phone_is_unreachable(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """Home Assistant keeps the missed calls: they are told all the same."""
    await miss_call(hass, gxp_phone, "5551234", "Bob")
    await gxp_phone.set_fault("connection_refused")
    gxp = hass.config_entries.async_get_entry("gxp_entry")
    assert isinstance(gxp, MockConfigEntry)
    await poll(hass, gxp)

    response = await say(hass, "who called on the desk phone")

    assert speech(response) == f"{DESK} missed a call from Bob at 09:00."


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_missed_calls_llm_tool(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    await miss_call(hass, gxp_phone, "5551234", "Bob")

    result = await api.async_call_tool(
        llm.ToolInput(tool_name=tool_name("GrandstreamMissedCalls"), tool_args={})
    )

    answer = tool_answer(result)
    assert answer["response_type"] == "query_answer"
    assert speech(answer) == f"{DESK} missed a call from Bob at 09:00."


# ------------------------------------------------------------- the phonebook


@pytest.mark.usefixtures("assist", "gxp")
async def test_call_a_contact_of_the_phonebook(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """ "Call Mum" dials Mum's number; with several, it asks which, and dials none."""
    phonebook = await async_get_phonebook(hass)
    phonebook.set_contact(Contact(name="Mum", numbers=("+49 30 1234567",)))
    phonebook.set_contact(
        Contact(name="Bob", numbers=("0171 2345678", "+49 30 7654321 ext. 12", "201"))
    )
    gxp_phone.clear_requests()

    called = await say(hass, "call mum")
    asked = await say(hass, "call Bob")
    unknown = await say(hass, "call Carol")

    assert speech(called) == "Calling +49301234567 from Grandstream GXP."
    assert speech(asked) == (
        "Bob has several numbers: 01712345678 or 201. Say which one to call."
    )
    assert speech(unknown).startswith("I cannot dial Carol")
    assert commands(gxp_phone) == [("api-make_call", {"phonenumber": "+49301234567"})]


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_clear_missed_calls(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone
) -> None:
    await miss_call(hass, gxp_phone, "+4930123", "Alice")
    await miss_call(hass, dp_phone, "5551234", "Bob", hs=1)

    on_one = speech(await say(hass, "clear the missed calls on the desk phone"))
    on_all = speech(await say(hass, "clear my missed calls"))
    again = speech(await say(hass, "clear my missed calls"))

    assert on_one == f"Cleared the missed calls of {DESK}."
    assert on_all == f"Cleared the missed calls of {HS1}."
    assert again == "No missed calls."
    assert speech(await say(hass, "did I miss any calls")) == "No missed calls."


@pytest.mark.usefixtures("nine_o_clock", "phones")
async def test_who_called_with_none_missed_tells_the_last_answered_call(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, gxp_phone: SimulatedPhone
) -> None:
    gxp = hass.config_entries.async_get_entry("gxp_entry")
    assert isinstance(gxp, MockConfigEntry)
    gxp_phone.ring(1, "+4930123", "Alice")
    await poll(hass, gxp)
    gxp_phone.answer(1)
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    assert speech(await say(hass, "who called")) == (
        f"No missed calls. The last call was answered on {DESK}: Alice at 09:00."
    )
