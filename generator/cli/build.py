"""`policy-site build`: build every organisation's site (or some) and publish them together."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.cli.common import build_day, fail, load, no_such_organisation
from generator.mkdocs_adapter.config import SiteConfig, read_config
from generator.sources.loaded import Sources

# A preview goes to a folder of its own unless told otherwise, so publishing site/ never publishes a draft.
PREVIEW_OUTPUT = "site-preview"


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser("build", help="build every organisation's site into the output folder")
    build.add_argument("--output", help=f"output folder (default: site; {PREVIEW_OUTPUT} with --drafts)")
    build.add_argument("--date", help="build date for review status, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)")
    build.add_argument("--school", action="append", help="build only this organisation (repeatable)")
    build.add_argument("--no-strict", action="store_true", help="do not stop on MkDocs warnings")
    build.add_argument("--verbose", action="store_true", help="show MkDocs warnings as they happen")
    build.add_argument("--fail-on-overdue-statutory", action="store_true", help="fail, changing nothing, if a statutory policy is overdue for review")
    build.add_argument("--jobs", type=int, help="how many sites to build at once (default: one per CPU core)")
    build.add_argument("--full", action="store_true", help="rebuild every site, even those whose sources have not changed")
    build.add_argument("--shard", metavar="K/N", help="build only every N-th organisation from the K-th (for parallel CI jobs)")
    build.add_argument("--index-only", action="store_true", help="only write the top-level index.html for the sites already in the output folder")
    build.add_argument("--drafts", action="store_true", help="include draft policies, bannered, for a preview; never publish this output")
    build.add_argument("--no-pdf", dest="pdf", action="store_const", const=False, default=None, help="do not print PDFs (whatever mkdocs.yml says)")
    build.set_defaults(run=run, needs_config=True)


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
    config = read_config(args.config)
    if isinstance(config, str):
        return fail(config)
    sources = load(Path(args.sources), docs_dir=config.docs_dir)
    if sources is None:
        return 1
    output = output_paths.output_path(args.output or (PREVIEW_OUTPUT if args.drafts else "site"))
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
    from generator.sites.build_run import site_index_page

    if not output.is_dir():
        return fail(f"{output_paths.shown(output)} does not exist: build the sites into it first")
    try:
        atomic.atomic_write(output / "index.html", site_index_page(output, sources))
    except OSError as exc:
        return fail(f"cannot write {output_paths.shown(output)}/index.html: {exc.strerror or exc}")
    print(f"Wrote {output_paths.shown(output)}/index.html")
    return 0


def _build_and_publish(args: argparse.Namespace, config: SiteConfig, sources: Sources, output: Path, started: float) -> int:
    """The organisations the arguments choose, built and published; the summary line printed."""
    from generator.sites.build_run import BuildFailed, BuildOptions, build_and_publish
    from generator.sites.output_paths import shown
    from generator.views.site import unpublished_drafts

    day = build_day(args.date)
    if isinstance(day, str):
        return fail(day)
    org_ids = args.school or sorted(sources.orgs)
    unknown = [o for o in org_ids if o not in sources.orgs]
    if unknown:
        return fail(no_such_organisation(unknown, sources))
    if args.shard:
        sharded = _shard(org_ids, args.shard)
        if isinstance(sharded, str):
            return fail(sharded)
        org_ids = sharded
    options = BuildOptions(org_ids, day, not args.no_strict, args.fail_on_overdue_statutory, args.pdf, args.jobs, args.full, args.verbose, args.drafts)
    try:
        summary = build_and_publish(options, config, sources, output)
    except BuildFailed as exc:
        return fail(str(exc))
    for note in summary.notes:
        print(note, file=sys.stderr)
    seconds = time.perf_counter() - started
    warnings = summary.warnings
    attention = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ", no warnings"
    counted = f"{summary.sites} site{'s' if summary.sites != 1 else ''} ({summary.rebuilt} rebuilt, {summary.unchanged} unchanged)"
    print(f"Built {counted}, {summary.pages} pages{attention}, for {day.isoformat()} in {seconds:.1f} s -> {shown(output)}")
    drafts_line = _drafts_line(unpublished_drafts(sources, org_ids), args.drafts)
    if drafts_line:
        print(drafts_line)
    return 0


def _drafts_line(drafts: list[str], preview: bool) -> str | None:
    """What the summary says of the draft policies: left out of a normal build, or in a preview."""
    if not drafts:
        return None
    count = f"{len(drafts)} draft{'s' if len(drafts) != 1 else ''}"
    if preview:
        return f"Preview: {count} included, bannered 'Draft: not approved': {', '.join(drafts)}; never publish this output"
    return f"{count} not published: {', '.join(drafts)}; preview them with `policy-site serve` or `build --drafts`"
