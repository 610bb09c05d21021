"""HTTP side of a simulated phone: its aiohttp app, the CTI route and its faults."""

from __future__ import annotations

import contextlib
import socket
import struct
import time

from aiohttp import web

from .const import MODEL_DEFINE_PATH, AuthFailureStyle, FaultMode
from .control import add_control_routes
from .core import PhoneCore
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


def build_app(phone: PhoneCore) -> web.Application:
    """The phone's web app: the /sim/ control API, and CTI for every other path."""

    async def cti(request: web.Request) -> web.StreamResponse:
        return await _cti_route(phone, request)

    app = web.Application()
    add_control_routes(app, phone)
    app.router.add_route("*", "/cgi-bin/{function}", cti)
    app.router.add_route("*", "/{tail:.*}", cti)
    return app


def _client_port(request: web.Request) -> int | None:
    peer = request.transport.get_extra_info("peername") if request.transport else None
    return peer[1] if isinstance(peer, tuple) else None


async def _cti_route(phone: PhoneCore, request: web.Request) -> web.StreamResponse:
    """Every non-/sim/ request: log, fault, passcode, then the CTI function."""
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
        client_port=_client_port(request),
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
    phone: PhoneCore,
    function: str | None,
    params: dict[str, str],
    record: RecordedRequest,
) -> web.StreamResponse | None:
    fault = phone.take_fault()
    if fault is not FaultMode.NONE:
        record.fault = str(fault)
        if fault is FaultMode.SLOW:
            await phone.sleep(phone.fault_delay)
        else:
            return await _faulty(phone, fault)
    if request.path == MODEL_DEFINE_PATH and phone.serves_model_define:
        return json_response(
            phone.model_define(), phone.style, "application/javascript"
        )
    if function is None or not phone.offers(function):
        return status_page(404)
    record.authorized = phone.authorize(params.get("passcode"))
    if not record.authorized:
        return _auth_failure(phone)
    result = phone.handle_cti(function, params)
    if result.payload is None:
        return status_page(404)
    response = json_response(result.payload, phone.style, phone.content_type)
    if result.after == "reboot" and phone.reboot_drops_connection:
        # Restarting before its answer is out: the connection is reset.
        phone.after_answer(result.after)
        return None
    if result.after is not None:
        await response.prepare(request)
        await response.write_eof()
        phone.after_answer(result.after)
    return response


async def _faulty(phone: PhoneCore, fault: FaultMode) -> web.Response | None:
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


def _auth_failure(phone: PhoneCore) -> web.Response:
    style = phone.auth_failure
    if style is AuthFailureStyle.HTTP_401:
        return status_page(401)
    if style is AuthFailureStyle.HTTP_403:
        return status_page(403)
    if style is AuthFailureStyle.HTML:
        return html_response(_LOGIN_PAGE)
    if word := _SUCCESS_REFUSALS.get(style):
        payload = {"response": "success", "body": word}
    elif phone.refused_as_locked:
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
