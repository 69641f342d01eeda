"""`petrograd test`: transcripts that choose by id or text, their failures (diffs at file:line), --update,
and choices' stable ids in the loader, the checker and saves."""
import json
import shutil

import pytest

from conftest import FIXTURES, ROOT
from engine.cli import main
from engine.loading import load_story, load_story_or_raise
from engine.persistence import SaveStore
from engine.runtime import Game
from engine.transcripts import default_transcripts, read_transcript, run_transcript

# The guard's way to the bridge held: rifle (once), orders, hold, then the middle of the bridge.
HELD = """\
# kept by --update
role: guard
steps:
  - expect_scene: post
    expect_text: [A commissar walks, first night on the bridge]
    expect_choices: [Take a rifle from the rack., Ask for orders., Walk to the middle of the bridge.]
    choose: Take a rifle from the rack.
  - expect_vars: {armed: true, nerve: 2}
    expect_choices: [Ask for orders., Walk to the middle of the bridge.]
    choose: Ask for orders.
  - choose: Hold the bridge.
  - expect_vars: {orders: hold}
    choose: Walk to the middle of the bridge.
  - choose: Stand your ground.
ending: held
"""


@pytest.fixture
def story_copy(tmp_path):
    """The tiny fixture story, copied, with ids on the orders scene's choices."""
    root = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", root)
    guard = root / "scenes" / "guard.yaml"
    text = guard.read_text()
    text = text.replace('- {text: Hold the bridge., to: post, do: orders = "hold"}',
                        '- {id: hold, text: Hold the bridge., to: post, do: orders = "hold"}')
    text = text.replace('- {text: Lower it., to: post,', '- {id: lower, text: Lower it., to: post,')
    guard.write_text(text)
    (root / "tests").mkdir()
    return root


def run(story_dir, text, tmp_path, name="t.yaml"):
    path = tmp_path / name
    path.write_text(text)
    game = Game(load_story_or_raise(story_dir))
    return run_transcript(game, read_transcript(path))


def test_a_transcript_that_fits_passes(story_copy, tmp_path):
    result = run(story_copy, HELD, tmp_path)
    assert result.passed, result.failures
    assert [s.scene for s in result.seen] == ["post", "post", "orders", "post", "middle", "held"]


def test_choose_by_id_and_the_ids_are_what_the_transcript_sees(story_copy, tmp_path):
    text = HELD.replace("  - choose: Hold the bridge.\n",
                        "  - expect_choices: [hold, Lower it.]\n    choose: hold\n")
    result = run(story_copy, text, tmp_path)
    assert result.passed, result.failures
    assert result.seen[2].choices == ["hold", "lower"]


def test_a_failing_expectation_is_a_diff_at_the_step_line(story_copy, tmp_path):
    result = run(story_copy, HELD.replace("{orders: hold}", "{orders: lower}"), tmp_path)
    assert not result.passed
    [failure] = result.failures
    assert failure.line == 12                      # the line of the step "- expect_vars: {orders: ...}"
    assert failure.message.startswith(f"{tmp_path / 't.yaml'}:12: step 4 (scene post): variables differ")
    assert failure.diff == ["--- expected", "+++ actual", "@@ -1 +1 @@", "-orders: lower", "+orders: hold"]


def test_text_and_choices_and_ending_failures_say_what_was_shown(story_copy, tmp_path):
    text = (HELD.replace("first night on the bridge", "second night")
            .replace("[Ask for orders., Walk", "[Walk").replace("ending: held", "ending: open"))
    result = run(story_copy, text, tmp_path)
    messages = [f.message.split(": ", 1)[1] for f in result.failures]
    assert messages == ["step 1 (scene post): text not found in the scene",
                        "step 2 (scene post): other choices offered", "another ending"]
    assert "-text containing: second night" in result.failures[0].diff
    assert "+choice: Ask for orders." in result.failures[1].diff
    assert result.failures[2].diff[-2:] == ["-ending: open", "+ending: held"]


def test_an_unknown_choice_is_a_clear_failure(story_copy, tmp_path):
    result = run(story_copy, HELD.replace("choose: Stand your ground.", "choose: Jump."), tmp_path)
    [failure] = result.failures
    assert failure.line == 14
    assert failure.message.endswith("step 5: scene middle has no choice 'Jump.' (offered: 'Stand your ground.'; "
                                    "'Wave the crowd through.'; 'Go back.')")
    assert not result.finished


def test_a_choice_not_offered_now_is_named_so(story_copy, tmp_path):
    # Once-only: the rifle cannot be taken twice, so the list renumbers, and a position would be wrong.
    text = HELD.replace("    choose: Ask for orders.\n", "    choose: Take a rifle from the rack.\n")
    [failure] = run(story_copy, text, tmp_path).failures
    assert "the choice 'Take a rifle from the rack.' of scene post is not offered now" in failure.message


