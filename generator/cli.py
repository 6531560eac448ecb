"""policy-site: validate the YAML, build every organisation's site, or serve one live."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from generator import preview_address, ratify
from generator.errors import SourcesInvalid, display_path
from generator.model import Audience, Organisation, Overlay, Policy
from generator.sources import Sources, load_sources
from generator.status import build_date, epoch_of

SCHEMAS = {"policy.schema.json": Policy, "organisation.schema.json": Organisation, "overlay.schema.json": Overlay}


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _no_config(config: str) -> str:
    """Outside the project folder MkDocs would fail with a traceback; say where to run instead."""
    path = Path(config)
    if path.name == "mkdocs.yml" and not path.exists():
        where = path.parent.absolute()
        return f"no mkdocs.yml in {where}; run policy-site in the folder that holds mkdocs.yml, or pass --config PATH"
    return f"no configuration file {path.absolute()}; run policy-site in the folder that holds mkdocs.yml, or pass --config PATH"


def _build_day(text: str | None) -> dt.date | str:
    """The build date from --date (default: SOURCE_DATE_EPOCH or today), or what to write instead."""
    try:
        return build_date(text)
    except ValueError:
        return f"--date '{text}' is not a date; write YYYY-MM-DD"


def _load(sources_dir: Path, only: str | None = None) -> Sources | None:
    try:
        sources = load_sources(sources_dir, only=only)
    except SourcesInvalid as exc:
        print(exc.report(), file=sys.stderr)
        return None
    for warning in sources.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return sources


def cmd_validate(args: argparse.Namespace) -> int:
    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    policies = [ps.policy for o in sources.orgs.values() for ps in o.policies.values()]
    clauses = sum(len(p.clauses()) for p in policies)
    # Not errors: a collision is the school's decision to make, and the build goes ahead.
    for org_id, source in sources.orgs.items():
        for policy_id, ps in source.policies.items():
            for collision in ps.adoption.collisions if ps.adoption else []:
                print(f"warning: {collision.message(org_id, policy_id)}")
    print(f"OK: {len(sources.orgs)} organisations, {len(policies)} policies, {clauses} clauses; no errors.")
    return 0


def _site_index(folder: Path, sources: Sources) -> str:
    """The top-level page linking every organisation whose site is in the folder."""
    from generator.render import site_index

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


def _quiet_mkdocs(verbose: bool) -> None:
    # Warnings must reach MkDocs' strict-mode counter, and the admin must see them.
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO if verbose else logging.WARNING)
    if not any(getattr(h, "policy_site", False) for h in mkdocs_log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.policy_site = True  # type: ignore[attr-defined]
        mkdocs_log.addHandler(handler)
        mkdocs_log.propagate = False


def _load_config(args: argparse.Namespace) -> MkDocsConfig | str:
    """mkdocs.yml, or why it cannot be read as one sentence."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(args.config)
    except (MkDocsException, OSError) as exc:
        return f"cannot read {args.config}: {exc}"


def _tool_folders(config: MkDocsConfig) -> tuple[Path, Path, Path]:
    """docs_dir, the theme's custom_dir and the page templates: what every site is made from."""
    plugin = config.plugins["policy-site"]
    base = Path(config.config_file_path).resolve().parent
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else base / "overrides"
    return Path(config.docs_dir), custom, base / plugin.config.templates


def _digest_context(config: MkDocsConfig, args: argparse.Namespace, day: dt.date) -> DigestContext:
    """Everything outside the sources that every site's digest needs (see generator/incremental.py)."""
    from generator import incremental

    plugin = config.plugins["policy-site"]
    docs_dir, custom, templates = _tool_folders(config)
    pdfs = plugin.config.pdf if args.pdf is None else args.pdf
    settings = {"date": day.isoformat(), "pdf": pdfs, "window": plugin.config.review_window_days}
    tool = incremental.tool_digest(Path(args.config), [docs_dir, custom, templates], settings)
    hand_written = [(p.relative_to(docs_dir).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs_dir.rglob("*.md"))]
    return incremental.DigestContext(templates, hand_written, config.use_directory_urls, config.site_url or "", pdfs, plugin.config.review_window_days, tool)


