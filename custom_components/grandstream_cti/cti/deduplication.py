"""One real call event, whether a push, a poll or both saw it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import time

from .calls import CallEvent, CallEventType


@dataclass(frozen=True, slots=True)
class _Mark:
    """A call event one source told: when, of which caller, on which line."""

    at: float
    caller: str
    line: int | None

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
    """

    WINDOW = 60.0

    def __init__(self, number_key: Callable[[str], str]) -> None:
        """Start with no marks; callers are compared by number_key."""
        self._key = number_key
        self._marks: dict[tuple[bool, int | None, CallEventType], list[_Mark]] = {}

    def first(self, event: CallEvent, *, pushed: bool) -> bool:
        """Whether event is new; remember it either way."""
        now = time.monotonic()
        caller = self._key(event.number)
        twin = self._marks.get((not pushed, event.handset, event.event_type), [])
        twin[:] = [mark for mark in twin if now - mark.at < self.WINDOW]
        if match := next(
            (mark for mark in twin if mark.same_call(caller, event.line)), None
        ):
            twin.remove(match)
            return False
        own = self._marks.setdefault((pushed, event.handset, event.event_type), [])
        own[:] = [mark for mark in own if now - mark.at < self.WINDOW]
        own.append(_Mark(now, caller, event.line))
        return True
