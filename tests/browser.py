"""Headless Chromium for the browser tests, screenshots and the page benchmark, and a fixture server.

`chromium(width, height)` is a Selenium driver on Debian's chromium and chromedriver (CI installs both with
apt). `FixtureServer` serves the client's static files the way the session server lays them out (`/`,
`/teacher`, `/projector`, `/static/...`, `/img/...`, `/api/join`) and adds `web_fixture/fake_ws.js`, a
WebSocket stand-in driven with canned views, so the client can be tested without the session server. It is
test scaffolding on 127.0.0.1 only; the product's server is the Starlette app in `engine/frontends/web/`.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "engine" / "frontends" / "web" / "static"
FAKE_WS = Path(__file__).resolve().parent / "web_fixture" / "fake_ws.js"
CHROMIUM = os.environ.get("PETROGRAD_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PETROGRAD_CHROMEDRIVER", "/usr/bin/chromedriver")
CSP = ("default-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'self'; style-src 'self'")
FIXTURE_CODE = "K7QF"
FIXTURE_TITLE = "The Fixture Story"      # the pages ask for a title; the canned views have none


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()


def need_chromium():
    """Skip where Chromium is missing, except in CI, which installs it: there a missing browser fails."""
    import pytest
    if have_chromium():
        pytest.importorskip("selenium")
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install -y chromium chromium-driver)")
    pytest.skip("needs Debian's chromium and chromium-driver")


def chromium(width: int = 1366, height: int = 768, scale: float = 1.0, bidi: bool = False):
    """A fresh headless Chromium with its own empty profile (removed when the driver quits). With `bidi`,
    `new_student_window(driver)` opens windows in separate user contexts (own storage, like separate profiles)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="petrograd-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                 "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows",
                 f"--user-data-dir={profile}", f"--window-size={width},{height}",
                 f"--force-device-scale-factor={scale}"):
        options.add_argument(flag)
    options.enable_bidi = bidi
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    quit_ = driver.quit

    def quit_and_clean():
        try:
            quit_()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    driver.quit = quit_and_clean
    driver.set_page_load_timeout(30)
    return driver


def new_student_window(driver) -> str:
    """A new window in a new user context of a BiDi driver: its own localStorage and cookies."""
    context = driver.browser.create_user_context()
    handle = driver.browsing_context.create(type="window", user_context=context)
    driver.switch_to.window(handle)
    return handle


def viewport(driver) -> tuple[int, int]:
    return tuple(driver.execute_script("return [window.innerWidth, window.innerHeight]"))


def fit_viewport(driver, width: int, height: int) -> None:
    """Size the window so the page's viewport is exactly width x height."""
    driver.set_window_size(width, height)
    inner_w, inner_h = viewport(driver)
    driver.set_window_size(width + (width - inner_w), height + (height - inner_h))


