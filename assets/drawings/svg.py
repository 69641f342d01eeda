"""A small SVG drawing vocabulary for authoring the period pictures (used by authoring.py).

Colours are written as ink separations: ``ink(k, r)`` is a spot of paper covered by ``k`` of
black ink and ``r`` of red ink (0..1 each). The print pipeline decodes them back into plates,
so an authored picture may use nothing but white paper, black, red and their tints.

Figures are drawn in a unit box 100 high (feet at y=0, top of head at y=-100) and placed with
a transform; buildings and objects are drawn in picture coordinates.
"""

from __future__ import annotations

import math
import random
from contextlib import contextmanager
from xml.sax.saxutils import escape


def ink(k: float = 0.0, r: float = 0.0) -> str:
    k = min(1.0, max(0.0, k))
    r = min(1.0, max(0.0, r))
    rr = 255 * (1 - k)
    gg = rr * (1 - r)
    return f"#{round(rr):02x}{round(gg):02x}{round(gg):02x}"


PAPER = "#ffffff"
BLACK = ink(1)
RED = ink(0, 1)
MAROON = ink(0.5, 1)


def grey(k: float) -> str:
    return ink(k)


def pink(r: float) -> str:
    return ink(0, r)


def f1(v: float) -> str:
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def pts(points) -> str:
    return " ".join(f"{f1(x)},{f1(y)}" for x, y in points)


class Svg:
    """Accumulates SVG markup; ``str()`` gives the document."""

    def __init__(self, w: int = 1600, h: int = 900, *, treatment: str = "litho",
                 focus: tuple[float, float] | None = None, title: str = "", desc: str = ""):
        self.w, self.h = w, h
        self.treatment = treatment
        self.focus = focus
        self.title = title
        self.desc = desc
        self._defs: list[str] = []
        self._body: list[str] = []
        self._ids: set[str] = set()

    # --- plumbing -----------------------------------------------------------------------
    def add(self, s: str) -> None:
        self._body.append(s)

    def define(self, ident: str, s: str) -> str:
        if ident not in self._ids:
            self._ids.add(ident)
            self._defs.append(s)
        return f"url(#{ident})"

    @contextmanager
    def group(self, transform: str | None = None, **attrs):
        a = f' transform="{transform}"' if transform else ""
        for k, v in attrs.items():
            a += f' {k.replace("_", "-")}="{v}"'
        self.add(f"<g{a}>")
        yield self
        self.add("</g>")

    def __str__(self) -> str:
        focus = f' data-focus="{self.focus[0]} {self.focus[1]}"' if self.focus else ""
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.w} {self.h}" '
            f'width="{self.w}" height="{self.h}" data-treatment="{self.treatment}"{focus}>\n'
        )
        meta = ""
        if self.title:
            meta += f"<title>{escape(self.title)}</title>\n"
        if self.desc:
            meta += f"<desc>{escape(self.desc)}</desc>\n"
        defs = "<defs>\n" + "\n".join(self._defs) + "\n</defs>\n" if self._defs else ""
        return head + meta + defs + "\n".join(self._body) + "\n</svg>\n"

    # --- primitives ---------------------------------------------------------------------
    @staticmethod
    def _attrs(fill=None, stroke=None, sw=None, opacity=None, extra="") -> str:
        a = f' fill="{fill}"' if fill is not None else ' fill="none"'
        if stroke:
            a += f' stroke="{stroke}"'
            if sw is not None:
                a += f' stroke-width="{f1(sw)}"'
        if opacity is not None:
            a += f' opacity="{opacity}"'
        return a + (" " + extra if extra else "")

    def rect(self, x, y, w, h, fill=BLACK, stroke=None, sw=None, opacity=None, extra=""):
        self.add(f'<rect x="{f1(x)}" y="{f1(y)}" width="{f1(w)}" height="{f1(h)}"'
                 f'{self._attrs(fill, stroke, sw, opacity, extra)}/>')

    def poly(self, points, fill=BLACK, stroke=None, sw=None, opacity=None, extra=""):
        self.add(f'<polygon points="{pts(points)}"{self._attrs(fill, stroke, sw, opacity, extra)}/>')

    def polyline(self, points, stroke=BLACK, sw=2, opacity=None, extra=""):
        self.add(f'<polyline points="{pts(points)}"'
                 f'{self._attrs(None, stroke, sw, opacity, extra)} stroke-linejoin="round"/>')

    def path(self, d, fill=BLACK, stroke=None, sw=None, opacity=None, extra=""):
        self.add(f'<path d="{d}"{self._attrs(fill, stroke, sw, opacity, extra)}/>')

    def circle(self, cx, cy, r, fill=BLACK, stroke=None, sw=None, opacity=None, extra=""):
        self.add(f'<circle cx="{f1(cx)}" cy="{f1(cy)}" r="{f1(r)}"'
                 f'{self._attrs(fill, stroke, sw, opacity, extra)}/>')

    def ellipse(self, cx, cy, rx, ry, fill=BLACK, stroke=None, sw=None, opacity=None, extra=""):
        self.add(f'<ellipse cx="{f1(cx)}" cy="{f1(cy)}" rx="{f1(rx)}" ry="{f1(ry)}"'
                 f'{self._attrs(fill, stroke, sw, opacity, extra)}/>')

    def line(self, x1, y1, x2, y2, stroke=BLACK, sw=2, opacity=None, cap="round"):
        self.add(f'<line x1="{f1(x1)}" y1="{f1(y1)}" x2="{f1(x2)}" y2="{f1(y2)}" '
                 f'stroke="{stroke}" stroke-width="{f1(sw)}" stroke-linecap="{cap}"'
                 + (f' opacity="{opacity}"' if opacity is not None else "") + "/>")

    def text(self, x, y, s, size=40, fill=BLACK, family="Old Standard TT", weight="normal",
             style="normal", anchor="start", spacing=None, extra=""):
        sp = f' letter-spacing="{f1(spacing)}"' if spacing is not None else ""
        self.add(f'<text x="{f1(x)}" y="{f1(y)}" font-family="{family}" font-size="{f1(size)}" '
                 f'font-weight="{weight}" font-style="{style}" text-anchor="{anchor}"{sp} '
                 f'fill="{fill}"{(" " + extra) if extra else ""}>{escape(s)}</text>')

    # --- paint servers ------------------------------------------------------------------
    def lingrad(self, ident, stops, x1=0, y1=0, x2=0, y2=1):
        st = "".join(f'<stop offset="{o}" stop-color="{c}"'
                     + (f' stop-opacity="{a}"' if a is not None else "") + "/>"
                     for o, c, *rest in stops for a in [rest[0] if rest else None])
        return self.define(ident, f'<linearGradient id="{ident}" x1="{x1}" y1="{y1}" '
                                  f'x2="{x2}" y2="{y2}">{st}</linearGradient>')

    def radgrad(self, ident, stops, cx=0.5, cy=0.5, r=0.5, user=None):
        st = "".join(f'<stop offset="{o}" stop-color="{c}"'
                     + (f' stop-opacity="{a}"' if a is not None else "") + "/>"
                     for o, c, *rest in stops for a in [rest[0] if rest else None])
        if user:
            ux, uy, ur = user
            return self.define(ident, f'<radialGradient id="{ident}" gradientUnits="userSpaceOnUse" '
                                      f'cx="{f1(ux)}" cy="{f1(uy)}" r="{f1(ur)}">{st}</radialGradient>')
        return self.define(ident, f'<radialGradient id="{ident}" cx="{cx}" cy="{cy}" r="{r}">'
                                  f'{st}</radialGradient>')

    def hatch(self, ident, color=BLACK, gap=8.0, width=3.0, angle=45, bg=None):
        bgr = f'<rect width="{f1(gap)}" height="{f1(gap)}" fill="{bg}"/>' if bg else ""
        return self.define(ident, f'<pattern id="{ident}" width="{f1(gap)}" height="{f1(gap)}" '
                                  f'patternUnits="userSpaceOnUse" patternTransform="rotate({angle})">'
                                  f'{bgr}<rect width="{f1(width)}" height="{f1(gap)}" fill="{color}"/>'
                                  f'</pattern>')

    def crosshatch(self, ident, color=BLACK, gap=9.0, width=2.4, angle=45, bg=None):
        bgr = f'<rect width="{f1(gap)}" height="{f1(gap)}" fill="{bg}"/>' if bg else ""
        return self.define(ident, f'<pattern id="{ident}" width="{f1(gap)}" height="{f1(gap)}" '
                                  f'patternUnits="userSpaceOnUse" patternTransform="rotate({angle})">'
                                  f'{bgr}<rect width="{f1(width)}" height="{f1(gap)}" fill="{color}"/>'
                                  f'<rect width="{f1(gap)}" height="{f1(width)}" fill="{color}"/>'
                                  f'</pattern>')


# =========================================================================================
# Figures
# =========================================================================================

HATS = ("cap", "papakha", "sailor", "kepka", "bowler", "tophat", "fedora", "kerchief", "bare",
        "helmet", "bald", "wig")


