"""The voice commands' sentences, installed from the UI in the user's language.

Home Assistant's own conversation agent reads <config>/custom_sentences/; the
options' Voice commands step and a repair put the integration's file for Home
Assistant's language there. Each test speaks to the agent as Assist does, so
that what it understands after each step is what a user gets, no restart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti import voice_commands, voice_store
from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.voice_commands import (
    SHIPPED,
    shipped_language,
)

from ..conftest import setup_entry
from .helpers import options_step, rendered_description

pytestmark = pytest.mark.usefixtures("freezer")

ENGLISH = SHIPPED / "en" / "grandstream_cti.yaml"
# A sentence of the integration's; without them, Assist's own sentences take
# it for a question about an entity's state.
ASKED = "who is calling"
WHO_IS_CALLING = "GrandstreamWhoIsCalling"


@pytest.fixture
def config_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Home Assistant's configuration folder, with an empty configuration.yaml.

    Assist's reload reads its configuration from it.
    """
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "configuration.yaml").write_text("", encoding="utf-8")
    hass.config.config_dir = str(folder)
    return folder


def installed(config_dir: Path, language: str = "en") -> Path:
    """Where the agent reads the integration's sentences of a language."""
    return config_dir / "custom_sentences" / language / "grandstream_cti.yaml"


@pytest.fixture
async def assist(hass: HomeAssistant, config_dir: Path) -> None:
    """Assist, its sentences loaded before any is installed."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, conversation.DOMAIN, {})
    await conversation.async_prepare_agent(hass, None, hass.config.language)


@pytest.fixture
async def phone(
    hass: HomeAssistant, assist: None, gxp_entry: MockConfigEntry
) -> MockConfigEntry:
    """The GXP, set up once Assist is."""
    return await setup_entry(hass, gxp_entry)


async def understood(hass: HomeAssistant) -> str | None:
    """The intent Assist takes ASKED for, in Home Assistant's language."""
    result = await conversation.async_converse(
        hass, ASKED, None, Context(), language=hass.config.language
    )
    return result.response.intent and result.response.intent.intent_type


def shipping(folder: Path) -> Any:
    """The integration ships the sentences of folder instead of its own."""
    return patch.multiple(
        "custom_components.grandstream_cti.voice_commands", SHIPPED=folder
    )


def shipped_copy(tmp_path: Path, languages: dict[str, str]) -> Path:
    """Shipped sentences: the English file under each language, with text added."""
    folder = tmp_path / "custom_components" / DOMAIN / "custom_sentences"
    for language, added in languages.items():
        (folder / language).mkdir(parents=True)
        text = ENGLISH.read_text(encoding="utf-8") + added
        (folder / language / "grandstream_cti.yaml").write_text(text, encoding="utf-8")
    return folder


