"""Render every art id (and the map) into one labelled contact sheet.

    python tests/make_contact_sheet.py sheet.png [--thumb 480x270] [--only places/] [--no-cache]

Also prints how long the renders took.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.art import art_ids, render, render_map  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--thumb", default="480x270")
    ap.add_argument("--cols", type=int, default=4)
    ap.add_argument("--only", default="")
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args()
    tw, th = (int(v) for v in args.thumb.split("x"))
    ids = [a for a in art_ids() if a.startswith(args.only)]
    font = ImageFont.truetype(str(ROOT / "assets/fonts/OldStandard-Bold.ttf"), 16)
    label_h = 24
    tiles = []
    t0 = time.perf_counter()
    for art_id in ids:
        tiles.append((art_id, render(art_id, (tw, th), cache=not args.no_cache)))
    if not args.only:
        holdings = {"smolny": "mrc", "finland_station": "mrc", "winter_palace": "contested",
                    "telephone_exchange": "mrc", "palace_bridge": "contested"}
        tiles.append(("map (render_map)", render_map(holdings, (tw, th), highlight="winter_palace",
                                                     drawing="drawings/citymap.py", assets_dir=ROOT / "assets",
                                                     cache=not args.no_cache)))
    dt = time.perf_counter() - t0
    cols = args.cols
    rows = (len(tiles) + cols - 1) // cols
    pad = 8
    sheet = Image.new("RGB", (cols * (tw + pad) + pad, rows * (th + label_h + pad) + pad), (40, 36, 32))
    draw = ImageDraw.Draw(sheet)
    for i, (name, img) in enumerate(tiles):
        x = pad + (i % cols) * (tw + pad)
        y = pad + (i // cols) * (th + label_h + pad)
        sheet.paste(img, (x, y))
        draw.text((x + 2, y + th + 3), name, font=font, fill=(235, 225, 200))
    sheet.save(args.out)
    print(f"{len(tiles)} pictures at {tw}x{th} in {dt:.2f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