def figure(s: Svg, x: float, base: float, h: float, *, kind: str = "soldier", color: str = BLACK,
           facing: int = 1, rifle: str | None = None, hat: str | None = None, arms: str = "down",
           stride: float = 0.0, accent: str = RED, coat: str | None = None, holding: str | None = None,
           lit: str | None = None) -> None:
    """A standing figure silhouette of a 1917 type.

    kind: soldier cadet sailor redguard worker gentleman minister woman officer delegate orator
    rifle: None | "shoulder" (vertical, bayonet above the head) | "slung" | "port" | "aim"
    arms: "down" | "raised" | "forward" | "umbrella" | "lantern" | "pocket" | "hip"
    stride: 0 standing, up to 1 walking.
    lit: a colour for a rim of light on the figure's leading edge (fire, lamp), or None.
    """
    defaults = {
        "soldier": ("papakha", "long", "shoulder"),
        "cadet": ("cap", "long", "shoulder"),
        "officer": ("cap", "long", None),
        "sailor": ("sailor", "short", "slung"),
        "redguard": ("kepka", "jacket", "slung"),
        "worker": ("kepka", "jacket", None),
        "gentleman": ("bowler", "overcoat", None),
        "minister": ("bare", "frock", None),
        "woman": ("kerchief", "skirt", None),
        "delegate": ("cap", "long", None),
        "orator": ("kepka", "jacket", None),
        "journalist": ("fedora", "overcoat", None),
    }
    dh, dc, dr = defaults.get(kind, ("cap", "long", None))
    hat = hat or dh
    coat = coat or dc
    if rifle is None and arms == "down" and holding is None:
        rifle = dr
    if kind == "orator" and arms == "down":
        arms = "raised"
    k = h / 100.0
    parts: list[str] = []
    strokes: list[tuple[str, float]] = []

    # Legs.
    sp = 5 + 9 * stride
    if coat == "skirt":
        parts.append("M -9 -56 L 9 -56 L 14 -1 Q 0 1 -14 -1 Z")
        parts.append("M -9 -2 L -3 -2 L -3 0.5 L -10 0.5 Z M 3 -2 L 10 -2 L 10 0.5 L 3 0.5 Z")
    else:
        bell = 2.5 if kind == "sailor" else 0
        strokes.append((f"M -3.5 -46 L {f1(-sp)} -1", 6.5 + bell * 0.3))
        strokes.append((f"M 3.5 -46 L {f1(sp)} -1", 6.5 + bell * 0.3))
        parts.append(f"M {f1(-sp - 4)} -3 L {f1(-sp + 4 + 3)} -3 L {f1(-sp + 7)} 0.8 L {f1(-sp - 4)} 0.8 Z")
        parts.append(f"M {f1(sp - 4)} -3 L {f1(sp + 7)} -3 L {f1(sp + 7)} 0.8 L {f1(sp - 4)} 0.8 Z")

    # Body / coat.
    if coat == "long":
        flare = 16 + 4 * stride
        parts.append(f"M -4 -85 Q -10 -83.5 -12 -79 L -12.5 -62 L -11 -54 L {f1(-flare)} -18 "
                     f"Q 0 -15 {f1(flare)} -18 L 11 -54 L 12.5 -62 L 12 -79 Q 10 -83.5 4 -85 Z")
    elif coat == "overcoat":
        parts.append("M -4 -85 Q -10 -83.5 -12 -79 L -12.5 -62 L -11.5 -50 L -14 -26 Q 0 -23 14 -26 "
                     "L 11.5 -50 L 12.5 -62 L 12 -79 Q 10 -83.5 4 -85 Z")
    elif coat == "frock":
        parts.append("M -4 -85 Q -10 -83.5 -12 -79 L -12.5 -62 L -11 -47 L -13 -30 L -5 -38 L 0 -45 "
                     "L 5 -38 L 13 -30 L 11 -47 L 12.5 -62 L 12 -79 Q 10 -83.5 4 -85 Z")
        strokes.append(("M -3.5 -46 L -3.5 -40", 7))
    elif coat == "skirt":
        parts.append("M -4 -85 Q -9 -83.5 -11 -79 L -12 -62 L -9 -52 L 9 -52 L 12 -62 L 11 -79 Q 9 -83.5 4 -85 Z")
    else:  # short jacket / pea coat
        parts.append("M -4 -85 Q -10 -83.5 -12 -79 L -12.5 -62 L -11.5 -42 Q 0 -40 11.5 -42 L 12.5 -62 L 12 -79 Q 10 -83.5 4 -85 Z")

    # Neck and head.
    parts.append("M -3 -86 L 3 -86 L 3.5 -80 L -3.5 -80 Z")
    bald = hat in ("bare", "bald")
    parts.append("M 0 -98.5 C 4.5 -98.5 6.3 -95 6.3 -91 C 6.3 -86.5 4 -83.5 0 -83.5 "
                 "C -4 -83.5 -6.3 -86.5 -6.3 -91 C -6.3 -95 -4.5 -98.5 0 -98.5 Z")
    # Profile hint: nose towards the facing side.
    parts.append("M 5.8 -92 L 8.2 -88.5 L 5.6 -87.6 Z")
    if kind in ("gentleman", "minister", "delegate", "journalist") and hat != "kerchief":
        parts.append("M -4.5 -87 Q 0 -80 5.5 -86 L 5 -84 Q 0 -79.5 -4 -84.5 Z")  # beard

    # Hats.
    if hat == "cap":
        parts.append("M -6.5 -95 L -8.5 -100.5 Q 0 -102.5 8.8 -100.5 L 6.8 -95 Z")
        parts.append("M 4.5 -95.8 L 11.5 -94 L 4.5 -93.6 Z")
    elif hat == "papakha":
        parts.append("M -7.3 -95 L -7.8 -104.5 Q 0 -107 7.8 -104.5 L 7.3 -95 Z")
    elif hat == "sailor":
        parts.append("M -7 -95 L -7 -98.5 L 7 -98.5 L 7 -95 Z")
        parts.append("M -10 -99 Q 0 -103.2 10 -99 Q 0 -96.8 -10 -99 Z")
        # Ribbons fly from the back of the cap.
        strokes.append(("M -6.5 -96 Q -11 -90 -9 -84 Q -7.5 -80 -11 -76", 1.6))
        strokes.append(("M -5.5 -96 Q -8.5 -90 -6.5 -85 Q -5.5 -81 -8 -78", 1.4))
    elif hat == "kepka":
        parts.append("M -6.8 -94.5 Q -8 -101.5 0 -102 Q 8 -101.5 8.6 -96.5 L 13 -95 "
                     "Q 9 -93.2 5.5 -93.8 Z")
    elif hat == "bowler":
        parts.append("M -10 -95.8 Q 0 -98.5 10.5 -95.8 Q 0 -93.4 -10 -95.8 Z")
        parts.append("M -6.4 -96 Q -7 -104 0 -104.3 Q 7 -104 6.4 -96 Z")
    elif hat == "tophat":
        parts.append("M -10 -95.8 Q 0 -98.5 10.5 -95.8 Q 0 -93.4 -10 -95.8 Z")
        parts.append("M -6 -96 L -6.6 -112 L 6.6 -112 L 6 -96 Z")
    elif hat == "fedora":
        parts.append("M -12 -95.2 Q 0 -99 12.5 -95.8 Q 0 -92.6 -12 -95.2 Z")
        parts.append("M -6.6 -96 Q -7 -104 -2 -103.3 L 0 -101.8 L 2 -103.3 Q 7 -104 6.6 -96 Z")
    elif hat == "kerchief":
        parts.append("M -7.5 -89 Q -8.5 -100.5 0 -100.5 Q 8.5 -100.5 7.5 -89 L 9 -80 L 2 -84 "
                     "Q 0 -85 -2 -84 L -9 -80 Z")
    elif hat == "helmet":
        parts.append("M -8 -94 Q -8 -103 0 -103 Q 8 -103 8 -94 Z")
    elif hat == "bare":
        parts.append("M -6.4 -91 Q -7 -99.5 0 -99.5 Q 6.8 -99.5 6.6 -93 Q 3 -96.5 -2 -95.5 Z")

    # Arms.
    if arms == "down":
        strokes.append(("M -11.5 -78 Q -14.5 -64 -14 -50", 6))
        strokes.append(("M 11.5 -78 Q 14.5 -64 14 -50", 6))
        parts.append("M -14 -50 m -3 0 a 3 3.5 0 1 0 6 0 a 3 3.5 0 1 0 -6 0 Z")
        parts.append("M 14 -50 m -3 0 a 3 3.5 0 1 0 6 0 a 3 3.5 0 1 0 -6 0 Z")
    elif arms == "pocket":
        strokes.append(("M -11.5 -78 Q -15 -66 -10 -58", 6))
        strokes.append(("M 11.5 -78 Q 15 -66 10 -58", 6))
    elif arms == "hip":
        strokes.append(("M -11.5 -78 L -19 -64 L -11 -56", 5.5))
        strokes.append(("M 11.5 -78 Q 14.5 -64 14 -50", 6))
    elif arms == "raised":
        strokes.append(("M -11.5 -78 Q -14.5 -64 -14 -50", 6))
        strokes.append(("M 11 -79 L 19 -95 L 22 -112", 5.5))
        parts.append("M 22 -112 m -3.2 0 a 3.2 3.6 0 1 0 6.4 0 a 3.2 3.6 0 1 0 -6.4 0 Z")
    elif arms == "forward":
        strokes.append(("M -11.5 -78 Q -14.5 -64 -14 -50", 6))
        strokes.append(("M 11 -78 L 24 -74 L 36 -78", 5.5))
    elif arms == "umbrella":
        strokes.append(("M -11.5 -78 Q -14.5 -64 -14 -50", 6))
        strokes.append(("M 11 -78 L 14 -66 L 6 -62", 5.5))
        strokes.append(("M 5 -62 L 3 -128", 1.6))
        parts.append("M -26 -118 Q 3 -146 32 -118 Q 27 -121 22 -118 Q 17 -122 12 -118 "
                     "Q 8 -122 3 -118 Q -2 -122 -7 -118 Q -11 -122 -16 -118 Q -21 -121 -26 -118 Z")
    elif arms == "lantern":
        strokes.append(("M -11.5 -78 Q -14.5 -64 -14 -50", 6))
        strokes.append(("M 11 -78 L 20 -62 L 26 -60", 5.5))
        strokes.append(("M 26 -60 L 26 -55", 1.2))
    elif arms == "paper":
        strokes.append(("M -11.5 -78 L -10 -62 L 2 -64", 5.5))
        strokes.append(("M 11.5 -78 L 12 -62 L 6 -64", 5.5))

    # Rifles (Mosin with bayonet): butt, stock, barrel, bayonet.
    if rifle == "shoulder":
        parts.append("M 15.5 -40 L 19 -40 L 18.4 -70 L 17.3 -112 L 16.3 -112 L 16 -70 Z")
        strokes.append(("M 16.8 -112 L 16.8 -140", 0.9))
    elif rifle == "slung":
        parts.append("M -9 -44 L -5.5 -46 L -1 -78 L 3.5 -112 L 2.5 -112.5 L -3.2 -78 Z")
        strokes.append(("M 3 -112 L 6.5 -138", 0.9))
        strokes.append(("M -9 -79 L 9 -52", 1.6))
    elif rifle == "port":
        parts.append("M -14 -40 L -11 -43 L 8 -70 L 30 -104 L 28.6 -105 L 5.5 -73 Z")
        strokes.append(("M 29.3 -104.5 L 44 -127", 0.9))
        strokes.append(("M -11.5 -78 L -9 -50", 6))
        strokes.append(("M 11 -78 L 12 -64 L 4 -66", 5.5))
    elif rifle == "aim":
        parts.append("M 2 -77 L 6 -81 L 30 -81 L 62 -82.5 L 62 -80.8 L 30 -79 L 8 -75 Z")
        strokes.append(("M 62 -81.6 L 80 -81.6", 0.9))
        strokes.append(("M 11 -78 L 20 -78", 6))

    # Carried things.
    if holding == "banner":
        strokes.append(("M 14 -50 L 14 -170", 1.8))
    elif holding == "paper":
        parts.append("M 1 -70 L 13 -71 L 13.5 -56 L 1.5 -55 Z")

    tr = f"translate({f1(x)} {f1(base)}) scale({f1(k * facing) if facing < 0 else f1(k)} {f1(k)})"
    if facing < 0:
        tr = f"translate({f1(x)} {f1(base)}) scale({-k:.4f} {k:.4f})"
    else:
        tr = f"translate({f1(x)} {f1(base)}) scale({k:.4f})"
    s.add(f'<g transform="{tr}">')
    s.add(f'<g fill="{color}">' + "".join(f'<path d="{d}"/>' for d in parts) + "</g>")
    for d, w in strokes:
        s.add(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{f1(w)}" '
              f'stroke-linecap="round" stroke-linejoin="round"/>')
    # Accents in the second ink.
    if kind == "redguard":
        s.add(f'<path d="M -15.5 -70 L -9.5 -70 L -9.2 -64 L -15.8 -64 Z" fill="{accent}"/>')
    if kind == "sailor":
        s.add(f'<path d="M -9 -79 L 9 -52 M 9 -79 L -9 -52" stroke="{PAPER}" stroke-width="1.3" '
              f'stroke-dasharray="1.2 1.2" fill="none" opacity="0.8"/>')
    if holding == "banner":
        s.add(f'<path d="M 15 -168 L 52 -166 Q 48 -152 53 -138 L 15 -140 Z" fill="{accent}"/>')
    if arms == "lantern":
        s.add(f'<path d="M 23.5 -55 L 28.5 -55 L 29.5 -47 L 22.5 -47 Z" fill="{accent}"/>')
    if lit:
        s.add(f'<path d="M 6.5 -93 C 6.5 -87 5 -84 1 -83.5 M 11 -80 L 14 -62 L 13 -50 L 16 -20" '
              f'fill="none" stroke="{lit}" stroke-width="1.6" stroke-linecap="round"/>')
    s.add("</g>")


