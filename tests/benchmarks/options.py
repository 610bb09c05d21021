"""The benchmarks' settings: environment variables, which scripts/bench_* set.

Read when a benchmark module is imported, so that a bad value stops the run
before any phone starts, as a collection error that names the variable.
"""

from __future__ import annotations

import math
import os


def _setting[T: (int, float)](name: str, default: T, low: T, high: T | None) -> T:
    raw = os.environ.get(name, "")
    kind = type(default)
    try:
        value = kind(raw) if raw else default
    except ValueError:
        value = None
    if (
        value is None
        or not math.isfinite(value)
        or value < low
        or (high is not None and value > high)
    ):
        bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
        msg = f"{name}={raw!r}: want {kind.__name__} {bounds}"
        raise ValueError(msg)
    return value


def count(name: str, default: int, low: int = 1) -> int:
    """A whole number, at least low."""
    return _setting(name, default, low, None)


def seconds(name: str, default: float) -> float:
    """A positive duration."""
    return _setting(name, default, 0.001, None)


def share(name: str, default: float) -> float:
    """A fraction from 0 to 1."""
    return _setting(name, default, 0.0, 1.0)


def split_families(phones: int, gxp_share: float) -> dict[str, int]:
    """How many of the phones are GXP and how many DP750; a half goes to the GXP."""
    gxp = min(phones, round(phones * gxp_share + 1e-9))
    return {"gxp": gxp, "dp": phones - gxp}
