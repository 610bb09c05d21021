"""Config flow of the Grandstream CTI integration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigEntry,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import callback
from homeassistant.data_entry_flow import AbortFlow
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo

from .const import (
    CONF_FAMILY,
    CONF_FIRMWARE,
    CONF_MODEL,
    CONF_PUSHED_EVENTS,
    DOMAIN,
    MODELS,
    REQUEST_TIMEOUT,
)
from .coordinator import GrandstreamConfigEntry
from .cti import (
    Family,
    GrandstreamValidationError,
    PhoneIdentity,
    join_host,
    normalize_host,
    probe_cti,
    split_host,
)
from .options_flow import GrandstreamOptionsFlow
from .phone_probe import async_probe_phone, identity_data
from .repairs import Repair, async_clear_repair, async_raise_repair
from .schema import vol

_PASSWORD_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))

_CONNECTION_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_HOST): str,
        vol.Required(CONF_PASSWORD): _PASSWORD_SELECTOR,
        vol.Required(CONF_SSL, default=False): bool,
        vol.Required(CONF_VERIFY_SSL, default=False): bool,
    }
)


# Where a discovered device is asked whether it is a CTI phone: its web
# server's default ports, HTTP first (a phone may be set to HTTPS only).
DISCOVERY_WEB_SERVERS: Final = ((False, 80), (True, 443))


def _host_of(data: Mapping[str, Any]) -> str | None:
    """An entry's host, normalized (entries of older versions kept the port)."""
    try:
        return normalize_host(data[CONF_HOST], data.get(CONF_SSL, False))
    except KeyError, GrandstreamValidationError:
        return None


class GrandstreamConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a Grandstream phone."""

    VERSION = 1

    _discovered: Mapping[str, Any] | None = None

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

    @callback
    def _async_abort_if_host_configured(
        self, host: str, entry: ConfigEntry | None = None
    ) -> None:
        """Refuse a host that another entry (than entry) already has."""
        for other in self._async_current_entries(include_ignore=False):
            if other is not entry and _host_of(other.data) == host:
                raise AbortFlow("already_configured")

    async def _async_probe_input(
        self, user_input: dict[str, Any], entry: ConfigEntry | None = None
    ) -> tuple[PhoneIdentity | None, dict[str, str]]:
        """Probe the phone the form names (its host normalized in user_input).

        A host that another entry (than entry) already has aborts the flow.
        """
        try:
            user_input[CONF_HOST] = normalize_host(
                user_input[CONF_HOST], user_input[CONF_SSL]
            )
        except GrandstreamValidationError:
            return None, {CONF_HOST: "invalid_host"}
        self._async_abort_if_host_configured(user_input[CONF_HOST], entry)
        return await async_probe_phone(self.hass, user_input)

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the phone's address and password."""
        errors: dict[str, str] = {}
        if user_input is not None:
            identity, errors = await self._async_probe_input(user_input)
            if identity is not None:
                model = identity.model or MODELS[identity.family]
                return self.async_create_entry(
                    title=f"Grandstream {model} ({user_input[CONF_HOST]})",
                    data={**user_input, **identity_data(identity)},
                )
        return self._async_show_connection_form(
            "user", user_input or self._discovered or {}, errors
        )

    async def async_step_dhcp(
        self, discovery_info: DhcpServiceInfo
    ) -> ConfigFlowResult:
        """A Grandstream device asked for an address."""
        mac = format_mac(discovery_info.macaddress)
        address = discovery_info.ip
        entries = self._async_current_entries(include_ignore=False)
        # Entries that do not know their MAC yet, added at this address.
        here = [
            entry
            for entry in entries
            if entry.unique_id is None
            and split_host(entry.data[CONF_HOST])[0] == address
        ]
        phone = next((entry for entry in entries if entry.unique_id == mac), None)
        if phone is None and here:
            phone = here.pop(0)
        if phone is not None:
            self._async_follow(phone, mac, address)
            # Whatever else was added at this address is this phone again.
            for duplicate in here:
                async_raise_repair(
                    self.hass,
                    duplicate,
                    Repair.DUPLICATE_PHONE,
                    {"other": phone.title, "mac": mac},
                )
            return self.async_abort(reason="already_configured")
        await self.async_set_unique_id(mac)
        self._abort_if_unique_id_configured()
        # Self-signed phone certificates; the probe sends nothing secret.
        session = async_get_clientsession(self.hass, verify_ssl=False)
        for ssl, port in DISCOVERY_WEB_SERVERS:
            host = normalize_host(f"{address}:{port}", ssl)
            if await probe_cti(session, host, ssl=ssl, request_timeout=REQUEST_TIMEOUT):
                break
        else:
            # An access point, ATA, PBX or door station, or CTI off: no offer.
            return self.async_abort(reason="not_a_cti_phone")
        self._discovered = {CONF_HOST: host, CONF_SSL: ssl}
        self.context["title_placeholders"] = {"host": address}
        return await self.async_step_user()

    @callback
    def _async_follow(self, entry: ConfigEntry, mac: str, address: str) -> None:
        """The phone of entry asked for an address: learn its MAC, follow it."""
        host = join_host(address, split_host(entry.data[CONF_HOST])[1])
        self.hass.config_entries.async_update_entry(
            entry, unique_id=mac, data={**entry.data, CONF_HOST: host}
        )
        # A running entry reloads for the new address by itself (its update
        # listener); one waiting to retry now knows that its phone is on the
        # network.
        if entry.state is ConfigEntryState.SETUP_RETRY:
            self.hass.config_entries.async_schedule_reload(entry.entry_id)
        async_clear_repair(self.hass, entry, Repair.DUPLICATE_PHONE)

    def _async_update_and_reload(
        self,
        entry: GrandstreamConfigEntry,
        data: Mapping[str, Any],
        identity: PhoneIdentity,
    ) -> ConfigFlowResult:
        """Store new settings and finish; the entry is reloaded either way.

        A loaded entry reloads for changed settings through its update
        listener. Any other is reloaded here: one whose setup failed has no
        listener, and unchanged settings (the same password typed again after
        a lock-out) still mean "try the phone again".

        At another address may be another phone: the entry forgets what it
        learnt of the old one (its MAC, model and firmware, which pushes it
        sent) and learns the new one's from its first push or DHCP request.
        What the phone said of itself now (family, model) is kept either way.
        """
        unique_id = entry.unique_id
        if _host_of(data) != _host_of(entry.data):
            unique_id = None
            learnt = (CONF_PUSHED_EVENTS, CONF_MODEL, CONF_FIRMWARE)
            data = {k: v for k, v in data.items() if k not in learnt}
            async_clear_repair(self.hass, entry, Repair.DUPLICATE_PHONE)
            async_clear_repair(self.hass, entry, Repair.ACTION_URLS_SILENT)
        data = {**data, **identity_data(identity)}
        changed = self.hass.config_entries.async_update_entry(
            entry, unique_id=unique_id, data=data
        )
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
            identity, errors = await async_probe_phone(self.hass, data)
            if identity is not None:
                return self._async_update_and_reload(entry, data, identity)
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
            identity, errors = await self._async_probe_input(user_input, entry)
            if identity is not None:
                # A desk phone may turn out a GRP that was taken for a GXP
                # before its model was read; a base stays a base.
                old = Family(entry.data[CONF_FAMILY])
                if identity.family.has_handsets is not old.has_handsets:
                    return self.async_abort(reason="wrong_family")
                return self._async_update_and_reload(
                    entry, {**entry.data, **user_input}, identity
                )
        return self._async_show_connection_form(
            "reconfigure", user_input or entry.data, errors
        )
