"""Weather and light drawn over a finished picture: cold rain, wet snow, dawn, searchlights.

Deterministic: the marks are placed by a generator seeded from the art id, the variant and the
size, so the same picture always gets the same rain.
"""
from __future__ import annotations

import random
import zlib

from PIL import Image, ImageDraw, ImageFilter

PAPER = (236, 226, 203)
RED = (163, 35, 31)


def apply_weather(img: Image.Image, variant: str, key: str) -> Image.Image:
    w, h = img.size
    rng = random.Random(zlib.crc32(f"{key}@{variant}@{w}x{h}".encode()))
    base = img.convert("RGB")
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    scale = max(1.0, min(w, h) / 400)
    if variant == "rain":
        base = Image.blend(base, Image.new("RGB", (w, h), (40, 38, 36)), 0.18)   # a wet, darker evening
        for _ in range(int(w * h / 900)):
            x, y = rng.uniform(-0.2 * w, w), rng.uniform(-0.1 * h, h)
            length = rng.uniform(10, 26) * scale
            draw.line([(x, y), (x + length * 0.28, y + length)], fill=PAPER + (rng.randint(40, 95),),
                      width=max(1, int(scale * 0.8)))
    elif variant == "snow":
        base = Image.blend(base, Image.new("RGB", (w, h), (200, 196, 186)), 0.12)
        for _ in range(int(w * h / 700)):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.6, 2.6) * scale
            draw.ellipse([x - r, y - r * 0.8, x + r, y + r * 0.8], fill=PAPER + (rng.randint(120, 220),))
        layer = layer.filter(ImageFilter.GaussianBlur(0.6 * scale))
    elif variant == "dawn":
        for y in range(h):   # grey-red light low in the sky, fading down into the picture
            strength = max(0.0, 1 - y / (0.7 * h))
            draw.line([(0, y), (w, y)], fill=(214, 170, 150, int(110 * strength)))
    elif variant == "searchlight":
        for origin_x, spread in ((0.12, 1), (0.85, -1)):
            ox, oy = origin_x * w, h * 0.82
            tx = ox + spread * rng.uniform(0.35, 0.6) * w
            draw.polygon([(ox, oy), (tx - 0.05 * w, -0.05 * h), (tx + 0.05 * w, -0.05 * h)],
                         fill=PAPER + (70,))
        layer = layer.filter(ImageFilter.GaussianBlur(2 * scale))
    else:
        raise ValueError(f"unknown picture variant {variant!r}")
    out = base.convert("RGBA")
    out.alpha_composite(layer)
    return out.convert("RGB")
