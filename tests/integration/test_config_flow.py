"""Config flow: user, DHCP, reauth, reconfigure and options, against simulated phones."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from datetime import timedelta
from pathlib import Path
import socket
import ssl
from typing import Any
from unittest.mock import AsyncMock, patch

from aiohttp import web
from homeassistant.config_entries import (
    SOURCE_DHCP,
    SOURCE_IGNORE,
    SOURCE_USER,
    ConfigEntryState,
)
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.grandstream_cti.const import (
    CONF_FAMILY,
    CONF_FIRMWARE,
    CONF_MODEL,
    CONF_POLL_INTERVAL,
    DOMAIN,
)
from custom_components.grandstream_cti.cti import (
    Family,
    GrandstreamClient,
    GrandstreamValidationError,
    PhoneIdentity,
)
from simulator import SimulatedPhone
from tests.conftest import PASSCODE, setup_entry
from tests.integration.helpers import device_entry, options_step

MAC = "00:0b:82:12:34:56"


def user_input(phone: SimulatedPhone, **changes: Any) -> dict[str, Any]:
    """What a user types into the form for a simulated phone."""
    return {
        CONF_HOST: phone.host,
        CONF_PASSWORD: PASSCODE,
        CONF_SSL: False,
        CONF_VERIFY_SSL: False,
        **changes,
    }


def dhcp_info(ip: str = "127.0.0.1") -> DhcpServiceInfo:
    """A DHCP request of the simulated phones' MAC."""
    return DhcpServiceInfo(ip=ip, hostname="gxp2135", macaddress="000b82123456")


def suggested_values(schema: vol.Schema) -> dict[str, Any]:
    """The suggested values a form's schema carries, by field name."""
    return {
        str(key): key.description["suggested_value"]
        for key in schema.schema
        if key.description and "suggested_value" in key.description
    }


def probing(*web_servers: tuple[bool, int]) -> contextlib.AbstractContextManager[Any]:
    """Make DHCP discovery ask these (ssl, port) of 127.0.0.1, not 80 and 443."""
    return patch(
        "custom_components.grandstream_cti.config_flow.DISCOVERY_WEB_SERVERS",
        web_servers,
    )


def unused_port() -> int:
    """A port of 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=["gxp", "dp"])
def phone(request: pytest.FixtureRequest) -> SimulatedPhone:
    """Each simulated phone family in turn."""
    return request.getfixturevalue(f"{request.param}_phone")


async def start_user_flow(hass: HomeAssistant) -> str:
    """Open the user step; return the flow id."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    return result["flow_id"]


async def test_user_creates_entry(hass: HomeAssistant, phone: SimulatedPhone) -> None:
    """The flow asks the phone its family and stores everything."""
    family = phone.family.value
    title = {"gxp": "Grandstream GXP series", "dp": "Grandstream DP75x series"}[family]
    flow_id = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(flow_id, user_input(phone))
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"{title} ({phone.host})"
    assert result["data"] == {
        CONF_HOST: phone.host,
        CONF_PASSWORD: PASSCODE,
        CONF_SSL: False,
        CONF_VERIFY_SSL: False,
        CONF_FAMILY: family,
    }
    assert result["result"].unique_id is None
    assert result["result"].state is ConfigEntryState.LOADED
    assert phone.guard.total_failures == 0


