"""Sensors of Grandstream phones: call state, remote party, per-line state, calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .appearing import async_add_entities_as_they_appear, async_add_station_entities
from .call_log_sensor import call_log_sensors
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti import CallState, Family, LineStatus
from .data import GrandstreamData
from .entity import (
    GrandstreamEntity,
    on_desk_phone,
)
from .last_push import async_add_last_push_sensor

PARALLEL_UPDATES = 0

_CALL_STATES = [state.value for state in CallState]
# What the guides (and Grandstream's GRP code) say api-get_phone_status
# answers, by the state each shows as; any other word shows as "other", with
# the phone's own word in the phone_state attribute. A GRP says "unavailable"
# when no account is registered: not Home Assistant's unavailable.
_PHONE_STATUSES = {
    "available": "available",
    "busy": "busy",
    "ringing": "ringing",
    "unavailable": "no_account",
}
_OTHER = "other"
# A GRP's misc: "1" when a call may be started from idle (vendor code).
_IDLE_CALL_ALLOWED = {"1": True, "0": False}

# A line of a GXP phone, or of a DP handset: (handset, line).
type LineKey = tuple[int | None, int]


@dataclass(frozen=True, kw_only=True)
class GrandstreamSensorEntityDescription(SensorEntityDescription):
    """A sensor of a GXP phone or DP handset.

    It reads the phone's data and one line: the station's current one (None
    while the station is idle) or, with per_line, one sensor's own line.
    """

    has_fn: Callable[[GrandstreamCoordinator], bool] = lambda _: True
    per_line: bool = False
    value_fn: Callable[[GrandstreamData, LineStatus | None], StateType]
    attributes_fn: (
        Callable[[GrandstreamData, LineStatus | None], dict[str, Any]] | None
    ) = None
    # Starts the reads that only this sensor needs, while it is added;
    # returns what stops them.
    reads_fn: Callable[[GrandstreamCoordinator], CALLBACK_TYPE] | None = None


def _remote_number(line: LineStatus | None) -> str | None:
    return line.remote_number or None if line else None


def _remote_name(line: LineStatus | None) -> str | None:
    return line.remote_name or None if line else None


def _account_attributes(
    data: GrandstreamData, line: LineStatus | None
) -> dict[str, Any]:
    """Which of the phone's accounts the line is on, numbered from 1."""
    account = data.phone_accounts.identify(line.account if line else "")
    return {
        "account": account.account,
        "local_number": account.local_number or None,
        "account_name": account.account_name or None,
    }


def _call_state_attributes(
    data: GrandstreamData, line: LineStatus | None
) -> dict[str, Any]:
    return {
        "line": line.line if line else None,
        "remote_number": _remote_number(line),
        "remote_name": _remote_name(line),
        # The phone's own word, so that states we do not know stay visible.
        "phone_state": line.raw_state if line else None,
        **_account_attributes(data, line),
    }


def _phone_status(data: GrandstreamData) -> str | None:
    if data.phone_status is None:
        return None
    return _PHONE_STATUSES.get(data.phone_status.status, _OTHER)


def _phone_status_attributes(data: GrandstreamData) -> dict[str, Any]:
    status = data.phone_status
    attributes: dict[str, Any] = {"phone_state": status.status if status else None}
    if data.family is Family.GRP:
        # The GXP guide shows misc "0" whatever the status: it tells nothing.
        misc = status.misc if status else ""
        attributes["idle_call_allowed"] = _IDLE_CALL_ALLOWED.get(misc)
    return attributes


def _line_state_attributes(
    data: GrandstreamData, line: LineStatus | None
) -> dict[str, Any]:
    return {
        "remote_number": _remote_number(line),
        "remote_name": _remote_name(line),
        "phone_state": line.raw_state if line else None,
        **_account_attributes(data, line),
    }


