"""Adapter for the ink peers harness (bench/peers, runners/play_py.py): plays Petrograd 1917's engine.

    PYTHONPATH=/work/main/bench PEER_PYTHON=/work/venv/bin/python \
        ./run_peer.sh adapter:Petrograd 1000            # cold: YAML -> ready machine
    PETROGRAD_LOAD=warm ... ./run_peer.sh adapter:Petrograd 1000   # warm: from the compiled cache

The harness passes `stories/story_N.json` (the neutral JSON). The adapter plays the same graph
converted to our YAML format by bench/convert_synthetic.py, in the folder named by PETROGRAD_STORIES
(default: bench/stories next to this file) as `story_N/`. Convert ahead of time (bench/run_bench.py
does); a missing folder is converted here, inside the timed load, with a note on stderr.

Only the engine's public API is used: load_story / Game / Player.frame() / Player.choose() /
Player.close(), and settle_after_load() after the load, as `petrograd play` calls it. Per the harness's rules: after each reset or choice the adapter reads the frame:
its paragraphs are the text lines (each with its "\\n"), its choices (those whose condition holds, in
listed order) are the offered choices; `choose(i)` takes the i-th offered one.

PETROGRAD_LOAD: `cold` (default) loads the YAML with no cache (engine.load_story); `warm` loads
through the compiled cache (engine.loading.cache.load_story_cached), which must already be written
(bench/run_bench.py writes it first). A warm run that misses the cache (none yet, or the engine's
loading code changed since it was written) is a cold load plus a cache write: it reports itself as
`petrograd_warm_MISS` so that it cannot be mistaken for a warm figure. PETROGRAD_CACHE_DIR says
where the caches live (bench/run_bench.py uses bench/.cache).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Petrograd:
    name = "petrograd"

    def __init__(self):
        import engine  # noqa: F401  (import cost is the harness's import_s)
        from engine import Game
        from engine.loading import load_story
        self._Game = Game
        self._load_story = load_story
        self.mode = os.environ.get("PETROGRAD_LOAD", "cold")
        if self.mode not in ("cold", "warm"):
            raise SystemExit("PETROGRAD_LOAD must be cold or warm")
        self.name = "petrograd" if self.mode == "cold" else "petrograd_warm"
        self.player = None

    def _story_dir(self, path: str) -> Path:
        src = Path(path)
        stem = src.name.split(".")[0]                     # story_1000
        base = Path(os.environ.get("PETROGRAD_STORIES", HERE / "stories"))
        folder = base / stem
        if not (folder / "story.yaml").is_file():
            sys.path.insert(0, str(HERE))
            from convert_synthetic import convert
            print(f"adapter: converting {src} -> {folder} (inside the timed load)", file=sys.stderr)
            convert(src, folder)
        return folder

    def load(self, path):
        folder = self._story_dir(path)
        if self.mode == "warm":
            from engine.loading.cache import load_story_cached
            report: dict = {}
            story, diagnostics = load_story_cached(folder, report=report)
            if report.get("cache") != "hit":
                # Not a warm load after all (no cache yet, or the engine's loading code changed):
                # report it under another name rather than mix it into the warm figures.
                self.name = "petrograd_warm_MISS"
                print(f"adapter: cache {report.get('cache')} for {folder}: this run was a cold load",
                      file=sys.stderr)
        else:
            story, diagnostics = self._load_story(folder)
        if story is None:
            errors = [d.format() for d in diagnostics if d.severity.value == "error"]
            raise SystemExit(f"{folder}: {len(errors)} errors; first: {errors[:1]}")
        self.game = self._Game(story)
        self.role = next(iter(story.roles))
        from engine.runtime.memory import settle_after_load
        settle_after_load()      # as `petrograd play` does after loading (engine/runtime/memory.py)

    def reset(self):
        if self.player is not None:
            self.player.close()
        self.player = self.game.new_player(self.role, seed=0)
        self._show()

    def _show(self):
        frame = self.player.frame()
        self.pending = [p + "\n" for p in reversed(frame.paragraphs)]
        self.offered = frame.choices

    def next_text(self):
        return self.pending.pop() if self.pending else None

    def choices(self):
        return [c.text for c in self.offered]

    def choose(self, i):
        self.player.choose(self.offered[i].index)
        self._show()


Adapter = Petrograd
