"""The Last push sensor: whether the phone's Action URLs reach Home Assistant."""

from __future__ import annotations

from datetime import datetime

from homeassistant.components.sensor import (
    DOMAIN as SENSOR_DOMAIN,
    RestoreSensor,
    SensorDeviceClass,
    SensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import DOMAIN
from .coordinator import GrandstreamCoordinator
from .cti.calls import PushEvent
from .entity import GrandstreamEntity, unique_id
from .push_watch import LastPush

LAST_PUSH = SensorEntityDescription(
    key="last_push",
    translation_key="last_push",
    device_class=SensorDeviceClass.TIMESTAMP,
    entity_category=EntityCategory.DIAGNOSTIC,
)
EVENT_ATTRIBUTE = "event"
_PUSH_EVENTS = frozenset(event.value for event in PushEvent)


def async_add_last_push_sensor(
    coordinator: GrandstreamCoordinator,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the Last push sensor once the phone has pushed.

    Pushes are optional: a phone without Action URLs gets no sensor that stays
    unknown for good. One that pushed before, in an earlier set-up, has it
    from the start.
    """
    registry = er.async_get(coordinator.hass)
    push_watch = coordinator.push_watch
    if push_watch.last is not None or registry.async_get_entity_id(
        SENSOR_DOMAIN, DOMAIN, unique_id(coordinator, LAST_PUSH.key)
    ):
        async_add_entities([LastPushSensor(coordinator)])
        return
    added = False

    @callback
    def add_at_first_push() -> None:
        nonlocal added
        if not added:
            added = True
            async_add_entities([LastPushSensor(coordinator)])

    coordinator.config_entry.async_on_unload(
        push_watch.async_add_listener(add_at_first_push)
    )


class LastPushSensor(GrandstreamEntity, RestoreSensor):
    """When the phone (or DP base) last pushed, with the event it pushed.

    Pushes, not polls, move it, and it stays available while the phone
    cannot be read: a push is what tells a phone that is back. Across
    restarts it shows the last push it saw before.
    """

    _kept_in_home_assistant = True

    def __init__(self, coordinator: GrandstreamCoordinator) -> None:
        """Belong to the phone's device; read what its pushes show."""
        super().__init__(coordinator, LAST_PUSH)
        self._push_watch = coordinator.push_watch
        self._attr_extra_state_attributes = {EVENT_ATTRIBUTE: None}

    async def async_added_to_hass(self) -> None:
        """Show the last push: this set-up's, else the one seen before."""
        await super().async_added_to_hass()
        if self._push_watch.last is not None:
            self._show(self._push_watch.last)
        elif (
            (sensor_data := await self.async_get_last_sensor_data()) is not None
            and isinstance(sensor_data.native_value, datetime)
            and (state := await self.async_get_last_state()) is not None
        ):
            self._attr_native_value = sensor_data.native_value
            event = state.attributes.get(EVENT_ATTRIBUTE)
            if event in _PUSH_EVENTS:
                self._attr_extra_state_attributes = {EVENT_ATTRIBUTE: event}
        self.async_on_remove(self._push_watch.async_add_listener(self._pushed))

    @callback
    def _pushed(self) -> None:
        if self._push_watch.last is not None:
            self._show(self._push_watch.last)
            self.async_write_ha_state()

    def _show(self, push: LastPush) -> None:
        self._attr_native_value = push.time
        self._attr_extra_state_attributes = {EVENT_ATTRIBUTE: push.event.value}
