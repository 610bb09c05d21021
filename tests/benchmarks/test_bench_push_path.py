"""The push path's own cost: one ring at a time, no load, integration against bare.

One simulated GXP pushes to the integration's webhook, another to a bare webhook
that only sets a state (as in test_bench_push), in one Home Assistant process
with nothing else polling. They ring in turn, BENCH_RINGS times each (default
150), one ring at a time. Under load (scripts/bench_push) the p95 of 200 rings
moves by more than the target's margin from one run to the next; here the
integration's own share of a push shows: the time from the push reaching the
integration's handler to the event entity's new state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import os
import statistics
import time

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti import webhook as integration_webhook
from custom_components.grandstream_cti.webhook import (
    Push,
)
from simulator import SimulatedPhone

from ..conftest import PASSCODE, phone_entry, setup_entry
from ..integration.helpers import point_phone_at
from . import options
from .test_bench_push import EventStates, percentile, point_at_bare_webhook

pytestmark = pytest.mark.skipif(
    not os.environ.get("GRANDSTREAM_BENCH"), reason="benchmark: run scripts/bench_push"
)
RINGS = options.count("BENCH_RINGS", 150)
# Between rings: the read that follows each push is over by then.
PAUSE = 0.02


def _ms(values: list[float]) -> str:
    ms = [value * 1000 for value in values]
    return (
        f"{statistics.median(ms):.2f} ms | {percentile(ms, 0.95):.2f} ms "
        f"| {max(ms):.2f} ms"
    )


def _report(latencies: dict[str, list[float]], in_handler: list[float]) -> None:
    print()
    print(f"{RINGS} rings each way, one at a time, no load")
    print("| push through | p50 | p95 | max |")
    print("|---|---:|---:|---:|")
    for name, values in latencies.items():
        print(f"| {name} | {_ms(values)} |")
    print(f"| the integration's handler to the event's state | {_ms(in_handler)} |")
    ratio = percentile(latencies["integration"], 0.95) / percentile(
        latencies["bare webhook"], 0.95
    )
    print(f"p95 integration / p95 bare: {ratio:.2f}x")


async def test_bench_push_path(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert await async_setup_component(hass, "grandstream_cti", {})
    assert await async_setup_component(hass, "webhook", {})
    http = await hass_client_no_auth()
    async with (
        SimulatedPhone("gxp", passcode=PASSCODE, mac="000B82000001") as phone,
        SimulatedPhone("gxp", passcode=PASSCODE, mac="000B82000002") as bare,
    ):
        entry = await setup_entry(hass, phone_entry(phone, "gxp"))
        point_phone_at(hass, phone, entry, http)
        bare_entity = point_at_bare_webhook(hass, http, bare, "bench_bare_path")
        event_entity = er.async_get(hass).async_get_entity_id(
            "event", "grandstream_cti", f"{entry.entry_id}_call"
        )
        assert event_entity

        # When the push reached the integration's handler: its first step.
        arrived: list[float] = []
        parse_push = integration_webhook.parse_push

        def timed_parse(raw_query: str) -> Push | None:
            arrived.append(time.perf_counter())
            return parse_push(raw_query)

        monkeypatch.setattr(integration_webhook, "parse_push", timed_parse)

        states = EventStates(hass, [event_entity, bare_entity])

        async def ring(
            subject: SimulatedPhone, entity_id: str, handled: Callable[[float], None]
        ) -> float:
            incoming = states.waiter(entity_id, "incoming")
            arrived.clear()
            started = time.perf_counter()
            subject.ring(line=1, number="5551234")
            shown = await asyncio.wait_for(incoming, 10)
            handled(shown)
            missed = states.waiter(entity_id, "missed")
            subject.hangup(line=1)
            await asyncio.wait_for(missed, 10)
            await asyncio.sleep(PAUSE)
            return shown - started

        in_handler: list[float] = []
        latencies: dict[str, list[float]] = {"integration": [], "bare webhook": []}
        for _ in range(RINGS):
            latencies["integration"].append(
                await ring(
                    phone,
                    event_entity,
                    lambda shown: in_handler.append(shown - arrived[0]),
                )
            )
            latencies["bare webhook"].append(
                await ring(bare, bare_entity, lambda _shown: None)
            )
        await hass.config_entries.async_unload(entry.entry_id)

    _report(latencies, in_handler)
