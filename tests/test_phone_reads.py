"""What a GXP poll reads when a read of the phone status fails."""

from __future__ import annotations

from typing import cast

from freezegun.api import FrozenDateTimeFactory
import pytest

from custom_components.grandstream_cti.cti import (
    Family,
    GrandstreamClient,
    GrandstreamConnectionError,
    LineStatus,
    PhoneStatus,
)
from custom_components.grandstream_cti.phone_reads import PhoneReads

IDLE = (LineStatus(line=1, raw_state="idle"),)


class FakeGxp:
    """Answers line and phone status; the phone status fails when told to."""

    def __init__(self) -> None:
        """An idle, available phone without api-get_accounts' answers."""
        self.host = "phone"
        self.calls: list[str] = []
        self.fail_phone_status = False

    async def line_status(self) -> tuple[LineStatus, ...]:
        self.calls.append("line_status")
        return IDLE

    async def phone_status(self) -> PhoneStatus:
        self.calls.append("phone_status")
        if self.fail_phone_status:
            raise GrandstreamConnectionError("timed out")
        return PhoneStatus(status="available")

    async def accounts(self) -> tuple[()]:
        self.calls.append("accounts")
        return ()


async def test_failed_phone_status_read_is_made_again(
    freezer: FrozenDateTimeFactory,
) -> None:
    """A poll whose phone status read failed leaves it due at the next poll."""
    phone = FakeGxp()
    reads = PhoneReads(cast("GrandstreamClient", phone), Family.GXP)
    data = await reads.poll(None)
    phone.calls.clear()

    freezer.tick(60)
    phone.fail_phone_status = True
    with pytest.raises(GrandstreamConnectionError):
        await reads.poll(data)
    phone.fail_phone_status = False
    freezer.tick(5)
    data = await reads.poll(data)

    assert phone.calls == [
        "line_status",
        "phone_status",
        "line_status",
        "phone_status",
        "accounts",
    ]
    assert data.phone_status == PhoneStatus(status="available")
