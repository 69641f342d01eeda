"""The classroom's records and text screens as a teacher found them (issue 12, "the teacher's other
findings"): people's words instead of ids, no doubled full stops, questions that ask, motions never run
together, the number a group saw, an acknowledgement of every choice, a catch-up before an ending, a
:plan that follows the session, and purging one session."""
import csv
import io
import re
import sqlite3

import pytest

from conftest import ROOT
from engine.markup import plain
from engine.session.debrief import choices_csv, debrief_lines, fill, questions
from engine.session.engine import stance_words
from engine.session.printables import teacher_guide
from engine.session.rules import describe_counts
from engine.session.textui import SessionTextUI
from test_session import CLASSROOM, Policy, new_session, petrograd, play_all


@pytest.fixture(scope="module")
def fixture_story():
    from engine import load_story_or_raise
    return load_story_or_raise(CLASSROOM)


@pytest.fixture(scope="module")
def bundled():
    from engine.session.cli import load_story_for_sessions
    story, _ = load_story_for_sessions(str(ROOT / "story"))
    if story is None:
        pytest.skip("the bundled story has errors right now (writers at work)")
    return story


def assembly(story, aid):
    return next(a for a in story.assemblies if a.id == aid)


def guide_text(story) -> str:
    return "\n".join(b.text for b in teacher_guide(story)) + "\n" + "\n".join(
        line for b in teacher_guide(story) for line in b.lines)


# -- people's words, never ids --------------------------------------------------------------------
def test_counts_are_in_the_options_words(bundled):
    side = assembly(bundled, "circus_23oct").motions[0]
    text = describe_counts(side, {"mrc": 4, "government": 0, "abstain": 1})
    assert "4 mrc" not in text and "0 government" not in text
    assert "Left, for the Military Revolutionary Committee: 4" in text and "abstaining: 1" in text


def test_a_lines_stance_names_the_option_and_the_motion_in_words(bundled):
    lesnoi = assembly(bundled, "lesnoi_16oct")
    shown = stance_words(lesnoi, "lenin_motion.for")
    assert "lenin motion" not in shown and "lenin_motion" not in shown
    assert "For Lenin's motion" in shown
    against = stance_words(lesnoi, "zinoviev.against")
    assert "Against it" in against and "Zinoviev's motion" in against


def test_the_speech_prompt_reads_as_a_sentence(bundled):
    s = new_session(bundled, "speech", students=12, periods=2)
    lesnoi = assembly(bundled, "lesnoi_16oct")
    speaker = next(n for n, part in enumerate(s.participants(lesnoi)) if part.speaks_as.startswith("A "))
    s.data["stage"] = {"kind": "assembly", "id": "lesnoi_16oct", "step": "speech", "speaker": speaker, "motion": 0,
                       "voter": 0, "mode": "", "speeches": [], "votes": {}, "tallies": {}, "walked_out": [],
                       "results": []}
    p = s.prompt()
    assert "you speak as a district reporter" in " ".join(p.lines)
    assert all("[supports:" not in o and "_" not in o for o in p.options)
    assert any(o.endswith("[argues for: For Lenin's motion]") for o in p.options)
    assert any(o.endswith("[argues for: For Zinoviev's motion]") for o in p.options)


# -- the teacher guide ------------------------------------------------------------------------------
def test_the_teacher_guide_has_no_doubled_full_stops(bundled):
    text = guide_text(bundled)
    assert not re.search(r"(?<!\.)\.\.(?!\.)", text), re.findall(r".{40}(?<!\.)\.\.(?!\.)", text)


def test_guide_questions_say_which_values_are_1917s_and_ask_something(bundled):
    blocks = teacher_guide(bundled)
    start = next(n for n, b in enumerate(blocks) if b.text == "Discussion questions")
    asked = [b.text for b in blocks[start:] if b.kind == "li"]
    assert asked
    for q in asked:
        assert "[the class's recorded" not in q and "[the class's history" not in q
        assert not re.search(r"\[[^\]]*\b[a-z]+_[a-z0-9_]+\]", q), q      # no ids such as duma_25oct
        assert "?" in q, f"not a question: {q}"
    assert any("the count recorded in 1917" in q for q in asked)


