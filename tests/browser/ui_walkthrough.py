"""Browser test: a person answers a simulated phone call in Home Assistant's UI.

Drives headless Chromium (Debian's chromium package) with Playwright against
the Home Assistant that scripts/develop runs: logs in as the dev user, opens
the GXP2135's device page, rings the simulator, sees "Ringing", presses
"Answer", sees "Talking". Screenshots go to artifacts/browser/.

Run it with scripts/browser_test (which starts and stops scripts/develop); by
hand: .venv/bin/python tests/browser/ui_walkthrough.py --ready-file .develop/ready.json
Not named test_*.py on purpose: the normal pytest run does not collect it.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import json
from pathlib import Path
import sys
import tempfile
import time
from typing import Any

import aiohttp
from playwright.async_api import BrowserContext, Page, async_playwright, expect

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google services, which this closed
    # network (and CI) does not reach.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


@dataclass
class Walkthrough:
    """One run of the walkthrough, with its screenshots."""

    env: dict[str, Any]
    page: Page
    artifacts: Path
    shots: list[Path]

    async def screenshot(self, name: str) -> None:
        """Save a full-page screenshot as NN-name.png."""
        path = self.artifacts / f"{len(self.shots) + 1:02d}-{name}.png"
        await self.page.screenshot(path=path, full_page=True)
        self.shots.append(path)
        print(f"  screenshot {path}", flush=True)


async def step(name: str, action: Callable[[], Awaitable[None]]) -> None:
    """Run one named step, printing how long it took."""
    start = time.monotonic()
    await action()
    print(f"ok   {name} ({time.monotonic() - start:.1f}s)", flush=True)


async def gxp_device_id(env: dict[str, Any]) -> str:
    """The device registry id of the GXP phone, read over the websocket API."""
    entry_id = env["phones"]["gxp"]["entry_id"]
    ws_url = env["ha_url"].replace("http", "ws", 1) + "/api/websocket"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        await ws.receive_json()  # auth_required
        await ws.send_json({"type": "auth", "access_token": env["access_token"]})
        auth = await ws.receive_json()
        if auth["type"] != "auth_ok":
            msg = f"websocket auth failed: {auth}"
            raise RuntimeError(msg)
        await ws.send_json({"id": 1, "type": "config/device_registry/list"})
        devices = (await ws.receive_json())["result"]
    for device in devices:
        if entry_id in device["config_entries"] and device["via_device_id"] is None:
            return str(device["id"])
    msg = f"no device for config entry {entry_id}"
    raise RuntimeError(msg)


async def simulator(env: dict[str, Any], action: str, **data: Any) -> Any:
    """POST to the GXP simulator's control API."""
    url = f"{env['phones']['gxp']['url']}/sim/{action}"
    async with aiohttp.ClientSession() as session, session.post(url, json=data) as r:
        body = await r.json()
    if not body.get("ok"):
        msg = f"simulator {action}: {body}"
        raise RuntimeError(msg)
    return body["result"]


async def line_state(env: dict[str, Any]) -> str:
    """The GXP simulator's own idea of line 1."""
    url = f"{env['phones']['gxp']['url']}/sim/state"
    async with aiohttp.ClientSession() as session, session.get(url) as r:
        state = await r.json()
    return str(state["stations"][0]["lines"][0]["state"])


async def walk(context: BrowserContext, env: dict[str, Any], artifacts: Path) -> None:
    """The walkthrough itself."""
    page = context.pages[0] if context.pages else await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    run = Walkthrough(env, page, artifacts, [])
    device_id = await gxp_device_id(env)
    call_state_row = page.locator(
        "hui-simple-entity-row, hui-sensor-entity-row"
    ).filter(has_text="Call state")

    async def log_in() -> None:
        await page.goto(env["ha_url"])
        await page.get_by_label("Username").fill(env["username"])
        await page.get_by_label("Password", exact=True).fill(env["password"])
        await run.screenshot("login")
        await page.get_by_role("button", name="Log in").click()
        # The frontend trades the code for tokens after the redirect; only
        # then can we navigate without being sent back to the login page.
        await page.wait_for_function("localStorage.getItem('hassTokens') !== null")
        await expect(page.get_by_role("link", name="Settings").first).to_be_visible()
        await run.screenshot("logged-in")

    async def open_device_page() -> None:
        await page.goto(f"{env['ha_url']}/config/devices/device/{device_id}")
        await expect(
            page.get_by_text(env["phones"]["gxp"]["title"]).first
        ).to_be_visible()
        await expect(call_state_row).to_contain_text("Idle")
        await page.wait_for_load_state("networkidle")  # icons, for the screenshot
        await run.screenshot("device-idle")

    async def ring() -> None:
        await simulator(env, "ring", line=1, number="5551234", name="Alice")
        await expect(call_state_row).to_contain_text("Ringing")
        await run.screenshot("device-ringing")

    async def answer() -> None:
        answer_row = page.locator("hui-button-entity-row").filter(has_text="Answer")
        await answer_row.get_by_role("button", name="Press").click()
        await expect(call_state_row).to_contain_text("Talking")
        if (phone := await line_state(env)) != "connected":
            msg = f"the simulator's line 1 is {phone!r}, not connected"
            raise RuntimeError(msg)
        await run.screenshot("device-talking")

    async def hang_up() -> None:
        await simulator(env, "hangup", line=1)
        await expect(call_state_row).to_contain_text("Idle")

    try:
        await step("log in as dev", log_in)
        await step("open the GXP2135 device page", open_device_page)
        await step("ring: the page shows Ringing", ring)
        await step("press Answer: the page shows Talking", answer)
        await step("hang up: the page shows Idle", hang_up)
    except Exception:
        await run.screenshot("failure")
        raise


async def main() -> int:
    """Run the walkthrough once; 0 when it passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--ready-file", type=Path, default=REPO / ".develop" / "ready.json"
    )
    parser.add_argument(
        "--artifacts", type=Path, default=REPO / "artifacts" / "browser"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    env = json.loads(args.ready_file.read_text(encoding="utf-8"))
    args.artifacts = args.artifacts.resolve()
    args.artifacts.mkdir(parents=True, exist_ok=True)
    for old in args.artifacts.glob("*.png"):
        old.unlink()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                profile,
                executable_path=args.chromium,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 1000},
                locale="en-US",
            )
            try:
                await walk(context, env, args.artifacts)
            except Exception as err:  # noqa: BLE001 - report any failure, then fail
                print(f"FAIL {type(err).__name__}: {err}", file=sys.stderr, flush=True)
                return 1
            finally:
                await context.close()
    print(f"browser test passed in {time.monotonic() - start:.1f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
