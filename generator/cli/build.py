"""`policy-site build`: build every organisation's site (or some) and publish them together."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from generator.cli.common import build_day, fail, load, no_such_organisation
from generator.mkdocs_adapter.config import SiteConfig, read_config
from generator.sources.build_date import epoch_of
from generator.sources.loaded import Sources


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser("build", help="build every organisation's site into the output folder")
    build.add_argument("--output", default="site", help="output folder (default: site)")
    build.add_argument("--date", help="build date for review status, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)")
    build.add_argument("--school", action="append", help="build only this organisation (repeatable)")
    build.add_argument("--no-strict", action="store_true", help="do not stop on MkDocs warnings")
    build.add_argument("--verbose", action="store_true", help="show MkDocs warnings as they happen")
    build.add_argument("--fail-on-overdue-statutory", action="store_true", help="fail, changing nothing, if a statutory policy is overdue for review")
    build.add_argument("--jobs", type=int, help="how many sites to build at once (default: one per CPU core)")
    build.add_argument("--full", action="store_true", help="rebuild every site, even those whose sources have not changed")
    build.add_argument("--shard", metavar="K/N", help="build only every N-th organisation from the K-th (for parallel CI jobs)")
    build.add_argument("--index-only", action="store_true", help="only write the top-level index.html for the sites already in the output folder")
    build.add_argument("--no-pdf", dest="pdf", action="store_const", const=False, default=None, help="do not print PDFs (whatever mkdocs.yml says)")
    build.set_defaults(run=run, needs_config=True)


def _site_index(folder: Path, sources: Sources) -> str:
    """The top-level page linking every organisation whose site is in the folder."""
    from generator.render.renderer import site_index

    present = [o for o in sorted(sources.orgs) if (folder / o / "index.html").is_file()]
    return site_index([sources.orgs[o].org for o in present])


def _shard(org_ids: list[str], shard: str) -> list[str] | str:
    """--shard K/N: every N-th organisation from the K-th, so N CI jobs share the work."""
    try:
        k, n = (int(x) for x in shard.split("/"))
    except ValueError:
        return f"--shard '{shard}' is not K/N; write e.g. --shard 1/4"
    if not 1 <= k <= n:
        return f"--shard '{shard}': K must be between 1 and N"
    return org_ids[k - 1 :: n]


def _refused_output(args: argparse.Namespace, config: SiteConfig, output: Path) -> str | None:
    """Why the build must not write to `output` (it replaces that whole folder), or None."""
    from generator.sites import output_guard

    protected = [
        ("sources folder", Path(args.sources)),
        ("MkDocs docs_dir", config.docs_dir),
        ("theme's custom_dir", config.custom_dir),
        ("page templates folder", config.templates),
        ("generator package", output_guard.GENERATOR),
    ]
    return output_guard.refusal(output, protected, config.config_file.parent)


def run(args: argparse.Namespace) -> int:
    from generator.sites import output_paths, publish

    started = time.perf_counter()
    sources = load(Path(args.sources))
    if sources is None:
        return 1
    config = read_config(args.config)
    if isinstance(config, str):
        return fail(config)
    output = output_paths.output_path(args.output)
    refused = _refused_output(args, config, output)
    if refused:
        return fail(refused)
    try:
        with publish.locked(output):
            if args.index_only:
                return _index_only(output, sources)
            return _build_and_publish(args, config, sources, output, started)
    except publish.PublishError as exc:
        return fail(str(exc))


def _index_only(output: Path, sources: Sources) -> int:
    """--index-only: the top-level page for the sites already in the output (e.g. shards joined)."""
    from generator.sites import atomic, output_paths

    if not output.is_dir():
        return fail(f"{output_paths.shown(output)} does not exist: build the sites into it first")
    try:
        atomic.atomic_write(output / "index.html", _site_index(output, sources))
    except OSError as exc:
        return fail(f"cannot write {output_paths.shown(output)}/index.html: {exc.strerror or exc}")
    print(f"Wrote {output_paths.shown(output)}/index.html")
    return 0


def _build_and_publish(args: argparse.Namespace, config: SiteConfig, sources: Sources, output: Path, started: float) -> int:
    """Build the sites that changed into a new generation and publish it (see generator/sites/publish.py)."""
    from generator.mkdocs_adapter import run as mkdocs_run
    from generator.mkdocs_adapter.run import SiteRequest
    from generator.sites import incremental, output_paths, plan, publish
    from generator.sites.build_sites import Progress, SiteJob, SiteResult, print_site_pdfs, run_jobs

    day = build_day(args.date)
    if isinstance(day, str):
        return fail(day)
    # Material and MkDocs stamp the sitemap with SOURCE_DATE_EPOCH: tie it to the build date.
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch_of(day))
    org_ids = args.school or sorted(sources.orgs)
    unknown = [o for o in org_ids if o not in sources.orgs]
    if unknown:
        return fail(no_such_organisation(unknown, sources))
    if args.shard:
        sharded = _shard(org_ids, args.shard)
        if isinstance(sharded, str):
            return fail(sharded)
        org_ids = sharded
    mkdocs_run.quiet_mkdocs_logs(args.verbose)
    earlier = incremental.read_manifest(publish.live_manifest(output))
    context = plan.digest_context(config, args.pdf, day)
    keep, to_build = plan.keep_or_build(sources, org_ids, day, context, output, {} if args.full else earlier)
    fail_overdue = args.fail_on_overdue_statutory
    stops = [record.stop for record in keep.values() if record.stop and fail_overdue]
    if stops:
        return fail("\n".join(stops) + "\nbuild failed, the previous site is unchanged")
    unchanged = sorted(keep)
    # Only organisations still in the sources are carried into the new site: one removed or
    # renamed disappears. Those outside this build (--school, --shard) are carried as they are.
    carry = [o for o in sorted(sources.orgs) if o not in to_build and (output / o / "index.html").is_file()]
    try:
        generation = publish.start(output)
    except OSError as exc:
        return fail(publish.failure(output, exc))
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
            SiteJob(SiteRequest(Path(args.config), staging, o, day.isoformat(), not args.no_strict, args.fail_on_overdue_statutory, args.pdf), inputs)
            for o, inputs in sorted(to_build.items())
        ]
        workers = args.jobs or os.cpu_count() or 1
        try:
            run_jobs(jobs, min(workers, max(len(jobs), 1)), sources, context, report, progress)
            failed = [r.error for r in results if r.error]
            if not failed:
                failed = [e for e in [print_site_pdfs(results, staging, day, progress)] if e]
        finally:
            progress.finish()
        if failed:
            return fail(f"build failed, the previous site is unchanged: {failed[0]}")
        # Sites outside this build (--school, --shard) keep their records.
        others = {o: r for o, r in earlier.items() if o not in records and o in carry}
        try:
            notes = publish.publish(
                generation,
                carry,
                lambda folder: _site_index(folder, sources),
                lambda: incremental.manifest_text({**others, **records}),
            )
        except OSError as exc:
            return fail(publish.failure(output, exc))
    finally:
        generation.discard()
    for note in notes:
        print(note, file=sys.stderr)
    seconds = time.perf_counter() - started
    pages = sum(r.pages for r in results) + sum(sum(1 for _ in (output / o).rglob("index.html")) for o in unchanged)
    warnings = sum(len(r.notices) for r in records.values())
    attention = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ", no warnings"
    counted = f"{len(org_ids)} site{'s' if len(org_ids) != 1 else ''} ({len(results)} rebuilt, {len(unchanged)} unchanged)"
    print(f"Built {counted}, {pages} pages{attention}, for {day.isoformat()} in {seconds:.1f} s -> {output_paths.shown(output)}")
    return 0
