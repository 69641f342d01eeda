"""The player's and the author's own files cannot hang, exhaust or mislead the game (issue 17's
defects D1 and D3-D10). Anything that could block runs in a child process with a timeout and a
memory limit, so a regression fails here instead of hanging the suite or the machine."""
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, write_files
from engine.safefile import FileTooLarge, NotRegularFile, read_regular

MEMORY_LIMIT = 1_500_000_000     # bytes of address space for child processes: a runaway read fails fast


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def petrograd(*args, input="", timeout=60, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "engine", *args], input=input, capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, preexec_fn=_limited, env={**os.environ, **(env or {})})


def hostile(folder: Path, *names: str) -> None:
    """A FIFO and links to endless devices under the given names (the first is the FIFO)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / names[0])
    for name, device in zip(names[1:], ("/dev/zero", "/dev/urandom")):
        os.symlink(device, folder / name)


# -- D1: FIFOs and devices among the player's files ---------------------------------------------------
def test_read_regular_refuses_fifos_devices_and_oversized_files(tmp_path):
    hostile(tmp_path, "fifo", "zero", "random")
    for name in ("fifo", "zero", "random"):
        with pytest.raises(NotRegularFile):
            read_regular(tmp_path / name, 1000)
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path, 1000)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(FileTooLarge) as caught:
        read_regular(big, 1000)
    assert caught.value.size == 1001
    assert read_regular(big, 1001) == b"x" * 1001
    (tmp_path / "empty").write_bytes(b"")
    assert read_regular(tmp_path / "empty", 10) == b""


def test_saves_list_in_text_mode_survives_fifos_and_devices(tmp_path):
    hostile(tmp_path / "tiny", "x.json", "zero.json", "random.json")
    out = petrograd("play", "--text", "--role", "guard", "--seed", "1", "--saves", str(tmp_path),
                    str(FIXTURES / "tiny"), input=":saves\n", timeout=30)
    assert out.returncode == 0, out.stderr
    for name in ("x", "zero", "random"):
        assert f"{name}: damaged" in out.stdout
    assert "Traceback" not in out.stderr


def test_session_list_survives_fifos_and_devices(tmp_path):
    sessions = tmp_path / "sessions"
    hostile(sessions / "fifo", "session.json")
    (sessions / "zero").mkdir()
    os.symlink("/dev/zero", sessions / "zero" / "session.json")
    out = petrograd("session", "list", "--saves", str(tmp_path), timeout=30)
    assert out.returncode == 0, out.stderr
    assert "fifo" in out.stdout and "zero" in out.stdout and "damaged" in out.stdout
    assert "Traceback" not in out.stderr


def test_flowchart_memory_and_settings_are_not_read_from_fifos(tmp_path):
    from engine import load_story_or_raise
    from engine.frontends.window.theme import Settings
    from engine.persistence.seen import SeenStore
    story = load_story_or_raise(FIXTURES / "tiny")
    os.mkfifo(tmp_path / "settings.json")
    os.symlink("/dev/zero", tmp_path / f"seen-{story.id}.json")
    assert Settings.load(tmp_path / "settings.json") == Settings()     # returns at once, with defaults
    seen = SeenStore(story, tmp_path)
    assert seen.roles == {} and seen.damaged


def test_the_window_starts_past_fifos_and_still_ends_on_sigterm(tmp_path):
    """The window reads its settings and the flowchart's memory at start-up, after SDL has taken
    SIGTERM over (it turns it into a quit event): a blocking read there froze it for good."""
    saves = tmp_path / "saves"
    saves.mkdir()
    os.mkfifo(saves / "settings.json")
    hostile(saves / "tiny", "seen-tiny.json")
    game = subprocess.Popen([sys.executable, "-m", "engine", "play", "--saves", str(saves), str(FIXTURES / "tiny")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limited,
                            env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    try:
        time.sleep(4)
        assert game.poll() is None, game.communicate()[1]     # still running: it did not crash
        game.send_signal(signal.SIGTERM)
        _, err = game.communicate(timeout=10)                  # a frozen window would not end
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
    assert b"Traceback" not in err


def test_the_compiled_cache_is_not_read_from_a_fifo(tmp_path):
    cache = tmp_path / "cache"
    code = f"""
