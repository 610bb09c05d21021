"""Ring-to-event latency: Action URL push against polling, in one run, under load.

Not part of scripts/test: run scripts/bench_push (its options set the BENCH_*
variables). BENCH_PHONES simulated phones per mode (default 40), of which the
share BENCH_GXP_SHARE (default 1) are GXP and the rest DP750 (ringing handset
1), each ring BENCH_RINGS times (default 5) at random moments; the latency is
from the ring on the simulator to the `call` event entity's state change in
Home Assistant. A DP750's push names no handset, so there it makes the
integration read the base at once: its push latency includes that read.

Meanwhile BENCH_LOAD_PHONES more phones (default 100, half GXP half DP750, in
simulator processes of their own, as in the scale benchmark) are set up and
poll at the default interval, ringing never: the load. And in the same Home
Assistant, a third mode, `bare`: as many GXP phones again, whose Action URLs
(the same URLs, the same simulated push) go to a bare webhook whose handler
only sets a state. Integration push against bare push is the webhook's own
cost against the integration's: the ratio of their p95 is printed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
import os
import random
import statistics
import time

from aiohttp import hdrs, web
from aiohttp.test_utils import TestClient
from homeassistant.components import webhook
from homeassistant.components.webhook import async_generate_path
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti.const import (
    CONF_FAMILY,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
)
from custom_components.grandstream_cti.webhook import (
    ACTION_URL_SLOTS,
    PUSH_QUERY,
)
from simulator import SimulatedPhone

from ..conftest import PASSCODE, phone_entry, setup_entry
from ..integration.helpers import point_phone_at
from . import options
from .scale import simulator_processes

pytestmark = pytest.mark.skipif(
    not os.environ.get("GRANDSTREAM_BENCH"), reason="benchmark: run scripts/bench_push"
)
PHONES_PER_MODE = options.count("BENCH_PHONES", 40)
GXP_SHARE = options.share("BENCH_GXP_SHARE", 1.0)
RINGS_PER_PHONE = options.count("BENCH_RINGS", 5)
LOAD_PHONES = options.count("BENCH_LOAD_PHONES", 100, low=0)
MODES = ("push", "poll", "bare")
# The integration's push p95 against the bare webhook's, at most (issue 13).
TARGET_RATIO = 1.25


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True, slots=True)
class Subject:
    """One phone of the run, and what is measured on it."""

    mode: str
    family: str
    phone: SimulatedPhone
    handset: int | None  # the one that rings; None on a GXP
    entity_id: str  # its `call` event entity


async def ring_repeatedly(
    subject: Subject,
    waiter: Callable[[str], asyncio.Future[float]],
    latencies: list[float],
) -> None:
    """Ring, wait for `incoming`; hang up, wait for `missed`; again."""
    phone, hs = subject.phone, subject.handset
    for _ in range(RINGS_PER_PHONE):
        await asyncio.sleep(random.uniform(0, DEFAULT_POLL_INTERVAL))
        incoming = waiter("incoming")
        started = time.perf_counter()
        phone.ring(line=1, number="5551234", hs=hs)
        latencies.append(await asyncio.wait_for(incoming, 30) - started)
        missed = waiter("missed")
        phone.hangup(line=1, hs=hs)
        await asyncio.wait_for(missed, 30)


@pytest.fixture
def load_phones() -> Iterator[list[tuple[str, str]]]:
    """(family, host:port) of the load phones, in simulator processes."""
    counts = options.split_families(LOAD_PHONES, 0.5)
    macs = {"gxp": "000B82300000", "dp": "000B82400000"}
    with simulator_processes(counts, PASSCODE, macs) as processes:
        yield [
            (process.family, host) for process in processes for host in process.hosts
        ]


async def set_up_load(hass: HomeAssistant, load: list[tuple[str, str]]) -> None:
    """A config entry per load phone, all set up at once as at Home Assistant's start."""
    entries = [
        MockConfigEntry(
            domain=DOMAIN,
            title=f"load {family} {index}",
            entry_id=f"load_{family}_{index}",
            data={
                CONF_HOST: host,
                CONF_PASSWORD: PASSCODE,
                CONF_SSL: False,
                CONF_VERIFY_SSL: False,
                CONF_FAMILY: family,
            },
        )
        for index, (family, host) in enumerate(load)
    ]
    for entry in entries:
        entry.add_to_hass(hass)
    await asyncio.gather(
        *(hass.config_entries.async_setup(entry.entry_id) for entry in entries)
    )
    await hass.async_block_till_done()
    assert all(entry.state is ConfigEntryState.LOADED for entry in entries)


