"""Every word the window draws or says of its own goes through gettext.

The engine's words are put in a pseudo-language (each Latin letter swapped for an accented one, the
placeholders kept) and the story is shown in its Russian translation, so nothing drawn should hold a
plain Latin letter: one that does is a word the window did not pass through _(). Every screen is
opened under the dummy video driver and every string the fonts render is caught at pygame's Font.
"""
import gettext
import re
from types import SimpleNamespace

import pygame

from conftest import jump_to
import pytest

from engine.persistence import SaveStore

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = "àƀçđéƒĝĥîĵķĺɱñôƥʠŕšŧûʋŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÔƤɊŔŠŦÛƲŴẊÝŽ"
SWAP = str.maketrans(LATIN, ACCENTED)
PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
# Latin that may stand in the window's own words whatever the language: none. What the test itself
# puts on screen (a fake diagnostic's code) is named here.
ALLOWED = re.compile(r"PG000")


def pseudo(message: str) -> str:
    """`message` with its letters swapped, its {placeholders} as they are."""
    return "".join(part if PLACEHOLDER.fullmatch(part) else part.translate(SWAP)
                   for part in PLACEHOLDER.split(message))


class Pseudo(gettext.NullTranslations):
    def gettext(self, message):
        return pseudo(message)


def unmarked(strings, quoted=()) -> list[str]:
    """The strings with a plain Latin letter, leaving out `quoted` (the story's own words in its
    original language, the sources it cites): a whole source in a longer text, or one of their words
    drawn alone (or a few, bound by no-break spaces)."""
    found = set()
    words = {word for source in quoted for word in source.split()}
    for s in strings:
        for source in quoted:
            s = s.replace(source, "")
        # A word is drawn with a one-letter word bound to it by a no-break space ("2\u00a0a.m."): its parts count.
        if not all(part in words for part in s.split()) and re.search("[A-Za-z]", ALLOWED.sub("", s)):
            found.add(s)
    return sorted(found)


def test_the_pseudo_language_keeps_placeholders():
    assert pseudo("Saved in {slot}.") == "Šàʋéđ îñ {slot}."
    assert pseudo("Page {page} of {pages}").format(page=2, pages=3) == "Ƥàĝé 2 ôƒ 3"


@pytest.fixture
def rendered(monkeypatch):
    """Every string any font renders from now on, and the pseudo-language installed."""
    from engine.i18n import words
    seen: list[str] = []
    original = pygame.font.Font

    class RecordingFont(original):
        def render(self, text, *args, **kwargs):
            seen.append(str(text))
            return super().render(text, *args, **kwargs)

    monkeypatch.setattr(pygame.font, "Font", RecordingFont)
    monkeypatch.setattr(words, "_current", Pseudo())
    yield seen
    words.set_language(None)


@pytest.fixture(scope="module")
def bundled():
    from conftest import ROOT
    from engine import Game, load_story_or_raise
    return Game(load_story_or_raise(ROOT / "story"))


def every_screen(app, story):
    """Open every screen of the window in turn, yielding its name once it is on top."""
    from engine.frontends.window.screens import make
    app.reset(make("title", app))
    yield "title"
    app.top.ask_quit()
    yield "title, asking to quit"
    app.top.cancel_quit()
    app.open("roles")
    yield "roles"
    role = "commissar"
    app.start_role(role)
    yield "scene"
    app.quicksave()                     # a message in the footer, and a card on the saves screen
    yield "scene, saved"
    scene = next(s for s in story.scenes.values()
                 if role in s.roles and s.counterfactual and s.content_note and not s.is_ending)
    jump_to(app, scene.id)
    app.play.arrived()
    app.show_scene()
    yield "scene leaving history, with a content note"
    app.top.page = 10 ** 6
    yield "scene, last page"
    app.top.step_forward()
    app.top.step_back()
    yield "scene, first decision"
    for name in ("menu", "note", "codex", "backlog", "settings", "flowchart", "map"):
        app.open(name)
        yield name
        app.pop()
    app.open("codex")
    app.top.ids = []
    yield "codex, empty"
    app.pop()
    app.set_setting("text_scale", 2.0)
    app.open("note")
    yield "note at 200%"
    app.pop()
    app.set_setting("text_scale", 1.0)
    for mode in ("load", "save"):
        app.open("saves", mode=mode)
        yield f"saves, {mode}"
        app.pop()
    ending = next(s for s in story.scenes.values() if s.is_ending and role in s.roles and s.note
                  and not s.ending.historical)
    jump_to(app, ending.id)
    app.show_scene()
    yield "ending scene"
    app.open("ending")
    yield "ending"
    diagnostic = SimpleNamespace(span="сцены:1:1", code="PG000", message="ошибка")
    reload = SimpleNamespace(story=None, errors=[diagnostic] * 60, diagnostics=[diagnostic] * 61,
                             changed=[])
    app.open("diagnostics", reload=reload)
    yield "diagnostics"
    app.pop()
    app.reset(make("title", app))
    app.play.player = None
    app.open("console")
    yield "console"
    app.top.run("состояние")          # before a game, only goto: the console says so
    yield "console, an error"
    app.pop()
    app.open("classroom")
    yield "classroom setup"


