"""Each call event on the event bus (grandstream_cti_call)."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import EVENT_CALL
from simulator import SimulatedPhone
from tests.conftest import poll, setup_entry
from tests.integration.helpers import (
    device_id,
    point_phone_at,
    pushed_and_polled,
    pushes_handled,
)

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

CALL_EVENT = "event.grandstream_gxp_call"


async def test_call_events_on_the_bus(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """Each event the entity fires is on the bus, with its device and entity."""
    gxp_phone.ring(1, "+4930123456", "Alice")
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    event_data = {
        "handset": None,
        "device_id": device_id(hass, gxp),
        "entity_id": CALL_EVENT,
        "number": "+4930123456",
        "name": "Alice",
        "line": 1,
        "account": 1,
        "local_number": "1001",
        "account_name": "Account 1",
    }
    assert bus_events == [
        {**event_data, "event_type": "incoming"},
        {**event_data, "event_type": "missed"},
    ]
    # The entity's attributes are the same data.
    attributes = hass.states.get(CALL_EVENT).attributes  # type: ignore[union-attr]
    assert {key: attributes[key] for key in event_data if key in attributes} == {
        key: value for key, value in event_data.items() if key in attributes
    }


async def test_push_and_poll_fire_once(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    bus_events: list[dict[str, Any]],
) -> None:
    """A ring, its answer and its end seen by push and by poll: each once."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await pushed_and_polled(
        hass,
        gxp_phone,
        gxp,
        lambda: gxp_phone.ring(1, "+4930123456", "Alice"),
        lambda: gxp_phone.answer(1),
        lambda: gxp_phone.hangup(1),
    )
    await poll(hass, gxp)

    assert [event["event_type"] for event in bus_events] == [
        "incoming",
        "answered",
        "ended",
    ]


async def test_disabled_event_entity_keeps_the_bus(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    gxp_phone: SimulatedPhone,
    gxp_entry: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """A user who disabled the event entity still has the bus event."""
    entity_registry.async_get_or_create(
        "event",
        "grandstream_cti",
        "gxp_entry_call",
        suggested_object_id="grandstream_gxp_call",
        disabled_by=er.RegistryEntryDisabler.USER,
    )
    await setup_entry(hass, gxp_entry)
    assert hass.states.get(CALL_EVENT) is None

    gxp_phone.ring(1, "5551234", "Bob")
    await poll(hass, gxp_entry)

    assert len(bus_events) == 1
    assert bus_events[0]["event_type"] == "incoming"
    assert bus_events[0]["entity_id"] == CALL_EVENT
    assert bus_events[0]["device_id"] == device_id(hass, gxp_entry)


async def test_handset_event_names_the_handset(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    bus_events: list[dict[str, Any]],
) -> None:
    """A handset's call names the handset's own device and entity."""
    dp_phone.ring(4, "5550104", "Dora", hs=2)
    await poll(hass, dp)

    assert bus_events == [
        {
            "event_type": "incoming",
            "handset": 2,
            "device_id": device_id(hass, dp, 2),
            "entity_id": "event.grandstream_dp_handset_2_call",
            "number": "5550104",
            "name": "Dora",
            "line": 4,
            "account": 1,
            "local_number": None,
            "account_name": None,
            "rings_elsewhere": False,
        }
    ]


async def test_a_pushed_call_is_told_first(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A push's call event reaches the bus and the event entity before any other
    entity of the phone is written: automations on calls start first."""
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(line=1, number="5551234")
    gxp_phone.hangup(line=1)
    await pushes_handled(hass, gxp_phone)  # the Last push sensor is there now
    told: list[str] = []

    @callback
    def record(event: Event[Any]) -> None:
        told.append(
            event.data["entity_id"]
            if event.event_type == EVENT_STATE_CHANGED
            else event.event_type
        )

    hass.bus.async_listen(EVENT_CALL, record)
    hass.bus.async_listen(EVENT_STATE_CHANGED, record)
    gxp_phone.ring(line=1, number="5551234")
    await pushes_handled(hass, gxp_phone)

    assert set(told[:2]) == {EVENT_CALL, CALL_EVENT}
    assert {
        "sensor.grandstream_gxp_call_state",
        "sensor.grandstream_gxp_last_push",
    } <= set(told[2:])
