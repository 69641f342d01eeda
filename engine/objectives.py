"""Whether a role's private objectives were met, computed from one player's play state.

Each objective on a role's sheet may carry a condition in the story data (`classroom: roles: ID:
objectives: [{text, if}]`); it is read on that role's own GameState, normally once play is over.
"""
from __future__ import annotations

from .model import Story


def objectives_met(story: Story, state) -> list[tuple[str, bool | None]]:
    """(text, met) for each objective of the state's role, in the sheet's order; met is None for an
    objective the story gives no condition (the class judges it)."""
    classroom = story.classroom
    brief = classroom.roles.get(state.role) if classroom is not None else None
    if brief is None:
        return []
    return [(o.text, None if o.condition is None else bool(o.condition(state))) for o in brief.objectives]
