#!/usr/bin/env python3
"""Convert a neutral synthetic story (peers harness, `peers-synthetic-story/1`) into a story folder.

    python bench/convert_synthetic.py STORY_N.json OUT_DIR [--per-file 250]

The peers harness (bench/peers/gen_story.py, a copy of /work/shared/bench/peers) describes one
graph twice, as ink and as neutral JSON. This script writes the same graph in our YAML format:

* story.yaml: the manifest (one role, `reader`, starting at the JSON's start scene), one source, and
  the 4 int variables with range -1000..1000 (a playthrough changes a variable by at most 2 per
  choice and makes at most 200 choices, so clamping never changes a result);
* scenes/part_NNN.yaml: the scenes, `--per-file` to a file (a YAML file may hold at most 2 MB);
  ids as in the JSON (k0, k1, ...); each scene's 3 paragraphs as a text list; conditions
  `var >= 1`, `var < 2`, `var == 0`; effects `var += 1`, `var += 2`, `var -= 1`; endings as `ending:`;
* assets/art/x.svg: the one picture every scene names.

The result loads with no errors. The only warnings are PG500 (scenes that no choice leads to: the
generator does not make every scene reachable). Stdlib only; the output is a pure function of the
input, so converting twice gives byte-identical files.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

FORMAT = "peers-synthetic-story/1"
VAR_RANGE = (-1000, 1000)
OPS = {">=", "<", "=="}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n'


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def condition(c: dict | None) -> str | None:
    if c is None:
        return None
    if c["op"] not in OPS or not isinstance(c["value"], int):
        raise ValueError(f"unsupported condition {c!r}")
    return f"{c['var']} {c['op']} {c['value']}"


def effect(e: dict | None) -> str | None:
    if e is None:
        return None
    if e.get("op") != "add" or not isinstance(e["value"], int):
        raise ValueError(f"unsupported effect {e!r}")
    v = e["value"]
    return f"{e['var']} += {v}" if v >= 0 else f"{e['var']} -= {-v}"


def scene_yaml(s: dict) -> list[str]:
    sid = s["id"]
    out = [
        f"  - id: {sid}",
        "    role: reader",
        f"    title: {q('Scene ' + sid)}",
        "    date: 1917-10-25",
        '    time: "12:00"',
        "    place: Nowhere",
        "    image: x",
        f"    sources: [{{source: gen, where: {q(sid)}}}]",
        "    text:",
    ]
    out += [f"      - {q(p)}" for p in s["text"]]
    if s["ending"] or not s["choices"]:
        out.append(f"    ending: {{title: {q('Ending ' + sid)}, summary: {q('The end at ' + sid + '.')}}}")
        return out
    out.append("    choices:")
    for c in s["choices"]:
        out.append(f"      - text: {q(c['text'])}")
        out.append(f"        to: {c['target']}")
        cond = condition(c["condition"])
        if cond:
            out.append(f"        if: {q(cond)}")
        eff = effect(c["effect"])
        if eff:
            out.append(f"        do: {q(eff)}")
    return out


def convert(src: Path, out: Path, per_file: int = 250) -> Path:
    data = json.loads(src.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{src}: not a {FORMAT} file")
    n = len(data["scenes"])
    if out.exists():
        shutil.rmtree(out)
    (out / "scenes").mkdir(parents=True)
    (out / "assets" / "art").mkdir(parents=True)
    (out / "assets" / "art" / "x.svg").write_text(SVG, encoding="utf-8")
    lo, hi = VAR_RANGE
    manifest = [
        "story:",
        f"  id: synthetic-{n}",
        f"  title: {q(f'Synthetic story, {n} scenes')}",
        '  version: "1"',
        "  assets: assets",
        '  calendar: {start: "1917-10-25", style: julian}',
        "  sources:",
        f"    - {{id: gen, title: {q('gen_story.py, peers-synthetic-story/1, seed ' + str(data['meta'].get('seed')))}, short: gen}}",
        "roles:",
        f"  - {{id: reader, name: Reader, description: {q('Read the synthetic story.')}, start: {data['start']}}}",
        "variables:",
    ]
    for name, default in data["variables"].items():
        manifest.append(f"  {name}: {{type: int, default: {int(default)}, min: {lo}, max: {hi}}}")
    (out / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    for part, first in enumerate(range(0, n, per_file)):
        lines = ["scenes:"]
        for s in data["scenes"][first:first + per_file]:
            lines += scene_yaml(s)
        (out / "scenes" / f"part_{part:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("story_json", type=Path)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--per-file", type=int, default=250, help="scenes per YAML file (default 250)")
    a = ap.parse_args(argv)
    out = convert(a.story_json, a.out_dir, a.per_file)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
