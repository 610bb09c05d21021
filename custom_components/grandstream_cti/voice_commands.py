"""The voice commands' sentences, installed in the user's language when asked.

Home Assistant's own conversation agent reads sentences from
<config>/custom_sentences/<language>/, for the variant of its language it
speaks (de-CH reads de-CH, en-GB reads en). The integration ships one file
per language it speaks, in custom_sentences/<language>/; the one of Home
Assistant's language is installed by the options' Voice commands step or a
repair. The hash of what was written is kept: an update or a removal touches
the file only while it holds what the integration wrote. A file the user
changed is theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from homeassistant.const import SERVICE_RELOAD
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import language as language_util

from .const import DOMAIN
from .shipped_files import content_hash, copy_new, remove_unchanged, replace_unchanged
from .voice_store import INSTALLED, async_get_installed

SHIPPED = Path(__file__).parent / "custom_sentences"
FILE_NAME = f"{DOMAIN}.yaml"
# The repair that offers the file of Home Assistant's language.
OFFER_ISSUE = "voice_commands"
# The repair, after the last phone went, that offers to remove a file the
# user changed: {LEFT_ISSUE}_{language}.
LEFT_ISSUE = "voice_commands_left"
CONVERSATION = "conversation"


class Sentences(StrEnum):
    """What the agent's folder holds of the integration's sentences."""

    MISSING = "missing"
    # The shipped file, byte for byte: nothing of the user's in it.
    CURRENT = "current"
    # What the integration installed, unchanged; it ships a newer one since.
    OUTDATED = "outdated"
    # Changed since it was installed, or put there by hand: the user's.
    CHANGED = "changed"


# What the repair offers to put right.
OFFERED = (Sentences.MISSING, Sentences.OUTDATED)


@dataclass(frozen=True, slots=True)
class SentencesFile:
    """The sentence file of Home Assistant's language: shipped, and in its place."""

    # The folder's name: the language variant the agent reads.
    language: str
    source: Path
    target: Path
    state: Sentences
    # The hash of the file in place when the integration may replace or
    # remove it (current or outdated), else None.
    ours: str | None


def shipped_languages() -> list[str]:
    """The languages the integration has sentences in; in the executor."""
    return sorted(path.parent.name for path in SHIPPED.glob(f"*/{FILE_NAME}"))


def shipped_language(language: str, shipped: list[str]) -> str | None:
    """The shipped sentences for a language: its own, else its base language's.

    de-CH speaks de, en-GB en; pt-BR has its own, which pt and pt-PT do not
    share.
    """
    if language in shipped:
        return language
    base = language.split("-", maxsplit=1)[0]
    return base if base in shipped else None


def _agent_language(hass: HomeAssistant) -> str | None:
    """The language folder Home Assistant's agent reads; None without Assist."""
    if CONVERSATION not in hass.config.components:
        return None
    # Imported here: without Assist, its requirements may not be installed.
    from homeassistant.components import conversation  # noqa: PLC0415

    spoken = conversation.async_get_conversation_languages(
        hass, conversation.HOME_ASSISTANT_AGENT
    )
    matches = language_util.matches(hass.config.language, list(spoken))
    return matches[0] if matches else None


async def async_sentences_file(hass: HomeAssistant) -> SentencesFile | None:
    """The sentence file of Home Assistant's language; None when there is none.

    None also without Assist, or in a language Assist does not speak.
    """
    language = _agent_language(hass)
    if language is None:
        return None
    installed = await async_get_installed(hass)
    return await hass.async_add_executor_job(
        _inspect,
        hass.config.language,
        Path(hass.config.path("custom_sentences", language)),
        installed.hashes.get(language),
    )


def _inspect(language: str, folder: Path, written: str | None) -> SentencesFile | None:
    """Compare the agent's file with the shipped one; in the executor."""
    shipped = shipped_language(language, shipped_languages())
    if shipped is None:
        return None
    source = SHIPPED / shipped / FILE_NAME
    target = folder / FILE_NAME
    found = content_hash(target)
    if found is None:
        state = Sentences.MISSING
    elif found == content_hash(source):
        state = Sentences.CURRENT
    elif found == written:
        state = Sentences.OUTDATED
    else:
        state = Sentences.CHANGED
    ours = found if state in (Sentences.CURRENT, Sentences.OUTDATED) else None
    return SentencesFile(folder.name, source, target, state, ours)


