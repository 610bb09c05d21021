"""What a GXP poll reads when a read of the phone status fails."""

from __future__ import annotations

from unittest.mock import patch

import aiohttp
from freezegun.api import FrozenDateTimeFactory
import pytest

from custom_components.grandstream_cti.cti import (
    Family,
    GrandstreamConnectionError,
)
from custom_components.grandstream_cti.phone_reads import PhoneReads
from simulator import SimulatedPhone
from tests.cti.helpers import make_client


async def test_failed_phone_status_read_is_made_again(
    freezer: FrozenDateTimeFactory, gxp_phone: SimulatedPhone
) -> None:
    """A poll whose phone status read failed leaves it due at the next poll,
    though the lines that poll read are the same."""
    async with aiohttp.ClientSession() as session:
        client = make_client(session, gxp_phone)
        reads = PhoneReads(client, Family.GXP)
        reads.show_phone_status(True)
        data = await reads.poll(None)

        freezer.tick(60)
        gxp_phone.clear_requests()
        with (
            patch.object(
                client,
                "phone_status",
                side_effect=GrandstreamConnectionError(
                    "api-get_phone_status: timed out"
                ),
            ),
            pytest.raises(GrandstreamConnectionError),
        ):
            await reads.poll(data)
        freezer.tick(5)
        data = await reads.poll(data)

    assert [request.function for request in gxp_phone.requests] == [
        "api-get_line_status",
        "api-get_line_status",
        "api-get_phone_status",
        "api-get_accounts",
    ]
    assert data.phone_status is not None
    assert data.phone_status.status == "available"
