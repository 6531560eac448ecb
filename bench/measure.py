"""Measuring a build: peak memory of a process tree, folder sizes and digests, search index sizes."""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from generator.render.search_index import INDEX_FILE


@dataclass
class Run:
    seconds: float
    peak_rss: int
    stdout: str
    stderr: str


def _tree_rss(root: int, include_root: bool) -> int:
    """Summed VmRSS (bytes) of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(children.get(pid, []))
    total = 0
    for pid in pids if include_root else pids[1:]:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


class PeakRss(threading.Thread):
    """Samples a process tree's summed RSS every 0.1 s until stopped; keeps the maximum."""

    def __init__(self, root: int, include_root: bool = True) -> None:
        super().__init__(daemon=True)
        self.root, self.include_root = root, include_root
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, _tree_rss(self.root, self.include_root))
            if self.done.wait(0.1):
                return

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def index_sizes(output: Path, orgs: list[str], name: str = INDEX_FILE) -> dict[str, tuple[int, int]]:
    sizes = {}
    for org_id in orgs:
        raw = (output / org_id / name).read_bytes()
        sizes[org_id] = (len(raw), len(gzip.compress(raw, compresslevel=9)))
    return sizes


def mb(n: float) -> float:
    return n / 1024 / 1024
