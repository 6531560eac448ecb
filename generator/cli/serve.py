"""`policy-site serve`: preview one organisation's site, rebuilt whenever a file is saved."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from generator.cli import preview_address
from generator.cli.common import build_day, fail, load, no_such_organisation
from generator.mkdocs_adapter import run as mkdocs_run


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser("serve", help="preview one organisation's site, reloading when a file is saved")
    serve.add_argument("--school", help="organisation to preview (default: the first)")
    serve.add_argument("--date", help="build date for review status, YYYY-MM-DD")
    serve.add_argument("--port", type=int, metavar="N", help="port to serve on (default: 8000)")
    serve.add_argument("--dev-addr", metavar="HOST:PORT", help="address to serve on (default: 127.0.0.1:8000; --port changes its port)")
    serve.set_defaults(run=run, needs_config=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    # Broken files at the start: the list, and exit 1, as `validate` does. There is no good
    # site yet to keep serving, and no page open to show the errors on; the admin is looking at
    # this terminal. (Once serving, a broken save shows the errors on the open page instead.)
    # Only the files the preview is built from, as the preview itself loads them on each save.
    sources = load(Path(args.sources), only=args.school)
    if sources is None:
        return 1
    if args.school:
        if args.school not in sources.orgs:
            return fail(no_such_organisation([args.school], sources))
        os.environ["POLICY_SITE_ORG"] = args.school
    if args.date:
        if isinstance(day := build_day(args.date), str):
            return fail(day)
        os.environ["POLICY_SITE_DATE"] = args.date
    address = preview_address.free_address(args.dev_addr, args.port)
    if isinstance(address, str):
        return fail(address)
    host, port = address
    # Stopped by another program as by Ctrl+C, so MkDocs still removes its temporary site.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        mkdocs_run.serve(args.config, f"{host}:{port}")
    except mkdocs_run.SiteBuildError as exc:
        return fail(str(exc))
    except OSError as exc:
        # Another program took the port during the first build.
        return fail(preview_address.cannot_serve(host, port, exc))
    except KeyboardInterrupt:
        # Ctrl+C during the first build: MkDocs handles it only once serving.
        print("Stopped.", file=sys.stderr)
    return 0
