"""The window, headless (SDL dummy driver): drive the real screens with posted events, check state and drawing."""
import subprocess
import sys
import time

import pygame
import pytest

from conftest import FIXTURES, ROOT, small_window_at_200, step_down_every_row_keeping_readable_type
from engine.persistence import SaveStore


@pytest.fixture
def app(tiny, tmp_path):
    from engine.frontends.window import App
    application = App(tiny, seed=1, size=(1280, 720), saves=SaveStore(tmp_path))
    application.settings.text_speed = 0  # instant text; reveal is tested separately
    yield application
    pygame.quit()


def key(k, u=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=u)


def click(pos, button=1):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=button, pos=pos)


@pytest.fixture
def bundled_at_200(tmp_path):
    """The bundled story in a 1024x600 window at 200% text, typewriter off."""
    from engine import load_story_or_raise
    application = small_window_at_200(load_story_or_raise(ROOT / "story"), tmp_path)
    application.settings.text_speed = 0
    yield application
    pygame.quit()


def labels(app):
    return [b.label for b in app.buttons]


def test_title_to_scene_to_ending_by_keyboard(app):
    app.step([])
    assert app.screen == "title" and labels(app)[0] == "New game"
    app.step([key(pygame.K_RETURN)])   # New game
    assert app.screen == "roles"
    app.step([key(pygame.K_RETURN)])   # first role
    assert app.screen == "scene" and app.player.state.role == "guard"
    app.step([])
    assert labels(app)[0].startswith("1. Take a rifle")
    for rect in (b.rect for b in app.buttons):  # buttons inside the window and not blank
        assert app.surface.get_rect().contains(rect)
        region = app.surface.subsurface(rect)
        assert len({region.get_at((x, rect.height // 2))[:3] for x in range(0, rect.width, 7)}) > 1
    app.step([key(pygame.K_3)])         # walk to the middle
    assert app.player.state.scene == "middle"
    app.step([key(pygame.K_1)])         # wave the crowd through (the first choice open): an ending
    assert app.player.frame().is_ending and app.screen == "scene"
    assert labels(app) == ["Continue"]
    app.step([key(pygame.K_SPACE)])     # reading on past an ending is its ending screen
    assert app.screen == "ending"
    assert labels(app) == ["Play another role", "Flowchart of your branches", "Back to the title"]
    app.step([key(pygame.K_SPACE), key(pygame.K_RETURN)])   # more of the same keys take nothing
    assert app.screen == "ending"
    app.step([key(pygame.K_DOWN), key(pygame.K_RETURN)])    # the arrows, then Enter
    assert app.screen == "roles"


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
    for k, screen in ((pygame.K_n, "note"), (pygame.K_c, "codex"), (pygame.K_PAGEUP, "backlog"),
                      (pygame.K_ESCAPE, "menu"), (pygame.K_f, "flowchart"), (pygame.K_m, "map")):
        app.step([key(k)])
        assert app.screen == screen
        app.step([key(pygame.K_ESCAPE)])
        assert app.screen == "scene"
    app.step([key(pygame.K_n)])
    app.step([click((5, 5), button=3)])   # a right click goes back: the mouse alone reaches everything
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


# -- defect 1: a focus carried between screens ------------------------------------------------------------
def test_quit_to_title_then_enter_starts_a_new_game_not_quits(app):
    app.start_role("guard")
    app.step([key(pygame.K_ESCAPE)])
    assert app.screen == "menu"
    app.step([key(pygame.K_DOWN)] * 7)
    assert labels(app)[app.focus] == "Quit to title"
    app.step([key(pygame.K_RETURN)])
    assert app.screen == "title" and app.focus == 0
    app.step([key(pygame.K_RETURN)])
    assert app.running and app.screen == "roles"


def test_quit_on_the_title_asks_first(app):
    app.step([])
    app.step([key(pygame.K_UP), key(pygame.K_RETURN)])     # Quit
    assert app.running and labels(app) == ["Stay", "Quit the game"]
    app.step([key(pygame.K_RETURN)])                        # Enter again: Stay
    assert app.running and labels(app)[0] == "New game"
    app.step([key(pygame.K_UP), key(pygame.K_RETURN), key(pygame.K_DOWN), key(pygame.K_RETURN)])
    assert not app.running


# -- defect 2: Space never takes a choice --------------------------------------------------------------------
def test_space_and_enter_advance_text_but_never_take_an_unfocused_choice(tiny, tmp_path):
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 30
    app.settings.reduced_motion = False
    app.start_role("guard")
    app.step([])
    assert app.animating() and app.buttons == []
    app.step([key(pygame.K_SPACE)])           # finishes the text
    assert not app.animating() and len(app.buttons) == 3 and app.focus is None
    app.step([key(pygame.K_SPACE), key(pygame.K_SPACE), key(pygame.K_RETURN)])
    assert app.player.state.turn == 0         # nothing taken: no choice had the focus
    app.step([key(pygame.K_DOWN)])
    assert app.focus == 0
    app.step([key(pygame.K_SPACE)])
    assert app.player.state.turn == 0         # Space still does not choose
    app.step([key(pygame.K_RETURN)])          # Enter on the focused choice takes it
    assert app.player.state.turn == 1
    pygame.quit()


# -- defect 4: messages ------------------------------------------------------------------------------------
def test_a_message_shows_in_the_footer_for_seconds_then_goes(app, monkeypatch):
    app.start_role("guard")
    app.step([])
    app.step([key(pygame.K_F5)])
    footer = [d for d in app.drawn if d.what == "footer"]
    assert app.current_message() == "Saved in the quicksave."
    assert len(footer) == 1
    others = [d for d in app.drawn if d.kind in ("text", "button") and d.what != "footer"]
    assert not any(footer[0].rect.colliderect(d.rect) for d in others)
    later = time.monotonic() + 5
    monkeypatch.setattr(time, "monotonic", lambda: later)
    app.changed()
    app.step([])
    assert app.current_message() == ""


# -- defect 6: pages ----------------------------------------------------------------------------------------
def _lines(spec):
    """Lines from a spec: each item is (text of the line's last word, ends its paragraph)."""
    from engine.frontends.window.richtext import Line, Placed
    return [Line([Placed(None, (0, 0), None, 0, 1, 0, word)], 10, 0, end) for word, end in spec]


def test_pages_break_at_sentence_ends_without_widows_or_orphans():
    from engine.frontends.window.richtext import paginate
    # A paragraph of 7 lines; sentences end on lines 2 and 5 (1-based); 5 lines fit a page.
    spec = [("the", False), ("end.", False), ("of", False), ("and", False), ("stop.", False), ("more", False),
            ("last.", True)]
    pages = paginate(_lines(spec), 50, 50)
    assert [len(p) for p in pages] == [5, 2]     # at "stop.", not mid-sentence at line 5's neighbour
    assert pages[0][-1].words[-1].text == "stop."
    # No single last line of a paragraph alone at the head of a page (a widow):
    spec = [("a.", False), ("b.", False), ("c.", False), ("d.", False), ("e.", False), ("f.", True)]
    pages = paginate(_lines(spec), 50, 50)
    assert len(pages[-1]) >= 2
    # No first line of a paragraph alone at the foot of a page (an orphan):
    spec = [("a", False), ("b", False), ("c", False), ("d.", True), ("x.", False), ("y", False), ("z.", True)]
    pages = paginate(_lines(spec), 50, 50)
    assert [l.words[-1].text for l in pages[0]][-1] == "d."


def test_long_scenes_are_paged_at_sentences_and_never_overflow(story_dir, tmp_path):
    from engine import Game, load_story_or_raise
    from engine.diagnostics import EXAMPLE_BASE
    from engine.frontends.window import App
    long_text = "\\n\\n".join(["Rain on the Neva and the lamps along the [[square|term]] embankment. " * 12] * 6)
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "text: You stand in the [[square|term]].", "text: |\n      " + long_text.replace("\\n", "\n      "))}
    game = Game(load_story_or_raise(story_dir(files)))
    app = App(game, seed=1, size=(960, 540), saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    app.start_role("hero")
    app.step([])
    scene = app.top
    assert scene.page_count > 1
    pages_seen = 0
    while True:
        pages_seen += 1
        for rect, _ in scene.links:
            assert rect.bottom <= app.surface.get_height()
        words = scene.page_words().split()
        assert words[-1].endswith(".")                     # every page ends a sentence
        more = [d for d in app.drawn if d.what == "more"]
        if scene.page == scene.page_count - 1:
            assert more == []                              # the last page does not say "read on"
            break
        assert app.buttons == [] and len(more) == 1        # choices wait for the last page
        app.step([key(pygame.K_SPACE)])
    assert pages_seen == scene.page_count
    assert labels(app) == ["1. Go on."]
    app.step([key(pygame.K_LEFT)])
    assert scene.page == scene.page_count - 2
    pygame.quit()


# -- defect 7: save cards -----------------------------------------------------------------------------------
def test_thirty_named_slots_with_thumbnails_and_what_each_holds(app, tmp_path):
    from engine import Game
    app.start_role("guard")
    app.step([])                            # draws the scene: the thumbnail's source
    app.step([key(pygame.K_ESCAPE)])        # menu
    app.step([key(pygame.K_DOWN), key(pygame.K_RETURN)])   # Save
    assert app.screen == "saves" and app.top.slot_mode == "save"
    assert app.top.total == 30 and len(app.buttons) >= 12 and app.top.columns == 6
    app.step([key(pygame.K_RIGHT), key(pygame.K_DOWN), key(pygame.K_RETURN)])  # the 8th card
    assert (tmp_path / "slot08.json").exists() and (tmp_path / "slot08.png").exists()
    assert pygame.image.load(str(tmp_path / "slot08.png")).get_size() == (192, 108)
    # A save named in text mode, and one damaged file.
    other = Game(app.story).new_player("runner", 1)
    app.store.save(other, "evening")
    (tmp_path / "slot09.json").write_text("{broken")
    app.open("saves", mode="load")
    app.step([])
    names = labels(app)
    assert names[:3] == ["autosave-guard", "quicksave", "evening"] and "slot08" in names
    assert (tmp_path / "autosave-guard.png").exists()                  # the autosave has its picture
    card = app.buttons[names.index("slot08")].spoken
    assert "Slot 8" in card and "Guard: The Post" in card and "24 October 1917, 21:00" in card and "saved " in card
    assert "damaged" in app.buttons[names.index("slot09")].spoken
    app.step([click(app.buttons[names.index("evening")].rect.center)])
    assert app.screen == "scene" and app.player.state.role == "runner"


# -- defect 8: autosave per role, Continue never at an ending ---------------------------------------------
def test_each_role_autosaves_apart_and_continue_skips_endings(app, tmp_path):
    app.start_role("guard")
    app.step([key(pygame.K_3)])                  # guard: the middle
    app.start_role("runner")
    app.step([])
    app.step([key(pygame.K_1)])                  # runner: an ending
    app.step([])
    assert (tmp_path / "autosave-guard.json").exists() and (tmp_path / "autosave-runner.json").exists()
    assert app.play.continue_slot() == "autosave-guard"
    from engine.frontends.window.screens import make
    app.reset(make("title", app))
    app.step([])
    assert labels(app)[1] == "Continue (Guard)"
    app.step([key(pygame.K_DOWN), key(pygame.K_RETURN)])
    assert app.player.state.role == "guard" and app.player.state.scene == "middle"


def test_text_mode_records_the_flowchart_play_time_and_a_role_autosave(tmp_path):
    import json
    process = subprocess.Popen([sys.executable, "-m", "engine", "play", "--text", "--role", "guard", "--seed", "1",
                                "--saves", str(tmp_path), str(FIXTURES / "tiny")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    process.stdin.write("3\n")
    process.stdin.flush()
    time.sleep(1.5)                   # a moment of reading before the second choice
    _, err = process.communicate("1\n", timeout=60)
    assert process.returncode == 0, err
    folder = tmp_path / "tiny"
    seen = json.loads((folder / "seen-tiny.json").read_text())
    assert seen["roles"]["guard"]["endings"] == ["open"]
    meta = json.loads((folder / "autosave-guard.json").read_text())["meta"]
    assert meta["play_seconds"] > 0     # rounded to tenths: at least 0.1 s


# -- defect 9, 10, 11, 12 -----------------------------------------------------------------------------------
def test_number_keys_pick_a_role(app):
    app.open("roles")
    app.step([])
    app.step([key(pygame.K_2, "2")])
    assert app.screen == "scene" and app.player.state.role == "runner"


def test_settings_change_both_ways_and_are_remembered(app, tmp_path):
    from engine.frontends.window.theme import Settings
    app.open("settings")
    app.step([])
    assert "←/→" in app.top.hint                  # the footer says how to change a value
    app.step([key(pygame.K_RIGHT)])     # text size 100% -> 125%
    assert app.settings.text_scale == 1.25 and app.focus == 0
    app.step([key(pygame.K_LEFT), key(pygame.K_LEFT)])
    assert app.settings.text_scale == 0.75
    app.step([key(pygame.K_RETURN)])    # Enter steps forward
    assert app.settings.text_scale == 1.0
    app.step([key(pygame.K_DOWN)] * 4 + [key(pygame.K_RIGHT)])  # high contrast
    assert app.settings.high_contrast
    saved = Settings.load(tmp_path / "settings.json")
    assert saved.text_scale == 1.0 and saved.high_contrast


def test_rollback_shows_the_choice_point_not_page_one_typed_again(tiny, tmp_path):
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 30
    app.settings.reduced_motion = False
    app.start_role("guard")
    app.step([key(pygame.K_SPACE)])
    app.step([key(pygame.K_3)])
    assert app.player.state.scene == "middle"
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)])
    assert app.player.state.scene == "post"
    assert not app.animating() and app.top.page == app.top.page_count - 1 and len(app.buttons) == 3
    pygame.quit()


def test_note_closes_with_n_and_opens_the_codex_with_c(app):
    app.start_role("guard")
    app.step([key(pygame.K_n)])
    assert app.screen == "note"
    app.step([key(pygame.K_n)])
    assert app.screen == "scene"
    app.step([key(pygame.K_n), key(pygame.K_c)])
    assert app.screen == "codex"
    app.step([key(pygame.K_ESCAPE)])
    assert app.screen == "scene"


# -- defect 13: the codex shows what has been met ----------------------------------------------------------
def test_the_codex_lists_only_entries_met(story_dir, tmp_path):
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    story = load_story_or_raise(FIXTURES / "tiny")
    app = App(Game(story), seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    app.start_role("runner")                 # the runner's scenes link no entry
    app.step([key(pygame.K_c)])
    assert app.top.ids == []
    app.start_role("guard")                  # the guard's first line links the commissar
    app.step([key(pygame.K_c)])
    assert app.top.ids == ["commissar"]
    pygame.quit()


# -- defect 14: an ending screen of its own ---------------------------------------------------------------
def test_an_ending_is_read_first_then_shown_on_its_own_screen(app):
    app.start_role("guard")
    app.step([key(pygame.K_3), key(pygame.K_1)])
    app.step([])
    scene_words = app.top.page_words()
    assert "An Open Road" not in scene_words and "ending" not in scene_words.lower()
    app.step([key(pygame.K_RETURN)])
    assert app.screen == "ending"
    drawn = " ".join(d.what for d in app.drawn)
    assert "An Open Road" in drawn


# -- defect 15 (finish) -----------------------------------------------------------------------------------
def test_reading_pages_stay_under_about_75_characters_a_line(app):
    app.start_role("guard")
    app.step([key(pygame.K_n)])
    font = app.fonts.get("OldStandard-Regular", app.px(0.028))
    lines = [d for d in app.drawn if d.what == "line"]
    assert lines and all(d.rect.width <= font.size("n" * 78)[0] for d in lines)


def test_high_contrast_footer_is_full_size_and_in_the_text_colour(app):
    app.set_setting("high_contrast", True)
    app.start_role("guard")
    app.step([])
    footer = [d for d in app.drawn if d.what == "footer"][0]
    brightest = max(sum(app.surface.get_at((x, y))[:3]) for x in range(footer.rect.left, footer.rect.right)
                    for y in range(footer.rect.top, footer.rect.bottom))
    assert brightest > sum(app.pal.faint) + 30     # white text, not the grey of normal contrast
    normal = footer.rect.height
    app.set_setting("high_contrast", False)
    app.step([])
    assert normal > [d for d in app.drawn if d.what == "footer"][0].rect.height


def test_button_labels_sit_in_the_middle_of_their_buttons(app):
    app.step([])
    pairs = [(d, app.drawn[d.parent]) for d in app.drawn if d.kind == "label"]
    assert pairs
    for label, button in pairs:
        font = app.fonts.get("OldStandard-Regular", app.px(0.033))
        ink_top = label.rect.top + (label.rect.height - font.get_height()) + (font.get_height() - font.get_ascent())
        assert abs((label.rect.top + font.get_ascent() * 0.6) - button.rect.centery) <= button.rect.height * 0.2
        assert ink_top >= button.rect.top


def test_one_letter_words_never_end_a_line():
    from engine.frontends.window.widgets import keep_short_words
    assert keep_short_words("He was a man of I think forty") == "He was a\u00a0man of I\u00a0think forty"


# -- speed and misc -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(960, 540), (1280, 720), (1920, 1080), (3840, 2160)])
def test_layout_scales_with_the_window(tiny, tmp_path, size):
    from engine.frontends.window import App
    app = App(tiny, seed=1, size=size, saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    app.start_role("guard")
    app.step([])
    window = app.surface.get_rect()
    assert all(window.contains(b.rect) for b in app.buttons)
    assert min(b.rect.height for b in app.buttons) > size[1] * 0.03
    pygame.quit()


def test_no_display_gives_a_one_line_message_and_exit_2():
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    out = subprocess.run([sys.executable, "-m", "engine", "play", str(FIXTURES / "tiny")], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "petrograd: no display available; play in the terminal with `petrograd play --text`"]


def test_typewriter_updates_the_line_it_is_writing(tiny, tmp_path):
    """The partial display update must cover the words just revealed, not a later line."""
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 30
    app.start_role("guard")
    scene = app.top
    scene.reveal_start = time.monotonic() - 0.5   # 15 characters in: still on the first line
    app.draw()
    early = scene.reveal_cursor
    scene.reveal_start = time.monotonic() - 2.2   # 66 characters: into the second paragraph
    app.draw()
    late = scene.reveal_cursor
    assert early.top < late.top
    assert scene.reveal_rect.contains(late) and scene.reveal_rect.height < app.surface.get_height() // 3
    pygame.quit()


@pytest.mark.parametrize("content", ["[]", "null", '{"text_scale": "big"}', '{"text_speed": "fast", "fullscreen": 3}',
                                     '{"text_scale": 9}', "{broken", "[" * 100000, '{"voice_rate": 5}',
                                     '{"line_spacing": 7}'])
def test_damaged_settings_fall_back_to_defaults(tmp_path, content):
    from engine.frontends.window.theme import Settings
    path = tmp_path / "settings.json"
    path.write_text(content)
    assert Settings.load(path) == Settings()


def test_a_new_screen_is_one_module(app, tmp_path, monkeypatch):
    """Adding a screen is adding screens/<name>.py with a SCREEN class: the app finds it by name."""
    import engine.frontends.window.screens as screens_package
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "hello.py").write_text(
        "from engine.frontends.window.screens.base import MenuScreen\n"
        "class Hello(MenuScreen):\n    name = 'hello'\n    heading = 'Hello'\n"
        "    def items(self):\n        return [('Back', self.back)]\n"
        "SCREEN = Hello\n")
    monkeypatch.setattr(screens_package, "__path__", list(screens_package.__path__) + [str(folder)])
    app.open("hello")
    app.step([])
    assert app.screen == "hello" and labels(app) == ["Back"]
    app.step([key(pygame.K_RETURN)])
    assert app.screen == "title"


def test_paging_ends_when_a_single_line_is_taller_than_the_room_left():
    from engine.frontends.window.richtext import paginate
    pages = paginate(_lines([("a.", False), ("b.", True)]), 10, 5)
    assert sum(len(p) for p in pages) == 2 and len(pages) <= 3
    assert pages[-1] == []          # no room beside the choices: they get a last page of their own


def test_the_readable_font_and_line_spacing_settings(app):
    plain_font = app.fonts.get("OldStandard-Regular", 20)
    normal_line = plain_font.get_linesize()
    app.set_setting("readable_font", True)
    readable = app.fonts.get("OldStandard-Regular", 20)
    assert readable.name == "Lexend" and plain_font.name != "Lexend"
    app.set_setting("line_spacing", 2.0)
    assert app.fonts.get("OldStandard-Regular", 20, spaced=True).get_linesize() >= 2 * readable.get_linesize() - 2
    app.set_setting("readable_font", False)
    assert app.fonts.get("OldStandard-Regular", 20, spaced=True).get_linesize() >= 2 * normal_line - 2
    assert app.fonts.get("OldStandard-Regular", 20).get_linesize() == normal_line   # labels keep their own
    app.start_role("guard")
    app.step([])                                 # a scene lays out with both
    assert app.buttons and all(app.surface.get_rect().contains(b.rect) for b in app.buttons)


def test_the_readable_font_leaves_arrows_and_cyrillic_to_old_standard(app):
    app.set_setting("readable_font", True)
    assert app.fonts.covers("Lexend-Regular", "Plain words")
    assert not app.fonts.covers("Lexend-Regular", "Space or → to read on")
    assert not app.fonts.covers("Lexend-Regular", "ПЕТРОГРАДЪ")
    with_arrow = app.text("or → on", "OldStandard-Italic", 20, (0, 0, 0))
    old = app.text("or → on", "OldStandard-Italic", 20, (0, 0, 0))   # cached: the same surface
    assert with_arrow is old
    assert with_arrow.get_size() == app.fonts.get("OldStandard-Italic", 20, exact=True).render("or → on", True, (0, 0, 0)).get_size()


def test_the_title_never_breaks_a_word(tmp_path, monkeypatch):
    """At 150% text in a 1024x600 window, PETROGRAD broke as PETROGRA / D beside the picture."""
    from conftest import ROOT
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App, widgets
    story = load_story_or_raise(ROOT / "story")
    app = App(Game(story), seed=1, size=(1024, 600), saves=SaveStore(tmp_path))
    app.image = lambda art_id, wanted: pygame.Surface(wanted)
    app.settings.text_scale = 1.5
    calls = []
    real = widgets.draw_text
    monkeypatch.setattr(widgets, "draw_text", lambda app_, s, face, size, colour, pos, width=0, **kw: (
        calls.append((s, face, size, width)), real(app_, s, face, size, colour, pos, width, **kw))[1])
    app.step([])
    s, face, size, width = next(c for c in calls if c[0] == story.title.upper())
    for word in s.split():
        assert app.text(word, face, size, (0, 0, 0)).get_width() <= width, word
    pygame.quit()


def test_the_readable_font_covers_every_latin_letter(app):
    import string
    app.set_setting("readable_font", True)
    assert all(app.fonts.covers("Lexend-Bold", ch) for ch in string.ascii_letters + string.digits + ".,;:'!?")


def test_ten_roles_are_picked_by_1_to_9_and_0_and_the_footer_says_so(tmp_path):
    """The bundled story has ten roles: the role screen's footer must not promise "1-6", and 0 is the tenth."""
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    story = load_story_or_raise(ROOT / "story")
    assert len(story.roles) == 10
    application = App(Game(story), seed=1, saves=SaveStore.for_story(story.id, tmp_path))
    try:
        application.open("roles")
        application.step([])
        assert application.top.hint.startswith("1-9, 0 or Enter")
        application.step([key(pygame.K_0, "0")])
        assert application.screen == "scene" and application.player.state.role == list(story.roles)[9]
    finally:
        pygame.quit()


def test_the_title_offers_only_what_the_story_has(tmp_path):
    """A story with no classroom material and no codex (tests/fixtures/plain) offers neither on its title."""
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    story = load_story_or_raise(FIXTURES / "plain")
    assert story.classroom is None and not story.codex
    application = App(Game(story), seed=1, saves=SaveStore(tmp_path))
    try:
        application.step([])
        labels = [b.label for b in application.buttons]
        assert "New game" in labels and "Classroom" not in labels and "Codex" not in labels, labels
    finally:
        pygame.quit()


def test_ten_roles_keep_readable_type_at_200_percent_in_a_list_that_follows_the_focus(tmp_path):
    """At 200% text in a 1024x600 window the ten role buttons cannot all stand in the column: the
    list scrolls with the focus between "more" marks rather than shrinking its type, and number keys,
    clicks and the wheel still reach every role."""
    from engine import load_story_or_raise
    from test_window_layout import problems
    story = load_story_or_raise(ROOT / "story")
    application = small_window_at_200(story, tmp_path)
    try:
        application.open("roles")
        application.step([])
        roles = application.top
        readable = application.fonts.get("OldStandard-Regular", application.px(0.03)).get_linesize()

        def shown():
            return [n for n, b in enumerate(roles.buttons) if b.rect.width]

        def check():
            labels = [d for d in application.drawn if d.kind == "label"]
            assert labels and all(d.rect.height >= readable for d in labels), "role names shrunk"
            assert roles.focus in shown()
            assert problems(application) == []

        check()
        assert 0 < len(shown()) < 10 and any(d.what == "more below" for d in application.drawn)
        for _press in range(9):                       # down to the tenth: the list follows
            application.step([key(pygame.K_DOWN)])
            check()
        assert shown()[-1] == 9 and 0 not in shown()
        assert any(d.what == "more above" for d in application.drawn)
        application.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=9)])   # back up with the wheel
        assert roles.focus == 0 and 0 in shown()
        check()
        below = next(rect for rect, step in roles.marks if step == 1)
        application.step([click(below.center)])     # a click on "more below" scrolls too
        assert roles.focus == 1
        tenth = list(story.roles)[9]
        application.step([key(pygame.K_0, "0")])    # 0 takes the tenth, though it is out of view
        assert application.screen == "scene" and application.player.state.role == tenth
        application.open("roles")
        application.step([])
        visible = shown()[-1]
        application.step([click(application.top.buttons[visible].rect.center)])
        assert application.player.state.role == list(story.roles)[visible]
    finally:
        pygame.quit()


