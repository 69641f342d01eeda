"""When a choice is offered: the one rule, compiled once per choice for the machine's guards and the
player's frames alike.

A choice is offered when its condition holds (or it has none) and, if it is once-only, it has not
been taken from this scene before. `offer_rule` turns that into a single `state -> bool` callable,
or None for a choice that is always offered, so that the hot path makes one call per guarded choice
and none for the rest (a frozen story's choices never change, so the rule is made once).
"""
from __future__ import annotations

from typing import Callable

from ..model import Choice

OfferRule = Callable[[object], bool]


def offer_rule(scene_id: str, choice: Choice) -> OfferRule | None:
    test = choice.condition.test if choice.condition is not None else None
    if not choice.once:
        return test
    taken = (scene_id, choice.index)
    if test is None:
        return lambda state: taken not in state.log
    return lambda state: taken not in state.log and test(state)


__all__ = ["OfferRule", "offer_rule"]
