"""Shared registry and scenery helpers for the drawings (see authoring.py)."""

from __future__ import annotations

import random

from .svg import BLACK, PAPER, Svg, f1, ink

SCENES: dict[str, callable] = {}


def scene(art_id: str):
    def deco(fn):
        SCENES[art_id] = fn
        return fn
    return deco


W, H = 1600, 900


def night_sky(s: Svg, ident: str, *, top: float = 0.93, mid: float = 0.78, low: float = 0.55,
              glow: float = 0.0, horizon: float = 0.62) -> None:
    """A night sky: black at the zenith, lighter and reddened towards the horizon."""
    g = s.lingrad(ident, [(0, ink(top)), (0.5, ink(mid, glow * 0.3)),
                          (horizon, ink(low, glow)), (1, ink(low, glow))])
    s.rect(0, 0, W, H, fill=g)


def dusk_sky(s: Svg, ident: str, *, band: float = 0.75) -> None:
    g = s.lingrad(ident, [(0, ink(0.55)), (0.35, ink(0.35, 0.2)), (band, ink(0.05, 0.75)),
                          (1, ink(0.0, 0.4))])
    s.rect(0, 0, W, H, fill=g)


def clouds(s: Svg, y: float, color: str, seed: int, n: int = 7, h: float = 40,
           opacity: float = 0.8) -> None:
    rnd = random.Random(seed)
    d = []
    for _ in range(n):
        cx = rnd.uniform(-100, W + 100)
        cw = rnd.uniform(200, 500)
        cy = y + rnd.uniform(-h * 2, h * 2)
        ch = h * rnd.uniform(0.5, 1.2)
        d.append(f"M {f1(cx - cw / 2)} {f1(cy)} Q {f1(cx - cw / 4)} {f1(cy - ch)} {f1(cx)} {f1(cy - ch * 0.6)} "
                 f"Q {f1(cx + cw / 4)} {f1(cy - ch * 1.3)} {f1(cx + cw / 2)} {f1(cy)} Z")
    s.path(" ".join(d), fill=color, opacity=opacity)


def ground(s: Svg, ident: str, y: float, near: float = 0.75, far: float = 0.4, red: float = 0.0) -> None:
    g = s.lingrad(ident, [(0, ink(far, red)), (1, ink(near, red * 0.5))])
    s.rect(0, y, W, H - y, fill=g)


def cobbles(s: Svg, y0: float, y1: float, color: str, seed: int = 0, opacity: float = 0.5) -> None:
    """Rows of setts foreshortened towards the horizon."""
    rnd = random.Random(seed)
    d = []
    yy = y0
    row = 0
    while yy < y1:
        t = (yy - y0) / max(1, (y1 - y0))
        rh = 6 + 34 * t
        rw = rh * 2.2
        xx = -rnd.uniform(0, rw)
        while xx < W:
            d.append(f"M {f1(xx + 2)} {f1(yy + rh * 0.5)} Q {f1(xx + rw / 2)} {f1(yy + rh * 0.2)} "
                     f"{f1(xx + rw - 2)} {f1(yy + rh * 0.5)}")
            xx += rw
        yy += rh
        row += 1
    s.path(" ".join(d), fill=None, stroke=color, sw=2, opacity=opacity)




def red_night(s: Svg, ident: str, *, horizon: float = 0.62, heat: float = 0.85,
              top: float = 0.95) -> None:
    """The revolutionary night: black overhead, burning red at the horizon (fires, glow)."""
    g = s.lingrad(ident, [(0, ink(top)), (horizon * 0.45, ink(0.82, 0.25)),
                          (horizon * 0.8, ink(0.35, heat * 0.9)), (horizon, ink(0.05, heat)),
                          (1, ink(0.1, heat * 0.8))])
    s.rect(0, 0, W, H, fill=g)


def pale_sky(s: Svg, ident: str, *, sun: float = 0.0, horizon: float = 0.62) -> None:
    """An overcast northern day, or dawn when sun > 0."""
    g = s.lingrad(ident, [(0, ink(0.42)), (horizon * 0.6, ink(0.2, sun * 0.3)),
                          (horizon, ink(0.0, sun)), (1, ink(0.05, sun * 0.6))])
    s.rect(0, 0, W, H, fill=g)


def glow(s: Svg, ident: str, x: float, y: float, r: float, color: str, strength: float = 0.9) -> None:
    g = s.radgrad(ident, [(0, color, strength), (0.45, color, strength * 0.45), (1, color, 0)],
                  user=(x, y, r))
    s.circle(x, y, r, fill=g)
