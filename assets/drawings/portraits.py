"""Portraits: linocut busts of the people and the types of October 1917 (1000 x 1200).

Not likenesses from photographs: each is built from the features a contemporary caricaturist
or poster artist would have used to make the figure recognisable (Lenin's dome and beard,
Trotsky's hair and pince-nez, Kerensky's brush cut and tunic, Antonov's hat and long hair...),
cut in black with the shadows hatched and a second colour behind.
"""

from __future__ import annotations

import math
import random

from .common import scene
from .svg import BLACK, PAPER, RED, Svg, f1, ink

PW, PH = 1000, 1200
CX, CY = 500, 440   # centre of the face
HEAD = 1.22          # heads are drawn at this scale round (CX, CY)


class Face:
    def __init__(self, fw: float = 118, fh: float = 158, jaw: float = 0.72, turn: float = 0.0):
        self.fw, self.fh, self.jaw, self.turn = fw, fh, jaw, turn

    def outline(self) -> str:
        fw, fh, j = self.fw, self.fh, self.jaw
        cx, cy = CX + self.turn * 10, CY
        return (f"M {f1(cx)} {f1(cy - fh)} "
                f"C {f1(cx + fw * 0.62)} {f1(cy - fh)} {f1(cx + fw)} {f1(cy - fh * 0.62)} {f1(cx + fw)} {f1(cy - fh * 0.12)} "
                f"C {f1(cx + fw)} {f1(cy + fh * 0.38)} {f1(cx + fw * j)} {f1(cy + fh * 0.84)} {f1(cx)} {f1(cy + fh)} "
                f"C {f1(cx - fw * j)} {f1(cy + fh * 0.84)} {f1(cx - fw)} {f1(cy + fh * 0.38)} {f1(cx - fw)} {f1(cy - fh * 0.12)} "
                f"C {f1(cx - fw)} {f1(cy - fh * 0.62)} {f1(cx - fw * 0.62)} {f1(cy - fh)} {f1(cx)} {f1(cy - fh)} Z")


def _defs(s: Svg) -> None:
    s.hatch("hatch", color=BLACK, gap=12, width=5, angle=0)
    s.hatch("hatchfine", color=BLACK, gap=9, width=3, angle=0)
    s.hatch("hatchdiag", color=BLACK, gap=12, width=4.5, angle=35)
    s.hatch("hatchred", color=RED, gap=14, width=6, angle=-30)
    s.crosshatch("cross", color=BLACK, gap=12, width=4, angle=30)


def background(s: Svg, kind: str, seed: int = 0) -> None:
    s.rect(0, 0, PW, PH, fill=PAPER)
    if kind == "rays":
        s.rect(0, 0, PW, PH, fill=RED)
        d = []
        n = 28
        for i in range(n):
            a0 = 2 * math.pi * i / n
            a1 = a0 + math.pi / n
            d.append(f"M {CX} {CY} L {f1(CX + 1600 * math.cos(a0))} {f1(CY + 1600 * math.sin(a0))} "
                     f"L {f1(CX + 1600 * math.cos(a1))} {f1(CY + 1600 * math.sin(a1))} Z")
        s.path(" ".join(d), fill=ink(0.0, 0.55))
    elif kind == "disk":
        s.rect(0, 0, PW, PH, fill="url(#hatchdiag)", opacity=0.35)
        s.circle(CX, CY - 20, 360, fill=RED)
    elif kind == "flag":
        s.rect(0, 0, PW, PH, fill=PAPER)
        s.path("M -20 80 Q 300 20 560 120 Q 820 220 1020 120 L 1020 760 Q 820 860 560 760 "
               "Q 300 660 -20 740 Z", fill=RED)
        for k in range(6):
            s.path(f"M -20 {140 + k * 100} Q 300 {80 + k * 100} 560 {180 + k * 100} Q 820 {280 + k * 100} 1020 {180 + k * 100}",
                   fill=None, stroke=ink(0.2, 1), sw=6, opacity=0.6)
    elif kind == "plain":
        s.rect(0, 0, PW, PH, fill="url(#hatchdiag)", opacity=0.5)
        s.rect(60, 60, PW - 120, PH - 120, fill=None, stroke=RED, sw=14)
    elif kind == "door":      # a hatched wall and, behind the head, a doorway lit red
        s.rect(0, 0, PW, PH, fill="url(#hatchdiag)", opacity=0.5)
        s.path(f"M {CX - 300} {PH} L {CX - 300} 200 Q {CX} 20 {CX + 300} 200 L {CX + 300} {PH} Z", fill=RED)
        s.path(f"M {CX - 300} {PH} L {CX - 300} 200 Q {CX} 20 {CX + 300} 200 L {CX + 300} {PH}", fill=None,
               stroke=BLACK, sw=16)
        s.path(f"M {CX - 250} {PH} L {CX - 250} 226 Q {CX} 80 {CX + 250} 226 L {CX + 250} {PH}", fill=None,
               stroke=ink(0.3, 1), sw=5)
    elif kind == "bars":
        for i in range(12):
            s.rect(i * 90, 0, 45, PH, fill=RED)


def ears(s: Svg, f: Face) -> None:
    for side in (-1, 1):
        ex = CX + side * (f.fw - 4) + f.turn * 10
        s.path(f"M {f1(ex)} {f1(CY - 40)} q {f1(side * 40)} -10 {f1(side * 38)} 40 q {f1(side * 2)} 50 "
               f"{f1(-side * 30)} 58 Z", fill=PAPER, stroke=BLACK, sw=7)
        s.path(f"M {f1(ex + side * 8)} {f1(CY - 20)} q {f1(side * 20)} 4 {f1(side * 16)} 30", fill=None,
               stroke=BLACK, sw=5)


class Features:
    """What makes one face not another: the shape of the eyes, brows, nose and mouth, and the lines
    of the cheeks and forehead. Caricaturist's features, cut in black."""

    def __init__(self, *, eyes: str = "almond", gap: float = 0.42, brows: str = "arch", nose: str = "straight",
                 mouth_w: float = 44, lips: str = "thin", cheekbones: bool = False, chin: str = "",
                 forehead: int = 0):
        self.eyes, self.gap, self.brows, self.nose = eyes, gap, brows, nose
        self.mouth_w, self.lips, self.cheekbones, self.chin, self.forehead = mouth_w, lips, cheekbones, chin, forehead


def _eye(s: Svg, ex: float, ey: float, side: int, kind: str, t: float) -> None:
    """One eye: its socket, lids and pupil. `kind` is almond, narrow, round, heavy or deep."""
    if kind == "deep":   # a hatched socket under a hard brow ridge
        s.path(f"M {f1(ex - 44)} {f1(ey - 2)} Q {f1(ex)} {f1(ey - 46)} {f1(ex + 44)} {f1(ey - 2)} "
               f"Q {f1(ex)} {f1(ey - 22)} {f1(ex - 44)} {f1(ey - 2)} Z", fill="url(#hatchfine)")
    else:
        s.path(f"M {f1(ex - 38)} {f1(ey - 6)} Q {f1(ex)} {f1(ey - 34)} {f1(ex + 38)} {f1(ey - 6)}",
               fill=None, stroke=BLACK, sw=4, opacity=0.8)
    up, down, pupil, half = {"almond": (20, 12, 9, 30), "narrow": (9, 5, 7, 30), "round": (27, 22, 11, 27),
                             "heavy": (16, 12, 9, 30), "deep": (17, 10, 8, 27)}[kind]
    s.path(f"M {f1(ex - half)} {f1(ey)} Q {f1(ex)} {f1(ey - up)} {f1(ex + half)} {f1(ey)} Q {f1(ex)} {f1(ey + down)} "
           f"{f1(ex - half)} {f1(ey)} Z", fill=PAPER, stroke=BLACK, sw=5)
    s.circle(ex + t * 0.4, ey - up * 0.15, pupil, fill=BLACK)
    if kind == "round":
        s.circle(ex + t * 0.4 - 3, ey - up * 0.15 - 4, 3, fill=PAPER)       # a catchlight: wide awake
    # the upper lid
    lid = {"heavy": 8, "narrow": 2}.get(kind, 0)
    s.path(f"M {f1(ex - half - 2)} {f1(ey - 1 + lid * 0.3)} Q {f1(ex)} {f1(ey - up - 4 + lid)} {f1(ex + half + 2)} "
           f"{f1(ey - 1 + lid * 0.3)}", fill=None, stroke=BLACK, sw=8 + lid * 0.6)
    if kind == "heavy":  # a lid fold and a bag below: a tired man
        s.path(f"M {f1(ex - half)} {f1(ey - up - 4)} Q {f1(ex)} {f1(ey - up - 16)} {f1(ex + half + 4)} {f1(ey - up + 2)}",
               fill=None, stroke=BLACK, sw=4)
        s.path(f"M {f1(ex - 22)} {f1(ey + 20)} Q {f1(ex)} {f1(ey + 30)} {f1(ex + 26)} {f1(ey + 16)}",
               fill=None, stroke=BLACK, sw=4)
    if kind == "narrow":  # the screwed-up eyes of a man who is calculating: creases at the outer corner
        for k in (-8, 4):
            s.path(f"M {f1(ex + side * (half + 2))} {f1(ey + k * 0.5)} l {f1(side * 18)} {f1(k)}",
                   fill=None, stroke=BLACK, sw=4)


def _brow(s: Svg, ex: float, by: float, side: int, kind: str, brow: float) -> None:
    """One eyebrow. `side` is -1 for the left one; the inner end is towards the nose."""
    tilt = brow * side
    inner, outer = ex - side * 40, ex + side * 42
    if kind == "thin":
        s.path(f"M {f1(inner)} {f1(by + 6 - tilt * 6)} Q {f1(ex)} {f1(by - 14)} {f1(outer)} {f1(by + 2)}",
               fill=None, stroke=BLACK, sw=6, extra='stroke-linecap="round"')
        return
    if kind == "thick":      # a heavy straight bar
        s.path(f"M {f1(inner)} {f1(by - 2)} L {f1(outer)} {f1(by - 8)} L {f1(outer)} {f1(by + 8)} "
               f"L {f1(inner)} {f1(by + 16)} Z", fill=BLACK)
        return
    if kind in ("knit", "raised"):   # the inner ends pulled down (a frown) or up (worry)
        drop = 14 if kind == "knit" else -16
        s.path(f"M {f1(inner)} {f1(by + drop)} Q {f1(ex)} {f1(by - 12)} {f1(outer)} {f1(by + 2)} "
               f"Q {f1(ex)} {f1(by + 4)} {f1(inner)} {f1(by + drop + 12)} Z", fill=BLACK)
        return
    s.path(f"M {f1(ex - 40)} {f1(by + 6 - tilt * 10)} Q {f1(ex)} {f1(by - 12)} {f1(ex + 42)} {f1(by + 4 + tilt * 10)} "
           f"Q {f1(ex)} {f1(by + 2)} {f1(ex - 40)} {f1(by + 12 - tilt * 10)} Z", fill=BLACK)


