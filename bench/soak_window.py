"""Soak the real game window: random keys and clicks for a set time, sampling the game's memory.

    python bench/soak_window.py [--minutes 30] [--display :99] [--seed 1] [--out FILE.json]
                                [--source DIR] [--story DIR] [--hostile-saves]

Needs Debian's xvfb and xdotool (apt-get install -y xvfb xdotool x11-apps imagemagick). Starts Xvfb
on --display unless an X server already answers there, starts `python -m engine play` from
--source (default: this repository; pass a copy, e.g. from `git archive`, to keep edits made
during the run out of it), and drives it only from outside with xdotool: the window is found by
the game's process id, never by its title. Each step is a random key (the game's own keys and a
few others) or a click, a mouse-wheel turn or a drag at a random point of the window.

Every second the game's resident memory (VmRSS) is sampled; growth is judged on medians over the
run's second half, leaving out each game's first minute (see summarise()). The game's stderr is kept; a
traceback in it, or an exit that is not status 0, is a crash. Random input reaches "Quit" now and
then: a clean exit (status 0, no traceback) is counted and the game started again. At the end
the game must exit on SIGTERM within 10 s, else it is counted as frozen.
--hostile-saves puts a FIFO and symlinks to /dev/zero and /dev/urandom among the saves, which
the Load screen must list without blocking.

The summary (crashes, clean exits, tracebacks, RSS over the run and over its second half) is
printed and written, with every sample, to --out. Not a test: run by hand, it takes --minutes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The game's keys (xdotool keysym names) and some it does not use, so unknown keys are exercised too.
KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Return", "KP_Enter", "space", "Escape",
        "Up", "Down", "Left", "Right", "Tab", "Prior", "Next", "BackSpace", "Home", "End",
        "n", "c", "f", "m", "h", "r", "b", "t", "p", "q", "x", "F5", "F9", "F11", "Delete", "a", "z"]
# Weights: mostly keys that move play on, so the run goes deep into the story rather than around menus.
KEY_WEIGHTS = [6, 5, 3, 2, 1, 1, 1, 1, 1, 6, 1, 6, 2, 3, 3, 2, 3, 1, 1, 1, 2, 1, 1,
               1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]


def x_answers(display: str) -> bool:
    return subprocess.run(["xdotool", "getmouselocation"], env={**os.environ, "DISPLAY": display},
                          capture_output=True, timeout=10).returncode == 0


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def xdotool(env: dict, *args: str, timeout: float = 10.0) -> subprocess.CompletedProcess:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout)


def find_window(env: dict, pid: int, deadline: float) -> str | None:
    """The game's visible window, found by its process id (SDL sets _NET_WM_PID)."""
    while time.monotonic() < deadline:
        found = xdotool(env, "search", "--onlyvisible", "--pid", str(pid)).stdout.split()
        if found:
            return found[-1]
        time.sleep(0.3)
    return None


def window_size(env: dict, window: str) -> tuple[int, int]:
    out = xdotool(env, "getwindowgeometry", "--shell", window).stdout
    values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return int(values.get("WIDTH", 1280)), int(values.get("HEIGHT", 720))


class Game:
    """One run of the game process, its stderr kept in a file."""

    def __init__(self, args, env: dict, logs: Path, number: int):
        self.stderr_path = logs / f"game{number:03d}.stderr"
        self.stderr = self.stderr_path.open("wb")
        command = [sys.executable, "-m", "engine", "play", "--seed", str(args.seed + number)]
        if args.story:
            command.append(str(args.story))
        self.process = subprocess.Popen(command, cwd=args.source, env=env, stdout=subprocess.DEVNULL,
                                        stderr=self.stderr, start_new_session=True)
        self.started = time.monotonic()
        self.window: str | None = None

    def stderr_text(self) -> str:
        self.stderr.flush()
        return self.stderr_path.read_text(errors="replace")

    def stop(self) -> str:
        """SIGTERM, then wait: 'exited' or 'frozen' (had to be killed)."""
        if self.process.poll() is not None:
            return "exited"
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
            return "exited"
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return "frozen"


def random_action(rng: random.Random, env: dict, window: str, size: tuple[int, int]) -> str:
    w, h = size
    roll = rng.random()
    if roll < 0.70:
        key = rng.choices(KEYS, KEY_WEIGHTS)[0]
        xdotool(env, "key", "--clearmodifiers", key)
        return f"key {key}"
    x, y = rng.randrange(w), rng.randrange(h)
    if roll < 0.90:
        xdotool(env, "mousemove", "--window", window, str(x), str(y), "click", "1")
        return f"click {x},{y}"
    if roll < 0.97:
        button = rng.choice(("4", "5"))
        xdotool(env, "mousemove", "--window", window, str(x), str(y), "click", "--repeat",
                str(rng.randint(1, 5)), button)
        return f"wheel {button} {x},{y}"
    x2, y2 = rng.randrange(w), rng.randrange(h)
    xdotool(env, "mousemove", "--window", window, str(x), str(y), "mousedown", "1",
            "mousemove", "--window", window, str(x2), str(y2), "mouseup", "1")
    return f"drag {x},{y}->{x2},{y2}"


WARM_UP_S = 60.0      # a game's first minute loads the story, fonts and pictures: not growth


