"""check --prove: planted defects are caught with paths that replay in `play --text`, the bundled
story is proven, and on many small random stories the verdicts agree with brute force over the real
Player (every path, every die)."""
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections import deque
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES
from engine.checker import prove as prove_module
from engine.loading import load_story
from engine.runtime import Game
from engine.runtime import player as player_module

ROOT = Path(__file__).resolve().parent.parent

MANIFEST = """\
story:
  id: planted
  title: Planted
  version: "1"
  assets: assets
  calendar: {start: "1917-10-24", style: julian}
  sources:
    - {id: notes, title: Test notes, short: Notes}
roles:
  - {id: r, name: Runner, description: Runs., start: s0}
"""


def scene(sid, choices=(), ending=False, on_enter=()):
    lines = [f"  - id: {sid}", "    role: r", f"    title: Title {sid}", "    date: 1917-10-24",
             '    time: "20:00"', "    place: Here", "    image: places/bridge",
             "    sources: [{source: notes, where: p. 1}]", f"    text: Text of {sid}."]
    if on_enter:
        lines.append("    on_enter: [" + ", ".join(json.dumps(e) for e in on_enter) + "]")
    if ending:
        lines.append(f"    ending: {{title: End {sid}}}")
    else:
        lines.append("    choices:")
        for n, (target, cond, effects, once) in enumerate(choices):
            item = f"      - {{text: {json.dumps(f'Go {n} to {target}')}, to: {target}"
            if cond:
                item += f", if: {json.dumps(cond)}"
            if effects:
                item += ", do: [" + ", ".join(json.dumps(e) for e in effects) + "]"
            if once:
                item += ", once: true"
            lines.append(item + "}")
    return "\n".join(lines)


