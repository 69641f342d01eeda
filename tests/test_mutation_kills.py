"""Tests written to kill the mutants that survived in the safety checks of the saves, the file
reader, the YAML reader and the expressions (README, "Reliability"): each pins a limit at its
boundary or a refusal to its exact reason."""
import os
import time
from pathlib import Path

import pytest

from engine.persistence.saves import (MAX_SAVE_BYTES, SaveError, SaveStore, atomic_write, check_slot_name,
                                      read_envelope, remove_stale_temporaries)
from engine.safefile import FileTooLarge, NotRegularFile, open_regular, read_bounded_fd, read_regular, read_upto


# -- the bounded reader ---------------------------------------------------------------------------------
def _pipe(data: bytes) -> int:
    r, w = os.pipe()
    os.write(w, data)
    os.close(w)
    return r


@pytest.mark.parametrize("size", [0, 1, 9, 10])
def test_a_stream_up_to_the_limit_is_read_whole(size):
    fd = _pipe(b"y" * size)
    try:
        assert read_bounded_fd(fd, "p", 10) == b"y" * size
    finally:
        os.close(fd)


@pytest.mark.parametrize("size", [11, 12, 5000])
def test_a_stream_past_the_limit_is_refused_after_one_byte_more(size):
    """A file that grew after fstat: reading stops one byte past the limit."""
    fd = _pipe(b"y" * size)
    try:
        with pytest.raises(FileTooLarge) as caught:
            read_bounded_fd(fd, "p", 10)
        assert caught.value.size == 11 and caught.value.limit == 10
        assert os.read(fd, 1 << 16) == b"y" * (size - 11)      # nothing more was taken
    finally:
        os.close(fd)


def test_a_larger_file_than_the_first_read_is_read_to_its_end(tmp_path):
    """`expected` is only a hint for the first read: a regular file is read to its end."""
    path = tmp_path / "f"
    path.write_bytes(b"z" * 3_000_000)
    fd, _ = open_regular(path)
    try:
        assert read_bounded_fd(fd, path, 4_000_000, expected=10) == b"z" * 3_000_000
    finally:
        os.close(fd)
    assert read_regular(path, 3_000_000) == b"z" * 3_000_000


def test_read_upto_stops_at_the_count_or_the_end():
    fd = _pipe(b"abcdef")
    try:
        assert read_upto(fd, 4) == b"abcd"
        assert read_upto(fd, 4) == b"ef"
        assert read_upto(fd, 4) == b""
        assert read_upto(fd, 0) == b""
    finally:
        os.close(fd)


def test_too_large_says_how_large_and_the_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"1" * 1234)
    with pytest.raises(FileTooLarge, match=r"big.json is too large \(1,234 bytes; the limit is 1,000\)"):
        read_regular(path, 1000)


def test_what_is_not_a_file_is_named(tmp_path):
    os.mkfifo(tmp_path / "p")
    with pytest.raises(NotRegularFile, match=r"p is a pipe \(FIFO\), not a file"):
        read_regular(tmp_path / "p", 10)
    with pytest.raises(NotRegularFile, match="is a device"):
        read_regular("/dev/null", 10)
    with pytest.raises(NotRegularFile, match="is a folder"):
        read_regular(tmp_path, 10)
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "nothing", 10)


def test_open_regular_leaves_no_descriptor_open_when_it_refuses(tmp_path):
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with pytest.raises(NotRegularFile):
            open_regular(tmp_path)
    assert len(os.listdir("/proc/self/fd")) == before