def test_two_motions_counts_are_never_run_together(bundled):
    s = new_session(bundled, "lesnoi", students=12, periods=2)
    lesnoi = assembly(bundled, "lesnoi_16oct")
    results = [{"motion": "zinoviev", "tally": {"for": 2, "against": 8, "abstain": 2, "walkout": 0}, "result": "against",
                "decided": True, "reason": "a majority", "historical": "against"},
               {"motion": "lenin_motion", "tally": {"for": 9, "against": 1, "abstain": 2, "walkout": 0},
                "result": "for", "decided": True, "reason": "a majority", "historical": "for"}]
    s.data["log"].append({"t": "assembly", "id": lesnoi.id, "title": lesnoi.title, "stamp": lesnoi.stamp,
                          "place": lesnoi.place, "mode": "hands", "speeches": [], "votes": {}, "walked_out": [],
                          "results": results, "applied": []})
    counts = fill(s, "{counts}", own=lesnoi.id)
    assert "Zinoviev's motion" in counts and "Lenin's motion" in counts
    assert counts.index("Zinoviev's motion") < counts.index("For Zinoviev's motion: 2") < counts.index("Lenin's motion")
    assert fill(s, "The class voted {result}.", own=lesnoi.id) == (
        "The class voted “Against it” on “Zinoviev's motion” and “For Lenin's motion” on “Lenin's motion”.")
    assert fill(s, "{counts}", own=lesnoi.id).startswith("on “Zinoviev's motion” (For Zinoviev's motion: 2;")
    recorded = fill(s, "{recorded}", own=lesnoi.id)
    assert "6 for, 15 against" in recorded and "19 for, 2 against" in recorded and ".." not in recorded
    screen = "\n".join(debrief_lines(s))
    assert "(Zinoviev's motion)" in screen and "(Lenin's motion)" in screen
    assert not re.search(r"(?<!\.)\.\.(?!\.)", screen)
    assert all("?" in q for q in questions(s))
    assert not any(re.search(r"[.!?]”\.", q) for q in questions(s))


# -- what a group saw and chose -------------------------------------------------------------------
def test_choices_csv_records_the_number_the_group_saw(fixture_story):
    """At the night on the bridge only one choice is offered to a guard whose orders were to lower it:
    the scene's second choice, shown as 1."""
    s = new_session(fixture_story, "numbers", students=6)
    while not s.finished:
        p = s.prompt()
        if p.kind == "scene" and p.role == "guard" and s.players["guard"].state.scene == "g_orders":
            s.answer("2")                 # "Lower it."
        else:
            s.answer(Policy(s, seed=1, mode="2").answer(p))
    rows = [r for r in csv.DictReader(io.StringIO(choices_csv(s))) if r["scene"] == "g_night"]
    assert rows and rows[0]["choice_number"] == "1" and rows[0]["choices_offered"] == "1"
    assert rows[0]["choice_text"] == "Wave the crowd through."
    for row in csv.DictReader(io.StringIO(choices_csv(s))):
        assert 1 <= int(row["choice_number"]) <= int(row["choices_offered"])


def text_session(story, name, lines, **kw):
    s = new_session(story, name, **kw)
    feed = iter(lines)
    out = io.StringIO()
    SessionTextUI(s, lambda: next(feed, ""), out, echo_input=True).run()
    return s, out.getvalue()


def scripted(story, name, seed=1, **kw):
    s = new_session(story, name, **kw)
    lines = play_all(s, Policy(s, seed=seed, mode="1"))
    return [line + "\n" for line in lines]


def test_every_choice_is_acknowledged_on_screen_and_in_the_records(fixture_story):
    lines = scripted(fixture_story, "ack-plan")
    s, out = text_session(fixture_story, "ack", lines)
    chosen = [e for e in s.data["log"] if e["t"] == "choice"]
    assert chosen
    for e in chosen:
        ack = f"→ {s.group_label(e['role'])} chose {e['number']}: “{e['text']}”"
        assert ack in " ".join(out.split()) or ack in out
    assert "chose" in (s.directory / "transcript.md").read_text()
    rows = list(csv.DictReader(io.StringIO(choices_csv(s))))
    assert all(r["acknowledged"].startswith(s.group_label(r["role"])) for r in rows if r["played"] == "yes")


def test_an_ending_catches_up_with_what_was_narrated(bundled):
    """Groups jump from an early scene to their ending: the ending says first what happened meanwhile."""
    s = new_session(bundled, "catchup", students=12, periods=2)
    policy = Policy(s, seed=2, historical=True)
    caught_up = 0
    while not s.finished:
        p = s.prompt()
        if p.kind == "ending" and s.data["news"][p.role]:
            assert p.lines[0].endswith("the story went on (following history):"), p.lines[:2]
            assert p.lines[1].startswith("  · ")
            caught_up += 1
        s.answer(policy.answer(p))
    assert caught_up >= 1


