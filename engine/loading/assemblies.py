"""The `assemblies:` and `classroom:` sections: shared votes and teacher material for classroom sessions.

Called by StoryBuilder.build() after variables, scenes and the manifest are read, so that roles,
variables and scenes can be checked here. Every problem is reported with its position (codes PG600+,
plus the generic structure codes PG2xx and the expression codes PG4xx); nothing raises.
"""
from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from ..errors import SourceSpan
from ..model import (DEFAULT_CLASSROOM, Assembly, AssemblyLine, Classroom, DebriefQuestion,
                     HistoricalVote, Motion, MotionOption, Objective, Participant, RoleBrief, SourceSummary)
from ..session.rules import ABSTENTIONS, RULES, SPECIAL, TIES, WALKOUTS, decide
from .yaml_source import Mapping, Sequence, Text, span_of

ASSEMBLY_FIELDS = {"id", "title", "date", "time", "place", "body", "summary", "minutes", "optional", "priority", "sources",
                   "content_note", "present", "motions", "questions", "events", "cancelled_by"}
PARTICIPANT_FIELDS = {"role", "as", "stand_in", "votes", "lines", "on_vote"}
MOTION_FIELDS = {"id", "text", "options", "default", "rule", "abstentions", "ties", "walkouts", "quorum", "chair",
                 "historical", "outcomes", "on_divided"}
