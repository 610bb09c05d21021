"""Fixtures shared by the integration's tests: simulated phones on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator
from unittest.mock import PropertyMock, patch

from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import CONF_FAMILY, DOMAIN
from simulator import SimulatedPhone

# Not the factory default: a test that finds "admin" somewhere proves nothing.
PASSCODE = "s3cr&t pass=word"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom_components/ in every test."""


@pytest.fixture(autouse=True)
def _allow_loopback_sockets(socket_enabled: None) -> None:
    """Simulated phones listen on 127.0.0.1 (pytest-socket allows nothing else)."""


@pytest.fixture
def entity_registry_enabled_by_default() -> Generator[None]:
    """Create every entity enabled, the disabled-by-default ones included."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        return_value=True,
        new_callable=PropertyMock,
    ):
        yield


@pytest.fixture
async def gxp_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated GXP2135 on loopback."""
    async with SimulatedPhone("gxp", passcode=PASSCODE, reboot_seconds=0.5) as phone:
        yield phone


@pytest.fixture
async def dp_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated DP750 base with handsets 1 and 2 paired."""
    async with SimulatedPhone("dp", passcode=PASSCODE, reboot_seconds=0.5) as phone:
        yield phone


def phone_entry(phone: SimulatedPhone, family: str) -> MockConfigEntry:
    """A config entry for a simulated phone, as the config flow would make it."""
    return MockConfigEntry(
        domain=DOMAIN,
        # A fixed title keeps entity ids free of the simulator's random port.
        title=f"Grandstream {family.upper()}",
        entry_id=f"{family}_entry",
        data={
            CONF_HOST: phone.host,
            CONF_PASSWORD: PASSCODE,
            CONF_SSL: False,
            CONF_VERIFY_SSL: False,
            CONF_FAMILY: family,
        },
    )


@pytest.fixture
def gxp_entry(gxp_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated GXP phone."""
    return phone_entry(gxp_phone, "gxp")


@pytest.fixture
def dp_entry(dp_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated DP750 base."""
    return phone_entry(dp_phone, "dp")


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add entry to Home Assistant and set it up."""
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Make the entry's coordinator read the phone now, as its timer would."""
    await entry.runtime_data.async_refresh()
    await hass.async_block_till_done()


@pytest.fixture
async def gxp(hass: HomeAssistant, gxp_entry: MockConfigEntry) -> MockConfigEntry:
    """The GXP phone, set up in Home Assistant."""
    return await setup_entry(hass, gxp_entry)


@pytest.fixture
async def dp(hass: HomeAssistant, dp_entry: MockConfigEntry) -> MockConfigEntry:
    """The DP750 base, set up in Home Assistant."""
    return await setup_entry(hass, dp_entry)
