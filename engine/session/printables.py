"""Printables generated from the story data: a role sheet per role, the assembly agendas and ballots,
and a teacher guide. Each is written as HTML (prints well) and as PDF (drawn with Pillow).

    role-sheets.html / .pdf     one sheet per role (public biography; private objectives and knowledge;
                                sources in our own summary; the role's parts at the assemblies)
    role-<id>.html              one role's sheet on its own, to hand to that group
    assemblies.html / .pdf      each assembly's agenda, the rules of the vote, and cut-out ballots
    teacher-guide.html / .pdf   scenes with timings, objectives, vocabulary, content notes, the historical
                                outcome of every decision, the recorded votes, discussion questions
"""
from __future__ import annotations

import re
from pathlib import Path

from ..markup import plain
from ..model import Story
from ..persistence.saves import atomic_write
from ..runtime import Game
from .engine import long_stamp, rule_words
from .pdf import Block, to_html, to_pdf
from .planner import (PlanError, assembly_minutes, classroom_of, describe_plan, historical_path, historical_reach,
                      make_plan, scene_minutes, scene_stamp)

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def p(text: str) -> str:
    return plain(text).strip()


def generic(text: str) -> str:
    """A debrief question as printed before play: its placeholders described in brackets."""
    def label(m) -> str:
        parts = m.group(1).split(".")
        if parts[0] == "role" and len(parts) >= 3:
            what = {"players": "the players", "name": "the role", "ending": "the ending reached"}.get(parts[2], "the choice made")
            return f"[{what}: {parts[1]}]"
        if parts[0] == "assembly" and len(parts) == 3:
            return f"[the class's {parts[2]}: {parts[1]}]"
        if parts[0] == "line":
            return f"[what the {parts[1]} group said]"
        return f"[the class's {parts[0]}]"
    return PLACEHOLDER.sub(label, text)


# -- role sheets ---------------------------------------------------------------------------------------
def role_sheet(story: Story, role_id: str) -> list[Block]:
    role = story.roles[role_id]
    brief = classroom_of(story).roles.get(role_id)
    blocks = [Block("h1", f"{role.name}: {role.title}"),
              Block("small", f"Your story starts: {role.starts}" if role.starts else f"Role: {role.id}"),
              Block("h2", "Who you are (everyone may know this)"), Block("p", p(role.biography or role.description))]
    blocks += [Block("h2", "For your group only"),
               Block("small", "Keep this half of the sheet to yourselves until the debrief.")]
    if brief and brief.objectives:
        blocks.append(Block("h3", "Your objectives"))
        blocks += [Block("li", p(x)) for x in brief.objectives]
    if brief and brief.knows:
        blocks.append(Block("h3", "What you know"))
        blocks += [Block("li", p(x)) for x in brief.knows]
    if brief and brief.sources:
        blocks.append(Block("h3", "From the sources (our own summary)"))
        for s in brief.sources:
            src = story.sources.get(s.source)
            blocks.append(Block("quote", f"{p(s.summary)} ({src.short if src else s.source}, {s.where})"))
    parts = [(a, part) for a in story.assemblies for part in a.participants if part.role == role_id]
    if parts:
        blocks.append(Block("h3", "Your parts at the assemblies"))
        for a, part in parts:
            who = f"you speak as {part.speaks_as_in_sentence}" + ("" if part.votes else " (you do not vote)")
            blocks.append(Block("p", f"{a.title}, {long_stamp(a.date, a.time)}: {who}. Lines to choose from:"))
            blocks += [Block("li", p(line.text)) for line in part.lines]
    blocks.append(Block("pagebreak"))
    return blocks


