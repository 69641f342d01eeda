"""The debrief and the records of a session: what each group chose beside what really happened, where
the class left history, the assemblies, and debrief questions filled in with the choices made.

Records go into the session's folder: transcript.md and transcript.html (the teacher's, everything),
role-<id>.md and role-<id>.html (one per group: its own turns and the public assemblies, nothing of
another group's turns, and which of its objectives play met), choices.csv, votes.csv and objectives.csv
(per group and objective, met or not).
"""
from __future__ import annotations

import html
import io
import re

from ..i18n.words import N_, _
from ..markup import plain, spans
from ..objectives import objectives_met
from .csvcells import SafeWriter
from ..persistence.saves import atomic_write
from .engine import history_label, history_label_mid, long_stamp
from .pdf import page_language
from .rules import describe_counts, motion_label

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
NARRATED = N_("(narrated)")       # marks a narrated step in the transcript (and styles it in the HTML)


# -- the debrief, as data ---------------------------------------------------------------------------
def role_records(session) -> list[dict]:
    story = session.story
    out = []
    for g in session.plan.groups:
        events = [e for e in session.data["log"] if e.get("role") == g.role]
        decisions = [e for e in events if e["t"] in ("choice", "narrated")]
        ending = next((e for e in events if e["t"] == "ending"), None)
        out.append({
            "role": g.role, "name": story.roles[g.role].name, "title": story.roles[g.role].title,
            "players": g.label, "students": len(g.students), "decisions": decisions, "ending": ending,
            "left": [e for e in decisions if e["t"] == "choice" and e["counterfactual"]],
            "objectives": objectives_met(story, session.players[g.role].state) if g.role in session.players else [],
        })
    return out


def assembly_records(session) -> list[dict]:
    out = []
    for e in session.data["log"]:
        if e["t"] != "assembly":
            continue
        a = session.assemblies.get(e["id"])
        if a is None:
            continue
        results = []
        for r in e["results"]:
            m = next(x for x in a.motions if x.id == r["motion"])
            results.append({
                "motion": m, "tally": r["tally"], "counts": describe_counts(m, r["tally"]),
                "result": m.option(r["result"]).text, "result_id": r["result"], "reason": r["reason"],
                "history": m.option(m.historical.result).text, "recorded": m.historical.recorded,
                "note": m.historical.note, "followed": r["result"] == m.historical.result,
            })
        out.append({"assembly": a, "event": e, "results": results})
    return out


def left_history(session) -> list[str]:
    label, mid = history_label(session.story), history_label_mid(session.story)
    lines = []
    for rec in role_records(session):
        for e in rec["left"]:
            lines.append(_("{role} ({players}), {when}, {scene}: chose “{choice}”").format(
                role=rec["name"], players=rec["players"], when=short_stamp(e["stamp"]), scene=e["title"], choice=e["text"])
                + ("; " + _("{history}: “{choice}”").format(history=mid, choice=e["historical_choice"])
                   if e["historical_choice"] else ""))
        if rec["ending"] and not rec["ending"]["historical"]:
            lines.append(_("{role} ({players}) reached an ending that did not happen: {title}").format(
                role=rec["name"], players=rec["players"], title=rec["ending"]["ending_title"]))
    for rec in assembly_records(session):
        for r in rec["results"]:
            if not r["followed"]:
                which = f" ({motion_label(r['motion'])})" if len(rec["results"]) > 1 else ""
                lines.append(_("{assembly}: the class decided “{result}” ({counts}); {history}: “{historical}”").format(
                    assembly=rec["assembly"].title + which, result=r["result"], counts=r["counts"], history=mid,
                    historical=r["history"]) + (f" ({without_stop(r['recorded'])})" if r["recorded"] else ""))
    return lines


