"""A GXP phone's status is read while its sensor is enabled: when the lines
changed, while busy, and each minute."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.config_entries import RELOAD_AFTER_UPDATE_DELAY
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from simulator import SimulatedPhone

from ..conftest import move_clock, poll
from .helpers import state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

PHONE_STATUS = "sensor.grandstream_gxp_phone_status"


def reads(phone: SimulatedPhone) -> list[str]:
    """The functions of the requests since the last clear, shortened."""
    return [request.function.removeprefix("api-get_") for request in phone.requests]


async def assert_no_phone_status_read(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry
) -> None:
    """Two minutes of polls, a call ringing, read the lines only; no sensor."""
    phone.clear_requests()
    phone.ring()
    for _ in range(24):
        await poll(hass, entry)

    assert hass.states.get(PHONE_STATUS) is None
    assert "phone_status" not in reads(phone)
    assert reads(phone).count("line_status") == 24


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_idle_phone_status_read_each_minute(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """With nothing going on, the lines at every poll and the rest each minute."""
    gxp_phone.clear_requests()

    for _ in range(24):
        await poll(hass, gxp)

    polls = reads(gxp_phone)
    assert polls.count("line_status") == 24
    assert polls.count("phone_status") == 2
    assert polls.count("accounts") == 2
    assert state_of(hass, PHONE_STATUS).state == "available"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_call_reads_phone_status_at_every_poll(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A ring is read in the poll that sees it; a busy phone at every poll."""
    gxp_phone.clear_requests()
    gxp_phone.ring()
    await poll(hass, gxp)
    assert reads(gxp_phone) == ["line_status", "phone_status"]
    assert state_of(hass, PHONE_STATUS).state == "busy"

    gxp_phone.clear_requests()
    await poll(hass, gxp)  # still ringing, lines as before: busy is read again
    assert reads(gxp_phone) == ["line_status", "phone_status"]

    gxp_phone.reject()
    await poll(hass, gxp)
    assert state_of(hass, PHONE_STATUS).state == "available"
    gxp_phone.clear_requests()
    await poll(hass, gxp)  # available, lines unchanged: not read
    assert reads(gxp_phone) == ["line_status"]


async def test_not_read_while_its_sensor_is_disabled(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """The sensor is disabled by default: no poll reads the phone status,
    not even one that sees a call."""
    await assert_no_phone_status_read(hass, gxp_phone, gxp)


async def test_enabling_the_sensor_reads_at_once_and_disabling_stops(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """Enabled, the sensor shows the phone status as soon as Home Assistant
    has reloaded the phone, not a poll later; disabled, the reads stop."""
    entity_registry.async_update_entity(PHONE_STATUS, disabled_by=None)
    move_clock(timedelta(seconds=RELOAD_AFTER_UPDATE_DELAY + 1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert state_of(hass, PHONE_STATUS).state == "available"

    entity_registry.async_update_entity(
        PHONE_STATUS, disabled_by=er.RegistryEntryDisabler.USER
    )
    await hass.async_block_till_done()
    await assert_no_phone_status_read(hass, gxp_phone, gxp)