CLASSROOM_FIELDS = {"reading_rate", "decision_minutes", "handoff_minutes", "debrief_minutes", "objectives",
                    "content_notes", "cast_order", "roles", "questions"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Placeholders an assembly's own questions may use, and those any question may use.
LOCAL_PLACEHOLDERS = {"title", "result", "counts", "history", "recorded"}
ASSEMBLY_KEYS = {"title", "result", "counts", "history", "recorded"}
ROLE_KEYS = {"name", "players", "ending"}


def load_classroom(builder) -> tuple[tuple[Assembly, ...], Classroom | None]:
    """Read every file's `assemblies:` list and the one `classroom:` block."""
    loader = _Loader(builder)
    for display, data in builder.files:
        at = SourceSpan(display, 1, 1)
        for item in builder.read.seq(data.get("assemblies"), "assemblies:", at):
            loader.assembly(item, at)
    classroom = None
    for display, data in builder.files:
        if data.get("classroom") is None:
            continue
        if classroom is not None:
            key = next(k for k in data if k == "classroom")
            builder.sink.report("PG300", key.span, "classroom: is given in two files; keep one")
            continue
        classroom = loader.classroom(data["classroom"], SourceSpan(display, 1, 1))
    loader.check_questions(classroom)
    loader.check_cancellations()
    assemblies = tuple(sorted(loader.assemblies.values(), key=lambda a: (a.stamp, a.id)))
    return assemblies, classroom


class _Loader:
    def __init__(self, builder):
        self.b = builder
        self.read = builder.read
        self.sink = builder.sink
        self.assemblies: dict[str, Assembly] = {}
        self.questions: list[tuple[str, SourceSpan, str | None]] = []   # (text, span, own assembly id)
        self._role_reads: dict[str, set[str]] | None = None

    # -- helpers -------------------------------------------------------------------------------------
    def role_ref(self, value: Any, at: SourceSpan, what: str) -> str | None:
        rid = self.read.ident(value, what, at)
        if rid is None:
            return None
        if rid not in self.b.roles:
            self.sink.report("PG600", span_of(value, at), f"{what} {rid!r} is not a role of this story; roles are: "
                             + ", ".join(sorted(self.b.roles)))
            return None
        return rid

    def texts(self, value: Any, what: str, at: SourceSpan) -> tuple[str, ...]:
        return tuple(t for t in (self.read.text(v, what, at) for v in self.read.seq(value, what, at)) if t)

    def role_reads(self) -> dict[str, set[str]]:
        """Variables each role's scenes read (in conditions and effect values)."""
        if self._role_reads is None:
            reads: dict[str, set[str]] = {r: set() for r in self.b.roles}
            for scene in self.b.scenes.values():
                found: set[str] = set()
                for item in scene.expressions():
                    found |= item.info.reads
                found |= scene.text_reads()
                for r in scene.roles:
                    reads.setdefault(r, set()).update(found)
            self._role_reads = reads
        return self._role_reads

    def role_writes(self, rid: str) -> set[str]:
        """Variables a role's play can change: its scenes' effects, and the assemblies' outcomes and votes
        that reach it."""
        found: set[str] = set()
        for scene in self.b.scenes.values():
            if rid in scene.roles:
                for item in scene.expressions():
                    found |= item.info.writes
        for assembly in self.assemblies.values():
            for motion in assembly.motions:
                for per_role in motion.effect_blocks():
                    for effect in per_role.get(rid, ()):
                        found |= effect.info.writes
            for part in assembly.participants:
                if part.role == rid:
                    for effects in part.on_vote.values():
                        for effect in effects:
                            found |= effect.info.writes
        return found

    def role_effects(self, value: Any, at: SourceSpan, what: str) -> dict[str, tuple]:
        """{role: [effects]} with each effect compiled against the story's variables."""
        out: dict[str, tuple] = {}
        if value is None:
            return out
        if not isinstance(value, Mapping):
            self.sink.report("PG202", span_of(value, at), f"{what} should be a block of role: [effects]")
            return out
        for key, effects in value.items():
            rid = self.role_ref(key, key.span, "role")
            compiled = self.b.effects(effects, span_of(effects, key.span))
            if rid is None:
                continue
            self.check_effect_roles(rid, compiled, effects, key.span)
            out[rid] = compiled
        return out

    def check_effect_roles(self, rid: str, compiled, raw: Any, at: SourceSpan) -> None:
        reads = self.role_reads().get(rid, set())
        items = raw if isinstance(raw, Sequence) else [raw]
        for effect, item in zip(compiled, [i for i in items if isinstance(i, Text)]):
            for name in effect.info.writes:
                if name not in reads:
                    self.sink.report("PG603", span_of(item, at),
                                     f"this effect changes {name}, which no scene of role {rid} reads: "
                                     "it cannot change that role's story")

    # -- assemblies ----------------------------------------------------------------------------------
    def assembly(self, item: Any, at: SourceSpan) -> None:
        found = self.read.entry(item, "an assembly", at, ASSEMBLY_FIELDS,
                                {"id", "title", "date", "time", "place", "present", "motions"}, "assembly", self.assemblies)
        if found is None:
            return
        block, aid = found
        span = block["id"].span
        date, time = block.get("date"), block.get("time")
        if date is not None:
            self.b.date(date, "date", block.span)
        if time is not None:
            from .builder import TIME
            match = TIME.match(time) if isinstance(time, Text) else None
            if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
                self.sink.report("PG205", span_of(time, block.span), f"time {str(time)!r} should look like \"21:40\"")
        citations = self.b.citations(block.get("sources"), block.span)
        motions: list[Motion] = []
        raw_motions = self.read.seq(block.get("motions"), "motions", block.span)
        seen_motions: set[str] = set()
        # Motions first (participants' lines refer to their options); chair checked after participants.
        motion_blocks = []
        for m in raw_motions:
            mb = self.read.block(m, "a motion", block.span, MOTION_FIELDS, {"id", "text", "options", "default", "historical"})
            if mb is None:
                continue
            mid = self.read.ident(mb.get("id"), "motion id", mb.span)
            if mid is None:
                continue
            if mid in seen_motions:
                self.sink.report("PG300", mb["id"].span, f"the motion id {mid!r} is used twice in assembly {aid}")
                continue
            seen_motions.add(mid)
            motion_blocks.append((mid, mb))
        if not motion_blocks and block.get("motions") is not None:
            self.sink.report("PG607", span_of(block.get("motions"), block.span), f"assembly {aid} has no motion to vote on")
        options_of: dict[str, list[str]] = {}
        for mid, mb in motion_blocks:
            ids = []
            for o in self.read.seq(mb.get("options"), "options", mb.span):
                ob = self.read.block(o, "an option", mb.span, {"id", "text"}, {"id", "text"})
                if ob is None:
                    continue
                oid = self.read.ident(ob.get("id"), "option id", ob.span)
                if oid is None:
                    continue
                if oid in ids or oid in SPECIAL:
                    why = "used twice" if oid in ids else "reserved (abstain and walkout are always offered)"
                    self.sink.report("PG300", ob["id"].span, f"the option id {oid!r} is {why}")
                    continue
                ids.append(oid)
            options_of[mid] = ids
            if len(ids) < 2:
                self.sink.report("PG607", mb.span, f"motion {mid} needs at least two options to vote between")
        first = motion_blocks[0][0] if motion_blocks else None

        def option_key(value: Any, at: SourceSpan, allow_special: bool, what: str) -> str | None:
            """'option' (of the first motion) or 'motion.option' -> 'motion.option'."""
            text = self.read.text(value, what, at)
            if not text:
                return None
            motion_id, _, option_id = text.rpartition(".")
            motion_id = motion_id or first
            if motion_id not in options_of:
                self.sink.report("PG601", span_of(value, at), f"{what} {text!r} names no motion of assembly {aid}")
                return None
            allowed = options_of[motion_id] + (list(SPECIAL) if allow_special else [])
            if option_id not in allowed:
                self.sink.report("PG601", span_of(value, at), f"{what} {text!r}: motion {motion_id} has no option "
                                 f"{option_id!r}; options are: " + ", ".join(allowed))
                return None
            return f"{motion_id}.{option_id}"

        participants: list[Participant] = []
        seen_roles: set[str] = set()
        for p in self.read.seq(block.get("present"), "present", block.span):
            pb = self.read.block(p, "a participant", block.span, PARTICIPANT_FIELDS, {"role", "lines"})
            if pb is None:
                continue
            rid = self.role_ref(pb.get("role"), pb.span, "role")
            if rid is None:
                continue
            if rid in seen_roles:
                self.sink.report("PG300", pb["role"].span, f"role {rid} is present twice at assembly {aid}")
                continue
            seen_roles.add(rid)
            lines = []
            for ln in self.read.seq(pb.get("lines"), "lines", pb.span):
                lb = self.read.block(ln, "a line", pb.span, {"text", "supports"}, {"text"})
                if lb is None:
                    continue
                if isinstance(lb.get("text"), Text):
                    self.b.check_links(lb["text"])
                supports = option_key(lb["supports"], lb.span, False, "supports") if lb.get("supports") is not None else ""
                lines.append(AssemblyLine(self.read.text(lb.get("text"), "line", lb.span), supports or ""))
            if not lines and isinstance(pb.get("lines"), Sequence):
                self.sink.report("PG607", pb["lines"].span, f"role {rid} has no lines to speak at assembly {aid}")
            on_vote: dict[str, tuple] = {}
            raw_on_vote = pb.get("on_vote")
            if raw_on_vote is not None and not isinstance(raw_on_vote, Mapping):
                self.sink.report("PG202", span_of(raw_on_vote, pb.span), "on_vote should be a block of option: [effects]")
            elif raw_on_vote is not None:
                for key, effects in raw_on_vote.items():
                    compiled = self.b.effects(effects, span_of(effects, key.span))
                    k = option_key(key, key.span, True, "on_vote")
                    if k:
                        self.check_effect_roles(rid, compiled, effects, key.span)
                        on_vote[k] = compiled
            speaks_as = self.read.text(pb.get("as"), "as", pb.span, self.b.roles[rid].name)
            stand_in = self.read.flag(pb.get("stand_in"), "stand_in", pb.span) if pb.get("stand_in") is not None else False
            votes = self.read.flag(pb.get("votes"), "votes", pb.span) if pb.get("votes") is not None else True
            participants.append(Participant(rid, speaks_as, stand_in, votes, tuple(lines), MappingProxyType(on_vote)))
        if not participants and block.get("present") is not None:
            self.sink.report("PG607", span_of(block.get("present"), block.span), f"nobody is present at assembly {aid}")

        for mid, mb in motion_blocks:
            motion = self.motion(aid, mid, mb, options_of[mid], option_key, seen_roles)
            if motion is not None:
                motions.append(motion)
        questions = []
        for q in self.read.seq(block.get("questions"), "questions", block.span):
            text = self.read.text(q, "question", block.span)
            if text:
                questions.append(text)
                self.questions.append((text, span_of(q, block.span), aid))
        minutes = self.read.number(block.get("minutes"), "minutes", block.span)
        priority = self.read.integer(block.get("priority"), "priority", block.span)
        if priority is not None and not 1 <= priority <= 9:
            self.sink.report("PG208", span_of(block.get("priority"), block.span), "priority should be 1 (kept first) to 9")
            priority = None
        self.assemblies[aid] = Assembly(
            id=aid, title=self.read.text(block.get("title"), "title", block.span),
            date=str(date or ""), time=str(time or ""),
            place=self.read.text(block.get("place"), "place", block.span),
            body=self.read.text(block.get("body"), "body", block.span),
            summary=self.read.text(block.get("summary"), "summary", block.span),
            minutes=minutes,
            optional=self.read.flag(block.get("optional"), "optional", block.span),
            participants=tuple(participants), motions=tuple(motions), sources=tuple(citations),
            content_note=self.read.text(block.get("content_note"), "content_note", block.span),
            questions=tuple(questions),
            span=span, priority=priority if priority is not None else 5,
            events=self.b.event_ids(block.get("events"), block.span),
            cancelled_by=tuple(self.read.text(v, "cancelled_by", block.span)
                               for v in self.read.seq(block.get("cancelled_by"), "cancelled_by", block.span)),
        )
        self.b.refer_to_events(self.assemblies[aid].events, f"assembly {aid}", str(date or ""), str(time or ""),
                               citations, span, block.get("events"))
        if isinstance(block.get("summary"), Text):
            self.b.check_links(block["summary"])

    def motion(self, aid: str, mid: str, mb: Mapping, ids: list[str], option_key, present: set[str]) -> Motion | None:
        at = mb.span

        def choice_of(key: str, allowed: tuple[str, ...], default: str) -> str:
            value = mb.get(key)
            if value is None:
                return default
            text = self.read.text(value, key, at, default)
            if text not in allowed:
                self.sink.report("PG602", span_of(value, at), f"{key}: {text!r} is not a rule this engine knows; "
                                 "use one of: " + ", ".join(allowed))
                return default
            return text

        rule = choice_of("rule", RULES, "majority")
        abstentions = choice_of("abstentions", ABSTENTIONS, "not_counted")
        ties = choice_of("ties", TIES, "default")
        walkouts = choice_of("walkouts", WALKOUTS, "not_counted")
        quorum = 0.0
        if mb.get("quorum") is not None:
            q = mb["quorum"]
            try:
                quorum = float(q) if isinstance(q, Text) else -1.0
            except ValueError:
                quorum = -1.0
            if not 0.0 <= quorum <= 1.0:
                self.sink.report("PG602", span_of(q, at), f"quorum {str(q)!r} should be a share of the body from 0 to 1, e.g. 0.5")
                quorum = 0.0
        chair = ""
        if mb.get("chair") is not None:
            chair = self.role_ref(mb["chair"], at, "chair") or ""
            if chair and chair not in present:
                self.sink.report("PG602", mb["chair"].span, f"the chair {chair!r} is not present at assembly {aid}")
        if ties == "chair" and not chair:
            self.sink.report("PG602", span_of(mb.get("ties"), at), "ties: chair needs a chair: (a role present that votes)")
        default = self.read.ident(mb.get("default"), "default", at) or ""
        if default and default not in ids:
            self.sink.report("PG601", mb["default"].span, f"default {default!r} is not an option of motion {mid}; "
                             "options are: " + ", ".join(ids))
        hist = self.historical(mid, mb.get("historical"), at, ids)
        outcomes: dict[str, Any] = {}
        raw = mb.get("outcomes")
        if raw is not None and not isinstance(raw, Mapping):
            self.sink.report("PG202", span_of(raw, at), "outcomes should be a block of option: {role: [effects]}")
        elif raw is not None:
            for key, per_role in raw.items():
                effects = self.role_effects(per_role, key.span, f"outcome {key}")
                if key not in ids:
                    self.sink.report("PG601", key.span, f"outcome {str(key)!r}: motion {mid} has no such option; "
                                     "options are: " + ", ".join(ids))
                    continue
                outcomes[str(key)] = MappingProxyType(effects)
        on_divided: dict[str, tuple] = {}
        raw = mb.get("on_divided")
        if raw is not None:
            on_divided = self.role_effects(raw, span_of(raw, at), "on_divided")
        if len(ids) < 2 or not default or default not in ids or hist is None:
            return None
        motion = Motion(
            id=mid, text=self.read.text(mb.get("text"), "text", at),
            options=tuple(MotionOption(o, self.option_text(mb, o)) for o in ids),
            default=default, rule=rule, abstentions=abstentions, ties=ties, walkouts=walkouts, quorum=quorum,
            chair=chair, historical=hist, outcomes=MappingProxyType(outcomes),
            on_divided=MappingProxyType(on_divided),
        )
        if hist.result in ids and all(o in hist.counts for o in ids):   # only complete counts can be checked
            decision = decide(motion, dict(hist.counts))
            if decision.result != hist.result:
                self.sink.report("PG604", span_of(mb.get("historical"), at),
                                 f"under this motion's rules the recorded counts give {decision.result!r} "
                                 f"({decision.reason}), but the historical result is {hist.result!r}")
        return motion

    def option_text(self, mb: Mapping, oid: str) -> str:
        for o in mb.get("options") or []:
            if isinstance(o, Mapping) and o.get("id") == oid:
                return str(o.get("text") or oid)
        return oid

    def historical(self, mid: str, value: Any, at: SourceSpan, ids: list[str]) -> HistoricalVote | None:
        hb = self.read.block(value, "historical", at, {"result", "counts", "recorded", "note"}, {"result", "note"})
        if hb is None:
            return None
        result = self.read.ident(hb.get("result"), "result", hb.span) or ""
        if result and result not in ids:
            self.sink.report("PG601", hb["result"].span, f"result {result!r} is not an option of motion {mid}; "
                             "options are: " + ", ".join(ids))
        counts: dict[str, int] = {}
        raw = hb.get("counts")
        if raw is not None and not isinstance(raw, Mapping):
            self.sink.report("PG202", span_of(raw, hb.span), "counts should be a block of option: number")
        elif raw is not None:
            for key, n in raw.items():
                number = self.read.integer(n, f"the count for {key}", key.span)
                if key not in ids and key not in SPECIAL:
                    self.sink.report("PG601", key.span, f"counts names {str(key)!r}, which is not an option of motion "
                                     f"{mid} (nor abstain or walkout)")
                    continue
                if number is not None:
                    if number < 0:
                        self.sink.report("PG208", span_of(n, key.span), "a count cannot be negative")
                        continue
                    counts[str(key)] = number
        return HistoricalVote(result, MappingProxyType(counts),
                              self.read.text(hb.get("recorded"), "recorded", hb.span),
                              self.read.text(hb.get("note"), "note", hb.span))

    # -- classroom -----------------------------------------------------------------------------------
    def classroom(self, value: Any, at: SourceSpan) -> Classroom | None:
        block = self.read.block(value, "classroom:", at, CLASSROOM_FIELDS, set())
        if block is None:
            return None
        d = DEFAULT_CLASSROOM

        def number(key: str, default: float, whole: bool = False) -> float:
            raw = block.get(key)
            if raw is None:
                return default
            n = self.read.integer(raw, key, block.span) if whole else self.read.number(raw, key, block.span)
            if n is None:
                return default
            if whole and n < 1:
                self.sink.report("PG208", span_of(raw, block.span), f"{key} should be at least 1")
                return default
            return n

        cast_order = []
        for r in self.read.seq(block.get("cast_order"), "cast_order", block.span):
            rid = self.role_ref(r, block.span, "cast_order role")
            if rid:
                cast_order.append(rid)
        briefs: dict[str, RoleBrief] = {}
        raw_roles = block.get("roles")
        if raw_roles is not None and not isinstance(raw_roles, Mapping):
            self.sink.report("PG202", span_of(raw_roles, block.span), "roles should be a block of role: {objectives, knows, ...}")
        elif raw_roles is not None:
            for key, rb in raw_roles.items():
                rid = self.role_ref(key, key.span, "role")
                rblock = self.read.block(rb, f"the brief for {key}", key.span,
                                         {"objectives", "knows", "sources", "key_scenes"}, set())
                if rid is None or rblock is None:
                    continue
                sources = []
                for s in self.read.seq(rblock.get("sources"), "sources", rblock.span):
                    sb = self.read.block(s, "a source summary", rblock.span, {"source", "where", "summary"},
                                         {"source", "where", "summary"})
                    if sb is None:
                        continue
                    src = self.read.ident(sb.get("source"), "source", sb.span)
                    if src:
                        self.b.source_refs.append((src, sb["source"].span))
                        sources.append(SourceSummary(src, self.read.text(sb.get("where"), "where", sb.span),
                                                     self.read.text(sb.get("summary"), "summary", sb.span)))
                key_scenes = []
                for s in self.read.seq(rblock.get("key_scenes"), "key_scenes", rblock.span):
                    sid = self.read.ident(s, "scene", rblock.span)
                    if sid is None:
                        continue
                    scene = self.b.scenes.get(sid)
                    if scene is None or rid not in scene.roles:
                        why = "no scene has that id" if scene is None else f"it is not a scene of role {rid}"
                        self.sink.report("PG606", span_of(s, rblock.span), f"key scene {sid!r}: {why}")
                        continue
                    key_scenes.append(sid)
                briefs[rid] = RoleBrief(rid, self.objectives(rid, rblock.get("objectives"), rblock.span),
                                        self.texts(rblock.get("knows"), "knows", rblock.span), tuple(sources),
                                        tuple(key_scenes))
        questions = []
        for q in self.read.seq(block.get("questions"), "questions", block.span):
            if isinstance(q, Text):
                questions.append(DebriefQuestion(str(q), "always", ""))
                self.questions.append((str(q), q.span, None))
                continue
            qb = self.read.block(q, "a question", block.span, {"text", "when", "assembly"}, {"text"})
            if qb is None:
                continue
            text = self.read.text(qb.get("text"), "question", qb.span)
            when = self.read.text(qb.get("when"), "when", qb.span, "always")
            if when not in ("always", "differs", "same"):
                self.sink.report("PG602", span_of(qb.get("when"), qb.span), "when: is always, differs or same")
                when = "always"
            aid = self.read.ident(qb.get("assembly"), "assembly", qb.span) or ""
            if when != "always" and not aid:
                self.sink.report("PG201", qb.span, f"a question asked when the vote {when} from history needs an 'assembly' field")
            if aid:
                self.questions.append((f"{{assembly.{aid}.title}}", qb["assembly"].span, None))
            questions.append(DebriefQuestion(text, when, aid))
            self.questions.append((text, span_of(qb.get("text"), qb.span), None))
        return Classroom(
            reading_rate=int(number("reading_rate", d.reading_rate, whole=True)),
            decision_minutes=number("decision_minutes", d.decision_minutes),
            handoff_minutes=number("handoff_minutes", d.handoff_minutes),
            debrief_minutes=int(number("debrief_minutes", d.debrief_minutes, whole=True)),
            objectives=self.texts(block.get("objectives"), "objective", block.span),
            content_notes=self.texts(block.get("content_notes"), "content note", block.span),
            cast_order=tuple(cast_order), roles=MappingProxyType(briefs), questions=tuple(questions),
        )

    def objectives(self, rid: str, value: Any, at: SourceSpan) -> tuple[Objective, ...]:
        """A role's private objectives: `{text, if}` (met when the condition holds on the role's state at the
        end of play) or plain text (judged by the class; a warning, since play cannot compute it)."""
        out = []
        for item in self.read.seq(value, "objectives", at):
            if isinstance(item, Text):
                self.sink.report("PG610", item.span, "this objective has no condition, so play cannot say whether "
                                 "it was met; write it as {text: ..., if: <condition>}")
                if str(item):
                    out.append(Objective(str(item), None, item.span))
                continue
            block = self.read.block(item, "an objective", at, {"text", "if"}, {"text", "if"})
            if block is None:
                continue
            text = self.read.text(block.get("text"), "objective", block.span)
            condition = self.b.condition(block.get("if"), block.span)
            if condition is not None:
                unchanged = sorted(condition.info.reads - self.role_writes(rid))
                if unchanged:
                    self.sink.report("PG611", span_of(block.get("if"), block.span),
                                     f"the objective reads {', '.join(unchanged)}, which nothing in role {rid}'s "
                                     "play changes (no scene of the role, no assembly outcome or vote for it): "
                                     "it is settled before play begins")
                for scene_id in condition.info.scenes:
                    scene = self.b.scenes.get(scene_id)
                    if scene is not None and rid not in scene.roles:
                        self.sink.report("PG609", span_of(block.get("if"), block.span),
                                         f"the objective's condition names {scene_id!r}, a scene of "
                                         f"{', '.join(scene.roles)}: it is read on role {rid}'s own play, "
                                         "where that scene is never visited")
            if text:
                out.append(Objective(text, condition, block.span))
        return tuple(out)

    def check_cancellations(self) -> None:
        """Each `cancelled_by` entry names an option of a motion of an assembly held earlier."""
        for a in self.assemblies.values():
            for ref in a.cancelled_by:
                aid, _, rest = ref.partition(".")
                mid, _, oid = rest.partition(".")
                other = self.assemblies.get(aid)
                motion = next((m for m in other.motions if m.id == mid), None) if other else None
                if other is None or motion is None or motion.option(oid) is None:
                    known = ", ".join(sorted(self.assemblies))
                    self.sink.report("PG601", a.span, f"cancelled_by {ref!r} of assembly {a.id} names no "
                                     f"assembly.motion.option (assemblies: {known})")
                elif other.stamp >= a.stamp:
                    self.sink.report("PG601", a.span, f"cancelled_by {ref!r}: assembly {aid} is not held before "
                                     f"{a.id}, so its result cannot cancel it")

    def check_questions(self, classroom: Classroom | None) -> None:
        for text, span, own in self.questions:
            if "?" not in PLACEHOLDER.sub("", text) and not PLACEHOLDER.fullmatch(text):   # (an assembly: reference)
                self.sink.report("PG608", span, "a discussion question should ask something: end it with a "
                                 "question (it is printed in the teacher guide and asked in the debrief)")
            for name in PLACEHOLDER.findall(text):
                problem = placeholder_problem(name, own, self.assemblies, self.b.roles, self.b.scenes)
                if problem:
                    self.sink.report("PG605", span, f"the placeholder {{{name}}} {problem}")


def placeholder_problem(name: str, own: str | None, assemblies, roles, scenes) -> str | None:
    """None if `{name}` can be filled in a debrief question, else why not."""
    parts = name.split(".")
    if own is not None and len(parts) == 1 and parts[0] in LOCAL_PLACEHOLDERS:
        return None
    if own is not None and len(parts) == 2 and parts[0] == "line":
        return None if parts[1] in roles else f"names no role {parts[1]!r}"
    if parts[0] == "assembly" and len(parts) == 3:
        if parts[1] not in assemblies:
            return f"names no assembly {parts[1]!r}"
        return None if parts[2] in ASSEMBLY_KEYS else f"asks for {parts[2]!r}; use one of: " + ", ".join(sorted(ASSEMBLY_KEYS))
    if parts[0] == "role" and len(parts) >= 3:
        if parts[1] not in roles:
            return f"names no role {parts[1]!r}"
        if len(parts) == 3 and parts[2] in ROLE_KEYS:
            return None
        if len(parts) == 4 and parts[2] == "choice":
            return None if parts[3] in scenes else f"names no scene {parts[3]!r}"
        return "should be {role.ID.name}, {role.ID.players}, {role.ID.ending} or {role.ID.choice.SCENE}"
    local = ", {title}, {result}, {counts}, {history}, {recorded}, {line.ROLE}" if own is not None else ""
    return ("is not known; use {assembly.ID.result|counts|history|recorded|title}, "
            "{role.ID.name|players|ending}, {role.ID.choice.SCENE}" + local)
