"""One build of many sites, start to finish: keep or build each site, print PDFs, publish the generation."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator.mkdocs_adapter import run as mkdocs_run
from generator.mkdocs_adapter.config import SiteConfig
from generator.mkdocs_adapter.run import SiteRequest
from generator.render.renderer import site_index
from generator.sites import incremental, plan, publish
from generator.sites.build_sites import Progress, SiteJob, SiteResult, print_site_pdfs, run_jobs
from generator.sources.build_date import epoch_of
from generator.sources.loaded import Sources


class BuildFailed(Exception):
    """Nothing was published; the message says why, in the words to show."""


@dataclass(frozen=True)
class BuildOptions:
    org_ids: list[str]  # the organisations to build (others already in the output are carried)
    day: dt.date
    strict: bool
    fail_on_overdue_statutory: bool
    pdf: bool | None  # None: as mkdocs.yml says
    jobs: int | None  # None: one per CPU core
    full: bool  # rebuild every site, even those whose sources have not changed
    verbose: bool
    drafts: bool = False  # a preview with the draft policies, bannered


@dataclass(frozen=True)
class BuildSummary:
    sites: int
    rebuilt: int
    unchanged: int
    pages: int
    warnings: int
    notes: list[str]  # what publishing had to say (e.g. an old generation it could not remove)


def site_index_page(folder: Path, sources: Sources) -> str:
    """The top-level page linking every organisation whose site is in the folder."""
    present = [o for o in sorted(sources.orgs) if (folder / o / "index.html").is_file()]
    return site_index([sources.orgs[o].org for o in present])


def build_and_publish(options: BuildOptions, config: SiteConfig, sources: Sources, output: Path) -> BuildSummary:
    """Build the sites that changed into a new generation and publish it (see publish.py).

    Raises BuildFailed when nothing was published; the previous site is then unchanged."""
    day, org_ids = options.day, options.org_ids
    # Material and MkDocs stamp the sitemap with SOURCE_DATE_EPOCH: tie it to the build date.
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch_of(day))
    mkdocs_run.quiet_mkdocs_logs(options.verbose)
    earlier = incremental.read_manifest(publish.live_manifest(output))
    context = plan.digest_context(config, options.pdf, day, options.drafts)
    keep, to_build = plan.keep_or_build(sources, org_ids, day, context, output, {} if options.full else earlier)
    stops = [record.stop for record in keep.values() if record.stop and options.fail_on_overdue_statutory]
    if stops:
        raise BuildFailed("\n".join(stops) + "\nbuild failed, the previous site is unchanged")
    unchanged = sorted(keep)
    # Only organisations still in the sources are carried into the new site: one removed or
    # renamed disappears. Those outside this build (--school, --shard) are carried as they are.
    carry = [o for o in sorted(sources.orgs) if o not in to_build and (output / o / "index.html").is_file()]
    try:
        generation = publish.start(output)
    except OSError as exc:
        raise BuildFailed(publish.failure(output, exc)) from None
    try:
        progress = Progress(len(org_ids))
        records = dict(keep)

        def warn(org_id: str) -> None:
            # From the record, so a site kept unchanged still says what needs attention.
            for notice in records[org_id].notices:
                progress.line(f"warning: {notice}", count=False)

        for org_id in unchanged:
            progress.line(f"{org_id} unchanged, kept")
            warn(org_id)
        results: list[SiteResult] = []

        def report(result: SiteResult) -> None:
            results.append(result)
            if result.error or result.record is None:
                progress.line(f"{result.org_id} failed", count=False)
                return
            records[result.org_id] = result.record
            progress.line(f"built {result.org_id}: {result.pages} pages in {result.seconds:.1f} s")
            warn(result.org_id)

        staging = generation.folder
        jobs = [
            SiteJob(SiteRequest(config.config_file, staging, o, day.isoformat(), options.strict, options.fail_on_overdue_statutory, options.pdf, options.drafts), inputs)
            for o, inputs in sorted(to_build.items())
        ]
        workers = options.jobs or os.cpu_count() or 1
        try:
            run_jobs(jobs, min(workers, max(len(jobs), 1)), sources, context, report, progress)
            failed = [r.error for r in results if r.error]
            if not failed:
                failed = [e for e in [print_site_pdfs(results, staging, day, progress)] if e]
        finally:
            progress.finish()
        if failed:
            raise BuildFailed(f"build failed, the previous site is unchanged: {failed[0]}")
        # Sites outside this build (--school, --shard) keep their records.
        others = {o: r for o, r in earlier.items() if o not in records and o in carry}
        try:
            notes = publish.publish(
                generation,
                carry,
                lambda folder: site_index_page(folder, sources),
                lambda: incremental.manifest_text({**others, **records}),
            )
        except OSError as exc:
            raise BuildFailed(publish.failure(output, exc)) from None
    finally:
        generation.discard()
    pages = sum(r.pages for r in results) + sum(sum(1 for _ in (output / o).rglob("index.html")) for o in unchanged)
    # The sources' warnings (a slip in a file, a text over its reading age) are printed before the build and counted with its own.
    warnings = sum(len(r.notices) for r in records.values()) + len(sources.warnings)
    return BuildSummary(len(org_ids), len(results), len(unchanged), pages, warnings, notes)
