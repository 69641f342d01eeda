"""The catalogue of diagnostic codes: each code's severity, meaning and a failing example.

Codes are stable: tools and teachers may rely on them. Each example is a set of files laid over
EXAMPLE_BASE (a small story that checks clean); the test suite checks every example yields its code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .errors import Diagnostic, Severity, SourceSpan, did_you_mean  # noqa: F401  (one import for the loaders)


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    hint: str
    # Files that give this diagnostic, added to EXAMPLE_BASE; or a function that makes them, for
    # an example too big to keep in memory for the life of every process (PG103's 2 MB file).
    make_example: dict[str, str] | Callable[[], dict[str, str]] = field(default_factory=dict)

    @property
    def example(self) -> dict[str, str]:
        made = self.make_example
        return made() if callable(made) else made


_PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
_CODEX_WITH_IDS = "codex:\n  - id: term\n    kind: place\n    title: The square  #line:a1b2c3\n    text: A square.  #line:d4e5f6\n"


def _po_entry(line_id: str, source: str, translation: str) -> str:
    """One translated line of a catalogue, translated from `source` (its hash is recorded)."""
    import hashlib
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    return f'#. source-hash: {digest}\nmsgctxt "{line_id}"\nmsgid "{source}"\nmsgstr "{translation}"\n\n'


EXAMPLE_BASE: dict[str, str] = {
    "story.yaml": """\
story:
  id: example
  title: Example
  version: "1.0"
  assets: assets
  sources:
    - {id: src, title: A source}
roles:
  - {id: hero, name: Hero, description: A hero., start: start}
""",
    "scenes/main.yaml": """\
variables:
  courage: {type: int, default: 0, min: 0, max: 3}
scenes:
  - id: start
    role: hero
    title: Start
    date: 1905-10-25
    time: 21:40
    place: A square
    image: places/square
    sources: [{source: src, where: p. 1}]
    text: You stand in the [[square|term]].
    choices:
      - {text: Go on., to: end, do: courage += 1}
  - id: end
    role: hero
    title: End
    date: 1905-10-25
    time: 22:00
    place: A square
    image: places/square
    sources: [{source: src, where: p. 2}]
    text:
      - It is over.
      - {if: courage >= 1, text: You were brave.}
    ending: {title: The End, historical: true}
""",
    "codex/main.yaml": """\
codex:
  - {id: term, kind: place, title: The square, text: A square.}
""",
    "assets/art/places/square.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n',
}

_SCENE_HEAD = """\
  - id: {id}
    role: hero
    title: X
    date: 1905-10-25
    time: "22:00"
    place: X
    image: places/square
    sources: [{{source: src, where: p. 3}}]
    text: X.
"""


def _extra_scene(scene_id: str, tail: str, extra_vars: str = "") -> dict[str, str]:
    """An example that adds one scene (linked from nowhere unless the tail says so)."""
    return {"scenes/extra.yaml": extra_vars + "scenes:\n" + _SCENE_HEAD.format(id=scene_id) + tail}


def _start_choice(choice: str) -> dict[str, str]:
    """An example whose start scene gets an extra choice line."""
    base = EXAMPLE_BASE["scenes/main.yaml"]
    patched = base.replace(
        "      - {text: Go on., to: end, do: courage += 1}\n",
        "      - {text: Go on., to: end, do: courage += 1}\n" + choice,
    )
    return {"scenes/main.yaml": patched}


_ASSEMBLY = """\
assemblies:
  - id: meeting
    title: The meeting
    date: 1905-10-25
    time: "21:50"
    place: A square
    present:
      - role: hero
        lines:
          - {text: Forward!, supports: for}
    motions:
      - id: advance
        text: Go on?
        options:
          - {id: for, text: Go on}
          - {id: against, text: Stay}
        default: against
        historical: {result: for, counts: {for: 3, against: 1}, note: They went on.}
        outcomes:
          for: {hero: [courage += 1]}
