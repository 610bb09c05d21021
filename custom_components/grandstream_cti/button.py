"""Buttons of Grandstream phones: call control, keys, restart, clear missed calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from homeassistant.components.button import (
    DOMAIN as BUTTON_DOMAIN,
    ButtonDeviceClass,
    ButtonEntity,
    ButtonEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .appearing import async_add_station_entities
from .const import DOMAIN
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti import HandsetOperation, PhoneOperation
from .entity import GrandstreamEntity, on_desk_phone, unique_id
from .helpers import async_send_call_operation, async_send_command, desk_call_command

PARALLEL_UPDATES = 1

type Command = Callable[[], Awaitable[None]]
type CommandFactory = Callable[[GrandstreamCoordinator, int | None], Command]
type Press = Callable[[GrandstreamCoordinator, int | None], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class GrandstreamButtonEntityDescription(ButtonEntityDescription):
    """A button of each GXP phone or DP handset, or with on_base of the phone or base.

    press_fn acts for the handset (None: the phone or base).
    """

    has_fn: Callable[[GrandstreamCoordinator], bool] = lambda _: True
    on_base: bool = False
    # Acts on what Home Assistant keeps: pressable while the phone cannot be read.
    kept_in_home_assistant: bool = False
    press_fn: Press


def _sent(make_command: CommandFactory) -> Press:
    """Send the command make_command makes from what the phone last showed.

    make_command refuses (ServiceValidationError) before anything is sent when
    no command fits.
    """

    async def press(coordinator: GrandstreamCoordinator, handset: int | None) -> None:
        await async_send_command(coordinator, make_command(coordinator, handset))

    return press


async def _clear_missed_calls(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> None:
    coordinator.call_log.async_clear_missed(handset)


def _call(operation: PhoneOperation) -> Press:
    async def press(coordinator: GrandstreamCoordinator, handset: int | None) -> None:
        if handset is None:
            line = None
            command = desk_call_command(coordinator, operation)
        else:
            # On the line in the state the operation needs (the ringing line
            # for answer); with no such line the base picks one itself.
            line = coordinator.data.stations[handset].line_for(operation)
            command = partial(
                coordinator.client.device_operation, operation, handset, line
            )
        await async_send_call_operation(coordinator, operation, handset, line, command)

    return press


def _key(key: str, operation: HandsetOperation | None = None) -> Press:
    """A GXP phone's key, or on a DP handset the operation that stands for it."""

    def command(coordinator: GrandstreamCoordinator, handset: int | None) -> Command:
        if handset is None or operation is None:
            return partial(coordinator.client.send_keys, [key])
        return partial(coordinator.client.device_operation, operation, handset)

    return _sent(command)


BUTTONS: tuple[GrandstreamButtonEntityDescription, ...] = (
    GrandstreamButtonEntityDescription(
        key="answer",
        translation_key="answer",
        press_fn=_call(PhoneOperation.ACCEPT_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="reject",
        translation_key="reject",
        press_fn=_call(PhoneOperation.REJECT_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="hang_up",
        translation_key="hang_up",
        press_fn=_call(PhoneOperation.END_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="hold",
        translation_key="hold",
        press_fn=_call(PhoneOperation.HOLD_CALL),
    ),
    # The guide's GXP phones have no unholdcall: this presses the held line's key.
    GrandstreamButtonEntityDescription(
        key="resume",
        translation_key="resume",
        press_fn=_call(PhoneOperation.UNHOLD_CALL),
    ),
    GrandstreamButtonEntityDescription(
        key="mute",
        translation_key="mute",
        entity_registry_enabled_default=False,
        press_fn=_key("MUTE", HandsetOperation.MUTE),
    ),
    GrandstreamButtonEntityDescription(
        key="speaker",
        translation_key="speaker",
        entity_registry_enabled_default=False,
        press_fn=_key("SPEAKER", HandsetOperation.SPEAKER),
    ),
    GrandstreamButtonEntityDescription(
        key="headset",
        translation_key="headset",
        entity_registry_enabled_default=False,
        has_fn=on_desk_phone,
        press_fn=_key("HEADSET"),
    ),
    GrandstreamButtonEntityDescription(
        key="volume_up",
        translation_key="volume_up",
        entity_registry_enabled_default=False,
        has_fn=on_desk_phone,
        press_fn=_key("VUP"),
    ),
    GrandstreamButtonEntityDescription(
        key="volume_down",
        translation_key="volume_down",
        entity_registry_enabled_default=False,
        has_fn=on_desk_phone,
        press_fn=_key("VDOWN"),
    ),
    GrandstreamButtonEntityDescription(
        key="voicemail",
        translation_key="voicemail",
        entity_registry_enabled_default=False,
        has_fn=on_desk_phone,
        press_fn=_key("VM"),
    ),
    GrandstreamButtonEntityDescription(
        key="conference",
        translation_key="conference",
        entity_registry_enabled_default=False,
        has_fn=on_desk_phone,
        press_fn=_key("CONF"),
    ),
    GrandstreamButtonEntityDescription(
        key="transfer",
        translation_key="transfer",
        entity_registry_enabled_default=False,
        has_fn=on_desk_phone,
        press_fn=_key("XFER"),
    ),
    GrandstreamButtonEntityDescription(
        key="reboot",
        device_class=ButtonDeviceClass.RESTART,
        entity_category=EntityCategory.CONFIG,
        on_base=True,
        press_fn=_sent(lambda coordinator, _: coordinator.client.reboot),
    ),
    # Home Assistant's own count: nothing is sent to the phone.
    GrandstreamButtonEntityDescription(
        key="clear_missed_calls",
        translation_key="clear_missed_calls",
        kept_in_home_assistant=True,
        press_fn=_clear_missed_calls,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the buttons of the phone or base, and of each handset as it pairs."""
    # Earlier versions gave a GXP a Toggle do not disturb button beside the Do
    # not disturb switch: two controls of one thing, one blind to the state.
    # The switch is the one left; the button would stay behind as "no longer
    # provided".
    registry = er.async_get(hass)
    old_toggle = unique_id(entry.runtime_data, "dnd_toggle")
    if toggle := registry.async_get_entity_id(BUTTON_DOMAIN, DOMAIN, old_toggle):
        registry.async_remove(toggle)
    async_add_station_entities(entry, async_add_entities, _station_buttons)
    async_add_entities(
        GrandstreamButton(entry.runtime_data, description)
        for description in BUTTONS
        if description.on_base and description.has_fn(entry.runtime_data)
    )


def _station_buttons(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> list[GrandstreamButton]:
    return [
        GrandstreamButton(coordinator, description, handset=handset)
        for description in BUTTONS
        if not description.on_base and description.has_fn(coordinator)
    ]


class GrandstreamButton(GrandstreamEntity, ButtonEntity):
    """A button of a GXP phone, a DP base or a DP handset."""

    entity_description: GrandstreamButtonEntityDescription

    @property
    def _kept_in_home_assistant(self) -> bool:
        return self.entity_description.kept_in_home_assistant

    async def async_press(self) -> None:
        """Do what the button does: mostly, send its command to the phone."""
        await self.entity_description.press_fn(self.coordinator, self.handset)
