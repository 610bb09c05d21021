"""Tests of the binary_sensor platform."""

from __future__ import annotations

from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone
from tests.conftest import SnapshotEntities, poll
from tests.integration.helpers import only_platform, state_of

pytestmark = pytest.mark.usefixtures("freezer")

only_binary_sensor_platform = only_platform(Platform.BINARY_SENSOR)


async def test_gxp_entities(
    snapshot_entities: SnapshotEntities, gxp_entry: MockConfigEntry
) -> None:
    """The binary_sensors of a GXP phone."""
    await snapshot_entities(gxp_entry)


async def test_dp_entities(
    snapshot_entities: SnapshotEntities, dp_entry: MockConfigEntry
) -> None:
    """The binary_sensors of a DP750 base and its two paired handsets."""
    await snapshot_entities(dp_entry)


async def test_gxp_account_registered(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Registration is read at the slow pace, and at once when due."""
    entity_id = "binary_sensor.grandstream_gxp_account_1_registered"
    assert state_of(hass, entity_id).state == STATE_ON

    gxp_phone.set_registered(1, False)
    await poll(hass, gxp)
    assert state_of(hass, entity_id).state == STATE_ON

    await poll(hass, gxp, slow=True)
    assert state_of(hass, entity_id).state == STATE_OFF
    # Slots with no SIP account set up get no entity ...
    account_2 = "binary_sensor.grandstream_gxp_account_2_registered"
    assert hass.states.get(account_2) is None

    # ... until one is set up on the phone.
    gxp_phone.configure_account(2, registered=True)
    await poll(hass, gxp, slow=True)
    assert state_of(hass, account_2).state == STATE_ON


async def test_dp_account_registered(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """Each active account of the base says whether it is registered."""
    account_1 = "binary_sensor.grandstream_dp_account_1_registered"
    account_2 = "binary_sensor.grandstream_dp_account_2_registered"
    assert state_of(hass, account_1).state == STATE_ON
    assert hass.states.get(account_2) is None

    dp_phone.set_registered(1, False)
    await poll(hass, dp)
    assert state_of(hass, account_1).state == STATE_ON
    await poll(hass, dp, slow=True)
    assert state_of(hass, account_1).state == STATE_OFF

    # Registering activates account 2: its sensor appears once the inactive
    # account is read again.
    dp_phone.set_registered(2, True)
    await poll(hass, dp, dormant=True)
    assert state_of(hass, account_2).state == STATE_ON

    # Switched off, it keeps its sensor (the base still reports it).
    dp_phone.account(2).active = False
    await poll(hass, dp, slow=True)
    assert state_of(hass, account_2).state == STATE_ON
    dp_phone.account(2).active = True
    await poll(hass, dp, dormant=True)
    assert state_of(hass, account_2).state == STATE_ON


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_handset_paired(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
) -> None:
    """Pairing follows the base, and a handset's sensors come and go with it.

    A slot gets its Paired sensor once a handset pairs in it, and keeps it.
    """
    paired_2 = "binary_sensor.grandstream_dp_handset_2_paired"
    paired_3 = "binary_sensor.grandstream_dp_handset_3_paired"
    ringing_2 = "binary_sensor.grandstream_dp_handset_2_ringing"
    ringing_3 = "binary_sensor.grandstream_dp_handset_3_ringing"
    assert state_of(hass, paired_2).state == STATE_ON
    assert entity_registry.async_get(paired_3) is None
    assert hass.states.get(ringing_3) is None

    dp_phone.unpair(2)
    dp_phone.pair(3)
    await poll(hass, dp, dormant=True)

    assert state_of(hass, paired_2).state == STATE_OFF
    assert state_of(hass, paired_3).state == STATE_ON
    assert entity_registry.async_get(ringing_2) is None
    assert state_of(hass, ringing_3).state == STATE_OFF

    dp_phone.pair(2)
    dp_phone.ring(1, hs=2)
    await poll(hass, dp, dormant=True)
    assert state_of(hass, paired_2).state == STATE_ON
    assert state_of(hass, ringing_2).state == STATE_ON