def test_a_message_in_the_footer_does_not_reflow_the_page_being_read(tmp_path):
    """At 200% text the key hints take three lines and "Saved in the quicksave." one: the pages must
    not be laid out again for the shorter footer, which moved the reader to other words."""
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    story = load_story_or_raise(ROOT / "story")
    application = App(Game(story), seed=1, size=(1024, 600), saves=SaveStore.for_story(story.id, tmp_path))
    application.settings.text_scale, application.settings.text_speed = 2.0, 0
    try:
        application.start_role("sailor")
        application.step([])
        application.step([key(pygame.K_SPACE)])
        scene = application.top
        before = (scene.page, scene.page_count, scene.page_words())
        application.step([key(pygame.K_F5)])
        assert application.current_message()
        assert (scene.page, scene.page_count, scene.page_words()) == before
    finally:
        pygame.quit()


def test_scene_text_never_ends_a_line_on_a_one_letter_word(app):
    """Russian typography: в, к, с, и... go to the next line with their word (as "a" and "I" do)."""
    from engine.frontends.window import richtext
    text = ("Матросы прижаты друг к другу так тесно, что и в обморок не упасть; с палубы видно огни, "
            "а у трапа стоит часовой с винтовкой и я не знаю, о чём он думает.")
    size = app.px(0.03)
    line_h = app.fonts.get("OldStandard-Regular", size, spaced=True).get_linesize()
    ends = []
    for width in range(180, 900, 7):
        placed, _height = richtext.layout(app, text, width, size, (0, 0, 0), (200, 0, 0))
        ends += [line.words[-1].text for line in richtext.lines_of(placed, line_h, 0)[:-1]]
    assert ends and not [word for word in ends if len(word.split()[-1]) == 1 and word[-1].isalpha()]


