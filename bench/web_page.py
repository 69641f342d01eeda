"""The student page's weight and first paint in headless Chromium, against the real session server.

    .venv/bin/python bench/web_page.py [--runs 5] [--out bench/results/web_page.json]

Starts `petrograd session host` on 127.0.0.1 (port 0) with a new session in a temporary folder, then, in a
fresh Chromium with an empty profile for every run (a cold cache, as a student's first visit):
  - the join page: bytes transferred before any picture (the HTML, CSS and scripts, from the Resource
    Timing and Navigation Timing entries' encodedBodySize), and first paint / first contentful paint
    (the Paint Timing entries), measured from the start of navigation;
  - a scene after joining (the session started): the same weight before the picture, the picture's own
    bytes at the device's width, and the first contentful paint of a reload straight onto the scene.
Viewport 360x740 (a phone) and 1366x768 (a Chromebook). Target: under 300 KB before the picture.
Needs Debian's chromium and chromium-driver. It is a benchmark (run by hand), not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import Console, LiveServer, chromium, fit_viewport  # noqa: E402

MEASURE = """
const nav = performance.getEntriesByType('navigation')[0];
const paints = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
const resources = performance.getEntriesByType('resource').map(r => ({name: r.name, bytes: r.encodedBodySize,
  transfer: r.transferSize, type: r.initiatorType}));
return {document: nav ? nav.encodedBodySize : 0, transfer: nav ? nav.transferSize : 0,
        dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null,
        fp: paints['first-paint'] ?? null, fcp: paints['first-contentful-paint'] ?? null, resources};
"""
SIZES = {"phone": (360, 740), "chromebook": (1366, 768)}


LARGEST = """
const done = arguments[arguments.length - 1];
let last = null;
new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
setTimeout(() => done(last), 300);
"""


def measure(driver) -> dict:
    for _ in range(50):       # paint entries appear a frame after the load
        data = driver.execute_script(MEASURE)
        if data["fcp"] is not None and data["load"]:
            break
        time.sleep(0.05)
    pictures = [r for r in data["resources"] if "/img/" in r["name"]]
    others = [r for r in data["resources"] if "/img/" not in r["name"]]
    return {"before_picture_bytes": data["document"] + sum(r["bytes"] for r in others),
            "picture_bytes": sum(r["bytes"] for r in pictures), "files": 1 + len(others),
            "first_paint_ms": data["fp"], "first_contentful_paint_ms": data["fcp"],
            "dom_content_loaded_ms": data["dcl"], "largest_contentful_paint_ms": driver.execute_async_script(LARGEST)}


def join(server, name: str) -> str:
    request = urllib.request.Request(server.url + "/api/join", data=json.dumps({"code": server.code, "name": name}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["token"]


def run(runs: int) -> dict:
    results: dict[str, dict[str, list]] = {}
    with tempfile.TemporaryDirectory() as saves:
        server = LiveServer(Path(saves), name="bench", students=6, seed=1).start()
        try:
            tokens = [join(server, f"Bench{i}") for i in range(6)]
            console = Console(server)
            console.do("start")
            scene_token = tokens[0]      # replaced below by a token whose group is on a scene
            for size, (width, height) in SIZES.items():
                for _ in range(runs):
                    driver = chromium(width, height)
                    try:
                        fit_viewport(driver, width, height)
                        driver.get(server.url + "/")
                        join_page = measure(driver)
                        # a device that joined: the token in localStorage, then the page opened on its scene
                        for token in [scene_token, *tokens]:
                            driver.execute_script("localStorage.setItem('petrograd.token', arguments[0])", token)
                            driver.get(server.url + "/")
                            for _ in range(100):
                                shown = driver.execute_script(
                                    "const i = document.querySelector('img.picture'); "
                                    "return [document.getElementById('screen').dataset.screen, !!(i && i.complete)]")
                                if shown[0] in ("scene", "waiting", "lobby") and (shown[0] != "scene" or shown[1]):
                                    break
                                time.sleep(0.05)
                            if shown[0] == "scene":
                                scene_token = token
                                break
                        scene_page = measure(driver)
                    finally:
                        driver.quit()
                    for page, data in (("join", join_page), ("scene", scene_page)):
                        for key, value in data.items():
                            results.setdefault(f"{size}/{page}", {}).setdefault(key, []).append(value)
            console.close()
        finally:
            server.kill()
    return results


def summary(results: dict) -> list[str]:
    lines = ["| viewport / page | before the picture (bytes) | picture (bytes) | files | first paint (ms) | "
             "first contentful paint (ms), median (min–max) | largest contentful paint (ms) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for key, data in results.items():
        def med(name):
            values = [v for v in data[name] if v is not None]
            return statistics.median(values) if values else None
        fcp = [v for v in data["first_contentful_paint_ms"] if v is not None]
        lines.append(f"| {key} | {med('before_picture_bytes'):,.0f} | {med('picture_bytes'):,.0f} | {med('files'):.0f} | "
                     f"{med('first_paint_ms'):.0f} | {statistics.median(fcp):.0f} ({min(fcp):.0f}–{max(fcp):.0f}) | "
                     f"{med('largest_contentful_paint_ms') or 0:.0f} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "web_page.json")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = run(args.runs)
    table = summary(results)
    print("\n".join(table))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"started": started, "runs": args.runs, "results": results, "table": table},
                                   indent=1) + "\n", encoding="utf-8")
    worst = max(max(d["before_picture_bytes"]) for d in results.values())
    print(f"heaviest page before its picture: {worst:,} bytes (target under 300 KB): "
          f"{'met' if worst < 300_000 else 'NOT met'}")
    return 0 if worst < 300_000 else 1


if __name__ == "__main__":
    sys.exit(main())
