"""Safe YAML reading that keeps every value's position and every value's text as written.

PyYAML's parser (the C one when available) gives a stream of events, from which this builds the
values directly, doing what its composer does (anchors, aliases, tag resolution and its errors)
without keeping a node graph: the graph and its two position marks per node cost as much memory
again as the values built from it. No constructor ever runs, so no tag can create an object.
Every scalar becomes a `Text` (a str that remembers line, column and whether it was quoted);
conversion to numbers and booleans happens later, where the format asks for one. That keeps `no`,
`on` and `21:40` as written, which YAML 1.1 would turn into False, True and 1300.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import DiagnosticSink
from ..errors import SourceSpan
from ..safefile import FileTooLarge, read_regular

try:  # the C parser is about 4.5x faster; its events carry the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

from .layout import MAX_FILE_BYTES  # noqa: E402  (one limit for the reader and the cache)
MAX_NODES = 200_000
MAX_DEPTH = 64

_STD = "tag:yaml.org,2002:"
_SAFE_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")}
_NULLS = {"", "~", "null", "Null", "NULL"}


class Text(str):
    """A scalar as written in the file, with its position."""

    span: SourceSpan
    plain: bool  # written without quotes (so `null`, numbers and booleans are candidates)

    def __new__(cls, value: str, span: SourceSpan, plain: bool = False) -> "Text":
        obj = super().__new__(cls, value)
        obj.span = span
        obj.plain = plain
        return obj


class Mapping(dict):
    """A YAML mapping: keys are Text, with the position of the block and of each key."""

    span: SourceSpan


class Sequence(list):
    span: SourceSpan


def span_of(value: Any, fallback: SourceSpan) -> SourceSpan:
    return getattr(value, "span", fallback)


def _max_flow_depth(text: str) -> int:
    """Bracket nesting, measured before parsing so a pathological file cannot exhaust the stack."""
    depth = deepest = 0
    for ch in re.sub(r"'[^'\n]*'|\"(?:\\.|[^\"\\\n])*\"|#[^\n]*", "", text):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


_BLOCK_PREFIX = re.compile(r"[ \t\-?:]*")


def _max_block_prefix(text: str) -> int:
    return max((len(_BLOCK_PREFIX.match(line).group()) for line in text.splitlines()), default=0)


def _too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where collections nest deeper than MAX_DEPTH, or None. Never recurses."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer will report the syntax error with its position
    return None


class _Unusable(Exception):
    """The file's values cannot be used (a limit was passed); reading goes on only to find syntax errors."""


