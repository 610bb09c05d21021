"""Caller names, end to end: the phonebook edited in the options, then a phone rings.

The phonebook is one for all phones, kept in Home Assistant's storage. Numbers
are compared by Home Assistant's country: Germany in most tests, where the
phonebook's +49 30 1234567 is the 0301234567 the phone shows.
"""

from __future__ import annotations

from datetime import timedelta
import html
from pathlib import Path
import re
import tempfile
from typing import Any
from unittest.mock import patch

from aiohttp import FormData
from aiohttp.test_utils import TestClient
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import intent
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.phonebook.importers import MAX_FILE_BYTES
from custom_components.grandstream_cti.phonebook_store import (
    PHONEBOOK,
    SAVE_DELAY,
    STORAGE_KEY,
)
from simulator import SimulatedPhone
from tests.conftest import frozen_clock, poll, setup_entry
from tests.integration.helpers import (
    options_step,
    point_phone_at,
    pushes_handled,
    state_of,
)

REMOTE_NAME = "sensor.grandstream_gxp_remote_name"
CALL_STATE = "sensor.grandstream_gxp_call_state"
CALL_EVENT = "event.grandstream_gxp_call"
HANDSET_REMOTE_NAME = "sensor.grandstream_dp_handset_1_remote_name"
ALICE_NUMBER = "0301234567"
CSV = (
    "Name;Number\n"
    "Bob;+49 171 2345678\n"
    "Carol;call me maybe\n"
    "Reception;201\n"
    "Alice;+49 30 1234567 ::: 030 7654321\n"
)

# Remote name, disabled by default, shows how callers are named.
pytestmark = pytest.mark.usefixtures("freezer", "entity_registry_enabled_by_default")


@pytest.fixture(autouse=True)
def _germany(hass: HomeAssistant) -> None:
    hass.config.country = "DE"


@pytest.fixture(autouse=True)
def _own_upload_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Uploads in a folder of the test's own.

    file_upload keeps them in one folder under the system's temporary one, and
    empties it when Home Assistant starts and stops: a test in another worker
    removed this one's upload.
    """
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


async def options(
    hass: HomeAssistant, result: ConfigFlowResult, user_input: dict[str, Any]
) -> ConfigFlowResult:
    return await hass.config_entries.options.async_configure(
        result["flow_id"], user_input
    )


async def add_contact(
    hass: HomeAssistant, entry: MockConfigEntry, name: str, numbers: list[str]
) -> ConfigFlowResult:
    """Add or change a contact through the options, as a user does."""
    result = await options_step(hass, entry, "contact")
    if result["step_id"] == "contact":
        result = await options(hass, result, {"name": name})
    assert result["step_id"] == "contact_numbers"
    return await options(hass, result, {"name": name, "numbers": numbers})


def suggested_values(result: ConfigFlowResult) -> dict[str, Any]:
    """What a form starts with, by field."""
    return {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
    }


async def options_form(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    entry: MockConfigEntry,
    step: str,
) -> dict[str, Any]:
    """Open the options at step through the HTTP API, as the frontend does."""
    assert await async_setup_component(hass, "config", {})
    client = await hass_client()
    response = await client.post(
        "/api/config/config_entries/options/flow", json={"handler": entry.entry_id}
    )
    menu = await response.json()
    response = await client.post(
        f"/api/config/config_entries/options/flow/{menu['flow_id']}",
        json={"next_step_id": step},
    )
    form: dict[str, Any] = await response.json()
    return form


def frontend_start(form: dict[str, Any]) -> dict[str, Any]:
    """What the frontend fills a form with before the user touches it.

    As its computeInitialHaFormData does for these forms' fields: a suggested
    value or default, else for a required choice its first option.
    """
    start: dict[str, Any] = {}
    for field in form["data_schema"]:
        name = field["name"]
        if (
            suggested := field.get("description", {}).get("suggested_value")
        ) is not None:
            start[name] = suggested
        elif "default" in field:
            start[name] = field["default"]
        elif field.get("required") and (select := field["selector"].get("select")):
            first = select["options"][0]
            start[name] = [first] if select.get("multiple") else first
    return start


async def upload(hass_client: ClientSessionGenerator, name: str, data: bytes) -> str:
    """Upload a file as the options' file picker does; its id."""
    client = await hass_client()
    form = FormData()
    form.add_field("file", data, filename=name)
    response = await client.post("/api/file_upload", data=form)
    assert response.status == 200
    file_id: str = (await response.json())["file_id"]
    return file_id


