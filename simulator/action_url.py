"""Action URL pushes: the phone's Outbound Notification GETs."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
import logging
import re
import time
from typing import Any
from urllib.parse import quote

import aiohttp
from yarl import URL

from .clock import WallClock
from .const import ACTION_URL_MAX_VALUE, EventKind, UrlEncoding

_LOGGER = logging.getLogger(__name__)

VARIABLES = (
    "program_version",
    "display_remote",
    "active_user",
    "phone_ip",
    "product",
    "remote",
    "local",
    "mac",
)
_VARIABLE_RE = re.compile(r"\$(" + "|".join(VARIABLES) + ")")


def substitute(
    template: str,
    values: Mapping[str, str],
    encoding: UrlEncoding = UrlEncoding.RAW,
) -> str:
    """Fill $variables like a phone: unset stays literal, too long becomes empty."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        if not value:
            return match.group(0)
        if len(value) > ACTION_URL_MAX_VALUE:
            return ""
        if encoding is UrlEncoding.PERCENT:
            return quote(value, safe="+")
        return value

    return _VARIABLE_RE.sub(replace, template)


@dataclass
class SentPush:
    """One push attempt."""

    event: EventKind
    url: str
    time: float
    status: int | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the control API."""
        return {
            "event": str(self.event),
            "url": self.url,
            "time": self.time,
            "status": self.status,
            "error": self.error,
        }


class ActionUrlSender:
    """Sends the configured GET for each event, in order, fire-and-forget."""

    def __init__(
        self,
        templates: Mapping[str, str] | None = None,
        *,
        timeout: float = 2.0,
        encoding: UrlEncoding | str = UrlEncoding.RAW,
    ) -> None:
        """Templates map an event name (see EventKind) to a URL template."""
        self.templates: dict[EventKind, str] = {}
        self.timeout = timeout
        self.encoding = UrlEncoding(encoding)
        self.sent: list[SentPush] = []
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._last: asyncio.Task[None] | None = None
        self._clock = WallClock()
        if templates:
            self.set_templates(templates)

    def set_template(self, event: EventKind | str, url: str | None) -> None:
        """Configure (or with None/"" clear) the URL of one event."""
        kind = EventKind(event)
        if url:
            self.templates[kind] = url
        else:
            self.templates.pop(kind, None)

    def set_templates(self, templates: Mapping[str, str | None]) -> None:
        """Configure several events at once."""
        for event, url in templates.items():
            self.set_template(event, url)

    def clear_templates(self) -> None:
        """No event sends anything (factory settings)."""
        self.templates.clear()

    @property
    def pending(self) -> int:
        """Pushes not finished yet."""
        return len(self._tasks)

    def notify(self, event: EventKind, values: Mapping[str, str]) -> str | None:
        """Queue the push for event; returns the URL, or None if none configured."""
        template = self.templates.get(event)
        if template is None:
            return None
        url = substitute(template, values, self.encoding)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            _LOGGER.warning("No event loop: Action URL %s not sent", event)
            return url
        push = SentPush(event=event, url=url, time=time.time())
        self.sent.append(push)
        task = loop.create_task(self._send(push, self._last))
        self._last = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return url

    async def drain(self) -> None:
        """Wait until every queued push has been sent (or has failed)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        """Finish pending pushes (bounded by the timeout), then close the session."""
        if self._tasks:
            _done, still = await asyncio.wait(self._tasks, timeout=self.timeout + 1)
            for task in still:
                task.cancel()
            if still:
                await asyncio.gather(*still, return_exceptions=True)
        self._last = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _send(self, push: SentPush, previous: asyncio.Task[None] | None) -> None:
        if previous is not None and not previous.done():
            await asyncio.wait([previous])
        if self._session is None or self._session.closed:
            # No timer of aiohttp's: the phone gives up by its own clock.
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(force_close=True),
                timeout=aiohttp.ClientTimeout(total=None),
            )
        try:
            await self._clock.within(self.timeout, self._get(self._session, push))
        except (aiohttp.ClientError, TimeoutError, ValueError) as err:
            push.error = f"{type(err).__name__}: {err}"
            _LOGGER.warning("Action URL %s failed: %s", push.event, push.error)

    @staticmethod
    async def _get(session: aiohttp.ClientSession, push: SentPush) -> None:
        url = URL(push.url, encoded=True)
        async with session.get(url, ssl=False) as resp:
            push.status = resp.status
            await resp.read()