def bust_crowd(s: Svg, x0: float, x1: float, base: float, h: float, *, seed: int = 0,
               color: str = BLACK, bayonets: float = 0.3, density: float = 1.0,
               kinds=("soldier", "sailor", "redguard", "worker", "cadet"), banners: int = 0,
               banner_texts=("ВСЯ ВЛАСТЬ СОВЕТАМЪ!",), accent: str = RED) -> None:
    """A dense crowd seen from behind: heads, shoulders, caps and bayonets."""
    rnd = random.Random(seed)
    step = h * 0.26 / density
    x = x0
    items = []
    while x < x1:
        items.append((x + rnd.uniform(-step * 0.3, step * 0.3), rnd.uniform(-0.06, 0.06) * h,
                      rnd.choice(kinds), rnd.random() < bayonets, rnd.uniform(0.9, 1.08)))
        x += step
    shapes = []
    for (cx, dy, kind, bay, sc) in items:
        hh = h * sc
        top = base - hh + dy
        # shoulders and head, as a body going below base
        shapes.append(f"M {f1(cx - hh * 0.2)} {f1(base + 4)} L {f1(cx - hh * 0.19)} {f1(top + hh * 0.32)} "
                      f"Q {f1(cx)} {f1(top + hh * 0.24)} {f1(cx + hh * 0.19)} {f1(top + hh * 0.32)} "
                      f"L {f1(cx + hh * 0.2)} {f1(base + 4)} Z")
        shapes.append(f"M {f1(cx - hh * 0.08)} {f1(top + hh * 0.12)} a {f1(hh * 0.08)} {f1(hh * 0.1)} "
                      f"0 1 0 {f1(hh * 0.16)} 0 a {f1(hh * 0.08)} {f1(hh * 0.1)} 0 1 0 {f1(-hh * 0.16)} 0 Z")
        if kind in ("soldier",):
            shapes.append(f"M {f1(cx - hh * 0.09)} {f1(top + hh * 0.09)} L {f1(cx - hh * 0.095)} "
                          f"{f1(top - hh * 0.03)} L {f1(cx + hh * 0.095)} {f1(top - hh * 0.03)} "
                          f"L {f1(cx + hh * 0.09)} {f1(top + hh * 0.09)} Z")
        elif kind == "sailor":
            shapes.append(f"M {f1(cx - hh * 0.12)} {f1(top + hh * 0.03)} L {f1(cx + hh * 0.12)} "
                          f"{f1(top + hh * 0.03)} L {f1(cx + hh * 0.09)} {f1(top + hh * 0.08)} "
                          f"L {f1(cx - hh * 0.09)} {f1(top + hh * 0.08)} Z")
        elif kind in ("redguard", "worker"):
            shapes.append(f"M {f1(cx - hh * 0.09)} {f1(top + hh * 0.08)} Q {f1(cx)} "
                          f"{f1(top - hh * 0.01)} {f1(cx + hh * 0.1)} {f1(top + hh * 0.06)} "
                          f"L {f1(cx + hh * 0.15)} {f1(top + hh * 0.09)} Z")
        else:
            shapes.append(f"M {f1(cx - hh * 0.1)} {f1(top + hh * 0.02)} L {f1(cx + hh * 0.11)} "
                          f"{f1(top + hh * 0.01)} L {f1(cx + hh * 0.085)} {f1(top + hh * 0.09)} "
                          f"L {f1(cx - hh * 0.085)} {f1(top + hh * 0.09)} Z")
        if bay:
            bx = cx + hh * rnd.choice((-0.17, 0.17))
            shapes.append(f"M {f1(bx - hh * 0.012)} {f1(base)} L {f1(bx - hh * 0.008)} "
                          f"{f1(top - hh * 0.35)} L {f1(bx + hh * 0.008)} {f1(top - hh * 0.35)} "
                          f"L {f1(bx + hh * 0.012)} {f1(base)} Z")
            shapes.append(f"M {f1(bx - hh * 0.004)} {f1(top - hh * 0.35)} L {f1(bx)} "
                          f"{f1(top - hh * 0.72)} L {f1(bx + hh * 0.004)} {f1(top - hh * 0.35)} Z")
    s.path(" ".join(shapes), fill=color)
    for i in range(banners):
        bx = x0 + (x1 - x0) * (i + 0.5) / banners + rnd.uniform(-h * 0.3, h * 0.3)
        bw = h * 1.6
        top = base - h * 2.1
        s.line(bx - bw / 2, top, bx - bw / 2, base - h * 0.5, stroke=color, sw=h * 0.03)
        s.line(bx + bw / 2, top, bx + bw / 2, base - h * 0.5, stroke=color, sw=h * 0.03)
        s.path(f"M {f1(bx - bw / 2)} {f1(top + h * 0.05)} Q {f1(bx)} {f1(top + h * 0.12)} "
               f"{f1(bx + bw / 2)} {f1(top + h * 0.05)} L {f1(bx + bw / 2)} {f1(top + h * 0.5)} "
               f"Q {f1(bx)} {f1(top + h * 0.58)} {f1(bx - bw / 2)} {f1(top + h * 0.5)} Z", fill=accent)
        txt = banner_texts[i % len(banner_texts)]
        s.text(bx, top + h * 0.36, txt, size=h * 0.2, fill=PAPER, weight="bold", anchor="middle",
               extra=f'textLength="{f1(bw * 0.9)}" lengthAdjust="spacingAndGlyphs"')


# =========================================================================================
# Architecture and objects
# =========================================================================================

def windows(s: Svg, x: float, y: float, cols: int, rows: int, w: float, h: float, gx: float,
            gy: float, fill: str, lit: str | None = None, lit_ratio: float = 0.0, seed: int = 0,
            arched: bool = False) -> None:
    rnd = random.Random(seed)
    d_dark, d_lit = [], []
    for r in range(rows):
        for c in range(cols):
            wx, wy = x + c * gx, y + r * gy
            if arched:
                d = (f"M {f1(wx)} {f1(wy + h)} L {f1(wx)} {f1(wy + w / 2)} "
                     f"A {f1(w / 2)} {f1(w / 2)} 0 0 1 {f1(wx + w)} {f1(wy + w / 2)} "
                     f"L {f1(wx + w)} {f1(wy + h)} Z")
            else:
                d = f"M {f1(wx)} {f1(wy)} h {f1(w)} v {f1(h)} h {f1(-w)} Z"
            (d_lit if lit and rnd.random() < lit_ratio else d_dark).append(d)
    if d_dark:
        s.path(" ".join(d_dark), fill=fill)
    if d_lit:
        s.path(" ".join(d_lit), fill=lit)


def columns(s: Svg, x: float, top: float, base: float, n: int, gap: float, w: float,
            fill: str, capital: bool = True) -> None:
    d = []
    for i in range(n):
        cx = x + i * gap
        d.append(f"M {f1(cx - w / 2)} {f1(base)} L {f1(cx - w * 0.42)} {f1(top)} "
                 f"L {f1(cx + w * 0.42)} {f1(top)} L {f1(cx + w / 2)} {f1(base)} Z")
        if capital:
            d.append(f"M {f1(cx - w * 0.8)} {f1(top)} h {f1(w * 1.6)} v {f1(-w * 0.35)} "
                     f"h {f1(-w * 1.6)} Z")
            d.append(f"M {f1(cx - w * 0.7)} {f1(base)} h {f1(w * 1.4)} v {f1(-w * 0.3)} "
                     f"h {f1(-w * 1.4)} Z")
    s.path(" ".join(d), fill=fill)


def statues(s: Svg, x0: float, x1: float, y: float, h: float, n: int, fill: str, seed: int = 0) -> None:
    """Roofline statues and urns of a baroque palace."""
    rnd = random.Random(seed)
    d = []
    for i in range(n):
        cx = x0 + (x1 - x0) * (i + 0.5) / n
        if i % 2 == 0:
            hh = h * rnd.uniform(0.9, 1.1)
            d.append(f"M {f1(cx - h * 0.16)} {f1(y)} L {f1(cx - h * 0.12)} {f1(y - hh * 0.75)} "
                     f"Q {f1(cx - h * 0.2)} {f1(y - hh * 0.8)} {f1(cx - h * 0.22)} {f1(y - hh * 0.62)} "
                     f"L {f1(cx - h * 0.08)} {f1(y - hh * 0.86)} "
                     f"a {f1(h * 0.09)} {f1(h * 0.1)} 0 1 1 {f1(h * 0.16)} 0 "
                     f"L {f1(cx + h * 0.2)} {f1(y - hh * 0.95)} L {f1(cx + h * 0.12)} {f1(y - hh * 0.7)} "
                     f"L {f1(cx + h * 0.16)} {f1(y)} Z")
        else:
            d.append(f"M {f1(cx - h * 0.12)} {f1(y)} L {f1(cx - h * 0.08)} {f1(y - h * 0.25)} "
                     f"Q {f1(cx - h * 0.22)} {f1(y - h * 0.45)} {f1(cx)} {f1(y - h * 0.6)} "
                     f"Q {f1(cx + h * 0.22)} {f1(y - h * 0.45)} {f1(cx + h * 0.08)} {f1(y - h * 0.25)} "
                     f"L {f1(cx + h * 0.12)} {f1(y)} Z")
    s.path(" ".join(d), fill=fill)


