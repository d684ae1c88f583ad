"""Every action of the editor, in one place: keys, id, description and help.

The screen's, the unit list's and the app's bindings, the keys the target editor handles, the
footer, the help screen, the command palette and the key tables of docs/editor.md all come from
`ACTIONS`, so they cannot disagree. Keys were chosen to reach the app in a
plain terminal and in tmux: no Ctrl+Shift combinations, nothing tmux takes by default (Ctrl+B),
Alt+key as an Escape prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the translator can do."""

    id: str  # stable binding id (remappable keymaps use it)
    keys: str  # Textual key names, comma-separated
    action: str  # the app action it runs
    description: str  # short: the footer and the palette
    help: str  # one line for the help screen and the palette
    footer: bool = False
    group: str = "Editing"
    priority: bool = False  # bound on the app, ahead of every screen and widget (quit only)
    scope: str = "screen"
    """Where the keys work: "screen" (bound on the editor screen), "target" (handled by the
    target editor as the key arrives), "list" (bound on the unit list), "textual" (a key
    Textual provides itself: documented here, bound there)."""

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.footer, id=self.id,
                       priority=self.priority)

    @property
    def key_label(self) -> str:
        return " / ".join(_label(k) for k in self.keys.split(","))


def _label(key: str) -> str:
    names = {"question_mark": "?", "pageup": "PgUp", "pagedown": "PgDn", "enter": "Enter",
             "up": "Up", "down": "Down", "home": "Home", "end": "End"}
    parts = key.split("+")
    return "+".join(names.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in parts)


TARGET = "In the target"
LIST = "In the unit list"
ACTIONS: tuple[Action, ...] = (
    Action("commit", "enter", "commit", "Commit", "commit the target (translated, fuzzy "
           "cleared) and go to the next unit needing work (untranslated or fuzzy; after the "
           "last, from the top)", group=TARGET, scope="target"),
    Action("newline", "ctrl+j,shift+enter", "newline", "Line break",
           "insert a line break in the target", group=TARGET, scope="target"),
    Action("undo_redo", "ctrl+z,ctrl+y", "undo", "Undo", "undo / redo in the target, a word "
           "at a time; each unit keeps its history while the editor is open", group=TARGET,
           scope="textual"),
    Action("focus", "tab,shift+tab", "app.focus_next", "Focus",
           "move focus between the unit list and the target", group=TARGET, scope="textual"),
    Action("list_up", "up", "cursor_up", "Up", "previous unit in the list", group=LIST,
           scope="list"),
    Action("list_down", "down", "cursor_down", "Down", "next unit in the list", group=LIST,
           scope="list"),
    Action("list_page_up", "pageup", "page_up", "Page up", "up by a page", group=LIST,
           scope="list"),
    Action("list_page_down", "pagedown", "page_down", "Page down", "down by a page",
           group=LIST, scope="list"),
    Action("list_first", "home", "first", "First", "first unit", group=LIST, scope="list"),
    Action("list_last", "end", "last", "Last", "last unit", group=LIST, scope="list"),
    Action("list_choose", "enter", "choose", "Edit", "edit the highlighted unit (a double "
           "click too)", group=LIST, scope="list"),
    Action("save", "ctrl+s", "save", "Save", "save the catalog (atomic; asks if it changed on "
           "disk)", footer=True, group="File"),
    Action("quit", "ctrl+q", "quit_editor", "Quit", "quit (asks only when something is unsaved)",
           footer=True, group="File", priority=True),
    Action("help", "f1,question_mark", "help", "Help", "show every key (? from the list)",
           footer=True, group="File"),
    Action("next_unit", "alt+down", "next_unit", "Next", "next unit (keeps the edit)",
           group="Moving"),
    Action("previous_unit", "alt+up", "previous_unit", "Previous",
           "previous unit (keeps the edit)", group="Moving"),
    Action("goto", "ctrl+g", "goto", "Go to", "go to unit number N", footer=True, group="Moving"),
    Action("search", "ctrl+f", "search", "Search", "search source and target; the list shows "
           "only the matches (empty search: all; Chinese in either script: 党委 finds 黨委)",
           footer=True, group="Moving"),
    Action("cycle_filter", "ctrl+l", "cycle_filter", "Filter",
           "cycle the list filter: all → untranslated → fuzzy → translated", footer=True,
           group="Moving"),
    Action("filter_all", "alt+a", "set_filter('all')", "Show all", "list every unit",
           group="Moving"),
    Action("filter_untranslated", "alt+u", "set_filter('untranslated')", "Show untranslated",
           "list only untranslated units", group="Moving"),
    Action("filter_fuzzy", "alt+f", "set_filter('fuzzy')", "Show fuzzy",
           "list only fuzzy units", group="Moving"),
    Action("filter_translated", "alt+t", "set_filter('translated')", "Show translated",
           "list only translated units", group="Moving"),
    Action("full_text", "f2", "full_text", "Whole unit", "show the whole source sentence and "
           "context when their panels cut them (the panel's border says so)", group="Moving"),
    Action("plural_forms", "f3", "plural_forms", "Plural forms", "edit every form of a plural "
           "entry (msgstr[0], msgstr[1], ...); the target is the first"),
    Action("toggle_fuzzy", "ctrl+t", "toggle_fuzzy", "Fuzzy", "toggle the fuzzy mark of the "
           "unit (commits the target as it is)", footer=True),
    Action("copy_source", "ctrl+o", "copy_source", "Copy source",
           "copy the source sentence into the target", footer=True),
    Action("revert_unit", "alt+r", "revert_unit", "Revert unit", "revert the unit (target and "
           "state) to what it was when the editor opened or last saved; Ctrl+Z brings the "
           "edit back"),
    Action("insert_best", "ctrl+r", "insert_suggestion(1)", "Insert 1",
           "insert suggestion 1 into the target", footer=True, group="Suggestions"),
    *(Action(f"insert_{n}", f"alt+{n}", f"insert_suggestion({n})", f"Insert {n}",
             f"insert suggestion {n} into the target", group="Suggestions")
      for n in range(1, 10)),
    Action("select_source", "alt+s", "select_source", "Select source", "select in the "
           "source: arrows move, Shift+arrows select (Ctrl+N, F9 use it), Esc returns to the "
           "target", group="Suggestions"),
    Action("add_term", "ctrl+n", "add_term", "Add term", "add a term to the project glossary "
           "(the text selected in the source (Alt+S) is offered as the term, the selected "
           "target text as its translation)", group="Suggestions"),
    # The translator's toolkit (workbench/tui/toolkit.py). F-keys and Alt+letter reach the app
    # in xterm, tmux and the Linux console alike; F6 and F7 are the target's own (TextArea
    # selects the line, all).
    Action("reading_view", "f4", "reading_view", "Reading view", "reading view: the document "
           "paragraph by paragraph, source and translation (T toggles); Enter edits a sentence",
           group="Toolkit"),
    Action("concordance", "f5", "concordance", "Concordance", "concordance: every sentence of "
           "the project's catalogs and reference memories holding a word or phrase (either "
           "script); the selected target text is offered", group="Toolkit"),
    Action("replace", "alt+h", "replace", "Replace", "find and replace in the targets of the "
           "whole catalog, every change previewed first", group="Toolkit"),
    Action("undo_replace", "alt+z", "undo_replace", "Undo replace",
           "undo the last find and replace (every target it changed)", group="Toolkit"),
    Action("overview", "alt+o", "overview", "Overview", "project overview: every document × "
           "target with its progress; Enter opens that catalog (this one is saved first)",
           group="Toolkit"),
    Action("merge_next", "f8", "merge_next", "Merge next", "merge the unit with the next "
           "sentence of its paragraph, in every catalog of the document (kept by `init`)",
           group="Toolkit"),
    Action("split", "f9", "split", "Split", "split the unit at the cursor of the source "
           "(Alt+S), else before a text of its source (asked for), in every catalog of the "
           "document (kept by `init`)", group="Toolkit"),
    Action("edit_comment", "alt+c", "edit_comment", "Comment", "edit the translator's "
           "comment of the unit (the `#` lines; a vertical bar separates lines), saved with "
           "the catalog", group="Toolkit"),
    Action("clear_conflicts", "alt+k", "clear_conflicts", "Clear conflicts", "remove the "
           "unit's import conflict notes once resolved (a note stops `import` from "
           "overwriting the unit)", group="Toolkit"),
    Action("palette", "ctrl+p", "command_palette", "Palette",
           "command palette: every action by name", group="Anywhere", scope="textual"),
)



