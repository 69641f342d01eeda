"""Printables generated from the story data: a role sheet per role, the assembly agendas and ballots,
and a teacher guide. Each is written as HTML (prints well) and as text PDFs on A4 and on Letter paper
(pdf.py); index.html links to every file. Everything is written readable by its owner only (0600).

    role-sheets.html / -a4.pdf / -letter.pdf   one sheet per role (public biography; private objectives
                                and knowledge; sources in our own summary; the role's parts at the
                                assemblies); in the PDFs each role starts on an odd page, so printed
                                double-sided no sheet of paper carries two roles' private objectives
    role-<id>.html              one role's sheet on its own, to hand to that group
    assemblies.html / -a4.pdf / -letter.pdf      each assembly's agenda, the rules of the vote, and
                                cut-out ballots
    teacher-guide.html / -a4.pdf / -letter.pdf   scenes with timings, objectives, vocabulary, content
                                notes, the historical outcome of every decision, the recorded votes,
                                discussion questions
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..chronology import guide_events
from ..i18n.words import N_, _
from ..markup import plain
from ..model import Story
from ..objectives import objectives_met
from ..persistence.saves import atomic_write
from ..runtime import Game
from .debrief import without_stop
from .engine import history_label, history_label_mid, long_stamp, mid_sentence, rule_words
from .pdf import PAPERS, PRINT_CSS, Block, page_language, to_html, to_pdf
from .planner import (PlanError, assembly_minutes, classroom_of, describe_plan, historical_path, historical_reach,
                      make_plan, scene_minutes, scene_stamp)

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def p(text: str) -> str:
    return plain(text).strip()


def generic(text: str, story: Story, own=None) -> str:
    """A debrief question as printed before play: its placeholders described in brackets, in words (titles
    and names, never ids). {recorded} and {history} are history's, everything else the class's."""
    def role_name(rid: str) -> str:
        return story.roles[rid].name if rid in story.roles else rid

    def assembly_title(aid: str) -> str:
        return next((a.title for a in story.assemblies if a.id == aid), aid)

    mid = history_label_mid(story)

    def what(key: str, assembly=None) -> str:
        words = {"result": _("the class's result"), "counts": _("the class's counts"), "title": _("the assembly"),
                 "history": _("what was decided {history}").format(history=mid),
                 "recorded": _("the count recorded {history}").format(history=mid)}.get(key, key)
        several = assembly is not None and len(assembly.motions) > 1 and key != "title"
        return words + (_(", motion by motion") if several else "")

    def label(m) -> str:
        parts = m.group(1).split(".")
        if parts[0] == "role" and len(parts) >= 3:
            name = role_name(parts[1])
            if parts[2] == "players":
                return "[" + _("the students who played {role}").format(role=name) + "]"
            if parts[2] == "name":
                return name
            if parts[2] == "ending":
                return "[" + _("the ending the {role} group reached").format(role=name) + "]"
            scene = story.scenes.get(parts[3]) if len(parts) > 3 else None
            return "[" + (_("what the {role} group chose at “{scene}”").format(role=name, scene=scene.title) if scene
                          else _("what the {role} group chose").format(role=name)) + "]"
        if parts[0] == "assembly" and len(parts) == 3:
            named = next((a for a in story.assemblies if a.id == parts[1]), None)
            return f"[{what(parts[2], named)}: {assembly_title(parts[1])}]"
        if parts[0] == "line" and len(parts) == 2:
            return "[" + _("what the {role} group said").format(role=role_name(parts[1])) + "]"
        return f"[{what(parts[0], own)}]"
    return PLACEHOLDER.sub(label, text)


# -- role sheets ---------------------------------------------------------------------------------------
MET_WORDS = {True: N_("Met"), False: N_("Not met"), None: N_("For the class to judge")}


def role_sheet(story: Story, role_id: str, met: list[tuple[str, bool | None]] | None = None) -> list[Block]:
    """One role's sheet. With `met` (objectives_met of the group's play), printed after play: each
    objective says whether play met it."""
    role = story.roles[role_id]
    brief = classroom_of(story).roles.get(role_id)
    blocks = [Block("oddpage", role.name), Block("h1", f"{role.name}: {role.title}"),
              Block("small", _("Your story starts: {start}").format(start=role.starts) if role.starts else role.description),
              Block("h2", _("Who you are (everyone may know this)")), Block("p", p(role.biography or role.description))]
    blocks += [Block("h2", _("For your group only")),
               Block("small", _("Keep this half of the sheet to yourselves until the debrief."))]
    if brief and brief.objectives:
        if met is None:
            blocks.append(Block("h3", _("Your objectives")))
            blocks += [Block("li", p(x.text)) for x in brief.objectives]
        else:
            blocks.append(Block("h3", _("Your objectives, after play")))
            blocks.append(Block("small", _("Whether each was met is worked out from the story your group played.")))
            blocks += [Block("li", f"{_(MET_WORDS[done])}: {p(text)}") for text, done in met]
    if brief and brief.knows:
        blocks.append(Block("h3", _("What you know")))
        blocks += [Block("li", p(x)) for x in brief.knows]
    if brief and brief.sources:
        blocks.append(Block("h3", _("From the sources (our own summary)")))
        for s in brief.sources:
            src = story.sources.get(s.source)
            blocks.append(Block("quote", f"{p(s.summary)} ({src.short if src else s.source}, {s.where})"))
    parts = [(a, part) for a in story.assemblies for part in a.participants if part.role == role_id]
    if parts:
        blocks.append(Block("h3", _("Your parts at the assemblies")))
        for a, part in parts:
            who = (_("you speak as {who}") if part.votes else _("you speak as {who} (you do not vote)")).format(
                who=mid_sentence(part.speaks_as))
            blocks.append(Block("p", _("{assembly}, {when}: {part}. Lines to choose from:").format(
                assembly=a.title, when=long_stamp(a.date, a.time), part=who)))
            blocks += [Block("li", p(line.text)) for line in part.lines]
    return blocks


# -- assemblies: agendas and ballots -------------------------------------------------------------------
def assembly_blocks(story: Story) -> list[Block]:
    blocks = [Block("title", _("{story}: the assemblies").format(story=story.title)),
              Block("p", _("One agenda per assembly for the projector or the wall, then ballots to cut out. "
                           "Each ballot has a box for every option, for abstaining and for walking out."))]
    for a in story.assemblies:
        blocks += [Block("h1", a.title), Block("small", f"{long_stamp(a.date, a.time)} · {a.place}"
                                           + (f" · {a.body}" if a.body else "")
                                           + (" · " + _("optional") if a.optional else ""))]
        if a.content_note:
            blocks.append(Block("small", _("Content note: {note}").format(note=a.content_note)))
        blocks.append(Block("p", p(a.summary)))
        blocks.append(Block("h3", _("Speakers, in order")))
        for part in a.participants:
            played = (_("{who}, played by the {role} group") if part.votes else
                      _("{who}, played by the {role} group (does not vote)"))
            blocks.append(Block("li", played.format(who=part.speaks_as, role=story.roles[part.role].name)))
        for m in a.motions:
            blocks += [Block("h3", _("Motion: {text}").format(text=p(m.text)))]
            blocks += [Block("li", o.text) for o in m.options]
            blocks.append(Block("small", rule_words(m)))
        blocks.append(Block("h3", _("Ballots")))
        for m in a.motions:
            ballot = ((_("BALLOT · {assembly} · {when}").format(assembly=a.title, when=long_stamp(a.date, a.time)), p(m.text))
                      + tuple(f"☐  {o.text}" for o in m.options)
                      + ("☐  " + _("I abstain"), "☐  " + _("I walk out of the assembly")))
            blocks += [Block("box", lines=ballot), Block("box", lines=ballot)]
        blocks.append(Block("pagebreak"))
    return blocks


# -- the teacher guide ---------------------------------------------------------------------------------------
def teacher_guide(story: Story) -> list[Block]:
    c = classroom_of(story)
    game = Game(story)
    reach = historical_reach(story)
    blocks = [Block("title", _("{story}: teacher guide").format(story=story.title)),
              Block("p", p(story.subtitle)) if story.subtitle else Block("rule")]
    blocks.append(Block("h1", _("Learning objectives")))
    blocks += [Block("li", p(x)) for x in c.objectives] or [Block("p", _("(none given in the story data)"))]

    blocks.append(Block("h1", _("How a session runs")))
    blocks += [
        Block("p", _("The class plays every role at one machine, hotseat: each group takes its turn privately when "
                     "the screen says \"Pass to …\", and the whole class meets at the assemblies, where each group "
                     "speaks a line and then everyone votes (group by group, or by a show of hands the teacher types in).")),
        Block("li", _("Start: {command} (add {names} with first names or seat names only).").format(
            command="petrograd session new --period 45 --periods 2 --students 24 --text", names='--names "Ana,Ben,…"')),
        Block("li", _("Stop at the end of a period with :quit; next lesson: {command}.").format(
            command="petrograd session resume NAME --text")),
        Block("li", _(":plan shows where the session stands (what has been played, narrated, held or dropped, and "
                      "the plan from here); :debrief ends play early and goes to the debrief.")),
        Block("li", _("After the debrief the transcripts (HTML, Markdown) and CSV files are in saves/sessions/NAME/; "
                      "petrograd session stats shows how classes chose; petrograd session purge NAME deletes one "
                      "session; petrograd session purge, all class data.")),
        Block("h3", _("Timings")),
        Block("p", _("A scene's time is its authored minutes, or its words at {rate} words a minute (a class reading a "
                     "projected text together), plus {decision} minutes to discuss a choice. Each hand-off costs "
                     "{handoff} minutes. The debrief takes at least {debrief} minutes. Scenes not chosen for play are "
                     "narrated along the historical path.").format(
            rate=c.reading_rate, decision=f"{c.decision_minutes:g}", handoff=f"{c.handoff_minutes:g}",
            debrief=c.debrief_minutes)),
    ]
    blocks.append(Block("h2", _("Sample plans")))
    for students, period, periods in ((24, 45, 2), (12, 50, 1)):
        try:
            plan = make_plan(story, game, students, period, periods)
        except PlanError as exc:
            blocks.append(Block("p", _("{students} students, {periods} × {period} min: {problem}").format(
                students=students, periods=periods, period=period, problem=exc)))
            continue
        blocks.append(Block("h3", _("{students} students, {periods} × {period} minutes").format(
            students=students, periods=periods, period=period)))
        blocks += [Block("code", row) for row in describe_plan(story, plan)[1:]]

    blocks.append(Block("h1", _("Scenes and timings")))
    path_mark, leaves_mark = _("[path]"), _("[leaves history]")
    blocks.append(Block("p", _("{path} marks the scenes of each role's historical path; {leaves} a scene that offers "
                               "a choice leaving history. Minutes are authored, or estimated (~) at {rate} words a "
                               "minute.").format(path=path_mark, leaves=leaves_mark, rate=c.reading_rate)))
    for role in story.roles.values():
        path = set(historical_path(story, game, role.id, reach))
        scenes = sorted(story.scenes_of(role.id), key=lambda s: (scene_stamp(s), s.id))
        total = sum(scene_minutes(story, story.scenes[s]) for s in path)
        blocks.append(Block("h2", _("{role} — {n} scenes; the historical path reads in about {minutes} minutes").format(
            role=role.name, n=len(scenes), minutes=f"{total:.0f}")))
        for s in scenes:
            mins = _("{n} min").format(n=f"{s.minutes:g}" if s.minutes is not None else f"~{scene_minutes(story, s):.1f}")
            marks = ((" " + path_mark if s.id in path else "")
                     + (" " + leaves_mark if any(ch.counterfactual for ch in s.choices) else ""))
            end = " " + _("(ending)") if s.is_ending else ""
            blocks.append(Block("small", f"{s.date[5:]} {s.time:>5}  {s.title}{end} — "
                                + _("{minutes}, {n} words").format(minutes=mins, n=s.words) + marks))

    blocks.append(Block("h1", _("The assemblies and the recorded votes")))
    for a in story.assemblies:
        mins = assembly_minutes(a, list(story.roles))
        blocks.append(Block("h2", f"{a.title} ({long_stamp(a.date, a.time)}, " + _("{n} min").format(n=f"{mins:g}") + ")"))
        for m in a.motions:
            hist = m.option(m.historical.result)
            blocks.append(Block("p", f"{p(m.text)} {history_label(story)}: {hist.text if hist else m.historical.result}"
                                + (f" — {without_stop(m.historical.recorded)}." if m.historical.recorded else ".")))
            if m.historical.note:
                blocks.append(Block("quote", p(m.historical.note)))

    if story.timeline:
        blocks.append(Block("h1", _("What really happened, hour by hour")))
        blocks += [Block("li", p(line)) for line in guide_events(story)]

    blocks.append(Block("h1", _("What really happened at each decision")))
    blocks.append(Block("p", _("From the historical note of every scene that offers a choice, in story order.")))
    for role in story.roles.values():
        blocks.append(Block("h2", role.name))
        for s in sorted(story.scenes_of(role.id), key=lambda s: (scene_stamp(s), s.id)):
            if s.choices and s.note:
                blocks.append(Block("li", f"{s.title} ({s.date[5:]} {s.time}): {p(s.note)}"))

    blocks.append(Block("h1", _("Vocabulary")))
    entries = sorted((e for e in story.codex.values() if e.kind in ("term", "body", "party")), key=lambda e: e.title.lower())
    blocks += [Block("li", f"{e.title}: {p(e.text)}") for e in entries]

    blocks.append(Block("h1", _("Content notes")))
    blocks += [Block("li", p(x)) for x in c.content_notes]
    for s in sorted(story.scenes.values(), key=lambda s: (scene_stamp(s), s.id)):
        if s.content_note:
            blocks.append(Block("li", f"{story.roles[s.roles[0]].name}, {s.title}: {p(s.content_note)}"))
    for a in story.assemblies:
        if a.content_note:
            blocks.append(Block("li", _("Assembly, {title}: {note}").format(title=a.title, note=p(a.content_note))))

    blocks.append(Block("h1", _("Discussion questions")))
    blocks.append(Block("p", _("In a session's debrief these are filled in with what the class actually chose; "
                               "here the brackets say what goes where.")))
    for a in story.assemblies:
        blocks += [Block("li", generic(q, story, own=a)) for q in a.questions]
    blocks += [Block("li", generic(q.text, story)) for q in c.questions]
    return blocks


FILES = (("role-sheets", N_("Role sheets"), N_("one per role; each role starts on an odd page, so that printed "
                                              "double-sided no sheet carries two roles' private objectives")),
         ("assemblies", N_("Assemblies and ballots"), N_("each assembly's agenda and rules, and ballots to cut out")),
         ("teacher-guide", N_("Teacher guide"), N_("timings, sample plans, what really happened, vocabulary, content "
                                                  "notes and discussion questions")))


def write_printables(story: Story, out: Path, pdf: bool = True, session=None) -> list[Path]:
    """Write every printable into `out`; returns the paths written, index.html last. With a `session`,
    the role sheets of its groups say which objectives their play met."""
    out = Path(out)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    written: list[Path] = []

    def html_file(name: str, blocks: list[Block], title: str) -> None:
        path = out / name
        atomic_write(path, to_html(blocks, title).encode("utf-8"))
        written.append(path)

    sheets: list[Block] = []
    for role in story.roles:
        played = session is not None and role in session.players
        blocks = role_sheet(story, role, objectives_met(story, session.players[role].state) if played else None)
        sheets += blocks
        html_file(f"role-{role}.html", blocks, f"{story.title}: {story.roles[role].name}")
    docs = {"role-sheets": sheets, "assemblies": assembly_blocks(story), "teacher-guide": teacher_guide(story)}
    for name, label, _unused in FILES:
        label = _(label)
        title = f"{story.title}: {label[0].lower()}{label[1:]}"
        html_file(f"{name}.html", docs[name], title)
        if pdf:
            for paper in PAPERS:
                written.append(to_pdf(docs[name], title, out / f"{name}-{paper.lower()}.pdf", paper))
    index = out / "index.html"
    atomic_write(index, index_html(story, written).encode("utf-8"))
    written.append(index)
    return written


def index_html(story: Story, written: list[Path]) -> str:
    """A page that links to every printable, with what it is for."""
    names = {p.name for p in written}
    rows = []
    for name, label, what in FILES:
        links = [f'<a href="{html.escape(f)}">{html.escape(kind)}</a>' for f, kind in
                 ((f"{name}.html", "HTML"), (f"{name}-a4.pdf", _("PDF, A4")), (f"{name}-letter.pdf", _("PDF, Letter")))
                 if f in names]
        rows.append(f"<li><strong>{html.escape(_(label))}</strong> ({html.escape(_(what))}): {' · '.join(links)}</li>")
    roles = [f'<a href="role-{html.escape(r)}.html">{html.escape(story.roles[r].name)}</a>' for r in story.roles
             if f"role-{r}.html" in names]
    rows.append("<li>" + html.escape(_("One role's sheet, to hand to its group:")) + " " + " · ".join(roles) + "</li>")
    title = html.escape(_("{story}: printables").format(story=story.title))
    return (f"<!DOCTYPE html>\n<html lang=\"{page_language()}\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{PRINT_CSS}</style></head><body>\n<h1 class=\"title\">{title}</h1>\n<ul>\n"
            + "\n".join(rows) + "\n</ul>\n</body></html>\n")
