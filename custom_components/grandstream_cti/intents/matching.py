"""Which phones a voice command means: spoken names to devices and areas."""

from __future__ import annotations

from collections.abc import Callable, Sequence
import re
from typing import Any

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.const import ATTR_FRIENDLY_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import area_registry as ar, entity_registry as er

from ..targets import Target, all_targets
from .speech import spoken_language

# Filled by Assist (and the LLM API) with the area of the voice satellite.
SLOT_PREFERRED_AREA = "preferred_area_id"

_WORD = re.compile(r"[\w+*#]+")


@callback
def phones(hass: HomeAssistant, assistant: str | None) -> list[Target]:
    """Every GXP phone and paired DP handset of the loaded phones the assistant sees.

    A DP base has no lines of its own: only its handsets are phones. Asked by
    an assistant (Assist, an LLM agent), only the phones with an entity
    exposed to it: a phone the user did not expose is neither told of nor
    acted on. Asked by no assistant (an intent an automation handles), every
    phone, as Home Assistant's own intents do.
    """
    targets = [target for target in all_targets(hass) if target.station is not None]
    if assistant is None:
        return targets
    registry = er.async_get(hass)
    return [
        target
        for target in targets
        if any(
            async_should_expose(hass, assistant, entity.entity_id)
            for entity in er.async_entries_for_device(registry, target.device.id)
        )
    ]


def normalise(text: str) -> str:
    """A name as said, to compare: lower case words, without 'the' or 'my'.

    ('the' and 'my' in the language of the conversation.)
    """
    words = _WORD.findall(text.lower())
    if words[:1] and words[0] in spoken_language().articles:
        words = words[1:]
    return " ".join(words)


def _spoken_forms(text: str) -> set[str]:
    """The phone as said; without a trailing 'phone' or 'handset'; and where it is.

    "the phone in the kitchen" is also said "kitchen".
    """
    said = normalise(text)
    forms = {said}
    spoken = spoken_language()
    for word in spoken.phone_words:
        if said.endswith(f" {word}"):
            forms.add(said.removesuffix(f" {word}"))
    words = said.split()
    if len(words) > 2 and words[0] in spoken.phone_words and words[1] in spoken.places:
        where = words[1:]
        while where and where[0] in spoken.places:
            where = where[1:]
        forms.add(" ".join(where))
    return forms


def _labels(hass: HomeAssistant, target: Target) -> set[str]:
    """Names a phone answers to: device, entity and area names and aliases."""
    names: list[object] = [target.device.name_by_user, target.device.name]
    if target.base is not None:
        # A DP base's name stands for its handsets.
        names += [target.base.name_by_user, target.base.name]
    entries = er.async_entries_for_device(er.async_get(hass), target.device.id)
    states = [hass.states.get(entry.entity_id) for entry in entries]
    names += [alias for entry in entries for alias in entry.aliases]
    names += [state.attributes.get(ATTR_FRIENDLY_NAME) for state in states if state]
    if target.area_id and (area := ar.async_get(hass).async_get_area(target.area_id)):
        names += [area.name, *area.aliases]
    return {normalise(name) for name in names if isinstance(name, str) and name}


def match_phone(
    hass: HomeAssistant, targets: Sequence[Target], said: str
) -> list[Target]:
    """The phones said names: exact names first, then names that contain it."""
    forms = _spoken_forms(said) - {""}
    labelled = [(target, _labels(hass, target)) for target in targets]
    exact = [target for target, labels in labelled if labels & forms]
    if exact:
        return exact
    same = _same_inflected if spoken_language().inflected else str.__eq__
    return [
        target
        for target, labels in labelled
        if any(
            _contains(label.split(), form.split(), same)
            for form in forms
            for label in labels
        )
    ]


def _contains(
    label: list[str], form: list[str], same: Callable[[str, str], bool]
) -> bool:
    """Whether the label has the form's words, in a row."""
    return any(
        all(map(same, label[start : start + len(form)], form, strict=True))
        for start in range(len(label) - len(form) + 1)
    )


def _same_inflected(label: str, said: str) -> bool:
    """The same word, in whatever case: 'kuchni' is 'kuchnia'; numbers exactly.

    Words of four letters or more that differ only in their endings: the last
    letter of a word of up to five, two of up to seven, three of a longer one
    ('biurowego' is 'biurowy'; 'marka' is not 'marta').
    """
    if label == said:
        return True
    if not (label.isalpha() and said.isalpha()) or min(len(label), len(said)) < 4:
        return False
    longer = max(len(label), len(said))
    stem = longer - (1 if longer <= 5 else 2 if longer <= 7 else 3)
    return label[:stem] == said[:stem]


def same_name(name: str, said: str) -> bool:
    """Whether said is the name, in whatever case the language puts it.

    ("mamy", "mámě": Mama, Máma, in a language whose names change endings.)
    """
    words, spoken = normalise(name).split(), normalise(said).split()
    same = _same_inflected if spoken_language().inflected else str.__eq__
    return len(words) == len(spoken) and all(map(same, words, spoken, strict=True))


def prefer_area(slots: dict[str, Any], targets: list[Target]) -> list[Target]:
    """Of several phones, the one in the area the command came from."""
    if len(targets) > 1 and SLOT_PREFERRED_AREA in slots:
        area_id = slots[SLOT_PREFERRED_AREA]["value"]
        here = [target for target in targets if target.area_id == area_id]
        if len(here) == 1:
            return here
    return targets
