"""The Action URL file: every Action URL slot of a phone filled, in one download.

The file is in Grandstream's XML provisioning format (gs_provision). A phone's
web page takes it as a configuration file to upload, and a provisioning
server's cfg<mac>.xml can take its P-values. It leaves out the <mac> element,
which, where given, must be the phone's own (Grandstream's HT801/HT802 guide).
"""

from __future__ import annotations

from datetime import timedelta
import html
from http import HTTPStatus
from xml.sax.saxutils import escape

from aiohttp import hdrs, web
from homeassistant.components.http.auth import async_sign_path
from homeassistant.components.http.decorators import require_admin
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util import slugify

from .const import DOMAIN
from .coordinator import GrandstreamConfigEntry
from .webhook import action_url_slots, push_urls

FILE_PATH = "/api/grandstream_cti/action_url_config/{entry_id}"
# How long the link the options show downloads the file: it holds the
# webhook id, which lets whoever has it push call events.
LINK_LIFETIME = timedelta(minutes=30)


def action_url_file(hass: HomeAssistant, entry: GrandstreamConfigEntry) -> str:
    """The phone's configuration file with every Action URL slot filled."""
    urls = push_urls(hass, entry)
    slots = "".join(
        f"    <!-- {name} -->\n    <{slot}>{escape(urls[event])}</{slot}>\n"
        for event, (slot, name) in action_url_slots(entry).items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!-- Action URLs for Home Assistant (Grandstream CTI): upload this file on"
        " the phone's web page, or copy its P-values into your provisioning"
        " server's configuration file. -->\n"
        '<gs_provision version="1">\n'
        '  <config version="1">\n'
        f"{slots}"
        "  </config>\n"
        "</gs_provision>\n"
    )


def file_name(entry: GrandstreamConfigEntry) -> str:
    """The downloaded file's name, after the phone."""
    return f"{slugify(entry.title) or DOMAIN}_action_urls.xml"


@callback
def async_file_link(
    hass: HomeAssistant, entry: GrandstreamConfigEntry
) -> dict[str, str]:
    """The placeholders that make the options' words a link to the file.

    The link needs no token, so that a plain click follows it: it is signed
    for the user whose request is being answered (the one who opened the
    options); without a request, for Home Assistant's content user, who is no
    admin and so cannot download the file.

    The frontend opens a link to its own host as one of its pages unless the
    link has a target, which a Markdown link cannot give; and its message
    formatter refuses a tag in a translation ("INVALID_TAG"). So the anchor's
    tags come in as placeholder values, which the formatter inserts as they
    are, around words that stay in the translation.
    """
    path = async_sign_path(
        hass, FILE_PATH.format(entry_id=entry.entry_id), LINK_LIFETIME
    )
    return {
        "file_link": f'<a href="{html.escape(path)}" target="_blank">',
        "file_link_end": "</a>",
    }


class ActionUrlFileView(HomeAssistantView):
    """Serves a phone's Action URL file to an admin, as the options show its URLs."""

    url = FILE_PATH
    name = "api:grandstream_cti:action_url_config"
    requires_auth = True

    @require_admin
    async def get(self, request: web.Request, entry_id: str) -> web.Response:
        """The file, as a download named after the phone."""
        hass = request.app[KEY_HASS]
        entry = hass.config_entries.async_get_entry(entry_id)
        if (
            entry is None
            or entry.domain != DOMAIN
            or CONF_WEBHOOK_ID not in entry.data
            or not action_url_slots(entry)
        ):
            return web.Response(status=HTTPStatus.NOT_FOUND)
        return web.Response(
            text=action_url_file(hass, entry),
            content_type="application/xml",
            headers={
                hdrs.CONTENT_DISPOSITION: f'attachment; filename="{file_name(entry)}"',
                hdrs.CACHE_CONTROL: "no-store",
            },
        )
