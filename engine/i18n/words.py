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


def catalogue_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "engine.po"


def set_language(lang: str | None) -> bool:
    """Use `lang` for the engine's words from now on (None: English). Whether a catalogue was found."""
    global _current
    path = catalogue_file(lang) if lang else None
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


def _(message: str) -> str:
    """`message` in the current language (itself if untranslated)."""
    return _current.gettext(message)