def test_no_raw_markup_in_text_mode(bundled):
    assert plain("the paper [[*Rabochy put'*|rabochy_put]] is printed") == "the paper Rabochy put' is printed"
    lines = scripted(bundled, "markup-plan", seed=4, students=12, periods=2)
    s, out = text_session(bundled, "markup", lines, students=12, periods=2)
    assert s.finished
    assert not re.search(r"\*\w|\w\*|\[\[|\]\]", out), re.findall(r".{30}(?:\*\w|\w\*|\[\[|\]\]).{10}", out)[:3]


def test_plan_follows_breaks_and_dropped_scenes(fixture_story):
    s = new_session(fixture_story, "plan", students=6, period=40, periods=2)
    out = io.StringIO()
    ui = SessionTextUI(s, lambda: "", out)
    ui.command(":plan", s.prompt())
    before = out.getvalue()
    assert "period 1 of 2" in before and "nothing yet" in before
    # the class plays on past the end of period 1, and the next played scene no longer fits
    s.data["stage"] = {"kind": "break", "period": 1}
    s.answer("")
    out.seek(0)
    out.truncate(0)
    ui.command(":plan", s.prompt())
    after = out.getvalue()
    assert after != before and "period 2 of 2" in after and "end of period 1" in after
    assert "End of period 1 ----" not in after.split("Still to come")[1]
    # time runs short: the planned scenes still ahead are narrated instead, and :plan says so
    ahead = {(r, sid) for r, ids in s.plan.play.items() for sid in ids if not any(
        e.get("scene") == sid for e in s.data["log"])}
    s.data["clock"] = s.plan.total_minutes - s.plan.debrief_minutes - 2
    s.data["stage"] = {"kind": "continue"}
    s.advance()
    dropped = [e for e in s.data["log"] if e["t"] == "narrated" and (e["role"], e["scene"]) in ahead]
    assert dropped
    out.seek(0)
    out.truncate(0)
    ui.command(":plan", s.prompt())
    shown = out.getvalue().split("Still to come")
    for e in dropped:
        assert f"{e['title']} — dropped for time" in shown[0]
        assert f"  {e['title']} (" not in shown[1]


# -- purge ----------------------------------------------------------------------------------------
def test_purge_one_session_leaves_the_others(fixture_story, tmp_path):
    from engine.session.stats import db_path, purge_session
    saves = tmp_path / "saves"
    keep = new_session(fixture_story, "keep", saves=saves, students=6)
    play_all(keep, Policy(keep, seed=1, historical=True))
    gone = new_session(fixture_story, "gone", saves=saves, students=6)
    play_all(gone, Policy(gone, seed=1, historical=True))
    out = petrograd("session", "purge", "gone", "--saves", str(saves), input="no\n")
    assert out.returncode == 0 and "Nothing deleted" in out.stdout and gone.directory.is_dir()
    out = petrograd("session", "purge", "gone", "--saves", str(saves), input="yes\n")
    assert out.returncode == 0, out.stderr
    assert not gone.directory.exists() and keep.directory.is_dir()
    con = sqlite3.connect(db_path(saves))
    ids = {row[0] for row in con.execute("SELECT session FROM decisions UNION SELECT session FROM votes "
                                         "UNION SELECT id FROM sessions")}
    con.close()
    assert ids == {keep.data["id"]}
    out = petrograd("session", "purge", "nosuch", "--yes", "--saves", str(saves))
    assert out.returncode == 1 and "no session named" in out.stderr
    out = petrograd("session", "purge", "../keep", "--yes", "--saves", str(saves))
    assert out.returncode == 1 and keep.directory.is_dir()
    with pytest.raises(Exception):
        purge_session("..", saves)
    out = petrograd("session", "purge", "--saves", str(saves), input="\n")      # all: only after typing yes
    assert "Nothing deleted" in out.stdout and keep.directory.is_dir()


# -- objectives as conditions ------------------------------------------------------------------------
def test_objectives_are_conditions_read_on_the_roles_play(fixture_story):
    from engine import Game
    from engine.model import Objective
    from engine.objectives import objectives_met
    brief = fixture_story.classroom.roles["guard"]
    assert all(isinstance(o, Objective) and o.condition is not None for o in brief.objectives)
    game = Game(fixture_story)
    player = game.new_player("guard", 1)
    assert objectives_met(fixture_story, player.state) == [("Hold the bridge.", False)]
    for number in (1, 1, 1):            # ask for orders, hold the bridge, stand your ground
        player.choose(player.frame().choices[number - 1].index)
    assert player.scene.id == "g_end"
    assert objectives_met(fixture_story, player.state) == [("Hold the bridge.", True)]
    other = game.new_player("guard", 1)
    other.choose(other.frame().choices[1].index)        # go home
    assert objectives_met(fixture_story, other.state) == [("Hold the bridge.", False)]