def bindings(only_priority: bool = False) -> list[BindingType]:
    """The bindings of the editor screen (quit first: the footer shows it first, as Textual's
    own quit), or (`only_priority`) those the app holds ahead of every screen."""
    ordered = sorted(ACTIONS, key=lambda a: not a.priority)
    return [a.binding() for a in ordered
            if a.scope == "screen" and (a.priority or not only_priority)]


def list_bindings() -> list[BindingType]:
    """The bindings of the unit list."""
    return [a.binding() for a in ACTIONS if a.scope == "list"]


def keys_of(action_id: str) -> frozenset[str]:
    """The keys of one action (the target editor looks its own up)."""
    return frozenset(next(a for a in ACTIONS if a.id == action_id).keys.split(","))


def palette_actions() -> list[Action]:
    """What the command palette lists: every action of the editor screen."""
    return [a for a in ACTIONS if a.scope == "screen"]


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key with its help, by section in the registry's order: the help screen and
    docs/editor.md are made from this. Alt+1 … Alt+9 are one row."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for action in ACTIONS:
        if action.id.startswith("insert_") and action.id not in ("insert_best", "insert_1"):
            continue
        keys, what = action.key_label, action.help
        if action.id == "insert_1":
            keys, what = "Alt+1 … Alt+9", "insert suggestion N into the target"
        sections.setdefault(action.group, []).append((keys, what))
    return list(sections.items())


def markdown_key_table() -> str:
    """The keys as the Markdown tables of docs/editor.md."""
    lines: list[str] = []
    for title, rows in help_sections():
        lines += [f"### {title}", "", "| Keys | What they do |", "| --- | --- |"]
        for keys, what in rows:
            code = "`" + keys.replace(" / ", "` / `").replace(" … ", "` … `") + "`"
            lines.append(f"| {code} | {what.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # python -m workbench.tui.actions > the table for docs/editor.md
    print(markdown_key_table(), end="")
