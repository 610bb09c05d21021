"""The documentation, checked: its links resolve, and it names what the integration has.

Every relative link and anchor of every Markdown file in the repository must lead
somewhere, and every entity, action, form field, event type and intent the
integration registers must be named on its page of docs/, so that nothing new lands
undocumented. What "named" means for each is said at its test (and in
CONTRIBUTING.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
import importlib
import json
import os
from pathlib import Path
import pkgutil
import re
from typing import Any
from urllib.parse import unquote

import homeassistant.components
from markdown_it import MarkdownIt
from markdown_it.token import Token
import pytest
import yaml

import custom_components.grandstream_cti as integration
from custom_components.grandstream_cti import PLATFORMS, intents
from custom_components.grandstream_cti.const import DOMAIN, EVENT_CALL
from custom_components.grandstream_cti.cti.calls import CallEventType, PushEvent
from custom_components.grandstream_cti.event import CALL

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
INTEGRATION = Path(integration.__file__).parent
STRINGS = json.loads((INTEGRATION / "strings.json").read_text(encoding="utf-8"))
# What a user reads: HACS shows the README and info.md.
USER_DOCS = (ROOT / "README.md", ROOT / "info.md", *sorted(DOCS.rglob("*.md")))
# The device id the action examples show: hexadecimal like a commit, but none.
EXAMPLE_DEVICE_ID = "0123456789abcdef0123456789abcdef"

# GitHub's Markdown: CommonMark with tables, raw HTML allowed.
_MARKDOWN = MarkdownIt("commonmark").enable("table")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_COMMIT_LIKE = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")


def _markdown_files() -> list[Path]:
    """The repository's Markdown files, without environments, caches and packages."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and name != "node_modules"
        ]
        found += [Path(folder) / name for name in files if name.endswith(".md")]
    return sorted(found)


@cache
def _tokens(path: Path) -> list[Token]:
    return _MARKDOWN.parse(path.read_text(encoding="utf-8"))


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


def _text(inline: Token) -> str:
    """An inline token's text as a reader sees it: markup and HTML tags left out."""
    return "".join(
        child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline")
    )


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation out, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@cache
def _anchors(path: Path) -> frozenset[str]:
    """Each heading's anchor; a repeated one gets -1, -2... as on GitHub."""
    seen: Counter[str] = Counter()
    anchors = set()
    tokens = _tokens(path)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            slug = github_slug(_text(tokens[index + 1]))
            anchors.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
            seen[slug] += 1
    return frozenset(anchors)


def _links(path: Path) -> Iterator[str]:
    """Every link and image address, in Markdown and in raw HTML."""
    for token in _walk(_tokens(path)):
        if token.type == "link_open":
            yield str(token.attrGet("href"))
        elif token.type == "image":
            yield str(token.attrGet("src"))
        elif token.type in ("html_inline", "html_block"):
            yield from _HTML_LINK.findall(token.content)


def _broken(path: Path, link: str) -> str | None:
    """Why a relative link leads nowhere; None when it resolves (or is external)."""
    if _EXTERNAL.match(link):
        return None
    target, _, anchor = link.partition("#")
    file = (path.parent / unquote(target)).resolve() if target else path
    if not file.is_relative_to(ROOT) or not file.exists():
        return f"{link}: no such file"
    if anchor and file.suffix == ".md" and anchor not in _anchors(file):
        return f"{link}: no heading #{anchor} in {file.relative_to(ROOT)}"
    return None