@callback
def register_bare_webhook(hass: HomeAssistant, webhook_id: str) -> str:
    """A webhook that only sets a state per push; the entity id it sets."""
    entity_id = f"sensor.{webhook_id}"

    async def handle(
        hass: HomeAssistant, webhook_id: str, request: web.Request
    ) -> None:
        event = request.query.get("event", "")
        hass.states.async_set(entity_id, event, {"event_type": event})

    webhook.async_register(
        hass,
        "bench",
        webhook_id,
        webhook_id,
        handle,
        local_only=True,
        allowed_methods=[hdrs.METH_GET],
    )
    return entity_id


def point_at_bare_webhook(
    hass: HomeAssistant, http: TestClient, phone: SimulatedPhone, webhook_id: str
) -> str:
    """The phone's Action URLs, as to the integration, to a bare webhook; the
    entity id that webhook sets."""
    entity_id = register_bare_webhook(hass, webhook_id)
    base = str(http.make_url(async_generate_path(webhook_id)))
    phone.action_url.set_templates(
        {
            event.value: f"{base}?event={event.value}&{PUSH_QUERY}"
            for event in ACTION_URL_SLOTS
        }
    )
    return entity_id


class EventStates:
    """When each awaited event type reached each entity's state."""

    def __init__(self, hass: HomeAssistant, entity_ids: list[str]) -> None:
        """Watch the state changes of these entities."""
        self._hass = hass
        self._waiting: dict[tuple[str, str], asyncio.Future[float]] = {}
        async_track_state_change_event(hass, entity_ids, self._record)

    def waiter(self, entity_id: str, event_type: str) -> asyncio.Future[float]:
        """The perf_counter time at which entity_id next shows event_type."""
        future = self._waiting[entity_id, event_type] = self._hass.loop.create_future()
        return future

    @callback
    def _record(self, event: Event[EventStateChangedData]) -> None:
        state = event.data["new_state"]
        if state is None or "event_type" not in state.attributes:
            return
        key = (event.data["entity_id"], state.attributes["event_type"])
        if (future := self._waiting.pop(key, None)) and not future.done():
            future.set_result(time.perf_counter())


async def start_bare_subjects(
    hass: HomeAssistant, http: TestClient, phones: list[SimulatedPhone]
) -> list[Subject]:
    """GXP phones pushing, as to the integration, to bare webhooks."""
    subjects = []
    for index in range(PHONES_PER_MODE):
        phone = SimulatedPhone("gxp", passcode=PASSCODE, mac=f"000B82{len(phones):06X}")
        await phone.start()
        phones.append(phone)
        entity_id = point_at_bare_webhook(hass, http, phone, f"bench_bare_{index}")
        subjects.append(Subject("bare", "gxp", phone, None, entity_id))
    return subjects


