"""A classroom on students' devices: the session's state as a fold over an append-only log of events.

Pure: no I/O, no web or pygame code. `LiveSession.apply(event)` takes one event (already durable in the
log) and changes the state; `check(event)` says, before anything is written, whether an event would be
accepted now. What each audience may see comes from `student_view`, `teacher_view` and
`projector_view`, so the server decides nothing about privacy itself.

Every group plays its own scenes at the same time. The story clock keeps the groups together: a group
whose next scene is at or after the time of the next assembly waits; the assembly opens once every
group still playing waits for it. Choices are logged with the text the group saw, so a session replays
on an edited story as saves do; where a group's step no longer fits, that group stops there and the
session names the step (`notes`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..i18n.words import _
from ..markup import plain, spans
from ..model import Assembly, Motion, Story
from ..runtime import Game
from .planner import Plan, historical_choice, historical_reach, scene_stamp
from .engine import history_label, long_day, long_stamp
from .outcomes import apply_effects, outcome_effects, skip_cancelled
from .rules import decide

MAX_NAME = 24
MAX_SPEECH = 400
EVENT_KINDS = ("joined", "moved", "dropped", "chose", "ballot", "spoke", "voted", "hands", "teacher")
TEACHER_ACTIONS = ("start", "pause", "resume", "add_time", "advance_group", "call_speaker", "open_vote",
                   "close_vote", "reopen_vote", "next", "end", "decide_mode", "break")


class Refused(Exception):
    """An event that cannot be accepted now; the message is for the person who sent it."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:      # a lone surrogate, sent on purpose
        return False


def _name(value) -> str:
    """An id sent by a device: text, or nothing that could match."""
    return value if isinstance(value, str) else "\0"


def clean_text(text: object, limit: int) -> str:
    """What a student typed, as plain text: control characters gone, spaces collapsed, bounded."""
    if not isinstance(text, str):
        raise Refused(_("that is not text"))
    if not _encodable(text):
        raise Refused(_("that text has characters that cannot be stored"))
    cleaned = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if not cleaned:
        raise Refused(_("write something first"))
    if len(cleaned) > limit:
        raise Refused(_("that is {n} characters; the limit is {limit}").format(n=len(cleaned), limit=limit))
    return cleaned


@dataclass
class Student:
    id: str
    name: str
    group: str
    token: str            # sha256 of the device's token
    dropped: bool = False


@dataclass
class GroupPlay:
    role: str
    number: int
    ballots: dict[str, int] = field(default_factory=dict)       # student -> choice index (vote mode)
    news: list[str] = field(default_factory=list)               # narrated since the group last read
    feedback: str = ""
    finished: bool = False
    stopped: str = ""      # why this group cannot go on (the story changed under it)
    decisions: int = 0


@dataclass
class Floor:
    """An open assembly."""
    id: str
    step: str = "agenda"            # agenda | speech | vote | result
    floor: str = ""                 # role with the floor
    spoken: list[str] = field(default_factory=list)
    speeches: list[dict] = field(default_factory=list)
    motion: int = 0
    votes: dict[str, dict[str, str]] = field(default_factory=dict)   # motion -> student -> option
    tallies: dict[str, dict] = field(default_factory=dict)
    results: list[dict] = field(default_factory=list)
    walked_out: list[str] = field(default_factory=list)              # roles


