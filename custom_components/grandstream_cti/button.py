"""Buttons of Grandstream phones: call control, keys, restart."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from homeassistant.components.button import (
    ButtonDeviceClass,
    ButtonEntity,
    ButtonEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator, Station
from .cti import (
    Family,
    GrandstreamClient,
    HandsetOperation,
    PhoneOperation,
)
from .entity import GrandstreamEntity, async_add_entities_as_they_appear, handsets
from .helpers import async_send_command, gxp_call_command

PARALLEL_UPDATES = 1

type Command = Callable[[], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class GrandstreamButtonEntityDescription(ButtonEntityDescription):
    """A button of a GXP phone or a DP base.

    command_fn makes the command from what the phone last showed; it refuses
    (ServiceValidationError) before anything is sent when none fits.
    """

    command_fn: Callable[[GrandstreamCoordinator], Command]


@dataclass(frozen=True, kw_only=True)
class GrandstreamHandsetButtonEntityDescription(ButtonEntityDescription):
    """A button of a DP handset: press_fn gets the handset and its lines."""

    press_fn: Callable[[GrandstreamClient, int, Station], Awaitable[None]]


def _phone_operation(
    operation: PhoneOperation,
) -> Callable[[GrandstreamCoordinator], Command]:
    return lambda coordinator: gxp_call_command(coordinator, operation)


def _key(key: str) -> Callable[[GrandstreamCoordinator], Command]:
    return lambda coordinator: partial(coordinator.client.send_keys, [key])


def _handset_call(
    operation: PhoneOperation,
) -> Callable[[GrandstreamClient, int, Station], Awaitable[None]]:
    # On the line in the state the operation needs (the ringing line for
    # answer); with no such line the base picks one itself.
    return lambda client, handset, station: client.device_operation(
        operation, handset, station.line_for(operation)
    )


def _handset_operation(
    operation: HandsetOperation,
) -> Callable[[GrandstreamClient, int, Station], Awaitable[None]]:
    return lambda client, handset, _: client.device_operation(operation, handset)


REBOOT = GrandstreamButtonEntityDescription(
    key="reboot",
    device_class=ButtonDeviceClass.RESTART,
    entity_category=EntityCategory.CONFIG,
    command_fn=lambda coordinator: coordinator.client.reboot,
)

GXP_BUTTONS: tuple[GrandstreamButtonEntityDescription, ...] = (
    GrandstreamButtonEntityDescription(
        key="answer",
        translation_key="answer",
        command_fn=_phone_operation(PhoneOperation.ACCEPT_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="reject",
        translation_key="reject",
        command_fn=_phone_operation(PhoneOperation.REJECT_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="hang_up",
        translation_key="hang_up",
        command_fn=_phone_operation(PhoneOperation.END_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="hold",
        translation_key="hold",
        command_fn=_phone_operation(PhoneOperation.HOLD_CALL),
    ),
    # The guide's GXP phones have no unholdcall: this presses the held line's key.
    GrandstreamButtonEntityDescription(
        key="resume",
        translation_key="resume",
        command_fn=_phone_operation(PhoneOperation.UNHOLD_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="mute",
        translation_key="mute",
        command_fn=_key("MUTE"),
    ),
    GrandstreamButtonEntityDescription(
        key="speaker",
        translation_key="speaker",
        command_fn=_key("SPEAKER"),
    ),
    GrandstreamButtonEntityDescription(
        key="headset",
        translation_key="headset",
        entity_registry_enabled_default=False,
        command_fn=_key("HEADSET"),
    ),
    GrandstreamButtonEntityDescription(
        key="volume_up",
        translation_key="volume_up",
        entity_registry_enabled_default=False,
        command_fn=_key("VUP"),
    ),
    GrandstreamButtonEntityDescription(
        key="volume_down",
        translation_key="volume_down",
        entity_registry_enabled_default=False,
        command_fn=_key("VDOWN"),
    ),
    GrandstreamButtonEntityDescription(
        key="voicemail",
        translation_key="voicemail",
        entity_registry_enabled_default=False,
        command_fn=_key("VM"),
    ),
    GrandstreamButtonEntityDescription(
        key="conference",
        translation_key="conference",
        entity_registry_enabled_default=False,
        command_fn=_key("CONF"),
    ),
    GrandstreamButtonEntityDescription(
        key="transfer",
        translation_key="transfer",
        entity_registry_enabled_default=False,
        command_fn=_key("XFER"),
    ),
    GrandstreamButtonEntityDescription(
        key="dnd_toggle",
        translation_key="dnd_toggle",
        command_fn=_key("DND"),
    ),
    REBOOT,
)

DP_BASE_BUTTONS: tuple[GrandstreamButtonEntityDescription, ...] = (REBOOT,)

HANDSET_BUTTONS: tuple[GrandstreamHandsetButtonEntityDescription, ...] = (
    GrandstreamHandsetButtonEntityDescription(
        key="answer",
        translation_key="answer",
        press_fn=_handset_call(PhoneOperation.ACCEPT_CALL),
    ),
    GrandstreamHandsetButtonEntityDescription(
        key="reject",
        translation_key="reject",
        press_fn=_handset_call(PhoneOperation.REJECT_CALL),
    ),
    GrandstreamHandsetButtonEntityDescription(
        key="hang_up",
        translation_key="hang_up",
        press_fn=_handset_call(PhoneOperation.END_CALL),
    ),
    GrandstreamHandsetButtonEntityDescription(
        key="hold",
        translation_key="hold",
        press_fn=_handset_call(PhoneOperation.HOLD_CALL),
    ),
    GrandstreamHandsetButtonEntityDescription(
        key="resume",
        translation_key="resume",
        press_fn=_handset_call(PhoneOperation.UNHOLD_CALL),
    ),
    GrandstreamHandsetButtonEntityDescription(
        key="mute",
        translation_key="mute",
        press_fn=_handset_operation(HandsetOperation.MUTE),
    ),
    GrandstreamHandsetButtonEntityDescription(
        key="speaker",
        translation_key="speaker",
        press_fn=_handset_operation(HandsetOperation.SPEAKER),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the buttons of the phone or base, and of each handset as it pairs."""
    coordinator = entry.runtime_data
    if coordinator.family is Family.GXP:
        async_add_entities(
            GrandstreamButton(coordinator, description) for description in GXP_BUTTONS
        )
        return

    async_add_entities(
        GrandstreamButton(coordinator, description) for description in DP_BASE_BUTTONS
    )

    async_add_entities_as_they_appear(
        coordinator,
        async_add_entities,
        handsets,
        lambda handset: [
            GrandstreamHandsetButton(coordinator, description, handset)
            for description in HANDSET_BUTTONS
        ],
    )


class GrandstreamButton(GrandstreamEntity, ButtonEntity):
    """A button of a GXP phone or a DP base."""

    entity_description: GrandstreamButtonEntityDescription

    async def async_press(self) -> None:
        """Send the button's command to the phone."""
        command = self.entity_description.command_fn(self.coordinator)
        await async_send_command(self.coordinator, command)


class GrandstreamHandsetButton(GrandstreamEntity, ButtonEntity):
    """A button of a DP handset."""

    entity_description: GrandstreamHandsetButtonEntityDescription

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: GrandstreamHandsetButtonEntityDescription,
        handset: int,
    ) -> None:
        """Press on this handset."""
        super().__init__(coordinator, description, handset=handset)
        self._handset = handset

    async def async_press(self) -> None:
        """Send the button's command for this handset to the base."""
        client = self.coordinator.client
        station = self.coordinator.data.stations[self._handset]
        await async_send_command(
            self.coordinator,
            lambda: self.entity_description.press_fn(client, self._handset, station),
        )
