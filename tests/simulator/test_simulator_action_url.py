"""Action URL pushes reach a small web server with the right values."""

from __future__ import annotations

import pytest

from simulator import EventKind, SimulatedPhone, substitute
from simulator.testing import CtiProbe, PushReceiver

ALL_EVENTS = [str(kind) for kind in EventKind]


def _templates(base: str) -> dict[str, str]:
    return {
        event: f"{base}/hook/{event}?mac=$mac&remote=$remote&local=$local"
        for event in ALL_EVENTS
    }


def _events(receiver: PushReceiver) -> list[str]:
    return [r.path.rsplit("/", 1)[1] for r in receiver.requests]


async def test_incoming_answered_ended(receiver: PushReceiver, cti: CtiProbe) -> None:
    async with SimulatedPhone(
        "gxp", mac="00:0b:82:aa:bb:cc", action_urls=_templates(receiver.base)
    ) as phone:
        phone.ring(1, "+4930123456", "Alice")
        await cti(phone, "api-phone_operation", cmd="acceptcall")
        await cti(phone, "api-phone_operation", cmd="holdcall")
        await cti(phone, "api-send_key", keys="LINE1")
        phone.hangup()
        await phone.action_url.drain()
    assert _events(receiver) == [
        "incoming",
        "established",
        "hold",
        "unhold",
        "terminated",
    ]
    first = receiver.requests[0]
    assert first.method == "GET"
    assert first.raw_path == (
        "/hook/incoming?mac=000B82AABBCC&remote=+4930123456&local=1001"
    )
    assert all(p.status == 200 for p in phone.action_url.sent)


async def test_outgoing_missed_dnd_registration(receiver: PushReceiver) -> None:
    async with SimulatedPhone("dp", action_urls=_templates(receiver.base)) as phone:
        phone.dial("3501", hs=2)
        phone.remote_answer(hs=2)
        phone.end_call(hs=2)
        phone.ring(hs=1)
        phone.hangup(hs=1)
        phone.set_dnd(True, hs=1)
        phone.ring(hs=1, number="999")
        phone.set_dnd(False, hs=1)
        phone.set_registered(1, False)
        phone.set_registered(1, True)
        await phone.action_url.drain()
    assert _events(receiver) == [
        "outgoing",
        "established",
        "terminated",
        "incoming",
        "missed",
        "dnd_on",
        "missed",
        "dnd_off",
        "unregistered",
        "registered",
    ]
    assert receiver.requests[0].raw_path.endswith("remote=3501&local=1001")
    assert "remote=999" in receiver.requests[6].raw_path


async def test_unset_variable_stays_literal(receiver: PushReceiver) -> None:
    templates = {"registered": receiver.base + "/r?remote=$remote&p=$product"}
    async with SimulatedPhone("gxp", action_urls=templates) as phone:
        phone.set_registered(2, True)
        await phone.action_url.drain()
    assert receiver.raw_paths == ["/r?remote=$remote&p=GXP2135"]


async def test_all_variables(receiver: PushReceiver) -> None:
    template = (
        receiver.base + "/all?m=$mac&r=$remote&l=$local&u=$active_user"
        "&ip=$phone_ip&p=$product&v=$program_version"
    )
    async with SimulatedPhone(
        "gxp",
        model="GXP2170",
        firmware="1.0.9.99",
        mac="000B82010203",
        mac_separator=":",
        phone_ip="192.168.5.135",
        action_urls={"incoming": template},
    ) as phone:
        phone.ring(1, "200", "Bob")
        await phone.action_url.drain()
    expected = (
        "/all?m=00:0B:82:01:02:03&r=200&l=1001&u=1001&ip=192.168.5.135"
        "&p=GXP2170&v=1.0.9.99"
    )
    assert receiver.raw_paths == [expected]


async def test_display_remote_with_space_breaks_raw_request(
    receiver: PushReceiver,
) -> None:
    """Like a real phone the name goes raw: a space makes the GET invalid."""
    template = receiver.base + "/n?name=$display_remote"
    async with SimulatedPhone("gxp", action_urls={"incoming": template}) as phone:
        phone.ring(1, "1", "Alice Smith")
        await phone.action_url.drain()
        assert phone.action_url.sent[0].url.endswith("name=Alice Smith")
        assert phone.action_url.sent[0].status == 400
    assert receiver.requests == []


async def test_percent_encoding_option(receiver: PushReceiver) -> None:
    template = receiver.base + "/n?name=$display_remote&r=$remote"
    async with SimulatedPhone(
        "gxp", action_urls={"incoming": template}, action_url_encoding="percent"
    ) as phone:
        phone.ring(1, "+49 30", "Zoë Smith")
        await phone.action_url.drain()
    assert receiver.raw_paths == ["/n?name=Zo%C3%AB%20Smith&r=+49%2030"]
    assert receiver.requests[0].query["name"] == "Zoë Smith"


def test_substitute_rules() -> None:
    values = {"remote": "+123", "display_remote": "x" * 257, "mac": "AB"}
    assert substitute("$remote|$display_remote|$local|$mac", values) == (
        "+123||$local|AB"
    )


async def test_failed_push_is_logged_not_raised() -> None:
    templates = {"incoming": "http://127.0.0.1:9/nothing"}
    async with SimulatedPhone(
        "gxp", action_urls=templates, action_url_timeout=0.5
    ) as phone:
        phone.ring()
        await phone.action_url.drain()
        assert phone.action_url.sent[0].error is not None


async def test_boot_announces_registration(receiver: PushReceiver) -> None:
    async with SimulatedPhone(
        "gxp", reboot_seconds=0.05, action_urls=_templates(receiver.base)
    ) as phone:
        await phone.reboot()
        await phone.wait_until_up(5)
        await phone.action_url.drain()
    assert _events(receiver) == ["registered"]


@pytest.mark.parametrize("family", ["gxp", "dp"])
async def test_no_templates_no_pushes(family: str) -> None:
    async with SimulatedPhone(family) as phone:
        phone.ring()
        await phone.action_url.drain()
        assert phone.action_url.sent == []
