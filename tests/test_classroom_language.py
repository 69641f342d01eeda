"""A classroom session held in a language (`--lang ru`): the story's translation and the engine's own words
on the students' pages, the teacher's console, the projector, the printables and the text hotseat; the
language recorded so that resume keeps it; logs that name choices by the story's own words, so a session
goes on in another language."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from engine import Game
from engine.i18n.words import _ as translate, current_language, set_language
from engine.session.cli import load_story_for_sessions
from engine.session.planner import make_plan

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
STATIC = ROOT / "engine" / "frontends" / "web" / "static"
# Words the pages and scripts show in English; none may be left on a Russian page.
ENGLISH_UI = ("Role sheet", "First name", "Large text", "Reconnecting", "Type the code", "Teacher's console",
              "Projector", ">Join<", ">Map<", ">Codex<", ">Close<", 'lang="en"')


@pytest.fixture(autouse=True)
def english_afterwards():
    """The engine's words are one setting per process: put English back for the tests that follow."""
    yield
    set_language(None)


@pytest.fixture(scope="module")
def stories():
    english, code = load_story_for_sessions(None)
    russian, code = load_story_for_sessions(None, "ru")
    set_language(None)
    assert english is not None and russian is not None, code
    return english, russian


def hosted_in_russian(stories, saves):
    from engine.session.hosted import HostedSession
    english, russian = stories
    set_language("ru")
    plan = make_plan(russian, Game(russian), 6, 45, 2)
    return HostedSession.create(russian, "ru-class", plan, saves=saves, seed=3, lang="ru")


def script_msgids() -> set[str]:
    """Every word the browser scripts mark with _("...")."""
    from babel.messages.extract import extract_from_dir
    return {message for _f, _l, message, _c, _x in extract_from_dir(str(STATIC), [("**.js", "javascript")],
                                                                    keywords={"_": None}, comment_tags=())}


def test_every_word_of_the_browser_pages_has_a_russian_translation():
    from babel.messages.pofile import read_po
    from engine.i18n.words import catalogue_file
    with open(catalogue_file("ru"), "rb") as handle:
        have = {m.id: m.string for m in read_po(handle) if isinstance(m.id, str)}
    assert len(script_msgids()) > 100       # the scripts' words were found
    missing = sorted(m for m in script_msgids() if not have.get(m))
    assert not missing, missing
    server = (ROOT / "engine" / "frontends" / "web" / "server.py").read_text(encoding="utf-8")
    page_words = re.findall(r'N_\("([^"]+)"\)', server)
    assert page_words and all(have.get(w) for w in page_words), [w for w in page_words if not have.get(w)]


