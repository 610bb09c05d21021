"""Tests of the switch platform: do not disturb."""

from __future__ import annotations

from homeassistant.const import (
    ATTR_ASSUMED_STATE,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    Platform,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache,
)

from simulator import SimulatedPhone
from tests.conftest import SnapshotEntities, poll, setup_entry
from tests.integration.helpers import only_platform, sent, state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

HANDSET_1_DND = "switch.grandstream_dp_handset_1_do_not_disturb"
HANDSET_2_DND = "switch.grandstream_dp_handset_2_do_not_disturb"
GXP_DND = "switch.grandstream_gxp_do_not_disturb"

only_switch_platform = only_platform(Platform.SWITCH)


async def switch(hass: HomeAssistant, service: str, entity_id: str) -> None:
    """Turn a switch on or off, as the UI does."""
    await hass.services.async_call(
        "switch", service, {"entity_id": entity_id}, blocking=True
    )


async def test_gxp_entities(
    snapshot_entities: SnapshotEntities, gxp_entry: MockConfigEntry
) -> None:
    """The switches of a GXP phone."""
    await snapshot_entities(gxp_entry)


async def test_dp_entities(
    snapshot_entities: SnapshotEntities, dp_entry: MockConfigEntry
) -> None:
    """The switches of the two paired handsets of a DP750 base."""
    await snapshot_entities(dp_entry)


async def test_dp_dnd(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """DND of a handset is set and unset on that handset, with no line."""
    state = state_of(hass, HANDSET_1_DND)
    assert state.state == STATE_UNKNOWN
    assert state.attributes[ATTR_ASSUMED_STATE] is True

    await switch(hass, "turn_on", HANDSET_1_DND)
    assert sent(dp_phone, "api-device_operation") == [{"hs": "1", "cmd": "setdnd"}]
    assert dp_phone.station(1).dnd
    assert not dp_phone.station(2).dnd
    assert state_of(hass, HANDSET_1_DND).state == STATE_ON
    assert state_of(hass, HANDSET_2_DND).state == STATE_UNKNOWN

    # Polls do not read DND: the switch keeps what it set.
    await poll(hass, dp)
    assert state_of(hass, HANDSET_1_DND).state == STATE_ON

    dp_phone.clear_requests()
    await switch(hass, "turn_off", HANDSET_1_DND)
    assert sent(dp_phone, "api-device_operation") == [{"hs": "1", "cmd": "unsetdnd"}]
    assert not dp_phone.station(1).dnd
    assert state_of(hass, HANDSET_1_DND).state == STATE_OFF


async def test_dp_dnd_refused(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """A refused DND command leaves the switch as it was."""
    await dp_phone.set_fault("response_error", count=1)

    with pytest.raises(HomeAssistantError) as err:
        await switch(hass, "turn_on", HANDSET_1_DND)

    assert err.value.translation_key == "command_refused"
    assert state_of(hass, HANDSET_1_DND).state == STATE_UNKNOWN


async def test_dp_dnd_restored(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp_entry: MockConfigEntry
) -> None:
    """After a restart the switch shows what it was before, and sends nothing."""
    mock_restore_cache(
        hass,
        [
            State(HANDSET_1_DND, STATE_ON),
            State(HANDSET_2_DND, STATE_UNAVAILABLE),
        ],
    )
    await setup_entry(hass, dp_entry)

    assert state_of(hass, HANDSET_1_DND).state == STATE_ON
    assert state_of(hass, HANDSET_2_DND).state == STATE_UNKNOWN
    assert sent(dp_phone, "api-device_operation") == []


async def test_gxp_dnd_unknown(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """The DND key toggles: with the state unknown, the switch does not press it."""
    assert state_of(hass, GXP_DND).state == STATE_UNKNOWN

    with pytest.raises(HomeAssistantError) as err:
        await switch(hass, "turn_on", GXP_DND)

    assert err.value.translation_key == "dnd_state_unknown"
    assert sent(gxp_phone, "api-send_key") == []
    assert state_of(hass, GXP_DND).state == STATE_UNKNOWN


async def test_gxp_dnd_known(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp_entry: MockConfigEntry
) -> None:
    """With the state known, the DND key is pressed only to change it."""
    mock_restore_cache(hass, [State(GXP_DND, STATE_OFF)])
    await setup_entry(hass, gxp_entry)
    assert state_of(hass, GXP_DND).state == STATE_OFF

    await switch(hass, "turn_off", GXP_DND)
    assert sent(gxp_phone, "api-send_key") == []

    await switch(hass, "turn_on", GXP_DND)
    assert sent(gxp_phone, "api-send_key") == [{"keys": "DND"}]
    assert gxp_phone.station().dnd
    assert state_of(hass, GXP_DND).state == STATE_ON

    await switch(hass, "turn_on", GXP_DND)
    await switch(hass, "turn_off", GXP_DND)
    assert sent(gxp_phone, "api-send_key") == [{"keys": "DND"}, {"keys": "DND"}]
    assert not gxp_phone.station().dnd
    assert state_of(hass, GXP_DND).state == STATE_OFF
