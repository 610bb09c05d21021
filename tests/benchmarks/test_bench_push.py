"""Ring-to-event latency: Action URL push against polling, in one run.

Not part of scripts/test: run scripts/bench_push (its options set the BENCH_*
variables). BENCH_PHONES simulated phones per mode (default 40), of which the
share BENCH_GXP_SHARE (default 1) are GXP and the rest DP750 (ringing handset
1), each ring BENCH_RINGS times (default 5) at random moments; the latency is
from the ring on the simulator to the `call` event entity's state change in
Home Assistant. A DP750's push names no handset, so there it makes the
integration read the base at once: its push latency includes that read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
import os
import random
import statistics
import time

from aiohttp.test_utils import TestClient
from homeassistant.components.webhook import async_generate_path
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti.const import DEFAULT_POLL_INTERVAL
from custom_components.grandstream_cti.webhook import push_urls
from simulator import SimulatedPhone

from ..conftest import PASSCODE, phone_entry, setup_entry
from . import options

pytestmark = pytest.mark.skipif(
    not os.environ.get("GRANDSTREAM_BENCH"), reason="benchmark: run scripts/bench_push"
)
PHONES_PER_MODE = options.count("BENCH_PHONES", 40)
GXP_SHARE = options.share("BENCH_GXP_SHARE", 1.0)
RINGS_PER_PHONE = options.count("BENCH_RINGS", 5)
MODES = ("push", "poll")


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


async def test_bench_push(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    assert await async_setup_component(hass, "grandstream_cti", {})
    http: TestClient = await hass_client_no_auth()
    registry = er.async_get(hass)
    families = options.split_families(PHONES_PER_MODE, GXP_SHARE)
    subjects: list[Subject] = []
    phones: list[SimulatedPhone] = []
    try:
        for mode in MODES:
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
                        base = str(
                            http.make_url(
                                async_generate_path(entry.data[CONF_WEBHOOK_ID])
                            )
                        )
                        phone.action_url.set_templates(
                            {
                                event: base + "?" + url.split("?", 1)[1]
                                for event, url in push_urls(hass, entry).items()
                            }
                        )
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

        waiting: dict[tuple[str, str], asyncio.Future[float]] = {}

        @callback
        def record(event: Event[EventStateChangedData]) -> None:
            state = event.data["new_state"]
            if state is None or "event_type" not in state.attributes:
                return
            key = (event.data["entity_id"], state.attributes["event_type"])
            if (future := waiting.pop(key, None)) and not future.done():
                future.set_result(time.perf_counter())

        async_track_state_change_event(
            hass, [subject.entity_id for subject in subjects], record
        )

        def waiter_for(entity_id: str) -> Callable[[str], asyncio.Future[float]]:
            def waiter(event_type: str) -> asyncio.Future[float]:
                future = hass.loop.create_future()
                waiting[(entity_id, event_type)] = future
                return future

            return waiter

        latencies: dict[tuple[str, str], list[float]] = {
            (mode, family): []
            for mode in MODES
            for family, count in families.items()
            if count
        }
        started = time.perf_counter()
        await asyncio.gather(
            *(
                ring_repeatedly(
                    subject,
                    waiter_for(subject.entity_id),
                    latencies[subject.mode, subject.family],
                )
                for subject in subjects
            )
        )
        elapsed = time.perf_counter() - started

        print()
        print(
            f"{PHONES_PER_MODE} phones per mode ({families['gxp']} GXP, "
            f"{families['dp']} DP750), {RINGS_PER_PHONE} rings each, "
            f"poll interval {DEFAULT_POLL_INTERVAL} s, {elapsed:.0f} s in all"
        )
        print("| mode | family | rings | p50 | p95 | max |")
        print("|---|---|---:|---:|---:|---:|")
        for (mode, family), values in latencies.items():
            ms = [value * 1000 for value in values]
            print(
                f"| {mode} | {family} | {len(ms)} | {statistics.median(ms):.0f} ms "
                f"| {percentile(ms, 0.95):.0f} ms | {max(ms):.0f} ms |"
            )
        pushed = [
            value
            for (mode, _), values in latencies.items()
            if mode == "push"
            for value in values
        ]
        assert percentile(pushed, 0.95) < 0.1
    finally:
        for entry in hass.config_entries.async_entries("grandstream_cti"):
            await hass.config_entries.async_unload(entry.entry_id)
        for phone in phones:
            await phone.close()
