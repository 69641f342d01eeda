"""A story's translations as gettext catalogues (Babel's .po reader and writer): one per language,
`STORY_DIR/locale/<lang>/story.po`. Each message is one line: msgctxt its line id, msgid its source
text, and an extracted comment `source-hash: <sha1-8>` records the source the translation was made
from, so a translation whose source has since changed is known to be stale."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .lines import Line, source_hash, story_lines

LANG = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?\Z")
_HASH_COMMENT = re.compile(r"source-hash:\s*([0-9a-f]{8})")


@dataclass(frozen=True)
class Translation:
    text: str            # the translation ("" when untranslated)
    source_hash: str     # the hash of the source it was made from
    fuzzy: bool          # marked for review (the source changed at the last export)

    def current_for(self, line: Line) -> bool:
        return bool(self.text) and not self.fuzzy and self.source_hash == line.hash


def catalogue_path(root: Path, lang: str) -> Path:
    if not LANG.match(lang):
        raise ValueError(f"{lang!r} is not a language code such as de, ru or pt_BR")
    return Path(root) / "locale" / lang / "story.po"


def read_translations(path: Path) -> dict[str, Translation]:
    """The translations in a .po file, by line id (messages without a msgctxt are ignored)."""
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    found: dict[str, Translation] = {}
    for message in catalog:
        if not message.context or not isinstance(message.id, str):
            continue
        hashes = [m.group(1) for c in message.auto_comments for m in [_HASH_COMMENT.search(c)] if m]
        text = message.string if isinstance(message.string, str) else ""
        found[message.context] = Translation(text, hashes[0] if hashes else source_hash(message.id),
                                             message.fuzzy)
    return found


def load_translations(root: Path, lang: str) -> dict[str, Translation]:
    path = catalogue_path(root, lang)
    return read_translations(path) if path.is_file() else {}


def _where(line: Line) -> str:
    what = {"scenes": "scene", "codex": "codex entry", "roles": "role", "assemblies": "assembly",
            "timeline": "event"}.get(line.section, line.section)
    owner = "" if line.owner == line.section else f" {line.owner}"
    return f"{what}{owner}: {line.field}"


def build_catalogue(lines: list[Line], known: dict[str, Translation], lang: str, title: str) -> tuple[Catalog, dict]:
    """A catalogue of the lines with ids, keeping the known translations: one whose source changed
    is kept but marked fuzzy (stale), with the hash of its new source. Returns it and counts."""
    catalog = Catalog(locale=lang.split("_")[0], project=title or "the story", fuzzy=False)
    counts = {"lines": 0, "translated": 0, "stale": 0, "without_id": 0}
    for line in lines:
        if not line.id:
            counts["without_id"] += 1
            continue
        counts["lines"] += 1
        old = known.get(line.id)
        text, flags = "", set()
        if old is not None and old.text:
            text = old.text
            if old.fuzzy or old.source_hash != line.hash:
                flags.add("fuzzy")
                counts["stale"] += 1
            else:
                counts["translated"] += 1
        catalog.add(line.text, text, locations=[(line.span.path, line.span.line)], flags=flags,
                    auto_comments=[f"source-hash: {line.hash}", _where(line)], context=line.id)
    return catalog, counts


def save_catalogue(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, include_previous=False)
    temporary.replace(path)


def export(root: Path, lang: str, title: str = "") -> tuple[Path, dict]:
    """Write (or merge into) STORY_DIR/locale/<lang>/story.po from the story's current lines."""
    path = catalogue_path(root, lang)
    known = read_translations(path) if path.is_file() else {}
    catalog, counts = build_catalogue(story_lines(root), known, lang, title)
    save_catalogue(catalog, path)
    return path, counts


def import_file(root: Path, lang: str, source: Path, title: str = "") -> tuple[Path, dict, list[str]]:
    """Take the translations of a .po edited elsewhere into the story's catalogue, set in the
    language's typography (engine.i18n.typography). A translation for an id the story does not
    have is left out and named in the returned list."""
    path = catalogue_path(root, lang)
    known = read_translations(path) if path.is_file() else {}
    incoming = read_translations(Path(source))
    lines = story_lines(root)
    ids = {line.id for line in lines if line.id}
    unknown = sorted(i for i in incoming if i not in ids)
    from dataclasses import replace
    from .typography import tidy
    for line_id, translation in incoming.items():
        if line_id in ids and translation.text:
            known[line_id] = replace(translation, text=tidy(translation.text, lang))
    catalog, counts = build_catalogue(lines, known, lang, title)
    save_catalogue(catalog, path)
    return path, counts, unknown
