"""Tests of the button platform."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from unittest.mock import patch

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.cti import CallState
from simulator import LineState, SimulatedPhone
from tests.conftest import SnapshotEntities, poll, setup_entry
from tests.integration.helpers import only_platform, press, sent

# Polls move the clock (tests.conftest.poll). Most buttons pressed here are
# disabled by default.
pytestmark = pytest.mark.usefixtures("freezer", "entity_registry_enabled_by_default")

only_button_platform = only_platform(Platform.BUTTON)


async def test_gxp_entities(
    snapshot_entities: SnapshotEntities, gxp_entry: MockConfigEntry
) -> None:
    """The buttons of a GXP phone."""
    await snapshot_entities(gxp_entry)


async def test_dp_entities(
    snapshot_entities: SnapshotEntities, dp_entry: MockConfigEntry
) -> None:
    """The buttons of a DP750 base and its two paired handsets."""
    await snapshot_entities(dp_entry)


@pytest.mark.parametrize(
    ("button", "key"),
    [
        ("mute", "MUTE"),
        ("speaker", "SPEAKER"),
        ("headset", "HEADSET"),
        ("volume_up", "VUP"),
        ("volume_down", "VDOWN"),
        ("voicemail", "VM"),
        ("conference", "CONF"),
        ("transfer", "XFER"),
    ],
)
async def test_gxp_key_button(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    button: str,
    key: str,
) -> None:
    """Each key button of a GXP phone presses its key once."""
    await press(hass, f"button.grandstream_gxp_{button}")

    assert sent(gxp_phone, "api-send_key") == [{"keys": key}]
    assert gxp_phone.station().keys == [key]


async def test_old_dnd_toggle_button_removed(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, gxp_entry: MockConfigEntry
) -> None:
    """The Toggle do not disturb button of earlier versions goes at setup.

    The Do not disturb switch is the phone's one DND control.
    """
    gxp_entry.add_to_hass(hass)
    old = entity_registry.async_get_or_create(
        "button",
        DOMAIN,
        "gxp_entry_dnd_toggle",
        config_entry=gxp_entry,
        suggested_object_id="grandstream_gxp_toggle_do_not_disturb",
    )

    await hass.config_entries.async_setup(gxp_entry.entry_id)
    await hass.async_block_till_done()

    assert entity_registry.async_get(old.entity_id) is None
    assert hass.states.get(old.entity_id) is None


async def test_gxp_restart(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """The restart button reboots the phone once."""
    await press(hass, "button.grandstream_gxp_restart")

    assert len(gxp_phone.requests_for("api-sys_operation")) == 1
    assert len(gxp_phone.requests_for("api-sys_operation", request="REBOOT")) == 1
    await gxp_phone.wait_until_up(5)
    assert gxp_phone.boot_count == 1


async def test_dp_restart(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """The restart button of a DP base reboots the base once."""
    await press(hass, "button.grandstream_dp_restart")

    assert len(dp_phone.requests_for("api-sys_operation")) == 1
    assert len(dp_phone.requests_for("api-sys_operation", request="REBOOT")) == 1


@pytest.mark.parametrize(("button", "cmd"), [("mute", "mute"), ("speaker", "speaker")])
async def test_dp_handset_button(
    hass: HomeAssistant,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    button: str,
    cmd: str,
) -> None:
    """Mute and speaker act on their handset, with no line."""
    await press(hass, f"button.grandstream_dp_handset_2_{button}")

    assert sent(dp_phone, "api-device_operation") == [{"hs": "2", "cmd": cmd}]
    assert getattr(dp_phone.station(2), "muted" if cmd == "mute" else "speaker")
    assert not dp_phone.station(1).muted
    assert not dp_phone.station(1).speaker


async def test_dp_reject(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """Reject acts on the handset's ringing line."""
    dp_phone.ring(3, hs=2)
    await poll(hass, dp)

    await press(hass, "button.grandstream_dp_handset_2_decline")

    assert sent(dp_phone, "api-device_operation") == [
        {"hs": "2", "line": "3", "cmd": "rejectcall"}
    ]
    assert not dp_phone.station(2).busy


