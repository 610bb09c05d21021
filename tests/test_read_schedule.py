"""When a DP base's accounts and handset slots are due for a read."""

from __future__ import annotations

from datetime import timedelta

from custom_components.grandstream_cti.read_schedule import ReadSchedule

LIVE = timedelta(seconds=60)
DORMANT = timedelta(minutes=5)


def schedule() -> ReadSchedule:
    """Slots 1-4, read at a minute when in use, at five minutes when not."""
    return ReadSchedule(range(1, 5), live_interval=LIVE, dormant_interval=DORMANT)


def test_everything_is_due_before_the_first_read() -> None:
    """Nothing is known yet: every slot is read, in slot order."""
    assert schedule().due(0.0) == [1, 2, 3, 4]
    assert schedule().due(1000.0) == [1, 2, 3, 4]


def test_live_slots_every_minute_dormant_ones_every_five() -> None:
    """A slot in use is read a minute after its last read, one unused five."""
    reads = schedule()
    reads.read(1000.0, {1: True, 2: False, 3: True, 4: False})

    assert reads.due(1000.0) == []
    assert reads.due(1059.9) == []
    assert reads.due(1060.0) == [1, 3]
    assert reads.due(1299.9) == [1, 3]
    assert reads.due(1300.0) == [1, 2, 3, 4]


def test_each_slot_goes_by_its_own_last_read() -> None:
    """A read of some slots moves only their next read; a slot's new state
    decides its next interval."""
    reads = schedule()
    reads.read(1000.0, {1: True, 2: False, 3: False, 4: False})
    # At 1060 only slot 1 is read: it went out of use.
    reads.read(1060.0, {1: False})
    assert reads.due(1299.9) == []
    assert reads.due(1300.0) == [2, 3, 4]
    # At 1300 slot 2 came into use: read again a minute later.
    reads.read(1300.0, {2: True, 3: False, 4: False})
    assert reads.due(1360.0) == [1, 2]


def test_read_all_next_makes_dormant_slots_due_too() -> None:
    """After a change the phone announced, every slot is read at once."""
    reads = schedule()
    reads.read(1000.0, {1: True, 2: False, 3: False, 4: False})
    assert reads.due(1010.0) == []

    reads.read_all_next()

    assert reads.due(1010.0) == [1, 2, 3, 4]


def test_an_unread_slot_stays_due() -> None:
    """A slot whose read was not recorded (the poll failed) is read next time."""
    reads = schedule()
    reads.read(1000.0, {1: True, 2: False})
    assert reads.due(1000.0) == [3, 4]


def test_intervals_of_the_integration() -> None:
    """By default, the slow refresh for live slots, five minutes for others."""
    reads = ReadSchedule([1, 2])
    reads.read(0.0, {1: True, 2: False})
    assert reads.due(59.9) == []
    assert reads.due(60.0) == [1]
    assert reads.due(300.0) == [1, 2]
