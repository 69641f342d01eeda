"""From story files to a frozen Story: read, validate fields, compile expressions, resolve references.

Every problem is reported to a DiagnosticSink with its position; nothing here raises for an author's
mistake. Stages run in order (manifest, variables, scenes and codex, references) so that later
stages see everything that exists, and each stage skips only what an earlier error made meaningless.
"""
from __future__ import annotations

import hashlib
from datetime import date as _date
import re
from pathlib import Path, PurePosixPath
from typing import Any

from ..diagnostics import DiagnosticSink, did_you_mean
from ..artref import VARIANTS as ART_VARIANTS, split_art_ref
from ..errors import SourceSpan
from ..expressions import ExpressionError, compile_condition, compile_effect
from ..inline import FORM as INLINE_FORM, InlineError, has_inline, parse as parse_inline
from ..markup import links, paragraphs, word_count
from ..chronology import chronology_text
from ..model import (Choice, Citation, CodexEntry, Effect, Ending, Event, Guard, Role, Scene, Source, Story,
                     TextBlock, Variable, frozen_map)
from ..i18n.lines import LineIdRegistry
from ..safefile import read_regular
from .layout import ART_EXTENSIONS, assets_dir, map_module_problem, plain_relative, resolved, story_files
from .yaml_source import MAX_FILE_BYTES, Mapping, Sequence, Text, read_yaml, span_of

MANIFEST = "story.yaml"
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
RESERVED_NAMES = frozenset({"turn", "true", "false", "True", "False", "visited", "visits", "roll", "and", "or", "not"})
STORY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}\Z")
ART_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*(/[A-Za-z0-9_][A-Za-z0-9_\-]*)*\Z")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
TIME = re.compile(r"(\d{1,2}):(\d{2})\Z")
CODEX_KINDS = ("person", "place", "term", "party", "body")
_NOT_BOOL = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}


def looks_like_prose(value: Any) -> bool:
    """`- EDITED: Father Gapon...` (a line of prose with ': ' in it) that YAML read as a one-field block."""
    if not isinstance(value, Mapping) or len(value) != 1:
        return False
    (key, inner), = value.items()
    return key not in ("if", "text", "else") and (inner is None or isinstance(inner, Text))


def prose_message(value: Mapping) -> str:
    (key, inner), = value.items()
    line = f"{key}: {inner or ''}".strip()
    shown = line if len(line) <= 40 else line[:39] + "…"
    return (f"this line looks like prose with a colon ({shown!r}), but YAML reads it as a field named {str(key)!r}; "
            "put the whole line in quotes")


def expression_span(value: Text, offset: int | None) -> SourceSpan:
    """Where in the file a part of an expression lies: its column within the expression added to
    the value's own, when the value is written plainly on one line (quotes and blocks shift columns)."""
    span = value.span
    if offset is None or not value.plain or "\n" in value:
        return span
    chars = len(value.strip().encode()[:offset].decode(errors="ignore"))    # ast counts UTF-8 bytes
    return SourceSpan(span.path, span.line, span.column + len(value) - len(value.lstrip()) + chars)


def with_defaults(item: Any, defaults: Mapping | None) -> Any:
    """A scene's block with the file's defaults for the fields it does not give (each default keeps
    its own position, so a mistake in it is reported in the defaults: block). A scene that gives
    `role` or `roles` takes neither from the defaults."""
    if not defaults or not isinstance(item, Mapping):
        return item
    merged = Mapping(item)
    merged.span = item.span
    for key, value in defaults.items():
        if key not in StoryBuilder.DEFAULT_FIELDS:      # reported once, in the defaults: block
            continue
        if key in ("role", "roles") and ("role" in item or "roles" in item):
            continue
        if key not in item:
            merged[key] = value
    return merged


class _Reader:
    """Typed access to YAML values, reporting wrong kinds of value with positions."""

    def __init__(self, sink: DiagnosticSink):
        self.sink = sink

    def block(self, value: Any, what: str, at: SourceSpan, allowed: set[str], required: set[str]) -> Mapping | None:
        if not isinstance(value, Mapping):
            self.sink.report("PG202", span_of(value, at), f"{what} should be a block of fields")
            return None
        for key in value:
            if key not in allowed:
                self.sink.report("PG200", key.span, f"{what} has no field {str(key)!r}; expected one of: "
                                 + ", ".join(sorted(allowed)))
        for key in sorted(required):
            if value.get(key) is None:
                article = "an" if key[:1] in "aeiouAEIOU" else "a"
                self.sink.report("PG201", value.span, f"{what} needs {article} {key!r} field")
        return value

    def entry(self, value: Any, what: str, at: SourceSpan, allowed: set[str], required: set[str],
              kind: str, existing: dict) -> tuple[Mapping, str] | None:
        """A block with its own id (a scene, role, codex entry, assembly): block(), then the id, and
        PG300 if `existing` already holds that id. None if it cannot be used."""
        block = self.block(value, what, at, allowed, required)
        if block is None:
            return None
        ident = self.ident(block.get("id"), f"{kind} id", block.span)
        if ident is None:
            return None
        if ident in existing:
            first = getattr(existing[ident], "span", None)
            where = f" (first at {first})" if first is not None and first.path else ""
            self.sink.report("PG300", block["id"].span, f"the {kind} id {ident!r} is used twice{where}")
            return None
        return block, ident

    def seq(self, value: Any, what: str, at: SourceSpan) -> list:
        if value is None:
            return []
        if not isinstance(value, Sequence):
            self.sink.report("PG202", span_of(value, at), f"{what} should be a list (lines starting with '- ')")
            return []
        return value

    def text(self, value: Any, what: str, at: SourceSpan, default: str = "") -> str:
        if value is None:
            return default
        if looks_like_prose(value):
            self.sink.report("PG209", span_of(value, at), prose_message(value))
            return default
        if not isinstance(value, Text):
            self.sink.report("PG202", span_of(value, at), f"{what} should be text")
            return default
        return str(value)

    def ident(self, value: Any, what: str, at: SourceSpan) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Text):
            self.sink.report("PG202", span_of(value, at), f"{what} should be an id")
            return None
        if not ID_PATTERN.match(value):
            self.sink.report("PG203", value.span, f"{what} {str(value)!r} is not a valid id "
                             "(letters, digits and _, starting with a letter)")
            return None
        return str(value)

    def flag(self, value: Any, what: str, at: SourceSpan) -> bool:
        if value is None:
            return False
        if isinstance(value, Text) and value in ("true", "false"):
            return value == "true"
        if isinstance(value, Text) and value in ("True", "False", "TRUE", "FALSE"):
            return value.lower() == "true"
        hint = " (YAML's yes/no/on/off are not accepted)" if isinstance(value, Text) and value in _NOT_BOOL else ""
        self.sink.report("PG206", span_of(value, at), f"{what} should be true or false{hint}")
        return False

    def integer(self, value: Any, what: str, at: SourceSpan) -> int | None:
        if value is None:
            return None
        if isinstance(value, Text) and re.fullmatch(r"[-+]?\d{1,15}", value):
            return int(value)
        self.sink.report("PG208", span_of(value, at), f"{what} should be a whole number")
        return None

    def number(self, value: Any, what: str, at: SourceSpan) -> float | None:
        if value is None:
            return None
        if isinstance(value, Text):
            try:
                number = float(value)
                if number >= 0 and number == number and number != float("inf"):
                    return number
            except ValueError:
                pass
        self.sink.report("PG208", span_of(value, at), f"{what} should be a number of minutes")
        return None