def summarise(samples: list[tuple[float, int, int]], duration: float, started: dict[int, float]) -> dict:
    """RSS over the run, and its growth over the run's second half: for each game process alive
    then (past its first minute), the median RSS of the later half of its samples in that window
    against the median of the earlier half. Medians, because RSS swings by tens of MiB as screens
    load and drop pictures; a leak moves the median."""
    if not samples:
        return {}
    half = duration / 2
    by_pid: dict[int, list[tuple[float, int]]] = {}
    for t, pid, rss in samples:
        if t >= half and t >= started.get(pid, 0.0) + WARM_UP_S:
            by_pid.setdefault(pid, []).append((t, rss))
    growth = {}
    for pid, rows in by_pid.items():
        if len(rows) < 20:
            continue
        early, late = rows[:len(rows) // 2], rows[len(rows) // 2:]
        first, last = statistics.median(r for _, r in early), statistics.median(r for _, r in late)
        growth[pid] = {"from_s": round(rows[0][0], 1), "to_s": round(rows[-1][0], 1), "samples": len(rows),
                       "median_earlier_mib": round(first / 1024, 1), "median_later_mib": round(last / 1024, 1),
                       "max_mib": round(max(r for _, r in rows) / 1024, 1),
                       "growth_percent": round(100 * (last - first) / first, 1)}
    return {"rss_min_mib": round(min(s[2] for s in samples) / 1024, 1),
            "rss_max_mib": round(max(s[2] for s in samples) / 1024, 1),
            "second_half_by_process": growth}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--display", default=":99")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=8.0, help="input actions a second (about)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the engine's source folder to run")
    parser.add_argument("--story", type=Path, default=None, help="story folder (default: the bundled one)")
    parser.add_argument("--out", type=Path, default=None, help="JSON results (default: a temporary file)")
    parser.add_argument("--hostile-saves", action="store_true",
                        help="a FIFO and /dev/zero and /dev/urandom symlinks among the saves")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            print(f"needs {tool}: apt-get install -y xvfb xdotool x11-apps imagemagick", file=sys.stderr)
            return 2
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="petrograd-soak-"))
    saves = work / "saves"
    saves.mkdir()
    if args.hostile_saves:
        slots = saves / "petrograd-1917"
        slots.mkdir()
        os.mkfifo(slots / "fifo.json")
        os.symlink("/dev/zero", slots / "zero.json")
        os.symlink("/dev/urandom", slots / "random.json")
        os.symlink("/dev/zero", saves / "settings.json")
    out = args.out or work / "soak.json"
    env = {**os.environ, "DISPLAY": args.display, "SDL_AUDIODRIVER": "dummy", "PETROGRAD_SAVES": str(saves)}
    env.pop("SDL_VIDEODRIVER", None)
    xvfb = None
    if not x_answers(args.display):
        xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            time.sleep(0.2)
            if x_answers(args.display):
                break
        else:
            print(f"Xvfb did not start on {args.display}", file=sys.stderr)
            return 2

    duration = args.minutes * 60
    start = time.monotonic()
    samples: list[tuple[float, int, int]] = []
    events: list[dict] = []
    games: list[Game] = []
    actions = 0
    last_sample = 0.0

    def finish(game: Game, how: str) -> None:
        text = game.stderr_text()
        code = game.process.returncode
        crashed = how == "frozen" or "Traceback" in text or (how == "exited-by-itself" and code != 0)
        events.append({"t": round(time.monotonic() - start, 1), "pid": game.process.pid, "how": how,
                       "returncode": code, "crash": crashed, "lived_s": round(time.monotonic() - game.started, 1),
                       "stderr_tail": text[-3000:] if crashed or "Traceback" in text else ""})

    try:
        while time.monotonic() - start < duration:
            game = Game(args, env, work, len(games))
            games.append(game)
            game.window = find_window(env, game.process.pid, time.monotonic() + 60)
            if game.window is None:
                how = game.stop()
                finish(game, "no-window" if how == "exited" else how)
                events[-1]["crash"] = True
                continue
            size = window_size(env, game.window)
            xdotool(env, "mousemove", "--window", game.window, "10", "10")
            xdotool(env, "windowfocus", game.window)
            while time.monotonic() - start < duration and game.process.poll() is None:
                now = time.monotonic() - start
                if now - last_sample >= 1.0:
                    rss = rss_kib(game.process.pid)
                    if rss is not None:
                        samples.append((round(now, 2), game.process.pid, rss))
                    last_sample = now
                try:
                    random_action(rng, env, game.window, size)
                    actions += 1
                except subprocess.TimeoutExpired:
                    events.append({"t": round(now, 1), "pid": game.process.pid, "how": "xdotool-timeout"})
                time.sleep(rng.uniform(0.0, 2.0 / args.rate))
            if game.process.poll() is not None:
                finish(game, "exited-by-itself")
        if games and games[-1].process.returncode is None:
            finish(games[-1], games[-1].stop())
    finally:
        for game in games:
            if game.process.poll() is None:
                game.process.kill()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()

    elapsed = time.monotonic() - start
    crashes = [e for e in events if e.get("crash")]
    summary = {
        "minutes": round(elapsed / 60, 1), "actions": actions, "game_processes": len(games),
        "crashes": len(crashes), "frozen_on_sigterm": sum(e.get("how") == "frozen" for e in events),
        "clean_exits_by_random_input": sum(e.get("how") == "exited-by-itself" and not e.get("crash") for e in events),
        "tracebacks": sum("Traceback" in g.stderr_text() for g in games),
        "hostile_saves": args.hostile_saves,
        **summarise(samples, elapsed, {g.process.pid: g.started - start for g in games}),
    }
    out.write_text(json.dumps({"summary": summary, "events": events, "samples": samples}, indent=1))
    print(json.dumps(summary, indent=1))
    print(f"samples, events and stderr logs: {out}, {work}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
