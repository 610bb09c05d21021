"""Setting up, unloading and retrying entries; reauth; handset devices."""

from __future__ import annotations

import asyncio
from datetime import timedelta
import logging

from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.coordinator import GrandstreamCoordinator
from simulator import SimulatedPhone
from simulator.testing import connections_left
from tests.conftest import move_clock, poll, setup_entry, start_poll
from tests.integration.helpers import device_entry, entity_states, phone_entity_states

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

COORDINATOR_LOGGER = "custom_components.grandstream_cti"


def handset_device(
    hass: HomeAssistant, entry: MockConfigEntry, handset: int
) -> dr.DeviceEntry | None:
    """The registry device of one DP handset."""
    return device_entry(hass, entry, handset)


def base_device(hass: HomeAssistant, entry: MockConfigEntry) -> dr.DeviceEntry:
    """The registry device of the phone or DP base."""
    device = device_entry(hass, entry)
    assert device is not None
    return device


async def fire_intervals(hass: HomeAssistant, count: int, seconds: float) -> None:
    """Let the clock run over count poll intervals."""
    for _ in range(count):
        move_clock(timedelta(seconds=seconds))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


@pytest.fixture(params=["gxp", "dp"])
def entry(request: pytest.FixtureRequest) -> MockConfigEntry:
    """The config entry of each simulated phone family in turn."""
    return request.getfixturevalue(f"{request.param}_entry")


async def test_setup_and_unload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """An entry loads with its coordinator as runtime data, and unloads."""
    await setup_entry(hass, entry)

    assert entry.state is ConfigEntryState.LOADED
    assert isinstance(entry.runtime_data, GrandstreamCoordinator)
    assert entry.runtime_data.last_update_success
    states = entity_states(hass, entry)
    assert states
    assert STATE_UNAVAILABLE not in states.values()

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.NOT_LOADED
    assert set(phone_entity_states(hass, entry).values()) == {STATE_UNAVAILABLE}


