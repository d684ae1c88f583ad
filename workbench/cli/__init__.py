"""The `workbench` command: a thin layer over the domain modules.

Each subcommand lives in its own module with `add_parser(subparsers)` and `run(args) -> int`;
heavy imports stay inside `run` so `workbench --help` is instant. Data goes to stdout,
diagnostics to stderr; exit codes are workbench.errors.ExitCode.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import ExitCode, WorkbenchError

# Subcommand modules, in the order `--help` lists them.
COMMANDS = (
    "init_cmd",
    "segment_cmd",
    "segments_cmd",
    "stats_cmd",
    "edit_cmd",
    "concordance_cmd",
    "check_cmd",
    "export_cmd",
    "import_cmd",
    "align_cmd",
)


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit code 2 (its default code too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(ExitCode.BAD_INPUT, f"{self.prog}: error: {message}\n")


def _command_module(argv: Sequence[str]) -> str | None:
    """The module of the subcommand argv names, None when the whole parser is needed (help,
    --version, a mistyped command): the others' modules need not be imported then."""
    args = iter(argv)
    for arg in args:
        if arg == "--project":
            next(args, None)
        elif not arg.startswith("--project="):
            module = f"{arg}_cmd"
            return module if not arg.startswith("-") and module in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line parser; `only`: with that subcommand module alone."""
    parser = _Parser(
        prog="workbench",
        description="Terminal translation and bilingual-alignment workbench for Chinese sources.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--project", metavar="DIR",
                        help="the project folder (default: here or the nearest parent with one)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (only,) if only else COMMANDS:
        importlib.import_module(f"workbench.cli.{name}").add_parser(sub)
    return parser


# Commands that run once over their input and exit: the objects they make (a parsed
# catalog, the findings) form no reference cycles, so the cycle collector only costs time,
# scanning every live object again and again (a tenth of a status-only `check` of 12,000
# units). Memory is still freed by reference counting.
_NO_CYCLE_COLLECTOR = frozenset({"check_cmd"})


def main(argv: Sequence[str] | None = None) -> int:
    module = _command_module(sys.argv[1:] if argv is None else argv)
    if module in _NO_CYCLE_COLLECTOR and argv is None:  # a process of its own, not a caller's
        import gc

        gc.disable()
    parser = build_parser(module)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.BAD_INPUT
    try:
        return int(args.run(args))
    except WorkbenchError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return ExitCode.OK
