"""Graph lint: small pure functions over the frozen story (reachability, dead ends, unused names)."""
from __future__ import annotations

from collections import deque

from ..diagnostics import DiagnosticSink
from ..model import Story


def reachable_from(story: Story, start: str) -> set[str]:
    """Scenes reachable from `start` following every choice, whatever its condition."""
    seen = {start} if start in story.scenes else set()
    queue = deque(seen)
    while queue:
        for choice in story.scenes[queue.popleft()].choices:
            if choice.target in story.scenes and choice.target not in seen:
                seen.add(choice.target)
                queue.append(choice.target)
    return seen


def can_reach_ending(story: Story) -> set[str]:
    """Scenes from which some sequence of choices reaches an ending (reverse search from endings)."""
    incoming: dict[str, list[str]] = {sid: [] for sid in story.scenes}
    for scene in story.scenes.values():
        for choice in scene.choices:
            if choice.target in incoming:
                incoming[choice.target].append(scene.id)
    good = {sid for sid, s in story.scenes.items() if s.is_ending}
    queue = deque(good)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in good:
                good.add(source)
                queue.append(source)
    return good


def lint_story(story: Story, sink: DiagnosticSink) -> None:
    reached: set[str] = set()
    for role in story.roles.values():
        from_start = reachable_from(story, role.start)
        reached |= from_start
        if role.start in story.scenes and not any(story.scenes[s].is_ending for s in from_start):
            sink.report("PG505", role.span, f"role {role.id} can reach no ending from {role.start}")
    for scene in story.scenes.values():
        if scene.id not in reached:
            sink.report("PG500", scene.span, f"scene {scene.id} cannot be reached from any start scene")
    good = can_reach_ending(story)
    for scene in story.scenes.values():
        if scene.id not in good and scene.id in reached and scene.choices:
            sink.report("PG501", scene.span, f"from scene {scene.id} no path leads to an ending")
    reads: set[str] = set()
    for scene in story.scenes.values():
        for item in scene.expressions():
            reads |= item.info.reads
        reads |= scene.text_reads()
    for var in story.variables.values():
        if var.name not in reads:
            sink.report("PG502", var.span, f"the variable {var.name} is never read by a condition")
