"""The full-screen app (Textual). Screens call the domain layer and hold no business rules.

- ``app.py``: the app. It owns the shared state (the book, the contact the user is on, the draft
  being written) and every write; ``messages.py``: what the screens and workers post up to it.
- ``screens/``: the top-level screens, one a file (today, contacts, contact, draft, checklist), on
  ``screens/base.py`` (what every screen shares) and ``screens/people.py`` (acting on a contact, lists).
- ``dialogs/``: the modal screens, one a file; ``widgets/``: the app's own widgets.
- ``loading.py`` (reading and watching the data folder), ``importing.py`` (the import flow),
  ``keymap.py`` (key names), ``external_editor.py`` ($EDITOR), ``theming.py``, ``formatting.py``.
- ``netcoach.tcss``: the one stylesheet.
"""
