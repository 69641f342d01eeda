"""GameState: the one mutable object of play. Everything that changes lives here and nowhere else."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
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
        return random.Random(self.seed * 1_000_003 + self.turn)

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
        return GameState.from_dict(self.to_dict())


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise StateFormatError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value