def test_every_bundled_objective_is_a_condition(bundled):
    for role in bundled.roles:
        brief = bundled.classroom.roles[role]
        assert brief.objectives and all(o.condition is not None for o in brief.objectives), role


def test_objectives_survive_the_compiled_cache(tmp_path):
    import shutil
    from engine import Game
    from engine.loading.cache import load_story_cached
    from engine.objectives import objectives_met
    root = tmp_path / "classroom"
    shutil.copytree(CLASSROOM, root)
    written, hit = {}, {}
    first, _ = load_story_cached(root, cache_dir=tmp_path / "cache", report=written)
    second, _ = load_story_cached(root, cache_dir=tmp_path / "cache", report=hit)
    assert written["cache"] == "written" and hit["cache"] == "hit"
    assert second.classroom.roles["guard"].objectives == first.classroom.roles["guard"].objectives
    for story in (first, second):
        player = Game(story).new_player("guard", 1)
        for number in (1, 1, 1):
            player.choose(player.frame().choices[number - 1].index)
        assert objectives_met(story, player.state) == [("Hold the bridge.", True)]


def test_objectives_met_in_the_debrief_the_records_and_objectives_csv(fixture_story):
    s = new_session(fixture_story, "objectives", students=6)
    play_all(s, Policy(s, seed=1, historical=True))
    screen = "\n".join(debrief_lines(s))
    assert "Objectives: 1 of 1 met" in screen and "[met] Hold the bridge." in screen
    rows = list(csv.DictReader(io.StringIO((s.directory / "objectives.csv").read_text())))
    assert {(r["role"], r["objective"], r["met"]) for r in rows} == {
        ("guard", "Hold the bridge.", "yes"), ("runner", "Deliver the message.", "yes"),
        ("clerk", "Keep the wire honest.", "yes")}
    own = (s.directory / "role-guard.md").read_text()
    assert "[met] Hold the bridge." in own and "Deliver the message." not in own     # only its own
    assert "Hold the bridge." in (s.directory / "transcript.md").read_text()


def test_objective_conditions_are_checked_when_loading(story_dir):
    from engine import load_story
    files = {"assemblies.yaml": "classroom:\n  roles:\n    hero:\n      objectives:\n"
                                "        - {text: Be brave., if: courage >= 1}\n"
                                "        - {text: Be wise., if: wisdom >= 1}\n"
                                "        - {text: Be loud., if: courage == true}\n"
                                "        - {text: Be here.}\n"}
    story, diagnostics = load_story(story_dir(files))
    codes = sorted(d.code for d in diagnostics)
    assert story is None and "PG402" in codes and "PG403" in codes and "PG201" in codes
    assert all(d.span.path.endswith("assemblies.yaml") and d.span.line >= 4 for d in diagnostics)


def test_the_teacher_transcript_names_effects_in_words(fixture_story):
    from engine.session.debrief import effect_words
    assert effect_words(fixture_story, "guard_nerve -= 2") == "Steadiness: −2"
    assert effect_words(fixture_story, "guard_nerve -= roll(1, 2)").startswith("Steadiness: −")
    s = new_session(fixture_story, "effects-words", students=6)
    play_all(s, Policy(s, seed=1, mode="2"))
    md = (s.directory / "transcript.md").read_text()
    line = next(x for x in md.splitlines() if x.startswith("Effects on the groups' stories"))
    assert "`" not in line and "guard_nerve" not in line and "Steadiness" in line


def test_the_guide_says_when_an_assemblys_counts_come_motion_by_motion(bundled):
    blocks = teacher_guide(bundled)
    lesnoi = next(b.text for b in blocks if b.kind == "li" and b.text.startswith("At Lesnoi"))
    assert "[the class's counts, motion by motion]" in lesnoi


def test_quoted_words_end_a_sentence_once():
    from engine.session.debrief import quoted
    assert quoted("Go home.") == "“Go home.”" and quoted("Go home") == "“Go home”."


