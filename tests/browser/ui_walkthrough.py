"""Browser test: a newcomer walks every page the integration touches.

Drives headless Chromium (Debian's chromium package) with Playwright against
the Home Assistant that scripts/develop runs, as a person would: the config
flow's steps (a refused host, a phone already added, reconfigure, reauth after
the phone's password changed), every entry of the options menu (the Action URL
step and its file, adding, choosing, importing and removing contacts, the
blueprint install), the repairs the integration raises, each device page idle
and ringing, the logbook and the blueprint list; then, with Home Assistant's
and the user's language set to German, the GXP's device page and the options'
voice commands step. Every page is looked at 1280
and 390 pixels wide, and fails on what the frontend shows when it cannot render
a text: "Translation error", a raw translation key, "[object Object]".
Screenshots go to artifacts/browser/.

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
import re
import sys
import tempfile
import time
from typing import Any

import aiohttp
from playwright.async_api import (
    BrowserContext,
    Locator,
    Page,
    async_playwright,
    expect,
)

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
# A desktop, and a phone held upright.
WIDTHS = ({"width": 1280, "height": 1000}, {"width": 390, "height": 844})
# For the frontend to lay a page out again at another width, before the shot.
RESIZE_SETTLE_MS = 400
# What the frontend shows in place of a text it could not render.
UNRENDERED = re.compile(
    r"Translation error"
    r"|\[object Object\]"
    r"|\bcomponent\.[a-z0-9_]+\.[a-z0-9_.]+"
    r"|\bui\.(?:panel|card|dialogs|components|common)\.[a-z0-9_.]+"
)
# Every text node of the page, shadow roots included (the frontend is made of
# them), without style and script elements.
PAGE_TEXT_JS = """() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { parts.push(node.textContent); return; }
    if (node.nodeName === "STYLE" || node.nodeName === "SCRIPT") return;
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return parts.join("\\n");
}"""
# How long a repair may take to be raised: the DP's next poll, 5 s away.
REPAIR_WAIT_SECONDS = 30
# The issue's limit for the caller's name to reach the card, with a margin for a
# shared CI machine; measured from before the simulator is told to ring, so it
# also holds the push's way to Home Assistant.
CARD_RING_LIMIT_S = 1.5
# The dashboard the card is added to, and each width and theme it is shot in.
CARD_DASHBOARD = "phone-card"
CARD_LOOKS = [(width, scheme) for width in (390, 1024) for scheme in ("light", "dark")]
# The German sentences the voice commands step installs, where shipped.
GERMAN_SENTENCES = (
    REPO / "custom_components" / "grandstream_cti" / "custom_sentences" / "de"
)
# Contacts the walkthrough imports: a line without a number is skipped.
CONTACTS_CSV = "Name,Phone\nBob,5550001\nCarol,5550002\nNobody,\n"


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
        print(f"  screenshot {path.name}", flush=True)

    async def check(self, name: str, *, focus: Locator | None = None) -> None:
        """Look at the page at each width: every text rendered; a shot of each.

        focus is scrolled into the shot: a phone-wide page scrolls inside the
        frontend, and a full-page shot holds only what is in view.
        """
        for size in WIDTHS:
            await self.page.set_viewport_size(size)
            await self.page.wait_for_timeout(RESIZE_SETTLE_MS)
            if focus is not None:
                await focus.scroll_into_view_if_needed()
            if found := await self.unrendered():
                await self.screenshot(f"{name}-{size['width']}-unrendered")
                msg = f"{name} at {size['width']} px shows {found}"
                raise AssertionError(msg)
            await self.screenshot(f"{name}-{size['width']}")
        await self.page.set_viewport_size(WIDTHS[0])

    @property
    def dialog(self) -> Locator:
        """The open dialog of a flow."""
        return self.page.locator("dialog-data-entry-flow")

    async def unrendered(self) -> list[str]:
        """What the page shows in place of texts the frontend could not render."""
        text = await self.page.evaluate(PAGE_TEXT_JS)
        return sorted(set(UNRENDERED.findall(text)))

    async def shows(self, text: str | re.Pattern[str]) -> None:
        """Wait until the page shows text; if it never does, say what it shows."""
        try:
            await expect(self.page.get_by_text(text).first).to_be_visible()
        except AssertionError as err:
            if found := await self.unrendered():
                msg = f"instead of {text!r} the page shows {found}"
                raise AssertionError(msg) from err
            raise

    async def close_dialog(self) -> None:
        """Close a flow's dialog, as its X does."""
        await self.dialog.get_by_role("button", name="Close").first.click()
        await expect(self.dialog.get_by_role("dialog")).to_have_count(0)

    async def submit(self) -> None:
        """Press the flow's Submit."""
        await self.dialog.get_by_role("button", name="Submit").click()

    async def open_integration(self) -> None:
        """The integration's page, with its entries and devices."""
        await self.page.goto(
            f"{self.env['ha_url']}/config/integrations/integration/grandstream_cti"
        )
        await self.shows("Grandstream CTI")

    def entry_row(self, key: str) -> Locator:
        """The row of a phone's config entry on the integration's page."""
        title = self.env["phones"][key]["title"]
        return self.page.locator("ha-config-entry-row").filter(has_text=title)

    async def open_options(self) -> None:
        """The GXP's Configure: the options menu."""
        await self.open_integration()
        await self.entry_row("gxp").get_by_role("button", name="Configure").click()
        await self.shows("This phone: settings and Action URLs")

    async def option(self, entry: str) -> None:
        """Open the options and pick entry from their menu."""
        await self.open_options()
        await self.dialog.get_by_text(entry).click()

    def field(self, name: str) -> Locator:
        """A select field of the flow's form: a multiple choice is a button."""
        return self.dialog.get_by_role("button", name=name, exact=True).or_(
            self.dialog.get_by_label(name, exact=True)
        )

    async def choose(self, field: str, option: str) -> None:
        """Choose an option of a select field, in the picker it opens."""
        await self.field(field).click()
        # The picker opens inside the flow's dialog, which names no contact.
        await self.dialog.get_by_text(option, exact=True).last.click()

    async def picker_options(self, field: str) -> list[str]:
        """The options a select field's picker lists."""
        await self.field(field).click()
        picker = self.dialog.get_by_role("dialog", name="Select option")
        await expect(picker.get_by_role("listitem").first).to_be_visible()
        # Their words are in shadow roots, which inner_text does not enter.
        return re.findall(r"- listitem: (.+)", await picker.aria_snapshot())


