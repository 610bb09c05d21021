"""Benchmarks measure Home Assistant as it runs for users, not under test tooling."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
import logging
import os

import pytest

# Benchmarks run through their scripts (scripts/bench_*), which set
# GRANDSTREAM_BENCH; the test suite does not even import them, as they need
# what only those scripts install (the rest integration's requirements).
collect_ignore_glob = [] if os.environ.get("GRANDSTREAM_BENCH") else ["test_*.py"]


@pytest.fixture(autouse=True)
async def enable_event_loop_debug() -> None:
    """Keep asyncio's debug mode off: it slows every callback down severalfold."""
    asyncio.get_running_loop().set_debug(False)


@pytest.fixture(autouse=True)
def quiet_logs() -> Generator[None]:
    """Log as a production system does (warnings), not every HTTP request.

    Not by levels: the passcode fixture of tests/conftest.py sets the
    integration's logger to debug, and a logger's own level wins over the
    root's. Disabled, no debug or info record is even made, as in Home
    Assistant at its default level.
    """
    logging.disable(logging.INFO)
    yield
    logging.disable(logging.NOTSET)
