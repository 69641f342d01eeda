"""A classroom session played through the window (headless), by keys and clicks, to the end."""
import collections

import pygame
import pytest

from conftest import FIXTURES, small_window_at_200, step_down_every_row_keeping_readable_type
from engine import Game, load_story_or_raise
from engine.persistence import SaveStore


def key(k, u=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=u)


@pytest.fixture
def app(tmp_path):
    from engine.frontends.window import App
    story = load_story_or_raise(FIXTURES / "classroom")
    application = App(Game(story), seed=1, saves=SaveStore.for_story(story.id, tmp_path))
    application.settings.text_speed = 0
    yield application
    pygame.quit()


def test_a_whole_session_in_the_window(app, tmp_path):
    app.step([])
    labels = [b.label for b in app.buttons]
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=app.buttons[labels.index("Classroom")].rect.center)])
    assert app.screen == "classroom" and app.top.mode == "setup"
    app.step([key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_LEFT), key(pygame.K_LEFT)])   # 10 students
    assert app.top.setup.students == 10
    app.step([key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_RETURN)])        # past Names, start
    assert app.top.mode == "play", app.top.error
    session = app.top.session
    kinds = collections.Counter()
    show_of_hands_done = False
    for _ in range(1000):
        p = session.prompt()
        kinds[p.kind] += 1
        app.dirty = True
        app.step([])
        if p.kind == "finished":
            break
        if p.kind == "handoff":
            # Private information: the hand-off screen shows no scene text, only whose turn it is.
            assert [b.label for b in app.buttons] == ["continue"]
            app.step([key(pygame.K_RETURN)])
        elif p.kind == "vote_mode" and not show_of_hands_done:
            app.step([key(pygame.K_2, "2")])                    # the teacher counts hands
            show_of_hands_done = True
        elif p.kind == "tally":
            motion = session.assemblies[session.stage["id"]].motions[session.stage["motion"]]
            count = len(motion.options) + 2                     # each option, abstaining, walking out
            for ch in " ".join(["6", "4"] + ["0"] * (count - 2)):
                app.step([key(0, ch)])
            app.step([key(pygame.K_RETURN)])
        elif p.options:
            assert len(app.buttons) == len(p.options)
            app.step([key(pygame.K_1, "1")])
        else:
            app.step([key(pygame.K_RETURN)])
    assert kinds["finished"] == 1 and kinds["tally"] >= 1 and kinds["vote"] >= 1 and kinds["handoff"] >= 1
    folder = session.directory
    assert (folder / "transcript.html").exists() and (folder / "votes.csv").exists()


def test_blank_screen_and_timer(app):
    room = app.open("classroom")
    app.step([])
    room.setup.students = 8
    room.start_new()
    app.step([key(pygame.K_b, "b")])
    assert room.blank
    assert all(app.surface.get_at((x, 100))[:3] == (0, 0, 0) for x in range(0, 1280, 97))
    app.step([key(pygame.K_b, "b")])
    assert not room.blank
    app.step([key(pygame.K_t, "t")])
    assert room.timer_end is not None
    app.step([key(pygame.K_t, "t")])
    assert room.timer_end is None


def test_page_down_on_the_last_page_of_a_private_turn_takes_no_choice(app):
    """A clicker's Page Down reads on, but never answers for a group (issue 13, defect 3)."""
    room = app.open("classroom")
    app.step([])
    room.setup.students = 8
    room.start_new()
    session = room.session
    for _ in range(50):                       # to the first prompt with choices (a group's private turn)
        app.dirty = True
        app.step([])
        if session.prompt().options:
            break
        app.step([key(pygame.K_RETURN)])
    prompt = session.prompt()
    assert prompt.options
    while room.page < room.page_count - 1:
        app.step([key(pygame.K_PAGEDOWN)])
    before = (session.prompt().kind, session.prompt().title, len(session.data.get("events", session.data)))
    app.step([key(pygame.K_PAGEDOWN), key(pygame.K_PAGEDOWN)])
    after = (session.prompt().kind, session.prompt().title, len(session.data.get("events", session.data)))
    assert after == before and session.prompt() == prompt


