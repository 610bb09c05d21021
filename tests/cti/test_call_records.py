"""Call records from call events: direction, answer, duration, missed calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.grandstream_cti.cti.call_records import (
    MAX_MISSED_COUNT,
    MISSED_CALLS_KEPT,
    CallDirection,
    CallRecord,
    CallRecorder,
    StationCalls,
)
from custom_components.grandstream_cti.cti.calls import CallEvent, CallEventType

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def event(
    kind: str,
    *,
    line: int | None = 1,
    number: str = "+4930123",
    name: str = "",
    handset: int | None = None,
    account: int | None = None,
) -> CallEvent:
    """A call event as the coordinator hands it out."""
    return CallEvent(
        event_type=CallEventType(kind),
        handset=handset,
        line=line,
        number=number,
        name=name,
        account=account,
    )


def play(
    *steps: tuple[int, CallEvent], recorder: CallRecorder | None = None
) -> list[CallRecord]:
    """Feed events at T0 + seconds; the calls they end."""
    recorder = recorder or CallRecorder()
    records = [
        recorder.record(step, T0 + timedelta(seconds=seconds))
        for seconds, step in steps
    ]
    return [record for record in records if record is not None]


def test_missed_call() -> None:
    (call,) = play((0, event("incoming", name="Alice")), (20, event("missed")))

    assert call == CallRecord(
        handset=None,
        direction=CallDirection.INCOMING,
        number="+4930123",
        name="Alice",
        started=T0,
        missed=True,
    )


def test_answered_call_has_its_duration() -> None:
    (call,) = play(
        (0, event("incoming")),
        (5, event("answered", name="Alice")),
        (65, event("ended")),
    )

    assert call.direction is CallDirection.INCOMING
    assert call.answered
    assert not call.missed
    assert call.duration == timedelta(seconds=60)
    assert call.started == T0
    assert call.name == "Alice"


@pytest.mark.parametrize(
    ("steps", "answered", "duration"),
    [
        ((event("outgoing"), event("answered"), event("ended")), True, 30),
        ((event("outgoing"), event("ended")), False, None),
    ],
)
def test_outgoing_call(
    steps: tuple[CallEvent, ...], answered: bool, duration: int | None
) -> None:
    (call,) = play(*((index * 30, step) for index, step in enumerate(steps)))

    assert call.direction is CallDirection.OUTGOING
    assert call.answered is answered
    assert not call.missed
    assert call.duration == (None if duration is None else timedelta(seconds=duration))


def test_missed_push_without_ring_counts() -> None:
    """A push alone (the ring ended between two polls, no ring pushed)."""
    (call,) = play((7, event("missed", line=None, number="5551234")))

    assert call.missed
    assert call.direction is CallDirection.INCOMING
    assert call.started == T0 + timedelta(seconds=7)
    assert call.number == "5551234"


def test_push_without_line_meets_its_call() -> None:
    """A push naming no line ends the handset's call of the same number."""
    (call,) = play((0, event("incoming", line=2)), (9, event("missed", line=None)))

    assert call.missed
    assert call.started == T0


def test_push_and_poll_may_name_different_lines() -> None:
    (call,) = play(
        (0, event("incoming", line=1)),
        (3, event("answered", line=2)),
        (13, event("ended", line=2)),
    )

    assert call.started == T0
    assert call.duration == timedelta(seconds=10)


def test_ended_without_number_on_a_pushed_call() -> None:
    (call,) = play(
        (0, event("outgoing", line=None, number="100")),
        (10, event("ended", line=None, number="")),
    )

    assert call.number == "100"
    assert call.direction is CallDirection.OUTGOING


def test_answer_first_seen() -> None:
    """A ring between two polls, answered: the direction is not known."""
    (call,) = play((0, event("answered")), (42, event("ended")))

    assert call.direction is None
    assert call.answered
    assert call.duration == timedelta(seconds=42)


def test_incoming_call_ending_was_answered_unseen() -> None:
    """Only a connected call ends: a ring seen, then its end, was answered."""
    (call,) = play((0, event("incoming")), (30, event("ended")))

    assert call.answered
    assert call.duration is None
    assert not call.missed


def test_end_of_a_call_begun_unseen_is_left_out() -> None:
    """A call already going when Home Assistant started tells too little."""
    assert play((0, event("ended"))) == []


