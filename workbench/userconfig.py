"""The user's own settings, shared by every project: `$XDG_CONFIG_HOME/workbench/config.toml`.

    [translator]
    name = "Li Wei"
    email = "li.wei@example.org"

The translator identity goes into a saved catalog's `Last-Translator` header, as Poedit and
Lokalize write theirs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.textio import read_toml


def config_path() -> Path:
    """Where the user's configuration is, by the XDG base directory rules."""
    base = os.environ.get("XDG_CONFIG_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "workbench" / "config.toml"


def load_user_config(path: Path | None = None) -> dict[str, Any]:
    """The user's configuration ({} when there is none); a malformed file is an InputError."""
    path = path or config_path()
    if not path.is_file():
        return {}
    return read_toml(path)


def translator_identity(path: Path | None = None) -> str | None:
    """`Name <email>` for `Last-Translator`, or None when the user configured no name."""
    path = path or config_path()
    table = load_user_config(path).get("translator", {})
    if not isinstance(table, dict):
        raise InputError("[translator] must be a table with name and email", path)
    name, email = table.get("name", ""), table.get("email", "")
    if not isinstance(name, str) or not isinstance(email, str) or \
            any(c in name + email for c in "\n\r<>"):
        raise InputError('[translator] name and email must be one-line texts, e.g. '
                         'name = "Li Wei"', path)
    name, email = name.strip(), email.strip()
    if not name:
        return None
    return f"{name} <{email}>" if email else name


def saved_identity() -> str | None:
    """The identity for a save: as `translator_identity`, but a configuration broken while
    the editor is open never stops a save (`workbench edit` reports it when it starts)."""
    try:
        return translator_identity()
    except InputError:
        return None
