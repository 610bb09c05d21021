"""The missed calls intent: did I miss any calls, who called."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util

from . import INTENT_MISSED_CALLS
from .base import QueryIntentHandler
from .speech import RefusedError, Reply, say, say_missed_calls


class MissedCallsIntentHandler(QueryIntentHandler):
    """Say which calls the phones missed since their missed calls were cleared.

    It reads Home Assistant's call log, not the phones: it answers while a
    phone cannot be reached, and never asks which phone (it tells of each).
    """

    intent_type = INTENT_MISSED_CALLS
    description = (
        "Tells the calls that Grandstream phones or DECT handsets missed since "
        "their missed calls were last cleared: who called, and when."
    )

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        targets, named = self._named(intent_obj, slots)
        if not targets:
            raise RefusedError(Reply.NO_PHONE_SET_UP)
        now = dt_util.utcnow()
        stations = [
            (target.name, target.coordinator.call_log.station(target.handset))
            for target in targets
        ]
        said = [
            say_missed_calls(name, calls, now)
            for name, calls in sorted(stations, key=lambda station: station[0])
            if calls.missed_count
        ]
        if said:
            return " ".join(said)
        if named and len(targets) == 1:
            return say(Reply.NO_MISSED_CALLS_ON_PHONE, phone=targets[0].name)
        return say(Reply.NO_MISSED_CALLS)
