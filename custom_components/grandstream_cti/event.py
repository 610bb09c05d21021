"""Call events of Grandstream phones, for automations."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti.calls import CallEvent, CallEventType
from .entity import GrandstreamEntity, async_add_station_entities

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

    @callback
    def _handle_coordinator_update(self) -> None:
        # Listeners also run after a failed refresh, and on pushes that do not
        # poll, with the data already handled: its events must not fire twice.
        if (data := self.coordinator.data) is not self._handled:
            self._handled = data
            for event in data.events:
                if event.handset == self.handset:
                    self._trigger_event(event.event_type.value, self._attributes(event))
                    self.async_write_ha_state()
        super()._handle_coordinator_update()

    def _attributes(self, event: CallEvent) -> dict[str, Any]:
        attributes: dict[str, Any] = {
            "number": event.number or None,
            "name": event.name or None,
            "line": event.line,
        }
        if event.handset is not None:
            attributes["handset"] = event.handset
        return attributes
