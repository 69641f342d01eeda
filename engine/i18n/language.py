"""What a translation says about itself, next to its catalogue in STORY_DIR/locale/<lang>/:

- `language.yaml`: `name` (the language in its own words, for a language menu) and
  `translated_roles` (the roles translated whole: `check --lang` holds every line of theirs to it,
  and the role menu marks the others as not yet translated);
- `glossary.yaml`: `terms`, each `{en, ru-or-other form, stems}`: when a line's source names `en`
  (a regular expression, matched at a word start), its translation must contain one of `stems`
  (case-insensitive, so every grammatical case of a name matches).

Both are optional. Values are read as text; a file that does not read is a problem named to the
author, never a traceback."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..loading.layout import MAX_FILE_BYTES
from ..safefile import FileTooLarge, read_regular

try:
    _Loader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.BaseLoader


@dataclass(frozen=True)
class Term:
    source: re.Pattern          # where the source language names it
    form: str                   # the form translators use
    stems: tuple[str, ...]      # one of these must be in the translation


@dataclass(frozen=True)
class Language:
    code: str
    name: str = ""
    translated_roles: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    problems: tuple[tuple[str, str], ...] = field(default=())   # (file, what is wrong)


def _read(path: Path) -> tuple[object, str | None]:
    if not path.exists():
        return None, None
    try:
        return yaml.load(read_regular(path, MAX_FILE_BYTES).decode("utf-8"), Loader=_Loader), None
    except (OSError, FileTooLarge, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, f"cannot be read: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"


def read_language(root: Path, lang: str) -> Language:
    folder = Path(root) / "locale" / lang
    problems: list[tuple[str, str]] = []
    name, roles, terms = "", (), []
    info, problem = _read(folder / "language.yaml")
    if problem:
        problems.append(("language.yaml", problem))
    elif info is not None:
        if not isinstance(info, dict):
            problems.append(("language.yaml", "should be a block with name: and translated_roles:"))
        else:
            name = info.get("name", "") if isinstance(info.get("name", ""), str) else ""
            listed = info.get("translated_roles", [])
            if isinstance(listed, list) and all(isinstance(r, str) for r in listed):
                roles = tuple(listed)
            else:
                problems.append(("language.yaml", "translated_roles: should be a list of role ids"))
    glossary, problem = _read(folder / "glossary.yaml")
    if problem:
        problems.append(("glossary.yaml", problem))
    elif glossary is not None:
        items = glossary.get("terms") if isinstance(glossary, dict) else None
        if not isinstance(items, list):
            problems.append(("glossary.yaml", "should have terms: a list of {en, stems}"))
            items = []
        for n, item in enumerate(items, start=1):
            stems = item.get("stems") if isinstance(item, dict) else None
            if not (isinstance(item, dict) and isinstance(item.get("en"), str) and isinstance(stems, list)
                    and stems and all(isinstance(s, str) and s for s in stems)):
                problems.append(("glossary.yaml", f"term {n} needs en: and a list of stems:"))
                continue
            try:
                pattern = re.compile(r"(?<![A-Za-z])" + item["en"])
            except re.error as exc:
                problems.append(("glossary.yaml", f"term {n}: en: {item['en']!r} is not a valid pattern ({exc})"))
                continue
            form = item.get(lang) if isinstance(item.get(lang), str) else stems[0]
            terms.append(Term(pattern, form, tuple(stems)))
    return Language(lang, name, roles, tuple(terms), tuple(problems))


_LINK_WORDS = re.compile(r"\[\[([^\[\]|]*)\|[^\[\]]*\]\]")


def missing_terms(source: str, translation: str, terms: tuple[Term, ...]) -> list[Term]:
    """The glossary terms the source names and the translation does not render as the glossary says."""
    source = _LINK_WORDS.sub(r"\1", source)
    lowered = translation.casefold()
    return [t for t in terms if t.source.search(source) and not any(s.casefold() in lowered for s in t.stems)]


def available_languages(root: Path) -> dict[str, str]:
    """The languages a story has a catalogue for: code -> its name (the code if language.yaml has none)."""
    found: dict[str, str] = {}
    folder = Path(root) / "locale"
    if not folder.is_dir():
        return found
    for sub in sorted(folder.iterdir()):
        if (sub / "story.po").is_file():
            found[sub.name] = read_language(root, sub.name).name or sub.name
    return found


def untranslated_roles(root: Path, lang: str, story) -> set[str]:
    """The story's roles that `lang` does not list as translated whole (they show partly in the
    story's own language): role menus mark them."""
    if not (Path(root) / "locale" / lang / "story.po").is_file():
        return set(story.roles)
    return set(story.roles) - set(read_language(root, lang).translated_roles)
