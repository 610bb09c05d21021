"""What the phone sends: answers in each model's JSON style, and HTML pages."""

from __future__ import annotations

from collections.abc import Iterable
import html
import json
from typing import Any

from aiohttp import web

from .const import Style
from .model import Station

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


_SCRIPT = """
async function sim(action, args) {
  const r = await fetch('/sim/' + action, {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(args)});
  const j = await r.json();
  if (!j.ok) { alert(j.error); }
  location.reload();
}
"""


def render_page(title: str, stations: Iterable[Station]) -> str:
    """Tiny control page with buttons for a person using the dev environment."""
    rows: list[str] = []
    for st in stations:
        hs = "null" if st.hs is None else str(st.hs)
        station = "Phone" if st.hs is None else f"Handset {st.hs}"
        paired = "" if st.paired else " (not paired)"
        rows.append(f"<h2>{station}{paired} DND: {'on' if st.dnd else 'off'}</h2>")
        rows.append("<table border=1><tr><th>Line</th><th>State</th><th>Remote</th>")
        rows.append("<th></th></tr>")
        for line in st.lines:
            remote = html.escape(f"{line.remote_number} {line.remote_name}".strip())
            buttons = "".join(
                f"<button onclick=\"sim('{act}', {{line: {line.index}, hs: {hs}}})\">"
                f"{label}</button>"
                for act, label in (
                    ("ring", "Ring"),
                    ("answer", "Answer"),
                    ("remote_answer", "Remote answer"),
                    ("hold", "Hold"),
                    ("unhold", "Resume"),
                    ("hangup", "Hang up"),
                )
            )
            rows.append(
                f"<tr><td>{line.index}</td><td>{line.state}</td><td>{remote}</td>"
                f"<td>{buttons}</td></tr>"
            )
        rows.append("</table>")
        rows.append(f"<button onclick=\"sim('dnd', {{hs: {hs}}})\">Toggle DND</button>")
    title = html.escape(title)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f"<script>{_SCRIPT}</script></head><body><h1>{title}</h1>"
        + "".join(rows)
        + "<p><button onclick=\"sim('reboot', {})\">Reboot</button></p>"
        + "</body></html>"
    )
