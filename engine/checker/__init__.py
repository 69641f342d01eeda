"""Static checks over a loaded story: graph lint and statistics."""
from .graph import lint_story, reachable_from
from .stats import story_stats

__all__ = ["lint_story", "reachable_from", "story_stats"]
