"""A classroom session: every group's story, interleaved by in-story time, with shared assemblies.

The session is a small state machine over one JSON-able dictionary (`Session.data`), saved atomically
after every choice, speech and vote, so a killed session resumes exactly. Front ends ask `prompt()` what
to show and ask now, and pass the typed answer to `answer()`.

Privacy: a prompt's `audience` is a role id (only that group may see it: the front end clears the screen
and asks for a hand-off first) or "all" (an assembly, a break, the debrief). What a group sees on its
turn (scene text, choices, notes) is logged with its role and never shown on another group's turn or
written into another group's export. After a resume, a private turn always starts with a hand-off.
"""
from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..chronology import day_and_month
from ..errors import EngineError
from ..i18n.words import _
from ..markup import plain
from ..model import Assembly, Motion, Story
from ..persistence.saves import SLOT_NAME, atomic_write, default_saves_dir, remove_stale_temporaries
from ..runtime import Game, GameState, StateFormatError
from .planner import (Plan, assembly_minutes, historical_choice, historical_reach, historical_route, played_minutes,
                      scene_stamp)
from ..typed import count, number_in
from .outcomes import apply_effects, outcome_effects, skip_cancelled
from .rules import decide, describe_counts, motion_label

SESSION_FORMAT = "petrograd-session"
SESSION_VERSION = 1
MAX_SESSION_BYTES = 20_000_000


class SessionError(EngineError):
    """A session cannot be created, read or continued; the message says why in plain words."""


@dataclass
class Prompt:
    kind: str                 # handoff | scene | ending | agenda | speech | vote_mode | vote | tally | result |
    #                           break | debrief | finished
    audience: str             # a role id (private to that group), "all" (public) or "teacher"
    title: str
    lines: list[str] = field(default_factory=list)      # paragraphs to show
    options: list[str] = field(default_factory=list)    # numbered options, 1-based
    hint: str = ""            # what to type
    role: str = ""            # whose turn (handoff, scene, speech, vote)


def sessions_dir(saves: Path | None = None) -> Path:
    return (Path(saves) if saves else default_saves_dir()) / "sessions"


def check_name(name: str) -> str:
    if not SLOT_NAME.match(name or ""):
        raise SessionError(f"{name!r} is not a usable session name: use up to 40 letters, digits, '-' or '_'")
    return name


def session_path(name: str, saves: Path | None = None) -> Path:
    return sessions_dir(saves) / check_name(name) / "session.json"