async def async_install(hass: HomeAssistant, file: SentencesFile) -> bool:
    """Copy the sentences where none are; whether it did."""
    return await _async_write(hass, file, copy_new, file.source, file.target)


async def async_update(hass: HomeAssistant, file: SentencesFile) -> bool:
    """Replace the integration's unchanged sentences by the shipped ones."""
    return await _async_write(
        hass, file, replace_unchanged, file.source, file.target, file.ours
    )


async def async_remove(hass: HomeAssistant, file: SentencesFile) -> bool:
    """Delete the integration's unchanged sentences; whether it did."""
    if not await hass.async_add_executor_job(remove_unchanged, file.target, file.ours):
        return False
    installed = await async_get_installed(hass)
    await installed.async_note(file.language, None)
    await _async_changed(hass)
    return True


async def _async_write(
    hass: HomeAssistant, file: SentencesFile, write: Callable[..., bool], *args: Any
) -> bool:
    """Write the shipped sentences with write(*args) in the executor, note them."""
    if not await hass.async_add_executor_job(write, *args):
        return False
    written = await hass.async_add_executor_job(content_hash, file.target)
    installed = await async_get_installed(hass)
    await installed.async_note(file.language, written)
    await _async_changed(hass)
    return True


async def _async_changed(hass: HomeAssistant) -> None:
    """The agent's sentences changed: it reads them again; the offer follows."""
    await async_reload_agent(hass)
    await async_offer_sentences(hass)


async def async_reload_agent(hass: HomeAssistant) -> None:
    """Make Home Assistant's agent read its sentences again, without a restart.

    Its reload action without a language forgets the sentences of every
    language: the one a pipeline speaks may be a variant of Home Assistant's.
    """
    if hass.services.has_service(CONVERSATION, SERVICE_RELOAD):
        await hass.services.async_call(CONVERSATION, SERVICE_RELOAD, blocking=True)


async def async_offer_sentences(hass: HomeAssistant) -> None:
    """Offer, as a repair, the sentences Assist lacks or has an older copy of."""
    file = await async_sentences_file(hass)
    installed = await async_get_installed(hass)
    if (
        file is None
        or file.state not in OFFERED
        or (file.state is Sentences.MISSING and file.language in installed.removed)
    ):
        ir.async_delete_issue(hass, DOMAIN, OFFER_ISSUE)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        OFFER_ISSUE,
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key=f"voice_commands_{file.state}",
        translation_placeholders=folder_placeholders(hass, file.target),
    )


def folder_placeholders(hass: HomeAssistant, target: Path) -> dict[str, str]:
    """Where the sentences go, in the configuration folder, as texts name it."""
    return {"file": target.relative_to(hass.config.path()).as_posix()}


async def async_remove_installed(hass: HomeAssistant) -> None:
    """The last phone went: remove every unchanged file it installed.

    Without the integration its sentences would only take Assist's words to
    intents no one handles. A file the user changed since stays; a repair
    offers to remove it, while Home Assistant runs (the integration's repairs
    cannot act after a restart without a phone).
    """
    installed = await async_get_installed(hass)
    removed = False
    for language, written in installed.hashes.items():
        target = Path(hass.config.path("custom_sentences", language, FILE_NAME))
        if await hass.async_add_executor_job(remove_unchanged, target, written):
            removed = True
        elif await hass.async_add_executor_job(target.exists):
            ir.async_create_issue(
                hass,
                DOMAIN,
                f"{LEFT_ISSUE}_{language}",
                is_fixable=True,
                severity=ir.IssueSeverity.WARNING,
                translation_key=LEFT_ISSUE,
                translation_placeholders=folder_placeholders(hass, target),
            )
    del hass.data[INSTALLED]
    await installed.store.async_remove()
    ir.async_delete_issue(hass, DOMAIN, OFFER_ISSUE)
    if removed:
        await async_reload_agent(hass)


async def async_remove_left(hass: HomeAssistant, language: str) -> None:
    """Delete the changed file left after the last phone, as the user asked."""
    target = Path(hass.config.path("custom_sentences", language, FILE_NAME))
    await hass.async_add_executor_job(target.unlink, True)
    await async_reload_agent(hass)
