"""Ring-to-event latency: Action URL push against polling, in one run.

Not part of scripts/test: run scripts/bench_push. Each simulated GXP phone rings
several times at random moments; the latency is from the ring on the simulator
to the `call` event entity's state change in Home Assistant.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
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

pytestmark = pytest.mark.skipif(
    not os.environ.get("GRANDSTREAM_BENCH"), reason="benchmark: run scripts/bench_push"
)
PHONES_PER_MODE = int(os.environ.get("BENCH_PHONES", "40"))
RINGS_PER_PHONE = int(os.environ.get("BENCH_RINGS", "5"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def ring_repeatedly(
    phone: SimulatedPhone,
    waiter: Callable[[str], asyncio.Future[float]],
    latencies: list[float],
) -> None:
    """Ring, wait for `incoming`; hang up, wait for `missed`; again."""
    for _ in range(RINGS_PER_PHONE):
        await asyncio.sleep(random.uniform(0, DEFAULT_POLL_INTERVAL))
        incoming = waiter("incoming")
        started = time.perf_counter()
        phone.ring(line=1, number="5551234")
        latencies.append(await asyncio.wait_for(incoming, 30) - started)
        missed = waiter("missed")
        phone.hangup(line=1)
        await asyncio.wait_for(missed, 30)


async def test_bench_push(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    assert await async_setup_component(hass, "grandstream_cti", {})
    http: TestClient = await hass_client_no_auth()
    registry = er.async_get(hass)
    runs: dict[str, list[tuple[SimulatedPhone, str]]] = {"push": [], "poll": []}
    phones: list[SimulatedPhone] = []
    try:
        for mode, group in runs.items():
            for index in range(PHONES_PER_MODE):
                phone = SimulatedPhone(
                    "gxp", passcode=PASSCODE, mac=f"000B82{index:06X}"
                )
                await phone.start()
                phones.append(phone)
                entry = phone_entry(phone, "gxp")
                entry = type(entry)(
                    domain=entry.domain,
                    title=f"{mode} {index}",
                    data=dict(entry.data),
                    entry_id=f"{mode}_{index}",
                )
                await setup_entry(hass, entry)
                if mode == "push":
                    base = str(
                        http.make_url(async_generate_path(entry.data[CONF_WEBHOOK_ID]))
                    )
                    phone.action_url.set_templates(
                        {
                            event: base + "?" + url.split("?", 1)[1]
                            for event, url in push_urls(hass, entry).items()
                        }
                    )
                entity_id = registry.async_get_entity_id(
                    "event", "grandstream_cti", f"{entry.entry_id}_call"
                )
                assert entity_id
                group.append((phone, entity_id))

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
            hass, [entity for group in runs.values() for _, entity in group], record
        )

        def waiter_for(entity_id: str) -> Callable[[str], asyncio.Future[float]]:
            def waiter(event_type: str) -> asyncio.Future[float]:
                future = hass.loop.create_future()
                waiting[(entity_id, event_type)] = future
                return future

            return waiter

        latencies: dict[str, list[float]] = {mode: [] for mode in runs}
        started = time.perf_counter()
        await asyncio.gather(
            *(
                ring_repeatedly(phone, waiter_for(entity_id), latencies[mode])
                for mode, group in runs.items()
                for phone, entity_id in group
            )
        )
        elapsed = time.perf_counter() - started

        print()
        print(
            f"{PHONES_PER_MODE} phones per mode, {RINGS_PER_PHONE} rings each, "
            f"poll interval {DEFAULT_POLL_INTERVAL} s, {elapsed:.0f} s in all"
        )
        print("| mode | rings | p50 | p95 | max |")
        print("|---|---:|---:|---:|---:|")
        for mode, values in latencies.items():
            ms = [value * 1000 for value in values]
            print(
                f"| {mode} | {len(ms)} | {statistics.median(ms):.0f} ms "
                f"| {percentile(ms, 0.95):.0f} ms | {max(ms):.0f} ms |"
            )
        assert percentile(latencies["push"], 0.95) < 0.1
    finally:
        for entry in hass.config_entries.async_entries("grandstream_cti"):
            await hass.config_entries.async_unload(entry.entry_id)
        for phone in phones:
            await phone.close()
