"""A small HTTP server on 127.0.0.1 for the fetch and feed tests (no outside traffic).

Routes are a dict of path -> (status, headers, body, delay seconds, chunk delay): the
test decides what each address answers. The server counts requests per path, so a test
can tell a cache hit from a fetch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunk_delay: float = 0.0  # seconds between 16-byte pieces of the body (a trickle)


class Site:
    """The routes a running server answers, the requests it saw, and its base URL."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.agents: list[str] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Run ``site`` on a free port of 127.0.0.1 until the block ends."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            site.agents.append(self.headers.get("User-Agent", ""))
            route = site.routes.get(self.path) or Route(b"not found", 404, "text/plain")
            time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if not route.chunk_delay:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.chunk_delay:
                    for start in range(0, len(route.body), 16):
                        self.wfile.write(route.body[start : start + 16])
                        self.wfile.flush()
                        time.sleep(route.chunk_delay)
                else:
                    self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as a timeout test wants

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def article_page(title: str, outlet: str, date: str, paragraphs: list[str]) -> bytes:
    """An article page with a headline, site name, date meta tag and body paragraphs."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{date}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>Contact us</footer>
</body></html>""".encode()
