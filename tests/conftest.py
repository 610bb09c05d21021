"""Fixtures shared by the integration's tests: simulated phones on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
import copy
from datetime import timedelta
from enum import Enum
import logging
import os
from pathlib import Path
import tempfile
from typing import Any
from unittest.mock import PropertyMock, patch
from urllib.parse import quote, quote_plus

from aiohttp.test_utils import TestClient
import freezegun
from freezegun.api import FrozenDateTimeFactory, TickingDateTimeFactory
from homeassistant import config_entries
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, frame, update_coordinator
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)
from pytest_homeassistant_custom_component.syrupy import EntityRegistryEntrySnapshot
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.types import PropertyPath, SerializableData

from custom_components.grandstream_cti.const import (
    CONF_FAMILY,
    CONF_MODEL,
    DOMAIN,
    DORMANT_POLL_INTERVAL,
    EVENT_CALL,
    MODELS,
    SLOW_POLL_INTERVAL,
)
from custom_components.grandstream_cti.cti import Family
from simulator import SimulatedPhone
from tests.tls import self_signed_certificate

# Not the factory default: a test that finds "admin" somewhere proves nothing.
PASSCODE = "s3cr&t pass=word"
# Every way the passcode can be spelled in a message or a URL: raw,
# percent-encoded, plus-encoded (compared without case: %3d is %3D).
PASSCODE_SPELLINGS = frozenset(
    spelling.lower()
    for spelling in (PASSCODE, quote(PASSCODE, safe=""), quote_plus(PASSCODE))
)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Make a certificate before any test freezes the clock.

    cryptography looks the datetime class up once, when it first needs it.
    Under a frozen clock (which a test's freeze_time marker starts before even
    the session's fixtures) that is HAFakeDatetime, and every certificate made
    later with the real clock fails ("'datetime' object is not an instance of
    'HAFakeDatetime'"): which test a worker ran first decided.
    """
    with tempfile.TemporaryDirectory() as folder:
        self_signed_certificate(Path(folder))


def passcode_spellings_in(text: str) -> list[str]:
    """The spellings of the test passcode that text contains."""
    folded = text.lower()
    return [spelling for spelling in PASSCODE_SPELLINGS if spelling in folded]


def log_record_text(record: logging.LogRecord) -> str:
    """Everything a log record can show: message, arguments, exception, stack."""
    try:
        message = record.getMessage()
    except TypeError, ValueError:
        message = str(record.msg)
    parts = [message, repr(record.args), record.exc_text or "", record.stack_info or ""]
    if record.exc_info and record.exc_info[1] is not None:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


# Where Home Assistant logs, at debug level, the exception behind a failure it
# has just reported in a line of its own: a refresh that failed (UpdateFailed,
# ConfigEntryAuthFailed, a timeout...) and a setup to retry or to reauthenticate.
# From 2026.10 on config_entries logs these on the integration's own logger.
_FAILURE_DETAIL_SOURCES = frozenset(
    os.path.normcase(module.__file__ or "")
    for module in (update_coordinator, config_entries)
)


def is_home_assistant_failure_detail(record: logging.LogRecord) -> bool:
    """Whether record is Home Assistant's debug-level traceback of a failure.

    Told by the code that logged it, not by the logger's name: the logger is
    the integration's own. Anything at info level or above, or logged from
    elsewhere (the integration's code included), is not such a detail.
    """
    return (
        record.levelno == logging.DEBUG
        and record.exc_info is not None
        and os.path.normcase(record.pathname) in _FAILURE_DETAIL_SOURCES
    )


# asyncio's report of a slow callback (base_events.py), at warning level.
_SLOW_CALLBACK = "Executing %s took %.3f seconds"


class _SlowCallbackFilter(logging.Filter):
    """Logs asyncio's "Executing <handle> took 0.150 seconds" at debug level.

    Home Assistant's test plugin may run the loop in debug mode, where asyncio
    warns about any callback slower than 0.1 s: that measures the machine
    running the tests, not the integration. Kept, at debug level, for the log
    of a failed test; no assertion counts it as a warning.
    """

    def filter(self, record: logging.LogRecord) -> logging.LogRecord:
        if record.msg != _SLOW_CALLBACK or record.levelno <= logging.DEBUG:
            return record
        demoted = copy.copy(record)
        demoted.levelno = logging.DEBUG
        demoted.levelname = logging.getLevelName(logging.DEBUG)
        return demoted