def test_lines_and_handsets_apart() -> None:
    """Two calls at once, on two lines and on two handsets, each its own."""
    calls = play(
        (0, event("incoming", line=1, number="1", handset=1)),
        (1, event("incoming", line=1, number="2", handset=2)),
        (2, event("incoming", line=2, number="3", handset=1)),
        (3, event("answered", line=2, number="3", handset=1)),
        (4, event("missed", line=1, number="1", handset=1)),
        (5, event("missed", line=1, number="2", handset=2)),
        (9, event("ended", line=2, number="3", handset=1)),
    )

    assert [(call.handset, call.number, call.missed) for call in calls] == [
        (1, "1", True),
        (2, "2", True),
        (1, "3", False),
    ]
    assert calls[2].duration == timedelta(seconds=6)


def test_new_call_on_a_line_replaces_one_not_seen_to_end() -> None:
    recorder = CallRecorder()
    play((0, event("incoming", number="1")), recorder=recorder)

    (call,) = play(
        (60, event("incoming", number="2")),
        (70, event("missed", number="2")),
        recorder=recorder,
    )

    assert call.number == "2"
    assert call.started == T0 + timedelta(seconds=60)


def test_missed_push_for_an_answered_number_is_its_own_call() -> None:
    """A missed call while a call from the same number is connected."""
    recorder = CallRecorder()
    play((0, event("incoming")), (2, event("answered")), recorder=recorder)

    (missed,) = play((5, event("missed", line=None)), recorder=recorder)
    (answered,) = play((9, event("ended")), recorder=recorder)

    assert missed.missed
    assert missed.started == T0 + timedelta(seconds=5)
    assert answered.duration == timedelta(seconds=7)


def test_later_events_complete_the_record() -> None:
    (call,) = play(
        (0, event("incoming", number="", name="")),
        (1, event("answered", number="555", name="Bob", account=2)),
        (2, event("ended", number="", name="")),
    )

    assert (call.number, call.name, call.account) == ("555", "Bob", 2)


def missed_call(number: str) -> CallRecord:
    return CallRecord(
        handset=None,
        direction=CallDirection.INCOMING,
        number=number,
        name="",
        started=T0,
        missed=True,
    )


def test_station_keeps_the_last_missed_calls_newest_first() -> None:
    calls = StationCalls()
    for number in range(MISSED_CALLS_KEPT + 1):
        calls = calls.with_call(missed_call(str(number)))

    assert calls.missed_count == MISSED_CALLS_KEPT + 1
    assert [call.number for call in calls.missed] == [
        str(number) for number in range(MISSED_CALLS_KEPT, 0, -1)
    ]
    assert calls.last_call == missed_call(str(MISSED_CALLS_KEPT))


def test_station_answered_call_is_the_last_call_only() -> None:
    answered = CallRecord(
        handset=None,
        direction=CallDirection.INCOMING,
        number="1",
        name="",
        started=T0,
        answered=True,
    )

    calls = StationCalls().with_call(missed_call("2")).with_call(answered)

    assert calls.missed_count == 1
    assert calls.last_call == answered


def test_station_cleared_keeps_the_last_call() -> None:
    calls = StationCalls().with_call(missed_call("1")).cleared()

    assert calls == StationCalls(last_call=missed_call("1"))


def test_station_count_is_bounded() -> None:
    calls = StationCalls(missed_count=MAX_MISSED_COUNT)

    assert calls.with_call(missed_call("1")).missed_count == MAX_MISSED_COUNT


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(
            event,
            st.sampled_from([kind.value for kind in CallEventType]),
            line=st.sampled_from([None, 1, 2]),
            number=st.sampled_from(["", "1", "2"]),
            handset=st.sampled_from([None, 1]),
        ),
        max_size=30,
    )
)
def test_each_missed_event_is_one_missed_call(events: list[CallEvent]) -> None:
    """Whatever order events come in, each missed one is counted once, and
    no call is said to have lasted less than nothing."""
    calls = play(*enumerate(events))

    missed = [event for event in events if event.event_type is CallEventType.MISSED]
    assert len([call for call in calls if call.missed]) == len(missed)
    assert all(call.duration is None or call.duration >= timedelta() for call in calls)
    assert all(not (call.missed and call.answered) for call in calls)
