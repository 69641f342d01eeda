"""Line ids: the stable name of each translatable line of a story, kept in a YAML comment beside it.

A one-line scalar carries its id at the end of its line (`text: Walk on.  #line:3f9a2c`); a block
scalar on its indicator line (`- >-  #line:7c01de`). PyYAML drops comments, so the lines are found
here from the parser's events (each scalar's path, style and start and end marks) and the ids read
from the raw lines. `write_missing_ids` adds ids by appending a comment to a line, never by dumping
YAML again, and checks that the file still reads as the same values.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import SourceSpan
from ..loading.layout import MAX_FILE_BYTES

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

LINE_ID = re.compile(r"[0-9a-z]{6}\Z")
# A `#line:` comment: `#` starts a comment only at a line's start or after whitespace.
ID_COMMENT = re.compile(r"(?:^|(?<=\s))#line:(\S*)")
_NULLS = {"", "~", "null", "Null", "NULL"}

# Which scalars are translatable, by their path in a file: "*" is a list index, "?" any mapping key.
_TRANSLATABLE = {
    ("roles", "*", "name"), ("roles", "*", "title"), ("roles", "*", "description"), ("roles", "*", "biography"),
    ("roles", "*", "starts"),
    ("scenes", "*", "title"), ("scenes", "*", "note"), ("scenes", "*", "place"), ("scenes", "*", "content_note"),
    ("scenes", "*", "text"), ("scenes", "*", "text", "*"),
    ("scenes", "*", "text", "*", "text"), ("scenes", "*", "text", "*", "else"),
    ("scenes", "*", "choices", "*", "text"),
    ("scenes", "*", "ending", "title"), ("scenes", "*", "ending", "summary"),
    ("codex", "*", "title"), ("codex", "*", "text"),
    # How the story presents itself, and its map.
    ("story", "title"), ("story", "subtitle"), ("story", "history_label"), ("story", "credits", "*"),
    ("story", "map", "name"), ("story", "map", "holders", "?", "words"),
    ("map", "labels", "?"), ("map", "timeline", "*", "note"),
    # The dated events (the chronology and the debrief's account).
    ("timeline", "chronology", "title"), ("timeline", "events", "*", "title"),
    ("timeline", "events", "*", "place"), ("timeline", "events", "*", "differs"),
    # The classroom: assemblies, their motions and speeches, and the teacher's material.
    ("assemblies", "*", "title"), ("assemblies", "*", "place"), ("assemblies", "*", "body"),
    ("assemblies", "*", "summary"), ("assemblies", "*", "content_note"), ("assemblies", "*", "questions", "*"),
    ("assemblies", "*", "present", "*", "as"), ("assemblies", "*", "present", "*", "lines", "*", "text"),
    ("assemblies", "*", "motions", "*", "text"), ("assemblies", "*", "motions", "*", "options", "*", "text"),
    ("assemblies", "*", "motions", "*", "historical", "recorded"),
    ("assemblies", "*", "motions", "*", "historical", "note"),
    ("classroom", "objectives", "*"), ("classroom", "content_notes", "*"), ("classroom", "questions", "*"),
    ("classroom", "questions", "*", "text"), ("classroom", "roles", "?", "objectives", "*", "text"),
    ("classroom", "roles", "?", "knows", "*"), ("classroom", "roles", "?", "sources", "*", "summary"),
}
# The sections whose entries carry an `id` naming the owner of their lines, and where that id sits.
_OWNED = {"roles": 2, "scenes": 2, "codex": 2, "assemblies": 2}


def _translatable(path: tuple) -> bool:
    """Whether a scalar at `path` is a translatable line ("*" matches an index, "?" any key)."""
    for pattern in _BY_LENGTH.get(len(path), ()):
        if all(p == q or (p == "*" and isinstance(q, int)) or (p == "?" and isinstance(q, str))
               for p, q in zip(pattern, path)):
            return True
    return False


_BY_LENGTH: dict[int, list[tuple]] = {}
for _p in _TRANSLATABLE:
    _BY_LENGTH.setdefault(len(_p), []).append(_p)


def _owner(path: tuple, owners: dict[tuple, str]) -> str:
    """Who a line belongs to: the role, scene, codex entry or assembly by id; a timeline event by id;
    a classroom role brief by its role; otherwise the section itself (story, map, classroom)."""
    if path[0] in _OWNED:
        return owners.get(path[:_OWNED[path[0]]], "")
    if path[:2] == ("timeline", "events"):
        return owners.get(path[:3], "")
    if path[:2] == ("classroom", "roles") and len(path) > 2:
        return str(path[2])
    return path[0]


def source_hash(text: str) -> str:
    """The short hash of a line's source text that a translation records, to tell when it went stale."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Line:
    """One translatable scalar of a story file."""

    id: str                 # its line id, "" if it has none yet
    text: str               # the source text, as the loader reads it
    span: SourceSpan        # where the scalar starts
    section: str            # roles | scenes | codex
    owner: str              # the role's, scene's or codex entry's id
    path: tuple             # its path in the file, e.g. ("scenes", 3, "choices", 1, "text")
    id_line: int            # 0-based line where its id comment is (or goes)
    id_column: int          # 0-based column after which the comment is searched
    shares_line: bool = False   # another translatable scalar's id would go on the same line

    @property
    def field(self) -> str:
        """Its path inside its owner, e.g. "choices.1.text" of a scene, "title" of the story."""
        if self.section in _OWNED:
            skip = _OWNED[self.section]
        elif self.path[:2] in (("timeline", "events"), ("classroom", "roles")):
            skip = 3
        else:
            skip = 1
        return ".".join(str(p) for p in self.path[skip:])

    @property
    def hash(self) -> str:
        return source_hash(self.text)


