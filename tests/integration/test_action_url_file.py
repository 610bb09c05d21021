"""The Action URL file: every slot of a phone filled, downloaded from the options."""

from __future__ import annotations

from datetime import timedelta
import html
from http import HTTPStatus
import re
from typing import Any
from xml.etree import ElementTree as ET

from homeassistant.components.http.auth import async_sign_path
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti.action_url_file import FILE_PATH
from custom_components.grandstream_cti.webhook import ACTION_URL_SLOTS, push_urls
from simulator import SimulatedPhone

from ..conftest import PASSCODE, passcode_spellings_in
from .helpers import options_step, rendered_description

SETTINGS_STEP = "settings"
# How the options list each URL: "- Incoming Call (P8310): `http://...`".
_LISTED_URL = re.compile(r"\((P\d+)\): `([^`]+)`")
# The link to the file, as the options' description renders: the frontend
# opens a link to its own host as one of its pages unless it has a target.
_FILE_LINK = re.compile(r'<a href="([^"]+)" target="_blank">the Action URL file</a>')


def file_path(entry: MockConfigEntry) -> str:
    return FILE_PATH.format(entry_id=entry.entry_id)


def slots_in(xml: str) -> dict[str, str]:
    """The P-values of a gs_provision file, by slot."""
    # The integration's own file, which the tests made: nothing untrusted.
    root = ET.fromstring(xml)  # noqa: S314
    assert root.tag == "gs_provision"
    config = root.find("config")
    assert config is not None
    return {element.tag: element.text or "" for element in config}


async def file_link(
    hass: HomeAssistant, result: ConfigFlowResult | dict[str, Any]
) -> str:
    """Where the rendered settings description links the file to (unescaped)."""
    links = _FILE_LINK.findall(await rendered_description(hass, "options", result))
    assert len(links) == 1
    return html.unescape(links[0])


def slots_listed(result: ConfigFlowResult | dict[str, Any]) -> dict[str, str]:
    """The URLs the options list, by slot."""
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    return dict(_LISTED_URL.findall(placeholders["action_urls"]))


async def test_file_fills_every_slot_as_the_options_list_it(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """Each event's slot holds the URL the options show for it, and no other."""
    client = await hass_client()
    response = await client.get(file_path(gxp))
    assert response.status == HTTPStatus.OK
    assert response.content_type == "application/xml"
    # Named after the entry, whose title the config flow gave the address.
    port = gxp.data["host"].rsplit(":", 1)[1]
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="grandstream_gxp_series_127_0_0_1_{port}_action_urls.xml"'
    )
    in_file = slots_in(await response.text())

    listed = slots_listed(await options_step(hass, gxp, SETTINGS_STEP))
    urls = push_urls(hass, gxp)
    assert in_file == listed
    assert in_file == {
        slot: urls[event] for event, (slot, _) in ACTION_URL_SLOTS.items()
    }
    assert set(in_file) == {slot for slot, _ in ACTION_URL_SLOTS.values()}


async def test_file_never_shows_the_passcode(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    client = await hass_client()
    response = await client.get(file_path(gxp))
    assert response.status == HTTPStatus.OK
    text = await response.text()
    assert slots_in(text)
    assert passcode_spellings_in(text) == []
    assert passcode_spellings_in(response.headers["Content-Disposition"]) == []
    assert PASSCODE not in text
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.usefixtures("gxp_phone", "dp_phone")
async def test_file_of_each_phone(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp: MockConfigEntry,
    dp: MockConfigEntry,
) -> None:
    """Each phone's file holds its own webhook, and is named after it."""
    client = await hass_client()
    gxp_file = await client.get(file_path(gxp))
    dp_file = await client.get(file_path(dp))
    port = dp.data["host"].rsplit(":", 1)[1]
    assert dp_file.headers["Content-Disposition"] == (
        f'attachment; filename="grandstream_dp75x_series_127_0_0_1_{port}_action_urls.xml"'
    )
    gxp_urls = slots_in(await gxp_file.text())
    dp_urls = slots_in(await dp_file.text())
    assert all(gxp.data["webhook_id"] in url for url in gxp_urls.values())
    assert all(dp.data["webhook_id"] in url for url in dp_urls.values())
    assert gxp_urls["P8310"] != dp_urls["P8310"]


async def test_no_token_no_file(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    client = await hass_client_no_auth()
    response = await client.get(file_path(gxp))
    assert response.status == HTTPStatus.UNAUTHORIZED
    assert gxp.data["webhook_id"] not in await response.text()


async def test_no_admin_no_file(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_read_only_access_token: str,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """The file holds what only an admin sees in the options: the webhook id."""
    client = await hass_client(hass_read_only_access_token)
    response = await client.get(file_path(gxp))
    assert response.status == HTTPStatus.UNAUTHORIZED


@pytest.mark.parametrize("entry_id", ["no_such_entry", "other_domain"])
async def test_unknown_entry(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    entry_id: str,
) -> None:
    MockConfigEntry(
        domain="other_domain", entry_id="other_domain", data={"webhook_id": "x"}
    ).add_to_hass(hass)
    client = await hass_client()
    response = await client.get(FILE_PATH.format(entry_id=entry_id))
    assert response.status == HTTPStatus.NOT_FOUND


async def test_signed_link_from_the_options(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_client_no_auth: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """The options, opened in the UI, link to the file: a plain click downloads it.

    The UI drives the flow through Home Assistant's HTTP API, as here: the
    link is signed for the admin who opened the options.
    """
    assert await async_setup_component(hass, "config", {})
    admin = await hass_client()
    response = await admin.post(
        "/api/config/config_entries/options/flow", json={"handler": gxp.entry_id}
    )
    menu = await response.json()
    response = await admin.post(
        f"/api/config/config_entries/options/flow/{menu['flow_id']}",
        json={"next_step_id": SETTINGS_STEP},
    )
    result = await response.json()
    link = await file_link(hass, result)
    assert link.startswith(f"{file_path(gxp)}?authSig=")

    click = await hass_client_no_auth()
    response = await click.get(link)
    assert response.status == HTTPStatus.OK
    assert slots_in(await response.text()) == slots_listed(result)

    # The signature covers this phone's file only.
    other = link.replace(gxp.entry_id, "dp_entry")
    assert (await click.get(other)).status == HTTPStatus.UNAUTHORIZED


async def test_link_signed_without_a_request(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """Options opened without a request (by a script) sign for no admin."""
    link = await file_link(hass, await options_step(hass, gxp, SETTINGS_STEP))
    click = await hass_client_no_auth()
    assert (await click.get(link)).status == HTTPStatus.UNAUTHORIZED


async def test_expired_link(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    hass_access_token: str,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """A link lives LINK_LIFETIME: after that it downloads nothing."""
    refresh_token = hass.auth.async_validate_access_token(hass_access_token)
    assert refresh_token is not None
    link = async_sign_path(
        hass,
        file_path(gxp),
        timedelta(seconds=-1),
        refresh_token_id=refresh_token.id,
    )
    click = await hass_client_no_auth()
    assert (await click.get(link)).status == HTTPStatus.UNAUTHORIZED
