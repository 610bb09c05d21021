"""Config flow of the Grandstream CTI integration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import callback
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo

from .const import (
    CONF_FAMILY,
    CONF_POLL_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DOMAIN,
    LOGGER,
    MAX_POLL_INTERVAL,
    MIN_POLL_INTERVAL,
)
from .coordinator import GrandstreamConfigEntry
from .cti import (
    Family,
    GrandstreamAuthenticationError,
    GrandstreamConnectionError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamValidationError,
    split_host,
)
from .entity import MODELS
from .helpers import create_client
from .schema import vol
from .webhook import ACTION_URL_SLOTS, push_urls

_PASSWORD_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


_CONNECTION_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_HOST): str,
        vol.Required(CONF_PASSWORD): _PASSWORD_SELECTOR,
        vol.Required(CONF_SSL, default=False): bool,
        vol.Required(CONF_VERIFY_SSL, default=False): bool,
    }
)


def _normalized_host(host: str) -> str:
    """The host as the client will address it, for comparing entries."""
    name, port = split_host(host)
    name = f"[{name}]" if ":" in name else name
    return name.lower() if port is None else f"{name.lower()}:{port}"


class GrandstreamConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a Grandstream phone."""

    VERSION = 1

    _discovered_host: str | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: GrandstreamConfigEntry) -> OptionsFlow:
        """Options of an added phone."""
        return GrandstreamOptionsFlow()

    @callback
    def _async_show_connection_form(
        self, step_id: str, values: Mapping[str, Any], errors: dict[str, str]
    ) -> ConfigFlowResult:
        # The password is never sent back to the browser as a suggestion.
        suggested = {k: v for k, v in values.items() if k != CONF_PASSWORD and v}
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                _CONNECTION_SCHEMA, suggested
            ),
            errors=errors,
        )

    async def _async_probe(
        self, data: Mapping[str, Any]
    ) -> tuple[Family | None, dict[str, str]]:
        """Ask the phone which family it is; return it, or the form's errors."""
        try:
            family = await create_client(self.hass, data).detect_family()
        except GrandstreamValidationError:
            return None, {CONF_HOST: "invalid_host"}
        except GrandstreamAuthenticationError:
            return None, {"base": "invalid_auth"}
        except GrandstreamNotSupportedError:
            return None, {"base": "cti_disabled"}
        except (GrandstreamConnectionError, GrandstreamResponseError) as err:
            LOGGER.debug("Cannot connect to %s: %s", data[CONF_HOST], err)
            return None, {"base": "cannot_connect"}
        except Exception:  # noqa: BLE001
            LOGGER.exception("Unexpected error talking to %s", data[CONF_HOST])
            return None, {"base": "unknown"}
        return family, {}

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the phone's address and password."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                user_input[CONF_HOST] = _normalized_host(user_input[CONF_HOST])
            except GrandstreamValidationError:
                errors[CONF_HOST] = "invalid_host"
            else:
                self._async_abort_entries_match({CONF_HOST: user_input[CONF_HOST]})
                family, errors = await self._async_probe(user_input)
                if family is not None:
                    return self.async_create_entry(
                        title=f"Grandstream {MODELS[family]} ({user_input[CONF_HOST]})",
                        data={**user_input, CONF_FAMILY: family.value},
                    )
        return self._async_show_connection_form(
            "user", user_input or {CONF_HOST: self._discovered_host}, errors
        )

    async def async_step_dhcp(
        self, discovery_info: DhcpServiceInfo
    ) -> ConfigFlowResult:
        """A Grandstream device asked for an address."""
        mac = format_mac(discovery_info.macaddress)
        address = discovery_info.ip
        for entry in self._async_current_entries(include_ignore=False):
            name, port = split_host(entry.data[CONF_HOST])
            if entry.unique_id == mac or (entry.unique_id is None and name == address):
                # The phone we know, perhaps at a new address: follow it.
                host = address if port is None else f"{address}:{port}"
                self.hass.config_entries.async_update_entry(
                    entry, unique_id=mac, data={**entry.data, CONF_HOST: host}
                )
                # A running entry reloads for the new address by itself (its
                # update listener); one waiting to retry now knows that its
                # phone is on the network.
                if entry.state is ConfigEntryState.SETUP_RETRY:
                    self.hass.config_entries.async_schedule_reload(entry.entry_id)
                return self.async_abort(reason="already_configured")
        await self.async_set_unique_id(mac)
        self._abort_if_unique_id_configured()
        self._discovered_host = address
        self.context["title_placeholders"] = {"host": address}
        return await self.async_step_user()

    def _async_update_and_reload(
        self, entry: GrandstreamConfigEntry, data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """Store new settings and finish; the entry is reloaded either way.

        A loaded entry reloads for changed settings through its update
        listener. Any other is reloaded here: one whose setup failed has no
        listener, and unchanged settings (the same password typed again after
        a lock-out) still mean "try the phone again".
        """
        changed = self.hass.config_entries.async_update_entry(entry, data=data)
        if not (changed and entry.state is ConfigEntryState.LOADED):
            self.hass.config_entries.async_schedule_reload(entry.entry_id)
        reason = (
            "reconfigure_successful"
            if self.source == SOURCE_RECONFIGURE
            else "reauth_successful"
        )
        return self.async_abort(reason=reason)

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """The phone refused the password."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the phone's new password."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**entry.data, **user_input}
            family, errors = await self._async_probe(data)
            if family is not None:
                return self._async_update_and_reload(entry, data)
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_PASSWORD): _PASSWORD_SELECTOR}),
            description_placeholders={CONF_HOST: entry.data[CONF_HOST]},
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the address, password or HTTPS settings of a phone."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                user_input[CONF_HOST] = _normalized_host(user_input[CONF_HOST])
            except GrandstreamValidationError:
                errors[CONF_HOST] = "invalid_host"
            else:
                if user_input[CONF_HOST] != entry.data[CONF_HOST]:
                    self._async_abort_entries_match({CONF_HOST: user_input[CONF_HOST]})
                family, errors = await self._async_probe(user_input)
                if family is not None:
                    if family.value != entry.data[CONF_FAMILY]:
                        return self.async_abort(reason="wrong_family")
                    return self._async_update_and_reload(
                        entry, {**entry.data, **user_input}
                    )
        return self._async_show_connection_form(
            "reconfigure", user_input or entry.data, errors
        )


class GrandstreamOptionsFlow(OptionsFlow):
    """How often to read the phone."""

    async def async_step_init(
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
        urls = push_urls(self.hass, self.config_entry)
        action_urls = "\n".join(
            f"- {name} ({slot}): `{urls[event]}`"
            for event, (slot, name) in ACTION_URL_SLOTS.items()
        )
        return self.async_show_form(
            step_id="init",
            description_placeholders={"action_urls": action_urls},
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
