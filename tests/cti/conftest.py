"""Fixtures of the CTI client tests: a real aiohttp session and clients for the phones."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from custom_components.grandstream_cti.cti import GrandstreamClient
from simulator import SimulatedPhone
from tests.cti.helpers import FAST, make_client


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """A real aiohttp session, as Home Assistant would lend the client."""
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def gxp(session: aiohttp.ClientSession, gxp_phone: SimulatedPhone) -> GrandstreamClient:
    """A client for the simulated GXP phone."""
    return make_client(session, gxp_phone, timeout=5)


@pytest.fixture
def dp(session: aiohttp.ClientSession, dp_phone: SimulatedPhone) -> GrandstreamClient:
    """A client for the simulated DP750 base (handsets 1 and 2 paired)."""
    return make_client(session, dp_phone, timeout=5)


@pytest.fixture
def gxp_fast(
    session: aiohttp.ClientSession, gxp_phone: SimulatedPhone
) -> GrandstreamClient:
    """A client for the GXP phone that gives up after FAST seconds."""
    return make_client(session, gxp_phone, timeout=FAST)


@pytest.fixture
def dp_fast(
    session: aiohttp.ClientSession, dp_phone: SimulatedPhone
) -> GrandstreamClient:
    """A client for the DP base that gives up after FAST seconds."""
    return make_client(session, dp_phone, timeout=FAST)
