"""The engine's own words (prompts, menus, labels), through gettext: `_("Goodbye.")`.

English is written in the code; a language's catalogue is engine/locale/<lang>/LC_MESSAGES/engine.po,
read with Babel and compiled in memory (no .mo file to build or keep in step). `set_language` is
called once, when play starts with --lang; a language without a catalogue, or a word without a
translation, stays English.
"""
from __future__ import annotations

import gettext
import io
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_lang: str | None = None


def catalogue_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "engine.po"


def set_language(lang: str | None) -> bool:
    """Use `lang` for the engine's words from now on (None: English). Whether a catalogue was found."""
    global _current, _current_lang
    path = catalogue_file(lang) if lang else None
    _current_lang = lang or None
    if path is None or not path.is_file():
        _current = gettext.NullTranslations()
        return False
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang.split("_")[0])
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    _current = gettext.GNUTranslations(compiled)
    return True


def current_language() -> str | None:
    """The language set with set_language (None: English, as written)."""
    return _current_lang


def _(message: str) -> str:
    """`message` in the current language (itself if untranslated)."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined (a class's heading, a table of month
    names) and returns it unchanged: it is translated with _() where it is shown."""
    return message


def extract_words() -> list[tuple[str, str]]:
    """Every word the engine marks for translation, as (msgid, first place it is used): `_("...")`
    and `N_("...")` in its Python code and `_("...")` in the browser client's scripts."""
    from babel.messages.extract import extract_from_dir
    engine = LOCALE_DIR.parent
    found: dict[str, str] = {}
    method_map = [("**/static/**.js", "javascript"), ("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(engine), method_map, keywords={"_": None, "N_": None}, comment_tags=(), strip_comment_tags=True):
        if isinstance(message, str) and message and message not in found:
            found[message] = f"engine/{filename}:{lineno}"
    return sorted(found.items())


def script_words(directory: Path) -> dict[str, str]:
    """The words the scripts in `directory` mark with `_("...")`, each in the current language: the
    dictionary a page sends its scripts. Untranslated words are left out (the script shows them as written)."""
    from babel.messages.extract import extract_from_dir
    out: dict[str, str] = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(directory), [("**.js", "javascript")], keywords={"_": None}, comment_tags=()):
        if isinstance(message, str) and message:
            shown = _(message)
            if shown != message:
                out[message] = shown
    return out


def update_catalogue(lang: str) -> tuple[Path, dict]:
    """Write engine/locale/<lang>/LC_MESSAGES/engine.po with every word the engine marks, keeping the
    translations it has and dropping words no longer used. Returns it and counts."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po
    path = catalogue_file(lang)
    known: dict[str, str] = {}
    if path.is_file():
        with open(path, "rb") as handle:
            for message in read_po(handle):
                if message.id and isinstance(message.id, str) and isinstance(message.string, str):
                    known[message.id] = message.string
    catalog = Catalog(locale=lang.split("_")[0], project="petrograd engine", fuzzy=False)
    counts = {"words": 0, "translated": 0, "dropped": 0}
    words = extract_words()
    for msgid, where in words:
        counts["words"] += 1
        text = known.get(msgid, "")
        counts["translated"] += bool(text)
        catalog.add(msgid, text, locations=[(where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1]))])
    counts["dropped"] = len(set(known) - {m for m, _ in words})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, include_previous=False)
    temporary.replace(path)
    return path, counts


def untranslated_words(lang: str) -> list[str]:
    """The marked words that `lang`'s engine catalogue does not translate (or lacks)."""
    from babel.messages.pofile import read_po
    path = catalogue_file(lang)
    have: dict[str, str] = {}
    if path.is_file():
        with open(path, "rb") as handle:
            have = {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}
    return [m for m, _ in extract_words() if not have.get(m)]
