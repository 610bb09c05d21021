"""The pure state machine, without HTTP."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import pytest

from simulator import (
    EventKind,
    InvalidTransitionError,
    LineState,
    PhoneEvent,
    PhoneState,
    SimulatorError,
)
from simulator.auth import PasscodeGuard
from simulator.const import FaultMode
from simulator.faults import FaultState


def _kinds(state: PhoneState) -> list[str]:
    return [str(e.kind) for e in state.events]


def test_incoming_answered() -> None:
    state = PhoneState("gxp")
    line = state.ring(1, "100", "A")
    assert (line.state, line.remote_number, line.remote_name) == (
        LineState.RINGING,
        "100",
        "A",
    )
    assert state.answer().state is LineState.CONNECTED
    assert state.hold().state is LineState.ONHOLD
    assert state.unhold().state is LineState.CONNECTED
    state.hangup()
    assert state.line(1).state is LineState.IDLE
    assert state.line(1).remote_number == ""
    assert _kinds(state) == ["incoming", "established", "hold", "unhold", "terminated"]
    assert state.events[0] == PhoneEvent(
        kind=EventKind.INCOMING,
        hs=None,
        line=1,
        remote_number="100",
        remote_name="A",
        account=1,
    )


def test_missed_and_failed() -> None:
    state = PhoneState("gxp")
    state.ring(2)
    state.hangup(2)
    assert _kinds(state) == ["incoming", "missed"]
    state.dial("200")
    state.fail()
    assert state.line(1).state is LineState.FAILED
    state.end_call()
    assert state.line(1).state is LineState.IDLE
    assert _kinds(state) == ["incoming", "missed", "outgoing"]


def test_second_call_holds_first() -> None:
    state = PhoneState("gxp")
    state.ring(1)
    state.answer(1)
    state.ring(2)
    state.answer(2)
    assert state.line(1).state is LineState.ONHOLD
    assert state.line(2).state is LineState.CONNECTED
    state.dial("300")
    assert state.line(2).state is LineState.ONHOLD
    assert state.line(3).state is LineState.CALLING
    with pytest.raises(InvalidTransitionError):
        state.dial("400")


def test_invalid_transitions() -> None:
    state = PhoneState("gxp")
    with pytest.raises(InvalidTransitionError):
        state.answer()
    with pytest.raises(InvalidTransitionError):
        state.hangup()
    with pytest.raises(InvalidTransitionError):
        state.remote_answer()
    with pytest.raises(SimulatorError):
        state.ring(4)
    with pytest.raises(SimulatorError):
        state.dial("")
    with pytest.raises(SimulatorError):
        state.pair(1)
    with pytest.raises(SimulatorError):
        PhoneState("gxp", lines=13)
    state.ring(1)
    with pytest.raises(InvalidTransitionError):
        state.ring(1)


def test_dnd_makes_calls_missed() -> None:
    state = PhoneState("gxp")
    state.set_dnd(True)
    state.set_dnd(True)
    line = state.ring(1, "5")
    assert line.state is LineState.IDLE
    assert _kinds(state) == ["dnd_on", "missed"]
    assert state.events[-1].remote_number == "5"


def test_dp_handsets() -> None:
    state = PhoneState("dp")
    assert [s.paired for s in state.stations.values()] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert len(state.station(1).lines) == 10
    state.ring(hs=2)
    assert state.line(1, hs=2).state is LineState.RINGING
    assert state.line(1, hs=1).state is LineState.IDLE
    with pytest.raises(InvalidTransitionError):
        state.ring(hs=3)
    with pytest.raises(SimulatorError):
        state.station(6)
    state.unpair(2)
    assert state.line(1, hs=2).state is LineState.IDLE
    assert state.station(None).hs == 1


def test_registration_events() -> None:
    state = PhoneState("dp")
    state.set_registered(1, True)
    state.set_registered(1, False)
    state.set_registered(3, True)
    assert _kinds(state) == ["unregistered", "registered"]
    assert state.accounts[3].active
    with pytest.raises(SimulatorError):
        state.set_registered(11, True)


def test_reboot_and_factory_reset() -> None:
    state = PhoneState("gxp")
    state.ring()
    state.set_dnd(True)
    state.reboot()
    assert not state.busy
    assert state.station().dnd
    state.factory_reset()
    assert not state.station().dnd


def test_passcode_guard_lockout() -> None:
    now = [0.0]
    guard = PasscodeGuard("pw", lockout_seconds=10, clock=lambda: now[0])
    for _ in range(5):
        assert not guard.check("bad")
    assert guard.locked
    assert not guard.check("pw")
    now[0] = 10.0
    assert guard.check("pw")
    # Refused, but no failed login: discovery asks without a passcode.
    assert not guard.check(None)
    assert guard.consecutive_failures == 0
    assert guard.total_failures == 5
    assert not guard.check("bad")
    assert guard.consecutive_failures == 1


def test_fault_state_count_and_duration() -> None:
    now = [0.0]
    fault = FaultState(clock=lambda: now[0])
    fault.set("html", count=2)
    assert [fault.take() for _ in range(3)] == [
        FaultMode.HTML,
        FaultMode.HTML,
        FaultMode.NONE,
    ]
    fault.set("http_500", duration=5)
    assert fault.take() is FaultMode.HTTP_500
    now[0] = 5.0
    assert fault.take() is FaultMode.NONE


_ACTIONS = st.sampled_from(
    [
        "ring",
        "answer",
        "remote_answer",
        "hold",
        "unhold",
        "hangup",
        "end_call",
        "reject",
        "cancel",
        "fail",
        "dial",
        "dnd",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    family=st.sampled_from(["gxp", "dp"]),
    steps=st.lists(st.tuples(_ACTIONS, st.integers(1, 3)), max_size=30),
)
def test_random_operations_keep_invariants(
    family: str, steps: list[tuple[str, int]]
) -> None:
    state = PhoneState(family)
    for action, line in steps:
        try:
            if action == "ring":
                state.ring(line, f"{line}00", "X")
            elif action == "dial":
                state.dial("123")
            elif action == "dnd":
                state.toggle_dnd()
            else:
                getattr(state, action)(line)
        except InvalidTransitionError:
            pass
        for ln in state.all_lines():
            assert ln.state in set(LineState)
            if ln.state is LineState.IDLE:
                assert ln.remote_number == ""
        connected = [
            ln for ln in state.station().lines if ln.state is LineState.CONNECTED
        ]
        assert len(connected) <= 1
    established = sum(e.kind is EventKind.ESTABLISHED for e in state.events)
    ended = sum(e.kind is EventKind.TERMINATED for e in state.events)
    in_call = sum(
        ln.state in (LineState.CONNECTED, LineState.ONHOLD) or ln.established
        for ln in state.all_lines()
    )
    assert established == ended + in_call