def fill(session, template: str, own: str | None = None) -> str | None:
    """A question with its placeholders filled in from the session, or None if it does not apply
    (it names a role not in the cast or an assembly not held)."""
    held = {rec["assembly"].id: rec for rec in assembly_records(session)}
    roles = {rec["role"]: rec for rec in role_records(session)}

    def value(name: str) -> str | None:
        parts = name.split(".")
        if own is not None and len(parts) == 1:
            parts = ["assembly", own, parts[0]]
        if own is not None and len(parts) == 2 and parts[0] == "line":
            rec = held.get(own)
            said = next((s for s in rec["event"]["speeches"] if s["role"] == parts[1]), None) if rec else None
            return _("{who} said “{text}”").format(who=said["as"], text=said["text"]) if said else None
        if parts[0] == "assembly" and len(parts) == 3:
            rec = held.get(parts[1])
            if rec is None:
                return None
            results = rec["results"]

            def each(value, several) -> str:
                """One value per motion; with several motions each is named, never run together."""
                if len(results) == 1:
                    return value(results[0])
                return _(" and ").join(several(value(r), _("“{motion}”").format(motion=motion_label(r["motion"])))
                                       for r in results)
            quote = _("“{text}”")
            return {"title": rec["assembly"].title,
                    "result": each(lambda r: quote.format(text=r["result"]), lambda v, m: _("{value} on {motion}").format(value=v, motion=m)),
                    "counts": each(lambda r: r["counts"], lambda v, m: _("on {motion} ({value})").format(value=v, motion=m)),
                    "history": each(lambda r: quote.format(text=r["history"]), lambda v, m: _("{value} on {motion}").format(value=v, motion=m)),
                    "recorded": each(lambda r: without_stop(r["recorded"] or r["history"]),
                                     lambda v, m: _("on {motion}, {value}").format(value=v, motion=m))}.get(parts[2])
        if parts[0] == "role" and len(parts) >= 3:
            rec = roles.get(parts[1])
            if rec is None:
                return None
            if parts[2] == "name":
                return rec["name"]
            if parts[2] == "players":
                return rec["players"]
            if parts[2] == "ending":
                return _("“{text}”").format(text=rec["ending"]["ending_title"]) if rec["ending"] else _("no ending yet")
            if parts[2] == "choice" and len(parts) == 4:
                e = next((d for d in rec["decisions"] if d["scene"] == parts[3]), None)
                if e is None:
                    return _("(this scene was not reached)")
                return _("“{text}”").format(text=e["text"]) + (" " + _("(narrated, following history)") if e["t"] == "narrated" else "")
        return None

    missing = False

    def sub(match) -> str:
        nonlocal missing
        v = value(match.group(1))
        if v is None:
            missing = True
            return match.group(0)
        return v
    text = PLACEHOLDER.sub(sub, template)
    return None if missing else text


def questions(session) -> list[str]:
    label, mid = history_label(session.story), history_label_mid(session.story)
    out = []
    held = {rec["assembly"].id: rec for rec in assembly_records(session)}
    for rec in held.values():
        for q in rec["assembly"].questions:
            filled = fill(session, q, own=rec["assembly"].id)
            if filled:
                out.append(filled)
    classroom = session.story.classroom
    for q in (classroom.questions if classroom else ()):
        if q.when != "always":
            rec = held.get(q.assembly)
            if rec is None:
                continue
            differs = any(not r["followed"] for r in rec["results"])
            if (q.when == "differs") != differs:
                continue
        filled = fill(session, q.text)
        if filled:
            out.append(filled)
    for rec in role_records(session):
        for e in rec["left"][:3]:
            hist = (" " + _("{history} the choice was {choice}").format(history=label, choice=quoted(e["historical_choice"]))
                    if e["historical_choice"] else "")
            out.append(_("At “{scene}” ({when}), {players} ({role}) chose {choice}").format(
                scene=e["title"], when=short_stamp(e["stamp"]), players=rec["players"], role=rec["name"],
                choice=quoted(e["text"])) + hist + " "
                + _("Why might the real people have chosen differently, and what would have followed?"))
    return out


def quoted(text: str) -> str:
    """Quoted words ending a sentence: “They went.” keeps its own full stop, “They went” gets one."""
    text = (text or "").strip()
    return _("“{text}”").format(text=text) + ("" if text[-1:] in (".", "!", "?", "…") else ".")


def without_stop(text: str) -> str:
    """A clause that may end a sentence the caller closes itself (no doubled full stops)."""
    text = (text or "").rstrip()
    return text[:-1] if text.endswith(".") and not text.endswith("...") else text


def short_stamp(stamp: str) -> str:
    date, _unused, clock = stamp.partition(" ")
    return re.sub(r" \d{4}(?=,|$)", "", long_stamp(date, clock))       # the year is the story's, said once


