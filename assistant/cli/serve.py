"""`reflect serve`: the app in a browser tab, with textual-serve, for pairs in two places.

* **Who may connect.** It listens on ``127.0.0.1`` (this computer only) unless ``--host``
  says otherwise, which prints a warning. Every run makes a new random token; the page
  and the websocket that starts an app answer only a request that carries it (the URL
  `reflect serve` prints), compared in constant time. Without it: 403. A websocket from
  a page of another site is refused too (its ``Origin`` is not this server).
* **One app per tab.** Each websocket (each browser tab) starts its own Reflect process
  (``python -m assistant.cli.serve --tab``) on this computer's data home, so one person
  can `pair start` in one tab and the other `pair join` in theirs: it is pair mode from
  two terminals on one data home. The answers stay on this computer; the browser shows
  the screen.
* **Nothing from outside.** textual-serve's page asks Google Fonts for its font; ours
  (``serve_page/app_index.html``) is the same page with that font served from
  textual-serve's own ``static/fonts``, and every page carries a Content-Security-Policy
  that lets the browser load nothing but this server. Its JavaScript and CSS come from
  the installed textual-serve package.
* **A locked data home** needs its key in the tabs: `reflect serve` asks for the
  passphrase (unless `reflect unlock` holds it) and keeps the key in an unlock agent
  until it stops.
"""

from __future__ import annotations

import hmac
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any

from ..core.errors import UserError

PAGE = Path(__file__).with_name("serve_page")
INSTALL_HINT = "pip install 'mentor-reflect[serve]'` (or `pipx inject mentor-reflect textual-serve"
#: How long a served data home's key is kept at most (the agent also stops with `serve`).
SERVE_UNLOCK_MINUTES = 12 * 60
LOOPBACK = ("127.0.0.1", "localhost", "::1")
COOKIE = "reflect-serve"


def _server_class() -> type:
    try:
        from aiohttp import web
        from textual_serve.server import Server
    except ImportError:
        raise UserError("`reflect serve` needs textual-serve, which is not installed",
                        f"install it with `{INSTALL_HINT}`, then try again") from None

    class ReflectServer(Server):
        """textual-serve's server, behind a token, with a page that loads nothing from
        outside, and URLs made from the address the browser used (so `--host` works
        from another computer)."""

        def __init__(self, command: str, host: str, port: int, token: str,
                     announce: str) -> None:
            super().__init__(command, host=host, port=port, title="Reflect",
                             templates_path=PAGE)
            self.token = token
            self.announce = announce

        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level="WARNING")  # no request log with the token in it

        def serve(self, debug: bool = False) -> None:
            """textual-serve's `serve`, saying the URL once the port is listening."""
            import asyncio
            import signal

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, self.request_exit)
            web.run_app(self._make_app(), host=self.host, port=self.port,
                        handle_signals=False, loop=loop, access_log=None,
                        print=lambda *_: print(self.announce, flush=True))

        def _allowed(self, request: web.Request, given: str | None) -> bool:
            return given is not None and hmac.compare_digest(given.encode(),
                                                             self.token.encode())

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if not self._allowed(request, request.query.get("token")):
                raise web.HTTPForbidden(
                    text="This Reflect opens only with the link `reflect serve` printed "
                         "(it carries a token).\n")
            import aiohttp_jinja2

            base = f"{request.scheme}://{request.host}"
            ws = "wss" if request.scheme == "https" else "ws"
            font_size = request.query.get("fontsize", "16")
            context: dict[str, Any] = {
                "font_size": int(font_size) if font_size.isdigit() else 16,
                "app_websocket_url": f"{ws}://{request.host}/ws/{self.token}",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": "Reflect"},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
                f"connect-src 'self' {ws}://{request.host}")
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
            # For the page's own later requests (a download) that cannot carry the token.
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
            return response

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            if not self._allowed(request, request.cookies.get(COOKIE)):
                raise web.HTTPForbidden(text="Not this Reflect's link.\n")
            return await super().handle_download(request)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            origin = request.headers.get("Origin")
            same = origin is None or origin.split("://", 1)[-1] == request.host
            if not self._allowed(request, request.match_info.get("token")) or not same:
                raise web.HTTPForbidden(text="Not this Reflect's link.\n")
            return await super().handle_websocket(request)

        async def _make_app(self) -> web.Application:
            app = web.Application()
            import aiohttp_jinja2
            import jinja2

            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                                 autoescape=True)
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ])
            return app

    return ReflectServer


def cmd_serve(data_dir: str | None, host: str, port: int, lang: str) -> int:
    server_class = _server_class()
    from ..store import DB_NAME, data_home, encrypted

    home = data_home(data_dir)
    db = home / DB_NAME
    started_agent = False
    if encrypted(db):
        from ..store import agent, lock

        if lock.key_for(db) is None:
            if not sys.stdin.isatty():
                raise lock.StoreLocked(str(db))
            from .lock import ask_key

            agent.start(db, ask_key(db), SERVE_UNLOCK_MINUTES)
            started_agent = True
    token = secrets.token_urlsafe(24)
    command = shlex.join([sys.executable, "-m", "assistant.cli.serve", "--tab",
                          "--data-dir", str(home), "--lang", lang])
    exposed = host not in LOOPBACK
    shown = host
    if exposed and host in ("0.0.0.0", "::", ""):
        import socket

        shown = socket.gethostname()
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/?token={token}"
    lines = [f"Reflect is served at {url}",
             "Each browser tab runs its own Reflect on this computer's data home "
             f"({home}). Stop it with Ctrl+C."]
    if exposed:
        print(f"reflect: warning: --host {host} makes Reflect reachable from other "
              "computers on the network. Anyone who has the link (it holds the token) can "
              "open every answer in this data home, and the connection is not encrypted "
              "(http): others on the network could read what is shown and typed. Use it "
              "only on a network you trust, and stop it when you are done.",
              file=sys.stderr, flush=True)
    server = server_class(command, host, port, token, "\n".join(lines))
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror}",
                        "choose another port with --port") from None
    finally:
        if started_agent:
            from ..store import agent

            agent.stop(db)
    return 0


def tab_main(argv: list[str]) -> int:
    """One browser tab's app (started by the server through textual-serve)."""
    import argparse

    parser = argparse.ArgumentParser(prog="reflect serve --tab")
    parser.add_argument("--tab", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    from .main import main

    # textual-serve runs this with its web driver (TEXTUAL_DRIVER), which `reflect`
    # takes as a screen to show the app on.
    return main(["--data-dir", args.data_dir, "--lang", args.lang])


if __name__ == "__main__":
    sys.exit(tab_main(sys.argv[1:]))