async def step(name: str, action: Callable[[], Awaitable[None]]) -> None:
    """Run one named step, printing how long it took."""
    start = time.monotonic()
    await action()
    print(f"ok   {name} ({time.monotonic() - start:.1f}s)", flush=True)


async def websocket(env: dict[str, Any], message: dict[str, Any]) -> Any:
    """One websocket command to Home Assistant, as the dev user."""
    ws_url = env["ha_url"].replace("http", "ws", 1) + "/api/websocket"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        await ws.receive_json()  # auth_required
        await ws.send_json({"type": "auth", "access_token": env["access_token"]})
        auth = await ws.receive_json()
        if auth["type"] != "auth_ok":
            msg = f"websocket auth failed: {auth}"
            raise RuntimeError(msg)
        await ws.send_json({"id": 1, **message})
        answer = await ws.receive_json()
    if not answer["success"]:
        msg = f"{message['type']}: {answer}"
        raise RuntimeError(msg)
    return answer["result"]


async def device_ids(env: dict[str, Any]) -> dict[str, str]:
    """The registry id of each phone's device: gxp, dp, and dp handsets hs1, hs2."""
    devices = await websocket(env, {"type": "config/device_registry/list"})
    ids = {}
    for key, phone in env["phones"].items():
        for device in devices:
            if phone["entry_id"] not in device["config_entries"]:
                continue
            handset = re.search(r"handset (\d)$", device["name"] or "")
            ids[f"hs{handset[1]}" if handset else key] = str(device["id"])
    return ids


async def simulator(env: dict[str, Any], phone: str, action: str, **data: Any) -> Any:
    """POST to a simulated phone's control API."""
    url = f"{env['phones'][phone]['url']}/sim/{action}"
    async with aiohttp.ClientSession() as session, session.post(url, json=data) as r:
        body = await r.json()
    if not body.get("ok"):
        msg = f"simulator {action}: {body}"
        raise RuntimeError(msg)
    return body["result"]


async def call_action(env: dict[str, Any], action: str, data: dict[str, Any]) -> int:
    """Perform an action through the REST API; its HTTP status."""
    url = f"{env['ha_url']}/api/services/{action.replace('.', '/')}"
    headers = {"Authorization": f"Bearer {env['access_token']}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=data, headers=headers) as response,
    ):
        return response.status


