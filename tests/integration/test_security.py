"""Security checks: the passcode stays secret, HTTPS, the webhook's gate, reset guard.

Every test here also runs under the suite-wide check of tests/conftest.py that no
log record ever shows the passcode.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import contextlib
import json
from pathlib import Path
import ssl
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.components.webhook import async_generate_path
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER, ConfigEntryState
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
    CONF_WEBHOOK_ID,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
import voluptuous as vol

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.diagnostics import (
    async_get_config_entry_diagnostics,
)
from simulator import SimulatedPhone
from tests.conftest import (
    PASSCODE,
    passcode_spellings_in,
    phone_entry,
    poll,
    setup_entry,
)
from tests.integration.helpers import device_entry, device_id

# Any of these tests may make a phone fall silent: the clock runs, so that Home
# Assistant gives up on it meanwhile; polls move it on (tests.conftest.poll).
pytestmark = [
    pytest.mark.freeze_time(tick=True),
    pytest.mark.usefixtures("silent_phone_timeout"),
]

# Every way a phone can fail a request, and a password changed on the phone.
PHONE_FAULTS = [
    "connection_refused",
    "reset",
    "timeout",
    "html",
    "malformed_json",
    "truncated",
    "response_error",
    "http_401",
    "http_403",
    "http_404",
    "http_500",
    "password_changed",
]
CALL_STATE = "sensor.grandstream_gxp_call_state"


@pytest.fixture(params=["gxp", "dp"])
def phone(request: pytest.FixtureRequest) -> SimulatedPhone:
    """Each simulated phone family in turn."""
    phone: SimulatedPhone = request.getfixturevalue(f"{request.param}_phone")
    return phone


async def start_fault(phone: SimulatedPhone, fault: str) -> None:
    if fault == "password_changed":
        phone.change_passcode("an0ther pass")
    else:
        await phone.set_fault(fault)


async def end_fault(phone: SimulatedPhone) -> None:
    phone.change_passcode(PASSCODE)
    await phone.clear_fault()


async def recover(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry
) -> None:
    """End the fault: the entities are back at the next poll.

    After a refused passcode there is no poll until the reauth: the user
    enters the password again, which reloads the entry.
    """
    await end_fault(phone)
    reauths = [
        flow["flow_id"]
        for flow in hass.config_entries.flow.async_progress()
        if flow["context"]["source"] == SOURCE_REAUTH
    ]
    for flow_id in reauths:
        await hass.config_entries.flow.async_configure(
            flow_id, {CONF_PASSWORD: PASSCODE}
        )
    await poll(hass, entry)


def exception_texts(err: BaseException) -> list[str]:
    """What an error and every error behind it show: text, repr, attributes."""
    texts: list[str] = []
    seen: set[int] = set()
    pending: list[BaseException | None] = [err]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        texts += [str(current), repr(current), repr(vars(current))]
        pending += [current.__cause__, current.__context__]
    return texts


def all_states(hass: HomeAssistant) -> list[str]:
    """Every entity's state and attributes."""
    return [
        json.dumps(state.as_dict(), default=str) for state in hass.states.async_all()
    ]


def flow_texts(result: Any) -> list[str]:
    """What a flow step shows: its result and the form's suggested values."""
    texts = [repr({k: v for k, v in result.items() if k != "data_schema"})]
    if (schema := result.get("data_schema")) is not None:
        texts += [repr(key.description) for key in schema.schema if key.description]
    return texts


def assert_secret(texts: list[str]) -> None:
    leaks = [text for text in texts if passcode_spellings_in(text)]
    assert not leaks


# ------------------------------------------------- (a) the passcode stays secret


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_passcode_never_shown(
    hass: HomeAssistant, phone: SimulatedPhone, caplog: pytest.LogCaptureFixture
) -> None:
    """Every error path: setup, polls, commands, diagnostics, the config flow."""
    # The flow first: the phone's host is free until its entry exists.
    texts = await failed_config_flows(hass, phone)
    entry = phone_entry(phone, phone.family.value)
    entry.add_to_hass(hass)
    texts += await failed_setups(hass, phone, entry)
    texts += await failed_commands_and_polls(hass, phone, entry)

    assert len(texts) > 100
    assert_secret(texts)
    assert not passcode_spellings_in(caplog.text)


async def failed_setups(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry
) -> list[str]:
    """Set entry up under every fault; what each failure shows. Ends loaded."""
    texts: list[str] = []
    for fault in PHONE_FAULTS:
        await start_fault(phone, fault)
        if entry.state is ConfigEntryState.NOT_LOADED:
            await hass.config_entries.async_setup(entry.entry_id)
        else:
            await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        assert entry.state in (
            ConfigEntryState.SETUP_RETRY,
            ConfigEntryState.SETUP_ERROR,
        ), fault
        texts += [str(entry.reason), repr(entry.error_reason_translation_placeholders)]
        await end_fault(phone)
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    return texts