MET_MARK = {True: N_("met"), False: N_("not met"), None: N_("for the class to judge")}


def objectives_summary(rec: dict) -> str:
    judged = [met for _unused, met in rec["objectives"] if met is not None]
    return (_("{n} of {count} met") if rec["ending"] else
            _("{n} of {count} met so far (play stopped before the ending)")).format(n=sum(judged), count=len(judged))


def objective_lines(rec: dict) -> list[str]:
    """The group's private objectives, now public: which play met (computed from the group's story)."""
    if not rec["objectives"]:
        return []
    return (["  " + _("Objectives: {summary}").format(summary=objectives_summary(rec))]
            + [f"    [{_(MET_MARK[met])}] {text}" for text, met in rec["objectives"]])


def acknowledgement(session, e: dict) -> str:
    """The one line that confirms a group's choice, on its screen before it moves on and in the records."""
    said = _("{group} chose {n}: “{choice}”").format(group=session.group_label(e["role"]), n=shown_number(e),
                                                     choice=e["text"])
    return _("{said} — this leaves the recorded history.").format(said=said) if e["counterfactual"] else said


# -- the debrief on screen ------------------------------------------------------------------------------
def debrief_lines(session) -> list[str]:
    label, mid = history_label(session.story), history_label_mid(session.story)
    lines = [_("WHAT EACH GROUP CHOSE, AND WHAT REALLY HAPPENED"), ""]
    for rec in role_records(session):
        ending = rec["ending"]
        end = ((_("the historical ending: {title}") if ending["historical"] else
                _("an ending that did not happen: {title}")).format(title=ending["ending_title"])
               if ending else _("the story did not reach an ending"))
        lines.append(f"{rec['name']} ({rec['players']}), {end}")
        played = [e for e in rec["decisions"] if e["t"] == "choice"]
        for e in played:
            mark = "  " + _("← left history") if e["counterfactual"] else ""
            lines.append("  · " + _("{when}, {scene}: you chose “{choice}”").format(
                when=short_stamp(e["stamp"]), scene=e["title"], choice=e["text"]) + mark)
            if e["counterfactual"] and e["historical_choice"]:
                lines.append("      " + _("{history}: “{choice}”").format(history=mid, choice=e["historical_choice"]))
        narrated = sum(1 for e in rec["decisions"] if e["t"] == "narrated")
        if narrated:
            lines.append("  " + _("({n} more scenes were narrated along the historical path)").format(n=narrated))
        lines += objective_lines(rec)
        lines.append("")
    lines += [_("THE ASSEMBLIES"), ""]
    for rec in assembly_records(session):
        for r in rec["results"]:
            which = f" ({motion_label(r['motion'])})" if len(rec["results"]) > 1 else ""
            lines.append(_("{assembly}: the class chose “{result}” ({counts}). {history}: “{historical}”").format(
                assembly=rec["assembly"].title + which, result=r["result"], counts=r["counts"], history=label,
                historical=r["history"]) + (f" ({without_stop(r['recorded'])})" if r["recorded"] else "") + ".")
    skipped = [f"{e['title']} ({e['reason']})" for e in session.data["log"] if e["t"] == "skipped_assembly"]
    if skipped:
        lines.append(_("Not held: {assemblies}").format(assemblies="; ".join(skipped)))
    lines += ["", _("WHERE THE CLASS LEFT HISTORY"), ""]
    lines += [f"  · {x}" for x in left_history(session)] or ["  " + _("Nowhere: the class followed the recorded course.")]
    lines += ["", _("QUESTIONS FOR DISCUSSION"), ""]
    lines += [f"  {n}. {q}" for n, q in enumerate(questions(session), start=1)]
    lines += ["", _("Records (transcripts, CSV) are in {folder}").format(folder=session.directory)]
    return lines