def test_a_russian_session_serves_russian_pages(stories, tmp_path):
    starlette_testclient = pytest.importorskip("starlette.testclient")
    from engine.frontends.web.server import create_app
    hosted = hosted_in_russian(stories, tmp_path)
    client = starlette_testclient.TestClient(create_app(hosted))
    for path in ("/", "/teacher", "/projector"):
        page = client.get(path).text
        assert '<html lang="ru">' in page, path
        assert "Петроград 1917" in page, path
        shown = re.sub(r'<meta name="words" content="[^"]*">', "", page)    # (the dictionary's keys are English)
        for word in ENGLISH_UI:
            assert word not in shown, f"{word!r} in {path}"
        words = json.loads(re.search(r'<meta name="words" content="([^"]*)">', page)[1].replace("&quot;", '"')
                           .replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        # every word the scripts mark, in Russian (a translation the same as the English needs no entry)
        assert set(words) <= script_msgids() and len(words) > 100
        assert all(translate(m) == m for m in script_msgids() - set(words))
        assert words["Role sheet"] == "Лист роли" and all(CYRILLIC.search(v) or not CYRILLIC.search(k)
                                                            for k, v in words.items())
    student = client.get("/").text
    assert re.search(r'<h1 class="title">Петроград 1917</h1>', student)
    assert "Введи код с экрана учителя и своё имя." in student


def test_a_russian_session_sends_russian_views_and_refusals(stories, tmp_path):
    hosted = hosted_in_russian(stories, tmp_path)
    token, sid = hosted.join(hosted.code, "Аня")
    view = hosted.live.student_view(token)
    assert view["me"]["group_label"].startswith("Группа ")
    assert view["role_sheet"]["name"] and CYRILLIC.search(view["role_sheet"]["name"])
    from engine.session.live import Refused
    with pytest.raises(Refused, match="это не код этого класса"):
        hosted.join("ZZZZ", "Боря")
    scene = hosted.story.roles[hosted.live.students[sid].group].start
    with pytest.raises(Refused, match="не сейчас: занятие ещё не началось"):
        hosted.act(token, {"type": "choose", "scene": scene, "n": 1})


def test_the_session_keeps_its_language_and_its_log_names_choices_in_the_storys_own_words(stories, tmp_path):
    from engine.session.eventlog import LOG_NAME, EventLog
    from engine.session.hosted import HostedSession
    from engine.session.language import recorded_language
    english, russian = stories
    hosted = hosted_in_russian(stories, tmp_path)
    token, sid = hosted.join(hosted.code, "Аня")
    hosted.teach(hosted.teacher_token, {"do": "start"})
    view = hosted.live.student_view(token)
    assert view["screen"] == "scene", view["screen"]
    scene = view["scene"]
    hosted.act(token, {"type": "choose", "scene": scene["id"], "n": 1, "ref": 1})
    role = hosted.live.students[sid].group
    where = hosted.live.players[role].state.scene
    assert recorded_language("ru-class", tmp_path) == "ru"
    log = EventLog(tmp_path / "sessions" / "ru-class" / LOG_NAME)
    chose = [e for _unused, e in log.events() if e.get("t") == "chose"]
    log.close()
    source = english.scenes[scene["id"]].choices[chose[0]["index"]].text
    assert chose and chose[0]["text"] in (source, re.sub(r"[*_]", "", source))    # the English, not the Russian shown
    assert not CYRILLIC.search(chose[0]["text"])
    hosted.log.close()
    set_language(None)
    again = HostedSession.open(english, "ru-class", tmp_path)       # resumed in English: the same place
    assert again.live.players[role].state.scene == where
    assert not again.live.notes, again.live.notes
    again.log.close()


def test_resume_keeps_the_language_a_hotseat_session_was_created_in(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    new = subprocess.run([sys.executable, "-m", "engine", "session", "new", "--period", "45", "--students", "6",
                          "--name", "ru-hot", "--seed", "4", "--lang", "ru", "--text", "--saves", str(tmp_path)],
                         input="\n:quit\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert new.returncode == 0, new.stderr[-2000:]
    data = json.loads((tmp_path / "sessions" / "ru-hot" / "session.json").read_text(encoding="utf-8"))
    assert data["lang"] == "ru"
    resumed = subprocess.run([sys.executable, "-m", "engine", "session", "resume", "ru-hot", "--text",
                              "--saves", str(tmp_path)],
                             input=":quit\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "ПЕРЕДАТЬ: " in resumed.stdout and "Остановлено. Занятие сохранено" in resumed.stdout
    assert "Press Enter" not in resumed.stdout and "PASS TO" not in resumed.stdout
    english = subprocess.run([sys.executable, "-m", "engine", "session", "resume", "ru-hot", "--text", "--lang", "en",
                              "--saves", str(tmp_path)],
                             input=":quit\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert english.returncode == 0 and "PASS TO " in english.stdout, english.stderr[-2000:]


def test_the_text_hotseat_speaks_russian(stories, tmp_path):
    import io
    from engine.session.engine import Session
    from engine.session.textui import SessionTextUI
    english, russian = stories
    set_language("ru")
    plan = make_plan(russian, Game(russian), 6, 45, 1)
    session = Session.create(russian, "ru-text", plan, saves=tmp_path, seed=5, lang="ru")
    lines = iter(["\n", "1\n", ":help\n", ":quit\n"])
    out = io.StringIO()
    assert SessionTextUI(session, lambda: next(lines, ""), out, echo_input=True).run() == 0
    shown = out.getvalue()
    assert "ПЕРЕДАТЬ: " in shown and "Команды (их можно вводить в любой момент)" in shown
    assert "экран очищен" in shown
    for english_word in ("Press Enter", "Type the number", "Commands (type", "screen cleared", "Stopped."):
        assert english_word not in shown, english_word


def test_russian_printables_have_cyrillic_headings_in_fonts_that_have_the_letters(stories, tmp_path):
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader
    from engine.session.pdf import FACES, FONT_DIR, pdf_bytes, to_html
    from engine.session.printables import assembly_blocks, role_sheet, write_printables
    english, russian = stories
    set_language("ru")
    role = next(iter(russian.roles))
    blocks = role_sheet(russian, role)
    page = to_html(blocks, russian.title)
    assert '<html lang="ru">' in page and "<h2>Кто вы (это могут знать все)</h2>" in page
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf_bytes(blocks, russian.title))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    assert "Кто вы (это могут знать все)" in text and "Только для вашей группы" in text
    assert "стр. 1/" in text and "page 1/" not in text
    ballots = " ".join(" ".join(b.lines) for b in assembly_blocks(russian) if b.kind == "box")
    assert "БЮЛЛЕТЕНЬ" in ballots and "Воздерживаюсь" in ballots
    shown = {ch for b in blocks for ch in (b.text + "".join(b.lines)) if not ch.isspace()}
    for face in FACES.values():          # every letter printed has a glyph: no empty boxes
        cmap = TTFont(FONT_DIR / face).getBestCmap()
        assert not sorted(ch for ch in shown if ord(ch) not in cmap), face
    written = write_printables(russian, tmp_path / "printables", pdf=False)
    index = (tmp_path / "printables" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in index and "Листы ролей" in index and "Пособие для учителя" in index
    guide = (tmp_path / "printables" / "teacher-guide.html").read_text(encoding="utf-8")
    assert "<h1>Как проходит занятие</h1>" in guide and "<h1>How a session runs</h1>" not in guide
    assert len(written) > 3
    assert current_language() == "ru"


def test_a_student_joins_and_plays_in_russian_in_a_browser(stories, tmp_path):
    """The real server (uvicorn on 127.0.0.1, port 0, in a thread) and headless Chromium at phone size:
    every word the page shows is the session's language, the student's own name kept as typed."""
    from browser import chromium, need_chromium
    need_chromium()
    from selenium.webdriver.common.by import By
    from engine.frontends.web.server import start_in_thread
    hosted = hosted_in_russian(stories, tmp_path)
    server, port = start_in_thread(hosted)
    driver = chromium(390, 844)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        assert driver.execute_script("return document.documentElement.lang") == "ru"
        assert driver.find_element(By.ID, "join-go").text == "Войти"
        driver.find_element(By.ID, "join-go").click()            # nothing typed: the client's own error
        assert driver.find_element(By.ID, "join-error").text == "Введи код с экрана учителя."
        driver.find_element(By.ID, "join-code").send_keys(hosted.code)
        driver.find_element(By.ID, "join-name").send_keys("<b>Аня</b>")
        driver.find_element(By.ID, "join-go").click()

        def text():
            return driver.execute_script("return document.body.innerText")
        import time
        deadline = time.time() + 20
        while "Добро пожаловать" not in text() and time.time() < deadline:
            time.sleep(0.1)
        assert "Добро пожаловать, <b>Аня</b>" in text()          # typed words stay text
        hosted.teach(hosted.teacher_token, {"do": "start"})
        deadline = time.time() + 20
        while "Страница 1 из" not in text() and "Введи" not in text() and time.time() < deadline:
            time.sleep(0.1)
        shown = text()
        assert "Лист роли" in shown and "Справочник" in shown and CYRILLIC.search(shown)
        english = [w for w in ("Role sheet", "Codex", "Large text", "Next page", "Back", "Page 1 of", "Group ",
                               "Waiting", "Continue", "Decide together") if w in shown]
        assert not english, english
    finally:
        driver.quit()
        server.should_exit = True