def winter_palace(s: Svg, x: float, base: float, w: float, h: float, *, fill: str = BLACK,
                  win: str = PAPER, lit: str | None = None, lit_ratio: float = 0.0,
                  seed: int = 1) -> None:
    """Rastrelli's façade: two orders of columns, three floors of tall windows, statues."""
    top = base - h
    s.rect(x, top, w, h, fill=fill)
    # Cornice and balustrade.
    s.rect(x - w * 0.005, top - h * 0.02, w * 1.01, h * 0.05, fill=fill)
    s.rect(x, top - h * 0.1, w, h * 0.08, fill=fill)
    bays = max(8, int(w / (h * 0.16)))
    gx = w / bays
    # Central and end projections rise a little.
    for bx in (x, x + w / 2 - w * 0.09, x + w - w * 0.12):
        s.rect(bx, top - h * 0.16, w * (0.18 if bx != x and bx != x + w - w * 0.12 else 0.12),
               h * 0.12, fill=fill)
    statues(s, x, x + w, top - h * 0.1, h * 0.2, bays, fill, seed)
    # Windows: ground floor, piano nobile (tall, arched), upper floor.
    for row, (yy, hh, arched) in enumerate(((0.7, 0.18, False), (0.36, 0.26, True),
                                            (0.1, 0.16, True))):
        windows(s, x + gx * 0.3, top + h * yy, bays, 1, gx * 0.4, h * hh, gx, 0, win,
                lit=lit, lit_ratio=lit_ratio, seed=seed + row, arched=arched)
    # Column strokes between the windows (paper-thin highlights).
    d = []
    for i in range(bays + 1):
        cx = x + i * gx
        d.append(f"M {f1(cx - gx * 0.05)} {f1(top + h * 0.05)} v {f1(h * 0.56)}")
        d.append(f"M {f1(cx + gx * 0.05)} {f1(top + h * 0.05)} v {f1(h * 0.56)}")
    s.path(" ".join(d), fill=None, stroke=win, sw=max(1.0, gx * 0.03), opacity=0.55)
    s.rect(x, top + h * 0.63, w, h * 0.015, fill=win, opacity=0.5)


def alexander_column(s: Svg, x: float, base: float, h: float, fill: str = BLACK) -> None:
    """The Alexander Column: stepped pedestal, granite shaft, capital, angel with cross."""
    u = h / 100
    d = [
        # steps and pedestal
        f"M {f1(x - 12 * u)} {f1(base)} h {f1(24 * u)} v {f1(-2 * u)} h {f1(-24 * u)} Z",
        f"M {f1(x - 10 * u)} {f1(base - 2 * u)} h {f1(20 * u)} v {f1(-3 * u)} h {f1(-20 * u)} Z",
        f"M {f1(x - 8 * u)} {f1(base - 5 * u)} h {f1(16 * u)} v {f1(-13 * u)} h {f1(-16 * u)} Z",
        f"M {f1(x - 9 * u)} {f1(base - 18 * u)} h {f1(18 * u)} v {f1(-2 * u)} h {f1(-18 * u)} Z",
        # shaft
        f"M {f1(x - 4.2 * u)} {f1(base - 20 * u)} L {f1(x - 3.3 * u)} {f1(base - 76 * u)} "
        f"L {f1(x + 3.3 * u)} {f1(base - 76 * u)} L {f1(x + 4.2 * u)} {f1(base - 20 * u)} Z",
        # capital and abacus
        f"M {f1(x - 4 * u)} {f1(base - 76 * u)} L {f1(x - 5.5 * u)} {f1(base - 79 * u)} "
        f"L {f1(x + 5.5 * u)} {f1(base - 79 * u)} L {f1(x + 4 * u)} {f1(base - 76 * u)} Z",
        # drum (pedestal for the angel)
        f"M {f1(x - 3 * u)} {f1(base - 79 * u)} L {f1(x - 2.6 * u)} {f1(base - 85 * u)} "
        f"Q {f1(x)} {f1(base - 87 * u)} {f1(x + 2.6 * u)} {f1(base - 85 * u)} L {f1(x + 3 * u)} {f1(base - 79 * u)} Z",
        # angel: robe, wings, head
        f"M {f1(x - 1.8 * u)} {f1(base - 86 * u)} L {f1(x - 1.2 * u)} {f1(base - 94 * u)} "
        f"L {f1(x + 1.2 * u)} {f1(base - 94 * u)} L {f1(x + 1.8 * u)} {f1(base - 86 * u)} Z",
        f"M {f1(x - 1 * u)} {f1(base - 93 * u)} Q {f1(x - 4.5 * u)} {f1(base - 95 * u)} "
        f"{f1(x - 3.5 * u)} {f1(base - 99 * u)} Q {f1(x - 2 * u)} {f1(base - 95 * u)} {f1(x)} {f1(base - 93.5 * u)} Z",
        f"M {f1(x)} {f1(base - 96 * u)} m {f1(-0.9 * u)} 0 a {f1(0.9 * u)} {f1(0.9 * u)} 0 1 0 "
        f"{f1(1.8 * u)} 0 a {f1(0.9 * u)} {f1(0.9 * u)} 0 1 0 {f1(-1.8 * u)} 0 Z",
    ]
    s.path(" ".join(d), fill=fill)
    # the cross held up
    s.line(x + 1.6 * u, base - 91 * u, x + 1.6 * u, base - 101 * u, stroke=fill, sw=0.6 * u)
    s.line(x + 0.5 * u, base - 98.5 * u, x + 2.7 * u, base - 98.5 * u, stroke=fill, sw=0.6 * u)


def spire(s: Svg, x: float, base: float, h: float, w: float, fill: str = BLACK,
          angel: bool = True) -> None:
    """A needle spire on its drum (Peter and Paul, the Admiralty, Mikhailovsky Castle)."""
    s.poly([(x - w / 2, base), (x - w * 0.08, base - h * 0.93), (x + w * 0.08, base - h * 0.93),
            (x + w / 2, base)], fill=fill)
    s.line(x, base - h * 0.93, x, base - h, stroke=fill, sw=max(1.0, w * 0.06))
    if angel:
        u = h * 0.012
        s.path(f"M {f1(x)} {f1(base - h)} l {f1(-3 * u)} {f1(-1 * u)} l {f1(2 * u)} {f1(-2 * u)} "
               f"l {f1(1 * u)} {f1(-2 * u)} l {f1(1 * u)} {f1(2 * u)} l {f1(3 * u)} {f1(0.5 * u)} Z",
               fill=fill)
        s.line(x, base - h - 2 * u, x, base - h - 7 * u, stroke=fill, sw=max(0.8, u * 0.4))
        s.line(x - 1.5 * u, base - h - 5.5 * u, x + 1.5 * u, base - h - 5.5 * u, stroke=fill,
               sw=max(0.8, u * 0.4))


def peter_paul(s: Svg, x: float, base: float, scale: float, fill: str = BLACK,
               flag: str | None = RED, walls: bool = True) -> None:
    """The fortress on the water: bastion walls, cathedral, bell tower, the needle spire."""
    u = scale
    if walls:
        s.path(f"M {f1(x - 420 * u)} {f1(base)} L {f1(x - 400 * u)} {f1(base - 34 * u)} "
               f"L {f1(x - 250 * u)} {f1(base - 34 * u)} L {f1(x - 230 * u)} {f1(base - 44 * u)} "
               f"L {f1(x - 150 * u)} {f1(base - 44 * u)} L {f1(x - 130 * u)} {f1(base - 34 * u)} "
               f"L {f1(x + 160 * u)} {f1(base - 34 * u)} L {f1(x + 180 * u)} {f1(base - 46 * u)} "
               f"L {f1(x + 270 * u)} {f1(base - 46 * u)} L {f1(x + 290 * u)} {f1(base - 34 * u)} "
               f"L {f1(x + 420 * u)} {f1(base - 34 * u)} L {f1(x + 440 * u)} {f1(base)} Z", fill=fill)
    # Cathedral nave with a small cupola.
    s.rect(x - 30 * u, base - 95 * u, 190 * u, 62 * u, fill=fill)
    s.path(f"M {f1(x - 34 * u)} {f1(base - 95 * u)} L {f1(x + 164 * u)} {f1(base - 95 * u)} "
           f"L {f1(x + 150 * u)} {f1(base - 108 * u)} L {f1(x - 20 * u)} {f1(base - 108 * u)} Z",
           fill=fill)
    s.rect(x + 110 * u, base - 140 * u, 24 * u, 34 * u, fill=fill)
    s.path(f"M {f1(x + 106 * u)} {f1(base - 140 * u)} Q {f1(x + 122 * u)} {f1(base - 170 * u)} "
           f"{f1(x + 138 * u)} {f1(base - 140 * u)} Z", fill=fill)
    s.line(x + 122 * u, base - 160 * u, x + 122 * u, base - 182 * u, stroke=fill, sw=2 * u)
    # Bell tower in stages, then the spire.
    s.rect(x - 26 * u, base - 150 * u, 52 * u, 60 * u, fill=fill)
    s.path(f"M {f1(x - 32 * u)} {f1(base - 150 * u)} h {f1(64 * u)} l {f1(-8 * u)} {f1(-10 * u)} "
           f"h {f1(-48 * u)} Z", fill=fill)
    s.rect(x - 20 * u, base - 200 * u, 40 * u, 42 * u, fill=fill)
    s.path(f"M {f1(x - 24 * u)} {f1(base - 200 * u)} h {f1(48 * u)} l {f1(-8 * u)} {f1(-9 * u)} "
           f"h {f1(-32 * u)} Z", fill=fill)
    s.rect(x - 13 * u, base - 240 * u, 26 * u, 32 * u, fill=fill)
    s.path(f"M {f1(x - 14 * u)} {f1(base - 240 * u)} Q {f1(x)} {f1(base - 262 * u)} "
           f"{f1(x + 14 * u)} {f1(base - 240 * u)} Z", fill=fill)
    spire(s, x, base - 255 * u, 300 * u, 16 * u, fill=fill)
    # Flagpole on the Naryshkin bastion.
    if flag:
        fx = x + 225 * u
        s.line(fx, base - 46 * u, fx, base - 170 * u, stroke=fill, sw=2.4 * u)
        s.path(f"M {f1(fx)} {f1(base - 168 * u)} Q {f1(fx + 30 * u)} {f1(base - 176 * u)} "
               f"{f1(fx + 62 * u)} {f1(base - 164 * u)} L {f1(fx + 60 * u)} {f1(base - 138 * u)} "
               f"Q {f1(fx + 30 * u)} {f1(base - 150 * u)} {f1(fx)} {f1(base - 142 * u)} Z", fill=flag)


