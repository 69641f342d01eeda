"""The classroom server under a class: simulated students on 127.0.0.1, then kill -9 and restart.

    .venv/bin/python bench/classroom_bench.py [--students 36] [--seconds 60] [--kills 10] [--out bench/results]

Part 1, load: the real server (`petrograd session host`, a subprocess) and a projector connection; each
simulated student joins by code, reads its views and answers with a random thinking time (0.2-2 s),
and drops its connection now and then (5% of answers) to reconnect with its token. A teacher runs the
assemblies (each speaking group gives a line, every voter votes). Reported: the choice round trip (send
to acknowledgement, which the server sends only after the event log has committed it) at p50 and p99,
the server's resident memory, and errors.

Part 2, crashes: the server is killed with SIGKILL `--kills` times while students answer, and restarted
each time. Every answer acknowledged before a kill must be in the log afterwards (counted from the
SQLite log itself): the number lost is reported and must be 0.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent


def start_server(saves: Path, name: str, students: int, seed: int):
    # Groups decide by a vote inside the group, so every student's device answers every scene: the
    # heaviest load a class can make (with one shared device per group, most devices only read).
    proc = subprocess.Popen([sys.executable, "-m", "engine", "session", "host", name, "--saves", str(saves),
                             "--period", "45", "--periods", "2", "--students", str(students), "--seed", str(seed),
                             "--port", "0", "--no-window", "--decide", "vote"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)
    url = teacher = None
    deadline = time.time() + 120
    while teacher is None and time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server did not start: " + proc.stderr.read())
        if line.startswith("Listening on "):
            url = line.split()[2]
        elif line.startswith("Teacher console: "):
            teacher = line.split("#t=")[1].strip()
    return proc, url, teacher


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def join(url: str, code: str, name: str) -> str:
    req = urllib.request.Request(url + "api/join", data=json.dumps({"code": code, "name": name}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["token"]


class Class:
    def __init__(self, url: str, teacher: str, rng: random.Random):
        self.ws_url = url.replace("http://", "ws://") + "ws"
        self.url = url
        self.teacher = teacher
        self.rng = rng
        self.round_trips: list[float] = []
        self.acked: list[tuple[str, str]] = []      # (token, scene) of acknowledged choices
        self.errors: list[str] = []
        self.refused = 0
        self.reconnects = 0
        self.stop = False

    async def student(self, token: str, think=(0.2, 2.0)) -> None:
        ref = 0
        while not self.stop:
            try:
                async with websockets.connect(self.ws_url, max_size=2 ** 22) as ws:
                    await ws.send(json.dumps({"type": "hello", "token": token}))
                    view = None
                    while not self.stop:
                        try:
                            msg = json.loads(await asyncio.wait_for(ws.recv(), timeout=1.0))
                        except asyncio.TimeoutError:
                            continue
                        if msg["type"] == "bye":
                            return
                        if msg["type"] != "view":
                            continue
                        view = msg["view"]
                        act = self.decide(view)
                        if act is None:
                            continue
                        await asyncio.sleep(self.rng.uniform(*think))
                        if self.rng.random() < 0.05:           # the Wi-Fi drops; come back with the token
                            self.reconnects += 1
                            break
                        ref += 1
                        act["ref"] = ref
                        sent = time.perf_counter()
                        await ws.send(json.dumps(act))
                        while True:
                            reply = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
                            if reply.get("type") in ("ack", "error") and reply.get("ref") == ref:
                                break
                        if reply["type"] == "ack":
                            if act["type"] == "choose":
                                self.round_trips.append(time.perf_counter() - sent)
                                self.acked.append((token, act["scene"]))
                        else:
                            self.refused += 1
            except (OSError, websockets.ConnectionClosed, asyncio.TimeoutError) as exc:
                if self.stop:
                    return
                self.errors.append(type(exc).__name__)
                await asyncio.sleep(0.3)

    def decide(self, view: dict):
        if view.get("screen") == "scene" and view.get("scene", {}).get("choices") and not view["scene"].get("my_vote"):
            scene = view["scene"]
            return {"type": "choose", "scene": scene["id"], "n": self.rng.choice(scene["choices"])["n"]}
        a = view.get("assembly")
        if view.get("screen") == "assembly" and a:
            if a.get("my_turn") and a.get("lines"):
                return {"type": "speak", "line": self.rng.choice(a["lines"])["n"]}
            if a.get("step") == "vote" and a.get("can_vote") and not a.get("my_vote"):
                return {"type": "vote", "motion": a["motion"]["id"],
                        "option": self.rng.choice(a["motion"]["options"][:2])["id"]}
        return None

    async def teacher_loop(self) -> None:
        ref = 1000
        while not self.stop:
            try:
                async with websockets.connect(self.ws_url, max_size=2 ** 22) as ws:
                    await ws.send(json.dumps({"type": "hello", "token": self.teacher}))
                    while not self.stop:
                        try:
                            msg = json.loads(await asyncio.wait_for(ws.recv(), timeout=1.0))
                        except asyncio.TimeoutError:
                            msg = {"type": "tick"}
                        if msg.get("type") != "view":
                            continue
                        v = msg["view"]
                        action = None
                        if v["screen"] == "lobby":
                            action = {"do": "start"}
                        elif v["screen"] == "assembly":
                            a = v["assembly"]
                            unspoken = [p for p in a["participants"] if not p["spoken"]]
                            if a["step"] in ("agenda", "speech") and not a["floor"] and unspoken:
                                action = {"do": "call_speaker", "group": unspoken[0]["group"]}
                            elif a["step"] in ("agenda", "speech") and not a["floor"]:
                                action = {"do": "open_vote"}
                            elif a["step"] == "vote" and a.get("cast", 0) >= a.get("voters", 0):
                                action = {"do": "close_vote"}
                            elif a["step"] == "result":
                                action = {"do": "next"}
                        if action:
                            await asyncio.sleep(0.3)
                            ref += 1
                            await ws.send(json.dumps({"type": "teacher", "ref": ref, **action}))
            except (OSError, websockets.ConnectionClosed):
                if self.stop:
                    return
                await asyncio.sleep(0.3)


async def run_class(url: str, teacher: str, tokens: list[str], seconds: float, rng: random.Random, think) -> Class:
    cls = Class(url, teacher, rng)
    tasks = [asyncio.create_task(cls.teacher_loop())] + [asyncio.create_task(cls.student(t, think)) for t in tokens]
    await asyncio.sleep(seconds)
    cls.stop = True
    await asyncio.gather(*tasks, return_exceptions=True)
    return cls


def teacher_view(url: str, teacher: str) -> dict:
    async def get():
        async with websockets.connect(url.replace("http://", "ws://") + "ws") as ws:
            await ws.send(json.dumps({"type": "hello", "token": teacher}))
            return json.loads(await ws.recv())["view"]
    return asyncio.run(get())


def logged_choices(saves: Path, name: str) -> set[tuple[str, str]]:
    """(student id, scene) of every choice the log holds, read from the SQLite file itself."""
    db = sqlite3.connect(saves / "sessions" / name / "events.sqlite")
    try:
        rows = db.execute("SELECT body FROM events").fetchall()
    finally:
        db.close()
    return {(e["student"], e["scene"]) for e in (json.loads(r[0]) for r in rows) if e.get("t") in ("chose", "ballot")}


def students_by_token(saves: Path, name: str, tokens: list[str]) -> dict[str, str]:
    import hashlib
    db = sqlite3.connect(saves / "sessions" / name / "events.sqlite")
    try:
        rows = db.execute("SELECT body FROM events").fetchall()
    finally:
        db.close()
    by_hash = {e["token"]: e["student"] for e in (json.loads(r[0]) for r in rows) if e.get("t") == "joined"}
    return {t: by_hash[hashlib.sha256(t.encode()).hexdigest()] for t in tokens}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=36)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    saves = Path(tempfile.mkdtemp(prefix="classroom-bench-"))
    result: dict = {"students": args.students, "seconds": args.seconds, "machine_cores": os.cpu_count()}

    # Part 1: load.
    proc, url, teacher = start_server(saves, "load", args.students, args.seed)
    try:
        code = teacher_view(url, teacher)["code"]
        tokens = [join(url, code, f"S{i}") for i in range(args.students)]
        rss_start = rss_mib(proc.pid)
        cls = asyncio.run(run_class(url, teacher, tokens, args.seconds, rng, (0.2, 2.0)))
        rss_end = rss_mib(proc.pid)
        view = teacher_view(url, teacher)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    rt = [x * 1000 for x in cls.round_trips]
    result["load"] = {
        "choices_acknowledged": len(rt), "refused": cls.refused, "reconnects": cls.reconnects,
        "connection_errors": len(cls.errors), "round_trip_ms_p50": round(pct(rt, 0.5), 2),
        "round_trip_ms_p99": round(pct(rt, 0.99), 2), "round_trip_ms_max": round(max(rt), 2) if rt else None,
        "server_rss_mib_start": round(rss_start, 1), "server_rss_mib_end": round(rss_end, 1),
        "stage_at_end": view["screen"], "decisions": {g["group"]: g["decisions"] for g in view["groups"]},
    }

    # Part 2: kill -9 and restart, ten times.
    name = "crash"
    proc, url, teacher = start_server(saves, name, min(args.students, 12), args.seed + 1)
    code = teacher_view(url, teacher)["code"]
    tokens = [join(url, code, f"K{i}") for i in range(min(args.students, 12))]
    acked: list[tuple[str, str]] = []
    kills = []
    for k in range(args.kills):
        cls = asyncio.run(run_class(url, teacher, tokens, rng.uniform(1.5, 4.0), rng, (0.0, 0.2)))
        acked += cls.acked
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills.append(len(cls.acked))
        proc, url, teacher = start_server(saves, name, 12, args.seed + 1)   # resumes the same session
    try:
        ids = students_by_token(saves, name, tokens)
        logged = logged_choices(saves, name)
        lost = [(t, s) for t, s in acked if (ids[t], s) not in logged]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    result["kills"] = {"kills": args.kills, "acknowledged_before_kills": len(acked), "per_kill": kills,
                       "lost": len(lost)}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"classroom-{stamp}.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return 0 if not lost else 1


if __name__ == "__main__":
    sys.exit(main())
