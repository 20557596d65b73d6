"""Saying what you want: the one-sentence exercise, kept as ``[user] looking_for`` in config.toml."""

from __future__ import annotations

from netcoach.model.problem import FileProblem
from netcoach.storage.errors import StoreError
from netcoach.storage.wants import save_looking_for
from netcoach.tui.messages import WriteFailed
from netcoach.tui.screens.base import NetcoachScreen


def ask_looking_for(screen: NetcoachScreen) -> None:
    """Ask for the sentence; save it (undoable), and let drafts use it at once."""
    from netcoach.tui.dialogs.one_sentence import OneSentence

    app = screen.nc

    def save(sentence: str) -> None:  # a worker: writes, then hands the result back to the app's thread
        try:
            save_looking_for(app.store, sentence)
        except (StoreError, FileProblem) as error:
            app.post_message(WriteFailed(f"Not saved: {error}"))
            return
        app.call_from_thread(kept, sentence)

    def kept(sentence: str) -> None:
        app.config.user.looking_for = sentence
        app.notify(f"Kept: {sentence}. Your drafts will use it; u takes it back.", markup=False, timeout=5)

    def done(sentence: str | None) -> None:
        if sentence:
            app.run_worker(lambda: save(sentence), thread=True, group="write")

    screen.app.push_screen(OneSentence(app.config.user.looking_for), done)