@pytest.fixture(autouse=True, scope="session")
def _slow_callbacks_are_no_warnings() -> Generator[None]:
    """No test may fail because the machine is slow (see _SlowCallbackFilter)."""
    slow_callbacks = _SlowCallbackFilter()
    asyncio_logger = logging.getLogger("asyncio")
    asyncio_logger.addFilter(slow_callbacks)
    yield
    asyncio_logger.removeFilter(slow_callbacks)


class _FrameReportHandler(logging.Handler):
    """Keeps each deprecation report of Home Assistant's frame helper."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.reports: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.reports.append(log_record_text(record))


@pytest.fixture(autouse=True)
def _no_deprecated_use() -> Generator[None]:
    """Fail any test during which Home Assistant reported a deprecated use.

    The frame helper logs one warning per offending line and release ("Detected
    that custom integration ... This will stop working in ..."): a test that
    passes meanwhile would hide a break in a coming Home Assistant. Its
    reported set is cleared per test, so each test sees its own reports.
    Defined before the fixtures that set Home Assistant up, so that it also
    sees what unloading the entries reports.
    """
    handler = _FrameReportHandler()
    frame_logger = logging.getLogger(frame.__name__)
    level = frame_logger.level
    # Warnings must reach the handler even where a test quiets the root logger.
    frame_logger.setLevel(min(level or logging.WARNING, logging.WARNING))
    frame_logger.addHandler(handler)
    try:
        yield
    finally:
        frame_logger.removeHandler(handler)
        frame_logger.setLevel(level)
    if handler.reports:
        pytest.fail(
            "Home Assistant reported a deprecated use:\n" + "\n".join(handler.reports),
            pytrace=False,
        )


class _PasscodeLeakHandler(logging.Handler):
    """Keeps each log record that shows the test passcode."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = log_record_text(record)
        if found := passcode_spellings_in(text):
            self.leaks.append(f"{record.name} {record.levelname}: {found}: {text}")


@pytest.fixture(autouse=True)
def _passcode_never_logged() -> Generator[None]:
    """Fail any test during which a log record showed the phone's passcode.

    The integration logs at debug level meanwhile, so that its debug lines are
    checked too; every other logger keeps the level the test gives it.
    """
    handler = _PasscodeLeakHandler()
    root = logging.getLogger()
    integration = logging.getLogger("custom_components.grandstream_cti")
    level = integration.level
    integration.setLevel(logging.DEBUG)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        integration.setLevel(level)
    if handler.leaks:
        pytest.fail("The passcode was logged:\n" + "\n".join(handler.leaks))


# The integration's request timeout in tests that make a phone fall silent: what
# each silent request costs such a test, and far more than a healthy answer takes
# even on a loaded 2-core machine (at 0.5 s a healthy answer did time out there).
SILENT_PHONE_TIMEOUT = 2.0


@pytest.fixture
def silent_phone_timeout() -> Generator[None]:
    """Give up on a silent phone after SILENT_PHONE_TIMEOUT instead of 8 s."""
    with patch(
        "custom_components.grandstream_cti.helpers.REQUEST_TIMEOUT",
        SILENT_PHONE_TIMEOUT,
    ):
        yield


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom_components/ in every test."""


@pytest.fixture(autouse=True)
def _allow_loopback_sockets(socket_enabled: None) -> None:
    """Simulated phones listen on 127.0.0.1 (pytest-socket allows nothing else)."""


@pytest.fixture
def entity_registry_enabled_by_default() -> Generator[None]:
    """Create every entity enabled, the disabled-by-default ones included."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        return_value=True,
        new_callable=PropertyMock,
    ):
        yield


@pytest.fixture
async def gxp_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated GXP2135 on loopback."""
    async with SimulatedPhone("gxp", passcode=PASSCODE, reboot_seconds=0.5) as phone:
        yield phone


@pytest.fixture
async def dp_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated DP750 base with handsets 1 and 2 paired."""
    async with SimulatedPhone("dp", passcode=PASSCODE, reboot_seconds=0.5) as phone:
        yield phone


