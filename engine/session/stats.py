"""Class statistics across sessions, in an embedded SQLite database (saves/classroom.sqlite3).

Only counts are stored: per decision, how many students' groups took each choice, and per assembly, the
class's tallies. No names: a session is an opaque id. Reports hide every figure under 3 students, so a
small group's choices cannot be picked out. `petrograd session purge` deletes all class data: this
database and every session folder (which hold the names and transcripts).
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ..persistence.saves import default_saves_dir
from .engine import sessions_dir

DB_NAME = "classroom.sqlite3"
MIN_GROUP = 3
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, story TEXT NOT NULL, recorded TEXT NOT NULL, students INTEGER NOT NULL,
    periods INTEGER NOT NULL, period_minutes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, story TEXT NOT NULL, role TEXT NOT NULL,
    scene TEXT NOT NULL, scene_title TEXT NOT NULL, in_story TEXT NOT NULL, choice INTEGER NOT NULL,
    choice_text TEXT NOT NULL, historical INTEGER NOT NULL, students INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS votes (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, story TEXT NOT NULL, assembly TEXT NOT NULL,
    assembly_title TEXT NOT NULL, motion TEXT NOT NULL, option TEXT NOT NULL, option_text TEXT NOT NULL,
    count INTEGER NOT NULL, historical INTEGER NOT NULL, mode TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_by_scene ON decisions(story, role, scene);
"""


def db_path(saves: Path | None = None) -> Path:
    return (Path(saves) if saves else default_saves_dir()) / DB_NAME


def connect(saves: Path | None = None) -> sqlite3.Connection:
    path = db_path(saves)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)
    return con


def record_session(session, saves: Path | None = None) -> None:
    """Store a finished session's counts (again: recording twice replaces the first record)."""
    saves = saves or session.path.parent.parent.parent
    story = session.story.id
    sid = session.data["id"]
    plan = session.plan
    con = connect(saves)
    try:
        with con:
            con.execute("DELETE FROM sessions WHERE id = ?", (sid,))
            con.execute("INSERT INTO sessions VALUES (?, ?, datetime('now'), ?, ?, ?)",
                        (sid, story, plan.students, plan.periods, plan.period_minutes))
            for e in session.data["log"]:
                if e["t"] != "choice":      # narrated scenes were not the students' decisions
                    continue
                con.execute("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (sid, story, e["role"], e["scene"], e["title"], e["stamp"], e["choice"], e["text"],
                             int(not e["counterfactual"]), e["students"]))
            for e in session.data["log"]:
                if e["t"] != "assembly":
                    continue
                a = session.assemblies.get(e["id"])
                if a is None:
                    continue
                for r in e["results"]:
                    m = next(x for x in a.motions if x.id == r["motion"])
                    for key in [o.id for o in m.options] + ["abstain", "walkout"]:
                        text = m.option(key).text if m.option(key) else key
                        con.execute("INSERT INTO votes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    (sid, story, a.id, a.title, m.id, key, text, int(r["tally"].get(key, 0)),
                                     int(key == m.historical.result), e["mode"]))
    finally:
        con.close()


def shown(n: int) -> str:
    return str(n) if n >= MIN_GROUP else f"fewer than {MIN_GROUP}"


def report(story_id: str | None = None, saves: Path | None = None) -> list[str]:
    """Class statistics as lines of text: per decision, how students chose beside the historical choice."""
    if not db_path(saves).exists():
        return ["No class statistics yet: they are recorded when a session reaches its debrief."]
    con = connect(saves)
    try:
        where, args = ("WHERE story = ?", (story_id,)) if story_id else ("", ())
        sessions = con.execute(f"SELECT COUNT(*), COALESCE(SUM(students), 0) FROM sessions {where}", args).fetchone()
        out = [f"{sessions[0]} session(s), {sessions[1]} students in all. Figures under {MIN_GROUP} students are hidden.", ""]
        out.append("DECISIONS (students whose group took each choice; * = a choice that stays within recorded history)")
        rows = con.execute(f"""SELECT role, scene, scene_title, MIN(in_story), choice, choice_text, MAX(historical),
                                      SUM(students) FROM decisions {where}
                               GROUP BY role, scene, choice ORDER BY MIN(in_story), role, scene, choice""", args).fetchall()
        by_decision: dict[tuple, list] = {}
        for role, scene, title, stamp, choice, text, hist, students in rows:
            by_decision.setdefault((stamp, role, scene, title), []).append((choice, text, hist, students))
        hidden = 0
        for (stamp, role, scene, title), choices in sorted(by_decision.items()):
            total = sum(c[3] for c in choices)
            if total < MIN_GROUP:
                hidden += 1
                continue
            out.append(f"  {role}, {stamp}, {title} ({total} students)")
            for choice, text, hist, students in choices:
                out.append(f"    {'*' if hist else ' '} {shown(students):>16}  {text}")
        if hidden:
            out.append(f"  ({hidden} decision(s) taken by fewer than {MIN_GROUP} students are not shown)")
        out += ["", "ASSEMBLIES (votes of all sessions; * = the historical result)"]
        rows = con.execute(f"""SELECT assembly, assembly_title, motion, option, option_text, SUM(count), MAX(historical)
                               FROM votes {where} GROUP BY assembly, motion, option
                               ORDER BY assembly, motion, MIN(rowid)""", args).fetchall()
        current = None
        for assembly, title, motion, option, text, count, hist in rows:
            if (assembly, motion) != current:
                current = (assembly, motion)
                out.append(f"  {title} ({motion})")
            out.append(f"    {'*' if hist else ' '} {shown(count):>16}  {text}")
        return out
    finally:
        con.close()


def purge(saves: Path | None = None) -> list[Path]:
    """Delete all class data: the statistics database and every session folder. Returns what was removed."""
    removed = []
    for path in (db_path(saves), db_path(saves).with_name(DB_NAME + "-journal")):
        if path.exists():
            path.unlink()
            removed.append(path)
    folder = sessions_dir(saves)
    if folder.exists():
        shutil.rmtree(folder)
        removed.append(folder)
    return removed