class _Tree:
    """Builds a file's values from the parser's events, as composing a node graph and converting it
    would: an alias gives a fresh copy of its anchor's value and counts its values again (so an
    alias bomb passes MAX_NODES), a tag that is not plain data makes that value None, `<<` merge
    keys and non-text keys are refused, and duplicate keys are reported. Diagnostics are held until
    the whole stream has parsed: a syntax error anywhere is then the only one reported, as when the
    composer failed before conversion began."""

    def __init__(self, parser, path: str):
        self.parser = parser
        self.path = path
        self.visited = 0
        self.reports: list[tuple[str, SourceSpan, str]] = []
        self.failed = False
        self.anchors: dict[str, Any] = {}     # anchor -> (value, values in it, depth below it); None while open
        self.merge_anchors: set[str] = set()  # anchors of scalars that resolve to the merge key `<<`

    def span(self, mark) -> SourceSpan:
        return SourceSpan(self.path, mark.line + 1, mark.column + 1)

    def report(self, code: str, mark, message: str) -> None:
        self.reports.append((code, self.span(mark), message))

    def fail(self, code: str, mark, message: str) -> None:
        if not self.failed:
            self.report(code, mark, message)
        self.failed = True

    def document(self) -> Any:
        """The stream's one document's value (None for an empty stream)."""
        parser = self.parser
        parser.get_event()                                    # StreamStart
        if parser.check_event(yaml.StreamEndEvent):
            parser.get_event()
            return None
        parser.get_event()                                    # DocumentStart
        value, _, _ = self.value(0)
        parser.get_event()                                    # DocumentEnd
        if not parser.check_event(yaml.StreamEndEvent):
            extra = parser.get_event()
            raise yaml.composer.ComposerError("expected a single document in the stream",
                                              None, "but found another document", extra.start_mark)
        parser.get_event()
        return value

    def _anchor(self, event) -> None:
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise yaml.composer.ComposerError(f"found duplicate anchor {anchor!r}; first occurrence", None,
                                              "second occurrence", event.start_mark)

    def _tag(self, event, kind) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value if kind is yaml.ScalarNode else None
            tag = self.parser.resolve(kind, value, event.implicit)
        return tag

    def value(self, depth: int) -> tuple[Any, int, int]:
        """The next value: (value, how many values it holds, how deep it nests below itself)."""
        parser = self.parser
        event = parser.get_event()
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor
            if anchor not in self.anchors:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {anchor!r}", event.start_mark)
            found = self.anchors[anchor]
            if found is None:                 # inside its own anchor: an endless structure
                self.fail("PG105", event.start_mark, f"blocks are nested more than {MAX_DEPTH} deep")
                return None, 1, 0
            value, size, below = found
            self.visited += size
            if self.visited > MAX_NODES:
                self.fail("PG104", event.start_mark,
                          f"the file expands to more than {MAX_NODES:,} values (anchors and aliases?)")
            elif depth + below > MAX_DEPTH:
                self.fail("PG105", event.start_mark, f"blocks are nested more than {MAX_DEPTH} deep")
            return (None if self.failed else _copy(value)), size, below
        self._anchor(event)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, depth)
            size, below = 1, 0
            if event.anchor is not None and self._tag(event, yaml.ScalarNode) == _STD + "merge":
                self.merge_anchors.add(event.anchor)
        elif isinstance(event, yaml.SequenceStartEvent):
            value, size, below = self.sequence(event, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            value, size, below = self.mapping(event, depth)
        else:   # pragma: no cover - the parser gives no other event here
            raise yaml.composer.ComposerError(None, None, f"unexpected {type(event).__name__}", event.start_mark)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size, below)
        return value, size, below

    def _count(self, event, depth: int) -> bool:
        """Count a value as the converter did; False once the file is unusable."""
        if self.failed:
            return False
        self.visited += 1
        if self.visited > MAX_NODES:
            self.fail("PG104", event.start_mark, f"the file expands to more than {MAX_NODES:,} values (anchors and aliases?)")
            return False
        if depth > MAX_DEPTH:
            self.fail("PG105", event.start_mark, f"blocks are nested more than {MAX_DEPTH} deep")
            return False
        return True

    def scalar(self, event, depth: int) -> Any:
        counted = self._count(event, depth)
        tag = self._tag(event, yaml.ScalarNode)
        if not counted:
            return None
        if tag not in _SAFE_TAGS:
            self.report("PG102", event.start_mark, f"the tag {tag!r} is not allowed; story files hold plain values only")
            return None
        plain = event.style in (None, "")
        if plain and event.value in _NULLS:
            return None
        return Text(event.value, self.span(event.start_mark), plain)

    def _open(self, event, depth: int, kind) -> bool:
        """Start a collection: mark its anchor open, count it, check its tag. Whether to build it."""
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        counted = self._count(event, depth)
        tag = self._tag(event, kind)
        keep = counted and tag in _SAFE_TAGS
        if counted and not keep:
            self.report("PG102", event.start_mark, f"the tag {tag!r} is not allowed; story files hold plain values only")
        return keep

    def sequence(self, event, depth: int) -> tuple[Any, int, int]:
        keep = self._open(event, depth, yaml.SequenceNode)
        seq = Sequence()
        seq.span = self.span(event.start_mark)
        size, below = 1, 0
        parser = self.parser
        while not parser.check_event(yaml.SequenceEndEvent):
            item, n, deep = self.value(depth + 1) if keep else self.skip()
            size += n
            below = max(below, deep + 1)
            if keep:
                seq.append(item)
        parser.get_event()
        return (seq if keep else None), size, below

    def mapping(self, event, depth: int) -> tuple[Any, int, int]:
        keep = self._open(event, depth, yaml.MappingNode)
        mapping = Mapping()
        mapping.span = self.span(event.start_mark)
        size, below = 1, 0
        parser = self.parser
        while not parser.check_event(yaml.MappingEndEvent):
            if not keep:
                for _ in range(2):
                    _, n, deep = self.skip()
                    size += n
                    below = max(below, deep + 1)
                continue
            key_event = parser.peek_event()
            key, n, deep = self.value(depth + 1)
            size += n
            below = max(below, deep + 1)
            merge = ((isinstance(key_event, yaml.ScalarEvent)
                      and self._tag(key_event, yaml.ScalarNode) == _STD + "merge")
                     or (isinstance(key_event, yaml.AliasEvent) and key_event.anchor in self.merge_anchors))
            refused = None
            if self.failed:
                refused = True
            elif merge:
                self.report("PG200", key_event.start_mark, "merge keys (<<) are not supported; write the fields out")
                refused = True
            elif not isinstance(key, str):
                self.report("PG202", key_event.start_mark, "keys must be plain words")
                refused = True
            elif key in mapping:
                first = next(k for k in mapping if k == key)
                self.report("PG101", key_event.start_mark,
                            f"the key {str(key)!r} appears twice (first at line {first.span.line}); "
                            "YAML would silently keep only the last")
                refused = True
            if refused:       # its value is read (so its syntax is checked) but not built or counted
                self.skip()
                continue
            value, n, deep = self.value(depth + 1)
            size += n
            below = max(below, deep + 1)
            mapping[key] = value
        parser.get_event()
        return (mapping if keep else None), size, below

    def skip(self) -> tuple[None, int, int]:
        """Read one value's events without building it (its anchors stand for None). Iterative:
        a skipped value can nest without limit (it is skipped because it is too deep), and the
        bracket pre-check cannot see brackets after a `#` or `'` inside a plain scalar."""
        parser = self.parser
        open_anchors: list = []          # per open collection: its anchor (or None)
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                                      event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor = open_anchors.pop()
                if anchor is not None:
                    self.anchors[anchor] = (None, 0, 0)
            else:
                self._anchor(event)
                if isinstance(event, yaml.CollectionStartEvent):
                    if event.anchor is not None:
                        self.anchors[event.anchor] = None
                    open_anchors.append(event.anchor)
                elif event.anchor is not None:
                    self.anchors[event.anchor] = (None, 0, 0)
            if not open_anchors:
                return None, 0, 0


