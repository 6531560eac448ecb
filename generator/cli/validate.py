"""`policy-site validate`: check every source file and list all the errors, building nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.common import load, print_work
from generator.mkdocs_adapter.config import read_config
from generator.sources.plain_work import work_report


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser("validate", help="check every YAML file and list all errors; builds nothing")
    validate.set_defaults(run=run, needs_config=True)


def run(args: argparse.Namespace) -> int:
    # The docs/ folder, so that a link to a file of the site is checked to be there.
    config = read_config(args.config)
    sources = load(Path(args.sources), docs_dir=None if isinstance(config, str) else config.docs_dir, show_work=True)
    if sources is None:
        return 1
    policies = [ps.policy for o in sources.orgs.values() for ps in o.policies.values()]
    clauses = sum(len(p.clauses()) for p in policies)
    # Not errors: a collision is the school's decision to make, and the build goes ahead.
    for org_id, source in sources.orgs.items():
        for policy_id, ps in source.policies.items():
            for collision in ps.adoption.collisions if ps.adoption else []:
                print(f"warning: {collision.message(org_id, policy_id)}")
    print_work(work_report(sources.plain_to_write))
    drafts = sum(1 for p in policies if p.draft)
    counted = f"{len(policies)} policies" + (f" ({drafts} draft{'s' if drafts != 1 else ''})" if drafts else "")
    print(f"OK: {len(sources.orgs)} organisations, {counted}, {clauses} clauses; no errors.")
    return 0
