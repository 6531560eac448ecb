"""`policy-site serve` as the admin sees it: the address, a broken save shown on the open page
(without the preview hanging), the page back once fixed, and a busy port in one sentence."""

from __future__ import annotations

import html
import os
import queue
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import CLI, REPO, make_project, squash

SCHOOL = "st-thomas"
POLICY = f"policy_sources/{SCHOOL}/policies/social-media.yml"
PAGE = "policies/social-media/"
# The worktree's own code, whatever the virtualenv's editable install points at.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running `policy-site serve`, its merged output read line by line as it comes."""

    process: subprocess.Popen[str]
    port: int
    lines: list[str] = field(default_factory=list)
    _queue: queue.Queue[str] = field(default_factory=queue.Queue)

    def __post_init__(self) -> None:
        def read() -> None:
            assert self.process.stdout
            for line in self.process.stdout:
                self._queue.put(line.rstrip("\n"))

        threading.Thread(target=read, daemon=True).start()

    def wait_for_line(self, text: str, seconds: float) -> str:
        """The first line (from any seen so far) containing `text`, within `seconds`."""
        deadline = time.monotonic() + seconds
        seen = 0
        while True:
            for line in self.lines[seen:]:
                if text in line:
                    return line
            seen = len(self.lines)
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no line with {text!r} in {seconds} s; output so far:\n" + "\n".join(self.lines))
            try:
                self.lines.append(self._queue.get(timeout=min(left, 0.5)))
            except queue.Empty:
                pass

    def get(self, path: str) -> str:
        # 10 s: an answer must come quickly, not when the files are fixed.
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            assert response.status == 200
            return response.read().decode("utf-8")

    def wait_for_page(self, path: str, text: str, seconds: float) -> str:
        deadline = time.monotonic() + seconds
        page = ""
        while time.monotonic() < deadline:
            page = self.get(path)
            if text in squash(html.unescape(page)):
                return page
            time.sleep(0.2)
        raise AssertionError(f"{path} did not show {text!r} within {seconds} s")


@contextmanager
def serving(project: Path, *args: str) -> Iterator[Server]:
    port = _free_port()
    process = subprocess.Popen(
        [*CLI, "serve", "--school", SCHOOL, "--port", str(port), *args],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield Server(process, port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """One small school (one policy), so each preview builds in a second or two."""
    sources = tmp_path / "sources"
    shutil.copytree(REPO / "policy_sources" / SCHOOL, sources / SCHOOL)
    return make_project(tmp_path, sources)


def test_serve_shows_a_broken_save_on_the_open_page_and_recovers(project: Path) -> None:
    policy = project / POLICY
    good = policy.read_text(encoding="utf-8")
    with serving(project) as server:
        line = server.wait_for_line("Serving ", 60)
        assert line.startswith(f"Serving St Thomas' CE Primary School at http://127.0.0.1:{server.port}/ — saving a file in policy_sources/ reloads the page")
        assert "Ctrl+C to stop" in line
        server.wait_for_page(PAGE, "Social Media Policy", 10)

        # Bad indentation: the YAML cannot be read.
        policy.write_text(good.replace("\nsummary: >-", "\n  summary: >-", 1), encoding="utf-8")
        error = server.wait_for_line(f"{POLICY}:", 20)
        assert error.startswith(f"{POLICY}:4: the YAML cannot be read")
        server.wait_for_line("1 error found", 5)
        page = server.wait_for_page(PAGE, "This page cannot be shown until the policy files are fixed", 10)
        assert f"{POLICY}:4: the YAML cannot be read" in squash(html.unescape(page))
        assert "Save the file again after fixing it; this page reloads by itself." in page
        assert "livereload(" in page, "the error page must reload itself when the file is fixed"
        home = server.get("")
        assert "This page cannot be shown until the policy files are fixed" in home

        # A misspelt field, and an id with markup in it: the lines `validate` prints, as text.
        broken = good.replace("title: Social Media Policy", "titel: Social Media Policy", 1).replace("id: social-media", "id: '<b>bold</b>'", 1)
        policy.write_text(broken, encoding="utf-8")
        server.wait_for_line("unknown field 'titel'", 20)
        page = server.wait_for_page(PAGE, "unknown field 'titel'", 10)
        assert "'<b>bold</b>' is not a valid id" in html.unescape(page)
        assert "<b>bold</b>" not in page
        validate = subprocess.run([*CLI, "validate"], cwd=project, env=ENV, capture_output=True, text=True, timeout=60)
        listed = [line for line in validate.stderr.splitlines() if line.startswith(f"{POLICY}:")]
        assert listed and all(line in server.lines for line in listed)

        policy.write_text(good, encoding="utf-8")
        server.wait_for_line("The policy files are fixed", 20)
        page = server.wait_for_page(PAGE, "Social Media Policy", 10)
        assert "cannot be shown" not in page
        assert "livereload(" in page


def test_serve_on_a_busy_port_says_so_in_one_sentence(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([*CLI, "serve", "--school", SCHOOL, "--port", str(port)], cwd=project, env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"port {port} on 127.0.0.1 is already in use; stop the other preview or choose another with --port {port + 1}\n"


def test_serve_with_broken_files_at_the_start_lists_them_and_stops(project: Path) -> None:
    policy = project / POLICY
    policy.write_text(policy.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    result = subprocess.run([*CLI, "serve", "--school", SCHOOL, "--port", str(_free_port())], cwd=project, env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"{POLICY}:3: unknown field 'titel'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--date", "2026-13-01"], "--date '2026-13-01' is not a date; write YYYY-MM-DD\n"),
        (["--dev-addr", "localhost"], "--dev-addr 'localhost' is not HOST:PORT; write e.g. --dev-addr 127.0.0.1:8000, or leave it out and use --port 8001\n"),
    ],
)
def test_serve_mistakes_in_the_command_say_what_to_write(project: Path, args: list[str], says: str) -> None:
    result = subprocess.run([*CLI, "serve", "--school", SCHOOL, *args], cwd=project, env=ENV, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, says)
