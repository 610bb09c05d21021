"""Polls one phone and derives call events from what changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
import time

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SSL
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .const import (
    CONF_FAMILY,
    CONF_POLL_INTERVAL,
    CONF_PUSHED_EVENTS,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
    LOGGER,
    SLOW_POLL_INTERVAL,
)
from .cti import (
    AccountStatus,
    CallState,
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamError,
    GrandstreamNotSupportedError,
    HandsetStatus,
    LineStatus,
    PhoneOperation,
    PhoneStatus,
    SipAccount,
)
from .cti.validation import DP_ACCOUNTS, HANDSETS
from .repairs import Repair, async_clear_repair, async_raise_repair

type GrandstreamConfigEntry = ConfigEntry[GrandstreamCoordinator]

# Which line speaks for a phone when several are busy: a ringing line first (call
# waiting must still reach automations), then the call in progress.
_STATE_PRIORITY = (
    CallState.RINGING,
    CallState.TALKING,
    CallState.DIALING,
    CallState.ON_HOLD,
    CallState.FAILED,
    CallState.OTHER,
    CallState.IDLE,
)
_IN_CALL = {CallState.TALKING, CallState.ON_HOLD}
_OPERATION_LINE_STATES = {
    PhoneOperation.ACCEPT_CALL: {CallState.RINGING},
    PhoneOperation.REJECT_CALL: {CallState.RINGING},
    PhoneOperation.CANCEL: {CallState.RINGING, CallState.DIALING},
    PhoneOperation.END_CALL: {CallState.TALKING, CallState.ON_HOLD, CallState.DIALING},
    PhoneOperation.HOLD_CALL: {CallState.TALKING},
    PhoneOperation.UNHOLD_CALL: {CallState.ON_HOLD},
}


class CallEventType(StrEnum):
    """What happened to a call."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    ANSWERED = "answered"
    ENDED = "ended"
    MISSED = "missed"


