"""Class votes change the story (issue 12): for every assembly of the bundled story, every motion and every
result, each role the motion concerns is played on from the moment the assembly is held, with the
assembly's outcomes applied as a session applies them, to an ending. Nothing it is shown may contradict
the vote, and where the class left history every ending reads what the class voted."""
import random

import pytest

from conftest import ROOT
from engine import Game, load_story_or_raise
from engine.markup import plain
from engine.session.outcomes import apply_effects, outcome_effects

SEEDS = 40            # random playthroughs per role and result (plus the historical path)
MAX_STEPS = 300

# Text that must never be shown, after the assembly, to a role the motion concerns when the class voted
# (motion, result). Each phrase is what one of the story's paragraphs or choices says on the other result.
CONTRADICTIONS = {
    ("insurrection", "against"): [
        "Ten to two", "Ten for. Two against", "Twice in six days", "who has lost and expected to",
        "Armed insurrection is now the order of the day",
        "Join in the teasing", "left them expecting the signal", "Tomorrow would suit you",
        "one of the best resolutions the Committee ever passed",
    ],
    ("insurrection", "for"): ["voted your resolution down", "Your resolution has not carried"],
    ("zinoviev", "for"): [
        "Nineteen, two, four", "Six for. Fifteen against", "Twice in six days",
        "He resigns from the Central Committee", "voted with you in spite of their doubts", "as if the resignation were",
    ],
    ("zinoviev", "against"): [
        "Zinoviev's motion through", "and when they are counted it has carried", "when you gave Zinoviev his condition",
    ],
    ("lenin_motion", "against"): [
        "Nineteen, two, four", "Nineteen for. Two against", "Twice in six days",
        "He resigns from the Central Committee", "voted with you in spite of their doubts", "as if the resignation were",
    ],
    ("lenin_motion", "for"): ["would not confirm the rising", "Then yours. It does not carry"],
    ("side", "government"): [
        "the fortress vote settles it",
        "Nearly everyone went left", "Everything else is on the left", "The cheer goes up and does not stop",
        "walk to the left for this Committee", "The fortress came over tonight", "Cheer with the men around you",
        "The men on the right are only a dozen or so",
    ],
    ("side", "mrc"): ["They went to the right", "walked to the right", "There is no cheer"],
    ("dan", "against"): [
        "123 to 102", "123 for, 102 against", "ONE TWENTYTHREE TO ONE HUNDRED TWO", "Dan's left motion passed",
        "Last night this house voted no confidence", "hand-picked parliament has turned on it",
        "with the Preparliament's vote in their pockets",
    ],
    ("dan", "for"): ["Dan's motion is lost", "voted down Dan's formula", "refused Dan's formula"],
    ("ultimatum", "ignore"): ["The vote has been taken, and it is for", "The government accepts",
                              "the government wants time", "Nobody is going to shell anything now"],
    ("ultimatum", "delay"): [
        "They will simply not answer", "the government sent no answer at all", "The government will not surrender",
        "Agree to ignore the ultimatum", "There will be no reply at all",
        "Nobody is going to shell anything now", "The palace that gave up",
    ],
    ("ultimatum", "surrender"): [
        "Nothing fires.", "there may be gunfire", "The palace fell at two",
        "hear the Aurora's gun", "freed at 2 a.m.", "At twenty to ten a sound rolls over the city", "that was for the palace",
        "They will simply not answer", "the government sent no answer at all", "The government will not surrender",
        "Agree to ignore the ultimatum", "Nobody believes it, and nobody dares not to", "At twenty to ten a blast",
        "The vote is closer than any vote you have ever sat through",
        "The fortress is firing live shells at last", "the palace entered at last, no storm",
        "None of them made the palace fall", "And past three it was", "was still full of ministers",
        "the palace is still full of ministers", "stopped drifting and fired", "It opened with the ministers",
        "The palace falls while you are still up there", "are under fire in the Winter Palace",
        "firing on the palace, and this time", "people are lying like that again",
        "The Winter Palace has been taken. Kamenev", "ensconced in the Winter Palace have been seized",
        "with the guns going, for the one thing", "because the guns were firing on",
        "The guns boom again", "With the ministers under shellfire", "with the guns going and the moderates gone",
        "with the palace half taken", "guns are still going on the river", "They've started",
        "Go down to the Neva and see for yourself", "As the guns sounded", "while the palace still stood",
        "Ten past seven came and went", "the government wants time", "Take the boat across to the Aurora",
        "looking all over the fortress for a red lantern", "has to have it, and they'll want a man who saw the square",
        "Blank. One round. Bow gun", "the fortress begins to fire in earnest", "Toward two o'clock the noise changes",
        "At about two the word goes down the corridor",
    ],
    # After a class surrender the palace is given up at seven: no Duma march to it (duma_25oct is
    # cancelled_by that result), so no role may be told of one.
    ("ultimatum", "surrender+march"): [
        "Four abreast, someone is shouting", "the march goes at midnight", "set out to die with the government",
        "word comes that the Duma has set out", "There are about three hundred of them", "Duma has decided to march",
        "has just voted to march", "the City Duma is marching", "Stay, and march with the Duma",
        "Tell him to hold until the Duma arrives", "to march with the Duma", "Fall in four abreast",
        "Take a loaf to carry for the ministers", "the column moves off down Nevsky",
    ],
    ("march", "against"): [
        "marched with the Duma",
        "Four abreast, someone is shouting", "the march goes at midnight", "set out to die with the government",
        "word comes that the Duma has set out", "The Duma does not come", "There are about three hundred of them",
        "the march you have just seen turned back", "Duma has decided to march", "has just voted to march",
        "the City Duma is marching", "Stay, and march with the Duma", "failing to walk a block",
        "and votes yes", "Tell him to hold until the Duma arrives", "to march with the Duma",
        "We will spank you", "They are singing the", "The Marseillaise in the rain", "lantern and bread and all",
    ],
    ("march", "for"): ["voted not to march", "has refused to march", "The Duma has voted not to march",
                       "voted to stay where they were", "a Duma that stayed indoors", "the Duma never came"],
    ("cordon", "push_on"): [
        "The column turns about", "And the column turns round in the rain", "after a speech from a box they did",
        "failing to walk a block", "Turn back with the marchers", "Turn back with the column",
        "the march you have just seen turned back",
        "The column turns itself round", "went home with their sausages", "Too late, young man",
    ],
    ("cordon", "turn_back"): ["pushed through", "the column goes through it", "The marchers pushed through",
                              "walked through your cordon", "walked through your line", "the Duma is past you and through",
                              "The column files through your gap"],
    ("martov", "against"): [
        "You let Martov's talks go forward",
        "Unanimous", "It passed unanimously", "every hand in the hall went up", "Every hand goes up", "Every hand.",
        "voted Martov's delegation with cheers", "The delegation Martov asked for has been voted",
        "Martov's motion passes unanimously", "Martov's proposal was accepted, he says, by everyone",
        "Everyone here voted for Martov's proposal", "when Martov's motion passed", "with every hand in the hall",
        "Let your hand fall at last", "THE SOCIALISTS MAY YET UNITE", "Lead with Martov's unanimous motion",
    ],
    ("martov", "for"): ["voted him down", "the proposal was lost", "Martov's motion has failed"],
    ("manifesto", "against"): [
        "Soviet power is proclaimed", "the new power was voted in", "the Congress take power", "the Congress took power",
        "two against, twelve abstaining, everyone else for", "Two against. Twelve abstaining",
        "The manifesto has passed", "the manifesto has passed", "The Congress has taken the power",
        "Almost nobody against", "The hands go up like a forest", "is voting its manifesto",
        "At five the Congress voted itself into power", "voted that power had passed to the soviets",
        "At five o'clock the Congress passed Lenin's manifesto", "when power passed to the soviets",
        "2 against and 12 abstaining",
    ],
    ("manifesto", "for"): ["would not pass", "and it did not pass", "has not passed", "The manifesto has failed"],
}