# -- assemblies: agendas and ballots -------------------------------------------------------------------
def assembly_blocks(story: Story) -> list[Block]:
    blocks = [Block("title", f"{story.title}: the assemblies"),
              Block("p", "One agenda per assembly for the projector or the wall, then ballots to cut out. "
                         "Each ballot has a box for every option, for abstaining and for walking out.")]
    for a in story.assemblies:
        blocks += [Block("h1", a.title), Block("small", f"{long_stamp(a.date, a.time)} · {a.place}"
                                           + (f" · {a.body}" if a.body else "")
                                           + (" · optional" if a.optional else ""))]
        if a.content_note:
            blocks.append(Block("small", f"Content note: {a.content_note}"))
        blocks.append(Block("p", p(a.summary)))
        blocks.append(Block("h3", "Speakers, in order"))
        for part in a.participants:
            blocks.append(Block("li", f"{part.speaks_as} — played by the {story.roles[part.role].name} group"
                                + ("" if part.votes else " (does not vote)")))
        for m in a.motions:
            blocks += [Block("h3", f"Motion: {p(m.text)}")]
            blocks += [Block("li", o.text) for o in m.options]
            blocks.append(Block("small", rule_words(m)))
        blocks.append(Block("h3", "Ballots"))
        for m in a.motions:
            ballot = (f"BALLOT · {a.title} · {a.date}", p(m.text)) + tuple(f"☐  {o.text}" for o in m.options) + (
                "☐  I abstain", "☐  I walk out of the assembly")
            blocks += [Block("box", lines=ballot), Block("box", lines=ballot)]
        blocks.append(Block("pagebreak"))
    return blocks


