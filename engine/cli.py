"""The `petrograd` command. Exit status: 0 success, 1 errors in the story or input, 2 usage or I/O."""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

from . import __version__
from .diagnostics import CATALOGUE
from .errors import Severity
from .typed import number_in

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def bundled_story() -> Path:
    """The story shipped beside the engine (a source checkout or an editable install)."""
    beside = Path(__file__).resolve().parent.parent / "story"
    return beside if beside.is_dir() else Path("story")


def _story_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story_dir", nargs="?", default=None, metavar="STORY_DIR",
                        help="the story folder (default: the bundled story)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="petrograd", description="Play and check interactive stories.")
    parser.add_argument("--version", action="version", version=f"petrograd {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="load, validate and lint a story",
                           description="Load, validate and lint a story; print every diagnostic.")
    _story_arg(check)
    check.add_argument("--json", action="store_true", help="print diagnostics and statistics as one JSON object")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--codes", nargs="?", const="", default=None, metavar="CODE",
                       help="print the catalogue of diagnostic codes, each with an example, and exit "
                            "(with CODE: that code's example and what check says about it)")
    check.add_argument("--explore", action="store_true", help="explore every reachable play state of each role")
    check.add_argument("--prove", action="store_true",
                       help="prove each role: no soft-lock, every scene, ending and choice reachable, ranges kept; "
                            "each property proven, or a counterexample path that replays, or undecided within the budget")
    check.add_argument("--random", type=_positive, metavar="N", help="N seeded random playthroughs per role")
    check.add_argument("--seed", type=int, default=1, help="seed for --random (default 1)")
    check.add_argument("--role", help="only this role, for --explore, --prove and --random")
    check.add_argument("--max-states", type=_positive, default=None,
                       help="state budget per role for --explore (default 50,000) and --prove (default 2,000,000)")
    check.add_argument("--max-seconds", type=float, default=None,
                       help="time budget per role for --explore (default 20) and --prove (default 60)")
    check.add_argument("--lang", metavar="LANG",
                       help="also check the LANG translation (locale/LANG/story.po): untranslated and stale lines, "
                            "markup that differs from the source; with a summary per role")

    roles = sub.add_parser("roles", help="list the roles of a story", description="List the roles of a story.")
    _story_arg(roles)

    play = sub.add_parser("play", help="play a story", description="Play a story in a window, or in the terminal with --text.")
    _story_arg(play)
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--role", help="the role to play (see `petrograd roles`)")
    play.add_argument("--seed", type=int, default=None, help="random seed, for reproducible play")
    play.add_argument("--width", type=int, default=78, help="text width in the terminal (default 78)")
    play.add_argument("--saves", metavar="DIR", help="where saves live (default: saves/, or $PETROGRAD_SAVES)")
    play.add_argument("--load", metavar="SLOT", help="start from a save slot, by name (see :saves)")
    play.add_argument("--load-file", metavar="PATH", help="start from a save file given by its path")
    # For authors (engine/authoring/): the live loop, starting anywhere, the debug console.
    play.add_argument("--watch", action="store_true", help="reload the story on every save of one of its files")
    play.add_argument("--scene", metavar="ID", help="start at this scene")
    play.add_argument("--set", metavar="NAME=VALUE", action="append", default=[],
                      help="start with this variable set (repeat for more)")
    play.add_argument("--debug", action="store_true",
                      help="the debug console: F12 or ` in the window; :goto, :set, :state in text mode")
    play.add_argument("--lang", metavar="LANG",
                      help="play in LANG (the story's locale/LANG/story.po); untranslated lines show in the source")

    replay_cmd = sub.add_parser("replay", help="print the transcript of a save's playthrough",
                                description="Print, deterministically, the transcript of a save's playthrough.")
    replay_cmd.add_argument("save", metavar="SLOT", nargs="?", help="a save slot, by name")
    _story_arg(replay_cmd)
    replay_cmd.add_argument("--file", metavar="PATH", help="a save file given by its path, instead of a slot")
    replay_cmd.add_argument("--saves", metavar="DIR", help="where saves live")
    replay_cmd.add_argument("--width", type=int, default=78, help="text width (default 78)")

    graph = sub.add_parser("graph", help="export the story graph", description="Export the story graph for authors.")
    _story_arg(graph)
    graph.add_argument("--role", help="only this role's scenes")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")

    test = sub.add_parser("test", help="run a story's transcript tests",
                          description="Play the transcripts (YAML) of a story and check what each step shows; "
                                      "by default every file under STORY_DIR/tests/. Exit status 0 if all pass, "
                                      "1 if any fails, 2 for a usage or story error.")
    test.add_argument("paths", nargs="*", metavar="STORY_DIR|FILE",
                      help="the story folder (default: the bundled story, or the one holding the files), then transcripts")
    test.add_argument("--update", action="store_true",
                      help="bless: rewrite each transcript's expectations from what its run shows, keeping its choices")
    test.add_argument("--json", action="store_true", help="print the results as one JSON object")
    schema = sub.add_parser("schema", help="print the JSON Schema of story files, for editors",
                            description="Print the JSON Schema of story files (for editors with a YAML language "
                                        "server), or write it into a story folder with --write.")
    schema.add_argument("--write", metavar="STORY_DIR",
                        help="write STORY_DIR/story.schema.json and print the modeline for each file's depth")

    from .i18n.cli import add_parsers as add_translation_parsers   # ids, translate: engine/i18n/cli.py
    add_translation_parsers(sub)
    from .session.cli import add_parser as add_session_parser   # classroom sessions: engine/session/cli.py
    add_session_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "roles":
            return cmd_roles(args)
        if args.command == "play":
            return cmd_play(args)
        if args.command == "replay":
            return cmd_replay(args)
        if args.command == "graph":
            return cmd_graph(args)
        if args.command == "test":
            return cmd_test(args)
        if args.command == "schema":
            return cmd_schema(args)
        if args.command in ("ids", "translate"):
            from .i18n import cli as i18n_cli
            return i18n_cli.cmd_ids(args) if args.command == "ids" else i18n_cli.cmd_translate(args)
        if args.command == "session":
            from .session.cli import main as session_main
            return session_main(args)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    parser.print_help()
    return EXIT_USAGE


