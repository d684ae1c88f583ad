"""The alignment review: the editing operations (Hypothesis keeps their invariant) and the
screen's keys in Pilot tests, with the work saved as it goes and resumed."""

from __future__ import annotations

import asyncio
import functools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.widgets import Static

from conftest import DATA
from workbench.align.dp import Alignment, Bead, align_sentences
from workbench.align.editing import (
    BeadEditor,
    editor_for,
    load_sidecar,
    reviewed_alignment,
    sidecar_path,
)
from workbench.align.units import parse_ladder, to_units
from workbench.model import State
from workbench.tui.align_review import AlignReviewApp

ALIGN = DATA / "align"
ZH = (ALIGN / "story.zh-Hant.txt").read_text(encoding="utf-8").splitlines()
EN = (ALIGN / "story.en.txt").read_text(encoding="utf-8").splitlines()
GOLD = parse_ladder((ALIGN / "story.gold.align").read_text(encoding="utf-8"))
SIZE = (140, 40)


def sync(test):  # type: ignore[no-untyped-def]
    """Run an async test with asyncio (the project has no async pytest plugin)."""
    @functools.wraps(test)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        asyncio.run(test(*args, **kwargs))
    return run


def gold_alignment(source: list[str] | None = None) -> Alignment:
    """The story with its gold beads, the 1-1 beads sure and the others doubtful."""
    beads = [Bead(s, t, 0.9 if len(s) == len(t) == 1 else 0.3) for s, t in GOLD]
    return Alignment(source or list(ZH), list(EN), beads, "zh-Hant", "en")


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def index_of(beads: list[Bead], source: tuple[int, ...], target: tuple[int, ...]) -> int:
    return pairs(beads).index((source, target))


# The operations ----------------------------------------------------------------------------

def test_operations() -> None:
    ed = BeadEditor(gold_alignment())
    k = ed.merge(index_of(ed.beads, (), (9,)), index_of(ed.beads, (9, 10, 11), (8,)))
    assert pairs(ed.beads)[k] == ((9, 10, 11), (8, 9)) and ed.reviewed[k]
    k = ed.split(index_of(ed.beads, (1, 2), (1,)))
    assert pairs(ed.beads)[k:k + 2] == [((1,), (1,)), ((2,), ())]
    k = ed.split(index_of(ed.beads, (0,), (0,)))
    assert pairs(ed.beads)[k:k + 2] == [((0,), ()), ((), (0,))]
    k = ed.give(index_of(ed.beads, (3,), (2, 3)), "target")
    assert pairs(ed.beads)[k:k + 2] == [((3,), (2,)), ((4,), (3, 4))]
    k = ed.take(k, "target")
    assert pairs(ed.beads)[k:k + 2] == [((3,), (2, 3)), ((4,), (4,))]
    ed.check()
    assert ed.beads[k].confidence == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["accept", "prev", "next", "split", "give", "take"]),
                          st.sampled_from(["source", "target"]), st.integers(0, 40)),
                max_size=25))
def test_operations_keep_every_sentence_once(ops: list[tuple[str, str, int]]) -> None:
    ed = BeadEditor(gold_alignment())
    for name, side, at in ops:
        k = at % len(ed)
        if name == "accept":
            ed.accept(k)
        elif name == "prev":
            ed.merge(k, k - 1)
        elif name == "next":
            ed.merge(k, k + 1)
        elif name == "split":
            ed.split(k)
        elif name == "give":
            ed.give(k, side)
        else:
            ed.take(k, side)
        ed.check()
        assert len(ed.reviewed) == len(ed.beads)


def test_sidecar_round_trip(tmp_path: Path) -> None:
    ed = BeadEditor(gold_alignment())
    ed.split(0)
    path = tmp_path / "out.po.align.json"
    ed.save(path)
    back = load_sidecar(path, list(ZH), list(EN))
    assert back is not None
    assert pairs(back.beads) == pairs(ed.beads) and back.reviewed == ed.reviewed
    # Other texts: not this review.
    assert load_sidecar(path, list(ZH[1:]), list(EN)) is None
    path.write_text("{broken", encoding="utf-8")
    from workbench.errors import InputError

    with pytest.raises(InputError):
        load_sidecar(path)


