"""HouseCalls: a ring that stops is told as what happened to its call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from custom_components.grandstream_cti.cti.calls import (
    CallEvent,
    CallEventType,
    Station,
)
from custom_components.grandstream_cti.cti.house import HouseCalls, first_rings
from custom_components.grandstream_cti.cti.models import LineStatus

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MUM = "+4930123"
INCOMING = CallEventType.INCOMING
ANSWERED = CallEventType.ANSWERED
MISSED = CallEventType.MISSED


def event(
    event_type: CallEventType, handset: int | None, number: str = MUM
) -> CallEvent:
    """A call event on line 1 of the handset."""
    return CallEvent(
        event_type=event_type, handset=handset, line=1, number=number, name=""
    )


def told(events: tuple[CallEvent, ...]) -> list[tuple[int | None, str]]:
    """Each event's handset and type."""
    return [(e.handset, e.event_type.value) for e in events]


def house() -> tuple[HouseCalls, dict[str, list[CallEvent]]]:
    """A house with the phones "base" and "desk", and what each was delivered."""
    calls = HouseCalls(str.strip)
    delivered: dict[str, list[CallEvent]] = {"base": [], "desk": []}
    for phone, events in delivered.items():
        calls.add_phone(phone, events.extend)
    return calls, delivered


def test_ring_stopped_before_the_answer_was_read_is_held_then_elsewhere() -> None:
    """The base read handset 2 idle while handset 1 still rang; then 1 answers."""
    calls, _ = house()
    calls.resolve("base", [event(INCOMING, 1), event(INCOMING, 2)], T0)

    assert calls.resolve("base", [event(MISSED, 2)], T0 + timedelta(seconds=5)) == ()
    released = calls.resolve("base", [event(ANSWERED, 1)], T0 + timedelta(seconds=10))

    assert told(released) == [(1, "answered"), (2, "answered_elsewhere")]


def test_held_ring_missed_when_nobody_answers() -> None:
    calls, _ = house()
    calls.resolve("base", [event(INCOMING, 1), event(INCOMING, 2)], T0)
    calls.resolve("base", [event(MISSED, 2)], T0)

    assert told(calls.resolve("base", [event(MISSED, 1)], T0)) == [
        (1, "missed"),
        (2, "missed"),
    ]


def test_held_ring_of_another_phone_is_delivered_to_it() -> None:
    calls, delivered = house()
    calls.resolve("base", [event(INCOMING, 1)], T0)
    calls.resolve("desk", [event(INCOMING, None)], T0)
    assert calls.resolve("desk", [event(MISSED, None)], T0) == ()

    assert told(calls.resolve("base", [event(ANSWERED, 1)], T0)) == [(1, "answered")]
    assert told(tuple(delivered["desk"])) == [(None, "answered_elsewhere")]


def test_held_ring_missed_after_the_hold_limit() -> None:
    """A phone that stops being read cannot hold another's ring for ever."""
    calls, delivered = house()
    calls.resolve("base", [event(INCOMING, 1)], T0)
    calls.resolve("desk", [event(INCOMING, None)], T0)
    calls.resolve("desk", [event(MISSED, None)], T0)

    calls.resolve("base", [], T0 + HouseCalls.HOLD_LIMIT - timedelta(seconds=1))
    assert delivered["desk"] == []
    calls.resolve("base", [], T0 + HouseCalls.HOLD_LIMIT)
    assert told(tuple(delivered["desk"])) == [(None, "missed")]


def test_removed_phone_holds_no_ring_back() -> None:
    calls = HouseCalls(str.strip)
    remove = calls.add_phone("base", lambda _: None)
    calls.add_phone("desk", lambda _: None)
    calls.resolve("base", [event(INCOMING, 1)], T0)
    calls.resolve("desk", [event(INCOMING, None)], T0)
    remove()

    assert told(calls.resolve("desk", [event(MISSED, None)], T0)) == [(None, "missed")]


