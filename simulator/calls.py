"""Call control: the transitions of a line, as the person or the far end makes them."""

from __future__ import annotations

import re

from .const import EventKind, LineState
from .model import (
    InvalidTransitionError,
    Line,
    PhoneEvent,
    SimulatorError,
    Station,
    first_line,
    line_of,
)
from .state_base import StateBase

_NUMBER_RE = re.compile(r"^[0-9A-Za-z*#+.@:_\-]{1,64}$")


class CallControl(StateBase):
    """Ringing, answering, holding, ending and dialling calls."""

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

    def ring_all(
        self, number: str = "5551234", name: str = "Alice", *, account: int = 1
    ) -> list[Line]:
        """A DP base in parallel-ring mode: one call rings every paired handset.

        Each handset not on DND rings on its first idle line; the base pushes
        one Incoming Call. Answered on one handset, the others stop ringing
        without a missed call; when the caller gives up (hangup on any of
        them), they all stop, with one Missed Call push.
        """
        rung: list[Line] = []
        for st in self.stations.values():
            if not st.paired or st.dnd or st.hs is None:
                continue
            ln = self._pick(st, None, (LineState.IDLE,), "idle")
            ln.state = LineState.RINGING
            ln.remote_number = number
            ln.remote_name = name
            ln.account = account
            ln.incoming = True
            ln.established = False
            ln.ring_all = True
            if not rung:
                self._emit(EventKind.INCOMING, st, ln)
            rung.append(ln)
        return rung

    def _stop_ring_all(self, keep: Line) -> None:
        """The other handsets' rings of keep's ring-all call stop, silently."""
        if not keep.ring_all:
            return
        for other in self.all_lines():
            if (
                other is not keep
                and other.ring_all
                and other.state is LineState.RINGING
                and other.remote_number == keep.remote_number
            ):
                other.clear()
        keep.ring_all = False

    def answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """Answer the ringing line (others in a call go on hold)."""
        st = self._paired_station(hs)
        ln = self._pick(st, line, (LineState.RINGING,), "ringing")
        self._stop_ring_all(ln)
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
        self._stop_ring_all(ln)
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
        if line is None and not line_of(st, st.selected_line).busy:
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
            ln = line_of(st, line)
            if ln.state not in states:
                raise InvalidTransitionError(f"line {line} is {ln.state}, not {wanted}")
            return ln
        if prefer:
            selected = line_of(st, st.selected_line)
            if selected.state in states:
                return selected
        for state in states:
            if (found := first_line(st, state)) is not None:
                return found
        raise InvalidTransitionError(f"no line is {wanted}")

    def _pick_active(self, st: Station, line: int | None) -> Line:
        if line is not None:
            ln = line_of(st, line)
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
