"""The dashboard card: served, loaded by every dashboard, gone with the last phone."""

from __future__ import annotations

import json
from pathlib import Path

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.dashboard_card import CARD_PATH
from tests.conftest import setup_entry

INTEGRATION = Path(__file__).parents[2] / "custom_components" / "grandstream_cti"
VERSION = json.loads((INTEGRATION / "manifest.json").read_text())["version"]
CARD_URL = f"{CARD_PATH}?v={VERSION}"


async def resources(
    hass_ws_client: WebSocketGenerator, hass: HomeAssistant
) -> list[str]:
    """The URLs of the dashboards' resources, as the frontend is told them."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "lovelace/resources"})
    answer = await client.receive_json()
    assert answer["success"]
    return [f"{item['type']} {item['url']}" for item in answer["result"]]


async def test_storage_mode_resource(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_client: ClientSessionGenerator,
    gxp_entry: MockConfigEntry,
    dp_entry: MockConfigEntry,
) -> None:
    """One versioned resource for all phones, removed with the last of them."""
    assert await async_setup_component(hass, "lovelace", {})
    await setup_entry(hass, gxp_entry)
    await setup_entry(hass, dp_entry)
    assert await resources(hass_ws_client, hass) == [f"module {CARD_URL}"]

    response = await (await hass_client()).get(CARD_URL)
    assert response.status == 200
    assert "grandstream-phone-card" in await response.text()

    await hass.config_entries.async_remove(gxp_entry.entry_id)
    assert await resources(hass_ws_client, hass) == [f"module {CARD_URL}"]
    await hass.config_entries.async_remove(dp_entry.entry_id)
    assert await resources(hass_ws_client, hass) == []


async def test_storage_mode_update(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    gxp_entry: MockConfigEntry,
) -> None:
    """An earlier version's resource is pointed at this version; others stay."""
    assert await async_setup_component(hass, "lovelace", {})
    # Its routes, before the websocket's test server freezes the router.
    assert await async_setup_component(hass, DOMAIN, {})
    client = await hass_ws_client(hass)
    for url in (f"{CARD_PATH}?v=0.0.1", "/local/other-card.js"):
        await client.send_json_auto_id(
            {"type": "lovelace/resources/create", "res_type": "module", "url": url}
        )
        assert (await client.receive_json())["success"]

    await setup_entry(hass, gxp_entry)

    assert sorted(await resources(hass_ws_client, hass)) == [
        f"module {CARD_URL}",
        "module /local/other-card.js",
    ]


@pytest.fixture
async def yaml_dashboards(hass: HomeAssistant, tmp_path: Path) -> None:
    """The frontend, with the dashboards' resources in YAML.

    The frontend's files are not needed, nor installed on every release the
    tests run on: its development_repo option points it elsewhere.
    """
    # Its routes, before the frontend's set-up starts the HTTP server.
    assert await async_setup_component(hass, DOMAIN, {})
    # One configuration for both: the frontend sets up lovelace, its dependency.
    config = {
        "frontend": {"development_repo": str(tmp_path)},
        "lovelace": {"resource_mode": "yaml", "resources": []},
    }
    assert await async_setup_component(hass, "frontend", config)


@pytest.mark.usefixtures("yaml_dashboards")
async def test_yaml_mode_extra_module(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, dp_entry: MockConfigEntry
) -> None:
    """Where resources are YAML's, the frontend loads the card as an extra module."""
    await setup_entry(hass, gxp_entry)
    await setup_entry(hass, dp_entry)
    assert hass.data[DATA_EXTRA_MODULE_URL].urls == {CARD_URL}

    await hass.config_entries.async_remove(gxp_entry.entry_id)
    assert hass.data[DATA_EXTRA_MODULE_URL].urls == {CARD_URL}
    await hass.config_entries.async_remove(dp_entry.entry_id)
    assert hass.data[DATA_EXTRA_MODULE_URL].urls == frozenset()
