"""WebSessionClient and a WP826: the challenge login, the session, its ends.

As lineup.md gives the WP826 (the simulator answers from it): a session gone
is logged in again once, a refused password never, and never two logins at
once; the password and the session id stay out of every message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from custom_components.grandstream_cti.cti import (
    CallState,
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamConnectionError,
    PhoneIdentity,
    PhoneOperation,
    WebSessionClient,
)
from simulator import FaultMode, LineState, SimulatedPhone
from tests.cti.helpers import PASSCODE, assert_error_keeps_secret


def _client(
    session: aiohttp.ClientSession,
    phone: SimulatedPhone,
    password: str = PASSCODE,
    username: str = "admin",
) -> WebSessionClient:
    return WebSessionClient(session, phone.host, password, username=username, timeout=5)


@pytest.fixture
async def wp(
    session: aiohttp.ClientSession, wp_phone: SimulatedPhone
) -> AsyncIterator[WebSessionClient]:
    """A client logged in as the WP826's admin once it asks something."""
    async with _client(session, wp_phone) as client:
        yield client


def _functions(phone: SimulatedPhone) -> list[str | None]:
    return [request.function for request in phone.requests]


async def test_login_with_the_challenge_then_the_session(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """access, dologin, then each read is a POST carrying the session."""
    wp_phone.ring(1, "5551234", "Alice")
    lines = await wp.line_status()
    assert _functions(wp_phone) == ["access", "dologin", "api-get_line_status"]
    read = wp_phone.requests[-1]
    assert read.method == "POST"
    assert read.params["line"] == "-1"
    assert read.authorized is True
    assert len(lines) == 4
    assert lines[0].state is CallState.RINGING
    assert lines[0].remote_number == "5551234"
    # No name while a WP826's line rings (capture).
    assert lines[0].remote_name == ""
    assert lines[0].account == "0"
    await wp.phone_status()
    assert wp_phone.web.logins == 1


async def test_session_gone_logs_in_once_again(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """A session the phone ended (401, or "unauthorized"): one new login."""
    await wp.line_status()
    wp_phone.web.end_sessions()
    await wp.line_status()
    wp_phone.web.end_sessions()
    status = await wp.phone_status()
    assert status.status == "available"
    assert wp_phone.web.logins == 3
    assert wp.sessions_ended == 2
    assert _functions(wp_phone).count("api-get_phone_status") == 2


async def test_a_person_logging_in_ends_the_session(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """One session per account: a person's login as admin ends ours."""
    await wp.line_status()
    wp_phone.web.person_logs_in("admin")
    await wp.line_status()
    assert wp_phone.web.logins == 2
    assert wp.sessions_ended == 1


async def test_refused_new_session_is_an_authentication_error(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """A session refused right after its login: no third login."""
    await wp.line_status()
    wp_phone.web.idle_seconds = -1.0
    with pytest.raises(GrandstreamAuthenticationError):
        await wp.line_status()
    assert wp_phone.web.logins == 2


async def test_wrong_password_is_tried_once(
    session: aiohttp.ClientSession, wp_phone: SimulatedPhone
) -> None:
    """A refused login raises at once, and the client never logs in again."""
    async with _client(session, wp_phone, password="wrong") as client:
        with pytest.raises(GrandstreamAuthenticationError, match="wrong4"):
            await client.line_status()
        with pytest.raises(GrandstreamAuthenticationError, match="wrong4"):
            await client.phone_status()
    assert _functions(wp_phone) == ["access", "dologin"]
    assert wp_phone.web.refused_logins == 1


async def test_reads_racing_a_new_login_share_it(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """Two reads that find the session gone wait for one login."""
    await wp.line_status()
    wp_phone.web.end_sessions()
    await asyncio.gather(wp.line_status(), wp.phone_status(), wp.line_status())
    assert wp_phone.web.logins == 2
    assert _functions(wp_phone).count("dologin") == 2


async def test_first_reads_racing_share_one_login(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """Two reads before any session: one login."""
    await asyncio.gather(wp.line_status(), wp.phone_status())
    assert _functions(wp_phone).count("dologin") == 1


async def test_close_logs_out(
    session: aiohttp.ClientSession, wp_phone: SimulatedPhone
) -> None:
    """Closing the client ends its session on the phone."""
    async with _client(session, wp_phone) as client:
        await client.line_status()
        assert wp_phone.web.live_sessions == 1
    assert wp_phone.web.logouts == 1
    assert wp_phone.web.live_sessions == 0
    with pytest.raises(GrandstreamConnectionError):
        await client.line_status()


async def test_close_without_session_sends_nothing(
    session: aiohttp.ClientSession, wp_phone: SimulatedPhone
) -> None:
    """A client that never logged in has nothing to log out of."""
    async with _client(session, wp_phone):
        pass
    assert wp_phone.requests == []


async def test_commands_in_the_session(
    wp: WebSessionClient, wp_phone: SimulatedPhone
) -> None:
    """Call control, unhold, make_call on an account and reboot, as the GRP's."""
    wp_phone.ring(1, "5551234")
    await wp.phone_operation(PhoneOperation.ACCEPT_CALL)
    assert wp_phone.line(1).state is LineState.CONNECTED
    await wp.phone_operation(PhoneOperation.HOLD_CALL)
    await wp.unhold_line(1)
    assert wp_phone.line(1).state is LineState.CONNECTED
    await wp.phone_operation(PhoneOperation.END_CALL)
    await wp.make_call("5550000", account=2)
    dialled = wp_phone.requests_for("api-make_call")[-1]
    assert dialled.method == "POST"
    assert dialled.params["account"] == "1"
    await wp.reboot()
    await wp_phone.wait_until_up(5)
    assert wp_phone.boot_count == 1
    assert wp_phone.web.logins == 1


async def test_battery(wp: WebSessionClient, wp_phone: SimulatedPhone) -> None:
    """api-get_battery_status is read with a GET in the session."""
    wp_phone.set_battery(42)
    battery = await wp.battery_status()
    assert battery.capacity == 42
    assert battery.status == "Discharging"
    assert wp_phone.requests[-1].method == "GET"
    assert wp_phone.requests[-1].authorized is True


async def test_model_file_needs_no_login(
    session: aiohttp.ClientSession, wp_phone: SimulatedPhone
) -> None:
    """A CTI client names a WP by its model file and logs in nowhere."""
    async with GrandstreamClient(session, wp_phone.host, PASSCODE) as client:
        identity = await client.identify()
    assert identity == PhoneIdentity(family=Family.WP, model="WP826")
    assert _functions(wp_phone) == [None]


async def test_identify_logs_in(wp: WebSessionClient, wp_phone: SimulatedPhone) -> None:
    """A WebSessionClient proves its password with one read in the session."""
    assert await wp.identify() == PhoneIdentity(family=Family.WP, model="WP826")
    assert _functions(wp_phone) == [
        None,
        "access",
        "dologin",
        "api-get_phone_status",
    ]


async def test_secrets_stay_out_of_errors(
    wp: WebSessionClient, wp_phone: SimulatedPhone, caplog: pytest.LogCaptureFixture
) -> None:
    """A failing read in a session names neither the password nor the session."""
    await wp.line_status()
    sid = next(r.params["sid"] for r in reversed(wp_phone.requests))
    await wp_phone.set_fault(FaultMode.RESET, count=1)
    with pytest.raises(GrandstreamConnectionError) as failure:
        await wp.phone_status()
    assert_error_keeps_secret(failure.value)
    assert sid not in str(failure.value)
    assert sid not in wp.redact(f"sid={sid}")
    assert all(sid not in record.getMessage() for record in caplog.records)