def test_every_word_the_window_draws_is_in_the_language_shown(bundled, rendered, tmp_path, monkeypatch):
    from engine import art
    from engine.frontends.window import App
    from engine.frontends.window.speech import Voice
    from engine.i18n import words
    from PIL import Image
    monkeypatch.setattr(art, "render_map", lambda holdings, size, **kw: Image.new("RGB", size, (200, 190, 170)))
    spoken: list[str] = []
    store = SaveStore.for_story(bundled.story.id, tmp_path / "saves")
    app = App(bundled, seed=1, size=(1024, 600), saves=store, language="ru")
    monkeypatch.setattr(words, "_current", Pseudo())      # the story in Russian, the window's words pseudo
    app.image = lambda art_id, wanted: pygame.Surface(wanted)
    app.settings.text_speed = 0
    app.voice = Voice(app.settings, clipboard=spoken.append)   # what self-voicing would say, caught
    app.voice.enabled = True
    failures = []
    for name in every_screen(app, app.story):
        del rendered[:], spoken[:]
        app._text_cache.clear()         # every string of the screen is rendered again, and so seen
        app.draw()
        if not rendered:
            failures.append(f"{name}: nothing rendered, so nothing checked")
        # Sources are cited as published, untranslated: the note shows them in their own language.
        quoted = app.player.frame().sources if name.startswith("note") else ()
        failures += [f"{name}: drawn {s!r}" for s in unmarked(rendered, quoted)]
        failures += [f"{name}: said {s[:120]!r}" for s in unmarked(spoken, quoted)]
    app.close()
    assert not failures, f"{len(failures)} words not through gettext, the first 20:\n" + "\n".join(failures[:20])


def test_the_projector_speaks_the_language_shown(rendered):
    """The projector of a class on devices, at every stage, from a view of the session in Russian."""
    from engine.frontends.window.projector import Projector
    import threading
    import time
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface((1024, 600))
    group = {"group": "g1", "label": "Группа 1", "role_name": "Комиссар", "students": [
        {"name": "Аня", "dropped": False}], "stamp": "1917-10-24 20:00", "time": "20:00", "status": "waiting",
        "decisions": 3}
    assembly = {"title": "Съезд", "time": "22:40", "place": "Смольный", "body": "Съезд Советов",
                "agenda": ["О власти"], "participants": [{"group": "g1", "label": "Группа 1", "role_name": "Комиссар",
                                                          "as": "делегат", "spoken": True}],
                "floor": "g1", "step": "vote", "motion": {"text": "Вся власть Советам", "options": [
                    {"id": "yes", "text": "За"}]}, "cast": 1, "voters": 2, "speeches": [
                    {"as": "делегат", "who": "Аня", "text": "Речь"}], "tally": {"yes": 1},
                "result": {"lines": ["", "Принято"]}}
    view = {"title": "Петроград", "name": "урок", "period": 1, "periods": 2, "paused": True, "code": "4821",
            "joined": ["Аня"], "groups": [group], "period_minutes": 45, "period_started_at": time.time() - 60,
            "next_assembly": {"title": "Съезд", "stamp": "1917-10-25 22:40"}, "assembly": assembly,
            "debrief": {"lines": ["ИТОГИ", "Группа 1 · решения"]}}
    hosted = SimpleNamespace(lock=threading.Lock(), live=SimpleNamespace(projector_view=lambda: dict(view)))
    projector = Projector(hosted, "http://127.0.0.1:8917/")
    projector.qr = None
    failures = []
    for stage in ("lobby", "play", "assembly", "break", "debrief"):
        view["screen"] = stage
        for step in ("vote", "speeches"):
            assembly["step"] = step
            del rendered[:]
            projector.draw(surface)
            failures += [f"{stage}: {s!r}" for s in unmarked(s.replace("http://127.0.0.1:8917/", "")
                                                             for s in rendered)]
    view["screen"] = "play"
    projector.key(pygame.K_e)           # asks to press E again
    del rendered[:]
    projector.draw(surface)
    failures += [f"asking to end: {s!r}" for s in unmarked(rendered)]
    assert not failures, "\n".join(failures[:20])


def test_the_russian_catalogue_translates_every_word():
    from engine.i18n.words import untranslated_words
    assert untranslated_words("ru") == []
