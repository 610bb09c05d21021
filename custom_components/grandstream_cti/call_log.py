"""The calls of a phone and its handsets: missed calls and the last call, kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .const import DOMAIN, LOGGER
from .cti.call_records import (
    MAX_MISSED_COUNT,
    MISSED_CALLS_KEPT,
    CallDirection,
    CallRecord,
    CallRecorder,
    StationCalls,
)
from .cti.calls import CallEvent
from .kept_store import KeptStore

STORAGE_VERSION = 1
# A burst of calls is written once; Home Assistant writes what is pending when
# it stops, and an unloaded entry writes it at once.
SAVE_DELAY = 10


def _store(hass: HomeAssistant, entry_id: str) -> KeptStore[dict[str, Any]]:
    return KeptStore(hass, STORAGE_VERSION, f"{DOMAIN}.call_log.{entry_id}")


async def async_remove_call_log(hass: HomeAssistant, entry_id: str) -> None:
    """Delete the kept calls of a phone that was removed."""
    await _store(hass, entry_id).async_remove()


class CallLog:
    """The missed calls and the last call of each station of one phone.

    A station is a GXP phone (None) or a DP handset (its number). Every call
    event the coordinator hands out is recorded, whether or not an entity
    shows it.
    """

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Start empty: async_load reads what was kept."""
        self._entry = entry
        self._store = _store(hass, entry.entry_id)
        self._recorder = CallRecorder()
        self._stations: dict[int | None, StationCalls] = {}
        self._listeners: dict[int | None, list[CALLBACK_TYPE]] = {}
        self._changed = False

    async def async_load(self) -> None:
        """Read the kept calls, and write what changed when the entry unloads."""
        stored = await self._store.async_load_kept()
        items = stored.get("stations") if isinstance(stored, dict) else []
        skipped = 0
        for item in items if isinstance(items, list) else [items]:
            try:
                handset, calls, left_out = _station_calls(item)
            except AttributeError, KeyError, TypeError, ValueError:
                skipped += 1
                continue
            self._stations[handset] = calls
            skipped += left_out
        if skipped:
            # A file edited by hand or cut short costs what it damaged, no more.
            LOGGER.warning(
                "%s of the kept calls of %s could not be read and were left out",
                skipped,
                self._entry.title,
            )
        self._entry.async_on_unload(self._async_save_changes)

    def station(self, handset: int | None) -> StationCalls:
        """The missed calls and last call of the phone or handset."""
        return self._stations.get(handset, StationCalls())

    @callback
    def async_add_listener(
        self, handset: int | None, update_callback: CALLBACK_TYPE
    ) -> Callable[[], None]:
        """Call update_callback when the station's calls change."""
        listeners = self._listeners.setdefault(handset, [])
        listeners.append(update_callback)
        return lambda: listeners.remove(update_callback)

    @callback
    def async_record(self, events: Iterable[CallEvent]) -> None:
        """Follow the call events; keep each call that ends."""
        now = dt_util.utcnow()
        for event in events:
            if (call := self._recorder.record(event, now)) is not None:
                self._update(call.handset, self.station(call.handset).with_call(call))

    @callback
    def async_clear_missed(self, handset: int | None) -> None:
        """Forget the station's missed calls: the user has seen them."""
        self._update(handset, self.station(handset).cleared())

    def _update(self, handset: int | None, calls: StationCalls) -> None:
        if calls == self.station(handset):
            return
        self._stations[handset] = calls
        self._changed = True
        self._store.async_delay_save(self._stored, SAVE_DELAY)
        for update_callback in list(self._listeners.get(handset, ())):
            update_callback()

    async def _async_save_changes(self) -> None:
        # A reload reads the store at once: what waits for SAVE_DELAY must be in.
        if self._changed:
            await self._store.async_save(self._stored())

    def _stored(self) -> dict[str, Any]:
        return {
            "stations": [
                {
                    "handset": handset,
                    "missed_count": calls.missed_count,
                    "missed": [_stored_call(call) for call in calls.missed],
                    "last_call": (
                        None
                        if calls.last_call is None
                        else _stored_call(calls.last_call)
                    ),
                }
                for handset, calls in self._stations.items()
            ]
        }


def _stored_call(call: CallRecord) -> dict[str, Any]:
    return {
        "direction": call.direction,
        "number": call.number,
        "name": call.name,
        "account": call.account,
        "local_number": call.local_number,
        "account_name": call.account_name,
        "started": call.started.isoformat(),
        "answered": call.answered,
        "duration": None if call.duration is None else call.duration.total_seconds(),
        "missed": call.missed,
        "rejected": call.rejected,
        "answered_elsewhere": call.answered_elsewhere,
    }


def _station_calls(stored: Any) -> tuple[int | None, StationCalls, int]:
    """A station's kept calls, and how many of its calls could not be read."""
    handset = _optional_int(stored["handset"])
    kept = stored["missed"][:MISSED_CALLS_KEPT]
    missed = [
        read for call in kept if (read := _readable_call(call, handset)) is not None
    ]
    last_call = stored["last_call"]
    last = None if last_call is None else _readable_call(last_call, handset)
    left_out = len(kept) - len(missed)
    left_out += last_call is not None and last is None
    return (
        handset,
        StationCalls(
            missed_count=min(int(stored["missed_count"]), MAX_MISSED_COUNT),
            missed=tuple(missed),
            last_call=last,
        ),
        left_out,
    )


def _readable_call(stored: Any, handset: int | None) -> CallRecord | None:
    try:
        return _call(stored, handset)
    except AttributeError, KeyError, TypeError, ValueError:
        return None


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _call(stored: dict[str, Any], handset: int | None) -> CallRecord:
    direction = stored["direction"]
    duration = stored["duration"]
    started = datetime.fromisoformat(stored["started"])
    if started.tzinfo is None:
        raise ValueError(f"started without a time zone: {stored['started']}")
    return CallRecord(
        handset=handset,
        direction=None if direction is None else CallDirection(direction),
        number=str(stored["number"]),
        name=str(stored["name"]),
        account=_optional_int(stored["account"]),
        local_number=str(stored["local_number"]),
        account_name=str(stored["account_name"]),
        started=started,
        answered=bool(stored["answered"]),
        duration=None if duration is None else timedelta(seconds=duration),
        missed=bool(stored["missed"]),
        # Not in the calls that earlier versions kept.
        rejected=bool(stored.get("rejected", False)),
        answered_elsewhere=bool(stored.get("answered_elsewhere", False)),
    )
