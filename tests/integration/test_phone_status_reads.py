"""A GXP phone's status is read when the lines changed, while busy, and each minute."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone

from ..conftest import poll
from .helpers import state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

PHONE_STATUS = "sensor.grandstream_gxp_phone_status"


def reads(phone: SimulatedPhone) -> list[str]:
    """The functions of the requests since the last clear, shortened."""
    return [request.function.removeprefix("api-get_") for request in phone.requests]


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