def _story_path(args) -> Path:
    return Path(args.story_dir) if args.story_dir else bundled_story()


def _load_playable(args):
    """The story, ready to play, or None and the exit status after saying what is wrong."""
    from .loading.cache import load_story_cached
    path = _story_path(args)
    if not path.is_dir():
        print(f"petrograd: no such story folder: {path}", file=sys.stderr)
        return None, EXIT_USAGE
    story, diagnostics = load_story_cached(path, display_root=args.story_dir or os.path.relpath(path))
    if story is None and getattr(args, "watch", False):
        story, diagnostics = _wait_for_a_fix(path, args.story_dir or os.path.relpath(path), diagnostics)
    if story is None:
        _print_diagnostics(diagnostics)
        print("petrograd: the story has errors; run `petrograd check` for details", file=sys.stderr)
        return None, EXIT_ERRORS
    from .runtime.memory import settle_after_load
    settle_after_load()     # this process plays this one story from now on
    return story, None


def _wait_for_a_fix(path: Path, display_root: str, diagnostics):
    """play --watch on a story with errors: show them, and start play once a save fixes them (Ctrl-C
    gives up with the errors as they stand)."""
    from .authoring.watch import is_story_file
    from .loading import load_story
    import watchfiles
    story = None
    try:
        while story is None:
            _print_diagnostics(diagnostics)
            print("petrograd: the story has errors; waiting for a save that fixes them (Ctrl-C to stop)",
                  file=sys.stderr, flush=True)
            for changes in watchfiles.watch(path.resolve(), debounce=20):
                if any(is_story_file(path.resolve(), changed) for _, changed in changes):
                    break
            story, diagnostics = load_story(path, display_root=display_root)
    except KeyboardInterrupt:
        return None, diagnostics
    return story, diagnostics


def _print_diagnostics(diagnostics) -> None:
    for d in diagnostics:
        print(d.format(), file=sys.stderr)