class Steps(Walkthrough):
    """The walkthrough's steps, in the order they run."""

    @property
    def url(self) -> str:
        """Home Assistant's address."""
        return str(self.env["ha_url"])

    def steps(self) -> list[tuple[str, Callable[[], Awaitable[None]]]]:
        """Each step's description and action."""
        return [
            ("log in as dev", self.log_in),
            ("config flow: form, refused host, phone already there", self.config_flow),
            ("reconfigure the GXP", self.reconfigure),
            ("reauthenticate the DP after its password changed", self.reauth),
            ("options menu", self.options_menu),
            (
                "options: polling and Action URLs, the file's link",
                self.options_settings,
            ),
            ("options: add a contact", self.options_add_contact),
            ("options: import contacts", self.options_import),
            (
                "options: change a contact, chosen from none",
                self.options_change_contact,
            ),
            ("options: remove Carol only", self.options_remove_contact),
            ("options: export the phonebook, each format", self.options_export),
            ("options: install the blueprints", self.options_blueprints),
            ("device pages, idle", self.device_pages),
            ("the GXP rings: Alice calling, answered", self.gxp_rings),
            ("DP handset 2 rings: Bob calling", self.handset_rings),
            ("repairs", self.repairs),
            ("logbook", self.logbook),
            ("blueprint list", self.blueprint_list),
            ("card: added from the card picker", self.card_added),
            ("card: ringing, answered, hung up", self.card_call),
            ("card: DND on and off", self.card_dnd),
            ("card: dial pad makes one call", self.card_dial),
            ("card: missed call, called back, cleared", self.card_missed),
            ("card: the phone stops answering, and is back", self.card_unavailable),
            ("card: two DP handsets, a ring-all call shown once", self.card_handsets),
            # Last: the steps before it name callers from the phonebook.
            ("options: remove all contacts, once confirmed", self.options_remove_all),
            # Then once more in German: Home Assistant's and the user's language.
            ("German: the GXP's device page", self.german_device_page),
            ("German: options, voice commands for Assist", self.german_voice_commands),
        ]

    def row(self, name: str) -> Locator:
        """An entity's row on a device page, by the entity's name."""
        return self.page.locator(
            # Each holds a hui-generic-entity-row, which is not looked for.
            "hui-simple-entity-row, hui-sensor-entity-row, hui-button-entity-row,"
            " hui-toggle-entity-row"
        ).filter(has_text=name)

    async def log_in(self) -> None:
        await self.page.goto(self.url)
        await self.page.get_by_label("Username").fill(self.env["username"])
        await self.page.get_by_label("Password", exact=True).fill(self.env["password"])
        await self.screenshot("login")
        await self.page.get_by_role("button", name="Log in").click()
        # The frontend trades the code for tokens after the redirect; only
        # then can we navigate without being sent back to the login self.page.
        await self.page.wait_for_function("localStorage.getItem('hassTokens') !== null")
        await expect(
            self.page.get_by_role("link", name="Settings").first
        ).to_be_visible()

    async def config_flow(self) -> None:
        await self.page.goto(
            f"{self.url}/config/integrations/dashboard/add?domain=grandstream_cti"
        )
        await self.page.get_by_role("button", name="OK").click()
        await self.shows("Connect a Grandstream phone")
        await self.check("config-user")
        await self.dialog.get_by_role("textbox", name="Host").fill("not a host!")
        await self.dialog.get_by_role("textbox", name="Admin password").fill("admin")
        await self.submit()
        await self.shows("This is not a valid host name or IP address.")
        await self.check("config-user-invalid-host")
        await self.dialog.get_by_role("textbox", name="Host").fill(
            self.env["phones"]["gxp"]["host"]
        )
        await self.dialog.get_by_role("textbox", name="Admin password").fill("admin")
        await self.submit()
        await self.shows("This phone is already configured.")
        await self.check("config-user-already-configured")
        await self.close_dialog()

    async def reconfigure(self) -> None:
        await self.open_integration()
        await self.entry_row("gxp").get_by_role("button", name="Menu").first.click()
        await self.page.get_by_role("menuitem", name="Reconfigure").click()
        await self.shows("Change the phone's connection")
        await self.check("config-reconfigure")
        await self.dialog.get_by_role("textbox", name="Admin password").fill(
            self.env["phones"]["gxp"]["passcode"]
        )
        await self.submit()
        await self.shows("The phone's connection was updated.")
        await self.check("config-reconfigured")
        await self.close_dialog()

    async def reauth(self) -> None:
        await simulator(self.env, "dp", "passcode", passcode="changed at the phone")
        await self.open_integration()
        # The DP's next poll is refused: Home Assistant starts the reauth flow.
        await self.page.get_by_role("button", name="Reconfigure").click()
        await self.shows("Phone password changed")
        await self.check("config-reauth")
        await self.dialog.get_by_role("textbox", name="Admin password").fill(
            "changed at the phone"
        )
        await self.submit()
        await self.shows("The password was updated.")
        await self.check("config-reauthenticated")
        await self.close_dialog()

    async def options_menu(self) -> None:
        await self.open_options()
        await self.check("options-menu")
        await self.close_dialog()

    async def options_settings(self) -> None:
        await self.option("This phone: settings and Action URLs")
        await self.shows("Instant call events")
        link = self.dialog.get_by_role("link", name="the Action URL file")
        # Without a target the frontend would open it as one of its pages.
        await expect(link).to_have_attribute("target", "_blank")
        file = await self.page.request.get(
            self.url + str(await link.get_attribute("href"))
        )
        if file.status != 200 or "<gs_provision" not in await file.text():
            msg = f"the Action URL file link answered {file.status}"
            raise AssertionError(msg)
        for slot in ("P8310", "P8316", "P8317", "P8306"):
            await expect(self.dialog.get_by_text(f"({slot}):")).to_be_visible()
        await self.check("options-settings")
        await self.submit()
        await self.shows("Options successfully saved.")
        await self.close_dialog()

    async def options_add_contact(self) -> None:
        # The phonebook is empty: straight to the contact's name and numbers.
        await self.option("Shared phonebook: add or change a contact")
        await self.shows("Numbers match however they are written")
        await self.check("options-contact-new")
        await self.dialog.get_by_role("textbox", name="Name").fill("Alice")
        await self.dialog.get_by_role("button", name="Add Phone numbers").click()
        await self.dialog.get_by_role("textbox", name="Phone numbers").last.fill(
            "5551234"
        )
        await self.submit()
        await self.shows("Alice is saved in the phonebook of all phones.")
        await self.check("options-contact-saved")
        await self.close_dialog()

    async def options_import(self) -> None:
        await self.option("Shared phonebook: import a file")
        await self.shows("Upload an address book export")
        await self.check("options-import")
        await self.dialog.locator("input[type=file]").set_input_files(
            files=[
                {
                    "name": "contacts.csv",
                    "mimeType": "text/csv",
                    "buffer": CONTACTS_CSV.encode(),
                }
            ]
        )
        await expect(self.dialog.get_by_text("contacts.csv")).to_be_visible()
        await self.submit()
        await self.shows("2 contacts added")
        await self.shows("Skipped: 1 (lines 4).")
        await self.check("options-imported")
        await self.close_dialog()

    async def options_change_contact(self) -> None:
        await self.option("Shared phonebook: add or change a contact")
        await self.shows("Choose the contact to change, or type the name of a new one.")
        await self.check("options-contact-choose")
        # Nothing is chosen until the user chooses.
        await self.submit()
        await self.shows("Choose a contact, or type the name of a new one.")
        await self.check("options-contact-nothing-chosen")
        await self.choose("Contact", "Alice")
        await self.submit()
        await expect(self.dialog.get_by_role("textbox", name="Name")).to_have_value(
            "Alice"
        )
        await expect(
            self.dialog.get_by_role("textbox", name="Phone numbers")
        ).to_have_value("5551234")
        await self.check("options-contact-change")
        await self.submit()
        await self.shows("Alice is saved in the phonebook of all phones.")
        await self.close_dialog()

    async def options_remove_contact(self) -> None:
        await self.option("Shared phonebook: remove contacts")
        await self.shows("The removed contacts' numbers are shown")
        await self.check("options-remove")
        await self.submit()
        await self.shows("Choose the contacts to remove. Nothing was removed.")
        await self.check("options-remove-nothing-chosen")
        await self.choose("Contacts", "Carol")
        # The chosen contact shows in the form once the picker is gone: on a
        # busy machine Submit pressed before that sent nothing chosen.
        await expect(
            self.dialog.get_by_role("dialog", name="Select option")
        ).to_have_count(0)
        await expect(self.dialog.get_by_text("Carol", exact=True).first).to_be_visible()
        await self.submit()
        await self.shows("1 contacts were removed from the phonebook of all phones.")
        await self.check("options-removed")
        await self.close_dialog()
        await self.option("Shared phonebook: remove contacts")
        if (left := await self.picker_options("Contacts")) != ["Alice", "Bob"]:
            msg = f"after removing Carol the phonebook holds {left}"
            raise AssertionError(msg)
        await self.page.keyboard.press("Escape")
        await self.close_dialog()

    async def options_export(self) -> None:
        await self.option("Shared phonebook: export")
        await self.shows("Download the 2 contacts of the phonebook of all phones")
        await self.check("options-export")
        for name, holds in (
            ("vCard", "FN:Alice"),
            ("CSV", "Alice"),
            ("Grandstream phonebook XML", "<FirstName>Alice</FirstName>"),
        ):
            link = self.dialog.get_by_role("link", name=name, exact=True)
            # Without a target the frontend would open it as one of its pages.
            await expect(link).to_have_attribute("target", "_blank")
            file = await self.page.request.get(
                self.url + str(await link.get_attribute("href"))
            )
            if file.status != 200 or holds not in await file.text():
                msg = f"the {name} export answered {file.status} without {holds!r}"
                raise AssertionError(msg)
        await self.close_dialog()

    async def options_remove_all(self) -> None:
        await self.option("Shared phonebook: remove all contacts")
        await self.shows("Remove all 2 contacts from the phonebook of all phones.")
        await self.check("options-remove-all")
        await self.submit()
        await self.shows("Tick the box to remove all contacts")
        await self.check("options-remove-all-unconfirmed")
        await self.dialog.get_by_text("Yes, remove all contacts").first.click()
        await self.submit()
        await self.shows("2 contacts were removed from the phonebook of all phones.")
        await self.check("options-removed-all")
        await self.close_dialog()
        await self.open_options()
        await self.shows("It holds 0 contacts.")
        await self.close_dialog()

    async def options_blueprints(self) -> None:
        # scripts/develop copied them all: one goes, as if never installed.
        folder = (
            Path(self.env["config_dir"])
            / "blueprints"
            / "automation"
            / "grandstream_cti"
        )
        (folder / "notify_missed_call.yaml").unlink()
        await self.option("All phones: install blueprints")
        await self.shows("Notify me of a missed call")
        await self.check("options-blueprints")
        await self.submit()
        await self.shows("1 blueprints installed.")
        await self.check("options-blueprints-installed")
        await self.close_dialog()
        await self.option("All phones: install blueprints")
        await self.shows(
            "blueprints are all in Home Assistant's blueprints folder already"
        )
        await self.check("options-blueprints-there")
        await self.close_dialog()

    async def device_pages(self) -> None:
        ids = await device_ids(self.env)
        for key, name in (
            ("gxp", "gxp"),
            ("dp", "dp-base"),
            ("hs1", "dp-handset-1"),
            ("hs2", "dp-handset-2"),
        ):
            await self.page.goto(f"{self.url}/config/devices/device/{ids[key]}")
            await self.shows("Device info")
            if key != "dp":
                await expect(self.row("Call state")).to_contain_text("Idle")
            await self.page.wait_for_load_state("networkidle")  # icons, for the shot
            await self.check(f"device-{name}-idle")

    async def german_device_page(self) -> None:
        # Entity names are Home Assistant's language's, given as an entry is
        # set up; states and the frontend's words, the user's.
        await websocket(self.env, {"type": "config/core/update", "language": "de"})
        reloaded = await call_action(
            self.env,
            "homeassistant.reload_config_entry",
            {"entry_id": self.env["phones"]["gxp"]["entry_id"]},
        )
        if reloaded != 200:
            msg = f"reloading the GXP's entry answered {reloaded}"
            raise AssertionError(msg)
        await websocket(
            self.env,
            {
                "type": "frontend/set_user_data",
                "key": "language",
                "value": {"language": "de"},
            },
        )
        ids = await device_ids(self.env)
        await self.page.goto(f"{self.url}/config/devices/device/{ids['gxp']}")
        await expect(self.row("Anrufstatus")).to_contain_text("Leerlauf")
        await expect(self.row("Nicht stören")).to_have_count(1)
        await expect(self.row("Auflegen")).to_have_count(1)
        await expect(self.row("Call state")).to_have_count(0)
        await self.page.wait_for_load_state("networkidle")  # icons, for the shot
        await self.check("de-device-gxp-idle")

    async def german_voice_commands(self) -> None:
        await self.open_integration()
        await self.entry_row("gxp").get_by_role("button", name="Konfigurieren").click()
        await self.shows("Dieses Telefon: Einstellungen und Action URLs")
        await self.dialog.get_by_text("Alle Telefone: Sprachbefehle für Assist").click()
        if (GERMAN_SENTENCES / "grandstream_cti.yaml").exists():
            await self.shows("Assist, der eigene Sprachassistent von Home Assistant")
            await self.shows("custom_sentences/de/grandstream_cti.yaml")
            await self.check("de-options-voice-commands")
            await self.dialog.get_by_role("button", name="OK").click()
            await self.shows("Die Sprachbefehle sind in")
            await self.check("de-options-voice-commands-installed")
        else:
            # Only English sentences ship: the step says so, in German.
            await self.shows("Die Integration hat Sätze in diesen Sprachen: en.")
            await self.check("de-options-voice-commands-unavailable")
        await self.dialog.get_by_role("button", name="Schließen").first.click()
        await expect(self.dialog.get_by_role("dialog")).to_have_count(0)

    async def gxp_rings(self) -> None:
        ids = await device_ids(self.env)
        await self.page.goto(f"{self.url}/config/devices/device/{ids['gxp']}")
        # The phone sends a name of its own; the phonebook's is shown.
        await simulator(
            self.env, "gxp", "ring", line=1, number="5551234", name="ACME GmbH"
        )
        await expect(self.row("Call state")).to_contain_text("Ringing")
        await expect(self.row("Remote name")).to_contain_text("Alice")
        await expect(self.row("Remote number")).to_contain_text("5551234")
        for button in ("Answer", "Decline", "Hang up", "Hold", "Resume"):
            await expect(self.row(button)).to_have_count(1)
        await self.check("device-gxp-ringing", focus=self.row("Remote name"))
        await self.row("Answer").get_by_role("button", name="Press").click()
        await expect(self.row("Call state")).to_contain_text("Talking")
        await self.check("device-gxp-talking")
        await simulator(self.env, "gxp", "hangup", line=1)
        await expect(self.row("Call state")).to_contain_text("Idle")

    async def handset_rings(self) -> None:
        ids = await device_ids(self.env)
        await self.page.goto(f"{self.url}/config/devices/device/{ids['hs2']}")
        await simulator(self.env, "dp", "ring", hs=2, number="5550001", name="")
        await expect(self.row("Call state")).to_contain_text("Ringing")
        await expect(self.row("Remote name")).to_contain_text("Bob")
        await self.check("device-dp-handset-2-ringing", focus=self.row("Remote name"))
        await simulator(self.env, "dp", "hangup", hs=2)
        await expect(self.row("Call state")).to_contain_text("Idle")

    async def open_repair(self, title: str) -> None:
        """Open the repair whose title holds title, once Home Assistant raised it."""
        issue = self.page.get_by_text(title).first
        for _ in range(REPAIR_WAIT_SECONDS):
            await self.page.goto(f"{self.url}/config/repairs")
            await self.page.wait_for_load_state("networkidle")
            if await issue.count():
                break
            await asyncio.sleep(1)
        await issue.click()
        # The dialog's heading: slotted into it, so not inside its role.
        heading = self.page.get_by_role("heading", name=re.compile(re.escape(title)))
        await expect(heading).to_be_visible()

    async def repairs(self) -> None:
        ids = await device_ids(self.env)
        # DND on a GXP whose Action URLs have not told its state: refused.
        await self.page.goto(f"{self.url}/config/devices/device/{ids['gxp']}")
        await (
            self.row("Do not disturb")
            .get_by_role("button", name=re.compile(r"on$"))
            .click()
        )
        await self.shows(
            re.compile("has not told Home Assistant whether do not disturb is on")
        )
        await self.check("device-gxp-dnd-refused")
        # A + number with Click-To-Dial off on the phone.
        await simulator(self.env, "gxp", "click_to_dial", enabled=False)
        await call_action(
            self.env,
            "grandstream_cti.make_call",
            {"device_id": ids["gxp"], "number": "+4930123456"},
        )
        await simulator(self.env, "gxp", "click_to_dial", enabled=True)
        # CTI switched off on the DP: it answers with its web self.page.
        await simulator(self.env, "dp", "fault", mode="html")
        for title, name in (
            ("does not tell whether do not disturb is on", "dnd-state-unknown"),
            ("Click-To-Dial is off on", "click-to-dial-off"),
            ("does not answer CTI requests", "cti-disabled"),
        ):
            await self.open_repair(title)
            await self.check(f"repair-{name}")
            await self.page.keyboard.press("Escape")
        await simulator(self.env, "dp", "fault", mode="none")
        # Assist is loaded and English has sentences: a repair offers them. Only
        # looked at: the German steps install them from the options.
        await self.page.goto(f"{self.url}/config/repairs")
        await self.page.get_by_text("Work the phones by voice with Assist").click()
        await self.shows("Install the voice commands")
        await self.shows(re.compile("custom_sentences/en/grandstream_cti.yaml"))
        await self.check("repair-voice-commands")
        await self.close_dialog()

    async def logbook(self) -> None:
        # Each phone's Call events, one line a step: the entity's own, with
        # its event type in the integration's words.
        for entity_id in (
            "event.grandstream_gxp_call",
            "event.grandstream_dp_handset_2_call",
        ):
            await self.page.goto(f"{self.url}/logbook?entity_id={entity_id}")
            await self.shows("Incoming")
            await self.check(f"logbook-{entity_id.split('.')[1]}")

    async def blueprint_list(self) -> None:
        await self.page.goto(f"{self.url}/config/blueprint/dashboard")
        for name in (
            "Pause media while the phone rings",
            "Notify me of a missed call",
            "Answer a ringing phone from your pocket",
        ):
            await self.shows(name)
        await self.check("blueprint-list")

    @property
    def card(self) -> Locator:
        """The phone card on the dashboard (Playwright enters its shadow root).

        The closed card editor keeps its preview in the page, hidden.
        """
        return self.page.locator("grandstream-phone-card:visible")

    def card_button(self, name: str) -> Locator:
        """A button of the card, by its accessible label."""
        return self.card.get_by_role("button", name=name, exact=True)

    async def card_looks(self, name: str) -> None:
        """Shoot the card in light and dark themes, phone- and tablet-wide.

        The default theme follows the browser's colour scheme.
        """
        for width, scheme in CARD_LOOKS:
            await self.page.set_viewport_size({"width": width, "height": 900})
            await self.page.emulate_media(color_scheme=scheme)
            await self.page.wait_for_timeout(RESIZE_SETTLE_MS)
            if found := await self.unrendered():
                msg = f"the card {name} at {width} px shows {found}"
                raise AssertionError(msg)
            shot = f"card-{name}-{width}-{scheme}"
            await self.screenshot(shot)
            await self.card.screenshot(path=self.artifacts / f"{shot}-card.png")
        await self.page.emulate_media(color_scheme="light")
        await self.page.set_viewport_size(WIDTHS[0])
        # The frontend fades cards into a new theme: a shot taken next would
        # catch them half-way.
        await self.page.wait_for_timeout(RESIZE_SETTLE_MS)

    async def make_calls(self, phone: str) -> list[str]:
        """The numbers of the make_call requests the simulated phone received."""
        url = f"{self.env['phones'][phone]['url']}/sim/requests"
        async with aiohttp.ClientSession() as session, session.get(url) as r:
            requests = await r.json()
        return [
            request["params"].get("phonenumber", "")
            for request in requests
            if request["function"] == "api-make_call"
        ]

    async def card_added(self) -> None:
        # The integration made the card a resource of storage-mode dashboards.
        resources = await websocket(self.env, {"type": "lovelace/resources"})
        urls = [r["url"] for r in resources]
        if not any(
            u.startswith("/grandstream_cti/grandstream-phone-card.js?v=") for u in urls
        ):
            msg = f"the card is no dashboard resource: {urls}"
            raise AssertionError(msg)
        await websocket(
            self.env,
            {
                "type": "lovelace/dashboards/create",
                "url_path": CARD_DASHBOARD,
                "title": "Phone",
                "mode": "storage",
            },
        )
        await self.page.goto(f"{self.url}/{CARD_DASHBOARD}/0?edit=1")
        await self.page.get_by_role("button", name="Add card").click()
        await self.page.get_by_role("tab", name="By card").click()
        await self.page.get_by_placeholder("Search cards").fill("Grandstream")
        # Its preview in the picker, then its editor, with the GXP chosen.
        picked = self.page.locator("hui-card-picker").get_by_text(
            "Grandstream phone", exact=True
        )
        # The picker lays a cover over each preview to take the click.
        await picked.first.click(force=True)
        editor = self.page.locator("hui-dialog-edit-card")
        await expect(editor.get_by_text("Phone or handset")).to_be_visible()
        await expect(
            editor.get_by_role("heading", name="Grandstream GXP").first
        ).to_be_visible()
        await self.screenshot("card-editor")
        await editor.get_by_role("button", name="Save").click()
        # The closed dialog's element stays in the page.
        await expect(editor.get_by_text("Phone or handset")).to_be_hidden()
        await self.page.get_by_role("button", name="Done").click()
        await expect(self.card.get_by_text("Idle")).to_be_visible()

    async def card_call(self) -> None:
        start = time.monotonic()
        await simulator(
            self.env, "gxp", "ring", line=1, number="5551234", name="ACME GmbH"
        )
        # The phonebook's name, not the phone's, on the ringing line (the last
        # call, from an earlier step, names Alice too).
        await expect(self.card.locator(".line.ringing .caller")).to_have_text(
            "Alice", timeout=CARD_RING_LIMIT_S * 1000
        )
        print(f"  caller on the card {time.monotonic() - start:.2f}s after the ring")
        await expect(self.card.get_by_text("Incoming call")).to_be_visible()
        await expect(self.card_button("Answer")).to_be_visible()
        await expect(self.card_button("Decline")).to_be_visible()
        await expect(self.card_button("Hang up")).to_have_count(0)
        await self.card_looks("ringing")
        await self.card_button("Answer").click()
        await expect(self.card.get_by_text("Talking")).to_be_visible()
        await expect(self.card_button("Answer")).to_have_count(0)
        await expect(self.card_button("Hold")).to_be_visible()
        # The call's duration, counted on the card.
        await expect(self.card.locator(".duration")).to_have_text(
            re.compile(r"^0:0\d$")
        )
        await self.screenshot("card-talking")
        await self.card_button("Hang up").click()
        await expect(self.card.get_by_text("Idle")).to_be_visible()
        await expect(
            self.card.get_by_text("Alice", exact=True)
        ).to_be_visible()  # last call

    async def card_dnd(self) -> None:
        # Until the phone told its DND state, the card offers no DND button.
        await expect(self.card_button("Turn do not disturb on")).to_have_count(0)
        await simulator(self.env, "gxp", "dnd", on=True)
        await expect(
            self.card.get_by_text("Do not disturb", exact=True)
        ).to_be_visible()
        await self.card_button("Turn do not disturb off").click()
        await expect(self.card_button("Turn do not disturb on")).to_be_visible()
        await expect(self.card.get_by_text("Do not disturb", exact=True)).to_have_count(
            0
        )
        await expect(self.card_button("Turn do not disturb off")).to_have_count(0)

    async def card_dial(self) -> None:
        await simulator(self.env, "gxp", "requests/clear")
        for key in "5550102":
            await self.card_button(key).click()
        await expect(self.card.get_by_role("textbox", name="Number")).to_have_value(
            "5550102"
        )
        await self.card_button("Call").click()
        await expect(self.card.get_by_text("Dialing")).to_be_visible()
        await expect(self.card.get_by_role("textbox", name="Number")).to_have_value("")
        if (calls := await self.make_calls("gxp")) != ["5550102"]:
            msg = f"the dial pad's Call sent {calls}"
            raise AssertionError(msg)
        await self.card_button("Hang up").click()
        await expect(self.card.get_by_text("Idle")).to_be_visible()

    async def card_missed(self) -> None:
        await simulator(self.env, "gxp", "ring", line=1, number="5550001", name="")
        await expect(self.card.get_by_text("Incoming call")).to_be_visible()
        await simulator(self.env, "gxp", "hangup", line=1)
        call_back = self.card_button("Call back: Bob")
        await expect(call_back).to_be_visible()
        await expect(self.card.get_by_text("Missed calls (1)")).to_be_visible()
        # The last call's outcome, in the integration's words.
        await expect(self.card.locator(".last small")).to_contain_text("Missed")
        await self.card_looks("missed")
        await simulator(self.env, "gxp", "requests/clear")
        await call_back.click()
        await expect(self.card.get_by_text("Dialing")).to_be_visible()
        if (calls := await self.make_calls("gxp")) != ["5550001"]:
            msg = f"Call back sent {calls}"
            raise AssertionError(msg)
        await self.card_button("Hang up").click()
        await expect(self.card.get_by_text("Idle")).to_be_visible()
        await self.card_button("Clear: Missed calls").click()
        await expect(self.card.get_by_text("No missed calls")).to_be_visible()
        await expect(call_back).to_have_count(0)

    async def card_unavailable(self) -> None:
        # CTI switched off on the GXP: its next poll fails, its entities go.
        await simulator(self.env, "gxp", "fault", mode="html")
        await expect(self.card.get_by_text("The phone does not answer")).to_be_visible()
        await expect(self.card.get_by_role("button")).to_have_count(0)
        await self.check("card-unavailable")
        await simulator(self.env, "gxp", "fault", mode="none")
        await expect(self.card.get_by_text("Idle")).to_be_visible()
        await expect(self.card_button("Call")).to_be_visible()

    async def card_handsets(self) -> None:
        # A card of handset 1 with handset 2, as its YAML (the editor's
        # "More handsets" field) writes it.
        ids = await device_ids(self.env)
        card = {
            "type": "custom:grandstream-phone-card",
            "device": ids["hs1"],
            "handsets": [ids["hs2"]],
        }
        for message in (
            {
                "type": "lovelace/dashboards/create",
                "url_path": f"{CARD_DASHBOARD}-dp",
                "title": "DP",
                "mode": "storage",
            },
            {
                "type": "lovelace/config/save",
                "url_path": f"{CARD_DASHBOARD}-dp",
                "config": {"views": [{"title": "DP", "cards": [card]}]},
            },
        ):
            await websocket(self.env, message)
        await self.page.goto(f"{self.url}/{CARD_DASHBOARD}-dp/0")
        await expect(self.card.get_by_text("Idle")).to_be_visible()
        await simulator(self.env, "dp", "ring_all", number="5550001", name="")
        ringing = self.card.locator(".line.ringing")
        await expect(ringing).to_have_count(1)
        await expect(ringing.locator(".caller")).to_have_text("Bob")
        await expect(ringing).to_contain_text("handset 1, Grandstream DP handset 2")
        await self.check("card-handsets-ringing")
        await self.card.get_by_role("button", name=re.compile(r"^Answer \(")).click()
        await expect(self.card.locator(".line.talking")).to_contain_text("handset 1")
        await expect(ringing).to_have_count(0)
        await self.card.get_by_role("button", name=re.compile(r"^Hang up \(")).click()
        await expect(self.card.get_by_text("Idle")).to_be_visible()


async def walk(context: BrowserContext, env: dict[str, Any], artifacts: Path) -> None:
    """The walkthrough itself."""
    page = context.pages[0] if context.pages else await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    run = Steps(env, page, artifacts, [])
    try:
        for name, action in run.steps():
            await step(name, action)
    except Exception:
        await run.screenshot("failure")
        # What a locator could have found: the page as accessibility tree.
        (artifacts / "failure-aria.txt").write_text(
            await page.locator("body").aria_snapshot(), encoding="utf-8"
        )
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
    for old in [*args.artifacts.glob("*.png"), args.artifacts / "failure-aria.txt"]:
        old.unlink(missing_ok=True)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                profile,
                executable_path=args.chromium,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport=WIDTHS[0],
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
