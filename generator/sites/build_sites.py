"""Build several organisations' sites at once, one build per process, with progress.

The sources are loaded once, in the parent, and reach the workers by fork: each worker's
plugin uses them instead of reading policy_sources/ again.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from generator.mkdocs_adapter import run
from generator.mkdocs_adapter.run import SiteRequest
from generator.render.pdf import PdfError, PrintJob, print_pdfs
from generator.sites.incremental import DigestContext, SiteRecord, site_record
from generator.sites.publish import pause_at
from generator.sources.loaded import Sources

# Set in the parent just before the workers fork; read by each worker.
PRELOADED: Sources | None = None
CONTEXT: DigestContext | None = None


@dataclass(frozen=True)
class SiteJob:
    request: SiteRequest
    inputs: str  # digest of the site's source files, for its manifest record

    @property
    def org_id(self) -> str:
        return self.request.org_id


@dataclass
class SiteResult:
    org_id: str
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None
    record: SiteRecord | None = None
    pdf_jobs: list[PrintJob] = field(default_factory=list)


def build_job(job: SiteJob) -> SiteResult:
    """One organisation's site into its staging folder; errors come back as text, never raised."""
    started = time.perf_counter()
    pause_at("building")
    try:
        built = run.build_site(job.request, PRELOADED)
    except run.SiteBuildError as exc:
        return SiteResult(job.org_id, error=f"{job.org_id}: {exc}", seconds=time.perf_counter() - started)
    pages = sum(1 for _ in (job.request.site_dir / job.org_id).rglob("index.html"))
    assert CONTEXT is not None
    # From the site view and renderer the build used, so no second load or view is needed.
    record = site_record(built.site, built.renderer, job.inputs, CONTEXT)
    return SiteResult(job.org_id, pages, time.perf_counter() - started, record=record, pdf_jobs=built.pdf_jobs)


def print_site_pdfs(results: list[SiteResult], staging: Path, day: dt.date, progress: Progress) -> str | None:
    """Print the PDFs the site builds left for the end, all with one browser; an error as text."""
    for result in results:
        if not result.pdf_jobs:
            continue
        started = time.perf_counter()
        try:
            print_pdfs(staging / result.org_id, result.pdf_jobs, day)
        except PdfError as exc:
            return f"{result.org_id}: {exc}"
        count = len(result.pdf_jobs)
        progress.line(f"printed {count} PDF{'s' if count != 1 else ''} for {result.org_id} in {time.perf_counter() - started:.1f} s", count=False)
    return None


class Progress:
    """Schools done of total and the ones being built: one live line on a terminal, plain lines in CI."""

    def __init__(self, total: int, stream: TextIO = sys.stdout) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.live = stream.isatty() and os.environ.get("TERM") != "dumb"
        self._status = ""

    def _clear(self) -> None:
        if self.live and self._status:
            self.stream.write("\r\033[K")
            self._status = ""

    def running(self, org_ids: list[str]) -> None:
        if not self.live or not org_ids:
            return
        self._clear()
        self._status = f"[{self.done}/{self.total}] building {', '.join(org_ids)}"
        self.stream.write(self._status[:200])
        self.stream.flush()

    def line(self, text: str, count: bool = True) -> None:
        self._clear()
        if count:
            self.done += 1
            text = f"[{self.done}/{self.total}] {text}"
        print(text, file=self.stream, flush=True)

    def finish(self) -> None:
        self._clear()
        self.stream.flush()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Worker initializer: a worker must not outlive the build that started it (killed, it would
    go on writing into a generation folder no one publishes, for minutes). On Linux the kernel
    sends SIGKILL when the parent dies; elsewhere this does nothing."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    # The parent may have died before prctl: then no signal will come.
    if os.getppid() != parent:
        os._exit(1)


def run_jobs(jobs: list[SiteJob], workers: int, sources: Sources, context: DigestContext, on_result: Callable[[SiteResult], None], progress: Progress) -> None:
    """Build each job, `workers` at a time; report each result as it arrives, stop at the first error."""
    global PRELOADED, CONTEXT
    PRELOADED, CONTEXT = sources, context
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            progress.running([job.org_id])
            result = build_job(job)
            on_result(result)
            if result.error:
                return
        return
    # fork: the workers share the loaded sources without pickling them. The pool starts its
    # workers from this (the main) thread, whose end is what PR_SET_PDEATHSIG watches.
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=fork, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[Future[SiteResult], str] = {}
        queue: Iterator[SiteJob] = iter(jobs)
        for job in queue:
            pending[pool.submit(build_job, job)] = job.org_id
            if len(pending) >= workers:
                break
        while pending:
            progress.running(sorted(pending.values()))
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: pending[f]):
                del pending[future]
                result = future.result()
                on_result(result)
                if result.error:
                    for other in pending:
                        other.cancel()
                    return
                following = next(queue, None)
                if following is not None:
                    pending[pool.submit(build_job, following)] = following.org_id
