"""The fault matrix: every way a phone misbehaves, on GXP and DP, at setup and later.

For each fault: no unhandled exception, entities unavailable (or a reauth for a
refused password), one log line however many polls fail, back at the first poll
after the fault clears, and a command sent during the fault reaches the phone at
most once and fails as a translated HomeAssistantError.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
import logging
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import CONF_PASSWORD, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.grandstream_cti.const import DEFAULT_POLL_INTERVAL, DOMAIN
from simulator import SimulatedPhone
from simulator.records import RecordedRequest
from tests.conftest import (
    PASSCODE,
    SILENT_PHONE_TIMEOUT,
    is_home_assistant_failure_detail,
    move_clock,
    poll,
    setup_entry,
    start_poll,
)
from tests.integration.helpers import entity_states, phone_entity_states, press

# Any of these tests may make a phone fall silent: the clock runs, so that Home
# Assistant gives up on it meanwhile; polls move it on (tests.conftest.poll).
pytestmark = [
    pytest.mark.freeze_time(tick=True),
    pytest.mark.usefixtures("silent_phone_timeout"),
]

SLOW = 0.05  # a slow answer, yet within the timeout
REBOOT_SECONDS = 0.6
NEW_PASSCODE = "n3w pass&word"
# Records that are not about the phone's health: the simulator's own, and the
# notices of any test that loads a custom integration.
NOT_OURS = (
    "simulator",
    "aiohttp.server",
    "aiohttp.access",
    "aiohttp_fast_zlib",
    "homeassistant.loader",
)


@dataclass(frozen=True, kw_only=True)
class Fault:
    """One way a phone misbehaves, and what Home Assistant should make of it."""

    name: str
    # Whether status reads fail while the fault lasts.
    failing: bool = True
    # The phone refuses the passcode: reauth instead of retrying.
    refused: bool = False
    # translation_key of a command sent during the fault (None: it works).
    command_error: str | None = "cannot_connect"
    # Whether a request sent during the fault reaches the phone's request log.
    reaches_phone: bool = True

    @property
    def password(self) -> str:
        """The password the phone takes once the fault is over."""
        return NEW_PASSCODE if self.name == "password_changed" else PASSCODE

    async def begin(self, phone: SimulatedPhone) -> None:
        """Make the phone misbehave."""
        if self.name == "reboot":
            await phone.reboot(REBOOT_SECONDS)
        elif self.name == "password_changed":
            phone.change_passcode(NEW_PASSCODE)
        else:
            await phone.set_fault(self.name, delay=SLOW)

    def still_on(self, phone: SimulatedPhone) -> bool:
        """Whether the fault still lasts (a reboot ends by itself)."""
        return phone.rebooting if self.name == "reboot" else True

    async def end(self, phone: SimulatedPhone) -> None:
        """Back to a good day (a changed password stays changed)."""
        if self.name == "reboot":
            await phone.wait_until_up(5)
        elif self.name != "password_changed":
            await phone.clear_fault()


FAULTS = [
    Fault(name="connection_refused", reaches_phone=False),
    Fault(name="reset"),
    Fault(name="timeout"),
    Fault(name="slow", failing=False, command_error=None),
    Fault(name="html", command_error="not_supported"),
    Fault(name="malformed_json", command_error="unknown_error"),
    Fault(name="truncated", command_error="unknown_error"),
    Fault(name="http_401", refused=True, command_error="invalid_auth"),
    Fault(name="http_403", refused=True, command_error="invalid_auth"),
    Fault(name="http_404", command_error="not_supported"),
    Fault(name="http_500"),
    Fault(name="response_error", refused=True, command_error="invalid_auth"),
    Fault(name="reboot", reaches_phone=False),
    Fault(name="password_changed", refused=True, command_error="invalid_auth"),
]


@dataclass(frozen=True, kw_only=True)
class Family:
    """Where a family shows a call, and how its answer button reaches the phone."""

    name: str
    handset: int | None
    call_state: str
    answer_button: str
    command: str


FAMILIES = [
    Family(
        name="gxp",
        handset=None,
        call_state="sensor.grandstream_gxp_call_state",
        answer_button="button.grandstream_gxp_answer",
        command="api-phone_operation",
    ),
    Family(
        name="dp",
        handset=1,
        call_state="sensor.grandstream_dp_handset_1_call_state",
        answer_button="button.grandstream_dp_handset_1_answer",
        command="api-device_operation",
    ),
]


@pytest.fixture(params=FAMILIES, ids=[family.name for family in FAMILIES])
def family(request: pytest.FixtureRequest) -> Family:
    """Each phone family in turn."""
    family: Family = request.param
    return family


@pytest.fixture
def phone(request: pytest.FixtureRequest, family: Family) -> SimulatedPhone:
    """The simulated phone of the family."""
    phone: SimulatedPhone = request.getfixturevalue(f"{family.name}_phone")
    return phone


@pytest.fixture
def entry(request: pytest.FixtureRequest, family: Family) -> MockConfigEntry:
    """The (not yet added) config entry of the family's phone."""
    entry: MockConfigEntry = request.getfixturevalue(f"{family.name}_entry")
    return entry


