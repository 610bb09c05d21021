"""Switches of Grandstream phones: do not disturb."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti import GrandstreamClient, HandsetOperation
from .entity import GrandstreamEntity, async_add_entities_as_they_appear, handsets
from .helpers import async_send_command

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class GrandstreamHandsetSwitchEntityDescription(SwitchEntityDescription):
    """A switch of a DP handset.

    The phone never reports DND over CTI: the state is the one the coordinator
    last learnt, from this switch or from the phone's pushes.
    """

    set_fn: Callable[[GrandstreamClient, int, bool], Awaitable[None]]


HANDSET_SWITCHES: tuple[GrandstreamHandsetSwitchEntityDescription, ...] = (
    GrandstreamHandsetSwitchEntityDescription(
        key="dnd",
        translation_key="dnd",
        set_fn=lambda client, handset, on: client.device_operation(
            HandsetOperation.SET_DND if on else HandsetOperation.UNSET_DND, handset
        ),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the switches of each handset as it pairs."""
    coordinator = entry.runtime_data
    async_add_entities_as_they_appear(
        coordinator,
        async_add_entities,
        handsets,
        lambda handset: [
            GrandstreamHandsetSwitch(coordinator, description, handset)
            for description in HANDSET_SWITCHES
        ],
    )


class GrandstreamHandsetSwitch(GrandstreamEntity, SwitchEntity, RestoreEntity):
    """A switch of a DP handset, whose state the phone does not report."""

    entity_description: GrandstreamHandsetSwitchEntityDescription
    _attr_assumed_state = True

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: GrandstreamHandsetSwitchEntityDescription,
        handset: int,
    ) -> None:
        """Switch on this handset."""
        super().__init__(coordinator, description, handset=handset)
        self._handset = handset

    async def async_added_to_hass(self) -> None:
        """Take the state from before a restart, unless a newer one is known."""
        await super().async_added_to_hass()
        if (last := await self.async_get_last_state()) and last.state in (
            STATE_ON,
            STATE_OFF,
        ):
            self.coordinator.dnd.setdefault(self._handset, last.state == STATE_ON)

    @property
    def is_on(self) -> bool | None:
        """What was last set; unknown until then."""
        return self.coordinator.dnd.get(self._handset)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on."""
        await self._async_set(on=True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off."""
        await self._async_set(on=False)

    async def _async_set(self, *, on: bool) -> None:
        client = self.coordinator.client
        await async_send_command(
            self.coordinator,
            lambda: self.entity_description.set_fn(client, self._handset, on),
        )
        self.coordinator.set_dnd(self._handset, on)
