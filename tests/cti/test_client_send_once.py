"""GrandstreamClient never sends a command twice, and asks one thing at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
import itertools
import time

import pytest

from custom_components.grandstream_cti.cti import (
    GrandstreamClient,
    GrandstreamConnectionError,
    GrandstreamTimeoutError,
    PhoneOperation,
)
from simulator import SimulatedPhone
from simulator.model import LineState
from simulator.testing import connections_left
from tests.cti.helpers import Call

# ------------------------------------------------- no command is ever sent twice


def _reboot(client: GrandstreamClient) -> Awaitable[None]:
    return client.reboot()


COMMANDS: list[tuple[str, str, Call]] = [
    ("gxp", "api-make_call", lambda c: c.make_call("3501")),
    ("gxp", "api-phone_operation", lambda c: c.phone_operation(PhoneOperation.CANCEL)),
    ("gxp", "api-send_key", lambda c: c.send_keys("3:5:0:1:SEND")),
    ("gxp", "api-sys_operation", _reboot),
    ("gxp", "api-sys_operation", lambda c: c.factory_reset()),
    ("dp", "api-make_call", lambda c: c.make_call("3501", handset=1)),
    (
        "dp",
        "api-device_operation",
        lambda c: c.device_operation(PhoneOperation.CANCEL, 1, 1),
    ),
    ("dp", "api-send_key", lambda c: c.send_keys("OFFHOOK", handset=1)),
]


@pytest.mark.parametrize("mode", ["reset", "timeout"])
@pytest.mark.parametrize(
    ("family", "function", "command"),
    COMMANDS,
    ids=[f"{family}-{fn}-{i}" for i, (family, fn, _) in enumerate(COMMANDS)],
)
async def test_command_sent_once(
    *,
    gxp_fast: GrandstreamClient,
    dp_fast: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    function: str,
    command: Call,
    mode: str,
) -> None:
    """A phone that lost the answer has acted: sending again would dial twice."""
    phone, client = (gxp_phone, gxp_fast) if family == "gxp" else (dp_phone, dp_fast)
    if family == "dp":
        await client.handset_status(1)
    else:
        await client.phone_status()
    phone.clear_requests()  # a kept-alive connection now waits in aiohttp's pool
    await phone.set_fault(mode, count=1)
    expected = (
        GrandstreamTimeoutError if mode == "timeout" else GrandstreamConnectionError
    )
    if command is _reboot and mode == "reset":
        # Dropped once it reached the phone: a reboot under way, no failure.
        await command(client)
    else:
        with pytest.raises(expected):
            await command(client)
    assert len(phone.requests_for(function)) == 1
    assert len(phone.requests) == 1  # and nothing else either (no SEND fallback)
    assert phone.requests[0].fault == mode
    assert phone.boot_count == 0
    assert not phone.rebooting


def _ports(phone: SimulatedPhone, function: str) -> list[int | None]:
    """The client port of each request of function: one per connection."""
    return [request.client_port for request in phone.requests_for(function)]


async def test_command_after_the_phone_closed_the_kept_connection(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """Phones close idle connections when they like: a command still goes, once."""
    await gxp.line_status()
    assert gxp_phone.open_connections == 1
    gxp_phone.drop_connections()
    assert await connections_left(gxp_phone) == 0
    gxp_phone.clear_requests()
    await gxp.make_call("3501")
    assert len(gxp_phone.requests_for("api-make_call")) == 1
    assert gxp_phone.line(1).state is LineState.CALLING


async def test_commands_have_connections_of_their_own(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """A command never takes the reads' kept connection, and leaves none open."""
    await gxp.line_status()
    for command in (
        lambda: gxp.send_keys(["MUTE"]),
        lambda: gxp.make_call("3501"),
        lambda: gxp.phone_operation(PhoneOperation.CANCEL),
    ):
        await command()
        assert await connections_left(gxp_phone, expected=1) == 1
    await gxp.phone_status()
    [read_port] = set(_ports(gxp_phone, "api-get_line_status"))
    assert _ports(gxp_phone, "api-get_phone_status") == [read_port]
    command_ports = [
        port
        for function in ("api-send_key", "api-make_call", "api-phone_operation")
        for port in _ports(gxp_phone, function)
    ]
    assert len({*command_ports, read_port}) == 4
    assert None not in command_ports


async def test_reads_keep_their_connection(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    """A poll's reads share one kept-alive connection instead of one each."""
    await dp.handset_status(1)
    for handset in (1, 2):
        await dp.handset_line_status(handset)
        await dp.account_status(handset)
    assert len(dp_phone.requests) == 5
    [port] = {request.client_port for request in dp_phone.requests}
    assert port is not None


# -------------------------------------------------- one request at a time


async def test_concurrent_reads_never_overlap(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    delay = 0.05
    await gxp_phone.set_fault("slow", delay=delay)
    started = time.monotonic()
    results = await asyncio.gather(*(gxp.phone_status() for _ in range(20)))
    assert all(status.status == "available" for status in results)
    assert time.monotonic() - started >= 20 * delay
    arrivals = sorted(r.time for r in gxp_phone.requests)
    assert len(arrivals) == 20
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # each request reached the phone only after the one before had its answer
    assert min(gaps) >= delay * 0.9


async def test_concurrent_mixed_requests_never_overlap(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    delay = 0.05
    await gxp_phone.set_fault("slow", delay=delay)
    calls: list[Awaitable[object]] = []
    for _ in range(3):
        calls += [gxp.send_keys("VUP"), gxp.line_status(), gxp.send_keys("VDOWN")]
    await asyncio.gather(*calls)
    arrivals = sorted(r.time for r in gxp_phone.requests)
    assert len(arrivals) == 9
    assert min(b - a for a, b in itertools.pairwise(arrivals)) >= (delay * 0.9)
    assert gxp_phone.station().volume == 4


async def test_failed_request_releases_the_phone(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    await gxp_phone.set_fault("timeout", count=1)
    first, second = await asyncio.gather(
        gxp_fast.phone_status(), gxp_fast.phone_status(), return_exceptions=True
    )
    assert isinstance(first, GrandstreamTimeoutError)
    assert not isinstance(second, BaseException)
    assert second.status == "available"
