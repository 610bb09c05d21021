"""Notices a WP ending Home Assistant's web session again and again.

One session per account (lineup.md): a person logged in to the phone's web
page as Home Assistant's user ends its session, and each new login of Home
Assistant ends theirs. Polling keeps a session alive, so sessions that keep
ending are taken by another login (inferred; a phone that restarts ends one
too, once).
"""

from __future__ import annotations

from collections import deque
from datetime import datetime

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .const import SESSIONS_TAKEN_LIMIT, SESSIONS_TAKEN_WINDOW
from .repairs import Repair, async_clear_repair, async_raise_repair


class SessionWatch:
    """Raises a repair when the phone ended the session too often lately."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Watch from now on; a repair of an earlier run is gone."""
        self._hass = hass
        self._entry = entry
        self._ended: deque[datetime] = deque(maxlen=SESSIONS_TAKEN_LIMIT)
        async_clear_repair(hass, entry, Repair.WEB_SESSION_TAKEN)

    @callback
    def __call__(self) -> None:
        """The phone ended the session: the client logs in again."""
        now = dt_util.utcnow()
        self._ended.append(now)
        if (
            len(self._ended) == SESSIONS_TAKEN_LIMIT
            and now - self._ended[0] <= SESSIONS_TAKEN_WINDOW
        ):
            async_raise_repair(
                self._hass,
                self._entry,
                Repair.WEB_SESSION_TAKEN,
                {"username": self._entry.data[CONF_USERNAME]},
            )