def _nose(s: Svg, nx: float, ny: float, ey: float, kind: str) -> None:
    """The bridge down the lit side and the base with its nostrils."""
    if kind == "long":
        ny += 18
    elif kind == "snub":
        ny -= 16
    bridge = {"hooked": f"M {f1(nx + 4)} {f1(ey - 6)} Q {f1(nx + 46)} {f1(ny - 70)} {f1(nx + 30)} {f1(ny - 2)}",
              "snub": f"M {f1(nx + 4)} {f1(ey - 6)} Q {f1(nx + 10)} {f1(ny - 30)} {f1(nx + 22)} {f1(ny - 8)}",
              "broad": f"M {f1(nx + 8)} {f1(ey - 2)} Q {f1(nx + 26)} {f1(ny - 50)} {f1(nx + 36)} {f1(ny - 4)}"}.get(
        kind, f"M {f1(nx + 6)} {f1(ey - 6)} Q {f1(nx + 18)} {f1(ny - 60)} {f1(nx + 28)} {f1(ny - 4)}")
    s.path(bridge, fill=None, stroke=BLACK, sw=6)
    wing = {"broad": 46, "bulbous": 38, "snub": 28, "long": 26, "hooked": 30}.get(kind, 30)
    s.path(f"M {f1(nx - wing)} {f1(ny - 6)} Q {f1(nx - wing - 4)} {f1(ny + 10)} {f1(nx - 14)} {f1(ny + 10)} "
           f"Q {f1(nx)} {f1(ny + 18)} {f1(nx + 14)} {f1(ny + 10)} Q {f1(nx + wing + 4)} {f1(ny + 10)} {f1(nx + wing)} {f1(ny - 6)}",
           fill=None, stroke=BLACK, sw=6)
    if kind == "bulbous":
        s.path(f"M {f1(nx - 20)} {f1(ny - 2)} Q {f1(nx)} {f1(ny - 34)} {f1(nx + 20)} {f1(ny - 2)}",
               fill=None, stroke=BLACK, sw=5)
    if kind == "hooked":     # the tip hangs over the base
        s.path(f"M {f1(nx + 30)} {f1(ny - 2)} Q {f1(nx + 14)} {f1(ny + 22)} {f1(nx - 4)} {f1(ny + 12)}",
               fill=None, stroke=BLACK, sw=6)
    nostril = (10, 6) if kind in ("snub", "broad") else (7, 4)
    s.ellipse(nx - 13 - (wing - 30) * 0.3, ny + 4, *nostril, fill=BLACK)
    s.ellipse(nx + 13 + (wing - 30) * 0.3, ny + 4, *nostril, fill=BLACK)


def face(s: Svg, f: Face, *, brow: float = 0.0, age: float = 0.3, shadow: str = "right",
         mouth: str = "firm", features: Features | None = None) -> None:
    """The face: paper, black contour, hatched shadow side, features cut in black."""
    ft = features or Features()
    outline = f.outline()
    s.define("faceclip", f'<clipPath id="faceclip"><path d="{outline}"/></clipPath>')
    s.path(outline, fill=PAPER)
    sg = 1 if shadow == "right" else -1
    x0 = CX + sg * f.fw * 0.22
    s.add('<g clip-path="url(#faceclip)">')
    s.path(f"M {f1(x0)} {f1(CY - f.fh - 10)} Q {f1(x0 + sg * f.fw * 0.25)} {f1(CY)} {f1(x0 - sg * 10)} "
           f"{f1(CY + f.fh + 10)} L {f1(CX + sg * 400)} {f1(CY + f.fh + 10)} L {f1(CX + sg * 400)} "
           f"{f1(CY - f.fh - 10)} Z", fill="url(#hatch)")
    # under-chin and cheek shadows
    s.path(f"M {f1(CX - f.fw)} {f1(CY + f.fh * 0.9)} Q {f1(CX)} {f1(CY + f.fh * 0.84)} {f1(CX + f.fw)} "
           f"{f1(CY + f.fh * 0.9)} L {f1(CX + f.fw)} {f1(CY + f.fh + 10)} L {f1(CX - f.fw)} {f1(CY + f.fh + 10)} Z",
           fill="url(#hatchfine)", opacity=0.6)
    if ft.cheekbones:       # high cheekbones: a hollow cut under each, on the lit side too
        for side in (-1, 1):
            cx0 = CX + side * f.fw * 0.62
            s.path(f"M {f1(cx0 - side * 6)} {f1(CY + f.fh * 0.12)} Q {f1(cx0 + side * 30)} {f1(CY + f.fh * 0.3)} "
                   f"{f1(cx0 + side * 14)} {f1(CY + f.fh * 0.62)} Q {f1(cx0 + side * 40)} {f1(CY + f.fh * 0.36)} "
                   f"{f1(cx0 + side * 44)} {f1(CY + f.fh * 0.08)} Z", fill="url(#hatchfine)")
    s.add("</g>")
    s.path(outline, fill=None, stroke=BLACK, sw=9)
    t = f.turn * 10
    ey = CY - f.fh * 0.06
    for k in range(ft.forehead):       # lines across the brow, shorter each one up
        y = CY - f.fh * (0.42 + 0.1 * k)
        w = f.fw * (0.5 - 0.08 * k)
        s.path(f"M {f1(CX - w + t)} {f1(y + 4)} Q {f1(CX + t)} {f1(y - 8)} {f1(CX + w + t)} {f1(y + 2)}",
               fill=None, stroke=BLACK, sw=3.5)
    for side in (-1, 1):
        ex = CX + side * f.fw * ft.gap + t
        _eye(s, ex, ey, side, ft.eyes, t)
        _brow(s, ex, ey - 44, side, ft.brows, brow)
        if age > 0.5:
            s.path(f"M {f1(ex - 26)} {f1(ey + 20)} Q {f1(ex)} {f1(ey + 32)} {f1(ex + 24)} {f1(ey + 18)}",
                   fill=None, stroke=BLACK, sw=3)
    if ft.brows == "knit":   # the frown between the brows
        for dx in (-8, 8):
            s.line(CX + t + dx, ey - 44, CX + t + dx * 0.6, ey - 16, stroke=BLACK, sw=4)
    # nose
    nx = CX + t * 1.6
    ny = CY + f.fh * 0.36
    _nose(s, nx, ny, ey, ft.nose)
    if age > 0.4:
        for side in (-1, 1):
            s.path(f"M {f1(nx + side * 38)} {f1(ny - 10)} Q {f1(nx + side * 62)} {f1(ny + 40)} {f1(nx + side * 50)} {f1(ny + 78)}",
                   fill=None, stroke=BLACK, sw=4)
    # mouth
    my = CY + f.fh * 0.6
    mw = ft.mouth_w
    curve = {"firm": 0, "smile": 10, "grim": -10, "open": 0}[mouth]
    s.path(f"M {f1(CX - mw + t)} {f1(my)} Q {f1(CX + t)} {f1(my + curve)} {f1(CX + mw + t)} {f1(my)}",
           fill=None, stroke=BLACK, sw=8, extra='stroke-linecap="round"')
    if ft.lips == "full":
        s.path(f"M {f1(CX - mw * 0.6 + t)} {f1(my + 14)} Q {f1(CX + t)} {f1(my + 34)} {f1(CX + mw * 0.6 + t)} {f1(my + 14)}",
               fill=None, stroke=BLACK, sw=6)
    else:
        s.path(f"M {f1(CX - 20 + t)} {f1(my + 22)} Q {f1(CX + t)} {f1(my + 28)} {f1(CX + 20 + t)} {f1(my + 22)}",
               fill=None, stroke=BLACK, sw=5)
    if mouth == "smile":     # the smile reaches the cheeks
        for side in (-1, 1):
            s.path(f"M {f1(CX + side * (mw + 6) + t)} {f1(my - 12)} q {f1(side * 8)} 10 0 22", fill=None,
                   stroke=BLACK, sw=4)
    if mouth == "open":
        s.ellipse(CX + t, my + 6, mw * 0.6, 12, fill=BLACK)
    if ft.chin == "cleft":
        s.line(CX + t, CY + f.fh * 0.86, CX + t, CY + f.fh * 0.96, stroke=BLACK, sw=4)
    elif ft.chin == "square":
        s.path(f"M {f1(CX - f.fw * 0.4 + t)} {f1(CY + f.fh * 0.9)} L {f1(CX + f.fw * 0.4 + t)} {f1(CY + f.fh * 0.9)}",
               fill=None, stroke=BLACK, sw=5)


def moustache(s: Svg, f: Face, kind: str = "full") -> None:
    my = CY + f.fh * 0.56
    t = f.turn * 10
    if kind == "full":
        s.path(f"M {f1(CX + t)} {f1(my - 34)} Q {f1(CX + 40 + t)} {f1(my - 36)} {f1(CX + 66 + t)} {f1(my + 8)} "
               f"Q {f1(CX + 30 + t)} {f1(my - 6)} {f1(CX + t)} {f1(my - 4)} Q {f1(CX - 30 + t)} {f1(my - 6)} "
               f"{f1(CX - 66 + t)} {f1(my + 8)} Q {f1(CX - 40 + t)} {f1(my - 36)} {f1(CX + t)} {f1(my - 34)} Z",
               fill=BLACK)
    elif kind == "thin":
        s.path(f"M {f1(CX - 50 + t)} {f1(my - 4)} Q {f1(CX + t)} {f1(my - 30)} {f1(CX + 50 + t)} {f1(my - 4)} "
               f"Q {f1(CX + t)} {f1(my - 16)} {f1(CX - 50 + t)} {f1(my - 4)} Z", fill=BLACK)
    # carve a few highlight strokes
    for k in (-1, 1):
        s.path(f"M {f1(CX + k * 14 + t)} {f1(my - 24)} q {f1(k * 16)} 4 {f1(k * 30)} 18", fill=None,
               stroke=PAPER, sw=3)


