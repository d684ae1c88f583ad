"""Every action of the editor, in one place: keys, id, description and help.

The app's bindings, the footer, the help screen, the command palette and the README's table of
keys all come from `ACTIONS`, so they cannot disagree. Keys were chosen to reach the app in a
plain terminal and in tmux: no Ctrl+Shift combinations, nothing tmux takes by default (Ctrl+B),
Alt+key as an Escape prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


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


# Keys the target editor handles itself (it is a TextArea); listed for help, not bound here.
EDITOR_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "commit the target (translated, fuzzy cleared) and go to the next unit "
              "needing work"),
    ("Ctrl+J / Shift+Enter", "insert a line break in the target"),
    ("Ctrl+Z / Ctrl+Y", "undo / redo in the target, a word at a time; each unit keeps its "
                        "history while the editor is open"),
    ("Tab / Shift+Tab", "move focus between the unit list and the target"),
)

LIST_KEYS: tuple[tuple[str, str], ...] = (
    ("Up / Down", "previous / next unit in the list"),
    ("PgUp / PgDn / Home / End", "move by a page / to the first or last unit"),
    ("Enter", "edit the highlighted unit"),
    ("?", "this help (when the list has focus)"),
)

ACTIONS: tuple[Action, ...] = (
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
           "only the matches (empty search: all)", footer=True, group="Moving"),
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
    Action("add_term", "ctrl+n", "add_term", "Add term", "add a term to the project glossary "
           "(the selected target text is offered)", group="Suggestions"),
)



def bindings(only_priority: bool = False) -> list[Binding]:
    """The bindings of the editor screen (quit first: the footer shows it first, as Textual's
    own quit), or (`only_priority`) those the app holds ahead of every screen."""
    ordered = sorted(ACTIONS, key=lambda a: not a.priority)
    return [a.binding() for a in ordered if a.priority or not only_priority]
