"""Tests of the automation blueprints the integration ships, and of their install."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
import shutil
from typing import Any

from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.core import Event, HomeAssistant, ServiceCall, callback
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.grandstream_cti.blueprint_install import SHIPPED
from custom_components.grandstream_cti.const import DOMAIN
from simulator import LineState, SimulatedPhone
from simulator.clock import WallClock
from tests.conftest import start_poll
from tests.integration.helpers import sent

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

BLUEPRINTS = SHIPPED
PAUSE = "grandstream_cti/pause_media_while_ringing.yaml"
MISSED = "grandstream_cti/notify_missed_call.yaml"
ANSWER = "grandstream_cti/answer_from_notification.yaml"
CALL_STATE = "sensor.grandstream_gxp_call_state"
CALL_EVENT = "event.grandstream_gxp_call"
ANSWER_INPUTS = {"call_event": CALL_EVENT, "notify_service": "mobile_app_pixel"}


def load_blueprint(path: Path) -> Blueprint:
    """The blueprint at path, validated by Home Assistant's own schema."""
    return Blueprint(
        load_yaml_dict(str(path)),
        path=str(path),
        expected_domain="automation",
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )


@pytest.mark.parametrize(
    "path", sorted(BLUEPRINTS.glob("*.yaml")), ids=lambda path: path.name
)
def test_blueprint_is_valid(path: Path) -> None:
    """Each shipped blueprint passes Home Assistant's blueprint schema."""
    blueprint = load_blueprint(path)

    assert blueprint.domain == "automation"
    assert blueprint.name
    assert blueprint.inputs


def test_the_documented_blueprints_exist() -> None:
    """docs/blueprints-and-examples.md names these three, with these inputs."""
    assert set(load_blueprint(BLUEPRINTS / Path(PAUSE).name).inputs) >= {
        "call_state",
        "media_players",
    }
    assert set(load_blueprint(BLUEPRINTS / Path(MISSED).name).inputs) >= {
        "call_event",
        "notify",
    }
    assert set(load_blueprint(BLUEPRINTS / Path(ANSWER).name).inputs) >= {
        "call_event",
        "notify_service",
    }


@pytest.fixture
def blueprint_dir(hass: HomeAssistant, tmp_path: Path) -> None:
    """Home Assistant finds the shipped blueprints in its config dir."""
    shutil.copytree(BLUEPRINTS, tmp_path / "blueprints" / "automation" / DOMAIN)
    hass.config.config_dir = str(tmp_path)


async def use_blueprint(hass: HomeAssistant, path: str, inputs: dict[str, Any]) -> None:
    """Set up one automation made from a blueprint."""
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "From blueprint",
                "use_blueprint": {"path": path, "input": inputs},
            }
        },
    )
    await hass.async_block_till_done()
    state = hass.states.get("automation.from_blueprint")
    assert state is not None
    assert state.state == "on"


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Let the poll interval pass, wait for the read to show, let automations react.

    Each poll here follows a change on the phone, so that the read updates the
    entities. Not tests.conftest.poll: its async_block_till_done() would also
    wait for an automation waiting (wait_for_trigger) for the call to end.
    """
    updated = asyncio.Event()
    stop_listening = entry.runtime_data.async_add_listener(updated.set)
    start_poll(hass, entry)
    try:
        await until(updated.is_set)
    finally:
        stop_listening()
    for _ in range(20):
        await asyncio.sleep(0)


async def until(condition: Callable[[], bool]) -> None:
    """Wait (at most 30 s) until condition() holds.

    Timed by the wall clock: the freezer stops the event loop's. Generous, for
    a busy machine: a condition that holds ends the wait at once.
    """
    clock = WallClock()
    for _ in range(3000):
        if condition():
            return
        await clock.sleep(0.01)
    pytest.fail("The condition never held")


def targets(calls: list[ServiceCall]) -> list[list[str]]:
    """The entity ids each call targeted."""
    return [sorted(call.data["entity_id"]) for call in calls]


@pytest.mark.usefixtures("blueprint_dir")
async def test_pause_media_while_ringing(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A ring pauses the players that play; idle again resumes just those."""
    hass.states.async_set("media_player.tv", "playing")
    hass.states.async_set("media_player.kitchen", "playing")
    hass.states.async_set("media_player.radio", "paused")
    pause = async_mock_service(hass, "media_player", "media_pause")
    play = async_mock_service(hass, "media_player", "media_play")
    await use_blueprint(
        hass,
        PAUSE,
        {
            "call_state": CALL_STATE,
            "media_players": [
                "media_player.tv",
                "media_player.kitchen",
                "media_player.radio",
            ],
        },
    )

    gxp_phone.ring(1, "5551234", "Alice")
    await poll(hass, gxp)
    assert hass.states.get(CALL_STATE).state == "ringing"
    await until(lambda: len(pause) > 0)
    assert targets(pause) == [["media_player.kitchen", "media_player.tv"]]
    assert play == []

    gxp_phone.answer(1)
    await poll(hass, gxp)
    assert hass.states.get(CALL_STATE).state == "talking"
    assert play == []

    gxp_phone.hangup(1)
    await poll(hass, gxp)
    assert hass.states.get(CALL_STATE).state == "idle"
    await until(lambda: len(play) > 0)
    assert targets(play) == [["media_player.kitchen", "media_player.tv"]]
    assert len(pause) == 1