def beard(s: Svg, f: Face, kind: str) -> None:
    fw, fh = f.fw, f.fh
    t = f.turn * 10
    if kind == "goatee":
        d = (f"M {f1(CX - 52 + t)} {f1(CY + fh * 0.66)} Q {f1(CX - 40 + t)} {f1(CY + fh * 1.05)} {f1(CX + t)} "
             f"{f1(CY + fh * 1.22)} Q {f1(CX + 40 + t)} {f1(CY + fh * 1.05)} {f1(CX + 52 + t)} {f1(CY + fh * 0.66)} "
             f"Q {f1(CX + t)} {f1(CY + fh * 0.8)} {f1(CX - 52 + t)} {f1(CY + fh * 0.66)} Z")
    elif kind == "pointed":
        d = (f"M {f1(CX - fw * 0.85)} {f1(CY + fh * 0.3)} Q {f1(CX - fw * 0.7)} {f1(CY + fh * 1.0)} {f1(CX + t)} "
             f"{f1(CY + fh * 1.35)} Q {f1(CX + fw * 0.7)} {f1(CY + fh * 1.0)} {f1(CX + fw * 0.85)} {f1(CY + fh * 0.3)} "
             f"Q {f1(CX + fw * 0.5)} {f1(CY + fh * 0.78)} {f1(CX + t)} {f1(CY + fh * 0.74)} "
             f"Q {f1(CX - fw * 0.5)} {f1(CY + fh * 0.78)} {f1(CX - fw * 0.85)} {f1(CY + fh * 0.3)} Z")
    elif kind == "full":
        d = (f"M {f1(CX - fw * 0.98)} {f1(CY + fh * 0.1)} Q {f1(CX - fw * 1.05)} {f1(CY + fh * 1.1)} {f1(CX + t)} "
             f"{f1(CY + fh * 1.42)} Q {f1(CX + fw * 1.05)} {f1(CY + fh * 1.1)} {f1(CX + fw * 0.98)} {f1(CY + fh * 0.1)} "
             f"Q {f1(CX + fw * 0.6)} {f1(CY + fh * 0.8)} {f1(CX + t)} {f1(CY + fh * 0.76)} "
             f"Q {f1(CX - fw * 0.6)} {f1(CY + fh * 0.8)} {f1(CX - fw * 0.98)} {f1(CY + fh * 0.1)} Z")
    elif kind == "clipped":    # cut close along the jaw: a schoolmaster's beard, not a prophet's
        d = (f"M {f1(CX - fw * 0.96)} {f1(CY + fh * 0.12)} Q {f1(CX - fw * 0.96)} {f1(CY + fh * 0.86)} {f1(CX + t)} "
             f"{f1(CY + fh * 1.14)} Q {f1(CX + fw * 0.96)} {f1(CY + fh * 0.86)} {f1(CX + fw * 0.96)} {f1(CY + fh * 0.12)} "
             f"Q {f1(CX + fw * 0.7)} {f1(CY + fh * 0.62)} {f1(CX + t)} {f1(CY + fh * 0.72)} "
             f"Q {f1(CX - fw * 0.7)} {f1(CY + fh * 0.62)} {f1(CX - fw * 0.96)} {f1(CY + fh * 0.12)} Z")
        s.path(d, fill=BLACK)
        rnd = random.Random(kind)
        for _ in range(22):     # short carved flecks: the clipped hair catching the light
            x = CX + rnd.uniform(-0.7, 0.7) * fw
            y = CY + fh * rnd.uniform(0.8, 1.02)
            s.path(f"M {f1(x)} {f1(y)} l {f1(rnd.uniform(-3, 3))} 12", fill=None, stroke=PAPER, sw=3)
        return
    elif kind == "stubble":
        s.path(f.outline(), fill="url(#hatchfine)", opacity=0.0)
        return
    else:
        return
    s.path(d, fill=BLACK)
    rnd = random.Random(kind)
    for _ in range(14):
        x = CX + rnd.uniform(-0.6, 0.6) * fw
        y = CY + fh * rnd.uniform(0.85, 1.15)
        s.path(f"M {f1(x)} {f1(y)} q {f1(rnd.uniform(-6, 6))} 20 {f1(rnd.uniform(-4, 4))} 40", fill=None,
               stroke=PAPER, sw=3, opacity=0.9)


def hair(s: Svg, f: Face, kind: str) -> None:
    fw, fh = f.fw, f.fh
    top = CY - fh
    if kind == "bald":
        # dome highlight and fringes above the ears
        s.path(f"M {f1(CX - fw * 0.5)} {f1(top + 40)} Q {f1(CX)} {f1(top + 10)} {f1(CX + fw * 0.4)} {f1(top + 30)}",
               fill=None, stroke=BLACK, sw=4)
        for side in (-1, 1):
            s.path(f"M {f1(CX + side * fw * 1.02)} {f1(CY - fh * 0.5)} Q {f1(CX + side * fw * 1.1)} {f1(CY - fh * 0.1)} "
                   f"{f1(CX + side * fw * 1.0)} {f1(CY + fh * 0.05)} L {f1(CX + side * fw * 0.9)} {f1(CY - fh * 0.1)} "
                   f"Q {f1(CX + side * fw * 0.95)} {f1(CY - fh * 0.4)} {f1(CX + side * fw * 0.8)} {f1(CY - fh * 0.62)} Z",
                   fill=BLACK)
    elif kind == "wild":
        rnd = random.Random(5)
        pts = []
        n = 22
        for i in range(n + 1):
            a = math.pi * (1.05 + 0.9 * i / n)
            r = fw * rnd.uniform(1.45, 1.75)
            pts.append((CX + r * math.cos(a) * 1.1, CY - fh * 0.25 + r * math.sin(a) * 1.05))
        d = f"M {f1(CX - fw * 1.02)} {f1(CY + 10)} L {f1(pts[0][0])} {f1(pts[0][1])} "
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            ox, oy = (mx - CX) * 0.12, (my - CY) * 0.12   # bulge each lock outwards
            d += f"Q {f1(mx + ox)} {f1(my + oy)} {f1(x1)} {f1(y1)} "
        d += (f"L {f1(CX + fw * 1.02)} {f1(CY + 10)} Q {f1(CX + fw * 0.9)} {f1(CY - fh * 0.55)} {f1(CX + fw * 0.2)} "
              f"{f1(CY - fh * 0.78)} Q {f1(CX - fw * 0.5)} {f1(CY - fh * 0.6)} {f1(CX - fw * 0.9)} {f1(CY - fh * 0.5)} Z")
        s.path(d, fill=BLACK)
        for i in range(16):
            a = math.pi * (1.1 + 0.8 * i / 15)
            x0 = CX + fw * 0.9 * math.cos(a)
            y0 = CY - fh * 0.3 + fh * 0.8 * math.sin(a)
            s.path(f"M {f1(x0)} {f1(y0)} q {f1(30 * math.cos(a))} {f1(30 * math.sin(a))} {f1(60 * math.cos(a) + 10)} "
                   f"{f1(60 * math.sin(a))}", fill=None, stroke=PAPER, sw=4)
    elif kind == "crew":
        s.path(f"M {f1(CX - fw * 1.0)} {f1(CY - fh * 0.3)} Q {f1(CX - fw * 1.02)} {f1(top - 4)} {f1(CX - fw * 0.6)} {f1(top - 12)} "
               f"L {f1(CX + fw * 0.6)} {f1(top - 14)} Q {f1(CX + fw * 1.02)} {f1(top - 4)} {f1(CX + fw * 1.0)} {f1(CY - fh * 0.3)} "
               f"Q {f1(CX + fw * 0.9)} {f1(CY - fh * 0.7)} {f1(CX)} {f1(CY - fh * 0.82)} "
               f"Q {f1(CX - fw * 0.9)} {f1(CY - fh * 0.7)} {f1(CX - fw * 1.0)} {f1(CY - fh * 0.3)} Z", fill=BLACK)
        for i in range(18):
            x = CX - fw * 0.9 + i * fw * 0.105
            s.line(x, top - 8, x + 3, top + 14, stroke=PAPER, sw=3)
    elif kind in ("parted", "wavy"):
        s.path(f"M {f1(CX - fw * 1.04)} {f1(CY - fh * 0.1)} Q {f1(CX - fw * 1.15)} {f1(top - 30)} {f1(CX - fw * 0.2)} "
               f"{f1(top - 34)} Q {f1(CX + fw * 1.15)} {f1(top - 36)} {f1(CX + fw * 1.04)} {f1(CY - fh * 0.1)} "
               f"Q {f1(CX + fw * 0.9)} {f1(CY - fh * 0.55)} {f1(CX + fw * 0.3)} {f1(CY - fh * 0.7)} "
               f"Q {f1(CX - fw * 0.2)} {f1(CY - fh * 0.6)} {f1(CX - fw * 0.3)} {f1(CY - fh * 0.75)} "
               f"Q {f1(CX - fw * 0.9)} {f1(CY - fh * 0.6)} {f1(CX - fw * 1.04)} {f1(CY - fh * 0.1)} Z", fill=BLACK)
        for i in range(9):
            x = CX - fw * 0.7 + i * fw * 0.18
            s.path(f"M {f1(CX - fw * 0.25)} {f1(top - 20)} Q {f1(x)} {f1(top - 20)} {f1(x + 12)} {f1(top + 28)}",
                   fill=None, stroke=PAPER, sw=3)
    elif kind == "long":
        s.path(f"M {f1(CX - fw * 1.05)} {f1(CY - fh * 0.4)} Q {f1(CX - fw * 1.4)} {f1(CY + fh * 0.6)} "
               f"{f1(CX - fw * 1.35)} {f1(CY + fh * 1.15)} L {f1(CX - fw * 0.85)} {f1(CY + fh * 1.0)} "
               f"Q {f1(CX - fw * 1.0)} {f1(CY + fh * 0.4)} {f1(CX - fw * 0.95)} {f1(CY - fh * 0.3)} Z "
               f"M {f1(CX + fw * 1.05)} {f1(CY - fh * 0.4)} Q {f1(CX + fw * 1.4)} {f1(CY + fh * 0.6)} "
               f"{f1(CX + fw * 1.35)} {f1(CY + fh * 1.15)} L {f1(CX + fw * 0.85)} {f1(CY + fh * 1.0)} "
               f"Q {f1(CX + fw * 1.0)} {f1(CY + fh * 0.4)} {f1(CX + fw * 0.95)} {f1(CY - fh * 0.3)} Z", fill=BLACK)
        for side in (-1, 1):
            for k in range(5):
                x = CX + side * fw * (1.05 + k * 0.06)
                s.path(f"M {f1(x)} {f1(CY - fh * 0.2)} q {f1(side * 20)} {f1(fh * 0.6)} {f1(side * 14)} {f1(fh * 1.2)}",
                       fill=None, stroke=PAPER, sw=3)
        hair(s, f, "parted")


