"""Which number was called: the account, local number and account name of a call."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.cti import (
    GrandstreamClient,
    GrandstreamNotSupportedError,
)
from simulator import SimulatedPhone
from tests.conftest import poll, setup_entry
from tests.integration.helpers import point_phone_at, pushes_handled, state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

CALL_STATE = "sensor.grandstream_gxp_call_state"
CALL_EVENT = "event.grandstream_gxp_call"
OFFICE = {"account": 1, "local_number": "1001", "account_name": "Office"}
HOME = {"account": 2, "local_number": "+4930555", "account_name": "Home"}


def call_events(hass: HomeAssistant, entity_id: str) -> list[dict[str, Any]]:
    """The attributes of each event the entity fires, from now on."""
    fired: list[dict[str, Any]] = []

    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        if (state := event.data["new_state"]) is not None and state.state not in (
            "unavailable",
            "unknown",
        ):
            fired.append(dict(state.attributes))

    async_track_state_change_event(hass, entity_id, record)
    return fired


def account_of(attributes: dict[str, Any]) -> dict[str, Any]:
    return {key: attributes[key] for key in ("account", "local_number", "account_name")}


@pytest.fixture
async def two_accounts(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp_entry: MockConfigEntry
) -> MockConfigEntry:
    """The GXP phone with two accounts, as its api-get_accounts lists them."""
    gxp_phone.configure_account(1, sip_id="1001", name="Office")
    gxp_phone.configure_account(2, sip_id="+4930555", name="Home")
    return await setup_entry(hass, gxp_entry)


async def test_polled_call_names_its_account(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, two_accounts: MockConfigEntry
) -> None:
    """The line's acct (counted from 0) is the account the phone's page shows."""
    fired = call_events(hass, CALL_EVENT)

    gxp_phone.ring(1, "+4930123456", "Alice", account=2)
    await poll(hass, two_accounts)
    assert account_of(state_of(hass, CALL_STATE).attributes) == HOME
    gxp_phone.answer(1)
    await poll(hass, two_accounts)
    gxp_phone.hangup(1)
    await poll(hass, two_accounts)

    assert [event["event_type"] for event in fired] == ["incoming", "answered", "ended"]
    # The ended line is idle and names no account: the event keeps the call's.
    assert [account_of(event) for event in fired] == [HOME, HOME, HOME]
    assert account_of(state_of(hass, CALL_STATE).attributes) == {
        "account": None,
        "local_number": None,
        "account_name": None,
    }


async def test_pushed_call_names_its_local_number(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    two_accounts: MockConfigEntry,
    http: TestClient,
) -> None:
    """A push's $local names the account before any poll shows the line's."""
    fired = call_events(hass, CALL_EVENT)
    point_phone_at(hass, gxp_phone, two_accounts, http)

    with patch.object(two_accounts.runtime_data, "async_request_refresh"):
        gxp_phone.ring(1, "+4930123456", "Alice", account=2)
        await pushes_handled(hass, gxp_phone)
    assert [event["event_type"] for event in fired] == ["incoming"]
    assert account_of(fired[0]) == HOME

    await poll(hass, two_accounts)
    assert len(fired) == 1
    assert account_of(state_of(hass, CALL_STATE).attributes) == HOME


async def test_phone_without_accounts_function(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp_entry: MockConfigEntry
) -> None:
    """Older firmware has no api-get_accounts: the account's number still shows."""
    with patch.object(
        GrandstreamClient,
        "accounts",
        side_effect=GrandstreamNotSupportedError("api-get_accounts: 404"),
    ):
        await setup_entry(hass, gxp_entry)
    fired = call_events(hass, CALL_EVENT)

    gxp_phone.ring(1, "5551234", "Bob", account=3)
    await poll(hass, gxp_entry)

    assert account_of(fired[0]) == {
        "account": 3,
        "local_number": None,
        "account_name": None,
    }


async def test_dp_call_names_its_account(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """A DP line names the account as api-get_account_status does; no number."""
    handset_event = "event.grandstream_dp_handset_2_call"
    fired = call_events(hass, handset_event)

    dp_phone.ring(1, "5550104", "Dora", hs=2)
    await poll(hass, dp)

    assert account_of(fired[0]) == {
        "account": 1,
        "local_number": None,
        "account_name": None,
    }
    call_state = state_of(hass, "sensor.grandstream_dp_handset_2_call_state")
    assert call_state.attributes["account"] == 1
