"""Missed calls and the last call: counted once, cleared, kept across restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.call_log import SAVE_DELAY
from simulator import SimulatedPhone
from tests.conftest import poll, setup_entry

from .helpers import (
    point_phone_at,
    press,
    pushed_and_polled,
    state_of,
    webhook_path,
)

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

MISSED = "sensor.grandstream_gxp_missed_calls"
LAST_CALL = "sensor.grandstream_gxp_last_call"
CLEAR = "button.grandstream_gxp_clear_missed_calls"
STORE_KEY = "grandstream_cti.call_log.gxp_entry"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _start_at(freezer: FrozenDateTimeFactory) -> None:
    freezer.move_to(NOW)


def missed_calls(hass: HomeAssistant, entity_id: str = MISSED) -> list[dict[str, Any]]:
    """The calls attribute of a Missed calls sensor."""
    calls: list[dict[str, Any]] = state_of(hass, entity_id).attributes["calls"]
    return calls


async def missed_call(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    phone: SimulatedPhone,
    *,
    number: str = "+4930123",
    name: str = "Alice",
    hs: int | None = None,
) -> None:
    """A call rings, the poll sees it, and it ends unanswered."""
    phone.ring(1, number, name, hs)
    await poll(hass, entry)
    phone.hangup(1, hs)
    await poll(hass, entry)


async def test_before_any_call(hass: HomeAssistant, gxp: MockConfigEntry) -> None:
    """No missed call, no last call (test_sensor.py snapshots the entities)."""
    assert state_of(hass, MISSED).state == "0"
    assert missed_calls(hass) == []
    last = state_of(hass, LAST_CALL)
    assert last.state == STATE_UNKNOWN
    assert last.attributes["direction"] is None
    assert state_of(hass, CLEAR).state == STATE_UNKNOWN


async def test_unanswered_call_is_missed(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    await missed_call(hass, gxp, gxp_phone)

    assert state_of(hass, MISSED).state == "1"
    started = (NOW + timedelta(seconds=5)).isoformat()
    (call,) = missed_calls(hass)
    # Which account was called is another test's (test_accounts.py).
    assert set(call) == {
        "time",
        "number",
        "name",
        "account",
        "local_number",
        "account_name",
    }
    assert (call["time"], call["number"], call["name"]) == (
        started,
        "+4930123",
        "Alice",
    )
    last = state_of(hass, LAST_CALL)
    assert last.state == started
    assert last.attributes["direction"] == "incoming"
    assert last.attributes["number"] == "+4930123"
    assert last.attributes["answered"] is False
    assert last.attributes["duration"] is None


async def test_answered_call_is_the_last_call(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.ring(1, "5551234", "Bob")
    await poll(hass, gxp)
    gxp_phone.answer(1)
    await poll(hass, gxp)
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    last = state_of(hass, LAST_CALL)
    assert last.state == (NOW + timedelta(seconds=5)).isoformat()
    assert last.attributes["direction"] == "incoming"
    assert last.attributes["name"] == "Bob"
    assert last.attributes["answered"] is True
    # Answered at the second poll, ended at the fourth: 2 poll intervals.
    assert last.attributes["duration"] == 10
    assert state_of(hass, MISSED).state == "0"


async def test_outgoing_call(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.dial("100")
    await poll(hass, gxp)
    gxp_phone.end_call(1)
    await poll(hass, gxp)

    last = state_of(hass, LAST_CALL)
    assert last.attributes["direction"] == "outgoing"
    assert last.attributes["number"] == "100"
    assert last.attributes["answered"] is False
    assert state_of(hass, MISSED).state == "0"


async def test_pushed_and_polled_missed_call_counts_once(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    http: TestClient,
) -> None:
    """Push and poll both see the ring and its end: one missed call."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await pushed_and_polled(
        hass,
        gxp_phone,
        gxp,
        lambda: gxp_phone.ring(1, "+4930123", "Alice"),
        lambda: gxp_phone.hangup(1),
    )
    await poll(hass, gxp)

    assert state_of(hass, MISSED).state == "1"
    assert [call["number"] for call in missed_calls(hass)] == ["+4930123"]


