"""Voice commands in every language the integration speaks, end to end.

Each language's sentence file (custom_sentences/<lang>/) must give each
example sentence of the README's voice table, translated (voice_examples.py),
to its intent with its slots; spoken to Home Assistant's conversation agent
with that file installed, the sentence must act on the simulated phones as the
English one does, and Assist must answer in that language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache
import re
import string

from freezegun.api import FrozenDateTimeFactory
from hassil import Intents, recognize_best
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

from custom_components.grandstream_cti.intents.languages import (
    LANGUAGES as LANGUAGES_SPOKEN,
)
from custom_components.grandstream_cti.intents.languages.en import EN
from custom_components.grandstream_cti.intents.reply import Reply
from custom_components.grandstream_cti.phonebook.contacts import Contact
from custom_components.grandstream_cti.phonebook_store import async_get_phonebook
from simulator import SimulatedPhone
from tests.conftest import poll

from .voice import (
    HOUSEHOLDS,
    SENTENCES,
    Command,
    commands,
    dp_operation,
    dp_phone_entry,
    gxp_operation,
    miss_call,
    prepare,
    satellite_in,
    say,
    speech,
)
from .voice_examples import SPEAKERS

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

LANGUAGES = list(SPEAKERS)


@dataclass(frozen=True, slots=True)
class Scene:
    """One example of the voice table: the phones before, and what they are told."""

    intent: str
    gxp_steps: str = ""  # prepare(): ring, answer, hold
    dp_steps: str = ""  # on handset 1
    gxp_told: tuple[Command, ...] = ()
    dp_told: tuple[Command, ...] = ()


def make_call(number: str, hs: int | None = None) -> Command:
    """The phone (or the handset hs) dials number."""
    if hs is None:
        return ("api-make_call", {"phonenumber": number})
    return ("api-make_call", {"hs": str(hs), "phonenumber": number})


def dnd(cmd: str, hs: int) -> Command:
    """DND set or unset on a handset."""
    return ("api-device_operation", {"hs": str(hs), "cmd": cmd})


# In the order spoken; all from a voice satellite in the kitchen (handset 1).
SCENES = {
    "call_kitchen": Scene("GrandstreamMakeCall", dp_told=(make_call("5551234", 1),)),
    "dial_handset_2": Scene("GrandstreamMakeCall", dp_told=(make_call("+4930123", 2),)),
    "desk_calls": Scene("GrandstreamMakeCall", gxp_told=(make_call("100"),)),
    "answer": Scene(
        "GrandstreamAnswer", "ring", gxp_told=(gxp_operation("acceptcall"),)
    ),
    "answer_desk": Scene(
        "GrandstreamAnswer", "ring", "ring", gxp_told=(gxp_operation("acceptcall"),)
    ),
    "reject": Scene(
        "GrandstreamReject", "ring", gxp_told=(gxp_operation("rejectcall"),)
    ),
    "reject_kitchen": Scene(
        "GrandstreamReject", "ring", "ring", dp_told=(dp_operation("rejectcall"),)
    ),
    "hang_up": Scene(
        "GrandstreamHangUp", "ring answer", gxp_told=(gxp_operation("endcall"),)
    ),
    "hang_up_desk": Scene(
        "GrandstreamHangUp",
        "ring answer",
        "ring answer",
        gxp_told=(gxp_operation("endcall"),),
    ),
    "hold": Scene(
        "GrandstreamHold", "ring answer", gxp_told=(gxp_operation("holdcall"),)
    ),
    "resume": Scene(
        "GrandstreamResume",
        "ring answer hold",
        gxp_told=(gxp_operation("unholdcall"),),
    ),
    "off_hold": Scene(
        "GrandstreamResume",
        "ring answer hold",
        gxp_told=(gxp_operation("unholdcall"),),
    ),
    "dnd_on_handset_1": Scene("GrandstreamDndOn", dp_told=(dnd("setdnd", 1),)),
    "dnd_off": Scene("GrandstreamDndOff", dp_told=(dnd("unsetdnd", 1),)),
    "who": Scene("GrandstreamWhoIsCalling", dp_steps="ring"),
    "who_kitchen": Scene("GrandstreamWhoIsCalling", "ring", "ring"),
    "call_mum": Scene("GrandstreamMakeCall", dp_told=(make_call("+49301234567", 1),)),
    "call_mum_desk": Scene(
        "GrandstreamMakeCall", gxp_told=(make_call("+49301234567"),)
    ),
    # The missed calls: the scenes above left some; these clear them first.
    "clear": Scene("GrandstreamClearMissedCalls"),
    "desk_missed": Scene("GrandstreamMissedCalls"),
    # Here the desk phone misses Bob, yesterday at 09:00, and Alice at 10:30.
    "missed": Scene("GrandstreamMissedCalls"),
    "who_called": Scene("GrandstreamMissedCalls"),
    "kitchen_missed": Scene("GrandstreamMissedCalls"),
    "clear_desk": Scene("GrandstreamClearMissedCalls"),
}


def test_every_language_says_every_scene() -> None:
    """Every language the replies speak has a sentence file, and says every scene."""
    assert set(SPEAKERS) == set(LANGUAGES_SPOKEN) - {"en"}
    assert {path.parent.name for path in SENTENCES.glob("*/grandstream_cti.yaml")} == (
        set(LANGUAGES_SPOKEN)
    )
    assert all(set(speaker.says) == set(SCENES) for speaker in SPEAKERS.values())


@cache
def sentence_file(language: str) -> Intents:
    """The language's sentence file, as hassil reads it."""
    path = SENTENCES / language / "grandstream_cti.yaml"
    return Intents.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("scene", SCENES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_sentence_matches_its_intent_and_slots(language: str, scene: str) -> None:
    """hassil gives the sentence to the scene's intent, with the slots said."""
    text, slots = SPEAKERS[language].says[scene]

    result = recognize_best(text, sentence_file(language), language=language)

    assert result is not None, text
    assert result.intent.name == SCENES[scene].intent
    assert {
        name: str(entity.value).strip() for name, entity in result.entities.items()
    } == slots


# Every English reply, its values left open: an answer one of them matches is
# still English.
ENGLISH = [
    re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(text)))
    for text in EN.replies.values()
    if text.endswith((".", "?"))
]


