"""What a story says about itself, and what it may leave out: pictures, calendar, map and sources are
the story's choice, not the engine's rule (issue 14). tests/fixtures/plain has none of them."""
import subprocess
import sys

import pygame
import pytest

from conftest import FIXTURES, ROOT
from engine.persistence import SaveStore

PLAIN = FIXTURES / "plain"


def codes(diagnostics):
    return sorted(d.code for d in diagnostics)


def load(path):
    from engine.loading import load_story
    return load_story(path)


# -- the loader ----------------------------------------------------------------------------------

def test_a_story_without_pictures_calendar_map_or_sources_is_valid():
    story, diagnostics = load(PLAIN)
    assert story is not None and diagnostics == []
    assert story.calendar_start == "" and story.map_name == "" and story.printing == "none"
    assert story.history_label == "In history" and story.banner == "" and story.title_image == ""
    assert all(not s.image and not s.date and not s.time and not s.place for s in story.scenes.values())
    assert story.roles["keeper"].portrait is None


def test_the_bundled_story_declares_what_it_requires_and_how_it_looks():
    story, diagnostics = load(ROOT / "story")
    assert story is not None
    assert story.required == ("date", "time", "place", "image", "sources")
    assert story.banner == "ПЕТРОГРАДЪ · 1917" and story.title_image == "places/aurora_neva"
    assert story.history_label == "In 1917" and story.printing == "period"
    assert story.map_name == "Petrograd" and story.map_drawing == "drawings/citymap.py"
    assert story.calendar_end == "1917-10-27"


@pytest.mark.parametrize("field", ["date", "time", "place", "image"])
def test_a_field_is_required_only_when_the_story_says_so(story_dir, field):
    from engine.diagnostics import EXAMPLE_BASE
    line = {"date": "    date: 1905-10-25\n", "time": "    time: 21:40\n", "place": "    place: A square\n",
            "image": "    image: places/square\n"}[field]
    scenes = EXAMPLE_BASE["scenes/main.yaml"].replace(line, "", 1)
    assert scenes != EXAMPLE_BASE["scenes/main.yaml"]
    art = {"assets/art/places/square.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"/>'}
    _, free = load(story_dir({"scenes/main.yaml": scenes, **art}))
    assert [d for d in free if d.severity.name == "ERROR"] == []
    manifest = EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", f"  assets: assets\n  require: [{field}]\n")
    _, strict = load(story_dir({"scenes/main.yaml": scenes, "story.yaml": manifest, **art}))
    missing = [d for d in strict if d.code == "PG201"]
    assert len(missing) == 1 and f"'{field}'" in missing[0].message and "require" in missing[0].message
    assert missing[0].span.path.endswith("scenes/main.yaml") and missing[0].span.line > 1


def test_require_names_only_scene_fields_it_knows(story_dir):
    from engine.diagnostics import EXAMPLE_BASE
    manifest = EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", "  assets: assets\n  require: [date, weather]\n")
    _, diagnostics = load(story_dir({"story.yaml": manifest}))
    bad = [d for d in diagnostics if d.code == "PG202"]
    assert len(bad) == 1 and "weather" in bad[0].message and bad[0].span.path.endswith("story.yaml")


@pytest.mark.parametrize("drawing, words", [("../../outside.py", "must be a .py file inside"),
                                            ("drawings/none.py", "no map drawing"),
                                            ("map.svg", "must be a .py file")])
def test_a_map_drawing_must_be_a_python_file_inside_the_assets_folder(story_dir, drawing, words):
    from engine.diagnostics import EXAMPLE_BASE
    manifest = EXAMPLE_BASE["story.yaml"].replace(
        "  assets: assets\n", f"  assets: assets\n  map: {{name: Harbour, drawing: {drawing!r}, holders: {{crown: the Crown}}}}\n")
    _, diagnostics = load(story_dir({"story.yaml": manifest}))
    bad = [d for d in diagnostics if d.code == "PG307"]
    assert len(bad) == 1 and words in bad[0].message and bad[0].span.line == 6


def test_the_map_s_holders_are_the_story_s_own(story_dir, tmp_path):
    """Who can hold a place is the story's word: a change to a holder it does not declare is PG202."""
    from engine.diagnostics import EXAMPLE_BASE
    manifest = EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", (
        "  assets: assets\n  map:\n    name: Harbour\n    drawing: map.py\n"
        "    holders: {keepers: the keepers, wreckers: {words: the wreckers, ink: red}}\n"))
    timeline = ('map:\n  timeline:\n    - {at: "1905-10-25 20:00", place: square, holder: wreckers}\n'
                '    - {at: "1905-10-25 21:00", place: square, holder: mrc}\n')
    root = story_dir({"story.yaml": manifest, "map.yaml": timeline,
                      "assets/map.py": "def map_svg(h, size, *, highlight=None):\n    return ''\n"})
    story, diagnostics = load(root)
    bad = [d for d in diagnostics if d.code == "PG202"]
    assert len(bad) == 1 and "'mrc'" not in bad[0].message and "keepers, wreckers" in bad[0].message
    assert bad[0].span.line == 4
    # and the window's key says them in the story's words and inks
    assert [d.code for d in diagnostics if d.severity.name == "ERROR"] == ["PG202"]
    manifest_ok = manifest
    root = story_dir({"story.yaml": manifest_ok, "map.yaml": timeline.splitlines(keepends=True)[0]
                      + timeline.splitlines(keepends=True)[1] + timeline.splitlines(keepends=True)[2],
                      "assets/map.py": "def map_svg(h, size, *, highlight=None):\n    return ''\n"})
    story, diagnostics = load(root)
    assert story is not None and dict(story.map_holders) == {"keepers": "the keepers", "wreckers": "the wreckers"}
    assert dict(story.map_inks) == {"wreckers": "red"}
    from engine import Game
    from engine.frontends.window import App
    from engine.frontends.window.screens import make
    app = App(Game(story), seed=1, size=(1280, 720), saves=SaveStore(tmp_path))
    assert make("map", app).hint.startswith("The keepers · red: the wreckers · Esc")
    pygame.quit()


