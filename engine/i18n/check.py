"""`petrograd check --lang xx`: how far a translation has come, line by line, with positions.

An untranslated line (PG800) and a stale one (PG801: its source changed since it was translated)
are warnings; a translation whose {placeholders}, [[links|id]] or [if ...] markup differ from its
source's is an error (PG802), since it would show wrong values or break in play; a translation for
an id the story no longer has is a warning (PG803)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..diagnostics import DiagnosticSink
from ..errors import SourceSpan
from ..model import Story
from .catalogue import catalogue_path, load_translations
from .lines import Line, story_lines

_MARKUP = re.compile(r"\{\{|\}\}|\{[^{}]*\}|\[\[[^\[\]]*\]\]|\[if\s[^\]]*\]|\[else\]|\[/if\]")
_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")


def markup_of(text: str) -> Counter:
    """The placeholders, link targets and conditional markers of a text, as a multiset: a translation
    reorders them freely but keeps each one (a link's words are translated, its target is not)."""
    found = Counter()
    for token in _MARKUP.findall(text):
        link = _LINK.fullmatch(token)
        found["[[" + link.group(1).strip() + "]]" if link else " ".join(token.split())] += 1
    return found


def _roles_of(line: Line, story: Story | None) -> tuple[str, ...]:
    if line.section == "roles":
        return (line.owner,)
    if line.section == "scenes" and story is not None and line.owner in story.scenes:
        return story.scenes[line.owner].roles or ("(shared)",)
    return ("(shared)",)


def check_translation(root: Path, story: Story | None, lang: str, sink: DiagnosticSink,
                      display_root: str = "") -> dict[str, Counter]:
    """Report the translation's state into `sink`; returns per role: lines, translated, untranslated, stale."""
    root = Path(root)
    translations = load_translations(root, lang)
    lines = story_lines(root)
    prefix = "" if display_root in ("", ".") else display_root.rstrip("/") + "/"
    summary: dict[str, Counter] = {}

    def at(line: Line) -> SourceSpan:
        return SourceSpan(prefix + line.span.path, line.span.line, line.span.column)

    ids = set()
    for line in lines:
        ids.add(line.id)
        found = translations.get(line.id) if line.id else None
        if not line.id:
            state = "untranslated"
            sink.report("PG800", at(line), f"{line.field} of {line.owner} has no line id yet: run `petrograd ids`")
        elif found is None or not found.text:
            state = "untranslated"
            sink.report("PG800", at(line), f"line {line.id} ({line.field} of {line.owner}) has no {lang} translation")
        elif not found.current_for(line):
            state = "stale"
            why = "is marked fuzzy" if found.fuzzy and found.source_hash == line.hash else "changed since it was translated"
            sink.report("PG801", at(line), f"line {line.id} ({line.field} of {line.owner}): the source {why}; "
                                           f"the {lang} translation is not shown until it is checked")
        else:
            state = "translated"
        if found is not None and found.text and markup_of(found.text) != markup_of(line.text):
            want, got = markup_of(line.text), markup_of(found.text)
            missing = sorted((want - got).elements())
            extra = sorted((got - want).elements())
            parts = ([f"lacks {', '.join(missing)}"] if missing else []) + ([f"adds {', '.join(extra)}"] if extra else [])
            sink.report("PG802", at(line), f"line {line.id}: the {lang} translation's markup differs from the source: "
                                           + "; ".join(parts))
        for role in _roles_of(line, story):
            counts = summary.setdefault(role, Counter())
            counts["lines"] += 1
            counts[state] += 1
    po = catalogue_path(root, lang)
    for line_id in sorted(set(translations) - ids):
        sink.report("PG803", SourceSpan(prefix + po.relative_to(root).as_posix(), 1, 1),
                    f"the {lang} catalogue translates line {line_id}, which the story no longer has")
    return summary


def summary_text(summary: dict[str, Counter], lang: str) -> str:
    rows = [f"{lang}: {'role':<16} {'lines':>6} {'translated':>11} {'untranslated':>13} {'stale':>6}"]
    for role in sorted(summary):
        c = summary[role]
        rows.append(f"{lang}: {role:<16} {c['lines']:>6} {c['translated']:>11} {c['untranslated']:>13} {c['stale']:>6}")
    return "\n".join(rows)
