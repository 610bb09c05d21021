"""The texts: what the frontend's message formatter can show."""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

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