@pytest.fixture(scope="module")
def story():
    return load_story_or_raise(ROOT / "story")


def stamp(scene) -> str:
    return f"{scene.date} {scene.time.zfill(5)}"


def class_variable(role: str, motion) -> str:
    return f"{role}_class_{motion.id}"


def concerned(motion) -> set[str]:
    """The roles whose story the motion's outcomes change."""
    return {role for by_role in motion.outcomes.values() for role in by_role}


def cases(story):
    for a in story.assemblies:
        for m in a.motions:
            for option in m.options:
                for role in sorted(concerned(m)):
                    yield a, m, option.id, role


def entered_only_on_the_vote(story, scene_id: str, name: str) -> bool:
    """A scene that exists for a class vote: every choice leading to it is offered only on a condition that
    reads the vote's record (an ending no solo player can reach reads the vote by being reached)."""
    into = [c for s in story.scenes.values() for c in s.choices if c.target == scene_id]
    return bool(into) and all(c.condition is not None and name in c.condition.info.reads for c in into)


def shown(frame) -> list[str]:
    return ([frame.title, frame.ending_title or "", frame.ending_summary] + [plain(p) for p in frame.paragraphs]
            + [plain(c.text) for c in frame.choices])


def play_through_vote(story, game, assembly, motion, result, role, seed, historical_path, tally=None):
    """Play `role` until the assembly is held (its scenes at the assembly's time go first, as in a session),
    apply the assembly's outcomes with `motion` decided as `result` (by `tally`, if given) and the other
    motions as in 1917, then play on to an ending. Returns (player, frames shown after the vote), or None
    if the role ended first."""
    from engine.session.planner import historical_choice, historical_reach
    rng = random.Random(seed)
    player = game.new_player(role, seed)
    reach = historical_reach(story) if historical_path else None

    def step():
        frame = player.frame()
        assert frame.choices, f"{role}: {frame.scene_id} offers no choice and is not an ending (seed {seed})"
        choice = historical_choice(player, reach) if historical_path else None
        player.choose(choice.index if choice is not None else rng.choice(frame.choices).index)

    for _ in range(MAX_STEPS):
        if stamp(player.scene) > assembly.stamp:
            break
        if player.scene.is_ending:
            return None
        step()
    results = [{"motion": m.id, "result": result if m.id == motion.id else m.historical.result,
                "tally": tally if m.id == motion.id and tally else {}} for m in assembly.motions]
    for who, effects in outcome_effects(assembly, results, lambda r, m: None):
        if who == role:
            apply_effects(player.state, effects)
    frames = []
    for _ in range(MAX_STEPS):
        frames.append(player.frame())
        if player.scene.is_ending:
            return player, frames
        step()
    raise AssertionError(f"{role} reached no ending in {MAX_STEPS} choices after {assembly.id} (seed {seed})")