@pytest.mark.parametrize(
    "path", _markdown_files(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_links_and_anchors_resolve(path: Path) -> None:
    """Each relative link names a file there is, and each anchor a heading in it."""
    broken = [why for link in _links(path) if (why := _broken(path, link))]

    assert broken == []


def test_the_markdown_files_are_found() -> None:
    """The link test sees the README, the developer guides and every docs page."""
    found = set(_markdown_files())

    assert {
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "ARCHITECTURE.md",
    } <= found
    assert set(DOCS.glob("*.md")) <= found


def test_a_heading_slug_is_githubs() -> None:
    """The anchors follow GitHub's rules, so a link that works there passes here."""
    assert github_slug("Actions (services)") == "actions-services"
    assert github_slug("Make a call: `grandstream_cti.make_call`") == (
        "make-a-call-grandstream_ctimake_call"
    )
    assert github_slug("WP816, WP826, WP836 Wi-Fi phones") == (
        "wp816-wp826-wp836-wi-fi-phones"
    )


def test_broken_links_are_found(tmp_path: Path) -> None:
    """A missing file and a missing heading are reported; a repeated heading's -1 is not."""
    page = ROOT / "docs" / "entities.md"

    assert _broken(page, "no-such-page.md") == "no-such-page.md: no such file"
    assert _broken(page, "call-events.md#no-such-heading") == (
        "call-events.md#no-such-heading: no heading #no-such-heading in "
        "docs/call-events.md"
    )
    assert _broken(page, "https://example.com/nowhere") is None
    twice = tmp_path / "twice.md"
    twice.write_text("# A\n\n## Step\n\n## Step\n", encoding="utf-8")
    assert _anchors(twice) == {"a", "step", "step-1"}


def _inline_code(path: Path) -> set[str]:
    return {
        token.content for token in _walk(_tokens(path)) if token.type == "code_inline"
    }


def _bold(paths: tuple[Path, ...]) -> set[str]:
    """The text of every **strong** span."""
    found = set()
    for path in paths:
        inside: list[str] | None = None
        for token in _walk(_tokens(path)):
            if token.type == "strong_open":
                inside = []
            elif token.type == "strong_close" and inside is not None:
                found.add("".join(inside))
                inside = None
            elif inside is not None and token.type in ("text", "code_inline"):
                inside.append(token.content)
            elif inside is not None and token.type == "softbreak":
                inside.append(" ")
    return found


def _first_cells(path: Path) -> list[str]:
    """The first cell of each table body row: where a reference table names things."""
    cells = []
    tokens = _tokens(path)
    for index, token in enumerate(tokens):
        if token.type == "tr_open" and tokens[index + 1].type == "td_open":
            cells.append(_text(tokens[index + 2]))
    return cells


def _sections(path: Path) -> list[tuple[str, list[Token]]]:
    """Each heading's text, with the tokens up to the next heading."""
    sections: list[tuple[str, list[Token]]] = []
    tokens = _tokens(path)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            sections.append((_text(tokens[index + 1]), []))
        elif sections:
            sections[-1][1].append(token)
    return sections


def _entity_descriptions() -> dict[tuple[str, str], Any]:
    """Every entity description of the integration, by platform and key.

    Found in the modules' globals; the frozen-dataclass classes Home Assistant
    makes defeat isinstance, so a description is known by its class's name.
    """
    platform_of = {
        "".join(part.title() for part in platform.split("_"))
        + "EntityDescription": str(platform)
        for platform in PLATFORMS
    }
    found = {}
    for module in pkgutil.iter_modules(integration.__path__):
        if module.name == "llm":
            # Loaded only where Home Assistant has the llm platform.
            continue
        imported = importlib.import_module(f"{integration.__name__}.{module.name}")
        for value in vars(imported).values():
            for item in value if isinstance(value, tuple) else (value,):
                platforms = [
                    platform_of[cls.__name__]
                    for cls in type(item).__mro__
                    if cls.__name__ in platform_of
                ]
                if platforms and not isinstance(item, type):
                    found[platforms[0], item.key] = item
    return found


def _entity_name(platform: str, description: Any) -> str:
    """Its English name: ours, or Home Assistant's for its device class.

    A placeholder such as {line} is written N in the docs (Line *N*).
    """
    if description.translation_key:
        name = STRINGS["entity"][platform][description.translation_key]["name"]
    else:
        component = Path(homeassistant.components.__path__[0]) / platform
        english = json.loads(
            (component / "translations" / "en.json").read_text(encoding="utf-8")
        )
        name = english["entity_component"][description.device_class]["name"]
    return re.sub(r"\{\w+\}", "N", name)


def test_every_entity_description_is_found() -> None:
    """The search for descriptions misses none that strings.json names."""
    found = {
        (platform, description.translation_key)
        for (platform, _), description in _entity_descriptions().items()
        if description.translation_key
    }

    assert found == {
        (platform, key)
        for platform, entities in STRINGS["entity"].items()
        for key in entities
    }


def _named_in(name: str, cells: list[str]) -> bool:
    """A name as one item of a cell such as "Answer, Hang up (buttons)"."""
    item = re.compile(rf"(?:^|, ){re.escape(name)}(?=,| \(|$)")
    return any(item.search(cell) for cell in cells)


def test_every_entity_is_in_the_entities_table() -> None:
    """Each entity's English name is an item of a first cell of docs/entities.md."""
    cells = _first_cells(DOCS / "entities.md")
    names = {
        _entity_name(platform, description)
        for (platform, _), description in _entity_descriptions().items()
    }

    assert sorted(name for name in names if not _named_in(name, cells)) == []


def test_an_undocumented_entity_is_found() -> None:
    """A name must be an item of its own, not part of a longer one."""
    cells = ["Call state (sensor)", "Answer, Hang up (buttons)", "Line N (sensor)"]

    assert _named_in("Hang up", cells)
    assert _named_in("Line N", cells)
    assert not _named_in("Call", cells)
    assert not _named_in("Hang", cells)


def test_every_action_and_its_fields_are_documented() -> None:
    """docs/actions.md has a heading naming `grandstream_cti.<action>`, and in that
    section each field in backticks or as a key of an example."""
    services = yaml.safe_load((INTEGRATION / "services.yaml").read_text("utf-8"))
    sections = _sections(DOCS / "actions.md")
    missing = []
    for service, schema in services.items():
        action = f"{DOMAIN}.{service}"
        tokens = next((body for head, body in sections if action in head), None)
        if tokens is None:
            missing.append(action)
            continue
        code = {t.content for t in _walk(tokens) if t.type == "code_inline"}
        examples = "".join(t.content for t in tokens if t.type == "fence")
        missing += [
            f"{action}: {field}"
            for field in schema.get("fields", {})
            if field not in code and not re.search(rf"^\s*{field}:", examples, re.M)
        ]

    assert missing == []


def test_every_form_field_and_menu_entry_is_named_in_bold() -> None:
    """Each field of the setup and options forms, and each entry of the options
    menu, appears in bold, with its English label, on a page of docs/."""
    labels = {
        label
        for flow in ("config", "options")
        for step in STRINGS[flow]["step"].values()
        for label in (
            *step.get("data", {}).values(),
            *step.get("menu_options", {}).values(),
        )
    }

    assert sorted(labels - _bold(tuple(sorted(DOCS.rglob("*.md"))))) == []


def test_every_call_event_type_is_documented() -> None:
    """docs/call-events.md names each event type, and the bus event, in backticks."""
    named = _inline_code(DOCS / "call-events.md")
    event_types = {*CallEventType, *(CALL.event_types or []), EVENT_CALL}

    assert sorted(set(map(str, event_types)) - named) == []


def test_every_action_url_event_is_documented() -> None:
    """docs/push.md names each event a phone's Action URL reports, in backticks."""
    assert sorted(set(map(str, PushEvent)) - _inline_code(DOCS / "push.md")) == []


def test_every_intent_is_documented() -> None:
    """docs/voice.md names each Assist intent, in backticks."""
    names = {
        value
        for name, value in vars(intents).items()
        if name.startswith("INTENT_") and isinstance(value, str)
    }

    assert names
    assert sorted(names - _inline_code(DOCS / "voice.md")) == []


def _fenced_commands(path: Path) -> set[str]:
    """The first word of each line of the file's shell examples."""
    return {
        line.split()[0]
        for token in _tokens(path)
        if token.type == "fence" and token.info.strip() == "sh"
        for line in token.content.splitlines()
        if line.strip()
    }


def test_the_readme_gives_the_command_ci_runs() -> None:
    """.ci/run runs what the README tells a developer to run: its test command, and
    the developer guide's browser test."""
    ci_runs = {
        line.split()[0]
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.startswith("scripts/")
    }

    assert "scripts/test" in ci_runs & _fenced_commands(ROOT / "README.md")
    assert ci_runs <= _fenced_commands(ROOT / "README.md") | _fenced_commands(
        ROOT / "CONTRIBUTING.md"
    )


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda path: path.name)
def test_no_commit_hash_in_what_users_read(path: Path) -> None:
    """How a figure or a text came about lives in git history, not in user docs."""
    text = path.read_text(encoding="utf-8").replace(EXAMPLE_DEVICE_ID, "")

    assert _COMMIT_LIKE.findall(text) == []
