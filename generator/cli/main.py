"""policy-site's entry point: the global options, each command's parser from its module, and dispatch."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.cli import build, history, import_policy, listing, schema, search, serve, validate
from generator.cli.common import fail, no_config

# In the order `policy-site --help` lists them.
COMMANDS = (validate, build, listing, serve, history, import_policy, search, schema)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="policy-site", description="Accessible school policy websites from YAML.")
    top.add_argument("--sources", default="policy_sources", help="folder of organisations (default: policy_sources)")
    top.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    commands = top.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parsers(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    if getattr(args, "needs_config", False) and not Path(args.config).is_file():
        return fail(no_config(args.config))
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`policy-site search ... | head`): what they read is all they
        # wanted. Python would print a traceback flushing the rest at exit, so send that nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
