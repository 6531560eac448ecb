"""`policy-site schema`: write (or check) the JSON Schemas editors use to autocomplete the YAML."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import BaseModel

from generator.cli.common import fail
from generator.sources.model.organisation import Organisation
from generator.sources.model.overlay import Overlay
from generator.sources.model.policy import Policy

SCHEMAS: dict[str, type[BaseModel]] = {"policy.schema.json": Policy, "organisation.schema.json": Organisation, "overlay.schema.json": Overlay}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser("schema", help="write the JSON Schemas editors use for autocomplete")
    schema.add_argument("--output", default="schema")
    schema.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
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
        return fail(f"out of date: {', '.join(stale)}; run `policy-site schema` and commit the result")
    return 0
