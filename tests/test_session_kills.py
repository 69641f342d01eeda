"""Fifth round of mutation testing (issue 17): the session's save and resume code and the compiled cache's
entry point. Each test pins a safety check at its boundary or a refusal to its exact reason."""
from __future__ import annotations

import json
import os
import re
import stat
import time

import pytest

from conftest import FIXTURES
from engine import Game, load_story_or_raise
from engine.session.engine import (MAX_SESSION_BYTES, SESSION_FORMAT, SESSION_VERSION, Session, SessionError,
                                   check_name, read_session_file, session_path, sessions_dir)
from engine.session.planner import make_plan


@pytest.fixture(scope="module")
def story():
    return load_story_or_raise(FIXTURES / "classroom")


def _plan(story, students=7, periods=1):
    return make_plan(story, Game(story), students, 45, periods)


def _create(story, saves, name="lesson", **kwargs):
    return Session.create(story, name, _plan(story), saves=saves, **kwargs)


# -- names and paths: a session stays in its own folder under the sessions folder ----------------------
@pytest.mark.parametrize("name", ["a", "A9", "x" * 40, "a-b_c"])
def test_usable_session_names_make_a_path_inside_the_sessions_folder(tmp_path, name):
    assert check_name(name) == name
    assert session_path(name, tmp_path) == tmp_path / "sessions" / name / "session.json"
    assert sessions_dir(tmp_path) == tmp_path / "sessions"


@pytest.mark.parametrize("name", ["", None, "x" * 41, "../up", "a/b", ".hidden", "-x", "a b", "é"])
def test_a_name_that_could_leave_the_sessions_folder_is_refused_with_the_rules(tmp_path, name):
    with pytest.raises(SessionError) as caught:
        session_path(name, tmp_path)
    assert str(caught.value) == (f"{name!r} is not a usable session name: use up to 40 letters, digits, "
                                 f"'-' or '_'")


def test_without_a_saves_folder_sessions_go_under_the_default_one(monkeypatch, tmp_path):
    from engine.persistence import saves
    monkeypatch.setattr(saves, "default_saves_dir", lambda: tmp_path / "default")
    import engine.session.engine as engine_module
    monkeypatch.setattr(engine_module, "default_saves_dir", lambda: tmp_path / "default")
    assert sessions_dir() == tmp_path / "default" / "sessions"
    assert sessions_dir(None) == tmp_path / "default" / "sessions"


# -- creating a session ----------------------------------------------------------------------------
def test_a_new_session_file_holds_exactly_its_starting_state(story, tmp_path):
    before = time.strftime("%Y-%m-%d %H:%M")
    s = _create(story, tmp_path, seed=11, lang="ru")
    after = time.strftime("%Y-%m-%d %H:%M")
    on_disk = read_session_file(s.path)
    assert s.path == tmp_path / "sessions" / "lesson" / "session.json"
    assert on_disk["format"] == SESSION_FORMAT == "petrograd-session"
    assert on_disk["version"] == SESSION_VERSION == 1
    assert on_disk["name"] == "lesson"
    assert re.fullmatch(r"[0-9a-f]{16}", on_disk["id"])
    assert on_disk["created"] in (before, after)
    assert on_disk["story"] == {"id": story.id, "version": story.version, "content_hash": story.content_hash,
                                "title": story.title}
    assert on_disk["plan"] == s.plan.to_dict()
    roles = [g.role for g in s.plan.groups]
    assert list(on_disk["players"]) == roles
    for n, role in enumerate(roles):        # each group's dice from the session's seed, in the plan's order
        assert on_disk["players"][role]["seed"] == 11 + n
    assert on_disk["period"] == 1 and on_disk["last_role"] is None and on_disk["recorded"] is False
    assert on_disk["done_assemblies"] == [] and on_disk["finished"] == []
    assert on_disk["path_pos"] == {role: 0 for role in roles}
    assert on_disk["routes"] == {role: list(s.plan.route.get(role, [])) for role in roles}
    assert on_disk["news"] == {role: [] for role in roles}
    assert on_disk["lang"] == "ru"
    # advanced to the first thing someone must do, and saved as such
    assert on_disk["stage"] == s.stage and on_disk["stage"]["kind"] != "start"
    assert on_disk["clock"] == 0.0 and on_disk["log"] == []          # nothing narrated before the first scene
    assert "lang" not in read_session_file(_create(story, tmp_path, name="plain", seed=1).path)


