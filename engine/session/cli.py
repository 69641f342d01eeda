"""`petrograd session ...`: classroom sessions from the terminal.

    petrograd session new --period 45 --periods 2 --students 24 [--names "Ana,Ben,..."] [--text]
    petrograd session resume NAME [--text]
    petrograd session plan --period 45 --periods 2 --students 24     (print the plan only)
    petrograd session list | stats | purge [NAME] [--yes] | export NAME
    petrograd session print [--out DIR] [--session NAME]
"""
from __future__ import annotations

import re
import sys

from ..i18n.words import _
import time
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
NAME = re.compile(r"[^\W_][\w'’.\-]{0,23}( [0-9]{1,3})?\Z")
TOLERATED = {"PG306"}   # missing pictures: text sessions and printables show none


def add_parser(sub) -> None:
    session = sub.add_parser("session", help="classroom sessions: plan, play hotseat, debrief, print",
                             description="Classroom role-play sessions: the class plays every role at one "
                                         "machine, votes in shared assemblies, and gets a debrief and records.")
    cmds = session.add_subparsers(dest="session_command", metavar="ACTION")

    def common(p, story=True):
        if story:
            p.add_argument("--story", metavar="DIR", help="the story folder (default: the bundled story)")
            p.add_argument("--lang", metavar="LANG", help="hold the session in this language, e.g. ru: the story's "
                           "translation and the engine's words (a session keeps the language it was created in)")
        p.add_argument("--saves", metavar="DIR", help="where sessions live (default: saves/, or $PETROGRAD_SAVES)")

    def play_options(p):
        p.add_argument("--text", action="store_true", help="play in the terminal (projector-friendly text)")
        p.add_argument("--width", type=int, default=78, help="text width (default 78)")
        p.add_argument("--projector", action="store_true", help="extra spacing and capital headings for a projector")

    def class_options(p):
        p.add_argument("--period", type=int, required=True, choices=(40, 45, 50, 90), help="minutes in one period")
        p.add_argument("--periods", type=int, default=1, help="how many periods (default 1)")
        p.add_argument("--students", type=int, required=True, help="students in the class (6 to 36)")
        p.add_argument("--names", help='first names or seat names, comma-separated: "Ana,Ben,Seat 3"')
        p.add_argument("--roles", help="only these roles, comma-separated (default: the planner decides)")

    new = cmds.add_parser("new", help="plan and start a session", description="Plan and start a classroom session.")
    class_options(new)
    new.add_argument("--name", help="a name for the session (default: the date and time)")
    new.add_argument("--seed", type=int, help="random seed, for reproducible sessions")
    new.add_argument("--force", action="store_true", help="replace a session of the same name")
    common(new)
    play_options(new)

    resume = cmds.add_parser("resume", help="continue a saved session", description="Continue a saved session.")
    resume.add_argument("name", metavar="NAME")
    common(resume)
    play_options(resume)

    plan = cmds.add_parser("plan", help="print the plan for a class without starting", description="Print a plan.")
    class_options(plan)
    common(plan)

    lst = cmds.add_parser("list", help="list saved sessions", description="List saved sessions.")
    common(lst, story=False)

    export = cmds.add_parser("export", help="write a session's records again", description="Write a session's "
                             "transcripts (HTML, Markdown) and CSV files into its folder.")
    export.add_argument("name", metavar="NAME")
    common(export)

    stats = cmds.add_parser("stats", help="class statistics across sessions", description="Per decision, how "
                            "students of all sessions chose beside the historical choice; groups under 3 hidden.")
    stats.add_argument("--all-stories", action="store_true", help="every story, not only this one")
    common(stats)

    purge = cmds.add_parser("purge", help="delete one session, or all class data",
                            description="With NAME: delete that session (its names, transcripts and records) and its "
                                        "class statistics. Without: delete the class statistics and every saved "
                                        "session. Either asks you to type yes first.")
    purge.add_argument("name", metavar="NAME", nargs="?", help="the session to delete (default: all class data)")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    common(purge, story=False)

    from .host_cli import add_host_parser
    add_host_parser(cmds, common)

    printables = cmds.add_parser("print", help="role sheets, ballots and the teacher guide (HTML and PDF)",
                                 description="Generate printables from the story: a role sheet per role, the "
                                             "assembly agendas and ballots, and a teacher guide, as HTML and as "
                                             "text PDFs on A4 and Letter paper, with an index.html.")
    printables.add_argument("--out", metavar="DIR", help="output folder (default: saves/printables)")
    printables.add_argument("--no-pdf", action="store_true", help="HTML only")
    printables.add_argument("--session", metavar="NAME", help="after play: role sheets that say which objectives "
                            "each group met (default folder: the session's printables/)")
    common(printables)


