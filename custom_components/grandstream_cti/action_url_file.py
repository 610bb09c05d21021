"""The Action URL file: every Action URL slot of a phone filled, in one download.

The file is in Grandstream's XML provisioning format (gs_provision). A phone's
web page takes it as a configuration file to upload, and a provisioning
server's cfg<mac>.xml can take its P-values. It leaves out the <mac> element,
which, where given, must be the phone's own (Grandstream's HT801/HT802 guide).
"""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from xml.sax.saxutils import escape

from aiohttp import hdrs, web
from homeassistant.components.http.decorators import require_admin
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util import slugify

from .const import DOMAIN
from .coordinator import GrandstreamConfigEntry
from .download_link import LINK_END, async_link_start
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
    """The placeholders that make the options' words a link to the file."""
    path = FILE_PATH.format(entry_id=entry.entry_id)
    return {
        "file_link": async_link_start(hass, path, LINK_LIFETIME),
        "file_link_end": LINK_END,
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
