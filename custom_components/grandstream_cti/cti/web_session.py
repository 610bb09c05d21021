"""A WP8xx Wi-Fi phone through its web session: a login, then the api-* functions.

No passcode CTI is known for the WP816/WP826/WP836 (lineup.md): every
working client logs in to the phone's web page. The login and the session are
captured on a WP826; that the call commands, make_call and reboot are the
GRP's api-* functions sent in that session is inferred (Grandstream's own GRP
code sends them so), as is everything a comment calls inferred.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from ssl import SSLContext
from typing import Any

import aiohttp
from aiohttp import hdrs
from yarl import URL

from .client import GrandstreamClient
from .exceptions import (
    GrandstreamAuthenticationError,
    GrandstreamError,
    GrandstreamSessionEndedError,
)
from .http import exchange
from .identity import MODEL_DEFINE_PATH
from .models import BatteryStatus, Family, LineStatus
from .parsing import decode_answer, parse_battery_status, parse_line_status
from .transport import DEFAULT_TIMEOUT, REDACTED, cti_url
from .web_login import (
    ACCESS,
    LOGIN,
    LOGOUT,
    SESSION_COOKIE,
    access_form,
    login_form,
    parse_nonce,
    parse_session_id,
    session_ended,
)

# Read with a GET, the session in its cookie (capture); every other api-*
# function is a form POST carrying the session in the form too.
_GET_PATHS = frozenset({"/cgi-bin/api-get_battery_status"})


class WebSessionClient(GrandstreamClient):
    """Talks to a WP8xx phone in a web session of its own user.

    One session per account (WP826 1.0.3.35): this client's login ends a
    person's session as the same user, and theirs ends this one's. A session
    found gone is logged in again once; a refused login is never tried
    again, as each counts towards the lock-out after five.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        password: str,
        *,
        username: str,
        ssl: bool = False,
        tls: SSLContext | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Prepare to log in as username; nothing is sent until a method is called."""
        super().__init__(session, host, password, ssl=ssl, tls=tls, timeout=timeout)
        self._username = username
        self._sid: str | None = None
        # Two logins at once spoil each other's nonce and burn attempts.
        self._login_lock = asyncio.Lock()
        # The refusal of this client's password: every later request raises it
        # again without a login.
        self._refusal: GrandstreamAuthenticationError | None = None
        self.sessions_ended = 0
        # Told each time the phone ended this client's session.
        self.on_session_ended: Callable[[], None] | None = None

    def url(self, function: str, params: Mapping[str, str | int] | None = None) -> URL:
        """The URL of an api-* function; its parameters go in the form."""
        return cti_url(self._host, self._port, function, params or {}, ssl=self._ssl)

    def redact(self, text: str) -> str:
        """Text with the password and the session id replaced."""
        text = super().redact(text)
        return text.replace(self._sid, REDACTED) if self._sid else text

    async def _prove_login(self, family: Family) -> None:
        """Log in, and read the phone status in the session."""
        await self.phone_status()

    async def line_status(self) -> tuple[LineStatus, ...]:
        """Every line of the phone (api-get_line_status, form `line=-1`)."""
        return await self._read(
            "api-get_line_status", {"line": -1}, parse_line_status, at_every_poll=True
        )

    async def battery_status(self) -> BatteryStatus:
        """The battery (api-get_battery_status; an admin's session only)."""
        return await self._read("api-get_battery_status", {}, parse_battery_status)

    async def async_close(self) -> None:
        """End the request under way, then log out.

        The logout's answer is not captured: whatever it is, the session is
        forgotten here, and one the phone kept ends at its idle time.
        """
        sid, self._sid = self._sid, None
        self.close()
        if sid is None:
            return
        async with self._lock:
            try:
                async with asyncio.timeout(self._timeout):
                    await self._send(self.url(LOGOUT), sid, command=True)
            except TimeoutError, aiohttp.ClientError, OSError, GrandstreamError:
                pass

    async def _fetch(self, function: str, url: URL, *, command: bool) -> bytes:
        """The answer of a request made in the session, logged in as needed.

        A request the phone refused for its session did nothing there: it is
        sent once more, in a new session. Refused in that one too, the
        account may not do it: an authentication error.
        """
        if url.path == MODEL_DEFINE_PATH:
            return await super()._fetch(function, url, command=command)
        sid = await self._session_id()
        try:
            return await super()._fetch(
                function, url.update_query({SESSION_COOKIE: sid}), command=command
            )
        except GrandstreamSessionEndedError:
            ended = sid
        sid = await self._log_in_again(ended)
        try:
            return await super()._fetch(
                function, url.update_query({SESSION_COOKIE: sid}), command=command
            )
        except GrandstreamSessionEndedError:
            refused = GrandstreamAuthenticationError(
                f"{function}: refused in a new session too"
            )
        raise refused

    async def _exchange(self, url: URL, *, command: bool) -> tuple[int, bytes]:
        """One request; the session's in its form (the sid of the URL's query)."""
        if url.path == MODEL_DEFINE_PATH:
            return await super()._exchange(url, command=command)
        sid = url.query.get(SESSION_COOKIE)
        status, body = await self._send(url, sid, command=command)
        if sid is not None and session_ended(status, body):
            raise GrandstreamSessionEndedError("the phone ended the session")
        return status, body

    async def _send(
        self, url: URL, sid: str | None, *, command: bool
    ) -> tuple[int, bytes]:
        """One request to the phone's web server, as its own page sends it.

        A POST without a same-origin Referer is refused with a bare 403
        (capture); the session's cookie is sent by hand, not left to the
        shared session's cookie jar, which other phones' requests use.
        """
        headers: dict[str, str] = {hdrs.REFERER: str(self.page_url("/"))}
        if sid is not None:
            headers[hdrs.COOKIE] = f"{SESSION_COOKIE}={sid}"
        get = url.path in _GET_PATHS
        form = None if get else {**url.query, **({SESSION_COOKIE: sid} if sid else {})}
        return await exchange(
            self._session,
            hdrs.METH_GET if get else hdrs.METH_POST,
            url.with_query(None),
            command=command,
            tls=self._command_tls,
            headers=headers,
            # An empty form still has its length: a POST without one is
            # refused with 411 (capture).
            form=form,
        )

    async def _session_id(self) -> str:
        """The session's id, logged in first when there is none."""
        async with self._login_lock:
            return self._sid or await self._log_in()

    async def _log_in_again(self, ended: str) -> str:
        """A new session in place of the one ended; one login for all who found it so.

        Two polls that found the same session gone wait for one login: the
        second finds the new session and uses it.
        """
        async with self._login_lock:
            if self._sid is not None and self._sid != ended:
                return self._sid
            self.sessions_ended += 1
            if self.on_session_ended is not None:
                self.on_session_ended()
            return await self._log_in()

    async def _log_in(self) -> str:
        """Log in with the challenge (under the login lock)."""
        if self._refusal is not None:
            raise GrandstreamAuthenticationError(str(self._refusal))
        self._sid = None
        nonce = parse_nonce(await self._answer(ACCESS, access_form(self._username)))
        form = login_form(self._username, self._passcode, nonce)
        try:
            # A command: sent once, even over a connection that breaks.
            sid = parse_session_id(await self._answer(LOGIN, form, command=True))
        except GrandstreamAuthenticationError as err:
            self._refusal = err
            raise
        self._sid = sid
        return sid

    async def _answer(
        self, function: str, form: Mapping[str, str], *, command: bool = False
    ) -> Any:
        """A login step's decoded answer (no session yet)."""
        body = await super()._fetch(function, self.url(function, form), command=command)
        return decode_answer(body)
