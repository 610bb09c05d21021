"""Polls one phone, merges its pushes in, and hands out what it knows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from functools import partial

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SSL
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .call_log import CallLog
from .const import (
    CONF_FAMILY,
    CONF_OUTSIDE_LINE,
    CONF_POLL_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
    LOGGER,
)
from .cti import (
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamError,
    GrandstreamNotSupportedError,
)
from .cti.calls import CallEvent, PushEvent, Station, apply_push, derive_events
from .cti.deduplication import EventDeduplicator
from .cti.house import HouseCalls, first_rings
from .data import GrandstreamData
from .house_calls import async_get_house_calls
from .phone_reads import PhoneReads
from .phonebook_store import Phonebook, async_get_phonebook
from .push_watch import PushWatch
from .repairs import Repair, async_clear_repair, async_raise_repair

type GrandstreamConfigEntry = ConfigEntry[GrandstreamCoordinator]


class GrandstreamCoordinator(DataUpdateCoordinator[GrandstreamData]):
    """Keeps the state of one phone (and its handsets) up to date."""

    config_entry: GrandstreamConfigEntry
    # Shared by every phone; loaded before the first poll (_async_setup).
    _phonebook: Phonebook
    _deduplicator: EventDeduplicator
    house: HouseCalls

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
            # A poll that brings nothing new (data equal to the last) updates
            # no entity: no state is written for a phone that did not change.
            always_update=False,
        )
        self.client = client
        self.family = Family(entry.data[CONF_FAMILY])
        self._reads = PhoneReads(client, self.family)
        # What the last poll saw: pushes change what entities show, never this.
        self._polled: Mapping[int | None, Station] | None = None
        self._push_watch = PushWatch(hass, entry)
        self.call_log = CallLog(hass, entry)
        self._logged: GrandstreamData | None = None
        # Phones never report DND over CTI: this is what was last set or pushed,
        # per handset (None for a GXP phone).
        self.dnd: dict[int | None, bool] = {}
        self._call_listeners: list[CALLBACK_TYPE] = []
        self._entity_listeners: list[CALLBACK_TYPE] = []

    async def _async_setup(self) -> None:
        """Read the kept calls, join the house's calls, log each new data's calls."""
        await self.call_log.async_load()
        self._phonebook = await async_get_phonebook(self.hass)
        self._deduplicator = EventDeduplicator(self._phonebook.call_key)
        self.house = await async_get_house_calls(self.hass)
        entry = self.config_entry
        entry.async_on_unload(self.house.add_phone(entry.entry_id, self._async_tell))
        # Also a listener of Home Assistant's: while the coordinator has one,
        # it polls, with every entity disabled too.
        entry.async_on_unload(self.async_add_listener(self._log_calls))

    @callback
    def _log_calls(self) -> None:
        # Run first on new data (async_update_listeners), then again as Home
        # Assistant's listener; listeners also run after a failed refresh, and
        # on pushes that do not poll, with the data already logged: its calls
        # must not count twice.
        if (data := self.data) is not self._logged:
            self._logged = data
            self.call_log.async_record(data.events)

    @callback
    def async_add_call_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call listener on new data before any other listener; returns what stops it.

        For the call events: an automation on a call starts before the rest
        of the phone's entities are written.
        """
        self._call_listeners.append(listener)
        return lambda: self._call_listeners.remove(listener)

    @callback
    def async_add_entity_listener(self, listener: CALLBACK_TYPE) -> None:
        """Call an entity's listener on new data, after the call listeners.

        Cheaper than async_add_listener, a few hundred bytes an entity less,
        for what every entity of every phone has: no remover is made, the
        entity gives the same listener to async_remove_entity_listener.
        """
        self._entity_listeners.append(listener)

    @callback
    def async_remove_entity_listener(self, listener: CALLBACK_TYPE) -> None:
        """Stop calling an entity's listener (a bound method, equal, not the same)."""
        self._entity_listeners.remove(listener)

    @callback
    def async_update_listeners(self) -> None:
        """Log the calls, then tell the call listeners, the entities, the others.

        The calls first: an automation that a call event starts reads the
        Missed calls it counted.
        """
        self._log_calls()
        for listener in list(self._call_listeners):
            listener()
        for listener in list(self._entity_listeners):
            listener()
        super().async_update_listeners()

    @property
    def push_watch(self) -> PushWatch:
        """What the phone's pushes showed: the last one, and any silence."""
        return self._push_watch

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

    @callback
    def async_show_phone_status(self) -> CALLBACK_TYPE:
        """Read the phone status from now on; returns what stops its reads.

        For the Phone status sensor while it is added. It is read at once,
        not at the next poll, which may be minutes away.
        """
        self._reads.show_phone_status(True)
        self.config_entry.async_create_task(
            self.hass,
            self.async_request_refresh(),
            "grandstream_cti read of the phone status",
        )
        return partial(self._reads.show_phone_status, False)

    def schedule_slow_refresh(self) -> None:
        """Read pairing and registration again at the next poll, of every slot."""
        self._reads.read_everything_next()

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
            data = await self._reads.poll(self.data)
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
        events = derive_events(self._polled, data.stations, data.phone_accounts)
        previous, self._polled = self._polled, data.stations
        self._push_watch.polled(first_rings(previous, events, self._phonebook.call_key))
        return self._named(replace(data, events=self._told(events, pushed=False)))

    def _told(
        self, events: tuple[CallEvent, ...], *, pushed: bool
    ) -> tuple[CallEvent, ...]:
        """The events to tell: each real one once, decided with the house's others."""
        new = (
            event for event in events if self._deduplicator.first(event, pushed=pushed)
        )
        return self.house.resolve(self.config_entry.entry_id, new, dt_util.utcnow())

    @callback
    def _async_tell(self, events: tuple[CallEvent, ...]) -> None:
        """Tell the events of rings the house held back until their call's end.

        Not async_set_updated_data: that would make a failed read look a
        success, and move the next poll.
        """
        self.data = self._named(replace(self.data, events=events))
        self.async_update_listeners()

    def _named(self, data: GrandstreamData) -> GrandstreamData:
        """The data as handed out: with callers as the phonebook names them."""
        outside_line = self.config_entry.options.get(CONF_OUTSIDE_LINE, "")
        stations = self._phonebook.named_stations(data.stations, outside_line)
        if stations is data.stations and not data.events:
            return data
        events = self._phonebook.named_events(data.events, outside_line)
        return replace(data, stations=stations, events=events)

    @callback
    def async_handle_push(
        self, push: PushEvent, number: str, *, local: str = ""
    ) -> None:
        """Show what a phone's push announces at once, then read the phone.

        A DP base's push does not say which handset: it only triggers the read.
        While the last read failed, the shown state is stale: the push only
        triggers the read, and not even that while the phone refuses the
        passcode (each refused read brings its lock-out nearer).
        """
        if push in (PushEvent.DND_ON, PushEvent.DND_OFF):
            # A DP base's DND push does not say which handset: no switch to set.
            if not self.family.has_handsets:
                self.set_dnd(None, push is PushEvent.DND_ON)
            async_clear_repair(self.hass, self.config_entry, Repair.DND_STATE_UNKNOWN)
        elif push in (PushEvent.REGISTERED, PushEvent.UNREGISTERED):
            self.schedule_slow_refresh()
        elif self.last_update_success and not self.family.has_handsets:
            station, event = apply_push(
                self.data.stations[None],
                push,
                number,
                local=local,
                accounts=self.data.phone_accounts,
            )
            events = () if event is None else self._told((event,), pushed=True)
            self.async_set_updated_data(
                self._named(replace(self.data, stations={None: station}, events=events))
            )
        # What the push showed comes first; what it tells of the Action URLs
        # (the Last push sensor, the silence repair) and the read after.
        self._push_watch.pushed(push)
        if not self.last_update_success and isinstance(
            self.last_exception, ConfigEntryAuthFailed
        ):
            return
        # Not started eagerly: the read's request would hold up the phone's
        # answer, and the next push, for about a millisecond.
        self.config_entry.async_create_background_task(
            self.hass,
            self.async_request_refresh(),
            "grandstream_cti push refresh",
            eager_start=False,
        )
