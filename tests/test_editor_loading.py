"""What the editor loads in the background, without the UI: memory, other languages,
glossary; a broken sibling catalog is skipped."""

from __future__ import annotations

from pathlib import Path

from test_tui import OTHER_SENTENCE, OTHER_TRANSLATION, SEED_SENTENCE, make_project, seed_po

from workbench.editor import loading
from workbench.editor.session import EditSession
from workbench.formats.po import read_po, write_po
from workbench.model import State


def test_memory_references_and_glossary(project_dir: Path) -> None:
    project = make_project(project_dir)
    hans = seed_po(project, "zh-Hans")
    catalog = read_po(hans)
    catalog.units[2].set_target("“十四五”的壮阔征程", State.TRANSLATED)
    write_po(catalog, hans)
    broken = project.locale_dir / "en" / "LC_MESSAGES" / "broken.po"
    broken.write_text('msgid "unterminated\n', encoding="utf-8")
    session = EditSession.open(seed_po(project), project)
    try:
        built = loading.build_memory(session)
        assert built is not None
        memory, catalogs = built
        assert catalogs == 2  # this catalog and the other document's; the broken one skipped
        match = memory.lookup(SEED_SENTENCE)[0]
        assert match.source == OTHER_SENTENCE and match.target == OTHER_TRANSLATION
        # an unsaved commit is in the memory once added
        session.commit(1, "Public security", State.TRANSLATED)
        loading.add_unsaved(memory, session)
        assert memory.lookup(session.units[1].source)[0].target == "Public security"
        assert loading.build_memory(session, cancelled=lambda: True) is None
        references = loading.load_references(session)
        unit = session.units[2]
        assert references["zh-Hans"][unit.id] == (unit.source, "“十四五”的壮阔征程",
                                                  State.TRANSLATED)
        glossary = loading.load_project_glossary(session)
        assert glossary is not None and glossary.find("基層黨組織")
    finally:
        session.close()


def test_without_a_project(tmp_path: Path, project_dir: Path) -> None:
    project = make_project(project_dir)
    lone = tmp_path / "lone.po"
    lone.write_bytes(seed_po(project).read_bytes())
    session = EditSession.open(lone)
    try:
        built = loading.build_memory(session)
        assert built is not None and built[1] == 1
        assert loading.load_references(session) == {}
        assert loading.load_project_glossary(session) is None
    finally:
        session.close()
