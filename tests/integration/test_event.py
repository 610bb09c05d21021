"""Tests of the event platform."""

from __future__ import annotations

from homeassistant.const import STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone
from tests.conftest import SnapshotEntities, poll, setup_entry
from tests.integration.helpers import only_platform, state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

only_event_platform = only_platform(Platform.EVENT)


async def test_gxp_entities(
    snapshot_entities: SnapshotEntities, gxp_entry: MockConfigEntry
) -> None:
    """The events of a GXP phone."""
    await snapshot_entities(gxp_entry)


async def test_dp_entities(
    snapshot_entities: SnapshotEntities, dp_entry: MockConfigEntry
) -> None:
    """The events of a DP750 base and its two paired handsets."""
    await snapshot_entities(dp_entry)


async def test_no_event_for_call_before_setup(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp_entry: MockConfigEntry
) -> None:
    """A call already ringing when Home Assistant starts fires nothing."""
    gxp_phone.ring(1)
    await setup_entry(hass, gxp_entry)
    await poll(hass, gxp_entry)

    assert state_of(hass, "event.grandstream_gxp_call").state == STATE_UNKNOWN


async def test_events_go_to_their_handset(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """A call on one handset fires that handset's event only."""
    dp_phone.ring(4, "5550104", "Dora", hs=2)
    await poll(hass, dp)

    assert state_of(hass, "event.grandstream_dp_handset_1_call").state == STATE_UNKNOWN
    handset_2 = state_of(hass, "event.grandstream_dp_handset_2_call")
    assert handset_2.state != STATE_UNKNOWN
    assert handset_2.attributes["event_type"] == "incoming"
    assert handset_2.attributes["handset"] == 2
    assert handset_2.attributes["line"] == 4
    assert handset_2.attributes["number"] == "5550104"
    assert handset_2.attributes["name"] == "Dora"


async def test_handset_paired_later(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """A handset paired after setup gets an event entity that fires."""
    assert hass.states.get("event.grandstream_dp_handset_5_call") is None

    dp_phone.pair(5)
    await poll(hass, dp, dormant=True)
    assert state_of(hass, "event.grandstream_dp_handset_5_call").state == STATE_UNKNOWN

    dp_phone.ring(1, hs=5)
    await poll(hass, dp)
    state = state_of(hass, "event.grandstream_dp_handset_5_call")
    assert state.attributes["event_type"] == "incoming"
    assert state.attributes["handset"] == 5