async def import_file(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    entry: MockConfigEntry,
    data: bytes,
) -> ConfigFlowResult:
    result = await options_step(hass, entry, "import_contacts")
    file_id = await upload(hass_client, "contacts.csv", data)
    return await options(hass, result, {"file": file_id})


async def saved(hass: HomeAssistant) -> None:
    """Let the phonebook's save delay pass."""
    frozen_clock().tick(timedelta(seconds=SAVE_DELAY))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


def names_stored(hass_storage: dict[str, Any]) -> list[str]:
    return [
        contact["name"] for contact in hass_storage[STORAGE_KEY]["data"]["contacts"]
    ]


async def who_is_calling(hass: HomeAssistant) -> str:
    """Assist's answer to "who is calling"."""
    response = await intent.async_handle(
        hass, "test", "GrandstreamWhoIsCalling", {}, language="en"
    )
    return str(response.speech["plain"]["speech"])


async def test_added_contact_names_the_caller_everywhere(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Sensor, call state, call event and Assist all say the phonebook's name."""
    assert await async_setup_component(hass, "intent", {})
    result = await add_contact(hass, gxp, "Alice Example", ["+49 30 1234567"])
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "contact_saved"
    assert result["description_placeholders"] == {"name": "Alice Example"}

    gxp_phone.ring(1, ALICE_NUMBER, "ACME GmbH")
    await poll(hass, gxp)

    assert state_of(hass, REMOTE_NAME).state == "Alice Example"
    assert state_of(hass, CALL_STATE).attributes["remote_name"] == "Alice Example"
    event = state_of(hass, CALL_EVENT)
    assert event.attributes["event_type"] == "incoming"
    assert event.attributes["name"] == "Alice Example"
    assert event.attributes["number"] == ALICE_NUMBER
    assert await who_is_calling(hass) == (
        f"Alice Example is calling from {ALICE_NUMBER}."
    )


async def test_unknown_number_keeps_the_phones_name(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])

    gxp_phone.ring(1, "0309999999", "ACME GmbH")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "ACME GmbH"
    assert state_of(hass, CALL_EVENT).attributes["name"] == "ACME GmbH"

    # Some phones show the number as the name: that is no name.
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    gxp_phone.ring(1, "0309999999", "030 9999999")
    await poll(hass, gxp)
    assert state_of(hass, CALL_STATE).state == "ringing"
    assert state_of(hass, REMOTE_NAME).state == STATE_UNKNOWN
    assert state_of(hass, CALL_EVENT).attributes["name"] is None