def test_the_title_menu_keeps_readable_type_at_200_percent(tmp_path):
    """At 200% text in a 1024x600 window the title's six or seven buttons go in two columns rather
    than shrinking to half the size asked (seven may step down a little: not below three quarters)."""
    from engine import load_story_or_raise
    from engine.frontends.window.screens import make
    from test_window_layout import problems
    story = load_story_or_raise(ROOT / "story")
    application = small_window_at_200(story, tmp_path)
    try:
        readable = application.fonts.get("OldStandard-Regular", int(application.px(0.033) * 0.75)).get_linesize()
        for with_continue in (False, True):
            if with_continue:
                application.start_role("sailor")          # an autosave: the title offers Continue
                application.reset(make("title", application))
            application.changed()
            application.step([])
            labels = [d for d in application.drawn if d.kind == "label"]
            assert len(labels) == 6 + with_continue
            assert all(d.rect.height >= readable for d in labels), [d.rect.height for d in labels]
            assert problems(application) == []
    finally:
        pygame.quit()


def test_settings_keep_readable_type_at_200_percent_and_scroll_to_every_row(tmp_path):
    from engine import load_story_or_raise
    story = load_story_or_raise(ROOT / "story")
    application = small_window_at_200(story, tmp_path)
    try:
        application.open("settings")
        application.step([])
        settings = application.top
        step_down_every_row_keeping_readable_type(application, settings, 0.036)
        assert settings.focus == 0                       # round again to the top
        application.step([key(pygame.K_UP)])             # to Back, the last row
        application.step([key(pygame.K_RETURN)])
        assert application.screen != "settings"
    finally:
        pygame.quit()