def picture_png(width: int) -> bytes:
    """A stand-in picture for /img/ at the asked width (sepia bands, like the period prints)."""
    from PIL import Image, ImageDraw
    width = max(120, min(int(width), 1600))
    height = width * 9 // 16
    image = Image.new("RGB", (width, height), (214, 200, 170))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, max(1, height // 24)):
        shade = 190 - (y * 90 // height)
        draw.rectangle([0, y, width, y + height // 24], fill=(shade + 20, shade + 6, shade - 20))
    draw.rectangle([width // 5, height // 3, width * 4 // 5, height], fill=(92, 74, 58))
    for x in range(width // 5 + width // 40, width * 4 // 5, max(6, width // 20)):
        draw.rectangle([x, height // 2, x + width // 60, height * 5 // 6], fill=(230, 200, 120))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


class _Handler(BaseHTTPRequestHandler):
    server_version = "fixture"

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _page(self, name: str) -> None:
        from engine.frontends.web.server import page_html
        html = page_html((STATIC / name).read_text(encoding="utf-8"), FIXTURE_TITLE, FIXTURE_TITLE)
        if self.server.fake_ws:
            html = html.replace("<link rel=\"stylesheet\"", "<script src=\"/fixture/fake_ws.js\"></script>\n"
                                "<link rel=\"stylesheet\"", 1)
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")

    def do_GET(self):
        url = urlparse(self.path)
        path = url.path
        if path in ("/", "/index.html"):
            return self._page("index.html")
        if path in ("/teacher", "/projector"):
            return self._page(path[1:] + ".html")
        if path == "/fixture/fake_ws.js" and self.server.fake_ws:
            return self._send(200, FAKE_WS.read_bytes(), "text/javascript; charset=utf-8")
        if path.startswith("/static/"):
            target = (STATIC / path[len("/static/"):]).resolve()
            if target.parent == STATIC.resolve() and target.is_file():
                kind = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                        ".html": "text/html; charset=utf-8"}.get(target.suffix, "application/octet-stream")
                return self._send(200, target.read_bytes(), kind)
        if path.startswith("/img/"):
            width = parse_qs(url.query).get("w", ["720"])[0]
            return self._send(200, picture_png(int(width) if width.isdigit() else 720), "image/png")
        self._send(404, b"not found", "text/plain")

    def do_POST(self):
        if urlparse(self.path).path != "/api/join":
            return self._send(404, b"not found", "text/plain")
        length = min(int(self.headers.get("Content-Length") or 0), 10_000)
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            data = {}
        if str(data.get("code", "")).upper() != FIXTURE_CODE:
            body = json.dumps({"error": "that is not this class's code: check the projector"}).encode()
            return self._send(403, body, "application/json")
        self.server.joined.append(data.get("name"))
        body = json.dumps({"token": f"token-{len(self.server.joined)}", "student": f"s{len(self.server.joined)}"})
        self._send(200, body.encode(), "application/json")


class FixtureServer:
    """The static client on 127.0.0.1 with a fake WebSocket; `url` is its address."""

    def __init__(self, fake_ws: bool = True):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.fake_ws = fake_ws
        self.httpd.joined = []
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class LiveServer:
    """`petrograd session host` in a subprocess on 127.0.0.1, port 0; `url`, `teacher` and `code` once it
    listens. `kill()` is kill -9; `start()` again resumes the same session from its log."""

    def __init__(self, saves: Path, name: str = "web", story: Path | None = None, students: int = 12,
                 period: int = 45, periods: int = 2, seed: int = 1, decide: str = "shared"):
        self.saves, self.name, self.story = Path(saves), name, story or ROOT / "story"
        self.args = ["--period", str(period), "--periods", str(periods), "--students", str(students),
                     "--seed", str(seed), "--decide", decide]
        self.proc = None
        self.port = 0            # 0 the first time; a restart takes the same port, so devices find it again
        self.url = self.teacher = self.projector = self.code = None

    def start(self, timeout: float = 60.0) -> "LiveServer":
        import subprocess
        import sys
        import time
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("DISPLAY", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "engine", "session", "host", self.name, "--story", str(self.story),
             "--saves", str(self.saves), "--port", str(self.port), "--no-window", *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        deadline = time.time() + timeout
        self.teacher = None
        while time.time() < deadline and self.teacher is None:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the session server stopped: " + self.proc.stderr.read()[-2000:])
            if line.startswith("Listening on "):
                self.url = line.split()[2].rstrip("/")
                self.code = line.rsplit("code ", 1)[1].strip(" )\n")
                self.port = int(self.url.rsplit(":", 1)[1])
            elif line.startswith("Teacher console: "):
                self.teacher = line.split("#t=", 1)[1].strip()
                self.projector = self.teacher
        if self.teacher is None:
            self.kill()
            raise RuntimeError("the session server did not print its address in time")
        line = self.proc.stdout.readline()        # the projector's own show-only token, where printed
        if line.startswith("Projector page:") and "#t=" in line:
            self.projector = line.split("#t=", 1)[1].split()[0]
        # drain its output so a chatty server never blocks on a full pipe
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()
        return self

    def kill(self) -> None:
        import signal
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()


class Console:
    """The teacher's side over a plain WebSocket (the tests drive the class; the console page is looked at)."""

    def __init__(self, server: LiveServer):
        from contextlib import ExitStack
        from websockets.sync.client import connect
        self.stack = ExitStack()
        self.ws = self.stack.enter_context(connect(server.url.replace("http://", "ws://") + "/ws"))
        self.ws.send(json.dumps({"type": "hello", "token": server.teacher}))
        self.view = json.loads(self.ws.recv(timeout=20))["view"]
        self.ref = 0

    def do(self, what: str, **args) -> dict:
        """Send one teacher action; return the answer (ack or error), keeping the latest view."""
        self.ref += 1
        self.ws.send(json.dumps({"type": "teacher", "ref": self.ref, "do": what, **args}))
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if message["type"] == "view":
                self.view = message["view"]
            elif message.get("ref") == self.ref:
                break
        if message["type"] == "ack":
            # the server acknowledges first and then sends the screens their views: wait for ours
            try:
                while True:
                    update = json.loads(self.ws.recv(timeout=1.0))
                    if update["type"] == "view":
                        self.view = update["view"]
                        break
            except TimeoutError:
                pass
        return message

    def refresh(self, wait: float = 0.2) -> dict:
        import time
        end = time.time() + wait
        while True:
            try:
                message = json.loads(self.ws.recv(timeout=max(0.01, end - time.time())))
            except TimeoutError:
                return self.view
            if message["type"] == "view":
                self.view = message["view"]

    def close(self) -> None:
        try:
            self.stack.close()
        except Exception:  # noqa: BLE001 - the server may be gone (kill -9)
            pass
