"""The CTI guide's example answers (tests/fixtures/guide/), byte for byte as printed."""

from __future__ import annotations

from pathlib import Path

_GUIDE = Path(__file__).parent / "fixtures" / "guide"


def guide_answer(name: str) -> bytes:
    """The example answer name.json; its spacing is the guide's, so parsers see it."""
    return (_GUIDE / f"{name}.json").read_bytes()
