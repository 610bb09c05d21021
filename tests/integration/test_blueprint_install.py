"""The options' step that installs the integration's blueprints into Home Assistant."""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.grandstream_cti.blueprint_install import SHIPPED
from custom_components.grandstream_cti.const import DOMAIN

from .helpers import options_step, rendered_description

SHIPPED_NAMES = sorted(path.name for path in SHIPPED.glob("*.yaml"))


@pytest.fixture
def folder(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Where Home Assistant's loader finds this integration's automation blueprints."""
    hass.config.config_dir = str(tmp_path)
    return tmp_path / "blueprints" / "automation" / DOMAIN


async def listed_blueprints(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> set[str]:
    """The automation blueprints Home Assistant lists, as its Blueprints page asks."""
    assert await async_setup_component(hass, "automation", {})
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "blueprint/list", "domain": "automation"})
    answer = await client.receive_json()
    assert answer["success"]
    # Besides Home Assistant's own examples, which it puts in its folder.
    return {path for path in answer["result"] if path.startswith(f"{DOMAIN}/")}


def write(folder: Path, files: dict[str, str]) -> None:
    """The user's own files in the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def contents(folder: Path) -> dict[str, bytes]:
    """Each file in the folder, by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


async def test_install_every_blueprint(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    gxp: MockConfigEntry,
    folder: Path,
) -> None:
    """The step lists the blueprints; submitted, Home Assistant lists them."""
    assert await listed_blueprints(hass, hass_ws_client) == set()
    result = await options_step(hass, gxp, "blueprints")
    assert result["type"] is FlowResultType.FORM
    shown = await rendered_description(hass, "options", result)
    assert "- Notify me of a missed call (`notify_missed_call.yaml`)" in shown
    assert all(name in shown for name in SHIPPED_NAMES)

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "blueprints_installed"
    assert result["description_placeholders"] == {"count": str(len(SHIPPED_NAMES))}
    assert contents(folder) == contents(SHIPPED)
    assert await listed_blueprints(hass, hass_ws_client) == {
        f"{DOMAIN}/{name}" for name in SHIPPED_NAMES
    }


async def test_a_changed_blueprint_is_kept(
    hass: HomeAssistant, gxp: MockConfigEntry, folder: Path
) -> None:
    """Only the missing ones are offered and copied; the user's file stays."""
    write(folder, {"notify_missed_call.yaml": "# my own\n"})
    result = await options_step(hass, gxp, "blueprints")
    assert "notify_missed_call" not in await rendered_description(
        hass, "options", result
    )

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["description_placeholders"] == {"count": str(len(SHIPPED_NAMES) - 1)}
    assert contents(folder) == {
        **contents(SHIPPED),
        "notify_missed_call.yaml": b"# my own\n",
    }


async def test_a_file_made_meanwhile_is_kept(
    hass: HomeAssistant, gxp: MockConfigEntry, folder: Path
) -> None:
    """A file that appears between the form and its submit is not overwritten."""
    result = await options_step(hass, gxp, "blueprints")
    write(folder, {"notify_missed_call.yaml": "# made meanwhile\n"})

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["description_placeholders"] == {"count": str(len(SHIPPED_NAMES) - 1)}
    assert contents(folder)["notify_missed_call.yaml"] == b"# made meanwhile\n"


async def test_all_there(
    hass: HomeAssistant, gxp: MockConfigEntry, folder: Path
) -> None:
    """With every blueprint there, the step says so and installs nothing."""
    write(folder, dict.fromkeys(SHIPPED_NAMES, "# the user's\n"))

    result = await options_step(hass, gxp, "blueprints")

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "blueprints_there"
    assert contents(folder) == dict.fromkeys(SHIPPED_NAMES, b"# the user's\n")
