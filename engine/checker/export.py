"""The story graph for authors, as Mermaid or Graphviz dot text."""
from __future__ import annotations

from ..model import Story


def _node(scene_id: str) -> str:
    """Mermaid treats some bare words (end, graph, style...) as keywords: prefix every id."""
    return f"s_{scene_id}"


def _label(text: str, limit: int = 60) -> str:
    """One line of at most `limit` characters, cut between words (with an ellipsis), never inside one."""
    text = " ".join(text.replace('"', "'").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def _title(scene) -> str:
    """The scene's title; an ending says so, and the historical ending says that it is what happened."""
    if scene.ending is not None and scene.ending.historical:
        return "★ historical ending: " + _label(scene.title, 50)
    return _label(scene.title)


def export_graph(story: Story, role: str | None = None, fmt: str = "mermaid") -> str:
    scenes = [s for s in story.scenes.values() if role is None or role in s.roles]
    ids = {s.id for s in scenes}
    lines: list[str] = []
    if fmt == "dot":
        lines.append("digraph story {")
        lines.append('  node [shape=box, fontname="Helvetica"];')
        for s in scenes:
            style = ", style=bold, peripheries=2" if s.is_ending else ""
            if s.ending is not None and s.ending.historical:
                style = ', style="bold,filled", fillcolor="#f5d76e", peripheries=2'
            style += ", color=red" if s.counterfactual else ""
            lines.append(f'  {s.id} [label="{_title(s)}\\n{s.date} {s.time}"{style}];')
        for s in scenes:
            for c in s.choices:
                if c.target in ids:
                    dashed = ", style=dashed" if c.condition else ""
                    lines.append(f'  {s.id} -> {c.target} [label="{_label(c.text, 30)}"{dashed}];')
        lines.append("}")
    else:
        lines.append("flowchart TD")
        for s in scenes:
            shape = ('(["', '"])') if s.is_ending else ('["', '"]')
            lines.append(f"  {_node(s.id)}{shape[0]}{_title(s)}{shape[1]}")
        for s in scenes:
            for c in s.choices:
                if c.target in ids:
                    arrow = "-.->" if c.condition else "-->"
                    lines.append(f'  {_node(s.id)} {arrow}|"{_label(c.text, 30)}"| {_node(c.target)}')
        for s in scenes:
            if s.counterfactual:
                lines.append(f"  style {_node(s.id)} stroke:#b00,stroke-width:2px")
        historical = [_node(s.id) for s in scenes if s.ending is not None and s.ending.historical]
        if historical:
            lines.append("  classDef historical fill:#f5d76e,stroke:#7a5c00,stroke-width:3px")
            lines.append(f"  class {','.join(historical)} historical")
    return "\n".join(lines) + "\n"
