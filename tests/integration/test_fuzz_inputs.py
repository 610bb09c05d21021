"""Fuzzing what reaches Home Assistant from outside: pushes and service fields.

Whatever a push's query says, the webhook answers 200, 400 or 403, never raises,
never sends the phone anything but a status read, and never touches another
entry. Whatever a service call holds, only ServiceValidationError, vol.Invalid
or HomeAssistantError escape, and the phone only ever receives the guide's
parameters, with values the guide lists.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
import inspect
import logging
import re
from typing import Any
from unittest.mock import patch

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMessage
from aiohttp.test_utils import TestClient, make_mocked_request
from homeassistant.components import webhook
from homeassistant.components.webhook import async_generate_path
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    entity_registry as er,
)
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol
from yarl import URL

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.cti.calls import PushEvent
from custom_components.grandstream_cti.services import OPERATIONS
from custom_components.grandstream_cti.webhook import MAX_VALUE_LENGTH, parse_push
from simulator import SimulatedPhone
from simulator.records import RecordedRequest
from tests.conftest import is_home_assistant_failure_detail, setup_entry
from tests.integration.helpers import device_id

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The guide's parameters of each CTI function (hs on DP bases only).
GUIDE_PARAMS: dict[str, frozenset[str]] = {
    "api-get_line_status": frozenset({"passcode"}),
    "api-get_phone_status": frozenset({"passcode"}),
    "api-get_accounts": frozenset({"passcode"}),
    "api-get_account_status": frozenset({"passcode", "account"}),
    "api-get_hs_status": frozenset({"passcode", "hs"}),
    "api-get_hs_line_status": frozenset({"passcode", "hs"}),
    "api-make_call": frozenset({"passcode", "hs", "phonenumber"}),
    "api-send_key": frozenset({"passcode", "hs", "keys"}),
    "api-phone_operation": frozenset({"passcode", "cmd"}),
    "api-device_operation": frozenset({"passcode", "hs", "line", "cmd"}),
    "api-sys_operation": frozenset({"passcode", "request"}),
}
_KEY_NAMES = [
    "SPEAKER", "XFER", "VUP", "VDOWN", "MUTE", "HOLD", "CONF", "VM", "HEADSET",
    "DND", "SEND", "LEFT_SOFT_KEY", "RIGHT_SOFT_KEY", "HASH", "STAR", "ONHOOK",
    "OFFHOOK", "OK", "LOCK", "UNLOCK", "UP", "DOWN", "LEFT", "RIGHT",
]  # fmt: skip
GUIDE_KEYS = frozenset(
    [*"0123456789*#", *_KEY_NAMES]
    + [f"LINE{n}" for n in range(1, 9)]
    + [f"SOFT{n}" for n in range(1, 5)]
    + [f"MPK{n}" for n in range(1, 25)]
)
# The guide's commands: api-phone_operation has no unholdcall (a GXP phone
# resumes with a LINE key).
EXPECTED_COMMANDS = {
    "api-phone_operation": {
        "endcall", "holdcall", "acceptcall", "rejectcall", "cancel",
    },
    "api-device_operation": {
        "endcall", "holdcall", "unholdcall", "acceptcall", "rejectcall", "cancel",
        "mute", "speaker", "setdnd", "unsetdnd",
    },
}  # fmt: skip
_NUMBER = re.compile(r"\+?[0-9*#]+")
_SMALL_NUMBER = re.compile(r"[1-9][0-9]?")

GXP_CALL_STATE = "sensor.grandstream_gxp_call_state"
# Texts that look like what the guide or the webhook knows, among arbitrary ones.
LOOKALIKES = [
    *(event.value for event in PushEvent),
    "INCOMING", " incoming ", "$remote", "$mac", "+4930123", "000B82123456",
    "00:0b:82:12:34:56", "%2B49", "%ZZ", "%", "&", "=", "+", "passcode", "RESET",
    "REBOOT", "request", "cmd", "1&request=RESET", "1:0:0:0", "HASH", "SEND",
    "endcall", "acceptcall", "true", "yes", "on", "1", "false", "no", "off", "0",
]  # fmt: skip
texts = st.text(max_size=40) | st.sampled_from(LOOKALIKES)


def assert_guide_request(request: RecordedRequest) -> None:
    """One request as the guide spells it: known parameters, each once."""
    assert request.function in GUIDE_PARAMS, request
    names = [name for name, _ in request.items]
    assert len(names) == len(set(names)), request
    assert set(names) <= GUIDE_PARAMS[request.function], request
    params = dict(request.items)
    for name in ("hs", "line", "account"):
        if name in params:
            assert _SMALL_NUMBER.fullmatch(params[name]), request
    if "phonenumber" in params:
        assert _NUMBER.fullmatch(params["phonenumber"]), request
    if "keys" in params:
        assert set(params["keys"].split(":")) <= GUIDE_KEYS, request
    if "cmd" in params:
        assert params["cmd"] in EXPECTED_COMMANDS[request.function], request
    if "request" in params:
        assert params["request"] in {"REBOOT", "RESET"}, request


def commands(phone: SimulatedPhone, start: int) -> list[RecordedRequest]:
    """Requests since start that are not status reads."""
    return [
        request
        for request in phone.requests[start:]
        if not (request.function or "").startswith("api-get_")
    ]


def states_of(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    """Each entity's state and attributes."""
    return {
        entity.entity_id: (state.state, dict(state.attributes))
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
        if (state := hass.states.get(entity.entity_id)) is not None
    }


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Log records with an exception attached, or at error level.

    aiohttp's own refusal of a request line it cannot parse (a raw space, as
    phones send for $display_remote) happens before Home Assistant: not ours;
    nor is the debug-level detail of a failed poll that Home Assistant adds.
    """
    return [
        record.getMessage()
        for record in caplog.records
        if not (
            record.exc_info is not None
            and isinstance(record.exc_info[1], BadHttpMessage)
        )
        and not is_home_assistant_failure_detail(record)
        and (
            record.exc_info is not None
            or (
                record.levelno >= logging.ERROR
                and record.name.startswith("homeassistant")
            )
        )
    ]


# ------------------------------------------------------------------- pushes

# Raw query strings: names and values the webhook knows among URL-safe junk,
# with valid and broken percent escapes.
_junk = st.lists(
    st.sampled_from(
        [*"abcdefghijklmnopqrstuvwxyz0123456789=%+$:-._~!*'(),;/?@", "%00", "%2B",
         "%26", "%3D", "%20", "%ZZ", "%E2%82%AC", "%FF", "%C3", "%"]
    ),
    max_size=12,
).map("".join)  # fmt: skip
_names = st.sampled_from(["event", "mac", "remote", "local", "user", "EVENT"]) | _junk
_values = (
    st.sampled_from(
        [*(event.value for event in PushEvent), "INCOMING", "$remote", "$mac",
         "+4930123", "%2B4930123", "000B82123456", "00-0b-82-12-34-56",
         "0000000000FF", "9" * 300, "1%26request%3DRESET", " hold "]
    )
    | _junk
)  # fmt: skip
_parts = st.lists(st.tuples(_names, _values).map("=".join) | _junk, max_size=5)
_event = st.sampled_from([f"event={event.value}" for event in PushEvent]) | st.tuples(
    st.just("event"), _values
).map("=".join)


@st.composite
def raw_queries(draw: st.DrawFn) -> str:
    """Parts joined by &, most often with an event among them."""
    parts = draw(_parts)
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(_event))
    return "&".join(parts)


pairs = st.lists(
    st.tuples(
        st.sampled_from(["event", "mac", "remote", "local", "user"]) | texts,
        texts,
    ),
    max_size=6,
)


@FUZZ
@given(query=st.text(max_size=200) | raw_queries())
def test_parse_push_never_raises(query: str) -> None:
    """parse_push reads any text: a known event with clean values, or None."""
    push = parse_push(query)
    if push is None:
        return
    assert isinstance(push.event, PushEvent)
    assert push.mac is None or re.fullmatch(r"[0-9a-f]{12}", push.mac)
    assert push.remote == push.remote.strip()
    assert not push.remote.startswith("$")
    assert len(push.remote) <= MAX_VALUE_LENGTH


type WebhookHandler = Callable[
    [HomeAssistant, str, web.Request], Awaitable[web.Response | None]
]


@pytest.fixture
async def gxp_webhook(
    hass: HomeAssistant, gxp_entry: MockConfigEntry
) -> WebhookHandler:
    """Set the GXP entry up; the handler it registers for its webhook.

    Taken as the integration hands it to webhook.async_register: how Home
    Assistant stores it is internal (a dict in 2026.3, a WebhookData in 2026.10).
    """
    with patch.object(
        webhook, "async_register", wraps=webhook.async_register
    ) as register:
        await setup_entry(hass, gxp_entry)
    register.assert_called_once()
    arguments = inspect.signature(webhook.async_register).bind(
        *register.call_args.args, **register.call_args.kwargs
    )
    assert arguments.arguments["webhook_id"] == gxp_entry.data[CONF_WEBHOOK_ID]
    handler: WebhookHandler = arguments.arguments["handler"]
    return handler


@pytest.fixture
def known_gxp(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, gxp_webhook: WebhookHandler
) -> Iterator[MockConfigEntry]:
    """The GXP entry that knows its phone's MAC; its pushes trigger no read."""
    hass.config_entries.async_update_entry(gxp_entry, unique_id="00:0b:82:12:34:56")
    with patch.object(gxp_entry.runtime_data, "async_request_refresh"):
        yield gxp_entry