# -- saves -----------------------------------------------------------------------------------------------
DAMAGED_REASONS = {
    "truncated": (lambda good: good[: len(good) // 2], "bad.json is damaged: it is not complete JSON"),
    "binary": (lambda good: bytes(range(256)), "bad.json is damaged: it is not complete JSON"),
    "foreign": (lambda good: b'{"hello": "world"}', "bad.json is not a save file of this game"),
    "other_format": (lambda good: good.replace(b'"petrograd-save"', b'"petrograd-session"'),
                     "bad.json is not a save file of this game"),
    "list": (lambda good: b"[1, 2, 3]", "bad.json is not a save file of this game"),
    "future": (lambda good: good.replace(b'"version": 1,', b'"version": 2,', 1),
               "bad.json was written by a save format this version does not know (2)"),
    "no_version": (lambda good: good.replace(b'"version": 1,', b'"versio": 1,', 1),
                   "bad.json was written by a save format this version does not know (None)"),
    "no_state": (lambda good: good.replace(b'"state":', b'"stat":'), "bad.json is damaged: its 'state' section is missing"),
    "no_meta": (lambda good: good.replace(b'"meta":', b'"met":'), "bad.json is damaged: its 'meta' section is missing"),
    "story_not_a_block": (lambda good: good.replace(b'"story": {', b'"story": 1, "x": {', 1),
                          "bad.json is damaged: its 'story' section is missing"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGED_REASONS))
def test_each_damaged_save_says_why(tiny, tmp_path, kind):
    store = SaveStore(tmp_path)
    good = store.save(tiny.new_player("guard", 1), "good")
    damage, reason = DAMAGED_REASONS[kind]
    (tmp_path / "bad.json").write_bytes(damage(good.read_bytes()))
    with pytest.raises(SaveError) as info:
        store.load(tiny, "bad")
    assert str(info.value).startswith(reason), str(info.value)


def test_a_missing_save_is_named(tiny, tmp_path):
    with pytest.raises(SaveError, match=r"^no save named 'nothing'$"):
        SaveStore(tmp_path).load(tiny, "nothing")


def test_read_envelope_checks_every_section_it_is_given(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "f", "version": 3, "a": {}, "b": []}')
    found = read_envelope(path, 1000, kind="thing", fmt="f", version=3, sections=(("a", dict), ("b", list)),
                          error=SaveError, missing="none", shown="x")
    assert found["b"] == []
    with pytest.raises(SaveError, match="its 'b' section is missing"):
        read_envelope(path, 1000, kind="thing", fmt="f", version=3, sections=(("a", dict), ("b", dict)),
                      error=SaveError, missing="none", shown="x")
    with pytest.raises(SaveError, match=r"^x.json is too large \(47 bytes\)$"):
        read_envelope(path, 10, kind="thing", fmt="f", version=3, sections=(), error=SaveError, missing="none", shown="x")
    with pytest.raises(SaveError, match="^none$"):
        read_envelope(tmp_path / "y.json", 10, kind="thing", fmt="f", version=3, sections=(), error=SaveError,
                      missing="none", shown="y")


@pytest.mark.parametrize("name", ["a", "x" * 40, "A-b_9", "9lives"])
def test_usable_slot_names(name):
    assert check_slot_name(name) == name


@pytest.mark.parametrize("name", ["x" * 41, "-a", "_a", "a.json", "a\n", "ä"])
def test_unusable_slot_names(name):
    with pytest.raises(SaveError, match="is not a usable save name"):
        check_slot_name(name)


@pytest.mark.parametrize("story_id", ["", "../x", "x" * 65, ".x", "a/b"])
def test_a_story_id_that_cannot_name_a_folder(story_id, tmp_path):
    with pytest.raises(SaveError, match="cannot name a folder"):
        SaveStore.for_story(story_id, tmp_path)
    assert SaveStore.for_story("x" * 64, tmp_path).directory == tmp_path / ("x" * 64)


def test_an_atomic_write_that_fails_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "slot.json"
    atomic_write(path, b"old")

    def refused(src, dst):
        raise OSError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slot.json"]
    atomic_write(tmp_path / "deeper" / "x.json", b"new")      # makes its folder
    assert (tmp_path / "deeper" / "x.json").read_bytes() == b"new"


def test_only_old_temporaries_of_ours_are_removed(tmp_path):
    old = time.time() - 3600
    names = {".autosave.json.abcd1234.tmp": True, ".a.png.zzzzzzzz.tmp": True, ".a.json.abc.tmp": False,
             "autosave.json.abcd1234.tmp": False, ".a.txt.abcd1234.tmp": False, ".a.json.abcd1234.tmp.x": False,
             ".a.json.ABCD1234.tmp": False}
    for name in names:
        (tmp_path / name).write_text("{")
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".new.json.abcd1234.tmp").write_text("{")
    young = time.time() - 100                                  # younger than 120 s: another game's write
    os.utime(tmp_path / ".new.json.abcd1234.tmp", (young, young))
    (tmp_path / ".dir.json.abcd1234.tmp").mkdir()
    os.utime(tmp_path / ".dir.json.abcd1234.tmp", (old, old))
    removed = remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in removed) == sorted(n for n, gone in names.items() if gone)
    assert all((tmp_path / n).exists() != gone for n, gone in names.items())
    assert (tmp_path / ".new.json.abcd1234.tmp").exists() and (tmp_path / ".dir.json.abcd1234.tmp").is_dir()
    assert remove_stale_temporaries(tmp_path / "missing") == []
    assert remove_stale_temporaries(tmp_path, older_than=50) == [tmp_path / ".new.json.abcd1234.tmp"]


def test_the_store_cleans_its_folder_and_the_settings_folder(tmp_path):
    store = SaveStore.for_story("tiny", tmp_path)
    store.directory.mkdir(parents=True)
    old = time.time() - 3600
    for path in (store.directory / ".autosave.json.abcd1234.tmp", tmp_path / ".settings.json.abcd1234.tmp"):
        path.write_text("{")
        os.utime(path, (old, old))
    assert len(store.remove_stale_temporaries()) == 2
    assert list(tmp_path.rglob("*.tmp")) == []


def test_read_json_names_its_reason(tmp_path):
    from engine.persistence.saves import JsonFileError, read_json
    cases = {"missing": tmp_path / "none.json", "too_large": tmp_path / "big.json",
             "unreadable": tmp_path / "pipe.json", "damaged": tmp_path / "bad.json"}
    cases["too_large"].write_text("[" + "1," * 100 + "1]")
    os.mkfifo(cases["unreadable"])
    cases["damaged"].write_bytes(b'{"a": \xff}')
    messages = {"missing": f"{cases['missing']} does not exist", "too_large": "big.json is too large (203 bytes)",
                "unreadable": f"cannot read {cases['unreadable']}: pipe.json is a pipe (FIFO), not a file",
                "damaged": "bad.json is damaged: it is not complete JSON (truncated or edited?)"}
    for reason, path in cases.items():
        with pytest.raises(JsonFileError) as caught:
            read_json(path, 100)
        assert (caught.value.reason, str(caught.value)) == (reason, messages[reason])
    (tmp_path / "ok.json").write_text('{"é": [1, 2]}', encoding="utf-8")
    assert read_json(tmp_path / "ok.json", 100) == {"é": [1, 2]}


