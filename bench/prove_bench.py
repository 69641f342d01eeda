#!/usr/bin/env python3
"""Benchmark of `check --prove` (run by hand; not a test).

    .venv/bin/python bench/prove_bench.py                 # bundled story + synthetic 1,000 and 10,000
    .venv/bin/python bench/prove_bench.py --explore       # also the budgeted exploration, for comparison
    .venv/bin/python bench/prove_bench.py --sizes 1000 --max-seconds 8
    .venv/bin/python bench/prove_bench.py --repeat 5          # medians of 5 fresh processes a story (default 3)

Each story is proven in its own fresh process (`worker` below): the story is loaded through the
compiled cache (bench/.cache, written by an untimed first load), then every role is proven with
engine.checker.prove; the time is the proof alone (all roles), from `prove()`'s call to its return,
witness replays included. Peak memory is the worker's ru_maxrss (interpreter, engine, story, proof).
--explore runs engine.checker.explore.explore_role on the same story, role by role, with
`check --explore`'s default budget (50,000 states or 20 s a role).

Every figure is the median of --repeat runs, each in a fresh process, with the range beside it;
states, verdicts and the undecided counts are those of the median run (a run bounded by its time
budget gets further on a quiet machine).

Synthetic stories are bench/stories/story_N (bench/run_bench.py makes them from the peers
harness's gen_story.py). Results: bench/results/prove_summary.txt and prove_table.md.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
CACHE = HERE / ".cache"


def worker(story_dir: str, max_seconds: float, explore: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    from engine.checker.explore import explore_role
    from engine.checker.prove import prove
    from engine.loading import load_story_cached
    from engine.runtime import Game
    story, _ = load_story_cached(story_dir, cache_dir=str(CACHE))
    game = Game(story)
    roles = list(story.roles)
    started, cpu = time.perf_counter(), time.process_time()
    proofs = prove(game, roles, max_seconds=max_seconds)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    out = {"story": story_dir, "seconds": seconds, "cpu_seconds": cpu, "roles": []}
    for p in proofs:
        out["roles"].append({"role": p.role, "seconds": p.seconds, "states": p.states, "search": p.search,
                             "verdicts": {v.property: v.status for v in p.verdicts},
                             "findings": {v.property: len(v.findings) for v in p.verdicts},
                             "undecided": {v.property: v.undecided for v in p.verdicts}})
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if explore:
        out["explore"] = []
        for role in roles:
            r = explore_role(game, role, 50_000, 20.0)
            out["explore"].append({"role": role, "seconds": r.seconds, "states": r.states, "complete": r.complete,
                                   "endings": len(r.endings_seen),
                                   "endings_total": sum(1 for s in story.scenes_of(role) if s.is_ending)})
    return out


def run(story_dir: Path, max_seconds: float, explore: bool, repeat: int) -> dict:
    """The median of `repeat` fresh workers (by the proof's wall time), with every run's figures."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    warm = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[2]); from engine.loading import "
            "load_story_cached; load_story_cached(sys.argv[1], cache_dir=sys.argv[3])", str(story_dir), str(ROOT), str(CACHE)]
    subprocess.run(warm, check=True, env=env)
    runs = []
    for n in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--worker", str(story_dir), "--max-seconds", str(max_seconds)]
                             + (["--explore"] if explore and n == 0 else []),
                             check=True, capture_output=True, text=True, env=env)
        runs.append(json.loads(out.stdout))
    median = sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]
    median = {**median, "explore": runs[0].get("explore", [])}
    median["undecided_per_run"] = [sum(sum(role["undecided"].values()) for role in r["roles"]) for r in runs]
    for key in ("seconds", "cpu_seconds", "peak_rss_mib"):
        values = [r[key] for r in runs]
        median[key] = statistics.median(values)
        median[key + "_range"] = (min(values), max(values))
    return median


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--max-seconds", type=float, default=None,
                    help="time budget a role (default: 60 for the bundled story, 6 for synthetic ones)")
    ap.add_argument("--explore", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="fresh runs a story; figures are their medians")
    ap.add_argument("--worker", metavar="STORY")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.max_seconds, args.explore)))
        return
    stories = [("bundled", ROOT / "story", args.max_seconds or 60.0)]
    stories += [(f"synthetic {n:,}", HERE / "stories" / f"story_{n}", args.max_seconds or 6.0) for n in args.sizes]
    RESULTS.mkdir(exist_ok=True)
    lines, table = [], ["| story | role | proof (s) | states searched | search | verdicts | budgeted exploration |",
                        "|---|---|---:|---:|---|---|---|"]
    for name, folder, budget in stories:
        if not (folder / "story.yaml").is_file():
            print(f"{name}: {folder} is missing (bench/run_bench.py makes it)", file=sys.stderr)
            continue
        r = run(folder, budget, args.explore, args.repeat)
        lo, hi = r["seconds_range"]
        explored = {e["role"]: e for e in r.get("explore", [])}
        for role in r["roles"]:
            verdicts = ", ".join(f"{k}: {v}" + (f" ({role['findings'][k]})" if role["findings"][k] else "")
                                 + (f", {role['undecided'][k]} undecided" if role["undecided"][k] else "")
                                 for k, v in role["verdicts"].items())
            e = explored.get(role["role"])
            ex = (f"{e['states']:,} states in {e['seconds']:.1f} s, {'complete' if e['complete'] else 'budget'}, "
                  f"endings {e['endings']}/{e['endings_total']}") if e else ""
            table.append(f"| {name} | {role['role']} | {role['seconds']:.2f} | {role['states']:,} | {role['search']} "
                         f"| {verdicts} | {ex} |")
            lines.append(f"story={name} role={role['role']} prove_s={role['seconds']:.3f} states={role['states']} "
                         f"search={role['search']} " + " ".join(f"{k.replace(' ', '_')}={v}" for k, v in role["verdicts"].items()))
        lines.append(f"story={name} total_prove_s={r['seconds']:.3f} min_s={lo:.3f} max_s={hi:.3f} "
                     f"cpu_s={r['cpu_seconds']:.3f} peak_rss_mib={r['peak_rss_mib']:.0f} runs={args.repeat} "
                     f"budget_s_a_role={budget} load_average={os.getloadavg()[0]:.1f} "
                     f"undecided_per_run={','.join(map(str, r['undecided_per_run']))}")
        table.append(f"| {name} | **all roles** | **{r['seconds']:.2f}** ({lo:.2f}–{hi:.2f}; CPU {r['cpu_seconds']:.2f}) | | | "
                     f"peak RSS {r['peak_rss_mib']:.0f} MiB; median of {args.repeat} | |")
        print(lines[-1], flush=True)
    (RESULTS / "prove_summary.txt").write_text("\n".join(lines) + "\n")
    (RESULTS / "prove_table.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))


if __name__ == "__main__":
    main()
