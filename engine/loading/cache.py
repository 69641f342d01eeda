"""A compiled cache of a validated story: what `.rpyc` is to Ren'Py, or compiled JSON to ink.

    story, diagnostics = load_story_cached("story/")     # same result as load_story("story/")

The first load of a story reads its YAML as load_story does and, when the story has no errors, writes
the frozen model as plain data next to it, in `<story>/.petrograd-cache/story.cache` (the folder
holds its own .gitignore; if the story folder is read-only, under $XDG_CACHE_HOME or ~/.cache/petrograd
instead; $PETROGRAD_CACHE_DIR or `cache_dir=` choose another place). Later loads skip YAML parsing,
validation and lint, and rebuild the same Story from that data.

Validity. The cache is used only when all of these hold, and otherwise ignored and rewritten:
  * the key matches: a content hash of every story file (the files load_story reads, by relative
    path, size and a 64-bit SipHash of the bytes, the hash CPython uses for hash-checked .pyc files,
    PEP 552), of the engine's loader code (size and mtime of its modules) and of the Python version.
    Hashing is the slow part of a warm load (7 ms for the 12 MB of a 10,000-scene story), so beside
    the cache a small `story.stamps` file remembers the key with each story file's size, mtime,
    ctime, inode and device as they were when the key was computed. If every file still has exactly
    those, the remembered key is used without reading the files; if any differs, or the stamps file
    is missing or damaged, the files are hashed. As in git's index ("racy git"), stamps are written
    only when every file's ctime is at least STAMP_SETTLE seconds older than the moment they were
    taken: a file changed later gets a newer ctime, which (on POSIX) tools that restore mtimes
    cannot set back, so it is hashed; a file changed within the same clock tick as the stamping is
    never trusted to its stamp. Two assumptions: the story's file system keeps its clock within
    STAMP_SETTLE of this machine's (a network file system skewed further could defeat the settle
    test), and ctime means change time, so on Windows (creation time) stamps are not used;
  * the display root (the path prefix in diagnostics and spans) is the one it was written with;
  * every picture the story names still exists (the one check the loader makes outside the story
    files);
  * the file is intact: a CRC-32 of each part, then every value must be plain data (str, int, float,
    bool, None, tuple, list, dict) of the expected shape. A damaged, truncated, foreign or stale
    file is a miss: the story is loaded from YAML, silently, and the cache rewritten.
Nothing is unpickled: the file is `marshal` data of plain values only; compiled conditions and
effects are stored as their source text and compiled again (the model's dataclasses are rebuilt by
name from engine.model). Only a story with no errors is cached; its warnings are kept and returned
as load_story returns them.

Laziness. Scenes are decoded from the cache on first access (story.scenes is a read-only Mapping that
builds each Scene the first time it is asked for; iteration order is the story's). Everything else
is decoded at load.
"""
from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import marshal
import os
import struct
import sys
import tempfile
import time
import weakref
import zlib
from collections.abc import Mapping as MappingABC
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator

from .. import errors as _errors
from .. import expressions as _expressions
from .. import model as _model
from ..checker.graph import lint_story
from ..diagnostics import BY_CODE, DiagnosticSink
from ..errors import Diagnostic, Severity, SourceSpan
from ..expressions import compile_condition, compile_effect
from ..model import Effect, Guard, Story
from ..safefile import open_regular, read_bounded_fd, read_regular, read_upto
from . import collector_paused
from ..artref import split_art_ref
from .layout import ART_EXTENSIONS, MAX_FILE_BYTES as _MAX_FILE_BYTES, assets_dir as _layout_assets_dir, story_files as _layout_story_files

CACHE_FORMAT = 1
CACHE_DIR_NAME = ".petrograd-cache"
CACHE_FILE_NAME = "story.cache"
_MAGIC = b"PGSTORY" + bytes([CACHE_FORMAT])
_PREFIX = struct.Struct("<8sQI")           # magic, header length, header CRC-32
_SPAN = struct.Struct("<QQ")               # a scene's start and end in the body
_CRC = struct.Struct("<I")
# The Story fields the cache does not store: they depend on where and how the story is loaded.
_LOCAL_FIELDS = ("scenes", "root", "assets_dir", "content_hash")
# Engine code whose changes can change what a story loads to: the package's top-level modules
# (but the command line), and the loading, checker and session packages.
_ENGINE_PARTS = ("", "loading", "checker", "session")
_NOT_LOADING = {"/cli.py", "/__main__.py"}