@FUZZ
@given(query=raw_queries() | st.text(max_size=80))
async def test_webhook_handler_any_query(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    known_gxp: MockConfigEntry,
    gxp_webhook: WebhookHandler,
    *,
    dp: MockConfigEntry,
    query: str,
) -> None:
    """The handler itself, with any raw query: an answer, never an exception."""
    gxp = known_gxp
    other = states_of(hass, dp)
    other_unique_id = dp.unique_id
    seen = len(gxp_phone.requests)
    webhook_id = gxp.data[CONF_WEBHOOK_ID]
    # The query exactly as the phone sent it, untouched by URL normalisation.
    request = make_mocked_request("GET", async_generate_path(webhook_id)).clone(
        rel_url=URL.build(
            path=async_generate_path(webhook_id), query_string=query, encoded=True
        )
    )
    assert request.rel_url.raw_query_string == query

    response = await gxp_webhook(hass, webhook_id, request)
    await hass.async_block_till_done()
    assert response is not None

    push = parse_push(query)
    if push is None:
        assert response.status == 400
    elif push.mac not in (None, "000b82123456"):
        assert response.status == 403
    else:
        assert response.status == 200
    assert gxp.unique_id == "00:0b:82:12:34:56"
    assert len(gxp_phone.requests) == seen
    assert states_of(hass, dp) == other
    assert dp.unique_id == other_unique_id