def hat(s: Svg, f: Face, kind: str, accent: str = RED, ribbon: str = "") -> None:
    fw, fh = f.fw, f.fh
    top = CY - fh
    if kind == "kepka":
        s.path(f"M {f1(CX - fw * 1.08)} {f1(CY - fh * 0.38)} Q {f1(CX - fw * 1.2)} {f1(top - 70)} {f1(CX)} {f1(top - 74)} "
               f"Q {f1(CX + fw * 1.3)} {f1(top - 60)} {f1(CX + fw * 1.16)} {f1(CY - fh * 0.45)} "
               f"Q {f1(CX)} {f1(CY - fh * 0.58)} {f1(CX - fw * 1.08)} {f1(CY - fh * 0.38)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 1.0)} {f1(CY - fh * 0.42)} Q {f1(CX)} {f1(CY - fh * 0.62)} {f1(CX + fw * 1.25)} "
               f"{f1(CY - fh * 0.4)} Q {f1(CX + fw * 0.9)} {f1(CY - fh * 0.22)} {f1(CX)} {f1(CY - fh * 0.32)} "
               f"Q {f1(CX - fw * 0.7)} {f1(CY - fh * 0.3)} {f1(CX - fw * 1.0)} {f1(CY - fh * 0.42)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 0.8)} {f1(top - 30)} Q {f1(CX)} {f1(top - 60)} {f1(CX + fw * 0.9)} {f1(top - 30)}",
               fill=None, stroke=PAPER, sw=4)
        s.circle(CX, top - 68, 8, fill=PAPER)
    elif kind in ("cap", "cadet"):
        s.path(f"M {f1(CX - fw * 0.98)} {f1(CY - fh * 0.5)} L {f1(CX - fw * 1.35)} {f1(top - 40)} "
               f"Q {f1(CX)} {f1(top - 90)} {f1(CX + fw * 1.35)} {f1(top - 40)} L {f1(CX + fw * 0.98)} {f1(CY - fh * 0.5)} Z",
               fill=BLACK)
        s.rect(CX - fw * 1.0, CY - fh * 0.62, fw * 2.0, fh * 0.14, fill=accent if kind == "cap" else BLACK)
        s.path(f"M {f1(CX - fw * 0.95)} {f1(CY - fh * 0.48)} Q {f1(CX)} {f1(CY - fh * 0.62)} {f1(CX + fw * 0.95)} "
               f"{f1(CY - fh * 0.48)} Q {f1(CX + fw * 0.6)} {f1(CY - fh * 0.26)} {f1(CX)} {f1(CY - fh * 0.3)} "
               f"Q {f1(CX - fw * 0.6)} {f1(CY - fh * 0.26)} {f1(CX - fw * 0.95)} {f1(CY - fh * 0.48)} Z", fill=BLACK)
        s.ellipse(CX, CY - fh * 0.55, 16, 20, fill=PAPER if kind == "cadet" else BLACK, stroke=BLACK, sw=4)
        if kind == "cadet":
            s.ellipse(CX, CY - fh * 0.55, 7, 9, fill=accent)
    elif kind == "papakha":
        s.path(f"M {f1(CX - fw * 1.05)} {f1(CY - fh * 0.4)} L {f1(CX - fw * 1.1)} {f1(top - 110)} "
               f"Q {f1(CX)} {f1(top - 140)} {f1(CX + fw * 1.1)} {f1(top - 110)} L {f1(CX + fw * 1.05)} {f1(CY - fh * 0.4)} Z",
               fill=BLACK)
        rnd = random.Random(3)
        for _ in range(60):
            x = CX + rnd.uniform(-1, 1) * fw * 0.95
            y = rnd.uniform(top - 110, CY - fh * 0.5)
            s.path(f"M {f1(x)} {f1(y)} q 4 6 0 12", fill=None, stroke=PAPER, sw=2.5)
    elif kind == "sailor":
        s.path(f"M {f1(CX - fw * 1.0)} {f1(CY - fh * 0.45)} L {f1(CX - fw * 1.0)} {f1(CY - fh * 0.78)} "
               f"L {f1(CX + fw * 1.0)} {f1(CY - fh * 0.78)} L {f1(CX + fw * 1.0)} {f1(CY - fh * 0.45)} "
               f"Q {f1(CX)} {f1(CY - fh * 0.56)} {f1(CX - fw * 1.0)} {f1(CY - fh * 0.45)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 1.45)} {f1(CY - fh * 0.8)} Q {f1(CX)} {f1(top - 110)} {f1(CX + fw * 1.45)} "
               f"{f1(CY - fh * 0.8)} Q {f1(CX)} {f1(CY - fh * 0.7)} {f1(CX - fw * 1.45)} {f1(CY - fh * 0.8)} Z",
               fill=BLACK)
        s.text(CX, CY - fh * 0.5, ribbon, size=36, fill=PAPER, weight="bold", anchor="middle",
               spacing=6)
        # ribbons
        for k, dx in enumerate((-1.0, -0.9)):
            s.path(f"M {f1(CX + fw * dx)} {f1(CY - fh * 0.5)} Q {f1(CX + fw * (dx - 0.5))} {f1(CY + fh * 0.4)} "
                   f"{f1(CX + fw * (dx - 0.25))} {f1(CY + fh * 1.3 + k * 30)}", fill=None, stroke=BLACK, sw=16)
    elif kind == "wide":
        s.path(f"M {f1(CX - fw * 2.0)} {f1(CY - fh * 0.62)} Q {f1(CX)} {f1(CY - fh * 0.95)} {f1(CX + fw * 2.0)} "
               f"{f1(CY - fh * 0.62)} Q {f1(CX)} {f1(CY - fh * 0.5)} {f1(CX - fw * 2.0)} {f1(CY - fh * 0.62)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 1.02)} {f1(CY - fh * 0.72)} Q {f1(CX - fw * 1.1)} {f1(top - 80)} {f1(CX)} {f1(top - 84)} "
               f"Q {f1(CX + fw * 1.1)} {f1(top - 80)} {f1(CX + fw * 1.02)} {f1(CY - fh * 0.72)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 1.0)} {f1(CY - fh * 0.8)} Q {f1(CX)} {f1(CY - fh * 0.98)} {f1(CX + fw * 1.0)} {f1(CY - fh * 0.8)}",
               fill=None, stroke=PAPER, sw=6)
    elif kind == "homburg":
        homburg(s, f)
    elif kind == "headscarf":
        headscarf(s, f, accent)
    elif kind == "fedora":
        s.path(f"M {f1(CX - fw * 1.6)} {f1(CY - fh * 0.6)} Q {f1(CX)} {f1(CY - fh * 0.9)} {f1(CX + fw * 1.6)} "
               f"{f1(CY - fh * 0.66)} Q {f1(CX)} {f1(CY - fh * 0.46)} {f1(CX - fw * 1.6)} {f1(CY - fh * 0.6)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 1.0)} {f1(CY - fh * 0.7)} L {f1(CX - fw * 0.95)} {f1(top - 60)} Q {f1(CX - fw * 0.3)} {f1(top - 90)} "
               f"{f1(CX)} {f1(top - 50)} Q {f1(CX + fw * 0.3)} {f1(top - 90)} {f1(CX + fw * 0.95)} {f1(top - 60)} "
               f"L {f1(CX + fw * 1.0)} {f1(CY - fh * 0.7)} Z", fill=BLACK)
        s.path(f"M {f1(CX - fw * 0.98)} {f1(CY - fh * 0.76)} Q {f1(CX)} {f1(CY - fh * 0.9)} {f1(CX + fw * 0.98)} {f1(CY - fh * 0.78)}",
               fill=None, stroke=PAPER, sw=5)


def homburg(s: Svg, f: Face) -> None:
    """A soft felt hat with a dented crown and the brim turned up at the sides, pulled down
    against the rain: the town councillor's hat, not the correspondent's jaunty fedora."""
    fw, fh = f.fw, f.fh
    top = CY - fh
    brim_y = CY - fh * 0.64
    s.path(f"M {f1(CX - fw * 1.42)} {f1(brim_y - 34)} Q {f1(CX - fw * 1.3)} {f1(brim_y + 6)} {f1(CX)} {f1(brim_y + 22)} "
           f"Q {f1(CX + fw * 1.3)} {f1(brim_y + 6)} {f1(CX + fw * 1.42)} {f1(brim_y - 34)} "
           f"Q {f1(CX + fw * 1.2)} {f1(brim_y - 20)} {f1(CX)} {f1(brim_y - 24)} "
           f"Q {f1(CX - fw * 1.2)} {f1(brim_y - 20)} {f1(CX - fw * 1.42)} {f1(brim_y - 34)} Z", fill=BLACK)
    s.path(f"M {f1(CX - fw * 0.96)} {f1(brim_y - 16)} Q {f1(CX - fw * 1.02)} {f1(top - 70)} {f1(CX - fw * 0.4)} {f1(top - 84)} "
           f"Q {f1(CX)} {f1(top - 60)} {f1(CX + fw * 0.4)} {f1(top - 84)} Q {f1(CX + fw * 1.02)} {f1(top - 70)} "
           f"{f1(CX + fw * 0.96)} {f1(brim_y - 16)} Z", fill=BLACK)
    # the dent down the crown, the band, and the wet sheen on the turned-up brim, carved in white
    s.path(f"M {f1(CX - fw * 0.1)} {f1(top - 66)} Q {f1(CX)} {f1(top - 30)} {f1(CX + fw * 0.06)} {f1(top + 4)}",
           fill=None, stroke=PAPER, sw=4)
    s.path(f"M {f1(CX - fw * 0.95)} {f1(brim_y - 40)} Q {f1(CX)} {f1(brim_y - 52)} {f1(CX + fw * 0.95)} {f1(brim_y - 40)}",
           fill=None, stroke=PAPER, sw=6)
    for side in (-1, 1):
        s.path(f"M {f1(CX + side * fw * 1.36)} {f1(brim_y - 30)} Q {f1(CX + side * fw * 1.2)} {f1(brim_y - 2)} "
               f"{f1(CX + side * fw * 0.7)} {f1(brim_y + 10)}", fill=None, stroke=PAPER, sw=3)
        for k in range(4):
            x = CX + side * fw * (0.35 + 0.13 * k)
            s.line(x, top - 50 + k * 8, x + side * 6, brim_y - 56, stroke=PAPER, sw=2.5)


