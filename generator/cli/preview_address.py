"""Where `policy-site serve` listens: the address from --dev-addr and --port, checked before
the first build so a busy port is one sentence at once, not a traceback after it."""

from __future__ import annotations

import errno
import socket

DEFAULT_ADDRESS = "127.0.0.1:8000"


def serve_address(dev_addr: str | None, port: int | None) -> tuple[str, int] | str:
    """Host and port from --dev-addr and --port (which wins), or what to write instead."""
    dev_addr = dev_addr or DEFAULT_ADDRESS
    host, _, port_text = dev_addr.rpartition(":")
    if port is not None:
        port_text = str(port)
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return f"--dev-addr '{dev_addr}' is not HOST:PORT; write e.g. --dev-addr 127.0.0.1:8000, or leave it out and use --port 8001"
    return host.strip("[]"), int(port_text)


def cannot_serve(host: str, port: int, exc: OSError) -> str:
    """One sentence for the admin about why the preview cannot listen at the address."""
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use; stop the other preview or choose another with --port {port + 1 if port < 65535 else 8001}"
    if exc.errno == errno.EACCES:
        return f"port {port} needs administrator rights; choose one above 1023, e.g. --port 8000"
    return f"cannot serve on {host} port {port} ({exc.strerror or exc}); leave out --dev-addr to serve on 127.0.0.1"


def free_address(dev_addr: str | None, port: int | None) -> tuple[str, int] | str:
    """The address to listen at, from --dev-addr and --port, once it is known to be free; or what to write instead."""
    address = serve_address(dev_addr, port)
    if isinstance(address, str):
        return address
    return check_port(*address) or address


def check_port(host: str, port: int) -> str | None:
    """Before the first build, so a busy port is reported at once rather than after it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return cannot_serve(host, port, exc)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As MkDocs' server does, so a port just freed by a stopped preview counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return cannot_serve(host, port, exc)
    return None