def cmd_check(args) -> int:
    if args.codes is not None:
        return _print_codes(args.codes)
    from .checker import story_stats
    from .checker.graph import lint_story
    from .diagnostics import DiagnosticSink
    from .loading import load_story, load_story_cached
    path = Path(args.story_dir) if args.story_dir else bundled_story()
    if not path.is_dir():
        print(f"petrograd: no such story folder: {path}", file=sys.stderr)
        return EXIT_USAGE
    display = args.story_dir or os.path.relpath(path)
    # Through the compiled cache: files unchanged since a clean load are not parsed again (their
    # validation warnings come from the cache), but the lint over the whole story runs every time.
    sink_story, diagnostics = load_story_cached(path, lint=False, display_root=display)
    if sink_story is not None:
        sink = DiagnosticSink()
        sink.items = list(diagnostics)
        lint_story(sink_story, sink)
        diagnostics = sink.sorted()
    else:   # errors (never cached): the full load, with the lint of whatever could be built
        sink_story, diagnostics = load_story(path, display_root=display)
    partial = sink_story
    if partial is None:     # statistics are worth reporting even for a story with errors: load again
        from .loading.builder import StoryBuilder
        partial = StoryBuilder(path, DiagnosticSink()).build()
    stats = story_stats(partial) if partial is not None else {"roles": {}, "totals": {}}
    translation = None
    if args.lang:
        from .i18n.check import check_translation, summary_text
        from .i18n.catalogue import LANG
        if not LANG.match(args.lang):
            print(f"petrograd: {args.lang!r} is not a language code such as de, ru or pt_BR", file=sys.stderr)
            return EXIT_USAGE
        lang_sink = DiagnosticSink()
        lang_sink.items = list(diagnostics)
        per_role = check_translation(path, partial, args.lang, lang_sink, display)
        translation = summary_text(per_role, args.lang)
        diagnostics = lang_sink.sorted()
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    stopped = bool(errors or (args.strict and warnings))
    if args.json:
        report = {"diagnostics": [d.to_json() for d in diagnostics], "stats": stats}
        if args.lang:
            report["translation"] = {"lang": args.lang, "roles": {role: {k: counts[k] for k in ("lines", "translated", "untranslated", "stale")}
                                                              for role, counts in per_role.items()}}
        failed = False
        if not stopped and (args.explore or args.random or args.prove):
            play = {}
            failed = _check_play(sink_story, args, play)
            if failed is None:
                return EXIT_USAGE
            report["play"] = play
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_ERRORS if stopped or failed else EXIT_OK
    else:
        for d in diagnostics:
            print(d.format())
        totals = stats.get("totals", {})
        print(f"{errors} error(s), {warnings} warning(s); "
              f"{totals.get('roles', 0)} roles, {totals.get('scenes', 0)} scenes, "
              f"{totals.get('words', 0):,} words, {totals.get('endings', 0)} endings")
        if translation:
            print(translation)
    if stopped:
        return EXIT_ERRORS
    if args.explore or args.random or args.prove:
        failed = _check_play(sink_story, args)
        return EXIT_USAGE if failed is None else EXIT_ERRORS if failed else EXIT_OK
    return EXIT_OK


def _print_codes(wanted: str) -> int:
    """The catalogue, each code with the files of its example; one code also with what check says."""
    codes = [c for c in CATALOGUE if not wanted or c.code == wanted.upper()]
    if not codes:
        print(f"petrograd: no code {wanted!r}; `petrograd check --codes` lists them", file=sys.stderr)
        return EXIT_USAGE
    for code in codes:
        print(f"{code.code}  {code.severity.value:<7}  {code.title}: {code.hint}")
        from .diagnostics import EXAMPLE_BASE
        for name, text in code.example.items():
            if text is None:
                print(f"    example: {name} is missing")
                continue
            lines = text.splitlines()
            if name in EXAMPLE_BASE:       # a change to the example story: show only what changed
                import difflib
                changed = list(difflib.unified_diff(EXAMPLE_BASE[name].splitlines(), lines, lineterm="", n=1))[2:]
                lines = [line for line in changed if not line.startswith("@@")]
                print(f"    example, in {name} of the example story (- before, + after):")
            else:
                print(f"    example, {name}:")
            for line in lines[:12]:
                print("      " + (line if len(line) <= 100 else line[:100] + f"... ({len(line):,} characters)"))
            if len(lines) > 12:
                print(f"      ... ({len(lines) - 12} more lines)")
        if wanted:
            import tempfile
            from .loading import load_story
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder) / "story"
                for files in (EXAMPLE_BASE, code.example):
                    for name, text in files.items():
                        target = root / name
                        if text is None:
                            target.unlink(missing_ok=True)
                            continue
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_text(text, encoding="utf-8")
                _, diagnostics = load_story(root, display_root="story")
            print("    check says:")
            for d in diagnostics:
                if d.code == code.code:
                    print("      " + d.format())
        print()
    return EXIT_OK


