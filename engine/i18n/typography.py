"""A language's typographic conventions for translated lines: which quotation marks it uses and
whether a dash takes a no-break space before it (so a line never starts with a dash). Languages
without rules here are left as written. `problems` is what `check --lang` reports (PG805);
`tidy` is what `translate import` applies, so a translator may type plain quotes and hyphens."""
from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass(frozen=True)
class Rules:
    quotes: tuple[str, str, str, str]     # outer open, outer close, inner open, inner close
    foreign_quotes: str                   # marks that must not appear (another language's)
    nbsp_before_dash: bool


RULES: dict[str, Rules] = {
    "ru": Rules(("«", "»", "„", "“"), '"”', True),
    "uk": Rules(("«", "»", "„", "“"), '"”', True),
    "de": Rules(("„", "“", "‚", "‘"), '"”«»', False),
    "fr": Rules(("«\u00a0", "\u00a0»", "“", "”"), '"„', False),
}

# Markup keeps its characters: a condition's "quotes" are code, not typography.
_MARKUP = re.compile(r"\{[^{}]*\}|\[\[[^\[\]]*\]\]|\[if\s[^\]]*\]|\[else\]|\[/if\]")
_SPACED_DASH = re.compile(r"(?<=\S) +(?:—|–|--?)(?= |$)")


def rules_for(lang: str) -> Rules | None:
    return RULES.get(lang.split("_")[0])


def problems(text: str, lang: str) -> list[str]:
    """What in `text` goes against `lang`'s conventions, in words (empty when it follows them)."""
    rules = rules_for(lang)
    if rules is None:
        return []
    found = []
    text = _MARKUP.sub("\u2060", text)
    foreign = sorted({c for c in text if c in rules.foreign_quotes})
    if foreign:
        found.append(f"quotation marks {' '.join(foreign)} (use {rules.quotes[0].strip()}…{rules.quotes[1].strip()})")
    if rules.nbsp_before_dash and _SPACED_DASH.search(text):
        found.append("a dash after an ordinary space (use a no-break space before —)")
    return found


def _quotes(paragraph: str, rules: Rules) -> str:
    out, depth = [], 0
    for i, ch in enumerate(paragraph):
        if ch not in '"“”„«»':
            out.append(ch)
            continue
        before = paragraph[i - 1] if i else " "
        opening = ch in "„«" or (ch in '"“' and before in " \u00a0(—–-[/") if ch != "»" and ch != "”" else False
        if opening:
            out.append(rules.quotes[0] if depth % 2 == 0 else rules.quotes[2])
            depth += 1
        else:
            depth = max(depth - 1, 0)
            out.append(rules.quotes[1] if depth % 2 == 0 else rules.quotes[3])
    return "".join(out)


def tidy(text: str, lang: str) -> str:
    """`text` set in `lang`'s conventions: its quotation marks (nested ones alternate), and a
    no-break space and an em dash for a spaced hyphen, en dash or em dash. Paragraphs stay apart."""
    rules = rules_for(lang)
    if rules is None:
        return text
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _MARKUP.sub(keep, text)
    paragraphs = re.split(r"(\n[ \t]*\n)", text)
    for i in range(0, len(paragraphs), 2):
        p = _quotes(paragraphs[i], rules)
        if rules.nbsp_before_dash:
            p = re.sub(r"(?<=\S)[ \n]+(?:—|–|--?)(?= |\n|$)", NBSP + "—", p)
        paragraphs[i] = p
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], "".join(paragraphs))
