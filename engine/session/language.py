"""The language a classroom session is held in: recorded when it is created (`--lang`), kept on resume.

Only the words shown change with it: the story's lines (localize_story) and the engine's own words
(gettext). Saves, event logs and records name scenes, choices and motions by id and by the story's own
words, so a session can be resumed in another language than the one it began in.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Story


def recorded_language(name: str, saves: Path | None = None) -> str | None:
    """The language the session `name` was created in (None: the story's own, or no such session)."""
    from .engine import sessions_dir
    from .eventlog import LOG_NAME, EventLog, LogError
    folder = sessions_dir(saves) / name
    if (folder / LOG_NAME).is_file():
        try:
            log = EventLog(folder / LOG_NAME)
            try:
                return log.read_meta().get("lang") or None
            finally:
                log.close()
        except LogError:
            return None
    try:
        data = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("lang") or None if isinstance(data, dict) else None


def story_in(story: Story, root: Path, lang: str | None) -> tuple[Story, bool]:
    """The story as a session in `lang` shows it, with the engine's words set to `lang` too (a session
    process plays one session); and whether the story has any line translated into `lang`."""
    from ..i18n.localize import localize_story
    from ..i18n.words import set_language
    set_language(lang)
    if not lang:
        return story, True
    localized, shown = localize_story(story, root, lang)
    return localized, bool(shown["translated"])
