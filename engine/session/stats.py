"""Class statistics across sessions, in an embedded SQLite database (saves/classroom.sqlite3).

Only counts are stored: per decision, how many students' groups took each choice, and per assembly, the
class's tallies. No names: a session is an opaque id. A decision is a group's, taken together, so
decisions of pairs and larger groups are shown; a figure that could be one student deciding alone (a
group of one, or a count of 1) is never shown on its own. `petrograd session purge` deletes all class
data: this database and every session folder (which hold the names and transcripts);
`petrograd session purge NAME` deletes one session's folder and its rows here.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from ..persistence.saves import default_saves_dir
from .engine import sessions_dir
from .rules import motion_label

SPECIAL_WORDS = {"abstain": "Abstained", "walkout": "Walked out"}

DB_NAME = "classroom.sqlite3"
MIN_GROUP = 2       # a figure under this could be one student deciding alone
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
# Columns added after the first release: (table, column, declaration); old databases get them on connect.
ADDED_COLUMNS = (("decisions", "role_name", "TEXT NOT NULL DEFAULT ''"),
                 ("votes", "motion_text", "TEXT NOT NULL DEFAULT ''"),
                 ("votes", "in_story", "TEXT NOT NULL DEFAULT ''"))


def db_path(saves: Path | None = None) -> Path:
    return (Path(saves) if saves else default_saves_dir()) / DB_NAME


def connect(saves: Path | None = None) -> sqlite3.Connection:
    path = db_path(saves)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        os.chmod(path, 0o600)           # class data, like every export: readable by its owner only
    except OSError:
        pass
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)
    for table, column, declaration in ADDED_COLUMNS:
        if column not in {row[1] for row in con.execute(f"PRAGMA table_info({table})")}:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
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
                con.execute("INSERT INTO decisions (session, story, role, scene, scene_title, in_story, choice, "
                            "choice_text, historical, students, role_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (sid, story, e["role"], e["scene"], e["title"], e["stamp"], e["choice"], e["text"],
                             int(not e["counterfactual"]), e["students"], session.role_name(e["role"])))
            for e in session.data["log"]:
                if e["t"] != "assembly":
                    continue
                a = session.assemblies.get(e["id"])
                if a is None:
                    continue
                for r in e["results"]:
                    m = next(x for x in a.motions if x.id == r["motion"])
                    for key in [o.id for o in m.options] + ["abstain", "walkout"]:
                        text = m.option(key).text if m.option(key) else SPECIAL_WORDS[key]
                        con.execute("INSERT INTO votes (session, story, assembly, assembly_title, motion, option, "
                                    "option_text, count, historical, mode, motion_text, in_story) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    (sid, story, a.id, a.title, m.id, key, text, int(r["tally"].get(key, 0)),
                                     int(key == m.historical.result), e["mode"], motion_label(m), a.stamp))
    finally:
        con.close()


def shown(n: int) -> str:
    return "—" if 0 < n < MIN_GROUP else str(n)


def report(story_id: str | None = None, saves: Path | None = None, story=None) -> list[str]:
    """Class statistics as lines of text: per decision, how students chose beside the historical choice.
    With `story`, rows recorded before role names and motion texts were stored are named from it."""
    roles = story.roles if story is not None else {}
    story_motions = {(a.id, m.id): (motion_label(m), a.stamp) for a in story.assemblies for m in a.motions} \
        if story is not None else {}
    if not db_path(saves).exists():
        return ["No class statistics yet: they are recorded when a session reaches its debrief."]
    con = connect(saves)
    try:
        where, args = ("WHERE story = ?", (story_id,)) if story_id else ("", ())
        sessions = con.execute(f"SELECT COUNT(*), COALESCE(SUM(students), 0) FROM sessions {where}", args).fetchone()
        out = [f"{sessions[0]} session(s), {sessions[1]} students in all. A decision is a group's; a choice one "
               "student made alone is not shown, and a vote count of 1 is shown as —.", ""]
        out.append("DECISIONS (students whose group took each choice; * = a choice that stays within recorded history)")
        rows = con.execute(f"""SELECT role, MAX(role_name), scene, scene_title, MIN(in_story), choice, choice_text,
                                      MAX(historical), SUM(students), COUNT(*) FROM decisions {where}
                               GROUP BY role, scene, choice ORDER BY MIN(in_story), role, scene, choice""", args).fetchall()
        by_decision: dict[tuple, list] = {}
        for role, role_name, scene, title, stamp, choice, text, hist, students, groups in rows:
            role_name = role_name or (roles[role].name if role in roles else role)
            by_decision.setdefault((stamp, role, role_name, scene, title), []).append((choice, text, hist, students))
        hidden = 0
        for (stamp, role, role_name, scene, title), choices in sorted(by_decision.items()):
            # a choice only one student took is left out altogether (a row, even blanked, would say which)
            kept = [c for c in choices if c[3] >= MIN_GROUP]
            if not kept:
                hidden += 1
                continue
            out.append(f"  {role_name}, {stamp}, {title} ({sum(c[3] for c in kept)} students"
                       + ("; a choice one student took alone is not shown)" if len(kept) < len(choices) else ")"))
            for choice, text, hist, students in kept:
                out.append(f"    {'*' if hist else ' '} {students:>4}  {text}")
        if hidden:
            out.append(f"  ({hidden} decision(s) taken by one student alone are not shown)")
        out += ["", "ASSEMBLIES (votes of all sessions, in story order; * = the historical result)"]
        rows = con.execute(f"""SELECT assembly, assembly_title, motion, MAX(motion_text), option, option_text,
                                      SUM(count), MAX(historical), MIN(in_story)
                               FROM votes {where} GROUP BY assembly, motion, option
                               ORDER BY MIN(in_story), assembly, MIN(rowid)""", args).fetchall()
        motions = {}
        for assembly, title, motion, motion_text, option, text, count, hist, stamp in rows:
            label, when = story_motions.get((assembly, motion), (motion.replace("_", " "), ""))
            motions.setdefault((stamp or when, assembly, motion), (title, motion_text or label, []))[2].append(
                (option, text, count, hist))
        motions = {(a, m): value for (_, a, m), value in sorted(motions.items(), key=lambda kv: kv[0][:2])}
        for (assembly, motion), (title, motion_text, options) in motions.items():
            several = sum(1 for (a, _m) in motions if a == assembly) > 1
            out.append(f"  {title}" + (f": {motion_text}" if several else ""))
            for option, text, count, hist in options:
                words = SPECIAL_WORDS.get(text, text)      # rows written before the words were stored
                out.append(f"    {'*' if hist else ' '} {shown(count):>4}  {words}")
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


def purge_session(name: str, saves: Path | None = None) -> list[Path]:
    """Delete one session: its folder (names, transcripts, records) and its rows in the statistics.
    Returns what was removed; raises SessionError if there is no such session."""
    from .engine import SessionError, read_session_file, session_path
    path = session_path(name, saves)          # checks the name: never a path outside the sessions folder
    folder = path.parent
    if not folder.is_dir():
        raise SessionError(f"no session named {name!r} (looked in {folder.parent})")
    removed = []
    try:
        sid = read_session_file(path)["id"]
    except (SessionError, KeyError, TypeError):
        sid = None                            # damaged: its rows, if any, cannot be told apart
    if sid and db_path(saves).exists():
        con = connect(saves)
        try:
            with con:
                for table in ("decisions", "votes", "sessions"):
                    column = "id" if table == "sessions" else "session"
                    con.execute(f"DELETE FROM {table} WHERE {column} = ?", (sid,))
            con.execute("VACUUM")             # deleted rows do not linger in the file's free pages
        finally:
            con.close()
        removed.append(db_path(saves))
    shutil.rmtree(folder)
    removed.insert(0, folder)
    return removed
