"""GameState: the one mutable object of play. Everything that changes lives here and nowhere else."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

STATE_FORMAT = 1


class StateFormatError(ValueError):
    """A state dictionary that is not a valid GameState (foreign, damaged or hand-edited)."""


@dataclass
class GameState:
    role: str
    scene: str
    seed: int
    variables: dict[str, Any] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    turn: int = 0
    log: list[tuple[str, int]] = field(default_factory=list)  # (scene id, choice index) per choice made

    def rng(self) -> random.Random:
        """A generator for this step only: the same seed and turn always roll the same numbers."""
        return random.Random(self.rng_seed())

    def rng_seed(self) -> int:
        """The seed of this step's generator (see rng())."""
        return self.seed * 1_000_003 + self.turn

    def taken(self, scene: str, index: int) -> bool:
        return (scene, index) in self.log

    def to_dict(self) -> dict:
        return {
            "format": STATE_FORMAT,
            "role": self.role,
            "scene": self.scene,
            "seed": self.seed,
            "turn": self.turn,
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "log": [[scene, index] for scene, index in self.log],
        }

    def snapshot(self) -> tuple:
        """A compact, immutable record of this state, cheaper to take than to_dict() (no per-entry
        conversion of the log); snapshot_dict() turns it into exactly what to_dict() returned."""
        return (self.role, self.scene, self.seed, self.turn, dict(self.variables), dict(self.visits),
                tuple(self.log))

    @staticmethod
    def snapshot_dict(snapshot: tuple) -> dict:
        role, scene, seed, turn, variables, visits, log = snapshot
        return {
            "format": STATE_FORMAT,
            "role": role,
            "scene": scene,
            "seed": seed,
            "turn": turn,
            "variables": dict(variables),
            "visits": dict(visits),
            "log": [[scene_id, index] for scene_id, index in log],
        }

    @classmethod
    def from_dict(cls, data: Any) -> "GameState":
        try:
            if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
                raise StateFormatError("not a game state of a known format")
            state = cls(
                role=_typed(data["role"], str), scene=_typed(data["scene"], str),
                seed=_typed(data["seed"], int), turn=_typed(data["turn"], int),
                variables=dict(_typed(data["variables"], dict)),
                visits={_typed(k, str): _typed(v, int) for k, v in _typed(data["visits"], dict).items()},
                log=[(_typed(s, str), _typed(i, int)) for s, i in _typed(data["log"], list)],
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, StateFormatError):
                raise
            raise StateFormatError(f"damaged game state ({exc.__class__.__name__}: {exc})") from None
        for value in state.variables.values():
            if not isinstance(value, (bool, int, str)):
                raise StateFormatError("a variable holds a value of an unknown kind")
        return state

    def copy(self) -> "GameState":
        """GameState.from_dict(self.to_dict()): an independent copy, refused the same way if the
        state holds something from_dict would refuse. When every value has exactly the types
        from_dict checks for (always, for states made by play), the copy is made directly."""
        variables, visits, log = self.variables, self.visits, self.log
        if (type(self.role) is str and type(self.scene) is str and type(self.seed) is int
                and type(self.turn) is int and type(variables) is dict and type(visits) is dict
                and type(log) is list
                and _types(variables.values()) <= _VALUE_TYPES
                and _types(visits) <= _STR and _types(visits.values()) <= _INT
                and _types(log) <= _TUPLE and set(map(len, log)) <= _PAIR
                and _types(map(_first, log)) <= _STR and _types(map(_second, log)) <= _INT):
            return GameState(role=self.role, scene=self.scene, seed=self.seed, turn=self.turn,
                             variables=dict(variables), visits=dict(visits), log=list(log))
        return GameState.from_dict(self.to_dict())


_VALUE_TYPES, _STR, _INT, _TUPLE, _PAIR = frozenset((bool, int, str)), {str}, {int}, {tuple}, {2}
_first, _second = itemgetter(0), itemgetter(1)


def _types(values) -> set:
    return set(map(type, values))


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise StateFormatError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value