async def test_gxp_reject(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Reject ends the ringing call of a GXP phone."""
    gxp_phone.ring(2)

    await press(hass, "button.grandstream_gxp_decline")

    assert sent(gxp_phone, "api-phone_operation") == [{"cmd": "rejectcall"}]
    assert not gxp_phone.station().busy


async def test_gxp_resume_presses_held_line_key(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Resume presses the held line's key: the guide has no unholdcall for GXP."""
    gxp_phone.ring(2)
    gxp_phone.answer(2)
    gxp_phone.hold(2)
    await poll(hass, gxp)
    gxp_phone.clear_requests()

    await press(hass, "button.grandstream_gxp_resume")

    assert sent(gxp_phone, "api-send_key") == [{"keys": "LINE2"}]
    assert sent(gxp_phone, "api-phone_operation") == []
    assert gxp_phone.line(2).state is LineState.CONNECTED


async def test_gxp_resume_without_held_call(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Resume with nothing on hold is refused before anything is sent."""
    gxp_phone.clear_requests()

    with pytest.raises(ServiceValidationError) as err:
        await press(hass, "button.grandstream_gxp_resume")

    assert err.value.translation_key == "no_held_call"
    await hass.async_block_till_done()
    assert gxp_phone.requests == []


# Per family: the Hold button of the phone or of DP handset 1, the command it
# sends, and the reads of a normal poll (a DP750 with two handsets paired; no
# Phone status sensor, so no phone status read).
HOLD_PRESSES = {
    "gxp": (
        "button.grandstream_gxp_hold",
        "api-phone_operation",
        ["api-get_line_status"],
    ),
    "dp": (
        "button.grandstream_dp_handset_1_hold",
        "api-device_operation",
        ["api-get_hs_line_status", "api-get_hs_line_status"],
    ),
}


@pytest.fixture(params=["gxp", "dp"])
def family(request: pytest.FixtureRequest) -> str:
    """Each phone family in turn."""
    return str(request.param)


@pytest.fixture
def phone(request: pytest.FixtureRequest, family: str) -> SimulatedPhone:
    """The simulated phone of the family."""
    phone: SimulatedPhone = request.getfixturevalue(f"{family}_phone")
    return phone


@pytest.fixture
def entry(request: pytest.FixtureRequest, family: str) -> MockConfigEntry:
    """The phone of the family, set up."""
    entry: MockConfigEntry = request.getfixturevalue(family)
    return entry


async def test_press_returns_once_the_phone_answers(
    hass: HomeAssistant, family: str, phone: SimulatedPhone, entry: MockConfigEntry
) -> None:
    """A press costs one request; one normal poll follows, not waited for.

    The read after the press is held back until the press has returned; a
    press that waited for it would return only when the guard gives up.
    """
    button, command, reads = HOLD_PRESSES[family]
    hs = None if family == "gxp" else 1
    phone.ring(1, hs=hs)
    phone.answer(1, hs=hs)
    await poll(hass, entry)
    phone.clear_requests()
    coordinator = entry.runtime_data
    client = coordinator.client
    read = client._read
    press_returned = asyncio.Event()

    async def after_the_press(function: str, *args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                await press_returned.wait()
        return await read(function, *args, **kwargs)

    with patch.object(client, "_read", after_the_press):
        await press(hass, button)
        answered_after = [request.function for request in phone.requests]
        press_returned.set()
        await hass.async_block_till_done()

    assert answered_after == [command]
    assert [request.function for request in phone.requests] == [command, *reads]
    held = coordinator.data.stations[hs].current_line
    assert held is not None
    assert held.state is CallState.ON_HOLD


async def test_refused_by_phone(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A phone that answers an operation with an error refuses the command."""
    # Nothing rings: the phone answers {"response": "error", "body": false}.
    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button.grandstream_gxp_answer")

    assert err.value.translation_key == "command_refused"
    assert str(err.value).startswith("The phone refused the command (")
    assert len(gxp_phone.requests_for("api-phone_operation")) == 1


async def test_error_response(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """An error answer to a key is a refused command, and the entry stays."""
    await gxp_phone.set_fault("response_error", count=1)

    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button.grandstream_gxp_mute")

    assert err.value.translation_key == "command_refused"
    assert len(gxp_phone.requests_for("api-send_key")) == 1
    assert not hass.config_entries.flow.async_progress()


async def test_unreachable(
    hass: HomeAssistant, dp_phone: SimulatedPhone, dp: MockConfigEntry
) -> None:
    """A button of an unreachable phone says it could not reach it."""
    await dp_phone.set_fault("connection_refused")

    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button.grandstream_dp_handset_1_mute")

    assert err.value.translation_key == "cannot_connect"
    assert str(err.value).startswith("Could not reach the phone (")


@pytest.mark.freeze_time(tick=True)  # Home Assistant gives up on the phone
@pytest.mark.usefixtures("silent_phone_timeout")
async def test_timeout_not_retried(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp_entry: MockConfigEntry
) -> None:
    """A command the phone does not answer is not sent again."""
    await setup_entry(hass, gxp_entry)
    await gxp_phone.set_fault("timeout", count=1)

    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button.grandstream_gxp_mute")

    assert err.value.translation_key == "cannot_connect"
    assert len(gxp_phone.requests_for("api-send_key")) == 1
    assert gxp_phone.station().keys == []
