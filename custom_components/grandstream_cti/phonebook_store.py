"""The phonebook in Home Assistant: stored once for all phones, naming callers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.singleton import singleton
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN, LOGGER
from .cti import LineStatus
from .cti.calls import CallEvent, Station
from .kept_store import KeptStore
from .phonebook.contacts import (
    MAX_CONTACTS,
    Contact,
    MergeCount,
    PhonebookError,
    contact,
    merge,
    name_key,
    number_index,
    remove_contacts,
    set_contact,
)
from .phonebook.numbers import NumberingPlan, number_key, numbering_plan, same_number

STORAGE_KEY = f"{DOMAIN}.phonebook"
STORAGE_VERSION = 1
# Seconds: an import or a few edits in a row are written once.
SAVE_DELAY = 10
PHONEBOOK: HassKey[Phonebook] = HassKey(f"{DOMAIN}_phonebook")


class _StoredContact(TypedDict):
    name: str
    numbers: list[str]


class _StoredPhonebook(TypedDict):
    contacts: list[_StoredContact]


@singleton(PHONEBOOK, async_=True)
async def async_get_phonebook(hass: HomeAssistant) -> Phonebook:
    """The phonebook of every phone, loaded once."""
    store = KeptStore[_StoredPhonebook](hass, STORAGE_VERSION, STORAGE_KEY)
    stored = await store.async_load_kept()
    return Phonebook(hass, store, _read_contacts(stored))


def _read_contacts(stored: Any) -> tuple[Contact, ...]:
    """The contacts of what was stored; each damaged one skipped, with one warning.

    A file edited by hand, or cut short, must not cost the other contacts,
    nor stop every phone from setting up.
    """
    items = stored.get("contacts") if isinstance(stored, dict) else []
    if not isinstance(items, list):
        items = [items]
    contacts: dict[str, Contact] = {}
    for item in items:
        read = _read_contact(item)
        if read is None or len(contacts) == MAX_CONTACTS:
            continue
        contacts.setdefault(name_key(read.name), read)
    skipped = len(items) - len(contacts)
    if skipped:
        LOGGER.warning(
            "%s of the %s stored contacts could not be read and were left out",
            skipped,
            len(items),
        )
    return tuple(contacts.values())


def _read_contact(item: Any) -> Contact | None:
    """A stored contact, checked as when it was typed; None if damaged."""
    if not isinstance(item, dict):
        return None
    name, numbers = item.get("name"), item.get("numbers")
    if not isinstance(name, str) or not isinstance(numbers, list):
        return None
    if not all(isinstance(number, str) for number in numbers):
        return None
    try:
        return contact(name, numbers)
    except PhonebookError:
        return None


async def async_remove_phonebook(hass: HomeAssistant) -> None:
    """Delete the stored phonebook, with any write still pending."""
    phonebook = await async_get_phonebook(hass)
    del hass.data[PHONEBOOK]
    await phonebook.async_remove()


class Phonebook:
    """The contacts, and the names they give the numbers phones show.

    Numbers are compared by Home Assistant's country (Home information), read
    at each lookup: a change of country applies at once.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        store: KeptStore[_StoredPhonebook],
        contacts: tuple[Contact, ...],
    ) -> None:
        """Hold the contacts as loaded."""
        self._hass = hass
        self._store = store
        self._contacts = contacts
        # The number index, and the numbering plan it was made with.
        self._index: tuple[NumberingPlan | None, Mapping[str, str]] | None = None

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """Every contact, in the order they were added."""
        return self._contacts

    @property
    def numbering_plan(self) -> NumberingPlan | None:
        """How national numbers are read: Home Assistant's country's plan."""
        return numbering_plan(self._hass.config.country)

    def name_for(self, number: str, outside_line: str = "") -> str | None:
        """The name of the contact with this number, if any.

        A phone behind a PBX may show a caller with the PBX's outside-line
        prefix before the number (0 030 1234567, which would read as +30):
        with the prefix the phone's options name, the number without it is
        looked up first.
        """
        plan = self.numbering_plan
        if self._index is None or self._index[0] != plan:
            self._index = (plan, number_index(self._contacts, plan))
        spellings = [number]
        if outside_line and (shown := number.strip()).startswith(outside_line):
            spellings.insert(0, shown.removeprefix(outside_line))
        for spelling in spellings:
            if (key := number_key(spelling, plan)) is not None and (
                name := self._index[1].get(key)
            ):
                return name
        return None

    def contact_named(self, name: str) -> Contact | None:
        """The contact of this name, however spaced and cased."""
        key = name_key(name)
        return next((c for c in self._contacts if name_key(c.name) == key), None)

    def call_key(self, number: str) -> str:
        """The one spelling of a caller's number that tells one call from another.

        A number that is none (an anonymous caller's word) is kept as shown.
        """
        return number_key(number, self.numbering_plan) or number.strip()

    def caller_name(self, number: str, shown_name: str, outside_line: str) -> str:
        """The name to show: the phonebook's, else the one the phone showed.

        Some phones show the number as the name: that is no name.
        """
        if name := self.name_for(number, outside_line):
            return name
        return (
            "" if same_number(shown_name, number, self.numbering_plan) else shown_name
        )

    def named_stations(
        self, stations: Mapping[int | None, Station], outside_line: str
    ) -> Mapping[int | None, Station]:
        """The stations with each line's remote party named.

        What the phonebook does not rename stays the very same object: most
        polls find every line idle, and the coordinator compares each poll's
        data with the last one's, which is quickest between identical objects.
        """
        named = {
            handset: self._named_station(station, outside_line)
            for handset, station in stations.items()
        }
        if all(named[handset] is station for handset, station in stations.items()):
            return stations
        return named

    def named_events(
        self, events: Iterable[CallEvent], outside_line: str
    ) -> tuple[CallEvent, ...]:
        """The events with each caller named."""
        return tuple(
            replace(
                event, name=self.caller_name(event.number, event.name, outside_line)
            )
            for event in events
        )

    def set_contact(self, contact: Contact, *, replacing: str | None = None) -> None:
        """Add a contact, or put it in place of the one named replacing."""
        self._changed(set_contact(self._contacts, contact, replacing=replacing))

    def remove(self, names: Iterable[str]) -> None:
        """Remove the contacts of these names."""
        self._changed(remove_contacts(self._contacts, names))

    def merge(self, contacts: Sequence[Contact]) -> MergeCount:
        """Add imported contacts; a known name gains the numbers it lacked."""
        merged, count = merge(self._contacts, contacts)
        self._changed(merged)
        return count

    def replace_all(self, contacts: Sequence[Contact]) -> int:
        """Hold these contacts, and no other; returns how many others were removed.

        Contacts of one name are merged, as an import merges them. Raises
        PhonebookFullError for more than MAX_CONTACTS.
        """
        book, _ = merge((), contacts)
        kept = {name_key(contact.name) for contact in book}
        removed = sum(1 for old in self._contacts if name_key(old.name) not in kept)
        self._changed(book)
        return removed

    def _named_station(self, station: Station, outside_line: str) -> Station:
        lines = tuple(self._named_line(line, outside_line) for line in station.lines)
        if lines == station.lines:
            return station
        return replace(station, lines=lines)

    def _named_line(self, line: LineStatus, outside_line: str) -> LineStatus:
        if not line.remote_number and not line.remote_name:
            return line
        name = self.caller_name(line.remote_number, line.remote_name, outside_line)
        return line if name == line.remote_name else replace(line, remote_name=name)

    async def async_remove(self) -> None:
        """Delete what is stored: no phone is left to name callers for."""
        await self._store.async_remove()

    def _changed(self, contacts: tuple[Contact, ...]) -> None:
        self._contacts = contacts
        self._index = None
        self._store.async_delay_save(self._stored, SAVE_DELAY)

    def _stored(self) -> _StoredPhonebook:
        return {
            "contacts": [
                {"name": contact.name, "numbers": list(contact.numbers)}
                for contact in self._contacts
            ]
        }
