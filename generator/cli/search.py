"""`policy-site search`: search a site from the terminal, with the ranking its search box uses."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from generator.cli.common import fail, load, no_such_organisation
from generator.mkdocs_adapter.config import read_config
from generator.sources.build_date import build_date
from generator.sources.errors import display_path, printable
from generator.sources.loaded import Sources
from generator.sources.model.common import Audience


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    find = commands.add_parser("search", help="search one organisation's site (or all) from the terminal, as the site's search box does")
    find.add_argument("query", help="the words to search for, e.g. 'friend request'")
    find.add_argument("--school", help="organisation whose site to search (default: every organisation)")
    find.add_argument("--audience", choices=[a.value for a in Audience], help="put this audience's results first, as its pages do")
    find.add_argument("--only", action="store_true", help="with --audience: show only that audience's results")
    find.add_argument("--site", help="search the index published in this built site folder (default: build it from the sources)")
    find.add_argument("--limit", type=int, default=10, help="how many results (default: 10)")
    find.add_argument("--json", action="store_true", help="print the results as JSON")
    find.set_defaults(run=run)


def _search_indexes(args: argparse.Namespace, sources: Sources, org_ids: list[str]) -> dict[str, dict[str, object]] | str:
    """Each organisation's index: the published file under --site, or built from the sources
    exactly as the next build will publish it."""
    from generator.render import search_index
    from generator.views.site import site_view

    indexes: dict[str, dict[str, object]] = {}
    if args.site:
        for org_id in org_ids:
            path = Path(args.site) / org_id / search_index.INDEX_FILE
            if not path.is_file():
                return f"{display_path(path)} does not exist: build the site first (policy-site build --output {args.site})"
            indexes[org_id] = json.loads(path.read_text(encoding="utf-8"))
        return indexes
    config = read_config(args.config)
    if isinstance(config, str):
        return config
    hand_written = config.hand_written()
    for org_id in org_ids:
        site = site_view(sources, org_id, build_date(None), config.review_window_days)
        # Through JSON and back, so the answer comes from exactly what the site would ship.
        indexes[org_id] = json.loads(search_index.site_index_json(site, hand_written, config.use_directory_urls))
    return indexes


def run(args: argparse.Namespace) -> int:
    from generator.render import search_query
    from generator.views.labels import audience_label, strength_label

    sources = load(Path(args.sources))
    if sources is None:
        return 1
    if args.school and args.school not in sources.orgs:
        return fail(no_such_organisation([args.school], sources))
    if args.only and not args.audience:
        return fail("--only needs --audience: say whose results you want, e.g. --audience pupils --only")
    org_ids = [args.school] if args.school else sorted(sources.orgs)
    indexes = _search_indexes(args, sources, org_ids)
    if isinstance(indexes, str):
        return fail(indexes)
    found: dict[str, list[search_query.Hit]] = {}
    for org_id, data in indexes.items():
        found[org_id] = search_query.search(search_query.load_index(data), args.query, args.audience, args.only, args.limit)
    if args.json:
        # JSON escapes control characters itself.
        print(json.dumps({org: [asdict(hit) for hit in hits] for org, hits in found.items()}, indent=2))
        return 0
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
