"""How long `play --watch` takes from saving a story file to the edit being on screen.

    .venv/bin/python bench/watch_reload.py [--edits 20] [--front window|text] [--story story/] [--no-memo]

A copy of the story (and its assets) goes to a temporary folder; a player plays a role for some
choices (the first choice each time, seeded), so a reload has a real choice log to replay. Then, 20
times: the text of the scene the player is in is edited in its file (a marker put before its first
words) and written; the clock runs from just before the write until the marker is on screen:

  window  the real App, headless (SDL dummy driver), its frame loop as run() does it: take the
          watcher's reload between frames, sleeping 25 ms when idle; stop when a frame is drawn with
          the marker in the scene's text;
  text    the reload taken as play --text --watch takes it (WatchedInput.take): the scene printed
          with the marker.

The watcher is the real one (watchfiles, in its thread). Each edit also reports the watcher's own
load time (heard -> loaded). --no-memo parses every file again on each reload (the cost the memo saves).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import queue
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from engine.authoring import watch as watch_module  # noqa: E402
from engine.loading import load_story_or_raise  # noqa: E402
from engine.persistence import SaveStore  # noqa: E402
from engine.runtime import Game  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--front", choices=("window", "text"), default="window")
    parser.add_argument("--story", default=str(ROOT / "story"))
    parser.add_argument("--role", default="lenin")
    parser.add_argument("--choices", type=int, default=12, help="choices played before editing")
    parser.add_argument("--no-memo", action="store_true", help="parse every file on every reload")
    parser.add_argument("--json", metavar="PATH", help="write every figure here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="watch-bench-"))
    story_dir = work / "story"
    shutil.copytree(args.story, story_dir, ignore=shutil.ignore_patterns(".petrograd-cache"))
    assets = Path(args.story).parent / "assets"
    if assets.is_dir():
        shutil.copytree(assets, work / "assets")
    if args.no_memo:
        class NoMemo(watch_module.ParseMemo):
            def load(self, root, display_root):
                self._trees.clear()
                self._line_ids.clear()
                self.contents = watch_module.ContentMemo()
                return super().load(root, display_root)
        watch_module.ParseMemo = NoMemo

    last: dict = {}
    story = load_story_or_raise(story_dir)
    game = Game(story)
    reloads: queue.Queue = queue.Queue()
    watcher = watch_module.StoryWatcher(story_dir, "story", reloads.put,
                                        memo=watch_module.ParseMemo()).start()
    if not watcher.wait_ready(60):
        print("the watcher did not start", file=sys.stderr)
        return 1

    if args.front == "window":
        import pygame
        from engine.frontends.window import App
        from engine.frontends.window.app import IDLE_POLL_SECONDS
        app = App(game, seed=1, saves=SaveStore(work / "saves"))
        app.settings.text_speed = 0
        app.reloads = reloads
        app.start_role(args.role)
        for _ in range(args.choices):
            frame = app.player.frame()
            if frame.is_ending or not frame.choices:
                break
            app.play.choose(frame.choices[0].index)
        app.show_scene()
        app.step([])
        taken = app.take_reload

        def take_and_keep(reload):
            last["reload"] = reload
            cpu = time.thread_time()
            taken(reload)
            last["take_cpu"] = time.thread_time() - cpu
        app.take_reload = take_and_keep
        player_of = lambda: app.player  # noqa: E731
    else:
        from engine.frontends.text import TextFrontEnd, WatchedInput
        player = game.new_player(args.role, 1)
        for _ in range(args.choices):
            frame = player.frame()
            if frame.is_ending or not frame.choices:
                break
            player.choose(frame.choices[0].index)
        out = io.StringIO()
        front = TextFrontEnd(game, player, lambda: "", out)
        live = WatchedInput(front, reloads)
        player_of = lambda: front.player  # noqa: E731

    scene = player_of().scene
    path = Path(scene.span.path)     # the story was loaded by its absolute path: spans name the file
    original = path.read_text(encoding="utf-8")
    words = " ".join(player_of().frame().paragraphs[0].split()[:3])
    if words not in original:
        print(f"cannot find {words!r} in {path}", file=sys.stderr)
        return 1
    print(f"{args.front}: role {args.role}, {len(player_of().state.log)} choices to replay, "
          f"editing scene {scene.id} in {path.relative_to(work)} ({len(original):,} bytes)")

    totals, loads, heard, cpu, shown = [], [], [], [], []
    try:
        for n in range(1, args.edits + 1):
            marker = f"EDIT{n:02d}"
            edited = original.replace(words, f"{marker} {words}", 1)
            time.sleep(0.3)                     # edits apart, as an author's saves are
            started = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            while True:
                if args.front == "window":
                    got = app.reloads.qsize()
                    app.step([])
                    if marker in " ".join(app.player.frame().paragraphs) and app.screen == "scene":
                        break
                    if not got:
                        time.sleep(IDLE_POLL_SECONDS)
                else:
                    last["reload"] = reloads.get(timeout=30)
                    live.take(last["reload"])
                    if marker in out.getvalue().rpartition("(reloaded")[2]:
                        break
                if time.perf_counter() - started > 30:
                    print(f"edit {n}: not seen in 30 s", file=sys.stderr)
                    return 1
            total = time.perf_counter() - started
            totals.append(total)
            reload = last["reload"]
            loads.append(reload.loaded_at - reload.heard_at)
            heard.append(reload.heard_at - started)
            cpu.append(reload.cpu_seconds)
            shown.append(started + total - reload.loaded_at)
            taking = f" (taking it {1000 * last['take_cpu']:.1f} ms of processor time)" if "take_cpu" in last else ""
            print(f"edit {n:2d}: {1000 * total:6.1f} ms on {'screen' if args.front == 'window' else 'the terminal'}"
                  f" (heard after {1000 * heard[-1]:.1f} ms, loaded in {1000 * loads[-1]:.1f} ms, "
                  f"{1000 * reload.cpu_seconds:.1f} ms of processor time, {len(reload.parsed)} file(s) parsed, {len(reload.built)} built; "
                  f"shown {1000 * shown[-1]:.1f} ms after the load{taking})")
    finally:
        watcher.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"median {1000 * statistics.median(totals):.1f} ms, worst {1000 * max(totals):.1f} ms "
          f"over {len(totals)} edits; heard after a median {1000 * statistics.median(heard):.1f} ms, "
          f"load median {1000 * statistics.median(loads):.1f} ms ({1000 * statistics.median(cpu):.1f} ms of processor "
          f"time), shown a median {1000 * statistics.median(shown):.1f} ms after the load; "
          f"the machine's load average {os.getloadavg()[0]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"front": args.front, "memo": not args.no_memo, "edits_ms": [
            round(1000 * t, 1) for t in totals], "heard_ms": [round(1000 * t, 1) for t in heard],
            "loads_ms": [round(1000 * t, 1) for t in loads], "load_cpu_ms": [round(1000 * t, 1) for t in cpu],
            "shown_after_load_ms": [round(1000 * t, 1) for t in shown],
            "load_average": os.getloadavg()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
