"""Helpers of the scale benchmark: simulator processes, loop stalls, rest config."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
import contextlib
import cProfile
from dataclasses import dataclass
import gc
import os
from pathlib import Path
import pstats
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from typing import IO, Any, Self
from urllib.parse import quote

import aiohttp

ROOT = Path(__file__).parents[2]
_URL = re.compile(r" \(\w+\) (http://127\.0\.0\.1:\d+)  passcode=")
_TICKS = os.sysconf("SC_CLK_TCK")


class SimulatorProcess:
    """`python -m simulator` with count phones in a process of its own."""

    def __init__(
        self, family: str, count: int, passcode: str, mac: str, log: IO[str]
    ) -> None:
        """Start the process; its output (one line per phone) goes to log."""
        self.family = family
        self.count = count
        self._log = log
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "simulator",
                "--family",
                family,
                "--count",
                str(count),
                "--passcode",
                passcode,
                "--mac",
                mac,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.urls: list[str] = []

    def wait_until_listening(self, timeout: float = 60) -> Self:
        """Wait until every phone printed its URL (they listen by then)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._log.flush()
            text = Path(self._log.name).read_text(encoding="utf-8")
            self.urls = [
                m.group(1)
                for m in _URL.finditer(text)
                if f"({self.family})" in m.group(0)
            ]
            if len(self.urls) >= self.count:
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"simulator exited:\n{text}")
            time.sleep(0.1)
        raise TimeoutError(f"{self.family} simulator did not start")

    @property
    def hosts(self) -> list[str]:
        """host:port of each phone."""
        return [url.removeprefix("http://") for url in self.urls]

    def cpu_seconds(self) -> float:
        """User + system CPU the process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1]
        utime, stime = fields.split()[11:13]
        return (int(utime) + int(stime)) / _TICKS

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL)."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


async def count_requests(
    session: aiohttp.ClientSession, hosts: list[str], start: float, end: float
) -> int:
    """CTI requests the phones received between start and end (time.time())."""

    async def one(host: str) -> int:
        async with session.get(f"http://{host}/sim/requests") as response:
            records: list[dict[str, Any]] = await response.json()
        return sum(1 for record in records if start <= record["time"] < end)

    return sum(await asyncio.gather(*(one(host) for host in hosts)))


async def drop_connections(session: aiohttp.ClientSession, hosts: list[str]) -> None:
    """Have every phone close the connections kept alive to it.

    A paused way's kept connections would otherwise be closed in the next
    way's window (aiohttp closes its pool's idle ones after 15 s, hundreds
    in one turn of the loop), charging that way with the other's cost.
    """

    async def one(host: str) -> None:
        async with session.post(f"http://{host}/sim/drop_connections") as response:
            response.raise_for_status()

    await asyncio.gather(*(one(host) for host in hosts))


@contextlib.contextmanager
def simulator_processes(
    counts: Mapping[str, int], passcode: str, macs: Mapping[str, str]
) -> Iterator[list[SimulatorProcess]]:
    """Each family's phones in a simulator process of its own, listening; stopped after.

    macs gives each family the first MAC of its phones.
    """
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        processes: list[SimulatorProcess] = []
        for family, mac in macs.items():
            if not (count := counts[family]):
                continue
            log = stack.enter_context(
                Path(tmp, f"{family}.log").open("w", encoding="utf-8")
            )
            process = SimulatorProcess(family, count, passcode, mac, log)
            stack.callback(process.stop)
            processes.append(process)
        for process in processes:
            process.wait_until_listening()
        yield processes


@dataclass(frozen=True, slots=True)
class Stall:
    """The longest turn of the event loop: how long a timer due in it waited."""

    # Wall clock, the wait for sockets left out: also counts the time the OS
    # gave the CPU to other processes (on a shared machine).
    wall: float
    # Event-loop thread CPU time: only what ran in the loop (a blocking sleep
    # or read would not count here).
    busy: float


class StallMonitor:
    """Records the longest time one turn of the event loop held it.

    A turn runs every callback that is ready; a timer due during it waits
    until it ends, so the longest turn is the longest stall. Measured by
    wrapping the loop's turn and its wait for sockets, with no timer of its
    own: waking every few milliseconds to look would cost more CPU than some
    ways of polling, and that cost would be part of every window.
    """

    def __init__(self) -> None:
        """Not watching until start()."""
        self._wall = 0.0
        self._busy = 0.0
        self._waited = 0.0
        self._undo: list[Callable[[], None]] = []

    def start(self) -> None:
        """Start watching the running loop."""
        loop = asyncio.get_running_loop()
        selector = loop._selector  # type: ignore[attr-defined]
        run_once, select = loop._run_once, selector.select  # type: ignore[attr-defined]

        def timed_select(timeout: float | None = None) -> Any:
            started = time.perf_counter()
            try:
                return select(timeout)
            finally:
                self._waited += time.perf_counter() - started

        def timed_run_once() -> None:
            # The wait for sockets is no stall: it is left out of wall clock,
            # and blocked in it the thread uses no CPU.
            self._waited = 0.0
            wall, busy = time.perf_counter(), time.thread_time()
            run_once()
            self._busy = max(self._busy, time.thread_time() - busy)
            self._wall = max(self._wall, time.perf_counter() - wall - self._waited)

        loop._run_once = timed_run_once  # type: ignore[attr-defined]
        selector.select = timed_select
        self._undo = [
            lambda: delattr(loop, "_run_once"),
            lambda: delattr(selector, "select"),
        ]

    def reset(self) -> Stall:
        """The longest turn since the last reset."""
        stall = Stall(self._wall, self._busy)
        self._wall = self._busy = 0.0
        return stall

    async def stop(self) -> None:
        """Stop watching."""
        for undo in self._undo:
            undo()
        self._undo = []


class GcWatch:
    """Records the longest garbage collection."""

    def __init__(self) -> None:
        """Not watching until start()."""
        self.worst = 0.0
        self._started = 0.0

    def start(self) -> None:
        """Watch every collection."""
        gc.callbacks.append(self._callback)

    def stop(self) -> None:
        """Stop watching."""
        gc.callbacks.remove(self._callback)

    def reset(self) -> float:
        """The longest collection since the last reset."""
        worst, self.worst = self.worst, 0.0
        return worst

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.worst = max(self.worst, time.perf_counter() - self._started)


def _short(path: str) -> str:
    """A source path from its package on (`aiohttp/client.py`)."""
    for marker in ("site-packages/", f"{ROOT}/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def profile_tables(profile: cProfile.Profile, top: int) -> list[str]:
    """The top functions of a profile, by own time and by cumulative time."""
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    lines: list[str] = []
    for title, column in (("own time", 2), ("cumulative time", 3)):
        lines += [
            "",
            f"Top {top} by {title}:",
            "| function | calls | own s | cumulative s |",
            "|---|---:|---:|---:|",
        ]
        ranked = sorted(stats.items(), key=lambda item: item[1][column], reverse=True)
        for (path, line, name), (_, calls, own, cumulative, _) in ranked[:top]:
            where = f"{_short(path)}:{line}" if line else path
            lines.append(
                f"| `{name}` {where} | {calls} | {own:.3f} | {cumulative:.3f} |"
            )
    return lines


# Where a way's own code starts, for telling what it caused from what it called.
_OWN_CODE = ("custom_components/", "homeassistant/components/")


def memory_tables(snapshot: tracemalloc.Snapshot, phones: int, top: int) -> list[str]:
    """Memory per phone still allocated: by the file and by the line that
    allocated it, and by the nearest frame of an integration's own code (ours,
    rest's, template's).
    """
    by_file: Counter[str] = Counter()
    by_line: Counter[str] = Counter()
    by_own: Counter[str] = Counter()
    for trace in snapshot.traces:
        frames = list(trace.traceback)  # oldest first
        by_file[_short(frames[-1].filename)] += trace.size
        by_line[f"{_short(frames[-1].filename)}:{frames[-1].lineno}"] += trace.size
        own = next(
            (
                f"{_short(frame.filename)}:{frame.lineno}"
                for frame in reversed(frames)
                if any(marker in frame.filename for marker in _OWN_CODE)
            ),
            "(no integration's frame)",
        )
        by_own[own] += trace.size
    lines: list[str] = []
    for title, counter in (
        ("the file that allocated it", by_file),
        ("the line that allocated it", by_line),
        ("the nearest frame of an integration", by_own),
    ):
        lines += [
            "",
            f"Memory per phone by {title}:",
            "| where | KiB per phone |",
            "|---|---:|",
        ]
        lines += [
            f"| {where} | {size / phones / 1024:.1f} |"
            for where, size in counter.most_common(top)
        ]
    return lines


@dataclass(frozen=True, slots=True)
class Phone:
    """One simulated phone as the benchmark sees it."""

    family: str
    index: int
    host: str


def _cti(phone: Phone, passcode: str, function: str, **params: int | str) -> str:
    """A CTI URL with the passcode in it, as a user would paste it."""
    query = "&".join(
        f"{key}={quote(str(value), safe='')}"
        for key, value in {"passcode": passcode, **params}.items()
    )
    return f"http://{phone.host}/cgi-bin/{function}?{query}"


def _any(lines: str, attribute: str, *states: str) -> str:
    """Template: whether the attribute of any of lines is one of states."""
    return (
        f"{{{{ {lines} | selectattr('{attribute}', 'in', {list(states)}) "
        "| list | count > 0 }}"
    )


def rest_config(
    phones: list[Phone], passcode: str, fast: int, slow: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """`rest:` resources and `rest_command:` commands for what the integration reads.

    One resource per endpoint and phone (per handset for a DP750), at the
    integration's intervals: line and phone status every `fast` seconds,
    pairing and registration every `slow` seconds. The sensors are the ones a
    user would template out of the answers to stand in for ours.
    """
    resources: list[dict[str, Any]] = []
    commands: dict[str, Any] = {}
    for phone in phones:
        name = f"{phone.family} {phone.index}"
        slug = f"{phone.family}_{phone.index}"
        if phone.family == "gxp":
            lines = "value_json.body"
            resources += [
                {
                    "resource": _cti(phone, passcode, "api-get_line_status"),
                    "scan_interval": fast,
                    "sensor": [
                        {
                            "name": f"{name} call state",
                            "value_template": "{{ value_json.body[0].state }}",
                        },
                        {
                            "name": f"{name} remote number",
                            "value_template": "{{ value_json.body[0].remotenum }}",
                        },
                        {
                            "name": f"{name} remote name",
                            "value_template": "{{ value_json.body[0].remotename }}",
                        },
                    ],
                    "binary_sensor": [
                        {
                            "name": f"{name} ringing",
                            "value_template": _any(lines, "state", "ringing"),
                        },
                        {
                            "name": f"{name} in call",
                            "value_template": _any(
                                lines, "state", "connected", "onhold"
                            ),
                        },
                    ],
                },
                {
                    "resource": _cti(phone, passcode, "api-get_phone_status"),
                    "scan_interval": fast,
                    "sensor": [
                        {
                            "name": f"{name} phone status",
                            "value_template": "{{ value_json.body }}",
                        }
                    ],
                },
                {
                    "resource": _cti(phone, passcode, "api-get_accounts"),
                    "scan_interval": slow,
                    "binary_sensor": [
                        {
                            "name": f"{name} account 1 registered",
                            "value_template": "{{ value_json.body[0].reg == 1 }}",
                        }
                    ],
                },
            ]
            for cmd in ("acceptcall", "rejectcall", "endcall", "holdcall"):
                commands[f"{slug}_{cmd}"] = {
                    "url": _cti(phone, passcode, "api-phone_operation", cmd=cmd)
                }
            continue
        for hs in (1, 2):
            lines = f"value_json.HS{hs}.values()"
            resources.append(
                {
                    "resource": _cti(phone, passcode, "api-get_hs_line_status", hs=hs),
                    "scan_interval": fast,
                    "sensor": [
                        {
                            "name": f"{name} handset {hs} call state",
                            "value_template": (
                                f"{{{{ value_json.HS{hs}.Line1.Status }}}}"
                            ),
                        }
                    ],
                    "binary_sensor": [
                        {
                            "name": f"{name} handset {hs} ringing",
                            "value_template": _any(lines, "Status", "ringing"),
                        },
                        {
                            "name": f"{name} handset {hs} in call",
                            "value_template": _any(
                                lines, "Status", "connected", "onhold"
                            ),
                        },
                    ],
                }
            )
            for cmd in ("acceptcall", "endcall"):
                commands[f"{slug}_hs{hs}_{cmd}"] = {
                    "url": _cti(
                        phone, passcode, "api-device_operation", hs=hs, line=1, cmd=cmd
                    )
                }
        for hs in range(1, 6):
            resources.append(
                {
                    "resource": _cti(phone, passcode, "api-get_hs_status", hs=hs),
                    "scan_interval": slow,
                    "binary_sensor": [
                        {
                            "name": f"{name} handset {hs} paired",
                            "value_template": (
                                f"{{{{ value_json.HS{hs}.subscribed == 1 }}}}"
                            ),
                        }
                    ],
                }
            )
        for account in range(1, 11):
            resources.append(
                {
                    "resource": _cti(
                        phone, passcode, "api-get_account_status", account=account
                    ),
                    "scan_interval": slow,
                    "binary_sensor": [
                        {
                            "name": f"{name} account {account} registered",
                            "value_template": (
                                f"{{{{ value_json.Account{account}.Registered == 1 }}}}"
                            ),
                        }
                    ],
                }
            )
    return resources, commands
