"""Author the story's pictures: writes every assets/art/<id>.svg from the drawings.

    python assets/make_art.py            # write all
    python assets/make_art.py places/smolny_night documents/telegram   # write some

The SVG files are the committed sources; this script (with places.py, documents.py and
portraits.py beside it) is how they were made. Each drawing is a function registered under
its art id. Colours are ink separations (see drawings/svg.py, ink()): paper white, black, red and
their tints; the engine's print pipeline (engine.art.pipeline) does the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import documents, places, portraits  # noqa: F401  (they register their drawings)
from .common import SCENES


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out_root = Path(__file__).resolve().parents[1] / "art"
    ids = argv or sorted(SCENES)
    for art_id in ids:
        if art_id not in SCENES:
            print(f"unknown art id {art_id}", file=sys.stderr)
            return 2
        svg = str(SCENES[art_id]())
        p = out_root / f"{art_id}.svg"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(svg, encoding="utf-8")
        print(f"wrote {p.relative_to(out_root.parent)} ({len(svg) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
