"""A workbench project: a folder whose `[tool.workbench]` table (in pyproject.toml) or
`workbench.toml` names the source language, the targets and where sources and catalogs live."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import langs
from workbench.errors import InputError, UsageError
from workbench.textio import read_toml

CONFIG_FILE = "workbench.toml"
CATALOG_GLOB = "*/LC_MESSAGES/*.po"  # every catalog under a locale folder


def catalog_path(lang: str, stem: str, suffix: str = ".po") -> Path:
    """Where a catalog lives below a locale folder: `<lang>/LC_MESSAGES/<stem>.po`, the
    layout gettext's `bindtextdomain`/`gettext.translation` look in (a `.mo` beside it)."""
    return Path(langs.gettext_code(lang)) / "LC_MESSAGES" / f"{stem}{suffix}"
DEFAULT_INCLUDE = ("*.txt",)


@dataclass
class Project:
    """Where a project's files are and what languages it works in."""

    root: Path
    config_file: Path
    source_lang: str
    targets: list[str]
    sources_dir: Path
    locale_dir: Path
    glossary_path: Path | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    paragraphs: str = "line"  # ParagraphMode value: "line" or "blank"
    # [segment] exceptions: text after which a sentence never ends ("Mr.", "Dr.")
    segment_exceptions: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)  # the whole table, for other modules

    def documents(self) -> list[Path]:
        """The source documents, sorted by name.

        A catalog is named after its document's stem, so two documents with the same stem (in
        different folders, or x.txt and x.TXT) would share one: that is refused, not merged.
        """
        if not self.sources_dir.is_dir():
            return []
        found = {p for pattern in self.include
                 for p in self.sources_dir.glob(_any_case(pattern))}
        docs = sorted(p for p in found if p.is_file() and not p.name.startswith("."))
        stems: dict[str, Path] = {}
        for doc in docs:
            other = stems.setdefault(doc.stem.casefold(), doc)
            if other is not doc:
                raise InputError(
                    f"{self.relative(other)} and {self.relative(doc)} would share the catalog "
                    f"{doc.stem}.po: rename one, or narrow `include`", self.config_file)
        return docs

    def relative(self, path: Path) -> str:
        """A path as it is written in catalogs: relative to the root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def pot_path(self, document: Path) -> Path:
        return self.locale_dir / f"{document.stem}.pot"

    def po_path(self, document: Path, lang: str) -> Path:
        return self.locale_dir / catalog_path(lang, document.stem)

    def po_files(self) -> list[Path]:
        """Every PO file under the locale folder."""
        if not self.locale_dir.is_dir():
            return []
        return sorted(self.locale_dir.glob(CATALOG_GLOB))

    def document_for(self, po_path: Path) -> Path | None:
        """The source document a catalog was made from, by its stem."""
        for doc in self.documents():
            if doc.stem == po_path.stem:
                return doc
        return None

    def target_for(self, lang: str | None) -> str:
        """The project target matching `lang` (any spelling), or the first target."""
        if not self.targets:
            raise UsageError(f"{self.config_file}: the project has no target languages")
        if lang is None:
            return self.targets[0]
        wanted = langs.normalize(lang)
        for target in self.targets:
            if target == wanted:
                return target
        raise UsageError(
            f"{lang!r} is not a target of this project (targets: {', '.join(self.targets)})"
        )


def _any_case(pattern: str) -> str:
    """A glob pattern matching names whatever their case: old e-texts and Windows files are
    often `CHAPTER1.TXT`, which `*.txt` missed without a word. Letters inside [...] stay."""
    out, depth = [], 0
    for ch in pattern:
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        out.append(f"[{ch.lower()}{ch.upper()}]" if ch.isascii() and ch.isalpha() and not depth
                   else ch)
    return "".join(out)


def _table(path: Path) -> dict[str, Any] | None:
    """The workbench table of a config file, or None when the file has none."""
    data = read_toml(path)
    if path.name == CONFIG_FILE:
        table = data.get("workbench", data)
    else:
        table = data.get("tool", {}).get("workbench")
    return table if isinstance(table, dict) else None


def load_project(root: Path, config_file: Path, table: dict[str, Any]) -> Project:
    def get(key: str, default: Any = None) -> Any:
        return table.get(key, table.get(key.replace("-", "_"), default))

    source = get("source-lang")
    targets = get("targets", [])
    if not isinstance(source, str) or not source:
        raise InputError("[tool.workbench] needs source-lang = \"zh-Hant\" (or another tag)",
                         config_file)
    if isinstance(targets, str):
        targets = [targets]
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise InputError("targets must be a list of language tags", config_file)
    try:
        source = langs.normalize(source)
        targets = [langs.normalize(t) for t in targets]
    except UsageError as exc:
        raise InputError(str(exc), config_file) from None
    if len(set(targets)) != len(targets):
        raise InputError("targets lists a language twice", config_file)
    if source in targets:
        raise InputError(f"the source language {source} is also a target", config_file)

    def text(key: str, default: str | None) -> str | None:
        value = get(key, default)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InputError(f"{key} must be a folder or file name (a string)", config_file)
        return value

    glossary = text("glossary", None)
    include = get("include", list(DEFAULT_INCLUDE))
    if isinstance(include, str):
        include = [include]
    if not isinstance(include, list) or not include or \
            not all(isinstance(i, str) and i for i in include):
        raise InputError('include must be a list of patterns, e.g. ["*.txt"]', config_file)
    paragraphs = get("paragraphs", "line")
    if paragraphs not in ("line", "blank"):
        raise InputError('paragraphs must be "line" (each line a paragraph) or "blank" '
                         "(blank lines separate paragraphs)", config_file)
    check = get("check", {})
    if not isinstance(check, dict):
        raise InputError("[tool.workbench.check] must be a table", config_file)
    segment_exceptions = _segment_exceptions(get("segment", {}), config_file)
    return Project(
        root=root,
        config_file=config_file,
        source_lang=source,
        targets=targets,
        sources_dir=root / str(text("sources", "seeds")),
        locale_dir=root / str(text("locale", "locale")),
        glossary_path=root / glossary if glossary else None,
        include=tuple(include),
        paragraphs=paragraphs,
        segment_exceptions=segment_exceptions,
        settings=dict(table),
    )


MAX_EXCEPTION = 40  # the segmenter looks back 64 characters; exceptions are abbreviations


def _segment_exceptions(table: Any, config_file: Path) -> tuple[str, ...]:
    """The validated `[segment] exceptions` list (abbreviations a sentence never ends on)."""
    if not isinstance(table, dict):
        raise InputError("[tool.workbench.segment] must be a table", config_file)
    unknown = sorted(set(table) - {"exceptions"})
    if unknown:
        raise InputError(f"[tool.workbench.segment] has no setting {unknown[0]!r} "
                         "(known: exceptions)", config_file)
    value = table.get("exceptions", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() and "\n" not in v and "\r" not in v
            and len(v) <= MAX_EXCEPTION for v in value):
        raise InputError('[tool.workbench.segment] exceptions must be a list of short texts '
                         'a sentence never ends on, e.g. ["Mr.", "Dr."]', config_file)
    return tuple(dict.fromkeys(v.strip() for v in value))


def config_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The config file of `folder` and its table, if the folder is a project."""
    for name in (CONFIG_FILE, "pyproject.toml"):
        candidate = folder / name
        if candidate.is_file():
            table = _table(candidate)
            if table is not None:
                return candidate, table
    return None