def test_atomic_writes_go_through_a_temporary_beside_the_file_that_cleaning_recognises(tmp_path, monkeypatch):
    from engine.persistence.saves import TEMPORARY
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((Path(src), Path(dst), Path(src).read_bytes()))
        real_replace(src, dst)
    monkeypatch.setattr(os, "replace", spy)
    atomic_write(tmp_path / "autosave.json", b"data")
    [(src, dst, data)] = seen
    assert src.parent == tmp_path and dst == tmp_path / "autosave.json" and data == b"data"
    assert TEMPORARY.match(src.name) and src.name.startswith(".autosave.json.") and src.name.endswith(".tmp")
    assert not src.exists()


def test_block_depth_counts_closings_too(tmp_path):
    """Siblings 40 deep, many times over: deep in total, never more than 40 at once."""
    from engine.loading.yaml_source import _too_deep
    branch = "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "leaf\n"
    text = "".join(branch.replace("k0:", f"top{n}:") for n in range(5))
    assert _too_deep(text) is None
    value, found = _read_text(tmp_path, text)
    assert found == [] and len(value) == 5


def _read_text(tmp_path, text):
    from engine.diagnostics import DiagnosticSink
    from engine.loading.yaml_source import read_yaml
    path = tmp_path / "f.yaml"
    path.write_text(text)
    sink = DiagnosticSink()
    return read_yaml(path, "f.yaml", sink), [d.format() for d in sink.items]


def test_the_slot_list_leaves_out_what_is_not_a_save(tiny, tmp_path):
    store = SaveStore(tmp_path)
    store.save(tiny.new_player("guard", 1), "good")
    for name in ("settings.json", "seen-tiny.json", "-bad.json", ("x" * 41) + ".json", "notes.txt"):
        (tmp_path / name).write_text("{}")
    (tmp_path / "broken.json").write_text("{")
    slots = store.slots()
    assert [(s.name, s.damaged) for s in slots] == [
        ("broken", "it is not complete JSON (truncated or edited?)"), ("good", None)]
    assert slots[1].path == tmp_path / "good.json" and slots[1].meta["role"] == "guard"
    assert SaveStore(tmp_path / "nowhere").slots() == []


@pytest.mark.parametrize("path, reason", [
    (None, "missing"), ([], "incomplete"), (["x"] * 5, "incomplete"), ([1], "not text")])
def test_a_save_whose_choice_texts_do_not_fit_its_log_is_refused(tiny, tmp_path, path, reason):
    import json
    store = SaveStore(tmp_path)
    player = tiny.new_player("guard", 1)
    player.choose(player.frame().choices[0].index)
    saved = store.save(player, "s")
    data = json.loads(saved.read_text())
    if path is None:
        del data["path"]
    else:
        data["path"] = path
    saved.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=r"^the save is damaged: its list of choices taken is missing or incomplete$"):
        store.load(tiny, "s")


def test_a_save_of_another_story_is_refused_by_name(tiny, tmp_path):
    store = SaveStore(tmp_path)
    saved = store.save(tiny.new_player("guard", 1), "s")
    saved.write_text(saved.read_text().replace('"id": "tiny"', '"id": "other"'))
    with pytest.raises(SaveError, match=r"^this save belongs to another story \('other'\)$"):
        store.load(tiny, "s")


def test_a_store_keeps_settings_beside_its_saves_unless_told(tmp_path):
    assert SaveStore(tmp_path).base == tmp_path
    assert SaveStore(tmp_path / "a", base=tmp_path).base == tmp_path
    assert SaveStore.for_story("tiny", tmp_path).base == tmp_path


def test_the_flowchart_memory_of_another_version_is_kept_untouched(tiny, tmp_path):
    from engine.persistence.seen import SeenStore
    story = tiny.story
    path = tmp_path / f"seen-{story.id}.json"
    path.write_text('{"version": 2, "roles": {}}')
    seen = SeenStore(story, tmp_path)
    assert seen.damaged and seen.roles == {}
    seen.record(tiny.new_player("guard", 1))
    assert path.read_text() == '{"version": 2, "roles": {}}'      # never overwritten
    path.unlink()
    fresh = SeenStore(story, tmp_path)
    assert not fresh.damaged and fresh.roles == {}
    fresh.record(tiny.new_player("guard", 1))
    again = SeenStore(story, tmp_path)
    assert not again.damaged and again.roles["guard"].scenes == {tiny.new_player("guard", 1).state.scene}


@pytest.mark.parametrize("text", ['[1]', '{"version": 1, "roles": []}', '{"version": 1, "roles": {"g": 1}}',
                                  '{"version": 1, "roles": {"g": {"offered": [[1]]}}}', "\xff", "[" * 100_000])
def test_damaged_flowchart_memory_starts_afresh(tiny, tmp_path, text):
    from engine.persistence.seen import SeenStore
    path = tmp_path / f"seen-{tiny.story.id}.json"
    path.write_bytes(text.encode("latin-1"))
    seen = SeenStore(tiny.story, tmp_path)
    assert seen.damaged and seen.roles == {}



# -- expressions: ranges, values, dice and visits ------------------------------------------------------------
def _vars():
    from engine.model import Variable
    return {"courage": Variable("courage", "int", 0, 0, 3, (), ""),
            "route": Variable("route", "str", "a", None, None, ("a", "b"), ""),
            "free": Variable("free", "str", "", None, None, (), "")}


class _State:
    def __init__(self, **variables):
        self.variables = {"courage": 0, "route": "a", "free": "", **variables}
        self.visits = {}


