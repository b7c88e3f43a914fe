"""`reflect serve` (issue 20): the app for a browser, behind a token, loading nothing
from outside, one Reflect process per tab. A real server on a free loopback port,
real HTTP and websocket clients (aiohttp, which textual-serve brings)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.plain_driver import ROOT, reflect_cmd


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class Served:
    """`reflect serve` running as a subprocess; stopped with Ctrl+C (SIGINT)."""

    def __init__(self, env: dict, *args: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            reflect_cmd("serve", "--port", str(self.port), *args), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
            start_new_session=True)
        line = self.proc.stdout.readline()
        match = re.search(r"http://(\S+?):(\d+)/\?token=(\S+)", line)
        assert match, (line, self.proc.stderr.read() if self.proc.poll() is not None else "")
        self.host, self.token = match.group(1), match.group(3)
        self.url = match.group(0)

    def get(self, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
        try:
            with urllib.request.urlopen(f"http://{host or '127.0.0.1'}:{self.port}{path}",
                                        timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def stop(self) -> int:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise


@pytest.fixture
def env(data_home: Path, monkeypatch: pytest.MonkeyPatch):
    runtime = Path(tempfile.mkdtemp(prefix="rs", dir="/tmp"))
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    environ = {k: v for k, v in os.environ.items()
               if k not in ("REFLECT_DEBUG", "TEXTUAL_DRIVER")}
    yield {**environ, "REFLECT_HOME": str(data_home), "XDG_RUNTIME_DIR": str(runtime)}
    from assistant.store import agent

    agent.stop(data_home / "reflect.db")
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def served(env):
    server = Served(env)
    yield server
    server.stop()


class Links(HTMLParser):
    """Every address the page would load: src, href, and url(...) in its styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]

    def handle_data(self, data: str) -> None:
        self.urls += re.findall(r"url\(\"?([^\")]+)\"?\)", data)


def test_serve_refuses_a_request_without_the_token_and_serves_the_page_with_it(served
                                                                               ) -> None:
    assert served.host == "127.0.0.1"
    status, _, body = served.get("/")
    assert status == 403 and b"token" in body
    assert served.get("/?token=" + "x" * len(served.token))[0] == 403
    status, headers, page = served.get(f"/?token={served.token}")
    assert status == 200
    assert b'class="textual-terminal"' in page
    assert f"ws://127.0.0.1:{served.port}/ws/{served.token}".encode() in page
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert served.get("/download/0123456789abcdef")[0] == 403  # no token, no file
    assert served.stop() == 0
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", served.port), timeout=2)


def test_the_page_loads_nothing_from_outside(served) -> None:
    _, _, page = served.get(f"/?token={served.token}")
    links = Links()
    links.feed(page.decode())
    own = f"http://127.0.0.1:{served.port}/static/"
    assert links.urls, "the page loads its script and styles"
    assert all(url.startswith(own) for url in links.urls), links.urls
    for url in links.urls:
        status, _, body = served.get(url.removeprefix(f"http://127.0.0.1:{served.port}"))
        assert status == 200, url
        if url.endswith((".js", ".css")):  # and they fetch nothing from elsewhere either
            assert not re.search(rb"""(?:url\(|import|src=|fetch\()\s*["']?https?://""", body)
    assert b"fonts/RobotoMono" in page and b"googleapis" not in page


async def _screen(url: str, until: bytes, headers: dict | None = None,
                  seconds: float = 60) -> bytes:
    import aiohttp

    shown = b""
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(url + "?width=100&height=30", headers=headers) as ws:
        deadline = time.monotonic() + seconds
        while until not in shown and time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=5)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                shown += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                shown += message.data.encode()
            else:
                break
    return shown


def tab_processes(home: Path) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"assistant.cli.serve" in args and b"--tab" in args and str(home).encode() in args:
            found.add(int(entry.name))
    return found


async def _two_tabs(url: str, home: Path) -> tuple[bytes, bytes, set[int]]:
    import aiohttp

    async with aiohttp.ClientSession() as session, \
            session.ws_connect(url + "?width=100&height=30") as one, \
            session.ws_connect(url + "?width=100&height=30") as two:
        shown = {one: b"", two: b""}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(b"not locked" in s
                                                      for s in shown.values()):
            for ws in (one, two):
                try:
                    message = await ws.receive(timeout=0.5)
                except TimeoutError:
                    continue
                if message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                    data = message.data
                    shown[ws] += data if isinstance(data, bytes) else data.encode()
        return shown[one], shown[two], tab_processes(home)


def test_each_tab_is_its_own_reflect_on_the_data_home(served, data_home: Path) -> None:
    url = f"ws://127.0.0.1:{served.port}/ws/{served.token}"
    first, second, processes = asyncio.run(_two_tabs(url, data_home))
    assert b"not locked" in first and b"not locked" in second  # the home screen, twice
    assert len(processes) == 2
    assert served.stop() == 0
    deadline = time.monotonic() + 30
    while tab_processes(data_home) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tab_processes(data_home)


def test_a_websocket_without_the_token_or_from_another_site_is_refused(served) -> None:
    import aiohttp

    for url, headers in (
            (f"ws://127.0.0.1:{served.port}/ws/wrong", None),
            (f"ws://127.0.0.1:{served.port}/ws", None),
            (f"ws://127.0.0.1:{served.port}/ws/{served.token}",
             {"Origin": "http://evil.example"})):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(_screen(url, b"never", headers=headers, seconds=5))
        assert refused.value.status in (403, 404)


