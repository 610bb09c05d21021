"""The phonebook's file steps of a phone's options: import, export, remove all."""

from __future__ import annotations

from typing import Any

from homeassistant.components.file_upload import process_uploaded_file
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    BooleanSelector,
    FileSelector,
    FileSelectorConfig,
)

from .phonebook.contacts import MAX_CONTACTS, PhonebookFullError
from .phonebook.importers import MAX_FILE_BYTES, FileTooLargeError, read_contacts
from .phonebook.reading import ImportedFile, NotAPhonebookError
from .phonebook_export import async_export_links
from .phonebook_flow import PhonebookSteps, country_placeholder
from .phonebook_store import async_get_phonebook
from .schema import vol

CONF_CONFIRM = "confirm"
CONF_FILE = "file"
CONF_REPLACE = "replace"
# What the file picker offers: vCard, CSV, and phonebook XML.
_ACCEPTED_FILES = ".vcf,.vcard,.csv,.txt,.xml,text/vcard,text/csv,text/xml"
# Skipped lines listed after an import; the count says how many there were.
_LISTED_LINES = 20


class PhonebookFileSteps(PhonebookSteps):
    """The steps that read, write or empty the whole phonebook of all phones."""

    async def async_step_import_contacts(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a vCard, CSV or phonebook XML file, and add its contacts."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                imported = await self.hass.async_add_executor_job(
                    _read_upload, self.hass, user_input[CONF_FILE]
                )
            except FileTooLargeError:
                errors["base"] = "too_large"
            except NotAPhonebookError:
                errors["base"] = "invalid_file"
            except _UploadGoneError:
                errors["base"] = "upload_gone"
            else:
                if not imported.contacts:
                    errors["base"] = "no_contacts"
                elif user_input.get(CONF_REPLACE):
                    return await self._async_replace(imported, errors)
                else:
                    return await self._async_merge(imported, errors)
        return self._import_form(errors)

    async def _async_merge(
        self, imported: ImportedFile, errors: dict[str, str]
    ) -> ConfigFlowResult:
        phonebook = await async_get_phonebook(self.hass)
        try:
            count = phonebook.merge(imported.contacts)
        except PhonebookFullError:
            errors["base"] = "phonebook_full"
            return self._import_form(errors)
        return self._imported(
            "contacts_imported",
            imported,
            {
                "added": str(count.added),
                "updated": str(count.updated),
                "unchanged": str(count.unchanged),
            },
        )

    async def _async_replace(
        self, imported: ImportedFile, errors: dict[str, str]
    ) -> ConfigFlowResult:
        phonebook = await async_get_phonebook(self.hass)
        try:
            removed = phonebook.replace_all(imported.contacts)
        except PhonebookFullError:
            errors["base"] = "phonebook_full"
            return self._import_form(errors)
        return self._imported(
            "contacts_replaced",
            imported,
            {"count": str(len(phonebook.contacts)), "removed": str(removed)},
        )

    def _imported(
        self, reason: str, imported: ImportedFile, counts: dict[str, str]
    ) -> ConfigFlowResult:
        """The result of an import; the skipped lines only where there are some."""
        if not (lines := [str(skipped.line) for skipped in imported.skipped]):
            return self.async_abort(reason=reason, description_placeholders=counts)
        listed = ", ".join(lines[:_LISTED_LINES])
        if len(lines) > _LISTED_LINES:
            listed += ", …"
        return self.async_abort(
            reason=f"{reason}_skipped",
            description_placeholders={
                **counts,
                "skipped": str(len(lines)),
                "skipped_lines": listed,
            },
        )

    def _import_form(self, errors: dict[str, str]) -> ConfigFlowResult:
        return self.async_show_form(
            step_id="import_contacts",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_FILE): FileSelector(
                        FileSelectorConfig(accept=_ACCEPTED_FILES)
                    ),
                    vol.Optional(CONF_REPLACE, default=False): BooleanSelector(),
                }
            ),
            errors=errors,
            description_placeholders={
                "country": country_placeholder(self.hass),
                "max_size": f"{MAX_FILE_BYTES // 1024} KiB",
                "max_contacts": str(MAX_CONTACTS),
            },
        )

    async def async_step_export_contacts(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the links that download the phonebook, in each format."""
        phonebook = await async_get_phonebook(self.hass)
        return self.async_abort(
            reason="contacts_exported",
            description_placeholders={
                "contacts": str(len(phonebook.contacts)),
                **async_export_links(self.hass),
            },
        )

    async def async_step_remove_all_contacts(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Empty the phonebook, once the user confirmed it."""
        phonebook = await async_get_phonebook(self.hass)
        errors: dict[str, str] = {}
        if user_input is not None:
            if user_input.get(CONF_CONFIRM):
                removed = phonebook.replace_all(())
                return self.async_abort(
                    reason="contacts_removed",
                    description_placeholders={"count": str(removed)},
                )
            errors[CONF_CONFIRM] = "confirm_required"
        return self.async_show_form(
            step_id="remove_all_contacts",
            data_schema=vol.Schema(
                {vol.Required(CONF_CONFIRM, default=False): BooleanSelector()}
            ),
            errors=errors,
            description_placeholders={
                "contacts": str(len(phonebook.contacts)),
                **async_export_links(self.hass),
            },
        )


class _UploadGoneError(Exception):
    """The uploaded file is no longer there: it is read once, then removed."""


def _read_upload(hass: HomeAssistant, file_id: str) -> ImportedFile:
    """The contacts of an uploaded file; run in the executor."""
    try:
        with process_uploaded_file(hass, file_id) as path, path.open("rb") as file:
            # One byte more than allowed tells a file that is too large.
            data = file.read(MAX_FILE_BYTES + 1)
    except ValueError as err:
        raise _UploadGoneError from err
    return read_contacts(data)
