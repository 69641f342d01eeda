"""The `assemblies:` and `classroom:` checks (engine/loading/assemblies.py), one mistake at a time on the
classroom fixture: each is reported with its code, at the line of the mistake, in words that name it, and
the right value just inside a limit passes (README, "Mutation testing", third round)."""
import shutil
from pathlib import Path

import pytest

from engine import load_story
from engine.loading.assemblies import placeholder_problem
from engine.session.rules import RULES

CLASSROOM = Path(__file__).parent / "fixtures" / "classroom"


def _load_edited(tmp_path, old: str, new: str, extra: dict | None = None):
    """The fixture with `old` replaced once by `new` in assemblies.yaml; returns (story, diagnostics, text)."""
    copy = tmp_path / "story"
    shutil.copytree(CLASSROOM, copy)
    path = copy / "assemblies.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (copy / name).write_text(content, encoding="utf-8")
    story, diagnostics = load_story(copy)
    return story, diagnostics, text


def _line_of(text: str, marker: str) -> int:
    return text[:text.index(marker)].count("\n") + 1


def test_the_fixture_itself_is_clean():
    story, diagnostics = load_story(CLASSROOM)
    assert diagnostics == [], [d.format() for d in diagnostics]
    assert [a.id for a in story.assemblies] == ["bridge_vote", "wire_vote"]