def onion(s: Svg, x: float, base: float, w: float, h: float, fill: str = BLACK,
          cross: bool = True) -> None:
    s.path(f"M {f1(x - w * 0.32)} {f1(base)} C {f1(x - w * 0.75)} {f1(base - h * 0.35)} "
           f"{f1(x - w * 0.35)} {f1(base - h * 0.7)} {f1(x)} {f1(base - h)} "
           f"C {f1(x + w * 0.35)} {f1(base - h * 0.7)} {f1(x + w * 0.75)} {f1(base - h * 0.35)} "
           f"{f1(x + w * 0.32)} {f1(base)} Z", fill=fill)
    if cross:
        s.line(x, base - h, x, base - h * 1.35, stroke=fill, sw=max(1, w * 0.05))
        s.line(x - w * 0.12, base - h * 1.22, x + w * 0.12, base - h * 1.22, stroke=fill,
               sw=max(1, w * 0.05))


def smolny_cathedral(s: Svg, x: float, base: float, scale: float, fill: str = BLACK) -> None:
    """Rastrelli's Smolny Cathedral: a tall drum and dome with four onion-domed towers."""
    u = scale
    s.rect(x - 130 * u, base - 140 * u, 260 * u, 140 * u, fill=fill)
    s.path(f"M {f1(x - 60 * u)} {f1(base - 140 * u)} L {f1(x)} {f1(base - 175 * u)} "
           f"L {f1(x + 60 * u)} {f1(base - 140 * u)} Z", fill=fill)
    for tx in (-105, 105):
        s.rect(x + (tx - 18) * u, base - 215 * u, 36 * u, 80 * u, fill=fill)
        onion(s, x + tx * u, base - 215 * u, 40 * u, 55 * u, fill)
    s.rect(x - 48 * u, base - 260 * u, 96 * u, 100 * u, fill=fill)
    s.path(f"M {f1(x - 55 * u)} {f1(base - 258 * u)} C {f1(x - 58 * u)} {f1(base - 320 * u)} "
           f"{f1(x - 20 * u)} {f1(base - 345 * u)} {f1(x)} {f1(base - 350 * u)} "
           f"C {f1(x + 20 * u)} {f1(base - 345 * u)} {f1(x + 58 * u)} {f1(base - 320 * u)} "
           f"{f1(x + 55 * u)} {f1(base - 258 * u)} Z", fill=fill)
    s.rect(x - 9 * u, base - 375 * u, 18 * u, 28 * u, fill=fill)
    onion(s, x, base - 372 * u, 26 * u, 40 * u, fill)


def smolny_institute(s: Svg, x: float, base: float, w: float, h: float, *, fill: str = BLACK,
                     win: str = PAPER, lit: str | None = None, lit_ratio: float = 0.5,
                     seed: int = 3) -> None:
    """Quarenghi's Institute: long three-storey wings, eight-column portico on an arcade."""
    top = base - h
    s.rect(x, top, w, h, fill=fill)
    s.rect(x - 6, top - 8, w + 12, 10, fill=fill)
    gx = w / 26
    for row, (yy, hh) in enumerate(((0.12, 0.17), (0.42, 0.2), (0.72, 0.16))):
        windows(s, x + gx * 0.3, top + h * yy, 26, 1, gx * 0.42, h * hh, gx, 0, win, lit=lit,
                lit_ratio=lit_ratio, seed=seed + row)
    # Portico projects forward, pediment above.
    cx = x + w / 2
    pw = w * 0.34
    s.rect(cx - pw / 2, top - h * 0.05, pw, h * 1.05, fill=fill)
    s.poly([(cx - pw / 2 - 8, top - h * 0.05), (cx, top - h * 0.32), (cx + pw / 2 + 8, top - h * 0.05)],
           fill=fill)
    s.poly([(cx - pw / 2 + 14, top - h * 0.08), (cx, top - h * 0.27), (cx + pw / 2 - 14, top - h * 0.08)],
           fill=win, opacity=0.25)
    # Arcade below and columns above it, seen as lit intercolumniations.
    n = 8
    g = pw / n
    for i in range(n):
        ix = cx - pw / 2 + g * (i + 0.2)
        s.rect(ix, top + h * 0.02, g * 0.6, h * 0.58, fill=lit or win, opacity=0.85 if lit else 0.35)
        s.path(f"M {f1(ix)} {f1(base)} v {f1(-h * 0.22)} a {f1(g * 0.3)} {f1(g * 0.3)} 0 0 1 "
               f"{f1(g * 0.6)} 0 v {f1(h * 0.22)} Z", fill=lit or win, opacity=0.9 if lit else 0.4)
    columns(s, cx - pw / 2 + g * 0.5, top + h * 0.02, top + h * 0.62, n, g, g * 0.32, fill)


def bonfire(s: Svg, x: float, base: float, size: float, seed: int = 0, glow: bool = True) -> None:
    rnd = random.Random(seed)
    if glow:
        g = s.radgrad(f"fireglow{seed}", [(0, pink(0.85), 0.9), (0.45, pink(0.5), 0.5),
                                          (1, pink(0.2), 0)],
                      user=(x, base - size * 0.4, size * 2.6))
        s.circle(x, base - size * 0.4, size * 2.6, fill=g)
    # logs
    s.path(f"M {f1(x - size * 0.7)} {f1(base)} L {f1(x + size * 0.5)} {f1(base - size * 0.25)} "
           f"L {f1(x + size * 0.55)} {f1(base - size * 0.12)} L {f1(x - size * 0.65)} {f1(base + size * 0.1)} Z"
           f" M {f1(x + size * 0.7)} {f1(base)} L {f1(x - size * 0.5)} {f1(base - size * 0.25)} "
           f"L {f1(x - size * 0.55)} {f1(base - size * 0.12)} L {f1(x + size * 0.65)} {f1(base + size * 0.1)} Z",
           fill=BLACK)
    # flames: tongues in red with black tips
    d = []
    for i in range(7):
        fx = x + (i - 3) * size * 0.14 + rnd.uniform(-0.05, 0.05) * size
        fh = size * (1.1 - abs(i - 3) * 0.2) * rnd.uniform(0.8, 1.2)
        lean = rnd.uniform(-0.2, 0.2) * size
        d.append(f"M {f1(fx - size * 0.14)} {f1(base - size * 0.1)} Q {f1(fx - size * 0.1)} "
                 f"{f1(base - fh * 0.6)} {f1(fx + lean)} {f1(base - fh)} Q {f1(fx + size * 0.08)} "
                 f"{f1(base - fh * 0.5)} {f1(fx + size * 0.14)} {f1(base - size * 0.1)} Z")
    s.path(" ".join(d), fill=RED)
    d2 = []
    for i in range(4):
        fx = x + (i - 1.5) * size * 0.16
        fh = size * 0.55 * rnd.uniform(0.8, 1.1)
        d2.append(f"M {f1(fx - size * 0.07)} {f1(base - size * 0.12)} Q {f1(fx)} {f1(base - fh)} "
                  f"{f1(fx + size * 0.07)} {f1(base - size * 0.12)} Z")
    s.path(" ".join(d2), fill=PAPER, opacity=0.8)
    for i in range(9):
        sx = x + rnd.uniform(-0.6, 0.6) * size
        sy = base - size * rnd.uniform(1.2, 2.4)
        s.circle(sx, sy, size * 0.025, fill=RED)


def lamp_post(s: Svg, x: float, base: float, h: float, fill: str = BLACK, glow: str | None = None,
              seed: int = 0) -> None:
    u = h / 100
    if glow:
        g = s.radgrad(f"lampglow{seed}", [(0, glow, 0.95), (0.35, glow, 0.45), (1, glow, 0)],
                      user=(x, base - 92 * u, 38 * u))
        s.circle(x, base - 92 * u, 38 * u, fill=g)
    s.path(f"M {f1(x - 4 * u)} {f1(base)} L {f1(x - 2 * u)} {f1(base - 10 * u)} L {f1(x - 1 * u)} "
           f"{f1(base - 84 * u)} L {f1(x + 1 * u)} {f1(base - 84 * u)} L {f1(x + 2 * u)} "
           f"{f1(base - 10 * u)} L {f1(x + 4 * u)} {f1(base)} Z", fill=fill)
    s.line(x - 4 * u, base - 78 * u, x + 4 * u, base - 78 * u, stroke=fill, sw=1.2 * u)
    s.path(f"M {f1(x - 4 * u)} {f1(base - 85 * u)} L {f1(x - 6 * u)} {f1(base - 97 * u)} "
           f"L {f1(x + 6 * u)} {f1(base - 97 * u)} L {f1(x + 4 * u)} {f1(base - 85 * u)} Z",
           fill=glow or fill)
    s.path(f"M {f1(x - 7.5 * u)} {f1(base - 97 * u)} L {f1(x)} {f1(base - 103 * u)} "
           f"L {f1(x + 7.5 * u)} {f1(base - 97 * u)} Z", fill=fill)


def logs(s: Svg, x: float, base: float, w: float, h: float, r: float, seed: int = 0,
         fill: str = BLACK, end: str = PAPER) -> None:
    """A stack of firewood seen end-on: the barricades of the Winter Palace."""
    rnd = random.Random(seed)
    s.rect(x, base - h, w, h, fill=fill)
    rows = int(h / (r * 1.75))
    d = []
    for row in range(rows):
        cy = base - r - row * r * 1.75
        off = (row % 2) * r
        cx = x + r + off
        while cx < x + w - r * 0.8:
            rr = r * rnd.uniform(0.7, 0.92)
            d.append(f"M {f1(cx - rr)} {f1(cy)} a {f1(rr)} {f1(rr * 0.95)} 0 1 0 {f1(2 * rr)} 0 "
                     f"a {f1(rr)} {f1(rr * 0.95)} 0 1 0 {f1(-2 * rr)} 0 Z")
            cx += r * 2
    s.path(" ".join(d), fill=end)
    # growth rings as tiny dark centres
    d2 = []
    for row in range(rows):
        cy = base - r - row * r * 1.75
        off = (row % 2) * r
        cx = x + r + off
        while cx < x + w - r * 0.8:
            d2.append(f"M {f1(cx - r * 0.18)} {f1(cy)} a {f1(r * 0.18)} {f1(r * 0.18)} 0 1 0 "
                      f"{f1(r * 0.36)} 0 a {f1(r * 0.18)} {f1(r * 0.18)} 0 1 0 {f1(-r * 0.36)} 0 Z")
            cx += r * 2
    s.path(" ".join(d2), fill=fill, opacity=0.6)