def test_the_classroom_screen_hosts_a_class_on_devices(app):
    """The window's Classroom screen offers what `session host` does: this window becomes the projector
    and students join from a browser (here, a plain HTTP join)."""
    import json
    import urllib.request
    app.step([])
    room = app.open("classroom")
    app.step([])
    labels = [b.label for b in room.buttons]
    row = next(b for b in room.buttons if b.label.startswith("Start on students' devices: this machine only"))
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=row.rect.center)])
    assert app.screen == "devices", (labels, room.error)
    devices = app.top
    try:
        url = devices.projector.url
        assert url.startswith("http://127.0.0.1:")
        req = urllib.request.Request(url + "api/join", data=json.dumps({"code": devices.hosted.code, "name": "Ana"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert json.loads(r.read())["token"]
        app.step([])
        assert [s.name for s in devices.hosted.live.students.values()] == ["Ana"]
        app.step([key(pygame.K_s)])                             # start the class from the projector
        assert devices.hosted.live.stage == "play"
    finally:
        app.step([key(pygame.K_ESCAPE)])
    assert app.screen == "classroom" and devices.server.should_exit


def test_setup_takes_the_class_names_and_p_makes_the_projector_type_larger(app):
    """Teacher findings: setup could not take names; P offered nothing larger than the default size."""
    app.step([])
    room = app.open("classroom")
    app.step([])
    app.step([key(pygame.K_DOWN)] * 3)                          # the Names row
    assert room.focus == 3
    app.step([key(0, ch) for ch in "Ana,Ben,Cleo,Dan,Eva,Finn"])
    assert room.setup.names == "Ana,Ben,Cleo,Dan,Eva,Finn" and room.setup.students == 6
    app.step([key(pygame.K_BACKSPACE)])
    assert room.setup.names.endswith("Fin")
    app.step([key(0, "n"), key(pygame.K_DOWN), key(pygame.K_RETURN)])
    assert room.mode == "play", room.error
    assert [g.students for g in room.session.plan.groups] and \
        sorted(n for g in room.session.plan.groups for n in g.students) == sorted("Ana,Ben,Cleo,Dan,Eva,Finn".split(","))
    sizes = []
    for _ in range(4):
        sizes.append(room.scale(0.03))
        app.step([key(pygame.K_p)])
    assert max(sizes) > app.px(0.03) * 1.5 and len(set(sizes)) == 4


def test_a_number_pressed_before_the_last_page_is_not_kept_and_the_choice_still_works(app):
    """Found playing the hotseat at 200% type: a group pressed 1 on page 1 of 2, paged down, and 1 then did
    nothing, because the early key had been kept as unseen typing."""
    room = app.open("classroom")
    app.step([])
    room.setup.students = 8
    room.start_new()
    session = room.session
    app.settings.text_scale = 2.0
    for _ in range(80):                       # to a prompt with choices whose text takes two pages or more
        app.dirty = True
        app.step([])
        if session.prompt().options and room.page_count > 1:
            break
        if session.prompt().options:
            app.step([key(pygame.K_1, "1")])
        else:
            app.step([key(pygame.K_RETURN)])
    prompt = session.prompt()
    assert prompt.options and room.page_count > 1, "no prompt with choices ran over a page"
    app.step([key(pygame.K_1, "1"), key(pygame.K_x, "x")])
    assert session.prompt() == prompt and room.typed == ""
    while room.page < room.page_count - 1:
        app.step([key(pygame.K_PAGEDOWN)])
        app.dirty = True
        app.step([])
    app.step([key(pygame.K_1, "1")])
    assert session.prompt() != prompt


def test_the_setup_keeps_readable_type_at_200_percent_and_scrolls_to_every_row(tmp_path):
    """At 200% text in a 1024x600 window the setup's eight rows do not fit: they scroll with the
    focus rather than shrinking, and ←/→ still change the row in view."""
    story = load_story_or_raise(FIXTURES / "classroom")
    app = small_window_at_200(story, tmp_path)
    try:
        app.open("classroom")
        app.step([])
        setup = app.top
        step_down_every_row_keeping_readable_type(app, setup, 0.036)
        assert setup.focus == 0 and any(d.what == "more below" for d in app.drawn)
        periods = setup.setup.periods
        app.step([key(pygame.K_DOWN), key(pygame.K_RIGHT)])
        assert setup.setup.periods != periods
        app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3)])
        assert setup.focus == 4 and setup.buttons[4].rect.width
        above = next(rect for rect, step in setup.marks if step == -1)
        app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=above.center)])
        assert setup.focus == 3
    finally:
        pygame.quit()