def test_every_result_is_recorded_for_every_role_it_concerns(story):
    """Every result of every motion sets, in each role the motion concerns, that role's record of the vote."""
    for a in story.assemblies:
        for m in a.motions:
            for role in concerned(m):
                name = class_variable(role, m)
                declared = story.variables.get(name)
                assert declared is not None, f"{a.id}.{m.id} changes {role}'s story but {name} is not declared"
                assert declared.default == "none"
                for option in m.options:
                    sets = [e.info.source for e in m.outcomes.get(option.id, {}).get(role, ())]
                    assert f'{name} = "{option.id}"' in sets, f"{a.id}.{m.id}={option.id} does not set {name}"


@pytest.mark.parametrize("historical_path", [True, False], ids=["history", "random"])
def test_no_text_contradicts_the_class_vote_and_every_ending_reads_it(story, historical_path):
    game = Game(story)
    failures = []
    played = 0
    for a, m, result, role in cases(story):
        name = class_variable(role, m)
        forbidden = CONTRADICTIONS.get((m.id, result), []) + CONTRADICTIONS.get((m.id, f"{result}+march"), [])
        for seed in ([0] if historical_path else range(SEEDS)):
            run = play_through_vote(story, game, a, m, result, role, seed, historical_path)
            if run is None:
                continue
            played += 1
            player, frames = run
            for frame in frames:
                for text in shown(frame):
                    for phrase in forbidden:
                        if phrase.lower() in text.lower():
                            failures.append(f"{a.id}: {m.id}={result}, {role} was shown {phrase!r} in {frame.scene_id}")
            if result == m.historical.result:
                continue
            ending = frames[-1]       # the same state with the vote unrecorded must read differently
            as_in_1917 = player.state.copy()
            as_in_1917.variables[name] = "none"
            without_vote = game.resume(as_in_1917).frame()
            if (ending.paragraphs == without_vote.paragraphs
                    and not entered_only_on_the_vote(story, ending.scene_id, name)):
                failures.append(f"{a.id}: {m.id}={result}, {role}'s ending {ending.scene_id} does not read {name}")
    assert played > 50
    assert not sorted(set(failures)), "\n".join(sorted(set(failures))[:40])


# What a divided vote must never be told as, for a motion whose story tells its unanimity.
UNANIMITY = {"martov": ["unanimous", "Every hand goes up", "every hand in", "Every hand.", "with every hand", "cannot find one"]}


@pytest.mark.parametrize("motion_id", sorted(UNANIMITY))
def test_a_divided_vote_is_never_told_as_unanimous(story, motion_id):
    """A class that carries a motion 3 to 2 (issue 12: "the class split on Martov and the Journalist read
    'every hand went up'") reads a majority, not a unanimous hall, in every role the motion concerns."""
    game = Game(story)
    a, m = next((a, m) for a in story.assemblies for m in a.motions if m.id == motion_id)
    result = m.historical.result
    split = {result: 3, next(o.id for o in m.options if o.id != result): 2}
    assert m.divided(split, result) and not m.divided({result: 5}, result)
    failures, played = [], 0
    for role in sorted(concerned(m)):
        for seed in range(SEEDS):
            run = play_through_vote(story, game, a, m, result, role, seed, seed % 2 == 0, tally=split)
            if run is None:
                continue
            played += 1
            failures += [f"{role} was shown {phrase!r} in {f.scene_id} (seed {seed})" for f in run[1]
                         for text in shown(f) for phrase in UNANIMITY[motion_id] if phrase.lower() in text.lower()]
    assert played > 20
    assert not sorted(set(failures)), "\n".join(sorted(set(failures))[:20])