def write_story(folder: Path, scenes: list[str], variables: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(MANIFEST)
    (folder / "scenes").mkdir(exist_ok=True)
    (folder / "scenes" / "s.yaml").write_text("variables:\n" + variables + "scenes:\n" + "\n".join(scenes) + "\n")
    if not (folder / "assets").exists():
        shutil.copytree(FIXTURES / "tiny" / "assets", folder / "assets")   # a link out is PG307
    return folder


VARIABLES = textwrap.dedent("""\
      a: {type: int, default: 0, min: 0, max: 3}
      b: {type: bool, default: false}
      c: {type: int, default: 0, min: -40, max: 40}
    """).replace("\n  ", "\n  ")
VARIABLES = "".join("  " + line + "\n" for line in VARIABLES.splitlines())


def load(folder):
    story, diagnostics = load_story(folder)
    assert story is not None, [d.format() for d in diagnostics]
    return Game(story)


def verdicts(game, role="r", **budget):
    proof = prove_module.prove_role(game, role, **budget)
    return {v.property: v for v in proof.verdicts}, proof


def replay_cli(folder, witness):
    """The witness's transcript input, played by `petrograd play --text` as a transcript test does."""
    lines = witness.transcript_input().splitlines(keepends=True)
    out = subprocess.run([sys.executable, "-m", "engine", "play", "--text", *lines[0].split(), str(folder)],
                         input="".join(lines[1:]) + ":quit\n", capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200"}, cwd=folder)
    return out


def last_title(output: str) -> str:
    return re.findall(r"TITLE (S\d)", output.upper())[-1].lower()


def test_planted_soft_lock_is_caught_with_a_path_that_replays(tmp_path):
    folder = write_story(tmp_path / "lock", [
        scene("s0", [("s1", None, ["a += 1"], False), ("s2", None, [], False)]),
        scene("s1", [("s2", "a >= 1", ["a += 1"], False), ("s3", None, [], False)]),
        scene("s2", [("s3", "a < 2", [], False)]),      # after s1 and its +1, a is 2: nothing open
        scene("s3", ending=True),
    ], VARIABLES)
    found, _ = verdicts(load(folder))
    lock = found["no soft-lock"]
    assert lock.status == "counterexample"
    assert "s2" in lock.findings[0].text
    witness = lock.findings[0].witness
    assert witness.moves == [1, 1]
    out = replay_cli(folder, witness)
    assert out.returncode == 0, out.stderr
    assert last_title(out.stdout) == "s2"
    assert "no choices are open here" in out.stdout.split("TITLE S2")[-1]
    assert found["every ending reachable"].status == "proven"


def test_planted_unreachable_ending_is_caught(tmp_path):
    folder = write_story(tmp_path / "ending", [
        scene("s0", [("s1", None, ["a += 1"], False)]),
        scene("s1", [("s2", None, [], False), ("s3", "a == 0", [], False)]),   # a is 1 here, always
        scene("s2", ending=True),
        scene("s3", ending=True),
    ], VARIABLES)
    found, _ = verdicts(load(folder))
    ending = found["every ending reachable"]
    assert ending.status == "counterexample"
    assert "ending s3 cannot be reached" in ending.findings[0].text
    out = replay_cli(folder, ending.findings[0].witness)      # to s1, where the way to s3 is closed
    assert out.returncode == 0, out.stderr
    assert last_title(out.stdout) == "s1" and "Go 1 to s3" not in out.stdout
    assert found["every choice can be taken"].status == "counterexample"
    assert found["every scene reachable"].status == "proven"


def test_planted_always_false_condition_is_caught(tmp_path):
    folder = write_story(tmp_path / "false", [
        scene("s0", [("s1", None, ["b = true"], False), ("s1", None, ["b = true", "a += 2"], False)]),
        scene("s1", [("s2", None, [], False), ("s2", "not b", [], False)]),
        scene("s2", ending=True),
    ], VARIABLES)
    found, _ = verdicts(load(folder))
    choice = found["every choice can be taken"]
    assert choice.status == "counterexample"
    assert "scene s1, choice 2" in choice.findings[0].text and "not b" in choice.findings[0].text
    out = replay_cli(folder, choice.findings[0].witness)
    assert out.returncode == 0, out.stderr
    assert last_title(out.stdout) == "s1" and "Go 1 to s2" not in out.stdout


def test_a_clamping_effect_is_a_counterexample_unless_the_variable_saturates(tmp_path):
    scenes = [scene("s0", [("s1", None, ["a += 2"], False)]),
              scene("s1", [("s2", None, ["a += 2"], False)]),
              scene("s2", ending=True)]
    found, _ = verdicts(load(write_story(tmp_path / "clamp", scenes, VARIABLES)))
    assert found["every variable's range holds"].status == "counterexample"
    assert "gives 4" in found["every variable's range holds"].findings[0].text
    saturating = VARIABLES.replace("max: 3}", "max: 3, saturates: true}")
    found, _ = verdicts(load(write_story(tmp_path / "scale", scenes, saturating)))
    assert found["every variable's range holds"].status == "proven"


def test_a_story_from_the_compiled_cache_gets_the_same_verdicts(tmp_path):
    from engine.loading import load_story_cached
    folder = write_story(tmp_path / "cached", [
        scene("s0", [("s1", None, ["a += 1"], False), ("s2", None, [], True)]),
        scene("s1", [("s2", "a >= 1", ["a += 1"], False), ("s0", None, [], True)]),
        scene("s2", [("s3", "a < 2", [], False)]),
        scene("s3", ending=True),
    ], VARIABLES)
    fresh, _ = verdicts(load(folder))
    for _ in range(2):          # the first load writes the cache, the second reads it
        story, _ = load_story_cached(folder, cache_dir=tmp_path / "cache")
        cached, _ = verdicts(Game(story))
    assert {k: (v.status, [f.text for f in v.findings]) for k, v in cached.items()} == \
           {k: (v.status, [f.text for f in v.findings]) for k, v in fresh.items()}


def test_a_counter_far_above_its_constants_still_falls_back_to_them(tmp_path):
    """States narrow a counter to a window per scene (engine.checker.prove._windows); the window
    must leave room for every fall still ahead: here 6, then two falls of 2, then `c >= 2`."""
    folder = write_story(tmp_path / "window", [
        scene("s0", [("s1", None, ["c += 3"], False)]),
        scene("s1", [("s2", None, ["c += 3"], False)]),
        scene("s2", [("s3", None, ["c -= 2"], False)]),
        scene("s3", [("s4", None, ["c -= 2"], False)]),
        scene("s4", [("s5", "c >= 2", [], False), ("s6", "c < 2", [], False)]),
        scene("s5", ending=True), scene("s6", ending=True),
    ], VARIABLES)
    found, _ = verdicts(load(folder))
    assert found["every ending reachable"].status == "counterexample"
    assert [f.text.split(" cannot")[0] for f in found["every ending reachable"].findings] == ["ending s6"]


def test_the_exact_search_still_reads_the_conditions_of_choices_that_leave_what_it_asks_about(tmp_path):
    """s3 is refuted only by the exact search (a is 1 exactly when b is true), which looks only at
    scenes leading to s3; s1's way out to s2 reads c, which nothing leading to s3 reads."""
    folder = write_story(tmp_path / "leave", [
        scene("s0", [("s1", None, ["a += 1", "b = true"], False), ("s1", None, ["c += 2"], False)]),
        scene("s1", [("s2", "c >= 1", [], False), ("s3", "a >= 1 and not b", [], False), ("s2", None, [], False)]),
        scene("s2", ending=True), scene("s3", ending=True),
    ], VARIABLES)
    with mock.patch.object(prove_module, "_answer_backward", lambda *a, **k: None):   # the exact search alone
        found, proof = verdicts(load(folder))
    assert proof.search == "exhaustive"
    assert [f.text for f in found["every ending reachable"].findings] == ["ending s3 cannot be reached (exhaustive search)"]
    assert found["every choice can be taken"].status == "counterexample"     # s1's way to s3
    assert "scene s1, choice 2" in found["every choice can be taken"].findings[0].text


def test_a_relation_between_counters_is_refuted_by_the_backward_analysis(tmp_path):
    """s4 needs c >= 1 and a >= 1 together, but s0 raises only one of them: the intervals allow both
    at s2, the boxes of engine/checker/preconditions.py do not."""
    folder = write_story(tmp_path / "relation", [
        scene("s0", [("s1", None, ["c += 1"], False), ("s1", None, ["a += 1"], False)]),
        scene("s1", [("s2", "c >= 1", [], False), ("s3", None, [], False)]),
        scene("s2", [("s4", "a >= 1", [], False), ("s3", None, [], False)]),
        scene("s3", ending=True), scene("s4", ending=True),
    ], VARIABLES)
    found, proof = verdicts(load(folder))
    assert proof.search == "answered"
    assert [f.text for f in found["every ending reachable"].findings] == [
        "ending s4 cannot be reached (backward analysis of counters)"]
    out = replay_cli(folder, found["every ending reachable"].findings[0].witness)   # to s2, way to s4 closed
    assert out.returncode == 0 and last_title(out.stdout) == "s2" and "Go 0 to s4" not in out.stdout


SYNTHETIC_VARIABLES = "".join(f"  {v}: {{type: int, default: 0, min: -1000, max: 1000}}\n"
                              for v in ("courage", "gold", "trust", "lore"))


def synthetic_scenes(n: int, seed: int, planted: int, span: int = 25) -> list[str]:
    """A story shaped like the benchmark's synthetic ones (bench/convert_synthetic.py): a DAG, each
    choice to one of the next `span` scenes, 20% of choices with a condition on one of four counters,
    35% with an effect; at least one choice of each scene open. Scene `planted` (and the one before
    it, which leads there) is no ending, and every choice of `planted` has a condition."""
    import random
    rng = random.Random(seed)
    names = ("courage", "gold", "trust", "lore")
    scenes = []
    for i in range(n):
        if i == n - 1 or (0 < i and i not in (planted - 1, planted) and rng.random() < 0.05):
            scenes.append(scene(f"s{i}", ending=True))
            continue
        choices = []
        for k in range(3):
            target = planted if i == planted - 1 and k == 0 else rng.randint(i + 1, min(n - 1, i + span))
            cond = None
            if i == planted or (rng.random() < 0.2 and k < 2):
                op = rng.choice([">=", "<", "=="])
                cond = f"{rng.choice(names)} {op} {rng.randint(0, 2) + (0 if op == '==' else 1)}"
            effects = [f"{rng.choice(names)} {rng.choice(['-= 1', '+= 1', '+= 1', '+= 2'])}"] if rng.random() < 0.35 else []
            choices.append((f"s{target}", cond, effects, False))
        scenes.append(scene(f"s{i}", choices))
    return scenes


def test_a_planted_soft_lock_deep_in_a_large_synthetic_story_is_found(tmp_path):
    """1,500 scenes; the soft-lock at scene 1,350 needs the counters there to miss three conditions
    at once. It is found, with a path that replays; nothing is left undecided."""
    folder = write_story(tmp_path / "synthetic", synthetic_scenes(1500, seed=7, planted=1350), SYNTHETIC_VARIABLES)
    game = load(folder)
    found, proof = verdicts(game, max_seconds=30.0)
    assert proof.search != "budget", prove_module.prove_report([proof])
    assert all(v.status != "undecided" for v in found.values()), prove_module.prove_report([proof])
    lock = found["no soft-lock"]
    assert lock.status == "counterexample"
    assert [f.text for f in lock.findings] == ["soft-lock in scene s1350: no choice is offered"]
    witness = lock.findings[0].witness
    player = game.new_player("r", seed=witness.seed)
    for move in witness.moves:
        player.choose([fc.index for fc in player.frame().choices if fc.number == move][0])
    assert player.state.scene == "s1350" and not player.frame().choices and not player.frame().is_ending
    assert found["every variable's range holds"].status == "proven"


def test_dice_witness_names_a_seed_that_rolls_them(tmp_path):
    folder = write_story(tmp_path / "dice", [
        scene("s0", [("s1", None, ["a = roll(3)"], False)]),
        scene("s1", [("s2", "a == 3", [], False), ("s3", None, [], False)]),
        scene("s2", [("s3", "a == 1", [], False)]),           # a is 3 here: a soft-lock only a 3 reaches
        scene("s3", ending=True),
    ], VARIABLES)
    found, _ = verdicts(load(folder))
    lock = found["no soft-lock"]
    assert lock.status == "counterexample"
    witness = lock.findings[0].witness
    out = replay_cli(folder, witness)
    assert out.returncode == 0 and last_title(out.stdout) == "s2"


def test_undecided_is_said_when_the_budget_runs_out(tmp_path):
    folder = write_story(tmp_path / "budget", [
        scene("s0", [("s1", None, ["a += 1"], False), ("s1", None, [], False)]),
        scene("s1", [("s2", "a == 0", [], False), ("s2", None, ["b = true"], False)]),
        scene("s2", [("s3", "b", [], False), ("s3", None, [], False)]),
        scene("s3", ending=True),
    ], VARIABLES)
    found, proof = verdicts(load(folder), max_states=1)
    assert proof.search == "budget"
    statuses = {v.status for v in found.values()}
    assert "undecided" in statuses and "counterexample" not in statuses


def test_the_bundled_story_is_proven():
    story, _ = load_story(ROOT / "story")
    proofs = prove_module.prove(Game(story), list(story.roles))
    for proof in proofs:
        assert [v.status for v in proof.verdicts] == ["proven"] * 5, prove_module.prove_report([proof])


# -- differential: brute force over the real Player -----------------------------------------------------

class _Scripted:
    """Stands in for the step's random generator: a script of dice values, then the lowest."""

    def __init__(self, script):
        self.script, self.used = list(script), []

    def randint(self, low, high):
        value = self.script[len(self.used)] if len(self.used) < len(self.script) else low
        self.used.append((high, value))
        return value


EFFECT = re.compile(r"([ac]) ([+-])= (\d+|roll\((\d)\))$")
BOUNDS = {"a": (0, 3), "c": (-40, 40)}


def brute_force(game, role):
    """Every path of the real Player, every value of every die; the state is the whole GameState
    (log and turn included), so nothing is merged. Returns what the properties are about."""
    story = game.story
    reached, locked, offered, clamped = set(), set(), set(), False
    holder = {}
    with mock.patch.object(player_module, "_StepRandom", lambda seed: holder["dice"]):
        def outcomes(run):
            stack, results = [()], []
            while stack:
                script = stack.pop()
                holder["dice"] = dice = _Scripted(script)
                results.append(run(dice))
                for j in range(len(script), len(dice.used)):
                    prefix = tuple(v for _, v in dice.used[:j])
                    stack.extend(prefix + (alt,) for alt in range(2, dice.used[j][0] + 1))
            return results

        def start(dice):
            player = game.new_player(role, seed=0)
            state = player.state.copy()
            player.close()
            return state, _clamps(story.scenes[state.scene].on_enter, {"a": 0, "c": 0}, dice.used)

        todo, seen = deque(), set()
        for state, clamp in outcomes(start):
            clamped |= clamp
            todo.append(state)
        player = game.new_player(role, seed=0)
        while todo:
            state = todo.popleft()
            reached.add(state.scene)
            player.restore(state.copy())
            frame = player.frame()
            if frame.is_ending:
                continue
            if not frame.choices:
                locked.add(state.scene)
            for fc in frame.choices:
                offered.add((state.scene, fc.index))
                choice = story.scenes[state.scene].choices[fc.index]

                def take(dice, choice=choice):
                    player.restore(state.copy())
                    player.choose(choice.index)
                    effects = choice.effects + story.scenes[choice.target].on_enter
                    return player.state.copy(), _clamps(effects, dict(state.variables), dice.used)

                for nxt, clamp in outcomes(take):
                    clamped |= clamp
                    key = json.dumps(nxt.to_dict(), sort_keys=True)
                    if key not in seen:
                        seen.add(key)
                        todo.append(nxt)
        player.close()
    return reached, locked, offered, clamped


def _clamps(effects, values, rolls) -> bool:
    """Whether these effects, in order, take a number outside its range (their own arithmetic, not
    the engine's)."""
    rolls = [value for _, value in rolls]
    clamped = False
    for effect in effects:
        m = EFFECT.match(effect.info.source)
        if not m:
            continue
        name, lo, hi = m.group(1), *BOUNDS[m.group(1)]
        amount = rolls.pop(0) if m.group(4) else int(m.group(3))
        raw = values[name] + amount if m.group(2) == "+" else values[name] - amount
        clamped |= not lo <= raw <= hi
        values[name] = min(hi, max(lo, raw))
    return clamped


CONDITIONS = [None, None, None, "a >= 1", "a < 2", "a == 3", "b", "not b", 'visits("s0") >= 2', "turn >= 3",
              "a >= 2 and not b", "c >= 2", "c < 0", "c == 1"]
EFFECTS = ["a += 1", "a -= 1", "a += 2", "a += roll(2)", "b = true", "b = not b", "c += 3", "c -= 1", "c -= 2",
           "c -= roll(2)"]


@st.composite
def random_story(draw):
    n = draw(st.integers(2, 6))
    scenes = []
    for i in range(n):
        ending = i == n - 1 or (i > 0 and draw(st.integers(0, 3)) == 0)
        on_enter = draw(st.lists(st.sampled_from(EFFECTS), max_size=1)) if i else []
        if ending:
            scenes.append(scene(f"s{i}", ending=True, on_enter=on_enter))
            continue
        choices = []
        for k in range(draw(st.integers(1, 3))):
            back = k > 0 and draw(st.integers(0, 3)) == 0     # the first goes on: an ending is always in reach
            target = draw(st.integers(0, i)) if back else draw(st.integers(i + 1, n - 1))
            condition = draw(st.sampled_from(CONDITIONS + [f'visited("s{draw(st.integers(0, n - 1))}")']))
            effects = draw(st.lists(st.sampled_from(EFFECTS), max_size=2))
            once = back or draw(st.booleans())      # loops only through once-only choices: brute force ends
            choices.append((f"s{target}", condition, effects, once))
        scenes.append(scene(f"s{i}", choices, on_enter=on_enter))
    return scenes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(scenes=random_story())
def test_prove_agrees_with_brute_force(tmp_path_factory, scenes):
    folder = write_story(tmp_path_factory.mktemp("random"), scenes, VARIABLES)
    game = load(folder)
    story = game.story
    found, proof = verdicts(game)
    reached, locked, offered, clamped = brute_force(game, "r")
    statuses = {name: v.status for name, v in found.items()}
    assert "undecided" not in statuses.values(), prove_module.prove_report([proof])
    own = [s.id for s in story.scenes_of("r")]
    assert statuses["no soft-lock"] == ("counterexample" if locked else "proven")
    lock_scenes = {re.search(r"scene (\w+)", f.text).group(1) for f in found["no soft-lock"].findings}
    assert lock_scenes == locked
    for name, want_ending in (("every scene reachable", False), ("every ending reachable", True)):
        missing = {s for s in own if story.scenes[s].is_ending == want_ending and s not in reached}
        assert statuses[name] == ("counterexample" if missing else "proven")
        assert {re.search(r"(?:scene|ending) (\w+) cannot", f.text).group(1) for f in found[name].findings} == missing
    never = {(s, c.index) for s in own if s in reached for c in story.scenes[s].choices} - offered
    assert statuses["every choice can be taken"] == ("counterexample" if never else "proven")
    assert {(m.group(1), int(m.group(2)) - 1) for m in
            (re.search(r"scene (\w+), choice (\d+)", f.text) for f in found["every choice can be taken"].findings)} == never
    assert statuses["every variable's range holds"] == ("counterexample" if clamped else "proven")
    # Every path the prover gave replays with the real Player (it checks each before reporting).
    for v in found.values():
        for f in v.findings:
            if f.witness is not None:
                assert f.witness.seed >= 0
