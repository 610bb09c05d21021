"""Many simulated phones in one event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any, Self

from .const import DEFAULT_MAC, Family
from .core import normalize_mac
from .device import SimulatedPhone
from .lifecycle import AsyncService


def nth_mac(base: str, index: int) -> str:
    """base MAC plus index, as 12 hex digits."""
    return f"{int(normalize_mac(base), 16) + index:012X}"


class SimulatorFarm(AsyncService):
    """count phones of one family; each gets its own port and MAC.

    base_port 0 picks free ports; otherwise phones use base_port, base_port+1, ...
    Other keyword arguments go to every SimulatedPhone.
    """

    def __init__(
        self,
        count: int,
        *,
        family: Family | str = Family.GXP,
        base_port: int = 0,
        base_mac: str = DEFAULT_MAC,
        **phone_kwargs: Any,
    ) -> None:
        """Build the phones (nothing listens yet)."""
        self.phones = [
            SimulatedPhone(
                family,
                port=base_port + i if base_port else 0,
                mac=nth_mac(base_mac, i),
                **phone_kwargs,
            )
            for i in range(count)
        ]

    async def start(self) -> Self:
        """Start every phone."""
        try:
            await asyncio.gather(*(phone.start() for phone in self.phones))
        except BaseException:
            await self.close()
            raise
        return self

    async def close(self) -> None:
        """Close every phone."""
        await asyncio.gather(
            *(phone.close() for phone in self.phones), return_exceptions=True
        )

    def __iter__(self) -> Iterator[SimulatedPhone]:
        """Iterate over the phones."""
        return iter(self.phones)

    def __len__(self) -> int:
        """Number of phones."""
        return len(self.phones)

    def __getitem__(self, index: int) -> SimulatedPhone:
        """One phone."""
        return self.phones[index]
