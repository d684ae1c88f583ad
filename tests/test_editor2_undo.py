"""Undo in the target (workbench.editor.undo): steps at word boundaries, per unit, revert."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.editor.undo import MAX_STEPS, PAUSE, TextHistory, UndoBook


def type_into(history: TextHistory, text: str, typed: str, start: float = 0.0,
              gap: float = 0.05) -> tuple[str, float]:
    """Type `typed` at the end of `text` a key every `gap` seconds; the text and the time."""
    now = start
    for ch in typed:
        text += ch
        now += gap
        history.record(text, (0, len(text)), now)
    return text, now


def undo_all(history: TextHistory) -> list[str]:
    seen = []
    while (state := history.undo()) is not None:
        seen.append(state.text)
    return seen


def test_typing_is_undone_word_by_word() -> None:
    history = TextHistory("")
    type_into(history, "", "The Party committee met.")
    # 100 characters without a pause were one step in Textual; here every word is one
    assert undo_all(history) == ["The Party committee ", "The Party ", "The ", ""]


def test_han_and_latin_and_marks_end_steps() -> None:
    history = TextHistory("")
    type_into(history, "", "西藏自治區ABC，黨委")
    assert undo_all(history) == ["西藏自治區ABC，", "西藏自治區", ""]


def test_a_pause_ends_a_step() -> None:
    history = TextHistory("")
    text, now = type_into(history, "", "abc")
    type_into(history, text, "def", start=now + PAUSE)
    assert undo_all(history) == ["abc", ""]


def test_backspaces_are_one_step_and_redo_returns() -> None:
    history = TextHistory("")
    text, now = type_into(history, "", "hello")
    for n in range(3):
        text = text[:-1]
        history.record(text, (0, len(text)), now + 0.1 * (n + 1))
    assert history.undo().text == "hello"  # type: ignore[union-attr]
    assert history.redo().text == "he"  # type: ignore[union-attr]
    assert history.redo() is None


def test_a_paste_or_suggestion_is_a_step_of_its_own() -> None:
    history = TextHistory("")
    text, now = type_into(history, "", "ab")
    history.record(text + "pasted text", (0, 13), now + 0.01)
    assert undo_all(history) == ["ab", ""]


def test_an_edit_after_undo_drops_the_redo() -> None:
    history = TextHistory("")
    _text, now = type_into(history, "", "one two")
    history.undo()
    history.record("one x", (0, 5), now + 2)
    assert history.redo() is None
    assert undo_all(history) == ["one ", ""]


def test_a_cursor_jump_ends_a_step() -> None:
    history = TextHistory("")
    _text, now = type_into(history, "", "abc")
    history.close_step()  # the editor calls this when the cursor moves
    history.record("abcd", (0, 4), now + 0.01)
    assert undo_all(history) == ["abc", ""]


def test_history_is_bounded() -> None:
    history = TextHistory("")
    text = ""
    for n in range(MAX_STEPS + 50):
        text += f"w{n} "
        history.record(text, (0, len(text)), n * 10.0)
    assert len(undo_all(history)) == MAX_STEPS


@settings(max_examples=200, deadline=None)
@given(edits=st.lists(st.tuples(st.text("ab 中文，", max_size=3), st.booleans(),
                                st.floats(0, 2)), max_size=40))
def test_undo_goes_back_through_states_seen_and_redo_forward(
        edits: list[tuple[str, bool, float]]) -> None:
    """Undo only ever returns texts the target had, back to the first; redo undoes them all."""
    history = TextHistory("start")
    text, now, seen = "start", 0.0, ["start"]
    for piece, delete, gap in edits:
        text = text[:-len(piece)] if delete and piece else text + piece
        now += gap
        history.record(text, (0, len(text)), now)
        seen.append(text)
    back = undo_all(history)
    assert (back[-1] if back else history.current.text) == "start"
    assert all(state in seen for state in back)
    while history.redo() is not None:
        pass
    assert history.current.text == text


def test_book_keeps_each_units_history_and_baseline() -> None:
    book: UndoBook[int] = UndoBook()
    first = book.history(0, "", (0, 0))
    book.note_baseline(0, "", 0)
    type_into(first, "", "one two")
    second = book.history(1, "old", (0, 3))
    book.note_baseline(1, "old", 2)
    second.record("new", (0, 3), 1.0)
    book.note_baseline(1, "new", 1)  # the first baseline stays
    # back to the first unit: its history is there
    again = book.history(0, "one two", (0, 7))
    assert again is first and undo_all(again) == ["one ", ""]
    assert book.baseline(1) == ("old", 2)
    # saved: the baseline is what the unit holds now
    book.saved(lambda unit: ("new", 1) if unit == 1 else ("", 0))
    assert book.baseline(1) == ("new", 1)
    # a unit changed elsewhere (the plural dialog, a reload) starts its history there
    assert book.history(1, "changed", (0, 0)).current.text == "changed"
    book.clear()
    assert book.baseline(1) is None
