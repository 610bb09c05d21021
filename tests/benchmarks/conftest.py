"""Benchmarks measure Home Assistant as it runs for users, not under test tooling."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
import logging

import pytest


@pytest.fixture(autouse=True)
def enable_event_loop_debug(event_loop: asyncio.AbstractEventLoop) -> None:
    """Keep asyncio's debug mode off: it slows every callback down severalfold."""
    event_loop.set_debug(False)


@pytest.fixture(autouse=True)
def quiet_logs() -> Generator[None]:
    """Log as a production system does (warnings), not every HTTP request."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)
    yield
    root.setLevel(level)
