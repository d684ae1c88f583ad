"""`workbench init`: make a folder a project and create or update its POT and PO files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="create or update the project's POT/PO catalogs (idempotent)",
        description="Create or update locale/<doc>.pot and locale/<lang>/LC_MESSAGES/<doc>.po "
        "for every source document and target. Translations are never lost: edited sentences "
        "get the closest old translation as fuzzy, removed ones become obsolete (#~).",
    )
    p.add_argument("--source-lang", metavar="L", help="source language of a new project")
    p.add_argument("--target", metavar="L", action="append", default=[],
                   help="target language of a new project (repeat for several)")
    p.add_argument("--sources", metavar="DIR", default=".",
                   help="where a new project's source documents are (default: the folder)")
    p.add_argument("--pretranslate", action="store_true",
                   help="fill untranslated units with exact matches of the reference memories "
                   "(tm/ and --tm), then, for a Simplified target, with OpenCC (fuzzy)")
    p.add_argument("--tm", metavar="FILE", action="append", default=[], type=Path,
                   help="a TMX, PO or XLIFF reference memory besides the project's tm/ folder "
                   "(repeat for several)")
    p.add_argument("--tm-exact", choices=("fuzzy", "translated"), default="fuzzy",
                   help="with --pretranslate: exact (100%%) reference-memory matches fill "
                   "untranslated units as fuzzy (default) or translated")
    p.add_argument("--mainland", action="store_true",
                   help="with --pretranslate: convert Taiwan phrases to mainland ones (tw2sp)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.catalogs import update_project
    from workbench.project import (
        CONFIG_FILE,
        config_in,
        config_text,
        find_project,
        load_project,
    )
    from workbench.textio import atomic_write_text, toml_loads

    folder = Path(args.project or ".").resolve()
    new_config = None
    if args.source_lang or args.target:
        if not (args.source_lang and args.target):
            raise UsageError("a new project needs both --source-lang and at least one --target")
        if config_in(folder) is None:
            # The configuration is written last, once the catalogs are: a failed first run
            # leaves the folder as it was.
            new_config = config_text(args.source_lang, args.target, args.sources)
            project = load_project(folder, folder / CONFIG_FILE,
                                   toml_loads(new_config)["workbench"])
            if _hard_wrapped(project.documents()):
                new_config = config_text(args.source_lang, args.target, args.sources, "blank")
                project = load_project(folder, folder / CONFIG_FILE,
                                       toml_loads(new_config)["workbench"])
        else:
            print(f"{folder}: already a project; its configuration is kept", file=sys.stderr)
            project = find_project(folder, explicit=True)
    else:
        project = find_project(folder, explicit=args.project is not None)
    if not project.documents():
        raise UsageError(f"no source documents ({', '.join(project.include)}) in "
                         f"{project.sources_dir}" + (" (--sources DIR names another folder)"
                                                     if new_config else ""))
    memories = None
    if args.pretranslate:
        from workbench.refmemory import project_reference_memory, reference_files

        if reference_files(project.root, args.tm):
            memories = {t: project_reference_memory(project, t, args.tm)
                        for t in project.targets}
    elif args.tm:
        raise UsageError("--tm goes with --pretranslate (the editor takes --tm too)")
    from workbench.model import State

    results = update_project(project, pretranslate_opencc=args.pretranslate,
                             mainland_vocabulary=args.mainland, memories=memories,
                             memory_state=State.TRANSLATED if args.tm_exact == "translated"
                             else State.FUZZY)
    if new_config is not None:
        atomic_write_text(project.config_file, new_config)
        ignore_editor_files(project.root)
        print(f"{project.config_file}: new project ({project.source_lang} → "
              f"{', '.join(project.targets)})", file=sys.stderr)
        if project.paragraphs == "blank":
            print(f"{project.config_file}: note: the documents are hard-wrapped: "
                  'paragraphs = "blank" (blank lines separate paragraphs)', file=sys.stderr)
    for r in results:
        name = project.relative(r.path)
        rep = r.report
        if r.created:
            what = f"created, {rep.added} units"
        elif r.text is None:
            what = "unchanged"
        else:
            what = (f"updated: {rep.kept} kept, {len(rep.fuzzy)} fuzzy, {rep.added} new, "
                    f"{rep.obsoleted} obsolete")
        if r.from_memory:
            what += f", {r.from_memory} filled from reference memories ({args.tm_exact})"
        if r.pretranslated:
            what += f", {r.pretranslated} pre-translated by OpenCC (fuzzy)"
        print(f"{name}: {what}")
    return 0


def _hard_wrapped(documents: list[Path]) -> bool:
    """Whether most of a new project's documents are hard-wrapped (then its paragraphs are
    separated by blank lines, not lines). A document that cannot be read is left to `init`,
    which reports it."""
    from workbench.errors import InputError
    from workbench.segment import looks_hard_wrapped
    from workbench.textio import read_text

    votes = []
    for doc in documents:
        try:
            votes.append(looks_hard_wrapped(read_text(doc).text))
        except InputError:
            continue
    return bool(votes) and 2 * sum(votes) > len(votes)


# The editor's crash journal and lock beside each catalog: never versioned.
IGNORED = ("*.po.journal", "*.po.lock")


def ignore_editor_files(root: Path) -> None:
    """Give a new project a .gitignore for the editor's files (added to an existing one)."""
    from workbench.textio import atomic_write_text

    path = root / ".gitignore"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [p for p in IGNORED if p not in have]
    if not missing:
        return
    if text and not text.endswith("\n"):
        text += "\n"
    text += "# workbench editor: crash journal and lock of an open catalog\n"
    atomic_write_text(path, text + "".join(f"{p}\n" for p in missing))
