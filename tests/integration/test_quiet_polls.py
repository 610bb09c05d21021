"""A poll that brings nothing new writes nothing: no state, no event, no repair."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from unittest.mock import patch

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import (
    device_registry as dr,
    entity_registry as er,
    issue_registry as ir,
)
from homeassistant.helpers.entity import Entity
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone
from tests.conftest import poll, setup_entry

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

# What a poll may write: states, and the registries' entries (each one an event).
WRITE_EVENTS = (
    EVENT_STATE_CHANGED,
    ir.EVENT_REPAIRS_ISSUE_REGISTRY_UPDATED,
    er.EVENT_ENTITY_REGISTRY_UPDATED,
    dr.EVENT_DEVICE_REGISTRY_UPDATED,
)


class Writes:
    """Every state an entity wrote, and every write event fired, while on."""

    def __init__(self) -> None:
        """Nothing written yet."""
        self.states: list[str] = []
        self.events: list[str] = []

    def clear(self) -> None:
        """Forget what was written so far."""
        self.states.clear()
        self.events.clear()


@pytest.fixture
def writes(hass: HomeAssistant) -> Iterator[Writes]:
    """Count the state writes of every entity and the write events of the bus."""
    seen = Writes()
    write = Entity._async_write_ha_state

    def counted(entity: Entity) -> None:
        seen.states.append(entity.entity_id or "?")
        write(entity)

    @callback
    def fired(event: Event[Any]) -> None:
        seen.events.append(event.event_type)

    unsubscribers: list[Callable[[], None]] = [
        hass.bus.async_listen(event_type, fired) for event_type in WRITE_EVENTS
    ]
    with patch.object(Entity, "_async_write_ha_state", counted):
        yield seen
    for unsubscribe in unsubscribers:
        unsubscribe()


@pytest.mark.parametrize("family", ["gxp", "dp"])
async def test_unchanged_phone_writes_nothing(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    dp_entry: MockConfigEntry,
    writes: Writes,
    family: str,
) -> None:
    """Polls of a phone whose state is the same write no state and fire nothing."""
    entry = await setup_entry(hass, gxp_entry if family == "gxp" else dp_entry)
    await poll(hass, entry)
    assert writes.states  # setup wrote every entity's state: the count works
    writes.clear()

    for _ in range(3):
        await poll(hass, entry)

    assert entry.runtime_data.last_update_success
    assert entry.runtime_data.data.events == ()
    assert writes.states == []
    assert writes.events == []


async def test_only_a_change_writes(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp_entry: MockConfigEntry,
    writes: Writes,
) -> None:
    """A ring writes states and fires the call event once; the poll after it,
    which sees the phone still ringing, writes nothing and fires nothing."""
    entry = await setup_entry(hass, gxp_entry)
    await poll(hass, entry)
    writes.clear()

    gxp_phone.ring(1)
    await poll(hass, entry)
    assert "event.grandstream_gxp_call" in writes.states
    assert EVENT_STATE_CHANGED in writes.events
    writes.clear()

    await poll(hass, entry)
    assert entry.runtime_data.data.events == ()
    assert writes.states == []
    assert writes.events == []


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_a_change_writes_only_what_it_changed(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp_entry: MockConfigEntry,
    writes: Writes,
) -> None:
    """A ring on handset 2 writes its call state, line and event, and nothing of
    handset 1 or the base: their states are what they were."""
    entry = await setup_entry(hass, dp_entry)
    await poll(hass, entry)
    writes.clear()

    dp_phone.ring(line=1, number="5551234", hs=2)
    await poll(hass, entry)
    written = set(writes.states)
    assert {
        "sensor.grandstream_dp_handset_2_call_state",
        "binary_sensor.grandstream_dp_handset_2_ringing",
        "event.grandstream_dp_handset_2_call",
    } <= written
    assert not [entity for entity in written if "handset_1" in entity]
    assert "button.grandstream_dp_restart" not in written
    assert "binary_sensor.grandstream_dp_account_1_registered" not in written
    assert "button.grandstream_dp_handset_2_answer" not in written
