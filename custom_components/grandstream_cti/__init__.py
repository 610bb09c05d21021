"""Grandstream CTI: Grandstream IP phones as Home Assistant devices."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.components.webhook import async_generate_id
from homeassistant.const import CONF_WEBHOOK_ID, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .const import (
    CONF_POLL_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
)
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .entity import current_device_identifiers, device_info
from .helpers import create_client
from .services import async_setup_services
from .webhook import async_register_webhook

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SENSOR,
    Platform.SWITCH,
]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool | None:
    """Register the integration's services."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: GrandstreamConfigEntry) -> bool:
    """Connect to the phone and set up its devices and entities."""
    if CONF_WEBHOOK_ID not in entry.data:
        hass.config_entries.async_update_entry(
            entry, data={**entry.data, CONF_WEBHOOK_ID: async_generate_id()}
        )
    coordinator = GrandstreamCoordinator(hass, entry, create_client(hass, entry.data))
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    # Handset devices name the base as via_device; it must exist before any
    # platform adds them, and platforms are set up in parallel.
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, **device_info(coordinator, None)
    )

    @callback
    def remove_unpaired_handsets() -> None:
        if coordinator.last_update_success:
            _remove_unpaired_handsets(hass, coordinator)

    remove_unpaired_handsets()
    entry.async_on_unload(coordinator.async_add_listener(remove_unpaired_handsets))
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    async_register_webhook(hass, entry)
    return True


async def async_unload_entry(
    hass: HomeAssistant, entry: GrandstreamConfigEntry
) -> bool:
    """Unload the phone's entities."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def _async_options_updated(
    hass: HomeAssistant, entry: GrandstreamConfigEntry
) -> None:
    """Apply a new poll interval without a reload."""
    seconds = entry.options.get(CONF_POLL_INTERVAL, DEFAULT_POLL_INTERVAL)
    coordinator = entry.runtime_data
    if coordinator.update_interval != (interval := timedelta(seconds=seconds)):
        coordinator.update_interval = interval
        await coordinator.async_request_refresh()


@callback
def _remove_unpaired_handsets(
    hass: HomeAssistant, coordinator: GrandstreamCoordinator
) -> None:
    """Remove the device of each handset that is no longer paired."""
    registry = dr.async_get(hass)
    current = current_device_identifiers(coordinator)
    entry_id = coordinator.config_entry.entry_id
    for device in dr.async_entries_for_config_entry(registry, entry_id):
        if not device.identifiers & current:
            registry.async_update_device(device.id, remove_config_entry_id=entry_id)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: GrandstreamConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the user delete a handset device that is no longer paired."""
    return not device.identifiers & current_device_identifiers(entry.runtime_data)
