"""The simulated WP826 answers as lineup.md gives it: its web login and session."""

from __future__ import annotations

from collections.abc import AsyncIterator
import hashlib
from typing import Any

import aiohttp
import pytest_asyncio

from simulator import SimulatedPhone

PASSWORD = "admin-password"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest_asyncio.fixture
async def wp() -> AsyncIterator[SimulatedPhone]:
    async with SimulatedPhone("wp", passcode=PASSWORD) as phone:
        yield phone


async def _post(
    session: aiohttp.ClientSession,
    phone: SimulatedPhone,
    function: str,
    form: dict[str, str],
    *,
    referer: bool = True,
    sid: str | None = None,
) -> tuple[int, Any]:
    headers = {"Referer": f"{phone.url}/"} if referer else {}
    if sid is not None:
        headers["Cookie"] = f"sid={sid}"
    async with session.post(phone.cti_url(function), data=form, headers=headers) as r:
        text = await r.text()
        return r.status, (await r.json(content_type=None)) if r.status == 200 else text


async def _login(
    session: aiohttp.ClientSession,
    phone: SimulatedPhone,
    password: str = PASSWORD,
    user: str = "admin",
) -> Any:
    _, challenge = await _post(session, phone, "access", {"access": _sha(user)})
    nonce = challenge["body"]
    form = {"username": user, "password": _sha(password + nonce)}
    return (await _post(session, phone, "dologin", form))[1]


async def test_login_gives_a_session(
    session: aiohttp.ClientSession, wp: SimulatedPhone
) -> None:
    answer = await _login(session, wp)
    assert answer["response"] == "success"
    sid = answer["body"]["sid"]
    assert answer["body"]["role"] == _sha("admin" + sid)
    status, lines = await _post(
        session, wp, "api-get_line_status", {"line": "-1"}, sid=sid
    )
    assert status == 200
    assert lines["body"][0] == {
        "line": 1,
        "conf": 0,
        "state": "idle",
        "acct": 0,
        "active": 0,
        "remotename": "",
        "remotenumber": "",
    }


async def test_without_referer_a_bare_403(
    session: aiohttp.ClientSession, wp: SimulatedPhone
) -> None:
    status, text = await _post(
        session, wp, "access", {"access": _sha("admin")}, referer=False
    )
    assert status == 403
    assert "<html>" in text


async def test_wrong_passwords_then_locked(
    session: aiohttp.ClientSession, wp: SimulatedPhone
) -> None:
    words = [(await _login(session, wp, "nope"))["body"] for _ in range(5)]
    assert words == ["wrong4", "wrong3", "wrong2", "wrong1", "locked"]
    locked = await _login(session, wp)
    assert locked == {"response": "error", "body": "locked", "lockTime": 5}


async def test_one_session_per_account(
    session: aiohttp.ClientSession, wp: SimulatedPhone
) -> None:
    first = (await _login(session, wp))["body"]["sid"]
    second = (await _login(session, wp))["body"]["sid"]
    status, _ = await _post(session, wp, "api-get_line_status", {}, sid=first)
    assert status == 401
    status, answer = await _post(session, wp, "api-get_phone_status", {}, sid=first)
    assert (status, answer["body"]) == (200, "unauthorized")
    status, answer = await _post(session, wp, "api-get_phone_status", {}, sid=second)
    assert answer == {"response": "success", "body": "available", "misc": "0"}
    user = (await _login(session, wp, "123", "user"))["body"]["sid"]
    status, _ = await _post(session, wp, "api-get_phone_status", {}, sid=user)
    assert status == 200
    assert wp.web.live_sessions == 2


async def test_session_expires(
    session: aiohttp.ClientSession, wp: SimulatedPhone
) -> None:
    sid = (await _login(session, wp))["body"]["sid"]
    wp.web.end_sessions()
    status, _ = await _post(session, wp, "api-get_line_status", {}, sid=sid)
    assert status == 401


async def test_model_file_without_login(
    session: aiohttp.ClientSession, wp: SimulatedPhone
) -> None:
    async with session.get(f"{wp.url}/json/configs/model.define.js") as response:
        answer = await response.json(content_type=None)
    assert answer == {"model": "WP826", "defines": {"num_accounts": 3}}
