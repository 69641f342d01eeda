import os
import sys
from pathlib import Path

# Headless SDL for every test; without these SDL silently picks an offscreen driver or opens a window.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Compiled story caches from tests go to a temporary folder, never into story/ or the fixtures
# (set here, before any fixture of wider scope loads a story; each test also gets its own below).
import tempfile  # noqa: E402

os.environ.setdefault("PETROGRAD_CACHE_DIR", tempfile.mkdtemp(prefix="petrograd-test-cache-"))

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))


def write_files(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # One example deliberately holds a Latin-1 byte; every other file is UTF-8.
        path.write_bytes(content.encode("latin-1") if "caf\xe9" in content else content.encode("utf-8"))


@pytest.fixture
def story_dir(tmp_path):
    """A factory: story_dir(files) writes the example base story plus `files` and returns its path."""
    from engine.diagnostics import EXAMPLE_BASE

    def make(files: dict | None = None) -> Path:
        root = tmp_path / "story"
        write_files(root, EXAMPLE_BASE)
        write_files(root, files or {})
        return root
    return make


@pytest.fixture(scope="session")
def tiny():
    from engine import Game, load_story_or_raise
    story = load_story_or_raise(FIXTURES / "tiny")
    return Game(story)


@pytest.fixture(autouse=True)
def _isolated_saves(tmp_path, monkeypatch):
    """No test writes into the project's saves/ folder."""
    monkeypatch.setenv("PETROGRAD_SAVES", str(tmp_path / "saves"))
    # Compiled story caches go to a temporary folder too, not into story/ or the fixtures.
    monkeypatch.setenv("PETROGRAD_CACHE_DIR", str(tmp_path / "story-cache"))


@pytest.fixture(autouse=True)
def _fresh_expression_memo():
    """Each test compiles its own expressions: the process-wide memo would otherwise make a test's
    result depend on which tests ran before it (and hide the compiler from mutation testing)."""
    from engine import expressions
    expressions._MEMO.clear()
    yield


def jump_to(app, scene_id: str) -> None:
    """Put the window's game at `scene_id`, the state otherwise as it is (a test's shortcut)."""
    from engine.runtime import GameState
    state = app.player.state.to_dict()
    state["scene"] = scene_id
    app.play._take(app.game.resume(GameState.from_dict(state)))


def step_down_every_row_keeping_readable_type(app, screen, fraction: float) -> None:
    """Down through each of `screen`'s rows at large text: every label stays at least the size asked
    (`fraction` of the window's height), the focused row is in view, and nothing overlaps or clips."""
    import pygame
    from test_window_layout import problems
    readable = app.fonts.get("OldStandard-Regular", app.px(fraction)).get_linesize()
    for _press in range(len(screen.buttons)):
        labels = [d for d in app.drawn if d.kind == "label"]
        assert labels and all(d.rect.height >= readable for d in labels)
        assert screen.buttons[screen.focus].rect.width and problems(app) == []
        app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="")])


def small_window_at_200(story, tmp_path):
    """The window as a player with large text on a small laptop has it: 1024x600, text at 200%."""
    from engine import Game
    from engine.frontends.window import App
    from engine.persistence import SaveStore
    app = App(Game(story), seed=1, size=(1024, 600), saves=SaveStore.for_story(story.id, tmp_path))
    app.settings.text_scale = 2.0
    return app