def _copy(value: Any) -> Any:
    """A fresh copy of an anchored value for one of its aliases (Text is immutable: shared)."""
    if isinstance(value, Mapping):
        out = Mapping((k, _copy(v)) for k, v in value.items())
        out.span = value.span
        return out
    if isinstance(value, Sequence):
        out = Sequence(_copy(v) for v in value)
        out.span = value.span
        return out
    return value


_NESTING_LIMIT = re.compile(r"maximum nesting depth|nesting depth|too deep", re.I)


def read_yaml(path: Path, display: str, sink: DiagnosticSink, line_ids=None) -> Any:
    """Read one story file; problems go to `sink` and the result is None if the file is unusable.
    With `line_ids` (an engine.i18n.lines.LineIdRegistry), the file's `#line:` ids are checked too."""
    start = SourceSpan(display, 1, 1)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)     # the size is checked before reading
    except FileTooLarge as exc:
        sink.report("PG103", start, f"the file is {exc.size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return None
    except FileNotFoundError:
        what = "a link to nothing" if os.path.islink(path) else "gone"
        sink.report("PG100", start, f"cannot read the file: it is {what}")
        return None
    except OSError as exc:
        sink.report("PG100", start, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sink.report("PG106", SourceSpan(display, line, 1), "the file is not UTF-8 text")
        return None
    if line_ids is not None:
        line_ids.scan(text, display, sink)
    if _max_flow_depth(text) > MAX_DEPTH:
        sink.report("PG105", start, f"brackets are nested more than {MAX_DEPTH} deep")
        return None
    if _max_block_prefix(text) > MAX_DEPTH:
        # Each level of block nesting adds at least one character of indentation or '- ' to some
        # line, so only such files can nest deeply; count exactly from the parser's flat event stream.
        deep = _too_deep(text)
        if deep is not None:
            sink.report("PG105", SourceSpan(display, deep[0], deep[1]), f"blocks are nested more than {MAX_DEPTH} deep")
            return None
    parser = _Loader(text)
    tree = _Tree(parser, display)
    try:
        result = tree.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = SourceSpan(display, mark.line + 1, mark.column + 1) if mark else start
        problem = exc.problem or exc.context or "YAML syntax error"
        if _NESTING_LIMIT.search(problem):
            # libyaml 0.2.6 (PyYAML 6.0.4's wheels) stops at 1,000 levels itself; older ones let our
            # own count below find it. Either way the author hears the same thing.
            sink.report("PG105", span, f"brackets or blocks are nested more than {MAX_DEPTH} deep")
            return None
        sink.report("PG100", span, explain_problem(problem))
        for line, column, more in further_syntax_errors(text, span.line):
            if (line, column) != (span.line, span.column):      # the first error, found again
                sink.report("PG100", SourceSpan(display, line, column), more)
        return None
    except yaml.YAMLError as exc:
        sink.report("PG100", start, str(exc).splitlines()[0])
        return None
    except RecursionError:    # a safety net: values are built at most MAX_DEPTH deep and skipped iteratively
        sink.report("PG105", start, f"blocks are nested more than {MAX_DEPTH} deep")
        return None
    finally:
        parser.dispose()
    for code, span, message in tree.reports:
        sink.report(code, span, message)
    return None if tree.failed else result


_TOP_KEY = re.compile(r"[^\s#-][^:#]*:(\s|$)")
_ITEM = re.compile(r"( *)- ")
MAX_SYNTAX_ERRORS = 50


def explain_problem(problem: str) -> str:
    """The parser's words, and what they usually mean to a writer."""
    if problem.startswith("mapping values are not allowed"):
        return (problem + ": this line looks like prose with a colon followed by a space; "
                "put the text in quotes, or write it as a block after `|`")
    return problem


def item_starts(lines: list[str]) -> list[tuple[int, bool]]:
    """Where the file's top-level items begin: (0-based line, whether it is a list item). A list item
    is one at the shallowest indentation of any `- ` in the file (a scene, a codex entry); a
    top-level key starts at column 0."""
    indents = [len(m.group(1)) for m in map(_ITEM.match, lines) if m]
    shallowest = min(indents, default=-1)
    starts = []
    for i, line in enumerate(lines):
        if _TOP_KEY.match(line):
            starts.append((i, False))
        else:
            m = _ITEM.match(line)
            if m and len(m.group(1)) == shallowest:
                starts.append((i, True))
    return starts


def further_syntax_errors(text: str, failed_line: int) -> list[tuple[int, int, str]]:
    """The syntax errors after the first (at `failed_line`, 1-based), as (line, column, problem).

    YAML cannot go on after an error, so each top-level item after the failing one is parsed again
    on its own (the lines before it blanked, so positions stay those of the file): one broken scene
    does not hide the next one's mistake. Only syntax is checked here; the file's values stay unusable."""
    lines = text.split("\n")
    starts = item_starts(lines)
    found: list[tuple[int, int, str]] = []
    # The next item parsed starts at or after the last error's line (YAML often finds an item's
    # mistake only where the next item begins) and after the last item parsed.
    after, last_first = failed_line - 1, -1
    while len(found) < MAX_SYNTAX_ERRORS:
        nxt = next(((i, item) for i, item in starts if i >= after and i > last_first), None)
        if nxt is None:
            return found
        first, is_item = nxt
        last_first = first
        # The item alone up to the next top-level key (an item under a dummy key, to keep its place).
        end = next((i for i, item in starts if i > first and not item), len(lines)) if is_item else len(lines)
        part = [""] * first + lines[first:end]
        if is_item and first > 0:
            part[first - 1] = "_:"
        try:
            for _ in yaml.parse("\n".join(part), Loader=_Loader):
                pass
            if end >= len(lines):
                return found
            after = end
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else first + 1
            column = (mark.column + 1) if mark else 1
            if not any(f[:2] == (line, column) for f in found):
                found.append((line, column, explain_problem(exc.problem or exc.context or "YAML syntax error")))
            after = line - 1
        except yaml.YAMLError:
            after = first + 1
    return found


_CLOSING = {"MappingEndEvent", "SequenceEndEvent", "DocumentEndEvent", "StreamEndEvent"}
MAX_CUTS_TRIED = 8


def _event_key(event) -> tuple:
    """What an event says, and where: two streams with equal keys read as the same values."""
    return (type(event).__name__, getattr(event, "anchor", None), getattr(event, "tag", None),
            getattr(event, "implicit", None), getattr(event, "value", None), getattr(event, "style", None),
            getattr(event, "flow_style", None), getattr(event, "explicit", None),
            event.start_mark.line, event.start_mark.column)


def _events_until_broken(text: str) -> list[tuple]:
    """The keys of the events the parser gives for `text` before it stops at a syntax error."""
    found = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            found.append(_event_key(event))
    except yaml.YAMLError:
        pass
    return found


def readable_prefix(text: str, display: str, failed_line: int) -> tuple[Any, int] | None:
    """The items of a file with a syntax error (first found at `failed_line`, 1-based) that come
    before the break, read as the whole file reads them: (the tree of the lines before line N, N),
    or None if no such part can be vouched for.

    The file is cut at the start of a top-level item (a key at column 0, or a list item at the
    file's shallowest `- `) at or before the error, latest first. A cut is sound when the lines
    before it parse on their own and the parser, reading the whole file, gave the same events for
    them (the same values at the same places) before going past the cut: then nothing after the cut
    (an unclosed quote or bracket, a continued line) changes what they say. YAML often reports a
    mistake only where the next item begins, so the item the error is found in and those before it
    are tried in turn."""
    lines = text.split("\n")
    whole = None
    tried = 0
    for cut, _is_item in reversed(item_starts(lines)):
        if cut >= failed_line or cut == 0:
            continue
        tried += 1
        if tried > MAX_CUTS_TRIED:
            return None
        part = "\n".join(lines[:cut]) + "\n"
        try:
            events = [_event_key(e) for e in yaml.parse(part, Loader=_Loader)]
        except yaml.YAMLError:
            continue
        while events and events[-1][0] in _CLOSING:     # closed by the end of the part, not by the file
            events.pop()
        if whole is None:
            whole = _events_until_broken(text)
        after = whole[len(events):]
        if whole[:len(events)] != events or not after or any(
                key[0] not in ("MappingEndEvent", "SequenceEndEvent") and key[8] < cut for key in after):
            continue
        parser = _Loader(part)
        reader = _Tree(parser, display)
        try:
            tree = reader.document()
        except yaml.YAMLError:
            continue
        finally:
            parser.dispose()
        if reader.reports or reader.failed or not isinstance(tree, Mapping):
            continue
        return tree, cut + 1
    return None


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


def to_plain(value: Any) -> Any:
    """Read values the way YAML 1.2 (and editors' language servers) would: for the JSON Schema check."""
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, Sequence):
        return [to_plain(v) for v in value]
    if isinstance(value, Text):
        if value.plain:
            if value in ("true", "True", "TRUE"):
                return True
            if value in ("false", "False", "FALSE"):
                return False
            if _INT.match(value):
                return int(value)
            if _FLOAT.match(value):
                return float(value)
        return str(value)
    return value