class LiveSession:
    def __init__(self, story: Story, meta: dict):
        self.story = story
        self.meta = meta
        self.plan = Plan.from_dict(meta["plan"])
        pacing = meta.get("pacing") or {}
        if "assemblies" in pacing:
            self.plan.assemblies = [a for a in pacing["assemblies"] if isinstance(a, str)]
        # Scenes of each role's historical path that are narrated, not played, so the lesson fits.
        self.narrated_scenes = {r: set(self.plan.path.get(r, [])) - set(play)
                                for r, play in (pacing.get("play") or {}).items()}
        self.game = Game(story)
        self.reach = historical_reach(story)
        self.assemblies = {a.id: a for a in story.assemblies}
        self.students: dict[str, Student] = {}
        self.by_token: dict[str, str] = {}
        self.groups: dict[str, GroupPlay] = {}
        self.players = {}
        self.notes: list[str] = []
        self.data = {"name": meta["name"], "created": meta.get("created", ""), "log": [], "finished": [], "recorded": False,
                     "id": hashlib.sha256(f"{meta['name']}|{meta.get('created')}|{meta['seed']}".encode()).hexdigest()[:16]}
        self.stage = "lobby"        # lobby | play | assembly | break | debrief
        self.paused = False
        self.period = 1
        self.extra_minutes = 0
        self.period_started_at = None      # wall-clock time (from the event) when this period's play began
        self.decide_mode = meta.get("decide", "shared")
        self.floor: Floor | None = None
        self._scene_views: dict = {}     # (role, seq) -> the group's scene view
        self.last_ref: dict[str, int] = {}     # student -> the highest action number applied
        self._debrief: tuple[int, list[str]] = (-1, [])
        self.done_assemblies: list[str] = []
        self.seq = 0
        self.directory = None        # the session's folder, set by whoever keeps its files
        self.path = None             # a file in it (the class statistics live three levels up)
        self.planned_sizes = {g.role: len(g.students) for g in self.plan.groups}
        missing = [g.role for g in self.plan.groups if g.role not in story.roles]
        if missing:
            self.notes.append(f"the story no longer has the role(s) {', '.join(missing)}; those groups sit out")
        for n, g in enumerate(self.plan.groups):
            if g.role in story.roles:
                self.groups[g.role] = GroupPlay(g.role, n + 1)
                self.players[g.role] = self.game.new_player(g.role, meta["seed"] + n)
        self.starts = {r: scene_stamp(story.scenes[story.roles[r].start]) for r in self.groups}
        self._recast()

    # -- naming, as the debrief and exports expect ------------------------------------------------------
    def role_name(self, role: str) -> str:
        return self.story.roles[role].name if role in self.story.roles else role

    def members(self, role: str, present: bool = False) -> list[Student]:
        return [s for s in self.students.values() if s.group == role and not (present and s.dropped)]

    def group_label(self, role: str) -> str:
        names = [s.name for s in self.members(role)]
        number = self.groups[role].number if role in self.groups else 0
        return ", ".join(names) if names else _("Group {n}").format(n=number)

    def students_in(self, role: str) -> int:
        return max(1, len(self.members(role)))

    def student_of(self, token: str) -> Student | None:
        if not isinstance(token, str):
            return None
        sid = self.by_token.get(token_hash(token))
        return self.students.get(sid) if sid else None

    # -- the clock ---------------------------------------------------------------------------------------
    def pending_assemblies(self) -> list[Assembly]:
        return [self.assemblies[a] for a in self.plan.assemblies
                if a in self.assemblies and a not in self.done_assemblies]

    def next_assembly(self, role: str | None = None) -> Assembly | None:
        """The earliest assembly still to meet (that holds `role` back, if given)."""
        pending = [a for a in self.pending_assemblies() if role is None or role in self.gated(a)]
        return min(pending, key=lambda a: (a.stamp, self.plan.assemblies.index(a.id))) if pending else None

    def concerned(self, a: Assembly) -> set[str]:
        """The groups an assembly waits for: those who speak or vote in it, and those its outcome changes."""
        roles = {p.role for p in a.participants}
        for m in a.motions:
            for effects in m.effect_blocks():
                roles |= set(effects)
        return roles & set(self.groups)

    def gated(self, a: Assembly) -> set[str]:
        """The concerned groups whose own story passes through the assembly's hour: they stop there and
        wait. A group whose story begins later (a stand-in speaker, say) plays on until the assembly
        opens, then joins it and goes back to its scene afterwards."""
        return {r for r in self.concerned(a) if self.starts[r] < a.stamp}

    def group_status(self, role: str) -> str:
        """playing | waiting | finished | stopped"""
        g = self.groups[role]
        if g.stopped:
            return "stopped"
        if g.finished:
            return "finished"
        player = self.players[role]
        if player.scene.is_ending:
            return "playing"
        if self.floor is not None and role in self.concerned(self.assemblies[self.floor.id]):
            return "waiting"
        nxt = self.next_assembly(role)
        if nxt is not None and scene_stamp(player.scene) >= nxt.stamp:
            return "waiting"
        return "playing"

    def _recast(self) -> None:
        """The plan's groups name the students who joined them (the debrief and records read them)."""
        for g in self.plan.groups:
            g.students = [s.name for s in self.members(g.role)] or [_("Group {n}").format(n=self.groups[g.role].number)
                                                                      if g.role in self.groups else g.role]

    def _settle(self) -> None:
        """After any change: open the next assembly once every group it concerns waits for it (the other
        groups play on meanwhile), or move to the debrief when nothing is left to play."""
        if self.stage != "play" or self.paused:
            return
        for role in self.groups:
            # A group with nobody at a device follows history, so it never holds the class up.
            if not self.members(role, present=True) and self.group_status(role) == "playing":
                self.narrate_to_assembly(role)
        if self.floor is not None:
            return
        nxt = self.next_assembly()
        if nxt is not None:
            if all(self.group_status(r) != "playing" for r in self.gated(nxt)):
                self.floor = Floor(nxt.id)
            return
        if all(self.group_status(r) in ("finished", "stopped") for r in self.groups):
            self.stage = "debrief"

    # -- checking and applying events -------------------------------------------------------------------
    def check(self, event: dict) -> None:
        """Raise Refused if `event` cannot be applied now. Run before the event is written."""
        kind = event.get("t")
        if kind not in EVENT_KINDS:
            raise Refused(_("unknown action"))
        getattr(self, f"_do_{kind}")(event, dry=True)

    def apply(self, event: dict) -> None:
        """Apply a durable event. Events that no longer fit (a story edit, a stale device) change nothing."""
        self.seq += 1
        kind = event.get("t")
        if kind not in EVENT_KINDS:
            return
        try:
            getattr(self, f"_do_{kind}")(event, dry=False)
        except Refused:
            return
        except Exception as exc:        # noqa: BLE001 - a bug must not make a recorded session unopenable
            self.notes.append(f"an event could not be applied ({type(exc).__name__}: {exc}); it was skipped")
            return
        if type(event.get("ref")) is int and event.get("student") in self.students:
            # The device's own numbering of its actions: a repeat after a reconnect is not done twice.
            self.last_ref[event["student"]] = max(event["ref"], self.last_ref.get(event["student"], 0))
        if kind in ("joined", "moved", "dropped"):
            self._recast()
        self._settle()

    def _student(self, event: dict) -> Student:
        student = self.students.get(_name(event.get("student")))
        if student is None or student.dropped:
            raise Refused(_("this device is no longer part of the session; join again"))
        return student

    def _do_joined(self, event: dict, dry: bool) -> None:
        name = clean_text(event.get("name"), MAX_NAME)
        if event.get("token") in self.by_token:
            raise Refused(_("already joined"))
        if self.stage == "debrief":
            raise Refused(_("the session is over"))
        group = _name(event.get("group")) if event.get("group") is not None else self.place_new()
        if group not in self.groups:
            raise Refused(_("no such group"))
        if dry:
            return
        sid = event["student"]
        self.students[sid] = Student(sid, name, group, event["token"])
        self.by_token[event["token"]] = sid

    def place_new(self) -> str:
        """The group with the most room left against the plan's sizes; ties go to the plan's order."""
        def room(g):
            return len(self.members(g.role, present=True)) - self.planned_sizes[g.role]
        candidates = [g for g in self.plan.groups if g.role in self.groups]
        if not candidates:
            raise Refused(_("the session has no groups"))
        return min(candidates, key=lambda g: (room(g), self.groups[g.role].number)).role

    def _do_moved(self, event: dict, dry: bool) -> None:
        student = self.students.get(_name(event.get("student")))
        if student is None or _name(event.get("group")) not in self.groups:
            raise Refused(_("no such student or group"))
        if not dry:
            old = student.group
            self._forget_votes(student)
            student.group = event["group"]
            self._resolve_ballots(old)          # the members left may all have voted already

    def _forget_votes(self, student: Student) -> None:
        """A moved or dropped device's ballot and its vote on an open motion no longer count."""
        self.groups[student.group].ballots.pop(student.id, None)
        if self.floor is not None and self.floor.step == "vote":
            motion = self.assemblies[self.floor.id].motions[self.floor.motion]
            self.floor.votes.get(motion.id, {}).pop(student.id, None)

    def _do_dropped(self, event: dict, dry: bool) -> None:
        student = self.students.get(_name(event.get("student")))
        if student is None:
            raise Refused(_("no such student"))
        if not dry:
            self._forget_votes(student)
            student.dropped = True
            self.by_token.pop(student.token, None)
            self._resolve_ballots(student.group)

    def _playable(self, role: str, scene_id: str) -> None:
        if self.stage != "play":
            raise Refused(_("not now: {why}").format(why={"lobby": _("the session has not started"),
                                                          "break": _("it is the break"),
                                                          "debrief": _("the session is over")}.get(self.stage, _("wait"))))
        if self.paused:
            raise Refused(_("the teacher has paused the session"))
        status = self.group_status(role)
        if status != "playing":
            raise Refused({"waiting": _("your group waits for the others now"), "finished": _("your story has ended"),
                           "stopped": _("your group's story changed; ask the teacher")}[status])
        if not isinstance(scene_id, str):
            raise Refused(_("that is not a scene"))
        current = self.players[role].state.scene
        if current != scene_id and (scene_id in self.story.scenes or not isinstance(scene_id, str)):
            raise Refused(_("your group has already moved on from that scene"))
        # A scene the story no longer has (renamed between lessons): the choice's text decides (_offered).

    def _offered(self, role: str, event: dict):
        """The offered choice the event means: by its id or text where logged (story edits), else its index."""
        frame = self.players[role].frame()
        if event.get("choice_id"):
            scene = self.players[role].scene
            for c in frame.choices:
                if scene.choices[c.index].id == event["choice_id"]:
                    return c
        scene = self.players[role].scene
        for c in frame.choices:     # logged in the story's own words; older logs in the words shown
            if event.get("text") is not None and event["text"] in (plain(scene.choices[c.index].source_text), plain(c.text)):
                return c
        if event.get("text") is None:
            for c in frame.choices:
                if c.index == event.get("index"):
                    return c
        raise Refused(_("that choice is not open"))

    def _do_chose(self, event: dict, dry: bool) -> None:
        student = self._student(event)
        role = student.group
        self._playable(role, event.get("scene"))
        if self.decide_mode == "vote" and len(self.members(role, present=True)) > 1 and not event.get("forced"):
            raise Refused(_("your group decides by vote here"))
        choice = self._offered(role, event)
        if not dry:
            self._take(role, choice, chooser=student.id)

    def _do_ballot(self, event: dict, dry: bool) -> None:
        student = self._student(event)
        role = student.group
        self._playable(role, event.get("scene"))
        choice = self._offered(role, event)
        if dry:
            return
        self.groups[role].ballots[student.id] = choice.index
        self._resolve_ballots(role)

    def _resolve_ballots(self, role: str) -> None:
        """When every present member has voted: most votes wins; a tie goes to the choice shown first."""
        g = self.groups[role]
        if (self.decide_mode != "vote" or self.stage != "play" or self.paused or not g.ballots
                or self.group_status(role) != "playing"):
            return
        present = {s.id for s in self.members(role, present=True)}
        ballots = {sid: i for sid, i in g.ballots.items() if sid in present}
        if not present or set(ballots) != present:
            return
        counts: dict[int, int] = {}
        for index in ballots.values():
            counts[index] = counts.get(index, 0) + 1
        frame = self.players[role].frame()
        order = [c.index for c in frame.choices]
        best = max(counts, key=lambda i: (counts[i], -order.index(i) if i in order else -999))
        choice = next((c for c in frame.choices if c.index == best), None)
        g.ballots.clear()
        if choice is not None:
            self._take(role, choice, chooser="vote:" + ",".join(f"{n}={counts[i]}" for n, i in
                                                               ((order.index(i) + 1, i) for i in counts if i in order)))

    def _take(self, role: str, choice, chooser: str) -> None:
        player = self.players[role]
        scene = player.scene
        hist = historical_choice(player, self.reach)
        full = scene.choices[choice.index]
        target = self.story.scenes.get(full.target)
        paragraphs = list(player.frame().paragraphs)
        g = self.groups[role]
        self.data["log"].append({
            "t": "choice", "role": role, "scene": scene.id, "title": scene.title, "stamp": scene_stamp(scene),
            "place": scene.place, "paragraphs": paragraphs, "choice": full.index, "number": choice.number,
            "text": plain(full.text), "choice_id": full.id,
            "counterfactual": bool(full.counterfactual or (target is not None and target.counterfactual)),
            "historical_choice": plain(hist.text) if hist is not None else "",
            "historical_index": hist.index if hist is not None else -1,
            "offered": len(player.frame().choices), "note": scene.note, "students": self.students_in(role),
            "by": chooser, "group_mates": [s.id for s in self.members(role, present=True)],
        })
        player.choose(full.index)
        g.decisions += 1
        g.news.clear()
        g.feedback = _("You chose: {choice}").format(choice=plain(full.text))
        self._autonarrate(role)
        self._arrived(role)

    def _autonarrate(self, role: str) -> None:
        """Take the historical choice in scenes the pacing narrates, up to the group's next assembly."""
        skip = self.narrated_scenes.get(role)
        if not skip:
            return
        player = self.players[role]
        for _unused in range(500):
            scene = player.scene
            if scene.id not in skip or scene.is_ending or self.group_status(role) != "playing":
                break
            if not self._narrate_step(role):
                break
        self._arrived(role)

    def _arrived(self, role: str) -> None:
        player = self.players[role]
        if player.scene.is_ending and not any(e["t"] == "ending" and e["role"] == role for e in self.data["log"]):
            frame = player.frame()
            self.data["log"].append({"t": "ending", "role": role, "scene": frame.scene_id, "title": frame.title,
                                     "stamp": f"{frame.date} {frame.time.zfill(5)}", "paragraphs": list(frame.paragraphs),
                                     "ending_title": frame.ending_title, "historical": frame.ending_historical,
                                     "summary": frame.ending_summary, "note": frame.note,
                                     "students": self.students_in(role)})
            self.groups[role].finished = True
            self.data["finished"].append(role)

    def narrate_to_assembly(self, role: str) -> int:
        """The teacher moves a group on: take the historical choices up to the next assembly (or its
        ending), telling the group what happened on the way. Returns the number of scenes narrated."""
        player = self.players[role]
        steps = 0
        while self.group_status(role) == "playing" and not player.scene.is_ending and steps < 500:
            if not self._narrate_step(role):
                break
            steps += 1
        self._arrived(role)
        return steps

    def _narrate_step(self, role: str) -> bool:
        player = self.players[role]
        g = self.groups[role]
        choice = historical_choice(player, self.reach) or next(iter(player.available()), None)
        if choice is None:
            g.stopped = f"no choice is open in {player.scene.title}"
            return False
        scene = player.scene
        self.data["log"].append({
            "t": "narrated", "role": role, "scene": scene.id, "title": scene.title, "stamp": scene_stamp(scene),
            "place": scene.place, "paragraphs": [], "choice": choice.index, "text": plain(choice.text),
            "choice_id": choice.id, "counterfactual": False, "historical_choice": plain(choice.text), "historical_index": choice.index,
            "offered": len(player.available()), "note": scene.note, "students": self.students_in(role)})
        g.news.append(f"{scene.time}, {scene.title}: {plain(choice.text)}")
        player.choose(choice.index)
        return True

    # -- assemblies ----------------------------------------------------------------------------------------
    def participants(self, a: Assembly) -> list:
        return [p for p in a.participants if p.role in self.groups]

    def _assembly(self) -> tuple[Assembly, Floor]:
        if self.stage != "play" or self.floor is None:
            raise Refused(_("no assembly is sitting"))
        return self.assemblies[self.floor.id], self.floor

    def _do_spoke(self, event: dict, dry: bool) -> None:
        student = self._student(event)
        a, f = self._assembly()
        if self.paused:
            raise Refused(_("the teacher has paused the session"))
        if f.step != "speech" or f.floor != student.group:
            raise Refused(_("your group does not have the floor"))
        p = next(p for p in self.participants(a) if p.role == student.group)
        if event.get("text") is not None:
            words, line = clean_text(event["text"], MAX_SPEECH), None
        else:
            n = event.get("line")
            if not (isinstance(n, int) and 1 <= n <= len(p.lines)):
                raise Refused(_("no such line"))
            words, line = plain(p.lines[n - 1].text), n
        if dry:
            return
        f.speeches.append({"role": p.role, "as": p.speaks_as, "line": (line - 1) if line else -1, "text": words,
                           "supports": p.lines[line - 1].supports if line else "", "written": line is None,
                           "student": student.id})
        f.spoken.append(p.role)
        f.floor = ""

    def voters(self, a: Assembly, f: Floor) -> list[Student]:
        roles = {p.role for p in self.participants(a) if p.votes and p.role not in f.walked_out}
        return [s for s in self.students.values() if s.group in roles and not s.dropped]

    def _do_voted(self, event: dict, dry: bool) -> None:
        student = self._student(event)
        a, f = self._assembly()
        if self.paused:
            raise Refused(_("the teacher has paused the session"))
        if f.step != "vote":
            raise Refused(_("no vote is open"))
        motion = a.motions[f.motion]
        if _name(event.get("motion")) != motion.id:
            raise Refused(_("that vote is closed"))
        if student.id not in {s.id for s in self.voters(a, f)}:
            raise Refused(_("your group does not vote in this body"))
        option = _name(event.get("option"))
        if option not in [o.id for o in motion.options] + ["abstain", "walkout"]:
            raise Refused(_("no such option"))
        if not dry:
            f.votes.setdefault(motion.id, {})[student.id] = option

    def _do_hands(self, event: dict, dry: bool) -> None:
        a, f = self._assembly()
        motion = a.motions[f.motion] if f.step == "vote" else self._next_motion(a, f)
        if motion is None:
            raise Refused(_("every motion has been voted; reopen a vote or go on"))
        counts = event.get("counts")
        names = [o.id for o in motion.options] + ["abstain", "walkout"]
        if (not isinstance(counts, dict)
                or any(k not in names or type(v) is not int or not 0 <= v <= 1000 for k, v in counts.items())):
            raise Refused(_("give a whole number for each option"))
        if not dry:
            f.motion = a.motions.index(motion)
            self._close_motion(a, f, motion, {k: counts.get(k, 0) for k in names if counts.get(k, 0)})

    @staticmethod
    def _next_motion(a: Assembly, f: "Floor") -> Motion | None:
        voted = {r["motion"] for r in f.results}
        return next((m for m in a.motions if m.id not in voted), None)

    def _group_votes(self, f: Floor, motion: Motion) -> dict[str, str]:
        """Each voting group's majority (for on_vote effects and the records): ties go to the first option."""
        by_role: dict[str, dict[str, int]] = {}
        for sid, option in f.votes.get(motion.id, {}).items():
            s = self.students.get(sid)
            if s is not None:
                by_role.setdefault(s.group, {}).setdefault(option, 0)
                by_role[s.group][option] += 1
        order = [o.id for o in motion.options] + ["abstain", "walkout"]
        return {role: max(c, key=lambda o: (c[o], -order.index(o))) for role, c in by_role.items()}

    def _close_motion(self, a: Assembly, f: Floor, motion: Motion, counts: dict | None) -> None:
        mode = "hands" if counts is not None else "devices"
        voters = {s.id for s in self.voters(a, f)}
        # Only the votes of devices that still belong to a voting group count.
        f.votes[motion.id] = {sid: v for sid, v in f.votes.get(motion.id, {}).items() if sid in voters}
        if counts is None:
            counts = {}
            for option in f.votes[motion.id].values():
                counts[option] = counts.get(option, 0) + 1
        group_votes = self._group_votes(f, motion) if mode == "devices" else {}
        walked = [role for role, vote in group_votes.items() if vote == "walkout" and role not in f.walked_out]
        f.walked_out.extend(walked)
        chair = group_votes.get(motion.chair) if motion.chair else None
        decision = decide(motion, counts, chair)
        f.results = [r for r in f.results if r["motion"] != motion.id]
        f.results.append({"motion": motion.id, "tally": counts, "result": decision.result, "decided": decision.decided,
                          "reason": decision.reason, "historical": motion.historical.result, "mode": mode,
                          "groups": group_votes, "walked": walked})
        f.step = "result"

    def _apply_outcomes(self, a: Assembly, f: Floor) -> list:
        """The votes change the groups' stories, in the order every session uses (outcomes.py)."""
        by_motion = {r["motion"]: r for r in f.results}

        def vote_of(role: str, motion_id: str) -> str | None:
            r = by_motion.get(motion_id, {})
            return r.get("groups", {}).get(role) or ("walkout" if role in f.walked_out else None)
        applied = []
        for role, effects in outcome_effects(a, f.results, vote_of):
            if role in self.players:
                apply_effects(self.players[role].state, effects)
                applied += [[role, e.info.source] for e in effects]
        return applied

    def _close_assembly(self, a: Assembly, f: Floor) -> None:
        votes = {m: {self.students[s].group: v for s, v in by.items() if s in self.students}
                 for m, by in f.votes.items()}
        for r in f.results:
            votes.setdefault(r["motion"], {}).update(r.get("groups", {}))
        self.data["log"].append({
            "t": "assembly", "id": a.id, "title": a.title, "stamp": a.stamp, "place": a.place,
            "mode": ",".join(sorted({r["mode"] for r in f.results})) or "none",
            "speeches": f.speeches, "votes": votes, "student_votes": f.votes, "walked_out": f.walked_out,
            "results": f.results, "applied": self._apply_outcomes(a, f)})
        self.done_assemblies.append(a.id)
        skip_cancelled(self.pending_assemblies(), self.data["log"], self.done_assemblies)
        self.floor = None
        for role in self.groups:
            self._autonarrate(role)

    # -- the teacher ----------------------------------------------------------------------------------------
    def _do_teacher(self, event: dict, dry: bool) -> None:
        do = event.get("do")
        if do not in TEACHER_ACTIONS:
            raise Refused(_("unknown teacher action"))
        handler = getattr(self, f"_t_{do}")
        handler(event, dry)

    def _t_start(self, event, dry):
        if self.stage != "lobby":
            raise Refused(_("the session has started already"))
        if not dry:
            self.stage = "play"
            self.period_started_at = event.get("at")
            for role in self.groups:
                self._autonarrate(role)

    def _t_pause(self, event, dry):
        if not dry:
            self.paused = True

    def _t_resume(self, event, dry):
        if not dry:
            self.paused = False
            if self.stage == "break":
                self.stage = "play"
                self.period += 1
                self.period_started_at = event.get("at")
                self.extra_minutes = 0
            for role in self.groups:
                self._autonarrate(role)
                self._resolve_ballots(role)

    def _t_break(self, event, dry):
        if self.stage != "play":
            raise Refused(_("a break can start only once the session has started and groups play"))
        if not dry:
            self.stage = "break"

    def _t_add_time(self, event, dry):
        minutes = event.get("minutes")
        if not isinstance(minutes, int) or not 1 <= minutes <= 60:
            raise Refused(_("add 1 to 60 minutes"))
        if not dry:
            self.extra_minutes += minutes

    def _t_decide_mode(self, event, dry):
        if _name(event.get("mode")) not in ("shared", "vote"):
            raise Refused(_("decide on one shared device ('shared') or by a vote inside the group ('vote')"))
        if not dry:
            self.decide_mode = event["mode"]
            for g in self.groups:
                self.groups[g].ballots.clear()

    def _t_advance_group(self, event, dry):
        role = _name(event.get("group"))
        if role not in self.groups:
            raise Refused(_("no such group"))
        if self.stage != "play" or self.group_status(role) != "playing":
            raise Refused(_("that group is not playing now"))
        if not dry:
            self.groups[role].ballots.clear()
            self.narrate_to_assembly(role)

    def _t_call_speaker(self, event, dry):
        a, f = self._assembly()
        role = _name(event.get("group"))
        if role not in {p.role for p in self.participants(a)}:
            raise Refused(_("that group has no voice in this body"))
        if not dry:
            f.step, f.floor = "speech", role

    def _t_open_vote(self, event, dry):
        a, f = self._assembly()
        if f.step == "vote":
            raise Refused(_("a vote is open already"))
        motion = self._next_motion(a, f)
        if motion is None:
            raise Refused(_("every motion has been voted; reopen a vote or go on"))
        if not dry:
            f.motion = a.motions.index(motion)
            f.step, f.floor = "vote", ""
            f.votes.pop(motion.id, None)

    def _t_close_vote(self, event, dry):
        a, f = self._assembly()
        if f.step != "vote":
            raise Refused(_("no vote is open"))
        if not dry:
            self._close_motion(a, f, a.motions[f.motion], None)

    def _t_reopen_vote(self, event, dry):
        a, f = self._assembly()
        if not f.results:
            raise Refused(_("no vote has been closed yet"))
        if f.step == "vote":
            raise Refused(_("close the open vote first"))
        if not dry:
            last = f.results.pop()
            f.motion = next(i for i, m in enumerate(a.motions) if m.id == last["motion"])
            f.votes.pop(last["motion"], None)
            f.walked_out = [r for r in f.walked_out if r not in last.get("walked", [])]   # they may vote again
            f.step = "vote"

    def _t_next(self, event, dry):
        a, f = self._assembly()
        voted = {r["motion"] for r in f.results}
        unvoted = [m for m in a.motions if m.id not in voted]
        if f.step == "vote":
            raise Refused(_("close the vote first"))
        if not dry:
            if unvoted:
                f.step, f.floor = "vote", ""
                f.motion = a.motions.index(unvoted[0])
                f.votes.pop(unvoted[0].id, None)
            else:
                self._close_assembly(a, f)

    def _t_end(self, event, dry):
        if self.stage == "debrief":
            raise Refused(_("the session is over already"))
        if not dry:
            if self.floor is not None:
                a = self.assemblies[self.floor.id]
                self._close_assembly(a, self.floor)
            self.stage = "debrief"
            self.paused = False

    # -- views ------------------------------------------------------------------------------------------------
    def clock(self, role: str | None = None) -> dict:
        if role and role in self.players:
            s = self.players[role].scene
            return {"date": s.date, "time": s.time, "place": s.place, "label": long_stamp(s.date, s.time)}
        if self.floor is not None:
            a = self.assemblies[self.floor.id]
            return {"date": a.date, "time": a.time, "place": a.place, "label": long_stamp(a.date, a.time)}
        return {}

    def _paragraphs(self, texts) -> list:
        def title(cid):
            entry = self.story.codex.get(cid) if hasattr(self.story, "codex") else None
            return getattr(entry, "title", cid)
        return [[{"text": sp.text, "em": sp.emphasis, "link": sp.link} for sp in spans(t, title)] for t in texts]

    def _codex(self, texts) -> dict:
        from ..markup import links
        out = {}
        codex = getattr(self.story, "codex", {}) or {}
        for t in texts:
            for cid, _unused in links(t):
                entry = codex.get(cid)
                if entry is not None and cid not in out:
                    out[cid] = {"title": plain(entry.title), "text": plain(getattr(entry, "text", ""))}
        return out

    def objectives(self, role: str) -> list[tuple[str, bool | None]]:
        from ..objectives import objectives_met
        return objectives_met(self.story, self.players[role].state) if role in self.players else []

    def role_sheet(self, role: str) -> dict:
        """The group's private sheet; whether each objective was met shows once its story has ended."""
        r = self.story.roles[role]
        done = self.groups[role].finished or self.stage == "debrief"
        return {"name": r.name, "title": r.title, "biography": plain(r.biography or r.description),
                "objectives": [{"text": plain(text), "met": met if done else None}
                               for text, met in self.objectives(role)]}

    def student_view(self, token: str) -> dict:
        student = self.student_of(token)
        if student is None:
            return {"screen": "gone"}
        role = student.group
        g = self.groups[role]
        view = {
            "session": {"title": self.story.title, "name": self.meta["name"], "paused": self.paused,
                        "history": history_label(self.story), "map": self.story.map_name},
            "me": {"id": student.id, "name": student.name, "group": role, "group_label": _("Group {n}").format(n=g.number),
                   "role_name": self.role_name(role), "role_title": self.story.roles[role].title,
                   "mates": [s.name for s in self.members(role, present=True)]},
            "role_sheet": self.role_sheet(role),
            "clock": self.clock(role),
            "feedback": g.feedback,      # what the group last decided, whatever screen comes next
        }
        if self.paused:
            view["screen"] = "paused"
        elif self.stage == "lobby":
            view["screen"] = "lobby"
        elif self.stage == "break":
            view["screen"] = "paused"
            view["message"] = _("End of period {n}. The session goes on next lesson.").format(n=self.period)
        elif self.stage == "debrief":
            view["screen"] = "debrief"
            view["debrief"] = {"lines": self.debrief_lines()}
        elif self.floor is not None and role in self.concerned(self.assemblies[self.floor.id]):
            view["screen"] = "assembly"
            view["assembly"] = self.assembly_view(student)
            view["clock"] = self.clock()
        else:
            status = self.group_status(role)
            if status == "waiting":
                nxt = self.next_assembly(role)
                busy = [_("Group {n} ({role})").format(n=self.groups[r].number, role=self.role_name(r)) for r in sorted(self.gated(nxt))
                        if self.group_status(r) == "playing"]
                view["screen"] = "waiting"
                view["waiting"] = {
                    "message": _("Your group has reached {time} on {day}, when {assembly} meets.").format(
                        time=nxt.time, day=long_day(nxt.date),
                        assembly=nxt.title.lower() if nxt.title[:4] == "The " else nxt.title) + " "
                               + (_("Still playing up to that hour: {groups}.").format(groups=", ".join(busy)) if busy else
                                  _("It opens as soon as the teacher is ready.")),
                    "next": nxt.title, "feedback": g.feedback,
                    "hint": _("While you wait, read your role sheet and agree what your group will say.")}
            elif status == "stopped":
                view["screen"] = "waiting"
                view["waiting"] = {"message": _("Your group's story cannot go on ({why}). The teacher has been told.").format(
                    why=g.stopped)}
            else:
                view["screen"] = "ending" if self.players[role].scene.is_ending else "scene"
                view.update(self.scene_view(student))
                if self.floor is not None:
                    view["notice"] = _("{assembly} is meeting on the projector; your group is not part of it, "
                                       "so play on.").format(assembly=self.assemblies[self.floor.id].title)
        return view

    def scene_view(self, student: Student) -> dict:
        """A group's scene, the same for every device in it but for the device's own ballot."""
        role = student.group
        key = (role, self.seq)
        shared = self._scene_views.get(key)
        if shared is None:
            if len(self._scene_views) > 64:
                self._scene_views.clear()
            shared = self._scene_views[key] = self._group_scene(role)
        g = self.groups[role]
        if "scene" not in shared or g.ballots.get(student.id) is None:
            return shared
        number_of = {c["index"]: c["n"] for c in shared["scene"]["choices"]}
        return {**shared, "scene": {**shared["scene"], "my_vote": number_of.get(g.ballots[student.id])}}

    def _group_scene(self, role: str) -> dict:
        g = self.groups[role]
        frame = self.players[role].frame()
        paragraphs = self._paragraphs(frame.paragraphs)
        if frame.is_ending:
            return {"ending": {"title": frame.ending_title, "historical": frame.ending_historical,
                               "paragraphs": paragraphs, "note": frame.note, "scene_title": frame.title,
                               "catch_up": list(g.news)},
                    "codex": self._codex(frame.paragraphs)}
        counts: dict[str, int] = {}
        number_of = {c.index: c.number for c in frame.choices}
        for index in g.ballots.values():
            if index in number_of:
                counts[str(number_of[index])] = counts.get(str(number_of[index]), 0) + 1
        return {"scene": {
            "id": frame.scene_id, "title": frame.title, "image": f"/img/{frame.image}" if frame.image else None,
            "content_note": frame.content_note, "catch_up": list(g.news), "paragraphs": paragraphs,
            "choices": [{"n": c.number, "index": c.index, "text": plain(c.text), "counterfactual": c.counterfactual}
                        for c in frame.choices],
            "note": frame.note, "decide": self.decide_mode if len(self.members(role, present=True)) > 1 else "shared",
            "my_vote": None, "votes": counts,
            "needed": len(self.members(role, present=True)), "feedback": g.feedback},
            "codex": self._codex(frame.paragraphs)}

    def assembly_view(self, student: Student | None) -> dict:
        a = self.assemblies[self.floor.id]
        f = self.floor
        role = student.group if student else ""
        part = next((p for p in self.participants(a) if p.role == role), None)
        motion = a.motions[f.motion]
        v = {"id": a.id, "title": a.title, "body": a.body, "place": a.place, "time": a.time,
             "summary": plain(a.summary), "step": f.step, "floor": f.floor,
             "floor_label": (_("Group {n} — {role}").format(n=self.groups[f.floor].number, role=self.role_name(f.floor))
                             if f.floor else ""),
             "speeches": [{"who": _("Group {n}, {role}").format(n=self.groups[s["role"]].number, role=self.role_name(s["role"]))
                           if s["role"] in self.groups else s["role"], "as": s["as"], "text": s["text"],
                           "written": s["written"]} for s in f.speeches],
             "max_speech": MAX_SPEECH}
        if part is not None:
            v["speaks_as"] = part.speaks_as
            v["my_turn"] = f.step == "speech" and f.floor == role
            if v["my_turn"]:
                v["lines"] = [{"n": n, "text": plain(line.text)} for n, line in enumerate(part.lines, start=1)]
        if f.step in ("vote", "result"):
            v["motion"] = {"id": motion.id, "text": plain(motion.text),
                           "options": [{"id": o.id, "text": o.text} for o in motion.options]
                           + [{"id": "abstain", "text": _("Abstain")}, {"id": "walkout", "text": _("Walk out")}]}
            voters = self.voters(a, f)
            v["can_vote"] = student is not None and student.id in {s.id for s in voters}
            v["my_vote"] = f.votes.get(motion.id, {}).get(student.id) if student else None
            v["cast"] = sum(1 for s in voters if s.id in f.votes.get(motion.id, {}))
            v["voters"] = len(voters)
        if f.step == "result" and f.results:
            v["result"] = {"lines": self.result_lines(a, f.results[-1])}
        return v

    def result_lines(self, a: Assembly, r: dict) -> list[str]:
        from .rules import describe_counts
        m = next(x for x in a.motions if x.id == r["motion"])
        return [plain(m.text), _("The class: {counts}").format(counts=describe_counts(m, r["tally"])),
                _("Result: {option} ({reason})").format(option=m.option(r["result"]).text, reason=r["reason"]),
                _("The class followed history.") if r["result"] == m.historical.result else
                _("The class left history here. {history}: {option}").format(
                    history=history_label(self.story), option=m.option(m.historical.result).text)
                + (f" ({m.historical.recorded})." if m.historical.recorded else ".")]

    def progress(self, private: bool = False) -> list[dict]:
        """Each group's place on the story clock. The scene's title (and why a group stopped) are for the
        teacher only: a title can tell the room what a group chose in private."""
        out = []
        for role, g in self.groups.items():
            s = self.players[role].scene
            out.append({"group": role, "label": _("Group {n}").format(n=g.number), "role_name": self.role_name(role),
                        "students": [{"id": x.id, "name": x.name, "dropped": x.dropped} for x in self.members(role)],
                        "status": self.group_status(role), "time": s.time, "date": s.date,
                        "stamp": scene_stamp(s), "decisions": g.decisions, "ballots": len(g.ballots),
                        "stopped": bool(g.stopped)})
            if private:
                out[-1].update(scene_title=s.title, stopped_why=g.stopped)
        return out

    def projector_view(self) -> dict:
        nxt = self.next_assembly()
        view = {"screen": "assembly" if self.floor is not None and self.stage == "play" else self.stage, "paused": self.paused, "period": self.period, "periods": self.plan.periods,
                "title": self.story.title, "name": self.meta["name"], "code": self.meta["code"],
                "joined": [{"name": s.name, "group": s.group} for s in self.students.values() if not s.dropped],
                "groups": self.progress(), "decide": self.decide_mode, "extra_minutes": self.extra_minutes,
                "period_started_at": self.period_started_at, "period_minutes": self.plan.period_minutes + self.extra_minutes,
                "next_assembly": {"id": nxt.id, "title": nxt.title, "stamp": nxt.stamp} if nxt else None}
        if self.floor is not None:
            view["assembly"] = self.assembly_view(None)
            a = self.assemblies[self.floor.id]
            view["assembly"]["agenda"] = [plain(m.text) for m in a.motions]
            view["assembly"]["participants"] = [{"group": p.role, "label": _("Group {n}").format(n=self.groups[p.role].number),
                                                 "role_name": self.role_name(p.role), "as": p.speaks_as,
                                                 "spoken": p.role in self.floor.spoken} for p in self.participants(a)]
            if self.floor.step == "result":
                view["assembly"]["tally"] = self.floor.results[-1]["tally"] if self.floor.results else {}
        if self.stage == "debrief":
            view["debrief"] = {"lines": self.debrief_lines()}
        return view

    def teacher_view(self) -> dict:
        view = self.projector_view()
        view["groups"] = self.progress(private=True)
        view["notes"] = list(self.notes)
        view["students"] = [{"id": s.id, "name": s.name, "group": s.group, "dropped": s.dropped}
                            for s in self.students.values()]
        view["roles"] = [{"group": r, "role_name": self.role_name(r), "label": _("Group {n}").format(n=g.number)}
                         for r, g in self.groups.items()]
        return view

    def debrief_lines(self) -> list[str]:
        """Built once per change, not once per device asking (a class of 36 all see it at once)."""
        if self._debrief[0] != self.seq:
            from .debrief import debrief_lines
            self._debrief = (self.seq, debrief_lines(self))
        return self._debrief[1]


