"""Binary sensors of Grandstream phones: ringing, in call, registration, pairing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import (
    GrandstreamConfigEntry,
    GrandstreamCoordinator,
    GrandstreamData,
    Station,
)
from .cti import Family
from .cti.validation import HANDSETS
from .entity import GrandstreamEntity, async_add_entities_as_they_appear

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class GrandstreamStationBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor of a GXP phone or DP handset."""

    value_fn: Callable[[Station], bool]


@dataclass(frozen=True, kw_only=True)
class GrandstreamIndexedBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor of the phone or base, one per account or handset slot.

    index_name is the translation placeholder the number fills.
    """

    index_name: str
    value_fn: Callable[[GrandstreamData, int], bool | None]


def _dp_account_registered(data: GrandstreamData, number: int) -> bool | None:
    account = data.accounts.get(number)
    return None if account is None else account.registered


def _gxp_account_registered(data: GrandstreamData, number: int) -> bool | None:
    return next(
        (account.registered for account in data.sip_accounts if account.id == number),
        None,
    )


def _handset_paired(data: GrandstreamData, handset: int) -> bool | None:
    status = data.handsets.get(handset)
    return None if status is None else status.paired


STATION_BINARY_SENSORS: tuple[GrandstreamStationBinarySensorEntityDescription, ...] = (
    GrandstreamStationBinarySensorEntityDescription(
        key="ringing",
        translation_key="ringing",
        value_fn=lambda station: station.ringing,
    ),
    GrandstreamStationBinarySensorEntityDescription(
        key="in_call",
        translation_key="in_call",
        value_fn=lambda station: station.in_call,
    ),
)

DP_ACCOUNT_REGISTERED = GrandstreamIndexedBinarySensorEntityDescription(
    key="account_registered",
    translation_key="account_registered",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
    index_name="account",
    value_fn=_dp_account_registered,
)

GXP_ACCOUNT_REGISTERED = GrandstreamIndexedBinarySensorEntityDescription(
    key="account_registered",
    translation_key="account_registered",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
    index_name="account",
    value_fn=_gxp_account_registered,
)

HANDSET_PAIRED = GrandstreamIndexedBinarySensorEntityDescription(
    key="handset_paired",
    translation_key="handset_paired",
    entity_category=EntityCategory.DIAGNOSTIC,
    index_name="handset",
    value_fn=_handset_paired,
)


def _active_dp_accounts(data: GrandstreamData) -> list[int]:
    return [number for number, account in data.accounts.items() if account.active]


def _gxp_accounts(data: GrandstreamData) -> list[int]:
    # api-get_accounts lists every slot; one without a SIP id is not set up.
    return [account.id for account in data.sip_accounts if account.sip_id]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors of the phone or base, and of each handset."""
    coordinator = entry.runtime_data

    def build_station(handset: int | None) -> list[GrandstreamStationBinarySensor]:
        return [
            GrandstreamStationBinarySensor(coordinator, description, handset=handset)
            for description in STATION_BINARY_SENSORS
        ]

    async_add_entities_as_they_appear(
        coordinator, async_add_entities, lambda data: data.stations, build_station
    )

    if coordinator.family is Family.DP:
        account_registered = DP_ACCOUNT_REGISTERED
        accounts = _active_dp_accounts
        async_add_entities(
            GrandstreamIndexedBinarySensor(coordinator, HANDSET_PAIRED, slot)
            for slot in HANDSETS
        )
    else:
        # Empty, and no entities, on firmware without api-get_accounts.
        account_registered = GXP_ACCOUNT_REGISTERED
        accounts = _gxp_accounts

    # An account that is switched off keeps its entity (the base still reports
    # it), so that switching it on again does not add the entity twice.
    async_add_entities_as_they_appear(
        coordinator,
        async_add_entities,
        accounts,
        lambda number: [
            GrandstreamIndexedBinarySensor(coordinator, account_registered, number)
        ],
        forget_gone=False,
    )


class GrandstreamStationBinarySensor(GrandstreamEntity, BinarySensorEntity):
    """A binary sensor of a GXP phone or DP handset."""

    entity_description: GrandstreamStationBinarySensorEntityDescription

    @property
    def is_on(self) -> bool:
        """The state the description reads from the station."""
        return self.entity_description.value_fn(
            self.coordinator.data.stations[self.handset]
        )


class GrandstreamIndexedBinarySensor(GrandstreamEntity, BinarySensorEntity):
    """A binary sensor of the phone or base about one account or handset slot."""

    entity_description: GrandstreamIndexedBinarySensorEntityDescription

    def __init__(
        self,
        coordinator: GrandstreamCoordinator,
        description: GrandstreamIndexedBinarySensorEntityDescription,
        number: int,
    ) -> None:
        """Read the account or handset slot with this number."""
        super().__init__(
            coordinator, description, index=(description.index_name, number)
        )
        self._number = number

    @property
    def is_on(self) -> bool | None:
        """The state the description reads for this number."""
        return self.entity_description.value_fn(self.coordinator.data, self._number)