async def test_setup_retry_until_phone_answers(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """An unreachable phone is retried; once it answers, the entry loads."""
    await gxp_phone.set_fault("connection_refused")
    await setup_entry(hass, gxp_entry)
    assert gxp_entry.state is ConfigEntryState.SETUP_RETRY

    await gxp_phone.clear_fault()
    move_clock(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert gxp_entry.state is ConfigEntryState.LOADED
    assert gxp_entry.runtime_data.last_update_success


async def test_setup_wrong_password_starts_reauth(
    hass: HomeAssistant, dp_entry: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A refused password at start: setup error, reauth, one failed attempt."""
    dp_phone.change_passcode("changed")

    await setup_entry(hass, dp_entry)

    assert dp_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    assert flows[0]["context"]["entry_id"] == dp_entry.entry_id
    assert dp_phone.guard.total_failures == 1


async def test_unload_ends_a_read_in_flight(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    gxp_phone: SimulatedPhone,
) -> None:
    """An unload while the phone has not answered: the read ends, sent once."""
    await setup_entry(hass, gxp_entry)
    gxp_phone.clear_requests()
    await gxp_phone.set_fault("timeout", count=1)
    start_poll(hass, gxp_entry)
    # The loop's clock is frozen: only loop turns bring the read to the phone.
    for _ in range(10000):
        if gxp_phone.requests:
            break
        await asyncio.sleep(0)

    assert await hass.config_entries.async_unload(gxp_entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert [request.function for request in gxp_phone.requests] == [
        "api-get_line_status"
    ]
    assert await connections_left(gxp_phone) == 0


async def test_password_changed_while_running(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A refused password: reauth, entities unavailable, and no more polling."""
    gxp_phone.change_passcode("changed")

    await poll(hass, gxp)

    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    assert set(phone_entity_states(hass, gxp).values()) == {STATE_UNAVAILABLE}
    assert gxp_phone.guard.total_failures == 1
    requests = len(gxp_phone.requests)

    await fire_intervals(hass, 5, 10)

    assert gxp_phone.guard.total_failures == 1
    assert len(gxp_phone.requests) == requests
    assert not gxp_phone.locked


async def test_phone_away_and_back(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One log line when the phone goes away, one when it is back."""
    caplog.set_level(logging.INFO, logger=COORDINATOR_LOGGER)
    caplog.clear()
    await gxp_phone.set_fault("connection_refused")

    for _ in range(3):
        await poll(hass, gxp)
    await fire_intervals(hass, 3, 10)

    assert set(phone_entity_states(hass, gxp).values()) == {STATE_UNAVAILABLE}
    problems = [
        record
        for record in caplog.records
        if record.name.startswith(COORDINATOR_LOGGER)
        and record.levelno >= logging.WARNING
    ]
    assert len(problems) == 1, problems
    assert gxp_phone.passcode not in caplog.text
    assert not hass.config_entries.flow.async_progress()

    caplog.clear()
    await gxp_phone.clear_fault()
    await poll(hass, gxp)

    assert STATE_UNAVAILABLE not in entity_states(hass, gxp).values()
    recovered = [
        record
        for record in caplog.records
        if record.name.startswith(COORDINATOR_LOGGER) and "recovered" in record.message
    ]
    assert len(recovered) == 1
    assert recovered[0].levelno == logging.INFO


async def test_devices_named_without_the_address(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, dp_entry: MockConfigEntry
) -> None:
    """The entry's title holds the address; devices and entity ids do not.

    The address is the base's configuration URL, its web page.
    """
    await setup_entry(hass, dp_entry)
    address = dp_entry.data["host"]
    assert address in dp_entry.title

    base = base_device(hass, dp_entry)
    assert base.name == "Grandstream DP"
    assert base.configuration_url == f"http://{address}"
    names = [base.name, *(handset_device(hass, dp_entry, hs).name for hs in (1, 2))]
    entity_ids = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            entity_registry, dp_entry.entry_id
        )
    ]
    port = address.rsplit(":", 1)[1]
    assert [name for name in names if address in str(name)] == []
    assert [entity_id for entity_id in entity_ids if port in entity_id] == []


async def test_base_device_before_handsets(
    hass: HomeAssistant, dp_entry: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    """Handset devices are linked to a base that already exists."""
    await setup_entry(hass, dp_entry)

    base = base_device(hass, dp_entry)
    for handset in (1, 2):
        device = handset_device(hass, dp_entry, handset)
        assert device is not None
        assert device.via_device_id == base.id
        assert device.name == f"Grandstream DP handset {handset}"
    assert handset_device(hass, dp_entry, 3) is None
    assert "via_device" not in caplog.text


async def test_handsets_come_and_go(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """Paired handsets get a device and entities; unpaired ones lose them."""
    entity_registry = er.async_get(hass)
    base = base_device(hass, dp)

    dp_phone.pair(3)
    await poll(hass, dp, dormant=True)

    device = handset_device(hass, dp, 3)
    assert device is not None
    assert device.name == "Grandstream DP handset 3"
    assert device.via_device_id == base.id
    assert er.async_entries_for_device(entity_registry, device.id)

    gone = handset_device(hass, dp, 2)
    assert gone is not None
    gone_entities = [
        entity.entity_id
        for entity in er.async_entries_for_device(entity_registry, gone.id)
    ]
    assert gone_entities
    dp_phone.unpair(2)
    await poll(hass, dp, slow=True)

    assert dp.state is ConfigEntryState.LOADED
    assert handset_device(hass, dp, 2) is None
    for entity_id in gone_entities:
        assert entity_registry.async_get(entity_id) is None
        assert hass.states.get(entity_id) is None
    assert handset_device(hass, dp, 1) is not None

    dp_phone.pair(2)
    await poll(hass, dp, dormant=True)

    back = handset_device(hass, dp, 2)
    assert back is not None
    assert back.via_device_id == base.id
    back_entities = er.async_entries_for_device(entity_registry, back.id)
    assert sorted(entity.entity_id for entity in back_entities) == sorted(gone_entities)
    for entity_id in gone_entities:
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.state != STATE_UNAVAILABLE


async def test_remove_devices(
    hass: HomeAssistant,
    dp: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """The user may delete a stale handset, not the base or a paired one."""
    assert await async_setup_component(hass, "config", {})
    device_registry = dr.async_get(hass)
    stale = device_registry.async_get_or_create(
        config_entry_id=dp.entry_id, identifiers={(DOMAIN, f"{dp.entry_id}_hs5")}
    )
    # Linked afterwards: async_get_or_create takes via_device_id only from
    # Home Assistant 2026.10 on, and reports via_device as deprecated there.
    stale = device_registry.async_update_device(
        stale.id, via_device_id=base_device(hass, dp).id
    )
    assert stale is not None
    client = await hass_ws_client(hass)

    async def remove(device: dr.DeviceEntry) -> bool:
        await client.send_json_auto_id(
            {
                "type": "config/device_registry/remove_config_entry",
                "config_entry_id": dp.entry_id,
                "device_id": device.id,
            }
        )
        response = await client.receive_json()
        return bool(response["success"])

    paired = handset_device(hass, dp, 1)
    assert paired is not None
    assert not await remove(base_device(hass, dp))
    assert not await remove(paired)
    assert await remove(stale)

    assert device_registry.async_get(stale.id) is None
    assert handset_device(hass, dp, 1) is not None
    assert base_device(hass, dp) is not None
