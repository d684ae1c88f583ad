"""The editor's domain, without a user interface: the session on a catalog (with its journal and
lock), the translation memory, suggestions, the view of the catalog the list shows (filter,
search, next unit needing work), progress, and the save/quit state.

`workbench.tui` shows this and turns keys into calls on it; nothing here imports Textual or
Rich (tests/test_import_hygiene.py keeps it so).
"""
