"""Classroom sessions: vote rules, the planner for every class size, privacy, exact resume after a kill,
records, statistics, printables, and a scripted session of the bundled story."""
import csv
import io
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, ROOT
from engine import Game, load_story_or_raise
from engine.session.engine import Session, SessionError, session_path
from engine.session.planner import MAX_GROUP, MAX_GROUPS, PlanError, make_plan, propose_cast
from engine.session.rules import decide
from engine.session.textui import SessionTextUI

CLASSROOM = FIXTURES / "classroom"
SECRETS = {"guard": "GUARD-PRIVATE-OWL", "runner": "RUNNER-PRIVATE-FOX", "clerk": "CLERK-PRIVATE-CROW"}
NAMES12 = ["Ana", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gia", "Hugo", "Ida", "Jon", "Kai", "Lea"]


@pytest.fixture(scope="module")
def fixture_story():
    return load_story_or_raise(CLASSROOM)


@pytest.fixture(scope="module")
def bundled():
    """The bundled story as sessions load it (missing pictures tolerated): it must load."""
    from engine.session.cli import load_story_for_sessions
    story, code = load_story_for_sessions(str(ROOT / "story"))
    assert story is not None, "the bundled story has errors: `petrograd check story/` says which"
    return story


# -- a scripted class: answers chosen from the prompt, reproducibly ------------------------------------
class Policy:
    """Answers every prompt; with `historical`, the groups follow history and the votes match 1917."""

    def __init__(self, session, seed=0, historical=False, mode=None):
        self.s = session
        self.rng = random.Random(seed)
        self.historical = historical
        self.mode = mode

    def answer(self, p) -> str:
        s, rng = self.s, self.rng
        if p.kind in ("handoff", "agenda", "result", "break", "ending", "debrief"):
            return ""
        if p.kind == "scene":
            if self.historical:
                from engine.session.planner import historical_choice
                player = s.players[p.role]
                choice = s.path_choice(p.role) or historical_choice(player, s.reach)
                return str(next(c.number for c in player.frame().choices if c.index == choice.index))
            return str(rng.randint(1, len(p.options)))
        if p.kind == "speech":
            return str(rng.randint(1, len(p.options)))
        if p.kind == "vote_mode":
            return self.mode or rng.choice("12")
        a = s.assemblies[s.stage["id"]]
        motion = a.motions[s.stage["motion"]]
        if p.kind == "vote":
            if self.historical:
                return str(1 + [o.id for o in motion.options].index(motion.historical.result))
            return str(rng.choice([1, 1, 2, 2, 3, len(p.options)]))
        if p.kind == "tally":
            n = len(motion.options)
            if self.historical:
                return " ".join(str(s.plan.students if o.id == motion.historical.result else 0) for o in motion.options) + " 0 0"
            left, parts = s.plan.students, []
            for _ in range(n + 1):
                k = rng.randint(0, left)
                parts.append(k)
                left -= k
            return " ".join(map(str, parts + [left]))
        raise AssertionError(p.kind)


def play_all(session, policy, limit=5000):
    """Drive a session to its end; returns the input lines typed."""
    lines = []
    for _ in range(limit):
        if session.finished:
            return lines
        line = policy.answer(session.prompt())
        lines.append(line)
        assert session.answer(line) == "", (session.prompt().kind, line)
    raise AssertionError("the session did not end")


def new_session(story, name, students=7, period=45, periods=1, names=None, seed=3, roles=None, saves=None):
    plan = make_plan(story, Game(story), students, period, periods, names, roles)
    return Session.create(story, name, plan, saves=saves, seed=seed)


# -- vote rules -----------------------------------------------------------------------------------------
def motion(rule="majority", abstentions="not_counted", ties="default", walkouts="not_counted", quorum=0.0,
           options=("for", "against"), default="against"):
    return SimpleNamespace(id="m", options=[SimpleNamespace(id=o) for o in options], default=default, rule=rule,
                           abstentions=abstentions, ties=ties, walkouts=walkouts, quorum=quorum)


def test_majority_of_votes_cast():
    assert decide(motion(), {"for": 10, "against": 2}).result == "for"             # 10 October
    assert decide(motion(), {"for": 6, "against": 15, "abstain": 3}).result == "against"  # Zinoviev at Lesnoi
    d = decide(motion(), {"for": 123, "against": 102, "abstain": 26})              # Dan's formula
    assert d.result == "for" and d.decided and "123 of 225" in d.reason


def test_abstentions_can_count_against():
    d = decide(motion(abstentions="against"), {"for": 123, "against": 102, "abstain": 26})
    assert d.result == "against" and not d.decided and "123 of 251" in d.reason


def test_ties_leave_the_default_or_go_to_the_chair():
    d = decide(motion(), {"for": 5, "against": 5})
    assert d.result == "against" and not d.decided and "tie" in d.reason
    three = motion(rule="plurality", ties="chair", options=("a", "b", "c"), default="b")
    assert decide(three, {"a": 3, "c": 3, "b": 1}, chair_vote="c").result == "c"
    assert decide(three, {"a": 3, "c": 3, "b": 1}, chair_vote="b").result == "b"   # chair not among the tied
    assert decide(three, {"a": 3, "c": 3, "b": 1}).result == "b"


def test_walkouts():
    # Not counted: those who leave do not stop the rest deciding.
    assert decide(motion(), {"for": 3, "against": 2, "walkout": 7}).result == "for"
    # Counted for the default (against).
    assert decide(motion(walkouts="against"), {"for": 3, "against": 2, "walkout": 7}).result == "against"
    # A quorum: more than half walked out, so nothing is decided.
    d = decide(motion(quorum=0.5), {"for": 3, "against": 2, "walkout": 7})
    assert d.result == "against" and not d.decided and "quorum" in d.reason
    assert decide(motion(), {"walkout": 12}).reason == "no votes were cast"


def test_plurality_and_unanimity():
    three = motion(rule="plurality", options=("a", "b", "c"), default="b")
    assert decide(three, {"a": 4, "b": 3, "c": 3}).result == "a"
    majority3 = motion(options=("a", "b", "c"), default="b")
    assert decide(majority3, {"a": 4, "b": 3, "c": 3}).result == "b"           # 4 of 10 is no majority
    assert decide(motion(rule="unanimous"), {"for": 5}).result == "for"
    assert decide(motion(rule="unanimous"), {"for": 5, "against": 1}).result == "against"
    with pytest.raises(ValueError):
        decide(motion(), {"maybe": 1})
    with pytest.raises(ValueError):
        decide(motion(), {"for": -1})


# -- the planner -----------------------------------------------------------------------------------------------
def check_plan(story, plan, students, total):
    seats = [s for g in plan.groups for s in g.students]
    assert len(seats) == students and len(set(seats)) == students
    sizes = [len(g.students) for g in plan.groups]
    assert max(sizes) - min(sizes) <= 1 and max(sizes) <= MAX_GROUP and min(sizes) >= 1
    assert len({g.role for g in plan.groups}) == len(plan.groups)
    if students >= 12:
        assert min(sizes) >= 2
    assert plan.planned_minutes <= total + 1e-6
    assert plan.debrief_minutes >= 8 and plan.timeline[-1].kind == "debrief"
    assert plan.timeline[-1].start + plan.debrief_minutes <= total + 1e-6
    starts = [i.start for i in plan.timeline]
    assert starts == sorted(starts)
    for role, scenes in plan.play.items():
        assert set(scenes) <= set(plan.path[role])
    breaks = [i for i in plan.timeline if i.kind == "break"]
    assert len(breaks) <= plan.periods - 1
    for n, b in enumerate(breaks, start=1):        # nothing straddles the end of a period
        assert b.start <= n * plan.period_minutes


@pytest.mark.parametrize("students", range(6, 37))
def test_planner_for_every_class_size(students, bundled, fixture_story):
    for story in (bundled, fixture_story):
        if len(story.roles) * MAX_GROUP < students:
            with pytest.raises(PlanError, match="larger than"):
                make_plan(story, Game(story), students, 45, 2)
            continue
        game = Game(story)
        for period, periods in ((45, 2), (40, 1), (90, 1)):
            plan = make_plan(story, game, students, period, periods)
            check_plan(story, plan, students, period * periods)
    groups, left_out = propose_cast(bundled, students)
    roles = len(bundled.roles)        # every role once there are two students for each, at most MAX_GROUPS
    expected = min(roles if students >= 2 * roles else max(min(3, roles), students // 2), MAX_GROUPS)
    assert len(groups) == expected and len(left_out) == roles - expected
    if students < 2 * roles:       # a small class plays fewer roles, in pairs
        assert min(len(g.students) for g in groups) >= 2


def test_planner_two_periods_of_45_with_12_students(bundled):
    plan = make_plan(bundled, Game(bundled), 12, 45, 2, NAMES12)
    assert [g.students for g in plan.groups][0] == ["Ana", "Ben"]
    assert set(plan.assemblies) == {a.id for a in bundled.assemblies}      # every assembly fits
    assert any(i.kind == "break" for i in plan.timeline)
    assert all(plan.play[r] for r in plan.cast)


def test_planner_refuses_what_cannot_be(fixture_story):
    game = Game(fixture_story)
    with pytest.raises(PlanError):
        make_plan(fixture_story, game, 7, 45, 1, names=["Ana", "Ben"])
    with pytest.raises(PlanError):
        make_plan(fixture_story, game, 30, 45, 1)         # 3 roles: groups of 10
    with pytest.raises(PlanError):
        make_plan(fixture_story, game, 7, 10, 1)          # no time after the debrief
    with pytest.raises(PlanError):
        make_plan(fixture_story, game, 7, 45, 1, roles=["nobody"])


def test_timings_come_from_the_story(fixture_story):
    from engine.session.planner import scene_minutes
    assert scene_minutes(fixture_story, fixture_story.scenes["g_post"]) == 2          # authored
    words = fixture_story.scenes["g_orders"].words
    assert scene_minutes(fixture_story, fixture_story.scenes["g_orders"]) == pytest.approx(words / 180)


# -- sessions on the fixture story ----------------------------------------------------------------------------
def test_a_whole_session_with_records(fixture_story):
    s = new_session(fixture_story, "whole", names=["Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus"])
    play_all(s, Policy(s, seed=1, mode="1"))
    folder = s.directory
    for name in ("transcript.md", "transcript.html", "choices.csv", "votes.csv", "role-guard.md", "role-guard.html"):
        assert (folder / name).is_file(), name
    log = s.data["log"]
    assert {e["id"] for e in log if e["t"] == "assembly"} == {"bridge_vote", "wire_vote"}
    assert sum(1 for e in log if e["t"] == "ending") == 3
    rows = list(csv.DictReader(io.StringIO((folder / "choices.csv").read_text())))
    assert rows and {r["role"] for r in rows} <= {"guard", "runner", "clerk"}
    votes = list(csv.DictReader(io.StringIO((folder / "votes.csv").read_text())))
    assert {r["assembly"] for r in votes} == {"bridge_vote", "wire_vote"}
    html = (folder / "transcript.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    md = (folder / "transcript.md").read_text()
    assert "## Debrief" in md and "Where the class left history" in md


def test_votes_change_every_players_story(fixture_story):
    s = new_session(fixture_story, "effects")
    while not (s.stage["kind"] == "assembly" and s.stage["id"] == "bridge_vote" and s.stage["step"] == "mode"):
        p = s.prompt()
        s.answer("" if p.kind in ("handoff", "agenda", "ending") else "1")
    nerve = s.players["guard"].state.variables["guard_nerve"]
    speed = s.players["runner"].state.variables["runner_speed"]
    s.answer("2")                                     # show of hands
    assert "hands" in s.answer("9 0 0 0").lower()     # more hands than the 7 students: refused
    assert "numbers" in s.answer("1 5")               # too few counts: refused
    s.answer("1 5 1 0")                              # the class opens the bridge
    assert s.stage["step"] == "result"
    result = s.stage["results"][0]
    assert result["result"] == "open" and result["historical"] == "hold"
    assert result["tally"] == {"hold": 1, "open": 5, "abstain": 1, "walkout": 0}
    assert s.players["guard"].state.variables["guard_nerve"] == max(0, nerve - 2)
    assert s.players["runner"].state.variables["runner_speed"] == min(5, speed + 1)
    assert s.players["clerk"].state.variables["clerk_honest"] == 2          # no effect on the clerk
    saved = json.loads(s.path.read_text())
    assert saved["players"]["guard"]["variables"]["guard_nerve"] == max(0, nerve - 2)   # saved after the vote


def test_group_votes_count_their_students_and_walkouts(fixture_story):
    s = new_session(fixture_story, "walk", names=["Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus"])
    while not (s.stage["kind"] == "assembly" and s.stage["id"] == "bridge_vote" and s.stage["step"] == "mode"):
        p = s.prompt()
        s.answer("" if p.kind in ("handoff", "agenda", "ending") else "1")
    speed = s.players["runner"].state.variables["runner_speed"]
    s.answer("1")
    s.answer("2")        # the guard group (3 students) votes to open
    s.answer("4")        # the crowd group (2 students) walks out
    r = s.stage["results"][0]
    assert r["tally"] == {"open": 3, "walkout": 2} and r["result"] == "open"
    assert s.players["runner"].state.variables["runner_speed"] == min(5, speed + 2)  # on_vote walkout + outcome


def test_privacy_on_screen_and_in_exports(fixture_story):
    s = new_session(fixture_story, "private", seed=5)
    out = io.StringIO()
    policy = Policy(s, seed=2, mode="1")
    ui = SessionTextUI(s, lambda: (policy.answer(s.prompt()) + "\n") if not s.finished else "", out, echo_input=True)
    assert ui.run() == 0
    screens = out.getvalue().split("screen cleared")
    for screen in screens:
        found = [role for role, secret in SECRETS.items() if secret in screen]
        assert len(found) <= 1, (found, screen[:400])
        if found:       # the only screens with a secret are that group's own turn, after its hand-off
            assert "PASS TO" in screen and s.role_name(found[0]).upper() in screen
    assert all(any(secret in x for x in screens) for secret in SECRETS.values())
    folder = s.directory
    for role, secret in SECRETS.items():
        for ext in ("md", "html"):
            text = (folder / f"role-{role}.{ext}").read_text()
            assert secret in text
            assert not [other for r, other in SECRETS.items() if r != role and other in text], (role, ext)
        # Another group's choices do not appear in this group's export either.
        others = [e["text"] for e in s.data["log"] if e["t"] == "choice" and e["role"] != role]
        own = [e["text"] for e in s.data["log"] if e["t"] == "choice" and e["role"] == role]
        text = (folder / f"role-{role}.md").read_text()
        assert not [t for t in others if t not in own and f"**Choice:** {t}" in text]
    teacher = (folder / "transcript.md").read_text()
    assert all(secret in teacher for secret in SECRETS.values())


def test_prompts_name_their_audience(fixture_story):
    s = new_session(fixture_story, "audience", seed=9)
    policy = Policy(s, seed=4)
    for _ in range(400):
        if s.finished:
            break
        p = s.prompt()
        text = "\n".join([p.title] + p.lines + p.options)
        for role, secret in SECRETS.items():
            if secret in text:
                assert p.audience == role and p.kind == "scene"
        s.answer(policy.answer(p))
    assert s.finished


def test_resume_is_exact_at_every_step(fixture_story, tmp_path):
    reference = new_session(fixture_story, "ref", seed=11, saves=tmp_path / "a")
    lines = play_all(reference, Policy(reference, seed=6))
    for stop in (3, 9, 17, len(lines) // 2, len(lines) - 3):
        s = new_session(fixture_story, "cut", seed=11, saves=tmp_path / f"b{stop}")
        for line in lines[:stop]:
            s.answer(line)
        again = Session.load(fixture_story, "cut", saves=tmp_path / f"b{stop}")
        if again.prompt().kind == "handoff" and s.prompt().kind != "handoff":
            again.answer("")         # a resumed private turn always starts with a hand-off
        for line in lines[stop:]:
            again.answer(line)
        assert again.finished
        assert again.data["log"] == reference.data["log"]
        assert again.data["players"] == reference.data["players"]


def test_teacher_can_end_early_and_records_are_kept(fixture_story, tmp_path):
    s = new_session(fixture_story, "early")
    for _ in range(4):
        p = s.prompt()
        s.answer("" if p.kind == "handoff" else "1")
    s.request_debrief()
    assert s.stage["kind"] == "debrief"
    assert (s.directory / "transcript.md").exists()
    s.answer("")
    assert s.finished


def test_statistics_show_pairs_hide_one_student_and_purge(fixture_story, tmp_path):
    from engine.session.stats import db_path, purge, report
    saves = tmp_path / "stats"
    s1 = new_session(fixture_story, "one", saves=saves, students=6)    # three pairs
    play_all(s1, Policy(s1, seed=1, historical=True))
    lines = "\n".join(report(fixture_story.id, saves))
    assert "1 session(s), 6 students" in lines
    assert "Guard, 1917-10-24 20:00, The post (2 students)" in lines     # a pair decides together: shown
    assert re.search(r"\*\s+2  Ask for orders\.", lines)
    s2 = new_session(fixture_story, "two", saves=saves, students=6)
    play_all(s2, Policy(s2, seed=1, historical=True))
    lines = "\n".join(report(fixture_story.id, saves))
    assert "The post (4 students)" in lines
    assert re.search(r"\*\s+4  Ask for orders\.", lines)
    assert "(bridge_vote)" not in lines and "bridge_vote" not in lines    # assemblies by their titles
    con = sqlite3.connect(db_path(saves))
    assert con.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 2
    names = con.execute("SELECT group_concat(choice_text) FROM decisions").fetchone()[0]
    with con:                                  # a group of one: its decisions are one student's
        con.execute("UPDATE decisions SET students = 1 WHERE role = 'guard' AND session = ?", (s2.data["id"],))
        con.execute("DELETE FROM decisions WHERE role = 'guard' AND session = ?", (s1.data["id"],))
    con.close()
    assert "Seat" not in names
    lines = "\n".join(report(fixture_story.id, saves))
    assert "The post" not in lines and "taken by one student alone are not shown" in lines
    removed = purge(saves)
    assert not db_path(saves).exists() and not (saves / "sessions").exists() and removed


def test_session_files_are_checked(fixture_story, tmp_path):
    s = new_session(fixture_story, "bad", saves=tmp_path)
    path = session_path("bad", tmp_path)
    path.write_text(path.read_text()[:200])
    with pytest.raises(SessionError, match="damaged"):
        Session.load(fixture_story, "bad", saves=tmp_path)
    with pytest.raises(SessionError):
        Session.load(fixture_story, "../etc", saves=tmp_path)
    with pytest.raises(SessionError, match="exists already"):
        new_session(fixture_story, "bad", saves=tmp_path)
    assert s  # created


# -- the command line ---------------------------------------------------------------------------------------------
def petrograd(*args, input=None, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "engine", *args], input=input, capture_output=True, text=True,
                          timeout=timeout, env=env or os.environ.copy(), cwd=ROOT)


def test_cli_plan_list_print_stats_purge(tmp_path):
    saves = str(tmp_path / "saves")
    out = petrograd("session", "plan", "--period", "45", "--periods", "1", "--students", "7", "--story", str(CLASSROOM),
                    "--saves", saves)
    assert out.returncode == 0, out.stderr
    assert "DEBRIEF" in out.stdout and "Guard" in out.stdout
    bad = petrograd("session", "new", "--period", "45", "--students", "5", "--story", str(CLASSROOM), "--saves", saves,
                    "--text")
    assert bad.returncode == 1 and "6 to 36" in bad.stderr
    bad = petrograd("session", "new", "--period", "45", "--students", "7", "--names", "Ana Smith,B,C,D,E,F,G",
                    "--story", str(CLASSROOM), "--saves", saves, "--text")
    assert bad.returncode == 1 and "first names" in bad.stderr
    out = petrograd("session", "print", "--out", str(tmp_path / "print"), "--story", str(CLASSROOM), "--saves", saves)
    assert out.returncode == 0, out.stderr
    for name in ("role-sheets.html", "role-sheets-a4.pdf", "assemblies.html", "assemblies-letter.pdf",
                 "teacher-guide.html", "teacher-guide-a4.pdf", "role-guard.html", "index.html"):
        assert (tmp_path / "print" / name).is_file(), name
    from pypdf import PdfReader
    assert len(PdfReader(tmp_path / "print" / "role-sheets-a4.pdf").pages) >= 3
    guide = (tmp_path / "print" / "teacher-guide.html").read_text()
    for heading in ("Learning objectives", "Scenes and timings", "Vocabulary", "Content notes",
                    "What really happened at each decision", "Discussion questions"):
        assert heading in guide
    assert "@media print" in guide
    sheet = (tmp_path / "print" / "role-guard.html").read_text()
    assert "Hold the bridge." in sheet and "The password is in your pocket." in sheet
    ballots = (tmp_path / "print" / "assemblies.html").read_text()
    assert "BALLOT" in ballots and "I walk out of the assembly" in ballots
    out = petrograd("session", "list", "--saves", saves)
    assert out.returncode == 0 and "No sessions" in out.stdout
    out = petrograd("session", "purge", "--saves", saves, input="no\n")
    assert "Nothing deleted" in out.stdout
    out = petrograd("session", "purge", "--yes", "--saves", saves)
    assert out.returncode == 0


def scripted_inputs(story, name, names, seed, period, periods, saves, policy_seed, historical=False):
    """Play a session in-process and return the lines typed and the saved state after each line."""
    plan = make_plan(story, Game(story), len(names), period, periods, names)
    s = Session.create(story, name, plan, saves=saves, seed=seed)
    policy = Policy(s, seed=policy_seed, historical=historical)
    lines, states = [], []
    while not s.finished:
        p = s.prompt()
        line = policy.answer(p)
        lines.append((p.kind, line))
        assert s.answer(line) == ""
        saved = json.loads(s.path.read_text())
        states.append((len(saved["log"]), json.dumps(saved["stage"], sort_keys=True), saved["clock"]))
    return s, lines, states


def run_with_kill(story_dir, name, names, seed, lines, states, kill_at, saves, period="45", periods="2"):
    """Run `petrograd session new` fed line by line; SIGKILL it once the state after line `kill_at - 1` is saved
    (the next prompt is a group's private turn); then `session resume` with the rest."""
    env = dict(os.environ, PETROGRAD_SAVES=str(saves))
    args = [sys.executable, "-m", "engine", "session", "new", "--period", period, "--periods", periods,
            "--students", str(len(names)), "--names", ",".join(names), "--name", name, "--seed", str(seed), "--text"]
    if story_dir:
        args += ["--story", str(story_dir)]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    proc.stdin.write("".join(line + "\n" for _, line in lines[:kill_at]))
    proc.stdin.flush()
    path = saves / "sessions" / name / "session.json"
    want = states[kill_at - 1]
    deadline = time.time() + 40
    while time.time() < deadline:
        try:
            data = json.loads(path.read_text())
            if (len(data["log"]), json.dumps(data["stage"], sort_keys=True), data["clock"]) == want:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    else:
        proc.kill()
        raise AssertionError("the session never reached the kill point: " + proc.stderr.read()[-2000:])
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    rest = [""] + [line for _, line in lines[kill_at:]]      # the resumed turn starts with a hand-off
    resume = [sys.executable, "-m", "engine", "session", "resume", name, "--text"]
    if story_dir:
        resume += ["--story", str(story_dir)]
    out = subprocess.run(resume, input="".join(x + "\n" for x in rest), capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    return out, json.loads(path.read_text())


def kill_point(lines, after=0.4):
    """An index just after a hand-off, in the middle of a group's private turn."""
    start = int(len(lines) * after)
    return next(n + 1 for n in range(start, len(lines)) if lines[n][0] == "handoff" and lines[n + 1][0] == "scene")


def test_kill_and_resume_fixture(fixture_story, tmp_path):
    names = ["Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus"]
    ref, lines, states = scripted_inputs(fixture_story, "k", names, 21, 45, 1, tmp_path / "ref", 8)
    k = kill_point(lines)
    out, data = run_with_kill(CLASSROOM, "k", names, 21, lines, states, k, tmp_path / "run", period="45", periods="1")
    assert "PASS TO" in out.stdout[:1500]
    assert data["log"] == ref.data["log"] and data["players"] == ref.data["players"]


def test_scripted_class_of_12_in_6_roles_with_kill_and_resume(bundled, tmp_path):
    """12 students, 6 roles, two 45-minute periods, every assembly, SIGKILL mid-turn, resume, exports."""
    ref, lines, states = scripted_inputs(bundled, "class12", NAMES12, 1917, 45, 2, tmp_path / "ref", 5,
                                         historical=True)
    held = [e["id"] for e in ref.data["log"] if e["t"] == "assembly"]
    assert set(held) == {a.id for a in bundled.assemblies} and len(held) == len(bundled.assemblies)
    assert any(e["t"] == "break" for e in ref.data["log"])
    assert sorted(ref.data["finished"]) == sorted(ref.plan.cast) and len(ref.plan.cast) == 6
    assert all(len(g.students) == 2 for g in ref.plan.groups)
    k = kill_point(lines)
    out, data = run_with_kill(ROOT / "story", "class12", NAMES12, 1917, lines, states, k, tmp_path / "run")
    assert "Resuming session" in out.stdout and "DEBRIEF" in out.stdout
    assert data["log"] == ref.data["log"] and data["players"] == ref.data["players"]
    folder = tmp_path / "run" / "sessions" / "class12"
    for name in ["transcript.md", "transcript.html", "choices.csv", "votes.csv"] + \
            [f"role-{r}.{ext}" for r in ref.plan.cast for ext in ("md", "html")]:
        assert (folder / name).is_file(), name
    votes = list(csv.DictReader(io.StringIO((folder / "votes.csv").read_text())))
    assert {r["assembly"] for r in votes} == set(held)
    for r in votes:     # the class voted as in 1917, so every result is the historical one
        assert r["class_result"] == r["historical_result"]
    md = (folder / "transcript.md").read_text()
    assert "Ana, Ben" in md and "## Debrief" in md
    con = sqlite3.connect(tmp_path / "run" / "classroom.sqlite3")
    assert con.execute("SELECT students FROM sessions").fetchone()[0] == 12
    con.close()


def test_a_session_resumes_on_a_story_whose_scenes_were_renamed(tmp_path):
    """Issue 17, D2: a scene renamed between lessons used to stop `session resume` with a traceback
    ("State ... is not a registered state"); the groups' choices now replay by their text, assemblies'
    outcomes included, and a choice that is gone is named."""
    import shutil
    story_dir = tmp_path / "story"
    shutil.copytree(CLASSROOM, story_dir)
    first = load_story_or_raise(story_dir)
    s = new_session(first, "renamed", saves=tmp_path / "saves", seed=4, period=45, periods=2)
    policy = Policy(s, seed=3, mode="1")
    for _ in range(60):          # well into the session: choices and at least one assembly
        if s.finished or any(e["t"] == "assembly" for e in s.data["log"]) and len(s.data["log"]) > 6:
            break
        s.answer(policy.answer(s.prompt()))
    assert any(e["t"] == "assembly" for e in s.data["log"])
    before = {role: p.state.to_dict() for role, p in s.players.items()}
    renamed = next(p.state.scene for p in s.players.values())      # where a group stands now
    for path in story_dir.rglob("*.yaml"):
        path.write_text(re.sub(rf"\b{renamed}\b", f"{renamed}_v2", path.read_text()))
    edited = load_story_or_raise(story_dir)
    again = Session.load(edited, "renamed", saves=tmp_path / "saves")
    after = {role: p.state.to_dict() for role, p in again.players.items()}
    for role in before:
        b, a = before[role], after[role]
        assert a["scene"] == b["scene"].replace(renamed, f"{renamed}_v2")
        assert a["variables"] == b["variables"]          # the assemblies' effects were applied again
        assert a["turn"] == b["turn"]
    # A choice the story no longer has: a plain message naming the step, not a traceback.
    gone = next(e["text"] for e in s.data["log"] if e["t"] == "choice")
    for path in story_dir.rglob("*.yaml"):
        path.write_text(path.read_text().replace(gone, "A different choice"))
    with pytest.raises(SessionError, match=r"step \d+ of the .* is no longer there"):
        Session.load(load_story_or_raise(story_dir), "renamed", saves=tmp_path / "saves")