def test_two_sessions_get_different_ids_and_without_a_seed_different_dice(story, tmp_path):
    a, b = _create(story, tmp_path, name="a"), _create(story, tmp_path, name="b")
    assert a.data["id"] != b.data["id"]
    seeds_a = [p.state.seed for p in a.players.values()]
    seeds_b = [p.state.seed for p in b.players.values()]
    assert seeds_a != seeds_b
    assert all(0 <= x < 2 ** 32 + len(seeds_a) for x in seeds_a + seeds_b)
    assert seeds_a == list(range(seeds_a[0], seeds_a[0] + len(seeds_a)))


def test_a_seed_of_zero_is_used_not_replaced(story, tmp_path):
    s = _create(story, tmp_path, seed=0)
    assert [p.state.seed for p in s.players.values()] == list(range(len(s.players)))


def test_a_session_name_in_use_is_refused_unless_overwritten_and_then_its_folder_goes(story, tmp_path):
    first = _create(story, tmp_path, seed=1)
    left = first.directory / "transcript-old.txt"
    left.write_text("the old session's records")
    with pytest.raises(SessionError) as caught:
        _create(story, tmp_path, seed=2)
    assert str(caught.value) == "a session named 'lesson' exists already; resume it, or choose another name"
    assert read_session_file(first.path)["id"] == first.data["id"]      # untouched
    again = _create(story, tmp_path, seed=2, overwrite=True)
    assert not left.exists()
    assert read_session_file(again.path)["id"] == again.data["id"] != first.data["id"]


def test_a_leftover_folder_without_a_session_file_is_cleared_on_create(story, tmp_path):
    folder = sessions_dir(tmp_path) / "lesson"
    folder.mkdir(parents=True)
    (folder / "stray.txt").write_text("x")
    s = _create(story, tmp_path, seed=1)
    assert sorted(p.name for p in s.directory.iterdir()) == ["session.json"]


def test_a_plan_naming_an_assembly_the_story_lacks_is_refused_and_nothing_is_made(story, tmp_path):
    plan = _plan(story)
    plan.assemblies = list(plan.assemblies) + ["no_such_meeting", "nor_this"]
    with pytest.raises(SessionError) as caught:
        Session.create(story, "lesson", plan, saves=tmp_path, seed=1)
    assert str(caught.value) == "the plan names assemblies the story does not have: no_such_meeting, nor_this"
    assert not (sessions_dir(tmp_path) / "lesson").exists()


def test_a_session_that_cannot_be_saved_leaves_no_folder_behind(story, tmp_path, monkeypatch):
    import engine.session.engine as engine_module

    def full_disk(path, data):
        path.parent.mkdir(parents=True, exist_ok=True)
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(engine_module, "atomic_write", full_disk)
    with pytest.raises(SessionError) as caught:
        _create(story, tmp_path, seed=1)
    path = session_path("lesson", tmp_path)
    assert str(caught.value) == f"could not save the session to {path}: No space left on device"
    assert not path.parent.exists()
    assert sessions_dir(tmp_path).is_dir()          # only the session's own folder goes

    def nothing_made(path, data):
        raise OSError(13, "Permission denied")
    monkeypatch.setattr(engine_module, "atomic_write", nothing_made)
    with pytest.raises(SessionError) as caught:        # no folder to remove: still the save's reason
        _create(story, tmp_path, seed=1)
    assert str(caught.value) == f"could not save the session to {path}: Permission denied"