async def failed_commands_and_polls(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry
) -> list[str]:
    """Buttons, services and polls under every fault: errors, states, diagnostics."""
    gxp = phone.family.value == "gxp"
    target = device_id(hass, entry, None if gxp else 1)
    prefix = "button.grandstream_gxp" if gxp else "button.grandstream_dp_handset_1"
    buttons = [f"{prefix}_answer", f"{prefix}_mute"]
    services: list[tuple[str, dict[str, Any]]] = [
        ("make_call", {"device_id": target, "number": "5551234"}),
        ("send_keys", {"device_id": target, "keys": "1:2"}),
        ("call_control", {"device_id": target, "operation": "end"}),
        ("factory_reset", {"device_id": target, "confirm": True}),
    ]
    texts: list[str] = []
    # A timeout's message is the same everywhere: setup and polls show it.
    for fault in [fault for fault in PHONE_FAULTS if fault != "timeout"]:
        await start_fault(phone, fault)
        for button in buttons:
            with pytest.raises(HomeAssistantError) as err:
                await hass.services.async_call(
                    "button", "press", {"entity_id": button}, blocking=True
                )
            texts += exception_texts(err.value)
            # Only an available entity takes a press: lift the fault for a poll.
            await recover(hass, phone, entry)
            await start_fault(phone, fault)
        for service, data in services:
            with pytest.raises(HomeAssistantError) as err:
                await hass.services.async_call(DOMAIN, service, data, blocking=True)
            texts += exception_texts(err.value)
        await poll(hass, entry)
        assert not entry.runtime_data.last_update_success
        error = entry.runtime_data.last_exception
        assert error is not None
        texts += exception_texts(error)
        texts += all_states(hass)
        diagnostics = await async_get_config_entry_diagnostics(hass, entry)
        texts.append(json.dumps(diagnostics, default=str))
        await recover(hass, phone, entry)
    assert phone.boot_count == 0  # no RESET got through a fault
    return texts


async def failed_config_flows(hass: HomeAssistant, phone: SimulatedPhone) -> list[str]:
    """The user step under every fault: what each form shows."""
    texts: list[str] = []
    for fault in PHONE_FAULTS:
        await start_fault(phone, fault)
        result = await configure_user_flow(hass, phone, ssl=False, verify_ssl=False)
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] in (
            {"base": "cannot_connect"},
            {"base": "invalid_auth"},
            {"base": "cti_disabled"},
        ), fault
        texts += flow_texts(result)
        await end_fault(phone)
    return texts


# ------------------------------------------ (b) HTTPS to a self-signed phone


@pytest.fixture(params=["gxp", "dp"])
async def https_phone(
    request: pytest.FixtureRequest,
    tls_files: tuple[Path, Path],
    tolerate_failed_tls_handshakes: None,
) -> AsyncIterator[SimulatedPhone]:
    """A phone of each family answering over HTTPS with a self-signed certificate."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*tls_files)
    async with SimulatedPhone(
        request.param, passcode=PASSCODE, ssl_context=context
    ) as phone:
        yield phone


async def configure_user_flow(
    hass: HomeAssistant, phone: SimulatedPhone, *, ssl: bool, verify_ssl: bool
) -> Any:
    """Fill the user step for phone; return the flow's answer."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_HOST: phone.host,
            CONF_PASSWORD: PASSCODE,
            CONF_SSL: ssl,
            CONF_VERIFY_SSL: verify_ssl,
        },
    )
    await hass.async_block_till_done()
    return result


async def test_https_self_signed_without_verification(
    hass: HomeAssistant, https_phone: SimulatedPhone
) -> None:
    """With verify_ssl off the phone is added and read over HTTPS."""
    result = await configure_user_flow(hass, https_phone, ssl=True, verify_ssl=False)

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_SSL] is True
    assert result["data"][CONF_VERIFY_SSL] is False
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    https_phone.ring(1, "5551234", hs=None if https_phone.family == "gxp" else 1)
    await poll(hass, entry)
    assert entry.runtime_data.last_update_success
    device = device_entry(hass, entry)
    assert device is not None
    assert device.configuration_url == f"https://{https_phone.host}"
    assert https_phone.requests
    # A DP base answers the GXP-only family probe as an unknown page, unchecked.
    assert all(request.authorized is not False for request in https_phone.requests)


async def test_https_self_signed_with_verification(
    hass: HomeAssistant, https_phone: SimulatedPhone
) -> None:
    """With verify_ssl on the self-signed certificate is refused: cannot_connect.

    The handshake fails before any request, so the passcode never left.
    """
    result = await configure_user_flow(hass, https_phone, ssl=True, verify_ssl=True)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    assert https_phone.requests == []
    assert not hass.config_entries.async_entries(DOMAIN)


async def test_plain_http_to_https_phone(
    hass: HomeAssistant, https_phone: SimulatedPhone
) -> None:
    """Plain HTTP to a phone that speaks HTTPS only: cannot_connect."""
    result = await configure_user_flow(hass, https_phone, ssl=False, verify_ssl=False)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    assert https_phone.requests == []


