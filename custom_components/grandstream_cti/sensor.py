"""Sensors of Grandstream phones: call state, remote party, per-line state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator, GrandstreamData
from .cti import CallState, Family, LineStatus
from .entity import GrandstreamEntity, async_add_entities_as_they_appear

PARALLEL_UPDATES = 0

_CALL_STATES = [state.value for state in CallState]
# What the guide says api-get_phone_status answers; any other word shows as
# "other", with the phone's own word in the phone_state attribute.
_PHONE_STATUSES = ["available", "busy"]
_OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class GrandstreamLineSensorEntityDescription(SensorEntityDescription):
    """A sensor that reads one line: the station's current one, or line N.

    The current line is None while the station is idle.
    """

    value_fn: Callable[[LineStatus | None], StateType]
    attributes_fn: Callable[[LineStatus | None], dict[str, Any]] | None = None


@dataclass(frozen=True, kw_only=True)
class GrandstreamPhoneSensorEntityDescription(SensorEntityDescription):
    """A sensor of the phone as a whole."""

    value_fn: Callable[[GrandstreamData], StateType]
    attributes_fn: Callable[[GrandstreamData], dict[str, Any]]


def _remote_number(line: LineStatus | None) -> str | None:
    return line.remote_number or None if line else None


def _remote_name(line: LineStatus | None) -> str | None:
    return line.remote_name or None if line else None


def _call_state_attributes(line: LineStatus | None) -> dict[str, Any]:
    return {
        "line": line.line if line else None,
        "remote_number": _remote_number(line),
        "remote_name": _remote_name(line),
        # The phone's own word, so that states we do not know stay visible.
        "phone_state": line.raw_state if line else None,
    }


def _phone_status(data: GrandstreamData) -> str | None:
    if data.phone_status is None:
        return None
    status = data.phone_status.status
    return status if status in _PHONE_STATUSES else _OTHER


def _phone_status_attributes(data: GrandstreamData) -> dict[str, Any]:
    return {"phone_state": data.phone_status.status if data.phone_status else None}


def _line_state_attributes(line: LineStatus | None) -> dict[str, Any]:
    return {
        "remote_number": _remote_number(line),
        "remote_name": _remote_name(line),
        "account": line.account or None if line else None,
        "phone_state": line.raw_state if line else None,
    }


STATION_SENSORS: tuple[GrandstreamLineSensorEntityDescription, ...] = (
    GrandstreamLineSensorEntityDescription(
        key="call_state",
        translation_key="call_state",
        device_class=SensorDeviceClass.ENUM,
        options=_CALL_STATES,
        value_fn=lambda line: line.state if line else CallState.IDLE,
        attributes_fn=_call_state_attributes,
    ),
    GrandstreamLineSensorEntityDescription(
        key="remote_number",
        translation_key="remote_number",
        value_fn=_remote_number,
    ),
    GrandstreamLineSensorEntityDescription(
        key="remote_name",
        translation_key="remote_name",
        value_fn=_remote_name,
    ),
)

LINE_SENSOR = GrandstreamLineSensorEntityDescription(
    key="line_state",
    translation_key="line_state",
    device_class=SensorDeviceClass.ENUM,
    options=_CALL_STATES,
    entity_registry_enabled_default=False,
    value_fn=lambda line: line.state if line else None,
    attributes_fn=_line_state_attributes,
)

GXP_SENSORS: tuple[GrandstreamPhoneSensorEntityDescription, ...] = (
    GrandstreamPhoneSensorEntityDescription(
        key="phone_status",
        translation_key="phone_status",
        device_class=SensorDeviceClass.ENUM,
        options=[*_PHONE_STATUSES, _OTHER],
        value_fn=_phone_status,
        attributes_fn=_phone_status_attributes,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors of the phone, and of each handset as it pairs."""
    coordinator = entry.runtime_data
    if coordinator.family is Family.GXP:
        async_add_entities(
            GrandstreamPhoneSensor(coordinator, description)
            for description in GXP_SENSORS
        )

    def build(handset: int | None) -> list[GrandstreamLineSensor]:
        # One sensor per line the phone reports: 1-10 on a DP handset, as many
        # as the model has on a GXP phone.
        lines = coordinator.data.stations[handset].lines
        return [
            *(
                GrandstreamLineSensor(coordinator, description, handset=handset)
                for description in STATION_SENSORS
            ),
            *(
                GrandstreamLineSensor(
                    coordinator, LINE_SENSOR, handset=handset, line=line.line
                )
                for line in lines
            ),
        ]

    async_add_entities_as_they_appear(
        coordinator, async_add_entities, lambda data: data.stations, build
    )


class GrandstreamLineSensor(GrandstreamEntity, SensorEntity):
    """A sensor of a GXP phone or DP handset that reads one of its lines."""

    entity_description: GrandstreamLineSensorEntityDescription

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: GrandstreamLineSensorEntityDescription,
        *,
        handset: int | None,
        line: int | None = None,
    ) -> None:
        """Read line, or without one the line that speaks for the station."""
        super().__init__(
            coordinator,
            description,
            handset=handset,
            index=None if line is None else ("line", line),
        )
        self._line = line

    @property
    def _line_status(self) -> LineStatus | None:
        station = self.coordinator.data.stations[self.handset]
        if self._line is None:
            return station.current_line
        return station.line(self._line)

    @property
    def native_value(self) -> StateType:
        """The state the description reads from the line."""
        return self.entity_description.value_fn(self._line_status)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The line's details, for sensors that have them."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self._line_status)


class GrandstreamPhoneSensor(GrandstreamEntity, SensorEntity):
    """A sensor of the phone as a whole."""

    entity_description: GrandstreamPhoneSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        """The state the description reads from the phone's data."""
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The phone's details the description reads."""
        return self.entity_description.attributes_fn(self.coordinator.data)
