"""policy-site's entry point: the global options, each command's parser from its module, and dispatch."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from generator.cli.common import fail, no_config

# Each command's module, in the order `policy-site --help` lists them. Only the module of the
# command being run is imported: the others bring MkDocs, the site builder and the search
# index, which `policy-site import` or `validate` should not wait for.
COMMANDS = {
    "validate": "validate",
    "build": "build",
    "list": "listing",
    "serve": "serve",
    "show": "show",
    "ratify": "history",
    "freeze": "history",
    "correct": "history",
    "import": "import_policy",
    "search": "search",
    "language": "language",
    "schema": "schema",
}
_GLOBAL_WITH_VALUE = ("--sources", "--config")


def _command_named(argv: list[str]) -> str | None:
    """The command in `argv` (the first word that is not a global option or its value), if it is one we have."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _GLOBAL_WITH_VALUE:
            skip = True
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with every command's or (given `argv` naming one) only that command's."""
    top = argparse.ArgumentParser(prog="policy-site", description="Accessible school policy websites from YAML.")
    top.add_argument("--sources", default="policy_sources", help="folder of organisations (default: policy_sources)")
    top.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    commands = top.add_subparsers(dest="command", required=True)
    named = _command_named(argv) if argv is not None else None
    for module_name in dict.fromkeys([COMMANDS[named]] if named else COMMANDS.values()):
        importlib.import_module(f"generator.cli.{module_name}").add_parsers(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    words = sys.argv[1:] if argv is None else argv
    args = parser(words).parse_args(words)
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
