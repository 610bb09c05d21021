"""Action URL pushes: instant call state and events, and nothing a push must not do."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.components.webhook import async_generate_path
from homeassistant.config_entries import SOURCE_DHCP, ConfigEntryState
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
    CONF_WEBHOOK_ID,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.cti.calls import PushEvent
from custom_components.grandstream_cti.webhook import (
    ACTION_URL_SLOTS,
    parse_push,
    push_urls,
)
from simulator import SimulatedPhone

from ..conftest import PASSCODE, poll
from .helpers import (
    device_entry,
    options_step,
    point_phone_at,
    pushed_and_polled,
    pushes_handled,
    webhook_path,
)

CALL_STATE = "sensor.grandstream_gxp_call_state"
RINGING = "binary_sensor.grandstream_gxp_ringing"
CALL_EVENT = "event.grandstream_gxp_call"
DND_SWITCH = "switch.grandstream_gxp_do_not_disturb"
# The simulated phones' MAC, as the registry spells it; and another phone's.
MAC = "00:0b:82:12:34:56"
OTHER_MAC = "000B82ABCDEF"

pytestmark = pytest.mark.usefixtures("freezer")


# Reading a push


@pytest.mark.parametrize(
    ("query", "event", "remote", "mac"),
    [
        (
            "event=incoming&remote=%2B4930123&mac=000B82123456",
            "incoming",
            "+4930123",
            "000b82123456",
        ),
        (
            "event=incoming&remote=+4930123&mac=00:0b:82:12:34:56",
            "incoming",
            "+4930123",
            "000b82123456",
        ),
        (
            "event=missed&remote=$remote&mac=00-0B-82-12-34-56",
            "missed",
            "",
            "000b82123456",
        ),
        ("event=TERMINATED&mac=$mac", "terminated", "", None),
        ("event=established&remote=1001&mac=nonsense", "established", "1001", None),
        ("event=hold", "hold", "", None),
        (f"event=incoming&remote={'9' * 300}", "incoming", "", None),
        ("event=incoming&event=missed&remote=1", "incoming", "1", None),
        ("remote=1&event=dnd_on&x=%ZZ", "dnd_on", "1", None),
    ],
)
def test_parse_push(query: str, event: str, remote: str, mac: str | None) -> None:
    push = parse_push(query)
    assert push is not None
    assert push.event == event
    assert push.remote == remote
    assert push.mac == mac


@pytest.mark.parametrize("query", ["", "event=", "event=reboot", "remote=1", "&&=&"])
def test_parse_push_unknown(query: str) -> None:
    assert parse_push(query) is None


@pytest.mark.parametrize(
    ("query", "local", "product", "program_version"),
    [
        (
            "event=hold&local=1001&product=GXP2170&version=1.0.11.6",
            "1001",
            "GXP2170",
            "1.0.11.6",
        ),
        (
            "event=hold&local=%2B4930555&product=GRP2614&version=1.0.9.127",
            "+4930555",
            "GRP2614",
            "1.0.9.127",
        ),
        (
            "event=hold&local=$local&product=$product&version=$program_version",
            "",
            "",
            "",
        ),
        (f"event=hold&product={'G' * 129}&version={'1' * 129}", "", "", ""),
        ("event=hold&product=GXP%0A2170&version=1.0%00.11", "", "", ""),
        ("event=hold", "", "", ""),
    ],
)
def test_parse_push_reads_the_phone(
    query: str, local: str, product: str, program_version: str
) -> None:
    """$local, $product and $program_version: unset, over-long or unprintable is none."""
    push = parse_push(query)
    assert push is not None
    assert (push.local, push.product, push.program_version) == (
        local,
        product,
        program_version,
    )


# A GXP phone that pushes to Home Assistant


@pytest.fixture
def call_events(hass: HomeAssistant) -> list[dict[str, Any]]:
    """Every event the call event entity fires, in order."""
    fired: list[dict[str, Any]] = []

    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        if (
            state := event.data["new_state"]
        ) is not None and state.state != "unavailable":
            fired.append(dict(state.attributes))

    async_track_state_change_event(hass, CALL_EVENT, record)
    return fired


async def test_push_changes_state_at_once(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    call_events: list[dict[str, Any]],
) -> None:
    """The state changes when the push lands, before any poll."""
    with patch.object(gxp.runtime_data, "async_request_refresh") as refresh:
        response = await http.get(
            webhook_path(gxp), params={"event": "incoming", "remote": "+4930123"}
        )
        assert response.status == 200
        assert hass.states.get(CALL_STATE).state == "ringing"
        assert hass.states.get(CALL_STATE).attributes["remote_number"] == "+4930123"
        assert hass.states.get(RINGING).state == STATE_ON
        assert [e["event_type"] for e in call_events] == ["incoming"]
        assert call_events[0]["number"] == "+4930123"
        await hass.async_block_till_done()
    refresh.assert_called_once()


async def test_one_ring_one_event(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    call_events: list[dict[str, Any]],
) -> None:
    """Push and poll both see the ring, the answer and the end: each fires once."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await pushed_and_polled(
        hass,
        gxp_phone,
        gxp,
        lambda: gxp_phone.ring(line=1, number="+4930123", name="Alice"),
        lambda: gxp_phone.answer(line=1),
        lambda: gxp_phone.hangup(line=1),
    )
    await poll(hass, gxp)

    assert [e["event_type"] for e in call_events] == ["incoming", "answered", "ended"]
    assert call_events[0]["number"] == "+4930123"
    assert all(push.status == 200 for push in gxp_phone.action_url.sent)
    assert hass.states.get(CALL_STATE).state == "idle"


