"""The missed calls intents: did I miss any calls, who called; clear them."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util

from ..cti.call_records import CallDirection
from ..targets import Target
from . import INTENT_CLEAR_MISSED_CALLS, INTENT_MISSED_CALLS
from .base import PhoneIntentHandler, QueryIntentHandler
from .reply import Reply
from .speech import (
    RefusedError,
    say,
    say_all,
    say_last_answered,
    say_missed_calls,
)


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
        none = _say_none_missed(targets, named=named)
        # "Who called?" with none missed: the last caller who was answered.
        answered = [
            (call, name)
            for name, calls in stations
            if (call := calls.last_call) is not None
            and call.answered
            and call.direction is CallDirection.INCOMING
        ]
        if not answered:
            return none
        call, name = max(answered, key=lambda answer: answer[0].started)
        return f"{none} {say_last_answered(name, call, now)}"


class ClearMissedCallsIntentHandler(PhoneIntentHandler):
    """Clear the missed calls of the phones meant, as their Clear button does."""

    intent_type = INTENT_CLEAR_MISSED_CALLS
    description = (
        "Clears the missed calls of Grandstream phones or DECT handsets: of the "
        "one named, or of every phone."
    )

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        targets, named = self._named(intent_obj, slots)
        if not targets:
            raise RefusedError(Reply.NO_PHONE_SET_UP)
        cleared = sorted(
            (
                target
                for target in targets
                if target.coordinator.call_log.station(target.handset).missed_count
            ),
            key=lambda target: target.name,
        )
        for target in cleared:
            target.coordinator.call_log.async_clear_missed(target.handset)
        if cleared:
            return say(
                Reply.CLEARED_MISSED_CALLS,
                phones=say_all([target.name for target in cleared]),
            )
        return _say_none_missed(targets, named=named)


def _say_none_missed(targets: list[Target], *, named: bool) -> str:
    """No missed calls: of the one phone named, or of any."""
    if named and len(targets) == 1:
        return say(Reply.NO_MISSED_CALLS_ON_PHONE, phone=targets[0].name)
    return say(Reply.NO_MISSED_CALLS)
