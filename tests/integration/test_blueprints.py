"""Tests of the automation blueprints shipped in blueprints/automation/grandstream_cti."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from simulator import SimulatedPhone

REPO = Path(__file__).resolve().parents[2]
BLUEPRINTS = REPO / "blueprints" / "automation" / "grandstream_cti"
PAUSE = "grandstream_cti/pause_media_while_ringing.yaml"
MISSED = "grandstream_cti/notify_missed_call.yaml"
CALL_STATE = "sensor.grandstream_gxp_call_state"
CALL_EVENT = "event.grandstream_gxp_call"


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
    """The README names these two, with these inputs."""
    assert set(load_blueprint(BLUEPRINTS / Path(PAUSE).name).inputs) >= {
        "call_state",
        "media_players",
    }
    assert set(load_blueprint(BLUEPRINTS / Path(MISSED).name).inputs) >= {
        "call_event",
        "notify",
    }


@pytest.fixture
def blueprint_dir(hass: HomeAssistant, tmp_path: Path) -> None:
    """Home Assistant finds the repository's blueprints in its config dir."""
    folder = tmp_path / "blueprints" / "automation"
    folder.mkdir(parents=True)
    (folder / "grandstream_cti").symlink_to(BLUEPRINTS)
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
    """Make the coordinator read the phone now, and let automations react.

    Not tests.conftest.poll: its async_block_till_done() would also wait for
    an automation waiting (wait_for_trigger) for the call to end.
    """
    await entry.runtime_data.async_refresh()
    for _ in range(20):
        await asyncio.sleep(0)


async def until(condition: Callable[[], bool]) -> None:
    """Wait (at most 5 s) until condition() holds."""
    async with asyncio.timeout(5):
        for _ in iter(condition, True):  # until condition() returns True
            await asyncio.sleep(0.01)


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
    message = notifications[0].data["message"]
    assert message.startswith("Alice (+4930123) called ")
    assert "Call" in message


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