# (old, new, code, words in the message, a marker on the line it must point at)
MISTAKES = {
    "time past 23": ('time: "21:45"', 'time: "24:00"', "PG205", "time '24:00' should look like", 'time: "24:00"'),
    "minutes past 59": ('time: "21:45"', 'time: "21:60"', "PG205", "time '21:60'", 'time: "21:60"'),
    "time not a clock": ('time: "21:45"', 'time: "soon"', "PG205", "time 'soon'", 'time: "soon"'),
    "motion id twice": ("      - id: bridge\n", "      - id: bridge\n        text: Again?\n        options: [{id: a, text: A},"
                        " {id: b, text: B}]\n        default: a\n        historical: {result: a, note: N}\n"
                        "      - id: bridge\n", "PG300", "the motion id 'bridge' is used twice in assembly bridge_vote",
                        "      - id: bridge\n        text: Hold"),
    "no motion": ("    motions:\n      - id: bridge\n", "    motions: []\n    unused:\n      - id: bridge\n", "PG",
                  None, None),
    "option twice": ("{id: open, text: Open it}", "{id: hold, text: Open it}", "PG300", "the option id 'hold' is used twice",
                     "{id: hold, text: Open it}"),
    "option reserved": ("{id: open, text: Open it}", "{id: walkout, text: Open it}", "PG300",
                        "the option id 'walkout' is reserved (abstain and walkout are always offered)",
                        "{id: walkout, text: Open it}"),
    "one option": ("          - {id: open, text: Open it}\n", "", "PG607",
                   "motion bridge needs at least two options to vote between", "- id: bridge\n        text: Hold"),
    "supports no option": ("{text: We hold the bridge., supports: hold}", "{text: We hold the bridge., supports: sink}",
                           "PG601", "supports 'sink': motion bridge has no option 'sink'; options are: hold, open",
                           "supports: sink"),
    "supports special": ("{text: We hold the bridge., supports: hold}", "{text: We hold the bridge., supports: abstain}",
                         "PG601", "supports 'abstain': motion bridge has no option 'abstain'", "supports: abstain"),
    "supports no motion": ("{text: We hold the bridge., supports: hold}",
                           "{text: We hold the bridge., supports: send.all}", "PG601",
                           "supports 'send.all' names no motion of assembly bridge_vote", "supports: send.all"),
    "not a role": ("      - role: clerk\n        votes: false", "      - role: typist\n        votes: false", "PG600",
                   "role 'typist' is not a role of this story; roles are: clerk, guard, runner", "role: typist"),
    "role twice": ("      - role: clerk\n        votes: false", "      - role: guard\n        votes: false", "PG300",
                   "role guard is present twice at assembly bridge_vote", "role: guard\n        votes: false"),
    "no lines": ("        lines:\n          - {text: (Taking notes) The wire will want this.}",
                 "        lines: []", "PG607", "role clerk has no lines to speak at assembly bridge_vote", "lines: []"),
    "on_vote not a block": ("          walkout: [runner_speed += 1]", "          - runner_speed += 1", "PG202",
                            "on_vote should be a block of option: [effects]", "- runner_speed += 1"),
    "on_vote no option": ("          walkout: [runner_speed += 1]", "          sink: [runner_speed += 1]", "PG601",
                          "on_vote 'sink': motion bridge has no option 'sink'; options are: hold, open, abstain, walkout",
                          "sink: [runner_speed"),
    "on_vote not read": ("          walkout: [runner_speed += 1]", "          walkout: [clerk_honest += 1]", "PG603",
                         "this effect changes clerk_honest, which no scene of role runner reads", "walkout: [clerk_honest"),
    "nobody present": ("    present:\n      - role: guard\n        lines:\n          - {text: We hold the bridge., supports: hold}\n"
                       "          - {text: Let them across., supports: open}\n      - role: runner\n",
                       "    present: []\n    unused:\n      - role: runner\n", "PG", None, None),
    "priority 0": ("    minutes: 3\n", "    minutes: 3\n    priority: 0\n", "PG208", "priority should be 1 (kept first) to 9",
                   "priority: 0"),
    "priority 10": ("    minutes: 3\n", "    minutes: 3\n    priority: 10\n", "PG208", "priority should be 1", "priority: 10"),
    "unknown rule": ("        rule: majority", "        rule: lottery", "PG602",
                     "rule: 'lottery' is not a rule this engine knows; use one of: " + ", ".join(RULES), "rule: lottery"),
    "unknown abstentions": ("        rule: majority", "        rule: majority\n        abstentions: maybe", "PG602",
                            "abstentions: 'maybe' is not a rule this engine knows", "abstentions: maybe"),
    "unknown ties": ("        rule: majority", "        rule: majority\n        ties: coin", "PG602",
                     "ties: 'coin' is not a rule this engine knows", "ties: coin"),
    "unknown walkouts": ("        rule: majority", "        rule: majority\n        walkouts: maybe", "PG602",
                         "walkouts: 'maybe' is not a rule this engine knows", "walkouts: maybe"),
    "quorum over 1": ("        rule: majority", "        rule: majority\n        quorum: 1.5", "PG602",
                      "quorum '1.5' should be a share of the body from 0 to 1", "quorum: 1.5"),
    "quorum below 0": ("        rule: majority", "        rule: majority\n        quorum: -0.1", "PG602",
                       "quorum '-0.1' should be a share", "quorum: -0.1"),
    "quorum words": ("        rule: majority", "        rule: majority\n        quorum: half", "PG602",
                     "quorum 'half' should be a share", "quorum: half"),
    "quorum a list": ("        rule: majority", "        rule: majority\n        quorum: [1]", "PG602",
                      "should be a share of the body from 0 to 1", "quorum: [1]"),
    "chair absent": ("        rule: majority", "        rule: majority\n        chair: clerk\n", "PG",
                     None, None),
    "chair not a role": ("        chair: clerk", "        chair: typist", "PG600", "chair 'typist' is not a role", "chair: typist"),
    "ties chair without a chair": ("        chair: clerk\n", "", "PG602",
                                   "ties: chair needs a chair: (a role present that votes)", "ties: chair"),
    "default not an option": ("        default: hold", "        default: sink", "PG601",
                              "default 'sink' is not an option of motion bridge; options are: hold, open", "default: sink"),
    "outcomes not a block": ("        outcomes:\n          all:\n            clerk: [clerk_honest += 2]\n          nothing:\n"
                             "            clerk: [clerk_honest -= 1]", "        outcomes: [all]", "PG202",
                             "outcomes should be a block of option: {role: [effects]}", "outcomes: [all]"),
    "outcome no option": ("          nothing:\n", "          none:\n", "PG601",
                          "outcome 'none': motion send has no such option; options are: all, official, nothing", "none:"),
    "outcome not per role": ("          nothing:\n            clerk: [clerk_honest -= 1]", "          nothing: [clerk_honest -= 1]",
                             "PG202", "outcome nothing should be a block of role: [effects]", "nothing: [clerk_honest"),
    "outcome no role": ("            clerk: [clerk_honest += 2]", "            typist: [clerk_honest += 2]", "PG600",
                        "role 'typist' is not a role of this story", "typist:"),
    "historical result no option": ("          result: official", "          result: sink", "PG601",
                                    "result 'sink' is not an option of motion send; options are: all, official, nothing",
                                    "result: sink"),
    "counts not a block": ("          counts: {all: 2, official: 6, nothing: 1}", "          counts: [2, 6, 1]", "PG202",
                           "counts should be a block of option: number", "counts: [2, 6, 1]"),
    "counts no option": ("          counts: {all: 2, official: 6, nothing: 1}",
                         "          counts: {all: 2, official: 6, nothing: 1,\n            sink: 1}", "PG601",
                         "counts names 'sink', which is not an option of motion send (nor abstain or walkout)", "sink: 1}"),
    "negative count": ("          counts: {all: 2, official: 6, nothing: 1}",
                       "          counts: {all: 2, official: 6,\n            nothing: -1}", "PG208", "a count cannot be negative",
                       "nothing: -1}"),
    "counts contradict the result": ("          counts: {all: 2, official: 6, nothing: 1}",
                                     "          counts: {all: 7, official: 6, nothing: 1}", "PG604",
                                     "under this motion's rules the recorded counts give 'all' (",
                                     "          result: official\n          counts: {all: 7"),
}
# Three mistakes whose code and line are asserted separately below (their message names what is gone).
SEPARATE = {"no motion", "nobody present", "chair absent"}