def test_an_int_constant_must_lie_in_the_declared_range_ends_included():
    from engine.expressions import ExpressionError, compile_effect
    for value in (0, 3):
        compile_effect(f"courage = {value}", _vars())
    for value, shown in ((4, "4"), (-1, "-1")):
        with pytest.raises(ExpressionError) as info:
            compile_effect(f"courage = {value}", _vars())
        assert (info.value.code, str(info.value)) == ("PG404", f"{shown} is outside courage's range 0..3")


def test_a_text_constant_must_be_a_declared_value():
    from engine.expressions import ExpressionError, compile_condition, compile_effect
    compile_effect("route = 'b'", _vars())
    compile_effect("free = 'anything'", _vars())          # no list of values: any text
    for compile_, source in ((compile_effect, "route = 'c'"), (compile_condition, "route == 'c'")):
        with pytest.raises(ExpressionError) as info:
            compile_(source, _vars())
        assert (info.value.code, str(info.value)) == ("PG404", "'c' is not one of the values of route: a, b")


def test_dice_roll_every_face_and_nothing_else():
    import random
    from engine.expressions import compile_effect
    action, _ = compile_effect("courage = roll(3)", _vars())
    seen = set()
    rng = random.Random(1)
    for _ in range(200):
        state = _State()
        action(state, rng)
        seen.add(state.variables["courage"])
    assert seen == {1, 2, 3}


@pytest.mark.parametrize("source", ["courage = roll(0)", "courage = roll(-1)", "courage = roll(True)", "courage = roll('6')"])
def test_dice_need_a_whole_number_of_sides(source):
    from engine.expressions import ExpressionError, compile_effect
    with pytest.raises(ExpressionError) as info:
        compile_effect(source, _vars())
    assert (info.value.code, str(info.value)) == ("PG401", "roll() takes a whole number of at least 1, e.g. roll(6)")


def test_visits_count_from_zero():
    from engine.expressions import compile_condition
    never, _ = compile_condition("visits('x') == 0", _vars())
    twice, _ = compile_condition("visits('x') == 2", _vars())
    been, _ = compile_condition("visited('x')", _vars())
    state = _State()
    assert never(state) and not twice(state) and not been(state)
    state.visits["x"] = 2
    assert not never(state) and twice(state) and been(state)


@pytest.mark.parametrize("source, message", [
    ("courage and 1", "and/or needs a yes/no value, not a number"), ("not courage", "not needs a yes/no value, not a number"),
    ("-route == 1", "- needs a number, not text")])
def test_type_errors_are_pg403_and_say_what_was_needed(source, message):
    from engine.expressions import ExpressionError, compile_condition
    with pytest.raises(ExpressionError) as info:
        compile_condition(source, _vars())
    assert (info.value.code, str(info.value)) == ("PG403", message)


def test_a_temporary_that_vanishes_mid_scan_does_not_stop_the_cleanup(tmp_path, monkeypatch):
    """Survivor of the mutation run: `continue` turned into `break` on a file gone mid-scan."""
    import os
    import time
    from engine.persistence import saves
    old = time.time() - 3600
    names = [".autosave.json.aaaaaaaa.tmp", ".autosave.json.bbbbbbbb.tmp"]
    for name in names:
        (tmp_path / name).write_text("{}")
        os.utime(tmp_path / name, (old, old))
    monkeypatch.setattr(saves.os, "listdir", lambda folder: list(names))
    real_lstat = saves.os.lstat

    def lstat(path, *args, **kwargs):
        if str(path).endswith(names[0]):
            raise FileNotFoundError(path)          # another game removed it first
        return real_lstat(path, *args, **kwargs)
    monkeypatch.setattr(saves.os, "lstat", lstat)
    removed = saves.remove_stale_temporaries(tmp_path)
    assert [p.name for p in removed] == [names[1]] and not (tmp_path / names[1]).exists()


def test_a_flowchart_file_with_no_roles_yet_is_empty_not_damaged(tmp_path):
    """Survivor of the mutation run: a missing `roles` key read as damage."""
    import json
    from engine.persistence.seen import SEEN_VERSION, SeenStore
    path = tmp_path / "seen.json"
    path.write_text(json.dumps({"version": SEEN_VERSION}))
    store = SeenStore.__new__(SeenStore)
    store.path = path
    store.damaged = False
    store._load()
    assert store.roles == {} and store.damaged is False


# -- the classroom's event log (engine/session/eventlog.py) --------------------------------------------
def _log(tmp_path):
    from engine.session.eventlog import EventLog
    return EventLog(tmp_path / "events.sqlite")


def test_the_event_log_is_a_private_file_in_wal_mode_with_full_sync(tmp_path):
    log = _log(tmp_path)
    try:
        assert (tmp_path / "events.sqlite").stat().st_mode & 0o777 == 0o600
        assert log.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert log.db.execute("PRAGMA synchronous").fetchone()[0] == 2          # FULL
        assert log.db.isolation_level is None                                 # every statement commits at once
    finally:
        log.close()


def test_the_event_log_is_not_opened_through_a_link_or_as_a_folder(tmp_path):
    from engine.session.eventlog import EventLog, LogError
    target = tmp_path / "elsewhere.sqlite"
    _log(tmp_path).close()
    (tmp_path / "events.sqlite").rename(target)
    (tmp_path / "events.sqlite").symlink_to(target)
    with pytest.raises(LogError, match="is not a regular file"):
        EventLog(tmp_path / "events.sqlite")
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(LogError, match="is not a regular file"):
        EventLog(tmp_path / "dir.sqlite")
    dangling = tmp_path / "dangling.sqlite"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(LogError, match="is not a regular file"):
        EventLog(dangling)
    assert not (tmp_path / "nowhere").exists()


