"""A household's calls counted right: one call, one outcome, on every phone.

Scripted call sequences through the simulator and the set-up integration, with
the clock moved by freezer (tests.conftest.poll).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
)
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.grandstream_cti.const import CONF_FAMILY, DOMAIN, EVENT_CALL
from simulator import LineState, SimulatedPhone
from tests.conftest import PASSCODE, poll, setup_entry

from .helpers import device_id, point_phone_at, press, pushes_handled, state_of

pytestmark = pytest.mark.usefixtures("freezer")

MUM = "+4930123"


def handset_missed(hass: HomeAssistant, hs: int) -> str:
    """The Missed calls count of DP handset hs."""
    return state_of(hass, f"sensor.grandstream_dp_handset_{hs}_missed_calls").state


def told(events: list[dict[str, Any]]) -> list[tuple[int | None, str]]:
    """Each event's handset and type, in the order they fired."""
    return [(event["handset"], event["event_type"]) for event in events]


@pytest.fixture
async def dp3(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp_entry: MockConfigEntry
) -> MockConfigEntry:
    """The DP750 base with handsets 1, 2 and 3 paired, set up."""
    dp_phone.pair(3)
    return await setup_entry(hass, dp_entry)


async def test_ring_all_answered_on_handset_1(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp3: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """Mum rings every handset; handset 1 answers: missed nowhere."""
    dp_phone.ring_all(MUM, "Mum")
    await poll(hass, dp3)
    dp_phone.answer(hs=1)
    await poll(hass, dp3)
    assert [dp_phone.line(1, hs).state for hs in (2, 3)] == [LineState.IDLE] * 2
    dp_phone.hangup(hs=1)
    await poll(hass, dp3)

    assert sorted(told(bus_events)) == sorted(
        [
            (1, "incoming"),
            (2, "incoming"),
            (3, "incoming"),
            (1, "answered"),
            (2, "answered_elsewhere"),
            (3, "answered_elsewhere"),
            (1, "ended"),
        ]
    )
    assert [handset_missed(hass, hs) for hs in (1, 2, 3)] == ["0", "0", "0"]
    elsewhere = next(e for e in bus_events if e["event_type"] == "answered_elsewhere")
    assert elsewhere["number"] == MUM
    last = state_of(hass, "sensor.grandstream_dp_handset_2_last_call").attributes
    assert (last["number"], last["answered"]) == (MUM, False)
    assert last["outcome"] == "answered_elsewhere"
    last = state_of(hass, "sensor.grandstream_dp_handset_1_last_call").attributes
    assert last["outcome"] == "answered"


async def test_ring_all_nobody_answers(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp3: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """A call nobody answered is missed on each handset that rang."""
    dp_phone.ring_all(MUM, "Mum")
    await poll(hass, dp3)
    dp_phone.hangup(hs=2)
    await poll(hass, dp3)

    assert sorted(e for e in told(bus_events) if e[1] == "missed") == [
        (1, "missed"),
        (2, "missed"),
        (3, "missed"),
    ]
    assert [handset_missed(hass, hs) for hs in (1, 2, 3)] == ["1", "1", "1"]
    last = state_of(hass, "sensor.grandstream_dp_handset_3_last_call").attributes
    assert last["outcome"] == "missed"


async def test_ring_all_pushed_is_one_call_for_the_push_watch(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    dp_phone: SimulatedPhone,
    dp3: MockConfigEntry,
    http: TestClient,
) -> None:
    """The base pushes one Incoming Call for a ring-all call: no silence is seen."""
    point_phone_at(hass, dp_phone, dp3, http)
    for _ in range(4):
        dp_phone.ring_all(MUM, "Mum")
        await pushes_handled(hass, dp_phone)
        await poll(hass, dp3)
        dp_phone.answer(hs=1)
        await pushes_handled(hass, dp_phone)
        dp_phone.hangup(hs=1)
        await pushes_handled(hass, dp_phone)
        await poll(hass, dp3)

    assert (
        issue_registry.async_get_issue(DOMAIN, f"action_urls_silent_{dp3.entry_id}")
        is None
    )


@pytest.fixture
async def second_gxp_phone() -> AsyncIterator[SimulatedPhone]:
    """Another simulated GXP2135 of the same house."""
    async with SimulatedPhone("gxp", passcode=PASSCODE) as phone:
        yield phone


async def test_answered_on_another_phone_of_the_house(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    second_gxp_phone: SimulatedPhone,
    bus_events: list[dict[str, Any]],
) -> None:
    """Two desk phones ring for one call; the study answers: the hall missed nothing."""
    hall = await setup_entry(
        hass,
        MockConfigEntry(
            domain=DOMAIN,
            title="Hall",
            entry_id="hall_entry",
            data={
                CONF_HOST: second_gxp_phone.host,
                CONF_PASSWORD: PASSCODE,
                CONF_SSL: False,
                CONF_VERIFY_SSL: False,
                CONF_FAMILY: "gxp",
            },
        ),
    )
    gxp_phone.ring(1, MUM, "Mum")
    second_gxp_phone.ring(1, MUM, "Mum")
    await poll(hass, gxp)
    # The hall's ring stops before the study's answer is seen: its read may
    # come first.
    second_gxp_phone.hangup(1)
    await poll(hass, hall)
    assert "missed" not in [e["event_type"] for e in bus_events]
    gxp_phone.answer(1)
    await poll(hass, gxp)

    types = [e["event_type"] for e in bus_events]
    assert "missed" not in types
    assert types.count("answered_elsewhere") == 1
    hall_missed = next(
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), hall.entry_id
        )
        if entity.translation_key == "missed_calls"
    )
    assert state_of(hass, hall_missed).state == "0"
    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "0"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_declined_with_the_reject_button(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    bus_events: list[dict[str, Any]],
) -> None:
    """The phone pushes Missed Call for the ring the user rejected: still rejected."""
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(1, MUM, "Mum")
    await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)

    await press(hass, "button.grandstream_gxp_decline")
    await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)

    assert told(bus_events) == [(None, "incoming"), (None, "rejected")]
    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "0"
    last = state_of(hass, "sensor.grandstream_gxp_last_call").attributes
    assert (last["number"], last["outcome"]) == (MUM, "rejected")