def main(args) -> int:
    from .engine import SessionError
    from .planner import PlanError
    command = getattr(args, "session_command", None)
    if command is None:
        print("petrograd session: say what to do: new, resume, plan, list, export, stats, purge or print "
              "(petrograd session --help)", file=sys.stderr)
        return EXIT_USAGE
    try:
        return {"new": cmd_new, "resume": cmd_resume, "plan": cmd_plan, "list": cmd_list, "export": cmd_export,
                "stats": cmd_stats, "purge": cmd_purge, "print": cmd_print, "host": cmd_host}[command](args)
    except (SessionError, PlanError) as exc:
        print(f"petrograd session: {exc}", file=sys.stderr)
        return EXIT_ERRORS


def cmd_host(args) -> int:
    from .host_cli import cmd_host as run
    return run(args)


def saves_of(args) -> Path | None:
    return Path(args.saves) if getattr(args, "saves", None) else None


def load_story_for_sessions(story_dir: str | None, lang: str | None = None):
    """Load the story, in `lang` if given; a session shows no pictures, so missing pictures are tolerated
    (with a warning)."""
    from ..cli import bundled_story
    from ..checker.graph import lint_story
    from ..diagnostics import DiagnosticSink
    from ..errors import Severity
    from ..loading.builder import StoryBuilder
    path = Path(story_dir) if story_dir else bundled_story()
    if not path.is_dir():
        print(f"petrograd session: no such story folder: {path}", file=sys.stderr)
        return None, EXIT_USAGE
    try:
        from ..loading.cache import load_story_cached
        story, _unused = load_story_cached(path, display_root=story_dir or str(path))
        if story is not None:
            from ..runtime.memory import settle_after_load
            settle_after_load()     # a session process plays this one story
            return in_language(story, path, lang)
    except ImportError:   # pragma: no cover - the cache is optional
        pass
    sink = DiagnosticSink()
    story = StoryBuilder(path, sink, story_dir or str(path)).build()
    if story is not None:
        lint_story(story, sink)
    errors = [d for d in sink.sorted() if d.severity is Severity.ERROR]
    blocking = [d for d in errors if d.code not in TOLERATED]
    if story is None or blocking:
        for d in blocking[:20]:
            print(d.format(), file=sys.stderr)
        print("petrograd session: the story has errors; run `petrograd check` for details", file=sys.stderr)
        return None, EXIT_ERRORS
    if errors:
        print(f"(note: {len(errors)} picture(s) are missing from the story; sessions show no pictures)", file=sys.stderr)
    return in_language(story, path, lang)


def in_language(story, root: Path, lang: str | None):
    """(the story as a session in `lang` shows it, None), or (None, exit code) for a malformed code."""
    from ..i18n.catalogue import LANG
    from .language import story_in
    if lang and not LANG.match(lang):
        print(f"petrograd session: {lang!r} is not a language code such as de, ru or pt_BR", file=sys.stderr)
        return None, EXIT_USAGE
    story, translated = story_in(story, root, lang)
    if not translated:
        print(f"(note: the story has no {lang} translation yet; its text shows in the source language)", file=sys.stderr)
    return story, None


def session_language(args, name: str) -> str | None:
    """--lang if given, else the language the session `name` was created in."""
    from .language import recorded_language
    return getattr(args, "lang", None) or recorded_language(name, saves_of(args))


def parse_names(text: str | None) -> list[str] | None:
    from .planner import PlanError
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    for n in names:
        if not NAME.match(n):
            raise PlanError(f"{n!r}: use first names or seat names only (one word, or e.g. 'Seat 3'), nothing more")
    lowered = [n.lower() for n in names]
    dup = next((n for n in names if lowered.count(n.lower()) > 1), None)
    if dup:
        raise PlanError(f"the name {dup!r} appears twice; add an initial or use seat names")
    return names


def build_plan(args, story):
    from ..runtime import Game
    from .planner import MAX_STUDENTS, MIN_STUDENTS, PlanError, make_plan
    if not MIN_STUDENTS <= args.students <= MAX_STUDENTS:
        raise PlanError(f"a session is planned for {MIN_STUDENTS} to {MAX_STUDENTS} students, not {args.students}")
    if not 1 <= args.periods <= 6:
        raise PlanError("plan 1 to 6 periods")
    names = parse_names(args.names)
    roles = [r.strip() for r in args.roles.split(",") if r.strip()] if args.roles else None
    return make_plan(story, Game(story), args.students, args.period, args.periods, names, roles)


