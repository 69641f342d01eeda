"""`play --watch`: load the story again on every save of one of its files, and keep the player's place.

A watcher thread (watchfiles, which waits on the operating system's file events) hears a save, loads
the story in that thread, and hands the result to the front end, which takes it between frames (the
window) or between lines (text mode); the front end never waits for a load.

A reload reads again only the files that changed: ParseMemo keeps each file's parsed tree with its
bytes, and a file whose bytes are the same is not parsed again (parsing was 70% of a full load of the
bundled story); nor are its scenes and codex entries built again, or its line ids scanned, where
what they would give is what they gave (loading.content_memo says when). The checks across files
(references, the timeline, assemblies, lint) run on every load, so the diagnostics are exactly
those of `petrograd check`.

A save that leaves a file with a syntax error shows the errors, unless the items before the break
can be read and the story cut short there has no other error: then play goes on over it
(ParseMemo.load, Reload.cut_short).

The player's place is kept as saves keep it (persistence.replay): the choice log is replayed on the
new story by each choice's id (where it has one) or text, from the role's start or from where the
author warped to.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import watchfiles

from ..diagnostics import DiagnosticSink
from ..errors import Diagnostic, Severity
from ..i18n.words import _
from ..loading import load_story
from ..loading.content_memo import ContentMemo
from ..loading.layout import MAX_FILE_BYTES
from ..loading.yaml_source import Mapping, _copy as copy_tree, read_yaml, readable_prefix
from ..model import Story
from ..persistence import SaveDiverged, SaveError, replay
from ..runtime import Game, GameState, Player
from ..safefile import read_regular
from .warp import fit_to

# How long the watcher waits for more changes after the first before loading: editors save in
# steps (a temporary file, then a rename), and one load should see all of them.
SETTLE_MS = 20
# How often, with no changes, the watcher looks up from waiting (at the stop event).
LISTENING_MS = 200


class ParseMemo:
    """read_yaml with a memory: a file whose bytes are unchanged since it was last parsed (without
    problems) gets its tree again, not a new parse. The builder drops a file's top-level values once
    read (data[key] = None), so each load gets its own copy of the top-level block; the values under
    it are shared, as nothing changes them (tests/test_authoring.py checks the kept trees stay equal
    to a fresh parse)."""

    def __init__(self):
        self._trees: dict[str, tuple[bytes, object, list[Diagnostic]]] = {}
        self._line_ids: dict[str, tuple[bytes, dict, list[Diagnostic]]] = {}
        self.contents = ContentMemo()   # what each unchanged scene or codex file added to the story
        self.parsed: list[str] = []     # the files parsed by the latest load (the others were reused)
        self._parts: dict[str, tuple[object, int]] = {}    # a file with a syntax error -> (its items before it, line)
        self._reading_parts = False
        self.cut_short: dict[str, int] = {}     # the latest story's files read only up to a line

    def __call__(self, path: Path, display: str, sink: DiagnosticSink, line_ids=None):
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except OSError:
            raw = None      # read_yaml reports why
        if raw is not None and line_ids is not None:
            self._check_line_ids(raw, display, sink, line_ids)
        if self._reading_parts and display in self._parts:
            return _top_level_copy(self._parts[display][0])
        kept = self._trees.get(display)
        if raw is not None and kept is not None and kept[0] == raw:
            sink.items += kept[2]
            return _top_level_copy(kept[1])
        self.parsed.append(display)
        own = DiagnosticSink()
        tree = read_yaml(path, display, own)
        sink.items += own.items
        if raw is None or tree is None or own.has_errors:
            self._trees.pop(display, None)
            breaks = [d.span.line for d in own.items if d.code == "PG100"]
            if tree is None and breaks and raw is not None:
                part = readable_prefix(raw.decode("utf-8", errors="replace"), display, breaks[0])
                if part is not None:
                    self._parts[display] = part
        else:
            self._trees[display] = (raw, tree, list(own.items))
            tree = _top_level_copy(tree)
        return tree

    def _check_line_ids(self, raw: bytes, display: str, sink: DiagnosticSink, line_ids) -> None:
        """Line ids are checked across the whole story on every load, kept tree or not. A file's own
        ids and mistakes are found once per version of it, by a scan of it alone; joining them to the
        ids of the files before it gives what scanning it after them gives, unless an id is among
        those: then it is scanned after them, to report the duplicate as a full load does."""
        kept = self._line_ids.get(display)
        if kept is None or kept[0] != raw:
            alone, own = type(line_ids)(), DiagnosticSink()
            alone.scan(raw.decode("utf-8", errors="replace"), display, own)
            kept = self._line_ids[display] = (raw, alone.first, own.items)
        _raw, ids, reported = kept
        if any(line_id in line_ids.first for line_id in ids):
            line_ids.scan(raw.decode("utf-8", errors="replace"), display, sink)
            return
        line_ids.first.update(ids)
        sink.items += reported

    def kept(self) -> dict[str, object]:
        """The kept tree of each file, by its path as shown (for tests)."""
        return {display: tree for display, (_raw, tree, _reported) in self._trees.items()}

    def load(self, root: Path, display_root: str) -> tuple[Story | None, list[Diagnostic]]:
        """The story as check loads it. But where its only errors are syntax errors in files whose
        items before the break can be read (yaml_source.readable_prefix), play can go on: the story is
        loaded again with those files cut short there, and if it then has no errors at all (nothing
        names what was cut off), it is returned with the syntax errors (cut_short names the files)."""
        self.parsed, self._parts, self.cut_short = [], {}, {}
        self.contents.start()
        story, diagnostics = load_story(root, display_root=display_root, read_file=self, content_memo=self.contents)
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        if story is not None or not self._parts or not all(
                d.code == "PG100" and d.span.path in self._parts for d in errors):
            return story, diagnostics
        self._reading_parts = True
        try:
            partial, more = load_story(root, display_root=display_root, read_file=self, content_memo=self.contents)
        finally:
            self._reading_parts = False
        if partial is None:
            return None, diagnostics
        self.cut_short = {display: line for display, (_tree, line) in self._parts.items()}
        shown = DiagnosticSink()
        shown.items = errors + more
        return partial, shown.sorted()


def _top_level_copy(tree):
    if isinstance(tree, Mapping):
        copy = Mapping(tree)
        copy.span = tree.span
        return copy
    return copy_tree(tree)


def is_story_file(root: Path, path: str) -> bool:
    """Whether `path` is one of the files a load reads (layout.story_files): YAML, not under assets/
    or a folder (or file) whose name starts with _ or . (so never the compiled cache)."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        return False
    if not parts or not parts[-1].endswith((".yaml", ".yml")) or parts[0] == "assets":
        return False
    return not any(p.startswith(("_", ".")) for p in parts)