def test_sessions_saved_before_the_shown_number_still_say_1_of_1():
    from engine.session.debrief import shown_number
    assert shown_number({"choice": 1, "offered": 1}) == 1           # logged before "number" existed
    assert shown_number({"choice": 3, "offered": 2, "number": 2}) == 2


def test_a_statistics_file_from_before_gains_the_new_columns(fixture_story, tmp_path):
    """Databases written before role names and motion texts were stored still report, in words."""
    from engine.session.stats import DB_NAME, report
    saves = tmp_path / "old"
    saves.mkdir()
    con = sqlite3.connect(saves / DB_NAME)
    con.executescript("""
CREATE TABLE sessions (id TEXT PRIMARY KEY, story TEXT NOT NULL, recorded TEXT NOT NULL, students INTEGER NOT NULL,
    periods INTEGER NOT NULL, period_minutes INTEGER NOT NULL);
CREATE TABLE decisions (session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, story TEXT NOT NULL,
    role TEXT NOT NULL, scene TEXT NOT NULL, scene_title TEXT NOT NULL, in_story TEXT NOT NULL, choice INTEGER NOT NULL,
    choice_text TEXT NOT NULL, historical INTEGER NOT NULL, students INTEGER NOT NULL);
CREATE TABLE votes (session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, story TEXT NOT NULL,
    assembly TEXT NOT NULL, assembly_title TEXT NOT NULL, motion TEXT NOT NULL, option TEXT NOT NULL,
    option_text TEXT NOT NULL, count INTEGER NOT NULL, historical INTEGER NOT NULL, mode TEXT NOT NULL);
INSERT INTO sessions VALUES ('s1', 'bridge-night', '2026-01-01', 6, 1, 45);
INSERT INTO decisions VALUES ('s1', 'bridge-night', 'guard', 'g_post', 'The post', '1917-10-24 20:00', 0,
    'Ask for orders.', 1, 2);
INSERT INTO votes VALUES ('s1', 'bridge-night', 'wire_vote', 'The clerks'' meeting', 'send', 'all', 'Everything', 2, 0, 'hands');
INSERT INTO votes VALUES ('s1', 'bridge-night', 'bridge_vote', 'The bridge meeting', 'bridge', 'hold', 'Hold it', 4, 1, 'hands');
INSERT INTO votes VALUES ('s1', 'bridge-night', 'bridge_vote', 'The bridge meeting', 'bridge', 'abstain', 'abstain', 2, 0, 'hands');
""")
    con.close()
    lines = "\n".join(report(fixture_story.id, saves, fixture_story))
    assert "Guard, 1917-10-24 20:00, The post (2 students)" in lines
    assert lines.index("The bridge meeting") < lines.index("The clerks' meeting")      # story order
    assert "Abstained" in lines and "  abstain" not in lines
    columns = {row[1] for row in sqlite3.connect(saves / DB_NAME).execute("PRAGMA table_info(votes)")}
    assert {"motion_text", "in_story"} <= columns


def test_a_choice_one_student_made_alone_is_never_listed(fixture_story, tmp_path):
    from engine.session.stats import db_path, report
    saves = tmp_path / "solo"
    s = new_session(fixture_story, "solo", saves=saves, students=6)
    play_all(s, Policy(s, seed=1, historical=True))
    con = sqlite3.connect(db_path(saves))
    with con:       # another group, of one student, went home at the post
        con.execute("INSERT INTO decisions (session, story, role, scene, scene_title, in_story, choice, choice_text, "
                    "historical, students, role_name) VALUES (?, ?, 'guard', 'g_post', 'The post', "
                    "'1917-10-24 20:00', 1, 'Go home.', 0, 1, 'Guard')", (s.data["id"], fixture_story.id))
    con.close()
    lines = "\n".join(report(fixture_story.id, saves))
    assert "Go home." not in lines
    assert "The post (2 students; a choice one student took alone is not shown)" in lines


def test_the_schema_knows_objectives_with_conditions():
    import json
    import jsonschema
    schema = json.loads((ROOT / "engine" / "schema" / "story.schema.json").read_text())

    def doc(objective):
        return {"classroom": {"roles": {"hero": {"objectives": [objective]}}}}
    jsonschema.validate(doc({"text": "Reach the end.", "if": 'visited("end")'}), schema)
    jsonschema.validate(doc("Reach the end."), schema)                   # allowed, with a warning (PG610)
    for bad in ({"text": "Reach the end."}, {"text": "Reach the end.", "when": "x"}, {"if": "x"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc(bad), schema)