def test_update_blesses_and_keeps_the_choices(story_copy, tmp_path):
    path = story_copy / "tests" / "held.yaml"
    bare = "# kept by --update\nrole: guard\nsteps:\n" + "".join(
        f"  - choose: {c}\n" for c in ["Take a rifle from the rack.", "Ask for orders.", "hold",
                                       "Walk to the middle of the bridge.", "Stand your ground."])
    path.write_text(bare + "ending: open\n")
    assert main(["test", str(story_copy)]) == 1
    assert main(["test", "--update", str(story_copy)]) == 0
    blessed = path.read_text()
    assert blessed.startswith("# kept by --update\n")
    again = read_transcript(path)
    assert [s.choose for s in again.steps] == ["Take a rifle from the rack.", "Ask for orders.", "hold",
                                               "Walk to the middle of the bridge.", "Stand your ground."]
    assert again.ending == "held"
    assert again.steps[1].expect_vars == {"armed": "true", "nerve": "2"}   # what the rifle changed
    assert again.steps[2].expect_choices == ["hold", "lower"]
    assert again.steps[0].expect_text == ["The river is black."]    # the scene's first sentence
    assert main(["test", str(story_copy)]) == 0
    assert main(["test", "--update", str(story_copy)]) == 0 and path.read_text() == blessed   # a fixed point