def maxim(s: Svg, x: float, base: float, size: float, fill: str = BLACK, facing: int = 1) -> None:
    """A Maxim machine gun on its wheeled Sokolov carriage, with shield."""
    u = size / 100
    f = facing
    d = [
        # wheels
        f"M {f1(x - 28 * u)} {f1(base - 14 * u)} m {f1(-14 * u)} 0 a {f1(14 * u)} {f1(14 * u)} 0 1 0 "
        f"{f1(28 * u)} 0 a {f1(14 * u)} {f1(14 * u)} 0 1 0 {f1(-28 * u)} 0 Z",
        # trail
        f"M {f1(x - 28 * u * f)} {f1(base - 16 * u)} L {f1(x - 95 * u * f)} {f1(base - 2 * u)} "
        f"L {f1(x - 95 * u * f)} {f1(base - 7 * u)} L {f1(x - 28 * u * f)} {f1(base - 22 * u)} Z",
        # shield
        f"M {f1(x - 10 * u * f)} {f1(base - 22 * u)} L {f1(x - 4 * u * f)} {f1(base - 78 * u)} "
        f"L {f1(x + 2 * u * f)} {f1(base - 76 * u)} L {f1(x - 2 * u * f)} {f1(base - 20 * u)} Z",
        # water jacket + receiver
        f"M {f1(x - 40 * u * f)} {f1(base - 44 * u)} L {f1(x + 55 * u * f)} {f1(base - 50 * u)} "
        f"L {f1(x + 55 * u * f)} {f1(base - 36 * u)} L {f1(x - 40 * u * f)} {f1(base - 30 * u)} Z",
        f"M {f1(x + 55 * u * f)} {f1(base - 45 * u)} L {f1(x + 72 * u * f)} {f1(base - 46 * u)} "
        f"L {f1(x + 72 * u * f)} {f1(base - 41 * u)} L {f1(x + 55 * u * f)} {f1(base - 40 * u)} Z",
        # handles
        f"M {f1(x - 40 * u * f)} {f1(base - 42 * u)} L {f1(x - 52 * u * f)} {f1(base - 47 * u)} "
        f"L {f1(x - 52 * u * f)} {f1(base - 43 * u)} L {f1(x - 40 * u * f)} {f1(base - 36 * u)} Z",
    ]
    s.path(" ".join(d), fill=fill)
    # ammunition belt
    s.path(f"M {f1(x - 5 * u * f)} {f1(base - 32 * u)} Q {f1(x + 5 * u * f)} {f1(base - 10 * u)} "
           f"{f1(x + 25 * u * f)} {f1(base - 4 * u)}", fill=None, stroke=fill, sw=3 * u,
           extra='stroke-dasharray="2 1.5"')
    s.circle(x - 28 * u, base - 14 * u, 5 * u, fill=PAPER, opacity=0.7)


def chandelier(s: Svg, x: float, y: float, size: float, fill: str = BLACK,
               flame: str = PAPER, glow: str | None = None, seed: int = 0) -> None:
    u = size / 100
    if glow:
        g = s.radgrad(f"chglow{seed}", [(0, glow, 0.85), (0.5, glow, 0.35), (1, glow, 0)],
                      user=(x, y + 40 * u, 110 * u))
        s.circle(x, y + 40 * u, 110 * u, fill=g)
    s.line(x, y - 200 * u, x, y, stroke=fill, sw=2 * u)
    d = []
    for tier, (ty, rx, n) in enumerate(((y + 20 * u, 60 * u, 9), (y + 48 * u, 85 * u, 13))):
        d.append(f"M {f1(x - rx)} {f1(ty)} Q {f1(x)} {f1(ty + 22 * u)} {f1(x + rx)} {f1(ty)} "
                 f"L {f1(x + rx)} {f1(ty + 3 * u)} Q {f1(x)} {f1(ty + 26 * u)} {f1(x - rx)} {f1(ty + 3 * u)} Z")
        for i in range(n):
            cx = x - rx + 2 * rx * i / (n - 1)
            cy = ty - 6 * u + abs(i - (n - 1) / 2) * 0
            d.append(f"M {f1(cx - 1.6 * u)} {f1(ty + 2 * u)} h {f1(3.2 * u)} v {f1(-12 * u)} "
                     f"h {f1(-3.2 * u)} Z")
            s.ellipse(cx, cy - 9 * u, 2.4 * u, 4.5 * u, fill=flame)
    d.append(f"M {f1(x - 10 * u)} {f1(y)} L {f1(x + 10 * u)} {f1(y)} L {f1(x + 4 * u)} {f1(y + 80 * u)} "
             f"L {f1(x)} {f1(y + 95 * u)} L {f1(x - 4 * u)} {f1(y + 80 * u)} Z")
    # crystal drops
    for i in range(15):
        a = math.pi * i / 14
        d.append(f"M {f1(x - 80 * u * math.cos(a))} {f1(y + 56 * u + 14 * u * math.sin(a))} "
                 f"l {f1(-1.5 * u)} {f1(6 * u)} l {f1(1.5 * u)} {f1(4 * u)} l {f1(1.5 * u)} {f1(-4 * u)} Z")
    s.path(" ".join(d), fill=fill)


def telephone(s: Svg, x: float, base: float, h: float, fill: str = BLACK) -> None:
    """A candlestick telephone with the receiver on its hook."""
    u = h / 100
    s.path(f"M {f1(x - 22 * u)} {f1(base)} Q {f1(x)} {f1(base - 14 * u)} {f1(x + 22 * u)} {f1(base)} Z "
           f"M {f1(x - 4 * u)} {f1(base - 8 * u)} L {f1(x - 3 * u)} {f1(base - 78 * u)} L {f1(x + 3 * u)} "
           f"{f1(base - 78 * u)} L {f1(x + 4 * u)} {f1(base - 8 * u)} Z "
           f"M {f1(x - 9 * u)} {f1(base - 76 * u)} Q {f1(x)} {f1(base - 100 * u)} {f1(x + 12 * u)} "
           f"{f1(base - 84 * u)} L {f1(x + 9 * u)} {f1(base - 74 * u)} Z "
           f"M {f1(x + 4 * u)} {f1(base - 60 * u)} L {f1(x + 18 * u)} {f1(base - 62 * u)} L {f1(x + 18 * u)} "
           f"{f1(base - 58 * u)} L {f1(x + 4 * u)} {f1(base - 56 * u)} Z "
           f"M {f1(x + 16 * u)} {f1(base - 70 * u)} h {f1(6 * u)} v {f1(36 * u)} Q {f1(x + 19 * u)} "
           f"{f1(base - 28 * u)} {f1(x + 16 * u)} {f1(base - 34 * u)} Z", fill=fill)
    s.path(f"M {f1(x + 4 * u)} {f1(base - 20 * u)} Q {f1(x + 30 * u)} {f1(base - 10 * u)} "
           f"{f1(x + 40 * u)} {f1(base)}", fill=None, stroke=fill, sw=1.5 * u)


def samovar(s: Svg, x: float, base: float, h: float, fill: str = BLACK, shine: str = PAPER,
            accent: str = RED, steam: bool = True) -> None:
    """A Tula samovar: footed base, urn body, tap, handles, crown with a teapot on top."""
    u = h / 100
    d = (
        # feet and base
        f"M {f1(x - 24 * u)} {f1(base)} L {f1(x - 20 * u)} {f1(base - 6 * u)} L {f1(x + 20 * u)} "
        f"{f1(base - 6 * u)} L {f1(x + 24 * u)} {f1(base)} L {f1(x + 16 * u)} {f1(base)} L {f1(x + 13 * u)} "
        f"{f1(base - 3 * u)} L {f1(x - 13 * u)} {f1(base - 3 * u)} L {f1(x - 16 * u)} {f1(base)} Z "
        f"M {f1(x - 18 * u)} {f1(base - 6 * u)} L {f1(x - 10 * u)} {f1(base - 16 * u)} L {f1(x + 10 * u)} "
        f"{f1(base - 16 * u)} L {f1(x + 18 * u)} {f1(base - 6 * u)} Z "
        f"M {f1(x - 9 * u)} {f1(base - 15 * u)} h {f1(18 * u)} v {f1(-6 * u)} h {f1(-18 * u)} Z "
        # urn body
        f"M {f1(x - 12 * u)} {f1(base - 20 * u)} C {f1(x - 36 * u)} {f1(base - 26 * u)} "
        f"{f1(x - 36 * u)} {f1(base - 56 * u)} {f1(x - 22 * u)} {f1(base - 62 * u)} "
        f"L {f1(x + 22 * u)} {f1(base - 62 * u)} C {f1(x + 36 * u)} {f1(base - 56 * u)} "
        f"{f1(x + 36 * u)} {f1(base - 26 * u)} {f1(x + 12 * u)} {f1(base - 20 * u)} Z "
        # shoulder & crown
        f"M {f1(x - 22 * u)} {f1(base - 62 * u)} Q {f1(x)} {f1(base - 72 * u)} {f1(x + 22 * u)} "
        f"{f1(base - 62 * u)} Z "
        f"M {f1(x - 12 * u)} {f1(base - 67 * u)} L {f1(x - 10 * u)} {f1(base - 73 * u)} L {f1(x + 10 * u)} "
        f"{f1(base - 73 * u)} L {f1(x + 12 * u)} {f1(base - 67 * u)} Z "
        # teapot on the crown
        f"M {f1(x - 11 * u)} {f1(base - 73 * u)} C {f1(x - 15 * u)} {f1(base - 82 * u)} "
        f"{f1(x - 8 * u)} {f1(base - 88 * u)} {f1(x)} {f1(base - 88 * u)} C {f1(x + 8 * u)} "
        f"{f1(base - 88 * u)} {f1(x + 15 * u)} {f1(base - 82 * u)} {f1(x + 11 * u)} {f1(base - 73 * u)} Z "
        f"M {f1(x + 10 * u)} {f1(base - 80 * u)} L {f1(x + 22 * u)} {f1(base - 88 * u)} L {f1(x + 23 * u)} "
        f"{f1(base - 86 * u)} L {f1(x + 12 * u)} {f1(base - 76 * u)} Z "
        f"M {f1(x - 3 * u)} {f1(base - 88 * u)} h {f1(6 * u)} v {f1(-3 * u)} h {f1(-6 * u)} Z "
        # chimney behind teapot
        f"M {f1(x - 4 * u)} {f1(base - 91 * u)} h {f1(8 * u)} v {f1(-7 * u)} h {f1(-8 * u)} Z "
        # tap
        f"M {f1(x - 3 * u)} {f1(base - 30 * u)} L {f1(x + 3 * u)} {f1(base - 30 * u)} L {f1(x + 3 * u)} "
        f"{f1(base - 24 * u)} L {f1(x + 9 * u)} {f1(base - 20 * u)} L {f1(x + 8 * u)} {f1(base - 17 * u)} "
        f"L {f1(x - 1 * u)} {f1(base - 22 * u)} Z "
    )
    s.path(d, fill=fill)
    # handles
    for sgn in (-1, 1):
        s.path(f"M {f1(x + sgn * 27 * u)} {f1(base - 56 * u)} Q {f1(x + sgn * 42 * u)} "
               f"{f1(base - 58 * u)} {f1(x + sgn * 38 * u)} {f1(base - 46 * u)}", fill=None,
               stroke=fill, sw=3 * u)
    # shine on the brass
    s.path(f"M {f1(x - 22 * u)} {f1(base - 52 * u)} Q {f1(x - 26 * u)} {f1(base - 38 * u)} "
           f"{f1(x - 16 * u)} {f1(base - 26 * u)}", fill=None, stroke=shine, sw=3.5 * u, opacity=0.85)
    s.path(f"M {f1(x - 6 * u)} {f1(base - 84 * u)} Q {f1(x - 9 * u)} {f1(base - 80 * u)} "
           f"{f1(x - 7 * u)} {f1(base - 76 * u)}", fill=None, stroke=shine, sw=1.5 * u, opacity=0.8)
    # flutes down the brass body, so it reads as a round urn and not a flat shape
    for fx in (-14, -5, 5, 14):
        s.path(f"M {f1(x + fx * u)} {f1(base - 60 * u)} Q {f1(x + fx * 1.35 * u)} {f1(base - 42 * u)} "
               f"{f1(x + fx * 0.7 * u)} {f1(base - 24 * u)}", fill=None, stroke=shine, sw=1.2 * u, opacity=0.45)
    # the maker's medals, stamped in a row round the shoulder: small rings, never a pair of bright dots
    for k, mx in enumerate((-15, -7.5, 0, 7.5, 15)):
        s.circle(x + mx * u, base - 64.5 * u + abs(mx) * 0.08 * u, 1.7 * u, fill=None, stroke=shine, sw=0.7 * u,
                 opacity=0.8)
    # the coals' glow at the grate in the foot
    s.rect(x - 7 * u, base - 13.5 * u, 14 * u, 2.2 * u, fill=accent)
    if steam:
        s.path(f"M {f1(x)} {f1(base - 99 * u)} C {f1(x - 10 * u)} {f1(base - 112 * u)} "
               f"{f1(x + 10 * u)} {f1(base - 122 * u)} {f1(x - 2 * u)} {f1(base - 138 * u)} "
               f"C {f1(x - 10 * u)} {f1(base - 150 * u)} {f1(x + 6 * u)} {f1(base - 158 * u)} "
               f"{f1(x + 2 * u)} {f1(base - 170 * u)}", fill=None, stroke=shine, sw=4 * u, opacity=0.6)


