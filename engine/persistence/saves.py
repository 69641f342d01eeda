"""Save files: a versioned JSON envelope around a GameState, written atomically, never pickled.

A save records the story it came from (id, version, content hash) and the full choice log with the
random seed, so a save made before the story was edited can be replayed on the new story: if the log
still fits it loads; if not, the error says exactly where it diverged and offers the last good point.
"""
from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EngineError, PlayError
from ..i18n.words import N_, _
from ..runtime import Game, GameState, Player, StateFormatError
from ..safefile import FileTooLarge, read_regular

SAVE_FORMAT = "petrograd-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 5_000_000
SLOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,39}\Z")
STORY_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}\Z")   # as story ids are checked
AUTOSAVE, QUICKSAVE = "autosave", "quicksave"


def autosave_slot(role: str) -> str:
    """Each role autosaves to its own slot, so a game in one role never overwrites another's."""
    name = f"{AUTOSAVE}-{role}"
    return name if SLOT_NAME.match(name) else AUTOSAVE


class SaveError(EngineError):
    """A save could not be written or read; the message says why in plain words."""


class JsonFileError(EngineError):
    """A JSON file the player's data lives in could not be read: `reason` is missing, too_large,
    unreadable or damaged, and the message says it in plain words."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def read_json(path: Path, max_bytes: int) -> Any:
    """Read a JSON file written by this program, bounded in size; never runs code from it."""
    try:
        raw = read_regular(path, max_bytes)     # a FIFO or a device is refused, never waited on
    except FileTooLarge as exc:
        raise JsonFileError("too_large", _("{name} is too large ({size:,} bytes)").format(name=path.name, size=exc.size)) from None
    except FileNotFoundError:
        raise JsonFileError("missing", _("{path} does not exist").format(path=path)) from None
    except OSError as exc:
        raise JsonFileError("unreadable", _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers bad JSON and absurdly long numbers; RecursionError, absurd nesting.
        raise JsonFileError("damaged", _("{name} is damaged: it is not complete JSON (truncated or edited?)").format(
            name=path.name)) from None


# What read_envelope says of a file of another kind or version, whole sentences per kind for translation.
_ENVELOPE_WORDS = {
    "save": (N_("{shown} is not a save file of this game"),
             N_("{shown} was written by a save format this version does not know ({version})")),
    "session": (N_("{shown} is not a session file of this game"),
                N_("{shown} was written by a session format this version does not know ({version})")),
}


def read_envelope(path: Path, max_bytes: int, *, kind: str, fmt: str, version: int,
                  sections: tuple[tuple[str, type], ...], error: type[Exception], missing: str, shown: str) -> dict:
    """A versioned JSON file of ours (a save, a classroom session): read bounded, then its format,
    version and top-level sections checked; every failure is `error` with a plain message
    (`missing` when there is no file; `shown` names the file in the others)."""
    try:
        data = read_json(path, max_bytes)
    except JsonFileError as exc:
        if exc.reason == "missing":
            raise error(missing) from None
        raise error(str(exc)) from None
    words = _ENVELOPE_WORDS.get(kind, _ENVELOPE_WORDS["save"])
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise error(_(words[0]).format(shown=shown))
    if data.get("version") != version:
        raise error(_(words[1]).format(shown=shown, version=repr(data.get("version"))))
    for key, section_type in sections:
        if not isinstance(data.get(key), section_type):
            raise error(_("{shown} is damaged: its {key!r} section is missing").format(shown=shown, key=key))
    return data


class SaveDiverged(SaveError):
    """The story changed under a save and its choice log no longer fits."""

    def __init__(self, message: str, step: int, nearest: GameState):
        super().__init__(message)
        self.step = step
        self.nearest = nearest


@dataclass(frozen=True)
class SlotInfo:
    name: str
    path: Path
    damaged: str | None       # why the slot cannot be loaded, or None
    meta: dict

    @property
    def label(self) -> str:
        if self.damaged:
            return f"{self.name}: damaged ({self.damaged})"
        m = self.meta
        return f"{self.name}: {m.get('role_name', '?')}, {m.get('scene_title', '?')} ({m.get('in_story', '')}), saved {m.get('saved_at', '?')}"

    def names_in(self, story) -> tuple[str, str]:
        """The save's role and scene as `story` shows them (in the language chosen since, or renamed
        by an edit); the names stored in the save where the story no longer has them."""
        role_id, scene_id = self.meta.get("role"), self.meta.get("scene")
        role = story.roles.get(role_id) if isinstance(role_id, str) else None
        scene = story.scenes.get(scene_id) if isinstance(scene_id, str) else None
        return (role.name if role else str(self.meta.get("role_name", "")),
                scene.title if scene else str(self.meta.get("scene_title", "")))


def default_saves_dir() -> Path:
    env = os.environ.get("PETROGRAD_SAVES")
    if env:
        return Path(env)
    beside = Path(__file__).resolve().parent.parent.parent / "saves"
    return beside if beside.is_dir() else Path("saves")


def check_slot_name(name: str) -> str:
    if not SLOT_NAME.match(name or ""):
        raise SaveError(_("{name!r} is not a usable save name: use up to 40 letters, digits, '-' or '_'").format(name=name))
    return name


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, then rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


# atomic_write's temporaries: "." + the file's name + "." + mkstemp's 8 characters + ".tmp".
TEMPORARY = re.compile(r"\.[^/]+\.(json|png)\.[a-z0-9_]{8}\.tmp\Z")
STALE_SECONDS = 120     # a write takes milliseconds; one this old was cut short by a kill


def remove_stale_temporaries(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Delete the temporaries that killed writes left in `folder` (only regular files of ours, never
    through a link, and only old ones: another running game may be writing a fresh one)."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    limit = time.time() - older_than
    for name in names:
        if not TEMPORARY.match(name):
            continue
        path = Path(folder) / name
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and st.st_mtime < limit:
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed


NOT_SLOTS = ("settings",)   # files that live beside the saves but are not saves


class SaveStore:
    def __init__(self, directory: Path | None = None, base: Path | None = None):
        self.directory = Path(directory) if directory else default_saves_dir()
        self.base = Path(base) if base else self.directory   # where settings shared by all stories live

    @classmethod
    def for_story(cls, story_id: str, base: Path | None = None) -> "SaveStore":
        """Each story keeps its saves in its own folder, so one story's autosave never replaces another's."""
        root = Path(base) if base else default_saves_dir()
        if not STORY_FOLDER.match(story_id or ""):
            raise SaveError(_("the story id {story_id!r} cannot name a folder").format(story_id=story_id))
        return cls(root / story_id, base=root)

    def remove_stale_temporaries(self) -> list[Path]:
        """On start: what killed writes left among the saves, the flowchart's memory and the settings."""
        found = remove_stale_temporaries(self.directory)
        return found + (remove_stale_temporaries(self.base) if self.base != self.directory else [])

    def path_of(self, name: str) -> Path:
        return self.directory / f"{check_slot_name(name)}.json"

    # -- writing ---------------------------------------------------------------------------------------
    def envelope(self, player: Player, slot: str, play_seconds: float = 0.0) -> dict:
        story, scene, role = player.story, player.scene, player.story.roles[player.state.role]
        return {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "story": {"id": story.id, "version": story.version, "content_hash": story.content_hash},
            "meta": {
                "slot": slot,
                "role": role.id,
                "role_name": role.name,
                "scene": scene.id,
                "scene_title": scene.title,
                "in_story": f"{scene.date} {scene.time}",
                "place": scene.place,
                "saved_at": time.strftime("%Y-%m-%d %H:%M:%S"),
                "play_seconds": round(float(play_seconds), 1),
                "turn": player.state.turn,
            },
            "state": player.state.to_dict(),
            # The text of each choice taken: lets a save survive reordered or edited choices.
            # In the story's own language (a translated story keeps it as source_text), so a save is
            # the same whatever language it was played in.
            "path": [story.scenes[scene].choices[index].source_text for scene, index in player.state.log],
            # Each choice's stable id where the author gave one (else null): survives edited texts too.
            "path_ids": [story.scenes[scene].choices[index].id or None for scene, index in player.state.log],
        }

    def save(self, player: Player, slot: str, play_seconds: float = 0.0, thumbnail_png: bytes | None = None) -> Path:
        path = self.path_of(slot)
        data = json.dumps(self.envelope(player, slot, play_seconds), ensure_ascii=False, indent=1).encode("utf-8")
        try:
            if thumbnail_png is not None:
                atomic_write(path.with_suffix(".png"), thumbnail_png)
            atomic_write(path, data)
        except OSError as exc:
            raise SaveError(_("could not write {path}: {error}; the previous save is unchanged").format(
                path=path, error=exc.strerror or exc)) from None
        return path

    # -- reading ---------------------------------------------------------------------------------------
    def read(self, name_or_path: str | Path) -> dict:
        """A save by slot name (a str, checked as one: never a path) or, given as a Path, a file."""
        path = name_or_path if isinstance(name_or_path, Path) else self.path_of(name_or_path)
        data = read_envelope(path, MAX_SAVE_BYTES, kind="save", fmt=SAVE_FORMAT, version=SAVE_VERSION,
                             sections=(("story", dict), ("meta", dict), ("state", dict)), error=SaveError,
                             missing=_("no save named {name!r}").format(name=str(name_or_path)), shown=path.name)
        try:
            GameState.from_dict(data["state"])
        except StateFormatError as exc:
            raise SaveError(_("{name} is damaged: {error}").format(name=path.name, error=exc)) from None
        return data

    def load(self, game: Game, name_or_path: str | Path) -> Player:
        """Load by replaying the save's choice log on the current story (exact, and robust to edits)."""
        data = self.read(name_or_path)
        if data["story"].get("id") != game.story.id:
            raise SaveError(_("this save belongs to another story ({story!r})").format(story=data["story"].get("id")))
        saved = GameState.from_dict(data["state"])
        path = data.get("path")
        if not (isinstance(path, list) and len(path) == len(saved.log) and all(isinstance(t, str) for t in path)):
            raise SaveError(_("the save is damaged: its list of choices taken is missing or incomplete"))
        ids = data.get("path_ids")     # absent from saves made before choices had ids
        if not (isinstance(ids, list) and len(ids) == len(path) and all(i is None or isinstance(i, str) for i in ids)):
            ids = None
        player = replay(game, saved, choice_texts=path, choice_ids=ids)
        if data["story"].get("content_hash") == game.story.content_hash and player.state.to_dict() != saved.to_dict():
            player.close()
            raise SaveError(_("the save's state does not match its own choice log (edited by hand?)"))
        return player

    def slots(self) -> list[SlotInfo]:
        out = []
        if not self.directory.is_dir():
            return out
        for path in sorted(self.directory.glob("*.json")):
            name = path.stem
            if name in NOT_SLOTS or name.startswith("seen-") or not SLOT_NAME.match(name):
                continue
            try:
                data = self.read(path)
                out.append(SlotInfo(name, path, None, data["meta"]))
            except SaveError as exc:
                out.append(SlotInfo(name, path, str(exc).split(": ", 1)[-1], {}))
        return out