def test_a_bad_print_is_reported(story_dir):
    from engine.diagnostics import EXAMPLE_BASE
    manifest = EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", "  assets: assets\n  print: sepia\n")
    _, diagnostics = load(story_dir({"story.yaml": manifest}))
    assert [d.code for d in diagnostics if "print" in d.message] == ["PG202"]


# -- the window ------------------------------------------------------------------------------------

@pytest.fixture
def plain_app(tmp_path):
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    app = App(Game(load_story_or_raise(PLAIN)), seed=1, size=(1920, 1080), saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    yield app
    pygame.quit()


def key(k, u=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=u)


def test_a_text_only_story_plays_in_the_window(plain_app):
    app = plain_app
    app.step([])
    assert app.screen == "title"
    kinds = {(d.kind, d.what) for d in app.drawn}
    assert not any(kind == "image" for kind, _ in kinds), "no picture frame on a story without pictures"
    texts = " ".join(d.what for d in app.drawn)
    assert "1917" not in texts
    app.step([key(pygame.K_RETURN)])          # New game
    app.step([key(pygame.K_RETURN)])          # the one role
    assert app.screen == "scene"
    app.draw()
    assert not [d for d in app.drawn if d.kind == "image"], "a text-only scene draws no empty frame"
    w = app.surface.get_width()
    title = next(d for d in app.drawn if d.what == "title")
    # The text is a centred column of readable width, not squeezed beside a missing picture.
    lines = [d for d in app.drawn if d.what == "line"]
    buttons = [d for d in app.drawn if d.kind == "button"]
    assert lines and buttons
    column = buttons[0].rect
    assert abs(column.left + column.right - w) <= 2, column          # centred
    assert w * 0.4 < column.width <= w * 0.65, column                  # wide, but a readable measure
    assert all(column.left <= d.rect.left and d.rect.right <= column.right for d in lines + [title])
    assert max(d.rect.width for d in lines) > column.width * 0.8        # the lines fill the column
    # No map: M does nothing and the footer does not offer it.
    app.step([key(pygame.K_m, "m")])
    assert app.screen == "scene"
    assert not any("M map" in d.what for d in app.drawn)
    app.step([key(pygame.K_ESCAPE)])
    assert app.screen == "menu"
    assert not any("Map" in b.label for b in app.buttons)
    app.step([key(pygame.K_ESCAPE)])
    app.step([key(pygame.K_1, "1")])           # pour the oil
    assert app.player.frame().is_ending


def test_the_text_only_scene_uses_the_width_at_every_size():
    """Where a picture would be, a text-only scene has its text: at 1024×600 it is most of the width."""
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    game = Game(load_story_or_raise(PLAIN))
    for size in ((1024, 600), (2560, 1440)):
        app = App(game, seed=1, size=size, saves=None)
        app.settings.text_speed = 0
        app.start_role("keeper")
        app.show_scene()
        app.draw()
        title = next(d for d in app.drawn if d.what == "title")
        assert title.rect.left < size[0] * 0.3
        pygame.quit()


def test_the_bundled_story_keeps_its_banner_map_and_pictures(tmp_path):
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    app = App(Game(load_story_or_raise(ROOT / "story")), seed=1, size=(1280, 720), saves=SaveStore(tmp_path))
    app.image = lambda art_id, wanted: pygame.Surface(wanted)
    app.step([])
    drawn = {d.what for d in app.drawn}
    assert "ПЕТРОГРАДЪ · 1917" in drawn and "places/aurora_neva" in drawn
    app.start_role("commissar")
    app.show_scene()
    app.open("menu")
    app.draw()
    assert "Map of Petrograd" in [b.label for b in app.buttons]
    pygame.quit()


# -- text mode -------------------------------------------------------------------------------------

def test_a_text_only_story_plays_in_text_mode():
    out = subprocess.run([sys.executable, "-m", "engine", "play", "--text", str(PLAIN)], input="1\n:map\n2\n1\n",
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "This story has no map." in out.stdout
    assert "The Light Held" in out.stdout
    assert " ·  · " not in out.stdout and "1917" not in out.stdout and "Petrograd" not in out.stdout
    assert "THE LAMP ROOM" in out.stdout


def test_the_map_in_text_mode_is_named_by_the_story():
    out = subprocess.run([sys.executable, "-m", "engine", "play", "--text", "--role", "commissar", str(ROOT / "story")],
                         input=":map\n:quit\n", capture_output=True, text=True, timeout=60)
    assert "Petrograd at " in out.stdout and "the Military Revolutionary Committee" in out.stdout


def test_a_scene_that_opens_the_map_needs_a_story_with_a_map(story_dir):
    """show_map: true where the story has no map is PG313 at the flag (play would show nothing);
    the same scene in a story that declares a map is clean."""
    from engine.diagnostics import BY_CODE, EXAMPLE_BASE
    scene = BY_CODE["PG313"].example
    _, diagnostics = load(story_dir(scene))
    found = [d for d in diagnostics if d.code == "PG313"]
    assert len(found) == 1 and "s_map" in found[0].message
    text = scene["scenes/extra.yaml"].splitlines()
    assert found[0].span.path.endswith("scenes/extra.yaml")
    assert (found[0].span.line, found[0].span.column) == (
        next(n for n, line in enumerate(text, 1) if "show_map" in line), len("    show_map: ") + 1)
    manifest = EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", (
        "  assets: assets\n  map: {name: Harbour, drawing: map.py, holders: {crown: the Crown}}\n"))
    story, diagnostics = load(story_dir({**scene, "story.yaml": manifest,
                                         "assets/map.py": "def map_svg(h, size, *, highlight=None):\n    return ''\n"}))
    assert story is not None and story.scenes["s_map"].show_map
    assert [d.code for d in diagnostics if d.code == "PG313"] == []