async def test_extension_matches_only_exactly(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    await add_contact(hass, gxp, "Reception", ["201"])
    gxp_phone.ring(1, "+49201", "Essen")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Essen"

    gxp_phone.hangup(1)
    await poll(hass, gxp)
    gxp_phone.ring(1, "201", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Reception"


async def test_pushed_ring_is_named_at_once(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    http: TestClient,
) -> None:
    """A push names no caller: the phonebook does, before any poll."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    point_phone_at(hass, gxp_phone, gxp, http)
    with patch.object(gxp.runtime_data, "async_request_refresh"):
        gxp_phone.ring(1, ALICE_NUMBER, "")
        await pushes_handled(hass, gxp_phone)

    assert state_of(hass, CALL_STATE).state == "ringing"
    assert state_of(hass, REMOTE_NAME).state == "Alice"
    assert state_of(hass, CALL_EVENT).attributes["name"] == "Alice"


async def test_one_phonebook_for_every_phone(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    dp: MockConfigEntry,
    dp_phone: SimulatedPhone,
) -> None:
    """A contact added from the desk phone's options names a handset's caller."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    result = await options_step(hass, dp, "contact")
    # The DP base's options show the GXP's contact to change.
    result = await options(hass, result, {"name": "Alice"})
    assert suggested_values(result) == {"name": "Alice", "numbers": ["+49 30 1234567"]}

    dp_phone.ring(1, ALICE_NUMBER, "", 1)
    await poll(hass, dp)
    assert state_of(hass, HANDSET_REMOTE_NAME).state == "Alice"


async def test_menu(hass: HomeAssistant, gxp: MockConfigEntry) -> None:
    result = await hass.config_entries.options.async_init(gxp.entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == [
        "settings",
        "contact",
        "import_contacts",
        "blueprints",
        "voice_commands",
    ]
    assert result["description_placeholders"] == {"contacts": "0"}

    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    result = await hass.config_entries.options.async_init(gxp.entry_id)
    assert result["menu_options"] == [
        "settings",
        "contact",
        "remove_contacts",
        "import_contacts",
        "export_contacts",
        "remove_all_contacts",
        "blueprints",
        "voice_commands",
    ]
    assert result["description_placeholders"] == {"contacts": "1"}


async def test_menu_says_the_phonebook_is_shared(hass: HomeAssistant) -> None:
    """Opened from one phone's options, the phonebook's tasks say whose it is."""
    texts = await async_get_translations(hass, "en", "options", [DOMAIN])
    menu = f"component.{DOMAIN}.options.step.init.menu_options"
    for task in ("contact", "remove_contacts", "import_contacts"):
        assert texts[f"{menu}.{task}"].startswith("Shared phonebook: ")
    assert texts[f"{menu}.settings"].startswith("This phone: ")


@pytest.mark.parametrize(("country", "shown"), [("DE", "DE (+49)"), (None, "—")])
async def test_numbers_form_names_the_country(
    hass: HomeAssistant, gxp: MockConfigEntry, country: str | None, shown: str
) -> None:
    """Where numbers are typed, the form says by which country they match."""
    hass.config.country = country
    result = await options_step(hass, gxp, "contact")
    assert result["step_id"] == "contact_numbers"
    assert result["description_placeholders"]["country"] == shown


async def test_change_a_contact(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567", "0171 2345678"])
    result = await options_step(hass, gxp, "contact")
    result = await options(hass, result, {"name": "alice"})
    # The form starts with the contact as it is.
    assert suggested_values(result) == {
        "name": "Alice",
        "numbers": ["+49 30 1234567", "0171 2345678"],
    }

    result = await options(
        hass, result, {"name": "Alice Example", "numbers": ["0171 2345678"]}
    )
    assert result["reason"] == "contact_saved"

    gxp_phone.ring(1, ALICE_NUMBER, "ACME GmbH")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "ACME GmbH"
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    gxp_phone.ring(1, "+491712345678", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Alice Example"


@pytest.mark.parametrize(
    ("user_input", "errors", "number"),
    [
        (
            {"name": "Carol", "numbers": ["030 123", "call me"]},
            {"numbers": "invalid_number"},
            "call me",
        ),
        ({"name": "Carol", "numbers": [" "]}, {"numbers": "no_number"}, ""),
        ({"name": "  ", "numbers": ["201"]}, {"name": "no_name"}, ""),
        ({"name": "ALICE", "numbers": ["201"]}, {"name": "name_taken"}, ""),
        ({"name": "A" * 256, "numbers": ["201"]}, {"name": "name_too_long"}, ""),
    ],
)
async def test_contact_errors(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    user_input: dict[str, Any],
    errors: dict[str, str],
    number: str,
) -> None:
    """A refused contact leaves the phonebook as it was."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    result = await options_step(hass, gxp, "contact")
    result = await options(hass, result, {"name": "Carol"})

    result = await options(hass, result, user_input)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert result["description_placeholders"]["number"] == number
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice"]


async def test_remove_contacts(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    for name, number in (("Alice", "+49 30 1234567"), ("Bob", "201"), ("Carol", "202")):
        await add_contact(hass, gxp, name, [number])
    result = await options_step(hass, gxp, "remove_contacts")

    result = await options(hass, result, {"contacts": ["Alice", "Carol"]})

    assert result["reason"] == "contacts_removed"
    assert result["description_placeholders"] == {"count": "2"}
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Bob"]
    gxp_phone.ring(1, ALICE_NUMBER, "ACME GmbH")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "ACME GmbH"


@pytest.mark.parametrize("step", ["contact", "remove_contacts"])
async def test_forms_start_empty(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp: MockConfigEntry,
    step: str,
) -> None:
    """Nothing is chosen before the user chooses: not the first contact."""
    for name, number in (("Alice", "+49 30 1234567"), ("Bob", "201")):
        await add_contact(hass, gxp, name, [number])

    assert frontend_start(await options_form(hass, hass_client, gxp, step)) == {}


async def test_remove_the_chosen_contact_only(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, gxp: MockConfigEntry
) -> None:
    """The user picks Carol in the form the frontend shows, and submits."""
    for name, number in (("Alice", "+49 30 1234567"), ("Bob", "201"), ("Carol", "202")):
        await add_contact(hass, gxp, name, [number])
    form = await options_form(hass, hass_client, gxp, "remove_contacts")
    shown = frontend_start(form)
    shown["contacts"] = [*shown.get("contacts", []), "Carol"]

    result = await hass.config_entries.options.async_configure(form["flow_id"], shown)

    assert result["description_placeholders"] == {"count": "1"}
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice", "Bob"]


@pytest.mark.parametrize(
    ("step", "user_input", "errors"),
    [
        ("remove_contacts", {}, {"contacts": "no_contacts_chosen"}),
        ("remove_contacts", {"contacts": []}, {"contacts": "no_contacts_chosen"}),
        ("contact", {}, {"name": "no_contact_chosen"}),
        ("contact", {"name": " "}, {"name": "no_contact_chosen"}),
    ],
)
async def test_nothing_chosen(
    hass: HomeAssistant,
    gxp: MockConfigEntry,
    step: str,
    user_input: dict[str, Any],
    errors: dict[str, str],
) -> None:
    """A submit with nothing chosen says so, and changes nothing."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    result = await options_step(hass, gxp, step)

    result = await options(hass, result, user_input)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == step
    assert result["errors"] == errors
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice"]


async def test_import_names_callers(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """Added, updated, skipped by line; the rest of the file is imported."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])

    result = await import_file(hass, hass_client, gxp, CSV.encode())

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "contacts_imported_skipped"
    assert result["description_placeholders"] == {
        "added": "2",
        "updated": "1",
        "unchanged": "0",
        "skipped": "1",
        "skipped_lines": "3",
    }
    gxp_phone.ring(1, "01712345678", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Bob"
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    gxp_phone.ring(1, "0307654321", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Alice"


async def test_spellings_with_trunk_zero_and_extension(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """+49 030 ... names the caller the phone shows as 030 ...; an extension is taken."""
    result = await add_contact(
        hass, gxp, "Mum", ["+49 030 1234567", "+49 30 7654321 ext. 12"]
    )
    assert result["reason"] == "contact_saved"

    gxp_phone.ring(1, "0301234567", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Mum"
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    gxp_phone.ring(1, "030 7654321 x12", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Mum"


async def test_phone_s_xml_with_one_ampersand(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, gxp: MockConfigEntry
) -> None:
    """52 contacts, one of them "Smith & Sons": 51 imported, its line told."""
    rows = [
        f"<Contact><FirstName>{name}</FirstName>"
        f"<Phone><phonenumber>{200 + index}</phonenumber></Phone></Contact>"
        for index, name in enumerate(
            ["Alice", "Smith & Sons", *(f"Friend {n}" for n in range(50))]
        )
    ]
    text = "\n".join(["<AddressBook>", *rows, "</AddressBook>"])

    result = await import_file(hass, hass_client, gxp, text.encode())

    assert result["reason"] == "contacts_imported_skipped"
    assert result["description_placeholders"] == {
        "added": "51",
        "updated": "0",
        "unchanged": "0",
        "skipped": "1",
        "skipped_lines": "3",
    }
    assert len(hass.data[PHONEBOOK].contacts) == 51


async def test_import_with_nothing_skipped(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, gxp: MockConfigEntry
) -> None:
    """The message has no empty part about skipped lines."""
    result = await import_file(hass, hass_client, gxp, b"Name,Number\nBob,201\n")

    assert result["reason"] == "contacts_imported"
    assert result["description_placeholders"] == {
        "added": "1",
        "updated": "0",
        "unchanged": "0",
    }
    texts = await async_get_translations(hass, "en", "options", [DOMAIN])
    assert "skipped" not in texts[f"component.{DOMAIN}.options.abort.contacts_imported"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            b"Name,Phone\n" + b"Somebody,+49 30 1234567\n" * (MAX_FILE_BYTES // 20),
            "too_large",
        ),
        (b"Name,E-mail\nAlice,alice@example.com\n", "invalid_file"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "invalid_file"),
        (
            '<?xml version="1.0" encoding="Shift_JIS"?><AddressBook><Contact>'
            "<FirstName>\u5c71\u7530</FirstName><Phone><phonenumber>201"
            "</phonenumber></Phone></Contact></AddressBook>".encode("shift_jis"),
            "invalid_file",
        ),
        (b"BEGIN:VCARD\nFN:Alice\nEMAIL:alice@example.com\nEND:VCARD\n", "no_contacts"),
    ],
    ids=["huge", "no number column", "picture", "Shift_JIS XML", "no numbers"],
)
async def test_import_refused(
    hass: HomeAssistant,
    *,
    hass_client: ClientSessionGenerator,
    hass_storage: dict[str, Any],
    gxp: MockConfigEntry,
    data: bytes,
    error: str,
) -> None:
    """A file that cannot be imported says why, and changes nothing."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    await saved(hass)
    stored = hass_storage[STORAGE_KEY]

    result = await import_file(hass, hass_client, gxp, data)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice"]
    await saved(hass)
    assert hass_storage[STORAGE_KEY] == stored


async def test_phonebook_full(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, gxp: MockConfigEntry
) -> None:
    """Neither a contact nor an import takes the phonebook over its limit."""
    with patch("custom_components.grandstream_cti.phonebook.contacts.MAX_CONTACTS", 2):
        await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
        result = await import_file(hass, hass_client, gxp, CSV.encode())
        assert result["errors"] == {"base": "phonebook_full"}
        # The error names the limit.
        assert "max_contacts" in result["description_placeholders"]

        await add_contact(hass, gxp, "Bob", ["201"])
        result = await add_contact(hass, gxp, "Carol", ["202"])
        assert result["errors"] == {"base": "phonebook_full"}

    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice", "Bob"]


async def test_import_same_upload_twice(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, gxp: MockConfigEntry
) -> None:
    """An upload is read once: a second try asks for the file again."""
    result = await options_step(hass, gxp, "import_contacts")
    file_id = await upload(hass_client, "empty.vcf", b"BEGIN:VCARD\nEND:VCARD\n")
    result = await options(hass, result, {"file": file_id})
    assert result["errors"] == {"base": "no_contacts"}

    result = await options(hass, result, {"file": file_id})
    assert result["errors"] == {"base": "upload_gone"}


async def test_phonebook_survives_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    await add_contact(hass, gxp, "Bob", ["201"])
    # Saved once, after a delay.
    assert STORAGE_KEY not in hass_storage
    await saved(hass)
    assert names_stored(hass_storage) == ["Alice", "Bob"]

    # As after a restart: nothing in memory, the phone's entry set up again.
    hass.data.pop(PHONEBOOK)
    assert await hass.config_entries.async_reload(gxp.entry_id)
    await hass.async_block_till_done()
    gxp_phone.ring(1, ALICE_NUMBER, "ACME GmbH")
    await poll(hass, gxp)

    assert state_of(hass, REMOTE_NAME).state == "Alice"
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice", "Bob"]


async def test_phonebook_kept_when_the_last_phone_goes(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    gxp_entry: MockConfigEntry,
    gxp: MockConfigEntry,
    dp: MockConfigEntry,
) -> None:
    """ "Delete and re-add the integration" does not cost the contacts."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    await saved(hass)

    await hass.config_entries.async_remove(gxp.entry_id)
    assert names_stored(hass_storage) == ["Alice"]
    await add_contact(hass, dp, "Bob", ["201"])
    await saved(hass)
    await hass.config_entries.async_remove(dp.entry_id)
    assert names_stored(hass_storage) == ["Alice", "Bob"]

    again = MockConfigEntry(
        domain=DOMAIN, title="Again", entry_id="again", data=dict(gxp_entry.data)
    )
    await setup_entry(hass, again)
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice", "Bob"]


async def test_empty_phonebook_goes_with_the_last_phone(
    hass: HomeAssistant, hass_storage: dict[str, Any], gxp: MockConfigEntry
) -> None:
    """Once all contacts are removed, confirmed, nothing is left behind."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    result = await options_step(hass, gxp, "remove_all_contacts")
    result = await options(hass, result, {"confirm": False})
    assert result["errors"] == {"confirm": "confirm_required"}
    assert [c.name for c in hass.data[PHONEBOOK].contacts] == ["Alice"]

    result = await options(hass, result, {"confirm": True})
    assert result["reason"] == "contacts_removed"
    assert result["description_placeholders"] == {"count": "1"}
    await saved(hass)
    assert names_stored(hass_storage) == []

    await hass.config_entries.async_remove(gxp.entry_id)
    assert STORAGE_KEY not in hass_storage
    assert PHONEBOOK not in hass.data


async def test_export_then_import_replacing(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, gxp: MockConfigEntry
) -> None:
    """An export is a backup: importing it to replace the phonebook restores it."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567", "0171 2345678"])
    await add_contact(hass, gxp, "Smith & Sons", ["201"])
    before = hass.data[PHONEBOOK].contacts
    result = await options_step(hass, gxp, "export_contacts")
    assert result["reason"] == "contacts_exported"
    links = result["description_placeholders"]
    assert links["link_end"] == "</a>"
    client = await hass_client()
    files = {}
    for export_format in ("vcard", "csv", "xml"):
        anchor = re.fullmatch(
            r'<a href="([^"]+)" target="_blank">', links[f"{export_format}_link"]
        )
        assert anchor is not None
        response = await client.get(html.unescape(anchor[1]))
        assert response.status == 200
        assert response.headers["Cache-Control"] == "no-store"
        files[export_format] = await response.read()

    for export_format, data in files.items():
        # Changed meanwhile: a number changed, a contact added.
        await add_contact(hass, gxp, "Alice", ["+49 30 7654321"])
        await add_contact(hass, gxp, "Carol", ["202"])
        result = await options_step(hass, gxp, "import_contacts")
        file_id = await upload(hass_client, f"phonebook.{export_format}", data)
        result = await options(hass, result, {"file": file_id, "replace": True})

        assert result["reason"] == "contacts_replaced", export_format
        assert result["description_placeholders"] == {"count": "2", "removed": "1"}
        assert hass.data[PHONEBOOK].contacts == before, export_format


async def test_export_for_admins_only(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_read_only_access_token: str,
    gxp: MockConfigEntry,
) -> None:
    """Names and numbers of people: what only an admin sees in the options."""
    await add_contact(hass, gxp, "Alice", ["+49 30 1234567"])
    client = await hass_client(hass_read_only_access_token)

    response = await client.get("/api/grandstream_cti/phonebook.vcf")

    assert response.status == 401
    assert "Alice" not in await response.text()


async def test_full_width_number(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Digits typed with a Japanese or Chinese input method are digits."""
    result = await add_contact(
        hass,
        gxp,
        "Alice",
        ["\uff10\uff13\uff10 \uff11\uff12\uff13\uff14\uff15\uff16\uff17"],
    )
    assert result["reason"] == "contact_saved"

    gxp_phone.ring(1, ALICE_NUMBER, "ACME GmbH")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == "Alice"


async def test_phonebook_loaded_from_storage(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    gxp_phone: SimulatedPhone,
    gxp_entry: MockConfigEntry,
) -> None:
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"contacts": [{"name": "Alice", "numbers": ["+49 30 1234567"]}]},
    }
    gxp_phone.ring(1, ALICE_NUMBER, "ACME GmbH")
    gxp_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(gxp_entry.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, REMOTE_NAME).state == "Alice"


async def test_every_text_of_the_options_is_translated(hass: HomeAssistant) -> None:
    """Each step, menu option, error and result the flow can show has its words."""
    texts = await async_get_translations(hass, "en", "options", [DOMAIN])
    prefix = f"component.{DOMAIN}.options"
    for key in (
        "step.init.description",
        "step.init.menu_options.settings",
        "step.init.menu_options.contact",
        "step.init.menu_options.remove_contacts",
        "step.init.menu_options.import_contacts",
        "step.settings.data.poll_interval",
        "step.contact.data.name",
        "step.contact_numbers.data.numbers",
        "step.remove_contacts.data.contacts",
        "step.import_contacts.data.file",
        "abort.contact_saved",
        "abort.contacts_removed",
        "abort.contacts_imported",
        "abort.contacts_imported_skipped",
        "abort.contacts_exported",
        "abort.contacts_replaced",
        "abort.contacts_replaced_skipped",
        "step.init.menu_options.export_contacts",
        "step.init.menu_options.remove_all_contacts",
        "step.import_contacts.data.replace",
        "step.remove_all_contacts.data.confirm",
        "error.confirm_required",
        *(
            f"error.{error}"
            for error in (
                "invalid_number",
                "no_number",
                "no_name",
                "name_too_long",
                "name_taken",
                "phonebook_full",
                "too_large",
                "invalid_file",
                "no_contacts",
                "upload_gone",
                "no_contact_chosen",
                "no_contacts_chosen",
            )
        ),
    ):
        assert texts.get(f"{prefix}.{key}"), key


async def test_outside_line_prefix(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """Behind a PBX whose outside line is 0, 0 030 ... is 030 ..., not Greece."""
    await add_contact(hass, gxp, "Mum", ["030 1234567"])
    gxp_phone.ring(1, "00301234567", "")
    await poll(hass, gxp)
    assert state_of(hass, REMOTE_NAME).state == STATE_UNKNOWN

    result = await options_step(hass, gxp, "settings")
    result = await options(
        hass, result, {"poll_interval": 5, "outside_line_prefix": "zero"}
    )
    assert result["errors"] == {"outside_line_prefix": "invalid_outside_line"}
    result = await options(
        hass, result, {"poll_interval": 5, "outside_line_prefix": "0"}
    )
    assert gxp.options == {"poll_interval": 5, "outside_line_prefix": "0"}
    gxp_phone.hangup(1)
    await poll(hass, gxp)
    gxp_phone.ring(1, "00301234567", "")
    await poll(hass, gxp)

    assert state_of(hass, REMOTE_NAME).state == "Mum"
