"""A phone's side of an arriving CTI request: log, fault, passcode, function."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .auth import PasscodeGuard
from .const import FaultMode
from .cti import CtiHandler, CtiResult
from .faults import FaultState
from .records import RecordedRequest


class RequestGate:
    """What the HTTP side asks of the phone for each request, and the request log."""

    guard: PasscodeGuard
    fault: FaultState
    requests: list[RecordedRequest]
    max_requests: int
    _cti: CtiHandler

    @property
    def passcode(self) -> str:
        """The passcode the phone currently accepts."""
        return self.guard.passcode

    def change_passcode(self, new: str) -> None:
        """The admin changes the password on the phone."""
        self.guard.change(new)

    @property
    def locked(self) -> bool:
        """True while the phone refuses every passcode after repeated failures."""
        return self.guard.locked

    # ---------------------------------------------------------- request log
    def record(self, request: RecordedRequest) -> None:
        """Append to the request log (the oldest half goes when it is full)."""
        self.requests.append(request)
        if len(self.requests) > self.max_requests:
            del self.requests[: self.max_requests // 2]

    def requests_for(
        self, function: str | None = None, **params: str
    ) -> list[RecordedRequest]:
        """Logged requests of a function whose params include the given ones."""
        return [
            r
            for r in self.requests
            if (function is None or r.function == function)
            and all(r.params.get(k) == v for k, v in params.items())
        ]

    def clear_requests(self) -> None:
        """Forget the request log."""
        self.requests.clear()

    def offers(self, function: str) -> bool:
        """True when the phone's family has this CTI function."""
        return function in self._cti.functions()

    def authorize(self, passcode: str | None) -> bool:
        """Check a request's passcode (counts failures, may lock the phone)."""
        return self.guard.check(passcode)

    @property
    def refused_as_locked(self) -> bool:
        """Whether the last passcode refused was refused for the lockout alone."""
        return self.guard.refused_as_locked

    def handle_cti(self, function: str, params: Mapping[str, str]) -> CtiResult:
        """Carry out an authorized CTI request."""
        return self._cti.handle(function, params)

    def take_fault(self) -> FaultMode:
        """The fault for the request arriving now (counts it down)."""
        return self.fault.take()

    @property
    def fault_delay(self) -> float:
        """How long "slow" waits before answering."""
        return self.fault.delay

    @property
    def fault_status(self) -> dict[str, Any]:
        """The fault in force, as JSON-able data."""
        return self.fault.to_dict()
