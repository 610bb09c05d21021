"""The phone's own clock: waits that end by the wall clock, not the event loop's.

A phone is a device of its own: its reboot, a slow answer or a push it gives up
on takes as long as it takes, whatever a test does to the clock of the code
under test. Home Assistant's tests freeze the event loop's clock (the freezer
fixture) and run every timer due within the time they move it by
(async_fire_time_changed): a wait on the loop's timers would then never end, or
end early. So each wait here is kept by a thread of its own, which wakes the
loop when the time is up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
import contextlib
import threading
from typing import Any


def _wake(woken: asyncio.Future[None]) -> None:
    if not woken.done():
        woken.set_result(None)


class WallClock:
    """Sleeps by the wall clock; every sleep under way ends at once on interrupt()."""

    def __init__(self) -> None:
        """No sleep under way."""
        self._sleeping: set[threading.Event] = set()

    async def sleep(self, seconds: float) -> None:
        """Wait seconds of wall-clock time (less if interrupted)."""
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        stop = threading.Event()

        def wait() -> None:
            stop.wait(seconds)
            # The loop is still running: the sleep joins this thread before it
            # returns; only a loop torn down around a forgotten task is closed.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_wake, woken)

        thread = threading.Thread(target=wait, name="simulator clock", daemon=True)
        self._sleeping.add(stop)
        thread.start()
        try:
            await woken
        finally:
            self._sleeping.discard(stop)
            stop.set()
            thread.join()

    async def within[T](self, seconds: float, work: Coroutine[Any, Any, T]) -> T:
        """The result of work; TimeoutError (and work cancelled) after seconds."""
        task = asyncio.ensure_future(work)
        timer = asyncio.ensure_future(self.sleep(seconds))
        try:
            await asyncio.wait((task, timer), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pending in (task, timer):
                pending.cancel()
            await asyncio.gather(task, timer, return_exceptions=True)
        if task.cancelled():
            raise TimeoutError
        return task.result()

    def interrupt(self) -> None:
        """End every sleep under way now."""
        for stop in self._sleeping:
            stop.set()