def aurora(s: Svg, x: float, water: float, length: float, fill: str = BLACK,
           lit: str | None = None) -> None:
    """The cruiser Aurora in profile, bow to the right: ram bow, three tall funnels, two masts."""
    L = length
    u = L / 100
    hull = (f"M {f1(x)} {f1(water)} L {f1(x + 2 * u)} {f1(water - 7 * u)} "
            f"L {f1(x + 6 * u)} {f1(water - 8 * u)} L {f1(x + 92 * u)} {f1(water - 8.5 * u)} "
            f"Q {f1(x + 99 * u)} {f1(water - 8.6 * u)} {f1(x + 100 * u)} {f1(water - 9 * u)} "
            f"L {f1(x + 97.5 * u)} {f1(water + 0.5 * u)} Z")
    s.path(hull, fill=fill)
    # Forecastle and superstructure.
    s.path(f"M {f1(x + 74 * u)} {f1(water - 8.5 * u)} L {f1(x + 74 * u)} {f1(water - 10 * u)} "
           f"L {f1(x + 99 * u)} {f1(water - 10 * u)} L {f1(x + 99.5 * u)} {f1(water - 9 * u)} Z", fill=fill)
    s.rect(x + 28 * u, water - 11.5 * u, 42 * u, 3.2 * u, fill=fill)
    s.rect(x + 64 * u, water - 15.5 * u, 8 * u, 5 * u, fill=fill)   # bridge
    s.rect(x + 11 * u, water - 11 * u, 10 * u, 2.6 * u, fill=fill)
    # Three tall, thin funnels, slightly raked, evenly spaced.
    for fx in (38, 47, 56):
        s.path(f"M {f1(x + fx * u)} {f1(water - 11 * u)} L {f1(x + (fx - 0.8) * u)} {f1(water - 31 * u)} "
               f"L {f1(x + (fx + 2.6) * u)} {f1(water - 31 * u)} L {f1(x + (fx + 3.4) * u)} "
               f"{f1(water - 11 * u)} Z", fill=fill)
        s.rect(x + (fx - 1.1) * u, water - 32 * u, 4 * u, 1.3 * u, fill=fill)
    # Masts with tops, yards and rigging.
    for mx, mh in ((69, 44), (22, 40)):
        s.line(x + mx * u, water - 10 * u, x + (mx - 0.8) * u, water - mh * u, stroke=fill, sw=0.9 * u)
        s.rect(x + (mx - 2) * u, water - (mh * 0.62) * u, 3.4 * u, 1.4 * u, fill=fill)
        s.line(x + (mx - 5) * u, water - (mh * 0.8) * u, x + (mx + 4) * u, water - (mh * 0.8) * u,
               stroke=fill, sw=0.4 * u)
    s.polyline([(x + 99 * u, water - 10 * u), (x + 68.4 * u, water - 44 * u), (x + 21.2 * u, water - 40 * u),
                (x + 1 * u, water - 8 * u)], stroke=fill, sw=0.25 * u)
    # Guns: bow and stern chasers and casemates.
    s.line(x + 84 * u, water - 11.5 * u, x + 92 * u, water - 12 * u, stroke=fill, sw=0.7 * u)
    s.line(x + 14 * u, water - 12 * u, x + 7 * u, water - 12.5 * u, stroke=fill, sw=0.7 * u)
    s.rect(x + 82 * u, water - 13 * u, 4 * u, 2.5 * u, fill=fill)
    s.rect(x + 13 * u, water - 13 * u, 4 * u, 2.5 * u, fill=fill)
    # Scuttles along the hull.
    d = []
    for i in range(22):
        px = x + (8 + i * 4) * u
        d.append(f"M {f1(px)} {f1(water - 4.6 * u)} m {f1(-0.45 * u)} 0 a {f1(0.45 * u)} {f1(0.45 * u)} 0 1 0 "
                 f"{f1(0.9 * u)} 0 a {f1(0.45 * u)} {f1(0.45 * u)} 0 1 0 {f1(-0.9 * u)} 0 Z")
    s.path(" ".join(d), fill=lit or PAPER, opacity=0.9 if lit else 0.5)


def searchlight_beam(s: Svg, x: float, y: float, angle_deg: float, length: float, spread: float,
                     color: str = PAPER, opacity: float = 0.55, ident: str = "beam") -> None:
    a = math.radians(angle_deg)
    ex, ey = x + length * math.cos(a), y - length * math.sin(a)
    nx, ny = -math.sin(a), -math.cos(a)
    w = length * spread
    g = s.define(ident, f'<linearGradient id="{ident}" gradientUnits="userSpaceOnUse" '
                        f'x1="{f1(x)}" y1="{f1(y)}" x2="{f1(ex)}" y2="{f1(ey)}">'
                        f'<stop offset="0" stop-color="{color}" stop-opacity="{opacity}"/>'
                        f'<stop offset="1" stop-color="{color}" stop-opacity="0"/></linearGradient>')
    s.poly([(x, y), (ex + nx * w, ey + ny * w), (ex - nx * w, ey - ny * w)], fill=g)


def tram(s: Svg, x: float, base: float, w: float, *, fill: str = BLACK, lit: str = PAPER,
         accent: str = RED, number: str = "12", facing: int = 1) -> None:
    """A Petrograd electric tram car (bow collector on the roof), end platforms, lit saloon."""
    u = w / 100
    h = 38 * u
    top = base - h - 6 * u
    # wheels and truck
    s.rect(x + 10 * u, base - 8 * u, 80 * u, 3 * u, fill=fill)
    for wx in (22, 36, 64, 78):
        s.circle(x + wx * u, base - 4 * u, 4.2 * u, fill=fill)
    # body: saloon with rounded roof, platforms at both ends
    s.path(f"M {f1(x)} {f1(base - 7 * u)} L {f1(x)} {f1(top + 8 * u)} Q {f1(x)} {f1(top + 3 * u)} "
           f"{f1(x + 6 * u)} {f1(top + 2 * u)} L {f1(x + 94 * u)} {f1(top + 2 * u)} Q {f1(x + 100 * u)} "
           f"{f1(top + 3 * u)} {f1(x + 100 * u)} {f1(top + 8 * u)} L {f1(x + 100 * u)} {f1(base - 7 * u)} Z",
           fill=fill)
    # clerestory roof
    s.rect(x + 14 * u, top - 2 * u, 72 * u, 4.5 * u, fill=fill)
    windows(s, x + 16 * u, top - 1 * u, 12, 1, 4.2 * u, 2 * u, 6 * u, 0, lit)
    # saloon windows, lit
    windows(s, x + 15.5 * u, top + 7 * u, 8, 1, 7.2 * u, 13 * u, 8.8 * u, 0, lit)
    # platform windows
    s.rect(x + 2 * u, top + 7 * u, 9 * u, 13 * u, fill=lit, opacity=0.8)
    s.rect(x + 89 * u, top + 7 * u, 9 * u, 13 * u, fill=lit, opacity=0.8)
    # route board and number
    s.rect(x + 36 * u, top + 22.5 * u, 28 * u, 5 * u, fill=accent)
    s.text(x + 50 * u, top + 26.6 * u, number, size=4.6 * u, fill=PAPER, weight="bold", anchor="middle")
    # headlamp
    hx = x + (99 if facing > 0 else 1) * u
    s.circle(hx, base - 14 * u, 1.8 * u, fill=lit)
    # bow collector to the wire
    s.path(f"M {f1(x + 40 * u)} {f1(top - 2 * u)} L {f1(x + 55 * u)} {f1(top - 22 * u)} "
           f"L {f1(x + 62 * u)} {f1(top - 22 * u)} M {f1(x + 60 * u)} {f1(top - 2 * u)} "
           f"L {f1(x + 55 * u)} {f1(top - 22 * u)}", fill=None, stroke=fill, sw=1 * u)


