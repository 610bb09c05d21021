"""The dashboard card: served by the integration, loaded by every dashboard.

The card (custom:grandstream-phone-card, built from frontend/src/ by
scripts/build_card) is a Lovelace resource of storage-mode dashboards, and an
extra module of the frontend where resources are YAML's, which the integration
cannot edit. Its URL names the integration's version: a browser loads an
update at once, and may cache each version for good.
"""

from __future__ import annotations

from pathlib import Path

from homeassistant.components.frontend import add_extra_js_url, remove_extra_js_url
from homeassistant.components.http import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA, MODE_YAML
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .const import DOMAIN

CARD_PATH = f"/{DOMAIN}/grandstream-phone-card.js"
_CARD_FILE = Path(__file__).parent / "frontend" / "grandstream-phone-card.js"


async def async_serve_card(hass: HomeAssistant) -> None:
    """Serve the card's file, once per run of Home Assistant."""
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_PATH, str(_CARD_FILE), cache_headers=True)]
    )


async def async_add_card(hass: HomeAssistant) -> None:
    """Make every dashboard load the card of this version of the integration.

    At each set-up of a phone: after an update, the next start brings the new
    version's URL; after the last phone was removed, a new one brings it back.
    """
    url = await _card_url(hass)
    if (resources := _storage_resources(hass)) is not None:
        await resources.async_get_info()  # loads them from storage, once
        ours = [item for item in resources.async_items() if _is_card(item)]
        if not ours:
            await resources.async_create_item({"res_type": "module", "url": url})
        elif ours[0]["url"] != url:
            await resources.async_update_item(ours[0]["id"], {"url": url})
    elif _yaml_resources(hass):
        add_extra_js_url(hass, url)


async def async_remove_card(hass: HomeAssistant) -> None:
    """Stop loading the card: the last phone was removed."""
    if (resources := _storage_resources(hass)) is not None:
        await resources.async_get_info()
        for item in [item for item in resources.async_items() if _is_card(item)]:
            await resources.async_delete_item(item["id"])
    elif _yaml_resources(hass):
        remove_extra_js_url(hass, await _card_url(hass))


async def _card_url(hass: HomeAssistant) -> str:
    integration = await async_get_integration(hass, DOMAIN)
    return f"{CARD_PATH}?v={integration.version}"


def _is_card(item: dict[str, str]) -> bool:
    return item.get("url", "").split("?")[0] == CARD_PATH


def _storage_resources(hass: HomeAssistant) -> ResourceStorageCollection | None:
    """Dashboards' resources, where Home Assistant keeps them in its storage."""
    if (lovelace := hass.data.get(LOVELACE_DATA)) is None:
        return None
    resources = lovelace.resources
    return resources if isinstance(resources, ResourceStorageCollection) else None


def _yaml_resources(hass: HomeAssistant) -> bool:
    """Whether the dashboards' resources are YAML's, with the frontend loaded."""
    lovelace = hass.data.get(LOVELACE_DATA)
    return (
        lovelace is not None
        and lovelace.resource_mode == MODE_YAML
        and "frontend" in hass.config.components
    )
