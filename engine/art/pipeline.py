"""The period print treatment: one Pillow pipeline for every picture of a story printed "period".

An authored SVG is drawn in *separations*: every colour in it says how much black ink and how
much red ink lies on that spot of paper (R = 255·(1−black), G = B = R·(1−red)). Decoding the
rasterised picture gives two plates (greyscale images, 255 = solid ink). Each plate is screened
the way its print process would have screened it, inked unevenly, and printed on aged paper by
multiplication, with the red plate slightly out of register.

Treatments (named by ``data-treatment`` on the SVG root):

``litho``        stochastic crayon grain, as in a lithographed print (the default)
``halftone``     newspaper halftone dots, black at 45 degrees, red at 14 degrees ("photographs")
``woodcut``      hard-edged two-ink cut, tones only where the drawing hatches them
``letterpress``  hard type with squash and starved ink, for documents

Everything is deterministic: every texture comes from ``random.Random`` seeded with ``SEED``,
the output size and the texture's name, so the same input gives the same bytes.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache

from PIL import Image, ImageChops, ImageFilter, ImageMath, ImageOps

#: Bump when the treatment changes, so that cached renders are thrown away.
# 5: the textures' seed is no longer a year of one story (the same look, other grain).
PIPELINE_VERSION = "5"
SEED = "print"

#: The three colours of the print.
PAPER = (233, 222, 196)       # #e9dec4, aged newsprint / rag paper
PAPER_DARK = (214, 197, 160)  # #d6c5a0, foxing and the darkened edges
BLACK_INK = (31, 27, 24)      # #1f1b18, warm carbon black
RED_INK = (178, 34, 27)       # #b2221b, cinnabar red

TREATMENTS = ("litho", "halftone", "woodcut", "letterpress")

# Screen thresholds live in [LO, HI] so that solid tone prints solid and paper stays clean.
_LO, _HI = 22, 233
_GAIN = 6.0


def _rng(name: str, size: tuple[int, int]) -> random.Random:
    return random.Random(f"{SEED}:{name}:{size[0]}x{size[1]}")


def _noise(name: str, size: tuple[int, int]) -> Image.Image:
    """Uniform white noise, L mode, deterministic for (name, size)."""
    w, h = size
    return Image.frombytes("L", size, _rng(name, size).randbytes(w * h))


def _scale_of(size: tuple[int, int]) -> float:
    """1.0 at 720 px on the short side."""
    return max(0.2, min(size) / 720.0)


def _to_range(img: Image.Image, lo: int, hi: int) -> Image.Image:
    span = hi - lo
    return img.point([lo + (v * span) // 255 for v in range(256)])


def _smooth_noise(name: str, size: tuple[int, int], cell: int) -> Image.Image:
    """Low-frequency noise: random values on a coarse grid, smoothly enlarged."""
    w, h = size
    cw, ch = max(2, w // cell + 2), max(2, h // cell + 2)
    small = _noise(name, (cw, ch)).filter(ImageFilter.GaussianBlur(0.6))
    big = small.resize((cw * cell, ch * cell), Image.Resampling.BICUBIC)
    return ImageOps.autocontrast(big.crop((cell, cell, cell + w, cell + h)), cutoff=1)


@lru_cache(maxsize=16)
def _grain_screen(size: tuple[int, int], radius: float) -> Image.Image:
    """Stochastic threshold screen: blurred noise, equalised back to a uniform spread."""
    n = _noise("grain", size)
    if radius > 0.25:
        n = n.filter(ImageFilter.GaussianBlur(radius))
    return _to_range(ImageOps.equalize(n), _LO, _HI)


def _dot_tile(period: float, a: int, b: int) -> Image.Image:
    """One exactly periodic tile of an AM halftone screen.

    The dot lattice has basis vectors along (a, b) and (-b, a); choosing the tile side
    T = round(period * |(a, b)|) makes the rotated lattice repeat exactly every T pixels.
    Thresholds are rank-ordered (equalised) so that coverage follows tone linearly.
    """
    t = max(2, round(period * math.hypot(a, b)))
    vals = []
    for y in range(t):
        for x in range(t):
            al = (x * a + y * b) / t
            be = (-x * b + y * a) / t
            # Round dots that join into a chequer at 50 %, then open into white holes.
            vals.append(math.cos(2 * math.pi * al) + math.cos(2 * math.pi * be))
    order = sorted(range(len(vals)), key=lambda i: (-vals[i], i))
    out = bytearray(len(vals))
    n = len(vals)
    for rank, i in enumerate(order):
        out[i] = _LO + (rank * (_HI - _LO)) // max(1, n - 1)
    return Image.frombytes("L", (t, t), bytes(out))


def _tile(tile: Image.Image, size: tuple[int, int]) -> Image.Image:
    w, h = size
    tw, th = tile.size
    row = Image.new("L", (w + tw, th))
    for x in range(0, w + tw, tw):
        row.paste(tile, (x, 0))
    out = Image.new("L", (w + tw, h + th))
    for y in range(0, h + th, th):
        out.paste(row, (0, y))
    return out.crop((0, 0, w, h))


@lru_cache(maxsize=16)
def _halftone_screen(size: tuple[int, int], period: float, a: int, b: int) -> Image.Image:
    return _tile(_dot_tile(period, a, b), size)


def _screen_plate(tone: Image.Image, screen: Image.Image) -> Image.Image:
    """Coverage = soft threshold of tone against the screen (anti-aliased dot edges)."""
    return ImageChops.subtract(tone, screen, scale=1.0 / _GAIN, offset=128)


@lru_cache(maxsize=16)
def _ink_texture(size: tuple[int, int], treatment: str) -> Image.Image:
    """Multiplier (255 = full strength) for uneven inking: mottle, plus starved specks."""
    s = _scale_of(size)
    mottle = _to_range(_smooth_noise("mottle", size, max(8, int(90 * s))), 218, 255)
    fine = _noise("speck", size).filter(ImageFilter.GaussianBlur(0.45 * s + 0.2))
    fine = ImageOps.equalize(fine)
    # Only the lightest few percent of the fine noise become specks where ink did not take.
    cut = 6 if treatment in ("letterpress", "woodcut") else 2
    specks = fine.point([120 if v < cut else (255 if v > cut * 2 else 120 + 135 * (v - cut) // cut)
                         for v in range(256)])
    return ImageChops.multiply(mottle, specks)


@lru_cache(maxsize=16)
def _paper(size: tuple[int, int]) -> Image.Image:
    """Aged paper: fine grain, fibres, foxing and a darkened vignette, RGB."""
    s = _scale_of(size)
    w, h = size
    grain = _noise("paper", size).filter(ImageFilter.GaussianBlur(0.5 * s + 0.3))
    grain = _to_range(ImageOps.equalize(grain), 150, 255)
    # Horizontal fibres: noise stretched along x.
    fw, fh = max(1, w // 12), h
    fib = _noise("fibre", (fw, fh)).resize(size, Image.Resampling.BILINEAR)
    fib = _to_range(ImageOps.equalize(fib), 190, 255)
    blot = _to_range(_smooth_noise("foxing", size, max(8, int(140 * s))), 150, 255)
    light = ImageChops.multiply(ImageChops.multiply(grain, fib), blot)
    light = _to_range(ImageOps.autocontrast(light, cutoff=0.5), 60, 255)
    paper = ImageOps.colorize(light, black=PAPER_DARK, white=PAPER)
    # Vignette: the edges of an old sheet are darker.
    vig = Image.radial_gradient("L").resize(size, Image.Resampling.BICUBIC)
    vig = vig.point([255 - max(0, v - 150) * 70 // 105 for v in range(256)])
    tone = ImageOps.colorize(vig, black=(150, 128, 100), white=(255, 255, 255))
    return ImageChops.multiply(paper, tone)


def _ink_multiplier(plate: Image.Image, ink: tuple[int, int, int]) -> Image.Image:
    """An RGB image that, multiplied onto paper, lays this plate down in this ink."""
    trans = tuple(min(255, round(255 * c / p)) for c, p in zip(ink, PAPER))
    return ImageOps.colorize(ImageOps.invert(plate), black=trans, white=(255, 255, 255))


def separate(rgb: Image.Image) -> tuple[Image.Image, Image.Image]:
    """Decode an authored picture into (black plate, red plate).

    Authoring convention: R = 255 * (1 - k) and G = B = R * (1 - r), where k and r are the black
    and red ink densities. So black density is 255 - R and red density is 255 * (R - G) / R.
    """
    r, g, _b = rgb.split()
    black = ImageOps.invert(r)
    red = ImageMath.lambda_eval(
        lambda d: d["convert"]((d["R"] - d["G"]) * 255 / d["max"](d["R"], 1), "L"), R=r, G=g
    )
    return black, red


def _offset(img: Image.Image, dx: int, dy: int) -> Image.Image:
    if dx == 0 and dy == 0:
        return img
    out = Image.new(img.mode, img.size, 0)
    out.paste(img, (dx, dy))
    return out


def treat(rgb: Image.Image, treatment: str = "litho") -> Image.Image:
    """Apply the print treatment to an RGB picture of the final size."""
    if treatment not in TREATMENTS:
        treatment = "litho"
    size = rgb.size
    s = _scale_of(size)
    black, red = separate(rgb.convert("RGB"))

    if treatment == "halftone":
        # A newspaper block is a little soft before it is screened.
        soft = ImageFilter.GaussianBlur(0.6 * s)
        black, red = black.filter(soft), red.filter(soft)
        period = max(3.0, 5.2 * s)
        black = _screen_plate(black, _halftone_screen(size, period, 1, 1))
        red = _screen_plate(red, _halftone_screen(size, period * 1.1, 4, 1))
    elif treatment == "litho":
        # Crayon on stone: half continuous tone, half grain, so solids stay solid and
        # mid-tones break up into a fine tooth rather than into static.
        screen = _grain_screen(size, 0.35 * s + 0.1)
        black = Image.blend(black, _screen_plate(black, screen), 0.5)
        red = Image.blend(red, _screen_plate(red, ImageOps.mirror(screen)), 0.5)
    else:
        # Woodcut and letterpress: ink squash (a slight spread), hard edges; any flat tint is
        # printed as a fine Ben-Day dot, as a letterpress tint block would be.
        spread = ImageFilter.GaussianBlur(0.45 * s + 0.15)
        black, red = black.filter(spread), red.filter(spread)
        period = max(2.5, 3.6 * s)
        black = _screen_plate(black, _halftone_screen(size, period, 1, 1))
        red = _screen_plate(red, _halftone_screen(size, period, 4, 1))

    tex = _ink_texture(size, treatment)
    black = ImageChops.multiply(black, tex)
    red = ImageChops.multiply(red, ImageOps.mirror(tex))

    # The red plate is out of register: shifted and (barely) turned.
    dx, dy = round(2.2 * s), round(-1.4 * s)
    red = _offset(red, dx, dy)

    out = _paper(size)
    out = ImageChops.multiply(out, _ink_multiplier(red, RED_INK))
    out = ImageChops.multiply(out, _ink_multiplier(black, BLACK_INK))
    return out
