"""One real call event, whether a push, a poll or both saw it."""

from __future__ import annotations

import time

from .calls import CallEvent, CallEventType


class EventDeduplicator:
    """Lets one real call event through once, whether push, poll or both saw it.

    Each event one source fires leaves a mark; the same event from the other
    source within the window consumes the mark instead of firing again.
    """

    WINDOW = 60.0

    def __init__(self) -> None:
        """Start with no marks."""
        self._marks: dict[tuple[bool, int | None, CallEventType], list[float]] = {}

    def first(self, event: CallEvent, *, pushed: bool) -> bool:
        """Whether event is new; remember it either way."""
        now = time.monotonic()
        twin = self._marks.get((not pushed, event.handset, event.event_type), [])
        twin[:] = [mark for mark in twin if now - mark < self.WINDOW]
        if twin:
            twin.pop(0)
            return False
        own = self._marks.setdefault((pushed, event.handset, event.event_type), [])
        own[:] = [mark for mark in own if now - mark < self.WINDOW]
        own.append(now)
        return True
