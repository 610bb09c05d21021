"""The calls of a phone: what its lines show, and the events between two views.

A poll shows the lines as the phone reports them; a push (an Action URL)
moves one line at once, to the state the push announces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from .accounts import PhoneAccounts
from .models import CallState, LineStatus, PhoneOperation

# Which line speaks for a phone when several are busy: a ringing line first (call
# waiting must still reach automations), then the call in progress.
_STATE_PRIORITY = (
    CallState.RINGING,
    CallState.TALKING,
    CallState.DIALING,
    CallState.ON_HOLD,
    CallState.FAILED,
    CallState.OTHER,
    CallState.IDLE,
)
_IN_CALL = {CallState.TALKING, CallState.ON_HOLD}
_OPERATION_LINE_STATES = {
    PhoneOperation.ACCEPT_CALL: {CallState.RINGING},
    PhoneOperation.REJECT_CALL: {CallState.RINGING},
    PhoneOperation.CANCEL: {CallState.RINGING, CallState.DIALING},
    PhoneOperation.END_CALL: {CallState.TALKING, CallState.ON_HOLD, CallState.DIALING},
    PhoneOperation.HOLD_CALL: {CallState.TALKING},
    PhoneOperation.UNHOLD_CALL: {CallState.ON_HOLD},
}


class CallEventType(StrEnum):
    """What happened to a call."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    ANSWERED = "answered"
    ENDED = "ended"
    MISSED = "missed"
    # Ends of a ring that are no missed call (told by HouseCalls, house.py): the
    # user declined it through Home Assistant, or another station answered it.
    REJECTED = "rejected"
    ANSWERED_ELSEWHERE = "answered_elsewhere"


@dataclass(frozen=True, slots=True, kw_only=True)
class CallEvent:
    """A call event on one line of a phone or handset."""

    event_type: CallEventType
    handset: int | None
    line: int | None
    number: str
    name: str
    # Which of the phone's numbers was called or called from: the account as
    # the phone's own web page numbers it (1 for the first), None if unknown.
    account: int | None = None
    local_number: str = ""
    account_name: str = ""
    # An incoming ring of a call that already rings on another handset of the
    # base (parallel ring; told by HouseCalls, house.py).
    rings_elsewhere: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PushedLine(LineStatus):
    """A line in the state a push announced; the phone has not named it yet."""

    pushed_state: CallState

    @property
    def state(self) -> CallState:
        """The call state the push announced."""
        return self.pushed_state


@dataclass(frozen=True, slots=True, kw_only=True)
class Station:
    """Something a person calls from: a GXP phone, or one DP handset."""

    handset: int | None
    lines: tuple[LineStatus, ...]

    @property
    def current_line(self) -> LineStatus | None:
        """The line that speaks for the station, None when all are idle."""
        busy = [line for line in self.lines if line.state is not CallState.IDLE]
        if not busy:
            return None
        return min(busy, key=lambda line: _STATE_PRIORITY.index(line.state))

    @property
    def ringing(self) -> bool:
        """Whether any line rings."""
        return any(line.state is CallState.RINGING for line in self.lines)

    @property
    def in_call(self) -> bool:
        """Whether a call is connected or on hold on any line."""
        return any(line.state in _IN_CALL for line in self.lines)

    def line_for(self, operation: PhoneOperation) -> int | None:
        """The line an operation acts on by default, None if no line fits."""
        wanted = _OPERATION_LINE_STATES[PhoneOperation(operation)]
        lines = [line for line in self.lines if line.state in wanted]
        if not lines:
            return None
        return min(lines, key=lambda line: _STATE_PRIORITY.index(line.state)).line

    def line(self, number: int) -> LineStatus | None:
        """The line with this number, if the station has it."""
        return next((line for line in self.lines if line.line == number), None)


def derive_events(
    previous: Mapping[int | None, Station] | None,
    current: Mapping[int | None, Station],
    accounts: PhoneAccounts,
) -> tuple[CallEvent, ...]:
    """The call events that lead from the previous poll to this one."""
    if previous is None:
        return ()
    events: list[CallEvent] = []
    for handset, station in current.items():
        before = previous.get(handset)
        # The client hands out the same lines for an unchanged answer.
        if before is None or before.lines is station.lines:
            continue
        for line in station.lines:
            old = before.line(line.line)
            if old is None or old.state is line.state:
                continue
            if (event_type := _transition(old.state, line.state)) is None:
                continue
            # An idle line no longer names the caller or account: take them
            # from before.
            source = line if line.remote_number or line.remote_name else old
            account = accounts.identify(line.account or old.account)
            events.append(
                CallEvent(
                    event_type=event_type,
                    handset=handset,
                    line=line.line,
                    number=source.remote_number,
                    name=source.remote_name,
                    account=account.account,
                    local_number=account.local_number,
                    account_name=account.account_name,
                )
            )
    return tuple(events)


