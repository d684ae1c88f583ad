"""The domain core never loads Textual or Rich: every module outside `workbench/tui` and
`workbench/cli` is imported in a fresh interpreter, and the test fails if either appears in
`sys.modules` (a static import graph cannot see an import deferred into a function; this
runs the real thing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
UI = ("tui", "cli")
FORBIDDEN = ("textual", "rich")


def domain_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in UI or parts[-1] == "__main__":  # __main__ runs the CLI
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(("workbench", *parts)))
    return modules


_PROBE = """
import importlib, json, sys
forbidden = {forbidden!r}
culprits = {{}}
for name in {modules!r}:
    importlib.import_module(name)
    for top in forbidden:
        if top in sys.modules and top not in culprits:
            culprits[top] = name
print(json.dumps(culprits))
"""


def loaded_by(modules: list[str]) -> dict[str, str]:
    """Which forbidden package each first appeared with, importing `modules` in order."""
    code = _PROBE.format(forbidden=FORBIDDEN, modules=modules)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout)


def test_domain_modules_do_not_load_textual_or_rich() -> None:
    modules = domain_modules()
    assert "workbench.editor.session" in modules and "workbench.editor.view" in modules
    assert not any(m.startswith(("workbench.tui", "workbench.cli")) for m in modules)
    assert loaded_by(modules) == {}


def test_the_probe_sees_a_ui_module() -> None:
    """The check can fail: the editor's app does load both."""
    assert loaded_by(["workbench.editor.session", "workbench.tui.app"]) == {
        "textual": "workbench.tui.app", "rich": "workbench.tui.app"}


def test_the_cli_loads_textual_only_for_the_editor() -> None:
    """Building the command line (every subcommand's parser) and reading `edit`'s arguments
    load neither: the editor's imports wait until `edit` runs."""
    code = ("import sys\n"
            "from workbench.cli import build_parser\n"
            "build_parser().parse_args(['edit'])\n"
            f"print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == ""
