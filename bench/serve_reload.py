"""How long `policy-site serve` takes to show an edit: save a YAML file, poll the page until
the new words appear. Run with `make bench-serve` (uses the demo sources, or BENCH_SOURCES).

Prints a table and, last, one line of JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHOOL = os.environ.get("BENCH_SCHOOL", "example-primary")
POLICY = os.environ.get("BENCH_POLICY", "social-media")
EDITS = int(os.environ.get("BENCH_EDITS", "5"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _policy_file(sources: Path) -> Path:
    for folder in ("overlays", "policies"):
        path = sources / SCHOOL / folder / f"{POLICY}.yml"
        if path.is_file():
            return path
    raise SystemExit(f"no {POLICY}.yml for {SCHOOL} in {sources}")


def _with_word(yaml_text: str, word: str) -> str:
    """The file with `word` at the start of its first clause text (shown on the full policy page)."""
    at = yaml_text.index("      text: ")
    end = yaml_text.index("\n", at) + 1
    if yaml_text[at:end].rstrip().endswith(">-"):
        indent = len(yaml_text[end:]) - len(yaml_text[end:].lstrip(" "))
        return yaml_text[: end + indent] + word + " " + yaml_text[end + indent :]
    head = at + len("      text: ")
    return yaml_text[:head] + word + " " + yaml_text[head:]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        for name in ("mkdocs.yml", "docs", "overrides"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
        shutil.copytree(Path(os.environ.get("BENCH_SOURCES", REPO / "policy_sources")), work / "policy_sources")
        port = _free_port()
        cli = [str(Path(sys.executable).parent / "policy-site"), "serve", "--school", SCHOOL, "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(cli, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{port}/policies/{POLICY}/"
        started = time.perf_counter()
        while "<html" not in _get(url):
            if server.poll() is not None or time.perf_counter() - started > 300:
                raise SystemExit(f"serve did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.05)
        first = time.perf_counter() - started
        path = _policy_file(work / "policy_sources")
        original = path.read_text(encoding="utf-8")
        times = []
        for n in range(EDITS):
            marker = f"Reloadmarker{n}"
            path.write_text(_with_word(original, marker), encoding="utf-8")
            saved = time.perf_counter()
            while marker not in _get(url):
                if time.perf_counter() - saved > 120:
                    raise SystemExit("the page never showed the edit")
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
            time.sleep(0.5)
        server.terminate()
        server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'measure':<44}{'value':>10}")
    print(f"{'first build and serve (s)':<44}{first:>10.2f}")
    print(f"{'save to new page, median of ' + str(EDITS) + ' (s)':<44}{statistics.median(times):>10.2f}")
    print(f"{'save to new page, worst (s)':<44}{max(times):>10.2f}")
    print(json.dumps({"school": SCHOOL, "first_serve_s": round(first, 2), "reload_median_s": round(statistics.median(times), 2), "reload_max_s": round(max(times), 2)}))


if __name__ == "__main__":
    main()