# -- exports -------------------------------------------------------------------------------------------------
def markdown(session, role: str | None = None) -> str:
    """The transcript in Markdown: the teacher's (role=None), or one group's (its turns and the assemblies)."""
    story = session.story
    d = session.data
    title = _("{story}: classroom session {name}").format(story=story.title, name=d["name"])
    if role:
        title += f" — {story.roles[role].name} ({session.group_label(role)})"
    out = [f"# {title}", "", _("Created {created}. {students} students, {periods} × {minutes} minutes.").format(
        created=d["created"], students=session.plan.students, periods=session.plan.periods,
        minutes=session.plan.period_minutes), ""]
    if role is None:
        out += ["## " + _("The cast"), ""]
        out += [f"- **{story.roles[g.role].name}**: {g.label}" for g in session.plan.groups]
        out.append("")
    out += ["## " + _("Transcript"), ""]
    for e in d["log"]:
        if e["t"] in ("choice", "narrated", "ending") and role is not None and e["role"] != role:
            continue
        if e["t"] == "choice":
            out += [f"### {story.roles[e['role']].name} · {short_stamp(e['stamp'])} · {e['title']}", ""]
            out += [md_inline(p, story) + "\n" for p in e["paragraphs"]]
            out += ["**" + _("Choice:") + f"** {acknowledgement(session, e)}", ""]
        elif e["t"] == "narrated":
            out += [f"*{story.roles[e['role']].name} · {short_stamp(e['stamp'])} · {e['title']} {_(NARRATED)}: "
                    f"{e['text']}*", ""]
        elif e["t"] == "ending":
            out += [f"### {story.roles[e['role']].name} · {short_stamp(e['stamp'])} · {e['title']}", ""]
            out += [md_inline(p, story) + "\n" for p in e["paragraphs"]]
            kind = _("The historical ending: {title}") if e["historical"] else _("An ending: {title}")
            out += [f"**{kind.format(title=e['ending_title'])}.** {e['summary']}", ""]
            if e["note"]:
                out += ["> " + _("What really happened: {note}").format(note=md_inline(e["note"], story)), ""]
        elif e["t"] == "assembly":
            out += assembly_markdown(session, e, teacher=role is None)
        elif e["t"] == "break":
            out += ["---", "", "*" + _("End of period {n}.").format(n=e["period"]) + "*", ""]
        elif e["t"] == "skipped_assembly":
            out += ["*" + _("Assembly not held: {title} ({reason}).").format(title=e["title"], reason=e["reason"]) + "*", ""]
    out += ["## " + _("Debrief"), ""]
    recs = [r for r in role_records(session) if role is None or r["role"] == role]
    for rec in recs:
        out += [f"### {rec['name']} ({rec['players']})", "",
                "| " + " | ".join((_("When"), _("Scene"), _("The group chose"), history_label(story))) + " | |",
                "|---|---|---|---|---|"]
        for e in rec["decisions"]:
            if e["t"] != "choice":
                continue
            out.append(f"| {short_stamp(e['stamp'])} | {cell(e['title'])} | {cell(e['text'])} | "
                       f"{cell(e['historical_choice'] if e['counterfactual'] else '')} | "
                       + (_("left history") if e["counterfactual"] else "") + " |")
        ending = rec["ending"]
        out += ["", (_("Ending: {title} (historical)") if ending["historical"] else
                     _("Ending: {title} (did not happen)")).format(title=ending["ending_title"])
                if ending else _("Ending: not reached"), ""]
        if rec["objectives"]:
            out += [_("Objectives: {summary}").format(summary=objectives_summary(rec)), ""]
            out += [f"- [{_(MET_MARK[met])}] {text}" for text, met in rec["objectives"]] + [""]
        for e in rec["decisions"]:
            if e["t"] == "choice" and e["note"]:
                out += [f"- *{e['title']}*: {md_inline(e['note'], story)}"]
        out.append("")
    if role is None:
        out += ["### " + _("Where the class left history"), ""]
        out += [f"- {x}" for x in left_history(session)] or ["- " + _("Nowhere: the class followed the recorded course.")]
        out += ["", "### " + _("Questions"), ""]
        out += [f"{n}. {q}" for n, q in enumerate(questions(session), start=1)]
        out.append("")
    return "\n".join(out) + "\n"