def _keep_or_build(
    args: argparse.Namespace,
    sources: Sources,
    org_ids: list[str],
    day: dt.date,
    context: DigestContext,
    output: Path,
    earlier: dict[str, SiteRecord],
) -> tuple[dict[str, SiteRecord], dict[str, str]]:
    """The sites to keep as they are (with their records) and the sites to build (with their inputs).

    Unchanged files settle most sites at once; a site whose files changed is rendered to
    Markdown and kept if that is unchanged too (a school's overlay edit changes the trust's
    files but not the trust's pages)."""
    from generator import incremental

    previous = {} if args.full else earlier
    keep: dict[str, SiteRecord] = {}
    build: dict[str, str] = {}
    for org_id in org_ids:
        inputs = incremental.inputs_digest(sources, org_id, context.tool)
        before = previous.get(org_id)
        if before is None or not (output / org_id / "index.html").is_file():
            build[org_id] = inputs
        elif before.inputs == inputs:
            keep[org_id] = before
        else:
            now = incremental.record_from_sources(sources, org_id, day, inputs, context)
            if now.digest == before.digest:
                keep[org_id] = now
            else:
                build[org_id] = inputs
    return keep, build


if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.incremental import DigestContext, SiteRecord


def _refused_output(args: argparse.Namespace, config: MkDocsConfig, output: Path) -> str | None:
    """Why the build must not write to `output` (it replaces that whole folder), or None."""
    from generator import publish

    docs_dir, custom, templates = _tool_folders(config)
    protected = [
        ("sources folder", Path(args.sources)),
        ("MkDocs docs_dir", docs_dir),
        ("theme's custom_dir", custom),
        ("page templates folder", templates),
        ("generator package", publish.GENERATOR),
    ]
    return publish.refusal(output, protected, Path(config.config_file_path).parent)


def cmd_build(args: argparse.Namespace) -> int:
    from generator import publish

    started = time.perf_counter()
    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    config = _load_config(args)
    if isinstance(config, str):
        return _fail(config)
    output = publish.output_path(args.output)
    refused = _refused_output(args, config, output)
    if refused:
        return _fail(refused)
    try:
        with publish.locked(output):
            if args.index_only:
                return _index_only(output, sources)
            return _build_and_publish(args, config, sources, output, started)
    except publish.PublishError as exc:
        return _fail(str(exc))


def _index_only(output: Path, sources: Sources) -> int:
    """--index-only: the top-level page for the sites already in the output (e.g. shards joined)."""
    from generator import publish

    if not output.is_dir():
        return _fail(f"{publish.shown(output)} does not exist: build the sites into it first")
    try:
        publish.atomic_write(output / "index.html", _site_index(output, sources))
    except OSError as exc:
        return _fail(f"cannot write {publish.shown(output)}/index.html: {exc.strerror or exc}")
    print(f"Wrote {publish.shown(output)}/index.html")
    return 0


