"""A WP826's web server in front of its api-* functions: Referer, login, session.

As lineup.md gives it (captures on a WP826 unless a comment says otherwise).
"""

from __future__ import annotations

from aiohttp import web

from .core import PhoneCore
from .records import RecordedRequest
from .render import html_response, json_response

_FORBIDDEN = "<html><h1>403 Forbidden</h1></html>"
_UNAUTHORIZED = "<html><head><title>Unauthorized</title></head></html>"
_ADMIN_ONLY = frozenset({"api-get_battery_status"})
_LENGTH_REQUIRED = "<html><h1>411 Length Required</h1></html>"


def web_gate(
    request: web.Request,
    phone: PhoneCore,
    function: str | None,
    params: dict[str, str],
    record: RecordedRequest,
) -> web.Response | None:
    """The answer of the web server itself, or None to carry out the function."""
    if request.method == "POST":
        referer = request.headers.get("Referer", "")
        if not referer.startswith(f"{phone.url}/"):
            return html_response(_FORBIDDEN, 403)
        if request.content_length is None:
            return html_response(_LENGTH_REQUIRED, 411)
    if function == "access":
        return _json(phone, phone.web.access(params.get("access", "")))
    if function == "dologin":
        answer = phone.web.login(params.get("username", ""), params.get("password", ""))
        record.authorized = answer["response"] == "success"
        return _json(phone, answer)
    sid = request.cookies.get("sid") or params.get("sid")
    if function == "dologout":
        phone.web.logout(sid)
        # Inferred: the logout's answer is not captured.
        return _json(phone, {"response": "success", "body": "logout"})
    if function is None or not phone.offers(function):
        return None
    user = phone.web.user_of(sid)
    if user is not None and function in _ADMIN_ONLY and user != "admin":
        # Captured: only admin reads the battery. Inferred: what another
        # user gets is not captured; the 401 of any refused api-* request.
        return html_response(_UNAUTHORIZED, 401)
    record.authorized = user is not None
    if record.authorized:
        return None
    if function == "api-get_phone_status":
        # Peer and vendor code: HTTP 200 with "unauthorized" (not captured on a WP).
        return _json(phone, {"response": "success", "body": "unauthorized"})
    return html_response(_UNAUTHORIZED, 401)


def _json(phone: PhoneCore, payload: dict[str, object]) -> web.Response:
    return json_response(payload, phone.style, phone.content_type)