async def test_short_ring_seen_only_by_push(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    call_events: list[dict[str, Any]],
) -> None:
    """A ring that ends between two polls still reaches automations."""
    point_phone_at(hass, gxp_phone, gxp, http)
    with patch.object(gxp.runtime_data, "async_request_refresh"):
        gxp_phone.ring(line=1, number="5551234")
        gxp_phone.hangup(line=1)
        await pushes_handled(hass, gxp_phone)
    await poll(hass, gxp)
    assert [e["event_type"] for e in call_events] == ["incoming", "missed"]
    assert hass.states.get(CALL_STATE).state == "idle"


async def test_missed_push_caught_by_poll(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    call_events: list[dict[str, Any]],
) -> None:
    """Without pushes (or when one is lost), the next poll fires the event."""
    gxp_phone.ring(line=1, number="5551234", name="Bob")
    await poll(hass, gxp)
    assert [e["event_type"] for e in call_events] == ["incoming"]
    assert call_events[0]["name"] == "Bob"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_push_after_the_read_moves_no_other_line(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    call_events: list[dict[str, Any]],
) -> None:
    """The read saw the ring first: its Incoming push rings no second line."""
    gxp_phone.ring(line=1, number="5551234", name="Bob")
    await poll(hass, gxp)
    with patch.object(gxp.runtime_data, "async_request_refresh"):
        await http.get(
            webhook_path(gxp), params={"event": "incoming", "remote": "5551234"}
        )
        await hass.async_block_till_done()

    assert hass.states.get("sensor.grandstream_gxp_line_1").state == "ringing"
    assert hass.states.get("sensor.grandstream_gxp_line_2").state == "idle"
    assert hass.states.get("sensor.grandstream_gxp_remote_name").state == "Bob"
    assert [e["event_type"] for e in call_events] == ["incoming"]


async def test_pushed_miss_names_the_line_of_its_number(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    call_events: list[dict[str, Any]],
) -> None:
    """Two calls ring; the second one's Missed push fires once, for line 2."""
    point_phone_at(hass, gxp_phone, gxp, http)
    await pushed_and_polled(
        hass,
        gxp_phone,
        gxp,
        lambda: gxp_phone.ring(line=1, number="111", name="Alice"),
        lambda: gxp_phone.ring(line=2, number="222", name="Bob"),
        lambda: gxp_phone.hangup(line=2),
    )

    missed = call_events[-1]
    assert (missed["line"], missed["number"], missed["name"]) == (2, "222", "Bob")
    assert [e["event_type"] for e in call_events] == ["incoming", "incoming", "missed"]
    assert hass.states.get(CALL_STATE).attributes["remote_number"] == "111"


