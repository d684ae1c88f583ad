"""The project's catalogs: making and updating the POT and PO files of its documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import convert, langs
from workbench.formats.po import default_header, po_bytes, po_timestamp, read_po
from workbench.glossary import Glossary, load_glossary
from workbench.model import Catalog, State
from workbench.msgmerge import MergeReport, merged_catalog, units_from_segments
from workbench.project import Project
from workbench.segment import ParagraphMode, SegmentedText, segment_text
from workbench.textio import atomic_write_bytes, read_text

if TYPE_CHECKING:
    from workbench.refmemory import ReferenceMemory


def load_document(path: Path, lang: str, mode: str = "line",
                  project: Project | None = None) -> SegmentedText:
    """Read (any supported encoding) and segment a source document; with `project`, by its
    segmentation exceptions and the translator's merges and splits of this document."""
    decoded = read_text(path)
    if project is None:
        return segment_text(decoded.text, lang, ParagraphMode(mode))
    from workbench.segment_overrides import read_joints

    return segment_text(decoded.text, lang, ParagraphMode(mode),
                        exceptions=project.segment_exceptions,
                        joints=read_joints(project, path))


def template_for(project: Project, document: Path, target: str = "") -> Catalog:
    """The catalog a document gives today, untranslated (`target` '' for the POT)."""
    segmented = load_document(document, project.source_lang, project.paragraphs, project)
    header = default_header(project.source_lang, target, project=document.stem)
    header["POT-Creation-Date"] = po_timestamp()
    if target:
        header["PO-Revision-Date"] = header["POT-Creation-Date"]
    what = f"{target} translation" if target else "translation template"
    return Catalog(
        header_comment=f"{what} of {project.relative(document)} ({project.source_lang}).\n"
        "This file is distributed under the same license as the source document.",
        units=units_from_segments(segmented, project.relative(document)),
        source_lang=project.source_lang,
        target_lang=target,
        header=header,
    )


def pretranslate(catalog: Catalog, source_lang: str, mainland_vocabulary: bool = False,
                 glossary: Glossary | None = None) -> int:
    """Fill untranslated units of a Chinese target with OpenCC's conversion, as fuzzy.

    A glossary term's own entry for the target language wins over OpenCC's conversion.
    """
    target = catalog.target_lang or ""
    config = langs.opencc_config(source_lang, target, mainland_vocabulary)
    if config is None:
        return 0

    def draft(text: str) -> str:
        return convert.convert_with_glossary(text, config, glossary, target or None).text

    filled = 0
    for unit in catalog.units:
        if unit.obsolete:
            continue
        if unit.state is State.UNTRANSLATED:
            unit.target = draft(unit.source)
            unit.state = State.FUZZY
            filled += 1
        elif unit.state is State.FUZZY and unit.previous_source is not None and \
                unit.target == draft(unit.previous_source):
            # An OpenCC draft nobody edited, carried over from the old source: convert the
            # new source instead (the #| msgid still shows what changed).
            unit.target = draft(unit.source)
            filled += 1
    return filled


def pretranslate_from_memory(catalog: Catalog, memory: ReferenceMemory,
                             state: State = State.FUZZY) -> int:
    """Fill untranslated units whose source a reference memory has exactly (100 %), in
    `state` (fuzzy by default: the context may differ); returns how many."""
    filled = 0
    for unit in catalog.units:
        if unit.obsolete or unit.state is not State.UNTRANSLATED:
            continue
        found = memory.exact(unit.source)
        if found is not None:
            unit.target, unit.state = found[0], state
            filled += 1
    return filled


@dataclass
class UpdateResult:
    """What updating one catalog file does: `data` (the file's new bytes) is None when the file
    stays as it is; `text` is the same as text."""

    path: Path
    data: bytes | None
    created: bool
    report: MergeReport
    pretranslated: int = 0
    from_memory: int = 0  # exact matches filled from the reference memories

    @property
    def text(self) -> str | None:
        return None if self.data is None else self.data.decode("utf-8", "replace")


def plan_update(project: Project, document: Path, target: str = "", *,
                pretranslate_opencc: bool = False,
                mainland_vocabulary: bool = False,
                old: Catalog | None = None, memory: ReferenceMemory | None = None,
                memory_state: State = State.FUZZY) -> UpdateResult:
    """The new content of a document's POT (`target` '') or PO file, computed in memory.

    A file whose units do not change is left alone, so re-running keeps it byte-identical.
    `old` stands for the file's catalog when the caller already changed it (a merge).
    """
    path = project.po_path(document, target) if target else project.pot_path(document)
    template = template_for(project, document, target)
    on_disk = read_po(path) if path.exists() else None
    merged, report = merged_catalog(template, on_disk if old is None else old)
    filled = from_memory = 0
    if target and memory is not None:  # a human translation first, OpenCC for the rest
        from_memory = pretranslate_from_memory(merged, memory, memory_state)
    if target and pretranslate_opencc:
        glossary = load_glossary(project.glossary_path, project.source_lang) \
            if project.glossary_path else None
        filled = pretranslate(merged, project.source_lang, mainland_vocabulary, glossary)
    if on_disk is not None and merged.units == on_disk.units:
        return UpdateResult(path, None, False, report, filled, from_memory)
    if on_disk is not None:
        # What msgmerge changes in the header; another tool's X-Generator stays.
        merged.header["POT-Creation-Date"] = template.header["POT-Creation-Date"]
        if merged.header.get("X-Generator", "").startswith("workbench"):
            merged.header["X-Generator"] = template.header["X-Generator"]
    return UpdateResult(path, po_bytes(merged, template=not target), on_disk is None, report,
                        filled, from_memory)


def update_project(project: Project, *, pretranslate_opencc: bool = False,
                   mainland_vocabulary: bool = False,
                   memories: dict[str, ReferenceMemory] | None = None,
                   memory_state: State = State.FUZZY) -> list[UpdateResult]:
    """Create or update every document's POT and PO files.

    Everything is computed before anything is written, so a bad document or a malformed
    catalog stops the run with no file half-updated.
    """
    results = []
    for document in project.documents():
        results.append(plan_update(project, document))
        for target in project.targets:
            results.append(plan_update(project, document, target,
                                       pretranslate_opencc=pretranslate_opencc,
                                       mainland_vocabulary=mainland_vocabulary,
                                       memory=(memories or {}).get(target),
                                       memory_state=memory_state))
    for result in results:
        if result.data is not None:
            atomic_write_bytes(result.path, result.data)
    return results
