"""GrandstreamClient and the ways of reaching a phone: formatting, HTTPS, hosts, IPv6."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
import ssl
from typing import Any

import aiohttp
import pytest
import pytest_socket  # type: ignore[import-untyped]

from custom_components.grandstream_cti.cti import (
    CallState,
    GrandstreamClient,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamValidationError,
    LineStatus,
    PhoneOperation,
    split_host,
)
from simulator import LineState, SimulatedPhone
from simulator.testing import CtiProbe
from tests.cti.helpers import (
    FAST,
    PASSCODE,
    TinyServer,
    assert_error_keeps_secret,
    guide,
    make_client,
    only_request,
    phone_status_answer,
    read_status,
    send_command,
)

# ---------------------------------------------- formatting differences of models

VARIATIONS: list[dict[str, Any]] = [
    {},
    {"style": "spaced"},
    {"content_type": "text/plain"},
    {"content_type": "text/html"},
    {"remote_key": "remotenumber"},
    {"style": "spaced", "content_type": "text/plain", "remote_key": "remotenumber"},
]


@pytest.mark.parametrize("variation", VARIATIONS, ids=lambda v: "-".join(v.values()))
async def test_gxp_formatting_variations(
    session: aiohttp.ClientSession, variation: dict[str, Any]
) -> None:
    async with SimulatedPhone("gxp", passcode=PASSCODE, **variation) as phone:
        phone.ring(2, "+4930123", "Zoë Müller")
        lines = await make_client(session, phone).line_status()
        status, content_type, text = await CtiProbe(session).raw(
            phone, "api-get_line_status", passcode=PASSCODE
        )
    assert status == 200
    # the variation really is on the wire...
    assert content_type == variation.get("content_type", "application/json")
    assert ('"remotenumber"' in text) is ("remote_key" in variation)
    assert (", " in text) is ("style" in variation)
    # ...and reads the same
    assert lines[1] == LineStatus(
        line=2,
        raw_state="ringing",
        account="0",  # the phone's first account, counted from 0
        remote_name="Zoë Müller",
        remote_number="+4930123",
        active=True,
    )
    assert lines[0] == LineStatus(line=1, raw_state="idle")


@pytest.mark.parametrize("variation", VARIATIONS[:3], ids=["plain", "spaced", "text"])
async def test_dp_formatting_variations(
    session: aiohttp.ClientSession, variation: dict[str, Any]
) -> None:
    async with SimulatedPhone("dp", passcode=PASSCODE, **variation) as phone:
        phone.ring(1, "+4930123", "Zoë Müller", 1)
        client = make_client(session, phone)
        lines = await client.handset_line_status(1)
        handset = await client.handset_status(1)
        account = await client.account_status(1)
    assert (lines[0].state, lines[0].remote_number, lines[0].remote_name) == (
        CallState.RINGING,
        "+4930123",
        "Zoë Müller",
    )
    assert handset.raw_state == "ringing"
    assert account.registered is True


# -------------------------------------------------------------------- HTTPS


@pytest.fixture
async def https_phone(
    tls_files: tuple[Path, Path], tolerate_failed_tls_handshakes: None
) -> AsyncIterator[SimulatedPhone]:
    """A GXP phone answering over HTTPS with its self-signed certificate."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*tls_files)
    async with SimulatedPhone("gxp", passcode=PASSCODE, ssl_context=context) as phone:
        yield phone


async def test_https_without_verification(https_phone: SimulatedPhone) -> None:
    """A session that checks no certificate (Home Assistant lends one) reaches it."""
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(ssl=False)
    ) as unverified:
        await _https_calls(make_client(unverified, https_phone, ssl=True), https_phone)


async def _https_calls(client: GrandstreamClient, https_phone: SimulatedPhone) -> None:
    assert str(client.url("api-get_phone_status")).startswith("https://127.0.0.1:")
    https_phone.ring(1, "3501", "Carol")
    assert (await client.line_status())[0].remote_name == "Carol"
    await client.phone_operation(PhoneOperation.ACCEPT_CALL)
    assert only_request(https_phone, "api-phone_operation").items == guide(
        ("cmd", "acceptcall")
    )
    assert https_phone.line(1).state is LineState.CONNECTED