async def install(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    """Install the sentences from the options, as a user does."""
    result = await options_step(hass, entry, "voice_commands")
    assert result["step_id"] == "voice_commands_install"
    return dict(
        await hass.config_entries.options.async_configure(result["flow_id"], {})
    )


async def test_install_from_the_options(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path
) -> None:
    """Submitted, the step copies the file and Assist understands it at once."""
    assert await understood(hass) != WHO_IS_CALLING
    result = await options_step(hass, phone, "voice_commands")
    assert result["type"] is FlowResultType.FORM
    shown = await rendered_description(hass, "options", result)
    assert "`custom_sentences/en/grandstream_cti.yaml`" in shown

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "voice_commands_installed"
    assert installed(config_dir).read_bytes() == ENGLISH.read_bytes()
    assert await understood(hass) == WHO_IS_CALLING


@pytest.mark.parametrize(
    ("language", "folder"), [("en-GB", "en"), ("de-CH", "de-CH"), ("de-DE", "de")]
)
async def test_installed_where_assist_reads_the_language(
    hass: HomeAssistant,
    *,
    gxp_entry: MockConfigEntry,
    config_dir: Path,
    tmp_path: Path,
    language: str,
    folder: str,
) -> None:
    """A regional language gets its base language's file, where Assist reads it."""
    hass.config.language = language
    with shipping(shipped_copy(tmp_path, {"en": "", "de": ""})):
        await async_setup_component(hass, "homeassistant", {})
        await async_setup_component(hass, conversation.DOMAIN, {})
        entry = await setup_entry(hass, gxp_entry)
        assert await understood(hass) != WHO_IS_CALLING

        assert (await install(hass, entry))["reason"] == "voice_commands_installed"

    assert installed(config_dir, folder).exists()
    assert await understood(hass) == WHO_IS_CALLING


@pytest.mark.parametrize(
    ("language", "shipped"),
    [
        ("de", "de"),
        ("de-CH", "de"),
        ("en-GB", "en"),
        ("pt-BR", "pt-BR"),
        ("pt", None),
        ("pt-PT", None),
        ("ja", None),
    ],
)
def test_shipped_language(language: str, shipped: str | None) -> None:
    """Its own file, else its base language's: pt-BR's is not Portugal's."""
    assert shipped_language(language, ["de", "en", "pt-BR"]) == shipped


async def test_a_language_without_sentences(
    hass: HomeAssistant, config_dir: Path, gxp_entry: MockConfigEntry
) -> None:
    """The step says which languages there are; nothing is written or offered."""
    hass.config.language = "ja"
    await async_setup_component(hass, "homeassistant", {})
    await async_setup_component(hass, conversation.DOMAIN, {})
    entry = await setup_entry(hass, gxp_entry)

    result = await options_step(hass, entry, "voice_commands")

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "voice_commands_unavailable"
    assert result["description_placeholders"] == {
        "language": "ja",
        "languages": (
            "Čeština, Deutsch, English, Español, Français, Italiano, Nederlands, "
            "Polski, Português (Brasil)"
        ),
    }
    assert not (config_dir / "custom_sentences").exists()
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None


async def test_without_assist(
    hass: HomeAssistant, gxp: MockConfigEntry, config_dir: Path
) -> None:
    """Without the conversation integration there is nothing to install into."""
    result = await options_step(hass, gxp, "voice_commands")

    assert result["reason"] == "voice_commands_unavailable"
    assert not (config_dir / "custom_sentences").exists()


@pytest.mark.usefixtures("assist")
async def test_a_changed_file_is_never_overwritten(
    hass: HomeAssistant, gxp_entry: MockConfigEntry, config_dir: Path
) -> None:
    """The user's own file stays; the step says where the shipped one is."""
    mine = installed(config_dir)
    mine.parent.mkdir(parents=True)
    mine.write_text("language: en\nintents: {}\n", encoding="utf-8")
    entry = await setup_entry(hass, gxp_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None

    result = await options_step(hass, entry, "voice_commands")

    assert result["reason"] == "voice_commands_changed"
    assert result["description_placeholders"] == {
        "file": "custom_sentences/en/grandstream_cti.yaml",
        "shipped": "custom_components/grandstream_cti/custom_sentences/en/grandstream_cti.yaml",
    }
    assert mine.read_text(encoding="utf-8") == "language: en\nintents: {}\n"


async def test_a_file_made_meanwhile_is_kept(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path
) -> None:
    """A file that appears between the form and its submit is not overwritten."""
    result = await options_step(hass, phone, "voice_commands")
    installed(config_dir).parent.mkdir(parents=True)
    installed(config_dir).write_text("# made meanwhile\n", encoding="utf-8")

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["reason"] == "voice_commands_changed"
    assert installed(config_dir).read_text(encoding="utf-8") == "# made meanwhile\n"


async def install_older(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    """Install what an earlier release shipped: the English file, one intent less."""
    older = tmp_path / "older" / "en"
    older.mkdir(parents=True)
    text = ENGLISH.read_text(encoding="utf-8")
    (older / "grandstream_cti.yaml").write_text(
        text.replace("GrandstreamWhoIsCalling:", "GrandstreamNotYet:"), encoding="utf-8"
    )
    with shipping(older.parent):
        await install(hass, entry)
    assert await understood(hass) != WHO_IS_CALLING
    # What Home Assistant does once started with this release.
    await voice_commands.async_offer_sentences(hass)


async def test_update_an_unchanged_file(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path, tmp_path: Path
) -> None:
    """The file installed by an earlier release is replaced by the new one."""
    await install_older(hass, phone, tmp_path)
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands")
    assert issue is not None
    assert issue.translation_key == "voice_commands_outdated"
    result = await options_step(hass, phone, "voice_commands")
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["voice_commands_update", "voice_commands_remove"]

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "voice_commands_update"}
    )

    assert result["reason"] == "voice_commands_updated"
    assert installed(config_dir).read_bytes() == ENGLISH.read_bytes()
    assert await understood(hass) == WHO_IS_CALLING
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None


async def test_no_update_of_a_changed_file(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path, tmp_path: Path
) -> None:
    """Changed after an earlier release installed it: the user's, kept."""
    await install_older(hass, phone, tmp_path)
    with installed(config_dir).open("a", encoding="utf-8") as file:
        file.write("# my change\n")
    changed = installed(config_dir).read_bytes()

    result = await options_step(hass, phone, "voice_commands")

    assert result["reason"] == "voice_commands_changed"
    assert installed(config_dir).read_bytes() == changed


async def test_a_file_changed_before_the_update_is_kept(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path, tmp_path: Path
) -> None:
    """Changed while the menu was open: Update leaves it, and says so."""
    await install_older(hass, phone, tmp_path)
    result = await options_step(hass, phone, "voice_commands")
    installed(config_dir).write_text("# changed meanwhile\n", encoding="utf-8")

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "voice_commands_update"}
    )

    assert result["reason"] == "voice_commands_changed"
    assert installed(config_dir).read_text(encoding="utf-8") == "# changed meanwhile\n"