def _build_and_publish(args: argparse.Namespace, config: MkDocsConfig, sources: Sources, output: Path, started: float) -> int:
    """Build the sites that changed into a new generation and publish it (see generator/publish.py)."""
    from generator import incremental, publish
    from generator.build_sites import Progress, SiteJob, SiteResult, print_site_pdfs, run_jobs

    day = _build_day(args.date)
    if isinstance(day, str):
        return _fail(day)
    # Material and MkDocs stamp the sitemap with SOURCE_DATE_EPOCH: tie it to the build date.
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch_of(day))
    org_ids = args.school or sorted(sources.orgs)
    unknown = [o for o in org_ids if o not in sources.orgs]
    if unknown:
        return _fail(f"no organisation called {', '.join(unknown)}; choose from: {', '.join(sorted(sources.orgs))}")
    if args.shard:
        sharded = _shard(org_ids, args.shard)
        if isinstance(sharded, str):
            return _fail(sharded)
        org_ids = sharded
    _quiet_mkdocs(args.verbose)
    earlier = incremental.read_manifest(publish.live_manifest(output))
    context = _digest_context(config, args, day)
    keep, to_build = _keep_or_build(args, sources, org_ids, day, context, output, earlier)
    fail_overdue = args.fail_on_overdue_statutory
    stops = [record.stop for record in keep.values() if record.stop and fail_overdue]
    if stops:
        return _fail("\n".join(stops) + "\nbuild failed, the previous site is unchanged")
    unchanged = sorted(keep)
    # Only organisations still in the sources are carried into the new site: one removed or
    # renamed disappears. Those outside this build (--school, --shard) are carried as they are.
    carry = [o for o in sorted(sources.orgs) if o not in to_build and (output / o / "index.html").is_file()]
    try:
        generation = publish.start(output)
    except OSError as exc:
        return _fail(publish.failure(output, exc))
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
            SiteJob(o, Path(args.config), staging, day.isoformat(), not args.no_strict, args.fail_on_overdue_statutory, args.pdf, inputs)
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
            return _fail(f"build failed, the previous site is unchanged: {failed[0]}")
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
            return _fail(publish.failure(output, exc))
    finally:
        generation.discard()
    for note in notes:
        print(note, file=sys.stderr)
    seconds = time.perf_counter() - started
    pages = sum(r.pages for r in results) + sum(sum(1 for _ in (output / o).rglob("index.html")) for o in unchanged)
    warnings = sum(len(r.notices) for r in records.values())
    attention = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ", no warnings"
    counted = f"{len(org_ids)} site{'s' if len(org_ids) != 1 else ''} ({len(results)} rebuilt, {len(unchanged)} unchanged)"
    print(f"Built {counted}, {pages} pages{attention}, for {day.isoformat()} in {seconds:.1f} s -> {publish.shown(output)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    ids = sorted(sources.orgs)
    print(json.dumps(ids) if args.json else "\n".join(ids))
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    # Broken files at the start: the list, and exit 1, as `validate` does. There is no good
    # site yet to keep serving, and no page open to show the errors on; the admin is looking at
    # this terminal. (Once serving, a broken save shows the errors on the open page instead.)
    # Only the files the preview is built from, as the preview itself loads them on each save.
    sources = _load(Path(args.sources), only=args.school)
    if sources is None:
        return 1
    if args.school:
        if args.school not in sources.orgs:
            return _fail(f"no organisation called {args.school}; choose from: {', '.join(sorted(sources.orgs))}")
        os.environ["POLICY_SITE_ORG"] = args.school
    if args.date:
        if isinstance(day := _build_day(args.date), str):
            return _fail(day)
        os.environ["POLICY_SITE_DATE"] = args.date
    address = preview_address.serve_address(args.dev_addr, args.port)
    if isinstance(address, str):
        return _fail(address)
    host, port = address
    busy = preview_address.check_port(host, port)
    if busy:
        return _fail(busy)
    # Stopped by another program as by Ctrl+C, so MkDocs still removes its temporary site.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve(config_file=args.config, dev_addr=f"{host}:{port}", livereload=True)
    except MkDocsException as exc:
        return _fail(str(exc))
    except OSError as exc:
        # Another program took the port during the first build.
        return _fail(preview_address.cannot_serve(host, port, exc))
    except KeyboardInterrupt:
        # Ctrl+C during the first build: MkDocs handles it only once serving.
        print("Stopped.", file=sys.stderr)
    return 0


def _record(action: Callable[[], ratify.Outcome], refused: str, done: Callable[[ratify.Outcome], str]) -> int:
    """Run one of the commands that write to policy_sources/ and say what it wrote."""
    try:
        outcome = action()
    except ratify.Refused as exc:
        return _fail(f"{refused}: {exc}")
    print(done(outcome))
    if outcome.comparison is not None:
        counts = ", ".join(f"{n} {k}" for k, n in outcome.comparison.counts().items() if n) or "no clause changed"
        print(f"Clauses since the previous archived version: {counts}.")
    for path in outcome.written:
        print(f"  wrote {display_path(path)}")
    print("Rebuild the site (policy-site build) to publish it.")
    return 0


def cmd_ratify(args: argparse.Namespace) -> int:
    notes = {audience: getattr(args, f"note_{audience.value}") for audience in Audience if getattr(args, f"note_{audience.value}")}
    request = ratify.Ratification(
        policy=args.policy,
        school=args.school,
        date=args.date,
        body=args.body,
        minute=args.minute,
        signed_by=args.signed_by or [],
        version=args.version,
        event=args.event,
        notes=notes,
        note=args.note,
        next_review=args.next_review,
    )
    return _record(
        lambda: ratify.ratify(Path(args.sources), request),
        "Not ratified",
        lambda o: f"Recorded version {o.version} of {args.policy} for {args.school}, {args.event} {args.date}, and archived its text.",
    )


def cmd_freeze(args: argparse.Namespace) -> int:
    return _record(
        lambda: ratify.freeze(Path(args.sources), args.school, args.policy, args.version, args.earlier),
        "Not archived",
        lambda o: f"Archived the current text of {args.policy} as version {o.version} for {args.school}.",
    )


def cmd_correct(args: argparse.Namespace) -> int:
    return _record(
        lambda: ratify.correct(Path(args.sources), args.school, args.policy, args.date, args.note),
        "Not recorded",
        lambda o: f"Recorded a minor correction to version {o.version} of {args.policy} for {args.school}.",
    )


def cmd_schema(args: argparse.Namespace) -> int:
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, model in SCHEMAS.items():
        text = json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        path = folder / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        return _fail(f"out of date: {', '.join(stale)}; run `policy-site schema` and commit the result")
    return 0


def _search_indexes(args: argparse.Namespace, sources: Sources, org_ids: list[str]) -> dict[str, dict[str, object]] | str:
    """Each organisation's index: the published file under --site, or built from the sources
    exactly as the next build will publish it."""
    from generator import search_index
    from generator.views import site_view

    indexes: dict[str, dict[str, object]] = {}
    if args.site:
        for org_id in org_ids:
            path = Path(args.site) / org_id / search_index.INDEX_FILE
            if not path.is_file():
                return f"{display_path(path)} does not exist: build the site first (policy-site build --output {args.site})"
            indexes[org_id] = json.loads(path.read_text(encoding="utf-8"))
        return indexes
    from mkdocs.config import load_config

    config = load_config(args.config)
    docs_dir = Path(config.docs_dir)
    hand_written = [(p.relative_to(docs_dir).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs_dir.rglob("*.md"))]
    for org_id in org_ids:
        site = site_view(sources, org_id, build_date(None), 60)
        documents = search_index.site_documents(site, hand_written, config.use_directory_urls)
        # Through JSON and back, so the answer comes from exactly what the site would ship.
        indexes[org_id] = json.loads(search_index.dumps(search_index.build_index(documents)))
    return indexes


def cmd_search(args: argparse.Namespace) -> int:
    from generator import search_index
    from generator.views import audience_label, strength_label

    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    if args.school and args.school not in sources.orgs:
        return _fail(f"no organisation called {args.school}; choose from: {', '.join(sorted(sources.orgs))}")
    if args.only and not args.audience:
        return _fail("--only needs --audience: say whose results you want, e.g. --audience pupils --only")
    org_ids = [args.school] if args.school else sorted(sources.orgs)
    indexes = _search_indexes(args, sources, org_ids)
    if isinstance(indexes, str):
        return _fail(indexes)
    found: dict[str, list[search_index.Hit]] = {}
    for org_id, data in indexes.items():
        found[org_id] = search_index.search(search_index.load_index(data), args.query, args.audience, args.only, args.limit)
    if args.json:
        # JSON escapes control characters itself.
        print(json.dumps({org: [asdict(hit) for hit in hits] for org, hits in found.items()}, indent=2))
        return 0
    from generator.errors import printable

    # An index from --site may come from anywhere: its text must not drive the terminal.
    who = f", {args.audience} {'only' if args.only else 'first'}" if args.audience else ""
    for org_id, hits in found.items():
        print(printable(f'{org_id}: {len(hits)} result{"s" if len(hits) != 1 else ""} for "{args.query}"{who}'))
        for hit in hits:
            about = [strength_label(hit.strength)] if hit.strength else []
            if hit.audiences:
                about.append("For: " + ", ".join(audience_label(a) for a in hit.audiences))
            where = f"{hit.policy}, clause {hit.number}" if hit.number else (hit.policy or hit.title)
            print(printable(f"{hit.rank:3}. {' | '.join(about + [where])}"))
            print(printable(f"     {hit.url}"))
            print(printable(f"     {hit.title}: {hit.text}"))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="policy-site", description="Accessible school policy websites from YAML.")
    top.add_argument("--sources", default="policy_sources", help="folder of organisations (default: policy_sources)")
    top.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every YAML file and list all errors; builds nothing")
    build = sub.add_parser("build", help="build every organisation's site into the output folder")
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
    sub.add_parser("list", help="list the organisations, one id per line").add_argument("--json", action="store_true", help="print a JSON list")
    serve = sub.add_parser("serve", help="preview one organisation's site, reloading when a file is saved")
    serve.add_argument("--school", help="organisation to preview (default: the first)")
    serve.add_argument("--date", help="build date for review status, YYYY-MM-DD")
    serve.add_argument("--port", type=int, metavar="N", help="port to serve on (default: 8000)")
    serve.add_argument("--dev-addr", metavar="HOST:PORT", help="address to serve on (default: 127.0.0.1:8000; --port changes its port)")
    rat = sub.add_parser("ratify", help="record a ratified version and archive its text permanently")
    rat.add_argument("policy", help="policy id, e.g. social-media")
    rat.add_argument("--school", required=True, help="school or trust id, e.g. bledington")
    rat.add_argument("--date", required=True, help="date of the meeting, YYYY-MM-DD")
    rat.add_argument("--body", required=True, help="who ratified it, e.g. 'Full Governing Body'")
    rat.add_argument("--minute", help="minute reference, e.g. 7.2")
    rat.add_argument("--signed-by", action="append", metavar="'ROLE: NAME'", help="a signatory, e.g. 'Chair of Governors: Mrs A Smith' (repeatable)")
    rat.add_argument("--version", help="version number (default: one more than the last)")
    rat.add_argument("--event", default="ratified", choices=["ratified", "approved", "adopted"], help="what the meeting did (default: ratified)")
    for audience in Audience:
        rat.add_argument(f"--note-{audience.value}", metavar="TEXT", help=f"what changed, in plain words for {audience.value}")
    rat.add_argument("--note", help="anything else for the record")
    rat.add_argument("--next-review", metavar="DATE", help="next review date, YYYY-MM-DD or YYYY-MM")
    frz = sub.add_parser("freeze", help="archive the current text as an already ratified version (when starting to use policy-site)")
    frz.add_argument("policy")
    frz.add_argument("--school", required=True)
    frz.add_argument("--version", help="the version the current text is (default: the last ratified)")
    frz.add_argument("--earlier", action="store_true", help="the history records events after that version, but you have checked the text is that version's")
    cor = sub.add_parser("correct", help="record a minor correction (no change in meaning) without a new version")
    cor.add_argument("policy")
    cor.add_argument("--school", required=True)
    cor.add_argument("--date", required=True, help="date of the correction, YYYY-MM-DD")
    cor.add_argument("--note", required=True, help="what was corrected")
    find = sub.add_parser("search", help="search one organisation's site (or all) from the terminal, as the site's search box does")
    find.add_argument("query", help="the words to search for, e.g. 'friend request'")
    find.add_argument("--school", help="organisation whose site to search (default: every organisation)")
    find.add_argument("--audience", choices=[a.value for a in Audience], help="put this audience's results first, as its pages do")
    find.add_argument("--only", action="store_true", help="with --audience: show only that audience's results")
    find.add_argument("--site", help="search the index published in this built site folder (default: build it from the sources)")
    find.add_argument("--limit", type=int, default=10, help="how many results (default: 10)")
    find.add_argument("--json", action="store_true", help="print the results as JSON")
    schema = sub.add_parser("schema", help="write the JSON Schemas editors use for autocomplete")
    schema.add_argument("--output", default="schema")
    schema.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    if args.command in ("validate", "build", "serve") and not Path(args.config).is_file():
        return _fail(_no_config(args.config))
    handlers = {
        "validate": cmd_validate,
        "build": cmd_build,
        "serve": cmd_serve,
        "schema": cmd_schema,
        "ratify": cmd_ratify,
        "freeze": cmd_freeze,
        "correct": cmd_correct,
        "search": cmd_search,
        "list": cmd_list,
    }
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