def assembly_markdown(session, e: dict, teacher: bool) -> list[str]:
    story = session.story
    a = session.assemblies.get(e["id"])
    if a is None:
        return []
    out = ["### " + _("Assembly: {title}").format(title=a.title) + f" · {short_stamp(a.stamp)} · {a.place}", ""]
    if a.summary:
        out += [md_inline(a.summary, story), ""]
    for s in e["speeches"]:
        out.append(f"- **{s['as']}** ({session.group_label(s['role'])}): “{s['text']}”")
    out.append("")
    for r in assembly_records_for(session, e):
        out += ["**" + _("Motion:") + f"** {plain(r['motion'].text)}", "",
                "- " + (_("The class (groups): {counts}") if e["mode"] == "groups" else
                        _("The class (show of hands): {counts}")).format(counts=r["counts"])
                + f" → **{r['result']}** ({r['reason']})",
                f"- {history_label(story)}: **{r['history']}**" + (f" ({without_stop(r['recorded'])})" if r["recorded"] else ""),
                f"- {md_inline(r['note'], story)}" if r["note"] else "", ""]
    if e["walked_out"]:
        out += [_("Walked out: {groups}").format(groups=", ".join(session.role_name(x) for x in e["walked_out"])), ""]
    if teacher and e.get("applied"):
        out += [_("Effects on the groups' stories: {effects}").format(effects="; ".join(
            f"{session.role_name(r)}: {effect_words(story, src)}" for r, src in e["applied"])), ""]
    return out


EFFECT = re.compile(r"\s*([A-Za-z_]\w*)\s*(\+=|-=|=)\s*(.+?)\s*\Z")


def effect_words(story, source: str) -> str:
    """An effect as people would say it, from the variable's description: 'crew_trust -= 2' becomes
    'The crew's trust in the keeper: −2' (anything more complex stays as written)."""
    m = EFFECT.match(source)
    variable = story.variables.get(m.group(1)) if m else None
    if variable is None or not variable.description:
        return source
    value = m.group(3).strip("\"'")
    value = {"true": _("yes"), "false": _("no")}.get(value, value)
    change = {"+=": f"+{value}", "-=": f"−{value}"}.get(m.group(2), _("now {value}").format(value=value))
    return f"{variable.description}: {change}"


def assembly_records_for(session, e: dict) -> list[dict]:
    return next((rec["results"] for rec in assembly_records(session) if rec["event"] is e), [])


def cell(text: str) -> str:
    return (text or "—").replace("|", "/").replace("\n", " ")


def md_inline(text: str, story=None) -> str:
    """Scene markup as Markdown: *emphasis* kept, [[codex links]] as the entry's title."""
    def title_of(cid: str) -> str:
        entry = story.codex.get(cid) if story is not None else None
        return entry.title if entry else cid.replace("_", " ")
    return "".join(f"*{s.text}*" if s.emphasis else s.text for s in spans(text, title_of))


