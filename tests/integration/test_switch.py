"""Tests of the switch platform: do not disturb."""

from __future__ import annotations

from collections.abc import Generator
from unittest.mock import patch

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
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from simulator import SimulatedPhone
from tests.conftest import poll, setup_entry

HANDSET_1_DND = "switch.grandstream_dp_handset_1_do_not_disturb"
HANDSET_2_DND = "switch.grandstream_dp_handset_2_do_not_disturb"
GXP_DND = "switch.grandstream_gxp_do_not_disturb"


@pytest.fixture(autouse=True)
def only_switch_platform() -> Generator[None]:
    """Set up the switch platform alone."""
    with patch("custom_components.grandstream_cti.PLATFORMS", [Platform.SWITCH]):
        yield


def sent(phone: SimulatedPhone, function: str) -> list[dict[str, str]]:
    """The parameters of each request of a CTI function, but the passcode."""
    return [
        {name: value for name, value in request.params.items() if name != "passcode"}
        for request in phone.requests_for(function)
    ]


async def switch(hass: HomeAssistant, service: str, entity_id: str) -> None:
    """Turn a switch on or off, as the UI does."""
    await hass.services.async_call(
        "switch", service, {"entity_id": entity_id}, blocking=True
    )


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The entity's state, which must exist."""
    state = hass.states.get(entity_id)
    assert state is not None
    return state


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_gxp_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    gxp_entry: MockConfigEntry,
) -> None:
    """The switches of a GXP phone."""
    await setup_entry(hass, gxp_entry)
    await snapshot_platform(hass, entity_registry, snapshot, gxp_entry.entry_id)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_dp_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    dp_entry: MockConfigEntry,
) -> None:
    """The switches of the two paired handsets of a DP750 base."""
    await setup_entry(hass, dp_entry)
    await snapshot_platform(hass, entity_registry, snapshot, dp_entry.entry_id)


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