async def test_user_normalizes_host(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """Spaces go, so the same phone spelled differently is the same phone."""
    flow_id = await start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_HOST: f"  {gxp_phone.host} "})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_HOST] == gxp_phone.host
    assert result["title"].endswith(f"({gxp_phone.host})")

    gxp_phone.clear_requests()
    flow_id = await start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_HOST: f"\t{gxp_phone.host} "})
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_user_host_case_is_ignored(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A host name is compared in lower case: a shouted name is a duplicate."""
    gxp_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        gxp_entry, data={**gxp_entry.data, CONF_HOST: f"phone.lan:{gxp_phone.port}"}
    )
    flow_id = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_HOST: f" PHONE.Lan:{gxp_phone.port}"})
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert gxp_phone.requests == []


async def test_user_duplicate_host_aborts(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A phone that is already configured is not added twice."""
    gxp_phone.clear_requests()
    flow_id = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone)
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("connection_refused", "cannot_connect"),
        ("reset", "cannot_connect"),
        ("timeout", "cannot_connect"),
        ("http_500", "cannot_connect"),
        ("malformed_json", "cannot_connect"),
        ("http_401", "invalid_auth"),
        ("http_403", "invalid_auth"),
        ("response_error", "invalid_auth"),
        ("html", "cti_disabled"),
        ("http_404", "cti_disabled"),
    ],
)
@pytest.mark.usefixtures("silent_phone_timeout")
async def test_user_errors_recoverable(
    hass: HomeAssistant, phone: SimulatedPhone, fault: str, error: str
) -> None:
    """Each failure shows its error; once the phone behaves, the same flow ends."""
    flow_id = await start_user_flow(hass)
    await phone.set_fault(fault)

    result = await hass.config_entries.flow.async_configure(flow_id, user_input(phone))

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {"base": error}
    # What the user typed comes back, except the password.
    assert suggested_values(result["data_schema"]) == {CONF_HOST: phone.host}

    await phone.clear_fault()
    result = await hass.config_entries.flow.async_configure(flow_id, user_input(phone))
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_FAMILY] == phone.family.value


async def test_user_wrong_password_costs_one_attempt(
    hass: HomeAssistant, phone: SimulatedPhone
) -> None:
    """A refused password is tried once per submit, never in a loop."""
    flow_id = await start_user_flow(hass)

    for attempt in (1, 2):
        result = await hass.config_entries.flow.async_configure(
            flow_id, user_input(phone, **{CONF_PASSWORD: "wrong"})
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {"base": "invalid_auth"}
        assert phone.guard.total_failures == attempt
        assert suggested_values(result["data_schema"]) == {CONF_HOST: phone.host}

    result = await hass.config_entries.flow.async_configure(flow_id, user_input(phone))
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_PASSWORD] == PASSCODE
    assert phone.guard.total_failures == 2
    assert not phone.locked


@pytest.mark.parametrize("host", ["bad host/x", "", "http://127.0.0.1", "a:b:c:d:z"])
async def test_user_invalid_host(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, host: str
) -> None:
    """A host that is no host never reaches the network; fixing it finishes."""
    flow_id = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_HOST: host})
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_HOST: "invalid_host"}
    assert gxp_phone.requests == []

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone)
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    ("exception", "error"),
    [
        (RuntimeError("boom"), "unknown"),
        (GrandstreamValidationError("bad"), "invalid_host"),
    ],
)
async def test_user_unexpected_errors(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    exception: Exception,
    error: str,
) -> None:
    """Errors no phone produces still leave the flow usable."""
    flow_id = await start_user_flow(hass)

    with patch.object(GrandstreamClient, "identify", side_effect=exception):
        result = await hass.config_entries.flow.async_configure(
            flow_id, user_input(gxp_phone)
        )

    assert result["type"] is FlowResultType.FORM
    assert error in result["errors"].values()

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone)
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY


# DHCP