def english(answer: str) -> bool:
    """Whether the answer is English."""
    return any(reply.search(answer) for reply in ENGLISH)


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize("language", LANGUAGES)
async def test_scenes_act_and_answer_in_the_language(
    hass: HomeAssistant,
    *,
    language: str,
    freezer: FrozenDateTimeFactory,
    gxp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
) -> None:
    """Each scene, spoken in the language: the phones act, Assist answers in it."""
    speaker = SPEAKERS[language]
    phonebook = await async_get_phonebook(hass)
    phonebook.set_contact(Contact(name=speaker.mum, numbers=("+49 30 1234567",)))
    kitchen = satellite_in(hass, HOUSEHOLDS[language].kitchen)
    heard: dict[str, str] = {}

    async def reset() -> None:
        """Every line idle, as Home Assistant sees it, and nothing told yet."""
        gxp_phone.clear_calls()
        dp_phone.clear_calls()
        await poll(hass, gxp)
        await poll(hass, dp_phone_entry(hass))
        gxp_phone.clear_requests()
        dp_phone.clear_requests()

    for name, scene in SCENES.items():
        if name == "missed":
            await missed_bob_and_alice(hass, freezer, gxp_phone)
        await reset()
        prepare(gxp_phone, scene.gxp_steps, None)
        prepare(dp_phone, scene.dp_steps, 1)
        text, _ = speaker.says[name]

        response = await say(hass, text, kitchen, language)

        heard[name] = answer = speech(response)
        assert response.response_type is not intent.IntentResponseType.ERROR, (
            name,
            answer,
        )
        assert not english(answer), (name, answer)
        assert (tuple(commands(gxp_phone)), tuple(commands(dp_phone))) == (
            scene.gxp_told,
            scene.dp_told,
        ), name
    assert {scene: heard[scene] for scene in speaker.hears} == speaker.hears
    # A refusal too is said in the language.
    await reset()
    refused = await say(hass, speaker.says["answer"][0], kitchen, language)
    assert refused.error_code is intent.IntentResponseErrorCode.NO_VALID_TARGETS
    assert speech(refused) == LANGUAGES_SPOKEN[language].replies[Reply.NOTHING_RINGING]