@pytest.mark.parametrize("name", [n for n in MISTAKES if n not in SEPARATE])
def test_each_assembly_mistake_is_reported_with_its_code_at_its_line(tmp_path, name):
    old, new, code, words, marker = MISTAKES[name]
    story, diagnostics, text = _load_edited(tmp_path, old, new)
    found = [d for d in diagnostics if d.code == code and words in d.message]
    assert found, [d.format() for d in diagnostics]
    assert found[0].span.line == _line_of(text, marker), found[0].format()
    assert found[0].span.path.endswith("assemblies.yaml")


def test_an_assembly_with_an_empty_motion_list_has_nothing_to_vote_on(tmp_path):
    old, new, *_unused = MISTAKES["no motion"]
    _, diagnostics, text = _load_edited(tmp_path, old, new.replace("    unused:\n      - id: bridge\n", "    unused_motion:\n"
                                                                   "      - id: bridge\n"))
    found = [d for d in diagnostics if d.code == "PG607" and "assembly bridge_vote has no motion to vote on" in d.message]
    assert found and found[0].span.line == _line_of(text, "motions: []"), [d.format() for d in diagnostics]


def test_an_assembly_with_nobody_present_is_a_diagnostic(tmp_path):
    old, new, *_unused = MISTAKES["nobody present"]
    _, diagnostics, text = _load_edited(tmp_path, old, new)
    found = [d for d in diagnostics if d.code == "PG607" and "nobody is present at assembly bridge_vote" in d.message]
    assert found and found[0].span.line == _line_of(text, "present: []"), [d.format() for d in diagnostics]


def test_a_chair_must_be_present_at_the_assembly(tmp_path):
    """The bridge meeting has guard, runner and clerk; the wire meeting has only clerk and guard."""
    _, diagnostics, text = _load_edited(tmp_path, "        chair: clerk", "        chair: runner")
    found = [d for d in diagnostics if d.code == "PG602" and "the chair 'runner' is not present at assembly wire_vote"
             in d.message]
    assert found and found[0].span.line == _line_of(text, "chair: runner"), [d.format() for d in diagnostics]


@pytest.mark.parametrize("old, new", [
    ('time: "21:45"', 'time: "23:59"'),                       # the last minute of the day
    ('time: "21:45"', 'time: "00:00"'),
    ("    minutes: 3\n", "    minutes: 3\n    priority: 1\n"),
    ("    minutes: 3\n", "    minutes: 3\n    priority: 9\n"),
    ("        rule: majority", "        rule: majority\n        quorum: 0"),
    ("        rule: majority", "        rule: majority\n        quorum: 1"),
    ("        rule: majority", "        rule: majority\n        quorum: 0.5"),
    ("{text: We hold the bridge., supports: hold}", "{text: We hold the bridge., supports: bridge.hold}"),
    ("          walkout: [runner_speed += 1]", "          bridge.abstain: [runner_speed += 1]"),
    ("          counts: {all: 2, official: 6, nothing: 1}", "          counts: {all: 2, official: 6, nothing: 0}"),
])
def test_values_just_inside_the_limits_pass(tmp_path, old, new):
    """(A later vote time may draw a scene's PG612 warning: that is about scenes/, not this file.)"""
    story, diagnostics, _unused = _load_edited(tmp_path, old, new)
    here = [d for d in diagnostics if d.span.path.endswith("assemblies.yaml")]
    assert here == [], [d.format() for d in here]
    assert story is not None


