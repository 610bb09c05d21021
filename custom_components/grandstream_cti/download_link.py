"""A link, in a flow's text, to a file Home Assistant serves to an admin.

The frontend opens a link to its own host as one of its pages unless the link
has a target, which a Markdown link cannot give; and its message formatter
refuses a tag in a translation ("INVALID_TAG"). So the anchor's tags come in
as placeholder values, which the formatter inserts as they are, around words
that stay in the translation.
"""

from __future__ import annotations

from datetime import timedelta
import html

from homeassistant.components.http.auth import async_sign_path
from homeassistant.core import HomeAssistant, callback

LINK_END = "</a>"


@callback
def async_link_start(hass: HomeAssistant, path: str, lifetime: timedelta) -> str:
    """The anchor's opening tag: path signed, opened in a tab of its own.

    The link needs no token, so that a plain click follows it: it is signed
    for the user whose request is being answered (the one who opened the
    flow); without a request, for Home Assistant's content user, who is no
    admin and so cannot download an admin's file.
    """
    signed = async_sign_path(hass, path, lifetime)
    return f'<a href="{html.escape(signed)}" target="_blank">'
