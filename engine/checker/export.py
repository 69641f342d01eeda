"""The story graph for authors, as Mermaid or Graphviz dot text."""
from __future__ import annotations

from ..model import Story


def _node(scene_id: str) -> str:
    """Mermaid treats some bare words (end, graph, style...) as keywords: prefix every id."""
    return f"s_{scene_id}"


def _label(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")[:60]


def export_graph(story: Story, role: str | None = None, fmt: str = "mermaid") -> str:
    scenes = [s for s in story.scenes.values() if role is None or role in s.roles]
    ids = {s.id for s in scenes}
    lines: list[str] = []
    if fmt == "dot":
        lines.append("digraph story {")
        lines.append('  node [shape=box, fontname="Helvetica"];')
        for s in scenes:
            style = ", style=bold, peripheries=2" if s.is_ending else ""
            style += ", color=red" if s.counterfactual else ""
            lines.append(f'  {s.id} [label="{_label(s.title)}\\n{s.date} {s.time}"{style}];')
        for s in scenes:
            for c in s.choices:
                if c.target in ids:
                    dashed = ", style=dashed" if c.condition else ""
                    lines.append(f'  {s.id} -> {c.target} [label="{_label(c.text)[:30]}"{dashed}];')
        lines.append("}")
    else:
        lines.append("flowchart TD")
        for s in scenes:
            shape = ('(["', '"])') if s.is_ending else ('["', '"]')
            lines.append(f"  {_node(s.id)}{shape[0]}{_label(s.title)}{shape[1]}")
        for s in scenes:
            for c in s.choices:
                if c.target in ids:
                    arrow = "-.->" if c.condition else "-->"
                    lines.append(f'  {_node(s.id)} {arrow}|"{_label(c.text)[:30]}"| {_node(c.target)}')
        for s in scenes:
            if s.counterfactual:
                lines.append(f"  style {_node(s.id)} stroke:#b00,stroke-width:2px")
    return "\n".join(lines) + "\n"