def assert_all_available(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    states = entity_states(hass, entry)
    assert states
    unavailable = [name for name, state in states.items() if state == STATE_UNAVAILABLE]
    assert not unavailable


def problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Home Assistant's warnings and errors about the phone."""
    return [
        record
        for record in caplog.records
        if record.levelno >= logging.WARNING and not record.name.startswith(NOT_OURS)
    ]


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing was logged with an exception attached.

    But for the debug-level tracebacks that come with failures Home Assistant
    has already logged in a line of their own, which problems() counts.
    """
    for record in caplog.records:
        # asyncio notes a reset connection at debug level, with its exception.
        if (
            record.name.startswith(NOT_OURS)
            or (record.name == "asyncio" and record.levelno < logging.INFO)
            or is_home_assistant_failure_detail(record)
        ):
            continue
        assert record.exc_info is None, record.getMessage()
        assert "Traceback" not in record.getMessage()


def messages(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if text in record.getMessage() and record.name.startswith("custom_components")
    ]


def reauth_flows(hass: HomeAssistant, entry: MockConfigEntry) -> list[str]:
    """The ids of the reauth flows of entry."""
    return [
        flow["flow_id"]
        for flow in hass.config_entries.flow.async_progress()
        if flow["context"]["source"] == SOURCE_REAUTH
        and flow["context"]["entry_id"] == entry.entry_id
    ]


async def complete_reauth(
    hass: HomeAssistant, entry: MockConfigEntry, password: str
) -> None:
    """The user enters the phone's password in the one reauth flow."""
    (flow_id,) = reauth_flows(hass, entry)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_PASSWORD: password}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()


async def fire_intervals(hass: HomeAssistant, count: int) -> None:
    """Let the clock run over count poll intervals, as the timer would."""
    for _ in range(count):
        move_clock(timedelta(seconds=DEFAULT_POLL_INTERVAL))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