def headscarf(s: Svg, f: Face, accent: str = RED) -> None:
    """A dark woollen platok over the head and tied under the chin, with a printed border; a
    strip of parted hair shows above the brow."""
    fw, fh, j = f.fw, f.fh, f.jaw
    # the hair under it, parted in the middle and drawn back
    s.path(f"M {f1(CX - fw * 0.9)} {f1(CY - fh * 0.42)} Q {f1(CX - fw * 0.6)} {f1(CY - fh * 0.78)} {f1(CX)} {f1(CY - fh * 0.72)} "
           f"Q {f1(CX + fw * 0.6)} {f1(CY - fh * 0.78)} {f1(CX + fw * 0.9)} {f1(CY - fh * 0.42)} "
           f"Q {f1(CX + fw * 0.5)} {f1(CY - fh * 0.58)} {f1(CX)} {f1(CY - fh * 0.54)} "
           f"Q {f1(CX - fw * 0.5)} {f1(CY - fh * 0.58)} {f1(CX - fw * 0.9)} {f1(CY - fh * 0.42)} Z", fill=BLACK)
    for side in (-1, 1):
        for k in range(4):
            s.path(f"M {f1(CX + side * 6)} {f1(CY - fh * 0.68)} Q {f1(CX + side * fw * (0.3 + 0.12 * k))} "
                   f"{f1(CY - fh * (0.7 - 0.02 * k))} {f1(CX + side * fw * (0.55 + 0.1 * k))} {f1(CY - fh * (0.5 - 0.02 * k))}",
                   fill=None, stroke=PAPER, sw=2.5)
    opening = (f"M {f1(CX - fw * 0.9)} {f1(CY - fh * 0.1)} C {f1(CX - fw * 0.92)} {f1(CY - fh * 0.58)} "
               f"{f1(CX - fw * 0.6)} {f1(CY - fh * 0.74)} {f1(CX)} {f1(CY - fh * 0.74)} "
               f"C {f1(CX + fw * 0.6)} {f1(CY - fh * 0.74)} {f1(CX + fw * 0.92)} {f1(CY - fh * 0.58)} {f1(CX + fw * 0.9)} {f1(CY - fh * 0.1)} "
               f"C {f1(CX + fw * 0.9)} {f1(CY + fh * 0.4)} {f1(CX + fw * j)} {f1(CY + fh * 0.86)} {f1(CX)} {f1(CY + fh * 1.04)} "
               f"C {f1(CX - fw * j)} {f1(CY + fh * 0.86)} {f1(CX - fw * 0.9)} {f1(CY + fh * 0.4)} {f1(CX - fw * 0.9)} {f1(CY - fh * 0.1)} Z")
    outer = (f"M {f1(CX)} {f1(CY + fh * 1.16)} C {f1(CX - fw * 0.9)} {f1(CY + fh * 1.08)} {f1(CX - fw * 1.3)} {f1(CY + fh * 0.5)} "
             f"{f1(CX - fw * 1.3)} {f1(CY - fh * 0.2)} C {f1(CX - fw * 1.3)} {f1(CY - fh * 0.95)} {f1(CX - fw * 0.75)} "
             f"{f1(CY - fh * 1.24)} {f1(CX)} {f1(CY - fh * 1.24)} C {f1(CX + fw * 0.75)} {f1(CY - fh * 1.24)} "
             f"{f1(CX + fw * 1.4)} {f1(CY - fh * 0.95)} {f1(CX + fw * 1.4)} {f1(CY - fh * 0.2)} "
             f"C {f1(CX + fw * 1.4)} {f1(CY + fh * 0.5)} {f1(CX + fw * 0.9)} {f1(CY + fh * 1.08)} {f1(CX)} {f1(CY + fh * 1.16)} Z")
    s.path(outer + " " + opening, fill=BLACK, extra='fill-rule="evenodd"')
    # folds of the wool, carved in white, running from the crown to the knot
    for side in (-1, 1):
        for k in range(3):
            s.path(f"M {f1(CX + side * fw * (0.3 + 0.25 * k))} {f1(CY - fh * (1.18 - 0.06 * k))} "
                   f"Q {f1(CX + side * fw * (1.12 + 0.04 * k))} {f1(CY - fh * 0.5)} {f1(CX + side * fw * (0.98 + 0.08 * k))} "
                   f"{f1(CY + fh * (0.5 + 0.12 * k))}", fill=None, stroke=PAPER, sw=3.5)
    # the printed border of the shawl: a white rule and a row of red flowers along its edge
    border = (f"M {f1(CX - fw * 1.06)} {f1(CY + fh * 0.62)} C {f1(CX - fw * 1.2)} {f1(CY + fh * 0.3)} {f1(CX - fw * 1.2)} "
              f"{f1(CY - fh * 0.2)} {f1(CX - fw * 1.2)} {f1(CY - fh * 0.2)} C {f1(CX - fw * 1.2)} {f1(CY - fh * 0.88)} "
              f"{f1(CX - fw * 0.7)} {f1(CY - fh * 1.14)} {f1(CX)} {f1(CY - fh * 1.14)} C {f1(CX + fw * 0.7)} {f1(CY - fh * 1.14)} "
              f"{f1(CX + fw * 1.2)} {f1(CY - fh * 0.88)} {f1(CX + fw * 1.2)} {f1(CY - fh * 0.2)} C {f1(CX + fw * 1.2)} "
              f"{f1(CY + fh * 0.3)} {f1(CX + fw * 1.2)} {f1(CY + fh * 0.3)} {f1(CX + fw * 1.06)} {f1(CY + fh * 0.62)}")
    s.path(border, fill=None, stroke=PAPER, sw=3)
    for k in range(11):
        a = math.pi * (0.86 + 1.28 * k / 10)
        x = CX + fw * 1.2 * math.cos(a)
        y = CY - fh * 0.2 + fh * 0.92 * math.sin(a)
        s.circle(x, y, 8, fill=accent)
        s.circle(x, y, 2.5, fill=PAPER)
    # the knot under the chin and its two ends
    s.path(f"M {f1(CX - 30)} {f1(CY + fh * 1.08)} Q {f1(CX)} {f1(CY + fh * 1.0)} {f1(CX + 30)} {f1(CY + fh * 1.08)} "
           f"Q {f1(CX + 34)} {f1(CY + fh * 1.26)} {f1(CX)} {f1(CY + fh * 1.28)} Q {f1(CX - 34)} {f1(CY + fh * 1.26)} "
           f"{f1(CX - 30)} {f1(CY + fh * 1.08)} Z", fill=BLACK, stroke=PAPER, sw=4)
    for side in (-1, 1):
        s.path(f"M {f1(CX + side * 20)} {f1(CY + fh * 1.22)} L {f1(CX + side * 90)} {f1(CY + fh * 1.62)} "
               f"L {f1(CX + side * 40)} {f1(CY + fh * 1.66)} L {f1(CX + side * 4)} {f1(CY + fh * 1.26)} Z",
               fill=BLACK, stroke=PAPER, sw=4)


def wig(s: Svg, f: Face) -> None:
    """Thick hair that is not his own, bushing out from under the cap over the temples and ears."""
    fw, fh = f.fw, f.fh
    for side in (-1, 1):
        s.path(f"M {f1(CX + side * fw * 0.7)} {f1(CY - fh * 0.42)} "
               f"Q {f1(CX + side * fw * 1.42)} {f1(CY - fh * 0.5)} {f1(CX + side * fw * 1.34)} {f1(CY + fh * 0.02)} "
               f"Q {f1(CX + side * fw * 1.36)} {f1(CY + fh * 0.22)} {f1(CX + side * fw * 1.08)} {f1(CY + fh * 0.2)} "
               f"Q {f1(CX + side * fw * 1.0)} {f1(CY - fh * 0.1)} {f1(CX + side * fw * 0.74)} {f1(CY - fh * 0.24)} Z",
               fill=BLACK)
        for k in range(5):   # carved locks
            y = CY - fh * (0.36 - 0.1 * k)
            s.path(f"M {f1(CX + side * fw * 0.92)} {f1(y)} q {f1(side * 26)} 8 {f1(side * 36)} 34", fill=None,
                   stroke=PAPER, sw=4)
    # a fringe over the forehead: the famous dome is hidden
    s.path(f"M {f1(CX - fw * 0.9)} {f1(CY - fh * 0.4)} Q {f1(CX - fw * 0.4)} {f1(CY - fh * 0.16)} {f1(CX + fw * 0.1)} "
           f"{f1(CY - fh * 0.3)} Q {f1(CX + fw * 0.6)} {f1(CY - fh * 0.18)} {f1(CX + fw * 0.92)} {f1(CY - fh * 0.4)} Z",
           fill=BLACK)
    for k in range(6):
        x = CX - fw * 0.7 + k * fw * 0.3
        s.path(f"M {f1(x)} {f1(CY - fh * 0.4)} q 6 20 -4 34", fill=None, stroke=PAPER, sw=3)


def glasses(s: Svg, f: Face, kind: str) -> None:
    ey = CY - f.fh * 0.06
    t = f.turn * 10
    r = 36 if kind == "round" else 33
    for side in (-1, 1):
        ex = CX + side * f.fw * 0.42 + t
        s.ellipse(ex, ey - 2, r, r * 0.82, fill=None, stroke=BLACK, sw=6)
        s.ellipse(ex - 10, ey - 14, 8, 5, fill=PAPER)
    s.path(f"M {f1(CX - f.fw * 0.42 + r + t)} {f1(ey - 8)} Q {f1(CX + t)} {f1(ey - 24)} {f1(CX + f.fw * 0.42 - r + t)} {f1(ey - 8)}",
           fill=None, stroke=BLACK, sw=5)
    if kind == "pince":
        s.path(f"M {f1(CX - f.fw * 0.42 - r + t)} {f1(ey)} Q {f1(CX - f.fw * 1.2)} {f1(CY + f.fh * 0.9)} "
               f"{f1(CX - f.fw * 0.7)} {f1(CY + f.fh * 1.6)}", fill=None, stroke=BLACK, sw=3)
    else:
        for side in (-1, 1):
            s.line(CX + side * (f.fw * 0.42 + r) + t, ey - 4, CX + side * f.fw * 1.02, ey - 14, stroke=BLACK, sw=5)


