"""Which line a push moves, and the event it announces."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.cti import CallState, Family, LineStatus
from custom_components.grandstream_cti.cti.accounts import PhoneAccounts
from custom_components.grandstream_cti.cti.calls import (
    CallEventType,
    PushEvent,
    Station,
    apply_push,
)

ACCOUNTS = PhoneAccounts(family=Family.GXP)


def station(*lines: tuple[str, str, str]) -> Station:
    """A GXP phone whose lines show (phone's state word, number, name), then one idle."""
    shown = (*lines, ("idle", "", ""))
    return Station(
        handset=None,
        lines=tuple(
            LineStatus(
                line=index, raw_state=raw_state, remote_number=number, remote_name=name
            )
            for index, (raw_state, number, name) in enumerate(shown, start=1)
        ),
    )


def states(pushed: Station) -> list[tuple[CallState, str]]:
    return [(line.state, line.remote_number) for line in pushed.lines]


@pytest.mark.parametrize(
    ("before", "push", "event_type"),
    [
        # Call waiting: Alice on hold, Bob talking.
        (
            station(("onhold", "111", "Alice"), ("connected", "222", "Bob")),
            PushEvent.TERMINATED,
            CallEventType.ENDED,
        ),
        # Two calls ringing.
        (
            station(("ringing", "111", "Alice"), ("ringing", "222", "Bob")),
            PushEvent.MISSED,
            CallEventType.MISSED,
        ),
    ],
)
def test_push_ends_the_line_showing_its_number(
    before: Station, push: PushEvent, event_type: CallEventType
) -> None:
    pushed, event = apply_push(before, push, "222", accounts=ACCOUNTS)

    assert pushed.lines[0] is before.lines[0]
    assert pushed.lines[1].state is CallState.IDLE
    assert event is not None
    assert (event.event_type, event.line, event.number, event.name) == (
        event_type,
        2,
        "222",
        "Bob",
    )


def test_push_of_a_number_no_line_shows_takes_the_first_line() -> None:
    before = station(("onhold", "111", "Alice"), ("connected", "222", "Bob"))

    pushed, event = apply_push(before, PushEvent.TERMINATED, "333", accounts=ACCOUNTS)

    assert states(pushed)[:2] == [(CallState.IDLE, "333"), (CallState.TALKING, "222")]
    assert event is not None
    assert event.line == 1


def test_numbers_match_but_for_surrounding_spaces() -> None:
    before = station(("ringing", "111", "Alice"), ("ringing", " 222 ", "Bob"))

    pushed, event = apply_push(before, PushEvent.MISSED, "222", accounts=ACCOUNTS)

    assert [state for state, _ in states(pushed)][:2] == [
        CallState.RINGING,
        CallState.IDLE,
    ]
    assert event is not None
    assert event.line == 2


@pytest.mark.parametrize(
    ("before", "push", "expected"),
    [
        # A read saw the ring before the Incoming push came.
        (
            station(("ringing", "111", "Alice")),
            PushEvent.INCOMING,
            (CallEventType.INCOMING, 1, "111", "Alice"),
        ),
        # Call waiting: the read saw Bob's ring during Alice's call.
        (
            station(("connected", "111", "Alice"), ("ringing", "222", "Bob")),
            PushEvent.INCOMING,
            (CallEventType.INCOMING, 2, "222", "Bob"),
        ),
        # A read saw Bob on hold: his Hold push does not put Alice on hold.
        (
            station(("connected", "111", "Alice"), ("onhold", "222", "Bob")),
            PushEvent.HOLD,
            None,
        ),
    ],
)
def test_push_a_read_came_before_moves_no_line(
    before: Station,
    push: PushEvent,
    expected: tuple[CallEventType, int, str, str] | None,
) -> None:
    number = before.lines[-2].remote_number

    pushed, event = apply_push(before, push, number, accounts=ACCOUNTS)

    assert pushed.lines == before.lines
    described = (
        None
        if event is None
        else (event.event_type, event.line, event.number, event.name)
    )
    assert described == expected