async def test_fault_during_setup(
    hass: HomeAssistant,
    family: Family,
    phone: SimulatedPhone,
    entry: MockConfigEntry,
    *,
    fault: Fault,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Setup retries (or asks for the password), then loads once the fault is gone."""
    await fault.begin(phone)

    await setup_entry(hass, entry)

    assert_no_traceback(caplog)
    if not fault.failing:
        assert entry.state is ConfigEntryState.LOADED
        assert not problems(caplog)
        assert_all_available(hass, entry)
        return
    if fault.refused:
        assert entry.state is ConfigEntryState.SETUP_ERROR
        assert len(reauth_flows(hass, entry)) == 1
        # Home Assistant says once that the entry could not authenticate.
        assert len(problems(caplog)) == 1
    else:
        assert entry.state is ConfigEntryState.SETUP_RETRY
        assert not reauth_flows(hass, entry)
        assert not problems(caplog)  # retrying is logged at debug level only
    assert fault.still_on(phone)

    await fault.end(phone)
    if fault.refused:
        await complete_reauth(hass, entry, fault.password)
    else:
        move_clock(timedelta(minutes=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)

    assert entry.state is ConfigEntryState.LOADED
    assert_all_available(hass, entry)
    assert_no_traceback(caplog)


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
async def test_fault_while_running(
    hass: HomeAssistant,
    family: Family,
    phone: SimulatedPhone,
    entry: MockConfigEntry,
    *,
    fault: Fault,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A fault while running: one log line, a command sent once, back at one poll."""
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    caplog.clear()

    await fault.begin(phone)
    # A call starts during the fault, and the user presses answer.
    phone.ring(1, "5551234", "Alice", hs=family.handset)
    answers = await answer_during(hass, family, phone, fault)
    await poll_during(hass, entry, phone, fault)

    if fault.failing:
        assert set(phone_entity_states(hass, entry).values()) == {STATE_UNAVAILABLE}
        assert len(problems(caplog)) == 1, problems(caplog)
    else:
        assert_all_available(hass, entry)
        assert not problems(caplog)
    if fault.failing and not fault.refused:
        assert len(messages(caplog, "Error fetching")) == 1
    if fault.refused:
        assert len(messages(caplog, "Authentication failed while fetching")) == 1
    assert_no_traceback(caplog)

    caplog.clear()
    await fault.end(phone)
    if fault.refused:
        await complete_reauth(hass, entry, fault.password)
    else:
        await poll(hass, entry)

    assert entry.state is ConfigEntryState.LOADED
    assert_all_available(hass, entry)
    # The call that started during the fault shows (answered, if it worked).
    expected = "ringing" if fault.command_error else "talking"
    assert hass.states.get(family.call_state).state == expected
    recovered = messages(caplog, "data recovered")
    assert len(recovered) == (1 if fault.failing and not fault.refused else 0)
    assert not problems(caplog)
    # Still no second answer, after the recovery either.
    assert phone.requests_for(family.command, cmd="acceptcall") == answers


async def answer_during(
    hass: HomeAssistant, family: Family, phone: SimulatedPhone, fault: Fault
) -> list[RecordedRequest]:
    """Press answer during the fault; return the answers the phone received."""
    if fault.command_error is None:
        await press(hass, family.answer_button)
    else:
        with pytest.raises(HomeAssistantError) as err:
            await press(hass, family.answer_button)
        # Not a ServiceValidationError, nor any other error: the phone failed.
        assert type(err.value) is HomeAssistantError
        assert err.value.translation_domain == DOMAIN
        assert err.value.translation_key == fault.command_error
    await hass.async_block_till_done()
    answers = phone.requests_for(family.command, cmd="acceptcall")
    assert len(answers) == (1 if fault.reaches_phone else 0)
    return answers


async def poll_during(
    hass: HomeAssistant, entry: MockConfigEntry, phone: SimulatedPhone, fault: Fault
) -> None:
    """Let several polls meet the fault (none for a refused password)."""
    if fault.refused:
        # The refused password is not tried again and again: reauth, no polling.
        assert len(reauth_flows(hass, entry)) == 1
        seen = len(phone.requests)
        await fire_intervals(hass, 3)
        assert len(phone.requests) == seen
        assert not phone.locked
    else:
        for _ in range(3):
            await poll(hass, entry)
        assert not reauth_flows(hass, entry)
    assert fault.still_on(phone)


async def test_reboot_mid_poll(
    hass: HomeAssistant,
    family: Family,
    phone: SimulatedPhone,
    entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A phone that reboots while a poll waits for its answer: unavailable, then back."""
    await setup_entry(hass, entry)
    caplog.clear()
    # The next answer takes long enough for the reboot to cut it off.
    await phone.set_fault("slow", count=1, delay=SILENT_PHONE_TIMEOUT / 2)
    seen = len(phone.requests)
    arrived = asyncio.Event()
    record = phone.record

    def record_and_tell(request: RecordedRequest) -> None:
        record(request)
        arrived.set()

    with patch.object(phone, "record", record_and_tell):
        start_poll(hass, entry)
        async with asyncio.timeout(2):
            await arrived.wait()
    await phone.reboot(REBOOT_SECONDS)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert phone.requests[seen].fault == "slow"
    assert phone.requests[seen].status is None  # no answer ever left the phone
    assert set(phone_entity_states(hass, entry).values()) == {STATE_UNAVAILABLE}
    await poll(hass, entry)
    assert phone.rebooting
    assert len(problems(caplog)) == 1
    assert_no_traceback(caplog)

    await phone.wait_until_up(5)
    phone.ring(1, "5551234", "Alice", hs=family.handset)
    await poll(hass, entry)

    assert_all_available(hass, entry)
    assert hass.states.get(family.call_state).state == "ringing"
    assert len(messages(caplog, "data recovered")) == 1


async def test_phone_closes_kept_connections_between_polls(
    hass: HomeAssistant,
    family: Family,
    phone: SimulatedPhone,
    entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Real phones close idle connections when they like: no poll notices."""
    await setup_entry(hass, entry)
    caplog.clear()
    for _ in range(3):
        phone.drop_connections()
        seen = len(phone.requests)
        phone.ring(1, "5551234", "Alice", hs=family.handset)
        await poll(hass, entry)
        assert hass.states.get(family.call_state).state == "ringing"
        # Each read of the poll reached the phone once, all on one new connection.
        reads = phone.requests[seen:]
        assert len({(r.function, *r.params.values()) for r in reads}) == len(reads)
        assert len({r.client_port for r in reads}) == 1
        phone.hangup(1, hs=family.handset)
        await poll(hass, entry)
    assert_all_available(hass, entry)
    assert not problems(caplog)