def clothes(s: Svg, kind: str, accent: str = RED) -> None:
    """Shoulders and chest from the neck down to the bottom edge."""
    neck_y = CY + 190
    s.path(f"M {CX - 78} {neck_y - 80} L {CX - 84} {neck_y + 70} L {CX + 84} {neck_y + 70} L {CX + 78} {neck_y - 80} Z",
           fill=PAPER, stroke=BLACK, sw=7)
    s.path(f"M {CX + 24} {neck_y - 70} L {CX + 78} {neck_y - 70} L {CX + 84} {neck_y + 70} L {CX + 30} {neck_y + 70} Z",
           fill="url(#hatch)")
    body = (f"M 40 {PH + 20} L 60 {neck_y + 300} Q 70 {neck_y + 130} {CX - 300} {neck_y + 100} "
            f"L {CX - 100} {neck_y + 40} L {CX + 100} {neck_y + 40} L {CX + 300} {neck_y + 100} "
            f"Q {PW - 70} {neck_y + 130} {PW - 60} {neck_y + 300} L {PW - 40} {PH + 20} Z")
    s.path(body, fill=BLACK)
    ny = neck_y + 50
    if kind == "overcoat":
        overcoat(s, accent)
    elif kind == "apron":
        apron(s)
    elif kind in ("suit", "frock", "worker"):
        s.path(f"M {CX - 74} {ny - 10} L {CX} {ny + 200} L {CX + 74} {ny - 10} L {CX + 40} {ny - 30} L {CX} {ny + 40} "
               f"L {CX - 40} {ny - 30} Z", fill=PAPER)
        if kind == "frock":
            s.path(f"M {CX - 60} {ny - 24} L {CX - 20} {ny - 4} L {CX - 70} {ny + 10} Z M {CX + 60} {ny - 24} "
                   f"L {CX + 20} {ny - 4} L {CX + 70} {ny + 10} Z", fill=PAPER, stroke=BLACK, sw=4)
            s.path(f"M {CX - 34} {ny + 4} L {CX} {ny + 18} L {CX + 34} {ny + 4} L {CX + 34} {ny + 34} L {CX} {ny + 20} "
                   f"L {CX - 34} {ny + 34} Z", fill=BLACK)
        elif kind == "suit":
            s.path(f"M {CX - 14} {ny + 30} L {CX + 14} {ny + 30} L {CX + 22} {ny + 170} L {CX} {ny + 196} L {CX - 22} {ny + 170} Z",
                   fill=BLACK)
            s.path(f"M {CX - 18} {ny + 6} L {CX + 18} {ny + 6} L {CX + 12} {ny + 34} L {CX - 12} {ny + 34} Z", fill=BLACK)
        else:
            s.path(f"M {CX - 80} {ny - 10} Q {CX} {ny + 60} {CX + 80} {ny - 10} L {CX + 100} {ny + 30} Q {CX} {ny + 110} "
                   f"{CX - 100} {ny + 30} Z", fill=accent)
        # lapels carved in white line
        for side in (-1, 1):
            s.path(f"M {CX + side * 80} {ny - 10} L {CX + side * 150} {ny + 120} L {CX + side * 60} {ny + 240}",
                   fill=None, stroke=PAPER, sw=6)
    elif kind == "tunic":
        s.path(f"M {CX - 90} {ny - 30} L {CX + 90} {ny - 30} L {CX + 90} {ny + 20} L {CX - 90} {ny + 20} Z", fill=BLACK,
               stroke=PAPER, sw=4)
        for side in (-1, 1):
            px = CX + side * 170
            s.rect(px - 70, ny + 120, 140, 120, fill=None, stroke=PAPER, sw=6)
            s.path(f"M {px - 74} {ny + 120} L {px + 74} {ny + 120} L {px + 70} {ny + 160} L {px} {ny + 176} L {px - 70} {ny + 160} Z",
                   fill=None, stroke=PAPER, sw=6)
            s.circle(px, ny + 160, 8, fill=PAPER)
        s.line(CX, ny + 20, CX, PH, stroke=PAPER, sw=5)
    elif kind in ("greatcoat", "cadet"):
        s.path(f"M {CX - 110} {ny - 30} L {CX} {ny + 60} L {CX + 110} {ny - 30} L {CX + 150} {ny + 20} L {CX} {ny + 140} "
               f"L {CX - 150} {ny + 20} Z", fill=BLACK, stroke=PAPER, sw=5)
        for side in (-1, 1):
            s.path(f"M {CX + side * 40} {ny + 70} L {CX + side * 90} {ny + 20} L {CX + side * 110} {ny + 50} L {CX + side * 60} {ny + 100} Z",
                   fill=accent if kind == "greatcoat" else PAPER)
            s.path(f"M {CX + side * 250} {ny + 40} L {CX + side * 400} {ny + 90} L {CX + side * 395} {ny + 130} L {CX + side * 245} {ny + 80} Z",
                   fill=PAPER if kind == "cadet" else BLACK, stroke=PAPER, sw=4)
        for k in range(4):
            s.circle(CX - 40, ny + 180 + k * 80, 11, fill=PAPER)
            s.circle(CX + 40, ny + 180 + k * 80, 11, fill=PAPER)
    elif kind == "leather":
        s.path(f"M {CX - 100} {ny - 30} L {CX} {ny + 80} L {CX + 100} {ny - 30} L {CX + 200} {ny + 40} L {CX + 30} {ny + 260} "
               f"L {CX - 200} {ny + 40} Z", fill=BLACK, stroke=PAPER, sw=5)
        s.path(f"M {CX - 60} {ny - 10} L {CX} {ny + 60} L {CX + 60} {ny - 10}", fill=PAPER)
        rnd = random.Random(9)
        for _ in range(16):
            x = rnd.uniform(60, 940)
            y = rnd.uniform(ny + 80, PH)
            s.path(f"M {f1(x)} {f1(y)} q {f1(rnd.uniform(20, 50))} -10 {f1(rnd.uniform(50, 90))} {f1(rnd.uniform(-20, 20))}",
                   fill=None, stroke=PAPER, sw=4, opacity=0.9)
        s.path(f"M {CX + 260} {ny + 40} L {CX - 200} {PH}", fill=None, stroke=PAPER, sw=12)
        s.path(f"M {CX + 260} {ny + 40} L {CX - 200} {PH}", fill=None, stroke=BLACK, sw=6)
    elif kind == "sailor":
        s.path(f"M {CX - 80} {ny - 20} L {CX} {ny + 150} L {CX + 80} {ny - 20} Z", fill=PAPER)
        s.add(f'<g clip-path="url(#vneck)">')
        s.define("vneck", f'<clipPath id="vneck"><path d="M {CX - 80} {ny - 20} L {CX} {ny + 150} L {CX + 80} {ny - 20} Z"/></clipPath>')
        for k in range(8):
            s.rect(CX - 90, ny - 10 + k * 22, 180, 10, fill=BLACK)
        s.add("</g>")
        for side in (-1, 1):
            s.path(f"M {CX + side * 80} {ny - 20} L {CX + side * 200} {ny + 40} L {CX + side * 20} {ny + 240}",
                   fill=None, stroke=PAPER, sw=8)
        # crossed machine-gun belts
        for side in (-1, 1):
            s.path(f"M {CX + side * 320} {ny + 20} L {CX - side * 260} {PH}", fill=None, stroke=PAPER, sw=40)
            s.path(f"M {CX + side * 320} {ny + 20} L {CX - side * 260} {PH}", fill=None, stroke=BLACK, sw=26,
                   extra='stroke-dasharray="10 8"')


def overcoat(s: Svg, accent: str = RED) -> None:
    """A good dark overcoat gone shabby, double-breasted, its collar turned up against the rain;
    shirt collar and tie at the throat, the enamel badge of a deputy (glasny) on the lapel."""
    ny = CY + 240
    s.path(f"M {CX - 70} {ny - 10} L {CX} {ny + 150} L {CX + 70} {ny - 10} L {CX + 40} {ny - 30} L {CX} {ny + 30} "
           f"L {CX - 40} {ny - 30} Z", fill=PAPER)
    s.path(f"M {CX - 14} {ny + 24} L {CX + 14} {ny + 24} L {CX + 20} {ny + 130} L {CX} {ny + 150} L {CX - 20} {ny + 130} Z",
           fill=BLACK)
    s.path(f"M {CX - 18} {ny + 2} L {CX + 18} {ny + 2} L {CX + 12} {ny + 28} L {CX - 12} {ny + 28} Z", fill=BLACK)
    for side in (-1, 1):
        # the turned-up collar stands beside the jaw
        s.path(f"M {CX + side * 74} {ny - 6} L {CX + side * 150} {ny - 150} L {CX + side * 290} {ny - 40} "
               f"L {CX + side * 250} {ny + 60} Z", fill=BLACK, stroke=PAPER, sw=6)
        s.path(f"M {CX + side * 120} {ny - 90} L {CX + side * 230} {ny - 20}", fill=None, stroke=PAPER, sw=3)
        # lapel and the edge of the double front
        s.path(f"M {CX + side * 74} {ny - 6} L {CX + side * 160} {ny + 170} L {CX + side * 40} {ny + 330} L {CX + side * 40} {PH}",
               fill=None, stroke=PAPER, sw=6)
        for k in range(3):
            s.circle(CX + side * 110, ny + 380 + k * 90, 13, fill=BLACK, stroke=PAPER, sw=4)
    # wear: the nap rubbed off at the lapel's edge and the shoulder seams
    rnd = random.Random(41)
    for _ in range(14):
        x = rnd.choice((rnd.uniform(120, 300), rnd.uniform(700, 880)))
        y = rnd.uniform(ny + 60, ny + 300)
        s.path(f"M {f1(x)} {f1(y)} q 10 4 18 -2", fill=None, stroke=PAPER, sw=2.5)
    bx, by = CX + 190, ny + 120       # the badge
    s.ellipse(bx, by, 24, 32, fill=PAPER, stroke=BLACK, sw=4)
    s.ellipse(bx, by, 15, 22, fill=accent)
    s.path(f"M {bx - 7} {by - 6} L {bx} {by - 14} L {bx + 7} {by - 6} L {bx + 7} {by + 10} L {bx - 7} {by + 10} Z",
           fill=PAPER)


def apron(s: Svg) -> None:
    """A dark wool dress with a high plain neck, and a bib apron over it with a deep pocket."""
    ny = CY + 240
    s.path(f"M {CX - 80} {ny - 14} Q {CX} {ny + 40} {CX + 80} {ny - 14}", fill=None, stroke=PAPER, sw=5)
    bib = (f"M {CX - 150} {ny + 110} L {CX + 150} {ny + 110} L {CX + 170} {ny + 270} Q {CX + 260} {ny + 290} "
           f"{CX + 290} {PH} L {CX - 290} {PH} Q {CX - 260} {ny + 290} {CX - 170} {ny + 270} Z")
    s.path(bib, fill=PAPER, stroke=BLACK, sw=7)
    s.define("bibclip", f'<clipPath id="bibclip"><path d="{bib}"/></clipPath>')
    s.add('<g clip-path="url(#bibclip)">')
    s.rect(CX + 110, ny + 100, 200, PH, fill="url(#hatch)")           # the shadow side
    for k in range(5):                                                 # the folds of the skirt part
        x = CX - 200 + k * 90
        s.path(f"M {x} {ny + 300} Q {x + 14} {ny + 400} {x - 6} {PH}", fill=None, stroke=BLACK, sw=4)
    s.add("</g>")
    s.path(f"M {CX - 170} {ny + 270} Q {CX} {ny + 290} {CX + 170} {ny + 270}", fill=None, stroke=BLACK, sw=10)  # the waist tie
    for side in (-1, 1):      # the straps over the shoulders
        s.path(f"M {CX + side * 140} {ny + 112} L {CX + side * 220} {ny + 4}", fill=None, stroke=PAPER, sw=26)
        s.path(f"M {CX + side * 140} {ny + 112} L {CX + side * 220} {ny + 4}", fill=None, stroke=BLACK, sw=4)
    s.path(f"M {CX - 250} {ny + 330} L {CX - 70} {ny + 330} L {CX - 74} {ny + 440} L {CX - 246} {ny + 440} Z",
           fill=None, stroke=BLACK, sw=7)                              # the deep pocket
    s.path(f"M {CX - 244} {ny + 346} L {CX - 76} {ny + 346}", fill=None, stroke=BLACK, sw=3,
           extra='stroke-dasharray="10 8"')


def forearm(s: Svg, elbow: tuple[float, float], wrist: tuple[float, float], width: float = 100,
            skin: str = RED) -> None:
    """A bare forearm with the sleeve rolled to the elbow and a fist: chapped, reddened hands."""
    (ax, ay), (bx, by) = elbow, wrist
    ln = math.hypot(bx - ax, by - ay)
    ux, uy = (bx - ax) / ln, (by - ay) / ln
    nx, ny = -uy, ux
    hw = width / 2
    arm = [(ax + nx * hw, ay + ny * hw), (bx + nx * hw * 0.8, by + ny * hw * 0.8),
           (bx - nx * hw * 0.8, by - ny * hw * 0.8), (ax - nx * hw, ay - ny * hw)]
    d = "M " + " L ".join(f"{f1(x)} {f1(y)}" for x, y in arm) + " Z"
    s.path(d, fill=skin, stroke=BLACK, sw=7)
    s.path(f"M {f1(ax + nx * hw * 0.4)} {f1(ay + ny * hw * 0.4)} L {f1(bx + nx * hw * 0.4)} {f1(by + ny * hw * 0.4)} "
           f"L {f1(bx + nx * hw * 0.8)} {f1(by + ny * hw * 0.8)} L {f1(ax + nx * hw)} {f1(ay + ny * hw)} Z",
           fill="url(#hatchfine)")
    # the rolled sleeve: a thick band of dark wool round the elbow
    cx, cy = ax + ux * 40, ay + uy * 40
    cuff = [(cx + nx * (hw + 18) - ux * 60, cy + ny * (hw + 18) - uy * 60), (cx + nx * (hw + 18) + ux * 30, cy + ny * (hw + 18) + uy * 30),
            (cx - nx * (hw + 18) + ux * 30, cy - ny * (hw + 18) + uy * 30), (cx - nx * (hw + 18) - ux * 60, cy - ny * (hw + 18) - uy * 60)]
    s.path("M " + " L ".join(f"{f1(x)} {f1(y)}" for x, y in cuff) + " Z", fill=BLACK, stroke=PAPER, sw=5)
    for k in (-30, 0):
        s.line(cx + ux * k + nx * (hw + 10), cy + uy * k + ny * (hw + 10), cx + ux * k - nx * (hw + 10),
               cy + uy * k - ny * (hw + 10), stroke=PAPER, sw=3)
    # the fist: knuckles towards us, four fingers cut in black, the thumb over them
    fx, fy = bx + ux * 44, by + uy * 44
    ang = math.degrees(math.atan2(uy, ux))
    s.add(f'<g transform="translate({f1(fx)} {f1(fy)}) rotate({f1(ang)})">')
    s.path("M -46 -52 Q 30 -62 52 -30 Q 62 0 52 30 Q 30 62 -46 52 Q -60 0 -46 -52 Z", fill=skin, stroke=BLACK, sw=7)
    for k in (-22, 0, 22):
        s.path(f"M 10 {k} Q 36 {k + 3} 54 {k + 2}", fill=None, stroke=BLACK, sw=5)
    s.path("M -30 -44 Q 10 -30 30 -6", fill=None, stroke=BLACK, sw=6)         # the thumb
    for k in (-33, -11, 11, 33):
        s.circle(40, k, 4, fill=PAPER)                                          # the knuckles' shine
    s.add("</g>")