def test_a_sentence_end_near_the_top_does_not_leave_the_page_mostly_empty():
    """Nine lines fit; the only sentence end before the ninth is on the second line: the page breaks
    mid-sentence, full, rather than after two lines over an empty screen."""
    from engine.frontends.window.richtext import paginate
    spec = [("a", False), ("end.", False)] + [("w", False)] * 10 + [("last.", True)]
    pages = paginate(_lines(spec), 90, 90)
    assert len(pages[0]) >= 6
    # Near the foot, a sentence end is still worth a line or two less.
    spec = [("w", False)] * 7 + [("end.", False)] + [("w", False)] * 5 + [("last.", True)]
    assert paginate(_lines(spec), 90, 90)[0][-1].words[-1].text == "end."


def test_the_codex_footer_names_the_page_count_of_the_entry_shown(tmp_path, monkeypatch):
    """Moving from an entry of several pages to one of a single page, the footer said "Page 1 of 3"
    over the short entry: it named the count of the entry drawn before."""
    from engine import load_story_or_raise
    from engine.frontends.window import widgets
    story = load_story_or_raise(ROOT / "story")
    application = small_window_at_200(story, tmp_path)
    hints = []
    real_footer = widgets.footer
    monkeypatch.setattr(widgets, "footer", lambda app, hint: (hints.append(hint), real_footer(app, hint))[1])
    by_length = sorted(story.codex, key=lambda cid: len(story.codex[cid].text))
    try:
        application.open("codex")
        codex = application.top
        codex.ids = [by_length[-1], by_length[0]]           # the longest entry, then the shortest
        for press in ([], [key(pygame.K_DOWN)], [key(pygame.K_UP)]):
            application.changed()
            application.step(press)
            pages = codex.page_count
            assert (pages > 1) == (codex.focus == 0)
            if pages > 1:
                assert f"Page 1 of {pages} ·" in hints[-1], (hints[-1], pages)
            else:
                assert "Page" not in hints[-1].split("·")[0], hints[-1]
    finally:
        pygame.quit()


