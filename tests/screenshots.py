"""Run the real game window on a virtual screen, drive it with xdotool, and save screenshots.

    python tests/screenshots.py OUT_DIR [--story DIR] [--role ID] [--size 1280x720]

Needs Debian's xvfb, xdotool and imagemagick (apt-get install -y xvfb xdotool x11-apps imagemagick).
Not part of the automated suite: it is for people to look at the pictures.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--story", default=str(ROOT / "story"))
    parser.add_argument("--role", default=None, help="the role to pick (default: the first)")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--display", default=":97")
    parser.add_argument("--choices", default="1,2,1,1", help="number keys to press in scenes")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            print(f"needs {tool}: apt-get install -y xvfb xdotool x11-apps imagemagick", file=sys.stderr)
            return 2
    args.out.mkdir(parents=True, exist_ok=True)
    xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", f"{args.size}x24", "-nolisten", "tcp"],
                            stderr=subprocess.DEVNULL)
    saves = tempfile.mkdtemp(prefix="petrograd-shots-")
    env = {**os.environ, "DISPLAY": args.display, "SDL_AUDIODRIVER": "dummy", "PETROGRAD_SAVES": saves}
    env.pop("SDL_VIDEODRIVER", None)
    time.sleep(1.0)
    game = subprocess.Popen([sys.executable, "-m", "engine", "play", "--seed", "1", args.story], env=env, cwd=ROOT)
    shots = []

    def key(*names: str, wait: float = 0.6) -> None:
        for name in names:
            subprocess.run(["xdotool", "key", name], env=env, check=False)
            time.sleep(0.15)
        time.sleep(wait)

    def shot(name: str) -> None:
        path = args.out / f"{len(shots):02d}_{name}.png"
        subprocess.run(["import", "-display", args.display, "-window", "root", str(path)], env=env, check=False)
        shots.append(path)

    try:
        time.sleep(3.0)
        shot("title")
        key("Return")
        shot("roles")
        if args.role:
            key("Escape", "Return")  # back to the role list, then find the role by walking the list
        key("Down", wait=0.3)
        shot("roles_second")
        key("Up", "Return", wait=0.8)
        shot("scene_revealing")
        key("space", wait=0.6)
        shot("scene")
        for n, digit in enumerate(args.choices.split(",")):
            key(digit, wait=4.0)
            shot(f"scene_after_{n + 1}")
        key("n")
        shot("note")
        key("Escape", "c")
        shot("codex")
        key("Escape", "Prior")
        shot("backlog")
        key("Escape", "f")
        shot("flowchart")
        key("Escape", "m", wait=2.0)
        shot("map")
        key("Escape", "Escape")
        shot("menu")
        key("Down", "Down", "Down", "Return")
        shot("settings")
        key("Escape", "Escape", "BackSpace", wait=1.0)
        shot("stepped_back")
    finally:
        game.terminate()
        try:
            game.wait(5)
        except subprocess.TimeoutExpired:
            game.kill()
        xvfb.terminate()
        shutil.rmtree(saves, ignore_errors=True)
    print("\n".join(str(p) for p in shots))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