def summary(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max, in ms."""
    ms = [value * 1000 for value in values]
    return statistics.median(ms), percentile(ms, 0.95), max(ms)


def report(
    latencies: dict[tuple[str, str], list[float]],
    families: dict[str, int],
    elapsed: float,
) -> None:
    """Print both tables and the ratio; check the push p95."""
    load = options.split_families(LOAD_PHONES, 0.5)
    print()
    print(
        f"{PHONES_PER_MODE} phones per mode ({families['gxp']} GXP, "
        f"{families['dp']} DP750; bare: {PHONES_PER_MODE} GXP), "
        f"{RINGS_PER_PHONE} rings each, poll interval {DEFAULT_POLL_INTERVAL} s, "
        f"under load of {LOAD_PHONES} polling phones ({load['gxp']} GXP, "
        f"{load['dp']} DP750), {elapsed:.0f} s in all"
    )
    print("| mode | family | rings | p50 | p95 | max |")
    print("|---|---|---:|---:|---:|---:|")
    for (mode, family), values in latencies.items():
        p50, p95, top = summary(values)
        print(
            f"| {mode} | {family} | {len(values)} | {p50:.0f} ms "
            f"| {p95:.0f} ms | {top:.0f} ms |"
        )
    by_mode = {
        mode: [
            value
            for (of, _), values in latencies.items()
            if of == mode
            for value in values
        ]
        for mode in ("push", "bare")
    }
    print()
    print("| push through | rings | p50 | p95 | max |")
    print("|---|---:|---:|---:|---:|")
    for mode, name in (("push", "integration"), ("bare", "bare webhook")):
        p50, p95, top = summary(by_mode[mode])
        print(
            f"| {name} | {len(by_mode[mode])} | {p50:.1f} ms "
            f"| {p95:.1f} ms | {top:.1f} ms |"
        )
    ratio = percentile(by_mode["push"], 0.95) / percentile(by_mode["bare"], 0.95)
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(
        f"p95 integration / p95 bare: {ratio:.2f}x "
        f"(target at most {TARGET_RATIO}x: {verdict})"
    )
    assert percentile(by_mode["push"], 0.95) < 0.1


async def test_bench_push(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    load_phones: list[tuple[str, str]],
) -> None:
    assert await async_setup_component(hass, "grandstream_cti", {})
    assert await async_setup_component(hass, "webhook", {})
    http: TestClient = await hass_client_no_auth()
    registry = er.async_get(hass)
    families = options.split_families(PHONES_PER_MODE, GXP_SHARE)
    subjects: list[Subject] = []
    phones: list[SimulatedPhone] = []
    try:
        await set_up_load(hass, load_phones)
        for mode in MODES:
            if mode == "bare":
                subjects.extend(await start_bare_subjects(hass, http, phones))
                continue
            for family, count in families.items():
                for index in range(count):
                    # A MAC of its own: a push is refused from a MAC that
                    # another entry has learnt.
                    phone = SimulatedPhone(
                        family, passcode=PASSCODE, mac=f"000B82{len(phones):06X}"
                    )
                    await phone.start()
                    phones.append(phone)
                    entry = phone_entry(phone, family)
                    entry = type(entry)(
                        domain=entry.domain,
                        title=f"{mode} {family} {index}",
                        data=dict(entry.data),
                        entry_id=f"{mode}_{family}_{index}",
                    )
                    await setup_entry(hass, entry)
                    if mode == "push":
                        point_phone_at(hass, phone, entry, http)
                    handset = 1 if family == "dp" else None
                    entity_id = registry.async_get_entity_id(
                        "event",
                        "grandstream_cti",
                        f"{entry.entry_id}_hs{handset}_call"
                        if handset
                        else f"{entry.entry_id}_call",
                    )
                    assert entity_id
                    subjects.append(Subject(mode, family, phone, handset, entity_id))

        states = EventStates(hass, [subject.entity_id for subject in subjects])
        latencies: dict[tuple[str, str], list[float]] = {
            (mode, family): []
            for mode in MODES
            for family, count in (
                {"gxp": PHONES_PER_MODE} if mode == "bare" else families
            ).items()
            if count
        }
        started = time.perf_counter()
        await asyncio.gather(
            *(
                ring_repeatedly(
                    subject,
                    partial(states.waiter, subject.entity_id),
                    latencies[subject.mode, subject.family],
                )
                for subject in subjects
            )
        )
        elapsed = time.perf_counter() - started

        report(latencies, families, elapsed)
    finally:
        for index in range(PHONES_PER_MODE):
            webhook.async_unregister(hass, f"bench_bare_{index}")
        await asyncio.gather(
            *(
                hass.config_entries.async_unload(entry.entry_id)
                for entry in hass.config_entries.async_entries("grandstream_cti")
            )
        )
        for phone in phones:
            await phone.close()
