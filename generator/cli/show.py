"""`policy-site show`: serve the sites already built (site/ by default) on this machine, at an address it prints."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path

from generator.cli import preview_address
from generator.cli.common import fail


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser("show", help="serve the built sites (site/) at a local address, to open in a browser")
    show.add_argument("--site", default="site", metavar="DIR", help="the built output folder (default: site)")
    show.add_argument("--port", type=int, metavar="N", help="port to serve on (default: 8000)")
    show.set_defaults(run=run)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from generator.sites.static_server import static_server

    folder = Path(args.site)
    if not (folder / "index.html").is_file():
        return fail(f"nothing is built in {folder}/ yet; run `policy-site build` (or `make demo`) first")
    address = preview_address.free_address(None, args.port)
    if isinstance(address, str):
        return fail(address)
    host, port = address
    try:
        server = static_server(folder.resolve(), host, port)
    except OSError as exc:
        return fail(preview_address.cannot_serve(host, port, exc))
    print(f"Serving the sites built in {folder}/ at http://{host}:{port}/ : open that address in a browser (Ctrl+C to stop).", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