async def test_https_with_verification_refuses_self_signed(
    session: aiohttp.ClientSession, https_phone: SimulatedPhone
) -> None:
    client = make_client(session, https_phone, ssl=True)
    for call in (read_status, send_command):
        with pytest.raises(GrandstreamConnectionError) as info:
            await call(client)
        assert type(info.value) is GrandstreamConnectionError
        assert "certificate" in str(info.value).lower()
        assert_error_keeps_secret(info.value)
    assert https_phone.requests == []


async def test_plain_http_to_https_phone_fails_cleanly(
    session: aiohttp.ClientSession, https_phone: SimulatedPhone
) -> None:
    client = make_client(session, https_phone, timeout=FAST)
    with pytest.raises(GrandstreamError) as info:
        await client.phone_status()
    assert_error_keeps_secret(info.value)
    assert https_phone.requests == []


# ------------------------------------------------------- hosts, ports, IPv6


@pytest.mark.parametrize(
    ("host", "name", "port", "shown"),
    [
        ("192.168.5.135", "192.168.5.135", None, "192.168.5.135"),
        ("192.168.5.135:8080", "192.168.5.135", 8080, "192.168.5.135:8080"),
        (" phone.local:81 ", "phone.local", 81, "phone.local:81"),
        ("[fe80::1]:8443", "fe80::1", 8443, "[fe80::1]:8443"),
        ("fe80::1", "fe80::1", None, "[fe80::1]"),
    ],
)
async def test_host_property_and_url(
    session: aiohttp.ClientSession, host: str, name: str, port: int | None, shown: str
) -> None:
    assert split_host(host) == (name, port)
    client = GrandstreamClient(session, host, PASSCODE, ssl=True)
    assert client.host == shown
    url = client.url("api-send_key", {"hs": 1, "keys": "1:#"})
    assert str(url).startswith(f"https://{shown}/cgi-bin/api-send_key?")
    assert list(url.query.items()) == [
        ("passcode", PASSCODE),
        ("hs", "1"),
        ("keys", "1:#"),
    ]


async def test_bad_host_refused(session: aiohttp.ClientSession) -> None:
    with pytest.raises(GrandstreamValidationError):
        GrandstreamClient(session, "phone.local/cgi-bin?x=1", PASSCODE)


async def test_client_reaches_simulator_by_host_and_port(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    assert gxp.host == gxp_phone.host == f"127.0.0.1:{gxp_phone.port}"
    assert (await gxp.phone_status()).status == "available"


async def test_ipv6_simulator(session: aiohttp.ClientSession) -> None:
    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1"])
    phone = SimulatedPhone("gxp", passcode=PASSCODE, bind="::1")
    try:
        await phone.start()
    except OSError as err:
        await phone.close()
        pytest.skip(f"the simulator cannot listen on ::1 ({err})")
    try:  # pragma: no cover - only when the simulator learns IPv6
        client = GrandstreamClient(session, f"[::1]:{phone.port}", PASSCODE)
        assert (await client.phone_status()).status == "available"
    finally:
        await phone.close()


async def test_ipv6_host(session: aiohttp.ClientSession) -> None:
    """The client over IPv6 loopback, against a bare server on [::1]."""
    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1"])
    server = TinyServer(phone_status_answer)
    try:
        await server.start("::1")
    except OSError as err:  # pragma: no cover - machines without IPv6
        await server.close()
        pytest.skip(f"no IPv6 loopback ({err})")
    try:
        client = GrandstreamClient(session, f"[::1]:{server.port}", PASSCODE)
        assert client.host == f"[::1]:{server.port}"
        status = await client.phone_status()
        assert status.status == "busy"
        [request] = server.requests
        assert request.path == "/cgi-bin/api-get_phone_status"
        assert request.query["passcode"] == PASSCODE
    finally:
        await server.close()
