"""The classroom server: a thin Starlette adapter over a HostedSession (routes, WebSockets, tokens,
static files). The session decides what each token may see; this module only carries it.

Every page is sent with a strict Content-Security-Policy; the client builds its pages with textContent,
so nothing a student types can run anywhere. Actions run in a worker thread (they wait for the disk)
and are acknowledged only after the event log has committed them.
"""
from __future__ import annotations

import asyncio
import functools
import html
import io
import json
import re
import socket
import time
from collections import OrderedDict, deque
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from ...i18n.words import N_, _, current_language, script_words
from ...session.engine import SessionError
from ...session.hosted import HostedSession
from ...session.live import Refused

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'self'; style-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
WIDTHS = (360, 480, 720, 960, 1280)
MAX_MESSAGE = 4_000
JOINS_PER_MINUTE = 120     # a whole class joins within a minute; more is a flood
# The pages' own words, put in where a page has {{key}} (escaped; translated when the page is sent).
PAGE_WORDS = {"tools": N_("Tools"), "role_sheet": N_("Role sheet"), "map": N_("Map"), "codex": N_("Codex"),
              "large_text": N_("Large text"), "reconnecting": N_("Reconnecting…"),
              "join_help": N_("Type the code on the teacher's screen and your first name."), "code": N_("Code"),
              "first_name": N_("First name"), "join": N_("Join"), "close": N_("Close"), "projector": N_("Projector"),
              "teacher_console": N_("Teacher's console")}
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class _SecurityHeaders:
    """ASGI middleware: the same headers on every HTTP response, static files included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.decode().lower() for k, _unused in headers}
                # A route's own Cache-Control (pictures may be cached) stands; every other header is ours.
                headers = [(k, v) for k, v in headers if k.decode().lower() not in
                           {h.lower() for h in SECURITY_HEADERS if h != "Cache-Control"}]
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                            if k != "Cache-Control" or "cache-control" not in present]
                message = {**message, "headers": headers}
            await send(message)
        return await self.app(scope, receive, with_headers)


class Hub:
    """The open WebSockets and a wake-up for each after every change to the session."""

    def __init__(self, hosted: HostedSession):
        self.hosted = hosted
        self.loop: asyncio.AbstractEventLoop | None = None
        self.wakers: set[asyncio.Event] = set()
        hosted.listeners.append(self.changed)

    def changed(self) -> None:
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        for waker in list(self.wakers):
            loop.call_soon_threadsafe(waker.set)


def _fit_width(raw: str | None) -> int:
    try:
        wanted = int(raw or 720)
    except ValueError:
        wanted = 720
    return next((w for w in WIDTHS if w >= wanted), WIDTHS[-1])


def page_html(template: str, title: str, subtitle: str) -> str:
    """A page as sent: the pages know no story and no language, so the story's title and subtitle, the
    language, the pages' words and the scripts' words (JSON in a meta element, read by dom.js) are put in
    where they ask for them, every one escaped."""
    fills = {"story_title": title, "story_subtitle": subtitle, "lang": current_language() or "en",
             "words": json.dumps(_scripts_words(current_language()), ensure_ascii=False),
             **{key: _(word) for key, word in PAGE_WORDS.items()}}
    return PLACEHOLDER.sub(lambda m: html.escape(fills[m[1]]) if m[1] in fills else m[0], template)


@functools.lru_cache(maxsize=8)
def _scripts_words(lang: str | None) -> dict:
    """The scripts' words in `lang` (the current language: the cache is keyed by it)."""
    return script_words(STATIC)


