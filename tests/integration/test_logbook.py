"""Each step of a call is one line in the logbook, as the device page asks for it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.logbook import const as logbook_const
from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.grandstream_cti.const import DOMAIN
from simulator import SimulatedPhone
from tests.conftest import poll, setup_entry
from tests.integration.helpers import device_id

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Load custom_components/, with the recorder set up before Home Assistant.

    The logbook reads what the recorder wrote; the recorder must come first.
    """


@pytest.fixture(autouse=True)
async def logbook(hass: HomeAssistant) -> None:
    """The logbook, without the frontend's panel (not installed everywhere)."""
    hass.config.components.add("frontend")
    assert await async_setup_component(hass, "logbook", {})


async def device_page_logbook(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    device: str,
    start: datetime,
) -> list[dict[str, Any]]:
    """The logbook's lines since start, asked for as a device's page asks.

    The page names the device and each of its entities, so that it shows their
    state changes and the events that name the device.
    """
    await async_wait_recording_done(hass)
    entities = er.async_entries_for_device(er.async_get(hass), device)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": start.isoformat(),
            "end_time": (dt_util.utcnow() + timedelta(seconds=1)).isoformat(),
            "device_ids": [device],
            "entity_ids": [entity.entity_id for entity in entities],
        }
    )
    response = await client.receive_json()
    assert response["success"]
    lines: list[dict[str, Any]] = response["result"]
    return lines


def call_lines(lines: list[dict[str, Any]], call_entity: str) -> list[dict[str, Any]]:
    """The lines that tell a step of a call: the Call entity's, and ours."""
    return [
        line
        for line in lines
        if line.get("entity_id") == call_entity or line.get("domain") == DOMAIN
    ]


def steps_told(lines: list[dict[str, Any]]) -> list[str]:
    """The call event each line tells, where the logbook says which."""
    return [line["attributes"]["event_type"] for line in lines if "attributes" in line]


def shown(steps: list[str]) -> list[str]:
    """The steps the logbook hands the frontend with their lines.

    Home Assistant 2026.7 and later hand it each event entity line's event type,
    which it shows in the user's language; older ones hand it none.
    """
    return steps if hasattr(logbook_const, "EXPOSED_STATE_ATTRIBUTES") else []


@pytest.mark.parametrize(
    ("answered", "steps"),
    [(False, ["incoming", "missed"]), (True, ["incoming", "answered", "ended"])],
)
async def test_each_step_of_a_call_is_one_line(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    gxp_phone: SimulatedPhone,
    gxp_entry: MockConfigEntry,
    *,
    answered: bool,
    steps: list[str],
) -> None:
    """A call's steps each write one line: the Call entity's, not also a sentence.

    Before, each step wrote two: the bus event's description and the Call
    entity's own line.
    """
    await setup_entry(hass, gxp_entry)
    start = dt_util.utcnow()
    gxp_phone.ring(1, "+4930123456", "Alice")
    await poll(hass, gxp_entry)
    if answered:
        gxp_phone.answer(1)
        await poll(hass, gxp_entry)
        gxp_phone.end_call(1)
    else:
        gxp_phone.hangup(1)
    await poll(hass, gxp_entry)

    lines = await device_page_logbook(
        hass, hass_ws_client, device_id(hass, gxp_entry), start
    )
    told = call_lines(lines, "event.grandstream_gxp_call")
    # Each moment of the call (ring, answer, end) has one line of it.
    assert sorted(line["when"] for line in told) == sorted(
        {line["when"] for line in lines}
    )
    assert len(told) == len(steps)
    assert steps_told(told) == shown(steps)
    # Who called is told at the ring, by the line's own entities.
    assert {"+4930123456", "Alice"} <= {line.get("state") for line in lines}


async def test_a_handset_missing_a_ring_all_call(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    dp_phone: SimulatedPhone,
    dp_entry: MockConfigEntry,
) -> None:
    """Handset 2, whose ring another handset answered, writes one line a step."""
    await setup_entry(hass, dp_entry)
    start = dt_util.utcnow()
    dp_phone.ring_all("+4930123456", "Alice")
    await poll(hass, dp_entry)
    dp_phone.answer(hs=1)
    await poll(hass, dp_entry)

    lines = await device_page_logbook(
        hass, hass_ws_client, device_id(hass, dp_entry, 2), start
    )
    told = call_lines(lines, "event.grandstream_dp_handset_2_call")
    assert len(told) == 2
    assert steps_told(told) == shown(["incoming", "answered_elsewhere"])
