"""Helpers of the voice command tests: speak to Assist, see what the phones were told.

Their fixtures (Assist with a language's sentence file, the phones named and
placed) are in tests/integration/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import area_registry as ar, device_registry as dr, intent
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone

from ..conftest import poll

SENTENCES = Path(__file__).parents[2] / "custom_components" / "grandstream_cti"
SENTENCES /= "custom_sentences"

type Command = tuple[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Household:
    """How a user of a language named the phones and their areas.

    The GXP, named desk by the user, in the office; a DP base in the hall with
    handset 1 in the kitchen and handset 2 with no area of its own (so in the
    hall, where its base is).
    """

    desk: str
    office: str
    hall: str
    kitchen: str


HOUSEHOLDS = {
    "en": Household("Desk phone", "Office", "Hall", "Kitchen"),
    "de": Household("Schreibtischtelefon", "Büro", "Flur", "Küche"),
    "nl": Household("Bureautelefoon", "Kantoor", "Gang", "Keuken"),
    "fr": Household("Téléphone du bureau", "Bureau", "Entrée", "Cuisine"),
    "es": Household("Teléfono del escritorio", "Despacho", "Pasillo", "Cocina"),
    "it": Household("Telefono della scrivania", "Ufficio", "Ingresso", "Cucina"),
    "pt-BR": Household("Telefone da mesa", "Escritório", "Corredor", "Cozinha"),
    "pl": Household("Telefon biurowy", "Biuro", "Korytarz", "Kuchnia"),
    "cs": Household("Stolní telefon", "Pracovna", "Chodba", "Kuchyně"),
}


async def say(
    hass: HomeAssistant,
    text: str,
    device_id: str | None = None,
    language: str = "en",
) -> intent.IntentResponse:
    """Speak text to Assist, as a voice satellite would."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language=language, device_id=device_id
    )
    await hass.async_block_till_done()
    return result.response


def speech(response: intent.IntentResponse | dict[str, Any]) -> str:
    """What Home Assistant says back."""
    said = (
        response.speech
        if isinstance(response, intent.IntentResponse)
        else response["speech"]
    )
    text: str = said["plain"]["speech"]
    return text


def commands(phone: SimulatedPhone) -> list[Command]:
    """What the phone was told to do (status reads left out), passcode left out."""
    return [
        (
            request.function or "",
            {key: value for key, value in request.params.items() if key != "passcode"},
        )
        for request in phone.requests
        if not (request.function or "").startswith("api-get_")
    ]


def gxp_operation(cmd: str) -> Command:
    """A GXP call operation; resume presses the key of the held line 1.

    The guide's api-phone_operation has no unholdcall.
    """
    if cmd == "unholdcall":
        return ("api-send_key", {"keys": "LINE1"})
    return ("api-phone_operation", {"cmd": cmd})


def dp_operation(cmd: str, hs: int = 1, line: int = 1) -> Command:
    """A call operation on a DP handset's line."""
    return ("api-device_operation", {"hs": str(hs), "line": str(line), "cmd": cmd})


def prepare(phone: SimulatedPhone, steps: str, hs: int | None) -> None:
    """Bring line 1 of the phone or handset to a state: ring, answer, hold."""
    actions: dict[str, Callable[[], object]] = {
        "ring": lambda: phone.ring(1, "+4930123", "Alice", hs),
        "answer": lambda: phone.answer(1, hs),
        "hold": lambda: phone.hold(1, hs),
    }
    for step in steps.split():
        actions[step]()


def dp_phone_entry(hass: HomeAssistant) -> MockConfigEntry:
    """The config entry of the DP base."""
    entry = hass.config_entries.async_get_entry("dp_entry")
    assert isinstance(entry, MockConfigEntry)
    return entry


def satellite_in(hass: HomeAssistant, area: str) -> str:
    """A voice satellite device in the area."""
    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    found = ar.async_get(hass).async_get_area_by_name(area)
    assert found is not None
    satellite = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={("test", "satellite")}
    )
    dr.async_get(hass).async_update_device(satellite.id, area_id=found.id)
    return satellite.id


async def miss_call(
    hass: HomeAssistant,
    phone: SimulatedPhone,
    number: str,
    name: str,
    hs: int | None = None,
) -> None:
    """A call rings the phone or handset and ends unanswered; polls see both."""
    entry = (
        dp_phone_entry(hass) if hs else hass.config_entries.async_get_entry("gxp_entry")
    )
    assert isinstance(entry, MockConfigEntry)
    phone.ring(1, number, name, hs)
    await poll(hass, entry)
    phone.hangup(1, hs)
    await poll(hass, entry)