async def test_missed_push_alone_counts(
    hass: HomeAssistant, gxp: MockConfigEntry, http: TestClient
) -> None:
    """A Missed Call push whose ring nobody saw is still a missed call."""
    response = await http.get(
        webhook_path(gxp), params={"event": "missed", "remote": "5551234"}
    )
    await hass.async_block_till_done()

    assert response.status == 200
    assert state_of(hass, MISSED).state == "1"
    assert missed_calls(hass)[0]["number"] == "5551234"


async def test_pushed_end_of_a_waiting_call_closes_that_call(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    http: TestClient,
) -> None:
    """Alice on hold, Bob talking: Bob's Terminated push ends Bob's call."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await pushed_and_polled(
        hass,
        gxp_phone,
        gxp,
        lambda: gxp_phone.ring(1, "111", "Alice"),
        lambda: gxp_phone.answer(1),
        lambda: gxp_phone.hold(1),
        lambda: gxp_phone.ring(2, "222", "Bob"),
        lambda: gxp_phone.answer(2),
        lambda: gxp_phone.hangup(2),
    )

    last = state_of(hass, LAST_CALL)
    assert (last.attributes["number"], last.attributes["name"]) == ("222", "Bob")

    await pushed_and_polled(hass, gxp_phone, gxp, lambda: gxp_phone.hangup(1))

    last = state_of(hass, LAST_CALL)
    assert (last.attributes["number"], last.attributes["name"]) == ("111", "Alice")


async def test_pushed_miss_of_one_of_two_rings(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    http: TestClient,
) -> None:
    """Alice and Bob ring: Bob's Missed push counts Bob's call, not Alice's."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await pushed_and_polled(
        hass,
        gxp_phone,
        gxp,
        lambda: gxp_phone.ring(1, "111", "Alice"),
        lambda: gxp_phone.ring(2, "222", "Bob"),
        lambda: gxp_phone.hangup(2),
    )

    assert [(call["number"], call["name"]) for call in missed_calls(hass)] == [
        ("222", "Bob")
    ]


async def test_last_ten_missed_calls_newest_first(
    hass: HomeAssistant, gxp: MockConfigEntry, http: TestClient
) -> None:
    for caller in range(11):
        await http.get(
            webhook_path(gxp), params={"event": "missed", "remote": f"{caller}"}
        )
    await hass.async_block_till_done()

    assert state_of(hass, MISSED).state == "11"
    assert [call["number"] for call in missed_calls(hass)] == [
        str(caller) for caller in range(10, 0, -1)
    ]


