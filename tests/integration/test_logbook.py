"""Call events in the logbook, in words."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

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


@pytest.fixture
async def logbook(hass: HomeAssistant) -> None:
    """The logbook, without the frontend's panel (not installed everywhere)."""
    hass.config.components.add("frontend")
    assert await async_setup_component(hass, "logbook", {})


@pytest.mark.usefixtures("logbook")
async def test_logbook_describes_calls(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    device_registry: dr.DeviceRegistry,
    dp_phone: SimulatedPhone,
    dp_entry: MockConfigEntry,
) -> None:
    """The logbook says, in words, what happened on which handset."""
    start = dt_util.utcnow()
    await setup_entry(hass, dp_entry)
    handset = device_id(hass, dp_entry, 2)
    device_registry.async_update_device(handset, name_by_user="Kitchen handset")

    dp_phone.ring(1, "+4930123456", "Alice", hs=2)
    await poll(hass, dp_entry)
    dp_phone.hangup(1, hs=2)
    await poll(hass, dp_entry)
    await async_wait_recording_done(hass)

    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": start.isoformat(),
            "end_time": (dt_util.utcnow() + timedelta(seconds=1)).isoformat(),
            "device_ids": [handset],
        }
    )
    response = await client.receive_json()
    assert response["success"]
    described = [
        (entry["name"], entry["message"], entry.get("entity_id"))
        for entry in response["result"]
        if entry.get("domain") == "grandstream_cti"
    ]
    entity_id = "event.grandstream_dp_handset_2_call"
    assert described == [
        ("Kitchen handset", "was called by Alice (+4930123456)", entity_id),
        ("Kitchen handset", "missed a call from Alice (+4930123456)", entity_id),
    ]


@pytest.mark.usefixtures("logbook")
@pytest.mark.parametrize(
    ("accounts", "message"),
    [
        (1, "missed a call from Alice (+4930123456)"),
        (2, "missed a call from Alice (+4930123456) on Office (1001)"),
    ],
)
async def test_the_account_only_where_the_phone_has_several(
    hass: HomeAssistant,
    *,
    hass_ws_client: WebSocketGenerator,
    gxp_phone: SimulatedPhone,
    gxp_entry: MockConfigEntry,
    accounts: int,
    message: str,
) -> None:
    start = dt_util.utcnow()
    gxp_phone.configure_account(1, sip_id="1001", name="Office")
    if accounts == 2:
        gxp_phone.configure_account(2, sip_id="+4930555", name="Home")
    await setup_entry(hass, gxp_entry)

    gxp_phone.ring(1, "+4930123456", "Alice")
    await poll(hass, gxp_entry)
    gxp_phone.hangup(1)
    await poll(hass, gxp_entry)
    await async_wait_recording_done(hass)

    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": start.isoformat(),
            "end_time": (dt_util.utcnow() + timedelta(seconds=1)).isoformat(),
            "device_ids": [device_id(hass, gxp_entry)],
        }
    )
    response = await client.receive_json()
    described = [
        entry["message"]
        for entry in response["result"]
        if entry.get("domain") == "grandstream_cti"
    ]
    assert described[-1] == message