def _check_play(story, args, results: dict | None = None) -> bool | None:
    """Explore, prove or play at random; whether anything failed (None: a usage error). With
    `results`, the findings go there as data (for --json) instead of to stdout."""
    from .checker.explore import explore_report, random_playthroughs
    from .runtime import Game
    if args.role and args.role not in story.roles:
        print(f"petrograd: no role {args.role!r}", file=sys.stderr)
        return None
    game = Game(story)
    roles = [args.role] if args.role else list(story.roles)
    out = sys.stderr if results is not None else sys.stdout
    failed = False
    story_arg = args.story_dir or ""
    if args.explore:
        explored: list = []
        lines, failed = explore_report(game, roles, args.max_states or 50_000,
                                       20.0 if args.max_seconds is None else args.max_seconds, story_arg, explored)
        if results is not None:
            results["explore"] = explored
        else:
            print("\n".join(lines), file=out)
    if args.prove:
        from .checker.prove import prove, prove_report
        proofs = prove(game, roles, args.max_states or 2_000_000, 60.0 if args.max_seconds is None else args.max_seconds)
        if results is not None:
            results["prove"] = {"report": prove_report(proofs, story_arg), "failed": [p.role for p in proofs if p.failed]}
        else:
            print("\n".join(prove_report(proofs, story_arg)), file=out)
        failed |= any(p.failed for p in proofs)
    if args.random:
        runs = []
        for role in roles:
            r = random_playthroughs(game, role, args.random, args.seed)
            for stuck in r["stuck_runs"]:
                stuck["replay"] += f" {story_arg}" if story_arg else ""
            runs.append({"role": role, "seed": args.seed, **r})
            failed |= r["stuck"] > 0
            if results is not None:
                continue
            endings = ", ".join(f"{k} {v}" for k, v in sorted(r["endings"].items(), key=lambda kv: -kv[1]))
            print(f"random {role}: {r['runs']} runs (seed {args.seed}); scenes {r['scene_coverage'][0]}/{r['scene_coverage'][1]}, "
                  f"choices {r['choice_coverage'][0]}/{r['choice_coverage'][1]}; stuck {r['stuck']}; endings: {endings}", file=out)
            by_scene: dict[str, list] = {}
            for stuck in r["stuck_runs"]:
                by_scene.setdefault(stuck["scene"], []).append(stuck)
            for scene_id, found in sorted(by_scene.items()):
                first = found[0]
                print(f"  STUCK in scene {scene_id} ({first['path']}:{first['line']}): {first['why']}; "
                      f"{len(found)} run(s); replay: {first['replay']}", file=out)
        if results is not None:
            results["random"] = runs
    return failed


def cmd_roles(args) -> int:
    story, code = _load_playable(args)
    if story is None:
        return code
    for role in story.roles.values():
        minutes = f" (~{role.minutes} min)" if role.minutes else ""
        print(f"{role.id:<12} {role.name}: {role.description}{minutes}")
    return EXIT_OK


