"""The phonebook's steps of a phone's options: add, change, remove contacts."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .phonebook.contacts import (
    MAX_CONTACTS,
    Contact,
    InvalidNumberError,
    NameTakenError,
    NameTooLongError,
    NoNameError,
    PhonebookFullError,
    contact,
)
from .phonebook.numbers import numbering_plan
from .phonebook_store import async_get_phonebook
from .schema import vol

CONF_CONTACTS = "contacts"
CONF_NUMBERS = "numbers"


class PhonebookSteps(OptionsFlow):
    """The steps of an options flow that edit the phonebook of all phones."""

    def __init__(self) -> None:
        """Start with no contact chosen."""
        # What the contact form starts with: a contact of the phonebook, which
        # it then changes, or just the name typed for a new one.
        self._contact: Contact | None = None

    async def async_step_contact(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose the contact to change, or type the name of a new one."""
        phonebook = await async_get_phonebook(self.hass)
        if not phonebook.contacts:
            return await self.async_step_contact_numbers()
        errors: dict[str, str] = {}
        if user_input is not None:
            if name := user_input.get(CONF_NAME, "").strip():
                self._contact = phonebook.contact_named(name) or Contact(
                    name=name, numbers=()
                )
                return await self.async_step_contact_numbers()
            errors[CONF_NAME] = "no_contact_chosen"
        names = [known.name for known in phonebook.contacts]
        return self.async_show_form(
            step_id="contact",
            data_schema=vol.Schema(
                {
                    # Optional: the frontend starts a required choice with its
                    # first option, which the user would then change unawares.
                    vol.Optional(CONF_NAME): SelectSelector(
                        SelectSelectorConfig(
                            options=names, custom_value=True, sort=True
                        )
                    )
                }
            ),
            errors=errors,
        )

    async def async_step_contact_numbers(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the contact's name and numbers."""
        phonebook = await async_get_phonebook(self.hass)
        errors: dict[str, str] = {}
        placeholders = {"number": ""}
        if user_input is not None:
            replacing = self._contact.name if self._contact else None
            if replacing is not None and phonebook.contact_named(replacing) is None:
                replacing = None
            try:
                new = contact(user_input[CONF_NAME], user_input[CONF_NUMBERS])
                phonebook.set_contact(new, replacing=replacing)
            except InvalidNumberError as err:
                errors[CONF_NUMBERS] = "invalid_number" if str(err) else "no_number"
                placeholders["number"] = str(err)
            except NoNameError:
                errors[CONF_NAME] = "no_name"
            except NameTooLongError:
                errors[CONF_NAME] = "name_too_long"
            except NameTakenError:
                errors[CONF_NAME] = "name_taken"
            except PhonebookFullError:
                errors["base"] = "phonebook_full"
            else:
                return self.async_abort(
                    reason="contact_saved", description_placeholders={"name": new.name}
                )
        shown = user_input or {
            CONF_NAME: self._contact.name if self._contact else "",
            CONF_NUMBERS: list(self._contact.numbers) if self._contact else [],
        }
        schema = vol.Schema(
            {
                vol.Required(CONF_NAME): TextSelector(),
                vol.Required(CONF_NUMBERS): TextSelector(
                    TextSelectorConfig(type=TextSelectorType.TEL, multiple=True)
                ),
            }
        )
        return self.async_show_form(
            step_id="contact_numbers",
            data_schema=self.add_suggested_values_to_schema(schema, shown),
            errors=errors,
            description_placeholders={
                **placeholders,
                "max_contacts": str(MAX_CONTACTS),
                "country": country_placeholder(self.hass),
            },
        )

    async def async_step_remove_contacts(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask which contacts to remove."""
        phonebook = await async_get_phonebook(self.hass)
        errors: dict[str, str] = {}
        if user_input is not None:
            if chosen := user_input.get(CONF_CONTACTS):
                before = len(phonebook.contacts)
                phonebook.remove(chosen)
                return self.async_abort(
                    reason="contacts_removed",
                    description_placeholders={
                        "count": str(before - len(phonebook.contacts))
                    },
                )
            errors[CONF_CONTACTS] = "no_contacts_chosen"
        names = [known.name for known in phonebook.contacts]
        return self.async_show_form(
            step_id="remove_contacts",
            data_schema=vol.Schema(
                {
                    # Optional: the frontend starts a required choice with its
                    # first option, which would be removed with the chosen ones.
                    vol.Optional(CONF_CONTACTS): SelectSelector(
                        SelectSelectorConfig(
                            options=names,
                            multiple=True,
                            sort=True,
                            mode=SelectSelectorMode.DROPDOWN,
                        )
                    )
                }
            ),
            errors=errors,
        )


def country_placeholder(hass: HomeAssistant) -> str:
    """Home Assistant's country, with the calling code that numbers match by."""
    if (country := hass.config.country) is None:
        return "—"
    plan = numbering_plan(country)
    return f"{country} (+{plan.calling_code})" if plan else country
