"""A device at a phone's address that answers as no phone should.

Phone A's simulator steps aside and tests/hostile_phone.py, in a process of
its own, answers on A's port; phone B stays healthy. The time-out here is the
client's real one: the loop's clock is not frozen in this module.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import contextlib
import logging
import os
from pathlib import Path
import subprocess
import sys
import time

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import REQUEST_TIMEOUT
from simulator.device import SimulatedPhone
from tests.benchmarks.scale import StallMonitor
from tests.conftest import setup_entry
from tests.hostile_phone import CASES

# Limits on behaviour, far from what a healthy client comes near on a busy
# machine: a poll ends by its time-out, a loop turn takes milliseconds. A
# turn is measured in the loop thread's CPU time: on a busy machine, the
# other processes' share of the core is no turn of this loop.
POLL_LIMIT = REQUEST_TIMEOUT + 2
LOOP_TURN_LIMIT = 0.25
MEMORY_GROWTH_LIMIT = 50 * 2**20


@contextlib.asynccontextmanager
async def hostile_phone(case: str, port: int) -> AsyncIterator[None]:
    """The hostile device answering on port until the block ends."""
    process = await asyncio.create_subprocess_exec(
        "nice", "-n", "19", sys.executable, "-m", "tests.hostile_phone", case,
        str(port),
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert int(await process.stdout.readline()) == port
        yield
    finally:
        process.kill()
        await process.wait()


def resident_bytes() -> int:
    """This process's resident memory."""
    statm = Path("/proc/self/statm").read_text(encoding="ascii")
    return int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def keep_polling(entry: MockConfigEntry, successes: list[bool]) -> None:
    """Poll a phone again and again, noting each outcome."""
    coordinator = entry.runtime_data
    while True:
        await coordinator.async_refresh()
        successes.append(coordinator.last_update_success)
        await asyncio.sleep(0.2)


@pytest.mark.parametrize("case", sorted(CASES))
async def test_hostile_phone(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    dp_entry: MockConfigEntry,
    *,
    caplog: pytest.LogCaptureFixture,
    case: str,
) -> None:
    """Each poll ends in time, the loop turns, memory holds, B keeps updating."""
    await setup_entry(hass, gxp_entry)
    await setup_entry(hass, dp_entry)
    hostile = gxp_entry.runtime_data
    await gxp_phone.set_fault("connection_refused")
    turns = StallMonitor()
    healthy: list[bool] = []
    caplog.clear()
    caplog.set_level(logging.WARNING)
    memory_before = resident_bytes()
    async with (
        hostile_phone(case, gxp_phone.port),
        asyncio.TaskGroup() as background,
    ):
        turns.start()
        polling = background.create_task(keep_polling(dp_entry, healthy))
        # Polls go on for a second at least: a device refused at once must
        # not end the test before phone B has been polled.
        durations: list[float] = []
        began = time.monotonic()
        while len(durations) < 2 or time.monotonic() - began < 1:
            started = time.monotonic()
            await hostile.async_refresh()
            durations.append(time.monotonic() - started)
            assert not hostile.last_update_success
            await asyncio.sleep(0.1)
        longest_turn = turns.reset()
        await turns.stop()
        polling.cancel()
    memory_growth = resident_bytes() - memory_before

    assert max(durations) < POLL_LIMIT, durations
    assert longest_turn.busy < LOOP_TURN_LIMIT, longest_turn
    assert memory_growth < MEMORY_GROWTH_LIMIT
    assert len(healthy) >= 2
    assert all(healthy)
    outage = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(outage) == 1, [record.getMessage() for record in outage]
    assert outage[0].exc_info is None
    assert "Traceback" not in caplog.text

    await gxp_phone.clear_fault()
    await hostile.async_refresh()
    assert hostile.last_update_success
