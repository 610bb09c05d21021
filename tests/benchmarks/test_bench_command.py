"""Command latency: from a button press to the phone's acknowledgement, and on
to the new state in Home Assistant.

Not part of scripts/test: run scripts/bench_command (its options set the BENCH_*
variables). A simulated GXP2135 and a simulated DP750 (handset 1 of two paired
ones) in one Home Assistant, each answering every request BENCH_DELAY seconds
late (default 0.08: a slow phone), without Action URLs, so the new state comes
from reading the phone. On each, a call is held and resumed with the Hold and
Resume buttons, BENCH_PRESSES presses in all (default 10), a press every
BENCH_GAP seconds (default 2: a person's pace) or once the last one's state
arrived, if later.

- acknowledged: the press (button.press, blocking) has returned.
- new state: the phone's Call state sensor shows on hold / talking; this can
  come before the acknowledgement when the press waits for a read.
- requests: what the phone received from the press to the acknowledgement.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import os
import statistics
import time

from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.setup import async_setup_component
import pytest

from custom_components.grandstream_cti.const import DEFAULT_POLL_INTERVAL
from simulator import SimulatedPhone

from ..conftest import PASSCODE, phone_entry, setup_entry
from . import options

pytestmark = pytest.mark.skipif(
    not os.environ.get("GRANDSTREAM_BENCH"),
    reason="benchmark: run scripts/bench_command",
)
PRESSES = options.count("BENCH_PRESSES", 10)
DELAY = options.seconds("BENCH_DELAY", 0.08)
GAP = options.seconds("BENCH_GAP", 2.0)
# Hold and Resume in turn, and the call state each one leads to.
PRESS_CYCLE = (("hold", "on_hold"), ("resume", "talking"))


@dataclass(slots=True)
class Subject:
    """One phone of the run, the station pressed on, and what was measured."""

    family: str
    phone: SimulatedPhone
    device: str  # the prefix of the station's entity ids
    acknowledged: list[float] = field(default_factory=list)
    new_state: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)


async def press_repeatedly(hass: HomeAssistant, subject: Subject) -> None:
    """Press Hold, then Resume, ...; time each press's answer and new state."""
    sensor = f"sensor.{subject.device}_call_state"
    for index in range(PRESSES):
        button, expected = PRESS_CYCLE[index % len(PRESS_CYCLE)]
        arrived: asyncio.Future[float] = hass.loop.create_future()

        @callback
        def changed(
            event: Event[EventStateChangedData],
            arrived: asyncio.Future[float] = arrived,
            expected: str = expected,
        ) -> None:
            state = event.data["new_state"]
            if state is not None and state.state == expected and not arrived.done():
                arrived.set_result(time.perf_counter())

        unsubscribe = async_track_state_change_event(hass, sensor, changed)
        before = len(subject.phone.requests)
        started = time.perf_counter()
        await hass.services.async_call(
            "button",
            "press",
            {"entity_id": f"button.{subject.device}_{button}"},
            blocking=True,
        )
        subject.acknowledged.append(time.perf_counter() - started)
        subject.requests.append(len(subject.phone.requests) - before)
        subject.new_state.append(await asyncio.wait_for(arrived, 30) - started)
        unsubscribe()
        await asyncio.sleep(max(0.0, started + GAP - time.perf_counter()))


def milliseconds(values: list[float]) -> tuple[str, str]:
    """The median and the maximum, in whole milliseconds."""
    return (
        f"{statistics.median(values) * 1000:.0f} ms",
        f"{max(values) * 1000:.0f} ms",
    )


async def test_bench_command(hass: HomeAssistant) -> None:
    assert await async_setup_component(hass, "grandstream_cti", {})
    subjects: list[Subject] = []
    try:
        for family, device in (
            ("gxp", "grandstream_gxp"),
            ("dp", "grandstream_dp_handset_1"),
        ):
            phone = SimulatedPhone(family, passcode=PASSCODE)
            await phone.start()
            subjects.append(Subject(family, phone, device))
            entry = await setup_entry(hass, phone_entry(phone, family))
            hs = None if family == "gxp" else 1
            phone.ring(1, hs=hs)
            phone.answer(1, hs=hs)
            await entry.runtime_data.async_refresh()
            await phone.set_fault("slow", delay=DELAY)

        started = time.perf_counter()
        await asyncio.gather(*(press_repeatedly(hass, s) for s in subjects))
        elapsed = time.perf_counter() - started

        print()
        print(
            f"Each request answered {DELAY * 1000:.0f} ms late; {PRESSES} presses "
            f"per phone, one every {GAP:g} s or later; poll interval "
            f"{DEFAULT_POLL_INTERVAL} s, no Action URL; {elapsed:.0f} s in all"
        )
        print(
            "| phone | presses | acknowledged p50 | acknowledged max "
            "| new state p50 | new state max | requests until acknowledged |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for subject in subjects:
            ack_p50, ack_max = milliseconds(subject.acknowledged)
            state_p50, state_max = milliseconds(subject.new_state)
            requests = statistics.mean(subject.requests)
            print(
                f"| {subject.phone.model} | {len(subject.acknowledged)} "
                f"| {ack_p50} | {ack_max} | {state_p50} | {state_max} "
                f"| {requests:.1f} |"
            )
    finally:
        for entry in hass.config_entries.async_entries("grandstream_cti"):
            await hass.config_entries.async_unload(entry.entry_id)
        for subject in subjects:
            await subject.phone.close()
