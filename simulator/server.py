"""HTTP side of a simulated phone: the CTI routes, faults, and the listening socket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
import struct
import time
from typing import TYPE_CHECKING

from aiohttp import web

from .const import AuthFailureStyle, FaultMode
from .cti import failed
from .records import RecordedRequest, redact_items, redact_query
from .render import (
    HTML_ERROR_PAGE,
    MALFORMED_JSON,
    NOT_FOUND_PAGE,
    dumps,
    html_response,
    json_response,
)

if TYPE_CHECKING:
    from .device import SimulatedPhone

PHONE_KEY: web.AppKey[SimulatedPhone] = web.AppKey("phone")

_TRUNCATED_SOURCE = {
    "response": "success",
    "body": [
        {
            "line": n,
            "state": "idle",
            "acct": "",
            "remotename": "",
            "remotenum": "",
            "active": 0,
        }
        for n in (1, 2, 3)
    ],
}
_STATUS_PAGES = {
    401: "401 Unauthorized",
    403: "403 Forbidden",
    404: "404 Not Found",
    500: "500 Internal Server Error",
}
_FAULT_STATUS = {
    FaultMode.HTTP_401: 401,
    FaultMode.HTTP_403: 403,
    FaultMode.HTTP_404: 404,
    FaultMode.HTTP_500: 500,
}
_SUCCESS_REFUSALS = {
    AuthFailureStyle.SUCCESS_UNAUTHORIZED: "unauthorized",
    AuthFailureStyle.SUCCESS_FORBIDDEN: "forbidden",
}
_LOGIN_PAGE = (
    "<!DOCTYPE html><html><head><title>Login</title></head><body>"
    "<form action='/cgi-bin/dologin' method='post'><input name='password' "
    "type='password'></form></body></html>"
)


def status_page(status: int) -> web.Response:
    """Small HTML page for an HTTP error status."""
    title = _STATUS_PAGES.get(status, str(status))
    body = NOT_FOUND_PAGE if status == 404 else f"<html><h1>{title}</h1></html>"
    return html_response(body, status)


async def cti_route(request: web.Request) -> web.StreamResponse:
    """Every non-/sim/ request: log, fault, passcode, then the CTI function."""
    phone = request.app[PHONE_KEY]
    function = request.match_info.get("function")
    items = list(request.query.items())
    if request.method == "POST" and request.content_type.endswith("urlencoded"):
        items += [(k, str(v)) for k, v in (await request.post()).items()]
    params = dict(items)
    record = RecordedRequest(
        time=time.time(),
        method=request.method,
        path=request.path,
        function=function,
        params=dict(redact_items(list(params.items()))),
        items=redact_items(items),
        query_string=redact_query(request.query_string),
    )
    phone.record(record)
    response = await _answer(request, phone, function, params, record)
    if response is not None:
        record.status = response.status
        return response
    _reset(request)
    return web.Response(status=500)


async def _answer(
    request: web.Request,
    phone: SimulatedPhone,
    function: str | None,
    params: dict[str, str],
    record: RecordedRequest,
) -> web.StreamResponse | None:
    fault = phone.fault.take()
    if fault is not FaultMode.NONE:
        record.fault = str(fault)
        if fault is FaultMode.SLOW:
            await phone.sleep(phone.fault.delay)
        else:
            return await _faulty(phone, fault)
    if function is None or function not in phone.cti.functions():
        return status_page(404)
    record.authorized = phone.guard.check(params.get("passcode"))
    if not record.authorized:
        return _auth_failure(phone)
    result = phone.cti.handle(function, params)
    if result.payload is None:
        return status_page(404)
    response = json_response(result.payload, phone.style, phone.content_type)
    if result.after is not None:
        await response.prepare(request)
        await response.write_eof()
        phone.after_answer(result.after)
    return response


async def _faulty(phone: SimulatedPhone, fault: FaultMode) -> web.Response | None:
    if fault is FaultMode.TIMEOUT:
        await phone.hang()
        return None
    if fault in (FaultMode.RESET, FaultMode.CONNECTION_REFUSED):
        return None
    if fault is FaultMode.HTML:
        return html_response(HTML_ERROR_PAGE)
    if fault is FaultMode.MALFORMED_JSON:
        return web.Response(text=MALFORMED_JSON, content_type=phone.content_type)
    if fault is FaultMode.TRUNCATED:
        text = dumps(_TRUNCATED_SOURCE, phone.style)
        return web.Response(
            text=text[: len(text) // 2], content_type=phone.content_type
        )
    if fault is FaultMode.RESPONSE_ERROR:
        return json_response(failed(), phone.style, phone.content_type)
    return status_page(_FAULT_STATUS[fault])


def _auth_failure(phone: SimulatedPhone) -> web.Response:
    style = phone.auth_failure
    if style is AuthFailureStyle.HTTP_401:
        return status_page(401)
    if style is AuthFailureStyle.HTTP_403:
        return status_page(403)
    if style is AuthFailureStyle.HTML:
        return html_response(_LOGIN_PAGE)
    if word := _SUCCESS_REFUSALS.get(style):
        payload = {"response": "success", "body": word}
    elif phone.guard.refused_as_locked:
        # Not in the guide: firmware that locks the account says so, so that
        # a lock-out can be told from a wrong password.
        payload = {"response": "error", "body": "locked"}
    else:
        payload = failed()
    return json_response(payload, phone.style, phone.content_type)


def _reset(request: web.Request) -> None:
    """Drop the connection without an answer (TCP reset)."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
    transport.abort()


def json_body(data: object) -> str:
    """JSON text for control answers."""
    return json.dumps(data)


class Listener:
    """The phone's listening socket: can stop (refused) and restart on the same port."""

    def __init__(
        self,
        app: web.Application,
        *,
        bind: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Prepare; nothing listens until start()."""
        self.bind = bind
        self.port = port
        self.ssl_context = ssl_context
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        self._site: web.SockSite | None = None
        self._setup = False

    @property
    def listening(self) -> bool:
        """True while connections are accepted."""
        return self._site is not None

    async def start(self) -> None:
        """Listen (again) on the same port."""
        if self._site is not None:
            return
        if not self._setup:
            await self._runner.setup()
            self._setup = True
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.bind, self.port))
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock, ssl_context=self.ssl_context)
        await site.start()
        self._site = site

    async def stop(self) -> None:
        """Stop listening and drop open connections (connection refused)."""
        site, self._site = self._site, None
        if site is not None:
            await site.stop()
        server = self._runner.server
        if server is not None:
            for conn in server.connections:
                conn.force_close()
        await asyncio.sleep(0)

    async def close(self) -> None:
        """Stop for good."""
        await self.stop()
        if self._setup:
            await self._runner.cleanup()
            self._setup = False
