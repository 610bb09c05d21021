"""probe_cti: a phone proves itself without a passcode; nothing else does."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.grandstream_cti.cti import Family, probe_cti
from simulator import SimulatedPhone


@pytest.mark.parametrize(
    ("family", "asked"),
    [
        ("gxp", ["api-get_phone_status"]),
        ("dp", ["api-get_phone_status", "api-get_hs_status"]),
    ],
)
async def test_phone_answers_without_passcode(
    session: aiohttp.ClientSession, family: str, asked: list[str]
) -> None:
    """Each family answers its status read with a refusal: proof enough."""
    async with SimulatedPhone(family, max_auth_failures=1) as phone:
        assert await probe_cti(session, phone.host) is Family(family)

        assert [request.function for request in phone.requests] == asked
        assert all(request.params.keys() <= {"hs"} for request in phone.requests)
        assert phone.guard.total_failures == 0
        assert not phone.locked


@pytest.mark.parametrize(
    ("auth_failure", "family"),
    [
        ("json_error", Family.GXP),
        # Any password-protected web server answers so: no proof.
        ("401", None),
        ("403", None),
        ("html", None),
    ],
)
async def test_what_counts_as_proof(
    session: aiohttp.ClientSession, auth_failure: str, family: Family | None
) -> None:
    """Only a CTI answer proves a phone, whatever its response says."""
    async with SimulatedPhone("gxp", auth_failure=auth_failure) as phone:
        assert await probe_cti(session, phone.host) is family


async def test_silent_phone_is_asked_once(session: aiohttp.ClientSession) -> None:
    """No answer at all: the DP read is not worth a second wait."""
    async with SimulatedPhone("gxp") as phone:
        await phone.set_fault("timeout")
        assert await probe_cti(session, phone.host, request_timeout=0.3) is None
        assert len(phone.requests) == 1
