"""EventDeduplicator: push and poll matched by call, never by count alone."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory

from custom_components.grandstream_cti.cti.calls import CallEvent, CallEventType
from custom_components.grandstream_cti.cti.deduplication import EventDeduplicator


def ring(
    number: str,
    line: int | None = 1,
    event_type: CallEventType = CallEventType.INCOMING,
) -> CallEvent:
    """An incoming event of a GXP phone (or another event of its call)."""
    return CallEvent(
        event_type=event_type,
        handset=None,
        line=line,
        number=number,
        name="",
    )


def missed(number: str, line: int | None = 1) -> CallEvent:
    """The missed event of a ring of a GXP phone."""
    return ring(number, line, CallEventType.MISSED)


def test_another_caller_s_push_does_not_hide_a_polled_ring() -> None:
    """111 pushed only, then 222 polled only: both are new."""
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111"), pushed=True)
    assert deduplicator.first(ring("222"), pushed=False)
    # 111's poll, late: the twin of its push.
    assert not deduplicator.first(ring("111"), pushed=False)


def test_same_caller_on_another_line_is_another_call() -> None:
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111", line=1), pushed=True)
    assert deduplicator.first(ring("111", line=2), pushed=False)
    assert not deduplicator.first(ring("111", line=1), pushed=False)


def test_what_one_side_does_not_know_matches() -> None:
    """A push that found no line, or whose $remote the phone left unset."""
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111", line=None), pushed=True)
    assert not deduplicator.first(ring("111", line=2), pushed=False)
    assert deduplicator.first(ring("", line=None), pushed=True)
    assert not deduplicator.first(ring("333", line=1), pushed=False)


def test_numbers_compared_by_their_key() -> None:
    deduplicator = EventDeduplicator(lambda number: number.replace(" ", ""))
    assert deduplicator.first(ring("030 123"), pushed=True)
    assert not deduplicator.first(ring("030123"), pushed=False)


def test_a_ring_is_matched_however_long_it_rings(
    freezer: FrozenDateTimeFactory,
) -> None:
    """The push tells the ring; the phone is read again 90 s later, still ringing."""
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111"), pushed=True)
    freezer.tick(timedelta(seconds=90))
    assert not deduplicator.first(ring("111"), pushed=False)


def test_an_ended_ring_is_matched_a_window_longer(
    freezer: FrozenDateTimeFactory,
) -> None:
    """A read sent before the ring's end may answer after it; then the mark goes."""
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111"), pushed=True)
    freezer.tick(timedelta(seconds=90))
    assert deduplicator.first(missed("111"), pushed=True)
    freezer.tick(timedelta(seconds=EventDeduplicator.WINDOW - 1))
    assert not deduplicator.first(ring("111"), pushed=False)

    assert deduplicator.first(ring("222"), pushed=True)
    assert deduplicator.first(missed("222"), pushed=False)
    freezer.tick(timedelta(seconds=EventDeduplicator.WINDOW))
    assert deduplicator.first(ring("222"), pushed=False)


def test_a_ring_whose_end_is_never_told_is_forgotten(
    freezer: FrozenDateTimeFactory,
) -> None:
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111"), pushed=True)
    freezer.tick(timedelta(seconds=EventDeduplicator.RING_LIMIT))
    assert deduplicator.first(ring("111"), pushed=False)


def test_another_call_s_end_leaves_the_ring(freezer: FrozenDateTimeFactory) -> None:
    """222's ring on line 2 ends; 111's ring on line 1 still rings."""
    deduplicator = EventDeduplicator(str.strip)
    assert deduplicator.first(ring("111", line=1), pushed=True)
    assert deduplicator.first(ring("222", line=2), pushed=True)
    assert deduplicator.first(missed("222", line=2), pushed=True)
    freezer.tick(timedelta(seconds=EventDeduplicator.WINDOW * 2))
    assert not deduplicator.first(ring("111", line=1), pushed=False)
    assert deduplicator.first(ring("222", line=2), pushed=False)