def test_an_event_log_that_cannot_be_made_is_a_log_error(tmp_path):
    from engine.session.eventlog import EventLog, LogError
    with pytest.raises(LogError, match="^cannot open the session log "):
        EventLog(tmp_path / "no-such-folder" / "events.sqlite")


def test_the_log_header_round_trips_with_its_format_and_version(tmp_path):
    from engine.session.eventlog import LOG_FORMAT, LOG_VERSION, EventLog
    log = _log(tmp_path)
    log.write_meta({"name": "a", "story": {"id": "x"}})
    log.write_meta({"name": "b", "story": {"id": "x"}})        # replaced, not added
    log.close()
    again = EventLog(tmp_path / "events.sqlite")
    try:
        assert again.read_meta() == {"format": LOG_FORMAT, "version": LOG_VERSION, "name": "b", "story": {"id": "x"}}
        assert again.db.execute("SELECT count(*) FROM meta").fetchone()[0] == 1
    finally:
        again.close()


@pytest.mark.parametrize("stored, message", [
    (None, "is not a classroom session log"),
    ('{"format": "something-else", "version": 1}', "is not a classroom session log"),
    ('["petrograd-classroom-log"]', "is not a classroom session log"),
    ('{"format": "petrograd-classroom-log", "version": 2}', r"another version of the classroom \(log version 2; this one reads 1\)"),
    ('{"format": "petrograd-classroom-log"}', r"another version of the classroom \(log version None"),
    ("{not json", "is damaged"),
])
def test_a_log_header_of_another_kind_or_version_is_refused(tmp_path, stored, message):
    from engine.session.eventlog import LogError
    log = _log(tmp_path)
    try:
        if stored is not None:
            log.db.execute("INSERT INTO meta (key, value) VALUES ('session', ?)", (stored,))
        with pytest.raises(LogError, match=message):
            log.read_meta()
    finally:
        log.close()


