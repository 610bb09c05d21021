"""Call events of Grandstream phones, for automations."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import (
    DOMAIN as EVENT_DOMAIN,
    EventEntity,
    EventEntityDescription,
)
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .appearing import async_add_station_entities
from .const import DOMAIN, EVENT_CALL
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti.calls import CallEvent, CallEventType
from .entity import GrandstreamEntity, unique_id
from .targets import phone_targets

PARALLEL_UPDATES = 0

CALL = EventEntityDescription(
    key="call",
    translation_key="call",
    event_types=[event_type.value for event_type in CallEventType],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the call events of the phone, or of each handset as it pairs."""
    async_add_station_entities(entry, async_add_entities, _call_events)
    _async_fire_on_bus(entry.runtime_data)


def _call_events(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> list[GrandstreamCallEvent]:
    return [GrandstreamCallEvent(coordinator, CALL, handset=handset)]


class GrandstreamCallEvent(GrandstreamEntity, EventEntity):
    """The calls of a GXP phone or a DP handset, as events."""

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: EventEntityDescription,
        *,
        handset: int | None,
    ) -> None:
        """Fire only the events that happen after the entity is created."""
        super().__init__(coordinator, description, handset=handset)
        self._handled = coordinator.data

    async def async_added_to_hass(self) -> None:
        """Hear of new data before the phone's other entities."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_add_call_listener(self._fire_new_events)
        )

    @callback
    def _fire_new_events(self) -> None:
        # Listeners also run after a failed refresh, and on pushes that do not
        # poll, with the data already handled: its events must not fire twice.
        if (data := self.coordinator.data) is not self._handled:
            self._handled = data
            for event in data.events:
                if event.handset == self.handset:
                    self._trigger_event(event.event_type.value, call_event_data(event))
                    self.async_write_ha_state()


def call_event_data(event: CallEvent) -> dict[str, Any]:
    """What a call event tells, as the event entity's attributes show it."""
    data: dict[str, Any] = {
        "number": event.number or None,
        "name": event.name or None,
        "line": event.line,
        "account": event.account,
        "local_number": event.local_number or None,
        "account_name": event.account_name or None,
    }
    if event.handset is not None:
        data["handset"] = event.handset
        data["rings_elsewhere"] = event.rings_elsewhere
    return data


@callback
def _async_fire_on_bus(coordinator: GrandstreamCoordinator) -> None:
    """Fire each new call event on the bus as EVENT_CALL, until the entry unloads.

    A listener of the platform's, not of an entity's: a disabled event entity
    does not exist, and must not silence the bus. It hands on the events of
    each new data once, as the entities do.
    """
    hass = coordinator.hass
    handled = coordinator.data

    @callback
    def fire() -> None:
        nonlocal handled
        if (data := coordinator.data) is handled:
            return
        handled = data
        if not data.events:
            return
        devices = {
            target.handset: target.device.id for target in phone_targets(coordinator)
        }
        entities = er.async_get(hass)
        for event in data.events:
            entity_id = entities.async_get_entity_id(
                EVENT_DOMAIN,
                DOMAIN,
                unique_id(coordinator, CALL.key, handset=event.handset),
            )
            hass.bus.async_fire(
                EVENT_CALL,
                {
                    **call_event_data(event),
                    "event_type": event.event_type.value,
                    "handset": event.handset,
                    ATTR_DEVICE_ID: devices.get(event.handset),
                    ATTR_ENTITY_ID: entity_id,
                },
            )

    coordinator.config_entry.async_on_unload(coordinator.async_add_call_listener(fire))
