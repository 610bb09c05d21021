"""Which fault, if any, the next request meets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
import time
from typing import Any

from .const import FaultMode


@dataclass
class FaultState:
    """The current fault: its mode, how many requests or how long it lasts."""

    mode: FaultMode = FaultMode.NONE
    count: int | None = None
    delay: float = 5.0
    until: float | None = None
    hits: int = 0
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    @property
    def active(self) -> FaultMode:
        """The mode in force now (NONE once a duration has run out)."""
        if self.until is not None and self.clock() >= self.until:
            self.clear()
        return self.mode

    def set(
        self,
        mode: FaultMode | str,
        *,
        count: int | None = None,
        delay: float | None = None,
        duration: float | None = None,
    ) -> None:
        """Apply mode to the next count requests (None: all) or for duration s."""
        self.mode = FaultMode(mode)
        self.count = count
        if delay is not None:
            self.delay = delay
        self.until = None if duration is None else self.clock() + duration
        self.hits = 0

    def clear(self) -> None:
        """Back to a good day."""
        self.mode = FaultMode.NONE
        self.count = None
        self.until = None

    def take(self) -> FaultMode:
        """The fault for the request arriving now; counts it down."""
        mode = self.active
        if mode is FaultMode.NONE:
            return mode
        self.hits += 1
        if self.count is not None:
            self.count -= 1
            if self.count <= 0:
                self.clear()
        return mode

    def to_dict(self) -> dict[str, Any]:
        """Snapshot for the control API."""
        return {
            "mode": str(self.active),
            "count": self.count,
            "delay": self.delay,
            "hits": self.hits,
        }
