"""Scale: many phones in one Home Assistant, the integration against `rest` sensors.

Not part of scripts/test: run scripts/bench_scale (its options set the BENCH_*
variables). The simulated phones, BENCH_PHONES of them (default 100), of which
the share BENCH_GXP_SHARE (default 0.5) are GXP and the rest DP750 with handsets
1 and 2 paired, run in a process per family, so that only Home Assistant's
work is counted. The same phones are polled for BENCH_SECONDS (default 60) at
the default interval, twice in one run:

- the integration: one config entry per phone;
- what users build today: Home Assistant's `rest` integration with one resource
  per endpoint the integration reads, at the same intervals (5 s; 60 s for
  pairing and registration), template sensors on the answers, and `rest_command`s.

CPU is the process's (every thread) during the window, less what an idle window
of the same length costs. The stall is the longest turn of the event loop (what
a timer due in it waits), in event-loop thread CPU time (what is asserted) and in
wall-clock time, which on a shared machine also counts other processes' turns. The memory is what
tracemalloc finds still allocated after setup and a first poll cycle. The phones
count the requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
import cProfile
from dataclasses import dataclass, field
from datetime import timedelta
import gc
import importlib
import os
import statistics
import time
import tracemalloc
from typing import Any

import aiohttp
from homeassistant.components.rest.const import COORDINATOR, DOMAIN as REST
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, flush_store

from custom_components.grandstream_cti import PLATFORMS
from custom_components.grandstream_cti.const import (
    CONF_FAMILY,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
    SLOW_POLL_INTERVAL,
)

from ..conftest import PASSCODE
from . import options
from .scale import (
    GcWatch,
    Phone,
    SimulatorProcess,
    Stall,
    StallMonitor,
    count_requests,
    drop_connections,
    memory_tables,
    profile_tables,
    rest_config,
    simulator_processes,
)

pytestmark = pytest.mark.skipif(
    not os.environ.get("GRANDSTREAM_BENCH"), reason="benchmark: run scripts/bench_scale"
)
PHONES = options.count("BENCH_PHONES", 100)
GXP_SHARE = options.share("BENCH_GXP_SHARE", 0.5)
SECONDS = options.seconds("BENCH_SECONDS", 60.0)
# Windows of each way, alternated: integration then rest, rest then integration...
ROUNDS = options.count("BENCH_ROUNDS", 1)
IDLE_SECONDS = options.seconds("BENCH_IDLE_SECONDS", 10.0)
# With a number: the window of each way runs under cProfile (which slows it, so
# the CPU of such a run is no figure), and this many top functions are printed.
PROFILE_TOP = options.count("BENCH_PROFILE", 0, low=0)
# With a number: where each way's memory went, this many places of each kind.
MEMORY_TOP = options.count("BENCH_MEMORY_TOP", 0, low=0)
# After setup: one poll cycle (and a second), so that every timer runs.
WARMUP_SECONDS = DEFAULT_POLL_INTERVAL + 1
MAX_STALL = 0.05


@pytest.fixture
def phones() -> Iterator[tuple[list[Phone], list[SimulatorProcess]]]:
    """GXP and DP750 phones, each family in a simulator process of its own."""
    counts = options.split_families(PHONES, GXP_SHARE)
    macs = {"gxp": "000B82100000", "dp": "000B82200000"}
    with simulator_processes(counts, PASSCODE, macs) as processes:
        yield (
            [
                Phone(process.family, index, host)
                for process in processes
                for index, host in enumerate(process.hosts)
            ],
            processes,
        )


@dataclass(frozen=True, slots=True)
class Window:
    """What one way of polling the phones cost during one window."""

    cpu: float  # process CPU seconds, the idle cost subtracted
    raw_cpu: float  # process CPU seconds
    simulator_cpu: float
    stall: Stall
    collection: float  # longest garbage collection
    requests: int


def _refresh(hass: HomeAssistant, coordinator: DataUpdateCoordinator[Any]) -> None:
    """Refresh now; the coordinator schedules its next refresh after it."""
    hass.async_create_background_task(coordinator.async_refresh(), "bench refresh")


@dataclass(slots=True)
class Way:
    """One way of polling the phones: set up once, measured in its windows."""

    coordinators: list[DataUpdateCoordinator[Any]]
    teardown: Callable[[], Awaitable[None]]
    memory: int  # bytes still allocated after setup and a first poll
    entities: int
    details: list[str]  # where the memory went and the profile, when asked for
    profile: cProfile.Profile | None
    windows: list[Window] = field(default_factory=list)
    # Per coordinator while paused: its interval, and how long its next
    # refresh had still to wait.
    paused: list[tuple[timedelta | None, float]] = field(default_factory=list)

    # The timers of resume that start each coordinator's first refresh.
    starts: list[asyncio.TimerHandle] = field(default_factory=list)

    def pause(self, hass: HomeAssistant) -> None:
        """Stop polling; a refresh under way schedules no next one."""
        now = hass.loop.time()
        waits = [0.0] * len(self.coordinators)
        for index, coordinator in enumerate(self.coordinators):
            # The next refresh's timer (its cancel is what the coordinator keeps).
            if (timer := getattr(coordinator._unsub_refresh, "__self__", None)) is None:
                continue
            waits[index] = max(timer.when() - now, 0.0)
        for index, start in enumerate(self.starts):
            if start.when() > now:  # not started yet
                waits[index] = start.when() - now
            start.cancel()
        self.paused = []
        for coordinator, wait in zip(self.coordinators, waits, strict=True):
            self.paused.append((coordinator.update_interval, wait))
            coordinator.update_interval = None
            coordinator._unschedule_refresh()

    def resume(self, hass: HomeAssistant) -> None:
        """Poll again, each coordinator after the wait it had left when paused.

        So the phones poll as spread over the interval as before the pause,
        not all at once, and a 60 s read falls once in each 60 s window.
        """
        self.starts = []
        for coordinator, (interval, wait) in zip(
            self.coordinators, self.paused, strict=True
        ):
            coordinator.update_interval = interval
            self.starts.append(hass.loop.call_later(wait, _refresh, hass, coordinator))

    def total(self) -> Window:
        """The windows of all rounds as one."""
        return Window(
            cpu=sum(window.cpu for window in self.windows),
            raw_cpu=sum(window.raw_cpu for window in self.windows),
            simulator_cpu=sum(window.simulator_cpu for window in self.windows),
            stall=max(
                (window.stall for window in self.windows), key=lambda stall: stall.busy
            ),
            collection=max(window.collection for window in self.windows),
            requests=sum(window.requests for window in self.windows),
        )


class Bench:
    """Runs both ways against the same phones and the same idle cost."""

    def __init__(
        self,
        hass: HomeAssistant,
        phones: list[Phone],
        processes: list[SimulatorProcess],
        session: aiohttp.ClientSession,
    ) -> None:
        """Nothing measured yet."""
        self.hass = hass
        self.phones = phones
        self.processes = processes
        self.session = session
        self.monitor = StallMonitor()
        self.collections = GcWatch()
        self.idle_rate = 0.0
        self.idle_stall = Stall(0.0, 0.0)

    async def _settle(self) -> None:
        """Collect garbage, then forget the stall that collecting was."""
        gc.collect()
        await asyncio.sleep(0.1)
        self.monitor.reset()
        self.collections.reset()

    def _simulator_cpu(self) -> float:
        return sum(process.cpu_seconds() for process in self.processes)

    async def measure_idle(self) -> None:
        """CPU per second of this process with nothing to poll."""
        await self._settle()
        started = time.process_time()
        await asyncio.sleep(IDLE_SECONDS)
        self.idle_rate = (time.process_time() - started) / IDLE_SECONDS
        self.idle_stall = self.monitor.reset()

    async def set_up(
        self,
        setup: Callable[[], Awaitable[list[DataUpdateCoordinator[Any]]]],
        teardown: Callable[[], Awaitable[None]],
    ) -> Way:
        """Set up a way (memory traced) and let it poll once; then pause it."""
        hass = self.hass
        entities_before = len(hass.states.async_all())
        details: list[str] = []
        gc.collect()
        tracemalloc.start(25 if MEMORY_TOP else 1)
        try:
            coordinators = await setup()
            await hass.async_block_till_done()
            await asyncio.sleep(WARMUP_SECONDS)
            gc.collect()
            memory = tracemalloc.get_traced_memory()[0]
            if MEMORY_TOP:
                snapshot = tracemalloc.take_snapshot()
                details += memory_tables(snapshot, len(self.phones), MEMORY_TOP)
        finally:
            tracemalloc.stop()
        entities = len(hass.states.async_all()) - entities_before
        # Setup left registry writes for later. Home Assistant serializes them in
        # its executor; the test harness in the event loop, which is no polling.
        for store in (
            er.async_get(hass)._store,
            dr.async_get(hass)._store,
            hass.config_entries._store,
        ):
            await flush_store(store)
        way = Way(
            coordinators=coordinators,
            teardown=teardown,
            memory=memory,
            entities=entities,
            details=details,
            profile=cProfile.Profile() if PROFILE_TOP else None,
        )
        await self.pause(way)
        return way

    async def pause(self, way: Way) -> None:
        """Pause the way, and close the connections it kept to the phones."""
        way.pause(self.hass)
        await self.hass.async_block_till_done()
        await drop_connections(self.session, [phone.host for phone in self.phones])

    async def measure(self, way: Way) -> None:
        """One window of the way polling alone, after a poll cycle to warm up."""
        way.resume(self.hass)
        await asyncio.sleep(WARMUP_SECONDS)
        await self._settle()
        simulator_cpu = self._simulator_cpu()
        wall = time.time()
        cpu = time.process_time()
        if way.profile is not None:
            way.profile.enable()
        try:
            await asyncio.sleep(SECONDS)
        finally:
            if way.profile is not None:
                way.profile.disable()
        cpu = time.process_time() - cpu
        end = time.time()
        stall = self.monitor.reset()
        collection = self.collections.reset()
        simulator_cpu = self._simulator_cpu() - simulator_cpu
        await self.pause(way)
        way.windows.append(
            Window(
                cpu=cpu - self.idle_rate * SECONDS,
                raw_cpu=cpu,
                simulator_cpu=simulator_cpu,
                stall=stall,
                collection=collection,
                requests=await count_requests(
                    self.session, [phone.host for phone in self.phones], wall, end
                ),
            )
        )


def _entries(phones: list[Phone]) -> list[MockConfigEntry]:
    return [
        MockConfigEntry(
            domain=DOMAIN,
            title=f"{phone.family.upper()} {phone.index}",
            entry_id=f"{phone.family}_{phone.index}",
            data={
                CONF_HOST: phone.host,
                CONF_PASSWORD: PASSCODE,
                CONF_SSL: False,
                CONF_VERIFY_SSL: False,
                CONF_FAMILY: phone.family,
            },
        )
        for phone in phones
    ]


def _row(name: str, ours: float, rest: float, digits: int) -> str:
    ratio = f"{ours / rest:.2f}" if rest else "-"
    return f"| {name} | {ours:.{digits}f} | {rest:.{digits}f} | {ratio} |"


def _table(ways: dict[str, Way], phones: int) -> list[str]:
    cycles = ROUNDS * SECONDS / DEFAULT_POLL_INTERVAL
    ours, rest = ways["integration"].total(), ways["rest"].total()

    def per(value: float) -> float:
        return value / cycles / phones

    return [
        "| metric | integration | rest baseline | integration / rest |",
        "|---|---:|---:|---:|",
        _row(
            "CPU per poll cycle per phone (ms)",
            per(ours.cpu) * 1000,
            per(rest.cpu) * 1000,
            3,
        ),
        _row(
            "requests per poll cycle per phone",
            per(ours.requests),
            per(rest.requests),
            2,
        ),
        _row(
            "CPU per request (ms)",
            ours.cpu / ours.requests * 1000,
            rest.cpu / rest.requests * 1000,
            3,
        ),
        _row(
            "longest event-loop stall, loop thread busy (ms)",
            ours.stall.busy * 1000,
            rest.stall.busy * 1000,
            1,
        ),
        _row(
            "longest event-loop stall, wall clock (ms)",
            ours.stall.wall * 1000,
            rest.stall.wall * 1000,
            1,
        ),
        _row(
            "longest garbage collection (ms)",
            ours.collection * 1000,
            rest.collection * 1000,
            1,
        ),
        _row(
            "memory per phone (KiB)",
            ways["integration"].memory / phones / 1024,
            ways["rest"].memory / phones / 1024,
            1,
        ),
        _row(
            "entities per phone",
            ways["integration"].entities / phones,
            ways["rest"].entities / phones,
            1,
        ),
        _row(
            f"process CPU in the {ROUNDS} window(s) of {SECONDS:g} s (s, idle included)",
            ours.raw_cpu,
            rest.raw_cpu,
            2,
        ),
        _row(
            "simulator processes' CPU in the windows (s)",
            ours.simulator_cpu,
            rest.simulator_cpu,
            2,
        ),
    ]


def _rounds(ways: dict[str, Way]) -> str:
    """The CPU ratio of each round, and their median."""
    ratios = [
        ours.cpu / rest.cpu
        for ours, rest in zip(
            ways["integration"].windows, ways["rest"].windows, strict=True
        )
    ]
    return (
        "CPU integration / rest, round by round: "
        + ", ".join(f"{ratio:.2f}" for ratio in ratios)
        + f"; median {statistics.median(ratios):.2f}"
    )


async def test_bench_scale(
    hass: HomeAssistant, phones: tuple[list[Phone], list[SimulatorProcess]]
) -> None:
    phone_list, processes = phones
    # Load the code of both ways before anything is measured.
    for module in (
        *(f"custom_components.grandstream_cti.{platform}" for platform in PLATFORMS),
        "homeassistant.components.rest.sensor",
        "homeassistant.components.rest.binary_sensor",
        "homeassistant.components.rest_command",
    ):
        await hass.async_add_executor_job(importlib.import_module, module)
    for domain in (DOMAIN, *PLATFORMS):
        assert await async_setup_component(hass, domain, {})

    session = aiohttp.ClientSession()
    bench = Bench(hass, phone_list, processes, session)
    bench.monitor.start()
    bench.collections.start()
    entries = _entries(phone_list)
    ways: dict[str, Way] = {}
    try:
        await bench.measure_idle()

        async def setup_entries() -> list[DataUpdateCoordinator[Any]]:
            for entry in entries:
                entry.add_to_hass(hass)
            # As at Home Assistant's start: every entry at once.
            await asyncio.gather(
                *(hass.config_entries.async_setup(entry.entry_id) for entry in entries)
            )
            assert all(entry.state is ConfigEntryState.LOADED for entry in entries)
            return [entry.runtime_data for entry in entries]

        async def unload_entries() -> None:
            await asyncio.gather(
                *(hass.config_entries.async_unload(entry.entry_id) for entry in entries)
            )

        ways["integration"] = await bench.set_up(setup_entries, unload_entries)

        resources, commands = rest_config(
            phone_list,
            PASSCODE,
            DEFAULT_POLL_INTERVAL,
            int(SLOW_POLL_INTERVAL.total_seconds()),
        )

        async def setup_rest() -> list[DataUpdateCoordinator[Any]]:
            assert await async_setup_component(hass, "rest", {"rest": resources})
            assert await async_setup_component(
                hass, "rest_command", {"rest_command": commands}
            )
            coordinators: list[DataUpdateCoordinator[Any]] = hass.data[REST][
                COORDINATOR
            ]
            return coordinators

        async def stop_rest() -> None:
            # A refresh still under way when its coordinator shuts down schedules
            # the next one as it ends: shut down again once it has.
            for _ in range(2):
                for coordinator in hass.data[REST][COORDINATOR]:
                    await coordinator.async_shutdown()
                await hass.async_block_till_done()
                await asyncio.sleep(1)

        ways["rest"] = await bench.set_up(setup_rest, stop_rest)
        # Alternated, each way first in every other round: what drifts on a
        # shared machine (its other load, its clock speed) weighs on both.
        for round_number in range(ROUNDS):
            order = (
                ("integration", "rest")
                if round_number % 2 == 0
                else ("rest", "integration")
            )
            for name in order:
                await bench.measure(ways[name])
        for way in ways.values():
            await way.teardown()
            await hass.async_block_till_done()
    finally:
        await bench.monitor.stop()
        bench.collections.stop()
        await session.close()

    gxp = sum(1 for phone in phone_list if phone.family == "gxp")
    print()
    print(
        f"{len(phone_list)} phones ({gxp} GXP, {len(phone_list) - gxp} DP750 with "
        f"2 handsets), polled every {DEFAULT_POLL_INTERVAL} s in {ROUNDS} window(s) "
        f"of {SECONDS:g} s each way; idle cost {bench.idle_rate * 1000:.1f} ms CPU "
        f"per s subtracted, idle stall {bench.idle_stall.busy * 1000:.1f} ms busy, "
        f"{bench.idle_stall.wall * 1000:.1f} ms wall clock"
    )
    print("\n".join(_table(ways, len(phone_list))))
    print(_rounds(ways))
    for name, way in ways.items():
        details = list(way.details)
        if way.profile is not None:
            details += profile_tables(way.profile, PROFILE_TOP)
        if details:
            print(f"\n{name}:", *details, sep="\n")
    ours, rest = ways["integration"].total(), ways["rest"].total()
    assert ours.stall.busy < MAX_STALL
    assert ours.cpu < rest.cpu
