"""The Last push sensor: when the phone last pushed, and what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.sensor import DOMAIN as SENSOR_DOMAIN
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, EntityCategory
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache_with_extra_data,
)

from custom_components.grandstream_cti.const import DOMAIN
from simulator import SimulatedPhone

from ..conftest import poll, setup_entry
from .helpers import device_id, point_phone_at, pushes_handled, state_of, webhook_path

LAST_PUSH = "sensor.grandstream_gxp_last_push"
DP_LAST_PUSH = "sensor.grandstream_dp_last_push"
CALL_STATE = "sensor.grandstream_gxp_call_state"
BEFORE = datetime(2026, 11, 30, 21, 15, 7, tzinfo=UTC)
RANG = datetime(2026, 12, 1, 8, 30, 12, tzinfo=UTC)

pytestmark = pytest.mark.usefixtures("freezer")


def _registered_before(registry: er.EntityRegistry, entry: MockConfigEntry) -> None:
    """The sensor as an earlier set-up, whose phone pushed, left it registered."""
    entry.add_to_hass(registry.hass)
    registry.async_get_or_create(
        SENSOR_DOMAIN,
        DOMAIN,
        f"{entry.entry_id}_last_push",
        suggested_object_id="grandstream_gxp_last_push",
        config_entry=entry,
    )


@pytest.mark.usefixtures("gxp_phone")
async def test_added_at_the_first_push(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_registry: er.EntityRegistry,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A phone that never pushed has no sensor; its first push adds it."""
    assert hass.states.get(LAST_PUSH) is None
    assert entity_registry.async_get(LAST_PUSH) is None

    freezer.move_to(RANG)
    await http.get(webhook_path(gxp), params={"event": "dnd_on"})
    await hass.async_block_till_done()
    state = state_of(hass, LAST_PUSH)
    assert datetime.fromisoformat(state.state) == RANG
    assert state.attributes["device_class"] == "timestamp"
    assert state.attributes["event"] == "dnd_on"
    entity = entity_registry.async_get(LAST_PUSH)
    assert entity is not None
    assert entity.entity_category is EntityCategory.DIAGNOSTIC
    assert entity.unique_id == f"{gxp.entry_id}_last_push"
    assert entity.device_id == device_id(hass, gxp)


@pytest.mark.usefixtures("gxp_phone")
async def test_known_from_the_start_once_it_pushed(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    gxp_entry: MockConfigEntry,
) -> None:
    """A phone that pushed in an earlier set-up has it at once, unknown
    when nothing of it was restored.
    """
    _registered_before(entity_registry, gxp_entry)
    await setup_entry(hass, gxp_entry)
    state = state_of(hass, LAST_PUSH)
    assert state.state == STATE_UNKNOWN
    assert state.attributes["event"] is None


async def test_each_push_moves_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """Every push counts, whatever its event: a ring, DND, registration."""
    point_phone_at(hass, gxp_phone, gxp, http)
    freezer.move_to(RANG)
    gxp_phone.ring(line=1, number="5551234")
    await pushes_handled(hass, gxp_phone)
    rang = state_of(hass, LAST_PUSH)
    assert datetime.fromisoformat(rang.state) == RANG
    assert rang.attributes["event"] == "incoming"

    freezer.tick(timedelta(minutes=5))
    response = await http.get(webhook_path(gxp), params={"event": "registered"})
    assert response.status == 200
    await hass.async_block_till_done()
    registered = state_of(hass, LAST_PUSH)
    assert datetime.fromisoformat(registered.state) == RANG + timedelta(minutes=5)
    assert registered.attributes["event"] == "registered"


async def test_polls_do_not_move_it(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """A call that only polls saw is no push."""
    gxp_phone.ring(line=1, number="5551234")
    await poll(hass, gxp)
    assert state_of(hass, CALL_STATE).state == "ringing"
    assert hass.states.get(LAST_PUSH) is None


async def test_refused_push_does_not_move_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A push with no known event, or from another phone, never reached it."""
    await http.get(webhook_path(gxp), params={"event": "dnd_on", "mac": "000b82123456"})
    await hass.async_block_till_done()
    first = state_of(hass, LAST_PUSH).state
    assert first != STATE_UNKNOWN

    freezer.tick(timedelta(minutes=5))
    await http.get(webhook_path(gxp), params={"event": "reboot"})
    await http.get(webhook_path(gxp), params={"event": "hold", "mac": "000b82abcdef"})
    await hass.async_block_till_done()
    assert state_of(hass, LAST_PUSH).state == first
    assert state_of(hass, LAST_PUSH).attributes["event"] == "dnd_on"


async def test_shown_while_the_phone_cannot_be_read(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    await http.get(webhook_path(gxp), params={"event": "dnd_on"})
    await hass.async_block_till_done()
    pushed = state_of(hass, LAST_PUSH)
    await gxp_phone.set_fault("connection_refused")
    await poll(hass, gxp)
    assert (
        state_of(hass, "sensor.grandstream_gxp_call_state").state == STATE_UNAVAILABLE
    )
    assert state_of(hass, LAST_PUSH).state == pushed.state

    await gxp_phone.clear_fault()
    await poll(hass, gxp)
    assert state_of(hass, LAST_PUSH).state == pushed.state
    assert state_of(hass, LAST_PUSH).attributes["event"] == "dnd_on"


async def test_kept_across_a_reload(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    await http.get(webhook_path(gxp), params={"event": "missed"})
    await hass.async_block_till_done()
    pushed = state_of(hass, LAST_PUSH)

    freezer.tick(timedelta(hours=1))
    await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()

    reloaded = state_of(hass, LAST_PUSH)
    assert reloaded.state == pushed.state
    assert reloaded.attributes["event"] == "missed"


@pytest.mark.parametrize(
    ("stored_event", "shown_event"),
    [
        ("terminated", "terminated"),
        # A stored attribute that names no push event is not shown.
        ("<script>", None),
    ],
    ids=["push event", "no push event"],
)
@pytest.mark.usefixtures("gxp_phone")
async def test_restored_after_a_restart(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    gxp_entry: MockConfigEntry,
    stored_event: str,
    shown_event: str | None,
) -> None:
    """What the sensor showed before Home Assistant stopped, it shows again."""
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State(LAST_PUSH, BEFORE.isoformat(), {"event": stored_event}),
                {
                    "native_value": {
                        "__type": str(datetime),
                        "isoformat": BEFORE.isoformat(),
                    },
                    "native_unit_of_measurement": None,
                },
            )
        ],
    )
    _registered_before(entity_registry, gxp_entry)
    await setup_entry(hass, gxp_entry)
    state = state_of(hass, LAST_PUSH)
    assert datetime.fromisoformat(state.state) == BEFORE
    assert state.attributes["event"] == shown_event


async def test_dp_base_has_one(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A DP base's push names no handset: the sensor belongs to the base."""
    point_phone_at(hass, dp_phone, dp, http)
    dp_phone.ring(line=1, number="5551234", hs=2)
    await pushes_handled(hass, dp_phone)
    assert state_of(hass, DP_LAST_PUSH).attributes["event"] == "incoming"
    entity = entity_registry.async_get(DP_LAST_PUSH)
    assert entity is not None
    assert entity.device_id == device_id(hass, dp)
    sensors = [
        entry.entity_id
        for entry in er.async_entries_for_config_entry(entity_registry, dp.entry_id)
        if entry.entity_id.endswith("_last_push")
    ]
    assert sensors == [DP_LAST_PUSH]