SENSORS: tuple[GrandstreamSensorEntityDescription, ...] = (
    GrandstreamSensorEntityDescription(
        key="phone_status",
        translation_key="phone_status",
        device_class=SensorDeviceClass.ENUM,
        options=[*_PHONE_STATUSES.values(), _OTHER],
        has_fn=on_desk_phone,
        # In call and Call state tell what most want of it, and the phone is
        # spared a read while it is disabled.
        entity_registry_enabled_default=False,
        reads_fn=GrandstreamCoordinator.async_show_phone_status,
        value_fn=lambda data, _: _phone_status(data),
        attributes_fn=lambda data, _: _phone_status_attributes(data),
    ),
    GrandstreamSensorEntityDescription(
        key="call_state",
        translation_key="call_state",
        device_class=SensorDeviceClass.ENUM,
        options=_CALL_STATES,
        value_fn=lambda _, line: line.state if line else CallState.IDLE,
        attributes_fn=_call_state_attributes,
    ),
    # Enabled: while the phone rings, its device page says who is calling.
    GrandstreamSensorEntityDescription(
        key="remote_number",
        translation_key="remote_number",
        value_fn=lambda _, line: _remote_number(line),
    ),
    GrandstreamSensorEntityDescription(
        key="remote_name",
        translation_key="remote_name",
        value_fn=lambda _, line: _remote_name(line),
    ),
    # One per line _lines lists.
    GrandstreamSensorEntityDescription(
        key="line_state",
        translation_key="line_state",
        device_class=SensorDeviceClass.ENUM,
        options=_CALL_STATES,
        entity_registry_enabled_default=False,
        per_line=True,
        value_fn=lambda _, line: line.state if line else None,
        attributes_fn=_line_state_attributes,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors of the phone, and of each handset and line as they appear."""
    coordinator = entry.runtime_data
    async_add_station_entities(entry, async_add_entities, _sensors)
    # A line whose account is switched off keeps its sensor while its handset
    # stays paired; an unpaired handset's sensors leave with its device, and
    # come back when it pairs again.
    async_add_entities_as_they_appear(
        coordinator,
        async_add_entities,
        _lines,
        partial(_line_sensors, coordinator),
        keep_gone=lambda data, line: line[0] in data.stations,
    )
    async_add_station_entities(entry, async_add_entities, call_log_sensors)
    async_add_last_push_sensor(coordinator, async_add_entities)


def _lines(data: GrandstreamData) -> list[LineKey]:
    """Every line of a GXP phone; of a DP handset, those on an active account.

    A DP base reports lines 1-10 of each handset, "Active": 1 on those with an
    account switched on. A GXP line's active says which line is selected.
    """
    return [
        (handset, line.line)
        for handset, station in data.stations.items()
        for line in station.lines
        if not data.family.has_handsets or line.active
    ]


def _sensors(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> list[GrandstreamSensor]:
    return [
        GrandstreamSensor(coordinator, description, handset=handset, line=None)
        for description in SENSORS
        if not description.per_line and description.has_fn(coordinator)
    ]


def _line_sensors(
    coordinator: GrandstreamCoordinator, key: LineKey
) -> list[GrandstreamSensor]:
    handset, line = key
    return [
        GrandstreamSensor(coordinator, description, handset=handset, line=line)
        for description in SENSORS
        if description.per_line and description.has_fn(coordinator)
    ]


class GrandstreamSensor(GrandstreamEntity, SensorEntity):
    """A sensor of a GXP phone or DP handset."""

    entity_description: GrandstreamSensorEntityDescription

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: GrandstreamSensorEntityDescription,
        *,
        handset: int | None,
        line: int | None,
    ) -> None:
        """Read line, or without one the line that speaks for the station."""
        super().__init__(
            coordinator,
            description,
            handset=handset,
            index=None if line is None else ("line", line),
        )
        self._line = line

    async def async_added_to_hass(self) -> None:
        """Start the reads the sensor needs, until it is removed."""
        await super().async_added_to_hass()
        if (reads_fn := self.entity_description.reads_fn) is not None:
            self.async_on_remove(reads_fn(self.coordinator))

    @property
    def _line_status(self) -> LineStatus | None:
        station = self.coordinator.data.stations[self.handset]
        if self._line is None:
            return station.current_line
        return station.line(self._line)

    @property
    def native_value(self) -> StateType:
        """The state the description reads."""
        return self.entity_description.value_fn(
            self.coordinator.data, self._line_status
        )

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The details the description reads, for sensors that have them."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self.coordinator.data, self._line_status)
