"""Log of the requests a phone received, passcode redacted."""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Any

REDACTED = "***"
_PASSCODE_RE = re.compile(r"(^|&)(passcode=)[^&]*", re.IGNORECASE)


def redact_query(query_string: str) -> str:
    """The raw query string with every passcode value replaced by ***."""
    return _PASSCODE_RE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", query_string
    )


@dataclass
class RecordedRequest:
    """One request as it arrived (passcode redacted)."""

    time: float
    method: str
    path: str
    function: str | None
    params: dict[str, str]
    items: list[tuple[str, str]]
    query_string: str
    authorized: bool | None = None
    fault: str | None = None
    status: int | None = None
    # The client's port: requests on one kept-alive connection share it.
    client_port: int | None = None

    @property
    def cmd(self) -> str | None:
        """Shortcut for params["cmd"]."""
        return self.params.get("cmd")

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the control API."""
        return {
            "time": self.time,
            "method": self.method,
            "path": self.path,
            "function": self.function,
            "params": self.params,
            "items": [list(item) for item in self.items],
            "query_string": self.query_string,
            "authorized": self.authorized,
            "fault": self.fault,
            "status": self.status,
            "client_port": self.client_port,
        }


def redact_items(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Query pairs with passcode values replaced."""
    return [(k, REDACTED if k.lower() == "passcode" else v) for k, v in items]