async def test_clear_missed_calls(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """The button clears the count and the list, sends nothing to the phone,
    and leaves the last call."""
    await missed_call(hass, gxp, gxp_phone)
    gxp_phone.clear_requests()

    await press(hass, CLEAR)

    assert state_of(hass, MISSED).state == "0"
    assert missed_calls(hass) == []
    assert state_of(hass, LAST_CALL).attributes["number"] == "+4930123"
    assert not gxp_phone.requests


async def test_dp_handset_counts_its_own_calls(
    hass: HomeAssistant, dp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    await missed_call(hass, dp, dp_phone, number="5551234", name="Bob", hs=1)

    assert state_of(hass, "sensor.grandstream_dp_handset_1_missed_calls").state == "1"
    assert state_of(hass, "sensor.grandstream_dp_handset_2_missed_calls").state == "0"

    await press(hass, "button.grandstream_dp_handset_2_clear_missed_calls")

    assert state_of(hass, "sensor.grandstream_dp_handset_1_missed_calls").state == "1"
    (call,) = missed_calls(hass, "sensor.grandstream_dp_handset_1_missed_calls")
    assert call["name"] == "Bob"


async def test_kept_across_a_restart(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    hass_storage: dict[str, Any],
) -> None:
    """A reload reads what was kept, also before the delayed write came."""
    await missed_call(hass, gxp, gxp_phone)
    before = (state_of(hass, MISSED).attributes, state_of(hass, LAST_CALL))

    assert await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, MISSED).state == "1"
    assert state_of(hass, MISSED).attributes == before[0]
    assert state_of(hass, LAST_CALL).state == before[1].state
    assert state_of(hass, LAST_CALL).attributes == before[1].attributes
    assert hass_storage[STORE_KEY]["data"]["stations"][0]["missed_count"] == 1


async def test_written_after_a_delay(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    await missed_call(hass, gxp, gxp_phone)
    assert STORE_KEY not in hass_storage

    await poll(hass, gxp)
    await poll(hass, gxp)
    freezer.tick(SAVE_DELAY)
    await poll(hass, gxp)

    assert hass_storage[STORE_KEY]["data"]["stations"][0]["missed_count"] == 1


async def test_read_from_storage(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """What an earlier run kept shows at set-up."""
    call = {
        "direction": "incoming",
        "number": "5551234",
        "name": "Bob",
        "account": 1,
        "local_number": "100",
        "account_name": "Office",
        "started": "2026-11-30T18:00:00+00:00",
        "answered": False,
        "duration": None,
        "missed": True,
    }
    hass_storage[STORE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORE_KEY,
        "data": {
            "stations": [
                {
                    "handset": None,
                    "missed_count": 3,
                    "missed": [call],
                    "last_call": call,
                }
            ]
        },
    }

    await setup_entry(hass, gxp_entry)

    assert state_of(hass, MISSED).state == "3"
    assert missed_calls(hass) == [
        {
            "time": "2026-11-30T18:00:00+00:00",
            "number": "5551234",
            "name": "Bob",
            "account": 1,
            "local_number": "100",
            "account_name": "Office",
        }
    ]
    assert state_of(hass, LAST_CALL).state == "2026-11-30T18:00:00+00:00"


async def test_unreadable_storage_starts_anew(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Kept calls that cannot be read are said so, and new calls count."""
    hass_storage[STORE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORE_KEY,
        "data": {"stations": [{"handset": None, "missed_count": "many"}]},
    }
    with caplog.at_level(logging.WARNING):
        await setup_entry(hass, gxp_entry)

    assert "could not be read" in caplog.text
    assert state_of(hass, MISSED).state == "0"
    await missed_call(hass, gxp_entry, gxp_phone)
    assert state_of(hass, MISSED).state == "1"


async def test_counts_with_the_sensor_disabled(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    entity_registry: er.EntityRegistry,
) -> None:
    """The call log follows the phone, not the entities."""
    entity_registry.async_update_entity(
        MISSED, disabled_by=er.RegistryEntryDisabler.USER
    )
    await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(MISSED) is None

    await missed_call(hass, gxp, gxp_phone)
    entity_registry.async_update_entity(MISSED, disabled_by=None)
    await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, MISSED).state == "1"


async def test_removed_with_the_entry(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    hass_storage: dict[str, Any],
) -> None:
    await missed_call(hass, gxp, gxp_phone)
    assert await hass.config_entries.async_reload(gxp.entry_id)
    assert STORE_KEY in hass_storage

    await hass.config_entries.async_remove(gxp.entry_id)
    await hass.async_block_till_done()

    assert STORE_KEY not in hass_storage


async def test_shown_while_the_phone_cannot_be_read(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    http: TestClient,
) -> None:
    """Missed calls, Last call, Clear and Last push live in Home Assistant."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await missed_call(hass, gxp, gxp_phone)
    last_call = state_of(hass, LAST_CALL).state
    await gxp_phone.set_fault("connection_refused")
    await poll(hass, gxp)
    assert state_of(hass, "sensor.grandstream_gxp_call_state").state == "unavailable"

    assert state_of(hass, MISSED).state == "1"
    assert missed_calls(hass)[0]["number"] == "+4930123"
    assert state_of(hass, LAST_CALL).state == last_call
    assert state_of(hass, "sensor.grandstream_gxp_last_push").state != "unavailable"
    await press(hass, CLEAR)
    assert state_of(hass, MISSED).state == "0"
