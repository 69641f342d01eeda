"""A story read in another language: the same Story (ids, conditions, effects, content hash) with each
line that has a current translation replaced by it, and every other line left in the source
language, line by line. Play, saves and transcripts see the same scenes and choices by id and
index; a translated choice keeps its source words (Choice.original), which saves record."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..markup import paragraphs
from ..model import Story, TextBlock, frozen_map
from .catalogue import Translation, load_translations
from .lines import Line, story_lines


def localize_story(story: Story, root: Path, lang: str) -> tuple[Story, dict]:
    """The story in `lang` (from STORY_DIR/locale/<lang>/story.po), and counts of lines shown translated
    and left in the source language."""
    translations = load_translations(root, lang)
    return apply_translations(story, story_lines(root), translations)


def apply_translations(story: Story, lines: list[Line], translations: dict[str, Translation]) -> tuple[Story, dict]:
    counts = {"translated": 0, "source": 0}

    def words(line: Line | None, current: str) -> str:
        """The translation of `line` if it is current and the model still holds its source, else `current`."""
        if line is None:
            return current
        found = translations.get(line.id) if line.id else None
        if found is not None and found.current_for(line) and found.text.strip():
            counts["translated"] += 1
            return found.text
        counts["source"] += 1
        return current

    by_owner: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        by_owner.setdefault((line.section, line.owner), []).append(line)

    def field_lines(section: str, owner: str) -> dict[tuple, Line]:
        return {line.path[2:]: line for line in by_owner.get((section, owner), [])}

    roles = {}
    for rid, role in story.roles.items():
        found = field_lines("roles", rid)
        changes = {f: words(found.get((f,)), getattr(role, f)) for f in ("name", "title", "description", "biography", "starts")
                   if (f,) in found and found[(f,)].text == getattr(role, f)}
        roles[rid] = replace(role, **changes) if changes else role

    codex = {}
    for cid, entry in story.codex.items():
        found = field_lines("codex", cid)
        changes = {f: words(found.get((f,)), getattr(entry, f)) for f in ("title", "text")
                   if (f,) in found and found[(f,)].text == getattr(entry, f)}
        codex[cid] = replace(entry, **changes) if changes else entry

    scenes = {}
    for sid, scene in story.scenes.items():
        found = field_lines("scenes", sid)
        changes = {}
        for f in ("title", "note", "place", "content_note"):
            if (f,) in found and found[(f,)].text == getattr(scene, f):
                changes[f] = words(found[(f,)], getattr(scene, f))
        text = _scene_text(scene.text, found, words)
        if text is not None:
            changes["text"] = text
        choices = []
        for n, choice in enumerate(scene.choices):
            line = found.get(("choices", n, "text"))
            if line is not None and line.text == choice.text:
                translated = words(line, choice.text)
                if translated != choice.text:
                    choice = replace(choice, text=translated, original=choice.text)
            choices.append(choice)
        changes["choices"] = tuple(choices)
        if scene.ending is not None:
            ending = scene.ending
            ends = {f: words(found[("ending", f)], getattr(ending, f)) for f in ("title", "summary")
                    if ("ending", f) in found and found[("ending", f)].text == getattr(ending, f)}
            if ends:
                changes["ending"] = replace(ending, **ends)
        scenes[sid] = replace(scene, **changes)
    story = replace(story, roles=roles, codex=codex, scenes=scenes)
    return _translate_presentation(story, lines, words), counts


# The parts of the story read by the front ends and the classroom rather than played scene by scene:
# their lines are found by source text (the model keeps each as written), in these fields only.
_PRESENTATION = ("title", "subtitle", "history_label", "credits", "map_name", "map_holders", "map_labels",
                 "timeline", "assemblies", "classroom")
_OTHER_SECTIONS = ("story", "map", "timeline", "assemblies", "classroom")


def _translate_presentation(story: Story, lines: list[Line], words) -> Story:
    table: dict[str, str] = {}
    for line in lines:
        # Role names too: an assembly names a group's speaker by its role's name where no `as:` says otherwise.
        if line.section in _OTHER_SECTIONS or line.section == "roles":
            shown = words(line, line.text)
            if shown != line.text:
                table[line.text] = shown
                table[" ".join(line.text.split())] = shown
                table["\n\n".join(paragraphs(line.text))] = shown
    if not table:
        return story
    changes = {}
    for name in _PRESENTATION:
        value = getattr(story, name)
        swapped = _swap(value, table)
        if swapped is not value:
            changes[name] = swapped
    return replace(story, **changes) if changes else story


def _swap(value, table: dict[str, str]):
    """`value` with every string that is a translated line's source replaced by its translation; the
    same object when nothing changed (ids, conditions and effects are never lines, so stay as they are)."""
    if isinstance(value, str):
        return table.get(value, value)
    if isinstance(value, tuple):
        items = tuple(_swap(v, table) for v in value)
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, Mapping):
        items = {k: _swap(v, table) for k, v in value.items()}
        return frozen_map(items) if any(items[k] is not value[k] for k in value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: new for f in dataclasses.fields(value) if f.init
                   for new in [_swap(getattr(value, f.name), table)] if new is not getattr(value, f.name)}
        return replace(value, **changed) if changed else value
    return value


def _scene_text(blocks: tuple[TextBlock, ...], found: dict[tuple, Line], words) -> tuple[TextBlock, ...] | None:
    """The scene's text blocks with each item's translation, or None if the blocks do not line up with
    the file's items (then the scene shows its source text)."""
    items: dict[int, dict[str, Line]] = {}
    for path, line in found.items():
        if path == ("text",):
            items.setdefault(0, {})["plain"] = line
        elif path[0] == "text" and len(path) == 2:
            items.setdefault(path[1], {})["plain"] = line
        elif path[0] == "text" and len(path) == 3:
            items.setdefault(path[1], {})[path[2]] = line
    out: list[TextBlock] = []
    pending: list = []         # (line, paragraph count) to count as shown once the whole scene lines up
    pos = 0
    for index in sorted(items):
        item = items[index]
        if "plain" in item:
            source = paragraphs(item["plain"].text)
            got = blocks[pos:pos + len(source)]
            if [b.text for b in got] != source or any(b.condition is not None for b in got):
                return None
            pos += len(source)
            pending.append(("plain", item["plain"], None, got))
        elif "text" in item:
            if pos >= len(blocks):
                return None
            block = blocks[pos]
            other = item.get("else")
            if (block.condition is None or block.text != "\n\n".join(paragraphs(item["text"].text))
                    or block.otherwise != "\n\n".join(paragraphs(other.text if other else ""))):
                return None
            pos += 1
            pending.append(("if", item["text"], other, (block,)))
    if pos != len(blocks):
        return None
    for kind, line, other, got in pending:
        if kind == "plain":
            out += [TextBlock(p) for p in paragraphs(words(line, line.text))]
        else:
            block = got[0]
            shown = "\n\n".join(paragraphs(words(line, line.text)))
            otherwise = "\n\n".join(paragraphs(words(other, other.text))) if other else block.otherwise
            out.append(replace(block, text=shown, otherwise=otherwise))
    return tuple(out)