class StoryBuilder:
    # What reading a file's content adds to, besides the story's variable reads (a set): the lists
    # and tables the checks across files go through once every file is read. content_memo keeps
    # each file's part of them.
    FILE_RESULTS = ("scenes", "codex", "scenes_missing", "events", "target_refs", "codex_refs", "source_refs",
                    "art_refs", "role_refs", "map_shown", "event_refs", "map_timeline", "map_labels",
                    "map_event_refs", "map_changes_without_event")

    def __init__(self, root: Path, sink: DiagnosticSink, display_root: str | None = None, read_file=read_yaml,
                 content_memo=None):
        self.root = root
        self.content_memo = content_memo    # play --watch: what unchanged files added last time (content_memo.py)
        self.sink = sink
        self.read_file = read_file      # read_yaml, or play --watch's memo of unchanged files' trees
        self.line_ids = LineIdRegistry()     # each `#line:` id well formed and used once
        self.read = _Reader(sink)
        self.display_root = display_root if display_root is not None else str(root)
        self.variables: dict[str, Variable] = {}
        self.scenes: dict[str, Scene] = {}
        self.codex: dict[str, CodexEntry] = {}
        self.roles: dict[str, Role] = {}
        self.sources: dict[str, Source] = {}
        self.header: dict[str, Any] = {}
        self.files: list[tuple[str, Mapping]] = []
        # Deferred reference checks, run once everything exists.
        self.target_refs: list[tuple[str, SourceSpan, str]] = []  # (scene id, span, what)
        self.codex_refs: list[tuple[str, SourceSpan]] = []
        self.source_refs: list[tuple[str, SourceSpan]] = []
        self.art_refs: list[tuple[str, SourceSpan]] = []
        self.scenes_missing: dict[str, tuple[tuple[str, ...], SourceSpan]] = {}   # scene -> fields it leaves out
        self.role_refs: list[tuple[str, SourceSpan]] = []
        self.map_shown: list[tuple[str, SourceSpan]] = []      # (scene id, its show_map: true)
        self.variable_reads: set[str] = set()
        self.map_timeline: list[tuple[str, str, str]] = []
        self.map_labels: dict[str, str] = {}
        # The timeline (timeline:) and what refers to it, checked once everything is read.
        self.events: dict[str, Event] = {}
        self.chronology: tuple[str, str, SourceSpan] | None = None      # (codex id, title, span)
        self.event_refs: list[tuple[str, str, tuple[str, ...], str, SourceSpan]] = []  # (what, stamp, cited, event, span)
        self.map_event_refs: list[dict] = []
        self.map_changes_without_event: list[SourceSpan] = []   # map changes that name no event
        self.hash = hashlib.sha256()
        self.incomplete = False      # a file could not be read: the story is not all here
        self.file_paths: dict[str, Path] = {}     # display path -> file, to place a mistake inside a text

    # -- files -----------------------------------------------------------------------------------
    def display(self, path: Path) -> str:
        rel = path.relative_to(self.root).as_posix()
        return rel if self.display_root in ("", ".") else f"{self.display_root.rstrip('/')}/{rel}"

    def story_files(self) -> list[Path]:
        return story_files(self.root)

    def build(self) -> Story | None:
        manifest_path = self.root / MANIFEST
        if not self.root.is_dir():
            self.sink.report("PG108", SourceSpan(self.display_root, 1, 1), "the story folder does not exist")
            return None
        if not manifest_path.is_file():
            self.sink.report("PG108", SourceSpan(self.display(manifest_path), 1, 1),
                             "no story.yaml here: a story folder needs its manifest")
            return None
        # Each file goes through three steps: its top-level keys (and, for story.yaml, the manifest),
        # its variables, then its content (codex, scenes, map). Every variable must be declared
        # before any content is read (conditions name them), and the manifest before any variable,
        # and each step keeps the files' order. Rather than hold every file's tree until all are
        # read (most of the peak memory of a load), a file's content is read, and its tree dropped,
        # as soon as no later file can declare a variable: one whose bytes hold "variables" (or a
        # backslash, which could spell it in an escaped key; files are UTF-8, so the word's bytes
        # are fixed).
        files = self.story_files()
        manifest_display = self.display(manifest_path)
        declaring = []
        for path in files:
            try:
                raw = read_regular(path, MAX_FILE_BYTES)
                # By path inside the story, so the hash does not depend on how the folder was named.
                relative = path.relative_to(self.root).as_posix()
                self.hash.update(relative.encode() + b"\0" + raw + b"\0")
                declaring.append(b"variables" in raw or b"\\" in raw)
            except OSError:
                declaring.append(True)     # unknown: read_yaml reports it
        last_declaring = max((i for i, d in enumerate(declaring) if d), default=-1)
        manifest_seen = False
        to_declare: list[tuple[str, Mapping]] = []     # waiting for the manifest
        to_read: list[tuple[str, Mapping]] = []        # waiting for every variable
        manifest_unusable = False
        for i, path in enumerate(files):
            display = self.display(path)
            self.file_paths[display] = path
            errors_before = len(self.sink.items)
            data = self.read_file(path, display, self.sink, self.line_ids)
            if data is None and len(self.sink.items) > errors_before and display != manifest_display:
                self.unreadable(path)
            if display == manifest_display and not isinstance(data, Mapping):
                # Without the manifest's roles and sources every scene would be a knock-on error.
                manifest_unusable = True
                if data is None and len(self.sink.items) == errors_before:
                    self.sink.report("PG108", SourceSpan(display, 1, 1),
                                     "story.yaml is empty: it must hold the story's manifest (story:, roles:)")
            if data is not None and not isinstance(data, Mapping):
                self.sink.report("PG107", span_of(data, SourceSpan(display, 1, 1)),
                                 "a story file must be a block of top-level keys (story:, roles:, variables:, scenes:, codex:)")
                data = None
            if data is not None:
                self.files.append((display, data))
                is_manifest = display == manifest_display
                self.top_level_keys(data, is_manifest)
                if is_manifest:
                    self.manifest(data, SourceSpan(display, 1, 1))
                    manifest_seen = True
                to_declare.append((display, data))
            if manifest_seen:
                for display, data in to_declare:
                    if data.get("variables") is not None:
                        self.declare_variables(data["variables"], SourceSpan(display, 1, 1))
                to_read += to_declare
                to_declare.clear()
                if i >= last_declaring:
                    for display, data in to_read:
                        self.read_content(display, data)
                    to_read.clear()
        if manifest_unusable:
            return None
        for display, data in to_declare:     # no manifest was read: still check every file
            if data.get("variables") is not None:
                self.declare_variables(data["variables"], SourceSpan(display, 1, 1))
        for display, data in to_read + to_declare:
            self.read_content(display, data)
        from .assemblies import load_classroom   # assemblies: and classroom: (classroom sessions)
        assemblies, classroom = load_classroom(self)
        self.check_timeline()
        self.resolve()
        if not self.header:
            return None
        return Story(
            id=self.header.get("id", "story"),
            title=self.header.get("title", "Untitled"),
            subtitle=self.header.get("subtitle", ""),
            version=self.header.get("version", "0"),
            calendar_start=self.header.get("calendar_start", ""),
            calendar_style=self.header.get("calendar_style", "gregorian"),
            credits=tuple(self.header.get("credits", ())),
            sources=frozen_map(self.sources),
            roles=frozen_map(self.roles),
            variables=frozen_map(self.variables),
            scenes=frozen_map(self.scenes),
            codex=frozen_map(self.codex),
            root=str(self.root),
            assets_dir=str(self.assets_dir()),
            content_hash=self.hash.hexdigest(),
            map_timeline=tuple(sorted(self.map_timeline)),
            timeline=tuple(sorted(self.events.values(), key=lambda e: (e.stamp, e.id))),
            assemblies=assemblies,
            classroom=classroom,
            banner=self.header.get("banner", ""),
            title_image=self.header.get("title_image", ""),
            history_label=self.header.get("history_label", "In history"),
            printing=self.header.get("printing", "none"),
            calendar_label=self.header.get("calendar_label", ""),
            calendar_end=self.header.get("calendar_end", ""),
            required=tuple(self.header.get("required", ())),
            map_name=self.header.get("map_name", ""),
            map_drawing=self.header.get("map_drawing", ""),
            map_holders=frozen_map(self.header.get("map_holders", {})),
            map_inks=frozen_map(self.header.get("map_inks", {})),
            map_labels=frozen_map(self.map_labels),
        )

    # What a section that could not be read would otherwise make wrong elsewhere.
    KNOCK_ON = {"scenes": ("PG301", "PG303", "PG606", "PG609"), "codex": ("PG305",),
                "variables": ("PG402", "PG603", "PG611"), "timeline": ("PG700",)}
    _SECTION = re.compile(rb"^(scenes|codex|variables|timeline)\s*:", re.M)

    def unreadable(self, path: Path) -> None:
        """A story file with errors that leave nothing of it: the references to what it would have
        declared are not reported (they would be false), and the story is not linted."""
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except OSError:
            raw = b""
        sections = {m.decode() for m in self._SECTION.findall(raw)} or set(self.KNOCK_ON)
        for section in sections:
            self.sink.mute(self.KNOCK_ON[section])
        self.incomplete = True

    def top_level_keys(self, data: Mapping, is_manifest: bool) -> None:
        allowed = ({"variables", "scenes", "codex", "map", "timeline", "assemblies", "classroom", "defaults"}
                   | ({"story", "roles"} if is_manifest else set()))
        for key in data:
            if key in ("story", "roles") and not is_manifest:
                self.sink.report("PG207", key.span, f"'{key}:' belongs in story.yaml only")
            elif key not in allowed:
                self.sink.report("PG200", key.span, f"unknown top-level key {str(key)!r}; expected one of: "
                                 + ", ".join(sorted(allowed)))

    def read_content(self, display: str, data: Mapping) -> None:
        if self.content_memo is None:
            self.content(display, data)
        else:
            self.content_memo.content(self, display, data)

    def content(self, display: str, data: Mapping) -> None:
        """A file's codex entries, scenes and map; then its tree of them is dropped (the model holds
        what was read; assemblies: and classroom: stay, for load_classroom)."""
        at = SourceSpan(display, 1, 1)
        for item in self.read.seq(data.get("codex"), "codex:", at):
            self.codex_entry(item, at)
        defaults = self.file_defaults(data.get("defaults"), at)
        for item in self.read.seq(data.get("scenes"), "scenes:", at):
            self.scene(with_defaults(item, defaults), at)
        if data.get("map") is not None:
            self.city_map(data["map"], at)
        if data.get("timeline") is not None:
            self.timeline(data["timeline"], at)
        for key in ("codex", "scenes", "map", "timeline", "defaults"):
            if key in data:
                data[key] = None

    # -- manifest ----------------------------------------------------------------------------------
    def manifest(self, data: Mapping, at: SourceSpan) -> None:
        head = self.read.block(data.get("story"), "story:", data.span,
                               {"id", "title", "subtitle", "version", "calendar", "credits", "sources", "assets",
                                "banner", "title_image", "history_label", "print", "require", "map"},
                               {"id", "title", "version"})
        if head is None:
            self.header = {"id": "story", "title": "Untitled", "version": "0"}
        else:
            story_id = self.read.text(head.get("id"), "story id", head.span, "story")
            if not STORY_ID.match(story_id):
                # The id names save folders and files, so it must be a plain name.
                self.sink.report("PG203", span_of(head.get("id"), head.span),
                                 f"the story id {story_id!r} must be a plain name: letters, digits, '-' and '_', "
                                 "up to 64 characters")
                story_id = "story"
            self.header = {
                "id": story_id,
                "title": self.read.text(head.get("title"), "title", head.span, "Untitled"),
                "subtitle": self.read.text(head.get("subtitle"), "subtitle", head.span),
                "version": self.read.text(head.get("version"), "version", head.span, "0"),
                "assets": self.read.text(head.get("assets"), "assets", head.span),
                "credits": [self.read.text(c, "credit", head.span) for c in self.read.seq(head.get("credits"), "credits", head.span)],
            }
            self.presentation(head)
            cal = head.get("calendar")
            if cal is not None:
                cal = self.read.block(cal, "calendar:", head.span, {"start", "style", "label", "end"}, {"start"})
                if cal is not None:
                    self.header["calendar_label"] = self.read.text(cal.get("label"), "calendar label", cal.span)
                    end = cal.get("end")
                    if end is not None and self.date(end, "calendar end", cal.span):
                        self.header["calendar_end"] = str(end)
                    start = cal.get("start")
                    if start is not None and self.date(start, "calendar start", cal.span):
                        self.header["calendar_start"] = str(start)
                    style = self.read.text(cal.get("style"), "calendar style", cal.span, "gregorian")
                    if style not in ("julian", "gregorian"):
                        self.sink.report("PG202", span_of(cal.get("style"), cal.span), "calendar style is julian or gregorian")
                    self.header["calendar_style"] = style
            for item in self.read.seq(head.get("sources"), "sources", head.span):
                src = self.read.block(item, "a source", head.span, {"id", "title", "short"}, {"id", "title"})
                if src is None:
                    continue
                sid = self.read.ident(src.get("id"), "source id", src.span)
                if sid is None:
                    continue
                if sid in self.sources:
                    self.sink.report("PG300", src["id"].span, f"the source id {sid!r} is used twice")
                    continue
                title = self.read.text(src.get("title"), "source title", src.span)
                self.sources[sid] = Source(sid, title, self.read.text(src.get("short"), "short", src.span, title))
        for item in self.read.seq(data.get("roles"), "roles:", data.span):
            self.role(item, data.span)
        if not self.roles:
            self.sink.report("PG303", data.span, "the story declares no roles: add a roles: list with at least one role")

    REQUIRABLE = ("date", "time", "place", "image", "sources")
    PRINTINGS = ("period", "none")

    def presentation(self, head: Mapping) -> None:
        """How the story shows itself: banner, title picture, the words for history, the print of its
        pictures, the scene fields it requires, and its map. The engine has no defaults of a setting."""
        read, header = self.read, self.header
        header["banner"] = read.text(head.get("banner"), "banner", head.span)
        header["history_label"] = read.text(head.get("history_label"), "history_label", head.span, "In history")
        title_image = head.get("title_image")
        if title_image is not None:
            header["title_image"] = read.text(title_image, "title_image", head.span)
            self.art_refs.append((header["title_image"], span_of(title_image, head.span)))
        printing = read.text(head.get("print"), "print", head.span, "none")
        if printing not in self.PRINTINGS:
            self.sink.report("PG202", span_of(head.get("print"), head.span),
                             f"print is {' or '.join(self.PRINTINGS)}, not {printing!r}")
            printing = "none"
        header["printing"] = printing
        required = []
        for item in read.seq(head.get("require"), "require", head.span):
            name = read.text(item, "a required field", head.span)
            if name not in self.REQUIRABLE:
                self.sink.report("PG202", span_of(item, head.span),
                                 f"require: lists scene fields a story insists on: {', '.join(self.REQUIRABLE)}; "
                                 f"not {name!r}")
            elif name not in required:
                required.append(name)
        header["required"] = tuple(required)
        if head.get("map") is not None:
            block = read.block(head["map"], "map:", head.span, {"name", "drawing", "holders"},
                               {"name", "drawing", "holders"})
            if block is not None:
                header["map_name"] = read.text(block.get("name"), "map name", block.span)
                header["map_drawing"] = read.text(block.get("drawing"), "map drawing", block.span)
                header["map_drawing_span"] = span_of(block.get("drawing"), block.span)
                self.map_holders(block.get("holders"), block.span)

    def map_holders(self, value: Any, at: SourceSpan) -> None:
        """`holders: {id: words}` or `{id: {words, ink}}`: who can hold a place on the story's map, in
        the story's words, and the ink the map shows them in ("red"), for the window's key."""
        words, inks = {}, {}
        if not isinstance(value, Mapping) or not value:
            self.sink.report("PG202", span_of(value, at), "holders: names who can hold a place on the map, "
                             "e.g. {crown: the Crown, rebels: {words: the rebels, ink: red}}")
        else:
            for key, entry in value.items():
                holder = self.read.ident(key if isinstance(key, Text) else Text(str(key), at), "holder", at)
                if holder is None:
                    continue
                if isinstance(entry, Mapping):
                    block = self.read.block(entry, f"the holder {holder}", at, {"words", "ink"}, {"words"})
                    if block is None:
                        continue
                    words[holder] = self.read.text(block.get("words"), f"the words for {holder}", block.span, holder)
                    inks[holder] = self.read.text(block.get("ink"), f"the ink of {holder}", block.span)
                else:
                    words[holder] = self.read.text(entry, f"the words for {holder}", at, holder)
        self.header["map_holders"] = words
        self.header["map_inks"] = {h: ink for h, ink in inks.items() if ink}

    def role(self, item: Any, at: SourceSpan) -> None:
        found = self.read.entry(item, "a role", at,
                                {"id", "name", "title", "description", "biography", "start", "portrait", "starts", "minutes"},
                                {"id", "name", "description", "start"}, "role", self.roles)
        if found is None:
            return
        block, rid = found
        start = self.read.ident(block.get("start"), "start scene", block.span)
        portrait = block.get("portrait")
        if portrait is not None:
            self.art_refs.append((self.read.text(portrait, "portrait", block.span), span_of(portrait, block.span)))
        name = self.read.text(block.get("name"), "name", block.span, rid)
        self.roles[rid] = Role(
            id=rid, name=name,
            title=self.read.text(block.get("title"), "title", block.span, name),
            description=self.read.text(block.get("description"), "description", block.span),
            biography=self.read.text(block.get("biography"), "biography", block.span),
            start=start or "",
            portrait=str(portrait) if isinstance(portrait, Text) else None,
            starts=self.read.text(block.get("starts"), "starts", block.span),
            minutes=self.read.integer(block.get("minutes"), "minutes", block.span),
            span=block["id"].span,
        )

    # -- variables ---------------------------------------------------------------------------------
    def declare_variables(self, value: Any, at: SourceSpan) -> None:
        if not isinstance(value, Mapping):
            self.sink.report("PG202", span_of(value, at), "variables: should be a block of name: {type, default, ...}")
            return
        for key, decl in value.items():
            name = self.read.ident(key, "variable name", key.span)
            if name is None:
                continue
            if name in RESERVED_NAMES:
                self.sink.report("PG203", key.span, f"{name!r} is a word of the condition language; choose another name")
                continue
            if name in self.variables:
                self.sink.report("PG300", key.span, f"the variable {name!r} is declared twice "
                                 f"(first at {self.variables[name].span})")
                continue
            block = self.read.block(decl, f"variable {name}", key.span,
                                    {"type", "default", "min", "max", "values", "description", "saturates"},
                                    {"type", "default"})
            if block is None:
                continue
            vtype = self.read.text(block.get("type"), "type", block.span)
            default: Any = None
            lo = hi = None
            values: tuple[str, ...] = ()
            if vtype == "int":
                default = self.read.integer(block.get("default"), "default", block.span)
                lo = self.read.integer(block.get("min"), "min", block.span)
                hi = self.read.integer(block.get("max"), "max", block.span)
                if block.get("min") is None or block.get("max") is None:
                    self.sink.report("PG311", block.span, f"the number variable {name} needs min and max")
                    continue
                if None in (default, lo, hi):
                    continue
                if not lo <= default <= hi:
                    self.sink.report("PG311", block.span, f"{name} needs min <= default <= max "
                                     f"(here {lo} <= {default} <= {hi})")
                    continue
            elif vtype == "bool":
                default = self.read.flag(block.get("default"), "default", block.span)
            elif vtype == "str":
                default = self.read.text(block.get("default"), "default", block.span)
                values = tuple(self.read.text(v, "value", block.span) for v in self.read.seq(block.get("values"), "values", block.span))
                if not values:
                    self.sink.report("PG311", block.span, f"the text variable {name} needs a list of its values")
                    continue
                if default not in values:
                    self.sink.report("PG311", block.span, f"{name}'s default {default!r} is not among its values")
                    continue
            else:
                self.sink.report("PG202", span_of(block.get("type"), block.span), "type is int, bool or str")
                continue
            saturates = self.read.flag(block.get("saturates"), "saturates", block.span)
            for extra, ok in (("min", vtype == "int"), ("max", vtype == "int"), ("values", vtype == "str"),
                              ("saturates", vtype == "int")):
                if block.get(extra) is not None and not ok:
                    self.sink.report("PG311", block[extra].span if hasattr(block[extra], "span") else block.span,
                                     f"{extra} does not apply to a {vtype} variable")
            self.variables[name] = Variable(name, vtype, default, lo, hi, values,
                                            self.read.text(block.get("description"), "description", block.span),
                                            span=key.span, saturates=saturates)

    # -- expressions -------------------------------------------------------------------------------
    def condition(self, value: Any, at: SourceSpan) -> Guard | None:
        if value is None:
            return None
        if not isinstance(value, Text):
            self.sink.report("PG202", span_of(value, at), "a condition should be one line of text")
            return None
        try:
            test, info = compile_condition(str(value), self.variables)
        except ExpressionError as exc:
            self.sink.report(exc.code, expression_span(value, exc.offset), exc.message)
            return None
        self.note_expression(info, value.span)
        return Guard(test, info)

    def effects(self, value: Any, at: SourceSpan) -> tuple[Effect, ...]:
        items = value if isinstance(value, Sequence) else ([] if value is None else [value])
        out = []
        for item in items:
            if not isinstance(item, Text):
                self.sink.report("PG202", span_of(item, at), "an effect should be one line of text, e.g. courage += 1")
                continue
            try:
                action, info = compile_effect(str(item), self.variables)
            except ExpressionError as exc:
                self.sink.report(exc.code, expression_span(item, exc.offset), exc.message)
                continue
            self.note_expression(info, item.span)
            out.append(Effect(action, info))
        return tuple(out)

    def note_expression(self, info, span: SourceSpan) -> None:
        self.variable_reads |= info.reads
        for scene in info.scenes:
            self.target_refs.append((scene, span, "visited()/visits() names"))

    # -- scenes ------------------------------------------------------------------------------------
    SCENE_FIELDS = {"id", "role", "roles", "title", "date", "time", "place", "image", "sources", "text",
                    "on_enter", "choices", "ending", "note", "counterfactual", "content_note", "minutes", "show_map",
                    "events"}

    DEFAULT_FIELDS = {"role", "roles", "date", "time", "place", "image", "sources"}

    def file_defaults(self, value: Any, at: SourceSpan) -> Mapping | None:
        """`defaults:` in a scene file: fields every scene of the file has unless it gives its own."""
        if value is None:
            return None
        block = self.read.block(value, "defaults:", at, self.DEFAULT_FIELDS, set())
        if block is not None and block.get("role") is not None and block.get("roles") is not None:
            self.sink.report("PG202", block["roles"].span, "defaults: gives role or roles, not both")
        return block

    def date(self, value: Any, what: str, at: SourceSpan) -> bool:
        match = DATE.match(value) if isinstance(value, Text) else None
        if match:
            try:
                _date(*(int(g) for g in match.groups()))
                return True
            except ValueError:
                pass   # 31 September, 30 February and the like
        self.sink.report("PG204", span_of(value, at), f"{what} {str(value)!r} should be a date like 1905-10-25")
        return False

    def scene(self, item: Any, at: SourceSpan) -> None:
        found = self.read.entry(item, "a scene", at, self.SCENE_FIELDS, {"id", "title", "text"}, "scene", self.scenes)
        if found is None:
            return
        block, sid = found
        span = block["id"].span
        # Which of the fields a story may require this scene leaves out; checked against the
        # manifest's require: once every file is read.
        absent = tuple(f for f in self.REQUIRABLE if block.get(f) is None or (f == "sources" and not block.get(f)))
        if absent:
            self.scenes_missing[sid] = (absent, block.span)
        roles: list[str] = []
        written = [block["role"]] if block.get("role") is not None else []
        for value in written + list(self.read.seq(block.get("roles"), "roles", block.span)):
            rid = self.read.ident(value, "role", block.span)
            if rid:
                roles.append(rid)
                self.role_refs.append((rid, span_of(value, block.span)))   # each checked where it is written
        if not roles:
            self.sink.report("PG201", block.span, f"scene {sid} needs a 'role' (or 'roles') field")
        date = block.get("date")
        if date is not None:
            self.date(date, "date", block.span)
        time = block.get("time")
        if time is not None:
            match = TIME.match(time) if isinstance(time, Text) else None
            if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
                self.sink.report("PG205", span_of(time, block.span), f"time {str(time)!r} should look like \"21:40\"")
        image = block.get("image")
        if image is not None:
            self.art_refs.append((self.read.text(image, "image", block.span), span_of(image, block.span)))
        citations = self.citations(block.get("sources"), block.span)
        text_blocks, words = self.scene_text(block.get("text"), block.span)
        choices = []
        raw_choices = block.get("choices")
        for index, c in enumerate(self.read.seq(raw_choices, "choices", block.span)):
            choice = self.choice(index, c, block.span)
            if choice is not None:
                self.check_choice_id(sid, choice, choices)
                choices.append(choice)
                words += word_count(choice.text)
        ending = None
        if block.get("ending") is not None:
            eb = self.read.block(block["ending"], "ending", block.span, {"title", "historical", "summary"}, {"title"})
            if eb is not None:
                ending = Ending(self.read.text(eb.get("title"), "ending title", eb.span),
                                self.read.flag(eb.get("historical"), "historical", eb.span),
                                self.read.text(eb.get("summary"), "summary", eb.span))
        for field_name, what in (("title", "a title"), ("note", "a note"), ("place", "a place"),
                                 ("content_note", "a content note")):
            self.no_inline(block.get(field_name), what)
        if isinstance(block.get("ending"), Mapping):
            for field_name in ("title", "summary"):
                self.no_inline(block["ending"].get(field_name), "an ending's " + field_name)
        if ending is not None and raw_choices is not None:
            self.sink.report("PG310", span_of(raw_choices, block.span), f"scene {sid} is an ending and also has choices")
        elif ending is None and isinstance(raw_choices, Sequence) and not raw_choices:
            self.sink.report("PG309", raw_choices.span, f"scene {sid} has an empty choice list")
        elif ending is None and raw_choices is None:
            self.sink.report("PG308", span, f"scene {sid} has no choices and is not an ending: the player is stuck")
        show_map = self.read.flag(block.get("show_map"), "show_map", block.span)
        if show_map:    # checked once the manifest's map: is known (resolve)
            self.map_shown.append((sid, span_of(block.get("show_map"), block.span)))
        self.scenes[sid] = Scene(
            id=sid, roles=tuple(roles),
            title=self.read.text(block.get("title"), "title", block.span),
            date=str(date or ""), time=str(time or ""),
            place=self.read.text(block.get("place"), "place", block.span),
            image=str(image or ""),
            text=tuple(text_blocks),
            on_enter=self.effects(block.get("on_enter"), block.span),
            choices=tuple(choices), ending=ending,
            note=self.read.text(block.get("note"), "note", block.span),
            sources=tuple(citations),
            counterfactual=self.read.flag(block.get("counterfactual"), "counterfactual", block.span),
            content_note=self.read.text(block.get("content_note"), "content_note", block.span),
            minutes=self.read.number(block.get("minutes"), "minutes", block.span),
            show_map=show_map,
            words=words, span=span,
            events=self.event_ids(block.get("events"), block.span),
        )
        self.refer_to_events(self.scenes[sid].events, f"scene {sid}", str(date or ""), str(time or ""),
                             citations, span, block.get("events"))
        self.check_note_names(sid, self.scenes[sid].note, {c.source for c in citations}, block.get("note"), span)
        if self.scenes[sid].counterfactual and not self.scenes[sid].note:
            self.sink.report("PG504", span, f"scene {sid} is counterfactual but has no note saying what really happened")

    def check_note_names(self, sid: str, note: str, cited: set[str], raw: Any, at: SourceSpan) -> None:
        """A note that names a source (by its short name) must cite it, so every attribution can be
        checked against its citation."""
        for source_id, source in self.sources.items():
            if source_id in cited or not source.short:
                continue
            if re.search(rf"(?<!\w){re.escape(source.short)}(?!\w)", note):
                self.sink.report("PG705", span_of(raw, at), f"the note of scene {sid} names {source.short}, "
                                 f"but the scene does not cite {source_id}: add it under sources:")

    def scene_text(self, value: Any, at: SourceSpan) -> tuple[list[TextBlock], int]:
        blocks: list[TextBlock] = []
        words = 0
        items = value if isinstance(value, Sequence) else [value]
        for item in items:
            if item is None:
                continue
            if isinstance(item, Text):
                self.check_links(item)
                self.check_inline(item)
                blocks += [TextBlock(p) for p in paragraphs(item)]
                words += word_count(item)
                continue
            if looks_like_prose(item):
                self.sink.report("PG209", span_of(item, at), prose_message(item))
                continue
            tb = self.read.block(item, "a conditional text block", at, {"if", "text", "else"}, {"if", "text"})
            if tb is None:
                continue
            guard = self.condition(tb.get("if"), tb.span)
            shown = self.read.text(tb.get("text"), "text", tb.span)
            other = self.read.text(tb.get("else"), "else", tb.span)
            for part in (tb.get("text"), tb.get("else")):
                if isinstance(part, Text):
                    self.check_links(part)
                    self.check_inline(part)
            words += word_count(shown) + word_count(other)
            if guard is not None:
                blocks.append(TextBlock("\n\n".join(paragraphs(shown)), guard, "\n\n".join(paragraphs(other))))
        return blocks, words

    def check_inline(self, text: Text) -> None:
        """{variable} and [if ...]...[/if] in a text, each paragraph on its own (a conditional
        closes in its paragraph): every mistake at its place in the file."""
        if not has_inline(text):
            return
        start = 0
        for gap in [*re.finditer(r"\n\s*\n", text), None]:
            end = gap.start() if gap else len(text)
            try:
                parse_inline(text[start:end], self.variables)
            except InlineError as exc:
                self.sink.report(exc.code, self.locate(text, start + exc.offset), exc.message)
            start = gap.end() if gap else end

    def no_inline(self, text: Any, what: str) -> None:
        """Where inline forms are not rendered (a choice's words identify it in saves and records; titles
        and notes are shown as written), a {variable} or [if] would be printed literally: say so."""
        if isinstance(text, Text) and has_inline(text):
            found = INLINE_FORM.search(text)
            if found:
                self.sink.report("PG405", self.locate(text, found.start()),
                                 f"{found.group(0)!r} would be shown as written: {{variable}} and [if ...] work in "
                                 f"scene text only, not in {what}")

    def locate(self, text: Text, offset: int) -> SourceSpan:
        """The file position of text[offset]: found by its words in the file's lines from where the
        text starts (block scalars and folded lines shift columns), else the text's own position."""
        span = text.span
        needle = text[offset:offset + 24].split("\n")[0]
        path = self.file_paths.get(span.path)
        if path is not None and needle.strip():
            try:
                lines = path.read_text(encoding="utf-8").splitlines()[span.line - 1:span.line + 400]
            except (OSError, UnicodeDecodeError):
                lines = []
            for k, line in enumerate(lines):
                column = line.find(needle, span.column - 1 if k == 0 else 0)
                if column >= 0:
                    return SourceSpan(span.path, span.line + k, column + 1)
        return span

    def check_links(self, text: Text) -> None:
        for target, offset in links(text):
            # Block scalars lose exact columns after folding; the text's own position is close enough.
            self.codex_refs.append((target, text.span))

    def choice(self, index: int, item: Any, at: SourceSpan) -> Choice | None:
        block = self.read.block(item, "a choice", at, {"id", "text", "to", "if", "do", "once", "counterfactual"},
                                {"text", "to"})
        if block is None:
            return None
        target = self.read.ident(block.get("to"), "target", block.span)
        if target:
            self.target_refs.append((target, block["to"].span, "this choice leads to"))
        text = self.read.text(block.get("text"), "choice text", block.span)
        if isinstance(block.get("text"), Text):
            self.check_links(block["text"])
            self.no_inline(block["text"], "a choice's text")
        return Choice(
            index=index, text=text, target=target or "",
            condition=self.condition(block.get("if"), block.span),
            effects=self.effects(block.get("do"), block.span),
            once=self.read.flag(block.get("once"), "once", block.span),
            counterfactual=self.read.flag(block.get("counterfactual"), "counterfactual", block.span),
            span=block.span,
            id=self.read.ident(block.get("id"), "choice id", block.span) or "",
        )

    def check_choice_id(self, sid: str, choice: Choice, earlier: list[Choice]) -> None:
        """A choice's id names it within its scene, so two choices of one scene cannot share one."""
        if not choice.id:
            return
        first = next((c for c in earlier if c.id == choice.id), None)
        if first is not None:
            self.sink.report("PG312", choice.span, f"scene {sid} has two choices with the id {choice.id!r} "
                             f"(the first at line {first.span.line}): give each choice of a scene its own id")

    # -- the city map --------------------------------------------------------------------------------

    def city_map(self, value: Any, at: SourceSpan) -> None:
        """`map: {timeline: [{at, place, holder, source, where, event}]}`: who held each place, and from
        when. A change that names a timeline `event` may leave out `at` (it is the event's time)."""
        block = self.read.block(value, "map:", at, {"timeline", "labels"}, {"timeline"})
        if block is None:
            return
        if block.get("labels") is not None:    # the map's own words, by the drawing's keys
            labels = block["labels"]
            if not isinstance(labels, Mapping):
                self.sink.report("PG202", span_of(labels, block.span), "labels: should be a block of key: words")
            else:
                for key, words in labels.items():
                    self.map_labels[str(key)] = self.read.text(words, f"labels: {key}", labels.span)
        for item in self.read.seq(block.get("timeline"), "timeline", block.span):
            entry = self.read.block(item, "a map change", block.span,
                                    {"at", "place", "holder", "source", "where", "note", "event"}, {"place", "holder"})
            if entry is None:
                continue
            event = self.read.ident(entry.get("event"), "event", entry.span)
            when = entry.get("at")
            stamp = None
            if when is None and event is None:
                self.sink.report("PG201", entry.span, "a map change needs at: (\"1905-10-25 07:00\") or event: (a timeline event)")
                continue
            if when is not None:
                match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2})", when) if isinstance(when, Text) else None
                if not match:
                    self.sink.report("PG204", span_of(when, entry.span), f"at: {str(when)!r} should look like \"1905-10-25 07:00\"")
                    continue
                stamp = f"{match.group(1)} {int(match.group(2)):02d}:{match.group(3)}"
            place = self.read.ident(entry.get("place"), "place", entry.span)
            holder = self.read.text(entry.get("holder"), "holder", entry.span)
            holders = (self.header or {}).get("map_holders")
            if holders and holder not in holders:   # the story's map says who can hold a place
                self.sink.report("PG202", span_of(entry.get("holder"), entry.span),
                                 "holder is one of the map's holders: " + ", ".join(holders))
                continue
            src = None
            if entry.get("source") is not None:
                src = self.read.ident(entry["source"], "source", entry.span)
                if src:
                    self.source_refs.append((src, entry["source"].span))
            if not place:
                continue
            if event is None:
                self.map_changes_without_event.append(entry.span)
                self.map_timeline.append((stamp, place, holder))
            else:
                # Placed on the map once the timeline is read (check_timeline), at the event's time if no `at`.
                self.map_event_refs.append({"stamp": stamp, "place": place, "holder": holder, "source": src,
                                            "event": event, "event_span": entry["event"].span,
                                            "at_span": span_of(when, entry.span),
                                            "source_span": span_of(entry.get("source"), entry.span)})

    # -- the timeline ----------------------------------------------------------------------------------
    EVENT_FIELDS = {"id", "at", "approximate", "title", "place", "who", "sources", "differs"}

    def timeline(self, value: Any, at: SourceSpan) -> None:
        """`timeline: {chronology: {id, title}, events: [{id, at, title, place, who, sources, differs}]}`:
        the dated events, each once; scenes, map changes and assemblies refer to them by id."""
        block = self.read.block(value, "timeline:", at, {"chronology", "events"}, {"events"})
        if block is None:
            return
        if block.get("chronology") is not None:
            cb = self.read.block(block["chronology"], "chronology:", block.span, {"id", "title"}, {"id", "title"})
            if cb is not None:
                cid = self.read.ident(cb.get("id"), "codex id", cb.span)
                if cid and self.chronology is not None:
                    self.sink.report("PG300", cb["id"].span, "the timeline's chronology is given twice; keep one")
                elif cid:
                    self.chronology = (cid, self.read.text(cb.get("title"), "title", cb.span), cb["id"].span)
        for item in self.read.seq(block.get("events"), "events", block.span):
            found = self.read.entry(item, "an event", block.span, self.EVENT_FIELDS,
                                    {"id", "at", "title", "sources"}, "event", self.events)
            if found is None:
                continue
            eb, eid = found
            when = eb.get("at")
            # A day and a time, or only the day when the sources give no hour.
            match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?: (\d{1,2}):(\d{2}))?", when) if isinstance(when, Text) else None
            if not match:
                self.sink.report("PG204", span_of(when, eb.span),
                                 f"at: {str(when)!r} should look like \"1905-10-25 07:00\" (or \"1905-10-25\" for a day)")
                continue
            if not self.date(Text(match.group(1), when.span), "the event's date", eb.span):
                continue
            if match.group(2) is not None and (int(match.group(2)) > 23 or int(match.group(3)) > 59):
                self.sink.report("PG205", span_of(when, eb.span), f"at: {str(when)!r} is not a time of day")
                continue
            citations = self.citations(eb.get("sources"), eb.span)
            if not citations:
                self.sink.report("PG201", eb.span, f"event {eid} needs at least one source under sources:")
            self.events[eid] = Event(
                id=eid, date=match.group(1),
                time=f"{int(match.group(2)):02d}:{match.group(3)}" if match.group(2) is not None else "",
                title=self.read.text(eb.get("title"), "title", eb.span),
                place=self.read.text(eb.get("place"), "place", eb.span),
                who=tuple(self.read.text(w, "who", eb.span) for w in self.read.seq(eb.get("who"), "who", eb.span)),
                sources=tuple(citations),
                differs=self.read.text(eb.get("differs"), "differs", eb.span),
                approximate=self.read.flag(eb.get("approximate"), "approximate", eb.span),
                span=eb["id"].span)

    def citations(self, value: Any, at: SourceSpan) -> list[Citation]:
        """A `sources:` list of {source, where}; each source id is checked once the manifest is known."""
        out = []
        for c in self.read.seq(value, "sources", at):
            cb = self.read.block(c, "a citation", at, {"source", "where"}, {"source", "where"})
            if cb is None:
                continue
            src = self.read.ident(cb.get("source"), "source", cb.span)
            if src:
                self.source_refs.append((src, cb["source"].span))
                out.append(Citation(src, self.read.text(cb.get("where"), "where", cb.span)))
        return out

    def event_ids(self, value: Any, at: SourceSpan) -> tuple[str, ...]:
        return tuple(i for i in (self.read.ident(v, "event", at) for v in self.read.seq(value, "events", at)) if i)

    def refer_to_events(self, ids: tuple[str, ...], what: str, date: str, time: str, citations, at: SourceSpan,
                        raw: Any = None) -> None:
        """Remember that `what` (dated `date` `time`, citing `citations`) refers to these events."""
        spans = [span_of(v, at) for v in raw] if isinstance(raw, Sequence) else []
        stamp = f"{date} {time.zfill(5)}" if date and time else ""
        cited = tuple(c.source for c in citations)
        for i, eid in enumerate(ids):
            self.event_refs.append((what, stamp, cited, eid, spans[i] if i < len(spans) else at))

    def source_name(self, source_id: str) -> str:
        return self.sources[source_id].short if source_id in self.sources else source_id

    def check_timeline(self) -> None:
        """The checks that make the timeline the one record: every reference names an event; nothing
        is dated before an event it tells; a map change happens at its event's time; every citation
        that goes with an event is of a source that tells it. Then the chronology's codex entry."""
        for what, stamp, cited, eid, span in self.event_refs:
            event = self.events.get(eid)
            if event is None:
                self.sink.report("PG700", span, f"{what} refers to the event {eid!r}, but the timeline has no such event"
                                 + did_you_mean(eid, self.events))
                continue
            # An event known only by its day is contradicted only by an earlier day.
            if stamp and (stamp < event.stamp if event.time else stamp[:10] < event.date):
                self.sink.report("PG701", span, f"{what} is dated {stamp}, before the event {eid} it refers to "
                                 f"({event.stamp}{', approximately' if event.approximate else ''})")
            told_by = {c.source for c in event.sources}
            if cited and not told_by & set(cited):
                self.sink.report("PG703", span, f"{what} cites {', '.join(sorted({self.source_name(c) for c in cited}))} "
                                 f"but refers to the event {eid}, which the timeline takes from "
                                 + " and ".join(sorted({self.source_name(c) for c in told_by})))
        for ref in self.map_event_refs:
            event = self.events.get(ref["event"])
            if event is None:
                self.sink.report("PG700", ref["event_span"], f"the map change of {ref['place']} refers to the event "
                                 f"{ref['event']!r}, but the timeline has no such event")
                if ref["stamp"]:
                    self.map_timeline.append((ref["stamp"], ref["place"], ref["holder"]))
                continue
            if ref["stamp"] and (ref["stamp"] != event.stamp if event.time else ref["stamp"][:10] != event.date):
                self.sink.report("PG702", ref["at_span"], f"the map changes {ref['place']} at {ref['stamp']}, but its "
                                 f"event {event.id} is at {event.stamp}: leave out at: or make them agree")
            elif not ref["stamp"] and not event.time:
                self.sink.report("PG702", ref["event_span"], f"the map change of {ref['place']} takes its time from the "
                                 f"event {event.id}, which gives only a day: add at: with the hour the map should use")
                continue
            told_by = {c.source for c in event.sources}
            if ref["source"] and ref["source"] not in told_by:
                self.sink.report("PG703", ref["source_span"], f"the map change of {ref['place']} cites "
                                 f"{self.source_name(ref['source'])}, but its event {event.id} is taken from "
                                 + " and ".join(sorted(self.source_name(c) for c in told_by)))
            self.map_timeline.append((ref["stamp"] or event.stamp, ref["place"], ref["holder"]))
        if self.events:
            for span in self.map_changes_without_event:
                self.sink.report("PG704", span, "this map change names no timeline event: add event: ID, so that its "
                                 "time and source come from the one record")
        if self.chronology is not None:
            cid, title, span = self.chronology
            if cid in self.codex:
                self.sink.report("PG300", span, f"the chronology's codex id {cid!r} is also a codex entry's id")
            else:
                self.codex[cid] = CodexEntry(cid, "chronology", title, chronology_text(self.events.values(), self.sources),
                                             span=span)

    # -- codex ---------------------------------------------------------------------------------------
    def codex_entry(self, item: Any, at: SourceSpan) -> None:
        found = self.read.entry(item, "a codex entry", at, {"id", "kind", "title", "text"},
                                {"id", "kind", "title", "text"}, "codex", self.codex)
        if found is None:
            return
        block, cid = found
        kind = self.read.text(block.get("kind"), "kind", block.span, "term")
        if kind not in CODEX_KINDS:
            self.sink.report("PG202", span_of(block.get("kind"), block.span), "kind is one of: " + ", ".join(CODEX_KINDS))
        if isinstance(block.get("text"), Text):
            self.check_links(block["text"])
        self.codex[cid] = CodexEntry(cid, kind, self.read.text(block.get("title"), "title", block.span),
                                     self.read.text(block.get("text"), "text", block.span), span=block["id"].span)

    # -- references ----------------------------------------------------------------------------------
    def assets_dir(self) -> Path:
        return assets_dir(self.root, self.header.get("assets") if self.header else "")

    plain_relative = staticmethod(plain_relative)

    def resolve(self) -> None:
        for target, span, what in self.target_refs:
            if target not in self.scenes:
                self.sink.report("PG301", span, f"{what} {target!r}, but no scene has that id"
                                 + did_you_mean(target, self.scenes))
        for cid, span in self.codex_refs:
            if cid not in self.codex:
                self.sink.report("PG305", span, f"the text links to [[{cid}]], but the codex has no entry {cid!r}"
                                 + did_you_mean(cid, self.codex))
        for sid, span in self.source_refs:
            if sid not in self.sources:
                self.sink.report("PG304", span, f"unknown source {sid!r}; sources are: " + ", ".join(sorted(self.sources)))
        for rid, span in self.role_refs:
            if rid not in self.roles:
                self.sink.report("PG302", span, f"unknown role {rid!r}; roles are: " + ", ".join(sorted(self.roles)))
        configured = self.header.get("assets") if self.header else ""
        if configured and not self.plain_relative(configured):
            self.sink.report("PG307", SourceSpan(self.display(self.root / MANIFEST), 1, 1),
                             f"assets: {configured!r} must be a folder inside the story folder")
        assets = self.assets_dir()
        # Where assets_dir() found it: in the story folder, or beside it (this project's layout).
        home = self.root if configured or (self.root / "assets").is_dir() else self.root.parent
        if not assets.is_relative_to(home.resolve()):
            # A link named assets/ pointing elsewhere would have the game read pictures from anywhere.
            self.sink.report("PG307", SourceSpan(self.display(self.root / MANIFEST), 1, 1),
                             f"the assets folder is a link to {str(assets)[:80]!r}, outside the "
                             f"{'story' if home == self.root else 'project'} folder")
        required = self.header.get("required", ()) if self.header else ()
        for sid, (absent, span) in self.scenes_missing.items():
            for name in absent:
                if name not in required:
                    continue
                if name == "sources":
                    self.sink.report("PG503", span, f"scene {sid} cites no source")
                else:
                    article = "an" if name[:1] in "aeiou" else "a"
                    self.sink.report("PG201", span, f"scene {sid} needs {article} {name!r} field (the story's require: lists it)")
        if not (self.header or {}).get("map_name"):
            for sid, span in self.map_shown:
                self.sink.report("PG313", span, f"scene {sid} opens the map, but the story has no map "
                                 "(story.yaml's story: map:): the scene will show none")
        drawing = self.header.get("map_drawing") if self.header else ""
        if drawing:
            problem = map_module_problem(assets, drawing)
            if problem:
                self.sink.report("PG307", self.header["map_drawing_span"], problem)
        art_root = assets / "art"
        # The renderer (engine.art) reads a picture only from inside assets/art with links followed:
        # a picture, or the art folder, that is a link out would be refused there, so it is here.
        art_home = resolved(art_root)
        if not art_home.is_relative_to(assets):
            self.sink.report("PG307", SourceSpan(self.display(self.root / MANIFEST), 1, 1),
                             f"the art folder is a link to {str(art_home)[:80]!r}, outside the assets folder")
        pictures: dict[str, bool] = {}      # art id -> found: scenes share pictures, each is looked for once
        for ref, span in self.art_refs:
            if not ref:
                continue
            art_id, variant = split_art_ref(ref)
            if variant is not None and variant not in ART_VARIANTS:
                self.sink.report("PG306", span, f"no picture variant {variant!r}: variants are "
                                 + ", ".join(ART_VARIANTS))
                continue
            found = pictures.get(art_id)
            if found is None:
                if len(art_id) > 160 or not ART_ID.match(art_id) or ".." in PurePosixPath(art_id).parts:
                    self.sink.report("PG307", span, f"the image {art_id[:60]!r} is not a plain path inside assets/art/")
                    continue
                candidates = [art_root / (art_id + ext) for ext in ART_EXTENSIONS]
                if any(not resolved(c).is_relative_to(art_home) for c in candidates):
                    self.sink.report("PG307", span, f"the image {art_id!r} is a link out of assets/art/")
                    continue
                try:
                    found = any(c.is_file() for c in candidates)
                except OSError:
                    found = False
                pictures[art_id] = found
            if not found:
                self.sink.report("PG306", span, f"no picture for {art_id!r}: expected assets/art/{art_id}.svg or .png")
        for role in self.roles.values():
            start = self.scenes.get(role.start)
            if not role.start or start is None:
                self.sink.report("PG303", role.span, f"role {role.id} starts at {role.start!r}, which is not a scene")
            elif role.id not in start.roles:
                self.sink.report("PG303", role.span, f"role {role.id} starts at {role.start!r}, a scene of another role")
