"""policy-site: validate the YAML, build every organisation's site, or serve one live."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from generator.errors import SourcesInvalid
from generator.model import Organisation, Policy
from generator.sources import Sources, load_sources
from generator.status import build_date, epoch_of

SCHEMAS = {"policy.schema.json": Policy, "organisation.schema.json": Organisation}


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _load(sources_dir: Path) -> Sources | None:
    try:
        return load_sources(sources_dir)
    except SourcesInvalid as exc:
        print(exc.report(), file=sys.stderr)
        return None


def cmd_validate(args: argparse.Namespace) -> int:
    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    policies = [ps.policy for o in sources.orgs.values() for ps in o.policies.values()]
    clauses = sum(len(p.clauses()) for p in policies)
    print(f"OK: {len(sources.orgs)} organisations, {len(policies)} policies, {clauses} clauses; no errors.")
    return 0


def _build_one(config_file: Path, staging: Path, org_id: str, day: str, strict: bool) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(staging), strict=strict)
    plugin = config.plugins["policy-site"]
    plugin.config.organisation = org_id
    plugin.config.date = day
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return sum(1 for _ in (staging / org_id).rglob("index.html"))


def _write_site_index(staging: Path, sources: Sources, org_ids: list[str]) -> None:
    from generator.render import site_index

    (staging / "index.html").write_text(site_index([sources.orgs[o].org for o in org_ids]), encoding="utf-8")


def _swap_into_place(staging: Path, output: Path) -> None:
    """Replace the old site only once the new one is complete: a failed build never destroys it."""
    old = output.with_name(f".{output.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if old.exists():
        shutil.rmtree(old)


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    try:
        day = build_date(args.date)
    except ValueError:
        return _fail(f"--date '{args.date}' is not a date; write YYYY-MM-DD")
    # Material and MkDocs stamp the sitemap with SOURCE_DATE_EPOCH: tie it to the build date.
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch_of(day))
    org_ids = args.school or sorted(sources.orgs)
    unknown = [o for o in org_ids if o not in sources.orgs]
    if unknown:
        return _fail(f"no organisation called {', '.join(unknown)}; choose from: {', '.join(sorted(sources.orgs))}")
    output = Path(args.output).resolve()
    staging = output.with_name(f".{output.name}.building")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    # Warnings must reach MkDocs' strict-mode counter, and the admin must see them.
    logging.getLogger("mkdocs").setLevel(logging.INFO if args.verbose else logging.WARNING)
    pages = 0
    try:
        for number, org_id in enumerate(org_ids, 1):
            print(f"[{number}/{len(org_ids)}] building {org_id}", flush=True)
            pages += _build_one(Path(args.config), staging, org_id, day.isoformat(), not args.no_strict)
        _write_site_index(staging, sources, org_ids)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        return _fail(f"build failed, the previous site is unchanged: {exc}")
    if args.school and output.exists():
        # Rebuilding some schools: keep the others' sites as they were.
        for child in output.iterdir():
            target = staging / child.name
            if not target.exists():
                (shutil.copytree if child.is_dir() else shutil.copy2)(child, target)
        _write_site_index(staging, sources, sorted(p.name for p in staging.iterdir() if p.name in sources.orgs))
    _swap_into_place(staging, output)
    seconds = time.perf_counter() - started
    print(f"Built {len(org_ids)} sites, {pages} pages, for {day.isoformat()} in {seconds:.1f} s -> {output}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    sources = _load(Path(args.sources))
    if sources is None:
        return 1
    if args.school:
        if args.school not in sources.orgs:
            return _fail(f"no organisation called {args.school}; choose from: {', '.join(sorted(sources.orgs))}")
        os.environ["POLICY_SITE_ORG"] = args.school
    if args.date:
        os.environ["POLICY_SITE_DATE"] = args.date
    try:
        serve(config_file=args.config, dev_addr=args.dev_addr, livereload=True)
    except MkDocsException as exc:
        return _fail(str(exc))
    return 0


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
    serve = sub.add_parser("serve", help="preview one organisation's site, reloading when a file is saved")
    serve.add_argument("--school", help="organisation to preview (default: the first)")
    serve.add_argument("--date", help="build date for review status, YYYY-MM-DD")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    schema = sub.add_parser("schema", help="write the JSON Schemas editors use for autocomplete")
    schema.add_argument("--output", default="schema")
    schema.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    handlers = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "schema": cmd_schema}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