@settings(FUZZ, max_examples=40)
@given(raw=raw_queries(), params=pairs)
async def test_webhook_over_http(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    *,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
    http: TestClient,
    caplog: pytest.LogCaptureFixture,
    raw: str,
    params: list[tuple[str, str]],
) -> None:
    """Through the real webhook: never a 500, at most a status read of the phone."""
    other = states_of(hass, dp)
    other_unique_id = dp.unique_id
    gxp_seen, dp_seen = len(gxp_phone.requests), len(dp_phone.requests)
    path = async_generate_path(gxp.data[CONF_WEBHOOK_ID])

    as_sent = await http.get(URL(f"{path}?{raw}", encoded=True))
    as_params = await http.get(path, params=params)
    await hass.async_block_till_done()

    assert as_sent.status in (200, 400, 403)
    assert as_params.status in (200, 400, 403)
    assert not commands(gxp_phone, gxp_seen)
    for request in gxp_phone.requests[gxp_seen:]:
        assert_guide_request(request)
    assert len(dp_phone.requests) == dp_seen
    assert states_of(hass, dp) == other
    assert dp.unique_id == other_unique_id
    assert not tracebacks(caplog)


# ------------------------------------------------------------------ services


@pytest.fixture
def targets(
    hass: HomeAssistant, gxp: MockConfigEntry, dp: MockConfigEntry
) -> list[str]:
    """A GXP phone, a DP handset and a DP base."""
    return [device_id(hass, gxp), device_id(hass, dp, 1), device_id(hass, dp)]


@pytest.fixture
def phones(gxp_phone: SimulatedPhone, dp_phone: SimulatedPhone) -> list[SimulatedPhone]:
    return [gxp_phone, dp_phone]


@pytest.fixture
def phones_stay_up(phones: list[SimulatedPhone]) -> Iterator[None]:
    """A RESET is logged by the phone, which then neither reboots nor forgets."""
    with (
        patch.object(phones[0], "after_answer"),
        patch.object(phones[1], "after_answer"),
    ):
        yield


