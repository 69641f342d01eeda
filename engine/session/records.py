"""The records of a hosted classroom: the debrief's transcripts and CSVs, plus what each student did
(choices from their device, speeches written, votes cast) and one gradebook row per student. Every file
is written atomically, mode 0600 (students' names and words), and writing again gives the same files."""
from __future__ import annotations

import io
import os
from pathlib import Path

from ..persistence.saves import atomic_write
from .csvcells import SafeWriter


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    SafeWriter(buf).writerows(rows)
    return buf.getvalue()




def speeches_csv(live) -> str:
    rows = [["session", "assembly", "assembly_title", "student", "student_name", "group", "role", "speaks_as",
             "written", "text"]]
    for e in live.data["log"]:
        if e["t"] != "assembly":
            continue
        for s in e["speeches"]:
            st = live.students.get(s.get("student", ""))
            rows.append([live.data["name"], e["id"], e["title"], s.get("student", ""), (st.name if st else ""),
                         f"Group {live.groups[s['role']].number}" if s["role"] in live.groups else "",
                         live.role_name(s["role"]), s["as"], "yes" if s.get("written") else "no", (s["text"])])
    return _csv(rows)


def student_choices_csv(live) -> str:
    rows = [["session", "student", "student_name", "group", "role", "in_story", "scene_title", "choice_number",
             "choice_text", "decided_by", "left_history", "choice_id"]]
    for e in live.data["log"]:
        if e["t"] != "choice":
            continue
        by = e.get("by", "")
        who = [by] if by in live.students else (e.get("group_mates") or [])
        for sid in who:
            st = live.students.get(sid)
            rows.append([live.data["name"], sid, (st.name if st else ""), f"Group {live.groups[e['role']].number}",
                         live.role_name(e["role"]), e["stamp"], e["title"], e.get("number", e["choice"] + 1), e["text"],
                         "own device" if by == sid else ("group vote" if by.startswith("vote:") else "a group mate"),
                         "yes" if e["counterfactual"] else "no", e.get("choice_id", "")])
    return _csv(rows)


def student_votes_csv(live) -> str:
    rows = [["session", "assembly", "motion", "student", "student_name", "group", "vote"]]
    for e in live.data["log"]:
        if e["t"] != "assembly":
            continue
        for motion, by in e.get("student_votes", {}).items():
            for sid, vote in by.items():
                st = live.students.get(sid)
                rows.append([live.data["name"], e["id"], motion, sid, (st.name if st else ""),
                             f"Group {live.groups[st.group].number}" if st and st.group in live.groups else "", vote])
    return _csv(rows)


def gradebook_csv(live) -> str:
    rows = [["session", "student", "student_name", "group", "role", "choices_from_own_device", "group_decisions",
             "speeches_written", "speeches_given", "votes_cast", "ending", "objectives_met"]]
    for st in live.students.values():
        own = sum(1 for e in live.data["log"] if e["t"] == "choice" and e.get("by") == st.id)
        group = sum(1 for e in live.data["log"] if e["t"] == "choice" and st.id in (e.get("group_mates") or []))
        spoken = [s for e in live.data["log"] if e["t"] == "assembly" for s in e["speeches"] if s.get("student") == st.id]
        votes = sum(1 for e in live.data["log"] if e["t"] == "assembly"
                    for by in e.get("student_votes", {}).values() if st.id in by)
        ending = next((e for e in live.data["log"] if e["t"] == "ending" and e["role"] == st.group), None)
        met = [m for _, m in live.objectives(st.group) if m is not None]
        rows.append([live.data["name"], st.id, (st.name), f"Group {live.groups[st.group].number}",
                     live.role_name(st.group), own, group, sum(1 for s in spoken if s.get("written")), len(spoken), votes,
                     (ending["ending_title"] + (" (historical)" if ending["historical"] else "")) if ending else "",
                     f"{sum(1 for ok in met if ok)} of {len(met)}" if met else ""])
    return _csv(rows)


def write_live_records(live, directory: Path) -> list[Path]:
    from .debrief import debrief_lines, write_exports
    written = list(write_exports(live))
    for name, text in (("speeches.csv", speeches_csv(live)), ("student-choices.csv", student_choices_csv(live)),
                       ("student-votes.csv", student_votes_csv(live)), ("gradebook.csv", gradebook_csv(live)),
                       ("debrief.txt", "\n".join(debrief_lines(live)) + "\n")):
        path = Path(directory) / name
        atomic_write(path, text.encode("utf-8"))
        written.append(path)
    for path in written:
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    return written
