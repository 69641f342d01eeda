"""A hosted classroom: the event log on disk and the live fold in memory, behind one lock.

Every action from a device or the teacher goes through `submit`: checked against the current state,
committed to the log, applied, and only then acknowledged. One lock orders concurrent answers, so two
devices answering for one group at once resolve the same way every time: the first to reach the lock
wins and the second is told the group has moved on. Opening a session replays its log on the story as
it is now (an edited story is fine; a step that no longer fits is named in `notes`).
"""
from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from pathlib import Path

from ..i18n.words import _
from ..model import Story
from .engine import SessionError, check_name, sessions_dir
from .eventlog import LOG_NAME, EventLog, LogError
from .live import LiveSession, Refused, clean_text, MAX_NAME, token_hash
from .planner import Plan

CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"     # no 0/O, 1/I, 2/Z, 5/S, 8/B look-alikes
MAX_STUDENTS = 60                 # at devices at once
MAX_JOINS = 500                   # in a session's life, dropped devices included (bounds the log)
ACTIONS_PER_WINDOW = 20           # per device, per RATE_WINDOW seconds
RATE_WINDOW = 10.0


class HostedSession:
    def __init__(self, story: Story, log: EventLog, directory: Path):
        self.story = story
        self.log = log
        self.directory = directory
        self.lock = threading.RLock()
        meta = log.read_meta()
        if meta.get("story", {}).get("id") != story.id:
            raise SessionError(f"this session belongs to another story ({meta.get('story', {}).get('id')!r})")
        self.live = LiveSession(story, meta)
        self.live.directory = directory
        self.live.path = directory / LOG_NAME
        if meta["story"].get("content_hash") != story.content_hash:
            self.live.notes.append("the story has changed since this session began; it was replayed on the new one")
        self.version = 0
        for _unused, event in log.events():
            self._replay(event)
        self.recent: dict[str, deque] = {}
        self.listeners: list = []       # callables notified (with no arguments) after every change
        if self.live.stage == "debrief":
            self.write_records()         # idempotent: mends a kill between the debrief and its records
        self.projector_token = hashlib.sha256(f"projector:{self.teacher_token}".encode()).hexdigest()[:32]

    def _replay(self, event: dict) -> None:
        try:
            self.live.check(event)
        except Refused as exc:
            if event.get("t") in ("chose", "ballot"):
                self.live.notes.append(f"a recorded choice no longer fits the story ({exc}): "
                                       f"{event.get('scene')!r}, {event.get('text')!r}; that group goes on from before it")
                student = self.live.students.get(str(event.get("student")))
                if student is not None and student.group in self.live.groups:
                    g = self.live.groups[student.group]
                    g.stopped = g.stopped or f"the edited story no longer has the step {event.get('text')!r}"
            return
        except Exception as exc:      # noqa: BLE001 - an event that cannot even be checked is skipped, not fatal
            self.live.notes.append(f"a recorded event could not be read again ({type(exc).__name__}); it was skipped")
            return
        self.live.apply(event)
        self.version += 1

    # -- creating and opening -----------------------------------------------------------------------------
    @classmethod
    def create(cls, story: Story, name: str, plan: Plan, saves: Path | None = None, seed: int | None = None,
               decide: str = "shared", lang: str | None = None) -> "HostedSession":
        folder = sessions_dir(saves) / check_name(name)
        if folder.exists():
            raise SessionError(f"a session named {name!r} exists already; resume it, or choose another name")
        from .pacing import pace
        paced = pace(story, plan)
        try:
            folder.mkdir(parents=True, mode=0o700)
            log = EventLog(folder / LOG_NAME)
            log.write_meta({
                "name": name, "created": time.strftime("%Y-%m-%d %H:%M"),
                "story": {"id": story.id, "version": story.version, "content_hash": story.content_hash,
                          "title": story.title},
                "plan": plan.to_dict(), "seed": seed if seed is not None else secrets.randbelow(2 ** 31),
                "code": "".join(secrets.choice(CODE_ALPHABET) for _unused in range(4)),
                "teacher_token": secrets.token_urlsafe(24), "decide": decide, "lang": lang,
                "pacing": {"play": paced.play, "assemblies": paced.assemblies, "dropped": paced.dropped,
                           "minutes": paced.minutes, "decisions": paced.decisions}})
        except (OSError, LogError) as exc:
            import shutil
            shutil.rmtree(folder, ignore_errors=True)     # a half-made session would list as damaged
            raise SessionError(f"could not create the session in {folder}: {exc}") from None
        return cls(story, log, folder)

    @classmethod
    def open(cls, story: Story, name: str, saves: Path | None = None) -> "HostedSession":
        folder = sessions_dir(saves) / check_name(name)
        path = folder / LOG_NAME
        if not path.is_file():
            raise SessionError(f"no hosted session named {name!r} (looked in {folder.parent})")
        try:
            return cls(story, EventLog(path), folder)
        except LogError as exc:
            raise SessionError(str(exc)) from None

    @property
    def code(self) -> str:
        return self.live.meta["code"]

    @property
    def teacher_token(self) -> str:
        return self.live.meta["teacher_token"]

    def is_teacher(self, token: object) -> bool:
        return isinstance(token, str) and secrets.compare_digest(token.encode("utf-8", "replace"),
                                                                 self.teacher_token.encode())

    def is_projector(self, token: object) -> bool:
        """The projector's own token: it sees the projector view and can change nothing."""
        return isinstance(token, str) and secrets.compare_digest(token.encode("utf-8", "replace"),
                                                                 self.projector_token.encode())

    # -- actions --------------------------------------------------------------------------------------------
    def _rate_ok(self, key: str) -> bool:
        now = time.monotonic()
        q = self.recent.setdefault(key, deque())
        while q and now - q[0] > RATE_WINDOW:
            q.popleft()
        if len(q) >= ACTIONS_PER_WINDOW:
            return False
        q.append(now)
        return True

    def submit(self, event: dict, notify: bool = True) -> None:
        """Check, commit, apply. Raises Refused (nothing recorded) or SessionError (the disk failed).
        With notify=False the caller tells the listeners itself (after acknowledging, say)."""
        event.setdefault("at", round(time.time(), 1))     # for the lesson's clock; the fold never reads the time itself
        with self.lock:
            self.live.check(event)
            try:
                self.log.append(event)
            except LogError as exc:
                raise SessionError(str(exc)) from None
            self.live.apply(event)
            self.version += 1
            if self.live.stage == "debrief" and not self.live.data["recorded"]:
                self.write_records()      # never raises: the answer is durable whatever the records do
        if notify:
            self.notify()

    def notify(self) -> None:
        for listener in list(self.listeners):
            listener()

    def join(self, code: object, name: object) -> tuple[str, str]:
        """A device joins with the code on the projector and a first name: (token, student id)."""
        if (not isinstance(code, str) or len(code) > 64
                or not secrets.compare_digest(code.strip().upper().encode("utf-8", "replace"), self.code.encode())):
            raise Refused(_("that is not this class's code: check the projector"))
        clean_text(name, MAX_NAME)
        with self.lock:
            if sum(1 for st in self.live.students.values() if not st.dropped) >= MAX_STUDENTS or \
                    len(self.live.students) >= MAX_JOINS:
                raise Refused(_("the session is full"))
            token = secrets.token_urlsafe(24)
            sid = f"s{len(self.live.students) + 1}"
            self.submit({"t": "joined", "student": sid, "name": name, "token": token_hash(token)})
        return token, sid

    def act(self, token: str, message: dict, notify: bool = True) -> None:
        """One message from a student's device, as the protocol has it."""
        student = self.live.student_of(token)
        if student is None:
            raise Refused(_("this device is not part of the session; join again"))
        ref = message.get("ref")
        ref = ref if type(ref) is int and 0 < ref < 2 ** 53 else None
        with self.lock:
            if ref is not None and ref <= self.live.last_ref.get(student.id, 0):
                return       # sent again after a reconnect, already recorded: acknowledge it once more
            if not self._rate_ok(student.id):
                raise Refused(_("too fast: wait a few seconds"))
            self._act(student, message, notify, ref)

    def _act(self, student, message: dict, notify: bool, ref: int | None) -> None:
        kind = message.get("type")
        if kind == "choose":
            n = message.get("n")
            with self.lock:
                frame = self.live.players[student.group].frame()
                choice = next((c for c in frame.choices if c.number == n), None) if isinstance(n, int) else None
                if choice is None:
                    raise Refused(_("that choice is not open"))
                from ..markup import plain
                scene = message.get("scene")
                if not isinstance(scene, str) or scene not in self.story.scenes:
                    raise Refused(_("that scene is not open"))
                # The story's own words, not the translation shown: the log replays in any language.
                event = {"student": student.id, "scene": scene, "index": choice.index, "ref": ref,
                         "text": plain(self.live.players[student.group].scene.choices[choice.index].source_text)}
                choice_id = self.story.scenes[scene].choices[choice.index].id if scene == frame.scene_id else ""
                if choice_id:
                    event["choice_id"] = choice_id
                members = len(self.live.members(student.group, present=True))
                event["t"] = "ballot" if self.live.decide_mode == "vote" and members > 1 else "chose"
                self.submit(event, notify=notify)
        elif kind == "speak":
            event = {"t": "spoke", "student": student.id, "ref": ref}
            if message.get("text") is not None:
                event["text"] = message.get("text")
            else:
                event["line"] = message.get("line")
            self.submit(event, notify=notify)
        elif kind == "vote":
            self.submit({"t": "voted", "student": student.id, "motion": message.get("motion"),
                         "option": message.get("option"), "ref": ref}, notify=notify)
        else:
            raise Refused(_("unknown action"))

    def teach(self, token: str, message: dict, notify: bool = True) -> None:
        """One message from the teacher's console."""
        if not self.is_teacher(token):
            raise Refused(_("only the teacher can do that"))

        do = message.get("do")
        if do == "move_student":
            self.submit({"t": "moved", "student": message.get("student"), "group": message.get("group")}, notify=notify)
        elif do == "drop_device":
            self.submit({"t": "dropped", "student": message.get("student")}, notify=notify)
        elif do == "hands":
            self.submit({"t": "hands", "counts": message.get("counts")}, notify=notify)
        else:
            event = {"t": "teacher", "do": do}
            for key in ("minutes", "group", "mode"):
                if key in message:
                    event[key] = message[key]
            self.submit(event, notify=notify)

    # -- records --------------------------------------------------------------------------------------------
    def write_records(self) -> list[Path]:
        """The debrief's files; idempotent, so a kill halfway is mended by the next open."""
        from .records import write_live_records
        try:
            paths = write_live_records(self.live, self.directory)
        except OSError as exc:
            self.live.notes.append(f"the records could not be written ({exc.strerror or exc}); free some space "
                                   f"and run `petrograd session host {self.live.meta['name']}` again to write them")
            return []
        self.live.data["recorded"] = True
        try:
            from .stats import record_session
            record_session(self.live)
        except Exception as exc:     # noqa: BLE001 - the statistics are a convenience
            self.live.notes.append(f"class statistics not recorded: {exc}")
        return paths


def list_hosted(saves: Path | None = None) -> list[str]:
    root = sessions_dir(saves)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / LOG_NAME).is_file())


def describe_hosted(folder: Path) -> str:
    """One line for `session list`, read from the log's header and a count of its events."""
    try:
        log = EventLog(folder / LOG_NAME)
        try:
            meta = log.read_meta()
            joined = sum(1 for _unused, e in log.events() if e.get("t") == "joined")
        finally:
            log.close()
    except LogError as exc:
        return f"damaged ({exc})"
    plan = meta.get("plan", {})
    return (f"{meta.get('story', {}).get('title', '?')}, on students' devices, {joined} joined of "
            f"{plan.get('students', '?')}, {plan.get('periods', '?')} × {plan.get('period_minutes', '?')} min, "
            f"created {meta.get('created', '?')} (petrograd session host {folder.name})")
