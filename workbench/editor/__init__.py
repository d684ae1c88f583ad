"""The editor's domain, without a user interface: the session on a catalog (with its journal and
lock), the translation memory, suggestions, the view of the catalog the list shows (filter,
search, next unit needing work), progress and its word cache, undo, the save/quit state, and
the translator's tools built on them: a unit's check findings and notes, find and replace, the
reading view's paragraphs and the project overview.

`workbench.tui` shows this and turns keys into calls on it; nothing here imports Textual or
Rich (tests/test_import_hygiene.py keeps it so).
"""