@dataclass(frozen=True, slots=True, kw_only=True)
class CallEvent:
    """A call event on one line of a phone or handset."""

    event_type: CallEventType
    handset: int | None
    line: int | None
    number: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Station:
    """Something a person calls from: a GXP phone, or one DP handset."""

    handset: int | None
    lines: tuple[LineStatus, ...]

    @property
    def current_line(self) -> LineStatus | None:
        """The line that speaks for the station, None when all are idle."""
        busy = [line for line in self.lines if line.state is not CallState.IDLE]
        if not busy:
            return None
        return min(busy, key=lambda line: _STATE_PRIORITY.index(line.state))

    @property
    def state(self) -> CallState:
        """The station's call state."""
        line = self.current_line
        return CallState.IDLE if line is None else line.state

    @property
    def ringing(self) -> bool:
        """Whether any line rings."""
        return any(line.state is CallState.RINGING for line in self.lines)

    @property
    def in_call(self) -> bool:
        """Whether a call is connected or on hold on any line."""
        return any(line.state in _IN_CALL for line in self.lines)

    def line_for(self, operation: PhoneOperation) -> int | None:
        """The line an operation acts on by default, None if no line fits."""
        wanted = _OPERATION_LINE_STATES[PhoneOperation(operation)]
        lines = [line for line in self.lines if line.state in wanted]
        if not lines:
            return None
        return min(lines, key=lambda line: _STATE_PRIORITY.index(line.state)).line

    def line(self, number: int) -> LineStatus | None:
        """The line with this number, if the station has it."""
        return next((line for line in self.lines if line.line == number), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class GrandstreamData:
    """What the phone told us at the last poll."""

    family: Family
    stations: Mapping[int | None, Station]
    phone_status: PhoneStatus | None = None
    handsets: Mapping[int, HandsetStatus] = field(default_factory=dict)
    accounts: Mapping[int, AccountStatus] = field(default_factory=dict)
    sip_accounts: tuple[SipAccount, ...] = ()
    events: tuple[CallEvent, ...] = ()


def derive_events(
    previous: Mapping[int | None, Station] | None,
    current: Mapping[int | None, Station],
) -> tuple[CallEvent, ...]:
    """The call events that lead from the previous poll to this one."""
    if previous is None:
        return ()
    events: list[CallEvent] = []
    for handset, station in current.items():
        before = previous.get(handset)
        if before is None:
            continue
        for line in station.lines:
            old = before.line(line.line)
            if old is None or old.state is line.state:
                continue
            if (event_type := _transition(old.state, line.state)) is None:
                continue
            # An idle line no longer names the caller: take it from before.
            source = line if line.remote_number or line.remote_name else old
            events.append(
                CallEvent(
                    event_type=event_type,
                    handset=handset,
                    line=line.line,
                    number=source.remote_number,
                    name=source.remote_name,
                )
            )
    return tuple(events)


def _transition(old: CallState, new: CallState) -> CallEventType | None:
    if new is CallState.RINGING:
        return CallEventType.INCOMING
    if new is CallState.DIALING:
        return CallEventType.OUTGOING
    if new is CallState.TALKING and old in (CallState.RINGING, CallState.DIALING):
        return CallEventType.ANSWERED
    if new in (CallState.IDLE, CallState.FAILED):
        if old is CallState.RINGING:
            return CallEventType.MISSED
        if old in (CallState.TALKING, CallState.ON_HOLD, CallState.DIALING):
            return CallEventType.ENDED
    return None


class PushEvent(StrEnum):
    """What a phone's Action URL announces (the `event` of our webhook URLs)."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    MISSED = "missed"
    ESTABLISHED = "established"
    TERMINATED = "terminated"
    DND_ON = "dnd_on"
    DND_OFF = "dnd_off"
    HOLD = "hold"
    UNHOLD = "unhold"
    REGISTERED = "registered"
    UNREGISTERED = "unregistered"


# How a push moves a line: from one of these states, to that one.
_PUSH_LINE_CHANGES: Mapping[PushEvent, tuple[frozenset[CallState], CallState]] = {
    PushEvent.INCOMING: (frozenset({CallState.IDLE}), CallState.RINGING),
    PushEvent.OUTGOING: (frozenset({CallState.IDLE}), CallState.DIALING),
    PushEvent.ESTABLISHED: (
        frozenset({CallState.RINGING, CallState.DIALING}),
        CallState.TALKING,
    ),
    PushEvent.TERMINATED: (
        frozenset({CallState.TALKING, CallState.ON_HOLD, CallState.DIALING}),
        CallState.IDLE,
    ),
    PushEvent.MISSED: (frozenset({CallState.RINGING}), CallState.IDLE),
    PushEvent.HOLD: (frozenset({CallState.TALKING}), CallState.ON_HOLD),
    PushEvent.UNHOLD: (frozenset({CallState.ON_HOLD}), CallState.TALKING),
}
# The raw state a phone would report for each call state.
_RAW_STATES = {
    CallState.IDLE: "idle",
    CallState.RINGING: "ringing",
    CallState.DIALING: "calling",
    CallState.TALKING: "connected",
    CallState.ON_HOLD: "onhold",
}


_PUSH_EVENT_TYPES: Mapping[PushEvent, CallEventType] = {
    PushEvent.INCOMING: CallEventType.INCOMING,
    PushEvent.OUTGOING: CallEventType.OUTGOING,
    PushEvent.ESTABLISHED: CallEventType.ANSWERED,
    PushEvent.TERMINATED: CallEventType.ENDED,
    PushEvent.MISSED: CallEventType.MISSED,
}


def apply_push(
    station: Station, push: PushEvent, number: str
) -> tuple[Station, CallEvent | None]:
    """The station as a push says it is now, and the call event it announces.

    The event does not depend on what the station shows: a ring that started
    and ended between two polls was never shown, and its `missed` still counts.
    """
    line = None
    if change := _PUSH_LINE_CHANGES.get(push):
        sources, target = change
        line = next((line for line in station.lines if line.state in sources), None)
    if line is not None:
        keep_remote = target is not CallState.IDLE and not number
        moved = replace(
            line,
            raw_state=_RAW_STATES[target],
            remote_number=line.remote_number if keep_remote else number,
            remote_name=line.remote_name if keep_remote else "",
        )
        lines = tuple(moved if other is line else other for other in station.lines)
        station = replace(station, lines=lines)
    if (event_type := _PUSH_EVENT_TYPES.get(push)) is None:
        return station, None
    return station, CallEvent(
        event_type=event_type,
        handset=station.handset,
        line=None if line is None else line.line,
        number=number or ("" if line is None else line.remote_number),
        name="" if line is None else line.remote_name,
    )


class EventDeduplicator:
    """Lets one real call event through once, whether push, poll or both saw it.

    Each event one source fires leaves a mark; the same event from the other
    source within the window consumes the mark instead of firing again.
    """

    WINDOW = 60.0

    def __init__(self) -> None:
        """Start with no marks."""
        self._marks: dict[tuple[bool, int | None, CallEventType], list[float]] = {}

    def first(self, event: CallEvent, *, pushed: bool) -> bool:
        """Whether event is new; remember it either way."""
        now = time.monotonic()
        twin = self._marks.get((not pushed, event.handset, event.event_type), [])
        twin[:] = [mark for mark in twin if now - mark < self.WINDOW]
        if twin:
            twin.pop(0)
            return False
        own = self._marks.setdefault((pushed, event.handset, event.event_type), [])
        own[:] = [mark for mark in own if now - mark < self.WINDOW]
        own.append(now)
        return True


# The pushes of a call starting, by the polled event that is their twin.
_CALL_START_PUSHES: Mapping[CallEventType, PushEvent] = {
    CallEventType.INCOMING: PushEvent.INCOMING,
    CallEventType.OUTGOING: PushEvent.OUTGOING,
}


class PushWatch:
    """Notices a phone's Action URLs falling silent, and says so in a repair.

    Once a phone has pushed that a call started (incoming or outgoing), every
    such call comes with that push. When the polls see SILENT_AFTER of them in
    a row with no push of their kind in between, the URLs on the phone no
    longer reach Home Assistant: its address changed, the phone was reset. A
    push that arrives after the poll saw its call still counts, as it ends
    the row. Only calls starting count: whether a phone pushes Missed Call
    for a call that was rejected, or Terminated Call for one cancelled while
    dialing, is not known. What the phone has pushed is kept in the entry, so
    that a silence that starts with a restart of Home Assistant is noticed.
    """

    SILENT_AFTER = 3

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Start with no call unannounced."""
        self._hass = hass
        self._entry = entry
        self._unannounced: dict[PushEvent, int] = {}

    @callback
    def pushed(self, push: PushEvent) -> None:
        """The phone pushed: a call starting ends the row of its kind."""
        if push not in _CALL_START_PUSHES.values():
            return
        known = self._entry.data.get(CONF_PUSHED_EVENTS, [])
        if push not in known:
            pushed = sorted({*known, push.value})
            self._hass.config_entries.async_update_entry(
                self._entry, data={**self._entry.data, CONF_PUSHED_EVENTS: pushed}
            )
        if self._unannounced.pop(push, 0) >= self.SILENT_AFTER:
            self._update_repair()

    @callback
    def polled(self, events: Iterable[CallEvent]) -> None:
        """A poll saw these events: count the calls no push announced (yet)."""
        known = self._entry.data.get(CONF_PUSHED_EVENTS, [])
        for event in events:
            push = _CALL_START_PUSHES.get(event.event_type)
            if push is not None and push in known:
                self._unannounced[push] = self._unannounced.get(push, 0) + 1
                if self._unannounced[push] == self.SILENT_AFTER:
                    self._update_repair()

    def _update_repair(self) -> None:
        if any(count >= self.SILENT_AFTER for count in self._unannounced.values()):
            async_raise_repair(self._hass, self._entry, Repair.ACTION_URLS_SILENT)
        else:
            async_clear_repair(self._hass, self._entry, Repair.ACTION_URLS_SILENT)


class GrandstreamCoordinator(DataUpdateCoordinator[GrandstreamData]):
    """Keeps the state of one phone (and its handsets) up to date."""

    config_entry: GrandstreamConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: GrandstreamConfigEntry,
        client: GrandstreamClient,
    ) -> None:
        """Set up polling at the interval the user chose."""
        interval = entry.options.get(CONF_POLL_INTERVAL, DEFAULT_POLL_INTERVAL)
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {client.host}",
            update_interval=timedelta(seconds=interval),
        )
        self.client = client
        self.family = Family(entry.data[CONF_FAMILY])
        self._slow_due = 0.0
        self._sip_accounts_supported = True
        # What the last poll saw: pushes change what entities show, never this.
        self._polled: Mapping[int | None, Station] | None = None
        self._deduplicator = EventDeduplicator()
        self._push_watch = PushWatch(hass, entry)
        # Phones never report DND over CTI: this is what was last set or pushed,
        # per handset (None for a GXP phone).
        self.dnd: dict[int | None, bool] = {}

    @property
    def web_page_url(self) -> str:
        """The address of the phone's web page."""
        scheme = "https" if self.config_entry.data.get(CONF_SSL) else "http"
        return f"{scheme}://{self.client.host}"

    @callback
    def set_dnd(self, handset: int | None, on: bool) -> None:
        """Remember that DND was switched on or off, and tell the entities."""
        self.dnd[handset] = on
        self.async_update_listeners()

    def schedule_slow_refresh(self) -> None:
        """Read pairing and registration again at the next poll."""
        self._slow_due = 0.0

    @callback
    def async_refresh_after_command(self) -> None:
        """Read the phone once, right away, without waiting for the answer.

        A command changes the calls, not pairing or registration: a normal
        poll shows its effect. A task of the entry's, so that it is over before
        the entry unloads; not the debounced refresh, which holds a read back
        for seconds after the last one.
        """
        self.config_entry.async_create_task(
            self.hass, self.async_refresh(), "grandstream_cti read after a command"
        )

    async def _async_update_data(self) -> GrandstreamData:
        try:
            if self.family is Family.GXP:
                data = await self._update_gxp()
            else:
                data = await self._update_dp()
        except GrandstreamAuthenticationError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="invalid_auth",
                translation_placeholders={"error": str(err)},
            ) from err
        except GrandstreamError as err:
            if isinstance(err, GrandstreamNotSupportedError):
                # The phone answers, with 404 or a web page: CTI was switched off.
                async_raise_repair(
                    self.hass,
                    self.config_entry,
                    Repair.CTI_DISABLED,
                    {"url": self.web_page_url},
                )
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="update_failed",
                translation_placeholders={"error": str(err)},
            ) from err
        async_clear_repair(self.hass, self.config_entry, Repair.CTI_DISABLED)
        events = derive_events(self._polled, data.stations)
        self._polled = data.stations
        self._push_watch.polled(events)
        return replace(
            data,
            events=tuple(
                event
                for event in events
                if self._deduplicator.first(event, pushed=False)
            ),
        )

    @callback
    def async_handle_push(self, push: PushEvent, number: str) -> None:
        """Show what a phone's push announces at once, then read the phone.

        A DP base's push does not say which handset: it only triggers the read.
        While the last read failed, the shown state is stale: the push only
        triggers the read, and not even that while the phone refuses the
        passcode (each refused read brings its lock-out nearer).
        """
        self._push_watch.pushed(push)
        if push in (PushEvent.DND_ON, PushEvent.DND_OFF):
            self.set_dnd(None, push is PushEvent.DND_ON)
            async_clear_repair(self.hass, self.config_entry, Repair.DND_STATE_UNKNOWN)
        elif push in (PushEvent.REGISTERED, PushEvent.UNREGISTERED):
            self.schedule_slow_refresh()
        elif self.last_update_success and self.family is Family.GXP:
            station, event = apply_push(self.data.stations[None], push, number)
            events: tuple[CallEvent, ...] = ()
            if event is not None and self._deduplicator.first(event, pushed=True):
                events = (event,)
            self.async_set_updated_data(
                replace(self.data, stations={None: station}, events=events)
            )
        if not self.last_update_success and isinstance(
            self.last_exception, ConfigEntryAuthFailed
        ):
            return
        self.config_entry.async_create_background_task(
            self.hass, self.async_request_refresh(), "grandstream_cti push refresh"
        )

    def _slow_refresh_due(self) -> bool:
        now = time.monotonic()
        if now < self._slow_due:
            return False
        self._slow_due = now + SLOW_POLL_INTERVAL.total_seconds()
        return True

    async def _update_gxp(self) -> GrandstreamData:
        lines = await self.client.line_status()
        phone_status = await self.client.phone_status()
        sip_accounts = self.data.sip_accounts if self.data else ()
        if self._sip_accounts_supported and self._slow_refresh_due():
            try:
                sip_accounts = tuple(await self.client.accounts())
            except GrandstreamNotSupportedError:
                LOGGER.debug("%s has no api-get_accounts", self.client.host)
                self._sip_accounts_supported = False
        return GrandstreamData(
            family=Family.GXP,
            stations={None: Station(handset=None, lines=tuple(lines))},
            phone_status=phone_status,
            sip_accounts=sip_accounts,
        )

    async def _update_dp(self) -> GrandstreamData:
        handsets = dict(self.data.handsets) if self.data else {}
        accounts = dict(self.data.accounts) if self.data else {}
        if self._slow_refresh_due():
            handsets = {hs: await self.client.handset_status(hs) for hs in HANDSETS}
            accounts = {
                number: await self.client.account_status(number)
                for number in DP_ACCOUNTS
            }
        stations: dict[int | None, Station] = {
            hs: Station(
                handset=hs,
                lines=tuple(await self.client.handset_line_status(hs)),
            )
            for hs, status in handsets.items()
            if status.paired
        }
        return GrandstreamData(
            family=Family.DP,
            stations=stations,
            handsets=handsets,
            accounts=accounts,
        )
