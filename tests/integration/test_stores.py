"""What the integration keeps of people: read item by item, written private."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.phonebook.contacts import Contact
from custom_components.grandstream_cti.phonebook_store import (
    STORAGE_KEY as PHONEBOOK_KEY,
    async_get_phonebook,
)
from tests.conftest import setup_entry

from .helpers import state_of

CALL_LOG_KEY = "grandstream_cti.call_log.gxp_entry"


def stored(key: str, data: Any, version: int = 1) -> dict[str, Any]:
    """A storage file as Home Assistant writes it."""
    return {"version": version, "minor_version": 1, "key": key, "data": data}


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The warnings the integration logged."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno == logging.WARNING
        and record.name.startswith("custom_components.grandstream_cti")
    ]


async def test_a_damaged_contact_costs_only_itself(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass_storage[PHONEBOOK_KEY] = stored(
        PHONEBOOK_KEY,
        {
            "contacts": [
                {"name": "Mum", "numbers": ["+49 30 1234567"]},
                {"name": "Cut short"},
                {"name": "Digits", "numbers": "0301234"},
                {"name": 7, "numbers": ["0301234"]},
                {"name": "Bob", "numbers": ["5550202"]},
            ]
        },
    )
    await setup_entry(hass, gxp_entry)

    assert gxp_entry.state is ConfigEntryState.LOADED
    phonebook = await async_get_phonebook(hass)
    assert [contact.name for contact in phonebook.contacts] == ["Mum", "Bob"]
    assert warnings(caplog) == [
        "3 of the 5 stored contacts could not be read and were left out"
    ]


async def test_a_damaged_call_costs_only_itself(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    call = {
        "direction": "incoming",
        "number": "+4930123",
        "name": "Alice",
        "account": 1,
        "local_number": "",
        "account_name": "",
        "started": "2026-11-30T18:00:00+00:00",
        "answered": False,
        "duration": None,
        "missed": True,
    }
    hass_storage[CALL_LOG_KEY] = stored(
        CALL_LOG_KEY,
        {
            "stations": [
                {
                    "handset": None,
                    "missed_count": 2,
                    "missed": [call, {**call, "started": "yesterday"}],
                    "last_call": call,
                },
                {"handset": 3, "missed_count": "many"},
            ]
        },
    )
    await setup_entry(hass, gxp_entry)

    missed = state_of(hass, "sensor.grandstream_gxp_missed_calls")
    assert missed.state == "2"
    assert [c["number"] for c in missed.attributes["calls"]] == ["+4930123"]
    assert warnings(caplog) == [
        f"2 of the kept calls of {gxp_entry.title} could not be read and were left out"
    ]


async def test_a_newer_release_s_phonebook_is_left_alone(
    hass: HomeAssistant,
    gxp_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """After a downgrade: set up without it, never written over nor deleted."""
    newer = stored(PHONEBOOK_KEY, {"people": []}, version=2)
    hass_storage[PHONEBOOK_KEY] = newer
    await setup_entry(hass, gxp_entry)
    assert gxp_entry.state is ConfigEntryState.LOADED
    assert "written by a newer version" in caplog.text

    phonebook = await async_get_phonebook(hass)
    phonebook.set_contact(Contact(name="Mum", numbers=("+49301234567",)))
    await hass.async_block_till_done()
    # Emptied, the phonebook goes with the last phone: not this file.
    phonebook.replace_all(())
    await hass.config_entries.async_remove(gxp_entry.entry_id)
    await hass.async_block_till_done()

    assert hass_storage[PHONEBOOK_KEY] == newer


async def test_a_later_minor_version_is_read(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """A later minor version only adds to what this one reads."""
    hass_storage[PHONEBOOK_KEY] = {
        **stored(
            PHONEBOOK_KEY,
            {"contacts": [{"name": "Mum", "numbers": ["+4930123"], "photo": "…"}]},
        ),
        "minor_version": 2,
    }
    await setup_entry(hass, gxp_entry)

    phonebook = await async_get_phonebook(hass)
    assert [contact.name for contact in phonebook.contacts] == ["Mum"]


async def test_written_private(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, tmp_path: Path
) -> None:
    """Names, numbers and calls: readable by Home Assistant's user alone."""
    hass.config.config_dir = str(tmp_path)
    await setup_entry(hass, gxp_entry)
    phonebook = await async_get_phonebook(hass)
    for store in (gxp_entry.runtime_data.call_log._store, phonebook._store):
        # The write of Home Assistant's storage (hass_storage stands in for
        # the layer above it in tests).
        await hass.async_add_executor_job(
            store._write_data, stored(store.key, {"contacts": []})
        )
        written = await hass.async_add_executor_job(Path(store.path).stat)
        assert written.st_mode & 0o777 == 0o600, store.key