@dataclass(frozen=True)
class Reload:
    """One load after a save: the story (None if it has errors) and every diagnostic."""

    story: Story | None
    diagnostics: list[Diagnostic]
    changed: tuple[str, ...]            # the story files the save touched
    heard_at: float                     # time.perf_counter() when the watcher heard the save
    loaded_at: float                    # ... and when the load was done
    parsed: tuple[str, ...] = ()        # the files parsed again (the others came from the memo)
    cpu_seconds: float = 0.0            # the watcher thread's processor time for the load
    built: tuple[str, ...] = ()         # the files whose scenes and codex were built again (likewise)
    # Files with a syntax error whose items before it are played (file, the line it is cut at): the
    # story is then not None though `errors` has their syntax errors (ParseMemo.load).
    cut_short: tuple[tuple[str, int], ...] = ()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def cut_short_lines(reload: Reload) -> list[str]:
    """What the front ends say of files played only up to their syntax error (Reload.cut_short)."""
    return [_("{file} has a syntax error: play goes on with what comes before line {line}, "
              "and the rest comes back when it reads.").format(file=display, line=line)
            for display, line in reload.cut_short]


@dataclass
class StoryWatcher:
    """Watches one story folder in a thread; after each save of a story file, loads it and calls
    `deliver(reload)` from that thread (the front ends pass a queue's put)."""

    root: Path
    display_root: str
    deliver: Callable[[Reload], None]
    memo: ParseMemo = field(default_factory=ParseMemo)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    failure: str = ""       # why watching stopped, if it did (the system's limit of watches, say)

    def start(self) -> "StoryWatcher":
        self._thread = threading.Thread(target=self._run, name="story-watcher", daemon=True)
        self._thread.start()
        return self

    def wait_ready(self, timeout: float = 10.0) -> bool:
        """Whether the memo is filled and the watcher is listening (tests and the benchmark wait)."""
        return self._ready.wait(timeout) and not self.failure

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        root = Path(self.root).resolve()    # the watcher names files by absolute path
        try:
            self.memo.load(root, self.display_root)     # fill the memo: the first reload then parses one file
            # watchfiles starts listening when the generator is first advanced; its first yield (a
            # timeout with no changes, or changes) is the sign it listens.
            for changes in watchfiles.watch(root, watch_filter=lambda _change, path: is_story_file(root, path),
                                            stop_event=self._stop, step=SETTLE_MS, debounce=400,
                                            rust_timeout=LISTENING_MS, yield_on_timeout=True, raise_interrupt=False):
                self._ready.set()
                if self._stop.is_set():
                    break
                if not changes:
                    continue    # a timeout: the loop looks at the stop event again
                heard, cpu = time.perf_counter(), time.thread_time()
                story, diagnostics = self.memo.load(root, self.display_root)
                changed = tuple(sorted({Path(p).relative_to(root).as_posix() for _change, p in changes}))
                self.deliver(Reload(story, diagnostics, changed, heard, time.perf_counter(),
                                    tuple(self.memo.parsed), time.thread_time() - cpu, tuple(self.memo.contents.built),
                                    tuple(self.memo.cut_short.items())))
        except Exception as exc:    # noqa: BLE001 - the thread's edge: say why watching stopped, once
            self.failure = f"the story is no longer watched ({exc.__class__.__name__}: {exc})"
            print(f"petrograd: {self.failure}", file=sys.stderr)
        finally:
            self._ready.set()