def test_an_event_of_exactly_the_limit_in_utf8_bytes_is_recorded_and_one_more_is_not(tmp_path):
    import json
    from engine.session.eventlog import MAX_EVENT_BYTES, LogError
    log = _log(tmp_path)
    try:
        frame = len(json.dumps({"t": ""}, separators=(",", ":")).encode())
        # 'ж' is two bytes in UTF-8 and one character: the limit is on bytes, written without ASCII escapes
        text = "ж" * ((MAX_EVENT_BYTES - frame) // 2) + "x" * ((MAX_EVENT_BYTES - frame) % 2)
        assert log.append({"t": text}) == 1
        with pytest.raises(LogError, match="^that is too large to record$"):
            log.append({"t": text + "x"})
        assert [seq for seq, _ in log.events()] == [1]
        assert log.db.execute("SELECT body FROM events").fetchone()[0] == json.dumps(
            {"t": text}, ensure_ascii=False, separators=(",", ":"))
    finally:
        log.close()


@pytest.mark.parametrize("event", [{"t": {1, 2}}, {"t": "\ud800"}, {"t": object()}])
def test_an_event_that_cannot_be_written_as_json_is_refused_not_half_recorded(tmp_path, event):
    from engine.session.eventlog import LogError
    log = _log(tmp_path)
    try:
        with pytest.raises(LogError, match=r"^that cannot be recorded \((TypeError|UnicodeEncodeError)\)$"):
            log.append(event)
        assert list(log.events()) == []
    finally:
        log.close()


def test_events_come_back_in_order_skipping_rows_that_are_not_json_objects(tmp_path):
    log = _log(tmp_path)
    try:
        assert log.append({"t": "a"}) == 1
        log.db.execute("INSERT INTO events (at, body) VALUES (0, '{damaged')")
        log.db.execute("INSERT INTO events (at, body) VALUES (0, '[1, 2]')")
        assert log.append({"t": "b"}) == 4
        assert list(log.events()) == [(1, {"t": "a"}), (4, {"t": "b"})]
    finally:
        log.close()


def test_a_closed_log_cannot_record_and_says_so(tmp_path):
    from engine.session.eventlog import LogError
    log = _log(tmp_path)
    log.close()
    with pytest.raises(LogError, match="^could not record that: "):
        log.append({"t": "a"})
    with pytest.raises(LogError, match="^could not write the session log: "):
        log.write_meta({})
    with pytest.raises(LogError, match="is damaged"):
        list(log.events())


# -- text sessions: saving, listing and resuming (engine/session/engine.py) -----------------------------
def _classroom_session(saves, name, seed=3):
    from conftest import FIXTURES
    from engine import Game, load_story_or_raise
    from engine.session.engine import Session
    from engine.session.planner import make_plan
    story = load_story_or_raise(FIXTURES / "classroom")
    return Session.create(story, name, make_plan(story, Game(story), 7, 45, 1), saves=saves, seed=seed)


def test_session_list_describes_every_text_session_and_names_the_damaged_ones(tmp_path):
    from engine.session.engine import list_sessions, sessions_dir
    going = _classroom_session(tmp_path, "b_going")
    done = _classroom_session(tmp_path, "c_done")
    done.data["stage"] = {"kind": "debrief"}
    done.save()
    ended = _classroom_session(tmp_path, "c_ended")
    ended.data["stage"] = {"kind": "finished"}
    ended.save()
    root = sessions_dir(tmp_path)
    (root / "a_hosted").mkdir()
    (root / "a_hosted" / "events.sqlite").write_bytes(b"")        # a class on devices, listed first
    (root / "d_broken").mkdir()
    (root / "d_broken" / "session.json").write_text("{}")
    (root / "e_not_a_folder").write_text("")
    listing = dict(list_sessions(tmp_path))
    assert list(listing) == ["a_hosted", "b_going", "c_done", "c_ended", "d_broken"]
    plan = going.plan
    line = (f"{going.story.title}, {plan.students} students, {plan.periods} × {plan.period_minutes} min, "
            f"created {going.data['created']}, ")
    assert listing["b_going"] == line + "in progress"
    assert listing["c_done"] == line.replace(going.data["created"], done.data["created"]) + "finished"
    assert listing["c_ended"] == line.replace(going.data["created"], ended.data["created"]) + "finished"
    assert listing["d_broken"].startswith("damaged (") and "session" in listing["d_broken"]
    assert listing["a_hosted"].startswith("damaged (")
    assert list_sessions(tmp_path / "nowhere") == []


def test_session_list_shows_placeholders_for_a_session_without_a_title_or_date(tmp_path):
    import json
    from engine.session.engine import list_sessions
    s = _classroom_session(tmp_path, "bare")
    del s.data["story"]["title"], s.data["created"]
    s.save()
    (line,) = [d for _, d in list_sessions(tmp_path)]
    assert line.startswith("?, ") and ", created ?, in progress" in line


def _played_on_a_copy(tmp_path, seed, answers=400, mode=None):
    """A session on a copy of the classroom fixture (with choice ids on the clerk's first scene),
    played by the scripted class of test_session until the debrief."""
    import shutil
    from conftest import FIXTURES
    from engine import Game, load_story_or_raise
    from engine.session.engine import Session
    from engine.session.planner import make_plan
    from test_session import Policy
    story_dir = tmp_path / "story"
    shutil.copytree(FIXTURES / "classroom", story_dir)
    clerk = story_dir / "scenes" / "clerk.yaml"
    clerk.write_text(clerk.read_text()
                     .replace("{text: Send the official bulletin.", "{id: official, text: Send the official bulletin.")
                     .replace("{text: Hold everything back.", "{id: hold_back, text: Hold everything back."))
    story = load_story_or_raise(story_dir)
    s = Session.create(story, "edited", make_plan(story, Game(story), 7, 45, 2), saves=tmp_path / "saves",
                       seed=seed)
    policy = Policy(s, seed=seed, mode=mode)
    for _ in range(answers):
        if s.finished or s.stage["kind"] in ("debrief", "finished"):
            break
        s.answer(policy.answer(s.prompt()))
    return story_dir, s


@pytest.mark.parametrize("mode", [None, "2"])     # the votes as they came, and every vote by show of hands
def test_a_session_resumed_on_an_edited_story_is_rebuilt_exactly(tmp_path, mode):
    """Rebuilding from the log (an edited story) must give every group the state a plain resume gives:
    the same seed, the narrated steps, choices followed by their id when their text changed, and the
    assemblies' outcomes with walkouts counted."""
    from engine import load_story_or_raise
    from engine.session.engine import Session
    story_dir, s = _played_on_a_copy(tmp_path, seed=3, mode=mode)
    log = s.data["log"]
    # The fixture is small enough to be played in full: mark one group's first step as narrated (taken
    # for the group by the plan), which a resume must replay just the same.
    next(e for e in log if e["t"] == "choice" and e["role"] == "guard")["t"] = "narrated"
    s.save()
    assert any(e["t"] == "assembly" and e.get("walked_out") for e in log) or mode == "2"
    assert any(e.get("choice_id") == "official" or e.get("choice_id") == "hold_back" for e in log)
    before = {role: p.state.to_dict() for role, p in s.players.items()}
    clerk = story_dir / "scenes" / "clerk.yaml"
    clerk.write_text(clerk.read_text().replace("Send the official bulletin.", "Send the bulletin as ordered.")
                     .replace("Hold everything back.", "Hold every wire back."))
    edited = load_story_or_raise(story_dir)
    assert edited.content_hash != s.story.content_hash
    again = Session.load(edited, "edited", saves=tmp_path / "saves")
    assert {role: p.state.to_dict() for role, p in again.players.items()} == before
    assert again.notes == ["the story has changed since this session began; it goes on from where it was"]


def test_a_step_gone_from_the_edited_story_is_named_by_its_number_scene_and_text(tmp_path):
    from engine import load_story_or_raise
    from engine.session.engine import Session, SessionError
    story_dir, s = _played_on_a_copy(tmp_path, seed=3)
    steps = [e for e in s.data["log"] if e["t"] in ("choice", "narrated") and e["role"] == "clerk"]
    assert steps[0]["scene"] == "c_start" and steps[1]["text"] == "Keep sending."
    clerk = story_dir / "scenes" / "clerk.yaml"
    clerk.write_text(clerk.read_text().replace("{text: Keep sending.", "{text: Stop sending."))
    with pytest.raises(SessionError) as caught:
        Session.load(load_story_or_raise(story_dir), "edited", saves=tmp_path / "saves")
    name = s.story.roles["clerk"].name
    assert (f"the story has changed under this session: step 2 of the {name} group ('Midnight', the choice "
        f"“Keep sending.”) is no longer there.") in str(caught.value)


def test_resuming_a_session_removes_the_temporaries_a_killed_save_left(tmp_path):
    import os
    import time
    from engine.session.engine import Session
    s = _classroom_session(tmp_path, "kept")
    stale = s.directory / ".session.json.abcdefgh.tmp"
    stale.write_text("{")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    Session.load(s.story, "kept", saves=tmp_path)
    assert not stale.exists()


def test_a_session_of_another_story_is_refused_naming_that_story(tmp_path):
    import dataclasses
    from engine.session.engine import Session, SessionError
    s = _classroom_session(tmp_path, "theirs")
    other = dataclasses.replace(s.story, id="another-story")
    with pytest.raises(SessionError, match=r"^this session belongs to another story \('bridge-night'\)$"):
        Session.load(other, "theirs", saves=tmp_path)


def test_session_files_that_are_missing_or_foreign_are_named_in_the_message(tmp_path):
    from engine.session.engine import Session, SessionError, session_path
    s = _classroom_session(tmp_path, "named")
    with pytest.raises(SessionError) as caught:
        Session.load(s.story, "absent", saves=tmp_path)
    assert str(caught.value) == f"no session named 'absent' (looked in {tmp_path / 'sessions'})"
    path = session_path("named", tmp_path)
    path.write_text('{"format": "something-else"}')
    with pytest.raises(SessionError) as caught:
        Session.load(s.story, "named", saves=tmp_path)
    assert str(caught.value) == f"{path} is not a session file of this game"


def test_records_are_written_on_resume_only_when_the_debrief_was_reached_and_not_recorded(tmp_path, monkeypatch):
    from engine.session.engine import Session
    written = []
    monkeypatch.setattr(Session, "write_records", lambda self: written.append(self.stage["kind"]))
    s = _classroom_session(tmp_path, "rec")
    Session.load(s.story, "rec", saves=tmp_path)                 # in progress: nothing to record
    assert written == []
    for kind in ("debrief", "finished"):
        s.data["stage"], s.data["recorded"] = {"kind": kind}, False
        s.save()
        Session.load(s.story, "rec", saves=tmp_path)
        s.data["recorded"] = True                                # committed already: not again
        s.save()
        Session.load(s.story, "rec", saves=tmp_path)
    assert written == ["debrief", "finished"]


# -- a hosted class: what a device sends (engine/session/hosted.py) ----------------------------------------
def _hosted_on_a_scene(tmp_path):
    from conftest import FIXTURES
    from engine import Game, load_story_or_raise
    from engine.session.hosted import HostedSession
    from engine.session.planner import make_plan
    story = load_story_or_raise(FIXTURES / "classroom")
    h = HostedSession.create(story, "live", make_plan(story, Game(story), 6, 45, 2), saves=tmp_path, seed=3)
    tokens = [h.join(h.code, f"Kid{i}")[0] for i in range(6)]
    h.teach(h.teacher_token, {"do": "start"})
    tok = next(t for t in tokens if h.live.student_view(t)["screen"] == "scene")
    return h, tok, tokens


def _choose(h, tok, ref):
    scene = h.live.student_view(tok)["scene"]["id"]
    h.act(tok, {"type": "choose", "scene": scene, "n": 1, "ref": ref})


@pytest.mark.parametrize("ref", [0, 1])
def test_a_devices_first_action_is_done_whatever_its_first_ref(tmp_path, ref):
    h, tok, _ = _hosted_on_a_scene(tmp_path)
    student = h.live.student_of(tok)
    before = h.live.players[student.group].state.to_dict()
    _choose(h, tok, ref)
    assert h.live.players[student.group].state.to_dict() != before


def test_an_action_sent_again_with_ref_1_is_done_once(tmp_path):
    h, tok, _ = _hosted_on_a_scene(tmp_path)
    student = h.live.student_of(tok)
    scene = h.live.student_view(tok)["scene"]["id"]
    h.act(tok, {"type": "choose", "scene": scene, "n": 1, "ref": 1})
    after, version = h.live.players[student.group].state.to_dict(), h.version
    h.act(tok, {"type": "choose", "scene": scene, "n": 1, "ref": 1})       # no error, nothing done
    assert (h.live.players[student.group].state.to_dict(), h.version) == (after, version)


@pytest.mark.parametrize("ref, kept", [(2 ** 53 - 1, True), (2 ** 53, False), (200, True), ("7", False),
                                       (True, False), (-3, False)])
def test_only_whole_numbers_from_1_below_2_to_the_53_are_remembered_as_refs(tmp_path, ref, kept):
    """A ref is a JavaScript-safe positive whole number; anything else is acted on but not remembered."""
    h, tok, _ = _hosted_on_a_scene(tmp_path)
    student = h.live.student_of(tok)
    before = h.live.players[student.group].state.to_dict()
    _choose(h, tok, ref)
    assert h.live.players[student.group].state.to_dict() != before
    assert h.live.last_ref.get(student.id, 0) == (ref if kept else 0)


def test_the_rate_limit_is_per_device(tmp_path):
    from engine.session.hosted import ACTIONS_PER_WINDOW
    from engine.session.live import Refused
    h, tok, tokens = _hosted_on_a_scene(tmp_path)
    other = next(t for t in tokens if t != tok)
    for _ in range(ACTIONS_PER_WINDOW):
        with pytest.raises(Refused, match="unknown action"):
            h.act(tok, {"type": "dance"})
    with pytest.raises(Refused, match="^too fast: wait a few seconds$"):
        h.act(tok, {"type": "dance"})
    with pytest.raises(Refused, match="unknown action"):          # another device is not held back
        h.act(other, {"type": "dance"})
    from engine.session.live import Refused as R
    with pytest.raises(R, match="^this device is not part of the session; join again$"):
        h.act("not-a-token", {"type": "dance"})


def test_an_accepted_action_tells_the_listeners_once(tmp_path):
    h, tok, _ = _hosted_on_a_scene(tmp_path)
    told = []
    h.listeners.append(lambda: told.append(1))
    _choose(h, tok, 5)
    assert told == [1]


def test_reopening_a_hosted_class_replays_every_event_once_and_names_a_choice_that_no_longer_fits(tmp_path):
    from engine.session.hosted import HostedSession
    h, tok, _ = _hosted_on_a_scene(tmp_path)
    _choose(h, tok, 3)
    version = h.version
    h.log.append({"t": "chose", "student": "s99", "scene": "c_start", "index": 0, "text": "Gone."})
    h.log.close()
    again = HostedSession.open(h.story, "live", saves=tmp_path)
    assert again.version == version
    assert again.live.notes == [
        "a recorded choice no longer fits the story (this device is no longer part of the session; join again): "
        "'c_start', 'Gone.'; that group goes on from before it"]


def test_opening_a_hosted_class_that_is_missing_or_foreign_says_why(tmp_path):
    from engine.session.engine import SessionError, sessions_dir
    from engine.session.hosted import HostedSession
    h, _, _ = _hosted_on_a_scene(tmp_path)
    with pytest.raises(SessionError) as caught:
        HostedSession.open(h.story, "absent", saves=tmp_path)
    assert str(caught.value) == f"no hosted session named 'absent' (looked in {sessions_dir(tmp_path)})"
    h.log.db.execute("UPDATE meta SET value = '{\"format\": \"other\"}'")
    h.log.close()
    path = sessions_dir(tmp_path) / "live" / "events.sqlite"
    with pytest.raises(SessionError) as caught:
        HostedSession.open(h.story, "live", saves=tmp_path)
    assert str(caught.value) == f"{path} is not a classroom session log"


# -- the compiled cache (engine/loading/cache.py) ------------------------------------------------------
def test_stamps_are_trusted_only_when_both_times_are_strictly_older_than_the_settle_time():
    from engine.loading.cache import STAMP_SETTLE, _settled
    taken = 10 ** 18
    limit = taken - int(STAMP_SETTLE * 10 ** 9)

    def stamps(mtime, ctime):
        return (("a.yaml", 1, mtime, ctime, 1, 1),)
    assert _settled(taken, stamps(limit - 1, limit - 1))
    assert not _settled(taken, stamps(limit, limit - 1))          # modified exactly at the limit
    assert not _settled(taken, stamps(limit - 1, limit))          # changed exactly at the limit
    assert not _settled(taken, stamps(taken, limit - 1))          # an mtime set after the ctime: not trusted
    assert _settled(taken, ())


def test_only_the_models_dataclasses_and_two_named_classes_can_be_rebuilt_from_a_cache():
    import dataclasses
    from engine import errors, expressions, model
    from engine.loading.cache import _known_classes
    expected = {name for name, cls in vars(model).items()
                if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__}
    known = _known_classes()
    assert set(known) == expected | {"SourceSpan", "Compiled"}
    assert known["SourceSpan"] is errors.SourceSpan and known["Compiled"] is expressions.Compiled
    assert all(dataclasses.is_dataclass(cls) for cls in known.values())


def test_the_fast_path_builds_only_plain_dataclasses():
    """A class with __post_init__, __slots__ or a field its __init__ does not take must go through its
    constructor; any other is built field by field."""
    import dataclasses
    from engine.errors import SourceSpan
    from engine.loading.cache import _field_names
    from engine.model import Scene

    @dataclasses.dataclass
    class Plain:
        a: int
        b: str = ""

    @dataclasses.dataclass
    class Checked:
        a: int

        def __post_init__(self):
            pass

    @dataclasses.dataclass
    class Derived:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    assert _field_names(Plain) == ("a", "b")
    assert _field_names(Scene) == tuple(f.name for f in dataclasses.fields(Scene))
    assert _field_names(Checked) is None and _field_names(Derived) is None and _field_names(SourceSpan) is None


@pytest.mark.parametrize("recovered", [None, {"other": 1}])
def test_a_damaged_scene_whose_yaml_no_longer_matches_stops_with_a_plain_error(recovered):
    import struct
    from engine.loading.cache import LazyScenes, _Body
    scenes = LazyScenes({"a": 0}, struct.pack("<2Q", 0, 4), struct.pack("<I", 0), _Body(None, 0, b"\0" * 8),
                        decode=lambda value: value, recover=lambda: recovered)
    with pytest.raises(RuntimeError, match="^the story's compiled cache is unusable and its YAML has changed; load it again$"):
        scenes["a"]


def test_a_hosted_class_reaching_its_debrief_records_its_statistics_once(tmp_path):
    import sqlite3
    from engine.session.stats import db_path
    from test_live_classroom import play_to_debrief
    h, _, tokens = _hosted_on_a_scene(tmp_path)
    play_to_debrief(h, tokens)
    assert h.live.data["recorded"] is True
    assert not [n for n in h.live.notes if "not recorded" in n or "could not be written" in n]
    con = sqlite3.connect(db_path(tmp_path))
    try:
        assert con.execute("SELECT id FROM sessions").fetchall() == [(h.live.data["id"],)]
    finally:
        con.close()
