"""What services, buttons and voice commands act on: a phone, DP base or handset."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti.calls import Station
from .entity import base_device_identifier, handset_device_identifier, handsets


@dataclass(frozen=True, slots=True)
class Target:
    """A phone, DP base or paired DP handset, with its device and a handset's base."""

    coordinator: GrandstreamCoordinator
    handset: int | None
    device: dr.DeviceEntry
    base: dr.DeviceEntry | None  # a handset's DP base

    @property
    def area_id(self) -> str | None:
        """The phone's area; a handset without one is where its base is."""
        return self.device.area_id or (self.base.area_id if self.base else None)

    @property
    def name(self) -> str:
        """What the phone is called in Home Assistant."""
        return (
            self.device.name_by_user
            or self.device.name
            or self.coordinator.config_entry.title
        )

    @property
    def available(self) -> bool:
        """Whether the last read of the phone succeeded."""
        return self.coordinator.last_update_success

    @property
    def station(self) -> Station | None:
        """The target's lines, if it is a GXP phone or a paired handset."""
        return self.coordinator.data.stations.get(self.handset)

    def require_station(self) -> Station:
        """The target's lines; a DP base has none of its own."""
        if (station := self.station) is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="handset_required"
            )
        return station


@callback
def loaded_coordinators(hass: HomeAssistant) -> list[GrandstreamCoordinator]:
    """The coordinators of the phones that are set up."""
    entries: list[GrandstreamConfigEntry] = hass.config_entries.async_entries(DOMAIN)
    return [
        entry.runtime_data
        for entry in entries
        if entry.state is ConfigEntryState.LOADED
    ]


@callback
def phone_targets(coordinator: GrandstreamCoordinator) -> list[Target]:
    """A phone's registered devices: itself, then its paired handsets in order.

    A handset that has just paired may have no device yet.
    """
    wanted = {base_device_identifier(coordinator): None} | {
        handset_device_identifier(coordinator, handset): handset
        for handset in handsets(coordinator.data)
    }
    registry = dr.async_get(coordinator.hass)
    devices = {
        wanted[identifier]: device
        for device in dr.async_entries_for_config_entry(
            registry, coordinator.config_entry.entry_id
        )
        for identifier in device.identifiers & wanted.keys()
    }
    base = devices.get(None)
    return [
        Target(coordinator, handset, device, None if handset is None else base)
        for handset in wanted.values()
        if (device := devices.get(handset)) is not None
    ]


@callback
def all_targets(hass: HomeAssistant) -> list[Target]:
    """The devices of every phone that is set up."""
    return [
        target
        for coordinator in loaded_coordinators(hass)
        for target in phone_targets(coordinator)
    ]


@callback
def device_target(hass: HomeAssistant, device_id: str) -> Target | None:
    """The phone, DP base or handset of a device, if it is one of a loaded phone."""
    return next(
        (target for target in all_targets(hass) if target.device.id == device_id),
        None,
    )
