"""Grandstream CTI: Grandstream IP phones as Home Assistant devices."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.components.webhook import async_generate_id
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    CONF_WEBHOOK_ID,
    Platform,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    issue_registry as ir,
)
from homeassistant.helpers.start import async_at_started
from homeassistant.helpers.typing import ConfigType

from .action_url_file import ActionUrlFileView
from .call_log import async_remove_call_log
from .const import (
    CONF_FAMILY,
    CONF_POLL_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
)
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .cti import WebSessionClient
from .dashboard_card import async_add_card, async_remove_card, async_serve_card
from .entity import current_device_identifiers, device_info
from .helpers import create_client
from .phone_probe import async_learn_model
from .phonebook_export import PhonebookExportView
from .phonebook_store import async_get_phonebook, async_remove_phonebook
from .repairs import Repair, async_clear_repairs, repair_id
from .services import async_setup_services
from .session_watch import SessionWatch
from .voice_commands import async_offer_sentences, async_remove_installed
from .webhook import async_register_webhook

# What the phone's client and coordinator are made from: a change needs a reload
# (a reconfiguration may find a GXP to be a GRP).
CONNECTION_SETTINGS = (
    CONF_HOST,
    CONF_USERNAME,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
    CONF_FAMILY,
)
PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SENSOR,
    Platform.SWITCH,
]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool | None:
    """Register the integration's services, its Action URL files and its card.

    Once Home Assistant has started (and Assist with it), a repair offers the
    voice commands' sentences where Assist lacks them.
    """
    async_setup_services(hass)
    hass.http.register_view(ActionUrlFileView())
    hass.http.register_view(PhonebookExportView())
    await async_serve_card(hass)
    async_at_started(hass, async_offer_sentences)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: GrandstreamConfigEntry) -> bool:
    """Connect to the phone and set up its devices and entities."""
    if CONF_WEBHOOK_ID not in entry.data:
        hass.config_entries.async_update_entry(
            entry, data={**entry.data, CONF_WEBHOOK_ID: async_generate_id()}
        )
    client = create_client(hass, entry.data)
    # Also when the setup fails: Home Assistant runs these then too. A WP's
    # client logs out of its web session.
    entry.async_on_unload(client.async_close)
    if isinstance(client, WebSessionClient):
        client.on_session_ended = SessionWatch(hass, entry)
    coordinator = GrandstreamCoordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    # Once the phone answered: an unreachable one is not asked twice.
    if await async_learn_model(hass, entry, client):
        # A GRP that was taken for a GXP: its reads and commands are a GRP's.
        hass.config_entries.async_schedule_reload(entry.entry_id)
    # Handset devices name the base as via_device; it must exist before any
    # platform adds them, and platforms are set up in parallel.
    _async_update_base_device(coordinator)

    @callback
    def remove_unpaired_handsets() -> None:
        if coordinator.last_update_success:
            _remove_unpaired_handsets(hass, coordinator)

    remove_unpaired_handsets()
    entry.async_on_unload(coordinator.async_add_listener(remove_unpaired_handsets))
    connection = _connection_settings(entry)

    async def entry_updated(hass: HomeAssistant, entry: GrandstreamConfigEntry) -> None:
        # Home Assistant leaves the reload after a reauthentication or a
        # reconfiguration to the entry's update listener, when it has one.
        if _connection_settings(entry) != connection:
            hass.config_entries.async_schedule_reload(entry.entry_id)
        else:
            # A push or DHCP may just have taught the entry its phone's MAC; a
            # push, its model and firmware.
            _async_update_base_device(coordinator)
            await _async_apply_poll_interval(entry)

    entry.async_on_unload(entry.add_update_listener(entry_updated))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    async_register_webhook(hass, entry)
    await async_add_card(hass)
    return True


async def async_unload_entry(
    hass: HomeAssistant, entry: GrandstreamConfigEntry
) -> bool:
    """Unload the phone's entities."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: GrandstreamConfigEntry
) -> None:
    """Remove the phone's kept calls, its repairs, and those naming it a duplicate.

    The dashboard card goes with the last of them, and so do the voice
    commands' sentences it installed, unless the user changed them. The
    phonebook, shared by all phones, goes with the last of them only when it
    is empty: its contacts are removed only by the user's Remove all contacts,
    which asks first. Re-adding a phone finds them again.
    """
    await async_remove_call_log(hass, entry.entry_id)
    if not hass.config_entries.async_entries(DOMAIN, include_ignore=False):
        await async_remove_card(hass)
        await async_remove_installed(hass)
        phonebook = await async_get_phonebook(hass)
        if not phonebook.contacts:
            await async_remove_phonebook(hass)
    async_clear_repairs(hass, entry)
    if entry.unique_id is None:
        return
    registry = ir.async_get(hass)
    for other in hass.config_entries.async_entries(DOMAIN):
        issue_id = repair_id(other, Repair.DUPLICATE_PHONE)
        issue = registry.async_get_issue(DOMAIN, issue_id)
        placeholders = (issue and issue.translation_placeholders) or {}
        if placeholders.get("mac") == entry.unique_id:
            registry.async_delete(DOMAIN, issue_id)


@callback
def _async_update_base_device(coordinator: GrandstreamCoordinator) -> None:
    """Register the phone's device, with the MAC the entry knows and no other.

    After a reconfiguration to another phone, the old phone's MAC goes.
    """
    registry = dr.async_get(coordinator.hass)
    entry = coordinator.config_entry
    device = registry.async_get_or_create(
        config_entry_id=entry.entry_id, **device_info(coordinator, None)
    )
    connections = (
        {(dr.CONNECTION_NETWORK_MAC, entry.unique_id)} if entry.unique_id else set()
    )
    if device.connections != connections:
        registry.async_update_device(device.id, new_connections=connections)


def _connection_settings(entry: GrandstreamConfigEntry) -> dict[str, Any]:
    """What the phone's client is made from: a change needs a reload."""
    return {key: entry.data.get(key) for key in CONNECTION_SETTINGS}


async def _async_apply_poll_interval(entry: GrandstreamConfigEntry) -> None:
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
            registry.async_remove_device(device.id)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: GrandstreamConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the user delete a handset device that is no longer paired."""
    return not device.identifiers & current_device_identifiers(entry.runtime_data)