# -- the teacher guide ---------------------------------------------------------------------------------------
def teacher_guide(story: Story) -> list[Block]:
    c = classroom_of(story)
    game = Game(story)
    reach = historical_reach(story)
    blocks = [Block("title", f"{story.title}: teacher guide"),
              Block("p", p(story.subtitle)) if story.subtitle else Block("rule")]
    blocks.append(Block("h1", "Learning objectives"))
    blocks += [Block("li", p(x)) for x in c.objectives] or [Block("p", "(none given in the story data)")]

    blocks.append(Block("h1", "How a session runs"))
    blocks += [
        Block("p", "The class plays every role at one machine, hotseat: each group takes its turn privately when "
                   "the screen says \"Pass to …\", and the whole class meets at the assemblies, where each group "
                   "speaks a line and then everyone votes (group by group, or by a show of hands the teacher types in)."),
        Block("li", "Start: petrograd session new --period 45 --periods 2 --students 24 --text "
                    "(add --names \"Ana,Ben,…\" with first names or seat names only)."),
        Block("li", "Stop at the end of a period with :quit; next lesson: petrograd session resume NAME --text."),
        Block("li", ":plan shows the plan and the time used; :debrief ends play early and goes to the debrief."),
        Block("li", "After the debrief the transcripts (HTML, Markdown) and CSV files are in saves/sessions/NAME/; "
                    "petrograd session stats shows how classes chose; petrograd session purge deletes all class data."),
        Block("h3", "Timings"),
        Block("p", f"A scene's time is its authored minutes, or its words at {c.reading_rate} words a minute (a class "
                   f"reading a projected text together), plus {c.decision_minutes:g} minutes to discuss a choice. "
                   f"Each hand-off costs {c.handoff_minutes:g} minutes. The debrief takes at least "
                   f"{c.debrief_minutes} minutes. Scenes not chosen for play are narrated along the historical path."),
    ]
    blocks.append(Block("h2", "Sample plans"))
    for students, period, periods in ((24, 45, 2), (12, 50, 1)):
        try:
            plan = make_plan(story, game, students, period, periods)
        except PlanError as exc:
            blocks.append(Block("p", f"{students} students, {periods} × {period} min: {exc}"))
            continue
        blocks.append(Block("h3", f"{students} students, {periods} × {period} minutes"))
        blocks += [Block("small", row.strip()) for row in describe_plan(story, plan)[1:]]

    blocks.append(Block("h1", "Scenes and timings"))
    blocks.append(Block("p", "[path] marks the scenes of each role's historical path; [leaves history] a scene that "
                             "offers a choice leaving history. Minutes are authored, or estimated (~) at "
                             f"{c.reading_rate} words a minute."))
    for role in story.roles.values():
        path = set(historical_path(story, game, role.id, reach))
        scenes = sorted(story.scenes_of(role.id), key=lambda s: (scene_stamp(s), s.id))
        total = sum(scene_minutes(story, story.scenes[s]) for s in path)
        blocks.append(Block("h2", f"{role.name} — {len(scenes)} scenes; the historical path reads in about {total:.0f} minutes"))
        for s in scenes:
            mins = f"{s.minutes:g} min" if s.minutes is not None else f"~{scene_minutes(story, s):.1f} min"
            marks = (" [path]" if s.id in path else "") + (" [leaves history]" if any(ch.counterfactual for ch in s.choices) else "")
            end = " (ending)" if s.is_ending else ""
            blocks.append(Block("small", f"{s.date[5:]} {s.time:>5}  {s.title}{end} — {mins}, {s.words} words{marks}"))

    blocks.append(Block("h1", "The assemblies and the recorded votes"))
    for a in story.assemblies:
        mins = assembly_minutes(a, list(story.roles))
        blocks.append(Block("h2", f"{a.title} ({long_stamp(a.date, a.time)}, {mins:g} min)"))
        for m in a.motions:
            hist = m.option(m.historical.result)
            blocks.append(Block("p", f"{p(m.text)} In 1917: {hist.text if hist else m.historical.result}"
                                + (f" — {m.historical.recorded}." if m.historical.recorded else ".")))
            if m.historical.note:
                blocks.append(Block("quote", p(m.historical.note)))

    blocks.append(Block("h1", "What really happened at each decision"))
    blocks.append(Block("p", "From the historical note of every scene that offers a choice, in story order."))
    for role in story.roles.values():
        blocks.append(Block("h2", role.name))
        for s in sorted(story.scenes_of(role.id), key=lambda s: (scene_stamp(s), s.id)):
            if s.choices and s.note:
                blocks.append(Block("li", f"{s.title} ({s.date[5:]} {s.time}): {p(s.note)}"))

    blocks.append(Block("h1", "Vocabulary"))
    entries = sorted((e for e in story.codex.values() if e.kind in ("term", "body", "party")), key=lambda e: e.title.lower())
    blocks += [Block("li", f"{e.title}: {p(e.text)}") for e in entries]

    blocks.append(Block("h1", "Content notes"))
    blocks += [Block("li", p(x)) for x in c.content_notes]
    for s in sorted(story.scenes.values(), key=lambda s: (scene_stamp(s), s.id)):
        if s.content_note:
            blocks.append(Block("li", f"{story.roles[s.roles[0]].name}, {s.title}: {p(s.content_note)}"))
    for a in story.assemblies:
        if a.content_note:
            blocks.append(Block("li", f"Assembly, {a.title}: {p(a.content_note)}"))

    blocks.append(Block("h1", "Discussion questions"))
    blocks.append(Block("p", "In a session's debrief these are filled in with what the class actually chose; "
                             "here the brackets say what goes where."))
    for a in story.assemblies:
        blocks += [Block("li", generic(q)) for q in a.questions]
    blocks += [Block("li", generic(q.text)) for q in c.questions]
    return blocks


def write_printables(story: Story, out: Path, pdf: bool = True) -> list[Path]:
    out = Path(out)
    written: list[Path] = []

    def html_file(name: str, blocks: list[Block], title: str) -> None:
        path = out / name
        atomic_write(path, to_html(blocks, title).encode("utf-8"))
        written.append(path)

    sheets: list[Block] = [Block("title", f"{story.title}: role sheets")]
    for role in story.roles:
        blocks = role_sheet(story, role)
        sheets += blocks
        html_file(f"role-{role}.html", blocks, f"{story.title}: {story.roles[role].name}")
    docs = [("role-sheets", sheets, f"{story.title}: role sheets"),
            ("assemblies", assembly_blocks(story), f"{story.title}: assemblies and ballots"),
            ("teacher-guide", teacher_guide(story), f"{story.title}: teacher guide")]
    for name, blocks, title in docs:
        html_file(f"{name}.html", blocks, title)
        if pdf:
            written.append(to_pdf(blocks, title, out / f"{name}.pdf"))
    index = [Block("title", f"{story.title}: printables")] + [Block("li", f"{path.name}") for path in written]
    html_file("index.html", index, f"{story.title}: printables")
    return written
