"""The builds the benchmark times: ours (`policy-site build`) and plain MkDocs-Material's, with their peak memory."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from measure import PeakRss, Run

from generator.sources.build_date import epoch_of

DATE = "2026-11-21"
TODAY = dt.date.fromisoformat(DATE)
BIN = Path(sys.executable).parent  # the venv's bin: policy-site and mkdocs live next to python


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch_of(TODAY))}


def run_measured(cmd: list[str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakRss(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    if process.returncode != 0:
        sys.exit(f"`{' '.join(cmd)}` failed ({process.returncode}):\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return Run(seconds, peak, stdout, stderr)


def build(project: Path, output: Path, jobs: int, full: bool) -> Run:
    cmd = [str(BIN / "policy-site"), "build", "--output", str(output), "--date", DATE, "--jobs", str(jobs)]
    return run_measured(cmd + (["--full"] if full else []), project)


def rebuilt(stdout: str) -> tuple[int, int]:
    """(sites built, sites kept unchanged): from the CLI's summary `(N rebuilt, M unchanged)`, else
    from its progress lines (`[3/51] built x: ...`, `[4/51] y unchanged, kept`)."""
    summary = re.search(r"(\d+) rebuilt, (\d+) unchanged", stdout)
    if summary:
        return int(summary.group(1)), int(summary.group(2))
    lines = [line for line in stdout.splitlines() if not line.startswith(("Built ", "warning:"))]
    return sum(" built " in f" {line}" for line in lines), sum(" unchanged" in line for line in lines)


def plain_build(plain: Path, orgs: list[str], jobs: int) -> Run:
    """Every organisation's plain MkDocs-Material project, `jobs` builds at a time."""
    sampler = PeakRss(os.getpid(), include_root=False)
    sampler.start()

    def one(org_id: str) -> str:
        done = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / org_id / "mkdocs.yml")], env=env(), capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"plain MkDocs build of {org_id} failed:\n{done.stderr[-3000:]}")
        return done.stderr

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        errors = list(pool.map(one, orgs))
    seconds = time.perf_counter() - start
    return Run(seconds, sampler.stop(), "", "".join(errors))
