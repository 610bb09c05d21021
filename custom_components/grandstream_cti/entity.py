"""Base entity of the Grandstream CTI integration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from homeassistant.core import callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import CONF_FIRMWARE, CONF_MODEL, DOMAIN, MANUFACTURER, MODELS
from .coordinator import GrandstreamCoordinator
from .data import GrandstreamData

_LINK_BY_DEVICE_ID = "via_device_id" in DeviceInfo.__optional_keys__


def base_device_identifier(coordinator: GrandstreamCoordinator) -> tuple[str, str]:
    """The registry identifier of the phone or DP base."""
    return (DOMAIN, coordinator.config_entry.entry_id)


def handset_device_identifier(
    coordinator: GrandstreamCoordinator, handset: int
) -> tuple[str, str]:
    """The registry identifier of one DP handset."""
    return (DOMAIN, f"{coordinator.config_entry.entry_id}_hs{handset}")


def current_device_identifiers(
    coordinator: GrandstreamCoordinator,
) -> set[tuple[str, str]]:
    """Identifiers of the devices the phone has now: itself and paired handsets."""
    return {base_device_identifier(coordinator)} | {
        handset_device_identifier(coordinator, handset)
        for handset in handsets(coordinator.data)
    }


def handsets(data: GrandstreamData) -> list[int]:
    """The handsets paired with a DP base; none for a GXP phone."""
    return [handset for handset in data.stations if handset is not None]


def _link_to_base(coordinator: GrandstreamCoordinator, info: DeviceInfo) -> None:
    """Link a handset's device to its base's device, in this release's terms.

    Home Assistant 2026.8 links a device to its parent by the parent's registry
    id (via_device_id) and reports via_device as deprecated; older releases
    know only via_device, the parent's identifier.
    """
    base = base_device_identifier(coordinator)
    if not _LINK_BY_DEVICE_ID:
        cast("dict[str, Any]", info)["via_device"] = base
        return
    registry = dr.async_get(coordinator.hass)
    entry_id = coordinator.config_entry.entry_id
    if device := registry.async_get_device_by_identifier(base, entry_id):
        info["via_device_id"] = device.id


def phone_name(coordinator: GrandstreamCoordinator) -> str:
    """The device name of a phone or DP base: its family ("Grandstream GXP").

    Not its address: that is on the device page as its configuration URL,
    and in a name it would put a port into every entity id. Not the exact
    model either, which only a push tells, later: a device renamed then would
    give the entities it gains afterwards ids of another prefix than the rest.
    The model is on the device page as its model.
    """
    return f"{MANUFACTURER} {coordinator.family.name}"


def device_info(coordinator: GrandstreamCoordinator, handset: int | None) -> DeviceInfo:
    """Device of a phone or DP base, or of a handset linked to its base."""
    entry = coordinator.config_entry
    if handset is not None:
        info = DeviceInfo(
            identifiers={handset_device_identifier(coordinator, handset)},
            manufacturer=MANUFACTURER,
            model="DECT handset",
            translation_key="handset",
            translation_placeholders={
                "base": phone_name(coordinator),
                "handset": str(handset),
            },
        )
        _link_to_base(coordinator, info)
        return info
    info = DeviceInfo(
        identifiers={base_device_identifier(coordinator)},
        manufacturer=MANUFACTURER,
        model=entry.data.get(CONF_MODEL) or MODELS[coordinator.family],
        name=phone_name(coordinator),
        configuration_url=coordinator.web_page_url,
        # Only a push names the firmware: until one came, the device shows
        # none, nor the old phone's after a reconfiguration to another.
        sw_version=entry.data.get(CONF_FIRMWARE),
    )
    if entry.unique_id:
        info["connections"] = {(dr.CONNECTION_NETWORK_MAC, entry.unique_id)}
    return info


def unique_id(
    coordinator: GrandstreamCoordinator,
    key: str,
    *,
    handset: int | None = None,
    index: tuple[str, int] | None = None,
) -> str:
    """The unique id of an entity: <entry>_[hs<n>_][<index name><n>_]<key>."""
    parts = [coordinator.config_entry.entry_id]
    if handset is not None:
        parts.append(f"hs{handset}")
    if index is not None:
        name, number = index
        parts.append(f"{name}{number}")
    parts.append(key)
    return "_".join(parts)


def on_desk_phone(coordinator: GrandstreamCoordinator) -> bool:
    """A has_fn for entities only phones without handsets have (GXP, GRP)."""
    return not coordinator.family.has_handsets


def on_dp_base(coordinator: GrandstreamCoordinator) -> bool:
    """A has_fn for entities only a DP base has."""
    return coordinator.family.has_handsets


class GrandstreamEntity(Entity):
    """An entity of a phone, a DP base, or (with handset) one DP handset.

    Not a CoordinatorEntity, though it does what one does: each of those is a
    listener of Home Assistant's coordinator, about 450 bytes apiece (a partial,
    two bound methods, a tuple, a slot of a dict, a list of what to undo), some
    7 kB per phone. This one is a bound method in its coordinator's list.
    """

    _attr_has_entity_name = True
    _attr_should_poll = False
    # What the entity showed when it last wrote its state.
    _shown: tuple[bool, Any, Mapping[str, Any] | None] | None = None

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: EntityDescription,
        *,
        handset: int | None = None,
        index: tuple[str, int] | None = None,
    ) -> None:
        """Name the entity after its description, handset and index.

        The handset picks the device; the index, such as ("line", 2) or
        ("account", 1), tells apart the entities of one description on that
        device and fills the placeholder of that name in the entity's name.
        """
        self.coordinator = coordinator
        self.entity_description = description
        self.handset = handset
        if index is not None:
            name, number = index
            self._attr_translation_placeholders = {name: str(number)}
        self._attr_unique_id = unique_id(
            coordinator, description.key, handset=handset, index=index
        )

    @property
    def device_info(self) -> DeviceInfo:
        """The entity's device, worked out each time Home Assistant asks.

        It asks when it adds the entity, to register the device. Kept in every
        entity, the copies held about 15 kB per phone.
        """
        return device_info(self.coordinator, self.handset)

    async def async_added_to_hass(self) -> None:
        """Hear of the phone's new data from now on."""
        await super().async_added_to_hass()
        self.coordinator.async_add_entity_listener(self._handle_coordinator_update)

    async def async_will_remove_from_hass(self) -> None:
        """Hear no more of the phone's data."""
        await super().async_will_remove_from_hass()
        self.coordinator.async_remove_entity_listener(self._handle_coordinator_update)

    async def async_update(self) -> None:
        """Read the phone: what the homeassistant.update_entity action asks."""
        await self.coordinator.async_request_refresh()

    @property
    def _kept_in_home_assistant(self) -> bool:
        """Whether what the entity shows lives in Home Assistant, not on the phone.

        Such an entity (the call log, the last push) stays available while the
        phone cannot be read.
        """
        return False

    @property
    def available(self) -> bool:
        """Unavailable when the phone is, or when the handset left the base."""
        return (
            self._kept_in_home_assistant or self.coordinator.last_update_success
        ) and (self.handset is None or self.handset in self.coordinator.data.stations)

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only when what the entity shows changed.

        Every new data reaches every entity of the phone: a push that moved one
        line, a DP handset's call seen by the other handsets' entities. A state
        written unchanged still costs Home Assistant its work and a
        state_reported event, and a push waits for all of them.
        """
        if self._showing() != self._shown:
            self.async_write_ha_state()

    def _async_write_ha_state(self) -> None:
        self._shown = self._showing()
        super()._async_write_ha_state()

    def _showing(self) -> tuple[bool, Any, Mapping[str, Any] | None]:
        if not self.available:
            return (False, None, None)
        return (True, self.state, self.extra_state_attributes)