def test_an_assembly_read_from_the_fixture_keeps_every_field_and_default(tmp_path):
    story, diagnostics, _unused = _load_edited(tmp_path, "    minutes: 3\n", "    minutes: 3\n    priority: 2\n")
    assert diagnostics == []
    bridge, wire = story.assemblies
    assert (bridge.title, bridge.date, bridge.time, bridge.place) == ("The bridge meeting", "1917-10-24", "21:45",
                                                                      "The guardhouse")
    assert bridge.minutes == 3 and bridge.priority == 2 and wire.priority == 5
    guard, runner, clerk = bridge.participants
    assert (guard.role, guard.speaks_as, guard.stand_in, guard.votes) == ("guard", "Guard", False, True)
    assert (runner.speaks_as, runner.stand_in, runner.votes) == ("A man from the crowd", True, True)
    assert (clerk.votes, clerk.stand_in) == (False, False)
    assert [(line.text, line.supports) for line in runner.lines] == [("Open the bridge!", "bridge.open"),
                                                                    ("I only want to get home.", "")]
    assert set(runner.on_vote) == {"bridge.walkout"}
    motion, = bridge.motions
    assert (motion.rule, motion.abstentions, motion.ties, motion.walkouts, motion.quorum, motion.chair) == (
        "majority", "not_counted", "default", "not_counted", 0.0, "")
    assert [(o.id, o.text) for o in motion.options] == [("hold", "Hold it"), ("open", "Open it")]
    assert (motion.historical.result, dict(motion.historical.counts)) == ("hold", {"hold": 5, "open": 3, "abstain": 1})
    assert set(motion.outcomes) == {"hold", "open"} and set(motion.outcomes["open"]) == {"guard", "runner"}
    send, = wire.motions
    assert (send.rule, send.ties, send.chair, send.default) == ("plurality", "chair", "clerk", "official")


def test_a_rule_that_is_not_text_is_one_diagnostic_and_the_default_rule_is_majority(tmp_path):
    story, diagnostics, text = _load_edited(tmp_path, "        rule: majority", "        rule: [plurality]")
    assert [(d.code, d.message, d.span.line) for d in diagnostics] == [
        ("PG202", "rule should be text", _line_of(text, "rule: [plurality]"))]
    unruled, diagnostics, _unused = _load_edited(tmp_path / "again", "        rule: majority\n", "")
    assert diagnostics == []
    assert unruled.assemblies[0].motions[0].rule == "majority"


def test_a_second_classroom_block_is_refused_and_the_first_kept(tmp_path):
    second = "classroom:\n  reading_rate: 99\n"
    story, diagnostics, _unused = _load_edited(tmp_path, "classroom:\n  reading_rate: 180",
                                               "classroom:\n  reading_rate: 180", {"zz_more.yaml": second})
    found = [d for d in diagnostics if d.code == "PG300" and "classroom: is given in two files; keep one" in d.message]
    assert found and found[0].span.path.endswith("zz_more.yaml") and found[0].span.line == 1, \
        [d.format() for d in diagnostics]


CLASSROOM_MISTAKES = {
    "reading rate 0": ("  reading_rate: 180", "  reading_rate: 0", "PG208", "reading_rate should be at least 1",
                       "reading_rate: 0"),
    "debrief 0": ("  debrief_minutes: 8", "  debrief_minutes: 0", "PG208", "debrief_minutes should be at least 1",
                  "debrief_minutes: 0"),
    "cast order no role": ("  cast_order: [guard, runner, clerk]", "  cast_order: [guard, typist, clerk]", "PG600",
                           "cast_order role 'typist' is not a role", "cast_order:"),
    "roles not a block": ("  roles:\n    guard:\n", "  roles: [guard]\n  unused:\n    guard:\n", "PG202",
                          "roles should be a block of role: {objectives, knows, ...}", "roles: [guard]"),
    "key scene unknown": ("      knows: [The password is in your pocket.]",
                          "      knows: [The password is in your pocket.]\n      key_scenes: [g_post, g_nowhere]", "PG606",
                          "key scene 'g_nowhere': no scene has that id", "key_scenes:"),
    "key scene of another role": ("      knows: [The password is in your pocket.]",
                                  "      knows: [The password is in your pocket.]\n      key_scenes: [r_start]", "PG606",
                                  "key scene 'r_start': it is not a scene of role guard", "key_scenes:"),
    "when unknown": ("      when: differs", "      when: sometimes", "PG602", "when: is always, differs or same",
                     "when: sometimes"),
    "when without assembly": ("      when: differs\n      assembly: bridge_vote", "      when: same", "PG201",
                              "a question asked when the vote same from history needs an 'assembly' field",
                              '- text: "The class opened'),
    "question asks nothing": ("Would you?", "You would.", "PG608", "a discussion question should ask something",
                              "{role.guard.players}"),
    "placeholder unknown": ("Would you?", "Would {you}?", "PG605", "the placeholder {you} is not known",
                            "{role.guard.players}"),
    "objective without a condition": ("      objectives: [{text: Deliver the message., if: visited(\"r_end\")}]",
                                      "      objectives: [Deliver the message.]", "PG610",
                                      "this objective has no condition", "objectives: [Deliver"),
    "objective settled before play": ("if: clerk_honest >= 2}", "if: guard_nerve >= 2}", "PG611",
                                      "the objective reads guard_nerve, which nothing in role clerk's play changes",
                                      "if: guard_nerve"),
    "objective on another role's scene": ("if: visited(\"r_end\")}", "if: visited(\"g_end\")}", "PG609",
                                          "the objective's condition names 'g_end', a scene of guard: it is read on "
                                          "role runner's own play", "Deliver the message."),
}