# ------------------------------------ (c) the webhook: GET only, local only


@pytest.fixture
async def behind_proxy(hass: HomeAssistant) -> None:
    """Home Assistant behind a reverse proxy on 127.0.0.1 that says who called."""
    assert await async_setup_component(
        hass,
        "http",
        {"http": {"use_x_forwarded_for": True, "trusted_proxies": ["127.0.0.1"]}},
    )


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "HEAD"])
async def test_webhook_other_methods(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
    method: str,
) -> None:
    """Nothing but GET moves a call (HEAD only tells that the URL exists)."""
    gxp_phone.clear_requests()
    path = async_generate_path(gxp.data[CONF_WEBHOOK_ID])
    response = await http.request(method, path, params={"event": "incoming"})
    await hass.async_block_till_done()

    assert response.status == (200 if method == "HEAD" else 405)
    assert hass.states.get(CALL_STATE).state == "idle"
    assert not gxp_phone.requests


@pytest.mark.parametrize(
    ("source", "accepted"),
    [
        ("203.0.113.7", False),
        ("2001:db8::7", False),
        ("8.8.8.8", False),
        ("192.168.1.50", True),
        ("10.0.0.9", True),
    ],
)
async def test_webhook_from_outside_is_ignored(
    hass: HomeAssistant,
    behind_proxy: None,
    gxp_phone: SimulatedPhone,
    gxp_entry: MockConfigEntry,
    *,
    hass_client_no_auth: ClientSessionGenerator,
    source: str,
    accepted: bool,
) -> None:
    """A push forwarded from a public address changes nothing; a LAN one does."""
    gxp = await setup_entry(hass, gxp_entry)
    http = await hass_client_no_auth()
    gxp_phone.clear_requests()
    with patch.object(gxp.runtime_data, "async_request_refresh"):
        response = await http.get(
            async_generate_path(gxp.data[CONF_WEBHOOK_ID]),
            params={"event": "incoming", "remote": "5551234"},
            headers={"X-Forwarded-For": source},
        )
        await hass.async_block_till_done()

    assert response.status == 200  # the webhook component never says why
    assert hass.states.get(CALL_STATE).state == ("ringing" if accepted else "idle")
    assert not gxp_phone.requests


# ------------------------------------------ (d) factory reset needs confirm


@pytest.mark.parametrize(
    "confirm",
    [None, False, "false", "False", 0, "0", "no", "off", "true", 1, "yes"],
    ids=repr,
)
async def test_factory_reset_without_confirm(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    *,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    confirm: object,
) -> None:
    """Anything but a real `true` sends no RESET, to any phone or base: not even
    what Home Assistant would otherwise read as true ("yes", 1)."""
    data: dict[str, Any] = {
        "device_id": [device_id(hass, gxp), device_id(hass, dp), device_id(hass, dp, 1)]
    }
    if confirm is not None:
        data["confirm"] = confirm
    with pytest.raises((HomeAssistantError, vol.Invalid)):
        await hass.services.async_call(DOMAIN, "factory_reset", data, blocking=True)
    await hass.async_block_till_done()

    for phone in (gxp_phone, dp_phone):
        assert not phone.requests_for("api-sys_operation")
        assert phone.boot_count == 0


@pytest.mark.parametrize("confirm", ["yes please", "true!", "", [True], {}], ids=repr)
async def test_factory_reset_odd_confirm(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    confirm: object,
) -> None:
    """A confirm that is not a boolean is refused by the schema."""
    with pytest.raises(vol.Invalid):
        await hass.services.async_call(
            DOMAIN,
            "factory_reset",
            {"device_id": device_id(hass, gxp), "confirm": confirm},
            blocking=True,
        )
    assert not gxp_phone.requests_for("api-sys_operation")


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_no_entity_resets_the_phone(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
) -> None:
    """There is no reset button: pressing every button never sends RESET."""
    registry = er.async_get(hass)
    for entry, phone in ((gxp, gxp_phone), (dp, dp_phone)):
        buttons = sorted(
            (
                entity.entity_id
                for entity in er.async_entries_for_config_entry(
                    registry, entry.entry_id
                )
                if entity.domain == "button"
            ),
            # The restart button goes last: the phone is down after it.
            key=lambda entity_id: (entity_id.endswith("_restart"), entity_id),
        )
        assert buttons
        assert not [b for b in buttons if "reset" in b or "factory" in b]
        for button in buttons:
            # Nothing rings, say: the phone may refuse.
            with contextlib.suppress(HomeAssistantError):
                await hass.services.async_call(
                    "button", "press", {"entity_id": button}, blocking=True
                )
        await hass.async_block_till_done()
        requests = phone.requests_for("api-sys_operation")
        assert [request.params["request"] for request in requests] == ["REBOOT"]
        assert not phone.requests_for(request="RESET")
        assert not any("RESET" in request.query_string for request in phone.requests)
