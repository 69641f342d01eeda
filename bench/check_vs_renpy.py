#!/usr/bin/env python3
"""`petrograd check` beside Ren'Py's `lint`, in one run, on the same synthetic stories (run by hand).

    apt-get install -y renpy                      # Debian's Ren'Py 8.0.3 (see the Ren'Py peer's README)
    .venv/bin/python bench/check_vs_renpy.py      # sizes 100 1,000 10,000, 5 rounds
    .venv/bin/python bench/check_vs_renpy.py --sizes 1000 --rounds 3

The Ren'Py peer (/work/shared/bench/peers/renpy: tools/renpy311.py, json_to_rpy.py, renpy_game/) is
copied once into bench/.renpy-peer (git-ignored), with its private Ren'Py copy renpy-base/ for
upstream's .rpyc writing, exactly as its run_renpy.sh makes them; the games are made from the same
story_N.json (gen_story.py N, seed 1) that bench/stories/story_N/ was converted from.

Four commands per size and round, one after another in this order, each a fresh process timed from
fork to exit (wall, `time.perf_counter`) with its CPU time (user + system, from the children's
rusage):

  petrograd cold   `petrograd check STORY` with the story's compiled cache deleted first (parse
                   every YAML file, validate, lint, write the cache)
  petrograd cache  `petrograd check STORY` with the cache there: no YAML parsed, the lint over the
                   whole story runs
  renpy cold       `renpy GAME lint` as Debian ships it (never writes .rpyc: parses every .rpy)
  renpy rpyc       `renpy GAME lint` with upstream's .rpyc writing put back, the .rpyc present
                   (written by an untimed lint first): what the Ren'Py peer's table calls `lint`

Medians and ranges go to bench/results/check_vs_renpy.md and check_vs_renpy.txt (every run).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER_SRC = Path("/work/shared/bench/peers/renpy")
PEER = HERE / ".renpy-peer"
RESULTS = HERE / "results"
PETROGRAD = [sys.executable, "-m", "engine", "check"]


def setup_peer() -> None:
    PEER.mkdir(exist_ok=True)
    for name in ("tools", "renpy_game"):
        if not (PEER / name).exists():
            shutil.copytree(PEER_SRC / name, PEER / name)
    if not (PEER / "json_to_rpy.py").exists():
        shutil.copy(PEER_SRC / "json_to_rpy.py", PEER / "json_to_rpy.py")
    base = PEER / "renpy-base"
    if not (base / "renpy.py").is_file():
        subprocess.run(["cp", "-R", "-L", "--preserve=mode,timestamps", "/usr/share/games/renpy", str(base)], check=True)
        text = (base / "renpy.py").read_text()
        old = '    renpy_base = "/usr/share/games/renpy"\n'
        assert old in text, "renpy.py changed: see run_renpy.sh"
        (base / "renpy.py").write_text(text.replace(old, "    renpy_base = os.path.dirname(os.path.realpath(__file__))\n"))
    (PEER / "run" / "home").mkdir(parents=True, exist_ok=True)


def renpy_env(rpyc: bool) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "RENPY_PEER_BASE", "RENPY_PEER_WRITE_RPYC")}
    env.update(HOME=str(PEER / "run" / "home"), RENPY_DISABLE_BACKUPS="I take responsibility for this.",
               SDL_AUDIODRIVER="dummy", PATH=f"{PEER / 'tools' / 'shim'}:{env.get('PATH', '')}")
    if rpyc:
        env.update(RENPY_PEER_BASE=str(PEER / "renpy-base"), RENPY_PEER_WRITE_RPYC="1")
    return env


def story_json(n: int) -> Path:
    for folder in (PEER_SRC.parent / "stories", HERE / "stories" / "json"):
        if (folder / f"story_{n}.json").is_file():
            return folder / f"story_{n}.json"
    out = HERE / "stories" / "json"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(PEER_SRC.parent / "gen_story.py"), str(n), "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out / f"story_{n}.json"


def games(n: int) -> tuple[Path, Path]:
    """(game for Debian's lint, game for the .rpyc lint): two copies, so neither sees the other's files."""
    made = []
    for kind in ("debian", "rpyc"):
        game = PEER / "games" / f"g{n}_{kind}"
        if not (game / "game" / "options.rpy").is_file():
            subprocess.run([sys.executable, str(PEER / "json_to_rpy.py"), str(story_json(n)), str(game)], check=True,
                           stdout=subprocess.DEVNULL)
        made.append(game)
    return made[0], made[1]


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall s, CPU s, exit status) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return wall, cpu, done.returncode


def renpy_lint(game: Path, rpyc: bool):
    return timed(["/usr/bin/python3", str(PEER / "tools" / "renpy311.py"), str(game), "lint"], renpy_env(rpyc), PEER)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if not Path("/usr/share/games/renpy").is_dir():
        raise SystemExit("Ren'Py missing: apt-get install -y renpy")
    setup_peer()
    RESULTS.mkdir(exist_ok=True)
    stories = {n: HERE / "stories" / f"story_{n}" for n in args.sizes}
    for n, folder in stories.items():
        if not (folder / "story.yaml").is_file():
            raise SystemExit(f"{folder} is missing: bench/run_bench.py makes it")
    prepared = {n: games(n) for n in args.sizes}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for n in args.sizes:            # untimed: .pyc of both engines, the .rpyc, our cache
        timed(PETROGRAD + [str(stories[n])], env, ROOT)
        renpy_lint(prepared[n][0], False)
        renpy_lint(prepared[n][1], True)
    runs: dict[tuple[int, str], list[tuple[float, float]]] = {}
    log = []
    for r in range(args.rounds):
        for n in args.sizes:
            load = os.getloadavg()[0]
            shutil.rmtree(stories[n] / ".petrograd-cache", ignore_errors=True)
            for name, run in (("petrograd cold", lambda: timed(PETROGRAD + [str(stories[n])], env, ROOT)),
                              ("petrograd cache", lambda: timed(PETROGRAD + [str(stories[n])], env, ROOT)),
                              ("renpy cold", lambda: renpy_lint(prepared[n][0], False)),
                              ("renpy rpyc", lambda: renpy_lint(prepared[n][1], True))):
                wall, cpu, _ = run()
                runs.setdefault((n, name), []).append((wall, cpu))
                log.append(f"round={r + 1} n={n} what={name.replace(' ', '_')} wall_s={wall:.3f} cpu_s={cpu:.3f} "
                           f"load1={load:.2f}")
                print(log[-1], flush=True)
    (RESULTS / "check_vs_renpy.txt").write_text("\n".join(log) + "\n")

    def med(n, name, i):
        values = [run[i] for run in runs[(n, name)]]
        return statistics.median(values), min(values), max(values)

    table = ["| scenes | measure | petrograd check, cold | petrograd check, cache | Ren'Py lint, cold (Debian, no .rpyc) "
             "| Ren'Py lint, .rpyc | cache vs .rpyc | cold vs cold |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for n in args.sizes:
        for i, what in ((0, "wall s"), (1, "CPU s")):
            cells = [med(n, name, i) for name in ("petrograd cold", "petrograd cache", "renpy cold", "renpy rpyc")]
            text = [f"{m:.3f} ({lo:.3f}–{hi:.3f})" for m, lo, hi in cells]
            table.append(f"| {n:,} | {what} | " + " | ".join(text) +
                         f" | {cells[3][0] / cells[1][0]:.2f}× | {cells[2][0] / cells[0][0]:.2f}× |")
    table.append("")
    table.append(f"Median (min–max) of {args.rounds} rounds; in each round the four commands ran one after another, "
                 f"size by size. Load average (1 min) during the run: "
                 f"{min(float(l.split('load1=')[1]) for l in log):.2f}–{max(float(l.split('load1=')[1]) for l in log):.2f}.")
    (RESULTS / "check_vs_renpy.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))


if __name__ == "__main__":
    main()
