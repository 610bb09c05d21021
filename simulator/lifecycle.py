"""`async with` for whatever starts and closes: one phone, or a farm of them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self


class AsyncService(ABC):
    """start() on entering, close() on leaving, whatever happened inside."""

    @abstractmethod
    async def start(self) -> Self:
        """Start; returns self."""

    @abstractmethod
    async def close(self) -> None:
        """Stop everything started."""

    async def __aenter__(self) -> Self:
        """Start."""
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close."""
        await self.close()
