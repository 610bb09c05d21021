"""The texts: what the frontend's message formatter can show."""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

import pytest

import custom_components.grandstream_cti

INTEGRATION = Path(custom_components.grandstream_cti.__file__).parent
# What the frontend's formatter (an ICU message formatter) reads as a tag: it
# refuses the whole text with "Translation error: INVALID_TAG".
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def texts(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Each text of a translation file, by its dotted key."""
    if isinstance(node, str):
        yield key, node
        return
    for name, child in node.items():
        yield from texts(child, f"{key}.{name}" if key else name)


def test_english_is_strings_json() -> None:
    """Home Assistant shows translations/en.json; strings.json is its source."""
    strings = (INTEGRATION / "strings.json").read_text(encoding="utf-8")
    english = (INTEGRATION / "translations" / "en.json").read_text(encoding="utf-8")
    assert json.loads(english) == json.loads(strings)


def test_no_text_holds_a_tag() -> None:
    """A link is Markdown, or its tags come in as placeholder values."""
    strings = json.loads((INTEGRATION / "strings.json").read_text(encoding="utf-8"))
    tagged = {key: _TAG.findall(text) for key, text in texts(strings)}
    assert {key: tags for key, tags in tagged.items() if tags} == {}


# The languages the integration speaks besides English (issue 28).
LANGUAGES = ("de", "nl", "fr", "es", "it", "pt-BR", "pl", "cs")
_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
# Texts that are the same in every language: product and protocol words,
# units, and texts made only of placeholders and code.
_SAME_IN_EVERY_LANGUAGE = re.compile(
    r"(?:[\s{}_a-z0-9:./`()+-]|CTI|Grandstream|GXP|GRP|DP|WP|DECT|SIP|URL|"
    r"Action|MAC|IP|HTTPS?|ID|LINE\d*|vCard|CSV|XML|OK|Wi-Fi)*"
)


def _translation(language: str) -> dict[str, str]:
    path = INTEGRATION / "translations" / f"{language}.json"
    return dict(texts(json.loads(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_translated(language: str) -> None:
    """Every key of strings.json, its placeholders kept, none left in English."""
    english = dict(
        texts(json.loads((INTEGRATION / "strings.json").read_text(encoding="utf-8")))
    )
    translated = _translation(language)

    assert sorted(translated) == sorted(english)
    assert {
        key: text
        for key, text in translated.items()
        if sorted(_PLACEHOLDER.findall(text))
        != sorted(_PLACEHOLDER.findall(english[key]))
    } == {}
    assert {
        key: text
        for key, text in translated.items()
        if text == english[key] and not _SAME_IN_EVERY_LANGUAGE.fullmatch(text)
    } == {}
    assert {
        key: _TAG.findall(text) for key, text in translated.items() if _TAG.search(text)
    } == {}
