"""Every screen, at every window size and text size, in normal and high contrast: the boxes drawn
(text, buttons, labels, pictures) lie inside the window, do not overlap, and no text is clipped.

Pictures are stood in for by blank surfaces of the size asked: their rectangles are what counts here,
and rendering every picture at every size would take minutes.
"""
import itertools

import pygame

from conftest import jump_to
import pytest

from engine.persistence import SaveStore

SIZES = [(1024, 600), (1280, 720), (1920, 1080), (2560, 1440)]
SCALES = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0]


@pytest.fixture(scope="module")
def bundled():
    from conftest import ROOT
    from engine import Game, load_story_or_raise
    return Game(load_story_or_raise(ROOT / "story"))


def longest_scene(story, role):
    """The role's scene with the most text and a long place name: the hardest to lay out."""
    scenes = [s for s in story.scenes.values() if role in s.roles and not s.is_ending]
    return max(scenes, key=lambda s: (s.words, len(s.place)))


def problems(app) -> list[str]:
    window = app.surface.get_rect()
    found = []
    for n, d in enumerate(app.drawn):
        if not window.contains(d.rect):
            found.append(f"outside the window: {d.kind} {d.what!r} {d.rect}")
        if d.clipped:
            found.append(f"clipped: {d.kind} {d.what!r} {d.rect}")
        if d.parent is not None and not app.drawn[d.parent].rect.contains(d.rect):
            found.append(f"outside its box: {d.kind} {d.what!r} {d.rect} in {app.drawn[d.parent].rect}")
    top = [d for d in app.drawn if d.parent is None and d.rect.width and d.rect.height]
    for a, b in itertools.combinations(top, 2):
        if a.rect.colliderect(b.rect):
            found.append(f"overlap: {a.kind} {a.what!r} {a.rect} and {b.kind} {b.what!r} {b.rect}")
    return found


def screens_of(app, story):
    """Open each screen in turn; yield its name once it is on top (drawn by the caller)."""
    from engine.frontends.window.screens import make
    app.reset(make("title", app))
    yield "title"
    app.open("roles")
    yield "roles"
    role = "journalist"
    app.start_role(role)
    scene = longest_scene(story, role)
    jump_to(app, scene.id)
    app.play.arrived()
    app.show_scene()
    yield "scene"
    app.top.page = 10 ** 6
    yield "scene, last page"
    for name in ("menu", "note", "codex", "backlog", "settings", "flowchart", "map"):
        app.open(name)
        yield name
        app.pop()
    app.open("saves", mode="load")
    yield "saves"
    app.pop()
    ending = next(s for s in story.scenes.values() if s.is_ending and role in s.roles and s.note)
    jump_to(app, ending.id)
    app.show_scene()
    yield "ending scene"
    app.open("ending")
    yield "ending"
    app.reset(make("title", app))
    room = app.open("classroom")
    yield "classroom setup"
    room.setup.students = 12
    room.start_new()
    for _ in range(6):
        yield f"classroom {room.session.prompt().kind}"
        room.send("1" if room.session.prompt().options else "")


def walk(bundled, tmp_path, monkeypatch, size, combinations, language=None):
    from engine import art
    from engine.frontends.window import App
    from PIL import Image
    monkeypatch.setattr(art, "render_map", lambda holdings, size, **kw: Image.new("RGB", size, (200, 190, 170)))
    failures = []
    for scale, contrast, readable, spacing in combinations:
        store = SaveStore.for_story(bundled.story.id, tmp_path / f"{scale}-{contrast}-{readable}-{spacing}")
        app = App(bundled, seed=1, size=size, saves=store, language=language)
        app.image = lambda art_id, wanted: pygame.Surface(wanted)
        app.settings.text_scale = scale
        app.settings.high_contrast = contrast
        app.settings.readable_font = readable
        app.settings.line_spacing = spacing
        app.settings.text_speed = 0
        for name in screens_of(app, bundled.story):
            app.draw()
            if not any(d.kind in ("text", "button") for d in app.drawn):
                failures.append(f"{name}: nothing recorded, so nothing checked")
            for problem in problems(app):
                failures.append(f"{size[0]}x{size[1]} text {int(scale * 100)}%{' high contrast' if contrast else ''}"
                                f"{' Lexend' if readable else ''} spacing {spacing}, {name}: {problem}")
        app.close()
    if language:
        from engine.i18n.words import set_language
        set_language(None)
    assert not failures, f"{len(failures)} problems, the first 15:\n" + "\n".join(failures[:15])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_holds_at_every_size(bundled, tmp_path, monkeypatch, size):
    walk(bundled, tmp_path, monkeypatch, size,
         [(scale, contrast, False, 1.0) for scale, contrast in itertools.product(SCALES, (False, True))])


@pytest.mark.parametrize("size", [SIZES[0], SIZES[-1]], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_holds_with_the_reading_aids(bundled, tmp_path, monkeypatch, size):
    """The easier-reading font and double line spacing, at the smallest and largest text sizes."""
    walk(bundled, tmp_path, monkeypatch, size, [(0.75, False, True, 2.0), (2.0, True, True, 2.0), (2.0, False, False, 1.5)])


@pytest.mark.parametrize("size", [SIZES[0], SIZES[1]], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_holds_in_russian(bundled, tmp_path, monkeypatch, size):
    """Russian words are longer than English ones: the window's own words and the story's, at every
    text size, in the smallest windows."""
    walk(bundled, tmp_path, monkeypatch, size, [(scale, False, False, 1.0) for scale in SCALES] +
         [(2.0, True, False, 1.0), (2.0, False, True, 2.0)], language="ru")
