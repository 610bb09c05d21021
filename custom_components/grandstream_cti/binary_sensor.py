"""Binary sensors of Grandstream phones: ringing, in call, registration, pairing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .appearing import async_add_entities_as_they_appear, async_add_station_entities
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .data import GrandstreamData
from .entity import (
    GrandstreamEntity,
    handsets,
    on_dp_base,
)

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class GrandstreamBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor of each GXP phone or DP handset, or one per number.

    With index_name, the sensors belong to the phone or base, one for each
    number (account or handset slot) numbers_fn lists; the number fills the
    placeholder of that name. value_fn reads the handset, or the number.
    """

    has_fn: Callable[[GrandstreamCoordinator], bool] = lambda _: True
    index_name: str | None = None
    numbers_fn: Callable[[GrandstreamData], Iterable[int]] = lambda _: ()
    value_fn: Callable[[GrandstreamData, int | None], bool | None]


def _account_registered(data: GrandstreamData, number: int | None) -> bool | None:
    if data.family.has_handsets:
        accounts = ((n, account.registered) for n, account in data.accounts.items())
    else:
        accounts = ((account.id, account.registered) for account in data.sip_accounts)
    return next((registered for n, registered in accounts if n == number), None)


def _handset_paired(data: GrandstreamData, slot: int | None) -> bool | None:
    return next(
        (status.paired for n, status in data.handsets.items() if n == slot), None
    )


def _accounts(data: GrandstreamData) -> list[int]:
    if data.family.has_handsets:
        return [number for number, account in data.accounts.items() if account.active]
    # api-get_accounts lists every slot; one without a SIP id is not set up. No
    # slots, and no entities, on firmware without api-get_accounts.
    return [account.id for account in data.sip_accounts if account.sip_id]


BINARY_SENSORS: tuple[GrandstreamBinarySensorEntityDescription, ...] = (
    GrandstreamBinarySensorEntityDescription(
        key="ringing",
        translation_key="ringing",
        value_fn=lambda data, handset: data.stations[handset].ringing,
    ),
    GrandstreamBinarySensorEntityDescription(
        key="in_call",
        translation_key="in_call",
        value_fn=lambda data, handset: data.stations[handset].in_call,
    ),
    GrandstreamBinarySensorEntityDescription(
        key="account_registered",
        translation_key="account_registered",
        device_class=BinarySensorDeviceClass.CONNECTIVITY,
        entity_category=EntityCategory.DIAGNOSTIC,
        index_name="account",
        numbers_fn=_accounts,
        value_fn=_account_registered,
    ),
    GrandstreamBinarySensorEntityDescription(
        key="handset_paired",
        translation_key="handset_paired",
        entity_registry_enabled_default=False,
        entity_category=EntityCategory.DIAGNOSTIC,
        has_fn=on_dp_base,
        index_name="handset",
        # The slots paired now; one once paired keeps its sensor, then off.
        numbers_fn=handsets,
        value_fn=_handset_paired,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors of the phone or base, and of each handset."""
    async_add_station_entities(entry, async_add_entities, _station_sensors)
    coordinator = entry.runtime_data
    for description in BINARY_SENSORS:
        if description.index_name is not None and description.has_fn(coordinator):
            # A number that goes away (an account switched off, a handset
            # unpaired) keeps its entity, as the base still reports it: its
            # return must not add the entity twice.
            async_add_entities_as_they_appear(
                coordinator,
                async_add_entities,
                description.numbers_fn,
                partial(_numbered_sensors, coordinator, description),
                keep_gone=lambda _data, _number: True,
            )


def _station_sensors(
    coordinator: GrandstreamCoordinator, handset: int | None
) -> list[GrandstreamBinarySensor]:
    return [
        GrandstreamBinarySensor(coordinator, description, handset)
        for description in BINARY_SENSORS
        if description.index_name is None and description.has_fn(coordinator)
    ]


def _numbered_sensors(
    coordinator: GrandstreamCoordinator,
    description: GrandstreamBinarySensorEntityDescription,
    number: int,
) -> list[GrandstreamBinarySensor]:
    return [GrandstreamBinarySensor(coordinator, description, number)]


class GrandstreamBinarySensor(GrandstreamEntity, BinarySensorEntity):
    """A binary sensor of a GXP phone or DP handset, or of a number of the phone."""

    entity_description: GrandstreamBinarySensorEntityDescription

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: GrandstreamBinarySensorEntityDescription,
        key: int | None,
    ) -> None:
        """Read the station of handset key, or the account or handset slot key."""
        if description.index_name is None or key is None:
            super().__init__(coordinator, description, handset=key)
        else:
            super().__init__(
                coordinator, description, index=(description.index_name, key)
            )
        self._key = key

    @property
    def is_on(self) -> bool | None:
        """The state the description reads."""
        return self.entity_description.value_fn(self.coordinator.data, self._key)
