"""One call, one outcome, across every phone and DP handset of the house.

A DECT base in parallel-ring mode rings every handset for one call, and a PBX
may ring several desk phones: when one answers, the others stop ringing. Each
of them alone would see its ring stop unanswered, a missed call. Here a ring
that stops is told as what happened to its call: answered on another station,
declined by the user through Home Assistant, or missed.

How a DP750 shows a ring-all call is inferred, not in the CTI guide: every
handset's line rings with the caller's number, and the others go idle when
one answers (or all of them when the caller gives up). A station is one GXP
phone or one DP handset, named by its phone (the config entry) and handset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .calls import CallEvent, CallEventType, Station
from .models import CallState

type StationKey = tuple[str, int | None]
type Deliver = Callable[[tuple[CallEvent, ...]], None]


@dataclass(frozen=True, slots=True)
class _Held:
    """A stopped ring whose call still rings elsewhere: not told yet."""

    event: CallEvent
    rang_since: datetime
    held_at: datetime


class HouseCalls:
    """Decides each ring that stops once its call's outcome is known.

    Stations tell their call events (deduplicated) through `resolve`, in the
    order they happened. A ring that stops without an answer on its station
    is:
    - `rejected` when the user declined it there through Home Assistant;
    - `answered_elsewhere` when another station answered the same caller
      since it started ringing;
    - held, while another station still rings for the same caller: the
      outcome is told when that ring ends, to the phone the held ring is of;
    - else `missed`.
    A held ring is told as missed after HOLD_LIMIT at the latest, so that a
    phone that stops answering cannot keep it for ever. An incoming ring of
    a caller another station of the same phone already rings for says so
    (`rings_elsewhere`): a DP base ringing every handset for one call.
    """

    HOLD_LIMIT = timedelta(minutes=5)
    # No phone rings this long: a ring whose end was not seen (a phone that
    # went away) is forgotten. Inferred, not in the CTI guide: a phone stops
    # ringing after its own ring time-out (a setting of minutes), and a SIP
    # server cancels an unanswered call long before this.
    RING_LIMIT = timedelta(minutes=30)

    def __init__(self, number_key: Callable[[str], str]) -> None:
        """Compare callers by number_key (one spelling of a number)."""
        self._key = number_key
        # Who rings now, for which caller, since when.
        self._rings: dict[tuple[StationKey, str], datetime] = {}
        # Each caller's last answer on a station that was ringing for them.
        self._answered: dict[str, datetime] = {}
        self._declined: set[tuple[StationKey, str]] = set()
        self._held: dict[tuple[StationKey, str], _Held] = {}
        self._phones: dict[str, Deliver] = {}

    def add_phone(self, phone: str, deliver: Deliver) -> Callable[[], None]:
        """Take part; deliver gets the phone's held rings once decided.

        Returns what ends its part: its rings no longer hold anyone's back.
        """
        self._phones[phone] = deliver

        def remove() -> None:
            self._phones.pop(phone, None)
            for key in [key for key in self._rings if key[0][0] == phone]:
                del self._rings[key]
            for key in [key for key in self._held if key[0][0] == phone]:
                del self._held[key]
            self._declined = {key for key in self._declined if key[0][0] != phone}

        return remove

    def decline(self, phone: str, handset: int | None, number: str) -> None:
        """The user declines the station's ring of number through Home Assistant."""
        self._declined.add(((phone, handset), self._key(number)))

    def forget_decline(self, phone: str, handset: int | None, number: str) -> None:
        """The decline did not reach the phone: its ring stays the call's."""
        self._declined.discard(((phone, handset), self._key(number)))

    def resolve(
        self, phone: str, events: Iterable[CallEvent], now: datetime
    ) -> tuple[CallEvent, ...]:
        """The phone's events as they are told; held rings of others are delivered."""
        told: list[CallEvent] = []
        for event in events:
            told.extend(self._told(phone, event, now))
        for owner, released in self._released(now).items():
            if owner == phone:
                told.extend(released)
            elif (deliver := self._phones.get(owner)) is not None:
                deliver(tuple(released))
        return tuple(told)

    def _told(self, phone: str, event: CallEvent, now: datetime) -> list[CallEvent]:
        station: StationKey = (phone, event.handset)
        caller = self._key(event.number)
        key = (station, caller)
        if event.event_type in (CallEventType.INCOMING, CallEventType.ANSWERED):
            # A decline is of the ring it was sent for: not of one answered
            # after all, nor of the caller's next ring.
            self._declined.discard(key)
        if event.event_type is CallEventType.INCOMING:
            self._rings.setdefault(key, now)
            if any(
                other[0] == phone and other != station and ringing == caller
                for other, ringing in self._rings
            ):
                event = replace(event, rings_elsewhere=True)
            return [event]
        if event.event_type is CallEventType.ANSWERED:
            if self._rings.pop(key, None) is not None:
                self._answered[caller] = now
            return [event]
        if event.event_type is not CallEventType.MISSED:
            return [event]
        rang_since = self._rings.pop(key, now)
        if key in self._declined:
            self._declined.discard(key)
            return [replace(event, event_type=CallEventType.REJECTED)]
        if self._answered_since(caller, rang_since):
            return [replace(event, event_type=CallEventType.ANSWERED_ELSEWHERE)]
        if self._rings_elsewhere(station, caller):
            self._held[key] = _Held(event, rang_since, now)
            return []
        return [event]

    def _answered_since(self, caller: str, rang_since: datetime) -> bool:
        answered = self._answered.get(caller)
        return answered is not None and answered >= rang_since

    def _rings_elsewhere(self, station: StationKey, caller: str) -> bool:
        return any(
            other != station and ringing == caller for other, ringing in self._rings
        )

    def _released(self, now: datetime) -> Mapping[str, list[CallEvent]]:
        """The held rings whose call no longer rings anywhere else, or waited enough."""
        released: dict[str, list[CallEvent]] = {}
        for key, held in list(self._held.items()):
            station, caller = key
            waited = now - held.held_at >= self.HOLD_LIMIT
            if not waited and self._rings_elsewhere(station, caller):
                continue
            del self._held[key]
            event = held.event
            if self._answered_since(caller, held.rang_since):
                event = replace(event, event_type=CallEventType.ANSWERED_ELSEWHERE)
            released.setdefault(station[0], []).append(event)
        for key, since in list(self._rings.items()):
            if now - since >= self.RING_LIMIT:
                del self._rings[key]
        # An answer matters only while a ring of its caller may still end.
        ringing = {caller for _, caller in (*self._rings, *self._held)}
        for caller in [caller for caller in self._answered if caller not in ringing]:
            del self._answered[caller]
        return released


def first_rings(
    previous: Mapping[int | None, Station] | None,
    events: Iterable[CallEvent],
    number_key: Callable[[str], str],
) -> tuple[CallEvent, ...]:
    """The incoming events of new calls: one per call, not one per handset.

    A ring of a caller another station of the phone already rang for (at the
    last poll, or earlier in these events) is that call ringing on more
    handsets, not a call of its own.
    """
    ringing = {
        number_key(line.remote_number)
        for station in (previous or {}).values()
        for line in station.lines
        if line.state is CallState.RINGING
    }
    first = []
    for event in events:
        if event.event_type is not CallEventType.INCOMING:
            continue
        if (caller := number_key(event.number)) not in ringing:
            ringing.add(caller)
            first.append(event)
    return tuple(first)