def key_ring(s: Svg, x: float, y: float, r: float = 48) -> None:
    """An iron ring of door keys: the building's, front, side and yard."""
    s.circle(x, y, r, fill=None, stroke=BLACK, sw=10)
    s.circle(x, y, r, fill=None, stroke=PAPER, sw=2.5)
    for k, (a, ln) in enumerate(((60, 120), (85, 150), (110, 104), (135, 136))):
        ra = math.radians(a)
        kx, ky = x + r * math.cos(ra), y + r * math.sin(ra)
        ex, ey = kx + ln * math.cos(math.radians(a - 10 + k * 6)) * 0.4, ky + ln
        s.circle(kx, ky + 14, 16, fill=BLACK)
        s.circle(kx, ky + 14, 6, fill=PAPER)
        s.line(kx, ky + 28, ex, ey, stroke=BLACK, sw=9)
        dx = 1 if k % 2 else -1
        s.path(f"M {f1(ex)} {f1(ey - 26)} l {f1(dx * 22)} 0 l 0 10 l {f1(-dx * 10)} 0 l 0 8 l {f1(dx * 10)} 0 l 0 10 "
               f"l {f1(-dx * 22)} 0 Z", fill=BLACK)


def folded_paper(s: Svg, x: float, y: float, angle: float = -14) -> None:
    """A hand holding a paper folded in four: the motion he will put to the Duma."""
    s.add(f'<g transform="translate({f1(x)} {f1(y)}) rotate({f1(angle)})">')
    s.path("M -110 -70 L 110 -80 L 116 80 L -104 88 Z", fill=PAPER, stroke=BLACK, sw=7)
    s.line(2, -76, 6, 84, stroke=BLACK, sw=4)
    for k in range(5):
        s.line(-90, -44 + k * 24, -16, -46 + k * 24, stroke=BLACK, sw=3)
        s.line(22, -48 + k * 24, 96 - (40 if k == 4 else 0), -50 + k * 24, stroke=BLACK, sw=3)
    s.add("</g>")


def _hand_with_paper(s: Svg, x: float, y: float, angle: float = -14) -> None:
    """The paper held up from below: the cuff of the coat sleeve, the palm under the sheet, the
    thumb across its edge."""
    s.add(f'<g transform="translate({f1(x)} {f1(y)}) rotate({f1(angle)})">')
    s.path("M -190 260 L -150 90 L -30 110 L -60 290 Z", fill=BLACK, stroke=PAPER, sw=5)      # the sleeve
    s.path("M -160 100 Q -170 40 -120 40 L 60 60 Q 80 90 50 110 L -40 120 Z", fill=PAPER, stroke=BLACK, sw=7)  # the palm
    s.line(-150, 96, -40, 116, stroke=PAPER, sw=10)
    s.add("</g>")


def _thumb_on_paper(s: Svg, x: float, y: float, angle: float = -14) -> None:
    s.add(f'<g transform="translate({f1(x)} {f1(y)}) rotate({f1(angle)})">')
    s.path("M -140 70 Q -150 40 -120 32 Q -80 22 -50 36 Q -30 50 -50 62 Q -90 66 -120 84 Z", fill=PAPER,
           stroke=BLACK, sw=7)
    s.path("M -60 40 Q -48 48 -58 58", fill=None, stroke=BLACK, sw=4)                       # the nail
    s.add("</g>")


def rifle(s: Svg, side: int = 1) -> None:
    x0, y0 = CX + side * 380, PH + 40
    x1, y1 = CX + side * 300, 40
    s.line(x0, y0, x1 + side * 10, 380, stroke=BLACK, sw=26)
    s.line(x1 + side * 10, 380, x1, 180, stroke=BLACK, sw=12)
    s.path(f"M {x1 - 4} 182 L {x1 - side * 6} 0 L {x1 + 4} 182 Z", fill=BLACK)
    s.line(x1 + side * 10, 380, x1, 180, stroke=PAPER, sw=3)


def armband(s: Svg, side: int = -1, accent: str = RED, text: str = "") -> None:
    x = CX + side * 380
    s.path(f"M {x - 90} {PH - 190} L {x + 90} {PH - 230} L {x + 100} {PH - 140} L {x - 80} {PH - 100} Z", fill=accent)
    if text:
        s.text(x + 8, PH - 150, text, size=40, fill=PAPER, weight="bold", anchor="middle",
               extra=f'transform="rotate(-12 {x + 8} {PH - 160})"')


def rosette(s: Svg, x: float, y: float, accent: str = RED) -> None:
    s.path(f"M {x} {y} l -30 70 l 22 -8 l 8 30 Z M {x} {y} l 30 70 l -22 -8 l -8 30 Z", fill=accent)
    for k in range(10):
        a = 2 * math.pi * k / 10
        s.ellipse(x + 22 * math.cos(a), y + 22 * math.sin(a), 16, 9, fill=accent,
                  extra=f'transform="rotate({f1(math.degrees(a))} {f1(x + 22 * math.cos(a))} {f1(y + 22 * math.sin(a))})"')
    s.circle(x, y, 12, fill=PAPER)


def caption(s: Svg, text: str, sub: str = "") -> None:
    s.rect(0, PH - 96, PW, 96, fill=PAPER)
    s.rect(0, PH - 96, PW, 8, fill=BLACK)
    s.text(PW / 2, PH - 34 if not sub else PH - 44, text, size=46, weight="bold", anchor="middle",
           spacing=10)
    if sub:
        s.text(PW / 2, PH - 12, sub, size=22, style="italic", anchor="middle")


def portrait(title: str, desc: str, *, bg: str, hair_kind: str = "parted", hat_kind: str = "",
             beard_kind: str = "", moustache_kind: str = "", glasses_kind: str = "",
             dress: str = "suit", fw: float = 118, fh: float = 158, jaw: float = 0.72,
             brow: float = 0.0, age: float = 0.3, mouth: str = "firm", turn: float = 0.0,
             extras=(), label: str = "", sub: str = "", features: Features | None = None,
             ribbon: str = "") -> Svg:
    s = Svg(PW, PH, treatment="woodcut", focus=(0.5, 0.35), title=title, desc=desc)
    _defs(s)
    background(s, bg)
    f = Face(fw, fh, jaw, turn)
    if "rifle" in extras:
        rifle(s, 1)
    if hair_kind == "long":
        s.add(f'<g transform="translate({CX} {CY}) scale({HEAD}) translate({-CX} {-CY})">')
        hair(s, f, "long")
        s.add("</g>")
    clothes(s, dress)
    s.add(f'<g transform="translate({CX} {CY}) scale({HEAD}) translate({-CX} {-CY})">')
    if hat_kind != "headscarf":
        ears(s, f)
    if hair_kind == "wild":
        hair(s, f, "wild")
    face(s, f, brow=brow, age=age, mouth=mouth, features=features)
    if beard_kind:
        beard(s, f, beard_kind)
    if moustache_kind:
        moustache(s, f, moustache_kind)
    if hair_kind and hair_kind not in ("wild", "long") and not hat_kind:
        hair(s, f, hair_kind)
    elif hair_kind == "bald" and hat_kind:
        pass
    if hat_kind:
        if hair_kind not in ("bald", "wild", "long", ""):
            hair(s, f, hair_kind)
        hat(s, f, hat_kind, ribbon=ribbon)
    if "wig" in extras:
        wig(s, f)
    if glasses_kind:
        glasses(s, f, glasses_kind)
    s.add("</g>")
    if "armband" in extras:
        armband(s, -1)
    if "rosette" in extras:
        rosette(s, CX + 230, CY + 330)
    if "keys" in extras:
        forearm(s, (150, PH - 130), (395, PH - 255), width=118, skin=ink(0.0, 0.38))
        key_ring(s, 500, PH - 262)
        forearm(s, (850, PH - 120), (612, PH - 290), width=118, skin=ink(0.0, 0.38))
    if "paper" in extras:
        _hand_with_paper(s, 250, PH - 230)
        folded_paper(s, 250, PH - 230)
        _thumb_on_paper(s, 250, PH - 230)
    if "notebook" in extras:
        s.add('<g transform="rotate(-10 780 1000)">')
        s.rect(690, 900, 190, 250, fill=PAPER, stroke=BLACK, sw=8)
        for k in range(7):
            s.line(710, 950 + k * 26, 860, 950 + k * 26, stroke=BLACK, sw=3)
        s.line(880, 880, 760, 1120, stroke=RED, sw=14)
        s.add("</g>")
    if "mandate" in extras:
        s.add('<g transform="rotate(8 250 1000)">')
        s.rect(130, 880, 240, 170, fill=PAPER, stroke=BLACK, sw=8)
        s.text(250, 930, "МАНДАТЪ", size=30, weight="bold", anchor="middle")
        for k in range(3):
            s.line(150, 960 + k * 24, 350, 960 + k * 24, stroke=BLACK, sw=3)
        s.circle(320, 1010, 30, fill=None, stroke=RED, sw=6)
        s.add("</g>")
    if "holster" in extras:
        s.path(f"M 250 1000 L 330 980 L 360 1200 L 260 1200 Z", fill=BLACK, stroke=PAPER, sw=5)
    if label:
        caption(s, label, sub)
    return s


# --- The people -----------------------------------------------------------------------------

@scene("portraits/lenin")
def lenin() -> Svg:
    return portrait("Lenin", "Bald dome, short pointed beard and moustache, narrowed eyes; a dark "
                    "suit and tie against red rays.",
                    bg="rays", hair_kind="bald", beard_kind="goatee", moustache_kind="full",
                    dress="suit", fw=122, fh=160, jaw=0.7, brow=0.6, age=0.6, turn=0.4,
                    features=Features(eyes="narrow", gap=0.44, brows="knit", nose="broad", mouth_w=38, cheekbones=True, forehead=2),
                    label="ЛЕНИНЪ")