def find_project(start: str | os.PathLike[str] | None = None, explicit: bool = False) -> Project:
    """The project at `start` (when `explicit`) or at the nearest folder above it that has one."""
    here = Path(start or Path.cwd()).resolve()
    if explicit and not here.is_dir():
        raise InputError("no such project folder", here)
    for folder in [here] if explicit else [here, *here.parents]:
        found = config_in(folder)
        if found:
            return load_project(folder, *found)
    raise UsageError(
        f"no workbench project at {here}{'' if explicit else ' or above it'}: "
        "run `workbench init --source-lang zh-Hant --target en` to make one"
    )


def config_text(source_lang: str, targets: list[str], sources: str = ".",
                paragraphs: str = "line") -> str:
    """The workbench.toml of a new project (`paragraphs` "blank" for hard-wrapped sources)."""
    source = langs.normalize(source_lang)
    norm = list(dict.fromkeys(langs.normalize(t) for t in targets))
    return (
        "# workbench project: see README.md\n"
        "[workbench]\n"
        f'source-lang = "{source}"\n'
        f"targets = [{', '.join(repr(t).replace(chr(39), chr(34)) for t in norm)}]\n"
        f"sources = {json.dumps(sources, ensure_ascii=False)}\n"
        'locale = "locale"\n'
        'glossary = "glossary.csv"\n'
        + ("# the sources are hard-wrapped: blank lines separate paragraphs\n"
           'paragraphs = "blank"\n' if paragraphs == "blank" else "")
    )