@pytest.fixture
async def grp_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated GRP2614 on loopback: 4 lines, model.define.js served."""
    async with SimulatedPhone("grp", passcode=PASSCODE, reboot_seconds=0.5) as phone:
        yield phone


@pytest.fixture
async def dp752_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated DP752 base (answering as a DP750), handsets 1 and 2 paired."""
    async with SimulatedPhone(
        "dp", model="DP752", passcode=PASSCODE, reboot_seconds=0.5
    ) as phone:
        yield phone


@pytest.fixture
async def wp_phone() -> AsyncIterator[SimulatedPhone]:
    """A simulated WP826 on loopback: its web session, admin's password PASSCODE."""
    async with SimulatedPhone("wp", passcode=PASSCODE, reboot_seconds=0.5) as phone:
        yield phone


def phone_entry(
    phone: SimulatedPhone,
    family: str,
    model: str | None = None,
    username: str | None = None,
) -> MockConfigEntry:
    """A config entry for a simulated phone, as the config flow would make it.

    model: what the phone named itself in its model file, if it serves one.
    """
    return MockConfigEntry(
        domain=DOMAIN,
        # As the config flow titles it, with the simulator's random port: the
        # devices, and so the entity ids, are named without it.
        title=f"Grandstream {model or MODELS[Family(family)]} ({phone.host})",
        entry_id=f"{family}_entry",
        data={
            CONF_HOST: phone.host,
            CONF_PASSWORD: PASSCODE,
            CONF_SSL: False,
            CONF_VERIFY_SSL: False,
            CONF_FAMILY: family,
            **({CONF_MODEL: model} if model else {}),
            **({CONF_USERNAME: username} if username else {}),
        },
    )