def create_app(hosted: HostedSession) -> Starlette:
    hub = Hub(hosted)
    pictures: OrderedDict[tuple, bytes] = OrderedDict()
    joins: deque = deque()

    def token_of(request: Request) -> str:
        auth = request.headers.get("authorization", "")
        return auth[7:] if auth.lower().startswith("bearer ") else request.query_params.get("t", "")

    async def page(request: Request):
        name = {"/": "index.html", "/teacher": "teacher.html", "/projector": "projector.html"}[request.url.path]
        path = STATIC / name
        if not path.is_file():
            return Response(_("This page is not installed."), status_code=404, media_type="text/plain")
        story = hosted.story
        return Response(page_html(path.read_text(encoding="utf-8"), story.title, story.subtitle or story.title),
                        media_type="text/html")

    async def join(request: Request):
        now = time.monotonic()
        while joins and now - joins[0] > 60:
            joins.popleft()
        if len(joins) >= JOINS_PER_MINUTE:
            return JSONResponse({"error": _("Too many joins at once: wait a moment and try again.")}, status_code=429)
        joins.append(now)
        try:
            body = await request.body()
            data = json.loads(body) if len(body) <= MAX_MESSAGE else None
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            return JSONResponse({"error": _("Type the code and your first name.")}, status_code=400)
        try:
            token, student = await run_in_threadpool(hosted.join, data.get("code"), data.get("name"))
        except Refused as exc:
            return JSONResponse({"error": str(exc)[:1].upper() + str(exc)[1:] + "."}, status_code=403)
        except SessionError as exc:
            return JSONResponse({"error": _("The teacher's computer could not record that: {problem}").format(problem=exc)}, status_code=503)
        return JSONResponse({"token": token, "student": student})

    async def picture(request: Request):
        token = token_of(request)
        live = hosted.live
        with hosted.lock:
            student = live.student_of(token)
            current = live.players[student.group].frame().image if student else None
        if student is None and not (hosted.is_teacher(token) or hosted.is_projector(token)):
            return Response(_("Join the session first."), status_code=403, media_type="text/plain")
        ref = request.path_params["ref"]
        width = _fit_width(request.query_params.get("w"))
        size = (width, width * 9 // 16)
        from ... import art
        if ref == "map":
            if not hosted.story.map_name:
                return Response(_("This story has no map."), status_code=404, media_type="text/plain")
            role = student.group if student else None
            with hosted.lock:
                holdings = live.players[role].holdings() if role else {}
            key = ("map", tuple(sorted(holdings.items())), size)
        else:
            # Only pictures of scenes this token's group has reached, or any for the teacher.
            if student is not None and ref != current:
                return Response(_("Not a picture for this device now."), status_code=403, media_type="text/plain")
            key = ("art", ref, size)
        if key not in pictures:
            def draw() -> bytes:
                story = hosted.story
                img = (art.render_map(dict(key[1]), size, drawing=story.map_drawing,
                                      assets_dir=Path(story.assets_dir), printing=story.printing,
                                      labels=dict(story.map_labels)) if ref == "map"
                       else art.render(ref, size, assets_dir=Path(story.assets_dir), printing=story.printing))
                buf = io.BytesIO()
                img.save(buf, "WEBP", quality=70, method=4)     # a phone on school Wi-Fi: a tenth of a PNG
                return buf.getvalue()
            try:
                pictures[key] = await run_in_threadpool(draw)
            except (LookupError, ValueError, OSError):
                return Response(_("No such picture."), status_code=404, media_type="text/plain")
            while len(pictures) > 64:
                pictures.popitem(last=False)
        pictures.move_to_end(key)
        return Response(pictures[key], media_type="image/webp", headers={"Cache-Control": "private, max-age=3600"})

    async def socket_endpoint(ws: WebSocket):
        hub.loop = asyncio.get_running_loop()
        origin = ws.headers.get("origin")
        host = ws.headers.get("host", "")
        if origin and origin.split("://", 1)[-1] != host:
            await ws.close(code=4403)
            return
        await ws.accept()
        try:
            hello = json.loads(await asyncio.wait_for(_receive_text(ws), timeout=20))
        except (ValueError, RecursionError, asyncio.TimeoutError, WebSocketDisconnect, KeyError, RuntimeError):
            await _close(ws)
            return
        token = hello.get("token") if isinstance(hello, dict) else None
        teacher = hosted.is_teacher(token)
        # The projector page sees the projector view and changes nothing, with its own token (or the
        # teacher's, asking to be the projector).
        projector = hosted.is_projector(token) or (teacher and hello.get("as") == "projector")
        if not isinstance(token, str) or (not teacher and not projector and hosted.live.student_of(token) is None):
            await _send(ws, {"type": "bye", "message": _("This device is not part of the session. Join again.")})
            await _close(ws)
            return
        waker = asyncio.Event()
        hub.wakers.add(waker)
        last = None
        seq = 0

        def view() -> dict:
            with hosted.lock:
                if projector:
                    return hosted.live.projector_view()
                if teacher:
                    return {**hosted.live.teacher_view(), "projector_token": hosted.projector_token}
                return hosted.live.student_view(token)

        async def push() -> bool:
            nonlocal last, seq
            v = await run_in_threadpool(view)      # never hold the loop while a worker writes to disk
            if v.get("screen") == "gone":
                await _send(ws, {"type": "bye", "message": _("The teacher has removed this device. Join again.")})
                return False
            body = json.dumps(v, sort_keys=True)
            if body != last:
                last = body
                seq += 1
                await _send(ws, {"type": "view", "seq": seq, "view": v})
            return True

        async def pusher():
            while True:
                await waker.wait()
                waker.clear()
                if not await push():
                    await _close(ws)
                    return

        task = asyncio.create_task(pusher())
        try:
            if not await push():
                return
            while True:
                raw = await _receive_text(ws)
                if raw is None:
                    await _send(ws, {"type": "error", "ref": None, "message": _("Send text, not binary data.")})
                    continue
                if len(raw) > MAX_MESSAGE:
                    await _send(ws, {"type": "error", "ref": None, "message": _("That message is too long.")})
                    continue
                try:
                    msg = json.loads(raw)
                except (ValueError, RecursionError):
                    msg = None
                if not isinstance(msg, dict):
                    await _send(ws, {"type": "error", "ref": None, "message": _("Not understood.")})
                    continue
                ref = msg.get("ref") if isinstance(msg.get("ref"), int) else None
                try:
                    if projector:
                        raise Refused(_("the projector only shows; use the teacher console to act"))
                    if msg.get("type") == "teacher":
                        await run_in_threadpool(hosted.teach, token, msg, False)
                    elif teacher:
                        raise Refused(_("the teacher's console sends teacher actions only"))
                    else:
                        await run_in_threadpool(hosted.act, token, msg, False)
                except Refused as exc:
                    await _send(ws, {"type": "error", "ref": ref, "message": str(exc)[:1].upper() + str(exc)[1:] + "."})
                    continue
                except SessionError as exc:
                    await _send(ws, {"type": "error", "ref": ref,
                                     "message": _("The teacher's computer could not record that: {problem}").format(problem=exc)})
                    continue
                except Exception:     # noqa: BLE001 - a device's message must never take the socket down
                    await _send(ws, {"type": "error", "ref": ref, "message": _("That could not be done.")})
                    continue
                await _send(ws, {"type": "ack", "ref": ref})    # durable already; the other screens follow
                hub.changed()
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            task.cancel()
            hub.wakers.discard(waker)

    async def join_qr(request: Request):
        """The join page's address with the code filled in, as a QR code for the projector: the
        address as this browser reached the server (the teacher opens the projector page at the
        address students use). Only for the teacher's and the projector's tokens: it holds the code."""
        token = token_of(request)
        if not (hosted.is_teacher(token) or hosted.is_projector(token)):
            return Response(_("Join the session first."), status_code=403, media_type="text/plain")
        return Response(join_qr_svg(str(request.base_url), hosted.code), media_type="image/svg+xml",
                        headers={"Cache-Control": "private, max-age=3600"})

    async def health(request: Request):
        return JSONResponse({"ok": True, "name": hosted.live.meta["name"]})

    routes = [Route("/", page), Route("/teacher", page), Route("/projector", page),
              Route("/api/join", join, methods=["POST"]), Route("/api/health", health),
              Route("/api/join-qr.svg", join_qr),
              Route("/img/{ref:path}", picture), WebSocketRoute("/ws", socket_endpoint)]
    if STATIC.is_dir():
        routes.append(Mount("/static", app=StaticFiles(directory=STATIC), name="static"))
    app = Starlette(routes=routes)
    app.state.hub = hub
    return _SecurityHeaders(app)


def join_url(base_url: str, code: str) -> str:
    """The student page's address with the join code filled in (the page reads ?code=)."""
    from urllib.parse import quote
    return base_url.rstrip("/") + "/?code=" + quote(str(code), safe="")


def join_qr_svg(base_url: str, code: str) -> bytes:
    import segno
    buffer = io.BytesIO()
    segno.make(join_url(base_url, code), error="m").save(buffer, kind="svg", scale=8, border=2, dark="#1d1a16",
                                                         light="#ffffff", xmldecl=False, svgns=True)
    return buffer.getvalue()


async def _receive_text(ws: WebSocket) -> str | None:
    """The next text frame; None for a binary one. Raises WebSocketDisconnect when the device goes."""
    message = await ws.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    text = message.get("text")
    return text if isinstance(text, str) else None


async def _send(ws: WebSocket, message: dict) -> None:
    try:
        await ws.send_text(json.dumps(message))
    except (WebSocketDisconnect, RuntimeError):
        pass


async def _close(ws: WebSocket) -> None:
    try:
        await ws.close()
    except RuntimeError:
        pass


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent: a UDP socket only picks a route)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def serve(hosted: HostedSession, host: str = "127.0.0.1", port: int = 8917, on_ready=None):
    """Run the server until interrupted. `on_ready(port)` is called once it listens."""
    import uvicorn
    config = uvicorn.Config(create_app(hosted), host=host, port=port, log_level="warning", ws_max_size=MAX_MESSAGE * 4,
                            lifespan="off", access_log=False)
    server = uvicorn.Server(config)

    async def run():
        task = asyncio.create_task(server.serve())
        while not server.started:
            if task.done():
                await task
                return
            await asyncio.sleep(0.02)
        bound = server.servers[0].sockets[0].getsockname()[1]
        if on_ready:
            on_ready(bound)
        await task
    asyncio.run(run())
    return server


def start_in_thread(hosted: HostedSession, host: str = "127.0.0.1", port: int = 0, timeout: float = 20.0):
    """Serve from a background thread (the window keeps the main thread). Returns (server, port); stop it
    with `server.should_exit = True`. Raises OSError if it cannot listen."""
    import threading
    import uvicorn
    config = uvicorn.Config(create_app(hosted), host=host, port=port, log_level="warning", ws_max_size=MAX_MESSAGE * 4,
                            lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None      # not the main thread
    failure = []

    def run():
        try:
            asyncio.run(server.serve())
        except BaseException as exc:  # noqa: BLE001 - reported to the caller below
            failure.append(exc)
    thread = threading.Thread(target=run, name="classroom-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.02)
    if not server.started:
        server.should_exit = True
        raise OSError(f"the classroom server did not start ({failure[0] if failure else 'timed out'})")
    return server, server.servers[0].sockets[0].getsockname()[1]
