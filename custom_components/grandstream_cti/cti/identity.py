"""A phone's model as its web server names it without a login, and its family.

GET /json/configs/model.define.js answers `{"model": "WP826", ...,
"defines": {"num_accounts": 3, ...}}` (captured on a WP826; Grandstream's own
GRP code reads the same file). It costs no login attempt, unlike any CTI
request, whose passcode counts towards the lock-out after five failures. A
phone that does not serve it (no source says a GXP or a DP base does) is told
by its CTI answers instead.
"""

from __future__ import annotations

from collections.abc import Mapping
import re
from typing import Any, Final

from .exceptions import GrandstreamResponseError
from .models import Family, ModelDefinition

MODEL_DEFINE_PATH: Final = "/json/configs/model.define.js"

# Which CTI family each model line speaks, by the start of its name. The
# WP8xx Wi-Fi phones are reached through their web session, which this client
# does not speak: their models name no family here yet, and fall back to the
# CTI answers (which they do not give).
_MODEL_FAMILIES: Final[tuple[tuple[str, Family], ...]] = (
    ("GXP", Family.GXP),
    ("GRP", Family.GRP),
    # Inferred (lineup.md): the DP752 answers as the DP750, a "DP75X" of the
    # 2023 CTI guide.
    ("DP75", Family.DP),
)
# A model name as Grandstream writes them (GRP2614, DP752, WP826): anything
# else is not a phone's model file, and is not shown on a device page.
_MODEL_NAME = re.compile(r"[A-Z]{2,4}[0-9]{3,4}[A-Z0-9-]{0,8}")


def parse_model_definition(answer: Any) -> ModelDefinition:
    """Read model.define.js, decoded; refuse what does not name a model."""
    if not isinstance(answer, Mapping):
        raise GrandstreamResponseError("the model file is not a JSON object")
    model = answer.get("model")
    if not isinstance(model, str) or not _MODEL_NAME.fullmatch(model.strip()):
        raise GrandstreamResponseError("the model file names no model")
    defines = answer.get("defines")
    accounts = defines.get("num_accounts") if isinstance(defines, Mapping) else None
    if isinstance(accounts, bool) or not isinstance(accounts, int) or accounts < 1:
        accounts = None
    return ModelDefinition(model=model.strip(), accounts=accounts)


def family_of_model(model: str) -> Family | None:
    """The CTI family a model speaks; None for a model of no family we know."""
    name = model.upper()
    return next(
        (family for prefix, family in _MODEL_FAMILIES if name.startswith(prefix)),
        None,
    )
