"""When a DP base's accounts and handset slots are read again.

A slot whose last read showed it in use (an active account, a paired handset)
is read at every slow refresh; one that showed it dormant, less often: on a
typical base most of the ten accounts and five slots stay unused for months,
and each read of them costs a request that answers the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta

from .const import DORMANT_POLL_INTERVAL, SLOW_POLL_INTERVAL


class ReadSchedule:
    """Which slots are due for a read at a given monotonic time, in seconds."""

    def __init__(
        self,
        slots: Iterable[int],
        *,
        live_interval: timedelta = SLOW_POLL_INTERVAL,
        dormant_interval: timedelta = DORMANT_POLL_INTERVAL,
    ) -> None:
        """Every slot due at once: nothing has been read yet."""
        self._live_interval = live_interval.total_seconds()
        self._dormant_interval = dormant_interval.total_seconds()
        self._next_read = dict.fromkeys(slots, 0.0)

    def due(self, now: float) -> list[int]:
        """The slots to read at now, in slot order."""
        return [slot for slot, at in self._next_read.items() if at <= now]

    def read(self, now: float, live: Mapping[int, bool]) -> None:
        """The slots of live were read at now; each showed it in use, or not."""
        for slot, in_use in live.items():
            interval = self._live_interval if in_use else self._dormant_interval
            self._next_read[slot] = now + interval

    def read_all_next(self) -> None:
        """Make every slot due, dormant ones too: something may have changed."""
        self._next_read = dict.fromkeys(self._next_read, 0.0)