async def test_declined_on_a_handset_by_call_control(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """Rejected on handset 2; handset 1's ring of another caller stays missed."""
    dp_phone.ring(1, MUM, "Mum", hs=2)
    dp_phone.ring(1, "5550101", "Carol", hs=1)
    await poll(hass, dp)

    await hass.services.async_call(
        DOMAIN,
        "call_control",
        {"device_id": device_id(hass, dp, 2), "operation": "reject"},
        blocking=True,
    )
    dp_phone.hangup(1, hs=1)
    await poll(hass, dp)

    ends = sorted(e for e in told(bus_events) if e[1] != "incoming")
    assert ends == [(1, "missed"), (2, "rejected")]
    assert [handset_missed(hass, hs) for hs in (1, 2)] == ["1", "0"]


async def test_a_refused_reject_leaves_the_ring_missed(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """The phone refused the reject: the ring nobody answered is a missed call."""
    gxp_phone.ring(1, MUM, "Mum")
    await poll(hass, gxp)
    await gxp_phone.set_fault("response_error", count=1)
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(
            DOMAIN,
            "call_control",
            {"device_id": device_id(hass, gxp), "operation": "reject"},
            blocking=True,
        )
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    assert told(bus_events) == [(None, "incoming"), (None, "missed")]


async def test_push_only_ring_then_poll_only_ring_both_count(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    bus_events: list[dict[str, Any]],
) -> None:
    """111 rings so briefly that only its pushes tell it; 222's only the poll sees.

    Pushes and polls are matched by call: 111's pushes do not stand for 222.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(1, "111", "")
    gxp_phone.hangup(1)
    await pushes_handled(hass, gxp_phone)
    gxp_phone.action_url.clear_templates()
    gxp_phone.ring(1, "222", "")
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    assert [(e["number"], e["event_type"]) for e in bus_events] == [
        ("111", "incoming"),
        ("111", "missed"),
        ("222", "incoming"),
        ("222", "missed"),
    ]
    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "2"


async def test_the_count_is_new_when_the_missed_event_fires(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """The call is counted before its event fires, for a listener however quick.

    An automation's actions run a little later (they read the new count either
    way); a listener of the bus that reads the sensor at once did not.
    """
    counts: list[str] = []

    @callback
    def read_count(event: Event) -> None:
        if event.data["event_type"] == "missed":
            counts.append(state_of(hass, "sensor.grandstream_gxp_missed_calls").state)

    hass.bus.async_listen(EVENT_CALL, read_count)
    gxp_phone.ring(1, MUM, "Mum")
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    assert counts == ["1"]


async def test_an_automation_on_missed_reads_the_new_count(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """An automation on missed reads the count with this call, in its first template.

    It read the new count on c21b127's code as well: an automation starts a
    little after the listeners of the event; see the test above.
    """
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "triggers": {
                    "trigger": "event",
                    "event_type": EVENT_CALL,
                    "event_data": {"event_type": "missed"},
                },
                "variables": {
                    "count": "{{ states('sensor.grandstream_gxp_missed_calls') }}"
                },
                "actions": {
                    "event": "missed_count_seen",
                    "event_data": {"count": "{{ count }}"},
                },
            }
        },
    )
    seen = async_capture_events(hass, "missed_count_seen")
    gxp_phone.ring(1, MUM, "Mum")
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    assert [event.data["count"] for event in seen] == [1]


async def phone_unread_for(
    hass: HomeAssistant,
    phone: SimulatedPhone,
    entry: MockConfigEntry,
    duration: timedelta = timedelta(minutes=1),
) -> None:
    """The phone's pushes are handled while its reads fail for over duration."""
    await pushes_handled(hass, phone)
    for _ in range(duration // entry.runtime_data.update_interval + 1):
        await poll(hass, entry)
    assert state_of(hass, "sensor.grandstream_gxp_call_state").state == "unavailable"
    await phone.clear_fault()
    await poll(hass, entry)


async def test_missed_push_then_the_poll_much_later_count_once(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    bus_events: list[dict[str, Any]],
) -> None:
    """The phone pushes Missed Call; its lines are read again only a minute later.

    The poll then sees the same ring stop: the phone's push told it, it counts once.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(1, MUM, "Mum")
    await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)
    await gxp_phone.set_fault("connection_refused")
    gxp_phone.hangup(1)
    await phone_unread_for(hass, gxp_phone, gxp)

    assert told(bus_events) == [(None, "incoming"), (None, "missed")]
    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "1"


async def test_a_ring_the_poll_cannot_read_for_90_s_is_one_call(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    bus_events: list[dict[str, Any]],
) -> None:
    """Mum's ring is pushed; the phone's lines are read only 90 s later, still ringing.

    The read's incoming is the push's ring, however late: the ring has not
    ended, and one ring is one incoming event.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    await gxp_phone.set_fault("connection_refused")
    gxp_phone.ring(1, MUM, "Mum")
    await phone_unread_for(hass, gxp_phone, gxp, timedelta(seconds=90))
    assert state_of(hass, "sensor.grandstream_gxp_call_state").state == "ringing"
    gxp_phone.hangup(1)
    await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)

    assert told(bus_events) == [(None, "incoming"), (None, "missed")]
    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "1"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_declined_then_the_poll_much_later_stays_rejected(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    bus_events: list[dict[str, Any]],
) -> None:
    """The user declines; the phone pushes Missed Call; its lines are read a minute later.

    Home Assistant's judgement wins over the phone's: the user declined it.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(1, MUM, "Mum")
    await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)
    await press(hass, "button.grandstream_gxp_decline")
    await gxp_phone.set_fault("connection_refused")
    await phone_unread_for(hass, gxp_phone, gxp)

    assert told(bus_events) == [(None, "incoming"), (None, "rejected")]
    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "0"


async def test_a_ring_end_the_phone_did_not_push_waits_for_no_push(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """Mum's first ring ends without a Missed Call push; her second's push counts.

    The read told the first ring's end: the second ring's push is not its twin.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.action_url.set_template("missed", None)
    gxp_phone.ring(1, MUM, "Mum")
    await pushes_handled(hass, gxp_phone)
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(1, MUM, "Mum")
    await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)
    await gxp_phone.set_fault("connection_refused")
    gxp_phone.hangup(1)
    await pushes_handled(hass, gxp_phone)

    assert state_of(hass, "sensor.grandstream_gxp_missed_calls").state == "2"
