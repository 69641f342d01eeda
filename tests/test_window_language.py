"""The window's Language setting: the story and the window's words switch together, a game goes on
at the same place, the choice is remembered, and roles a language lacks are marked in the menu."""
import json

import pygame
import pytest

from conftest import ROOT
from engine.persistence import SaveStore

HOLLIN = ROOT / "examples" / "hollin-light"


@pytest.fixture
def hollin_app(tmp_path):
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    from engine.i18n.words import set_language
    application = App(Game(load_story_or_raise(HOLLIN)), seed=1, size=(1280, 720), saves=SaveStore(tmp_path))
    application.settings.text_speed = 0
    yield application
    set_language(None)
    pygame.quit()


def test_switching_language_in_play_keeps_the_place_and_is_remembered(hollin_app, tmp_path):
    app = hollin_app
    assert set(app.languages()) == {"", "de"}
    app.start_role("keeper")
    before = app.player.state.to_dict()
    english_title = app.player.frame().title
    app.switch_language("de")
    assert app.player.state.to_dict()["scene"] == before["scene"]
    assert app.player.state.to_dict()["variables"] == before["variables"]
    assert app.player.frame().title != english_title         # the keeper's first title is translated
    assert app.story.roles["keeper"].name == "Die Wärterin"
    saved = json.loads((app.settings_path).read_text(encoding="utf-8"))
    assert saved["language"] == "de"
    app.switch_language("")
    assert app.player.frame().title == english_title and app.story.roles["keeper"].name != "Die Wärterin"


def test_the_remembered_language_is_used_at_start_and_play_lang_overrides_it(tmp_path):
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    from engine.i18n.words import set_language
    store = SaveStore(tmp_path)
    store.base.mkdir(parents=True, exist_ok=True)
    (store.base / "settings.json").write_text(json.dumps({"language": "de"}), encoding="utf-8")
    story = load_story_or_raise(HOLLIN)
    try:
        remembered = App(Game(story), size=(800, 600), saves=store)
        assert remembered.language == "de" and remembered.story.roles["keeper"].name == "Die Wärterin"
        told = App(Game(story), size=(800, 600), saves=store, language="")
        assert told.language == "" and told.story.roles["keeper"].name != "Die Wärterin"
    finally:
        set_language(None)
        pygame.quit()


def test_the_settings_row_steps_through_the_languages_and_roles_say_what_is_untranslated(hollin_app):
    app = hollin_app
    settings = app.open("settings")
    rows = settings.rows()
    row = next(n for n, r in enumerate(rows) if r[1] == "language")
    settings.change(row, 1)
    assert app.language == "de"
    app.pop()
    roles = app.open("roles")
    app.draw()
    # language.yaml of the example lists no role as translated whole: both are marked.
    assert app.untranslated_roles() == {"keeper", "mate"}
    assert any("not yet translated" in b.spoken or "(not yet translated)" in b.spoken for b in roles.buttons)


def test_a_save_card_names_the_role_and_scene_in_the_language_now_shown(hollin_app):
    """A game saved in English is listed in German after the switch (and back): the card looks the
    role and scene up by id in the story as now shown; a save whose scene the story no longer has
    keeps the names stored in it."""
    app = hollin_app
    app.start_role("keeper")
    english = (app.story.roles["keeper"].name, app.player.frame().title)
    app.quicksave()
    app.open("saves", mode="load")
    app.step([])

    def card_lines():
        return [d.what for d in app.drawn if d.kind == "label"]
    assert f"{english[0]}: {english[1]}" in card_lines()
    app.switch_language("de")
    app.step([])
    german = (app.story.roles["keeper"].name, app.story.scenes[app.player.state.scene].title)
    assert german != english and f"{german[0]}: {german[1]}" in card_lines()
    path = app.store.path_of("quicksave")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["scene"] = "a_scene_since_removed"
    path.write_text(json.dumps(data), encoding="utf-8")
    app.changed()
    app.step([])
    assert f"{german[0]}: {english[1]}" in card_lines()