def _scalar_paths(text: str):
    """(path, event) of every scalar value in the file, keys excluded."""
    stack: list[list] = []     # [kind, path, key or index, expecting_key]
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
            if stack and stack[-1][0] == "map" and stack[-1][3]:
                frame = stack[-1]
                frame[2] = event.value if isinstance(event, yaml.ScalarEvent) else None
                frame[3] = False
                if isinstance(event, yaml.CollectionStartEvent):   # a complex key: walk it as nothing
                    stack.append(["map" if isinstance(event, yaml.MappingStartEvent) else "seq", None, 0, True])
                continue
            if stack:
                frame = stack[-1]
                path = None if frame[1] is None else frame[1] + (frame[2],)
            else:
                path = ()
            if isinstance(event, yaml.ScalarEvent):
                if path is not None:
                    yield path, event
                _advance(stack)
            elif isinstance(event, yaml.MappingStartEvent):
                stack.append(["map", path, None, True])
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(["seq", path, 0, False])
            else:
                _advance(stack)
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            _advance(stack)


def _advance(stack: list) -> None:
    if not stack:
        return
    frame = stack[-1]
    if frame[0] == "map":
        frame[3] = True
    else:
        frame[2] += 1


def lines_of_text(text: str, display: str) -> list[Line]:
    """The translatable lines of one file's text (which must parse)."""
    raw = text.split("\n")
    owners: dict[tuple, str] = {}
    found = []
    for path, event in _scalar_paths(text):
        if path[-1:] == ("id",) and (len(path) == 3 and path[0] in _OWNED or path[:2] == ("timeline", "events")):
            owners[path[:-1]] = event.value
        if not _translatable(path):
            continue
        plain = event.style in (None, "")
        if plain and event.value in _NULLS:
            continue
        if path[:3] == ("scenes", path[1], "text") and len(path) == 4 and not isinstance(path[3], int):
            continue
        block = event.style in ("|", ">")
        mark = event.start_mark if block else event.end_mark
        found.append((path, event, mark.line, mark.column if block else mark.column))
    per_line: dict[int, int] = {}
    for _, _, line, _ in found:
        per_line[line] = per_line.get(line, 0) + 1
    out = []
    for path, event, line, column in found:
        rest = raw[line][column:] if line < len(raw) else ""
        match = ID_COMMENT.search(rest)
        out.append(Line(id=match.group(1) if match else "", text=event.value,
                        span=SourceSpan(display, event.start_mark.line + 1, event.start_mark.column + 1),
                        section=path[0], owner=_owner(path, owners), path=path,
                        id_line=line, id_column=column, shares_line=per_line[line] > 1))
    return out