def replay(game: Game, saved: GameState, steps: int | None = None, choice_texts: list[str] | None = None,
           choice_ids: list[str | None] | None = None, start: GameState | None = None) -> Player:
    """Replay `saved`'s choice log from its role's start with its seed. Raises SaveDiverged on a misfit.

    With `choice_texts`, each step takes the choice with the text the player saw, wherever it now
    stands in the scene, and diverges if that choice is gone. With `choice_ids` too, a step whose
    choice had an id takes the choice that has that id now, whatever its text has become. With
    `start` (a state `saved` went through, such as an author's warp to a scene), replay begins
    there, at step len(start.log)."""
    if saved.role not in game.story.roles:
        raise SaveError(_("the story no longer has the role {role!r}").format(role=saved.role))
    first = 0 if start is None else len(start.log)
    if start is None:
        player = game.new_player(saved.role, saved.seed)
    else:
        try:
            player = game.resume(start)
        except PlayError as exc:
            raise SaveError(str(exc)) from None
    log = saved.log[first:] if steps is None else saved.log[first:steps]
    for step, (scene_id, index) in enumerate(log, start=first):
        problem = None
        wanted_id = choice_ids[step] if choice_ids is not None else None
        if wanted_id and player.state.scene == scene_id:
            ids = [c.id for c in player.scene.choices]
            index = ids.index(wanted_id) if wanted_id in ids else len(ids)   # gone: reported below
        elif choice_texts is not None and player.state.scene == scene_id:
            texts = [c.source_text for c in player.scene.choices]
            wanted = choice_texts[step]
            if index >= len(texts) or texts[index] != wanted:
                if wanted in texts:
                    index = texts.index(wanted)
                else:
                    index = len(texts)  # gone: reported below
        if player.state.scene != scene_id:
            problem = _("the save expected scene {expected!r} but the story now reaches {reached!r}").format(
                expected=scene_id, reached=player.state.scene)
        elif index >= len(player.scene.choices):
            gone = (repr(wanted_id) if wanted_id else repr(choice_texts[step]) if choice_texts is not None
                    else str(index + 1))
            problem = _("scene {scene!r} no longer has the choice {gone}").format(scene=scene_id, gone=gone)
        else:
            try:
                player.choose(index)
                continue
            except PlayError:
                problem = _("choice {number} of scene {scene!r} is no longer available there").format(number=index + 1, scene=scene_id)
        nearest = player.state.copy()
        player.close()
        raise SaveDiverged(_("the story has changed since this save: at step {step}, {problem}. The nearest earlier "
                             "point is step {nearest} (scene {scene!r}).").format(
                                 step=step + 1, problem=problem, nearest=step, scene=nearest.scene), step, nearest)
    return player
