"""The phonebook as a download: vCard, CSV, or the Grandstream phone's XML."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

from aiohttp import hdrs, web
from homeassistant.components.http.decorators import require_admin
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView

from .download_link import LINK_END, async_link_start
from .phonebook.exporters import EXPORTERS, ExportFormat
from .phonebook_store import async_get_phonebook

FILE_PATH = "/api/grandstream_cti/phonebook.{export_format}"
# How long the links the options show download the phonebook: it holds names
# and numbers of people.
LINK_LIFETIME = timedelta(minutes=30)
_CONTENT_TYPES = {
    ExportFormat.VCARD: "text/vcard",
    ExportFormat.CSV: "text/csv",
    ExportFormat.XML: "application/xml",
}


@callback
def async_export_links(hass: HomeAssistant) -> dict[str, str]:
    """The placeholders that make the options' words links to each format."""
    links = {
        f"{export_format.name.lower()}_link": async_link_start(
            hass, FILE_PATH.format(export_format=export_format.value), LINK_LIFETIME
        )
        for export_format in ExportFormat
    }
    return {**links, "link_end": LINK_END}


class PhonebookExportView(HomeAssistantView):
    """Serves the phonebook of all phones to an admin, as a file to keep."""

    url = FILE_PATH
    name = "api:grandstream_cti:phonebook"
    requires_auth = True

    @require_admin
    async def get(self, request: web.Request, export_format: str) -> web.Response:
        """The phonebook in the format the file extension names."""
        try:
            chosen = ExportFormat(export_format)
        except ValueError:
            return web.Response(status=HTTPStatus.NOT_FOUND)
        phonebook = await async_get_phonebook(request.app[KEY_HASS])
        return web.Response(
            text=EXPORTERS[chosen](phonebook.contacts),
            content_type=_CONTENT_TYPES[chosen],
            charset="utf-8",
            headers={
                hdrs.CONTENT_DISPOSITION: (
                    f'attachment; filename="phonebook.{chosen.value}"'
                ),
                hdrs.CACHE_CONTROL: "no-store",
            },
        )
