"""Serving built sites over HTTP on this machine, as a web host would: folder addresses answer with their index page, a missing page with the site's 404 page."""

from __future__ import annotations

from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves one folder without printing a line per request."""

    # A web host sends its error page with the 404 status; None sends the server's plain one.
    not_found_page: Path | None = None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and self.not_found_page is not None and self.command in ("GET", "HEAD"):
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def static_server(folder: Path, host: str = "127.0.0.1", port: int = 0, not_found_page: Path | None = None) -> ThreadingHTTPServer:
    """A server for `folder` (not yet serving: call serve_forever); port 0 takes a free one."""
    handler = type("Handler", (QuietHandler,), {"not_found_page": not_found_page})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server
