"""Serve stand-in sites on 127.0.0.1, one port per outlet, in background threads."""
from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standin.site import Site

log = logging.getLogger(__name__)


def _handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            route = site.get(self.path)
            if callable(route):
                route(self)
                return
            status, content_type, body = route
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt: str, *args) -> None:
            log.debug("standin %s: " + fmt, site.outlet, *args)

    return Handler


class StandinServer:
    """One site on a free port of 127.0.0.1 (or the port given)."""

    def __init__(self, site: Site, port: int = 0) -> None:
        self.site = site
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(site))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"standin-{site.outlet}", daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "StandinServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@contextlib.contextmanager
def serving(sites: dict[str, Site], ports: dict[str, int] | None = None) -> Iterator[dict[str, str]]:
    """Serve every site while the block runs, on the given port per outlet (default: a free
    one); yields {outlet: origin} for --mirror."""
    servers = [StandinServer(site, (ports or {}).get(site.outlet, 0)).start() for site in sites.values()]
    try:
        yield {server.site.outlet: server.origin for server in servers}
    finally:
        for server in servers:
            server.stop()
