"""Entities added as what they show appears: a handset pairing, a line, an account."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary

from homeassistant.core import callback
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator
from .data import GrandstreamData


@dataclass(slots=True, kw_only=True)
class _Watch[KeyT: Hashable]:
    """One platform's entities of one kind of key, and the keys that have them."""

    add_entities: AddConfigEntryEntitiesCallback
    keys: Callable[[GrandstreamData], Iterable[KeyT]]
    build: Callable[[KeyT], Iterable[Entity]]
    keep_gone: Callable[[GrandstreamData, KeyT], bool] | None
    known: set[KeyT] = field(default_factory=set)

    def update(self, data: GrandstreamData) -> None:
        current = list(self.keys(data))
        new = [key for key in current if key not in self.known]
        present = set(current)
        keep_gone = self.keep_gone
        self.known.difference_update(
            [
                key
                for key in self.known
                if key not in present and not (keep_gone and keep_gone(data, key))
            ]
        )
        self.known.update(new)
        if new:
            self.add_entities([entity for key in new for entity in self.build(key)])


class _Watches:
    """The watches of one phone's platforms, behind one listener of its coordinator.

    A listener each would cost about 1.5 kB per platform and kind of key, and
    a call at every new data.
    """

    __slots__ = ("_coordinator", "_watches")

    def __init__(self, coordinator: GrandstreamCoordinator) -> None:
        """Listen to the coordinator until the entry unloads."""
        self._coordinator = coordinator
        self._watches: list[_Watch[Any]] = []
        coordinator.config_entry.async_on_unload(
            coordinator.async_add_listener(self._update)
        )

    def add(self, watch: _Watch[Any]) -> None:
        self._watches.append(watch)
        if self._coordinator.last_update_success:
            watch.update(self._coordinator.data)

    @callback
    def _update(self) -> None:
        if self._coordinator.last_update_success:
            data = self._coordinator.data
            for watch in self._watches:
                watch.update(data)


_WATCHES: WeakKeyDictionary[GrandstreamCoordinator, _Watches] = WeakKeyDictionary()


def async_add_entities_as_they_appear[KeyT: Hashable](
    coordinator: GrandstreamCoordinator,
    async_add_entities: AddConfigEntryEntitiesCallback,
    keys: Callable[[GrandstreamData], Iterable[KeyT]],
    build: Callable[[KeyT], Iterable[Entity]],
    *,
    keep_gone: Callable[[GrandstreamData, KeyT], bool] | None = None,
) -> None:
    """Add entities for every key now, and for each key that appears later.

    A key that goes away is forgotten, so that it gets its entities again when
    it comes back: right for a handset, whose entities leave with its device.
    A gone key whose entities stay (an account switched off, a line of a
    handset still paired) is kept while keep_gone says so: adding its entities
    again would clash on their unique ids.
    """
    if (watches := _WATCHES.get(coordinator)) is None:
        watches = _WATCHES[coordinator] = _Watches(coordinator)
    watches.add(
        _Watch(
            add_entities=async_add_entities,
            keys=keys,
            build=build,
            keep_gone=keep_gone,
        )
    )


def _stations(data: GrandstreamData) -> Iterable[int | None]:
    return data.stations


def async_add_station_entities(
    entry: GrandstreamConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    build: Callable[[GrandstreamCoordinator, int | None], Iterable[Entity]],
) -> None:
    """Add the entities of a GXP phone's lines now, or of each handset as it pairs.

    A GXP phone has one station, keyed None; a DP base one per paired handset.
    """
    coordinator = entry.runtime_data
    async_add_entities_as_they_appear(
        coordinator, async_add_entities, _stations, partial(build, coordinator)
    )