def test_solo_play_reads_as_1917(story):
    """Without a class, every record of a vote is none, so no conditional paragraph of a class vote shows."""
    game = Game(story)
    for role in story.roles:
        player = game.new_player(role, 0)
        names = [n for n in story.variables if n.startswith(f"{role}_class_")]
        assert names, role
        assert all(player.state.variables[n] == "none" for n in names)


@pytest.fixture
def session(story, tmp_path):
    from engine.session.engine import Session
    from engine.session.planner import make_plan
    names = ["Ana", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gia", "Hugo", "Ida", "Jon", "Kai", "Lea"]
    names += [f"Student {n}" for n in range(len(names) + 1, 2 * len(story.roles) + 1)]   # pairs: every role is cast
    plan = make_plan(story, Game(story), len(names), 45, 2, names)
    return Session.create(story, "votes", plan, saves=tmp_path, seed=1917)


def test_a_session_records_every_result_in_each_concerned_groups_story(story, session):
    """The session engine itself (not a copy of it) sets each group's record of the class's result."""
    for a in story.assemblies:
        for m in a.motions:
            for option in m.options:
                results = [{"motion": x.id, "result": option.id if x.id == m.id else x.historical.result}
                           for x in a.motions]
                session.apply_outcomes(a, {"results": results, "votes": {}, "walked_out": []})
                # a class of 12 casts the first groups of cast_order, not every role the story has
                for role in concerned(m) & set(session.players):
                    assert session.players[role].state.variables[class_variable(role, m)] == option.id


def test_the_delegates_own_vote_on_the_manifesto_is_not_asked_again(story, session):
    a = next(x for x in story.assemblies if x.id == "manifesto_26oct")
    session.apply_outcomes(a, {"results": [{"motion": "manifesto", "result": "against"}],
                               "votes": {"manifesto": {"delegate": "abstain"}}, "walked_out": []})
    state = session.players["delegate"].state.copy()
    assert state.variables["delegate_class_hand"] == "abstain"
    state.scene = "delegate_vote_manifesto"
    frame = Game(story).resume(state).frame()
    assert [plain(c.text) for c in frame.choices] == ["Hear the count. You abstained."]
    assert not any("three seconds left to decide" in p for p in frame.paragraphs)


def test_a_stand_in_named_with_an_article_reads_in_lower_case_mid_sentence(story, session):
    a = next(x for x in story.assemblies if x.id == "lesnoi_16oct")
    speakers = session.participants(a)
    k = next(i for i, p in enumerate(speakers) if p.speaks_as.startswith("A district reporter"))
    session.data["stage"] = {"kind": "assembly", "id": a.id, "step": "speech", "speaker": k, "motion": 0,
                             "voter": 0, "mode": "", "speeches": [], "votes": {}, "tallies": {},
                             "walked_out": [], "results": []}
    text = "\n".join(session.prompt().lines)
    assert "you speak as a district reporter from the Okhta" in text
    assert "you speak as A " not in text and "you speak as The " not in text


def test_exploration_lists_what_only_a_class_vote_opens_and_does_not_call_it_unreachable(story):
    from engine.checker.explore import explore_report, vote_only_scenes, voted_variables
    voted = voted_variables(story)
    assert "cadet_class_ultimatum" in voted and "cadet_resolve" not in voted   # scenes write cadet_resolve too
    only = vote_only_scenes(story, voted)
    assert {"cadet_end_surrender", "commissar_end_surrender"} <= only
    # offered on a condition that reads a vote but holds in solo play too: still a solo scene
    assert "delegate_cf_plea" not in only and "lenin_end_postponed" not in only
    lines, failed = explore_report(Game(story), ["cadet"], 20_000, 5.0)
    text = "\n".join(lines)
    assert "reached only after a class vote: cadet_end_surrender" in text
    assert "unreachable scene: cadet_end_surrender" not in text and "not reached within the budget: cadet_end_surrender" not in text
    assert "cadet_class_ultimatum: set only by a class vote" in text
    assert not failed


def test_the_scene_after_the_martov_vote_does_not_assume_the_delegates_own_hand(story, session):
    a = next(x for x in story.assemblies if x.id == "congress_25oct")
    session.apply_outcomes(a, {"results": [{"motion": "martov", "result": "for"}],
                               "votes": {"martov": {"delegate": "against"}}, "walked_out": []})
    state = session.players["delegate"].state.copy()
    state.scene = "delegate_vote_martov"
    frame = Game(story).resume(state).frame()
    text = " ".join(frame.paragraphs)
    assert "Not every hand; not yours." in text and "cannot find one" not in text
    assert not any("Let your hand fall" in c.text or "Keep your hand up" in c.text for c in frame.choices)
