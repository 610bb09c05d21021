"""Turning answers into bytes the way different phone models format them."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from .const import Style

HTML_ERROR_PAGE = (
    "<!DOCTYPE html><html><head><title>Error</title></head>"
    "<body><h1>Error</h1><p>The request could not be processed.</p></body></html>"
)
NOT_FOUND_PAGE = (
    "<html><head><title>404 Not Found</title></head>"
    "<body><h1>404 Not Found</h1></body></html>"
)
MALFORMED_JSON = '{"response": "success", "body": [{"line": 1, "state": idle,}'


def dumps(payload: Any, style: Style) -> str:
    """JSON text in the phone's style ("compact" or the guide's "spaced")."""
    if style is Style.COMPACT:
        return json.dumps(payload, separators=(",", ":"))
    return json.dumps(payload)


def json_response(
    payload: Any, style: Style, content_type: str, status: int = 200
) -> web.Response:
    """An answer as the phone sends it."""
    return web.Response(
        text=dumps(payload, style), status=status, content_type=content_type
    )


def html_response(body: str, status: int = 200) -> web.Response:
    """An HTML page (error page, 404, ...)."""
    return web.Response(text=body, status=status, content_type="text/html")
