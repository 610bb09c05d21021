"""Do not disturb switches of GXP phones and DP handsets."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from .appearing import async_add_station_entities
from .const import DOMAIN
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti import Family, HandsetOperation
from .entity import GrandstreamEntity
from .helpers import async_send_command
from .repairs import Repair, async_raise_repair

PARALLEL_UPDATES = 1

DND = SwitchEntityDescription(key="dnd", translation_key="dnd")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the DND switch of a GXP phone, or of each DP handset as it pairs."""
    async_add_station_entities(entry, async_add_entities, _dnd_switches)


def _dnd_switches(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> list[GrandstreamDndSwitch]:
    if coordinator.family is Family.WP:
        # No source gives a WP's DND command or key (lineup.md).
        return []
    if handset is None:
        return [GrandstreamPhoneDndSwitch(coordinator, DND)]
    return [GrandstreamHandsetDndSwitch(coordinator, DND, handset)]


class GrandstreamDndSwitch(GrandstreamEntity, SwitchEntity, RestoreEntity):
    """DND, whose state no CTI read reports.

    The state is what the coordinator last learnt: from this switch, from the
    phone's DND pushes, or from before a restart.
    """

    async def async_added_to_hass(self) -> None:
        """Take the state from before a restart, unless a newer one is known."""
        await super().async_added_to_hass()
        if (last := await self.async_get_last_state()) and last.state in (
            STATE_ON,
            STATE_OFF,
        ):
            self.coordinator.dnd.setdefault(self.handset, last.state == STATE_ON)

    @property
    def is_on(self) -> bool | None:
        """The last known DND state; unknown until one is known."""
        return self.coordinator.dnd.get(self.handset)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn DND on."""
        await self._async_switch(on=True)
        self.coordinator.set_dnd(self.handset, True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn DND off."""
        await self._async_switch(on=False)
        self.coordinator.set_dnd(self.handset, False)

    @abstractmethod
    async def _async_switch(self, *, on: bool) -> None:
        """Tell the phone to turn DND on or off."""


class GrandstreamHandsetDndSwitch(GrandstreamDndSwitch):
    """DND of a DP handset: the base has commands to set and unset it.

    An assumed state: the base sets and unsets DND when told, but no read
    tells it back. The frontend shows such a switch as an "on" and an "off"
    button, both always usable, rather than as a toggle that claims a state.
    """

    _attr_assumed_state = True

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: SwitchEntityDescription,
        handset: int,
    ) -> None:
        """DND of this handset."""
        super().__init__(coordinator, description, handset=handset)
        self._handset = handset

    async def _async_switch(self, *, on: bool) -> None:
        operation = HandsetOperation.SET_DND if on else HandsetOperation.UNSET_DND
        client = self.coordinator.client
        await async_send_command(
            self.coordinator, client.device_operation, operation, self._handset
        )


class GrandstreamPhoneDndSwitch(GrandstreamDndSwitch):
    """DND of a GXP phone: its only control is the DND key, which toggles.

    Pressing a toggle without knowing the state could do the opposite of what
    was asked, so the switch acts only once the state is known (from the
    phone's Open/Close DND pushes, or from this switch).

    It is the phone's one DND control, and not an assumed state: the phone
    tells each change through those pushes, so once it has, the switch shows
    the phone's own state, as a toggle. Until then its state is unknown, and
    using it raises the repair that says which Action URLs to fill. A
    separate "toggle DND" button beside it, blind to the state, only made
    two controls of one thing.
    """

    async def _async_switch(self, *, on: bool) -> None:
        if self.is_on is None:
            # The state comes only from the phone's DND pushes: say which
            # Action URL slots to fill. The repair goes with the first of them.
            async_raise_repair(
                self.hass, self.coordinator.config_entry, Repair.DND_STATE_UNKNOWN
            )
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="dnd_state_unknown"
            )
        if self.is_on is on:
            return
        client = self.coordinator.client
        await async_send_command(self.coordinator, client.send_keys, ["DND"])
