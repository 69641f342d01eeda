"""The window, headless (SDL dummy driver): drive it with posted events, check engine state and drawing."""
import pygame
import pytest

from conftest import FIXTURES
from engine.persistence import SaveStore


@pytest.fixture
def app(tiny, tmp_path):
    from engine.frontends.window import App
    application = App(tiny, seed=1, size=(1280, 720), saves=SaveStore(tmp_path))
    application.settings.text_speed = 0  # instant text; reveal is tested separately
    yield application
    pygame.quit()


def key(k):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def click(pos):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos)


def test_title_to_scene_to_ending_by_keyboard(app):
    app.step([])
    assert app.screen == "title" and [b.label for b in app.buttons][0] == "New game"
    app.step([key(pygame.K_RETURN)])   # New game
    assert app.screen == "roles"
    app.step([key(pygame.K_RETURN)])   # first role
    assert app.screen == "scene" and app.player.state.role == "guard"
    app.step([])
    labels = [b.label for b in app.buttons]
    assert labels[0].startswith("1. Take a rifle")
    for rect in (b.rect for b in app.buttons):  # buttons inside the window and not blank
        assert app.surface.get_rect().contains(rect)
        region = app.surface.subsurface(rect)
        assert len({region.get_at((x, rect.height // 2))[:3] for x in range(0, rect.width, 7)}) > 1
    app.step([key(pygame.K_3)])         # walk to the middle
    assert app.player.state.scene == "middle"
    app.step([key(pygame.K_1)])         # wave the crowd through: an ending
    frame = app.player.frame()
    assert frame.is_ending and app.screen == "scene"
    assert [b.label for b in app.buttons] == ["Back to the title", "Play another role"]


def test_mouse_click_takes_a_choice(app):
    app.start_role("guard")
    app.step([])
    target = app.buttons[2]
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=target.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
    assert app.focus == 2
    app.step([click(target.rect.center)])
    assert app.player.state.scene == "middle"


def test_overlays_open_and_close(app):
    app.start_role("guard")
    app.step([])
    for k, screen in ((pygame.K_n, "note"), (pygame.K_c, "codex"), (pygame.K_PAGEUP, "backlog"), (pygame.K_ESCAPE, "menu")):
        app.step([key(k)])
        assert app.screen == screen
        app.step([key(pygame.K_ESCAPE)])
        assert app.screen == "scene"


def test_backspace_rolls_back_and_f5_f9_save_and_load(app, tmp_path):
    app.start_role("guard")
    app.step([key(pygame.K_1)])
    assert app.player.state.turn == 1
    app.step([key(pygame.K_F5)])
    assert (tmp_path / "quicksave.json").exists()
    app.step([key(pygame.K_BACKSPACE)])
    assert app.player.state.turn == 0
    app.step([key(pygame.K_F9)])
    assert app.player.state.turn == 1 and app.screen == "scene"


def test_settings_change_and_are_remembered(app, tmp_path):
    from engine.frontends.window.theme import Settings
    app.open("settings")
    app.step([])
    app.step([key(pygame.K_RETURN)])    # text size 100% -> 125%
    assert app.settings.text_scale == 1.25
    app.step([key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_RETURN)])  # high contrast
    assert app.settings.high_contrast
    saved = Settings.load(tmp_path / "settings.json")
    assert saved.text_scale == 1.25 and saved.high_contrast


@pytest.mark.parametrize("size", [(960, 540), (1280, 720), (1920, 1080), (3840, 2160)])
def test_layout_scales_with_the_window(tiny, tmp_path, size):
    from engine.frontends.window import App
    app = App(tiny, seed=1, size=size, saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    app.start_role("guard")
    app.step([])
    window = app.surface.get_rect()
    assert all(window.contains(b.rect) for b in app.buttons)
    heights = [b.rect.height for b in app.buttons]
    assert min(heights) > size[1] * 0.03
    pygame.quit()


def test_typewriter_reveals_then_completes_on_key(tiny, tmp_path):
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 30
    app.settings.reduced_motion = False
    app.start_role("guard")
    assert app.animating()
    app.step([])
    assert app.buttons == []           # choices appear once the text is out
    app.step([key(pygame.K_SPACE)])
    assert not app.animating() and len(app.buttons) == 3
    pygame.quit()


def test_thirty_named_slots_with_thumbnails(app, tmp_path):
    app.start_role("guard")
    app.step([])                            # draws the scene: the thumbnail's source
    app.step([key(pygame.K_ESCAPE)])        # menu
    assert app.screen == "menu"
    app.step([key(pygame.K_DOWN), key(pygame.K_RETURN)])   # Save
    assert app.screen == "saves" and app.slot_mode == "save"
    assert len(app.buttons) == 30
    app.step([key(pygame.K_RIGHT), key(pygame.K_DOWN), key(pygame.K_RETURN)])  # slot 8
    assert (tmp_path / "slot08.json").exists() and (tmp_path / "slot08.png").exists()
    thumb = pygame.image.load(str(tmp_path / "slot08.png"))
    assert thumb.get_size() == (192, 108)
    app.open_slots("load")
    app.step([])
    names = [b.label for b in app.buttons]
    assert names[:2] == ["autosave", "quicksave"] and "slot08" in names
    (tmp_path / "slot09.json").write_text("{broken")
    app.dirty = True
    app.step([])
    app.step([click(app.buttons[names.index("slot08")].rect.center)])
    assert app.screen == "scene" and app.player.state.scene == "post"


def test_no_display_gives_a_one_line_message_and_exit_2():
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    out = subprocess.run([sys.executable, "-m", "engine", "play", str(FIXTURES / "tiny")], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "petrograd: no display available; play in the terminal with `petrograd play --text`"]


def test_long_scenes_are_paged_and_never_overflow(story_dir, tmp_path):
    from engine import Game, load_story_or_raise
    from engine.diagnostics import EXAMPLE_BASE
    from engine.frontends.window import App
    long_text = "\\n\\n".join(["Rain on the Neva and the lamps along the embankment. " * 12] * 6)
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "text: You stand in the [[square|term]].", "text: |\n      " + long_text.replace("\\n", "\n      "))}
    game = Game(load_story_or_raise(story_dir(files)))
    app = App(game, seed=1, size=(960, 540), saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    app.start_role("hero")
    app.step([])
    assert app.page_count > 1
    pages_seen = 0
    while True:
        pages_seen += 1
        panel_bottom = app.surface.get_height()
        for rect, _ in app.links:
            assert rect.bottom <= panel_bottom
        if app.page == app.page_count - 1:
            break
        assert app.buttons == []            # choices wait for the last page
        app.step([key(pygame.K_SPACE)])
    assert pages_seen == app.page_count
    assert [b.label for b in app.buttons] == ["1. Go on."]
    app.step([key(pygame.K_LEFT)])
    assert app.page == app.page_count - 2
    pygame.quit()


def test_typewriter_updates_the_line_it_is_writing(tiny, tmp_path):
    """The partial display update must cover the words just revealed, not a later line."""
    import time
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 30
    app.start_role("guard")
    app.reveal_start = time.monotonic() - 0.5   # 15 characters in: still on the first line
    app.draw()
    early = app.reveal_cursor
    app.reveal_start = time.monotonic() - 2.2   # 66 characters: into the second paragraph
    app.draw()
    late = app.reveal_cursor
    assert early.top < late.top
    assert app.reveal_rect.contains(late) and app.reveal_rect.height < app.surface.get_height() // 3
    pygame.quit()


@pytest.mark.parametrize("content", ["[]", "null", '{"text_scale": "big"}', '{"text_speed": "fast", "fullscreen": 3}',
                                     '{"text_scale": 9}', "{broken", "[" * 100000])
def test_damaged_settings_fall_back_to_defaults(tmp_path, content):
    from engine.frontends.window.theme import Settings
    path = tmp_path / "settings.json"
    path.write_text(content)
    assert Settings.load(path) == Settings()
