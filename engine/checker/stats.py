"""Per-role counts for `petrograd check --json`: scenes, words a player reads, choices, endings."""
from __future__ import annotations

from ..model import Story


def story_stats(story: Story) -> dict:
    roles = {}
    for role in story.roles.values():
        scenes = story.scenes_of(role.id)
        roles[role.id] = {
            "scenes": len(scenes),
            "words": sum(s.words for s in scenes),
            "choices": sum(len(s.choices) for s in scenes),
            "endings": sum(1 for s in scenes if s.is_ending),
        }
    # Totals count each scene once, even when it belongs to several roles.
    scenes = list(story.scenes.values())
    totals = {
        "roles": len(story.roles),
        "scenes": len(scenes),
        "words": sum(s.words for s in scenes),
        "choices": sum(len(s.choices) for s in scenes),
        "endings": sum(1 for s in scenes if s.is_ending),
    }
    return {"roles": roles, "totals": totals}
