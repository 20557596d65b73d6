"""Drive the real netcoach in tmux or GNU screen: a real pty, as over SSH. Waits on its output, never on a timer."""

from __future__ import annotations

import contextlib
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.helpers import REPO

WAIT_SECONDS = 60.0
"""How long to wait for the app to show something before failing: generous, because on a busy machine a
cold start (Python, Textual, the demo's index) can take many times its usual second. A wait ends as soon
as the text appears, so a quiet machine never waits this long."""


class Terminal:
    """One tmux server (its own socket) running one command in an 80x24 window."""

    def __init__(
        self, tmp_path: Path, command: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)
    ) -> None:
        self.socket = f"nc-test-{uuid.uuid4().hex[:8]}"
        self.fifo = tmp_path / "pane-output"
        os.mkfifo(self.fifo)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # exec: the pane's process is netcoach itself, so it gets the hang-up directly (as over SSH)
        line = f"cd {shlex.quote(str(REPO))} && exec env {exports} {shlex.join(command)}"
        width, height = size
        self.tmux("new-session", "-d", "-s", "nc", "-x", str(width), "-y", str(height), line)
        self.tmux("set-option", "-t", "nc", "remain-on-exit", "on")
        # Every byte the app writes to the terminal also comes down this pipe: we wake on output.
        self._reader = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.tmux("pipe-pane", "-t", "nc", "-o", f"cat > {shlex.quote(str(self.fifo))}")

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "nc")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "nc", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "nc", "-l", text)

    def dead(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "nc", "#{pane_dead}").strip() == "1"

    def wait_for(self, *texts: str, timeout: float = WAIT_SECONDS) -> str:
        """Wait until every one of ``texts`` is on the screen (checking each time the app draws)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{texts!r} never all appeared; the screen was:\n{screen}")
            ready, _, _ = select.select([self._reader], [], [], min(remaining, 1.0))
            if ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(self._reader, 65536)

    def wait_until_dead(self, timeout: float = WAIT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not exit; the screen was:\n{self.screen()}")
            select.select([self._reader], [], [], 0.5)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "nc", "#{pane_pid}").strip())

    def hang_up(self, timeout: float = WAIT_SECONDS) -> None:
        """Drop the terminal like a lost SSH connection (SIGHUP), and wait for the app to end."""
        pid = self.pid()
        process = os.pidfd_open(pid)
        try:
            self.tmux("kill-server")
            ready, _, _ = select.select([process], [], [], timeout)
            if not ready:
                raise AssertionError("netcoach did not exit after the hang-up")
        finally:
            os.close(process)

    def close(self) -> None:
        self.tmux("kill-server")
        os.close(self._reader)


def netcoach_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "netcoach.cli", *args]


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


class ScreenTerminal:
    """One GNU screen session (its own socket folder, its own screenrc) running one command, attached to an
    80x24 pty of ours: keys are typed into that pty, as a person types into the terminal screen runs in,
    so they pass through screen's own input handling. The screen is read with ``hardcopy``; every byte screen
    draws on our pty wakes a waiter, so waits are on output, never on a timer.

    GNU screen 4.x writes only the low byte of each character to a hardcopy (``é`` survives, ``─`` becomes
    NUL, ``⏎`` becomes ``Î``), so texts are compared through :func:`screen_fold`.
    """

    def __init__(
        self,
        tmp_path: Path,
        command: list[str],
        env: dict[str, str],
        size: tuple[int, int] = (80, 24),
        term: str = "screen-256color",
    ) -> None:
        self.name = f"nc-{uuid.uuid4().hex[:8]}"
        self.width, self.height = size
        home = tmp_path / "screen"
        home.mkdir()
        # A socket path must stay short (108 bytes), and private: screen refuses a folder others can read.
        self.sockets = Path(tempfile.mkdtemp(prefix="nc-screen-"))
        self.status = home / "exit-status"
        rc = home / "screenrc"  # with -c, ~/.screenrc is not read; SYSSCREENRC keeps /etc/screenrc out too
        rc.write_text(f"startup_message off\nterm {term}\n")
        self._hardcopies = home / "hardcopies"
        self._hardcopies.mkdir()
        self._count = 0
        self._latin1 = screen_version() < (5,)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"cd {shlex.quote(str(REPO))} && env {exports} {shlex.join(command)}"
        line += f"; echo $? > {shlex.quote(str(self.status))}"  # the app's exit status, once the session ends
        self.env = {**os.environ, "SCREENDIR": str(self.sockets), "SYSSCREENRC": "/dev/null", "TERM": "xterm-256color"}
        self._master, slave = os.openpty()
        termios.tcsetwinsize(slave, (self.height, self.width))
        self.process = subprocess.Popen(
            ["screen", "-U", "-S", self.name, "-c", str(rc), "sh", "-c", line],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            start_new_session=True,  # a session of its own, as a login shell has
        )
        os.close(slave)
        self._output = threading.Condition()
        self._drawn = 0
        self.drawn_tail = b""
        """The last bytes screen drew on our pty (its messages, when it fails to start)."""
        # screen must always be able to draw, or it stops: a thread drains our end and counts what it drew.
        self._drainer = threading.Thread(target=self._drain, daemon=True)
        self._drainer.start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:  # EIO: screen has gone and closed the pty
                data = b""
            with self._output:
                self._drawn += 1
                self.drawn_tail = (self.drawn_tail + data)[-4096:]
                self._output.notify_all()
            if not data:
                return

    def screen_command(self, *args: str) -> bool:
        """Send a command to the session (False when it is not there, or not yet)."""
        result = subprocess.run(
            ["screen", "-S", self.name, "-X", *args], env=self.env, capture_output=True, check=False
        )
        return result.returncode == 0

    def screen(self, timeout: float = 10.0) -> str:
        """The window as text (see :func:`screen_fold` for what GNU screen 4.x keeps of each character).

        The hardcopy goes into a FIFO we read: we wake when screen writes it, not on a timer.
        """
        self._count += 1
        path = self._hardcopies / f"{self._count}.fifo"
        os.mkfifo(path)
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        deadline = time.monotonic() + timeout
        try:
            while not self.screen_command("hardcopy", str(path)):
                # The session's socket comes up a moment after screen starts: wait for it to draw.
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"no hardcopy from screen; it last drew {self.drawn_tail[-400:]!r}")
                with self._output:
                    self._output.wait(0.05)
            chunks: list[bytes] = []
            while True:  # `screen -X` returns before the session has written it: read until it closes
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"screen did not finish a hardcopy; it last drew {self.drawn_tail[-400:]!r}")
                ready, _, _ = select.select([reader], [], [], remaining)
                if not ready:
                    continue
                data = os.read(reader, 65536)
                if not data and chunks:
                    break
                chunks.append(data)
        finally:
            os.close(reader)
            path.unlink()
        return b"".join(chunks).decode("latin-1" if self._latin1 else "utf-8", errors="replace")

    def rows(self, screen: str) -> list[str]:
        """The window's rows (not ``splitlines``: a folded ``▅`` is U+0085, a line break to Python)."""
        return screen.split("\n")[: self.height]

    def type(self, text: str) -> None:
        """Type into the terminal screen is attached to."""
        os.write(self._master, text.encode())

    def press(self, key: str) -> None:
        self.type({"Enter": "\r", "Escape": "\x1b", "Tab": "\t"}.get(key, key))

    def stuff(self, text: str) -> None:
        """Put ``text`` straight into the window's input, past screen's handling of the keyboard."""
        self.screen_command("stuff", text)

    def wait_for(self, *texts: str, timeout: float = WAIT_SECONDS) -> str:
        """Wait until every one of ``texts`` is in the window (checking each time screen draws)."""
        wanted = [screen_fold(text) for text in texts]
        deadline = time.monotonic() + timeout
        while True:
            with self._output:
                drawn = self._drawn
            screen = self.screen()
            if all(text in screen_fold(screen) for text in wanted):
                return screen
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{texts!r} never all appeared; the screen was:\n{screen}")
            with self._output:
                if self._drawn == drawn:  # nothing drawn since that hardcopy: sleep until screen draws
                    self._output.wait(min(remaining, 1.0))

    def wait_until_ended(self, timeout: float = WAIT_SECONDS) -> int:
        """Wait for the session to end (its one window closed); the command's exit status."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the screen session did not end; the screen was:\n{self.screen()}") from None
        return int(self.status.read_text())

    def close(self) -> None:
        if self.process.poll() is None:
            self.screen_command("quit")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:  # the session's server is the pid its socket is named after
                for socket in self.sockets.glob(f"*.{self.name}"):
                    with contextlib.suppress(ValueError, ProcessLookupError):
                        os.kill(int(socket.name.split(".")[0]), signal.SIGKILL)
                self.process.kill()
                self.process.wait()
        self._drainer.join(5)
        os.close(self._master)
        shutil.rmtree(self.sockets, ignore_errors=True)


def screen_fold(text: str) -> str:
    """What GNU screen 4.x's hardcopy keeps of ``text``: the low byte of each character (5.x keeps them all)."""
    return "".join(chr(ord(char) & 0xFF) for char in text)


def screen_version() -> tuple[int, ...]:
    result = subprocess.run(["screen", "-v"], capture_output=True, text=True, check=False)
    found = re.search(r"version (\d+)\.(\d+)", result.stdout)
    return (int(found[1]), int(found[2])) if found else (0,)


def have_screen() -> bool:
    return shutil.which("screen") is not None


StartTmux = Callable[..., Terminal]
"""The type of the ``tmux`` fixture (tests/e2e/conftest.py)."""
StartScreen = Callable[..., ScreenTerminal]
"""The type of the ``gnu_screen`` fixture (tests/e2e/conftest.py)."""
