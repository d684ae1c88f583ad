"""The catalog view without the UI: filter, search in either script, next unit needing work."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.editor.session import EditSession
from workbench.editor.view import FILTERS, CatalogView, Next
from workbench.formats.po import default_header, write_po
from workbench.model import Catalog, State, Unit, make_unit_id

SOURCES = ["第一句黨委。", "第二句。", "第三句。", "第四句。", "第五句。"]


def open_session(tmp_path: Path, sources: list[str] = SOURCES,
                 states: dict[int, State] | None = None) -> EditSession:
    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(s, seen), s) for s in sources]
    path = tmp_path / "a.po"
    write_po(Catalog(units, "zh-Hant", "en", default_header("zh-Hant", "en")), path)
    session = EditSession.open(path)
    for index, state in (states or {}).items():
        session.commit(index, f"target {index}", state)
    return session


def test_next_needing_work_follows_the_rows_and_wraps(tmp_path: Path) -> None:
    session = open_session(tmp_path, states={1: State.TRANSLATED, 2: State.FUZZY})
    view = CatalogView(session)
    assert view.next_needing_work(-1) == Next(0)  # the first unit to open on
    assert view.next_needing_work(0) == Next(2)  # fuzzy needs work too
    assert view.next_needing_work(2) == Next(3)
    assert view.next_needing_work(4) == Next(0, wrapped=True)
    # filtered rows: the same rule, over the rows shown
    view.set_filter("untranslated")
    assert list(view.rows) == [0, 3, 4]
    assert view.next_needing_work(0) == Next(3)
    assert view.next_needing_work(4) == Next(0, wrapped=True)
    # the unit just committed is left behind while the rows stay as they were
    session.commit(4, "done", State.TRANSLATED)
    assert view.next_needing_work(3) == Next(0, wrapped=True)


def test_nothing_left_but_the_unit_itself(tmp_path: Path) -> None:
    session = open_session(tmp_path, states={i: State.TRANSLATED for i in (0, 1, 3, 4)})
    view = CatalogView(session)
    assert view.next_needing_work(2) is None
    assert view.next_needing_work(0) == Next(2)
    view.set_search("第三")
    assert view.next_needing_work(2) is None
    session.commit(2, "three", State.TRANSLATED)
    assert view.next_needing_work(-1) is None
    assert CatalogView(session).next_needing_work(-1) is None


@settings(max_examples=60, deadline=None)
@given(states=st.lists(st.sampled_from(list(State)), min_size=1, max_size=12),
       start=st.integers(-1, 11), name=st.sampled_from(FILTERS))
def test_one_rule_for_every_filter(tmp_path_factory: pytest.TempPathFactory,
                                   states: list[State], start: int, name: str) -> None:
    """Whatever the rows, the answer is the first row after `start` needing work, else the
    first before it (wrapped); the full catalog (a range, searched with bytes.find) and a
    filtered list (a list of indices) agree with this plain statement of the rule."""
    tmp = tmp_path_factory.mktemp("v")
    session = open_session(tmp, [f"句{i}" for i in range(len(states))],
                           {i: s for i, s in enumerate(states) if s is not State.UNTRANSLATED})
    start = min(start, len(states) - 1)
    view = CatalogView(session)
    view.set_filter(name)
    rows = list(view.rows)
    needing = [i for i in rows if session.states[i] != State.TRANSLATED]
    after = [i for i in needing if i > start]
    before = [i for i in needing if i < start]
    expected = Next(after[0]) if after else Next(before[0], wrapped=True) if before else None
    assert view.next_needing_work(start) == expected


def test_filter_cycle_and_search_in_either_script(tmp_path: Path) -> None:
    session = open_session(tmp_path, states={1: State.TRANSLATED, 2: State.FUZZY})
    view = CatalogView(session)
    assert isinstance(view.rows, range) and not view.narrowed
    assert [view.next_filter() for _ in range(1)] == ["untranslated"]
    assert list(view.set_filter("fuzzy")) == [2]
    assert view.next_filter() == "translated"
    assert list(view.set_filter("nonsense")) == list(range(5)) and view.filter == "all"
    # 党委 (Simplified) finds the Traditional 黨委 of the source; a target matches too
    assert list(view.set_search("党委")) == [0]
    assert list(view.set_search("TARGET 1")) == [1]  # case-insensitive, in the target
    view.set_filter("untranslated")
    assert list(view.set_search("句")) == [0, 3, 4] and view.narrowed
    assert isinstance(view.show_all(), range) and view.filter == "all" and view.search == ""
