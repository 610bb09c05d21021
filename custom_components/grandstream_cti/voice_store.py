"""What the integration wrote into Assist's sentence folders, and what it removed.

Kept so that an update or a removal touches a file only while it holds what
the integration wrote, and so that a repair does not offer again what the
user removed.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.singleton import singleton
from homeassistant.helpers.storage import Store
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN

STORAGE_KEY = f"{DOMAIN}.voice_commands"
INSTALLED: HassKey[Installed] = HassKey(STORAGE_KEY)


class Installed:
    """What the integration wrote into each language folder, and what it removed.

    hashes: the hash of each file installed, by its folder. removed: the
    folders whose file the user removed in the options; no repair offers it
    again there, the options still do.
    """

    def __init__(
        self, store: Store[dict[str, Any]], hashes: dict[str, str], removed: set[str]
    ) -> None:
        """Keep what was stored, and the store to write it to."""
        self.store = store
        self.hashes = hashes
        self.removed = removed

    async def async_note(self, language: str, written: str | None) -> None:
        """Note what was written into a folder; None: the user removed it."""
        if written is None:
            self.hashes.pop(language, None)
            self.removed.add(language)
        else:
            self.hashes[language] = written
            self.removed.discard(language)
        await self.store.async_save(
            {"hashes": self.hashes, "removed": sorted(self.removed)}
        )


@singleton(INSTALLED, async_=True)
async def async_get_installed(hass: HomeAssistant) -> Installed:
    """What the integration installed and removed, loaded once."""
    store = Store[dict[str, Any]](hass, 1, STORAGE_KEY)
    stored = await store.async_load()
    # A damaged file costs only what is damaged in it.
    stored = stored if isinstance(stored, dict) else {}
    hashes = stored.get("hashes")
    removed = stored.get("removed")
    return Installed(
        store,
        {
            folder: written
            for folder, written in (hashes if isinstance(hashes, dict) else {}).items()
            if isinstance(written, str)
        },
        {
            f
            for f in (removed if isinstance(removed, list) else [])
            if isinstance(f, str)
        },
    )
