"""What a status-only `workbench check` imports: start-up is most of a CI run on a small catalog.

Run in a fresh interpreter, since the test session has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from workbench.cli import _command_module

PROBE = """
import contextlib, io, json, sys
from workbench.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imported(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=tmp_path, check=True,
                          capture_output=True, text=True)
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], set(result["modules"])


def test_status_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    po = tmp_path / "zh.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\nmsgid "a"\nmsgstr ""\n',
                  encoding="utf-8")
    code, modules = _imported(tmp_path, "check", "--check", "none", str(po))
    assert code == 1  # the untranslated unit fails the run
    assert "workbench.formats.po" in modules
    heavy = {"polib", "tomllib", "tempfile", "workbench.segment", "workbench.cli.align_cmd",
             "workbench.cli.edit_cmd", "jieba", "opencc", "numpy", "textual", "rich",
             "workbench.checks.script", "workbench.catalog_language"}
    assert not heavy & modules


def test_a_status_report_in_json_still_infers_the_language(tmp_path: Path) -> None:
    """Without a Language header the path tells it: a JSON (or JUnit) report shows it, so
    only a status-only text report, which shows no language, skips the inference."""
    po = tmp_path / "zh_TW.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "a"\nmsgstr ""\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "workbench", "check", "--check", "none",
                           "--format", "json", str(po)], cwd=tmp_path, capture_output=True,
                          text=True)
    assert json.loads(done.stdout)["catalogs"][0]["language"] == "zh-TW"


def test_command_module_finds_the_subcommand() -> None:
    assert _command_module(["check", "x.po"]) == "check_cmd"
    assert _command_module(["--project", "check", "stats"]) == "stats_cmd"
    assert _command_module(["--project=d", "export", "-h"]) == "export_cmd"
    # Help, the version and a mistyped command need every subcommand in the parser.
    assert _command_module(["--help"]) is None
    assert _command_module(["--version"]) is None
    assert _command_module(["chek"]) is None
    assert _command_module([]) is None


def test_a_mistyped_command_lists_every_command(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "workbench", "chek"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "'align'" in done.stderr and "'check'" in done.stderr


GC_PROBE = """
import contextlib, gc, io, sys
from workbench.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    if sys.argv[1] == "own":
        sys.argv = ["workbench", *sys.argv[2:]]
        main()
    else:
        main(sys.argv[2:])
print(gc.isenabled())
"""


def test_check_turns_the_cycle_collector_off_in_its_own_process_only(tmp_path: Path) -> None:
    """A check run's objects form no cycles: its own process runs without the collector, and
    a caller of main(argv) keeps its own."""
    po = tmp_path / "zh.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\nmsgid "a"\nmsgstr "甲"\n',
                  encoding="utf-8")

    def enabled(how: str, *argv: str) -> str:
        return subprocess.run([sys.executable, "-c", GC_PROBE, how, *argv], cwd=tmp_path,
                              check=True, capture_output=True, text=True).stdout.strip()

    assert enabled("own", "check", str(po)) == "False"
    assert enabled("caller", "check", str(po)) == "True"
    assert enabled("own", "stats", str(po)) == "True"
