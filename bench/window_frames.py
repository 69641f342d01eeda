"""Window frame times while the typewriter reveals text, and CPU use while the window sits idle.

    python bench/window_frames.py [STORY_DIR] [--role ID] [--size 1280x720,1920x1080] [--frames 300]
    python bench/window_frames.py STORY_DIR --startup-only [--cached] [--launched-at T]

--startup-only stops after the first frame is on screen and prints `first_frame_s=`: the time from
--launched-at (a time.time() the caller took just before starting this process, so that the
interpreter's start-up and every import count) to the end of the first display flip; without
--launched-at, from the first line of this script. --cached loads through the compiled cache (as
`petrograd play` does), else from YAML (load_story).

Each size given is measured in turn (the target: p99 under 8 ms at both 1280x720 and 1920x1080).
Run it on a real display (e.g. Xvfb :99 with DISPLAY=:99) or with SDL_VIDEODRIVER=dummy. Each
frame time is draw() plus display.flip(), measured with perf_counter; idle CPU is the process
CPU time over 5 s of App.run() with no input, divided by the wall time.
"""
from __future__ import annotations

import time

_SCRIPT_STARTED = time.time()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from engine import Game, load_story_or_raise  # noqa: E402
from engine.frontends.window import App  # noqa: E402
from engine.persistence import SaveStore  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def reveal_frames(app, count: int, cpu: list[float] | None = None) -> list[float]:
    """Frame times (ms) of the typewriter: draw() plus the display update, as App.run() does them.
    `cpu` receives each frame's CPU time of this thread (ms): on a busy machine the wall time is
    mostly waiting for a core, the CPU time is the frame's own work."""
    reveal = []
    scene = app.find("scene")
    app.draw()
    for _ in range(count):
        if not app.animating():           # start the page again so every frame is a reveal frame
            scene.reveal_start = time.monotonic()
            scene.revealed_all = False
            scene.reveal_cursor = None
        t0, c0 = time.perf_counter(), time.thread_time()
        app.draw()
        if scene.reveal_rect is not None:
            pygame.display.update(scene.reveal_rect)
        else:
            pygame.display.flip()
        reveal.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.thread_time() - c0) * 1000)
        time.sleep(1 / 120)
    return reveal


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("story", nargs="?", default=str(ROOT / "story"))
    parser.add_argument("--role", default=None)
    parser.add_argument("--size", default="1280x720,1920x1080")
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--cached", action="store_true")
    parser.add_argument("--launched-at", type=float, default=None)
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in one.split("x")) for one in args.size.split(",")]
    size = sizes[0]
    import tempfile
    saves = SaveStore(Path(tempfile.mkdtemp(prefix="petrograd-bench-")))
    started = time.perf_counter()
    if args.cached:
        from engine.loading.cache import load_story_cached
        report: dict = {}
        story, _ = load_story_cached(args.story, report=report)
        if story is None:
            raise SystemExit("the story has errors")
        how = f"cache {report.get('cache')}"
    else:
        story = load_story_or_raise(args.story)
        how = "yaml"
    game = Game(story)
    app = App(game, seed=1, size=size, saves=saves)
    role = args.role or next(iter(story.roles))
    app.settings.text_speed = 60
    app.settings.reduced_motion = False
    app.start_role(role)
    app.draw()
    pygame.display.flip()
    first_frame = time.perf_counter() - started
    if args.startup_only:
        since = args.launched_at if args.launched_at is not None else _SCRIPT_STARTED
        print(f"first_frame_s={time.time() - since:.6f} in_process_s={first_frame:.6f} load={how.replace(' ', '_')} "
              f"scenes={len(story.scenes)} driver={pygame.display.get_driver()}")
        return 0

    for other in sizes:
        if other != size:
            app.surface = pygame.display.set_mode(other, pygame.RESIZABLE)
            app.changed()
        cpu: list[float] = []
        frames = reveal_frames(app, args.frames, cpu)
        print(f"reveal frames at {other[0]}x{other[1]}: n={len(frames)} median={statistics.median(frames):.2f} ms "
              f"p99={percentile(frames, 99):.2f} ms max={max(frames):.2f} ms; CPU median="
              f"{statistics.median(cpu):.2f} ms p99={percentile(cpu, 99):.2f} ms")

    # Idle: the real loop with no input; CPU is sampled from 1 s to 4 s, then a timer posts QUIT.
    app.find("scene").revealed_all = True
    app.dirty = True
    samples = {}

    def sample(name):
        samples[name] = (time.process_time(), time.perf_counter(), app.frames_drawn)
    threading.Timer(1.0, sample, ("start",)).start()
    threading.Timer(4.0, sample, ("end",)).start()
    threading.Timer(4.2, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT))).start()
    driver = pygame.display.get_driver()
    app.run()
    cpu = samples["end"][0] - samples["start"][0]
    wall = samples["end"][1] - samples["start"][1]
    frames0 = samples["start"][2]
    app.frames_drawn = samples["end"][2]
    print(f"story={Path(args.story).name} role={role} size={size[0]}x{size[1]} driver={driver}")
    print(f"start-up to first frame: {first_frame * 1000:.0f} ms (load, machine, window, first draw)")
    print(f"idle: {app.frames_drawn - frames0} frames drawn in {wall:.1f} s; CPU {cpu * 1000:.0f} ms = {100 * cpu / wall:.2f}% of one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
