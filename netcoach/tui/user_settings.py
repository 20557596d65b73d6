"""Your name and signature in the app: asked once on the first start, again from the palette, and
config.toml read again when it changes while the app runs (an editor, ``netcoach themes use``): the
timing rules, the keymap and the theme follow it at once."""

from __future__ import annotations

import contextlib
import os
from functools import partial
from typing import TYPE_CHECKING

from netcoach.model.problem import FileProblem
from netcoach.storage.errors import StoreError
from netcoach.tui.messages import ConfigRead, WriteFailed

if TYPE_CHECKING:
    from netcoach.storage.config import UserSettings
    from netcoach.tui.app import NetcoachApp

Stamp = tuple[int, int, int] | None


class UserSettingsFlow:
    """The app's side of ``config.toml``: asking who you are, saving it, and noticing changes."""

    def __init__(self, app: NetcoachApp) -> None:
        self.app = app
        self.known: Stamp = self.stamp()
        """config.toml as the app last read it (None: not there)."""

    def stamp(self) -> Stamp:
        try:
            st = os.stat(self.app.store.folder.config_path, follow_symlinks=False)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    # -- asking --------------------------------------------------------------------------

    def ask(self, first_start: bool = False) -> None:
        """Ask for the user's name and signature; on the first start, remember that it was asked."""
        from netcoach.tui.dialogs.welcome import WelcomeForm

        self.app.push_screen(
            WelcomeForm(self.app.config.user, first_start=first_start), partial(self._answered, first_start)
        )

    def _answered(self, first_start: bool, user: UserSettings | None) -> None:
        if first_start:  # asked once, whatever the answer: never again on this folder
            self.app.run_worker(self._remember_asked, thread=True, group="write")
        if user is not None and user != self.app.config.user:
            self.app.run_worker(partial(self._save, user), thread=True, group="write")

    def _remember_asked(self) -> None:
        from netcoach.storage.welcome import mark_welcomed

        with contextlib.suppress(StoreError):  # nothing of the user's is lost: the question comes again next time
            mark_welcomed(self.app.store, self.app.today.isoformat())

    def _save(self, user: UserSettings) -> None:
        from netcoach.storage.welcome import save_user

        try:
            save_user(self.app.store, user.name, user.signature)
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(f"Your name was not saved: {error}"))
            return
        signed = f"Drafts are signed {user.name}." if user.name else "Drafts leave your name for you to fill in."
        self._read(f"Saved. {signed} u undoes it.")

    # -- noticing changes ----------------------------------------------------------------

    def check_for_changes(self) -> None:
        """config.toml changed since the app read it: read it again, off the UI thread."""
        now = self.stamp()
        if now != self.known:
            self.known = now
            self.app.run_worker(self._read, thread=True, exclusive=True, group="config")

    def _read(self, note: str = "") -> None:
        self.known = self.stamp()  # taken before reading: a change made meanwhile shows at the next look
        config, problems = self.app.store.settings.load_config()
        self.app.post_message(ConfigRead(config, problems, note))

    def config_read(self, message: ConfigRead) -> None:
        """Use the settings read (the app's handler calls this): everyone is read again with them."""
        from netcoach.themes.choosing import pick_default_theme, terminal_colors

        app = self.app
        config_path = app.store.folder.config_path
        others = [p for p in app.config_problems if p.path != config_path]  # a theme file's, say
        before, app.config = app.config, message.config
        if message.config.keymap != before.keymap:
            app.apply_keymap()
        if message.config.theme != before.theme:  # `netcoach themes use`, or an editor
            colors = terminal_colors(os.environ)
            app.theme = pick_default_theme(os.environ, colors, message.config.theme, available=app.themes)
        app.config_problems = list(message.problems) + others
        if message.note:
            app.notify(message.note, markup=False, timeout=6)
        elif message.problems:
            app.notify("config.toml could not be read; the defaults are used. Press P to see why.", severity="warning")
        app.loader.load()  # the timing rules may have changed: Today and the lists follow them
