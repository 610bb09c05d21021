"""EventDeduplicator: push and poll matched by call, never by count alone."""

from __future__ import annotations

from custom_components.grandstream_cti.cti.calls import CallEvent, CallEventType
from custom_components.grandstream_cti.cti.deduplication import EventDeduplicator


def ring(number: str, line: int | None = 1) -> CallEvent:
    """An incoming event of a GXP phone."""
    return CallEvent(
        event_type=CallEventType.INCOMING,
        handset=None,
        line=line,
        number=number,
        name="",
    )


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