async def missed_bob_and_alice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, gxp_phone: SimulatedPhone
) -> None:
    """The desk phone misses Bob at 09:00 one day, and Alice at 10:30 the next."""
    nine = dt_util.now().replace(hour=9, minute=0, second=0, microsecond=0)
    freezer.move_to(nine + timedelta(days=1))
    await miss_call(hass, gxp_phone, "5551234", "Bob")
    freezer.move_to(nine + timedelta(days=2, hours=1, minutes=30))
    await miss_call(hass, gxp_phone, "+4930123", "Alice")


@pytest.mark.usefixtures("nine_o_clock", "phones")
@pytest.mark.parametrize(
    ("spoken", "answer"),
    [
        ("de-CH", "Keine verpassten Anrufe."),
        ("pt", "Nenhuma chamada perdida."),
        ("pt-BR", "Nenhuma chamada perdida."),
        ("sv", "No missed calls."),
    ],
)
async def test_reply_language_of_a_variant_or_another_language(
    hass: HomeAssistant, spoken: str, answer: str
) -> None:
    """A regional variant is answered in its language; a language we lack, in English."""
    response = await intent.async_handle(
        hass, "test", "GrandstreamMissedCalls", language=spoken
    )

    assert speech(response) == answer


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize("language", ["pl"])
async def test_contact_in_another_case_is_not_a_guess(
    hass: HomeAssistant, language: str, gxp_phone: SimulatedPhone
) -> None:
    """Polish 'do Marty' is Marta; 'do Marka' is not Marta: nothing is dialled."""
    phonebook = await async_get_phonebook(hass)
    phonebook.set_contact(Contact(name="Marta", numbers=("201",)))
    desk = HOUSEHOLDS[language].desk.lower()

    marta = await say(hass, f"zadzwoń do marty z {desk}", language=language)
    marek = await say(hass, f"zadzwoń do marka z {desk}", language=language)

    assert speech(marta) == "Dzwonię pod numer 201 z urządzenia Telefon biurowy."
    assert speech(marek).startswith("Nie mogę wybrać numeru marka")
    assert commands(gxp_phone) == [make_call("201")]


@pytest.mark.usefixtures("phones")
@pytest.mark.parametrize("language", ["de"])
async def test_an_actions_error_is_spoken_in_the_language(
    hass: HomeAssistant, language: str, gxp_phone: SimulatedPhone
) -> None:
    """The switch refuses (the GXP's DND state is unknown): its error, in German."""
    response = await say(
        hass, "Schalte Nicht stören am Schreibtischtelefon ein", language=language
    )

    assert speech(response).startswith(
        "Das Telefon hat Home Assistant nicht mitgeteilt, ob „Nicht stören“ "
        "eingeschaltet ist."
    )
    assert response.error_code is intent.IntentResponseErrorCode.FAILED_TO_HANDLE
    assert commands(gxp_phone) == []


def placeholders(text: str) -> set[str]:
    """The values a reply's text takes."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", [code for code in LANGUAGES_SPOKEN if code != "en"])
def test_every_reply_in_every_language(code: str) -> None:
    """Each language has a text for every reply, taking the values English takes."""
    replies = LANGUAGES_SPOKEN[code].replies

    assert set(replies) == set(Reply)
    assert {reply: placeholders(text) for reply, text in replies.items()} == {
        reply: placeholders(text) for reply, text in EN.replies.items()
    }
