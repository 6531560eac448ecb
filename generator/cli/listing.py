"""`policy-site list`: the organisations' ids, for scripts and CI jobs that build one site each."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.cli.common import load


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser("list", help="list the organisations, one id per line")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sources = load(Path(args.sources))
    if sources is None:
        return 1
    ids = sorted(sources.orgs)
    print(json.dumps(ids) if args.json else "\n".join(ids))
    return 0
