"""The automation blueprints the integration ships, installed when the user asks.

They go where Home Assistant's blueprint loader finds automation blueprints,
<config>/blueprints/automation/grandstream_cti/, as the files they are. A file
that is there already is never written: it may be one the user changed.
"""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.util.yaml import load_yaml_dict

from .const import DOMAIN
from .shipped_files import copy_new

SHIPPED = Path(__file__).parent / "blueprints"


def _folder(hass: HomeAssistant) -> Path:
    return Path(hass.config.path("blueprints", "automation", DOMAIN))


def missing_blueprints(hass: HomeAssistant) -> dict[str, str]:
    """Each shipped blueprint the folder lacks: its name, by file; in the executor."""
    folder = _folder(hass)
    return {
        shipped.name: str(load_yaml_dict(shipped)["blueprint"]["name"])
        for shipped in sorted(SHIPPED.glob("*.yaml"))
        if not (folder / shipped.name).exists()
    }


def install_blueprints(hass: HomeAssistant, names: list[str]) -> list[str]:
    """Copy these shipped blueprints, each unless its file exists; in the executor.

    Returns the names it copied.
    """
    folder = _folder(hass)
    return [name for name in names if copy_new(SHIPPED / name, folder / name)]