async def test_a_file_changed_before_the_removal_is_kept(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path
) -> None:
    """Changed while the form was open: Remove leaves it, and says so."""
    await install(hass, phone)
    result = await options_step(hass, phone, "voice_commands")
    installed(config_dir).write_text("# changed meanwhile\n", encoding="utf-8")

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["reason"] == "voice_commands_changed"
    assert installed(config_dir).read_text(encoding="utf-8") == "# changed meanwhile\n"


async def test_remove_from_the_options(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path
) -> None:
    """Removed, Assist no longer understands the sentences; they can come back."""
    await install(hass, phone)
    result = await options_step(hass, phone, "voice_commands")
    assert result["step_id"] == "voice_commands_remove"

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["reason"] == "voice_commands_removed"
    assert not installed(config_dir).exists()
    assert await understood(hass) != WHO_IS_CALLING
    assert (await install(hass, phone))["reason"] == "voice_commands_installed"


async def test_removed_from_the_options_is_not_offered_again(
    hass: HomeAssistant, phone: MockConfigEntry
) -> None:
    """The user removed them: no repair asks to install them, after a restart too."""
    await install(hass, phone)
    result = await options_step(hass, phone, "voice_commands")
    await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None
    # What a restart reads again: the store, and the offer once started.
    hass.data.pop(voice_store.INSTALLED)
    await voice_commands.async_offer_sentences(hass)
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None
    assert (await install(hass, phone))["reason"] == "voice_commands_installed"


async def test_a_damaged_store_costs_only_its_damage(
    hass: HomeAssistant, hass_storage: dict[str, Any], phone: MockConfigEntry
) -> None:
    """Items of the wrong kind are dropped; the good ones and the setup stay."""
    hass_storage[voice_store.STORAGE_KEY] = {
        "version": 1,
        "key": voice_store.STORAGE_KEY,
        "data": {"hashes": {"en": "abc", "de": 7}, "removed": ["fr", None]},
    }
    hass.data.pop(voice_store.INSTALLED, None)

    installed = await voice_store.async_get_installed(hass)

    assert installed.hashes == {"en": "abc"}
    assert installed.removed == {"fr"}


async def fix(
    hass: HomeAssistant, client_of: ClientSessionGenerator, issue_id: str
) -> dict[str, Any]:
    """Open a repair and submit its form, as the Repairs page does."""
    assert await async_setup_component(hass, "repairs", {})
    client = await client_of()
    response = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id}
    )
    flow: dict[str, Any] = await response.json()
    assert flow["type"] == "form", flow
    response = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}")
    result: dict[str, Any] = await response.json()
    await hass.async_block_till_done()
    return {"form": flow, "result": result}


async def test_the_repair_installs(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    phone: MockConfigEntry,
    config_dir: Path,
) -> None:
    """With Assist set up, a repair offers the sentences; fixed, it installs them."""
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands")
    assert issue is not None
    assert issue.is_fixable
    assert issue.translation_key == "voice_commands_missing"

    flow = await fix(hass, hass_client, "voice_commands")

    assert flow["form"]["description_placeholders"] == {
        "file": "custom_sentences/en/grandstream_cti.yaml"
    }
    assert flow["result"]["type"] == "create_entry"
    assert installed(config_dir).read_bytes() == ENGLISH.read_bytes()
    assert await understood(hass) == WHO_IS_CALLING
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None