import os, sys
from pathlib import Path
from engine.loading import load_story_cached
from engine.loading.cache import cache_locations
root = Path({str(FIXTURES / 'tiny')!r})
location = cache_locations(root, {str(cache)!r})[0]
location.parent.mkdir(parents=True)
os.mkfifo(location)
os.mkfifo(location.with_name('story.stamps'))
story, diags = load_story_cached(root, cache_dir={str(cache)!r})
print('loaded' if story is not None else 'failed')
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT,
                         preexec_fn=_limited)
    assert out.stdout.strip() == "loaded", out.stderr


# -- D3: statistics recorded even when the debrief is killed after the transcript ---------------------
def test_statistics_are_recorded_on_resume_after_a_kill_before_the_commit(tmp_path, monkeypatch):
    import sqlite3
    from engine import load_story_or_raise
    from engine.session import stats
    from engine.session.engine import Session
    from test_session import new_session
    story = load_story_or_raise(FIXTURES / "classroom")
    session = new_session(story, "killed", saves=tmp_path)
    session.answer("")

    class Killed(BaseException):
        pass

    def killed(*args, **kwargs):
        raise Killed()
    monkeypatch.setattr(stats, "record_session", killed)
    with pytest.raises(Killed):
        session.request_debrief()
    assert (session.directory / "transcript.md").exists()
    monkeypatch.undo()
    resumed = Session.load(story, "killed", saves=tmp_path)
    con = sqlite3.connect(stats.db_path(tmp_path))
    try:
        rows = con.execute("SELECT COUNT(*) FROM sessions WHERE id = ?", (resumed.data["id"],)).fetchone()[0]
    finally:
        con.close()
    assert rows == 1
    assert resumed.data["recorded"] is True
    again = Session.load(story, "killed", saves=tmp_path)       # recorded once: not again
    assert again.data["recorded"] is True and not again.notes


# -- D4: numbers too long for int() ----------------------------------------------------------------------
def test_a_five_thousand_digit_number_is_just_a_wrong_answer():
    digits = "9" * 5000
    out = petrograd("play", "--text", str(FIXTURES / "tiny"), input=f"{digits}\n:quit\n", timeout=30)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "Type a number from 1 to" in out.stdout
    out = petrograd("play", "--text", "--role", "guard", str(FIXTURES / "tiny"), input=f"{digits}\n:quit\n", timeout=30)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "Type a number from 1 to" in out.stdout


def test_a_five_thousand_digit_number_in_a_classroom_session(tmp_path):
    from engine import load_story_or_raise
    from test_session import new_session
    story = load_story_or_raise(FIXTURES / "classroom")
    session = new_session(story, "digits", saves=tmp_path)
    seen = set()
    for _ in range(200):
        prompt = session.prompt()
        if prompt.kind == "finished":
            break
        if prompt.kind in ("scene", "speech", "vote", "vote_mode", "tally") and prompt.kind not in seen:
            seen.add(prompt.kind)
            assert session.answer("9" * 5000) != ""          # refused with a message, no exception
        session.answer("" if prompt.kind in ("handoff", "agenda", "result", "break", "ending", "debrief")
                       else ("1 0 0 0 0 0 0" if prompt.kind == "tally" else "1"))
    assert {"scene", "vote"} <= seen


# -- D5: a story file's size is known before it is read -------------------------------------------------
def test_a_huge_story_file_is_pg103_without_reading_it(story_dir):
    root = story_dir()
    with open(root / "scenes" / "huge.yaml", "wb") as handle:
        handle.truncate(3_000_000_000)          # sparse: 3 GB that take no disk
    out = petrograd("check", str(root), timeout=60)
    assert "PG103" in out.stdout + out.stderr, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr


def test_a_story_file_over_the_limit_costs_no_memory(story_dir):
    root = story_dir()
    with open(root / "scenes" / "big.yaml", "wb") as handle:
        handle.truncate(150_000_000)
    # VmHWM, this process's own peak (ru_maxrss would carry over the forking test process's size).
    code = f"""
from engine.loading import load_story
story, diags = load_story({str(root)!r})
print(sorted({{d.code for d in diags if d.severity == 'error'}}))
print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    codes, peak_kib = out.stdout.splitlines()
    assert codes == "['PG103']", out.stderr
    assert int(peak_kib) < 120_000       # the interpreter and the engine; the file is never held


# -- D6: the compiled cache stays in the story folder ----------------------------------------------------
def test_the_cache_does_not_follow_a_symlinked_cache_folder(tmp_path, monkeypatch):
    from engine.loading import load_story_cached
    from engine.loading.cache import CACHE_DIR_NAME
    monkeypatch.delenv("PETROGRAD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "tiny", root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / CACHE_DIR_NAME).symlink_to(elsewhere)
    report = {}
    story, _ = load_story_cached(root, report=report)
    assert story is not None and report["cache"] == "written"
    assert list(elsewhere.iterdir()) == []
    assert Path(report["file"]).is_relative_to(tmp_path / "xdg")


def test_the_cache_does_not_write_through_a_dangling_gitignore_link(tmp_path, monkeypatch):
    from engine.loading import load_story_cached
    from engine.loading.cache import CACHE_DIR_NAME
    monkeypatch.delenv("PETROGRAD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "tiny", root)
    (root / CACHE_DIR_NAME).mkdir()
    target = tmp_path / "planted"
    (root / CACHE_DIR_NAME / ".gitignore").symlink_to(target)
    report = {}
    story, _ = load_story_cached(root, report=report)
    assert story is not None
    assert not target.exists()


# -- D7: a name is a slot; a path is said to be a path ------------------------------------------------------
def test_load_by_name_is_a_slot_even_where_a_folder_has_that_name(tmp_path):
    work = tmp_path / "work"
    (work / "story").mkdir(parents=True)          # a folder named like the slot, in the current folder
    saves = tmp_path / "saves"
    out = petrograd("play", "--text", "--role", "guard", "--seed", "1", "--saves", str(saves), str(FIXTURES / "tiny"),
                    input=":save story\n1\n:load story\n:quit\n", cwd=work, timeout=30)
    assert out.returncode == 0, out.stderr
    assert "Saved as story." in out.stdout
    assert "Not loaded" not in out.stdout


def test_a_path_is_only_read_when_given_as_a_file(tmp_path):
    saves = tmp_path / "saves"
    secret = tmp_path / "secret.json"
    secret.write_text('{"format": "petrograd-save"}')
    out = petrograd("play", "--text", "--role", "guard", "--saves", str(saves), str(FIXTURES / "tiny"),
                    input=f":load {secret}\n:quit\n", timeout=30)
    assert "not a usable save name" in out.stdout, out.stdout
    out = petrograd("replay", "--saves", str(saves), str(secret), str(FIXTURES / "tiny"), timeout=30)
    assert out.returncode != 0 and "not a usable save name" in out.stderr, out.stderr


def test_a_save_file_can_be_given_explicitly(tmp_path):
    saves = tmp_path / "saves"
    out = petrograd("play", "--text", "--role", "guard", "--seed", "1", "--saves", str(saves), str(FIXTURES / "tiny"),
                    input=":save one\n:quit\n", timeout=30)
    assert "Saved as one." in out.stdout
    saved = next(saves.rglob("one.json"))
    copy = tmp_path / "copy.json"
    copy.write_bytes(saved.read_bytes())
    out = petrograd("replay", "--file", str(copy), str(FIXTURES / "tiny"), timeout=30)
    assert out.returncode == 0 and "THE POST" in out.stdout, out.stdout + out.stderr
    out = petrograd("play", "--text", "--load-file", str(copy), "--saves", str(saves), str(FIXTURES / "tiny"),
                    input=":quit\n", timeout=30)
    assert out.returncode == 0 and "THE POST" in out.stdout, out.stdout + out.stderr
    out = petrograd("play", "--text", "--role", "guard", "--saves", str(saves), str(FIXTURES / "tiny"),
                    input=f":load-file {copy}\n:quit\n", timeout=30)
    assert "Not loaded" not in out.stdout and out.stdout.count("THE POST") == 2, out.stdout


# -- D8: an empty manifest is one error, at the manifest ----------------------------------------------------
def test_an_empty_manifest_is_one_error_at_the_manifest(tmp_path):
    from engine.loading import load_story
    root = tmp_path / "story"
    write_files(root, {p.relative_to(ROOT / "story").as_posix(): p.read_text()
                       for p in (ROOT / "story").rglob("*.yaml")})
    (root / "story.yaml").write_text("")
    story, diags = load_story(root)
    errors = [d for d in diags if d.severity == "error"]
    assert story is None
    assert len(errors) == 1, [d.format() for d in errors[:5]]
    assert errors[0].span.path.endswith("story.yaml") and errors[0].code == "PG108"


# -- D9: temporaries left by a kill are removed on start ------------------------------------------------------
def test_stale_temporaries_are_removed_on_start(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    old = time.time() - 3600
    stale = [folder / ".autosave.json.ab12cd_3.tmp", folder / ".quicksave.png.zz99yy00.tmp",
             folder / ".seen-tiny.json.k2j3h4g5.tmp", tmp_path / ".settings.json.a1b2c3d4.tmp"]
    for path in stale:
        path.write_text("{")
        os.utime(path, (old, old))
    fresh = folder / ".autosave.json.fresh123.tmp"          # another instance may be writing it now
    fresh.write_text("{")
    keep = [folder / "notes.tmp", folder / "autosave.json"]
    for path in keep:
        path.write_text("{}")
        os.utime(path, (old, old))
    os.symlink("/etc/hostname", folder / ".link.json.abcdefgh.tmp")
    out = petrograd("play", "--text", "--role", "guard", "--saves", str(tmp_path), str(FIXTURES / "tiny"),
                    input=":quit\n", timeout=30)
    assert out.returncode == 0, out.stderr
    assert [p for p in stale if p.exists()] == []
    assert fresh.exists() and all(p.exists() for p in keep)
    assert (folder / ".link.json.abcdefgh.tmp").is_symlink()     # not ours: never followed, never removed


# -- D10: odd files among the story's, assets outside it, a failed `session new` --------------------------
def test_dangling_links_and_fifos_among_scene_files_are_reported(story_dir):
    from engine.loading import load_story
    root = story_dir()
    os.symlink(root / "nowhere.yaml", root / "scenes" / "dangling.yaml")
    os.mkfifo(root / "scenes" / "pipe.yaml")
    story, diags = load_story(root)
    found = {(d.span.path.rsplit("/", 1)[-1], d.code) for d in diags if d.severity == "error"}
    assert ("dangling.yaml", "PG100") in found and ("pipe.yaml", "PG100") in found, found
    assert story is None


def test_an_assets_link_out_of_the_project_is_reported(story_dir, tmp_path):
    from engine.loading import load_story
    root = story_dir()
    outside = tmp_path / "outside"
    (outside / "art" / "places").mkdir(parents=True)
    for path in (root / "assets").rglob("*"):
        if path.is_file():
            target = outside / path.relative_to(root / "assets")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    shutil.rmtree(root / "assets")
    (root / "assets").symlink_to(outside)
    story, diags = load_story(root)
    assert any(d.code == "PG307" and "assets" in d.message for d in diags), [d.format() for d in diags]


def test_a_session_new_that_cannot_be_saved_leaves_no_folder(tmp_path, monkeypatch):
    import errno
    from engine import load_story_or_raise
    from engine.session import engine as session_engine
    from engine.session.engine import SessionError, list_sessions
    from test_session import new_session
    story = load_story_or_raise(FIXTURES / "classroom")

    def full(path, data):
        path.parent.mkdir(parents=True, exist_ok=True)
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(session_engine, "atomic_write", full)
    with pytest.raises(SessionError, match="No space"):
        new_session(story, "full", saves=tmp_path)
    assert list_sessions(tmp_path) == []