def test_an_earlier_answer_of_the_caller_is_not_this_ring_s() -> None:
    """Mum's call answered at nine; her ring at ten that nobody answers is missed."""
    calls, _ = house()
    calls.resolve("base", [event(INCOMING, 1)], T0)
    calls.resolve("base", [event(ANSWERED, 1)], T0)
    later = T0 + timedelta(hours=1)
    calls.resolve("base", [event(INCOMING, 1), event(INCOMING, 2)], later)
    # Handset 1 is in another call meanwhile: a new ring of the same caller.
    calls.resolve("base", [event(ANSWERED, 3, number="555")], later)

    assert sorted(
        told(calls.resolve("base", [event(MISSED, 1), event(MISSED, 2)], later))
    ) == [
        (1, "missed"),
        (2, "missed"),
    ]


def test_declined_ring_is_rejected_and_another_caller_s_is_not() -> None:
    calls, _ = house()
    calls.resolve("base", [event(INCOMING, 1), event(INCOMING, 2, "555")], T0)
    calls.decline("base", 1, MUM)

    assert told(
        calls.resolve("base", [event(MISSED, 1), event(MISSED, 2, "555")], T0)
    ) == [(1, "rejected"), (2, "missed")]


def test_decline_taken_back() -> None:
    calls, _ = house()
    calls.resolve("base", [event(INCOMING, 1)], T0)
    calls.decline("base", 1, MUM)
    calls.forget_decline("base", 1, MUM)

    assert told(calls.resolve("base", [event(MISSED, 1)], T0)) == [(1, "missed")]


def station(handset: int, state: str, number: str = "") -> Station:
    """A handset whose line 1 is in state with number."""
    line = LineStatus(line=1, raw_state=state, remote_number=number)
    return Station(handset=handset, lines=(line,))


def test_first_rings_one_per_call() -> None:
    """Three handsets ringing for one caller are one call; another caller's is one."""
    events = [event(INCOMING, 2), event(INCOMING, 3), event(INCOMING, 4, "555")]
    previous = {1: station(1, "ringing", MUM), 2: station(2, "idle")}

    assert told(first_rings(previous, events, str.strip)) == [(4, "incoming")]
    assert told(first_rings(None, events, str.strip)) == [
        (2, "incoming"),
        (4, "incoming"),
    ]


def test_a_ring_whose_end_was_never_seen_is_forgotten() -> None:
    """A phone that went away mid-ring holds no other's ring past RING_LIMIT."""
    calls, delivered = house()
    calls.resolve("base", [event(INCOMING, 1)], T0)
    later = T0 + HouseCalls.RING_LIMIT
    calls.resolve("desk", [event(INCOMING, None)], later)

    assert told(calls.resolve("desk", [event(MISSED, None)], later)) == [
        (None, "missed")
    ]
    assert delivered["desk"] == []


def test_a_parallel_ring_says_it_rings_elsewhere() -> None:
    """The handset a call rang on first is told apart from the base's others."""
    calls, _ = house()
    first = calls.resolve("base", [event(INCOMING, 1), event(INCOMING, 2)], T0)
    desk = calls.resolve("desk", [event(INCOMING, None)], T0)

    assert [e.rings_elsewhere for e in first] == [False, True]
    # Another phone of the house has its own first ring.
    assert [e.rings_elsewhere for e in desk] == [False]


def test_a_decline_is_of_its_ring_only() -> None:
    """Declined, then answered on the phone after all: the next ring is missed."""
    calls, _ = house()
    calls.resolve("base", [event(INCOMING, 1)], T0)
    calls.decline("base", 1, MUM)
    calls.resolve("base", [event(ANSWERED, 1)], T0)
    calls.resolve("base", [event(INCOMING, 1)], T0 + timedelta(hours=1))

    assert told(calls.resolve("base", [event(MISSED, 1)], T0)) == [(1, "missed")]
