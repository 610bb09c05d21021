"""Pure state of a simulated phone: lines, handsets, accounts, keys. No I/O.

Every change that a real phone would announce through an Action URL is emitted as a
`PhoneEvent` to the listeners registered in `PhoneState.listeners`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
import re
from typing import Any

from .const import (
    DP_ACCOUNTS,
    DP_HANDSETS,
    DP_LINES_PER_HANDSET,
    GXP_LINE_KEYS,
    GXP_MAX_LINES,
    VOLUME_MAX,
    EventKind,
    Family,
    LineState,
)

_NUMBER_RE = re.compile(r"^[0-9A-Za-z*#+.@:_\-]{1,64}$")
_DIGITS = frozenset("0123456789")
_COMMON_KEYS = frozenset(
    {"SPEAKER", "XFER", "VUP", "VDOWN", "MUTE", "HOLD", "CONF", "VM", "HEADSET"}
    | {"DND", "SEND"}
    | {f"SOFT{n}" for n in range(1, 5)}
    | {f"MPK{n}" for n in range(1, 25)}
)
_GXP_KEYS = _COMMON_KEYS | _DIGITS | {"*", "#"}
_DP_KEYS = (
    _COMMON_KEYS
    | _DIGITS
    | {"LEFT_SOFT_KEY", "RIGHT_SOFT_KEY", "STAR", "HASH", "ONHOOK", "OFFHOOK"}
    | {"OK", "LOCK", "UNLOCK", "UP", "DOWN", "LEFT", "RIGHT"}
)
_KEY_CHAR = {"STAR": "*", "HASH": "#"}
_LINE_KEY_RE = re.compile(r"^LINE([1-9][0-9]?)$")


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


class PhoneState:
    """All state of one simulated phone; methods act like a person or the network."""

    def __init__(
        self,
        family: Family | str = Family.GXP,
        *,
        lines: int = 3,
        paired_handsets: Iterable[int] = (1, 2),
        accounts: int | None = None,
        configured_accounts: Iterable[int] = (1,),
        click_to_dial: bool = True,
    ) -> None:
        """Build the phone as it leaves the factory (plus the given setup)."""
        self.family = Family(family)
        if self.family is Family.GXP and not 1 <= lines <= GXP_MAX_LINES:
            raise SimulatorError(f"lines must be 1-{GXP_MAX_LINES}")
        self._lines_count = lines
        self._paired = tuple(paired_handsets)
        default_accounts = DP_ACCOUNTS if self.family is Family.DP else lines
        self._accounts_count = accounts or default_accounts
        self._configured = tuple(configured_accounts)
        self._click_to_dial = click_to_dial
        self.listeners: list[Callable[[PhoneEvent], None]] = []
        self.events: list[PhoneEvent] = []
        self.stations: dict[int, Station] = {}
        self.accounts: dict[int, Account] = {}
        self.click_to_dial = click_to_dial
        self.factory_reset()

    # ----------------------------------------------------------------- setup
    def factory_reset(self) -> None:
        """Restore the state the phone was built with (no events)."""
        if self.family is Family.GXP:
            self.stations = {0: Station(hs=None, lines=_make_lines(self._lines_count))}
        else:
            self.stations = {
                hs: Station(
                    hs=hs,
                    lines=_make_lines(DP_LINES_PER_HANDSET),
                    paired=hs in self._paired,
                )
                for hs in range(1, DP_HANDSETS + 1)
            }
        self.accounts = {
            i: Account(index=i) for i in range(1, self._accounts_count + 1)
        }
        for index in self._configured:
            self.configure_account(index)
        self.click_to_dial = self._click_to_dial

    def configure_account(
        self,
        index: int,
        *,
        sip_id: str | None = None,
        sip_server: str = "pbx.example.com",
        name: str | None = None,
        registered: bool = True,
        hs_mode: str | None = None,
    ) -> Account:
        """Fill an account slot (no events)."""
        account = self.account(index)
        account.sip_id = sip_id if sip_id is not None else str(1000 + index)
        account.sip_server = sip_server
        account.name = name if name is not None else f"Account {index}"
        account.active = True
        account.registered = registered
        if hs_mode is not None:
            account.hs_mode = hs_mode
        elif self.family is Family.DP:
            account.hs_mode = f"HS{self._paired[0] if self._paired else 1}"
        return account

    # --------------------------------------------------------------- lookups
    def station(self, hs: int | None = None) -> Station:
        """The desk phone (GXP, hs ignored) or handset hs (DP; None = first paired)."""
        if self.family is Family.GXP:
            return self.stations[0]
        if hs is None:
            paired = [s for s in self.stations.values() if s.paired]
            return paired[0] if paired else self.stations[1]
        if hs not in self.stations:
            raise SimulatorError(f"no handset {hs}")
        return self.stations[hs]

    def account(self, index: int) -> Account:
        """Account slot index (1-based)."""
        if index not in self.accounts:
            raise SimulatorError(f"no account {index}")
        return self.accounts[index]

    def line(self, line: int, hs: int | None = None) -> Line:
        """Line number line (1-based) of the phone or handset."""
        return _line_of(self.station(hs), line)

    def all_lines(self) -> list[Line]:
        """Every line of every station."""
        return [line for st in self.stations.values() for line in st.lines]

    @property
    def busy(self) -> bool:
        """True when any line of the phone is not idle."""
        return any(line.busy for line in self.all_lines())

    def active_line(self, hs: int | None = None) -> Line | None:
        """The line the person is talking on (selected, else connected, else any)."""
        st = self.station(hs)
        selected = _line_of(st, st.selected_line)
        if selected.busy:
            return selected
        for wanted in (LineState.CONNECTED, None):
            for line in st.lines:
                if line.busy and (wanted is None or line.state is wanted):
                    return line
        return None

    # ----------------------------------------------------------- call control
    def ring(
        self,
        line: int | None = 1,
        number: str = "5551234",
        name: str = "Alice",
        hs: int | None = None,
        *,
        account: int = 1,
    ) -> Line:
        """Incoming call: the line rings (DND: the call is missed at once)."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.IDLE,), "idle")
        if st.dnd:
            self._emit(EventKind.MISSED, st, ln, number=number, name=name)
            return ln
        ln.state = LineState.RINGING
        ln.remote_number = number
        ln.remote_name = name
        ln.account = account
        ln.incoming = True
        ln.established = False
        self._emit(EventKind.INCOMING, st, ln)
        return ln

    def answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """Answer the ringing line (others in a call go on hold)."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.RINGING,), "ringing")
        self._hold_others(st, ln)
        ln.state = LineState.CONNECTED
        ln.established = True
        st.selected_line = ln.index
        self._emit(EventKind.ESTABLISHED, st, ln)
        return ln

    def remote_answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """The far end picks up an outgoing call."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.CALLING,), "calling")
        ln.state = LineState.CONNECTED
        ln.established = True
        self._emit(EventKind.ESTABLISHED, st, ln)
        if any(o is not ln and o.state is LineState.CONNECTED for o in st.lines):
            # the person is talking on another line: this call waits on hold
            ln.state = LineState.ONHOLD
            self._emit(EventKind.HOLD, st, ln)
        return ln

    def hold(self, line: int | None = None, hs: int | None = None) -> Line:
        """Put the connected call on hold."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.CONNECTED,), "connected", prefer=True)
        ln.state = LineState.ONHOLD
        self._emit(EventKind.HOLD, st, ln)
        return ln

    def unhold(self, line: int | None = None, hs: int | None = None) -> Line:
        """Resume the held call (another connected call goes on hold)."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.ONHOLD,), "on hold", prefer=True)
        self._hold_others(st, ln)
        ln.state = LineState.CONNECTED
        st.selected_line = ln.index
        self._emit(EventKind.UNHOLD, st, ln)
        return ln

    def hangup(self, line: int | None = None, hs: int | None = None) -> Line:
        """The call ends from the far side (or is dropped): the line goes idle."""
        st = self._paired_station(hs)
        ln = self._pick_active(st, line)
        self._end(st, ln)
        return ln

    def end_call(self, line: int | None = None, hs: int | None = None) -> Line:
        """The person ends the current call (connected, held, calling or failed)."""
        st = self._paired_station(hs)
        states = (
            LineState.CONNECTED,
            LineState.ONHOLD,
            LineState.CALLING,
            LineState.FAILED,
        )
        ln = self._pick(st, line, states, "in a call", prefer=True)
        self._end(st, ln)
        return ln

    def reject(self, line: int | None = None, hs: int | None = None) -> Line:
        """The person rejects the ringing call."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.RINGING,), "ringing")
        self._end(st, ln)
        return ln

    def cancel(self, line: int | None = None, hs: int | None = None) -> Line:
        """Reject a ringing call or cancel an outgoing one."""
        st = self._paired_station(hs)
        states = (LineState.RINGING, LineState.CALLING, LineState.FAILED)
        ln = self._pick(st, line, states, "ringing or calling", prefer=True)
        self._end(st, ln)
        return ln

    def fail(self, line: int | None = None, hs: int | None = None) -> Line:
        """The call fails (busy, unreachable): the line shows failed."""
        st = self._paired_station(hs)
        states = (LineState.CALLING, LineState.RINGING, LineState.CONNECTED)
        ln = self._pick(st, line, (*states, LineState.ONHOLD), "in a call")
        ln.state = LineState.FAILED
        return ln

    def dial(
        self,
        number: str,
        hs: int | None = None,
        *,
        line: int | None = None,
        account: int = 1,
    ) -> Line:
        """Start an outgoing call on the given or first idle line."""
        if not _NUMBER_RE.match(number):
            raise SimulatorError(f"invalid number {number!r}")
        st = self._paired_station(hs)
        if line is None and not _line_of(st, st.selected_line).busy:
            line = st.selected_line
        ln = self._pick(st, line, (LineState.IDLE,), "idle")
        self._hold_others(st, ln)
        ln.state = LineState.CALLING
        ln.remote_number = number
        ln.remote_name = ""
        ln.account = account
        ln.incoming = False
        ln.established = False
        st.selected_line = ln.index
        st.dialled.append(number)
        self._emit(EventKind.OUTGOING, st, ln)
        return ln

    # ------------------------------------------------------------- handsets
    def pair(self, hs: int) -> Station:
        """Pair a DP handset."""
        st = self._dp_station(hs)
        st.paired = True
        return st

    def unpair(self, hs: int) -> Station:
        """Unpair a DP handset (its calls vanish)."""
        st = self._dp_station(hs)
        st.clear_calls()
        st.paired = False
        return st

    # ---------------------------------------------------------- phone flags
    def set_registered(self, account: int, registered: bool) -> Account:
        """Account registers or loses its registration."""
        acc = self.account(account)
        if registered:
            acc.active = True
        if acc.registered == registered:
            return acc
        acc.registered = registered
        kind = EventKind.REGISTERED if registered else EventKind.UNREGISTERED
        self._emit_event(PhoneEvent(kind=kind, account=account))
        return acc

    def set_dnd(self, on: bool, hs: int | None = None) -> Station:
        """Turn Do Not Disturb on or off."""
        st = self.station(hs)
        if st.dnd != on:
            st.dnd = on
            kind = EventKind.DND_ON if on else EventKind.DND_OFF
            self._emit_event(PhoneEvent(kind=kind, hs=st.hs))
        return st

    def toggle_dnd(self, hs: int | None = None) -> Station:
        """Flip Do Not Disturb."""
        return self.set_dnd(not self.station(hs).dnd, hs)

    def toggle_mute(self, hs: int | None = None) -> Station:
        """Flip mute."""
        st = self.station(hs)
        st.muted = not st.muted
        return st

    def toggle_speaker(self, hs: int | None = None) -> Station:
        """Flip speaker."""
        st = self.station(hs)
        st.speaker = not st.speaker
        return st

    def toggle_headset(self, hs: int | None = None) -> Station:
        """Flip headset mode."""
        st = self.station(hs)
        st.headset = not st.headset
        return st

    def change_volume(self, step: int, hs: int | None = None) -> Station:
        """Volume up (+1) or down (-1), within 0-7."""
        st = self.station(hs)
        st.volume = max(0, min(VOLUME_MAX, st.volume + step))
        return st

    def reboot(self) -> None:
        """What a reboot does to the state: every call gone, no events."""
        for st in self.stations.values():
            st.clear_calls()

    # ------------------------------------------------------------------ keys
    def key_known(self, key: str) -> bool:
        """True when the phone knows this key name."""
        if match := _LINE_KEY_RE.match(key):
            limit = (
                DP_LINES_PER_HANDSET
                if self.family is Family.DP
                else min(GXP_LINE_KEYS, self._lines_count)
            )
            return 1 <= int(match.group(1)) <= limit
        known = _DP_KEYS if self.family is Family.DP else _GXP_KEYS
        return key in known

    def press_keys(self, keys: Sequence[str], hs: int | None = None) -> bool:
        """Press keys in order; False (and nothing done) if any key is unknown."""
        if not keys or not all(self.key_known(key) for key in keys):
            return False
        st = self._paired_station(hs)
        for key in keys:
            st.keys.append(key)
            self._press(st, key)
        return True

    def _press(self, st: Station, key: str) -> None:
        hs = st.hs
        active = self.active_line(hs)
        char = _KEY_CHAR.get(key, key)
        if char in _DIGITS or char in {"*", "#"}:
            if active is not None and active.state is LineState.CONNECTED:
                st.dtmf.append(char)
            else:
                st.digits.append(char)
        elif key == "SEND":
            self._key_send(st, active)
        elif key == "OFFHOOK":
            if (ringing := _first(st, LineState.RINGING)) is not None:
                self.answer(ringing.index, hs)
        elif key == "ONHOOK":
            st.digits.clear()
            if active is not None:
                self._end(st, active)
        elif key == "HOLD":
            if active is not None and active.state is LineState.CONNECTED:
                self.hold(active.index, hs)
            elif active is not None and active.state is LineState.ONHOLD:
                self.unhold(active.index, hs)
        elif key == "DND":
            self.toggle_dnd(hs)
        elif key == "MUTE":
            self.toggle_mute(hs)
        elif key == "SPEAKER":
            self.toggle_speaker(hs)
        elif key == "HEADSET":
            self.toggle_headset(hs)
        elif key in {"VUP", "VDOWN"}:
            self.change_volume(1 if key == "VUP" else -1, hs)
        elif key in {"LOCK", "UNLOCK"}:
            st.locked = key == "LOCK"
        elif match := _LINE_KEY_RE.match(key):
            self._key_line(st, int(match.group(1)))

    def _key_send(self, st: Station, active: Line | None) -> None:
        if st.digits:
            number = "".join(st.digits)
            st.digits.clear()
            if any(not line.busy for line in st.lines):
                self.dial(number, st.hs)
        elif active is not None and active.state is LineState.RINGING:
            self.answer(active.index, st.hs)

    def _key_line(self, st: Station, index: int) -> None:
        st.selected_line = index
        line = _line_of(st, index)
        if line.state is LineState.RINGING:
            self.answer(index, st.hs)
        elif line.state is LineState.ONHOLD:
            self.unhold(index, st.hs)

    # --------------------------------------------------------------- helpers
    def _paired_station(self, hs: int | None) -> Station:
        st = self.station(hs)
        if not st.paired:
            raise InvalidTransitionError(f"handset {st.hs} is not paired")
        return st

    def _dp_station(self, hs: int) -> Station:
        if self.family is not Family.DP:
            raise SimulatorError("only DP bases have handsets")
        return self.station(hs)

    def _pick(
        self,
        st: Station,
        line: int | None,
        states: tuple[LineState, ...],
        wanted: str,
        *,
        prefer: bool = False,
    ) -> Line:
        if line is not None:
            ln = _line_of(st, line)
            if ln.state not in states:
                raise InvalidTransitionError(f"line {line} is {ln.state}, not {wanted}")
            return ln
        if prefer:
            selected = _line_of(st, st.selected_line)
            if selected.state in states:
                return selected
        for state in states:
            if (found := _first(st, state)) is not None:
                return found
        raise InvalidTransitionError(f"no line is {wanted}")

    def _pick_active(self, st: Station, line: int | None) -> Line:
        if line is not None:
            ln = _line_of(st, line)
            if not ln.busy:
                raise InvalidTransitionError(f"line {line} is idle")
            return ln
        active = self.active_line(st.hs)
        if active is None:
            raise InvalidTransitionError("no line is in a call")
        return active

    def _hold_others(self, st: Station, keep: Line) -> None:
        for other in st.lines:
            if other is not keep and other.state is LineState.CONNECTED:
                other.state = LineState.ONHOLD
                self._emit(EventKind.HOLD, st, other)

    def _end(self, st: Station, ln: Line) -> None:
        previous = ln.state
        was_established = ln.established
        event = PhoneEvent(
            kind=EventKind.MISSED,
            hs=st.hs,
            line=ln.index,
            remote_number=ln.remote_number,
            remote_name=ln.remote_name,
            account=ln.account,
        )
        ln.clear()
        if previous is LineState.RINGING:
            self._emit_event(event)
        elif was_established or previous in (LineState.CONNECTED, LineState.ONHOLD):
            self._emit_event(
                PhoneEvent(
                    kind=EventKind.TERMINATED,
                    hs=event.hs,
                    line=event.line,
                    remote_number=event.remote_number,
                    remote_name=event.remote_name,
                    account=event.account,
                )
            )

    def _emit(
        self,
        kind: EventKind,
        st: Station,
        ln: Line,
        *,
        number: str | None = None,
        name: str | None = None,
    ) -> None:
        self._emit_event(
            PhoneEvent(
                kind=kind,
                hs=st.hs,
                line=ln.index,
                remote_number=ln.remote_number if number is None else number,
                remote_name=ln.remote_name if name is None else name,
                account=ln.account or 1,
            )
        )

    def _emit_event(self, event: PhoneEvent) -> None:
        self.events.append(event)
        for listener in list(self.listeners):
            listener(event)

    def to_dict(self) -> dict[str, Any]:
        """Snapshot for the control API."""
        return {
            "family": str(self.family),
            "busy": self.busy,
            "click_to_dial": self.click_to_dial,
            "stations": [st.to_dict() for st in self.stations.values()],
            "accounts": [acc.to_dict() for acc in self.accounts.values()],
        }


def _make_lines(count: int) -> list[Line]:
    return [Line(index=i) for i in range(1, count + 1)]


def _line_of(st: Station, line: int) -> Line:
    if not 1 <= line <= len(st.lines):
        raise SimulatorError(f"no line {line}")
    return st.lines[line - 1]


def _first(st: Station, state: LineState) -> Line | None:
    return next((line for line in st.lines if line.state is state), None)