def locomotive(s: Svg, x: float, rail: float, w: float, fill: str = BLACK, lit: str = PAPER,
               accent: str = RED) -> None:
    """A Russian steam engine, smokebox to the right, with tender."""
    u = w / 100
    s.rect(x + 30 * u, rail - 30 * u, 58 * u, 16 * u, fill=fill)   # boiler
    s.path(f"M {f1(x + 88 * u)} {f1(rail - 31 * u)} h {f1(8 * u)} v {f1(18 * u)} h {f1(-8 * u)} Z", fill=fill)
    s.circle(x + 96 * u, rail - 22 * u, 1.6 * u, fill=lit)
    s.path(f"M {f1(x + 82 * u)} {f1(rail - 30 * u)} L {f1(x + 81 * u)} {f1(rail - 42 * u)} L {f1(x + 88 * u)} "
           f"{f1(rail - 42 * u)} L {f1(x + 87 * u)} {f1(rail - 30 * u)} Z", fill=fill)   # chimney
    s.ellipse(x + 64 * u, rail - 31 * u, 4 * u, 4 * u, fill=fill)   # dome
    s.ellipse(x + 50 * u, rail - 31 * u, 3 * u, 3 * u, fill=fill)
    s.rect(x + 18 * u, rail - 40 * u, 16 * u, 26 * u, fill=fill)    # cab
    s.rect(x + 16 * u, rail - 42 * u, 20 * u, 3 * u, fill=fill)
    s.rect(x + 22 * u, rail - 36 * u, 8 * u, 8 * u, fill=lit, opacity=0.9)
    s.rect(x - 12 * u, rail - 26 * u, 28 * u, 14 * u, fill=fill)    # tender
    s.path(f"M {f1(x + 88 * u)} {f1(rail - 6 * u)} L {f1(x + 100 * u)} {f1(rail)} L {f1(x + 88 * u)} {f1(rail)} Z",
           fill=fill)   # cow-catcher
    for wx, r in ((40, 7), (55, 7), (70, 7), (84, 4), (-6, 4), (8, 4)):
        s.circle(x + wx * u, rail - r * u, r * u, fill=fill)
        s.circle(x + wx * u, rail - r * u, r * 0.35 * u, fill=lit, opacity=0.5)
    s.line(x + 40 * u, rail - 7 * u, x + 70 * u, rail - 7 * u, stroke=lit, sw=1 * u, opacity=0.6)
    s.rect(x + 30 * u, rail - 16 * u, 58 * u, 1.5 * u, fill=accent)


def smoke(s: Svg, x: float, y: float, w: float, h: float, color: str, seed: int = 0,
          opacity: float = 0.7, lean: float = -1) -> None:
    rnd = random.Random(seed)
    d = []
    for i in range(9):
        t = i / 8
        cx = x + lean * t * w + rnd.uniform(-0.05, 0.05) * w
        cy = y - t * h
        r = h * (0.08 + 0.14 * t) * rnd.uniform(0.8, 1.2)
        d.append(f"M {f1(cx - r)} {f1(cy)} a {f1(r)} {f1(r * 0.8)} 0 1 0 {f1(2 * r)} 0 "
                 f"a {f1(r)} {f1(r * 0.8)} 0 1 0 {f1(-2 * r)} 0 Z")
    s.path(" ".join(d), fill=color, opacity=opacity)


def rain(s: Svg, x: float, y: float, w: float, h: float, *, color: str = PAPER, n: int = 300,
         angle: float = 12, length: float = 40, sw: float = 1.6, seed: int = 0,
         opacity: float = 0.7) -> None:
    rnd = random.Random(seed)
    dx = math.tan(math.radians(angle)) * length
    d = []
    for _ in range(n):
        px, py = rnd.uniform(x, x + w), rnd.uniform(y, y + h)
        ll = length * rnd.uniform(0.6, 1.2)
        d.append(f"M {f1(px)} {f1(py)} l {f1(-dx * ll / length)} {f1(ll)}")
    s.path(" ".join(d), fill=None, stroke=color, sw=sw, opacity=opacity,
           extra='stroke-linecap="round"')


def snow(s: Svg, x: float, y: float, w: float, h: float, *, color: str = PAPER, n: int = 300,
         r: float = 2.5, seed: int = 0, opacity: float = 0.85) -> None:
    rnd = random.Random(seed)
    d = []
    for _ in range(n):
        px, py = rnd.uniform(x, x + w), rnd.uniform(y, y + h)
        rr = r * rnd.uniform(0.5, 1.3)
        d.append(f"M {f1(px - rr)} {f1(py)} a {f1(rr)} {f1(rr)} 0 1 0 {f1(2 * rr)} 0 "
                 f"a {f1(rr)} {f1(rr)} 0 1 0 {f1(-2 * rr)} 0 Z")
    s.path(" ".join(d), fill=color, opacity=opacity)


def water_lines(s: Svg, x: float, y: float, w: float, h: float, *, color: str = PAPER,
                seed: int = 0, n: int = 80, opacity: float = 0.6, sw: float = 2.0,
                reflect_x: float | None = None, reflect_w: float = 0) -> None:
    """Engraved ripples on water; denser towards the viewer; a reflection column if asked."""
    rnd = random.Random(seed)
    d = []
    for _ in range(n):
        t = rnd.random() ** 0.7
        py = y + t * h
        ll = w * rnd.uniform(0.02, 0.08) * (0.5 + t)
        px = rnd.uniform(x, x + w)
        if reflect_x is not None and rnd.random() < 0.45:
            px = reflect_x + rnd.uniform(-reflect_w, reflect_w) * (0.5 + t)
        d.append(f"M {f1(px)} {f1(py)} h {f1(ll)}")
    s.path(" ".join(d), fill=None, stroke=color, sw=sw, opacity=opacity,
           extra='stroke-linecap="round"')


def table(s: Svg, x: float, top: float, w: float, h: float, fill: str = BLACK,
          cloth: str | None = None) -> None:
    s.rect(x, top, w, h * 0.08, fill=fill)
    if cloth:
        s.path(f"M {f1(x - 6)} {f1(top)} L {f1(x + w + 6)} {f1(top)} L {f1(x + w + 12)} {f1(top + h * 0.4)} "
               f"L {f1(x - 12)} {f1(top + h * 0.4)} Z", fill=cloth)
    for lx in (x + w * 0.04, x + w * 0.93):
        s.rect(lx, top + h * 0.05, w * 0.03, h * 0.95, fill=fill)


def chair(s: Svg, x: float, base: float, h: float, fill: str = BLACK, facing: int = 1) -> None:
    u = h / 100
    f = facing
    s.path(f"M {f1(x)} {f1(base)} L {f1(x)} {f1(base - 100 * u)} L {f1(x + 6 * u * f)} {f1(base - 100 * u)} "
           f"L {f1(x + 6 * u * f)} {f1(base - 52 * u)} L {f1(x + 40 * u * f)} {f1(base - 52 * u)} "
           f"L {f1(x + 40 * u * f)} {f1(base)} L {f1(x + 35 * u * f)} {f1(base)} L {f1(x + 35 * u * f)} "
           f"{f1(base - 46 * u)} L {f1(x + 5 * u * f)} {f1(base - 46 * u)} L {f1(x + 5 * u * f)} {f1(base)} Z",
           fill=fill)
    s.rect(min(x, x + 6 * u * f), base - 95 * u, 6 * u, 4 * u, fill=fill)


def window_frame(s: Svg, x: float, y: float, w: float, h: float, *, frame: str = BLACK,
                 glass: str | None = None, bars: int = 2, sw: float = 10) -> None:
    if glass:
        s.rect(x, y, w, h, fill=glass)
    s.rect(x, y, w, h, fill=None, stroke=frame, sw=sw)
    s.line(x + w / 2, y, x + w / 2, y + h, stroke=frame, sw=sw * 0.7)
    for i in range(1, bars + 1):
        yy = y + h * i / (bars + 1)
        s.line(x, yy, x + w, yy, stroke=frame, sw=sw * 0.5)
    s.line(x, y + h * 0.3, x + w, y + h * 0.3, stroke=frame, sw=sw * 0.7)


def paper_sheet(s: Svg, x: float, y: float, w: float, h: float, angle: float = 0,
                fill: str = PAPER, edge: str = BLACK, lines: int = 8, line_color: str | None = None) -> None:
    cx, cy = x + w / 2, y + h / 2
    s.add(f'<g transform="rotate({f1(angle)} {f1(cx)} {f1(cy)})">')
    s.rect(x, y, w, h, fill=fill, stroke=edge, sw=1.5)
    lc = line_color or grey(0.5)
    d = []
    for i in range(lines):
        yy = y + h * 0.15 + i * (h * 0.75 / max(1, lines))
        d.append(f"M {f1(x + w * 0.12)} {f1(yy)} h {f1(w * (0.76 if i % 3 else 0.5))}")
    if d:
        s.path(" ".join(d), fill=None, stroke=lc, sw=max(1.0, h * 0.02))
    s.add("</g>")


def perspective_room(s: Svg, vp: tuple[float, float], back: tuple[float, float, float, float], *,
                     w: float = 1600, h: float = 900, floor: str = grey(0.5), ceiling: str = grey(0.7),
                     left: str = grey(0.6), right: str = grey(0.55), backwall: str = grey(0.3)) -> None:
    """One-point perspective box: back wall rectangle, and the four planes to the frame."""
    bx, by, bw, bh = back
    s.rect(0, 0, w, h, fill=backwall)
    s.poly([(0, 0), (w, 0), (bx + bw, by), (bx, by)], fill=ceiling)
    s.poly([(0, h), (w, h), (bx + bw, by + bh), (bx, by + bh)], fill=floor)
    s.poly([(0, 0), (bx, by), (bx, by + bh), (0, h)], fill=left)
    s.poly([(w, 0), (bx + bw, by), (bx + bw, by + bh), (w, h)], fill=right)
    s.rect(bx, by, bw, bh, fill=backwall)


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def toward(p: tuple[float, float], vp: tuple[float, float], t: float) -> tuple[float, float]:
    """The point a fraction t of the way from p to the vanishing point."""
    return (lerp(p[0], vp[0], t), lerp(p[1], vp[1], t))