"""


def _assembly(old: str = "", new: str = "", extra: str = "") -> dict[str, str]:
    """An example that adds story/assemblies.yaml (a clean assembly, then one change)."""
    text = _ASSEMBLY.replace(old, new) if old else _ASSEMBLY
    assert not old or old in _ASSEMBLY
    return {"assemblies.yaml": text + extra}


_TIMELINE = """\
timeline:
  chronology: {id: chronology, title: Chronology}
  events:
    - id: arrival
      at: "1905-10-25 21:40"
      title: The hero arrives in the square
      sources: [{source: src, where: p. 1}]
"""


def _timeline(extra: str = "", scene_events: str = "", old: str = "", new: str = "") -> dict[str, str]:
    """An example with a timeline (timeline.yaml), the start scene referring to `scene_events`, and
    `extra` files' text (a map) after it."""
    files = {"timeline.yaml": (_TIMELINE.replace(old, new) if old else _TIMELINE) + extra}
    if scene_events:
        files["scenes/main.yaml"] = EXAMPLE_BASE["scenes/main.yaml"].replace(
            "    time: 21:40\n", f"    time: 21:40\n    events: [{scene_events}]\n", 1)
    return files


_E, _W = Severity.ERROR, Severity.WARNING

CATALOGUE: tuple[Code, ...] = (
    # -- reading files ------------------------------------------------------------------------
    Code("PG100", _E, "YAML syntax error", "Check indentation and quotes near the position given.",
         {"scenes/bad.yaml": "scenes:\n  - id: [unclosed\n"}),
    Code("PG101", _E, "duplicate key", "A key appears twice in the same block; YAML would silently keep the last.",
         {"codex/dup.yaml": "codex:\n  - id: t2\n    id: t3\n    kind: term\n    title: T\n    text: T.\n"}),
    Code("PG102", _E, "unsafe or unknown tag", "Tags such as !!python/object are not allowed; write plain values.",
         {"codex/tag.yaml": "codex:\n  - !!python/object:os.system {id: t2}\n"}),
    Code("PG103", _E, "file too large", "Split the file into smaller files (the limit protects the loader).",
         lambda: {"codex/big.yaml": "# " + "x" * 2_100_000 + "\ncodex: []\n"}),
    Code("PG104", _E, "too many aliases", "Anchors and aliases expand beyond the limit (an alias bomb?).",
         {"codex/bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
          + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                    f"*{chr(97 + i)}]\n" for i in range(8))}),
    Code("PG105", _E, "nesting too deep", "The file nests blocks or brackets too deeply.",
         {"codex/deep.yaml": "codex: " + "[" * 200 + "]" * 200 + "\n"}),
    Code("PG106", _E, "not UTF-8 text", "Save the file as UTF-8.",
         {"codex/latin.yaml": "codex: []\n# caf\xe9\n"}),
    Code("PG107", _E, "file is not a block of keys", "A story file must be a mapping of top-level keys.",
         {"codex/list.yaml": "- just\n- a list\n"}),
    Code("PG108", _E, "manifest missing", "A story folder needs a story.yaml manifest.",
         {"story.yaml": None}),  # type: ignore[dict-item]
    # -- structure ----------------------------------------------------------------------------
    Code("PG109", _E, "malformed line id", "A `#line:` comment names a translatable line by 6 lowercase letters or "
         "digits; delete the bad one and run `petrograd ids` to write a new one.",
         {"codex/main.yaml": EXAMPLE_BASE["codex/main.yaml"].replace("text: A square.}", "text: A square.}  #line:Sq-1")}),
    Code("PG110", _E, "duplicate line id", "Two texts carry the same line id (a line copied with its comment?); "
         "delete one and run `petrograd ids` to write a new one.",
         {"codex/main.yaml": "codex:\n  - id: term\n    kind: place\n    title: The square  #line:a1b2c3\n"
                             "    text: A square.  #line:a1b2c3\n"}),
    Code("PG200", _E, "unknown field", "Check the spelling against docs/format.md (or `petrograd schema`).",
         {"codex/unk.yaml": "codex:\n  - {id: t2, kind: term, title: T, text: T., colour: red}\n"}),
    Code("PG201", _E, "missing field", "Add the field named in the message.",
         {"codex/miss.yaml": "codex:\n  - {id: t2, kind: term, title: T}\n"}),
    Code("PG202", _E, "wrong kind of value", "The field expects another kind of value (text, number, list or block).",
         {"codex/kind.yaml": "codex:\n  - {id: t2, kind: term, title: [a, b], text: T.}\n"}),
    Code("PG203", _E, "bad id", "Ids use letters, digits and underscores, starting with a letter.",
         {"codex/id.yaml": "codex:\n  - {id: two words, kind: term, title: T, text: T.}\n"}),
    Code("PG204", _E, "bad date", "Write dates as YYYY-MM-DD, e.g. 1905-10-25.",
         {"scenes/extra.yaml": _extra_scene("s_date", "    ending: {title: E}\n")["scenes/extra.yaml"]
          .replace("date: 1905-10-25", "date: 25 October")}),
    Code("PG205", _E, "bad time", "Write times as HH:MM on the 24-hour clock, e.g. \"21:40\".",
         {"scenes/extra.yaml": _extra_scene("s_time", "    ending: {title: E}\n")["scenes/extra.yaml"]
          .replace('time: "22:00"', "time: 9pm")}),
    Code("PG206", _E, "bad yes/no value", "Write true or false (YAML's yes/no/on/off are not accepted).",
         _start_choice("      - {text: Wait., to: end, once: yes}\n")),
    Code("PG207", _E, "section in the wrong file", "story: and roles: belong in story.yaml only.",
         {"codex/roles.yaml": "roles: []\n"}),
    Code("PG208", _E, "bad number", "Write a whole number, e.g. 3.",
         {"scenes/vars.yaml": "variables:\n  nerve: {type: int, default: lots, min: 0, max: 3}\n"}),
    Code("PG209", _E, "prose read as a field", "A line of text with a colon and a space (`EDITED: Father...`) reads "
         "as a field; put the line in quotes.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
             "      - It is over.\n", "      - It is over.\n      - EDITED: Father Gapon is not in the square.\n")}),
    # -- references ---------------------------------------------------------------------------
    Code("PG300", _E, "duplicate id", "Each scene, role, variable and codex entry needs its own id.",
         {"codex/dupid.yaml": "codex:\n  - {id: term, kind: term, title: T, text: T.}\n"}),
    Code("PG301", _E, "unknown scene", "A choice or expression names a scene that does not exist.",
         _start_choice("      - {text: Fly., to: nowhere}\n")),
    Code("PG302", _E, "unknown role", "The scene names a role the manifest does not declare.",
         {"scenes/extra.yaml": _extra_scene("s_role", "    ending: {title: E}\n")["scenes/extra.yaml"]
          .replace("role: hero", "role: villain")}),
    Code("PG303", _E, "role start missing", "Every role needs a start scene that exists and belongs to it.",
         {"story.yaml": EXAMPLE_BASE["story.yaml"].replace("start: start", "start: nowhere")}),
    Code("PG304", _E, "unknown source", "Cite a source id listed under story: sources: in story.yaml.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("source: src, where: p. 1",
                                                                        "source: nosuch, where: p. 1")}),
    Code("PG305", _E, "unknown codex entry", "The text links [[...]] to a codex entry that does not exist.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("[[square|term]]", "[[square|nosuch]]")}),
    Code("PG306", _E, "missing image", "Add the picture as assets/art/<id>.svg or .png, or fix the id.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("image: places/square\n    sources: [{source: src, where: p. 1}]",
                                                                        "image: places/nothing\n    sources: [{source: src, where: p. 1}]")}),
    Code("PG307", _E, "asset path leaves assets/", "Image ids are paths inside assets/art/; no '..' or absolute paths.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("image: places/square\n    sources: [{source: src, where: p. 1}]",
                                                                        "image: ../../etc/passwd\n    sources: [{source: src, where: p. 1}]")}),
    Code("PG308", _E, "no way out", "A scene that is not an ending needs at least one choice.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("    ending: {title: The End, historical: true}\n", "")}),
    Code("PG309", _E, "empty choice list", "choices: [] offers the player nothing; add choices or make it an ending.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
             "    ending: {title: The End, historical: true}\n", "    choices: []\n")}),
    Code("PG310", _E, "ending with choices", "An ending cannot offer choices; remove one or the other.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
             "    ending: {title: The End, historical: true}\n",
             "    ending: {title: The End, historical: true}\n    choices: [{text: Again., to: start}]\n")}),
    Code("PG311", _E, "bad variable declaration", "int needs min <= default <= max; str needs values including its default.",
         {"scenes/vars.yaml": "variables:\n  nerve: {type: int, default: 0, min: 5, max: 3}\n"}),
    Code("PG312", _E, "duplicate choice id", "Choice ids name a choice within its scene: give each choice of a "
         "scene its own id (the same id may be used in other scenes).",
         _start_choice("      - {id: wait, text: Wait., to: end}\n      - {id: wait, text: Rest., to: end}\n")),
    Code("PG313", _W, "map shown in a story without one", "show_map: true opens the story's map, and this story "
         "declares none (story: map: in story.yaml): remove show_map, or give the story a map.",
         {"scenes/extra.yaml": _extra_scene("s_map", "    show_map: true\n    ending: {title: E}\n")["scenes/extra.yaml"]}
         | _start_choice("      - {text: Look., to: s_map}\n")),
    # -- expressions --------------------------------------------------------------------------
    Code("PG400", _E, "expression syntax error", "Conditions look like `courage >= 2 and not visited(\"start\")`.",
         _start_choice("      - {text: Wait., to: end, if: courage >=}\n")),
    Code("PG401", _E, "expression not allowed", "Only variables, numbers, text, comparisons, and/or/not, + - * and "
         "visited()/visits()/roll() are allowed.",
         _start_choice("      - {text: Wait., to: end, if: \"__import__('os').system('ls')\"}\n")),
    Code("PG402", _E, "undeclared name", "Declare the variable under variables: or fix its spelling.",
         _start_choice("      - {text: Wait., to: end, if: couage >= 1}\n")),
    Code("PG403", _E, "type mismatch", "A number is compared or combined with a yes/no or text value.",
         _start_choice("      - {text: Wait., to: end, if: courage == true}\n")),
    Code("PG404", _E, "value out of range", "The value lies outside the variable's declared min/max or values.",
         _start_choice("      - {text: Wait., to: end, do: courage = 7}\n")),
    Code("PG405", _E, "bad inline text", "In text, {name} prints a variable and [if condition]...[else]...[/if] "
         "shows words while a condition holds, closed in the same paragraph; write {{ and }} for braces.",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
             "      - It is over.\n", "      - It is over.[if courage > 1] You held.\n")}),
    # -- story shape (lint) -------------------------------------------------------------------
    Code("PG500", _W, "unreachable scene", "No path from its role's start scene reaches this scene.",
         _extra_scene("s_orphan", "    ending: {title: E}\n")),
    Code("PG501", _E, "no path to an ending", "From this scene no sequence of choices reaches an ending.",
         _extra_scene("s_loop", "    choices: [{text: Again., to: s_loop}]\n")
         | _start_choice("      - {text: Loop., to: s_loop}\n")),
    Code("PG502", _W, "unused variable", "The variable is declared but never read; remove it or use it.",
         {"scenes/vars.yaml": "variables:\n  nerve: {type: int, default: 0, min: 0, max: 3}\n"}),
    Code("PG503", _W, "scene cites no source", "Add a sources: list with at least one {source, where} "
         "(a story that lists sources under require: insists on them).",
         {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("    sources: [{source: src, where: p. 1}]\n", ""),
          "story.yaml": EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", "  assets: assets\n  require: [sources]\n")}),
    Code("PG504", _W, "counterfactual without a note", "Say in note: what really happened.",
         {"scenes/extra.yaml": _extra_scene("s_cf", "    counterfactual: true\n    ending: {title: E}\n")["scenes/extra.yaml"]}
         | _start_choice("      - {text: Imagine., to: s_cf}\n")),
    Code("PG505", _W, "no ending in role", "Every role needs at least one reachable ending.",
         {"story.yaml": EXAMPLE_BASE["story.yaml"] + "  - {id: ghost, name: Ghost, description: G., start: g1}\n",
          "scenes/ghost.yaml": "scenes:\n" + _SCENE_HEAD.format(id="g1").replace("role: hero", "role: ghost")
          + "    choices: [{text: Haunt., to: g1}]\n"}),
    # -- assemblies and classroom material (story/assemblies.yaml) --------------------------
    Code("PG600", _E, "unknown role in an assembly", "Name a role declared under roles: in story.yaml.",
         _assembly("      - role: hero\n", "      - role: villain\n")),
    Code("PG601", _E, "unknown option", "A line, default, result, count or outcome names an option the motion "
         "does not have; options are listed under the motion's options:.",
         _assembly("supports: for}", "supports: forward}")),
    Code("PG602", _E, "unknown decision rule", "rule is majority, plurality or unanimous; abstentions and walkouts "
         "are not_counted or against; ties is default or chair (with a chair:); quorum is a share from 0 to 1.",
         _assembly("        default: against\n", "        default: against\n        rule: loudest\n")),
    Code("PG603", _W, "assembly effect the role never reads", "The effect changes a variable that no scene of that "
         "role reads, so the vote cannot change that role's story; change another variable or read this one.",
         _assembly("courage += 1", "nerve += 1")
         | {"scenes/vars.yaml": "variables:\n  nerve: {type: int, default: 0, min: 0, max: 3}\n"}),
    Code("PG604", _W, "recorded counts disagree with the result", "Under the motion's own rules the historical "
         "counts give another result: check the counts, the result or the rule.",
         _assembly("counts: {for: 3, against: 1}", "counts: {for: 1, against: 3}")),
    Code("PG605", _E, "unknown placeholder in a question", "Debrief questions may use {assembly.ID.result}, "
         "{role.ID.players}, {role.ID.choice.SCENE} and the others listed in docs/format.md.",
         _assembly(extra="    questions: [\"Why did {role.villain.players} vote so?\"]\n")),
    Code("PG606", _E, "unknown key scene", "key_scenes lists scene ids of that role.",
         {"assemblies.yaml": "classroom:\n  roles:\n    hero: {key_scenes: [nowhere]}\n"}),
    Code("PG607", _E, "nothing to decide", "An assembly needs someone present with lines, and motions with at "
         "least two options.",
         _assembly("          - {id: against, text: Stay}\n", "")),
    Code("PG608", _W, "a question that asks nothing", "Discussion questions are asked in the debrief and printed "
         "in the teacher guide: end each with a question.",
         _assembly(extra="    questions: [\"The class voted {result}.\"]\n")),
    Code("PG609", _E, "objective reads another role's scene", "An objective is read on its own role's play, where "
         "another role's scenes are never visited; name a scene of this role.",
         {"assemblies.yaml": "classroom:\n  roles:\n    hero:\n      objectives:\n"
          "        - {text: Reach the end., if: visited(\"g1\")}\n",
          "story.yaml": EXAMPLE_BASE["story.yaml"] + "  - {id: ghost, name: Ghost, description: G., start: g1}\n",
          "scenes/ghost.yaml": "scenes:\n" + _SCENE_HEAD.format(id="g1").replace("role: hero", "role: ghost")
          + "    ending: {title: G}\n"}),
    Code("PG610", _W, "objective without a condition", "Write each objective as {text: ..., if: <condition>} so "
         "that whether it was met is computed from play.",
         {"assemblies.yaml": "classroom:\n  roles:\n    hero: {objectives: [Reach the end.]}\n"}),
    Code("PG611", _W, "objective settled before play", "The objective's condition reads a variable that nothing "
         "in the role's play changes, so play cannot decide it; read one the role's scenes or votes change.",
         {"assemblies.yaml": "classroom:\n  roles:\n    hero:\n      objectives:\n"
          "        - {text: Stay calm., if: calm >= 1}\n",
          "scenes/vars.yaml": "variables:\n  calm: {type: int, default: 0, min: 0, max: 3}\n"}),
    # -- the timeline (timeline:): one record of dated events --------------------------------------
    Code("PG612", _W, "scene reads a vote before it is held", "The scene is dated before the assembly whose "
         "vote sets the variable it reads, so a class plays it before voting and it reads the solo default; date "
         "the scene at or after the assembly, or read something the role's own play sets.",
         {"assemblies.yaml": "assemblies:\n  - id: meet\n    title: Meet\n    date: 1905-10-25\n    time: \"23:00\"\n"
          "    place: Hall\n    present:\n      - role: hero\n        lines: [{text: Aye.}]\n    motions:\n"
          "      - id: go\n        text: Go?\n        options: [{id: yes, text: Yes}, {id: no, text: No}]\n"
          "        default: no\n        historical: {result: yes, recorded: Carried, note: It carried.}\n"
          "        outcomes:\n          yes:\n            hero: [voted_go = true]\n",
          "scenes/vars.yaml": "variables:\n  voted_go: {type: bool, default: false}\n",
          "scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
              "      - It is over.\n", "      - It is over.\n      - {if: voted_go, text: The hall said yes.}\n")}),
    Code("PG700", _E, "unknown event", "A scene, assembly or map change names an event the timeline does not have; "
         "add it under timeline: events: or fix the id.",
         _timeline(scene_events="arival")),
    Code("PG701", _E, "dated before its event", "The scene or assembly is dated before an event it refers to: move "
         "the scene's date and time, or correct the event's at: in the timeline.",
         _timeline(scene_events="arrival", old='"1905-10-25 21:40"', new='"1905-10-25 22:30"')),
    Code("PG702", _E, "map change disagrees with its event", "The map change's at: is not its event's time; leave "
         "at: out (the event's time is used) or make the two agree.",
         _timeline(extra="map:\n  timeline:\n    - {at: \"1905-10-25 20:00\", place: square, holder: mrc, "
                         "source: src, where: p. 1, event: arrival}\n")),
    Code("PG703", _E, "cites a source other than its event's", "A scene, assembly or map change that refers to an "
         "event must cite a source the timeline gives for it; check who tells it, then fix the citation or the event.",
         {"story.yaml": EXAMPLE_BASE["story.yaml"].replace(
             "    - {id: src, title: A source}\n", "    - {id: src, title: A source}\n    - {id: other, title: Another}\n")}
         | _timeline(scene_events="arrival", old="sources: [{source: src, where: p. 1}]",
                     new="sources: [{source: other, where: p. 9}]")),
    Code("PG704", _W, "map change without an event", "The story has a timeline, but this map change names no event: "
         "add event: ID so its time and source come from the timeline.",
         _timeline(extra="map:\n  timeline:\n    - {at: \"1905-10-25 20:00\", place: square, holder: mrc}\n")),
    Code("PG705", _W, "note names a source it does not cite", "The note names a source (by its short name) that "
         "the scene's sources: do not list; cite it, with where, or take the name out.",
         {"story.yaml": EXAMPLE_BASE["story.yaml"].replace(
             "    - {id: src, title: A source}\n",
             "    - {id: src, title: A source}\n    - {id: other, title: Another, short: Smith}\n"),
          "scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
              "    ending: {title: The End, historical: true}\n",
              "    ending: {title: The End, historical: true}\n    note: Smith puts it an hour later.\n")}),
    # Translations (`petrograd check --lang LANG`): the example's locale/LANG/ names the language.
    Code("PG800", _W, "untranslated line", "The line has no translation in this language (or no line id yet: run "
         "`petrograd ids`); play shows it in the source language. Translate it in locale/LANG/story.po.",
         {"locale/de/story.po": _PO_HEAD}),
    Code("PG801", _W, "stale translation", "The line's source text changed since it was translated (or the "
         "translation is marked fuzzy); play shows the source until the translation is checked and its fuzzy flag removed.",
         {"codex/main.yaml": _CODEX_WITH_IDS,
          "locale/de/story.po": _PO_HEAD + _po_entry("d4e5f6", "A small square.", "Ein kleiner Platz.")}),
    Code("PG802", _E, "translation's markup differs", "A translation keeps the source's {placeholders}, [[link|id]] "
         "targets and [if ...] markers (their order may change; a link's words are translated, its id is not).",
         {"codex/main.yaml": _CODEX_WITH_IDS,
          "locale/de/story.po": _PO_HEAD + _po_entry("d4e5f6", "A square.", "Ein {name} Platz.")}),
    Code("PG803", _W, "translation of a line the story lacks", "The catalogue translates a line id no text in the "
         "story has (deleted, or its id changed); run `petrograd translate export` to drop it.",
         {"locale/de/story.po": _PO_HEAD + _po_entry("ffffff", "Gone.", "Weg.")}),
    Code("PG804", _W, "name rendered otherwise than the glossary", "The source names a person, place or "
         "body that locale/LANG/glossary.yaml fixes a form for, and the translation contains none of its stems: "
         "use the glossary's form (in any grammatical case), or put the name back where a pronoun replaced it.",
         {"codex/main.yaml": _CODEX_WITH_IDS,
          "locale/de/glossary.yaml": "terms:\n  - {en: square, de: Platz, stems: [Platz]}\n",
          "locale/de/story.po": _PO_HEAD + _po_entry("d4e5f6", "A square.", "Ein Ort.")}),
    Code("PG805", _W, "typography of the language", "A translation uses another language's quotation marks, or "
         "(Russian) a dash after an ordinary space, which lets a line start with the dash: use «…» and a no-break "
         "space before —. `petrograd translate import` sets these for you.",
         {"codex/main.yaml": _CODEX_WITH_IDS,
          "locale/de/story.po": _PO_HEAD + _po_entry("d4e5f6", "A square.", 'Ein \\"Platz\\".')}),
    Code("PG806", _E, "a line missing from a role listed as translated", "locale/LANG/language.yaml lists the role "
         "under translated_roles, so every one of its lines must have a current translation: translate the line, "
         "check the stale one and remove its fuzzy flag, or take the role off the list.",
         {"locale/de/language.yaml": "name: Deutsch\ntranslated_roles: [hero]\n",
          "locale/de/story.po": _PO_HEAD}),
    Code("PG807", _E, "translation's own files do not read", "locale/LANG/language.yaml (name:, translated_roles:) "
         "or glossary.yaml (terms: a list of {en, stems}) is not valid YAML of that shape.",
         {"locale/de/language.yaml": "translated_roles: hero\n", "locale/de/story.po": _PO_HEAD}),

)


