"""The steps that install, update and remove the voice commands' sentences.

The options' Voice commands step, for all phones; and the fix flows of the
repairs that offer the sentences (voice_commands.py raises them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigFlowResult, OptionsFlow

from .const import DOMAIN
from .intents.languages import LANGUAGES
from .schema import vol
from .voice_commands import (
    FILE_NAME,
    OFFERED,
    Sentences,
    SentencesFile,
    async_install,
    async_remove,
    async_remove_left,
    async_sentences_file,
    async_update,
    folder_placeholders,
    shipped_languages,
)

if TYPE_CHECKING:
    # Named in Home Assistant 2026.10; the oldest release's flows return FlowResult.
    from homeassistant.components.repairs import RepairsFlowResult


class VoiceCommandSteps(OptionsFlow):
    """Install the sentences of Home Assistant's language; update or remove them."""

    _sentences: SentencesFile

    async def async_step_voice_commands(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer what can be done with the sentences as they are now."""
        file = await async_sentences_file(self.hass)
        if file is None:
            languages = await self.hass.async_add_executor_job(shipped_languages)
            return self.async_abort(
                reason="voice_commands_unavailable",
                description_placeholders={
                    "language": self.hass.config.language,
                    "languages": ", ".join(
                        LANGUAGES[code].name if code in LANGUAGES else code
                        for code in languages
                    ),
                },
            )
        self._sentences = file
        match file.state:
            case Sentences.MISSING:
                return await self.async_step_voice_commands_install()
            case Sentences.CURRENT:
                return await self.async_step_voice_commands_remove()
            case Sentences.OUTDATED:
                return self.async_show_menu(
                    step_id="voice_commands",
                    menu_options=["voice_commands_update", "voice_commands_remove"],
                    description_placeholders=self._placeholders(),
                )
        return self._changed()

    async def async_step_voice_commands_install(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Install the sentences, once the user submits."""
        if user_input is None:
            return self._confirm("voice_commands_install")
        if not await async_install(self.hass, self._sentences):
            return self._changed()
        return self.async_abort(
            reason="voice_commands_installed",
            description_placeholders=self._placeholders(),
        )

    async def async_step_voice_commands_update(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Replace the unchanged older sentences: the user chose it in the menu."""
        if not await async_update(self.hass, self._sentences):
            return self._changed()
        return self.async_abort(
            reason="voice_commands_updated",
            description_placeholders=self._placeholders(),
        )

    async def async_step_voice_commands_remove(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Remove the integration's sentences, once the user submits."""
        if user_input is None:
            return self._confirm("voice_commands_remove")
        if not await async_remove(self.hass, self._sentences):
            return self._changed()
        return self.async_abort(
            reason="voice_commands_removed",
            description_placeholders=self._placeholders(),
        )

    def _confirm(self, step_id: str) -> ConfigFlowResult:
        return self.async_show_form(
            step_id=step_id,
            data_schema=vol.Schema({}),
            description_placeholders=self._placeholders(),
        )

    def _changed(self) -> ConfigFlowResult:
        """The file is the user's: it stays; say where the shipped one is."""
        return self.async_abort(
            reason="voice_commands_changed",
            description_placeholders=self._placeholders(),
        )

    def _placeholders(self) -> dict[str, str]:
        """The file in Home Assistant's folder, and the one the integration ships.

        The shipped one as HACS installs it, in the configuration folder.
        """
        shipped = f"{self._sentences.source.parent.name}/{FILE_NAME}"
        return {
            **folder_placeholders(self.hass, self._sentences.target),
            "shipped": f"custom_components/{DOMAIN}/custom_sentences/{shipped}",
        }


class SentencesOfferFlow(RepairsFlow):
    """The repair that installs the missing sentences, or updates older ones."""

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Ask first."""
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Install or update, as the sentences are when the user submits."""
        file = await async_sentences_file(self.hass)
        if file is None or file.state not in OFFERED:
            # Nothing left to offer: the repair goes.
            return self.async_create_entry(data={})
        if user_input is None:
            return self.async_show_form(
                step_id="confirm",
                data_schema=vol.Schema({}),
                description_placeholders=folder_placeholders(self.hass, file.target),
            )
        if file.state is Sentences.MISSING:
            await async_install(self.hass, file)
        else:
            await async_update(self.hass, file)
        return self.async_create_entry(data={})


class LeftSentencesFlow(RepairsFlow):
    """After the last phone: the repair that removes a file the user changed."""

    def __init__(self, language: str) -> None:
        """The file of this language folder."""
        self._language = language

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Ask first."""
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Delete the file once the user submits."""
        if user_input is None:
            return self.async_show_form(
                step_id="confirm",
                data_schema=vol.Schema({}),
                description_placeholders={
                    "file": f"custom_sentences/{self._language}/{FILE_NAME}"
                },
            )
        await async_remove_left(self.hass, self._language)
        return self.async_create_entry(data={})
