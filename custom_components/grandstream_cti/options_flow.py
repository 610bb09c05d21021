"""Options of a phone: how often to read it; the phonebook and blueprints of all."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)

from .action_url_file import async_file_link
from .blueprint_install import install_blueprints, missing_blueprints
from .const import (
    CONF_POLL_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    MAX_POLL_INTERVAL,
    MIN_POLL_INTERVAL,
)
from .phonebook_flow import PhonebookSteps
from .phonebook_store import async_get_phonebook
from .schema import vol
from .webhook import ACTION_URL_SLOTS, push_urls


class GrandstreamOptionsFlow(PhonebookSteps):
    """The phone's settings; the phonebook that every phone shares; the blueprints."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the phone's settings, the phonebook's tasks, the blueprints."""
        phonebook = await async_get_phonebook(self.hass)
        tasks = ["settings", "contact", "import_contacts", "blueprints"]
        if phonebook.contacts:
            tasks.insert(2, "remove_contacts")
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
        if user_input is not None:
            return self.async_create_entry(
                data={CONF_POLL_INTERVAL: int(user_input[CONF_POLL_INTERVAL])}
            )
        current = self.config_entry.options.get(
            CONF_POLL_INTERVAL, DEFAULT_POLL_INTERVAL
        )
        return self.async_show_form(
            step_id="settings",
            description_placeholders=self._settings_placeholders(),
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
                    )
                }
            ),
        )

    def _settings_placeholders(self) -> dict[str, str]:
        """What the settings' description shows: how to set the phone up."""
        urls = push_urls(self.hass, self.config_entry)
        action_urls = "\n".join(
            f"- {name} ({slot}): `{urls[event]}`"
            for event, (slot, name) in ACTION_URL_SLOTS.items()
        )
        return {
            "action_urls": action_urls,
            **async_file_link(self.hass, self.config_entry),
        }