def test_at_200_percent_on_a_small_window_the_keys_take_one_line_and_f1_shows_them_all(bundled_at_200):
    """A 1024x600 window at 200% text in high contrast: the scene's nine keys would wrap to three
    lines under four lines of page. The footer keeps to one line, the first keys and "F1 all keys";
    F1 shows every key (the page gives the room back), and F1 again returns to one line. At 100% in
    the same window every key fits on one line and F1 is not offered."""
    from engine.frontends.window import widgets
    from engine.frontends.window.screens.scene import HINT
    app = bundled_at_200
    app.settings.high_contrast = True
    shown = []
    real_text = app.text

    def spying_text(s, *args, **kwargs):
        shown.append(s)
        return real_text(s, *args, **kwargs)
    app.text = spying_text
    app.start_role("sailor")

    def footer_and_lines():
        shown.clear()
        app.step([])
        app.draw()
        rect = next(d for d in app.drawn if d.what == "footer").rect
        return rect, len([d for d in app.drawn if d.what == "line"]), list(shown)

    one_line = app.fonts.get("OldStandard-Regular", app.px(0.026)).get_linesize()
    short, short_lines, texts = footer_and_lines()
    assert short.height < one_line * 1.5, "the keys take one line"
    assert any(t.startswith("Esc menu · ") and t.endswith(" · F1 all keys") for t in texts)
    app.step([key(pygame.K_F1)])
    every, every_lines, texts = footer_and_lines()
    assert every.height > one_line * 1.5 and every.top < short.top
    assert any(t.replace("\u00a0", " ") == HINT + " · F1 fewer keys" and "Backspace\u00a0back" in t
               for t in texts), "every key, and how to go back, each key's words kept together"
    assert every_lines < short_lines, "the page gave the keys its room"
    app.step([key(pygame.K_F1)])
    assert footer_and_lines()[0] == short
    app.settings.text_scale = 1.0
    assert widgets.fitting_hint(app, HINT, "OldStandard-Regular", app.px(0.026), app.pal.ink,
                                app.surface.get_width() * 94 // 100) == HINT


def test_home_and_end_reach_the_first_and_last_page_of_a_long_codex_entry(bundled_at_200):
    """The chronology runs to dozens of pages at 200% on a small window: End and Home jump to its
    last and first page rather than one page per key."""
    app = bundled_at_200
    chronology = next(cid for cid, entry in app.story.codex.items() if entry.kind == "chronology")
    app.start_role("sailor")
    app.open("codex", entry=chronology)
    app.step([])
    codex = app.top
    assert codex.page_count > 10
    app.step([key(pygame.K_END)])
    assert codex.page == codex.page_count - 1
    app.step([key(pygame.K_PAGEUP), key(pygame.K_HOME)])
    assert codex.page == 0


def test_the_window_opens_no_larger_than_the_screen_leaves_room_for():
    """On a 1024x600 netbook the window opens at 1024x520 (the panels and title bar stay visible), on a
    larger screen at 1280x720; an unknown screen gets 1280x720 and nothing goes below 640x360."""
    from engine.frontends.window.launch import fitting_window_size
    assert fitting_window_size((1024, 600)) == (1024, 520)
    assert fitting_window_size((1920, 1080)) == (1280, 720)
    assert fitting_window_size((1280, 800)) == (1280, 720)
    assert fitting_window_size((1280, 720)) == (1280, 640)
    assert fitting_window_size(None) == (1280, 720) and fitting_window_size((0, 0)) == (1280, 720)
    assert fitting_window_size((600, 300)) == (640, 360)


def test_leaving_full_screen_returns_to_the_window_size_it_opened_at(tmp_path, tiny):
    from engine.frontends.window import App
    app = App(tiny, seed=1, size=(1024, 520), saves=SaveStore(tmp_path))
    try:
        app.toggle_fullscreen(True)
        app.toggle_fullscreen(False)
        assert app.surface.get_size() == (1024, 520)
    finally:
        pygame.quit()
