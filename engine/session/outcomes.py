"""What an assembly's votes do to the groups' stories, in one order for every kind of session: first
each motion's result (its `outcomes:` per role, and `on_divided:` when some hands went another way), then each participant's own vote on each motion
(`on_vote:`). The hotseat session, its replay on an edited story, and the class on devices all apply
assemblies through here, so the same votes always leave the same states."""
from __future__ import annotations

from typing import Callable, Iterator

from ..model import Assembly


def outcome_effects(assembly: Assembly, results: list[dict],
                    vote_of: Callable[[str, str], str | None]) -> Iterator[tuple[str, tuple]]:
    """(role, effects) in the order they apply. `results` are the closed motions ({"motion", "result"});
    `vote_of(role, motion_id)` is the group's own vote ("walkout" included) or None."""
    for r in results:
        motion = next((m for m in assembly.motions if m.id == r.get("motion")), None)
        if motion is None:
            continue
        for role, effects in motion.outcomes.get(r.get("result"), {}).items():
            yield role, effects
        if motion.divided(r.get("tally") or {}, r.get("result")):
            yield from motion.on_divided.items()
    for p in assembly.participants:
        for motion in assembly.motions:
            vote = vote_of(p.role, motion.id)
            effects = p.on_vote.get(f"{motion.id}.{vote}", ()) if vote else ()
            if effects:
                yield p.role, effects


def cancelled(assembly: Assembly, log: list[dict]) -> str | None:
    """Why `assembly` is not held, given the session's log so far: an earlier assembly's motion carried a
    result the assembly is `cancelled_by`. None when it is held."""
    if not assembly.cancelled_by:
        return None
    for entry in log:
        if entry.get("t") != "assembly":
            continue
        for r in entry.get("results", ()):
            if f"{entry.get('id')}.{r.get('motion')}.{r.get('result')}" in assembly.cancelled_by:
                return f"{entry.get('title', entry.get('id'))} decided {r.get('result')}"
    return None


def skip_cancelled(pending: list[Assembly], log: list[dict], done: list[str]) -> None:
    """After an assembly closes: mark every pending assembly its result cancels as done, and log why
    (the debrief and the progress view read `skipped_assembly`)."""
    for later in pending:      # e.g. no march to a palace that has surrendered
        why = cancelled(later, log)
        if why:
            done.append(later.id)
            log.append({"t": "skipped_assembly", "id": later.id, "title": later.title, "reason": why})


def apply_effects(state, effects) -> None:
    """Run effects on one GameState with its current step's dice (as a choice's effects would)."""
    rng = state.rng()
    for effect in effects:
        effect.apply(state, rng)