@pytest.mark.parametrize("name", list(CLASSROOM_MISTAKES))
def test_each_classroom_mistake_is_reported_with_its_code_at_its_line(tmp_path, name):
    old, new, code, words, marker = CLASSROOM_MISTAKES[name]
    _, diagnostics, text = _load_edited(tmp_path, old, new)
    found = [d for d in diagnostics if d.code == code and words in d.message]
    assert found, [d.format() for d in diagnostics]
    assert found[0].span.line == _line_of(text, marker), found[0].format()


def test_the_classroom_block_keeps_its_values_and_defaults(tmp_path):
    story, diagnostics, _unused = _load_edited(
        tmp_path, "      knows: [The password is in your pocket.]",
        "      knows: [The password is in your pocket.]\n      key_scenes: [g_post]")
    assert diagnostics == []
    room = story.classroom
    assert (room.reading_rate, room.debrief_minutes, room.decision_minutes, room.handoff_minutes) == (180, 8, 0.5, 0.5)
    assert room.cast_order == ("guard", "runner", "clerk")
    assert room.objectives == ("Say who held the bridge.",) and room.content_notes == ("A crowd gathers.",)
    guard = room.roles["guard"]
    assert guard.key_scenes == ("g_post",) and guard.knows == ("The password is in your pocket.",)
    assert [(s.source, s.where, s.summary) for s in guard.sources] == [("notes", "g1", "Guards held bridges.")]
    assert [o.text for o in guard.objectives] == ["Hold the bridge."]
    first, second = room.questions
    assert (first.when, first.assembly) == ("always", "")
    assert (second.when, second.assembly) == ("differs", "bridge_vote")


@pytest.mark.parametrize("name, own, problem", [
    ("title", "a", None), ("result", "a", None), ("counts", "a", None), ("history", "a", None), ("recorded", "a", None),
    ("title", None, "is not known"),                           # only an assembly's own questions
    ("line.guard", "a", None), ("line.typist", "a", "names no role 'typist'"), ("line.guard", None, "is not known"),
    ("assembly.a.title", None, None), ("assembly.a.recorded", None, None),
    ("assembly.b.title", None, "names no assembly 'b'"),
    ("assembly.a.place", None, "asks for 'place'; use one of: counts, history, recorded, result, title"),
    ("assembly.a", None, "is not known"), ("assembly.a.title.x", None, "is not known"),
    ("role.guard.name", None, None), ("role.guard.players", None, None), ("role.guard.ending", None, None),
    ("role.typist.name", None, "names no role 'typist'"),
    ("role.guard.choice.s1", None, None), ("role.guard.choice.s9", None, "names no scene 's9'"),
    ("role.guard.title", None, "should be {role.ID.name}"), ("role.guard.choice", None, "should be {role.ID.name}"),
    ("role.guard.name.x", None, "should be {role.ID.name}"), ("role.guard", None, "is not known"),
    ("you", None, "is not known; use {assembly.ID.result|counts|history|recorded|title}, {role.ID.name|players|ending}, "
                  "{role.ID.choice.SCENE}"),
])
def test_a_placeholder_is_accepted_only_where_it_can_be_filled(name, own, problem):
    found = placeholder_problem(name, own, {"a": object()}, {"guard": object()}, {"s1": object()})
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem), found


def test_an_assemblys_own_question_is_told_its_local_placeholders():
    assert placeholder_problem("you", "a", {}, {}, {}).endswith(
        ", {title}, {result}, {counts}, {history}, {recorded}, {line.ROLE}")
    assert placeholder_problem("you", None, {}, {}, {}).endswith("{role.ID.name|players|ending}, {role.ID.choice.SCENE}")