def test_an_error_without_strerror_is_named_by_its_text(story, tmp_path, monkeypatch):
    s = _create(story, tmp_path, seed=1)
    import engine.session.engine as engine_module

    def refused(path, data):
        raise OSError("refused by the test")
    monkeypatch.setattr(engine_module, "atomic_write", refused)
    with pytest.raises(SessionError) as caught:
        s.save()
    assert str(caught.value) == f"could not save the session to {s.path}: refused by the test"


# -- saving: all or nothing, private, and read back the same -----------------------------------------
def test_a_save_replaces_the_file_whole_through_a_private_temporary_beside_it(story, tmp_path, monkeypatch):
    s = _create(story, tmp_path, seed=1)
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        src, dst = str(src), str(dst)
        assert os.path.dirname(src) == str(s.directory)
        assert stat.S_IMODE(os.stat(src).st_mode) == 0o600
        seen.append((os.path.basename(src), json.loads(open(src, encoding="utf-8").read())["clock"]))
        assert json.loads(open(dst, encoding="utf-8").read())["clock"] == 0.0 or len(seen) > 1
        real_replace(src, dst)
    monkeypatch.setattr(os, "replace", spy)
    s.data["clock"] = 12.5
    s.save()
    assert [name for name, _ in seen] and all(re.fullmatch(r"\.session\.json\.[a-z0-9_]{8}\.tmp", n)
                                              for n, _ in seen)
    assert seen[-1][1] == 12.5
    assert sorted(p.name for p in s.directory.iterdir()) == ["session.json"]
    assert stat.S_IMODE(s.path.stat().st_mode) == 0o600


def test_a_save_writes_every_players_current_state_in_utf8(story, tmp_path):
    s = _create(story, tmp_path, seed=1)
    role = next(iter(s.players))
    s.players[role].state.variables["note"] = "«Мир» — 1"
    s.save()
    raw = s.path.read_bytes()
    assert "«Мир» — 1".encode("utf-8") in raw        # not \u escapes: the file stays readable and small
    assert json.loads(raw)["players"][role] == s.players[role].state.to_dict()
    assert raw.startswith(b'{\n "format": "petrograd-session"')


def test_a_session_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_refused(story, tmp_path):
    s = _create(story, tmp_path, seed=1)
    assert MAX_SESSION_BYTES == 20_000_000
    with open(s.path, "ab") as handle:          # JSON may end in white space: still a valid session
        handle.write(b" " * (MAX_SESSION_BYTES - s.path.stat().st_size))
    assert Session.load(story, "lesson", saves=tmp_path).data["id"] == s.data["id"]
    with open(s.path, "ab") as handle:
        handle.write(b" ")
    with pytest.raises(SessionError) as caught:
        Session.load(story, "lesson", saves=tmp_path)
    assert str(caught.value) == "session.json is too large (20,000,001 bytes)"


# -- opening a session again ---------------------------------------------------------------------------
def test_a_resumed_session_starts_with_nobody_at_the_keyboard_and_nothing_to_tell(story, tmp_path):
    s = _create(story, tmp_path, seed=1)
    again = Session.load(story, "lesson", saves=tmp_path)
    assert again.keyboard is None and again.notes == []
    assert again.path == s.path and again.directory == s.directory
    assert set(again.assemblies) == {a.id for a in story.assemblies}
    assert {r: p.state.to_dict() for r, p in again.players.items()} == \
        {r: p.state.to_dict() for r, p in s.players.items()}