def cmd_plan(args) -> int:
    from .planner import describe_plan
    story, code = load_story_for_sessions(args.story, args.lang)
    if story is None:
        return code
    plan = build_plan(args, story)
    print("\n".join(describe_plan(story, plan)))
    return EXIT_OK


def cmd_new(args) -> int:
    from .engine import Session, check_name, session_path
    from .planner import describe_plan
    story, code = load_story_for_sessions(args.story, args.lang)
    if story is None:
        return code
    plan = build_plan(args, story)
    name = args.name or time.strftime("class-%Y%m%d-%H%M")
    check_name(name)
    if not args.name:
        base, n = name, 2
        while session_path(name, saves_of(args)).exists():
            name, n = f"{base}-{n}", n + 1
    session = Session.create(story, name, plan, saves_of(args), seed=args.seed, overwrite=args.force,
                             lang=args.lang)
    print(_("Session {name!r} created in {folder}").format(name=name, folder=session.directory))
    for row in describe_plan(story, plan):
        print(row)
    return play(session, args)


def cmd_resume(args) -> int:
    from .engine import Session
    story, code = load_story_for_sessions(args.story, session_language(args, args.name))
    if story is None:
        return code
    session = Session.load(story, args.name, saves_of(args))
    print(_("Resuming session {name!r}.").format(name=args.name))
    return play(session, args)


def play(session, args) -> int:
    from .textui import SessionTextUI
    if not args.text:
        from ..frontends.window import run_session_window
        return run_session_window(session, saves_of(args))
    stdin = sys.stdin
    ui = SessionTextUI(session, stdin.readline, sys.stdout, width=args.width, echo_input=not stdin.isatty(),
                       clear_screen=sys.stdout.isatty(), projector=args.projector)
    return ui.run()


def cmd_list(args) -> int:
    from .engine import list_sessions
    rows = list_sessions(saves_of(args))
    if not rows:
        print("No sessions yet.")
    for name, text in rows:
        print(f"{name:<28} {text}")
    return EXIT_OK


def cmd_export(args) -> int:
    from .debrief import write_exports
    from .engine import Session
    story, code = load_story_for_sessions(args.story, session_language(args, args.name))
    if story is None:
        return code
    session = Session.load(story, args.name, saves_of(args))
    for path in write_exports(session):
        print(path)
    return EXIT_OK


def cmd_stats(args) -> int:
    from .stats import report
    story_id = story = None
    if not args.all_stories:
        story, code = load_story_for_sessions(args.story, args.lang)
        if story is None:
            return code
        story_id = story.id
    print("\n".join(report(story_id, saves_of(args), story)))
    return EXIT_OK


def cmd_purge(args) -> int:
    from .engine import session_path, sessions_dir
    from .stats import db_path, purge, purge_session
    saves = saves_of(args)
    if args.name is not None:
        folder = session_path(args.name, saves).parent
        if not folder.is_dir():
            print(f"petrograd session: no session named {args.name!r} (petrograd session list shows them)",
                  file=sys.stderr)
            return EXIT_ERRORS
        what = f"the session {args.name!r}: {folder} and its class statistics"
    else:
        what = f"all class data: {db_path(saves)} and every session in {sessions_dir(saves)}"
    if not args.yes:
        print(f"This deletes {what}.")
        sys.stdout.write("Type yes to delete: ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() != "yes":
            print("Nothing deleted.")
            return EXIT_OK
    removed = purge_session(args.name, saves) if args.name is not None else purge(saves)
    print("Deleted: " + ", ".join(str(p) for p in removed) if removed else "There was no class data.")
    return EXIT_OK


def cmd_print(args) -> int:
    from ..persistence.saves import default_saves_dir
    from .printables import write_printables
    lang = session_language(args, args.session) if args.session else args.lang
    story, code = load_story_for_sessions(args.story, lang)
    if story is None:
        return code
    session = None
    if args.session:
        from .engine import Session
        session = Session.load(story, args.session, saves_of(args))
    default = session.directory / "printables" if session else (saves_of(args) or default_saves_dir()) / "printables"
    out = Path(args.out) if args.out else default
    for path in write_printables(story, out, pdf=not args.no_pdf, session=session):
        print(path)
    return EXIT_OK
