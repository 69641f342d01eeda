"""A hosted classroom: the event log on disk and the live fold in memory, behind one lock.

Every action from a device or the teacher goes through `submit`: checked against the current state,
committed to the log, applied, and only then acknowledged. One lock orders concurrent answers, so two
devices answering for one group at once resolve the same way every time: the first to reach the lock
wins and the second is told the group has moved on. Opening a session replays its log on the story as
it is now (an edited story is fine; a step that no longer fits is named in `notes`).
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from pathlib import Path

from ..model import Story
from .engine import SessionError, check_name, sessions_dir
from .eventlog import LOG_NAME, EventLog, LogError
from .live import LiveSession, Refused, clean_text, MAX_NAME, token_hash
from .planner import Plan

CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"     # no 0/O, 1/I, 2/Z, 5/S, 8/B look-alikes
MAX_STUDENTS = 60
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
        for _, event in log.events():
            self._replay(event)
        self.recent: dict[str, deque] = {}
        self.listeners: list = []       # callables notified (with no arguments) after every change
        if self.live.stage == "debrief":
            self.write_records()         # idempotent: mends a kill between the debrief and its records

    def _replay(self, event: dict) -> None:
        before = len(self.live.data["log"])
        try:
            self.live.check(event)
        except Refused as exc:
            if event.get("t") == "chose":
                self.live.notes.append(f"a recorded choice no longer fits the story ({exc}): "
                                       f"{event.get('scene')!r}, {event.get('text')!r}; that group goes on from before it")
                student = self.live.students.get(event.get("student", ""))
                if student is not None and student.group in self.live.groups:
                    g = self.live.groups[student.group]
                    g.stopped = g.stopped or f"the edited story no longer has the step {event.get('text')!r}"
            return
        self.live.apply(event)
        self.version += 1
        del before

    # -- creating and opening -----------------------------------------------------------------------------
    @classmethod
    def create(cls, story: Story, name: str, plan: Plan, saves: Path | None = None, seed: int | None = None,
               decide: str = "shared") -> "HostedSession":
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
                "code": "".join(secrets.choice(CODE_ALPHABET) for _ in range(4)),
                "teacher_token": secrets.token_urlsafe(24), "decide": decide,
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
        return isinstance(token, str) and secrets.compare_digest(token.encode(), self.teacher_token.encode())

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
                self.write_records()
        if notify:
            self.notify()

    def notify(self) -> None:
        for listener in list(self.listeners):
            listener()

    def join(self, code: object, name: object) -> tuple[str, str]:
        """A device joins with the code on the projector and a first name: (token, student id)."""
        if not isinstance(code, str) or not secrets.compare_digest(code.strip().upper().encode(), self.code.encode()):
            raise Refused("that is not this class's code: check the projector")
        clean_text(name, MAX_NAME)
        with self.lock:
            if len(self.live.students) >= MAX_STUDENTS:
                raise Refused("the session is full")
            token = secrets.token_urlsafe(24)
            sid = f"s{len(self.live.students) + 1}"
            self.submit({"t": "joined", "student": sid, "name": name, "token": token_hash(token)})
        return token, sid

    def act(self, token: str, message: dict, notify: bool = True) -> None:
        """One message from a student's device, as the protocol has it."""
        student = self.live.student_of(token)
        if student is None:
            raise Refused("this device is not part of the session; join again")
        if not self._rate_ok(student.id):
            raise Refused("too fast: wait a few seconds")
        kind = message.get("type")
        if kind == "choose":
            n = message.get("n")
            with self.lock:
                frame = self.live.players[student.group].frame()
                choice = next((c for c in frame.choices if c.number == n), None) if isinstance(n, int) else None
                if choice is None:
                    raise Refused("that choice is not open")
                from ..markup import plain
                event = {"student": student.id, "scene": message.get("scene"), "index": choice.index,
                         "text": plain(choice.text)}
                members = len(self.live.members(student.group, present=True))
                event["t"] = "ballot" if self.live.decide_mode == "vote" and members > 1 else "chose"
                self.submit(event, notify=notify)
        elif kind == "speak":
            event = {"t": "spoke", "student": student.id}
            if message.get("text") is not None:
                event["text"] = message.get("text")
            else:
                event["line"] = message.get("line")
            self.submit(event, notify=notify)
        elif kind == "vote":
            self.submit({"t": "voted", "student": student.id, "motion": message.get("motion"),
                         "option": message.get("option")}, notify=notify)
        else:
            raise Refused("unknown action")

    def teach(self, token: str, message: dict, notify: bool = True) -> None:
        """One message from the teacher's console."""
        if not self.is_teacher(token):
            raise Refused("only the teacher can do that")
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
        paths = write_live_records(self.live, self.directory)
        self.live.data["recorded"] = True
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
            joined = sum(1 for _, e in log.events() if e.get("t") == "joined")
        finally:
            log.close()
    except LogError as exc:
        return f"damaged ({exc})"
    plan = meta.get("plan", {})
    return (f"{meta.get('story', {}).get('title', '?')}, on students' devices, {joined} joined of "
            f"{plan.get('students', '?')}, {plan.get('periods', '?')} × {plan.get('period_minutes', '?')} min, "
            f"created {meta.get('created', '?')} (petrograd session host {folder.name})")