# The screen --------------------------------------------------------------------------------

def saved(tmp_path: Path) -> dict:
    return json.loads(sidecar_path(tmp_path / "out.po").read_text(encoding="utf-8"))


@sync
async def test_accept_moves_on_and_saves(tmp_path: Path) -> None:
    ed = BeadEditor(gold_alignment())
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == 0
        await pilot.press("a")
        await pilot.pause()
        assert ed.reviewed[0] and app.current == 1
        assert saved(tmp_path)["beads"][0][3] is True
        await pilot.press("enter")
        assert ed.reviewed[1] and app.current == 2
        await pilot.press("w")
    result = app.return_value
    assert result is ed.alignment
    reviewed = reviewed_alignment(ed)
    assert [b.confidence for b in reviewed.beads[:2]] == [1.0, 1.0]
    assert reviewed.beads[2].confidence == 0.3  # not reviewed: as aligned


@sync
async def test_merge_split_and_move_keys(tmp_path: Path) -> None:
    ed = BeadEditor(gold_alignment())
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The added sentence (a 0-1 bead) joins the bead before it.
        app.table.move_cursor(row=index_of(ed.beads, (), (9,)))
        await pilot.press("p")
        await pilot.pause()
        assert ((9, 10, 11), (8, 9)) in pairs(ed.beads)
        assert app.current == index_of(ed.beads, (9, 10, 11), (8, 9))
        # ... and back out, as its own bead again, then into the next bead.
        await pilot.press("t")
        await pilot.pause()
        assert ((12,), (9, 10)) in pairs(ed.beads)
        # Split a 2-1 bead.
        app.table.move_cursor(row=index_of(ed.beads, (1, 2), (1,)))
        await pilot.press("s")
        await pilot.pause()
        assert pairs(ed.beads)[1:3] == [((1,), (1,)), ((2,), ())]
        # Take the next bead's first source sentence, give it back.
        app.table.move_cursor(row=1)
        await pilot.press("O")
        await pilot.pause()
        assert pairs(ed.beads)[1] == ((1, 2), (1,))
        await pilot.press("o")  # the given sentence joins the next bead
        await pilot.pause()
        assert pairs(ed.beads)[1:3] == [((1,), (1,)), ((2, 3), (2, 3))]
        # The next bead down merges in.
        await pilot.press("n")
        await pilot.pause()
        assert pairs(ed.beads)[1] == ((1, 2, 3), (1, 2, 3))
        ed.check()
        on_disk = saved(tmp_path)
        assert [(tuple(s), tuple(t)) for s, t, _, _ in on_disk["beads"]] == pairs(ed.beads)
        await pilot.press("q")
    assert app.return_value is None


@sync
async def test_low_confidence_first(tmp_path: Path) -> None:
    ed = BeadEditor(gold_alignment())
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"), threshold=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        firsts = [ed.beads[k].confidence for k in app.order[:7]]
        assert firsts == [0.3] * 6 + [0.9]
        assert app.current == app.order[0] == 1  # the 2-1 bead, the first doubtful one
        status = str(app.query_one("#status").render())
        assert "6 under 0.50" in status and "low confidence first" in status
        await pilot.press("a")
        await pilot.pause()
        assert ed.reviewed[1]
        assert app.current == app.order[1]
        await pilot.press("l")
        await pilot.pause()
        assert app.order == list(range(len(ed.beads)))


@sync
async def test_leave_and_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    first = editor_for(gold_alignment(), out)
    app = AlignReviewApp(first, sidecar_path(out))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "a")
        await pilot.press("q")
    assert app.return_value is None
    resumed = editor_for(gold_alignment(), out)
    assert pairs(resumed.beads) == pairs(first.beads)
    assert resumed.reviewed == first.reviewed
    # The reviewed beads are sure in the catalog; the others keep their confidence.
    catalog = to_units(reviewed_alignment(resumed), threshold=0.5)
    assert catalog.units[0].state is State.UNTRANSLATED  # 1-0 after the split of 1-1
    assert catalog.units[1].state is State.FUZZY  # the untouched 2-1 bead at 0.3


