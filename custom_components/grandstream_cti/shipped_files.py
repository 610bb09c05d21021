"""Files the integration ships, copied into Home Assistant's configuration folder.

A file there may be one the user wrote or changed: it is written only where
none is, or where it still holds what the integration wrote. Everything here
reads or writes files: run it in the executor.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from homeassistant.util.file import write_utf8_file_atomic


def content_hash(path: Path) -> str | None:
    """The SHA-256 of a file's content; None when there is no file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def copy_new(source: Path, target: Path) -> bool:
    """Copy source to target unless target exists; whether it copied.

    The file is created exclusively: one that appeared since it was found
    missing is left as it is.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("xb") as file:
            file.write(source.read_bytes())
    except FileExistsError:
        return False
    return True


def replace_unchanged(source: Path, target: Path, written: str | None) -> bool:
    """Replace target by source if it still holds what was written (its hash).

    None: nothing was written there.
    """
    if written is None or content_hash(target) != written:
        return False
    write_utf8_file_atomic(str(target), source.read_bytes(), mode="wb")
    return True


def remove_unchanged(target: Path, written: str | None) -> bool:
    """Delete target if it still holds what was written (its hash)."""
    if written is None or content_hash(target) != written:
        return False
    target.unlink()
    return True