async def test_dhcp_new_phone(hass: HomeAssistant, gxp_phone: SimulatedPhone) -> None:
    """A discovered phone prefills where it answered; the entry is named by its MAC."""
    with probing((False, gxp_phone.port)):
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
        )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert suggested_values(result["data_schema"]) == {CONF_HOST: gxp_phone.host}
    progress = hass.config_entries.flow.async_progress()
    assert progress[0]["context"]["title_placeholders"] == {"host": "127.0.0.1"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(gxp_phone)
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == MAC
    assert result["data"][CONF_HOST] == gxp_phone.host

    # The same phone asking again is known.
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_dhcp_follows_known_phone_to_new_address(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A known phone at a new address: the host follows, the port stays."""
    gxp_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(gxp_entry, unique_id=MAC)

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info("192.168.1.50")
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert gxp_entry.data[CONF_HOST] == f"192.168.1.50:{gxp_phone.port}"
    assert gxp_entry.data[CONF_PASSWORD] == PASSCODE


async def test_dhcp_follows_known_phone_without_port(
    hass: HomeAssistant,
) -> None:
    """A host without a port gets the bare new address."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id=MAC,
        data={CONF_HOST: "192.168.1.2", CONF_PASSWORD: PASSCODE, CONF_FAMILY: "gxp"},
    )
    entry.add_to_hass(hass)

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info("192.168.1.3")
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == "192.168.1.3"


async def test_dhcp_reloads_loaded_phone_at_new_address(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A running entry whose phone moved is reloaded to talk to the new address."""
    gxp_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(gxp_entry, unique_id=MAC)
    await hass.config_entries.async_setup(gxp_entry.entry_id)
    await hass.async_block_till_done()
    assert gxp_entry.state is ConfigEntryState.LOADED
    gxp_phone.clear_requests()

    # The phone moved to 127.0.0.9, where (in tests) nothing answers.
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info("127.0.0.9")
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert gxp_entry.data[CONF_HOST] == f"127.0.0.9:{gxp_phone.port}"
    # Reloaded: set up again against the new address, which did not answer.
    assert gxp_entry.state is ConfigEntryState.SETUP_RETRY
    assert not gxp_phone.requests


async def test_dhcp_retries_setup_of_phone_that_appears(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A phone waiting for setup retry is set up when it asks for an address."""
    gxp_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(gxp_entry, unique_id=MAC)
    await gxp_phone.set_fault("connection_refused")
    await hass.config_entries.async_setup(gxp_entry.entry_id)
    await hass.async_block_till_done()
    assert gxp_entry.state is ConfigEntryState.SETUP_RETRY
    await gxp_phone.clear_fault()

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert gxp_entry.state is ConfigEntryState.LOADED


async def test_dhcp_adopts_entry_without_unique_id(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """An entry added by hand at the discovered address gets the MAC."""
    assert gxp.unique_id is None

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert gxp.unique_id == MAC
    assert gxp.data[CONF_HOST] == gxp_phone.host
    assert gxp.state is ConfigEntryState.LOADED


async def test_dhcp_other_address_without_unique_id_is_new(
    hass: HomeAssistant, gxp_entry: MockConfigEntry
) -> None:
    """An entry without MAC at another address is another phone."""
    gxp_entry.add_to_hass(hass)

    with patch(
        "custom_components.grandstream_cti.config_flow.probe_cti",
        AsyncMock(return_value=Family.GXP),
    ):
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info("192.168.1.50")
        )

    assert result["type"] is FlowResultType.FORM
    assert gxp_entry.unique_id is None


async def test_dhcp_probe_finds_phones_without_a_login(
    hass: HomeAssistant, phone: SimulatedPhone
) -> None:
    """A phone proves itself to a request that carries no passcode at all.

    Newer firmware locks the account after 5 failed logins; a phone that is
    discovered again and again must not get near that.
    """
    for _ in range(6):
        with probing((False, phone.port)):
            result = await hass.config_entries.flow.async_init(
                DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
            )
        assert result["type"] is FlowResultType.FORM
        hass.config_entries.flow.async_abort(result["flow_id"])

    assert phone.requests
    assert all("passcode" not in request.params for request in phone.requests)
    assert phone.guard.total_failures == 0
    assert not phone.locked


async def test_dhcp_probe_over_https(
    hass: HomeAssistant,
    tls_files: tuple[Path, Path],
    tolerate_failed_tls_handshakes: None,
) -> None:
    """A phone that serves HTTPS only is found there, and offered with HTTPS."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*tls_files)
    async with SimulatedPhone("gxp", passcode=PASSCODE, ssl_context=context) as phone:
        with probing((False, unused_port()), (True, phone.port)):
            result = await hass.config_entries.flow.async_init(
                DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
            )

    assert result["type"] is FlowResultType.FORM
    assert suggested_values(result["data_schema"]) == {
        CONF_HOST: phone.host,
        CONF_SSL: True,
    }


@contextlib.asynccontextmanager
async def other_device(
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]] | None,
) -> AsyncIterator[tuple[int, list[web.Request]]]:
    """A device of the same maker that is no phone: its port, what it was asked.

    Without a handler it answers 404 to everything, as a bare web server does.
    """
    asked: list[web.Request] = []

    @web.middleware
    async def record(
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        asked.append(request)
        return await handler(request)

    app = web.Application(middlewares=[record])
    if handler is not None:
        app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield runner.addresses[0][1], asked
    finally:
        await runner.cleanup()


async def web_page(request: web.Request) -> web.Response:
    """An access point's or PBX's web interface: a page for every path."""
    return web.Response(
        text="<!DOCTYPE html><html><body>GWN7605 login</body></html>",
        content_type="text/html",
    )


async def login_required(request: web.Request) -> web.Response:
    """A password-protected web server: 401 for every path."""
    return web.Response(status=401, text="401 Unauthorized")


async def other_json(request: web.Request) -> web.Response:
    """Some JSON API, not the CTI one."""
    return web.json_response({"status": "ok"})


@pytest.mark.parametrize(
    "handler",
    [None, web_page, login_required, other_json],
    ids=["not_found", "web_page", "login_required", "other_json"],
)
async def test_dhcp_other_devices_are_not_offered(
    hass: HomeAssistant,
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]] | None,
) -> None:
    """A device that shares the phones' MAC prefixes but is no phone is skipped."""
    async with other_device(handler) as (port, asked):
        with probing((False, port), (True, port)):
            result = await hass.config_entries.flow.async_init(
                DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
            )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "not_a_cti_phone"
    assert not hass.config_entries.flow.async_progress()
    # Asked as a GXP, then as a DP base; never with a passcode.
    assert [request.path for request in asked] == [
        "/cgi-bin/api-get_phone_status",
        "/cgi-bin/api-get_hs_status",
    ]
    assert all("passcode" not in request.query for request in asked)


@pytest.mark.parametrize("fault", ["http_404", "html", "connection_refused"])
async def test_dhcp_phone_without_cti_is_not_offered(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, fault: str
) -> None:
    """A phone with CTI off (or not answering at all) is nothing to offer yet."""
    await gxp_phone.set_fault(fault)
    with probing((False, gxp_phone.port)):
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
        )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "not_a_cti_phone"


async def test_dhcp_finds_a_second_entry_of_a_known_phone(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry
) -> None:
    """An entry added at the address where the known phone asked is that phone.

    It keeps working, with a repair that says to delete one of the two; the
    repair goes with either.
    """
    data = {CONF_PASSWORD: PASSCODE, CONF_SSL: False, CONF_FAMILY: "gxp"}
    known = MockConfigEntry(
        domain=DOMAIN,
        title="Desk phone",
        unique_id=MAC,
        data={CONF_HOST: "192.168.1.2", **data},
    )
    known.add_to_hass(hass)
    again = MockConfigEntry(
        domain=DOMAIN, title="Desk phone again", data={CONF_HOST: "192.168.1.3", **data}
    )
    again.add_to_hass(hass)

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info("192.168.1.3")
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert known.data[CONF_HOST] == "192.168.1.3"
    assert again.unique_id is None
    issue = issue_registry.async_get_issue(DOMAIN, f"duplicate_phone_{again.entry_id}")
    assert issue is not None
    assert issue.translation_key == "duplicate_phone"
    assert issue.translation_placeholders == {
        "phone": "Desk phone again",
        "other": "Desk phone",
        "mac": MAC,
    }

    # Deleting the entry that has the MAC leaves the other alone: no duplicate.
    await hass.config_entries.async_remove(known.entry_id)
    assert not issue_registry.async_get_issue(
        DOMAIN, f"duplicate_phone_{again.entry_id}"
    )


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ((False, "192.168.1.40"), (False, "192.168.1.40:80")),
        ((False, "192.168.1.40:80"), (False, "192.168.1.40")),
        ((True, "phone.lan"), (True, "PHONE.lan:443")),
        ((True, "phone.lan:443"), (False, "phone.lan")),
        ((False, "[FE80::1]"), (False, "[fe80::1]:80")),
        ((False, "phone.lan:8080"), (True, "Phone.lan:8080")),
    ],
)
async def test_user_default_port_is_the_same_phone(
    hass: HomeAssistant, stored: tuple[bool, str], typed: tuple[bool, str]
) -> None:
    """A host with its scheme's default port, or without, is one phone.

    Compared before the phone is asked anything; entries of older versions
    may have kept the port.
    """
    MockConfigEntry(
        domain=DOMAIN,
        data={
            CONF_HOST: stored[1],
            CONF_SSL: stored[0],
            CONF_PASSWORD: PASSCODE,
            CONF_FAMILY: "gxp",
        },
    ).add_to_hass(hass)
    flow_id = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        flow_id,
        {
            CONF_HOST: typed[1],
            CONF_PASSWORD: PASSCODE,
            CONF_SSL: typed[0],
            CONF_VERIFY_SSL: False,
        },
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_user_stores_host_without_default_port(
    hass: HomeAssistant, gxp_phone: SimulatedPhone
) -> None:
    """The port the scheme implies is not stored: the entry's host is the name."""
    flow_id = await start_user_flow(hass)
    # No phone answers at phone.lan: the answer and the setup are left out.
    with (
        patch.object(
            GrandstreamClient,
            "identify",
            AsyncMock(return_value=PhoneIdentity(family=Family.GXP)),
        ),
        patch(
            "custom_components.grandstream_cti.async_setup_entry",
            AsyncMock(return_value=True),
        ),
    ):
        result = await hass.config_entries.flow.async_configure(
            flow_id, user_input(gxp_phone, **{CONF_HOST: "Phone.LAN:80"})
        )
        await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_HOST] == "phone.lan"
    assert result["title"] == "Grandstream GXP series (phone.lan)"


async def test_dhcp_ignored_phone(hass: HomeAssistant) -> None:
    """A phone the user ignored stays ignored."""
    MockConfigEntry(
        domain=DOMAIN, source=SOURCE_IGNORE, unique_id=MAC, data={}
    ).add_to_hass(hass)

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=dhcp_info()
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


# Reauth


async def test_reauth(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """A wrong password again is refused; the right one updates and reloads."""
    gxp_phone.change_passcode("new secret")
    old_coordinator = gxp.runtime_data
    result = await gxp.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert result["description_placeholders"][CONF_HOST] == gxp_phone.host
    failures = gxp_phone.guard.total_failures

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: PASSCODE}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert gxp_phone.guard.total_failures == failures + 1

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: "new secret"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert gxp.data[CONF_PASSWORD] == "new secret"
    assert gxp.data[CONF_HOST] == gxp_phone.host
    assert gxp.state is ConfigEntryState.LOADED
    assert gxp.runtime_data is not old_coordinator
    assert gxp.runtime_data.last_update_success
    assert gxp_phone.guard.total_failures == failures + 1


async def test_reauth_after_failed_setup(
    hass: HomeAssistant, dp_entry: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """The reauth flow Home Assistant starts brings a refused entry up."""
    dp_phone.change_passcode("new secret")
    await setup_entry(hass, dp_entry)
    assert dp_entry.state is ConfigEntryState.SETUP_ERROR
    [flow] = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["source"] == "reauth"

    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_PASSWORD: "new secret"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert dp_entry.state is ConfigEntryState.LOADED


# Reconfigure


async def test_reconfigure_to_other_phone(
    hass: HomeAssistant, gxp: MockConfigEntry
) -> None:
    """Moving to another phone of the same family updates and reloads."""
    async with SimulatedPhone("gxp", passcode="other") as other:
        result = await gxp.start_reconfigure_flow(hass)
        assert result["type"] is FlowResultType.FORM
        assert result["step_id"] == "reconfigure"
        # Prefilled, except the password.
        suggested = suggested_values(result["data_schema"])
        assert suggested == {CONF_HOST: gxp.data[CONF_HOST]}
        assert PASSCODE not in repr(result["data_schema"].schema)

        result = await hass.config_entries.flow.async_configure(
            result["flow_id"],
            {CONF_HOST: f" {other.host} ", CONF_PASSWORD: "other"},
        )
        await hass.async_block_till_done()

        assert result["type"] is FlowResultType.ABORT
        assert result["reason"] == "reconfigure_successful"
        assert gxp.data[CONF_HOST] == other.host
        assert gxp.data[CONF_PASSWORD] == "other"
        assert gxp.data[CONF_FAMILY] == "gxp"
        assert gxp.state is ConfigEntryState.LOADED
        assert gxp.runtime_data.client.host == other.host
        assert other.requests_for("api-get_line_status")
        await hass.config_entries.async_unload(gxp.entry_id)


async def test_reconfigure_to_other_phone_forgets_model_and_firmware(
    hass: HomeAssistant, gxp: MockConfigEntry
) -> None:
    """What a push told of the old phone is not the new one's."""
    learnt = {CONF_MODEL: "GXP2170", CONF_FIRMWARE: "1.0.11.6"}
    hass.config_entries.async_update_entry(gxp, data={**gxp.data, **learnt})
    await hass.async_block_till_done()
    async with SimulatedPhone("gxp", passcode="other") as other:
        result = await gxp.start_reconfigure_flow(hass)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_HOST: other.host, CONF_PASSWORD: "other"}
        )
        await hass.async_block_till_done()

        assert result["reason"] == "reconfigure_successful"
        assert CONF_MODEL not in gxp.data
        assert CONF_FIRMWARE not in gxp.data
        device = device_entry(hass, gxp)
        assert device is not None
        assert (device.model, device.sw_version) == ("GXP series", None)
        await hass.config_entries.async_unload(gxp.entry_id)