async def test_the_repair_with_nothing_left_to_do(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    phone: MockConfigEntry,
    config_dir: Path,
) -> None:
    """The user put a file there meanwhile: the repair just goes, the file stays."""
    installed(config_dir).parent.mkdir(parents=True)
    installed(config_dir).write_text("# mine\n", encoding="utf-8")
    assert await async_setup_component(hass, "repairs", {})
    client = await hass_client()

    response = await client.post(
        "/api/repairs/issues/fix",
        json={"handler": DOMAIN, "issue_id": "voice_commands"},
    )

    assert (await response.json())["type"] == "create_entry"
    assert installed(config_dir).read_text(encoding="utf-8") == "# mine\n"
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None


async def test_the_repair_updates(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    phone: MockConfigEntry,
    config_dir: Path,
    tmp_path: Path,
) -> None:
    """An unchanged older file: the repair replaces it with the new one."""
    await install_older(hass, phone, tmp_path)

    await fix(hass, hass_client, "voice_commands")

    assert installed(config_dir).read_bytes() == ENGLISH.read_bytes()
    assert await understood(hass) == WHO_IS_CALLING


async def test_the_last_phone_takes_its_sentences(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path
) -> None:
    """Unchanged, the file goes with the last phone, and Assist forgets it."""
    await install(hass, phone)

    await hass.config_entries.async_remove(phone.entry_id)
    await hass.async_block_till_done()

    assert not installed(config_dir).exists()
    assert await understood(hass) != WHO_IS_CALLING
    assert not (config_dir / ".storage" / "grandstream_cti.voice_commands").exists()
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands") is None


async def test_a_file_deleted_by_hand_is_no_repair(
    hass: HomeAssistant, phone: MockConfigEntry, config_dir: Path
) -> None:
    """The user deleted the installed file: nothing is left to offer."""
    await install(hass, phone)
    installed(config_dir).unlink()

    await hass.config_entries.async_remove(phone.entry_id)
    await hass.async_block_till_done()

    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands_left_en") is None


async def test_another_phone_keeps_them(
    hass: HomeAssistant,
    phone: MockConfigEntry,
    dp_entry: MockConfigEntry,
    config_dir: Path,
) -> None:
    """While a phone is left, the sentences stay."""
    await setup_entry(hass, dp_entry)
    await install(hass, phone)

    await hass.config_entries.async_remove(phone.entry_id)
    await hass.async_block_till_done()

    assert installed(config_dir).exists()
    assert await understood(hass) == WHO_IS_CALLING


async def test_a_changed_file_is_offered_for_removal(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    phone: MockConfigEntry,
    config_dir: Path,
) -> None:
    """After the last phone, a repair asks before it deletes the user's file."""
    await install(hass, phone)
    with installed(config_dir).open("a", encoding="utf-8") as file:
        file.write("# my change\n")
    await hass.config_entries.async_remove(phone.entry_id)
    await hass.async_block_till_done()
    assert installed(config_dir).exists()
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands_left_en")
    assert issue is not None
    assert issue.translation_placeholders == {
        "file": "custom_sentences/en/grandstream_cti.yaml"
    }

    flow = await fix(hass, hass_client, "voice_commands_left_en")

    assert flow["form"]["description_placeholders"] == {
        "file": "custom_sentences/en/grandstream_cti.yaml"
    }
    assert not installed(config_dir).exists()
    assert await understood(hass) != WHO_IS_CALLING
    assert ir.async_get(hass).async_get_issue(DOMAIN, "voice_commands_left_en") is None


@pytest.fixture
def file_work() -> Iterator[list[bool]]:
    """For each read or write of a sentence file: whether it ran in the event loop."""
    in_loop: list[bool] = []

    def spied(work: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                in_loop.append(False)
            else:
                in_loop.append(True)
            return work(*args)

        return run

    names = ("content_hash", "copy_new", "replace_unchanged", "remove_unchanged")
    with patch.multiple(
        voice_commands, **{name: spied(getattr(voice_commands, name)) for name in names}
    ):
        yield in_loop


async def test_files_are_read_and_written_in_the_executor(
    hass: HomeAssistant,
    phone: MockConfigEntry,
    config_dir: Path,
    tmp_path: Path,
    file_work: list[bool],
) -> None:
    """Install, update, remove and the last phone's removal: never in the loop."""
    await install_older(hass, phone, tmp_path)
    result = await options_step(hass, phone, "voice_commands")
    await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "voice_commands_update"}
    )
    result = await options_step(hass, phone, "voice_commands")
    await hass.config_entries.options.async_configure(result["flow_id"], {})
    await install(hass, phone)
    await hass.config_entries.async_remove(phone.entry_id)
    await hass.async_block_till_done()

    assert not installed(config_dir).exists()
    assert len(file_work) > 10
    assert not any(file_work)