BY_CODE: dict[str, Code] = {c.code: c for c in CATALOGUE}


def codes_markdown() -> str:
    """The catalogue as the Markdown table in docs/format.md (between its codes: markers)."""
    rows = ["| code | severity | what | what to do |", "|---|---|---|---|"]
    for c in CATALOGUE:
        hint = c.hint.replace("|", "\\|")
        rows.append(f"| {c.code} | {c.severity.value} | {c.title} | {hint} |")
    return "\n".join(rows) + "\n"


class DiagnosticSink:
    """Collects diagnostics; every stage reports here instead of raising."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self.muted: set[str] = set()

    def mute(self, codes) -> None:
        """Drop these codes from now on: a file that could not be read makes them knock-on errors
        (a broken codex file would make every [[link]] 'unknown')."""
        self.muted |= set(codes)

    def report(self, code: str, span: SourceSpan, message: str) -> None:
        if code in self.muted:
            return
        entry = BY_CODE[code]
        self.items.append(Diagnostic(span, entry.severity, code, message))

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Sorted by place, each once: a file's defaults: are read for every scene that takes them,
        so a mistake in one would otherwise be reported once per scene, at the same place."""
        unique = {(d.span, d.code, d.message): d for d in self.items}
        return sorted(unique.values(), key=lambda d: (d.span, d.code))
