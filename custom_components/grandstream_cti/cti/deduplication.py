"""One real call event, whether a push, a poll or both saw it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import time

from .calls import CallEvent, CallEventType
from .house import HouseCalls

# The events that end a ring: its line answered, or idle again.
_RING_ENDS = frozenset({CallEventType.ANSWERED, CallEventType.MISSED})


@dataclass(frozen=True, slots=True)
class _Mark:
    """A call event one source told: when, of which caller, on which line.

    An incoming mark's `at` is when its ring ended, once it has (`ended`).
    """

    at: float
    caller: str
    line: int | None
    ended: bool = False

    def same_call(self, caller: str, line: int | None) -> bool:
        """Whether an event of the other source is about this one's call.

        The caller and line only where both know them: a push that found no
        line in the state it announces names none, and one whose `$remote`
        the phone left unset names no caller.
        """
        return (not self.caller or not caller or self.caller == caller) and (
            self.line is None or line is None or self.line == line
        )


class EventDeduplicator:
    """Lets one real call event through once, whether push, poll or both saw it.

    Each event one source fires leaves a mark; the same event of the same call
    (its caller, and its line where both know it) from the other source within
    the window consumes the mark instead of firing again. Marks of other calls
    are left alone: a ring seen by the push alone does not hide another caller's
    ring that only the poll sees.

    A ring is matched by the ring, not by the window: the phone may not be
    read for minutes while it rings, and the read that then sees the ring must
    not tell it again. Its incoming mark lasts until the ring ends (either
    source's answered or missed of the call, at either source's marks), and
    WINDOW after that, for a read sent before the end and answered after it;
    a ring whose end is never told is forgotten after RING_LIMIT.

    A ring's end is matched by its ring rather than by the window: the
    phone's Missed Call push and the read that sees the line idle may be
    minutes apart (the phone could not be read meanwhile), and the second
    must not count the call again, nor turn a decline into a missed call.
    Its mark lasts until the other source tells a new ring of the caller on
    the station, at most RING_END_WINDOW.
    """

    WINDOW = 60.0
    RING_LIMIT = HouseCalls.RING_LIMIT.total_seconds()
    RING_END_WINDOW = 1800.0

    def __init__(self, number_key: Callable[[str], str]) -> None:
        """Start with no marks; callers are compared by number_key."""
        self._key = number_key
        self._marks: dict[tuple[bool, int | None, CallEventType], list[_Mark]] = {}

    def first(self, event: CallEvent, *, pushed: bool) -> bool:
        """Whether event is new; remember it either way."""
        now = time.monotonic()
        caller = self._key(event.number)
        if event.event_type is CallEventType.INCOMING:
            self._forget_ring_ends(event.handset, caller, pushed=not pushed)
        elif event.event_type in _RING_ENDS:
            self._end_rings(event.handset, caller, event.line, now)
        twin = self._marks.get((not pushed, event.handset, event.event_type), [])
        twin[:] = [mark for mark in twin if self._alive(mark, event.event_type, now)]
        if match := next(
            (mark for mark in twin if mark.same_call(caller, event.line)), None
        ):
            twin.remove(match)
            return False
        own = self._marks.setdefault((pushed, event.handset, event.event_type), [])
        own[:] = [mark for mark in own if self._alive(mark, event.event_type, now)]
        own.append(_Mark(now, caller, event.line))
        return True

    def _alive(self, mark: _Mark, event_type: CallEventType, now: float) -> bool:
        """Whether the mark may still be the twin of the other source's event."""
        if event_type is CallEventType.MISSED:
            return now - mark.at < self.RING_END_WINDOW
        if event_type is CallEventType.INCOMING and not mark.ended:
            return now - mark.at < self.RING_LIMIT
        return now - mark.at < self.WINDOW

    def _end_rings(
        self, handset: int | None, caller: str, line: int | None, now: float
    ) -> None:
        """The call's ring ended: its incoming marks, of both sources, wind down."""
        for pushed in (True, False):
            marks = self._marks.get((pushed, handset, CallEventType.INCOMING), [])
            marks[:] = [
                _Mark(now, mark.caller, mark.line, ended=True)
                if not mark.ended and mark.same_call(caller, line)
                else mark
                for mark in marks
            ]

    def _forget_ring_ends(
        self, handset: int | None, caller: str, *, pushed: bool
    ) -> None:
        """A source tells a new ring: it told the caller's earlier ring ends.

        A phone pushes in order, and a read shows the lines as they are now:
        an end it has not told by now it never will (a Missed Call push the
        phone did not send), and the mark the other source left of it would
        take the new ring's end for its twin.
        """
        marks = self._marks.get((pushed, handset, CallEventType.MISSED), [])
        marks[:] = [mark for mark in marks if not mark.same_call(caller, None)]