@pytest.fixture
def gxp_entry(gxp_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated GXP phone."""
    return phone_entry(gxp_phone, "gxp")


@pytest.fixture
def dp_entry(dp_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated DP750 base."""
    return phone_entry(dp_phone, "dp")


@pytest.fixture
def grp_entry(grp_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated GRP2614, which named its model."""
    return phone_entry(grp_phone, "grp", "GRP2614")


@pytest.fixture
def wp_entry(wp_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated WP826, logged in as admin."""
    return phone_entry(wp_phone, "wp", "WP826", "admin")


@pytest.fixture
def dp752_entry(dp752_phone: SimulatedPhone) -> MockConfigEntry:
    """The config entry of the simulated DP752, which serves no model file."""
    return phone_entry(dp752_phone, "dp")


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add entry to Home Assistant and set it up."""
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def frozen_clock() -> FrozenDateTimeFactory | TickingDateTimeFactory:
    """The clock of the test's freezer fixture.

    Frozen, or ticking (pytest.mark.freeze_time(tick=True)) for a test whose
    phone falls silent, so that Home Assistant gives up on it meanwhile.
    """
    if not freezegun.api.freeze_factories:
        pytest.fail("Polls move the clock: the test needs the freezer fixture")
    clock = freezegun.api.freeze_factories[-1]
    assert isinstance(clock, FrozenDateTimeFactory | TickingDateTimeFactory)
    return clock


def move_clock(delta: timedelta) -> None:
    """Move the clock of the test's freezer fixture on by delta."""
    clock = frozen_clock()
    clock.move_to(clock() + delta)


@callback
def start_poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Let the poll interval pass: the coordinator's timer starts a read."""
    move_clock(entry.runtime_data.update_interval)
    async_fire_time_changed(hass)


async def poll(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    *,
    slow: bool = False,
    dormant: bool = False,
) -> None:
    """Let the poll interval pass, and the coordinator's timer read the phone.

    slow: let the slow interval pass instead, so that the read also covers
    pairing and registration (of a DP base's active accounts and paired
    handsets). dormant: let the dormant interval pass, so that it covers the
    base's other accounts and handset slots too. Time is moved by the freezer fixture, which the
    test must use; the phone keeps its own (simulator/clock.py). What is under
    way ends first, as does the read: a read (a background task of the
    coordinator's) in flight while the clock jumps would time out.
    """
    await hass.async_block_till_done(wait_background_tasks=True)
    if slow or dormant:
        move_clock(DORMANT_POLL_INTERVAL if dormant else SLOW_POLL_INTERVAL)
        async_fire_time_changed(hass)
    else:
        start_poll(hass, entry)
    await hass.async_block_till_done(wait_background_tasks=True)


@pytest.fixture
async def gxp(hass: HomeAssistant, gxp_entry: MockConfigEntry) -> MockConfigEntry:
    """The GXP phone, set up in Home Assistant."""
    return await setup_entry(hass, gxp_entry)


@pytest.fixture
async def dp(hass: HomeAssistant, dp_entry: MockConfigEntry) -> MockConfigEntry:
    """The DP750 base, set up in Home Assistant."""
    return await setup_entry(hass, dp_entry)


@pytest.fixture
async def grp(hass: HomeAssistant, grp_entry: MockConfigEntry) -> MockConfigEntry:
    """The GRP2614, set up in Home Assistant."""
    return await setup_entry(hass, grp_entry)


def _same_on_every_home_assistant(
    *, data: SerializableData, path: PropertyPath
) -> SerializableData:
    """Leave out of snapshots what only tells Home Assistant releases apart.

    - An entity registry entry's aliases: the user's, never the integration's;
      a new entity has none in 2026.3 (set()) and the computed name in 2026.10
      (list([None])).
    - Enum keys: from 2026.10 on, state attributes and capabilities are keyed by
      StrEnum members (EntityStateAttribute.DEVICE_CLASS...), which snapshots
      show by their repr; they are written as the plain strings they equal, so
      every key and value stays compared.
    """
    if isinstance(data, EntityRegistryEntrySnapshot):
        return EntityRegistryEntrySnapshot(
            {name: value for name, value in data.items() if name != "aliases"}
        )
    if isinstance(data, dict) and any(_plain(key) is not key for key in data):
        return type(data)({_plain(key): value for key, value in data.items()})
    return data


def _plain(key: object) -> object:
    """A StrEnum member as the string it equals; any other key as it is."""
    if isinstance(key, Enum) and isinstance(key, str):
        return str(key.value)
    return key


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Home Assistant's snapshot, read the same on 2026.3 and on 2026.10."""
    return snapshot.with_defaults(matcher=_same_on_every_home_assistant)


type SnapshotEntities = Callable[[MockConfigEntry], Awaitable[None]]


@pytest.fixture
def snapshot_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    entity_registry_enabled_by_default: None,
) -> SnapshotEntities:
    """Set an entry up with every entity enabled; snapshot its entities."""

    async def snapshot_entry(entry: MockConfigEntry) -> None:
        await setup_entry(hass, entry)
        await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)

    return snapshot_entry


@pytest.fixture
async def http(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> TestClient:
    """Home Assistant's HTTP server on loopback, as the phone reaches it."""
    return await hass_client_no_auth()


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as phones ship them."""
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
async def tolerate_failed_tls_handshakes(hass: HomeAssistant) -> AsyncIterator[None]:
    """Let the phone's side of a refused TLS handshake pass unreported.

    The hass fixture fails a test on anything reported to the loop's exception
    handler; a handshake the client refuses is what these tests want, so only
    the server side's failed TLS handshakes are let through.
    """
    loop = asyncio.get_running_loop()
    handler = loop.get_exception_handler()

    def filtered(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", ""))
        if message.startswith("Error on transport creation for incoming connection"):
            return
        if handler is None:
            loop.default_exception_handler(context)
        else:
            handler(loop, context)

    loop.set_exception_handler(filtered)
    yield
    loop.set_exception_handler(handler)


@pytest.fixture
def bus_events(hass: HomeAssistant) -> list[dict[str, Any]]:
    """The data of each grandstream_cti_call event, from now on."""
    fired: list[dict[str, Any]] = []

    @callback
    def record(event: Event) -> None:
        fired.append(dict(event.data))

    hass.bus.async_listen(EVENT_CALL, record)
    return fired