@pytest.mark.usefixtures("blueprint_dir")
async def test_pause_media_nothing_playing(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """With nothing playing, a ring pauses nothing and nothing resumes."""
    hass.states.async_set("media_player.tv", "idle")
    pause = async_mock_service(hass, "media_player", "media_pause")
    play = async_mock_service(hass, "media_player", "media_play")
    await use_blueprint(
        hass, PAUSE, {"call_state": CALL_STATE, "media_players": ["media_player.tv"]}
    )

    gxp_phone.ring(1)
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    assert pause == []
    assert play == []


@pytest.mark.usefixtures("blueprint_dir")
async def test_notify_missed_call_default(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A missed call notifies with the caller; an answered one does not."""
    notifications = async_mock_service(hass, "persistent_notification", "create")
    await use_blueprint(hass, MISSED, {"call_event": CALL_EVENT})

    gxp_phone.ring(1, "+4930123", "Alice")
    await poll(hass, gxp)
    gxp_phone.answer(1)
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    assert notifications == []

    gxp_phone.ring(1, "+4930123", "Alice")
    await poll(hass, gxp)
    gxp_phone.hangup(1)  # the caller gives up: missed
    await poll(hass, gxp)

    assert hass.states.get(CALL_EVENT).attributes["event_type"] == "missed"
    await until(lambda: len(notifications) > 0)
    assert len(notifications) == 1
    assert notifications[0].data["title"] == "Missed call"
    assert (
        notifications[0].data["message"] == "Alice (+4930123) called Grandstream GXP."
    )


@pytest.mark.usefixtures("blueprint_dir")
async def test_notify_missed_call_own_action(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A chosen action gets the call's number and name; a number keeps its +."""
    sent = async_mock_service(hass, "notify", "mobile_app_pixel")
    await use_blueprint(
        hass,
        MISSED,
        {
            "call_event": CALL_EVENT,
            "notify": [
                {
                    "action": "notify.mobile_app_pixel",
                    "data": {
                        "title": "Missed: {{ call.number }}",
                        "message": "name={{ call.name }} caller={{ call.caller }}",
                    },
                }
            ],
        },
    )

    gxp_phone.ring(1, "+4930123", "")
    await poll(hass, gxp)
    gxp_phone.hangup(1)
    await poll(hass, gxp)

    await until(lambda: len(sent) > 0)
    assert len(sent) == 1
    assert sent[0].data == {
        "title": "Missed: +4930123",
        "message": "name= caller=+4930123",
    }


def notification_actions(call: ServiceCall) -> dict[str, str]:
    """The action id of each button of a notification, by its title."""
    return {
        button["title"]: button["action"] for button in call.data["data"]["actions"]
    }


async def press_in_the_app(hass: HomeAssistant, action: str) -> None:
    """Press a notification's button, as the Companion app reports it."""
    hass.bus.async_fire("mobile_app_notification_action", {"action": action})
    for _ in range(20):
        await asyncio.sleep(0)


async def alice_rings_with_the_answer_blueprint(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry
) -> list[ServiceCall]:
    """The Answer blueprint on the GXP's call event; Alice rings: it notifies."""
    notified = async_mock_service(hass, "notify", "mobile_app_pixel")
    await use_blueprint(hass, ANSWER, ANSWER_INPUTS)

    phone.ring(1, "+4930123456", "Alice")
    await poll(hass, entry)
    await until(lambda: len(notified) > 0)
    return notified


@pytest.mark.usefixtures("blueprint_dir")
async def test_answer_from_notification(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A ring notifies with the caller; Answer answers that phone, once; cleared."""
    notified = await alice_rings_with_the_answer_blueprint(hass, gxp_phone, gxp)
    ring = notified[0].data
    tag = ring["data"]["tag"]
    actions = notification_actions(notified[0])
    assert ring["title"] == "Phone ringing"
    assert ring["message"] == "Alice (+4930123456) is calling Grandstream GXP."
    assert ring["data"]["ttl"] == 0
    assert ring["data"]["priority"] == "high"
    assert ring["data"]["timeout"] == 300
    assert ring["data"]["push"] == {"interruption-level": "time-sensitive"}
    assert set(actions) == {"Answer", "Decline"}
    assert len({tag, *actions.values()}) == 3

    await press_in_the_app(hass, actions["Answer"])
    await until(lambda: len(notified) > 1)
    await press_in_the_app(hass, actions["Answer"])  # pressed twice, acted on once
    await press_in_the_app(hass, actions["Decline"])
    await hass.async_block_till_done()

    assert sent(gxp_phone, "api-phone_operation") == [{"cmd": "acceptcall"}]
    assert gxp_phone.line(1).state is LineState.CONNECTED
    assert len(notified) == 2
    assert notified[1].data == {"message": "clear_notification", "data": {"tag": tag}}


@pytest.mark.usefixtures("blueprint_dir")
async def test_declined_from_the_notification_is_not_missed(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Decline rejects the call: it ends `rejected`, and Missed calls stays 0."""
    ended: list[str] = []

    @callback
    def record(event: Event) -> None:
        ended.append(event.data["event_type"])

    hass.bus.async_listen("grandstream_cti_call", record)
    notified = await alice_rings_with_the_answer_blueprint(hass, gxp_phone, gxp)

    await press_in_the_app(hass, notification_actions(notified[0])["Decline"])
    await until(lambda: len(ended) > 1)

    assert sent(gxp_phone, "api-phone_operation") == [{"cmd": "rejectcall"}]
    assert ended == ["incoming", "rejected"]
    missed = hass.states.get("sensor.grandstream_gxp_missed_calls")
    assert missed is not None
    assert missed.state == "0"


@pytest.mark.usefixtures("blueprint_dir")
async def test_ring_all_notifies_once(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """Set up for both handsets, a call ringing both gives one notification."""
    notified = async_mock_service(hass, "notify", "mobile_app_pixel")
    automations = [
        {
            "alias": f"Handset {hs}",
            "use_blueprint": {
                "path": ANSWER,
                "input": {
                    "call_event": f"event.grandstream_dp_handset_{hs}_call",
                    "notify_service": "notify.mobile_app_pixel",
                },
            },
        }
        for hs in (1, 2)
    ]
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()

    dp_phone.ring_all("5550101", "Carol")
    await poll(hass, dp)
    await until(lambda: len(notified) > 0)
    for _ in range(20):
        await asyncio.sleep(0)

    assert [call.data["message"] for call in notified] == [
        "Carol (5550101) is calling Grandstream DP handset 1."
    ]


@pytest.mark.usefixtures("blueprint_dir")
async def test_decline_reaches_the_handset_that_rang(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """Decline rejects the call on the handset and line that rang, and no other."""
    notified = async_mock_service(hass, "notify", "mobile_app_pixel")
    await use_blueprint(
        hass,
        ANSWER,
        {
            "call_event": "event.grandstream_dp_handset_2_call",
            "notify_service": "notify.mobile_app_pixel",
        },
    )

    dp_phone.ring(1, "5550101", "Carol", hs=1)
    dp_phone.ring(4, "5550104", "", hs=2)
    await poll(hass, dp)
    await until(lambda: len(notified) > 0)
    assert notified[0].data["message"] == "5550104 is calling Grandstream DP handset 2."

    await press_in_the_app(hass, "GRANDSTREAM_CTI_DECLINE_another_ring")
    await press_in_the_app(hass, notification_actions(notified[0])["Decline"])
    await until(lambda: len(notified) > 1)
    await hass.async_block_till_done()

    assert sent(dp_phone, "api-device_operation") == [
        {"hs": "2", "line": "4", "cmd": "rejectcall"}
    ]
    assert dp_phone.line(1, hs=1).state is LineState.RINGING
    assert notified[1].data["message"] == "clear_notification"


@pytest.mark.usefixtures("blueprint_dir")
@pytest.mark.parametrize("answered_on_the_phone", [False, True])
async def test_notification_cleared_when_the_ring_ends(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    answered_on_the_phone: bool,
) -> None:
    """A ring answered on the phone, or given up by the caller, clears it."""
    notified = await alice_rings_with_the_answer_blueprint(hass, gxp_phone, gxp)
    if answered_on_the_phone:
        gxp_phone.answer(1)
    else:
        gxp_phone.hangup(1)
    await poll(hass, gxp)
    await until(lambda: len(notified) > 1)
    # Too late: the ring is over, and no run waits for its buttons.
    await press_in_the_app(hass, notification_actions(notified[0])["Answer"])
    await hass.async_block_till_done()

    tag = notified[0].data["data"]["tag"]
    assert notified[1].data == {"message": "clear_notification", "data": {"tag": tag}}
    assert len(notified) == 2
    assert sent(gxp_phone, "api-phone_operation") == []


@pytest.mark.usefixtures("blueprint_dir")
async def test_ring_over_before_the_notification_went_out(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A ring answered while the notification was on its way: cleared at once."""
    notified: list[ServiceCall] = []

    async def slow_notify(call: ServiceCall) -> None:
        notified.append(call)
        if len(notified) == 1:  # the phone is answered meanwhile
            gxp_phone.answer(1)
            await poll(hass, gxp)

    hass.services.async_register("notify", "mobile_app_pixel", slow_notify)
    await use_blueprint(hass, ANSWER, ANSWER_INPUTS)

    gxp_phone.ring(1, "+4930123456", "Alice")
    await poll(hass, gxp)
    await until(lambda: len(notified) > 1)

    assert notified[1].data["message"] == "clear_notification"
    assert sent(gxp_phone, "api-phone_operation") == []