class _Uncacheable(Exception):
    """The story holds a value the cache cannot write as plain data; it is loaded from YAML always."""


class _Damaged(Exception):
    """The cache file is not a valid cache (damaged, truncated, foreign): a miss."""


# -- the key ---------------------------------------------------------------------------------------
_engine_key: str | None = None


def engine_fingerprint() -> str:
    """Cache format, Python version and the size and mtime of each module of the loading code."""
    global _engine_key
    if _engine_key is None:
        package = Path(_model.__file__).resolve().parent
        h = hashlib.sha256(f"{CACHE_FORMAT}\0{sys.version}\0{marshal.version}\0".encode())
        for part in _ENGINE_PARTS:
            folder = package / part if part else package
            for path in sorted(folder.glob("*.py")):
                if f"{part}/{path.name}" in _NOT_LOADING:
                    continue
                st = path.stat()
                h.update(f"{part}/{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _engine_key = h.hexdigest()
    return _engine_key


def story_files(root: Path) -> list[Path]:
    """The files load_story reads, in its order."""
    return _layout_story_files(root)


def content_key(root: Path, files: list[Path] | None = None) -> str:
    """The content hash of every story file, with the engine fingerprint."""
    h = hashlib.sha256(engine_fingerprint().encode())
    buffer = bytearray(1 << 20)     # one buffer, reused: no fresh allocation (and page faults) per file
    for path in (story_files(root) if files is None else files):
        fd, _ = open_regular(path)          # a FIFO or a device among the files is an OSError: load the YAML
        with open(fd, "rb", buffering=0) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > _MAX_FILE_BYTES:
                # Too large to be a story file: the YAML load reports it (PG103) without reading it.
                raise OSError(f"{path} is {size:,} bytes")
            if size + 1 > len(buffer):
                buffer = bytearray(size + 1)
            view = memoryview(buffer)
            n = 0
            while True:          # read to the end, even if the file grew since fstat
                got = handle.readinto(view[n:])
                if not got:
                    break
                n += got
                if n == len(buffer):
                    buffer = buffer + bytearray(len(buffer))
                    view = memoryview(buffer)
            digest = importlib.util.source_hash(view[:n])
            view.release()
        rel = path.relative_to(root).as_posix()
        h.update(f"\0{rel}\0{n}\0".encode() + digest)
    return h.hexdigest()


STAMPS_FILE_NAME = "story.stamps"
STAMPS_FORMAT = 1
STAMP_SETTLE = 2.0      # seconds: coarser than any file system's timestamp tick (FAT's is 2 s)
# On Windows st_ctime is the creation time, which an in-place edit does not change, so a same-size
# edit with its mtime put back would keep every stamp: there the files are always hashed.
STAMPS_TRUSTED = os.name != "nt"


def file_stamps(root: Path, files: list[Path]) -> tuple[int, tuple]:
    """When the stamps were taken (ns) and each file's (relative path, size, mtime, ctime, inode,
    device). Taken before the files are hashed, so that a change during hashing shows as a newer
    stamp."""
    taken = time.time_ns()
    stamps = []
    for path in files:
        st = os.stat(path)
        stamps.append((path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                       st.st_ino, st.st_dev))
    return taken, tuple(stamps)


def _settled(taken: int, stamps: tuple) -> bool:
    """Whether every file was last changed at least STAMP_SETTLE before the stamps were taken."""
    limit = taken - int(STAMP_SETTLE * 1e9)
    return all(stamp[3] < limit and stamp[2] < limit for stamp in stamps)


def _read_stamps(location: Path) -> tuple[str, tuple] | None:
    """(key, stamps) remembered beside a cache file, or None if there is no valid stamps file."""
    try:
        data = read_regular(location.with_name(STAMPS_FILE_NAME), 1 << 22)
        prefix, blob = data[:_CRC.size], data[_CRC.size:]
        if len(prefix) != _CRC.size or zlib.crc32(blob) != _CRC.unpack(prefix)[0]:
            return None
        found = marshal.loads(blob)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (type(found) is not tuple or len(found) != 5 or found[0] != STAMPS_FORMAT
            or found[1] != engine_fingerprint()          # the key's engine part: stale if the engine changed
            or type(found[2]) is not str or type(found[3]) is not int or type(found[4]) is not tuple
            or not all(type(stamp) is tuple and len(stamp) == 6 and type(stamp[0]) is str
                       and all(type(n) is int for n in stamp[1:]) for stamp in found[4])):
        return None
    _, _, key, taken, stamps = found
    if not _settled(taken, stamps):
        return None
    return key, stamps


def _write_stamps(location: Path, key: str, taken: int, stamps: tuple) -> None:
    if not STAMPS_TRUSTED or not _settled(taken, stamps):
        return                    # a file changed too recently to be known by its stamp alone
    blob = marshal.dumps((STAMPS_FORMAT, engine_fingerprint(), key, taken, stamps))
    try:
        _write(location.with_name(STAMPS_FILE_NAME), _CRC.pack(zlib.crc32(blob)) + blob)
    except OSError:
        pass                      # only an optimisation: without it, the next load hashes


def _remembered_key(location: Path, root: Path, files: list[Path]) -> str | None:
    """The key remembered beside the cache at `location` if every story file is exactly as stamped."""
    found = _read_stamps(location) if STAMPS_TRUSTED else None
    if found is None:
        return None
    key, stamps = found
    if len(stamps) != len(files):
        return None
    try:
        for path, stamp in zip(files, stamps):
            st = os.stat(path)
            if (stamp[1] != st.st_size or stamp[2] != st.st_mtime_ns or stamp[3] != st.st_ctime_ns
                    or stamp[4] != st.st_ino or stamp[5] != st.st_dev
                    or stamp[0] != path.relative_to(root).as_posix()):
                return None
    except (OSError, ValueError):
        return None
    return key


# -- where -----------------------------------------------------------------------------------------
def _user_cache_dir(root: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return Path(base) / "petrograd" / tag


def cache_locations(root: Path, cache_dir: str | Path | None = None) -> list[Path]:
    """Where the cache file of the story at `root` is looked for and written, in order."""
    chosen = cache_dir if cache_dir is not None else os.environ.get("PETROGRAD_CACHE_DIR")
    if chosen:
        tag = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
        return [Path(chosen) / tag / CACHE_FILE_NAME]
    inside = root / CACHE_DIR_NAME
    if inside.is_symlink():     # a link would take the cache (read and written) out of the story folder
        return [_user_cache_dir(root) / CACHE_FILE_NAME]
    return [inside / CACHE_FILE_NAME, _user_cache_dir(root) / CACHE_FILE_NAME]


# -- plain-data codec ------------------------------------------------------------------------------
# A value is written as itself when it is str, int, float, bool or None, a tuple as a tuple, and
# anything else as a list whose first item says what it is: the index of a dataclass in the class
# table (then its fields, in order), or one of the tags below.
_TAG_MAP, _TAG_DICT, _TAG_LIST, _TAG_SET = "M", "D", "L", "F"
_TAG_GUARD, _TAG_EFFECT, _TAG_SPAN = "G", "E", "S"
_LEAVES = frozenset((str, int, float, bool, type(None)))


def _known_classes() -> dict[str, type]:
    """The dataclasses a story may hold: those of engine.model, SourceSpan and Compiled."""
    found = {name: cls for name, cls in vars(_model).items()
             if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == _model.__name__}
    found["SourceSpan"] = _errors.SourceSpan
    found["Compiled"] = _expressions.Compiled
    return found


class _Encoder:
    def __init__(self):
        self.classes: list[str] = []
        self.class_index: dict[type, int] = {}
        self.known = _known_classes()
        self.paths: list[str] = []
        self.path_index: dict[str, int] = {}

    def path(self, path: str) -> int:
        index = self.path_index.get(path)
        if index is None:
            index = self.path_index[path] = len(self.paths)
            self.paths.append(path)
        return index

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind in _LEAVES:
            return value
        if kind is tuple:
            return tuple([v if type(v) in _LEAVES else self(v) for v in value])
        if kind is Guard:
            return [_TAG_GUARD, value.info.source]
        if kind is Effect:
            return [_TAG_EFFECT, value.info.source]
        if kind is SourceSpan:
            return [_TAG_SPAN, self.path(value.path), value.line, value.column]
        if kind is MappingProxyType or kind is dict:
            if not all(type(k) is str for k in value):
                raise _Uncacheable("a mapping with keys that are not text")
            return [_TAG_MAP if kind is MappingProxyType else _TAG_DICT, {k: self(v) for k, v in value.items()}]
        if kind is list:
            return [_TAG_LIST, *(self(v) for v in value)]
        if kind is frozenset:
            return [_TAG_SET, *(self(v) for v in sorted(value))]
        if dataclasses.is_dataclass(value) and self.known.get(kind.__name__) is kind:
            index = self.class_index.get(kind)
            if index is None:
                if any(not f.init for f in dataclasses.fields(kind)):
                    raise _Uncacheable(f"{kind.__name__} has a field its constructor does not take")
                index = self.class_index[kind] = len(self.classes)
                self.classes.append(kind.__name__)
            return [index, *[v if type(v) in _LEAVES else self(v)
                             for v in (getattr(value, f.name) for f in dataclasses.fields(kind))]]
        raise _Uncacheable(f"cannot store a {kind.__name__}")


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass whose instance is exactly `object.__new__(cls)` with those
    fields in its __dict__ (no __post_init__, no __slots__, every field an __init__ argument), so
    that it can be built without the frozen __init__'s one object.__setattr__ per field (3-4x
    slower); None for any other class."""
    if (hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__
            or any(not f.init for f in dataclasses.fields(cls))):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


# SourceSpan is slotted and frozen: its slots' own setters fill a new one (its __init__ would go
# through object.__setattr__ once per field).
assert SourceSpan.__slots__ == ("path", "line", "column")
_SET_PATH, _SET_LINE, _SET_COLUMN = (getattr(SourceSpan, name).__set__ for name in SourceSpan.__slots__)


class _Decoder:
    """Rebuilds values written by _Encoder; anything that is not plain data of that shape is _Damaged."""

    def __init__(self, classes: Any, paths: Any, variables: MappingABC | None = None):
        known = _known_classes()
        if type(classes) is not tuple or type(paths) is not tuple:
            raise _Damaged("bad tables")
        try:
            self.classes = tuple(known[name] for name in classes)
        except (KeyError, TypeError):
            raise _Damaged("unknown class") from None
        self.fields = tuple(_field_names(cls) for cls in self.classes)
        if not all(type(p) is str for p in paths):
            raise _Damaged("bad path table")
        self.paths = paths
        self.variables = variables
        self.guards: dict[str, Guard] = {}
        self.effects: dict[str, Effect] = {}
        self.walk = self._walker()

    def __call__(self, value: Any) -> Any:
        return self.walk(value)

    def _walker(self):
        """Decode one written value. The common cases (a dataclass, a tuple, a span) are handled by
        this closure without the generic checks (each scene costs one such walk on its first visit
        in play, so it is written for speed); everything else goes to _other()."""
        classes, fields, paths, other = self.classes, self.fields, self.paths, self._other
        leaves, new, span_class = _LEAVES, object.__new__, SourceSpan
        set_path, set_line, set_column = _SET_PATH, _SET_LINE, _SET_COLUMN

        def walk(value: Any) -> Any:
            kind = type(value)
            if kind is list and value:
                tag = value[0]
                if type(tag) is int:
                    names = fields[tag] if 0 <= tag < len(fields) else None
                    if names is None or len(value) != len(names) + 1:
                        return other(value)
                    built = new(classes[tag])
                    attributes = built.__dict__
                    for name, item in zip(names, islice(value, 1, None)):
                        attributes[name] = item if type(item) in leaves else walk(item)
                    return built
                if tag == _TAG_SPAN and len(value) == 4:
                    built = new(span_class)
                    set_path(built, paths[value[1]])
                    set_line(built, value[2])
                    set_column(built, value[3])
                    return built
                return other(value)
            if kind is tuple:
                return tuple([v if type(v) in leaves else walk(v) for v in value])
            return other(value)
        return walk

    def _other(self, value: Any) -> Any:
        kind = type(value)
        if kind in _LEAVES:
            return value
        if kind is not list or not value:
            raise _Damaged(f"unexpected {kind.__name__}")
        tag = value[0]
        if type(tag) is int:
            if not 0 <= tag < len(self.classes):
                raise _Damaged("unknown class")
            return self.classes[tag](*[self(v) for v in islice(value, 1, None)])  # (a wrong count: TypeError)
        if tag == _TAG_SPAN:
            _, path, line, column = value
            return SourceSpan(self.paths[path], line, column)
        if tag == _TAG_GUARD:
            return self.guard(value[1])
        if tag == _TAG_EFFECT:
            return self.effect(value[1])
        if tag == _TAG_MAP or tag == _TAG_DICT:
            _, items = value
            if type(items) is not dict:
                raise _Damaged("bad mapping")
            out = {k: self(v) for k, v in items.items()}
            return MappingProxyType(out) if tag == _TAG_MAP else out
        if tag == _TAG_LIST:
            return [self(v) for v in value[1:]]
        if tag == _TAG_SET:
            return frozenset(self(v) for v in value[1:])
        raise _Damaged("unknown tag")

    def guard(self, source: Any) -> Guard:
        return self._compiled(source, self.guards, compile_condition, Guard)

    def effect(self, source: Any) -> Effect:
        return self._compiled(source, self.effects, compile_effect, Effect)

    def _compiled(self, source: Any, made: dict, compile_source, wrap):
        """A condition or effect from its source text, compiled once per distinct source."""
        found = made.get(source)
        if found is None:
            if type(source) is not str or self.variables is None:
                raise _Damaged(f"bad {wrap.__name__.lower()}")
            found = made[source] = wrap(*compile_source(source, self.variables))
        return found


class _Body:
    """The scenes part of a cache file, read a slice at a time (or held in memory where os.pread is
    missing, as on Windows)."""

    def __init__(self, fd: int | None, base: int, data: bytes | None = None):
        self.base = base
        self.data = data
        self.fd = fd
        if fd is not None:
            self._finalizer = weakref.finalize(self, os.close, fd)

    def read(self, start: int, end: int) -> bytes:
        if self.fd is None:
            if self.data is None:
                raise _Damaged("closed")
            return self.data[self.base + start:self.base + end]
        return os.pread(self.fd, end - start, self.base + start)

    def close(self) -> None:
        if self.fd is not None:
            self._finalizer()
            self.fd = None
        self.data = None


class LazyScenes(MappingABC):
    """A story's scenes, decoded from the cache the first time each is asked for. Read-only, in the
    story's order, equal to the mapping load_story builds.

    Each scene is read from the cache file (os.pread on a descriptor kept open until every scene is
    decoded or the mapping is dropped; the file is replaced, never rewritten in place, so the
    descriptor always sees the file that was validated) and checked against its own CRC-32. A scene
    that is short, damaged or undecodable does not stop play: `recover()` loads the story's scenes
    from YAML and those are used from then on."""

    def __init__(self, where: dict[str, int], offsets: bytes, crcs: bytes, body: _Body, decode, recover):
        self._where = where            # scene id -> position, in the story's order
        self._offsets = offsets        # n + 1 little-endian uint64: where each scene starts and ends
        self._crcs = crcs              # n little-endian uint32: each scene's CRC-32
        self._body = body
        self._decode = decode
        self._recover = recover
        self._yaml: MappingABC | None = None
        self._scenes: dict[str, Any] = {}

    def __getitem__(self, scene_id: str):
        scene = self._scenes.get(scene_id)
        if scene is None:
            i = self._where[scene_id]
            try:
                start, end = _SPAN.unpack_from(self._offsets, 8 * i)
                blob = self._body.read(start, end)
                if zlib.crc32(blob) != _CRC.unpack_from(self._crcs, 4 * i)[0]:
                    raise _Damaged("scene checksum")
                scene = self._decode(marshal.loads(blob))
            except Exception:
                scene = self._from_yaml(scene_id)
            self._scenes[scene_id] = scene
            if len(self._scenes) == len(self._where):
                self._body.close()      # all decoded
        return scene

    def _from_yaml(self, scene_id: str):
        if self._yaml is None:
            scenes = self._recover()
            if scenes is None or list(scenes) != list(self._where):
                raise RuntimeError("the story's compiled cache is unusable and its YAML has changed; load it again")
            self._yaml = scenes
        return self._yaml[scene_id]

    def __contains__(self, scene_id: object) -> bool:
        return scene_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __repr__(self) -> str:
        return f"<LazyScenes: {len(self._scenes)} of {len(self._where)} scenes decoded>"


# -- writing ---------------------------------------------------------------------------------------
def encode_story(story: Story, *, key: str, display_root: str, assets: str, art: list[str],
                 diagnostics: list[Diagnostic], lint_from: int) -> bytes:
    """The cache file for a story: prefix, header (everything but scenes) and body (scenes)."""
    enc = _Encoder()
    fields = {f.name: enc(getattr(story, f.name)) for f in dataclasses.fields(Story) if f.name not in _LOCAL_FIELDS}
    blobs, ids, offsets, crcs, at = [], [], [0], [], 0
    for scene_id, scene in story.scenes.items():
        blob = marshal.dumps(enc(scene))
        blobs.append(blob)
        ids.append(scene_id)
        crcs.append(zlib.crc32(blob))
        at += len(blob)
        offsets.append(at)
    body = b"".join(blobs)
    # In the order DiagnosticSink.sorted() gives (a stable sort, so any subset keeps its order).
    order = sorted(range(len(diagnostics)), key=lambda i: (diagnostics[i].span, diagnostics[i].code))
    diags = tuple((d.code, enc.path(d.span.path), d.span.line, d.span.column, d.message, i >= lint_from)
                  for i, d in ((i, diagnostics[i]) for i in order))
    header = marshal.dumps({
        "format": CACHE_FORMAT,
        "key": key,
        "display_root": display_root,
        "content_hash": story.content_hash,
        "assets": assets,
        "art": tuple(art),
        "classes": tuple(enc.classes),
        "paths": tuple(enc.paths),
        "story": fields,
        "scenes": {scene_id: i for i, scene_id in enumerate(ids)},
        "offsets": struct.pack(f"<{len(offsets)}Q", *offsets),
        "crcs": struct.pack(f"<{len(crcs)}I", *crcs),
        "diagnostics": diags,
    })
    return _PREFIX.pack(_MAGIC, len(header), zlib.crc32(header)) + header + body


def _write(target: Path, data: bytes) -> None:
    folder = target.parent
    if folder.name == CACHE_DIR_NAME and folder.is_symlink():
        raise OSError(f"{folder} is a link: the cache is not written out of the story folder")
    folder.mkdir(parents=True, exist_ok=True)
    if folder.name == CACHE_DIR_NAME:
        try:    # never through a link planted in its place, dangling or not
            ignore = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0))
        except FileExistsError:
            pass
        else:
            with os.fdopen(ignore, "w") as handle:
                handle.write("# written by the story engine: a compiled cache, safe to delete\n*\n")
    fd, tmp = tempfile.mkstemp(prefix=".story.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- reading ---------------------------------------------------------------------------------------
def _assets_dir(root: Path, assets: str) -> Path:
    return _layout_assets_dir(root, assets)


def _read_head(source: Path | bytes) -> tuple[bytes, _Body]:
    """The header of a cache file (checked against its CRC-32) and a reader of its scenes."""
    if isinstance(source, bytes):
        prefix = source[:_PREFIX.size]
        size = len(source)
    else:
        fd, st = open_regular(source)      # one descriptor for the header and the scenes: one file
        size = st.st_size
        try:
            prefix = os.read(fd, _PREFIX.size)
        except BaseException:
            os.close(fd)
            raise
    try:
        if len(prefix) != _PREFIX.size:
            raise _Damaged("too short")
        magic, header_len, header_crc = _PREFIX.unpack(prefix)
        if magic != _MAGIC:
            raise _Damaged("not a cache file of this format")
        base = _PREFIX.size + header_len
        if base > size:
            raise _Damaged("too short")
        if isinstance(source, bytes):
            header_bytes = source[_PREFIX.size:base]
            body = _Body(None, base, source)
        else:
            header_bytes = read_upto(fd, header_len)
            if hasattr(os, "pread"):
                body = _Body(fd, base)
            else:
                body = _Body(None, base, prefix + header_bytes + read_bounded_fd(fd, source, size))
                os.close(fd)
            fd = None
    finally:
        if not isinstance(source, bytes) and fd is not None:
            os.close(fd)
    if len(header_bytes) != header_len or zlib.crc32(header_bytes) != header_crc:
        body.close()
        raise _Damaged("header checksum")
    return header_bytes, body


def decode_story(source: Path | bytes, *, root: Path, key: str, display_root: str, lint: bool
                 ) -> tuple[Story, list[Diagnostic]] | None:
    """The story and diagnostics in a cache file (a path, or the file's bytes), or None if it is not
    valid for this story and root. Raises _Damaged if it is not a well-formed cache."""
    header_bytes, body = _read_head(source)
    try:
        found = _decode(header_bytes, body, root=root, key=key, display_root=display_root, lint=lint)
    except BaseException:
        body.close()
        raise
    if found is None:
        body.close()
    return found


def _decode(header_bytes: bytes, body: _Body, *, root: Path, key: str, display_root: str, lint: bool
            ) -> tuple[Story, list[Diagnostic]] | None:
    try:
        header = marshal.loads(header_bytes)
    except (EOFError, ValueError, TypeError):
        raise _Damaged("header") from None
    if type(header) is not dict or header.get("format") != CACHE_FORMAT:
        raise _Damaged("header")
    if header.get("key") != key or header.get("display_root") != display_root:
        return None
    assets, art = header.get("assets"), header.get("art")
    if type(assets) is not str or type(art) is not tuple or not all(type(a) is str for a in art):
        raise _Damaged("art")
    assets_dir = _assets_dir(root, assets)
    art_root = assets_dir / "art"
    for ref in art:
        art_id = split_art_ref(ref)[0]   # a weather variant is drawn over the base picture
        if not any((art_root / (art_id + ext)).is_file() for ext in ART_EXTENSIONS):
            return None   # a picture has gone: the loader would report it
    fields, where = header.get("story"), header.get("scenes")
    offsets, crcs = header.get("offsets"), header.get("crcs")
    # The header passed its CRC, so these are what was written; a bad offset would only make a
    # scene fail its own CRC when read, and LazyScenes recovers from that.
    if (type(fields) is not dict or type(where) is not dict or type(offsets) is not bytes
            or type(crcs) is not bytes or len(offsets) != 8 * (len(where) + 1) or len(crcs) != 4 * len(where)
            or "variables" not in fields):
        raise _Damaged("index")
    decoder = _Decoder(header.get("classes"), header.get("paths"))
    values = {"variables": decoder(fields["variables"])}
    decoder.variables = values["variables"]
    for name, value in fields.items():
        if name not in values:
            values[name] = decoder(value)
    content_hash = header.get("content_hash")
    if type(content_hash) is not str:
        raise _Damaged("content hash")
    try:
        scenes = LazyScenes(where, offsets, crcs, body, _scene_decoder(decoder), _recover(root, display_root))
        story = Story(**values, scenes=scenes, root=str(root), assets_dir=str(assets_dir),
                      content_hash=content_hash)
    except TypeError:
        raise _Damaged("story fields") from None
    diags = header.get("diagnostics")
    if type(diags) is not tuple:
        raise _Damaged("diagnostics")
    out = []
    # Built as _Decoder builds dataclasses (a story can carry hundreds of warnings: 695 PG500 at
    # 10,000 synthetic scenes, a millisecond through the frozen dataclasses' __init__).
    walk, names = decoder.walk, _field_names(Diagnostic)
    for code, path, line, column, message, from_lint in diags:   # stored sorted
        if from_lint and not lint:
            continue
        severity = BY_CODE[code].severity
        if severity is not Severity.WARNING or type(message) is not str:
            raise _Damaged("a cached story with errors")
        span = walk([_TAG_SPAN, path, line, column])
        if names == ("span", "severity", "code", "message"):
            diagnostic = object.__new__(Diagnostic)
            diagnostic.__dict__.update(span=span, severity=severity, code=code, message=message)
        else:
            diagnostic = Diagnostic(span, severity, code, message)
        out.append(diagnostic)
    return story, out


def _recover(root: Path, display_root: str):
    def recover():
        from . import load_story
        story, _ = load_story(root, lint=False, display_root=display_root)
        return None if story is None else story.scenes
    return recover


def _scene_decoder(decoder: _Decoder):
    scene_class = _model.Scene
    walk = decoder.walk

    def decode(value: Any):
        scene = walk(value)
        if type(scene) is not scene_class:
            raise _Damaged("not a scene")
        return scene
    return decode


# -- the entry point -------------------------------------------------------------------------------
def load_story_cached(path: str | Path, *, lint: bool = True, display_root: str | None = None,
                      cache_dir: str | Path | None = None, report: dict | None = None
                      ) -> tuple[Story | None, list[Diagnostic]]:
    """load_story through the compiled cache: the same (story, diagnostics), faster from the second
    load on. `report`, if given, gets report["cache"] = "hit", "written", "miss" (not written: the
    story has errors, or no cache location is writable) or "uncacheable", and on a hit
    report["key"] = "stamps" (the story files were known by their stamps) or "hashed"."""
    root = Path(path)
    display = display_root if display_root is not None else str(path)
    note = report if report is not None else {}
    with collector_paused():
        if not (root / "story.yaml").is_file():
            return _full_load(root, display, lint, note, None, cache_dir)
        locations = cache_locations(root, cache_dir)
        try:
            files = story_files(root)
        except OSError:
            return _full_load(root, display, lint, note, None, cache_dir)
        for location in locations:       # first, without reading the story files: their stamps
            key = _remembered_key(location, root, files)
            found = _try_cache(location, root, key, display, lint) if key is not None else None
            if found is not None:
                note.update(cache="hit", file=str(location), key="stamps")
                return found
        try:
            stamped = file_stamps(root, files)
            key = content_key(root, files)
        except OSError:
            return _full_load(root, display, lint, note, None, cache_dir)
        for location in locations:
            found = _try_cache(location, root, key, display, lint)
            if found is not None:
                note.update(cache="hit", file=str(location), key="hashed")
                _write_stamps(location, key, *stamped)
                return found
        return _full_load(root, display, lint, note, key, cache_dir, stamped)


def _try_cache(location: Path, root: Path, key: str, display: str, lint: bool):
    try:
        return decode_story(location, root=root, key=key, display_root=display, lint=lint)
    except Exception:   # missing, unreadable, damaged or foreign: ignore it (it is rewritten)
        return None


def _full_load(root: Path, display: str, lint: bool, note: dict, key, cache_dir, stamped=None
               ) -> tuple[Story | None, list[Diagnostic]]:
    """load_story, keeping what the cache needs; then write the cache if the story is clean."""
    from .builder import StoryBuilder    # the YAML reader, only when the cache cannot serve
    sink = DiagnosticSink()
    builder = StoryBuilder(root, sink, display)
    story = builder.build()
    lint_from = len(sink.items)
    if story is not None:
        lint_story(story, sink)    # always, to know whether the story is clean; returned only if lint
    items = sink.items if lint else sink.items[:lint_from]
    shown = DiagnosticSink()
    shown.items = list(items)
    diagnostics = shown.sorted()
    result = (None if shown.has_errors else story), diagnostics
    note["cache"] = "miss"
    if story is None or sink.has_errors or key is None:
        return result
    try:
        if content_key(root, story_files(root)) != key:
            return result      # a file changed while we read it: don't cache a mixture
        data = encode_story(story, key=key, display_root=display, assets=builder.header.get("assets", ""),
                            art=sorted({a for a, _ in builder.art_refs if a}), diagnostics=list(sink.items),
                            lint_from=lint_from)
        check = decode_story(data, root=root, key=key, display_root=display, lint=lint)
        if check is None or check[0] != story or [d.format() for d in check[1]] != [d.format() for d in diagnostics]:
            raise _Uncacheable("the cached story would differ from the loaded one")
    except (_Uncacheable, _Damaged, OSError):
        note["cache"] = "uncacheable"
        return result
    for location in cache_locations(root, cache_dir):
        try:
            _write(location, data)
        except OSError:
            continue
        note["cache"] = "written"
        note["file"] = str(location)
        if stamped is not None:
            _write_stamps(location, key, *stamped)
        break
    return result


__all__ = ["CACHE_DIR_NAME", "STAMPS_FILE_NAME", "LazyScenes", "cache_locations", "content_key",
           "engine_fingerprint", "file_stamps", "load_story_cached", "story_files"]
