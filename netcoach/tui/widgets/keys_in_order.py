"""Keys acted on in the order they were typed, in the fields where the user writes words.

Textual hands each key to the focused field, through the field's own queue. A character is typed
there at once. Any other key the field acts on (ctrl+a or Home to the line's start, ctrl+e, Backspace,
the arrows, Enter in a one-line field) is one of the field's bindings, and Textual runs bindings only
when the key has gone round: from the field up to its screen, then to the app, each with a queue of
its own. When keys come in together (a fast typist on a slow or busy machine, which reads several at
once), the characters typed after such a key are typed before its binding runs: ctrl+a then "Hello
Wei, typed just before..." typed "Hello Wei, typed" where the cursor was, then moved the cursor to
the start, and the rest landed there ("just before...Hello Wei, typed").

Here the field runs its own binding as the key reaches it, in the order typed; a key it has no
binding for goes round as before (Esc to the screen). A key bound with priority (ctrl+s in the
Draft screen) is acted on by the app as it arrives, before any field sees it.

A field's own key map is Textual's private ``_bindings`` (there is no public one): check it when
Textual is upgraded.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea


async def act_where_typed(widget: Widget, event: events.Key) -> None:
    """Run ``widget``'s own binding for ``event`` now, between the keys typed before and after it.

    A key it acts on stops here: Textual would otherwise act on it a second time on its way up.
    """
    if widget.check_consume_key(event.key, event.character):
        return  # a character: the field types it (its key handler comes after this one)
    # The field's own bindings: Textual's have no id, so the user's [keymap] never moves them.
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            return


async def keys_handled(widget: Widget, timeout: float = 1.0) -> None:
    """Wait until ``widget`` has handled the keys already handed to it (every message queued to it now).

    For a priority key that moves the focus away from a field (Esc in the Draft screen): awaited in its
    action, it holds the next keys in the app until the keys typed before it are in the field, so those
    typed after it go where the focus is then. Bounded: a field closed meanwhile never answers.
    """
    done = asyncio.Event()
    if widget.call_later(done.set):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout)


class InOrderInput(Input):
    """A one-line field that acts on its keys in the order typed (see :func:`act_where_typed`)."""

    async def on_key(self, event: events.Key) -> None:
        await act_where_typed(self, event)


class InOrderTextArea(TextArea):
    """A text box that acts on its keys in the order typed (see :func:`act_where_typed`)."""

    async def on_key(self, event: events.Key) -> None:
        await act_where_typed(self, event)