def story_files(root: Path) -> list[Path]:
    """The story's YAML files, in the loader's order (the manifest first). Never leaves the folder."""
    from ..loading.layout import story_files as layout_files
    return layout_files(root)


def story_lines(root: Path) -> list[Line]:
    """Every translatable line of the story folder, in file order. Files that do not parse are skipped
    (`petrograd check` reports them)."""
    root = Path(root)
    out: list[Line] = []
    for path in story_files(root):
        text = _read(path)
        if text is None:
            continue
        try:
            out += lines_of_text(text, path.relative_to(root).as_posix())
        except yaml.YAMLError:
            continue
    return out


def _read(path: Path) -> str | None:
    from ..safefile import FileTooLarge, read_regular
    try:
        return read_regular(path, MAX_FILE_BYTES).decode("utf-8")
    except (OSError, FileTooLarge, UnicodeDecodeError):
        return None


def _values(text: str) -> list:
    return [(p, e.value) for p, e in _scalar_paths(text)]


def write_missing_ids(root: Path) -> tuple[int, list[Line]]:
    """Give every translatable line of the story an id where it has none. Returns how many were added
    and the lines that cannot carry one (they share their line with another translatable text)."""
    root = Path(root)
    taken = {line.id for line in story_lines(root) if line.id}
    added = 0
    skipped: list[Line] = []
    for path in story_files(root):
        text = _read(path)
        if text is None:
            continue
        try:
            found = lines_of_text(text, path.relative_to(root).as_posix())
        except yaml.YAMLError:
            continue
        raw = text.split("\n")
        changed = False
        for line in found:
            if line.id:
                continue
            if line.shares_line:
                skipped.append(line)
                continue
            new = _new_id(taken)
            raw[line.id_line] = raw[line.id_line].rstrip() + f"  #line:{new}"
            changed = True
            added += 1
        if changed:
            new_text = "\n".join(raw)
            if _values(new_text) != _values(text):    # never change what the file says
                raise RuntimeError(f"{path}: adding line ids would change the file's values; nothing written")
            _write(path, new_text)
    return added, skipped


def _new_id(taken: set[str]) -> str:
    while True:
        candidate = secrets.token_hex(3)
        if candidate not in taken and not candidate.isdigit():
            taken.add(candidate)
            return candidate


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".ids-tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)


class LineIdRegistry:
    """The ids met while a story loads: a malformed id (PG109) or one used twice (PG110) is reported."""

    def __init__(self) -> None:
        self.first: dict[str, SourceSpan] = {}

    def scan(self, text: str, display: str, sink) -> None:
        if "#line:" not in text:
            return
        for number, row in enumerate(text.split("\n"), start=1):
            if "#line:" not in row:
                continue
            for match in ID_COMMENT.finditer(row):
                line_id = match.group(1)
                span = SourceSpan(display, number, match.start() + 1)
                if not LINE_ID.match(line_id):
                    sink.report("PG109", span, f"the line id {line_id!r} is not 6 lowercase letters or digits; "
                                               "delete it and run `petrograd ids` to write a new one")
                elif line_id in self.first:
                    first = self.first[line_id]
                    sink.report("PG110", span, f"the line id {line_id!r} is already used at {first.path}:{first.line}; "
                                               "delete this one and run `petrograd ids` to write a new one")
                else:
                    self.first[line_id] = span