def watch_story(root: Path, display_root: str) -> tuple[StoryWatcher, "queue.Queue[Reload]"]:
    """A started watcher and the queue its reloads arrive in."""
    arrived: "queue.Queue[Reload]" = queue.Queue()
    return StoryWatcher(Path(root), display_root, arrived.put).start(), arrived


@dataclass(frozen=True)
class Carried:
    """Where a reload put the player: the new game, the player, the start they replay from (None:
    the role's start), and "" or a sentence saying why they are not where they were."""

    game: Game
    player: Player
    origin: GameState | None
    message: str = ""


def carry_over(story: Story, player: Player, origin: GameState | None = None) -> Carried:
    """The player's place on the edited `story`: their choice log replayed, by each choice's id or
    text, from the role's start or from `origin` (where an author's warp put them), as a save is loaded."""
    game = Game(story)
    old = player.story
    taken = [old.scenes[scene].choices[index] for scene, index in player.state.log]
    texts, ids = [c.text for c in taken], [c.id or None for c in taken]     # as a save records them
    start = fit_to(story, origin) if origin is not None else None
    try:
        return Carried(game, replay(game, player.state, choice_texts=texts, choice_ids=ids, start=start), start)
    except SaveDiverged as exc:
        detail = str(exc).partition("since this save: ")[2] or str(exc)
        return Carried(game, game.resume(exc.nearest), start,
                       f"Your path no longer fits the edited story: {detail}")
    except SaveError as exc:
        role = player.state.role if player.state.role in story.roles else next(iter(story.roles))
        return Carried(game, game.new_player(role, player.state.seed), None,
                       f"Your place is gone ({exc}); the role starts again.")