class Session:
    def __init__(self, story: Story, data: dict, path: Path):
        self.story = story
        self.game = Game(story)
        self.data = data
        self.path = path
        self.plan = Plan.from_dict(data["plan"])
        self.reach = historical_reach(story)
        self.keyboard: str | None = None          # which group holds the keyboard now (never saved)
        self.notes: list[str] = []                 # things to tell the teacher now (never saved)
        self.players = {}
        self.assemblies = {a.id: a for a in story.assemblies}
        edited = data.get("story", {}).get("content_hash") != story.content_hash
        try:
            for role, state in data["players"].items():
                saved = GameState.from_dict(state)
                if saved.role != role:        # a group playing another group's story: damaged or hand-edited
                    raise StateFormatError(f"the {role!r} group's story is saved under the role {saved.role!r}")
                # An edited story may have renamed or changed scenes: replay the group's choices by their
                # text, as saves do, rather than trusting the saved scene id and variables.
                self.players[role] = self.rebuild(role, saved) if edited else self.game.resume(saved)
        except (StateFormatError, KeyError, EngineError, ValueError) as exc:
            raise SessionError(f"the session's saved stories do not fit this story ({exc})") from None

    def rebuild(self, role: str, saved: GameState):
        """A group's story replayed from the session's log on the story as it is now: its choices by
        their text, and the assemblies' outcomes where they fell. Raises SessionError naming the step
        that no longer fits."""
        if role not in self.story.roles:
            raise SessionError(f"the story no longer has the role {role!r} that this session plays")
        player = self.game.new_player(role, saved.seed)
        step = 0
        for e in self.data["log"]:
            if e.get("t") in ("choice", "narrated") and e.get("role") == role:
                step += 1
                offered = player.available()
                # the story's own words (logged as "source" when a translation was shown), else the words shown
                texts = [plain(c.source_text) for c in offered]
                said = e.get("source", e.get("text"))
                if said not in texts:
                    texts = [plain(c.text) for c in offered]
                ids = [c.id for c in offered]
                if e.get("choice_id") and e["choice_id"] in ids:     # the author's stable id outlives text edits
                    player.choose(offered[ids.index(e["choice_id"])].index)
                    continue
                if said not in texts:
                    raise SessionError(
                        f"the story has changed under this session: step {step} of the {self.story.roles[role].name} "
                        f"group ({e.get('title')!r}, the choice “{e.get('text')}”) is no longer there. Start a new "
                        f"session, or put the story back as it was")
                player.choose(offered[texts.index(said)].index)
            elif e.get("t") == "assembly" and e.get("id") in self.assemblies:
                votes, walked = e.get("votes", {}), e.get("walked_out", [])
                for who, effects in outcome_effects(
                        self.assemblies[e["id"]], e.get("results", []),
                        lambda r, m: votes.get(m, {}).get(r) or ("walkout" if r in walked else None)):
                    if who == role:
                        apply_effects(player.state, effects)
        return player

    # -- creating, loading, saving --------------------------------------------------------------------
    @classmethod
    def create(cls, story: Story, name: str, plan: Plan, saves: Path | None = None, seed: int | None = None,
               overwrite: bool = False, lang: str | None = None) -> "Session":
        path = session_path(name, saves)
        if path.exists() and not overwrite:
            raise SessionError(f"a session named {name!r} exists already; resume it, or choose another name")
        if path.parent.exists():          # --force: the old session's records go with it
            import shutil
            shutil.rmtree(path.parent)
        missing = [a for a in plan.assemblies if a not in {x.id for x in story.assemblies}]
        if missing:
            raise SessionError(f"the plan names assemblies the story does not have: {', '.join(missing)}")
        seed = seed if seed is not None else int.from_bytes(os.urandom(4), "big")
        game = Game(story)
        players = {}
        for n, g in enumerate(plan.groups):
            player = game.new_player(g.role, seed + n)
            players[g.role] = player.state.to_dict()
            player.close()
        data = {
            "format": SESSION_FORMAT, "version": SESSION_VERSION, "name": name,
            "id": secrets.token_hex(8),
            "created": time.strftime("%Y-%m-%d %H:%M"),
            "story": {"id": story.id, "version": story.version, "content_hash": story.content_hash, "title": story.title},
            "plan": plan.to_dict(), "players": players,
            "stage": {"kind": "start"}, "clock": 0.0, "period": 1, "last_role": None,
            "done_assemblies": [], "finished": [], "path_pos": {g.role: 0 for g in plan.groups},
            "routes": {g.role: list(plan.route.get(g.role, [])) for g in plan.groups},
            "news": {g.role: [] for g in plan.groups}, "log": [], "recorded": False,
        }
        if lang:
            data["lang"] = lang          # resume shows it in this language again (only the words differ)
        session = cls(story, data, path)
        session.advance()
        try:
            session.save()
        except SessionError:
            # Nothing of it was saved (a full disk?): leave no half-made folder for `session list`.
            import shutil
            shutil.rmtree(path.parent, ignore_errors=True)
            raise
        return session

    @classmethod
    def load(cls, story: Story, name: str, saves: Path | None = None) -> "Session":
        path = session_path(name, saves)
        data = read_session_file(path)
        remove_stale_temporaries(path.parent)     # left by a kill during a save
        if data["story"].get("id") != story.id:
            raise SessionError(f"this session belongs to another story ({data['story'].get('id')!r})")
        session = cls(story, data, path)
        if data["story"].get("content_hash") != story.content_hash:
            session.notes.append("the story has changed since this session began; it goes on from where it was")
        if session.stage["kind"] in ("debrief", "finished") and not data.get("recorded"):
            # Killed between reaching the debrief and committing its statistics (the transcript may
            # be there already): both steps are idempotent, so do them again.
            session.write_records()
        return session

    def save(self) -> None:
        for role, player in self.players.items():
            self.data["players"][role] = player.state.to_dict()
        raw = json.dumps(self.data, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            atomic_write(self.path, raw)
        except OSError as exc:
            raise SessionError(f"could not save the session to {self.path}: {exc.strerror or exc}") from None

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def stage(self) -> dict:
        return self.data["stage"]

    @property
    def finished(self) -> bool:
        return self.stage["kind"] == "finished"

    def role_name(self, role: str) -> str:
        return self.story.roles[role].name

    def group_label(self, role: str) -> str:
        return self.plan.group(role).label

    def students_in(self, role: str) -> int:
        return len(self.plan.group(role).students)

    # -- what comes next --------------------------------------------------------------------------------
    def pending_assemblies(self) -> list[Assembly]:
        done = set(self.data["done_assemblies"])
        return [self.assemblies[a] for a in self.plan.assemblies if a not in done and a in self.assemblies]

    def next_event(self) -> tuple[str, str] | None:
        best = None
        for n, g in enumerate(self.plan.groups):
            if g.role in self.data["finished"]:
                continue
            stamp = scene_stamp(self.players[g.role].scene)
            key = (stamp, 0, 0 if g.role == self.data["last_role"] else 1, n)
            if best is None or key < best[0]:
                best = (key, ("role", g.role))
        for a in self.pending_assemblies():
            key = (a.stamp, 1, 0, 0)
            if best is None or key < best[0]:
                best = (key, ("assembly", a.id))
        return best[1] if best else None

    def remaining_assembly_minutes(self, skip: str = "") -> float:
        return sum(assembly_minutes(a, self.plan.cast) for a in self.pending_assemblies() if a.id != skip)

    def endings_reserve(self) -> float:
        """Minutes to keep for the endings of the groups still playing (every group sees its ending)."""
        total = 0.0
        for g in self.plan.groups:
            if g.role in self.data["finished"]:
                continue
            path = self.plan.path.get(g.role) or []
            last = self.story.scenes.get(path[-1]) if path else None
            total += (played_minutes(self.story, last) if last is not None and last.is_ending else 3.0)
            total += self.plan.handoff_minutes
        return total

    def over_budget(self, cost: float, skip_assembly: str = "") -> bool:
        """Would `cost` more minutes leave too little for the assemblies, the endings and the debrief?"""
        left = self.plan.total_minutes - self.data["clock"] - self.plan.debrief_minutes
        return cost + self.remaining_assembly_minutes(skip_assembly) + self.endings_reserve() > left

    def needs_break(self, cost: float) -> bool:
        period = self.data["period"]
        return period < self.plan.periods and self.data["clock"] + cost > period * self.plan.period_minutes

    def current_route(self, role: str) -> list:
        """[[scene, choice index], ...]: the way back to history this group is following (narrated scenes)."""
        return self.data.setdefault("routes", {}).setdefault(role, list(self.plan.route.get(role, [])))

    def current_path(self, role: str) -> list[str]:
        return [sid for sid, _unused in self.current_route(role)]

    def should_play(self, role: str, scene) -> bool:
        """Endings and scenes that leave history are always played; the historical path is played where
        the plan says so and narrated elsewhere; other scenes are played while the time lasts."""
        if scene.is_ending or scene.counterfactual:
            return True
        if scene.id in self.current_path(role) and scene.id not in self.plan.play.get(role, []):
            return False
        return not self.over_budget(played_minutes(self.story, scene))

    def scene_cost(self, role: str, scene) -> float:
        cost = played_minutes(self.story, scene)
        if role != self.data["last_role"]:
            cost += self.plan.handoff_minutes
        return cost

    def advance(self) -> None:
        """Move to the next thing that needs someone at the keyboard, narrating scenes in between."""
        for _unused in range(10_000):
            if self.stage["kind"] in ("debrief", "finished"):
                return
            nxt = self.next_event()
            if nxt is None or self.data.get("stop"):
                self.begin_debrief()
                return
            kind, ref = nxt
            if kind == "assembly":
                assembly = self.assemblies[ref]
                cost = assembly_minutes(assembly, self.plan.cast)
                if assembly.optional and self.over_budget(cost, ref):
                    self.data["done_assemblies"].append(ref)
                    self.data["log"].append({"t": "skipped_assembly", "id": ref, "title": assembly.title,
                                             "reason": "no time left in the lesson"})
                    continue
                if self.needs_break(cost):
                    self.data["stage"] = {"kind": "break", "period": self.data["period"]}
                    return
                self.data["stage"] = {"kind": "assembly", "id": ref, "step": "agenda", "speaker": 0, "motion": 0,
                                      "voter": 0, "mode": "", "speeches": [], "votes": {}, "tallies": {},
                                      "walked_out": [], "results": []}
                return
            role = ref
            player = self.players[role]
            scene = player.scene
            if self.should_play(role, scene):
                cost = self.scene_cost(role, scene)
                if self.needs_break(cost):
                    self.data["stage"] = {"kind": "break", "period": self.data["period"]}
                    return
                self.data["stage"] = {"kind": "ending" if scene.is_ending else "scene", "role": role}
                return
            self.narrate(role)
        raise SessionError("the session could not find its next step (a loop in the story?)")

    def narrate(self, role: str) -> None:
        """Take the historical choice for a group in a scene the plan does not play in full."""
        player = self.players[role]
        scene = player.scene
        choice = self.path_choice(role)
        if choice is None:          # off the planned path: find the way back to history from here
            self.data["routes"][role] = [list(step) for step in historical_route(
                self.story, self.game, role, self.reach, start=player.state, greedy=False)]
            self.data["path_pos"][role] = 0
            choice = self.path_choice(role) or historical_choice(player, self.reach)
        if choice is None:   # a dead end in the story: the checker should have caught it
            self.data["finished"].append(role)
            self.data["log"].append({"t": "stuck", "role": role, "scene": scene.id, "title": scene.title})
            return
        self.data["log"].append(self.choice_event("narrated", role, choice.index, paragraphs=[]))
        self.data["news"][role].append(f"{scene.title} ({scene.date[5:]} {scene.time}): {plain(choice.text)}")
        player.choose(choice.index)
        self.note_path(role)

    def path_choice(self, role: str):
        """The open choice leading to the next scene of the role's planned historical path, if any."""
        player = self.players[role]
        route = self.current_route(role)
        pos = self.data["path_pos"].get(role, 0)
        if pos < len(route) - 1 and route[pos][0] == player.state.scene:
            index = route[pos][1]
            return next((c for c in player.available() if c.index == index), None)
        return None

    def note_path(self, role: str) -> None:
        path = self.current_path(role)
        pos = self.data["path_pos"].get(role, 0)
        scene = self.players[role].state.scene
        if pos < len(path) - 1 and path[pos + 1] == scene:
            self.data["path_pos"][role] = pos + 1
        elif scene in path[pos:]:
            self.data["path_pos"][role] = path.index(scene, pos)

    def choice_event(self, kind: str, role: str, index: int, paragraphs: list[str]) -> dict:
        player = self.players[role]
        scene = player.scene
        choice = scene.choices[index]
        hist = historical_choice(player, self.reach)
        target = self.story.scenes.get(choice.target)
        event = {
            "t": kind, "role": role, "scene": scene.id, "title": scene.title, "stamp": scene_stamp(scene),
            "place": scene.place, "paragraphs": paragraphs, "choice": index, "text": plain(choice.text),
            "choice_id": choice.id,
            "counterfactual": bool(choice.counterfactual or (target is not None and target.counterfactual)),
            "historical_choice": plain(hist.text) if hist is not None else "",
            "historical_index": hist.index if hist is not None else -1,
            "offered": len(player.available()), "note": scene.note, "students": self.students_in(role),
            # the number the group saw beside it (the scene's index counts choices not offered too)
            "number": next((n for n, c in enumerate(player.available(), start=1) if c.index == index), 0),
        }
        if choice.original:
            event["source"] = plain(choice.original)     # replays the step in any language (rebuild)
        return event

    # -- prompts ------------------------------------------------------------------------------------------
    def prompt(self) -> Prompt:
        st = self.stage
        kind = st["kind"]
        if kind in ("scene", "ending") and self.keyboard != st["role"]:
            role = st["role"]
            return Prompt("handoff", "all", _("Pass to {group} — {role}").format(group=self.group_label(role),
                                                                                     role=self.role_name(role)),
                          [_("The screen is hidden. Only {group} ({title}) should look now.").format(
                              group=self.group_label(role), title=self.story.roles[role].title)],
                          [], _("Press Enter when only they can see the screen."), role)
        if kind == "scene":
            return self.scene_prompt(st["role"])
        if kind == "ending":
            return self.ending_prompt(st["role"])
        if kind == "assembly":
            return self.assembly_prompt(st)
        if kind == "break":
            p = st["period"]
            return Prompt("break", "all", _("End of period {n} of {count}").format(n=p, count=self.plan.periods),
                          [_("The plan ends period {n} here. The session is saved after every step.").format(n=p),
                           _("To stop now, type :quit and next lesson run `{command}`.").format(
                               command=f"petrograd session resume {self.data['name']}")],
                          [], _("Press Enter to go on with the session now."))
        if kind == "debrief":
            from .debrief import debrief_lines
            return Prompt("debrief", "all", _("Debrief"), debrief_lines(self), [],
                          _("Press Enter to close the session (the records are saved)."))
        return Prompt("finished", "all", _("The session is over"),
                      [_("Records are in {folder}.").format(folder=self.directory)], [], "")

    def scene_prompt(self, role: str) -> Prompt:
        frame = self.players[role].frame()
        lines = self.catch_up(role)
        if frame.content_note:
            lines.append(_("[Content note: {note}]").format(note=frame.content_note))
        lines += frame.paragraphs
        options = [plain(c.text) + ("  " + _("(leaves history)") if c.counterfactual else "") for c in frame.choices]
        header = f"{self.role_name(role)} · {long_stamp(frame.date, frame.time)} · {frame.place}"
        return Prompt("scene", role, f"{header}\n{frame.title}", lines, options,
                      _("Type the number of your choice.") if options else _("Type :back to the teacher."), role)

    def catch_up(self, role: str) -> list[str]:
        """What happened to the group's story, following history, since its last turn."""
        news = self.data["news"].get(role) or []
        if not news:
            return []
        played = any(e["t"] == "choice" and e["role"] == role for e in self.data["log"])
        when = (_("Since your last turn the story went on (following history):") if played else
                _("Before your first turn the story went on (following history):"))
        return [when] + [f"  · {n}" for n in news] + [""]

    def ending_prompt(self, role: str) -> Prompt:
        frame = self.players[role].frame()
        lines = self.catch_up(role) + list(frame.paragraphs)
        kind = _("The historical ending: {title}") if frame.ending_historical else _("An ending: {title}")
        lines.append(kind.format(title=frame.ending_title))
        if frame.ending_summary:
            lines.append(frame.ending_summary)
        if frame.note:
            lines.append(_("What really happened: {note}").format(note=frame.note))
        header = f"{self.role_name(role)} · {long_stamp(frame.date, frame.time)} · {frame.place}"
        return Prompt("ending", role, f"{header}\n{frame.title}", lines, [],
                      _("Press Enter: this group's story is over (they still take part in assemblies)."), role)

    def participants(self, assembly: Assembly):
        cast = set(self.plan.cast)
        return [p for p in assembly.participants if p.role in cast]

    def voters(self, assembly: Assembly, st: dict):
        return [p for p in self.participants(assembly) if p.votes and p.role not in st["walked_out"]]

    def assembly_prompt(self, st: dict) -> Prompt:
        a = self.assemblies[st["id"]]
        step = st["step"]
        where = f"{long_stamp(a.date, a.time)} · {a.place}"
        if step == "agenda":
            lines = [where, a.body, ""] if a.body else [where, ""]
            if a.content_note:
                lines.append(_("[Content note: {note}]").format(note=a.content_note))
            lines.append(plain(a.summary))
            for m in a.motions:
                lines += ["", _("MOTION: {text}").format(text=plain(m.text)), "  " + " / ".join(o.text for o in m.options),
                          "  " + rule_words(m)]
            speakers = [f"{p.speaks_as} ({self.group_label(p.role)})" for p in self.participants(a)]
            lines += ["", _("Speaking, in order: {speakers}").format(speakers="; ".join(speakers))]
            return Prompt("agenda", "all", _("ASSEMBLY: {title}").format(title=a.title), lines, [],
                          _("Everyone to the front. Press Enter to open the floor."))
        if step == "speech":
            p = self.participants(a)[st["speaker"]]
            said = [f"{s['as']}: “{s['text']}”" for s in st["speeches"]]
            lines = ([_("Said so far:")] + [f"  {x}" for x in said] + [""]) if said else []
            who = mid_sentence(p.speaks_as) + (" " + _("(a stand-in: you voice this person for the class)") if p.stand_in else "")
            lines.append(_("{group}, you speak as {who}. Choose your line:").format(group=self.group_label(p.role), who=who))
            return Prompt("speech", "all", _("ASSEMBLY: {title} — the floor").format(title=a.title), lines,
                          [plain(ln.text) + stance_words(a, ln.supports) for ln in p.lines],
                          _("Type the number of the line you say."), p.role)
        if step == "mode":
            lines = [_("{n} groups may vote here; or the whole class votes by show of hands.").format(
                n=len(self.voters(a, st)))]
            return Prompt("vote_mode", "teacher", _("ASSEMBLY: {title} — the vote").format(title=a.title), lines,
                          [_("Each group votes in turn (a group's vote counts once per student in it)"),
                           _("Show of hands: the teacher types the counts for the whole class")],
                          _("Teacher: type 1 or 2."))
        if step == "result":
            return Prompt("result", "all", _("ASSEMBLY: {title} — the result").format(title=a.title),
                          self.result_lines(a, st), [], _("Press Enter to go on."))
        motion = a.motions[st["motion"]]
        if step == "vote":
            p = self.voters(a, st)[st["voter"]]
            opts = [o.text for o in motion.options] + [_("Abstain"), _("Walk out of the assembly")]
            return Prompt("vote", "all", _("ASSEMBLY: {title} — roll call").format(title=a.title),
                          [_("MOTION: {text}").format(text=plain(motion.text)), "",
                           _("{group} ({speaks_as}, {n} votes): how do you vote?").format(
                               group=self.group_label(p.role), speaks_as=p.speaks_as, n=self.students_in(p.role))],
                          opts, _("Type the number of your vote."), p.role)
        if step == "tally":
            names = tally_order(motion)
            return Prompt("tally", "teacher", _("ASSEMBLY: {title} — show of hands").format(title=a.title),
                          [_("MOTION: {text}").format(text=plain(motion.text)), "",
                           _("Count the hands for each, in this order: {options}.").format(options="; ".join(names)),
                           _("The class has {n} students.").format(n=self.plan.students)],
                          [], _("Teacher: type {n} numbers in that order, e.g. {example} (the last may be left off).").format(
                              n=len(names), example=" ".join(["5", "4"] + ["0"] * (len(names) - 2))))
        raise SessionError(f"unknown assembly step {step!r}")

    def result_lines(self, a: Assembly, st: dict) -> list[str]:
        from .debrief import without_stop
        lines = []
        for r in st["results"]:
            m = next(x for x in a.motions if x.id == r["motion"])
            lines += [_("MOTION: {text}").format(text=plain(m.text)),
                      "  " + _("The class: {counts}").format(counts=describe_counts(m, r["tally"])),
                      "  " + _("Result: {option} — {reason}").format(option=m.option(r["result"]).text, reason=r["reason"]),
                      f"  {history_label(self.story)}: {m.option(m.historical.result).text}"
                      + (f" ({without_stop(m.historical.recorded)})" if m.historical.recorded else ""),
                      f"  {m.historical.note}" if m.historical.note else "", ""]
            lines.append("  " + (_("The class followed history.") if r["result"] == m.historical.result
                                 else _("The class left history here.")))
            lines.append("")
        if st["walked_out"]:
            lines.append(_("Walked out: {groups}").format(groups=", ".join(self.role_name(r) for r in st["walked_out"])))
        return lines

    # -- answers --------------------------------------------------------------------------------------------
    def answer(self, text: str) -> str:
        """Apply one line of input to the current prompt. Returns a message for the screen ('' if none);
        raises nothing for bad input (the message says what to type)."""
        text = text.strip()
        st = self.stage
        kind = st["kind"]
        if kind in ("scene", "ending") and self.keyboard != st["role"]:
            if text:
                return "Press Enter (an empty line) once the right group has the keyboard."
            self.keyboard = st["role"]
            return ""
        if kind == "scene":
            return self.answer_scene(st["role"], text)
        if kind == "ending":
            role = st["role"]
            frame = self.players[role].frame()
            self.data["log"].append({"t": "ending", "role": role, "scene": frame.scene_id, "title": frame.title,
                                     "stamp": f"{frame.date} {frame.time.zfill(5)}", "paragraphs": list(frame.paragraphs),
                                     "ending_title": frame.ending_title, "historical": frame.ending_historical,
                                     "summary": frame.ending_summary, "note": frame.note,
                                     "students": self.students_in(role)})
            self.data["news"][role] = []
            self.data["finished"].append(role)
            self.data["clock"] += self.scene_cost(role, self.players[role].scene)
            self.data["last_role"] = role
            return self.step_done()
        if kind == "assembly":
            return self.answer_assembly(st, text)
        if kind == "break":
            self.data["log"].append({"t": "break", "period": st["period"]})
            self.data["clock"] = max(self.data["clock"], st["period"] * self.plan.period_minutes)
            self.data["period"] = st["period"] + 1
            self.data["last_role"] = None
            self.keyboard = None
            self.data["stage"] = {"kind": "continue"}
            return self.step_done()
        if kind == "debrief":
            self.data["stage"] = {"kind": "finished"}
            self.save()
            return ""
        return _("The session is over.")

    def step_done(self) -> str:
        self.advance()
        self.save()
        return ""

    def answer_scene(self, role: str, text: str) -> str:
        frame = self.players[role].frame()
        number = number_in(text, 1, len(frame.choices))
        if number is None:
            return (_("Type a number from 1 to {n}.").format(n=len(frame.choices)) if frame.choices
                    else _("No choice is open here."))
        chosen = frame.choices[number - 1]
        event = self.choice_event("choice", role, chosen.index, list(frame.paragraphs))
        self.data["clock"] += self.scene_cost(role, self.players[role].scene)
        self.data["last_role"] = role
        self.data["log"].append(event)
        self.data["news"][role] = []
        self.players[role].choose(chosen.index)
        self.note_path(role)
        return self.step_done()

    def answer_assembly(self, st: dict, text: str) -> str:
        a = self.assemblies[st["id"]]
        step = st["step"]
        if step == "agenda":
            self.keyboard = "all"
            st["step"] = "speech" if self.participants(a) else "mode"
            self.save()
            return ""
        if step == "speech":
            p = self.participants(a)[st["speaker"]]
            number = number_in(text, 1, len(p.lines))
            if number is None:
                return _("Type a number from 1 to {n}.").format(n=len(p.lines))
            line = p.lines[number - 1]
            st["speeches"].append({"role": p.role, "as": p.speaks_as, "line": number - 1,
                                   "text": plain(line.text), "supports": line.supports})
            st["speaker"] += 1
            if st["speaker"] >= len(self.participants(a)):
                st["step"] = "mode" if self.voters(a, st) else "tally"
                if not self.voters(a, st):
                    st["mode"] = "hands"
            self.save()
            return ""
        if step == "mode":
            if text not in ("1", "2"):
                return _("Teacher: type 1 (groups vote in turn) or 2 (show of hands).")
            st["mode"] = "groups" if text == "1" else "hands"
            st["step"] = "vote" if st["mode"] == "groups" else "tally"
            st["voter"] = 0
            self.save()
            return ""
        if step == "result":
            self.close_assembly(a, st)
            return self.step_done()
        motion = a.motions[st["motion"]]
        if step == "vote":
            voters = self.voters(a, st)
            p = voters[st["voter"]]
            n = len(motion.options)
            number = number_in(text, 1, n + 2)
            if number is None:
                return _("Type a number from 1 to {n}.").format(n=n + 2)
            k = number - 1
            vote = motion.options[k].id if k < n else ("abstain" if k == n else "walkout")
            st["votes"].setdefault(motion.id, {})[p.role] = vote
            if vote == "walkout":
                st["walked_out"].append(p.role)
            else:
                st["voter"] += 1
            if st["voter"] >= len(self.voters(a, st)):
                self.finish_motion(a, st, motion)
            self.save()
            return ""
        if step == "tally":
            names = [o.id for o in motion.options] + ["abstain", "walkout"]
            parts = text.replace(",", " ").split()
            if len(parts) not in (len(names), len(names) - 1) or not all(count(x) is not None for x in parts):
                return _("Type {n} whole numbers, in this order: {options} (walking out may be left off).").format(
                    n=len(names), options="; ".join(tally_order(motion)))
            counts = dict(zip(names, (count(x) for x in parts)))
            if sum(counts.values()) > self.plan.students:
                return _("That is {hands} hands, but the class has {n} students.").format(
                    hands=sum(counts.values()), n=self.plan.students)
            st["tallies"][motion.id] = counts
            self.finish_motion(a, st, motion, counts)
            self.save()
            return ""
        return ""

    def finish_motion(self, a: Assembly, st: dict, motion: Motion, counts: dict | None = None) -> None:
        if counts is None:   # groups voted: each group's vote counts once per student in it
            counts = {}
            for role, vote in st["votes"].get(motion.id, {}).items():
                counts[vote] = counts.get(vote, 0) + self.students_in(role)
            for role in st["walked_out"]:
                if role not in st["votes"].get(motion.id, {}):
                    counts["walkout"] = counts.get("walkout", 0) + self.students_in(role)
        chair_vote = st["votes"].get(motion.id, {}).get(motion.chair) if motion.chair else None
        decision = decide(motion, counts, chair_vote)
        st["results"].append({"motion": motion.id, "tally": counts, "result": decision.result,
                              "decided": decision.decided, "reason": decision.reason,
                              "historical": motion.historical.result})
        st["motion"] += 1
        st["voter"] = 0
        if st["motion"] >= len(a.motions):
            self.apply_outcomes(a, st)
            st["step"] = "result"
        elif st["mode"] == "groups":
            st["step"] = "vote"
            if not self.voters(a, st):    # every group has walked out: nothing left to count
                self.finish_motion(a, st, a.motions[st["motion"]])
        else:
            st["step"] = "tally"

    def apply_outcomes(self, a: Assembly, st: dict) -> None:
        """The votes change every group's story (see outcomes.py for the order)."""
        applied = []
        for role, effects in outcome_effects(a, st["results"], lambda r, m: st["votes"].get(m, {}).get(r)
                                             or ("walkout" if r in st["walked_out"] else None)):
            if role in self.players:
                apply_effects(self.players[role].state, effects)
                applied += [[role, e.info.source] for e in effects]
        st["applied"] = applied

    def close_assembly(self, a: Assembly, st: dict) -> None:
        self.data["log"].append({
            "t": "assembly", "id": a.id, "title": a.title, "stamp": a.stamp, "place": a.place, "mode": st["mode"],
            "speeches": st["speeches"], "votes": st["votes"], "walked_out": st["walked_out"], "results": st["results"],
            "applied": st.get("applied", []),
        })
        self.data["done_assemblies"].append(a.id)
        skip_cancelled(self.pending_assemblies(), self.data["log"], self.data["done_assemblies"])
        self.data["clock"] += assembly_minutes(a, self.plan.cast)
        self.data["last_role"] = None
        self.keyboard = None
        self.data["stage"] = {"kind": "continue"}

    # -- the end ----------------------------------------------------------------------------------------------
    def request_debrief(self) -> None:
        """The teacher ends play early: go to the debrief with what has been played."""
        if self.stage["kind"] in ("debrief", "finished"):
            return
        self.data["stop"] = True
        self.data["stage"] = {"kind": "continue"}
        self.keyboard = None
        self.advance()
        self.save()

    def begin_debrief(self) -> None:
        self.data["stage"] = {"kind": "debrief"}
        self.keyboard = None
        self.save()
        self.write_records()

    def write_records(self) -> None:
        """Transcripts and CSV into the session's folder, and the class statistics (idempotent)."""
        import sqlite3
        from .debrief import write_exports
        from .stats import record_session
        try:
            write_exports(self)
        except OSError as exc:
            raise SessionError(f"could not write the session's records: {exc.strerror or exc}") from None
        try:
            record_session(self)      # replaces any earlier record of this session: safe to repeat
        except (sqlite3.Error, OSError) as exc:   # the statistics are a convenience; keep the session
            self.notes.append(f"class statistics not recorded: {exc}")
            return
        self.data["recorded"] = True  # only now: a resume before this point records again
        self.save()


def read_session_file(path: Path) -> dict:
    from ..persistence.saves import read_envelope
    return read_envelope(path, MAX_SESSION_BYTES, kind="session", fmt=SESSION_FORMAT, version=SESSION_VERSION,
                         sections=(("story", dict), ("plan", dict), ("players", dict), ("stage", dict), ("log", list)),
                         error=SessionError, missing=f"no session named {path.parent.name!r} (looked in {path.parent.parent})",
                         shown=str(path))


def list_sessions(saves: Path | None = None) -> list[tuple[str, str]]:
    """(name, one-line description) of every session folder."""
    out = []
    root = sessions_dir(saves)
    if not root.is_dir():
        return out
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if (folder / "events.sqlite").is_file():          # a class on devices (session host)
            from .hosted import describe_hosted
            out.append((folder.name, describe_hosted(folder)))
            continue
        try:
            data = read_session_file(folder / "session.json")
            plan = data["plan"]
            state = data["stage"].get("kind")
            out.append((folder.name, f"{data['story'].get('title', '?')}, {plan['students']} students, "
                        f"{plan['periods']} × {plan['period_minutes']} min, created {data.get('created', '?')}, "
                        f"{'finished' if state in ('debrief', 'finished') else 'in progress'}"))
        except SessionError as exc:
            out.append((folder.name, f"damaged ({exc})"))
    return out




def long_stamp(date: str, clock: str) -> str:
    """`14 October 1066, 09:00` in the language shown."""
    return _("{day}, {clock}").format(day=long_day(date), clock=clock) if clock else long_day(date)


def long_day(date: str) -> str:
    """`14 October 1066` in the language shown."""
    try:
        y, m, d = (int(x) for x in date.split("-"))
        return _("{day_and_month} {year}").format(day_and_month=day_and_month(d, m), year=y)
    except (ValueError, IndexError):
        return date


def history_label(story: Story) -> str:
    """The story's words that introduce what really happened, as a sentence starts: "In 1905"
    (its manifest's history_label; "In history" if it gives none)."""
    return story.history_label or _("In history")


def history_label_mid(story: Story) -> str:
    """The same words inside a sentence: "in 1905"."""
    label = history_label(story)
    return label[:1].lower() + label[1:]


def rule_words(m: Motion) -> str:
    rule = {"majority": _("More than half of the votes cast carries"),
            "plurality": _("The option with most votes carries"),
            "unanimous": _("Only a unanimous vote carries")}[m.rule]
    extra = []
    if m.abstentions == "against":
        extra.append(_("abstentions count in the total"))
    else:
        extra.append(_("abstentions do not count"))
    if m.walkouts == "against":
        extra.append(_("walkouts count for the default"))
    if m.quorum:
        extra.append(_("at least {share} must stay").format(share=f"{m.quorum:.0%}"))
    extra.append(_("a tie is broken by the chair") if m.ties == "chair" else _("a tie leaves things as they are"))
    default = m.option(m.default)
    return _("{rule}; {conditions}. If nothing carries: {default}.").format(
        rule=rule, conditions=", ".join(extra), default=default.text if default else m.default)


def stance_words(a: Assembly, supports: str) -> str:
    """What a prepared line argues for, in the option's and the motion's own words."""
    if not supports:
        return ""
    motion_id, _unused, option_id = supports.partition(".")
    motion = next((m for m in a.motions if m.id == motion_id), None)
    option = motion.option(option_id) if motion else None
    if option is None:
        return ""
    label = motion_label(motion)
    which = f" ({label})" if len(a.motions) > 1 and label.lower() not in option.text.lower() else ""
    return "  " + _("[argues for: {option}]").format(option=option.text + which)


def tally_order(motion: Motion) -> list[str]:
    """The counts a show of hands asks for, in the order they are typed, in people's words."""
    return [o.text for o in motion.options] + [_("abstaining"), _("walking out")]


def mid_sentence(name: str) -> str:
    """'A district reporter' as it reads inside a sentence: 'a district reporter' (names stay as they are)."""
    first, _unused, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if rest and first in ("A", "An", "The") else name