async def call_service(
    hass: HomeAssistant,
    phones: list[SimulatedPhone],
    service: str,
    data: dict[str, Any],
) -> list[RecordedRequest]:
    """Call a service with fuzzed data; return the commands the phones got.

    Only the errors a user may see escape; each phone starts the next example
    with idle lines.
    """
    seen = [len(phone.requests) for phone in phones]
    error: HomeAssistantError | None = None
    try:
        await hass.services.async_call(DOMAIN, service, data, blocking=True)
    except vol.Invalid:
        pass
    except HomeAssistantError as err:
        error = err
    await hass.async_block_till_done()
    # Ours, translated; not one Home Assistant made of an exception we let out.
    assert error is None or error.translation_domain == DOMAIN, repr(error)
    sent: list[RecordedRequest] = []
    for phone, start in zip(phones, seen, strict=True):
        for request in phone.requests[start:]:
            assert_guide_request(request)
        sent += commands(phone, start)
        phone.clear_calls()  # every line idle again
    return sent


def functions(sent: list[RecordedRequest]) -> set[str | None]:
    return {request.function for request in sent}


def target_lists(ids: list[str]) -> st.SearchStrategy[Any]:
    """One device id, or a list of them."""
    return st.sampled_from(ids) | st.lists(st.sampled_from(ids), min_size=1, max_size=3)


numbers = st.from_regex(r"\+?[0-9*# ().\-/]{1,24}", fullmatch=True)
guide_keys = st.sampled_from(sorted(GUIDE_KEYS))
# The guide's keys as people type them, alone or among arbitrary texts.
typed_keys = guide_keys | guide_keys.map(lambda key: f" {key.lower()} ")
key_lists = st.lists(typed_keys, min_size=1, max_size=6) | st.lists(
    typed_keys | texts, max_size=6
)


@FUZZ
@given(data=st.data(), number=numbers | texts | st.integers() | st.none())
async def test_make_call_any_number(
    hass: HomeAssistant,
    targets: list[str],
    phones: list[SimulatedPhone],
    *,
    data: st.DataObject,
    number: object,
) -> None:
    """Any number: a dial of a clean number, or a refusal; nothing else."""
    device = data.draw(target_lists(targets))
    sent = await call_service(
        hass, phones, "make_call", {"device_id": device, "number": number}
    )
    assert functions(sent) <= {"api-make_call"}


@FUZZ
@given(
    data=st.data(),
    keys=texts | key_lists | key_lists.map(":".join),
)
async def test_send_keys_any_keys(
    hass: HomeAssistant,
    targets: list[str],
    phones: list[SimulatedPhone],
    *,
    data: st.DataObject,
    keys: object,
) -> None:
    """Any keys, as text or a list: the guide's keys only, in one request."""
    device = data.draw(target_lists(targets))
    sent = await call_service(
        hass, phones, "send_keys", {"device_id": device, "keys": keys}
    )
    assert functions(sent) <= {"api-send_key"}


@FUZZ
@given(
    data=st.data(),
    operation=st.sampled_from(list(OPERATIONS))
    | st.sampled_from(list(OPERATIONS))
    | texts,
    line=st.none() | st.none() | st.integers(-3, 20) | texts,
)
async def test_call_control_any_operation(
    hass: HomeAssistant,
    targets: list[str],
    phones: list[SimulatedPhone],
    *,
    data: st.DataObject,
    operation: object,
    line: object,
) -> None:
    """Any operation and line: a guide command on an existing line, or a refusal."""
    device = data.draw(target_lists(targets))
    call: dict[str, Any] = {"device_id": device, "operation": operation}
    if line is not None:
        call["line"] = line
    sent = await call_service(hass, phones, "call_control", call)
    assert functions(sent) <= {"api-phone_operation", "api-device_operation"}


def confirmed(confirm: object) -> bool:
    """Only a real boolean true confirms a reset."""
    return confirm is True


@FUZZ
@given(
    data=st.data(),
    confirm=texts | st.booleans() | st.integers(-2, 2) | st.none() | st.just([True]),
)
async def test_factory_reset_any_confirm(
    hass: HomeAssistant,
    targets: list[str],
    phones: list[SimulatedPhone],
    phones_stay_up: None,
    *,
    data: st.DataObject,
    confirm: object,
) -> None:
    """RESET goes out only when confirm is true, and once per phone."""
    device = data.draw(st.sampled_from(targets))
    call: dict[str, Any] = {"device_id": device}
    if confirm is not None:
        call["confirm"] = confirm
    sent = await call_service(hass, phones, "factory_reset", call)
    assert [request.params.get("request") for request in sent] == (
        ["RESET"] if confirmed(confirm) else []
    )
