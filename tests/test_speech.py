"""Self-voicing: V reads the scene, the choices and the focused item aloud through espeak-ng, in a
child process; here espeak-ng writes each utterance to a WAV file instead of the speakers."""
import os
import shutil
import time
import wave

import pygame
import pytest

from engine.persistence import SaveStore

ESPEAK = shutil.which("espeak-ng")


def need_espeak():
    if ESPEAK is None:
        if os.environ.get("CI"):
            pytest.fail("espeak-ng is missing in CI: .ci/run installs it")
        pytest.skip("espeak-ng is not installed here (apt-get install espeak-ng)")


def key(k, u="", mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=u)


@pytest.fixture
def voiced(tiny, tmp_path):
    from engine.frontends.window import App
    from engine.frontends.window.speech import Voice
    from engine.frontends.window.theme import Settings
    settings = Settings()
    voice = Voice(settings, wav_dir=tmp_path / "wav")
    app = App(tiny, seed=1, saves=SaveStore(tmp_path / "saves"), voice=voice)
    voice.settings = app.settings
    app.settings.text_speed = 0
    yield app
    voice.stop()
    pygame.quit()


def seconds(path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def shown_words(app) -> str:
    """The words of the scene's page as drawn (the text of each word blitted)."""
    return app.top.page_words()


def test_v_reads_the_words_shown_and_the_choices(voiced):
    need_espeak()
    app = voiced
    app.start_role("guard")
    app.step([])
    app.step([key(pygame.K_v, "v")])
    assert app.settings.self_voicing
    app.step([])
    spoken = app.voice.spoken[-1]
    page = shown_words(app)
    assert page and page in spoken                              # the page, word for word
    for button in app.buttons:                                  # and every choice
        assert button.label.split(". ", 1)[1] in spoken
    app.step([key(pygame.K_DOWN)])                              # the focused choice is read as it moves
    assert app.voice.spoken[-1] == app.buttons[0].spoken
    app.voice.wait(60)
    wavs = [p for p in app.voice.wavs if p.exists()]
    assert wavs, "espeak-ng wrote no WAV"
    # A WAV per utterance, long enough for its words at the voice's rate (175 words a minute).
    last_long = max(wavs, key=seconds)
    assert seconds(last_long) > 0.5 * len(page.split()) * 60 / 175 / 2


def test_speech_never_stalls_a_frame(voiced):
    need_espeak()
    app = voiced
    app.toggle_voice()
    app.start_role("guard")
    started = time.perf_counter()
    app.step([])                   # draws and hands the page to the speech process
    elapsed = time.perf_counter() - started
    app.voice.wait(60)
    spoken_for = sum(seconds(p) for p in app.voice.wavs if p.exists())
    assert spoken_for > 1.0 and elapsed < spoken_for / 4


def test_the_voice_rate_is_a_setting(tiny, tmp_path):
    need_espeak()
    from engine.frontends.window.speech import Voice
    from engine.frontends.window.theme import Settings
    durations = {}
    for rate in (120, 300):
        settings = Settings(self_voicing=True, voice_rate=rate)
        voice = Voice(settings, wav_dir=tmp_path / str(rate))
        voice.say("The cruiser Aurora fired one blank shot from the Neva at twenty to ten.")
        voice.wait(60)
        durations[rate] = seconds(voice.wavs[0])
    assert durations[120] > 1.8 * durations[300]


def test_clipboard_voicing_hands_the_same_words_to_the_clipboard(tiny, tmp_path):
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    copied = []
    app.start_role("guard")
    app.step([key(pygame.K_c, "C", pygame.KMOD_SHIFT)])
    assert app.screen == "scene" and app.voice.enabled       # Shift+C is clipboard voicing, not the codex
    app.voice.clipboard = copied.append
    app.step([key(pygame.K_n, "n"), key(pygame.K_ESCAPE)])    # away and back: the page is read again
    assert copied and app.top.page_words() in copied[-1]
    app.voice.stop()
    pygame.quit()


def test_settings_and_menus_are_read_as_the_focus_moves(voiced):
    app = voiced
    app.voice.enabled = True
    app.voice.wav_dir = None            # words only: no espeak-ng needed
    app.voice.clipboard = lambda text: None
    app.step([])
    app.step([key(pygame.K_DOWN)])
    assert app.voice.spoken[-1] == "Load"
    app.open("settings")
    app.step([])
    assert app.voice.spoken[-1].startswith("Text size:") and "‹" not in app.voice.spoken[-1]


def test_the_voice_speaks_the_language_shown_not_its_letters_in_english(tmp_path):
    """Russian read by espeak's default English voice comes out letter by letter ("En o ve a ya..."),
    several times longer than the words; the language shown picks the voice that reads them."""
    need_espeak()
    from engine.frontends.window.speech import Voice, speech_command
    from engine.frontends.window.theme import Settings
    settings = Settings(self_voicing=True)
    words = "Новая игра. Загрузить. Настройки. Выход."
    durations = {}
    for language in ("", "ru"):
        voice = Voice(settings, wav_dir=tmp_path / (language or "default"))
        voice.language = language
        voice.say(words)
        voice.wait(60)
        durations[language] = seconds(voice.wavs[-1])
    assert "ru" in speech_command(175, None, "ru")
    assert durations["ru"] < 0.6 * durations[""]


def test_switching_the_language_switches_the_voice(tmp_path):
    from conftest import ROOT
    from engine import Game, load_story_or_raise
    from engine.frontends.window import App
    from engine.i18n.words import set_language
    app = App(Game(load_story_or_raise(ROOT / "examples" / "hollin-light")), seed=1, saves=SaveStore(tmp_path),
              language="de")
    try:
        assert app.voice.language == "de"
        app.switch_language("")
        assert app.voice.language == ""
    finally:
        set_language(None)
        pygame.quit()
