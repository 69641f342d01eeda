"""`petrograd check --lang xx`: how far a translation has come, line by line, with positions.

An untranslated line (PG800) and a stale one (PG801: its source changed since it was translated)
are warnings; a translation whose {placeholders}, [[links|id]] or [if ...] markup differ from its
source's is an error (PG802), since it would show wrong values or break in play; a translation for
an id the story no longer has is a warning (PG803). With locale/<lang>/glossary.yaml, a name rendered
otherwise than the glossary says is a warning (PG804); so is a language's typography not followed
(PG805). A role that locale/<lang>/language.yaml lists as translated whole has every missing or stale
line of its reported as an error (PG806), so CI fails on it."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..diagnostics import DiagnosticSink
from ..errors import SourceSpan
from ..model import Story
from .catalogue import catalogue_path, load_translations
from .language import missing_terms, read_language
from .lines import Line, story_lines
from .typography import problems as typography_problems

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
    if line.section == "roles" or (line.section == "classroom" and line.owner != "classroom"):
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
    language = read_language(root, lang)
    for name, problem in language.problems:
        sink.report("PG807", SourceSpan(f"{prefix}locale/{lang}/{name}", 1, 1), f"locale/{lang}/{name} {problem}")
    complete = set(language.translated_roles)

    def at(line: Line) -> SourceSpan:
        return SourceSpan(prefix + line.span.path, line.span.line, line.span.column)

    ids = set()
    for line in lines:
        ids.add(line.id)
        found = translations.get(line.id) if line.id else None
        roles = _roles_of(line, story)
        listed = sorted(complete.intersection(roles))
        # A line of a role the language lists as translated whole is an error when missing or stale.
        missing, stale = ("PG806", "PG806") if listed else ("PG800", "PG801")
        whose = f" (role {', '.join(listed)} is listed as translated)" if listed else ""
        if not line.id:
            state = "untranslated"
            sink.report(missing, at(line), f"{line.field} of {line.owner} has no line id yet: run `petrograd ids`{whose}")
        elif found is None or not found.text:
            state = "untranslated"
            sink.report(missing, at(line), f"line {line.id} ({line.field} of {line.owner}) has no {lang} translation{whose}")
        elif not found.current_for(line):
            state = "stale"
            why = "is marked fuzzy" if found.fuzzy and found.source_hash == line.hash else "changed since it was translated"
            sink.report(stale, at(line), f"line {line.id} ({line.field} of {line.owner}): the source {why}; "
                                         f"the {lang} translation is not shown until it is checked{whose}")
        else:
            state = "translated"
            for term in missing_terms(line.text, found.text, language.terms):
                sink.report("PG804", at(line), f"line {line.id}: the source names {term.source.pattern.split(')', 1)[-1]!r}; "
                                               f"the {lang} translation should name it as {term.form} "
                                               f"(containing {' or '.join(term.stems)})")
            for problem in typography_problems(found.text, lang):
                sink.report("PG805", at(line), f"line {line.id}: {lang} typography: {problem}")
        if found is not None and found.text and markup_of(found.text) != markup_of(line.text):
            want, got = markup_of(line.text), markup_of(found.text)
            missing = sorted((want - got).elements())
            extra = sorted((got - want).elements())
            parts = ([f"lacks {', '.join(missing)}"] if missing else []) + ([f"adds {', '.join(extra)}"] if extra else [])
            sink.report("PG802", at(line), f"line {line.id}: the {lang} translation's markup differs from the source: "
                                           + "; ".join(parts))
        for role in roles:
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