def test_host_exposes_it_deliberately_with_a_warning(env) -> None:
    # Another loopback address stands in for a network one: nothing leaves the machine.
    server = Served(env, "--host", "127.0.0.2")
    try:
        assert server.host == "127.0.0.2"
        assert server.get(f"/?token={server.token}", host="127.0.0.2")[0] == 200
        assert server.get("/", host="127.0.0.2")[0] == 403
    finally:
        assert server.stop() == 0
    warning = server.proc.stderr.read()
    assert "warning: --host 127.0.0.2" in warning and "not encrypted" in warning


def test_a_locked_data_home_is_served_with_its_key_from_unlock(env, data_home: Path
                                                              ) -> None:
    passphrase = "orchard kettle meadow"
    for args in (("lock",), ("unlock",)):
        done = subprocess.run(reflect_cmd(*args), input=passphrase + "\n", text=True,
                              capture_output=True, cwd=ROOT, env=env, timeout=60,
                              start_new_session=True)
        assert done.returncode == 0, done.stderr
    server = Served(env)
    try:
        url = f"ws://127.0.0.1:{server.port}/ws/{server.token}"
        shown = asyncio.run(_screen(url, b"locked"))
        assert b"locked" in shown and b"not locked" not in shown
    finally:
        assert server.stop() == 0


def test_without_textual_serve_it_says_how_to_install_it(env) -> None:
    blocked = ("import sys; sys.modules['textual_serve'] = None; "
               "sys.modules['textual_serve.server'] = None; "
               "from assistant.cli.main import main; sys.exit(main())")
    done = subprocess.run([sys.executable, "-c", blocked, "serve"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env=env, start_new_session=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "pip install 'mentor-reflect[serve]'" in done.stderr


ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|[\x00-\x08\x0b-\x1f]")


class Tab:
    """One browser tab: a websocket to the server, keys in, the screen's text out."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.raw = b""
        self.seen = 0

    @property
    def text(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    async def wait_for(self, pattern: str, seconds: float = 60) -> re.Match:
        import aiohttp

        deadline = time.monotonic() + seconds
        while True:
            found = re.compile(pattern).search(self.text, self.seen)
            if found:
                self.seen = found.end()
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {pattern!r} on the screen: {self.text[-2000:]!r}")
            try:
                message = await self.ws.receive(timeout=1)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise EOFError(self.text[-2000:])

    async def keys(self, *keys: str) -> None:
        names = {"down": "\x1b[B", "right": "\x1b[C", "enter": "\r", "tab": "\t"}
        for key in keys:
            await self.ws.send_json(["stdin", names.get(key, key)])
            await asyncio.sleep(0.05)  # one key at a time, as typed


async def _pair_in_two_tabs(url: str) -> str:
    import aiohttp

    async with aiohttp.ClientSession() as session, \
            session.ws_connect(url + "?width=100&height=30") as ws_one, \
            session.ws_connect(url + "?width=100&height=30") as ws_two:
        mentor, mentee = Tab(ws_one), Tab(ws_two)
        for tab in (mentor, mentee):
            await tab.wait_for("not locked")
            await tab.wait_for("Language: English")  # the whole home screen is there
            for _ in range(20):  # down the list to the pair evaluation
                await tab.keys("down")
                try:
                    await tab.wait_for("each answer privately first", seconds=1)
                    break
                except TimeoutError:
                    continue
            await tab.keys("enter")
            await tab.wait_for("Your name")
        await mentor.keys(*"Cleo", "enter", "tab", "down", "enter")  # start, get a code
        code = (await mentor.wait_for(r"reflect pair join ([A-Z0-9]{6})")).group(1)
        await mentee.keys(*"Dev", "enter", "tab", "down")  # each at our own screen
        await mentee.wait_for("Join with a code")
        await mentee.keys("tab", "down")  # join
        await mentee.wait_for("The code on your partner's screen")
        await mentee.keys("tab", *code.lower())
        try:  # the whole code in the field? On a loaded machine the Tab can still be
            await mentee.wait_for(code.lower() + "|" + code, seconds=5)  # on its way
        except TimeoutError:  # then the first key went elsewhere: type it again
            await mentee.keys(*["\x7f"] * 8, *code.lower())
            await mentee.wait_for(code.lower() + "|" + code, seconds=20)
        await mentee.keys("enter")
        await mentee.wait_for("already has a mentor")
        await mentee.keys("right", "enter")
        await mentee.wait_for("Cleo")  # the partner's name, on Dev's part of the pair
        return code


def test_a_pair_starts_in_one_tab_and_joins_in_another(served, data_home: Path) -> None:
    code = asyncio.run(_pair_in_two_tabs(f"ws://127.0.0.1:{served.port}/ws/{served.token}"))
    from assistant.services.library import Library
    from assistant.services.pair import PairService
    from assistant.store import Store

    with Store.open(data_home) as store:
        pair = PairService(store, Library()).pair(code)
        assert sorted((m.name, m.role) for m in pair.members) == [
            ("Cleo", "mentor"), ("Dev", "mentee")]