async def test_reconfigure_same_host_new_password(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """Keeping the host is not a duplicate of the entry itself."""
    gxp_phone.change_passcode("changed")
    result = await gxp.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(gxp_phone, **{CONF_PASSWORD: "changed"})
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert gxp.data[CONF_PASSWORD] == "changed"
    assert gxp.state is ConfigEntryState.LOADED


async def test_reconfigure_wrong_family(
    hass: HomeAssistant, gxp: MockConfigEntry, dp_phone: SimulatedPhone
) -> None:
    """A DP base cannot replace a GXP phone."""
    result = await gxp.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input(dp_phone)
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_family"
    assert gxp.data[CONF_FAMILY] == "gxp"
    assert gxp.data[CONF_HOST] != dp_phone.host


async def test_reconfigure_to_other_entry_host(
    hass: HomeAssistant, gxp: MockConfigEntry, dp: MockConfigEntry
) -> None:
    """The address of another entry is refused."""
    result = await gxp.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_HOST: dp.data[CONF_HOST], CONF_PASSWORD: PASSCODE},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert gxp.data[CONF_HOST] != dp.data[CONF_HOST]


async def test_reconfigure_errors_recoverable(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """Bad host, wrong password and a silent phone each show an error."""
    result = await gxp.start_reconfigure_flow(hass)
    flow_id = result["flow_id"]

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_HOST: "bad host/x"})
    )
    assert result["errors"] == {CONF_HOST: "invalid_host"}
    assert suggested_values(result["data_schema"])[CONF_HOST] == "bad host/x"

    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_PASSWORD: "wrong"})
    )
    assert result["errors"] == {"base": "invalid_auth"}
    assert CONF_PASSWORD not in suggested_values(result["data_schema"])

    await gxp_phone.set_fault("connection_refused")
    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone)
    )
    assert result["errors"] == {"base": "cannot_connect"}

    await gxp_phone.clear_fault()
    result = await hass.config_entries.flow.async_configure(
        flow_id, user_input(gxp_phone, **{CONF_HOST: gxp_phone.host.upper()})
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert gxp.state is ConfigEntryState.LOADED


# Options


async def test_options_poll_interval(
    hass: HomeAssistant, gxp: MockConfigEntry, gxp_phone: SimulatedPhone
) -> None:
    """The interval is stored as an int and applied without a reload."""
    coordinator = gxp.runtime_data
    assert coordinator.update_interval == timedelta(seconds=5)
    result = await options_step(hass, gxp, "settings")
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "settings"
    schema = result["data_schema"]
    assert schema({})[CONF_POLL_INTERVAL] == 5
    for bad in (0, 301):
        with pytest.raises(vol.Invalid):
            schema({CONF_POLL_INTERVAL: bad})
    gxp_phone.clear_requests()

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_POLL_INTERVAL: 30.0}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert gxp.options == {CONF_POLL_INTERVAL: 30}
    assert isinstance(gxp.options[CONF_POLL_INTERVAL], int)
    assert gxp.runtime_data is coordinator
    assert coordinator.update_interval == timedelta(seconds=30)
    # Applied at once: the phone was read with the new interval running.
    assert gxp_phone.requests_for("api-get_line_status")

    # The form now shows the stored value; saving it again changes nothing.
    result = await options_step(hass, gxp, "settings")
    assert result["data_schema"]({})[CONF_POLL_INTERVAL] == 30
    gxp_phone.clear_requests()
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_POLL_INTERVAL: 30}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert coordinator.update_interval == timedelta(seconds=30)
    assert gxp_phone.requests == []
