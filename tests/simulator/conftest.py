"""Fixtures for the simulator's own tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio

from simulator import SimulatedPhone
from simulator.testing import CtiProbe, PushReceiver


@pytest.fixture(autouse=True)
def _allow_loopback_sockets(socket_enabled: None) -> None:
    """The simulator listens on 127.0.0.1; pytest-socket must let it."""


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


@pytest_asyncio.fixture
async def gxp() -> AsyncIterator[SimulatedPhone]:
    async with SimulatedPhone("gxp") as phone:
        yield phone


@pytest_asyncio.fixture
async def dp() -> AsyncIterator[SimulatedPhone]:
    async with SimulatedPhone("dp") as phone:
        yield phone


@pytest.fixture
def cti(session: aiohttp.ClientSession) -> CtiProbe:
    return CtiProbe(session)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[PushReceiver]:
    async with PushReceiver() as rec:
        yield rec