@pytest.mark.parametrize("damage", ["scene", "role", "players"])
def test_saved_stories_that_do_not_fit_the_story_are_refused_in_plain_words(story, tmp_path, damage):
    s = _create(story, tmp_path, seed=1)
    role = next(iter(s.data["players"]))
    if damage == "scene":
        s.data["players"][role]["scene"] = "no_such_scene"
    elif damage == "role":        # one group's story saved under another group
        s.data["players"][role]["role"] = next(r for r in s.data["players"] if r != role)
    else:
        s.data["players"][role] = {"nothing": "here"}
    s.path.write_text(json.dumps(s.data), encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        Session.load(story, "lesson", saves=tmp_path)
    assert str(caught.value).startswith("the session's saved stories do not fit this story (")
    if damage == "role":
        assert str(caught.value) == (f"the session's saved stories do not fit this story (the {role!r} group's "
                                     f"story is saved under the role {s.data['players'][role]['role']!r})")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_session_file_of_another_format_or_version_is_refused(story, tmp_path):
    s = _create(story, tmp_path, seed=1)
    data = dict(s.data)
    s.path.write_text(json.dumps({**data, "format": "petrograd-save"}), encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        Session.load(story, "lesson", saves=tmp_path)
    assert str(caught.value) == f"{s.path} is not a session file of this game"
    s.path.write_text(json.dumps({**data, "version": 2}), encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        Session.load(story, "lesson", saves=tmp_path)
    assert str(caught.value) == f"{s.path} was written by a session format this version does not know (2)"
    for section in ("story", "plan", "players", "stage", "log"):
        s.path.write_text(json.dumps({**data, section: "text"}), encoding="utf-8")
        with pytest.raises(SessionError) as caught:
            Session.load(story, "lesson", saves=tmp_path)
        assert str(caught.value) == f"{s.path} is damaged: its {section!r} section is missing"


def test_a_session_file_that_is_a_link_or_a_folder_is_not_read(story, tmp_path):
    s = _create(story, tmp_path, seed=1)
    s.path.unlink()
    s.path.mkdir()
    with pytest.raises(SessionError) as caught:
        Session.load(story, "lesson", saves=tmp_path)
    assert "folder" in str(caught.value)


# -- the records: written once the debrief is reached, idempotent, and remembered -----------------------
def _at_debrief(story, saves, name="lesson"):
    s = _create(story, saves, name=name, seed=1)
    s.request_debrief()
    assert s.stage["kind"] == "debrief"
    return s


def test_reaching_the_debrief_writes_the_records_and_remembers_it_on_disk(story, tmp_path):
    s = _at_debrief(story, tmp_path)
    assert s.data["recorded"] is True and read_session_file(s.path)["recorded"] is True
    assert any(p.suffix == ".csv" for p in s.directory.iterdir())


def test_records_that_cannot_be_written_stop_with_the_disks_reason(story, tmp_path, monkeypatch):
    import engine.session.debrief as debrief

    def full(session):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(debrief, "write_exports", full)
    s = _create(story, tmp_path, seed=1)
    with pytest.raises(SessionError) as caught:
        s.write_records()
    assert str(caught.value) == "could not write the session's records: No space left on device"
    assert caught.value.__suppress_context__

    def odd(session):
        raise OSError("no reason given")
    monkeypatch.setattr(debrief, "write_exports", odd)
    with pytest.raises(SessionError) as caught:
        s.write_records()
    assert str(caught.value) == "could not write the session's records: no reason given"
    assert s.data["recorded"] is False


@pytest.mark.parametrize("error", ["sqlite", "os"])
def test_statistics_that_cannot_be_recorded_are_a_note_and_are_tried_again_on_resume(story, tmp_path, monkeypatch,
                                                                                      error):
    import sqlite3
    import engine.session.stats as stats
    calls = []

    def broken(session):
        calls.append(session.data["id"])
        raise sqlite3.OperationalError("database is locked") if error == "sqlite" else OSError("disk gone")
    monkeypatch.setattr(stats, "record_session", broken)
    s = _at_debrief(story, tmp_path)
    reason = "database is locked" if error == "sqlite" else "disk gone"
    assert s.notes == [f"class statistics not recorded: {reason}"]
    assert s.data["recorded"] is False and read_session_file(s.path)["recorded"] is False
    monkeypatch.undo()
    again = Session.load(story, "lesson", saves=tmp_path)
    assert again.data["recorded"] is True and read_session_file(again.path)["recorded"] is True
    assert calls == [s.data["id"]]


def test_a_recorded_session_is_not_recorded_again_on_resume(story, tmp_path, monkeypatch):
    s = _at_debrief(story, tmp_path)
    import engine.session.stats as stats
    monkeypatch.setattr(stats, "record_session", lambda session: pytest.fail("recorded twice"))
    Session.load(story, "lesson", saves=tmp_path)


# -- a class on devices: creating, opening, submitting (engine/session/hosted.py) ------------------------
def _hosted(story, saves, name="live", **kwargs):
    from engine.session.hosted import HostedSession
    kwargs.setdefault("seed", 3)
    return HostedSession.create(story, name, make_plan(story, Game(story), 6, 45, 2), saves=saves, **kwargs)


def test_a_hosted_session_is_a_private_folder_holding_its_log_with_a_full_header(story, tmp_path):
    from engine.session.eventlog import EventLog
    from engine.session.hosted import CODE_ALPHABET
    before = time.strftime("%Y-%m-%d %H:%M")
    h = _hosted(story, tmp_path, decide="vote", lang="ru")
    after = time.strftime("%Y-%m-%d %H:%M")
    folder = tmp_path / "sessions" / "live"
    assert h.directory == folder and h.live.directory == folder and h.live.path == folder / "events.sqlite"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("events.sqlite-")) == ["events.sqlite"]
    log = EventLog(folder / "events.sqlite")
    meta = log.read_meta()
    log.close()
    assert meta["format"] == "petrograd-classroom-log" and meta["version"] == 1
    assert meta["name"] == "live" and meta["created"] in (before, after)
    assert meta["story"] == {"id": story.id, "version": story.version, "content_hash": story.content_hash,
                             "title": story.title}
    assert meta["plan"] == make_plan(story, Game(story), 6, 45, 2).to_dict()
    assert meta["seed"] == 3 and meta["decide"] == "vote" and meta["lang"] == "ru"
    assert len(meta["code"]) == 4 and set(meta["code"]) <= set(CODE_ALPHABET)
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", meta["teacher_token"])       # 24 random bytes
    assert h.teacher_token == meta["teacher_token"]
    assert set(meta["pacing"]) == {"play", "assemblies", "dropped", "minutes", "decisions"}
    from engine.session.pacing import pace
    paced = pace(story, make_plan(story, Game(story), 6, 45, 2))
    assert meta["pacing"] == json.loads(json.dumps({"play": paced.play, "assemblies": paced.assemblies,
                                                    "dropped": paced.dropped, "minutes": paced.minutes,
                                                    "decisions": paced.decisions}))
    assert h.version == 0 and h.listeners == [] and h.recent == {} and h.live.notes == []
    assert h.live.meta == meta


def test_hosted_sessions_get_their_own_code_token_and_seed(story, tmp_path):
    import hashlib
    codes, tokens, seeds = set(), set(), set()
    for n in range(12):
        h = _hosted(story, tmp_path, name=f"c{n}", seed=None)
        codes.add(h.code)
        tokens.add(h.teacher_token)
        seeds.add(h.live.meta["seed"])
        assert 0 <= h.live.meta["seed"] < 2 ** 31
        assert h.live.meta["decide"] == "shared" and h.live.meta["lang"] is None       # the defaults
        assert h.projector_token == hashlib.sha256(f"projector:{h.teacher_token}".encode()).hexdigest()[:32]
        assert h.is_projector(h.projector_token) and not h.is_teacher(h.projector_token)
    assert len(tokens) == 12 and len(seeds) > 1 and len(codes) > 1
    assert max(seeds) >= 2 ** 16          # drawn from the whole range below 2^31 (12 draws: never all this low)


def test_a_hosted_session_name_in_use_or_unusable_is_refused(story, tmp_path):
    _hosted(story, tmp_path)
    with pytest.raises(SessionError) as caught:
        _hosted(story, tmp_path)
    assert str(caught.value) == "a session named 'live' exists already; resume it, or choose another name"
    with pytest.raises(SessionError, match="is not a usable session name"):
        _hosted(story, tmp_path, name="../escape")
    assert not (tmp_path / "escape").exists()
    text = _create(story, tmp_path, name="text", seed=1)
    with pytest.raises(SessionError, match="exists already"):
        _hosted(story, tmp_path, name="text")
    assert read_session_file(text.path)["id"] == text.data["id"]


def test_a_hosted_session_that_cannot_be_made_leaves_no_folder(story, tmp_path, monkeypatch):
    from engine.session import hosted as hosted_module
    from engine.session.eventlog import LogError

    class Refusing(hosted_module.EventLog):
        def write_meta(self, meta):
            self.close()
            raise LogError("the disk said no")
    monkeypatch.setattr(hosted_module, "EventLog", Refusing)
    folder = tmp_path / "sessions" / "live"
    with pytest.raises(SessionError) as caught:
        _hosted(story, tmp_path)
    assert str(caught.value) == f"could not create the session in {folder}: the disk said no"
    assert caught.value.__suppress_context__
    assert not folder.exists() and (tmp_path / "sessions").is_dir()
    monkeypatch.undo()
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "sessions").write_text("a file where the sessions folder should be")    # mkdir: an OSError
    with pytest.raises(SessionError, match=r"^could not create the session in .*live: "):
        _hosted(story, blocked)
    assert (blocked / "sessions").read_text() == "a file where the sessions folder should be"


def test_opening_a_hosted_session_of_another_story_or_an_edited_one(story, tmp_path):
    import dataclasses
    from engine.session.hosted import HostedSession
    h = _hosted(story, tmp_path)
    h.log.close()
    with pytest.raises(SessionError) as caught:
        HostedSession.open(dataclasses.replace(story, id="another"), "live", saves=tmp_path)
    assert str(caught.value) == f"this session belongs to another story ({story.id!r})"
    edited = dataclasses.replace(story, content_hash="0" * 64)
    again = HostedSession.open(edited, "live", saves=tmp_path)
    assert again.live.notes == ["the story has changed since this session began; it was replayed on the new one"]
    again.log.close()
    same = HostedSession.open(story, "live", saves=tmp_path)
    assert same.live.notes == [] and same.version == 0


def test_a_hosted_log_without_a_story_in_its_header_is_another_storys(story, tmp_path):
    from engine.session.eventlog import EventLog
    from engine.session.hosted import HostedSession
    folder = tmp_path / "sessions" / "bare"
    folder.mkdir(parents=True)
    log = EventLog(folder / "events.sqlite")
    log.write_meta({"name": "bare"})
    with pytest.raises(SessionError) as caught:
        HostedSession(story, log, folder)
    assert str(caught.value) == "this session belongs to another story (None)"


def test_reopening_counts_each_event_once_and_keeps_the_devices(story, tmp_path):
    from engine.session.hosted import HostedSession
    h = _hosted(story, tmp_path)
    token, sid = h.join(h.code, "Ada")
    h.join(h.code, "Bo")
    assert h.version == 2
    h.log.close()
    again = HostedSession.open(story, "live", saves=tmp_path)
    assert again.version == 2
    assert again.live.student_of(token).id == sid


# -- submit: checked, committed, applied, acknowledged -------------------------------------------------
def test_a_submitted_event_is_stamped_to_a_tenth_of_a_second_unless_it_has_a_time(story, tmp_path, monkeypatch):
    h = _hosted(story, tmp_path)
    monkeypatch.setattr(time, "time", lambda: 1000.26)
    event = {"t": "joined", "student": "s1", "name": "Ada", "token": "x" * 64}
    h.submit(event)
    assert event["at"] == 1000.3
    given = {"t": "joined", "student": "s2", "name": "Bo", "token": "y" * 64, "at": 12.25}
    h.submit(given)
    assert given["at"] == 12.25
    assert [e["at"] for _, e in h.log.events()] == [1000.3, 12.25]


def test_a_refused_event_records_nothing_and_tells_nobody(story, tmp_path):
    from engine.session.live import Refused
    h = _hosted(story, tmp_path)
    told = []
    h.listeners.append(lambda: told.append(1))
    with pytest.raises(Refused):
        h.submit({"t": "no_such_kind"})
    assert list(h.log.events()) == [] and h.version == 0 and told == []


def test_an_event_the_log_cannot_take_is_a_session_error_and_is_not_applied(story, tmp_path):
    h = _hosted(story, tmp_path)
    told = []
    h.listeners.append(lambda: told.append(1))
    with pytest.raises(SessionError) as caught:
        h.submit({"t": "joined", "student": "s1", "name": "Ada", "token": "x" * 64, "pad": "x" * 9000})
    assert str(caught.value) == "that is too large to record"
    assert caught.value.__suppress_context__
    assert h.live.students == {} and h.version == 0 and told == []


def test_each_accepted_event_counts_once_and_tells_the_listeners_unless_asked_not_to(story, tmp_path):
    h = _hosted(story, tmp_path)
    told = []
    h.listeners.append(lambda: told.append("a"))
    h.listeners.append(lambda: told.append("b"))
    h.submit({"t": "joined", "student": "s1", "name": "Ada", "token": "x" * 64})
    assert h.version == 1 and told == ["a", "b"] and "s1" in h.live.students
    h.submit({"t": "joined", "student": "s2", "name": "Bo", "token": "y" * 64}, notify=False)
    assert h.version == 2 and told == ["a", "b"] and "s2" in h.live.students
    assert [e["student"] for _, e in h.log.events()] == ["s1", "s2"]
    h.submit({"t": "teacher", "do": "start"})
    assert h.live.stage == "play" and h.live.data["recorded"] is False     # records wait for the debrief
    assert sorted(p.name for p in h.directory.iterdir() if not p.name.startswith("events.sqlite")) == []


# -- `session list` for classes on devices ----------------------------------------------------------------
def test_a_hosted_session_is_described_by_its_header_and_its_joins(story, tmp_path):
    from engine.session.hosted import describe_hosted
    h = _hosted(story, tmp_path)
    h.join(h.code, "Ada")
    h.join(h.code, "Bo")
    plan = h.live.plan
    assert describe_hosted(h.directory) == (
        f"{story.title}, on students' devices, 2 joined of {plan.students}, {plan.periods} × "
        f"{plan.period_minutes} min, created {h.live.meta['created']} (petrograd session host live)")


def test_a_hosted_header_without_story_plan_or_date_is_described_with_placeholders(tmp_path):
    from engine.session.eventlog import EventLog
    from engine.session.hosted import describe_hosted
    folder = tmp_path / "bare"
    folder.mkdir()
    log = EventLog(folder / "events.sqlite")
    log.write_meta({"name": "bare"})
    log.close()
    assert describe_hosted(folder) == ("?, on students' devices, 0 joined of ?, ? × ? min, created ? "
                                       "(petrograd session host bare)")


def test_only_folders_holding_an_event_log_file_are_hosted_sessions(story, tmp_path):
    from engine.session.hosted import list_hosted
    assert list_hosted(tmp_path) == []
    _hosted(story, tmp_path, name="b_live")
    _hosted(story, tmp_path, name="a_live")
    _create(story, tmp_path, name="text", seed=1)
    (tmp_path / "sessions" / "c_folder" / "events.sqlite").mkdir(parents=True)
    (tmp_path / "sessions" / "d_file").write_text("")
    assert list_hosted(tmp_path) == ["a_live", "b_live"]


def _ended_with_records_failing(story, saves, monkeypatch):
    import engine.session.records as records
    h = _hosted(story, saves)
    for n in range(6):
        h.join(h.code, f"Kid{n}")
    h.teach(h.teacher_token, {"do": "start"})
    calls = []

    def full(*args, **kwargs):
        calls.append(1)
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(records, "write_live_records", full)
    h.teach(h.teacher_token, {"do": "end"})
    assert h.live.stage == "debrief" and h.live.data["recorded"] is False and calls == [1]
    assert not (h.directory / "debrief.txt").exists()
    return h, calls


def test_reopening_a_class_at_its_debrief_writes_the_records_a_failure_left_out(story, tmp_path, monkeypatch):
    from engine.session.hosted import HostedSession
    h, _calls = _ended_with_records_failing(story, tmp_path, monkeypatch)
    h.log.close()
    monkeypatch.undo()
    again = HostedSession.open(story, "live", saves=tmp_path)
    assert again.live.data["recorded"] is True and (again.directory / "debrief.txt").is_file()


def test_records_are_tried_after_each_event_at_the_debrief_until_written_then_not_again(story, tmp_path,
                                                                                      monkeypatch):
    import engine.session.records as records
    h, calls = _ended_with_records_failing(story, tmp_path, monkeypatch)
    h.submit({"t": "teacher", "do": "pause"})        # still failing: tried again, still not recorded
    assert calls == [1, 1] and h.live.data["recorded"] is False
    monkeypatch.undo()
    written = []
    original = records.write_live_records

    def counted(*args, **kwargs):
        written.append(1)
        return original(*args, **kwargs)
    monkeypatch.setattr(records, "write_live_records", counted)
    h.submit({"t": "teacher", "do": "resume"})
    assert written == [1] and h.live.data["recorded"] is True
    h.submit({"t": "teacher", "do": "pause"})
    assert written == [1]


# -- resume: the saved states as they are, unless the story was edited ------------------------------------
def _played_until(story, saves, stop, seed=24, mode="1"):
    from test_session import Policy
    s = Session.create(story, "played", make_plan(story, Game(story), 7, 45, 2), saves=saves, seed=seed)
    policy = Policy(s, seed=seed, mode=mode)
    for _unused in range(400):
        if stop(s):
            return s
        s.answer(policy.answer(s.prompt()))
    raise AssertionError("the session never got there")


def test_a_resume_on_the_same_story_keeps_outcomes_applied_before_the_assembly_is_logged(story, tmp_path):
    """Between a vote's outcomes and the assembly's log entry the saved states are ahead of the log: a
    resume must take them as saved (replaying the log would lose the outcomes)."""
    s = _played_until(story, tmp_path, lambda s: s.stage["kind"] == "assembly" and s.stage.get("step") == "result"
                      and s.stage.get("applied"))
    assert not any(e["t"] == "assembly" and e["id"] == s.stage["id"] for e in s.data["log"])
    again = Session.load(story, "played", saves=tmp_path)
    assert {r: p.state.to_dict() for r, p in again.players.items()} == \
        {r: p.state.to_dict() for r, p in s.players.items()}
    assert again.notes == []


def test_a_scene_renamed_in_the_edited_story_is_found_again_by_replaying_the_log(story, tmp_path):
    story_dir = tmp_path / "story"
    import shutil
    shutil.copytree(FIXTURES / "classroom", story_dir)
    first = load_story_or_raise(story_dir)
    s = _played_until(first, tmp_path / "saves", lambda s: s.stage["kind"] in ("debrief", "finished"))
    assert s.players["clerk"].state.scene == "c_end"
    clerk = story_dir / "scenes" / "clerk.yaml"
    clerk.write_text(clerk.read_text().replace("c_end", "c_finish"))
    edited = load_story_or_raise(story_dir)
    again = Session.load(edited, "played", saves=tmp_path / "saves")
    assert again.players["clerk"].state.scene == "c_finish"
    assert again.notes == ["the story has changed since this session began; it goes on from where it was"]


def test_a_group_the_plan_gives_no_route_starts_with_an_empty_one(story, tmp_path):
    plan = _plan(story)
    role = plan.groups[0].role
    del plan.route[role]
    s = Session.create(story, "lesson", plan, saves=tmp_path, seed=1)
    assert read_session_file(s.path)["routes"][role] == [] and s.current_route(role) == []
