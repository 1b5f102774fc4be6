"""`vocab review` in a real terminal: a pseudo-terminal killed with SIGKILL mid-session, and tmux.

Both run the real command in a child process, so they see what a learner sees: click.getchar()
in raw mode, rich drawing for a terminal, and the store written by another process.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vocab.learner.store import STORE_FILE

from .conftest import EXAMPLES

NOW = "2026-11-25T12:00:00+00:00"
FRONT, BACK = "space/enter answer", "space = good"
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _command(home: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "vocab",
        "--data-dir",
        str(home),
        "review",
        str(EXAMPLES),
        "--now",
        NOW,
        "--new",
        "10",
    ]


class _Terminal:
    """A child process on a pseudo-terminal: send keys, wait for text on its screen."""

    def __init__(self, command: list[str]) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, count: int = 1, timeout: float = 60.0) -> None:
        """Read output until ``text`` has appeared ``count`` times in all of it."""
        deadline = time.monotonic() + timeout
        while _ESCAPES.sub("", self.seen).count(text) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{text!r} did not appear {count}×; screen so far:\n{_ESCAPES.sub('', self.seen)[-2000:]}"
                )
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:  # the child has gone
                    break

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)


def _answers(home: Path) -> int:
    with sqlite3.connect(home / STORE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT count(*) FROM reviews").fetchone()[0]


def test_sigkill_mid_session_loses_no_answered_card(tmp_path: Path) -> None:
    terminal = _Terminal(_command(tmp_path))
    try:
        for answered in range(1, 4):
            terminal.wait_for(FRONT, count=answered)
            terminal.send(" ")
            terminal.wait_for(BACK, count=answered)
            terminal.send(str(answered % 4 + 1))
        terminal.wait_for(FRONT, count=4)  # the fourth card is on screen: three answers are behind it
        terminal.send(" ")
        terminal.wait_for(BACK, count=4)
        terminal.send("3")
        terminal.process.send_signal(signal.SIGKILL)  # at once, whether or not the fourth answer is stored
        terminal.process.wait(timeout=10)
    finally:
        terminal.close()
    assert terminal.process.returncode == -signal.SIGKILL
    assert _answers(tmp_path) in (3, 4)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_session_in_tmux(tmp_path: Path) -> None:
    session = f"vocab-test-{os.getpid()}"
    command = " ".join(f"'{part}'" for part in _command(tmp_path))
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command + "; sleep 30"], check=True
    )

    def screen() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 60
        while text not in (shown := screen()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on the screen:\n{shown}")
            time.sleep(0.2)
        return shown

    try:
        front = wait_for(FRONT)
        assert "due 0 · learning 0 · new 10 · done 0" in front and "[…]" in front
        subprocess.run(["tmux", "send-keys", "-t", session, "Space"], check=True)
        back = wait_for(BACK)
        assert "1 again (1m)" in back and "4 easy (8d)" in back
        assert back.count("due 0 · learning 0 · new 10") == 1  # the screen was redrawn, not appended to
        subprocess.run(["tmux", "send-keys", "-t", session, "4"], check=True)
        assert "done 1" in wait_for("done 1")
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        summary = wait_for("Session over")
        assert "1 answered" in summary and "1 easy" in summary
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert _answers(tmp_path) == 1
