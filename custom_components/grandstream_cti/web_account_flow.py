"""The config flow's step for a WP: the web account Home Assistant logs in as."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .cti import PhoneIdentity
from .phone_probe import async_probe_phone
from .schema import vol

PASSWORD_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_WEB_ACCOUNT_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_USERNAME): str,
        vol.Required(CONF_PASSWORD): PASSWORD_SELECTOR,
    }
)


class WebAccountFlow(ConfigFlow):
    """Asks a WP phone's flow for a user name and that user's password.

    A WP is reached through its web session, where one login ends any other
    session of the same user (lineup.md): the step's description tells the
    user to give Home Assistant an account of its own.
    """

    # The phone's address and settings, until its web account is given.
    _web_phone: dict[str, Any]

    @abstractmethod
    async def _async_finish(
        self, data: dict[str, Any], identity: PhoneIdentity
    ) -> ConfigFlowResult:
        """Add the phone, or store a reconfigured one's new settings."""

    async def async_step_web_account(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the web account; one login proves it."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**self._web_phone, **user_input}
            identity, errors = await async_probe_phone(self.hass, data)
            if identity is not None:
                return await self._async_finish(data, identity)
        suggested = {CONF_USERNAME: self._web_phone.get(CONF_USERNAME, "")}
        return self.async_show_form(
            step_id="web_account",
            data_schema=self.add_suggested_values_to_schema(
                _WEB_ACCOUNT_SCHEMA, user_input or suggested
            ),
            description_placeholders={CONF_HOST: self._web_phone[CONF_HOST]},
            errors=errors,
        )
