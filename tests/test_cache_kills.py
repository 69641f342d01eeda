"""Fifth round of mutation testing (issue 17): the compiled cache's entry point (`load_story_cached`) and
its key (`content_key`): what is hashed, the size limit of a story file, and which way each load went."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil

import pytest

from conftest import FIXTURES
from engine.loading import load_story, load_story_cached
from engine.loading import cache as cache_module
from engine.loading.cache import CACHE_DIR_NAME, STAMPS_FILE_NAME, cache_locations, content_key, story_files


@pytest.fixture(autouse=True)
def _cache_inside_the_story(monkeypatch):
    monkeypatch.delenv("PETROGRAD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/nonexistent-xdg-cache-for-tests")


def _copy(tmp_path, name="tiny"):
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root, ignore=shutil.ignore_patterns(CACHE_DIR_NAME))
    return root


def _expected_key(root, files):
    """The key as documented: the engine's fingerprint, then each file's path, length and source hash."""
    h = hashlib.sha256(cache_module.engine_fingerprint().encode())
    for path in files:
        data = path.read_bytes()
        h.update(f"\0{path.relative_to(root).as_posix()}\0{len(data)}\0".encode()
                 + importlib.util.source_hash(data))
    return h.hexdigest()


# -- content_key ------------------------------------------------------------------------------------
def test_the_key_hashes_every_story_file_by_path_length_and_content(tmp_path):
    root = _copy(tmp_path)
    files = story_files(root)
    assert len(files) > 1
    assert content_key(root) == content_key(root, files) == _expected_key(root, files)
    assert content_key(root, files[:1]) == _expected_key(root, files[:1]) != content_key(root)


def test_a_story_file_over_a_mebibyte_is_hashed_whole(tmp_path):
    root = _copy(tmp_path)
    files = story_files(root)
    big = files[-1]
    with open(big, "a", encoding="utf-8") as handle:       # a YAML comment: the story is the same
        handle.write("\n# " + "x" * ((1 << 20) + 100) + "\n")
    assert big.stat().st_size > 1 << 20
    assert content_key(root, files) == _expected_key(root, files)
    before = content_key(root, files)
    with open(big, "a", encoding="utf-8") as handle:
        handle.write("#")
    assert content_key(root, files) != before


def test_a_file_that_grew_since_its_size_was_taken_is_hashed_to_its_end(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    files = story_files(root)
    with open(files[0], "a", encoding="utf-8") as handle:
        handle.write("\n# " + "y" * ((1 << 20) + 5) + "\n")
    real_fstat = os.fstat

    def stale(fd):     # the size fstat gave before the file grew: nothing
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 0,
                               st.st_atime, st.st_mtime, st.st_ctime))
    monkeypatch.setattr(cache_module.os, "fstat", stale)
    assert content_key(root, files) == _expected_key(root, files)


def test_a_story_file_over_the_size_limit_is_not_read_for_the_key(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    files = story_files(root)
    sizes = [p.stat().st_size for p in files]
    monkeypatch.setattr(cache_module, "_MAX_FILE_BYTES", max(sizes))
    assert content_key(root, files) == _expected_key(root, files)        # exactly the limit: read
    monkeypatch.setattr(cache_module, "_MAX_FILE_BYTES", max(sizes) - 1)
    biggest = files[sizes.index(max(sizes))]
    with pytest.raises(OSError) as caught:
        content_key(root, files)
    assert str(caught.value) == f"{biggest} is {max(sizes):,} bytes"


def test_the_key_changes_with_the_engine(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    before = content_key(root)
    monkeypatch.setattr(cache_module, "_engine_key", "another engine")
    assert content_key(root) != before


# -- load_story_cached: which way each load went ---------------------------------------------------------
def _load(root, **kwargs):
    report = {}
    story, diagnostics = load_story_cached(root, report=report, **kwargs)
    return story, diagnostics, report


def test_an_empty_report_is_filled_in(tmp_path):
    root = _copy(tmp_path)
    report = {}
    load_story_cached(root, report=report)
    assert report["cache"] == "written" and report["file"] == str(cache_locations(root)[0])
    report = {}
    load_story_cached(root, report=report)
    assert report == {"cache": "hit", "file": str(cache_locations(root)[0]), "key": "hashed"}


def test_stamps_known_then_a_hit_by_stamps_names_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "STAMP_SETTLE", 0.0)
    root = _copy(tmp_path)
    assert _load(root)[2]["cache"] == "written"
    assert _load(root)[2] == {"cache": "hit", "file": str(cache_locations(root)[0]), "key": "stamps"}


def test_a_hit_by_hashing_writes_the_stamps_for_next_time(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    assert _load(root)[2]["cache"] == "written"       # files just written: too fresh for stamps
    stamps = cache_locations(root)[0].with_name(STAMPS_FILE_NAME)
    assert not stamps.exists()
    monkeypatch.setattr(cache_module, "STAMP_SETTLE", 0.0)
    assert _load(root)[2]["key"] == "hashed"
    assert stamps.is_file()
    assert _load(root)[2]["key"] == "stamps"


def test_the_first_load_remembers_stamps_of_settled_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "STAMP_SETTLE", 0.0)
    root = _copy(tmp_path)
    assert _load(root)[2]["cache"] == "written"
    assert cache_locations(root)[0].with_name(STAMPS_FILE_NAME).is_file()


def test_a_folder_without_story_yaml_is_loaded_plainly_and_not_cached(tmp_path):
    root = _copy(tmp_path)
    (root / "story.yaml").rename(root / "story.yml.bak")
    story, diagnostics, report = _load(root)
    assert story is None and diagnostics and report == {"cache": "miss"}
    assert not (root / CACHE_DIR_NAME).exists()
    assert [d.format() for d in diagnostics] == [d.format() for d in load_story(root)[1]]


# An ending no choice leads to: the story loads, with one lint warning (PG500).
LONELY = {"scenes/extra.yaml": "scenes:\n  - {id: lonely, role: hero, title: L, date: 1905-10-25, time: '22:10', "
                               "place: A square, image: places/square, sources: [{source: src, where: p. 3}], "
                               "text: Nobody comes here., ending: {title: Alone}}\n"}


def _formatted(diagnostics):
    return [d.format() for d in diagnostics]


@pytest.mark.parametrize("lint", [True, False])
@pytest.mark.parametrize("failing", ["content_key", "story_files"])
def test_a_story_whose_files_cannot_be_listed_or_hashed_is_loaded_from_yaml_and_not_cached(story_dir, monkeypatch,
                                                                                           failing, lint):
    root = story_dir(LONELY)

    def unreadable(*args, **kwargs):
        raise OSError("cannot read")
    monkeypatch.setattr(cache_module, failing, unreadable)
    story, diagnostics, report = _load(root, lint=lint, display_root="SHOWN")
    expected = load_story(root, lint=lint, display_root="SHOWN")
    assert story == expected[0] and report == {"cache": "miss"}
    assert _formatted(diagnostics) == _formatted(expected[1])
    assert bool(diagnostics) == lint and all(line.startswith("SHOWN") for line in _formatted(diagnostics))
    assert not (root / CACHE_DIR_NAME).exists()


@pytest.mark.parametrize("lint", [True, False])
def test_a_hit_by_stamps_or_by_hashing_keeps_the_lint_choice(story_dir, monkeypatch, lint):
    root = story_dir(LONELY)
    expected = _formatted(load_story(root, lint=lint)[1])
    assert _formatted(_load(root, lint=lint)[1]) == expected            # written
    monkeypatch.setattr(cache_module, "STAMP_SETTLE", 0.0)
    story, diagnostics, report = _load(root, lint=lint)
    assert report["key"] == "hashed" and _formatted(diagnostics) == expected
    story, diagnostics, report = _load(root, lint=lint)
    assert report["key"] == "stamps" and _formatted(diagnostics) == expected


def test_the_display_root_is_what_diagnostics_name_and_the_cache_is_keyed_by_it(tmp_path, story_dir):
    root = story_dir(LONELY)
    plain = [d.format() for d in load_story_cached(root)[1]]
    assert plain and all(str(root) in line for line in plain)
    shown = [d.format() for d in _load(root, display_root="STORY")[1]]
    assert shown == [d.format() for d in load_story(root, display_root="STORY")[1]]
    assert all("STORY" in line and str(root) not in line for line in shown)
    empty = _load(root, display_root="")
    assert [d.format() for d in empty[1]] == [d.format() for d in load_story(root, display_root="")[1]] != plain


def test_a_given_cache_folder_is_where_the_cache_goes(tmp_path):
    root = _copy(tmp_path)
    chosen = tmp_path / "elsewhere"
    _story, _diagnostics, report = _load(root, cache_dir=chosen)
    assert report["cache"] == "written" and report["file"].startswith(str(chosen))
    assert not (root / CACHE_DIR_NAME).exists()
    assert _load(root, cache_dir=chosen)[2]["cache"] == "hit"
    assert _load(root)[2]["cache"] == "written"       # the story folder's own place is another cache


@pytest.mark.parametrize("whole", [True, False])
def test_a_path_given_as_text_is_named_as_given_like_load_story_does(story_dir, whole):
    root = story_dir(LONELY)
    if not whole:
        (root / "story.yaml").unlink()
    given = f"{root}{os.sep}.{os.sep}"           # not how Path would print it
    expected = _formatted(load_story(given)[1])
    assert expected and all(line.startswith(given) for line in expected)
    assert _formatted(load_story_cached(given)[1]) == expected
    assert _formatted(load_story_cached(given)[1]) == expected      # and again, from the cache