def test_cli_exit_status_json_and_usage(story_copy, tmp_path, capsys):
    good, bad = story_copy / "tests" / "a.yaml", story_copy / "tests" / "b.yaml"
    good.write_text(HELD)
    bad.write_text(HELD.replace("ending: held", "ending: open"))
    assert main(["test", str(story_copy), str(good)]) == 0
    assert main(["test", str(bad)]) == 1                       # the story is found above the file
    out = capsys.readouterr().out
    assert "FAIL " in out and "b.yaml (guard, 5 steps)" in out
    assert "b.yaml:15: another ending" in out
    assert main(["test", "--json", str(story_copy)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["passed"], data["failed"]) == (1, 1)
    assert data["results"][1]["failures"][0]["line"] == 15
    (story_copy / "tests" / "c.yaml").write_text("role: guard\nsteps:\n  - chose: Go.\n")
    assert main(["test", str(story_copy)]) == 2                # a malformed transcript: usage error
    assert "c.yaml:3: step 1 has an unknown field 'chose'" in capsys.readouterr().err
    assert main(["test", str(tmp_path)]) == 2                  # no story there


def test_transcripts_are_not_story_files(story_copy):
    (story_copy / "tests" / "x.yaml").write_text("role: guard\nsteps: [{choose: Go.}]\n")
    story, diagnostics = load_story(story_copy)
    assert story is not None and not [d for d in diagnostics if "tests" in d.span.path]


def test_the_bundled_story_passes_its_transcripts():
    assert main(["test", str(ROOT / "story")]) == 0


EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/story.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_example_story_is_clean_and_passes_its_transcripts(example):
    assert main(["check", "--strict", str(example)]) == 0
    assert main(["test", str(example)]) == 0


@pytest.mark.parametrize("story_dir", [ROOT / "story"] + EXAMPLES, ids=lambda p: p.name)
def test_every_role_has_a_transcript(story_dir):
    story = load_story_or_raise(story_dir)
    played = {read_transcript(p).role for p in default_transcripts(story_dir)}
    # Every role of every story, the bundled one's ten included, has a transcript.
    wanted = set(story.roles)
    assert wanted <= played, sorted(wanted - played)
    if story_dir.name == "story":     # the bundled story's: each role's historical path, to a historical ending
        for path in default_transcripts(story_dir):
            transcript = read_transcript(path)
            assert story.scenes[transcript.ending].ending.historical, path


# -- choice ids ---------------------------------------------------------------------------------------
def test_a_duplicate_choice_id_is_PG312_at_the_second_choice(story_copy):
    guard = story_copy / "scenes" / "guard.yaml"
    guard.write_text(guard.read_text().replace("{id: lower,", "{id: hold,"))
    story, diagnostics = load_story(story_copy)
    [d] = [d for d in diagnostics if d.code == "PG312"]
    assert story is None and d.span.line == 40
    assert "scene orders has two choices with the id 'hold' (the first at line 39)" in d.message


def test_a_bad_choice_id_is_PG203(story_copy):
    guard = story_copy / "scenes" / "guard.yaml"
    guard.write_text(guard.read_text().replace("{id: lower,", "{id: two words,"))
    _, diagnostics = load_story(story_copy)
    assert [d.code for d in diagnostics if d.code.startswith("PG2")] == ["PG203"]


def test_a_save_follows_a_choice_id_when_its_text_is_edited(story_copy, tmp_path):
    game = Game(load_story_or_raise(story_copy))
    player = game.new_player("guard", 0)
    player.choose(1)                        # Ask for orders.
    player.choose(0)                        # Hold the bridge. (id: hold)
    store = SaveStore(tmp_path / "saves")
    store.save(player, "s")
    guard = story_copy / "scenes" / "guard.yaml"
    guard.write_text(guard.read_text().replace("Hold the bridge.", "Keep the bridge down."))
    edited = Game(load_story_or_raise(story_copy))
    loaded = store.load(edited, "s")
    assert loaded.state.variables["orders"] == "hold"
    # An old save (no ids recorded) still loads by text on the unedited story.
    data = json.loads((tmp_path / "saves" / "s.json").read_text())
    del data["path_ids"]
    (tmp_path / "saves" / "old.json").write_text(json.dumps(data))
    assert store.load(game, "old").state.to_dict() == player.state.to_dict()


def test_a_class_session_replays_by_choice_id_after_the_texts_are_edited(tmp_path):
    """Classroom records name each choice by its id: a session resumed on a story whose choices were all
    reworded replays by the ids (without them, test_session's renamed-scene test shows it stops)."""
    import re
    from test_session import CLASSROOM, Policy, Session, new_session
    story_dir = tmp_path / "story"
    shutil.copytree(CLASSROOM, story_dir)
    count = iter(range(1000))
    for path in (story_dir / "scenes").glob("*.yaml"):
        path.write_text(re.sub(r"- \{text: ", lambda m: f"- {{id: c{next(count)}, text: ", path.read_text()))
    s = new_session(load_story_or_raise(story_dir), "ids", saves=tmp_path / "saves", seed=4, period=45, periods=2)
    policy = Policy(s, seed=3, mode="1")
    for _ in range(40):
        if s.finished:
            break
        s.answer(policy.answer(s.prompt()))
    chosen = [e for e in s.data["log"] if e["t"] in ("choice", "narrated")]
    assert chosen and all(re.fullmatch(r"c\d+", e["choice_id"]) for e in chosen)
    before = {role: p.state.to_dict() for role, p in s.players.items()}
    for path in (story_dir / "scenes").glob("*.yaml"):
        path.write_text(re.sub(r"(\{id: c\d+, text: )([^,]+)", r"\1Reworded \2", path.read_text()))
    again = Session.load(load_story_or_raise(story_dir), "ids", saves=tmp_path / "saves")
    assert {role: p.state.to_dict() for role, p in again.players.items()} == before


def test_a_hosted_class_replays_by_choice_id_after_the_texts_are_edited(tmp_path):
    """The same for a class on devices: the devices' choices are logged with their ids and replay by them."""
    import random
    import re
    from test_live_classroom import CLASSROOM, HostedSession, hosted, join_all, play_round
    story_dir = tmp_path / "story"
    shutil.copytree(CLASSROOM, story_dir)
    count = iter(range(1000))
    for path in (story_dir / "scenes").glob("*.yaml"):
        path.write_text(re.sub(r"- \{text: ", lambda m: f"- {{id: c{next(count)}, text: ", path.read_text()))
    h = hosted(load_story_or_raise(story_dir), tmp_path / "saves")
    tokens = join_all(h, 6)
    h.teach(h.teacher_token, {"do": "start"})
    rng = random.Random(6)
    for _ in range(3):
        play_round(h, tokens, rng)
    chosen = [e for e in h.live.data["log"] if e["t"] == "choice"]
    assert chosen and all(re.fullmatch(r"c\d+", e["choice_id"]) for e in chosen)
    before = {r: p.state.to_dict() for r, p in h.live.players.items()}
    for path in (story_dir / "scenes").glob("*.yaml"):
        path.write_text(re.sub(r"(\{id: c\d+, text: )([^,]+)", r"\1Reworded \2", path.read_text()))
    again = HostedSession.open(load_story_or_raise(story_dir), "live", saves=tmp_path / "saves")
    assert not any(g.stopped for g in again.live.groups.values())
    assert {r: p.state.to_dict() for r, p in again.live.players.items()} == before


TRANSCRIPTS = sorted(p for d in [ROOT / "story"] + EXAMPLES for p in default_transcripts(d))


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_transcripts_validate_against_the_transcript_schema(path):
    import jsonschema
    from engine.diagnostics import DiagnosticSink
    from engine.loading.yaml_source import read_yaml, to_plain
    schema = json.loads((ROOT / "engine" / "schema" / "transcript.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(to_plain(read_yaml(path, str(path), DiagnosticSink())), schema)
    with pytest.raises(jsonschema.ValidationError):   # and the schema refuses what the runner refuses
        jsonschema.validate({"role": "r", "steps": [{"chose": "x"}]}, schema)
