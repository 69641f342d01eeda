"""Safe YAML reading that keeps every value's position and every value's text as written.

PyYAML's composer (the C one when available) builds a node tree; we never run its constructors, so
no tag can create an object. Every scalar becomes a `Text` (a str that remembers line, column and
whether it was quoted); conversion to numbers and booleans happens later, where the format asks for
one. That keeps `no`, `on` and `21:40` as written, which YAML 1.1 would turn into False, True and 1300.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import DiagnosticSink
from ..errors import SourceSpan

try:  # the C composer is about 4.5x faster; its nodes carry the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 2_000_000
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


class _Converter:
    def __init__(self, path: str, sink: DiagnosticSink):
        self.path = path
        self.sink = sink
        self.visited = 0
        self.failed = False

    def span(self, node: yaml.Node) -> SourceSpan:
        mark = node.start_mark
        return SourceSpan(self.path, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        if self.failed:
            return None
        self.visited += 1
        if self.visited > MAX_NODES:
            self.sink.report("PG104", self.span(node),
                             f"the file expands to more than {MAX_NODES:,} values (anchors and aliases?)")
            self.failed = True
            return None
        if depth > MAX_DEPTH:
            self.sink.report("PG105", self.span(node), f"blocks are nested more than {MAX_DEPTH} deep")
            self.failed = True
            return None
        if node.tag not in _SAFE_TAGS:
            self.sink.report("PG102", self.span(node),
                             f"the tag {node.tag!r} is not allowed; story files hold plain values only")
            return None
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")
            if plain and node.value in _NULLS:
                return None
            return Text(node.value, self.span(node), plain)
        if isinstance(node, yaml.SequenceNode):
            seq = Sequence(self.convert(item, depth + 1) for item in node.value)
            seq.span = self.span(node)
            return seq
        mapping = Mapping()
        mapping.span = self.span(node)
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if key_node.tag == _STD + "merge":
                self.sink.report("PG200", self.span(key_node), "merge keys (<<) are not supported; write the fields out")
                continue
            if not isinstance(key, str):
                self.sink.report("PG202", self.span(key_node), "keys must be plain words")
                continue
            if key in mapping:
                first = next(k for k in mapping if k == key)
                self.sink.report("PG101", key.span,
                                 f"the key {str(key)!r} appears twice (first at line {first.span.line}); "
                                 "YAML would silently keep only the last")
                continue
            mapping[key] = self.convert(value_node, depth + 1)
        return mapping


def read_yaml(path: Path, display: str, sink: DiagnosticSink) -> Any:
    """Read one story file; problems go to `sink` and the result is None if the file is unusable."""
    start = SourceSpan(display, 1, 1)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        sink.report("PG100", start, f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        sink.report("PG103", start, f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sink.report("PG106", SourceSpan(display, line, 1), "the file is not UTF-8 text")
        return None
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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = SourceSpan(display, mark.line + 1, mark.column + 1) if mark else start
        problem = exc.problem or exc.context or "YAML syntax error"
        sink.report("PG100", span, f"{problem}")
        return None
    except yaml.YAMLError as exc:
        sink.report("PG100", start, str(exc).splitlines()[0])
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    converter = _Converter(display, sink)
    result = converter.convert(node)
    return None if converter.failed else result


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
