"""The house rules of ARCHITECTURE.md, checked: floors, no import circle, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("custom_components", "simulator", "tests")
MAX_MODULE_LINES = 300


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The first-party modules that a module imports, wherever the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(target for target in targets if target in known)
    found.discard(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _is_package_of(package: str, module: str) -> bool:
    return module.startswith(f"{package}.")


def test_no_import_circle() -> None:
    """No module reaches itself through its imports (a package's own
    __init__ re-exporting its modules is not a circle)."""
    graph = _graph()
    circles: list[list[str]] = []

    def visit(name: str, path: list[str], done: set[str]) -> None:
        for target in graph[name]:
            if _is_package_of(target, name) or _is_package_of(name, target):
                continue
            if target in path:
                circles.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target, [*path, target], done)
        done.add(name)

    done: set[str] = set()
    for name in graph:
        if name not in done:
            visit(name, [name], done)
    assert circles == []


@pytest.mark.parametrize("package", ["cti", "phonebook"])
def test_client_call_model_and_phonebook_know_no_home_assistant(package: str) -> None:
    """The cti floor and the phonebook could be published as libraries."""
    for path in (ROOT / "custom_components/grandstream_cti" / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            assert not [n for n in names if n.startswith("homeassistant")], path


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "custom_components/grandstream_cti").rglob("*.py")),
    ids=lambda path: str(path.relative_to(ROOT / "custom_components")),
)
def test_integration_modules_stay_small(path: Path) -> None:
    """A module over MAX_MODULE_LINES does more than one thing."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES
