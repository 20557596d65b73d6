"""Drive the real netcoach in tmux: a real pty, as over SSH. Waits on the terminal's output, never on a timer."""

from __future__ import annotations

import contextlib
import os
import select
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
        line = f"cd {shlex.quote(str(ROOT))} && exec env {exports} {shlex.join(command)}"
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

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
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

    def wait_until_dead(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not exit; the screen was:\n{self.screen()}")
            select.select([self._reader], [], [], 0.5)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "nc", "#{pane_pid}").strip())

    def hang_up(self, timeout: float = 20.0) -> None:
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
