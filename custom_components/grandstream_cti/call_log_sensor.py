"""The Missed calls and Last call sensors of each GXP phone and DP handset.

They read the call log, which Home Assistant keeps, not the phone: the
phone's own call history is not part of the CTI API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)

from .coordinator import GrandstreamCoordinator
from .cti.call_records import CallRecord, StationCalls
from .entity import GrandstreamEntity

ATTR_CALLS = "calls"


@dataclass(frozen=True, kw_only=True)
class GrandstreamCallLogSensorEntityDescription(SensorEntityDescription):
    """A sensor of what the call log kept of a GXP phone's or DP handset's calls."""

    value_fn: Callable[[StationCalls], int | datetime | None]
    attributes_fn: Callable[[StationCalls], dict[str, Any]]


def _caller(call: CallRecord) -> dict[str, Any]:
    return {
        "number": call.number or None,
        "name": call.name or None,
        "account": call.account,
        "local_number": call.local_number or None,
        "account_name": call.account_name or None,
    }


def _missed_call(call: CallRecord) -> dict[str, Any]:
    return {"time": call.started.isoformat(), **_caller(call)}


def _last_call_attributes(calls: StationCalls) -> dict[str, Any]:
    if (call := calls.last_call) is None:
        return dict.fromkeys(_LAST_CALL_ATTRIBUTES)
    return {
        "direction": None if call.direction is None else call.direction.value,
        **_caller(call),
        "answered": call.answered,
        "duration": (
            None if call.duration is None else round(call.duration.total_seconds())
        ),
        "outcome": _outcome(call),
    }


def _outcome(call: CallRecord) -> str:
    """How the call ended for this phone: a ring not answered here says why."""
    if call.answered:
        return "answered"
    if call.missed:
        return "missed"
    if call.rejected:
        return "rejected"
    if call.answered_elsewhere:
        return "answered_elsewhere"
    return "not_answered"


_LAST_CALL_ATTRIBUTES = (
    "direction",
    "number",
    "name",
    "account",
    "local_number",
    "account_name",
    "answered",
    "duration",
    "outcome",
)


CALL_LOG_SENSORS: tuple[GrandstreamCallLogSensorEntityDescription, ...] = (
    # No state class: with one, the frontend draws the count's history as
    # long-term statistics, five-minute means such as 2.8 calls.
    GrandstreamCallLogSensorEntityDescription(
        key="missed_calls",
        translation_key="missed_calls",
        value_fn=lambda calls: calls.missed_count,
        attributes_fn=lambda calls: {
            ATTR_CALLS: [_missed_call(call) for call in calls.missed]
        },
    ),
    GrandstreamCallLogSensorEntityDescription(
        key="last_call",
        translation_key="last_call",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda calls: calls.last_call.started if calls.last_call else None,
        attributes_fn=_last_call_attributes,
    ),
)


def call_log_sensors(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> list[GrandstreamCallLogSensor]:
    """The call log sensors of a GXP phone or DP handset."""
    return [
        GrandstreamCallLogSensor(coordinator, description, handset=handset)
        for description in CALL_LOG_SENSORS
    ]


class GrandstreamCallLogSensor(GrandstreamEntity, SensorEntity):
    """A sensor of a station's calls, as the call log kept them."""

    entity_description: GrandstreamCallLogSensorEntityDescription
    _kept_in_home_assistant = True

    async def async_added_to_hass(self) -> None:
        """Show each change of the station's calls."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.call_log.async_add_listener(
                self.handset, self.async_write_ha_state
            )
        )

    @property
    def _calls(self) -> StationCalls:
        return self.coordinator.call_log.station(self.handset)

    @property
    def native_value(self) -> int | datetime | None:
        """The state the description reads."""
        return self.entity_description.value_fn(self._calls)

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The calls behind the state."""
        return self.entity_description.attributes_fn(self._calls)
