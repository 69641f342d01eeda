"""`petrograd session host NAME`: the classroom on students' devices, served from the teacher's machine.

    petrograd session host NAME --period 45 --periods 2 --students 24   (a new session)
    petrograd session host NAME                                         (resume it, after a restart too)
    petrograd session host NAME --lan --port 8917

By default the server listens on this machine only (127.0.0.1); `--lan` opens it to the local network.
The projector window shows the join code, a QR code of the address, who has joined and each group's
progress; with `--no-window` (or no display) open the printed projector address in a browser instead.
"""
from __future__ import annotations

import sys
import threading

from ..i18n.words import _

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_host_parser(cmds, common) -> None:
    host = cmds.add_parser("host", help="run a class on students' devices (browser), from this machine",
                           description="Serve a classroom session to students' browsers: each group plays "
                                       "privately on its own devices, assemblies and votes are shared.")
    host.add_argument("name", metavar="NAME", help="the session's name (resumed if it exists)")
    host.add_argument("--period", type=int, choices=(40, 45, 50, 90), help="minutes in one period (new session)")
    host.add_argument("--periods", type=int, default=2, help="how many periods (default 2)")
    host.add_argument("--students", type=int, help="students in the class (new session)")
    host.add_argument("--names", help="(optional) the class's first names, comma-separated")
    host.add_argument("--roles", help="only these roles, comma-separated")
    host.add_argument("--seed", type=int, help="random seed, for reproducible sessions")
    host.add_argument("--decide", choices=("shared", "vote"), default="shared",
                      help="how a group of several decides: one shared device, or a vote inside the group")
    host.add_argument("--lan", action="store_true", help="listen on the local network, not only this machine")
    host.add_argument("--port", type=int, default=8917, help="the port (default 8917; 0 picks a free one)")
    host.add_argument("--no-window", action="store_true", help="no projector window: use the projector page")
    common(host)


def cmd_host(args) -> int:
    from .cli import build_plan, load_story_for_sessions, saves_of, session_language
    from .engine import SessionError, sessions_dir
    from .eventlog import LOG_NAME
    from .hosted import HostedSession
    story, code = load_story_for_sessions(args.story, session_language(args, args.name))
    if story is None:
        return code
    saves = saves_of(args)
    if (sessions_dir(saves) / args.name / LOG_NAME).is_file():
        hosted = HostedSession.open(story, args.name, saves)
        print(_("Resumed session {name!r} ({n} students joined so far)").format(name=args.name, n=len(hosted.live.students)))
    else:
        if args.period is None or args.students is None:
            print("petrograd session host: a new session needs --period and --students "
                  "(or give the name of a hosted session to resume)", file=sys.stderr)
            return EXIT_USAGE
        plan = build_plan(args, story)
        hosted = HostedSession.create(story, args.name, plan, saves, seed=args.seed, decide=args.decide,
                                       lang=getattr(args, "lang", None))
        print(_("Session {name!r} created in {folder}").format(name=args.name, folder=hosted.directory))
    for note in hosted.live.notes:
        print(f"note: {note}")
    if not 0 <= args.port <= 65535:
        print("petrograd session host: --port must be 0 to 65535", file=sys.stderr)
        return EXIT_USAGE
    from ..frontends.web.server import lan_address, serve
    bind = "0.0.0.0" if args.lan else "127.0.0.1"
    shown = lan_address() if args.lan else "127.0.0.1"
    ready = threading.Event()
    address = {}

    def on_ready(port: int) -> None:
        address["url"] = f"http://{shown}:{port}/"
        print(f"Listening on {address['url']}  (join code {hosted.code})", flush=True)
        print(f"Teacher console: {address['url']}teacher#t={hosted.teacher_token}", flush=True)
        print(f"Projector page:  {address['url']}projector#t={hosted.projector_token}  (shows only; changes nothing)",
              flush=True)
        if not args.lan:
            print("Only this machine can connect; add --lan to let students' devices join.", flush=True)
        ready.set()

    if args.no_window or not _display_available():
        try:
            serve(hosted, bind, args.port, on_ready)
        except KeyboardInterrupt:
            pass
        except OSError as exc:
            print(f"petrograd session host: cannot listen on port {args.port}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    failed = {}

    def run_server():
        try:
            serve(hosted, bind, args.port, on_ready)
        except (OSError, SystemExit) as exc:
            failed["error"] = exc
            ready.set()
    threading.Thread(target=run_server, daemon=True).start()
    ready.wait()
    if failed:
        print(f"petrograd session host: cannot listen on port {args.port}: {failed['error']}", file=sys.stderr)
        return EXIT_USAGE
    try:
        from ..frontends.window.projector import run_projector
        code = run_projector(hosted, address["url"])
    except ImportError:
        code = 2
    if code == 0:
        return EXIT_OK
    # No window after all: the class goes on in the browser (the server keeps running until Ctrl-C).
    print("The projector window could not open; open the projector page above in a browser instead.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _display_available() -> bool:
    import os
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")
