"""Call records: the calls a phone's call events tell of, and its missed calls.

The events come deduplicated (each real call step once, see calls.py); the
time of each comes in with it, so nothing here reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .calls import CallEvent, CallEventType

# The missed calls kept per station: enough to call back, small as an attribute.
MISSED_CALLS_KEPT = 10
# The count stops here: a phone flooded by SIP scanners must not count forever.
MAX_MISSED_COUNT = 9999


class CallDirection(StrEnum):
    """Who called whom."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"


@dataclass(frozen=True, slots=True, kw_only=True)
class CallRecord:
    """One call of a GXP phone or DP handset, as far as its events told."""

    handset: int | None
    # None when the call was first seen answered: its ring or dialing was not.
    direction: CallDirection | None
    number: str
    name: str
    account: int | None = None
    local_number: str = ""
    account_name: str = ""
    started: datetime
    answered: bool = False
    # From the answer to the end; None when either was not seen.
    duration: timedelta | None = None
    # How a ring that was not answered here ended (one of them at most):
    # nobody answered, the user declined it, or another station answered.
    missed: bool = False
    rejected: bool = False
    answered_elsewhere: bool = False

    def updated(self, event: CallEvent) -> CallRecord:
        """The record with what a later event of the same call adds."""
        return replace(
            self,
            number=event.number or self.number,
            name=event.name or self.name,
            account=self.account if event.account is None else event.account,
            local_number=event.local_number or self.local_number,
            account_name=event.account_name or self.account_name,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class _OpenCall:
    record: CallRecord
    answered_at: datetime | None = None

    def updated(self, event: CallEvent) -> _OpenCall:
        return replace(self, record=self.record.updated(event))


def _open(
    event: CallEvent, direction: CallDirection | None, now: datetime
) -> _OpenCall:
    return _OpenCall(
        record=CallRecord(
            handset=event.handset,
            direction=direction,
            number=event.number,
            name=event.name,
            account=event.account,
            local_number=event.local_number,
            account_name=event.account_name,
            started=now,
        )
    )


_DIRECTIONS = {
    CallEventType.INCOMING: CallDirection.INCOMING,
    CallEventType.OUTGOING: CallDirection.OUTGOING,
}


# The events that end a ring unanswered here.
_RING_ENDS = frozenset(
    {
        CallEventType.MISSED,
        CallEventType.REJECTED,
        CallEventType.ANSWERED_ELSEWHERE,
    }
)


class CallRecorder:
    """Follows the calls of one phone (all its handsets) through their events.

    A call is open from its first event to its end. Events name their line;
    a push that found no line in the state it announces names none, and is
    then matched to the handset's open call of the same number.
    """

    def __init__(self) -> None:
        """Start with no call open."""
        self._open: dict[tuple[int | None, int | None], _OpenCall] = {}

    def record(self, event: CallEvent, now: datetime) -> CallRecord | None:
        """Follow one event; the call it ends, if it ends one."""
        line = (event.handset, event.line)
        if (direction := _DIRECTIONS.get(event.event_type)) is not None:
            # A new call on a line whose last call was not seen to end: that
            # one is over, when is not known, and it is left out.
            self._open[line] = _open(event, direction, now)
            return None
        key = self._key(event)
        call = None if key is None else self._open.pop(key)
        if event.event_type is CallEventType.ANSWERED:
            call = _open(event, None, now) if call is None else call.updated(event)
            self._open[line] = replace(call, answered_at=call.answered_at or now)
            return None
        if event.event_type in _RING_ENDS:
            if (
                call is None
                or call.answered_at is not None
                or call.record.direction is not CallDirection.INCOMING
            ):
                # Not this call's: a missed call whose ring was never seen
                # (a push alone).
                if call is not None and key is not None:
                    self._open[key] = call
                call = _open(event, CallDirection.INCOMING, now)
            return replace(
                call.updated(event).record,
                missed=event.event_type is CallEventType.MISSED,
                rejected=event.event_type is CallEventType.REJECTED,
                answered_elsewhere=event.event_type is CallEventType.ANSWERED_ELSEWHERE,
            )
        # Ended: a call whose start was not seen (it began before a restart)
        # tells neither its direction nor whether it was answered.
        if call is None:
            return None
        call = call.updated(event)
        # Only a connected or held call ends (a ring is missed): an incoming
        # call that ends was answered, if not seen when, between two polls.
        answered = (
            call.answered_at is not None
            or call.record.direction is CallDirection.INCOMING
        )
        return replace(
            call.record,
            answered=answered,
            duration=None if call.answered_at is None else now - call.answered_at,
        )

    def _key(self, event: CallEvent) -> tuple[int | None, int | None] | None:
        """The open call the event belongs to, if any."""
        if (key := (event.handset, event.line)) in self._open:
            return key
        same_handset = [key for key in self._open if key[0] == event.handset]
        if event.number:
            # A push and a poll may name different lines for one call.
            return next(
                (
                    key
                    for key in same_handset
                    if self._open[key].record.number == event.number
                ),
                None,
            )
        if event.line is None and len(same_handset) == 1:
            return same_handset[0]
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class StationCalls:
    """What a station's users see of its calls: missed ones and the last one."""

    missed_count: int = 0
    # Newest first.
    missed: tuple[CallRecord, ...] = ()
    last_call: CallRecord | None = None

    def with_call(self, call: CallRecord) -> StationCalls:
        """The calls with one more call over."""
        if not call.missed:
            return replace(self, last_call=call)
        return StationCalls(
            missed_count=min(self.missed_count + 1, MAX_MISSED_COUNT),
            missed=(call, *self.missed)[:MISSED_CALLS_KEPT],
            last_call=call,
        )

    def cleared(self) -> StationCalls:
        """The calls once the user has seen the missed ones."""
        return StationCalls(last_call=self.last_call)