@sync
async def test_text_is_never_markup(tmp_path: Path) -> None:
    source = list(ZH)
    source[0] = "[bold]不是標記[/bold] [link=https://x]x[/link]"
    ed = BeadEditor(gold_alignment(source))
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = app.table.render_line(0).text
        assert "[bold]不是標記[/bold]" in row
        detail = app.query_one("#detail", Static).render()
        assert source[0] in detail.plain  # parsed as markup, the brackets would be gone


@sync
async def test_the_detail_shows_the_bead_and_its_neighbours_in_full(tmp_path: Path) -> None:
    """The list shows a line a bead (cut to the width); the pane under it the bead under the
    cursor in full, a sentence a line with its number (wrapped lines indented under the
    text), between a line of each neighbour's nearest sentences; it follows the cursor and
    the edits."""
    ed = BeadEditor(gold_alignment())
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"))
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()

        def detail() -> list[str]:
            return str(app.query_one("#detail", Static).render().plain).splitlines()

        await pilot.press("down", "down")
        await pilot.pause()
        before, here, after = ed.beads[1:4]
        assert here.target == (2, 3)  # a 1-2 bead: its two sentences on two lines
        lines = detail()
        assert lines[0].startswith(f"↑ #2 2-1 0.30  {ZH[before.source[-1]]} │ ")
        assert lines[1] == "#3 1-2 0.30"
        assert lines[-1].startswith(f"↓ #4 1-1 0.90  {ZH[after.source[0]]} │ ")
        # Each target sentence whole, its wrapped lines under its text, not its number.
        body = lines[2:-1]
        for j in here.target:
            first = next(n for n, line in enumerate(body)
                         if line.startswith(f"  {j + 1:>2} {EN[j][:8]}"))
            text = body[first][5:]
            for line in body[first + 1:]:
                if not line.startswith("     "):
                    break
                text += line[5:]
            assert text.replace(" ", "") == EN[j].replace(" ", "")
        assert app.table.render_line(2).text.rstrip().endswith("…")  # cut in the list
        await pilot.press("n")  # merge the third bead into the fourth
        await pilot.pause()
        merged = ed.beads[app.current]
        assert merged.target == (2, 3, 4)
        assert sum(1 for line in detail() if line.startswith("  ") and line[2:4].strip()
                   in {str(j + 1) for j in merged.target}) >= 3
        # A narrower terminal: the pane's lines are made again for its width.
        await pilot.resize_terminal(44, 24)
        await pilot.pause()
        width = app.query_one("#detail", Static).content_size.width
        assert all(cell_len(line) <= width for line in detail())
        assert detail()[0].endswith("…")


@sync
async def test_the_bead_under_the_cursor_stays_in_sight_when_the_terminal_shrinks(
        tmp_path: Path) -> None:
    """The bead list keeps its cursor row on screen through a resize, as the unit list does
    (they share the code): the last bead highlighted in a tall window stays visible in a
    short one."""
    ed = BeadEditor(gold_alignment())
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        table = app.table
        assert table.cursor_row == len(ed.beads) - 1
        await pilot.resize_terminal(100, 12)
        await pilot.pause()
        height = table.scrollable_content_region.height
        top = round(table.scroll_offset.y)
        assert height < len(ed.beads) and top <= table.cursor_row < top + height


