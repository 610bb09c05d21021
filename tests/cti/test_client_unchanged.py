"""An answer the same as the last one of its read is not decoded and parsed again."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.cti import (
    CallState,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamResponseError,
)
from simulator import SimulatedPhone
from tests.cti.helpers import PASSCODE


async def test_unchanged_answer_gives_the_same_models(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """Each poll still asks the phone; only an answer that changed is parsed."""
    lines, status = await gxp.line_status(), await gxp.phone_status()
    assert await gxp.line_status() is lines
    assert await gxp.phone_status() is status
    gxp_phone.ring(2, "+4930123", "Alice")
    ringing = await gxp.line_status()
    assert ringing is not lines
    assert ringing[1].state is CallState.RINGING
    assert await gxp.line_status() is ringing
    gxp_phone.reject(2)
    assert (await gxp.line_status())[1].state is CallState.IDLE
    assert len(gxp_phone.requests_for("api-get_line_status")) == 5
    assert len(gxp_phone.requests_for("api-get_phone_status")) == 2


async def test_each_read_remembers_its_own_answer(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    """The same function with another handset or account is another read."""
    first, second = await dp.handset_line_status(1), await dp.handset_line_status(2)
    assert [line.state for line in first] == [line.state for line in second]
    assert await dp.handset_line_status(1) is first
    assert await dp.handset_line_status(2) is second
    dp_phone.ring(1, "3501", "Bob", 2)
    assert (await dp.handset_line_status(2))[0].state is CallState.RINGING
    assert await dp.handset_line_status(1) is first


async def test_faults_after_a_remembered_answer_still_raise(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    """Only a good answer is remembered: a refusal or garbage is never hidden."""
    lines = await gxp_fast.line_status()
    await gxp_phone.set_fault("response_error", count=1)
    with pytest.raises(GrandstreamAuthenticationError):
        await gxp_fast.line_status()
    await gxp_phone.set_fault("malformed_json", count=1)
    with pytest.raises(GrandstreamResponseError):
        await gxp_fast.line_status()
    gxp_phone.change_passcode("another one")
    with pytest.raises(GrandstreamAuthenticationError):
        await gxp_fast.line_status()
    gxp_phone.change_passcode(PASSCODE)
    assert await gxp_fast.line_status() is lines
    assert len(gxp_phone.requests_for("api-get_line_status")) == 5


async def test_reads_made_once_a_minute_keep_nothing(
    dp: GrandstreamClient, gxp: GrandstreamClient
) -> None:
    """Pairing and registration are parsed anew each time: what a poll reads
    every 60 s or 5 minutes is not worth the memory its answer would take."""
    account, handset = await dp.account_status(2), await dp.handset_status(1)
    assert await dp.account_status(2) == account
    assert await dp.account_status(2) is not account
    assert await dp.handset_status(1) is not handset
    accounts = await gxp.accounts()
    assert await gxp.accounts() is not accounts
