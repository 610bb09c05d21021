"""Tests of the sensor platform, and of the availability of every entity."""

from __future__ import annotations

from dataclasses import replace
import logging

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.cti import PhoneStatus
from simulator import SimulatedPhone
from tests.conftest import SnapshotEntities, poll
from tests.integration.helpers import KEPT_IN_HOME_ASSISTANT, only_platform, state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

only_sensor_platform = only_platform(Platform.SENSOR, autouse=False)


@pytest.mark.usefixtures("only_sensor_platform")
async def test_gxp_entities(
    snapshot_entities: SnapshotEntities, gxp_entry: MockConfigEntry
) -> None:
    """The sensors of a GXP phone."""
    await snapshot_entities(gxp_entry)


@pytest.mark.usefixtures("only_sensor_platform")
async def test_dp_entities(
    snapshot_entities: SnapshotEntities, dp_entry: MockConfigEntry
) -> None:
    """The sensors of the two paired handsets of a DP750 base."""
    await snapshot_entities(dp_entry)


async def test_line_sensors_disabled_by_default(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, gxp: MockConfigEntry
) -> None:
    """Per-line sensors are there, but disabled until the user wants them."""
    entry = entity_registry.async_get("sensor.grandstream_gxp_line_2")
    assert entry is not None
    assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    assert hass.states.get("sensor.grandstream_gxp_line_2") is None
    assert state_of(hass, "sensor.grandstream_gxp_call_state").state == "idle"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_line_sensor(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A line sensor follows its own line, whichever line speaks for the phone."""
    gxp_phone.ring(1, "5550101", "Alice")
    gxp_phone.answer(1)
    gxp_phone.hold(1)
    gxp_phone.dial("5550202", line=2)
    await poll(hass, gxp)

    line_1 = state_of(hass, "sensor.grandstream_gxp_line_1")
    assert line_1.state == "on_hold"
    assert line_1.attributes["remote_number"] == "5550101"
    assert line_1.attributes["remote_name"] == "Alice"
    # The phone counts its first account 0 ("acct": "0"); shown as Account 1.
    assert line_1.attributes["account"] == 1
    assert line_1.attributes["local_number"] == "1001"
    assert line_1.attributes["account_name"] == "Account 1"
    assert line_1.attributes["phone_state"] == "onhold"
    line_2 = state_of(hass, "sensor.grandstream_gxp_line_2")
    assert line_2.state == "dialing"
    assert line_2.attributes["remote_number"] == "5550202"
    assert line_2.attributes["remote_name"] is None
    line_3 = state_of(hass, "sensor.grandstream_gxp_line_3")
    assert line_3.state == "idle"
    assert line_3.attributes["remote_number"] is None
    assert line_3.attributes["account"] is None
    # Dialing outranks a held call.
    assert state_of(hass, "sensor.grandstream_gxp_call_state").state == "dialing"
    assert state_of(hass, "sensor.grandstream_gxp_remote_number").state == "5550202"
    assert state_of(hass, "sensor.grandstream_gxp_remote_name").state == STATE_UNKNOWN


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_phone_status(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """The GXP phone says whether it is available or busy."""
    assert state_of(hass, "sensor.grandstream_gxp_phone_status").state == "available"

    gxp_phone.ring(1)
    await poll(hass, gxp)
    assert state_of(hass, "sensor.grandstream_gxp_phone_status").state == "busy"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_phone_status_unknown_to_the_guide(
    hass: HomeAssistant, gxp: MockConfigEntry
) -> None:
    """A status word the guide does not list shows as other, the word kept."""
    coordinator = gxp.runtime_data
    coordinator.async_set_updated_data(
        replace(coordinator.data, phone_status=PhoneStatus(status="dnd"))
    )

    state = state_of(hass, "sensor.grandstream_gxp_phone_status")
    assert state.state == "other"
    assert state.attributes["phone_state"] == "dnd"
    assert state.attributes["device_class"] == "enum"
    assert state.attributes["options"] == [
        "available",
        "busy",
        "ringing",
        "no_account",
        "other",
    ]


@pytest.fixture(params=["gxp", "dp"])
def phone_and_entry(
    request: pytest.FixtureRequest,
) -> tuple[SimulatedPhone, MockConfigEntry]:
    """The GXP phone or the DP base, set up with every entity enabled."""
    request.getfixturevalue("entity_registry_enabled_by_default")
    return (
        request.getfixturevalue(f"{request.param}_phone"),
        request.getfixturevalue(request.param),
    )


async def test_availability(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    phone_and_entry: tuple[SimulatedPhone, MockConfigEntry],
) -> None:
    """Every entity of what the phone tells is unavailable while the phone is.

    The call log and the last push, which Home Assistant keeps, stay.
    """
    phone, entry = phone_and_entry
    entity_ids = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    ]
    assert len(entity_ids) > 20
    assert all(
        state_of(hass, entity_id).state != STATE_UNAVAILABLE for entity_id in entity_ids
    )

    await phone.set_fault("connection_refused")
    await poll(hass, entry)
    kept = [e for e in entity_ids if e.endswith(KEPT_IN_HOME_ASSISTANT)]
    assert len(kept) >= 3
    assert {
        entity_id: state_of(hass, entity_id).state for entity_id in entity_ids
    } == dict.fromkeys(entity_ids, STATE_UNAVAILABLE) | {
        entity_id: state_of(hass, entity_id).state for entity_id in kept
    }
    assert STATE_UNAVAILABLE not in [state_of(hass, e).state for e in kept]

    hs = None if phone.family == "gxp" else 2
    phone.ring(1, hs=hs)
    await phone.clear_fault()
    await poll(hass, entry)
    assert [
        entity_id
        for entity_id in entity_ids
        if state_of(hass, entity_id).state == STATE_UNAVAILABLE
    ] == []
    station = "grandstream_gxp" if hs is None else "grandstream_dp_handset_2"
    assert state_of(hass, f"sensor.{station}_call_state").state == "ringing"
    assert state_of(hass, f"binary_sensor.{station}_ringing").state == "on"


def line_sensors(
    entity_registry: er.EntityRegistry, entry: MockConfigEntry, handset: int
) -> set[str]:
    """The line sensors a DP handset has registered, enabled or not."""
    prefix = f"{entry.entry_id}_hs{handset}_line"
    return {
        entity.entity_id
        for entity in er.async_entries_for_config_entry(entity_registry, entry.entry_id)
        if entity.unique_id.startswith(prefix)
    }


def handset_lines(handset: int, *lines: int) -> set[str]:
    """The entity ids of these line sensors of a DP handset."""
    return {f"sensor.grandstream_dp_handset_{handset}_line_{line}" for line in lines}


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What was logged at error level or above (a unique id added twice...)."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR
    ]


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_dp_line_sensors_of_active_lines(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    caplog: pytest.LogCaptureFixture,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
) -> None:
    """A DP handset's line gets a sensor once the base reports its account on.

    Switched off, the line keeps its sensor; switched on again, it is not
    added twice.
    """
    assert line_sensors(entity_registry, dp, 1) == handset_lines(1, 1)
    assert line_sensors(entity_registry, dp, 2) == handset_lines(2, 1)

    dp_phone.set_account_active(3, True)
    await poll(hass, dp)
    assert line_sensors(entity_registry, dp, 1) == handset_lines(1, 1, 3)
    assert line_sensors(entity_registry, dp, 2) == handset_lines(2, 1, 3)
    assert state_of(hass, "sensor.grandstream_dp_handset_1_line_3").state == "idle"

    dp_phone.set_account_active(3, False)
    await poll(hass, dp)
    dp_phone.ring(3, hs=1)
    await poll(hass, dp)
    assert line_sensors(entity_registry, dp, 1) == handset_lines(1, 1, 3)
    assert state_of(hass, "sensor.grandstream_dp_handset_1_line_3").state == "ringing"

    dp_phone.set_account_active(3, True)
    await poll(hass, dp)
    assert line_sensors(entity_registry, dp, 1) == handset_lines(1, 1, 3)
    assert errors_logged(caplog) == []


async def test_dp_line_sensors_leave_and_return_with_their_handset(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    caplog: pytest.LogCaptureFixture,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
) -> None:
    """An unpaired handset's line sensors go with its device; paired again, back."""
    dp_phone.set_account_active(2, True)
    await poll(hass, dp)
    assert line_sensors(entity_registry, dp, 2) == handset_lines(2, 1, 2)

    dp_phone.unpair(2)
    await poll(hass, dp, dormant=True)
    assert line_sensors(entity_registry, dp, 2) == set()

    dp_phone.pair(2)
    await poll(hass, dp, dormant=True)
    assert line_sensors(entity_registry, dp, 2) == handset_lines(2, 1, 2)
    assert line_sensors(entity_registry, dp, 1) == handset_lines(1, 1, 2)
    assert errors_logged(caplog) == []
