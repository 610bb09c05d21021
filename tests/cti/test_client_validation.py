"""GrandstreamClient refuses invalid input before any request; valid input arrives as given."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from custom_components.grandstream_cti.cti import (
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamValidationError,
    HandsetOperation,
    PhoneOperation,
)
from simulator import SimulatedPhone
from tests.cti.helpers import Call, guide, only_request

# ------------------------------------------- validation before any request


async def _dp_device(client: GrandstreamClient, operation: str, *args: Any) -> None:
    await client.device_operation(operation, *args)  # type: ignore[arg-type]


async def _gxp_operation(client: GrandstreamClient, operation: str) -> None:
    await client.phone_operation(operation)  # type: ignore[arg-type]


REFUSED: list[tuple[str, Call]] = [
    ("gxp", lambda c: c.send_keys("1&request=RESET")),
    ("gxp", lambda c: c.send_keys(["SEND", "1&request=RESET"])),
    ("gxp", lambda c: c.send_keys("SEND?request=RESET")),
    ("gxp", lambda c: c.send_keys("1#request=RESET")),
    ("gxp", lambda c: c.send_keys("")),
    ("gxp", lambda c: c.send_keys(["1"] * 65)),
    ("gxp", lambda c: c.make_call("1&request=RESET")),
    ("gxp", lambda c: c.make_call("1000#&cmd=endcall")),
    ("gxp", lambda c: c.make_call("")),
    ("gxp", lambda c: c.make_call("1" * 65)),
    ("gxp", lambda c: _gxp_operation(c, "endcall&request=RESET")),
    ("gxp", lambda c: _gxp_operation(c, "reboot")),
    ("dp", lambda c: c.send_keys("1&request=RESET", handset=1)),
    ("dp", lambda c: c.make_call("1&request=RESET", handset=1)),
    ("dp", lambda c: c.make_call("3501", handset=0)),
    ("dp", lambda c: c.make_call("3501", handset=6)),
    ("dp", lambda c: c.send_keys("1", handset=0)),
    ("dp", lambda c: c.send_keys("1", handset=6)),
    ("dp", lambda c: c.handset_status(0)),
    ("dp", lambda c: c.handset_status(6)),
    ("dp", lambda c: c.handset_status(True)),
    ("dp", lambda c: c.handset_line_status(0)),
    ("dp", lambda c: c.handset_line_status(6)),
    ("dp", lambda c: c.account_status(0)),
    ("dp", lambda c: c.account_status(11)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 0)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 6, 1)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 1, 0)),
    ("dp", lambda c: c.device_operation(PhoneOperation.END_CALL, 1, 11)),
    ("dp", lambda c: c.device_operation(HandsetOperation.MUTE, 1, 1)),
    ("dp", lambda c: _dp_device(c, "endcall&request=RESET", 1)),
    ("dp", lambda c: _dp_device(c, "reboot", 1)),
]


@pytest.mark.parametrize(("family", "call"), REFUSED)
async def test_refused_before_any_request(
    *,
    gxp: GrandstreamClient,
    dp: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    call: Call,
) -> None:
    with pytest.raises(GrandstreamValidationError):
        await call(gxp if family == "gxp" else dp)
    assert gxp_phone.requests == []
    assert dp_phone.requests == []


@pytest.mark.parametrize(
    ("family", "call", "function", "items"),
    [
        ("gxp", lambda c: c.send_keys(" vup "), "api-send_key", [("keys", "VUP")]),
        (
            "gxp",
            lambda c: c.make_call("555-1234"),
            "api-make_call",
            [("phonenumber", "5551234")],
        ),
        (
            "gxp",
            lambda c: _gxp_operation(c, "cancel"),  # a plain string works too
            "api-phone_operation",
            [("cmd", "cancel")],
        ),
        (
            "dp",
            lambda c: _dp_device(c, "setdnd", 1),
            "api-device_operation",
            [("hs", "1"), ("cmd", "setdnd")],
        ),
        (
            "dp",
            lambda c: _dp_device(c, "endcall", 1, 1),
            "api-device_operation",
            [("hs", "1"), ("line", "1"), ("cmd", "endcall")],
        ),
        (
            "dp",
            lambda c: c.send_keys(["ok"], handset=5),
            "api-send_key",
            [("hs", "5"), ("keys", "OK")],
        ),
    ],
)
async def test_valid_input_arrives_exactly(
    *,
    gxp: GrandstreamClient,
    dp: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
    call: Call,
    function: str,
    items: list[tuple[str, str]],
) -> None:
    phone = gxp_phone if family == "gxp" else dp_phone
    # the phone may refuse (no call to cancel): what arrived is the point
    with contextlib.suppress(GrandstreamCommandError):
        await call(gxp if family == "gxp" else dp)
    request = only_request(phone, function)
    assert request.items == guide(*items)
    # the passcode's "&" and "=" arrived inside the passcode, not as parameters
    assert len(request.query_string.split("&")) == len(items) + 1
