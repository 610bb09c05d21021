"""Watches a phone's Action URL pushes: the last one, and a silence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .const import CONF_PUSHED_EVENTS
from .cti.calls import CallEvent, CallEventType, PushEvent
from .repairs import Repair, async_clear_repair, async_raise_repair

# The pushes of a call starting, by the polled event that is their twin.
_CALL_START_PUSHES: Mapping[CallEventType, PushEvent] = {
    CallEventType.INCOMING: PushEvent.INCOMING,
    CallEventType.OUTGOING: PushEvent.OUTGOING,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class LastPush:
    """When the phone last pushed, and what."""

    time: datetime
    event: PushEvent


class PushWatch:
    """Notices a phone's Action URLs falling silent, and says so in a repair.

    Once a phone has pushed that a call started (incoming or outgoing), every
    such call comes with that push. When the polls see SILENT_AFTER of them in
    a row with no push of their kind in between, the URLs on the phone no
    longer reach Home Assistant: its address changed, the phone was reset. A
    push that arrives after the poll saw its call still counts, as it ends
    the row. Only calls starting count: whether a phone pushes Missed Call
    for a call that was rejected, or Terminated Call for one cancelled while
    dialing, is not known. What the phone has pushed is kept in the entry, so
    that a silence that starts with a restart of Home Assistant is noticed.
    It also keeps the last push, which the Last push sensor shows.
    """

    SILENT_AFTER = 3

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Start with no call unannounced."""
        self._hass = hass
        self._entry = entry
        self._unannounced: dict[PushEvent, int] = {}
        # Since this set-up; the Last push sensor restores what came before.
        self.last: LastPush | None = None
        self._listeners: list[Callable[[], None]] = []

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call listener after each push; returns what stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def pushed(self, push: PushEvent) -> None:
        """The phone pushed: a call starting ends the row of its kind."""
        self.last = LastPush(time=dt_util.utcnow(), event=push)
        for listener in list(self._listeners):
            listener()
        if push not in _CALL_START_PUSHES.values():
            return
        known = self._entry.data.get(CONF_PUSHED_EVENTS, [])
        if push not in known:
            pushed = sorted({*known, push.value})
            self._hass.config_entries.async_update_entry(
                self._entry, data={**self._entry.data, CONF_PUSHED_EVENTS: pushed}
            )
        if self._unannounced.pop(push, 0) >= self.SILENT_AFTER:
            self._update_repair()

    @callback
    def polled(self, events: Iterable[CallEvent]) -> None:
        """A poll saw these events: count the calls no push announced (yet)."""
        known = self._entry.data.get(CONF_PUSHED_EVENTS, [])
        for event in events:
            push = _CALL_START_PUSHES.get(event.event_type)
            if push is not None and push in known:
                self._unannounced[push] = self._unannounced.get(push, 0) + 1
                if self._unannounced[push] == self.SILENT_AFTER:
                    self._update_repair()

    def _update_repair(self) -> None:
        if any(count >= self.SILENT_AFTER for count in self._unannounced.values()):
            async_raise_repair(self._hass, self._entry, Repair.ACTION_URLS_SILENT)
        else:
            async_clear_repair(self._hass, self._entry, Repair.ACTION_URLS_SILENT)
