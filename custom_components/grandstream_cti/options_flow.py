"""Options of a phone: how often to read it; the phonebook, blueprints, voice of all."""

from __future__ import annotations

import re
from typing import Any

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
)

from .action_url_file import async_file_link
from .blueprint_install import install_blueprints, missing_blueprints
from .const import (
    CONF_OUTSIDE_LINE,
    CONF_POLL_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    MAX_POLL_INTERVAL,
    MIN_POLL_INTERVAL,
)
from .phonebook_files import PhonebookFileSteps
from .phonebook_store import async_get_phonebook
from .schema import vol
from .voice_flow import VoiceCommandSteps
from .webhook import action_url_slots, push_urls

# An outside-line prefix: up to four digits, or none.
_OUTSIDE_LINE = re.compile(r"[0-9]{0,4}")


class GrandstreamOptionsFlow(PhonebookFileSteps, VoiceCommandSteps):
    """The phone's settings; the phonebook that every phone shares; the blueprints.

    And the voice commands' sentences, for every phone.
    """

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the phone's settings, the phonebook's tasks, blueprints, voice."""
        phonebook = await async_get_phonebook(self.hass)
        tasks = ["settings", "contact", "import_contacts"]
        if phonebook.contacts:
            tasks.insert(2, "remove_contacts")
            tasks += ["export_contacts", "remove_all_contacts"]
        tasks += ["blueprints", "voice_commands"]
        return self.async_show_menu(
            step_id="init",
            menu_options=tasks,
            description_placeholders={"contacts": str(len(phonebook.contacts))},
        )

    async def async_step_blueprints(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer to install the blueprints that Home Assistant's folder lacks."""
        missing = await self.hass.async_add_executor_job(missing_blueprints, self.hass)
        if not missing:
            return self.async_abort(reason="blueprints_there")
        if user_input is not None:
            copied = await self.hass.async_add_executor_job(
                install_blueprints, self.hass, list(missing)
            )
            return self.async_abort(
                reason="blueprints_installed",
                description_placeholders={"count": str(len(copied))},
            )
        listed = "\n".join(f"- {title} (`{name}`)" for name, title in missing.items())
        return self.async_show_form(
            step_id="blueprints",
            data_schema=vol.Schema({}),
            description_placeholders={"blueprints": listed},
        )

    async def async_step_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the poll interval."""
        errors: dict[str, str] = {}
        if user_input is not None:
            outside_line = user_input.get(CONF_OUTSIDE_LINE, "").strip()
            if _OUTSIDE_LINE.fullmatch(outside_line):
                data: dict[str, Any] = {
                    CONF_POLL_INTERVAL: int(user_input[CONF_POLL_INTERVAL])
                }
                if outside_line:
                    data[CONF_OUTSIDE_LINE] = outside_line
                return self.async_create_entry(data=data)
            errors[CONF_OUTSIDE_LINE] = "invalid_outside_line"
        options = self.config_entry.options
        current = options.get(CONF_POLL_INTERVAL, DEFAULT_POLL_INTERVAL)
        pushed = bool(action_url_slots(self.config_entry))
        return self.async_show_form(
            # A phone whose Action URL slots are not known is told so, with
            # no URLs to paste and no file.
            step_id="settings" if pushed else "settings_polled",
            description_placeholders=self._settings_placeholders() if pushed else None,
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_POLL_INTERVAL, default=current): NumberSelector(
                        NumberSelectorConfig(
                            min=MIN_POLL_INTERVAL,
                            max=MAX_POLL_INTERVAL,
                            step=1,
                            unit_of_measurement="s",
                            mode=NumberSelectorMode.BOX,
                        )
                    ),
                    vol.Optional(
                        CONF_OUTSIDE_LINE,
                        description={
                            "suggested_value": options.get(CONF_OUTSIDE_LINE, "")
                        },
                    ): TextSelector(),
                }
            ),
            errors=errors,
        )

    async def async_step_settings_polled(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The settings of a phone without known Action URL slots."""
        return await self.async_step_settings(user_input)

    def _settings_placeholders(self) -> dict[str, str]:
        """What the settings' description shows: how to set the phone up."""
        urls = push_urls(self.hass, self.config_entry)
        action_urls = "\n".join(
            f"- {name} ({slot}): `{urls[event]}`"
            for event, (slot, name) in action_url_slots(self.config_entry).items()
        )
        return {
            "action_urls": action_urls,
            **async_file_link(self.hass, self.config_entry),
        }