def cmd_play(args) -> int:
    story, code = _load_playable(args)
    if story is None:
        return code
    if args.role is not None and args.role not in story.roles:
        print(f"petrograd: no role {args.role!r}; roles are: {', '.join(story.roles)}", file=sys.stderr)
        return EXIT_USAGE
    args.settings = {}
    if args.scene or args.set:
        from .authoring.warp import WarpError, parse_settings, role_for
        try:
            args.settings = parse_settings(story, args.set)
            if args.scene:
                args.role = role_for(story, args.scene, args.role)
        except WarpError as exc:
            print(f"petrograd: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.lang:
        from .i18n.catalogue import LANG
        from .i18n.localize import localize_story
        if not LANG.match(args.lang):
            print(f"petrograd: {args.lang!r} is not a language code such as de, ru or pt_BR", file=sys.stderr)
            return EXIT_USAGE
        localized, shown = localize_story(story, _story_path(args), args.lang)
        if not shown["translated"]:
            print(f"petrograd: no {args.lang} translation of this story yet (locale/{args.lang}/story.po); "
                  "its text shows in the source language", file=sys.stderr)
        if args.text:
            story = localized       # the window translates for itself, and can switch language in play
            from .i18n.words import set_language
            set_language(args.lang)      # the front end's own words
    if not args.text:
        return _play_window(story, args)
    return _play_text(story, args)


def _play_window(story, args) -> int:
    try:
        from .frontends.window import run_window
    except ImportError:
        print("petrograd: the window front end is not built yet; play in the terminal with --text", file=sys.stderr)
        return EXIT_USAGE
    from .persistence import SaveStore
    SaveStore.for_story(story.id, Path(args.saves) if args.saves else None).remove_stale_temporaries()
    load = Path(args.load_file) if args.load_file else args.load
    author = _authoring(args)
    if args.set and not args.scene and args.role is None:
        print("petrograd: --set needs --scene or --role, to know where to start", file=sys.stderr)
        return EXIT_USAGE
    return run_window(story, role=args.role, seed=args.seed, saves_dir=args.saves, load=load,
                      language=args.lang, **author)


def _authoring(args) -> dict:
    """play's options for authors, as the front ends take them."""
    warp_to = (args.scene, args.settings) if (args.scene or args.set) else None
    watch = (_story_path(args), args.story_dir or os.path.relpath(_story_path(args))) if args.watch else None
    return {"warp_to": warp_to, "watch": watch, "debug": args.debug}


def _play_text(story, args) -> int:
    from .frontends.text import TextFrontEnd
    from .runtime import Game
    game = Game(story)
    role = args.role
    stdin = sys.stdin if sys.stdin is not None else io.StringIO("")   # a closed stdin is end of input
    if role is None and (args.load or args.load_file):
        role = next(iter(story.roles))   # a placeholder: the save decides the role
    if role is None:
        roles = list(story.roles.values())
        from .i18n.language import untranslated_roles
        from .i18n.words import _
        print(_("Choose a role:"))
        pending = untranslated_roles(_story_path(args), args.lang, story) if args.lang else set()
        for n, r in enumerate(roles, start=1):
            print(f"  {n}. {r.name}: {r.description}" + (_(" (not yet translated)") if r.id in pending else ""))
        while role is None:
            sys.stdout.write("> ")
            sys.stdout.flush()
            line = stdin.readline()
            if line == "":
                print("\n" + _("(end of input)"))
                return EXIT_OK
            line = line.strip()
            if not stdin.isatty():
                print(line)
            if line.startswith(":q"):
                return EXIT_OK
            number = number_in(line, 1, len(roles))
            if number is not None:
                role = roles[number - 1].id
            elif line in story.roles:
                role = line
            else:
                print(_("Type a number from 1 to {count}.").format(count=len(roles)))
    from .frontends.text import long_date
    from .i18n.words import _
    from .persistence import SaveError, SaveStore, autosave_slot
    from .persistence.seen import SeenStore
    store = SaveStore.for_story(story.id, Path(args.saves) if args.saves else None)
    store.remove_stale_temporaries()     # left by kills of earlier runs
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    author = _authoring(args)
    if author["warp_to"]:
        from .authoring.warp import warp
        scene, settings = author["warp_to"]
        player = warp(game, scene or story.roles[role].start, role=role, seed=seed, settings=settings)
    else:
        player = game.new_player(role, seed)
    front = TextFrontEnd(game, player, stdin.readline, sys.stdout, width=max(40, args.width),
                         echo_input=not stdin.isatty())
    if author["warp_to"]:
        front.origin = player.state.copy()

    seen = SeenStore(story, store.directory)
    started = time.monotonic()

    def play_seconds() -> float:
        return time.monotonic() - started

    def autosave(current) -> None:
        # Each role its own autosave, as in the window; the flowchart remembers text-mode play too.
        if front.origin is not None:
            return      # play that began at a warp cannot be replayed from a save: keep the real autosave
        try:
            store.save(current, autosave_slot(current.state.role), play_seconds=play_seconds())
            seen.record(current)
        except SaveError as exc:
            front.say(_("(autosave failed: {error})").format(error=exc))

    def save_cmd(name: str) -> str:
        try:
            path = store.save(front.player, name or "quicksave", play_seconds=play_seconds())
        except SaveError as exc:
            return _("Not saved: {error}").format(error=exc)
        return _("Saved as {name}.").format(name=path.stem)

    def load_cmd(name: str | Path) -> str:
        """A save slot by name; a Path (from --load-file or :load-file) is a file."""
        from .persistence import SaveDiverged
        try:
            loaded = store.load(front.game, name or "quicksave")
        except SaveDiverged as exc:
            loaded = front.game.resume(exc.nearest)
            front.player.close()
            front.player, front.origin = loaded, None
            front.say(_("{error} Loaded that point instead.").format(error=exc))
            return "redraw"
        except SaveError as exc:
            return _("Not loaded: {error}").format(error=exc)
        front.player.close()
        front.player, front.origin = loaded, None
        return "redraw"

    def slot_line(slot) -> str:
        if slot.damaged:
            return _("{name}: damaged ({reason})").format(name=slot.name, reason=slot.damaged)
        role, scene = slot.names_in(front.game.story)
        day, _space, hour = str(slot.meta.get("in_story", "")).partition(" ")
        return _("{name}: {role}, {scene} ({when}), saved {saved}").format(
            name=slot.name, role=role, scene=scene, when=f"{long_date(day)}, {hour}" if hour else long_date(day),
            saved=slot.meta.get("saved_at", "?"))

    def saves_cmd(_unused: str) -> str:
        slots = store.slots()
        return "\n".join("  " + slot_line(s) for s in slots) if slots else _("No saves yet.")

    def load_file_cmd(path: str) -> str:
        return load_cmd(Path(path)) if path else _("Say which file: :load-file PATH")

    front.extra = {"save": save_cmd, "load": load_cmd, "load-file": load_file_cmd, "saves": saves_cmd}
    if args.debug:
        from .frontends.text import debug_commands
        front.extra.update(debug_commands(front))
    if author["watch"]:
        from .frontends.text import watch_input
        watcher = watch_input(front, stdin, *author["watch"])
    else:
        watcher = None
    front.after_choice.append(autosave)
    try:
        seen.record(player)
    except SaveError:
        pass
    if args.load or args.load_file:
        message = load_cmd(Path(args.load_file) if args.load_file else args.load)
        if message != "redraw":
            print(f"petrograd: {message}", file=sys.stderr)
            return EXIT_ERRORS
    try:
        return front.run()
    finally:
        if watcher is not None:
            watcher.stop()


def cmd_replay(args) -> int:
    from .frontends.text import TextFrontEnd
    from .persistence import SaveError, SaveStore
    from .runtime import Game
    if args.file and args.save is not None and args.story_dir is None:
        args.story_dir, args.save = args.save, None     # `replay --file PATH STORY_DIR`
    if (args.file is None) == (args.save is None):
        print("petrograd: give a save slot's name, or --file PATH for a save file", file=sys.stderr)
        return EXIT_USAGE
    story, code = _load_playable(args)
    if story is None:
        return code
    game = Game(story)
    store = SaveStore.for_story(story.id, Path(args.saves) if args.saves else None)
    try:
        # As loading does: the story id is checked and the log replayed by the choices' texts.
        loaded = store.load(game, Path(args.file) if args.file else args.save)
    except SaveError as exc:
        print(f"petrograd: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    saved = loaded.state
    loaded.close()
    # The numbers a player typed: each choice's position among the choices shown at that step.
    walker = game.new_player(saved.role, saved.seed)
    typed = []
    for _, index in saved.log:
        numbers = {c.index: c.number for c in walker.frame().choices}
        typed.append(f"{numbers[index]}\n")
        walker.choose(index)
    walker.close()
    lines = iter(typed)
    front = TextFrontEnd(game, game.new_player(saved.role, saved.seed), lambda: next(lines, ""), sys.stdout,
                         width=max(40, args.width), echo_input=True)
    front.run()
    return EXIT_OK


def cmd_schema(args) -> int:
    """The schema that ships in the package; with --write, a copy in a story folder, so that the
    modeline `$schema=<path to the story folder>/story.schema.json` works wherever the story lives."""
    from importlib.resources import files
    text = files("engine").joinpath("schema/story.schema.json").read_text(encoding="utf-8")
    if not args.write:
        sys.stdout.write(text)
        return EXIT_OK
    folder = Path(args.write)
    if not folder.is_dir():
        print(f"petrograd: no such story folder: {folder}", file=sys.stderr)
        return EXIT_USAGE
    target = folder / "story.schema.json"
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"petrograd: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {target}; make the first line of each story file:")
    print("  # yaml-language-server: $schema=story.schema.json          (story.yaml and other files at the top)")
    print("  # yaml-language-server: $schema=../story.schema.json       (scenes/intro.yaml, codex/people.yaml)")
    print("  # yaml-language-server: $schema=../../story.schema.json    (scenes/lenin/01_start.yaml)")
    return EXIT_OK


def cmd_graph(args) -> int:
    """The graph; of a story with errors, the graph of as much as could be read (and exit 1)."""
    from .checker.export import export_graph
    from .diagnostics import DiagnosticSink
    from .loading import load_story
    from .loading.builder import StoryBuilder
    path = _story_path(args)
    if not path.is_dir():
        print(f"petrograd: no such story folder: {path}", file=sys.stderr)
        return EXIT_USAGE
    display = args.story_dir or os.path.relpath(path)
    story, diagnostics = load_story(path, lint=False, display_root=display)
    status = EXIT_OK
    if story is None:
        _print_diagnostics(d for d in diagnostics if d.severity is Severity.ERROR)
        print("petrograd: the story has errors; the graph shows what could be read", file=sys.stderr)
        story = StoryBuilder(path, DiagnosticSink(), display).build()
        status = EXIT_ERRORS
        if story is None:
            return status
    if args.role and args.role not in story.roles:
        print(f"petrograd: no role {args.role!r}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(export_graph(story, args.role, args.format))
    return status


def _story_of(path: Path) -> Path | None:
    """The story folder a transcript belongs to: the nearest folder above it with a story.yaml."""
    for folder in path.resolve().parents:
        if (folder / "story.yaml").is_file():
            return folder
    return None


def cmd_test(args) -> int:
    from .loading.cache import load_story_cached
    from .runtime import Game
    from .transcripts import (TranscriptError, default_transcripts, read_transcript, report_lines, result_json,
                              run_transcript, write_blessed)
    paths = [Path(p) for p in args.paths]
    if paths and paths[0].is_dir():
        story_dir, files = paths[0], paths[1:]
    else:
        story_dir, files = (_story_of(paths[0]) if paths else None) or bundled_story(), paths
    if not (story_dir / "story.yaml").is_file():
        print(f"petrograd: no story in {story_dir} (no story.yaml)", file=sys.stderr)
        return EXIT_USAGE
    files = files or default_transcripts(story_dir)
    if not files:
        print(f"petrograd: no transcripts: give files, or put them in {story_dir / 'tests'}/", file=sys.stderr)
        return EXIT_USAGE
    story, diagnostics = load_story_cached(story_dir, display_root=str(story_dir))
    if story is None:
        _print_diagnostics(diagnostics)
        print("petrograd: the story has errors; run `petrograd check` for details", file=sys.stderr)
        return EXIT_USAGE
    game = Game(story)
    results, problems = [], []
    for path in files:
        try:
            result = run_transcript(game, read_transcript(path, os.path.relpath(path)))
        except (TranscriptError, OSError) as exc:
            problems.append(str(exc))
            continue
        if args.update and result.finished:
            write_blessed(result)
            result = run_transcript(game, read_transcript(path, os.path.relpath(path)))
        results.append(result)
    failed = [r for r in results if not r.passed]
    if args.json:
        print(json.dumps({"story": str(story_dir), "passed": len(results) - len(failed), "failed": len(failed),
                          "errors": problems, "results": [result_json(r) for r in results]},
                         ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(f"{'ok  ' if r.passed else 'FAIL'} {r.transcript.display} ({r.transcript.role}, "
                  f"{len(r.transcript.steps)} steps){' (updated)' if args.update and r.finished else ''}")
            for line in report_lines(r):
                print(line)
        for problem in problems:
            print(f"petrograd: {problem}", file=sys.stderr)
        print(f"{len(results) - len(failed)} passed, {len(failed)} failed"
              + (f", {len(problems)} could not run" if problems else ""))
    if problems:
        return EXIT_USAGE
    return EXIT_ERRORS if failed else EXIT_OK
