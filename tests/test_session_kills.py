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
    assert on_disk["clock"] == s.data["clock"] and on_disk["log"] == s.data["log"]
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