CSS = """
body { font-family: Georgia, 'Old Standard TT', serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1b1b1b; background: #fffdf7; }
h1, h2, h3 { font-family: Georgia, serif; line-height: 1.2; }
h1 { border-bottom: 3px solid #8b1a1a; padding-bottom: .3rem; }
h3 { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
blockquote { border-left: 4px solid #8b1a1a; margin: 1rem 0; padding-left: 1rem; color: #333; }
.narrated { color: #555; font-style: italic; }
.left { color: #8b1a1a; font-weight: bold; }
@media print {
  body { background: white; margin: 0; max-width: none; font-size: 11pt; }
  h3 { page-break-after: avoid; }
  table, blockquote { page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def markdown_to_html(md: str, title: str) -> str:
    """A small converter for the Markdown this module writes (headings, lists, tables, quotes, emphasis)."""
    out = [f"<!DOCTYPE html>\n<html lang=\"{page_language()}\"><head><meta charset=\"utf-8\">"
           f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"]
    lines = md.splitlines()
    i = 0
    in_list = None
    while i < len(lines):
        line = lines[i]
        if in_list and not re.match(r"(- |\d+\. )", line):
            out.append(f"</{in_list}>")
            in_list = None
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out.append(f"<h{level}>{inline_html(line[level:].strip())}</h{level}>")
        elif line.startswith("| "):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([c.strip() for c in lines[i].strip("|").split("|")])
                i += 1
            out.append("<table><tr>" + "".join(f"<th>{inline_html(c)}</th>" for c in rows[0]) + "</tr>")
            for row in rows[2:]:
                out.append("<tr>" + "".join(f"<td>{inline_html(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
            continue
        elif line.startswith("> "):
            out.append(f"<blockquote>{inline_html(line[2:])}</blockquote>")
        elif re.match(r"- ", line) or re.match(r"\d+\. ", line):
            kind = "ul" if line.startswith("- ") else "ol"
            if in_list != kind:
                if in_list:
                    out.append(f"</{in_list}>")
                out.append(f"<{kind}>")
                in_list = kind
            item = re.sub(r"^(- |\d+\. )", "", line)
            out.append(f"<li>{inline_html(item)}</li>")
        elif line.strip() == "---":
            out.append("<hr>")
        elif line.strip():
            cls = ' class="narrated"' if line.startswith("*") and line.endswith("*") and _(NARRATED) in line else ""
            out.append(f"<p{cls}>{inline_html(line)}</p>")
        i += 1
    if in_list:
        out.append(f"</{in_list}>")
    out.append("</body></html>\n")
    return "\n".join(out)


def inline_html(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)
    text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
    return text


def choices_csv(session) -> str:
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(["session", "role", "role_name", "group", "students", "in_story", "scene", "scene_title", "played",
                "choice_number", "choices_offered", "choice_text", "historical_choice", "left_history", "acknowledged",
                "choice_id"])
    for e in session.data["log"]:
        if e["t"] not in ("choice", "narrated"):
            continue
        w.writerow([session.data["name"], e["role"], session.role_name(e["role"]), session.group_label(e["role"]),
                    e["students"], e["stamp"], e["scene"], e["title"], "yes" if e["t"] == "choice" else "narrated",
                    shown_number(e), e["offered"], e["text"], e["historical_choice"] if e["counterfactual"] else "",
                    "yes" if e["counterfactual"] else "no", acknowledgement(session, e) if e["t"] == "choice" else "",
                    e.get("choice_id", "")])
    return buf.getvalue()


def shown_number(e: dict) -> int:
    """The number the group saw beside the choice. Sessions saved before it was logged have only the
    choice's index in the scene, which counts choices not offered too: exact when one choice was offered
    (it was 1), else the index + 1, which is right unless an earlier choice was hidden."""
    if e.get("number"):
        return e["number"]
    offered = e.get("offered") or 0
    return 1 if offered == 1 else e["choice"] + 1


def votes_csv(session) -> str:
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(["session", "assembly", "assembly_title", "in_story", "motion", "mode", "option", "option_text", "count",
                "groups", "class_result", "historical_result", "recorded"])
    for rec in assembly_records(session):
        e, a = rec["event"], rec["assembly"]
        for r in rec["results"]:
            m = r["motion"]
            votes = e["votes"].get(m.id, {})
            for key in [o.id for o in m.options] + ["abstain", "walkout"]:
                text = m.option(key).text if m.option(key) else key
                groups = "; ".join(session.group_label(role) for role, v in votes.items() if v == key)
                w.writerow([session.data["name"], a.id, a.title, a.stamp, m.id, e["mode"], key, text,
                            r["tally"].get(key, 0), groups, r["result_id"], m.historical.result, m.historical.recorded])
    return buf.getvalue()


def objectives_csv(session) -> str:
    """One row per group and objective: whether play met it (computed from the group's story)."""
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(["session", "role", "role_name", "group", "students", "objective_number", "objective", "met",
                "ending_reached"])
    for rec in role_records(session):
        for n, (text, met) in enumerate(rec["objectives"], start=1):
            w.writerow([session.data["name"], rec["role"], rec["name"], rec["players"], rec["students"], n, text,
                        {True: "yes", False: "no", None: "for the class to judge"}[met], "yes" if rec["ending"] else "no"])
    return buf.getvalue()


def write_exports(session) -> list:
    """Write every record of the session into its folder; returns the paths written."""
    folder = session.directory
    written = []

    def put(name: str, text: str) -> None:
        path = folder / name
        atomic_write(path, text.encode("utf-8"))
        written.append(path)

    title = _("{story}: session {name}").format(story=session.story.title, name=session.data["name"])
    md = markdown(session)
    put("transcript.md", md)
    put("transcript.html", markdown_to_html(md, title))
    for g in session.plan.groups:
        md = markdown(session, g.role)
        put(f"role-{g.role}.md", md)
        put(f"role-{g.role}.html", markdown_to_html(md, f"{title}: {session.role_name(g.role)}"))
    put("choices.csv", choices_csv(session))
    put("votes.csv", votes_csv(session))
    put("objectives.csv", objectives_csv(session))
    return written
