"""The compiled story cache: the same Story as from YAML, invalidated by content, never trusted when damaged."""
import marshal
import os
import shutil
import struct
import zlib
from dataclasses import fields

import pytest

from conftest import FIXTURES
from engine import Game
from engine.checker.explore import explore_role, random_playthroughs
from engine.loading import load_story, load_story_cached
from engine.loading import cache as cache_module
from engine.loading.cache import CACHE_DIR_NAME, LazyScenes, cache_locations



@pytest.fixture(autouse=True)
def _default_cache_location(monkeypatch):
    """These tests check the cache's own folder inside (copies of) the story; no repo folder is used."""
    monkeypatch.delenv("PETROGRAD_CACHE_DIR", raising=False)

def copy_fixture(tmp_path, name):
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root, ignore=shutil.ignore_patterns(CACHE_DIR_NAME))
    return root


def cached(root, **kwargs):
    report = {}
    story, diagnostics = load_story_cached(root, report=report, **kwargs)
    return story, diagnostics, report["cache"]


def cache_file(root):
    return cache_locations(root)[0]


def formatted(diagnostics):
    return [d.format() for d in diagnostics]


def spans(story):
    """Spans are not compared by ==; collect them to compare too."""
    out = [(r.id, r.span) for r in story.roles.values()] + [(v.name, v.span) for v in story.variables.values()]
    for scene in story.scenes.values():
        out.append((scene.id, scene.span))
        out += [(scene.id, c.index, c.span) for c in scene.choices]
    return out + [(c.id, c.span) for c in story.codex.values()]