@sync
async def test_with_a_real_alignment(tmp_path: Path) -> None:
    alignment = align_sentences(ZH, EN, "zh-Hant", "en")
    ed = BeadEditor(alignment)
    app = AlignReviewApp(ed, sidecar_path(tmp_path / "out.po"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.table.row_count == len(alignment.beads)
        await pilot.press("down", "down", "a", "w")
    assert app.return_value is not None
    assert ed.reviewed[2]


def test_review_round_then_catalog(tmp_path: Path) -> None:
    """What `workbench align --review` runs: the screen (driven by Textual's auto pilot),
    left once, resumed, finished; the sidecar holds the work in between."""
    from workbench.tui.align_review import review_alignment

    out = tmp_path / "out.po"

    async def split_first_and_leave(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("s", "q")

    async def accept_and_write(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("down", "down", "a", "w")

    assert review_alignment(gold_alignment(), out, headless=True,
                            auto_pilot=split_first_and_leave) is None
    assert sidecar_path(out).exists()
    result = review_alignment(gold_alignment(), out, headless=True,
                              auto_pilot=accept_and_write)
    assert result is not None
    assert pairs(result.beads)[:2] == [((0,), ()), ((), (0,))]  # the split was kept
    assert result.beads[2].confidence == 1.0  # accepted after the resume
    catalog = to_units(result)
    assert catalog.units[1].source == ZH[1] + ZH[2] and catalog.units[1].target == EN[1]


def test_an_aligned_catalog_reviewed_again(tmp_path: Path) -> None:
    """`workbench edit OUT.po --align`: the beads come back from the catalog's comments."""
    from workbench.align.units import alignment_from_catalog
    from workbench.formats.po import read_po, write_po
    from workbench.tui.align_review import review_catalog

    out = tmp_path / "out.po"
    catalog = to_units(gold_alignment(), source_name="zh.txt")
    write_po(catalog, out)
    again = alignment_from_catalog(read_po(out))
    assert again is not None and pairs(again.beads) == pairs(gold_alignment().beads)
    assert again.source == gold_alignment().source

    async def accept_first_and_write(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("a", "w")

    assert review_catalog(out, headless=True, auto_pilot=accept_first_and_write)
    reviewed = read_po(out)
    assert "confidence 1.00" in reviewed.units[0].auto_comments[0]
    assert reviewed.units[0].locations[0][0] == "zh.txt"
    assert not sidecar_path(out).exists()


def test_edit_align_refuses_what_it_cannot_review(tmp_path: Path) -> None:
    from conftest import run_cli
    from workbench.formats.po import write_po
    from workbench.model import Catalog, Unit

    plain = tmp_path / "plain.po"
    write_po(Catalog([Unit("a", "好。", "Good.")], "zh-Hant", "en"), plain)
    result = run_cli("edit", str(plain), "--align", cwd=tmp_path)
    assert result.returncode == 2 and "needs a terminal" in result.stderr
    result = run_cli("edit", "--align", cwd=tmp_path)
    assert result.returncode == 2 and "--align reviews an aligned catalog" in result.stderr


def test_a_stale_review_never_overwrites_the_catalog(tmp_path: Path) -> None:
    from workbench.formats.po import read_po, write_po
    from workbench.tui.align_review import review_catalog

    out = tmp_path / "out.po"
    write_po(to_units(gold_alignment(), source_name="zh.txt"), out)

    async def leave(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("a", "q")

    assert not review_catalog(out, headless=True, auto_pilot=leave)
    assert sidecar_path(out).exists()
    # The translator fixes a translation in the catalog meanwhile.
    text = out.read_text(encoding="utf-8")
    fixed = read_po(out).units[0].target
    out.write_text(text.replace(f'msgstr "{fixed}"', 'msgstr "FIXED BY HAND"', 1),
                   encoding="utf-8")

    async def write(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("w")

    assert review_catalog(out, headless=True, auto_pilot=write)
    assert read_po(out).units[0].target == "FIXED BY HAND"


def test_sentences_come_back_from_recorded_lengths() -> None:
    from workbench.align.dp import Alignment, Bead
    from workbench.align.units import alignment_from_catalog

    # "是真的：" ends a sentence only because the input said so; cutting again would not.
    source = ["是真的：", "我居然成功了。"]
    target = ["It is true:", "I actually made it."]
    alignment = Alignment(source, target, [Bead((0, 1), (0, 1), 0.9)], "zh-Hant", "en")
    again = alignment_from_catalog(to_units(alignment))
    assert again is not None and again.source == source and again.target == target
