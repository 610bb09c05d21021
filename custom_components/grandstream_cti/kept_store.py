"""Home Assistant's storage for what the integration keeps of people: private."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import UnsupportedStorageVersionError
from homeassistant.helpers.storage import Store

from .const import LOGGER


class KeptStore[T: Mapping[str, Any] | Sequence[Any]](Store[T]):
    """A store of names, numbers and calls.

    Written readable by Home Assistant's user alone (0600). A later minor
    version only adds to what this one reads: Home Assistant reads it as it
    is. A file of a later major version, written by a newer release of the
    integration before a downgrade, is left alone: not read, not written
    over, not deleted.
    """

    def __init__(self, hass: HomeAssistant, version: int, key: str) -> None:
        """Keep the data under key, in this major version."""
        super().__init__(hass, version, key, private=True)
        self._newer = False

    async def async_load_kept(self) -> T | None:
        """What was kept, None when nothing was (or it is a newer release's)."""
        try:
            return await self.async_load()
        except UnsupportedStorageVersionError as err:
            LOGGER.warning(
                "%s was written by a newer version of the integration and is left"
                " as it is; what changes now is not kept (%s)",
                self.path,
                err,
            )
            self._newer = True
            self.make_read_only()
            return None

    async def async_remove(self) -> None:
        """Delete the file, unless a newer release wrote it."""
        if not self._newer:
            await super().async_remove()