@scene("portraits/lenin_disguised")
def lenin_disguised() -> Svg:
    # August-October 1917, in hiding: the beard and moustache shaved off, a wig over the bald dome,
    # a worker's cap and coat. The same narrowed eyes and cheekbones as the Lenin of the posters.
    return portrait("Lenin in disguise", "Lenin in hiding, autumn 1917: clean-shaven, a wig of thick "
                    "hair under a worker's cap, a worker's coat and scarf.",
                    bg="plain", hair_kind="", hat_kind="kepka", dress="worker", extras=("wig",),
                    fw=122, fh=160, jaw=0.7, brow=0.6, age=0.6, turn=0.4,
                    features=Features(eyes="narrow", gap=0.44, brows="knit", nose="broad", mouth_w=38,
                                      cheekbones=True, forehead=0),
                    label="ЛЕНИНЪ", sub="въ подпольѣ, октябрь")


@scene("portraits/trotsky")
def trotsky() -> Svg:
    return portrait("Trotsky", "A shock of black hair, pince-nez, moustache and pointed beard.",
                    bg="rays", hair_kind="wild", beard_kind="goatee", moustache_kind="full",
                    glasses_kind="pince", dress="suit", fw=112, fh=158, jaw=0.66, brow=0.5,
                    age=0.3, mouth="open", features=Features(eyes="round", gap=0.4, brows="thick", nose="hooked", mouth_w=40, lips="full", chin=""),
                    label="ТРОЦКІЙ")


@scene("portraits/kerensky")
def kerensky() -> Svg:
    return portrait("Kerensky", "Brush-cut hair, a long clean-shaven face, the buttoned military "
                    "tunic of the Minister-Chairman.",
                    bg="plain", hair_kind="crew", dress="tunic", fw=112, fh=172, jaw=0.62,
                    brow=-0.3, age=0.4, mouth="grim", features=Features(eyes="heavy", gap=0.4, brows="thin", nose="long", mouth_w=50, cheekbones=True, forehead=1),
                    label="КЕРЕНСКІЙ")


@scene("portraits/kamenev")
def kamenev() -> Svg:
    return portrait("Kamenev", "A broad, mild face; neat full beard, pince-nez, wavy hair.",
                    bg="disk", hair_kind="wavy", beard_kind="full", moustache_kind="full",
                    glasses_kind="pince", dress="suit", fw=128, fh=156, jaw=0.8, brow=-0.2,
                    age=0.4, features=Features(eyes="round", gap=0.44, brows="arch", nose="broad", mouth_w=42, lips="full"),
                    label="КАМЕНЕВЪ")


@scene("portraits/martov")
def martov() -> Svg:
    return portrait("Martov", "Thin and stooped, straggling beard, pince-nez, a scarf and a soft hat.",
                    bg="plain", hair_kind="parted", hat_kind="fedora", beard_kind="pointed",
                    moustache_kind="thin", glasses_kind="pince", dress="frock", fw=106, fh=160,
                    jaw=0.6, brow=-0.5, age=0.7, features=Features(eyes="deep", gap=0.4, brows="raised", nose="hooked", mouth_w=36, forehead=3),
                    label="МАРТОВЪ")


@scene("portraits/kishkin")
def kishkin() -> Svg:
    return portrait("Kishkin", "The Kadet minister appointed to restore order: full beard, "
                    "moustache, wing collar and frock coat.",
                    bg="plain", hair_kind="parted", beard_kind="full", moustache_kind="full",
                    dress="frock", fw=124, fh=160, jaw=0.8, brow=0.3, age=0.7, features=Features(eyes="heavy", gap=0.44, brows="thick", nose="bulbous", mouth_w=46, forehead=2),
                    label="КИШКИНЪ")


@scene("portraits/antonov")
def antonov() -> Svg:
    return portrait("Antonov-Ovseenko", "Long hair to the collar under a broad-brimmed hat, "
                    "spectacles, thin moustache; the leader of the assault.",
                    bg="rays", hair_kind="long", hat_kind="wide", moustache_kind="thin",
                    beard_kind="goatee", glasses_kind="round", dress="leather", fw=108, fh=160,
                    jaw=0.62, brow=0.4, age=0.3, extras=("holster",), features=Features(eyes="narrow", gap=0.4, brows="thin", nose="long", mouth_w=38, cheekbones=True),
                    label="АНТОНОВЪ")


# --- The types ------------------------------------------------------------------------------

@scene("portraits/commissar")
def commissar() -> Svg:
    return portrait("A commissar", "A young commissar of the Military Revolutionary Committee: "
                    "worker's cap, leather jacket, holster strap, red armband, the mandate.",
                    bg="rays", hair_kind="parted", hat_kind="kepka", dress="leather",
                    moustache_kind="thin", fw=114, fh=152, jaw=0.74, brow=0.5, age=0.2,
                    extras=("armband", "mandate"), features=Features(eyes="almond", gap=0.42, brows="thick", nose="straight", mouth_w=40, chin="square"),
                    label="КОМИССАРЪ", sub="Военно-Революціонный Комитетъ")


@scene("portraits/minister")
def minister() -> Svg:
    return portrait("A minister", "A minister of the Provisional Government: parted hair, "
                    "moustache, pince-nez, wing collar and frock coat.",
                    bg="plain", hair_kind="parted", moustache_kind="full", glasses_kind="pince",
                    dress="frock", fw=120, fh=158, jaw=0.76, brow=-0.3, age=0.6,
                    features=Features(eyes="heavy", gap=0.42, brows="thin", nose="long", mouth_w=42, forehead=1),
                    label="МИНИСТРЪ", sub="Временное Правительство")


@scene("portraits/cadet")
def cadet() -> Svg:
    return portrait("A cadet", "A military-school cadet (junker): peaked cap with cockade, "
                    "greatcoat with shoulder boards, rifle and bayonet.",
                    bg="plain", hair_kind="parted", hat_kind="cadet", dress="cadet", fw=108,
                    fh=150, jaw=0.66, brow=-0.2, age=0.0, extras=("rifle",), features=Features(eyes="round", gap=0.44, brows="thin", nose="snub", mouth_w=34, lips="full"),
                    label="ЮНКЕРЪ")


@scene("portraits/journalist")
def journalist() -> Svg:
    return portrait("A journalist", "A foreign correspondent: soft felt hat, overcoat and tie, "
                    "notebook and pencil.",
                    bg="disk", hair_kind="parted", hat_kind="fedora", dress="suit", fw=116,
                    fh=156, jaw=0.72, brow=0.2, age=0.2, mouth="smile", extras=("notebook",),
                    features=Features(eyes="almond", gap=0.42, brows="arch", nose="straight", mouth_w=48, chin="cleft"),
                    label="КОРРЕСПОНДЕНТЪ")


@scene("portraits/delegate")
def delegate() -> Svg:
    return portrait("A delegate", "A delegate to the Congress of Soviets from the provinces: "
                    "soldier's cap, greatcoat, beard, the red bow of 1917.",
                    bg="flag", hair_kind="parted", hat_kind="cap", beard_kind="full",
                    moustache_kind="full", dress="greatcoat", fw=122, fh=156, jaw=0.8, brow=0.1,
                    age=0.5, extras=("rosette",), features=Features(eyes="deep", gap=0.44, brows="thick", nose="bulbous", mouth_w=44, forehead=2),
                    label="ДЕЛЕГАТЪ", sub="II Съѣздъ Совѣтовъ")


@scene("portraits/sailor")
def sailor() -> Svg:
    # The sailor role's man, Fyodor Lyskov, serves in the minelayer Amur, so her name is on his
    # ribbon; young and clean-shaven, with the committee's red armband and his rifle.
    return portrait("A sailor", "A Baltic sailor of the minelayer Amur: peakless cap with its ribbons "
                    "and the ship's name, striped vest, crossed machine-gun belts, rifle, red armband.",
                    bg="rays", hat_kind="sailor", ribbon="АМУРЪ", dress="sailor",
                    fw=118, fh=150, jaw=0.78, brow=0.6, age=0.1, extras=("rifle", "armband"),
                    features=Features(eyes="narrow", gap=0.42, brows="knit", nose="broad", mouth_w=46, chin="square", cheekbones=True),
                    label="МАТРОСЪ",
                    sub="минный заградитель «Амуръ», Балтійскій флотъ")


@scene("portraits/soldier")
def soldier() -> Svg:
    return portrait("A soldier", "A soldier of the Petrograd garrison: sheepskin papakha, "
                    "greatcoat with collar tabs, rifle and bayonet.",
                    bg="flag", hat_kind="papakha", dress="greatcoat", moustache_kind="full",
                    fw=120, fh=152, jaw=0.8, brow=0.4, age=0.4, extras=("rifle",), features=Features(eyes="heavy", gap=0.44, brows="thick", nose="bulbous", mouth_w=44),
                    label="СОЛДАТЪ")


@scene("portraits/red_guard")
def red_guard() -> Svg:
    return portrait("A Red Guard", "A worker of the Red Guard: flat cap, coat and red scarf, "
                    "rifle on his shoulder, red armband.",
                    bg="rays", hair_kind="parted", hat_kind="kepka", dress="worker",
                    moustache_kind="thin", fw=116, fh=150, jaw=0.76, brow=0.5, age=0.3,
                    extras=("rifle", "armband"), features=Features(eyes="deep", gap=0.4, brows="knit", nose="straight", mouth_w=40, lips="full"),
                    label="КРАСНОГВАРДЕЕЦЪ")


@scene("portraits/duma")
def duma() -> Svg:
    return portrait("A City Duma deputy", "A schoolmaster of about forty turned SR deputy of the "
                    "Petrograd City Duma: clipped beard, pince-nez, a soft felt hat, a worn dark overcoat "
                    "with the collar up, the deputy's badge on the lapel, a folded paper in his hand.",
                    bg="plain", hair_kind="parted", hat_kind="homburg", beard_kind="clipped",
                    moustache_kind="full", glasses_kind="pince", dress="overcoat", fw=114, fh=160,
                    jaw=0.7, brow=-0.4, age=0.55, extras=("paper",),
                    features=Features(eyes="heavy", gap=0.4, brows="raised", nose="straight", mouth_w=40, forehead=2),
                    label="ГЛАСНЫЙ", sub="Петроградская Городская Дума")


@scene("portraits/alexeeva")
def alexeeva() -> Svg:
    # No photograph of her is known: a type of the Petrograd working woman, not a likeness.
    return portrait("Ekaterina Alexeeva", "A cleaner of the Lesnoi district Duma: a dark shawl over "
                    "her head tied under the chin, a dark wool dress, an apron with a deep pocket, "
                    "sleeves rolled, red working hands holding the building's ring of keys.",
                    bg="door", hair_kind="", hat_kind="headscarf", dress="apron", fw=108, fh=150,
                    jaw=0.68, brow=0.1, age=0.35, extras=("keys",),
                    features=Features(eyes="almond", gap=0.42, brows="thin", nose="straight", mouth_w=32,
                                      lips="full", cheekbones=True),
                    label="АЛЕКСѢЕВА", sub="уборщица Лѣсной районной думы")
