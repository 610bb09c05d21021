"""A DP base's unused accounts and handset slots are read every 5 minutes only."""

from __future__ import annotations

from collections import Counter

from aiohttp.test_utils import TestClient
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone

from ..conftest import poll
from .helpers import point_phone_at, pushes_handled, state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

ACCOUNT_2_REGISTERED = "binary_sensor.grandstream_dp_account_2_registered"


def reads(phone: SimulatedPhone, function: str, slot: str) -> Counter[int]:
    """How often each account or handset slot was read by function."""
    return Counter(
        int(request.params[slot]) for request in phone.requests_for(function)
    )


def status_reads(phone: SimulatedPhone) -> tuple[Counter[int], Counter[int]]:
    """How often each account's status, and each handset slot's, was read."""
    return (
        reads(phone, "api-get_account_status", "account"),
        reads(phone, "api-get_hs_status", "hs"),
    )


async def polls_for_minutes(
    hass: HomeAssistant, entry: MockConfigEntry, minutes: int
) -> None:
    """Poll at the entry's interval (5 s) for minutes."""
    for _ in range(minutes * 12):
        await poll(hass, entry)


async def test_six_minutes_of_polls(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """Account 1 (active) and handsets 1-2 (paired) are read every minute;
    accounts 2-10 and handset slots 3-5 at five minutes; lines at every poll."""
    accounts, handsets = status_reads(dp_phone)
    assert accounts == Counter(range(1, 11))  # setup read every one once
    assert handsets == Counter(range(1, 6))
    dp_phone.clear_requests()

    await polls_for_minutes(hass, dp, 6)

    accounts, handsets = status_reads(dp_phone)
    assert accounts == {1: 6} | dict.fromkeys(range(2, 11), 1)
    assert handsets == {1: 6, 2: 6} | dict.fromkeys(range(3, 6), 1)
    assert reads(dp_phone, "api-get_hs_line_status", "hs") == {1: 72, 2: 72}
    # What was not read kept what its last read showed.
    data = dp.runtime_data.data
    assert sorted(data.accounts) == list(range(1, 11))
    assert sorted(data.handsets) == list(range(1, 6))
    assert data.accounts[1].registered
    assert not data.accounts[2].active


async def test_registered_push_reads_everything(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    http: TestClient,
) -> None:
    """After a Registered push, the read it triggers covers every slot."""
    point_phone_at(hass, dp_phone, dp, http)
    await polls_for_minutes(hass, dp, 2)
    dp_phone.clear_requests()

    dp_phone.set_registered(2, True)
    await pushes_handled(hass, dp_phone)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert status_reads(dp_phone) == (Counter(range(1, 11)), Counter(range(1, 6)))
    assert state_of(hass, ACCOUNT_2_REGISTERED).state == STATE_ON


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_account_switched_on_shows_at_its_dormant_read(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """An account switched on without a push shows at its next read, due five
    minutes after the last: not at the minutely reads before it."""
    await polls_for_minutes(hass, dp, 1)
    dp_phone.set_account_active(2, True)

    for _ in range(3):
        await poll(hass, dp, slow=True)
        state = hass.states.get(ACCOUNT_2_REGISTERED)
        assert state is None or state.state != STATE_ON
    await poll(hass, dp, slow=True)  # five minutes after setup's read

    assert state_of(hass, ACCOUNT_2_REGISTERED).state == STATE_ON
    assert dp.runtime_data.data.accounts[2].registered


async def test_handset_paired_shows_at_its_dormant_read(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """A handset paired on the base gets its lines read from its slot's next
    read on, within five minutes; unpaired, a handset's slot is read every
    five minutes from then on."""
    dp_phone.pair(3)
    for _ in range(4):
        await poll(hass, dp, slow=True)
        assert 3 not in dp.runtime_data.data.stations
    await poll(hass, dp, slow=True)
    assert 3 in dp.runtime_data.data.stations

    dp_phone.unpair(3)
    await poll(hass, dp, slow=True)
    assert 3 not in dp.runtime_data.data.stations
    dp_phone.clear_requests()
    for _ in range(5):
        await poll(hass, dp, slow=True)
    assert reads(dp_phone, "api-get_hs_status", "hs")[3] == 1