async def test_push_from_another_phone_is_refused(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """The first push teaches the entry its MAC; another MAC changes nothing."""
    first = await http.get(
        webhook_path(gxp), params={"event": "hold", "mac": "00:0B:82:12:34:56"}
    )
    assert first.status == 200
    assert gxp.unique_id == "00:0b:82:12:34:56"

    other = await http.get(
        webhook_path(gxp), params={"event": "incoming", "mac": "000b82abcdef"}
    )
    assert other.status == 403
    assert hass.states.get(CALL_STATE).state == "idle"

    same = await http.get(
        webhook_path(gxp), params={"event": "incoming", "mac": "000B82123456"}
    )
    assert same.status == 200


async def test_known_mac_of_another_entry_is_not_taken(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    MockConfigEntry(domain=DOMAIN, unique_id="00:0b:82:12:34:56").add_to_hass(hass)
    response = await http.get(
        webhook_path(gxp), params={"event": "incoming", "mac": "000b82123456"}
    )
    assert response.status == 403
    assert gxp.unique_id is None
    assert hass.states.get(CALL_STATE).state == "idle"


async def test_second_entry_of_a_known_phone(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Pushes of a phone that another entry has are refused, with a repair.

    Once that other entry is deleted, this one is the phone's only entry and
    learns its MAC from the next push.
    """
    known = MockConfigEntry(domain=DOMAIN, title="Desk phone", unique_id=MAC)
    known.add_to_hass(hass)
    issue_id = f"duplicate_phone_{gxp.entry_id}"

    response = await http.get(
        webhook_path(gxp), params={"event": "incoming", "mac": "000b82123456"}
    )

    assert response.status == 403
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders == {
        "phone": gxp.title,
        "other": "Desk phone",
        "mac": MAC,
    }

    await hass.config_entries.async_remove(known.entry_id)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    response = await http.get(
        webhook_path(gxp), params={"event": "incoming", "mac": "000b82123456"}
    )
    assert response.status == 200
    assert gxp.unique_id == MAC


async def test_reconfigured_to_another_phone(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """An entry moved to another phone learns the new phone's MAC.

    The new phone's pushes are taken, and DHCP of the old phone no longer
    moves the entry back to it.
    """
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.set_dnd(True)
    await pushes_handled(hass, gxp_phone)
    assert gxp.unique_id == MAC

    async with SimulatedPhone("gxp", passcode=PASSCODE, mac=OTHER_MAC) as other:
        result = await gxp.start_reconfigure_flow(hass)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"],
            {
                CONF_HOST: other.host,
                CONF_PASSWORD: PASSCODE,
                CONF_SSL: False,
                CONF_VERIFY_SSL: False,
            },
        )
        await hass.async_block_till_done()
        assert result["reason"] == "reconfigure_successful"
        assert gxp.unique_id is None

        point_phone_at(hass, other, gxp, http)
        other.ring(line=1, number="5551234")
        await pushes_handled(hass, other)

        assert [push.status for push in other.action_url.sent] == [200]
        assert gxp.unique_id == "00:0b:82:ab:cd:ef"
        assert hass.states.get(CALL_STATE).state == "ringing"
        device = device_entry(hass, gxp)
        assert device is not None
        assert device.connections == {(dr.CONNECTION_NETWORK_MAC, "00:0b:82:ab:cd:ef")}

        # The old phone asks for an address: it is a phone of its own now.
        with patch(
            "custom_components.grandstream_cti.config_flow.DISCOVERY_WEB_SERVERS",
            ((False, gxp_phone.port),),
        ):
            result = await hass.config_entries.flow.async_init(
                DOMAIN,
                context={"source": SOURCE_DHCP},
                data=DhcpServiceInfo(
                    ip="127.0.0.1", hostname="gxp2135", macaddress="000b82123456"
                ),
            )
        assert result["type"] is FlowResultType.FORM
        assert gxp.data[CONF_HOST] == other.host
        assert gxp.unique_id == "00:0b:82:ab:cd:ef"
        await hass.config_entries.async_unload(gxp.entry_id)


@pytest.mark.parametrize(
    "params",
    [
        {"event": "reboot"},
        {},
        {"remote": "1&request=RESET"},
        {"event": "x" * 5000},
    ],
)
async def test_odd_pushes_change_nothing(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    params: dict[str, str],
) -> None:
    gxp_phone.clear_requests()
    response = await http.get(webhook_path(gxp), params=params)
    await hass.async_block_till_done()
    assert response.status == 400
    assert hass.states.get(CALL_STATE).state == "idle"
    assert not gxp_phone.requests


async def test_push_with_a_hostile_number(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A remote value is only ever shown: it never reaches the phone."""
    gxp_phone.clear_requests()
    with patch.object(gxp.runtime_data, "async_request_refresh"):
        response = await http.get(
            webhook_path(gxp),
            params={"event": "incoming", "remote": "1&request=RESET"},
        )
    assert response.status == 200
    assert hass.states.get(CALL_STATE).attributes["remote_number"] == (
        "1&request=RESET"
    )
    assert not gxp_phone.requests


async def test_webhook_only_get_and_only_local(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    post = await http.post(webhook_path(gxp), params={"event": "incoming"})
    assert post.status == 405
    with patch(
        "homeassistant.components.webhook.network_util.is_local", return_value=False
    ):
        remote = await http.get(webhook_path(gxp), params={"event": "incoming"})
    assert remote.status == 200  # the webhook component answers, and ignores it
    await hass.async_block_till_done()
    assert hass.states.get(CALL_STATE).state == "idle"


async def test_webhook_removed_on_unload(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    webhook_id = gxp.data[CONF_WEBHOOK_ID]
    assert webhook_id in hass.data["webhook"]
    assert len(webhook_id) >= 32
    await hass.config_entries.async_unload(gxp.entry_id)
    assert gxp.state is ConfigEntryState.NOT_LOADED
    assert webhook_id not in hass.data["webhook"]
    await hass.config_entries.async_setup(gxp.entry_id)
    assert gxp.data[CONF_WEBHOOK_ID] == webhook_id


# The phone's model and firmware, which only pushes tell


def model_and_firmware(
    hass: HomeAssistant, entry: MockConfigEntry
) -> tuple[str | None, str | None]:
    """What the phone's device page shows as its model and firmware."""
    device = device_entry(hass, entry)
    assert device is not None
    return device.model, device.sw_version


async def test_push_names_model_and_firmware(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """The device shows what the push named, and again after a restart."""
    assert model_and_firmware(hass, gxp) == ("GXP series", None)

    response = await http.get(
        webhook_path(gxp),
        params={"event": "hold", "product": "GXP2170", "version": "1.0.11.6"},
    )
    assert response.status == 200
    await hass.async_block_till_done()
    assert model_and_firmware(hass, gxp) == ("GXP2170", "1.0.11.6")

    await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()
    assert model_and_firmware(hass, gxp) == ("GXP2170", "1.0.11.6")


async def test_model_and_firmware_stored_once(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """Pushes that name what the entry knows already change no entry."""
    params = {"event": "hold", "product": "GXP2170", "version": "1.0.11.6"}
    with patch.object(
        hass.config_entries,
        "async_update_entry",
        wraps=hass.config_entries.async_update_entry,
    ) as update:
        for _ in range(3):
            assert (await http.get(webhook_path(gxp), params=params)).status == 200
        await hass.async_block_till_done()
        assert update.call_count == 1

        params["version"] = "1.0.11.10"
        assert (await http.get(webhook_path(gxp), params=params)).status == 200
        await hass.async_block_till_done()
        assert update.call_count == 2
    assert model_and_firmware(hass, gxp) == ("GXP2170", "1.0.11.10")


@pytest.mark.parametrize(
    "params",
    [
        {"product": "$product", "version": "$program_version"},
        {"product": "G" * 129, "version": "1" * 129},
        {},
    ],
)
async def test_odd_model_values_change_nothing(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    params: dict[str, str],
) -> None:
    """An unset or over-long value neither shows nor replaces one.

    Unprintable ones never get this far: Home Assistant's HTTP server refuses
    a URL with control characters (test_parse_push_reads_the_phone has them).
    """
    response = await http.get(webhook_path(gxp), params={"event": "hold", **params})
    assert response.status == 200
    await hass.async_block_till_done()
    assert model_and_firmware(hass, gxp) == ("GXP series", None)

    await http.get(
        webhook_path(gxp),
        params={"event": "hold", "product": "GXP2170", "version": "1.0.11.6"},
    )
    await http.get(webhook_path(gxp), params={"event": "unhold", **params})
    await hass.async_block_till_done()
    assert model_and_firmware(hass, gxp) == ("GXP2170", "1.0.11.6")


async def test_pasted_urls_bring_model_and_firmware(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """The URLs the options show make the phone send its model and firmware."""
    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.ring(line=1, number="5551234")
    await pushes_handled(hass, gxp_phone)
    assert model_and_firmware(hass, gxp) == (gxp_phone.model, gxp_phone.firmware)


async def test_dp_push_names_the_base(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry, http: TestClient
) -> None:
    """A DP base's push names the base: its handsets stay DECT handsets."""
    point_phone_at(hass, dp_phone, dp, http)
    dp_phone.ring(line=1, number="5551234", hs=1)
    await pushes_handled(hass, dp_phone)
    assert model_and_firmware(hass, dp) == ("DP750", dp_phone.firmware)
    handset = device_entry(hass, dp, 1)
    assert handset is not None
    assert (handset.model, handset.sw_version) == ("DECT handset", None)


# DND


async def test_gxp_dnd_switch_learns_from_pushes(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    assert hass.states.get(DND_SWITCH).state == "unknown"
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": DND_SWITCH}, blocking=True
        )
    assert err.value.translation_key == "dnd_state_unknown"
    assert not gxp_phone.requests_for("api-send_key")

    point_phone_at(hass, gxp_phone, gxp, http)
    gxp_phone.set_dnd(True)
    await pushes_handled(hass, gxp_phone)
    assert hass.states.get(DND_SWITCH).state == STATE_ON

    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": DND_SWITCH}, blocking=True
    )
    assert not gxp_phone.requests_for("api-send_key")  # already on: no toggle

    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": DND_SWITCH}, blocking=True
    )
    await pushes_handled(hass, gxp_phone)
    assert [r.params["keys"] for r in gxp_phone.requests_for("api-send_key")] == ["DND"]
    assert gxp_phone.station().dnd is False
    assert hass.states.get(DND_SWITCH).state == STATE_OFF


# Where the user finds the URLs


async def test_options_show_every_action_url(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    result = await options_step(hass, gxp, "settings")
    text = result["description_placeholders"]["action_urls"]
    for event, (slot, _name) in ACTION_URL_SLOTS.items():
        assert slot in text
        assert f"event={event.value}&mac=$mac&remote=$remote" in text
    assert "$display_remote" not in text
    assert gxp.data[CONF_WEBHOOK_ID] in text


async def test_urls_leave_room_for_a_long_address(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Some phones take no URL over about 256 characters: after the 64 of the
    webhook id and every variable, 80 remain for Home Assistant's address."""
    for url in push_urls(hass, gxp).values():
        path = url[url.index("/api/webhook/") :]
        assert len(path) <= 256 - 80, url


async def test_every_push_event_is_offered() -> None:
    assert set(ACTION_URL_SLOTS) == set(PushEvent)


# DP bases: the push names no handset


async def test_dp_push_triggers_a_read(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry, http: TestClient
) -> None:
    dp_phone.ring(line=1, number="5551234", hs=1)
    dp_phone.clear_requests()
    response = await http.get(
        async_generate_path(dp.data[CONF_WEBHOOK_ID]),
        params={"event": "incoming", "remote": "5551234"},
    )
    assert response.status == 200
    await hass.async_block_till_done()
    assert dp_phone.requests_for("api-get_hs_line_status")
    assert (
        hass.states.get("sensor.grandstream_dp_handset_1_call_state").state == "ringing"
    )


async def test_push_while_the_passcode_is_refused(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """Waiting for a new passcode, a push neither shows stale state nor reads the
    phone: every refused read brings the phone's lock-out nearer."""
    gxp_phone.change_passcode("changed on the phone")
    await poll(hass, gxp)
    assert hass.states.get(CALL_STATE).state == "unavailable"
    failures = gxp_phone.guard.total_failures

    for event in ("incoming", "dnd_on", "registered"):
        response = await http.get(webhook_path(gxp), params={"event": event})
        assert response.status == 200
    await hass.async_block_till_done()

    assert gxp_phone.guard.total_failures == failures
    assert hass.states.get(CALL_STATE).state == "unavailable"


async def test_push_while_the_phone_was_unreachable(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """After a failed read the shown state is stale: a push only triggers a read,
    which shows the phone as it is."""
    await gxp_phone.set_fault("connection_refused")
    await poll(hass, gxp)
    assert hass.states.get(CALL_STATE).state == "unavailable"
    await gxp_phone.clear_fault()
    gxp_phone.ring(line=1, number="5551234")

    response = await http.get(
        webhook_path(gxp), params={"event": "incoming", "remote": "5551234"}
    )
    assert response.status == 200
    await hass.async_block_till_done()
    assert hass.states.get(CALL_STATE).state == "ringing"
