"""The parts of a simulated phone's state: lines, accounts, stations, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .const import EventKind, LineState


class SimulatorError(ValueError):
    """A request the simulated phone cannot carry out (bad line, handset, state)."""


class InvalidTransitionError(SimulatorError):
    """The line is not in a state that allows the requested operation."""


@dataclass
class Line:
    """One line (GXP line key, or a DP handset's LineN)."""

    index: int
    state: LineState = LineState.IDLE
    remote_number: str = ""
    remote_name: str = ""
    account: int = 0
    incoming: bool = False
    established: bool = False
    # Rings for a call the DP base rings on every handset at once (ring_all).
    ring_all: bool = False

    @property
    def busy(self) -> bool:
        """True when the line is not idle."""
        return self.state is not LineState.IDLE

    def clear(self) -> None:
        """Back to idle, forgetting the call."""
        self.state = LineState.IDLE
        self.remote_number = ""
        self.remote_name = ""
        self.account = 0
        self.incoming = False
        self.established = False
        self.ring_all = False

    def to_dict(self) -> dict[str, Any]:
        """Snapshot for the control API."""
        return {
            "line": self.index,
            "state": str(self.state),
            "remote_number": self.remote_number,
            "remote_name": self.remote_name,
            "account": self.account,
            "incoming": self.incoming,
            "established": self.established,
        }


@dataclass
class Account:
    """A SIP account slot."""

    index: int
    sip_id: str = ""
    sip_server: str = ""
    name: str = ""
    active: bool = False
    registered: bool = False
    hs_mode: str = "HS1"

    def to_dict(self) -> dict[str, Any]:
        """Snapshot for the control API."""
        return {
            "id": self.index,
            "sip_id": self.sip_id,
            "sip_server": self.sip_server,
            "name": self.name,
            "active": self.active,
            "registered": self.registered,
            "hs_mode": self.hs_mode,
        }


@dataclass
class Station:
    """What a person holds: a GXP desk phone (hs None) or a DP handset (hs 1-5)."""

    hs: int | None
    lines: list[Line]
    paired: bool = True
    dnd: bool = False
    muted: bool = False
    speaker: bool = False
    headset: bool = False
    locked: bool = False
    volume: int = 4
    selected_line: int = 1
    digits: list[str] = field(default_factory=list)
    dialled: list[str] = field(default_factory=list)
    dtmf: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        """True when any line is not idle."""
        return any(line.busy for line in self.lines)

    @property
    def status(self) -> str:
        """Handset status word: "" unpaired, "ringing", "busy" or "idle"."""
        if not self.paired:
            return ""
        if any(line.state is LineState.RINGING for line in self.lines):
            return "ringing"
        return "busy" if self.busy else "idle"

    def clear_calls(self) -> None:
        """All lines idle, transient flags off (reboot, unpair)."""
        for line in self.lines:
            line.clear()
        self.muted = False
        self.speaker = False
        self.locked = False
        self.selected_line = 1
        self.digits.clear()

    def to_dict(self) -> dict[str, Any]:
        """Snapshot for the control API."""
        return {
            "hs": self.hs,
            "paired": self.paired,
            "status": self.status,
            "dnd": self.dnd,
            "muted": self.muted,
            "speaker": self.speaker,
            "headset": self.headset,
            "locked": self.locked,
            "volume": self.volume,
            "selected_line": self.selected_line,
            "digits": list(self.digits),
            "dialled": list(self.dialled),
            "dtmf": list(self.dtmf),
            "keys": list(self.keys),
            "lines": [line.to_dict() for line in self.lines],
        }


@dataclass(frozen=True)
class PhoneEvent:
    """Something a real phone would announce through an Action URL."""

    kind: EventKind
    hs: int | None = None
    line: int | None = None
    remote_number: str = ""
    remote_name: str = ""
    account: int = 0


def make_lines(count: int) -> list[Line]:
    """count idle lines, numbered from 1."""
    return [Line(index=i) for i in range(1, count + 1)]


def line_of(st: Station, line: int) -> Line:
    """Line number line (1-based) of a station."""
    if not 1 <= line <= len(st.lines):
        raise SimulatorError(f"no line {line}")
    return st.lines[line - 1]


def first_line(st: Station, state: LineState) -> Line | None:
    """The station's first line in state."""
    return next((line for line in st.lines if line.state is state), None)