@pytest.mark.parametrize("fixture", ["tiny", "classroom"])
def test_the_cached_story_is_the_loaded_story(tmp_path, fixture):
    root = copy_fixture(tmp_path, fixture)
    expected, expected_diagnostics = load_story(root)
    first, first_diagnostics, how = cached(root)
    assert how == "written" and cache_file(root).is_file()
    assert (root / CACHE_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"
    story, diagnostics, how = cached(root)
    assert how == "hit"
    assert isinstance(story.scenes, LazyScenes)
    for f in fields(expected):
        assert getattr(story, f.name) == getattr(expected, f.name), f.name
    assert story == expected and first == expected
    assert list(story.scenes) == list(expected.scenes)
    assert spans(story) == spans(expected)
    assert formatted(diagnostics) == formatted(expected_diagnostics) == formatted(first_diagnostics)


def test_play_from_the_cache_is_play_from_yaml(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    expected = Game(load_story(root)[0])
    cached(root)
    story, _, how = cached(root)
    assert how == "hit"
    game = Game(story)
    for role in expected.story.roles:
        assert random_playthroughs(game, role, 50, seed=7) == random_playthroughs(expected, role, 50, seed=7)
        ours, theirs = explore_role(game, role), explore_role(expected, role)
        assert (ours.states, ours.endings_seen, ours.values, ours.choice_truth) == \
               (theirs.states, theirs.endings_seen, theirs.values, theirs.choice_truth)
    # Conditions and effects are compiled again, not shared with the YAML load's closures.
    a, b = game.new_player("runner", seed=42), expected.new_player("runner", seed=42)
    a.choose(0)
    b.choose(0)
    assert a.state.to_dict() == b.state.to_dict()


def test_warnings_are_kept_and_lint_is_honoured(story_dir):
    root = story_dir({"scenes/extra.yaml": "variables:\n  unused: {type: bool, default: false}\n"})
    expected = formatted(load_story(root)[1])
    assert any("PG502" in line for line in expected)
    cached(root)
    _, diagnostics, how = cached(root)
    assert how == "hit" and formatted(diagnostics) == expected
    _, diagnostics, how = cached(root, lint=False)
    assert how == "hit" and formatted(diagnostics) == formatted(load_story(root, lint=False)[1])
    assert not any("PG502" in line for line in formatted(diagnostics))


def test_a_changed_file_invalidates_the_cache(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    cached(root)
    scene_file = next((root / "scenes").glob("*.yaml"))
    text = scene_file.read_text()
    scene_file.write_text(text.replace("first night", "second night", 1))
    story, _, how = cached(root)
    assert how == "written"
    assert story == load_story(root)[0]
    assert story.content_hash == load_story(root)[0].content_hash
    # Same bytes again: the key is the content, not the modification time.
    scene_file.write_text(text)
    assert cached(root)[2] == "written"
    os.utime(scene_file, ns=(1, 1))
    assert cached(root)[2] == "hit"
    # A new story file counts too.
    (root / "scenes" / "zz_more.yaml").write_text("variables:\n  spare: {type: bool, default: false}\n")
    story, diagnostics, how = cached(root)
    assert how == "written" and "spare" in story.variables


def test_a_missing_picture_is_reported_not_served_from_the_cache(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    cached(root)
    pictures = [p for p in (root / "assets" / "art").rglob("*.svg")]
    assert pictures
    pictures[0].unlink()
    story, diagnostics, how = cached(root)
    assert story is None and how == "miss"
    assert any("PG306" in line for line in formatted(diagnostics))


def test_a_story_with_errors_is_not_cached(story_dir):
    root = story_dir({"scenes/extra.yaml": "scenes:\n  - id: start\n"})
    story, diagnostics, how = cached(root)
    assert story is None and how == "miss" and not cache_file(root).exists()
    assert formatted(diagnostics) == formatted(load_story(root)[1])


def test_another_display_root_is_a_miss_with_the_right_paths(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    cached(root)
    story, diagnostics, how = cached(root, display_root="elsewhere")
    assert how == "written"
    assert story.scenes["post"].span.path.startswith("elsewhere/")
    assert story.content_hash == load_story(root, display_root="elsewhere")[0].content_hash


def damage(path, offset, data=b"\xff\xfe\xfd\xfc"):
    raw = bytearray(path.read_bytes())
    raw[offset:offset + len(data)] = data
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("how_to_damage", ["truncate", "empty", "header", "garbage", "magic"])
def test_a_damaged_cache_falls_back_to_yaml_silently(tmp_path, how_to_damage):
    root = copy_fixture(tmp_path, "tiny")
    expected, expected_diagnostics = load_story(root)
    cached(root)
    path = cache_file(root)
    size = path.stat().st_size
    if how_to_damage == "truncate":
        path.write_bytes(path.read_bytes()[: size // 3])
    elif how_to_damage == "empty":
        path.write_bytes(b"")
    elif how_to_damage == "header":
        damage(path, 40)
    elif how_to_damage == "garbage":
        path.write_bytes(os.urandom(size))
    else:
        damage(path, 0, b"NOTACACHE")
    story, diagnostics, how = cached(root)
    assert how == "written"
    assert story == expected and formatted(diagnostics) == formatted(expected_diagnostics)
    assert cached(root)[2] == "hit"


def test_a_damaged_scene_is_read_from_yaml_instead(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    expected = load_story(root)[0]
    cached(root)
    path = cache_file(root)
    damage(path, path.stat().st_size - 30)       # inside the last scene's record
    story, _, how = cached(root)
    assert how == "hit"                           # the header is intact
    assert story.scenes._yaml is None
    assert story == expected                      # every scene, the damaged one from YAML
    assert story.scenes._yaml is not None         # ... which the damaged record sent to YAML


def test_only_plain_data_is_accepted(tmp_path):
    """A cache file holding anything but plain values (here a code object) is refused."""
    root = copy_fixture(tmp_path, "tiny")
    cached(root)
    path = cache_file(root)
    raw = path.read_bytes()
    prefix = cache_module._PREFIX
    magic, header_len, _ = prefix.unpack_from(raw)
    header = marshal.loads(raw[prefix.size:prefix.size + header_len])
    header["story"]["title"] = compile("print('not run')", "<cache>", "exec")
    evil = marshal.dumps(header)
    path.write_bytes(prefix.pack(magic, len(evil), zlib.crc32(evil)) + evil + raw[prefix.size + header_len:])
    story, _, how = cached(root)
    assert how == "written" and story == load_story(root)[0]


def test_lazy_scenes_behave_as_a_read_only_mapping(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    expected = load_story(root)[0]
    cached(root)
    story = cached(root)[0]
    scenes = story.scenes
    assert len(scenes) == len(expected.scenes) and list(scenes) == list(expected.scenes)
    assert "post" in scenes and "nowhere" not in scenes and scenes.get("nowhere") is None
    with pytest.raises(KeyError):
        scenes["nowhere"]
    with pytest.raises(TypeError):
        scenes["post"] = expected.scenes["post"]
    assert scenes["post"] is scenes["post"]
    assert dict(scenes.items()) == dict(expected.scenes.items())


def test_cache_dir_and_the_environment_choose_the_place(tmp_path, monkeypatch):
    root = copy_fixture(tmp_path, "tiny")
    elsewhere = tmp_path / "caches"
    assert cached(root, cache_dir=elsewhere)[2] == "written"
    assert not (root / CACHE_DIR_NAME).exists()
    assert list(elsewhere.rglob("story.cache"))
    assert cached(root, cache_dir=elsewhere)[2] == "hit"
    monkeypatch.setenv("PETROGRAD_CACHE_DIR", str(elsewhere))
    assert cached(root)[2] == "hit"


def test_the_cache_folder_is_not_read_as_story(tmp_path, monkeypatch):
    monkeypatch.delenv("PETROGRAD_CACHE_DIR", raising=False)   # the default: a folder inside the story
    root = copy_fixture(tmp_path, "tiny")
    cached(root)
    (root / CACHE_DIR_NAME / "stray.yaml").write_text("scenes: [oops]\n")
    assert load_story(root)[0] is not None
    assert cached(root)[2] == "hit"


def test_prefix_layout_is_stable():
    assert cache_module._PREFIX.size == struct.calcsize("<8sQI")


# -- stamps: knowing the story files unchanged without hashing them ---------------------------------
def cached_how(root):
    report = {}
    story, _ = load_story_cached(root, report=report)
    return story, report["cache"], report.get("key")


@pytest.fixture
def settled_at_once(monkeypatch):
    """Files count as settled as soon as they are older than the stamping (no 2 s wait in tests)."""
    monkeypatch.setattr(cache_module, "STAMP_SETTLE", 0.0)


def test_stamps_stand_in_for_hashing(tmp_path, monkeypatch, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    assert cached_how(root)[1] == "written"
    assert (cache_file(root).with_name(cache_module.STAMPS_FILE_NAME)).is_file()

    def no_hashing(*args, **kwargs):
        raise AssertionError("the story files were hashed")
    monkeypatch.setattr(cache_module, "content_key", no_hashing)
    story, how, key = cached_how(root)
    assert (how, key) == ("hit", "stamps")
    assert story == load_story(root)[0]


def test_a_same_size_edit_with_its_old_mtime_put_back_is_still_seen(tmp_path, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    before, _, _ = cached_how(root)
    scene_file = next((root / "scenes").glob("*.yaml"))
    st = scene_file.stat()
    text = scene_file.read_text()
    changed = text.replace("first night", "frost night", 1)
    assert len(changed) == len(text) and changed != text
    scene_file.write_text(changed)
    os.utime(scene_file, ns=(st.st_atime_ns, st.st_mtime_ns))     # as `cp -p` or rsync -t would
    story, how, _ = cached_how(root)
    assert how == "written"                                       # ctime gave it away: hashed, changed
    assert story == load_story(root)[0] and story != before


def test_files_changed_just_now_are_hashed_not_trusted(tmp_path):
    root = copy_fixture(tmp_path, "tiny")          # just copied: every ctime is now
    assert cached_how(root)[1] == "written"
    assert not cache_file(root).with_name(cache_module.STAMPS_FILE_NAME).exists()
    assert cached_how(root)[1:] == ("hit", "hashed")


def test_damaged_stamps_are_ignored_and_rewritten(tmp_path, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    stamps = cache_file(root).with_name(cache_module.STAMPS_FILE_NAME)
    stamps.write_bytes(b"\x00garbage" * 10)
    assert cached_how(root)[1:] == ("hit", "hashed")
    assert cached_how(root)[1:] == ("hit", "stamps")


def test_stamps_of_another_engine_are_not_used(tmp_path, monkeypatch, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    monkeypatch.setattr(cache_module, "engine_fingerprint", lambda: "another engine")
    assert cached_how(root)[1] == "written"


def test_stamps_with_values_of_the_wrong_type_are_a_miss_not_a_crash(tmp_path, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    stamps_file = cache_file(root).with_name(cache_module.STAMPS_FILE_NAME)
    blob = stamps_file.read_bytes()[4:]
    fmt, engine, key, taken, stamps = marshal.loads(blob)
    forged = tuple((s[0], s[1], s[2], "x", s[4], s[5]) for s in stamps)       # ctime as text
    blob = marshal.dumps((fmt, engine, key, taken, forged))
    stamps_file.write_bytes(struct.pack("<I", zlib.crc32(blob)) + blob)
    assert cached_how(root)[1:] == ("hit", "hashed")


# -- third round of mutation testing (README, "Mutation testing") ---------------------------------------
@pytest.fixture
def builds(monkeypatch):
    """How many times the YAML reader builds a story."""
    from engine.loading.builder import StoryBuilder
    count = []
    real = StoryBuilder.build

    def counted(self, *args, **kwargs):
        count.append(1)
        return real(self, *args, **kwargs)
    monkeypatch.setattr(StoryBuilder, "build", counted)
    return count


def _every_scene(story):
    return {scene_id: scene for scene_id, scene in story.scenes.items()}


@pytest.mark.parametrize("without_pread", [False, True])
def test_a_cache_hit_serves_every_scene_without_reading_yaml(tmp_path, monkeypatch, builds, without_pread):
    """The first load reads the YAML once (checking the cache it writes reads no YAML again); a hit
    reads none, also where os.pread is missing (Windows: the body is read whole)."""
    root = copy_fixture(tmp_path, "classroom")
    expected = _every_scene(load_story(root)[0])
    builds.clear()
    assert cached_how(root)[1] == "written"
    assert len(builds) == 1
    if without_pread:
        monkeypatch.delattr(os, "pread")
    story, how, _unused = cached_how(root)
    assert how == "hit" and _every_scene(story) == expected
    assert len(builds) == 1                 # no scene had to be recovered from YAML


def test_a_cache_whose_header_checksum_does_not_match_is_not_served(tmp_path):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    path = cache_file(root)
    data = bytearray(path.read_bytes())
    data[16:20] = bytes(b ^ 0xFF for b in data[16:20])         # the header's CRC-32 in the prefix only
    path.write_bytes(bytes(data))
    assert cached_how(root)[1] == "written"


def _open_fds():
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors through /proc")
@pytest.mark.parametrize("how_to_damage", ["magic", "truncate"])
def test_a_damaged_cache_leaves_no_file_open(tmp_path, how_to_damage):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    path = cache_file(root)
    data = path.read_bytes()
    damaged = b"NOTCACHE" + data[8:] if how_to_damage == "magic" else data[:40]
    path.write_bytes(damaged)
    before = _open_fds()
    for _unused in range(20):
        assert cache_module._try_cache(path, root, "any", str(root), True) is None
    assert _open_fds() == before


def _stamps_file(root):
    return cache_file(root).with_name(cache_module.STAMPS_FILE_NAME)


def test_stamps_whose_checksum_does_not_match_are_not_trusted(tmp_path, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    data = bytearray(_stamps_file(root).read_bytes())
    data[0] ^= 0xFF
    _stamps_file(root).write_bytes(bytes(data))
    assert cached_how(root)[1:] == ("hit", "hashed")


def _stamps_padded_to(root, size):
    """The stamps file, valid, with its blob padded to `size` bytes in all (marshal ignores the rest)."""
    blob = _stamps_file(root).read_bytes()[4:]
    blob = blob + b"\0" * (size - 4 - len(blob))
    _stamps_file(root).write_bytes(struct.pack("<I", zlib.crc32(blob)) + blob)


def test_a_stamps_file_over_4_mib_is_not_read(tmp_path, settled_at_once):
    root = copy_fixture(tmp_path, "tiny")
    cached_how(root)
    _stamps_padded_to(root, 1 << 22)
    assert cached_how(root)[1:] == ("hit", "stamps")            # exactly the limit: read
    _stamps_padded_to(root, (1 << 22) + 1)
    assert cached_how(root)[1:] == ("hit", "hashed")            # one byte more: not read


def test_two_stories_sharing_a_cache_folder_get_a_file_each(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert cache_locations(first, tmp_path / "c") != cache_locations(second, tmp_path / "c")
    assert cache_locations(first, tmp_path / "c") == cache_locations(tmp_path / "x" / ".." / "a", tmp_path / "c")


def test_the_cache_goes_to_the_users_folder_when_the_story_folder_cannot_hold_it(tmp_path, monkeypatch):
    root = copy_fixture(tmp_path, "tiny")
    (root / CACHE_DIR_NAME).write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    report = {}
    load_story_cached(root, report=report)
    assert report["cache"] == "written" and report["file"].startswith(str(tmp_path / "xdg"))


def test_a_story_that_would_not_come_back_the_same_is_loaded_and_reported_uncacheable(tmp_path, monkeypatch):
    root = copy_fixture(tmp_path, "tiny")
    monkeypatch.setattr(cache_module, "decode_story", lambda *args, **kwargs: None)
    story, how, _unused = cached_how(root)
    assert how == "uncacheable" and story == load_story(root)[0]
    assert not cache_file(root).exists()


def test_lint_warnings_are_left_out_on_the_first_load_too(story_dir):
    root = story_dir({"scenes/extra.yaml": "scenes:\n  - {id: lonely, title: L, role: only, text: Nobody comes here.}\n"})
    with_lint = load_story(root, lint=True)[1]
    without = load_story(root, lint=False)[1]
    assert len(with_lint) > len(without)                        # the example has a lint warning to leave out
    assert formatted(load_story_cached(root, lint=False)[1]) == formatted(without)