def _transition(old: CallState, new: CallState) -> CallEventType | None:
    if new is CallState.RINGING:
        return CallEventType.INCOMING
    if new is CallState.DIALING:
        return CallEventType.OUTGOING
    if new is CallState.TALKING and old in (CallState.RINGING, CallState.DIALING):
        return CallEventType.ANSWERED
    if new in (CallState.IDLE, CallState.FAILED):
        if old is CallState.RINGING:
            return CallEventType.MISSED
        if old in (CallState.TALKING, CallState.ON_HOLD, CallState.DIALING):
            return CallEventType.ENDED
    return None


class PushEvent(StrEnum):
    """What a phone's Action URL announces (the `event` of our webhook URLs)."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    MISSED = "missed"
    ESTABLISHED = "established"
    TERMINATED = "terminated"
    DND_ON = "dnd_on"
    DND_OFF = "dnd_off"
    HOLD = "hold"
    UNHOLD = "unhold"
    REGISTERED = "registered"
    UNREGISTERED = "unregistered"


# How a push moves a line: from one of these states, to that one.
_PUSH_LINE_CHANGES: Mapping[PushEvent, tuple[frozenset[CallState], CallState]] = {
    PushEvent.INCOMING: (frozenset({CallState.IDLE}), CallState.RINGING),
    PushEvent.OUTGOING: (frozenset({CallState.IDLE}), CallState.DIALING),
    PushEvent.ESTABLISHED: (
        frozenset({CallState.RINGING, CallState.DIALING}),
        CallState.TALKING,
    ),
    PushEvent.TERMINATED: (
        frozenset({CallState.TALKING, CallState.ON_HOLD, CallState.DIALING}),
        CallState.IDLE,
    ),
    PushEvent.MISSED: (frozenset({CallState.RINGING}), CallState.IDLE),
    PushEvent.HOLD: (frozenset({CallState.TALKING}), CallState.ON_HOLD),
    PushEvent.UNHOLD: (frozenset({CallState.ON_HOLD}), CallState.TALKING),
}
_PUSH_EVENT_TYPES: Mapping[PushEvent, CallEventType] = {
    PushEvent.INCOMING: CallEventType.INCOMING,
    PushEvent.OUTGOING: CallEventType.OUTGOING,
    PushEvent.ESTABLISHED: CallEventType.ANSWERED,
    PushEvent.TERMINATED: CallEventType.ENDED,
    PushEvent.MISSED: CallEventType.MISSED,
}


def apply_push(
    station: Station,
    push: PushEvent,
    number: str,
    *,
    local: str = "",
    accounts: PhoneAccounts,
) -> tuple[Station, CallEvent | None]:
    """The station as a push says it is now, and the call event it announces.

    The event does not depend on what the station shows: a ring that started
    and ended between two polls was never shown, and its `missed` still counts.
    Its account is the line's, or else the one whose number is the push's
    `$local`.
    """
    line = None
    if change := _PUSH_LINE_CHANGES.get(push):
        sources, target = change
        line = _pushed_line(station.lines, sources, target, number)
    if line is not None and line.state is not target:
        keep_remote = target is not CallState.IDLE and not number
        moved = PushedLine(
            line=line.line,
            raw_state=None,
            pushed_state=target,
            account=line.account,
            remote_number=line.remote_number if keep_remote else number,
            remote_name=line.remote_name if keep_remote else "",
            active=line.active,
            registered=line.registered,
            extra=line.extra,
        )
        lines = tuple(moved if other is line else other for other in station.lines)
        station = replace(station, lines=lines)
    if (event_type := _PUSH_EVENT_TYPES.get(push)) is None:
        return station, None
    account = accounts.identify("" if line is None else line.account, local)
    return station, CallEvent(
        event_type=event_type,
        handset=station.handset,
        line=None if line is None else line.line,
        number=number or ("" if line is None else line.remote_number),
        name="" if line is None else line.remote_name,
        account=account.account,
        local_number=account.local_number,
        account_name=account.account_name,
    )


def _pushed_line(
    lines: tuple[LineStatus, ...],
    sources: frozenset[CallState],
    target: CallState,
    number: str,
) -> LineStatus | None:
    """The line a push is about: one showing its number first, else the first.

    A line already in the announced state with the number is the push's line
    (a read came first), and stays as it is. We assume `$remote` writes a
    number as the line status does (the guide shows no difference): they are
    compared exactly, but for surrounding spaces.
    """
    number = number.strip()
    named = [line for line in lines if number and line.remote_number.strip() == number]
    if already := next((line for line in named if line.state is target), None):
        return already
    return next((line for line in (*named, *lines) if line.state in sources), None)
