"""The places of Petrograd, October 1917 (1600 x 900, landscape)."""

from __future__ import annotations

import math
import random

from .common import (H, W, clouds, cobbles, dusk_sky, glow, ground, night_sky, pale_sky,
                     red_night, scene)
from .svg import (BLACK, MAROON, PAPER, RED, Svg, alexander_column, aurora, bonfire, bust_crowd,
                  chair, chandelier, columns, f1, figure, grey, ink, lamp_post, lerp, locomotive,
                  logs, maxim, onion, paper_sheet, peter_paul, pink, rain, samovar,
                  searchlight_beam, smoke, smolny_cathedral, smolny_institute, snow, spire, statues,
                  table, telephone, toward, tram, water_lines, window_frame, windows, winter_palace)


def _seated(s: Svg, x: float, base: float, h: float, fill: str = BLACK, facing: int = 1,
            hat: str | None = None) -> None:
    """Head and shoulders of someone seated at a table, seen from behind or the side."""
    u = h / 100
    s.path(f"M {f1(x - 30 * u)} {f1(base)} L {f1(x - 28 * u)} {f1(base - 50 * u)} "
           f"Q {f1(x)} {f1(base - 68 * u)} {f1(x + 28 * u)} {f1(base - 50 * u)} L {f1(x + 30 * u)} {f1(base)} Z "
           f"M {f1(x - 14 * u)} {f1(base - 78 * u)} a {f1(14 * u)} {f1(17 * u)} 0 1 0 {f1(28 * u)} 0 "
           f"a {f1(14 * u)} {f1(17 * u)} 0 1 0 {f1(-28 * u)} 0 Z "
           f"M {f1(x - 6 * u)} {f1(base - 64 * u)} h {f1(12 * u)} v {f1(8 * u)} h {f1(-12 * u)} Z", fill=fill)
    if hat == "cap":
        s.path(f"M {f1(x - 16 * u)} {f1(base - 84 * u)} L {f1(x - 19 * u)} {f1(base - 98 * u)} "
               f"Q {f1(x)} {f1(base - 104 * u)} {f1(x + 19 * u)} {f1(base - 98 * u)} L {f1(x + 16 * u)} "
               f"{f1(base - 84 * u)} Z M {f1(x + 10 * facing * u)} {f1(base - 86 * u)} l {f1(16 * facing * u)} "
               f"{f1(4 * u)} l {f1(-16 * facing * u)} {f1(1 * u)} Z", fill=fill)


def _at_the_telephone(s: Svg, x: float, base: float, h: float, *, facing: int = 1, hat: str | None = None,
                      phone: float | None = None, lit: str | None = None, smoking: bool = False) -> None:
    """A man seated at a table in profile, the receiver at his ear: a face (brow, eye, nose,
    moustache) lit by the lamp on the side he faces, not a blob seen from behind."""
    u, f = h / 100, facing
    lit = lit or ink(0.04, 0.28)          # lamplight on skin: warmer than any wall
    hx, hy = x + 4 * f * u, base - 76 * u            # the head's centre
    # a back bent towards the table, the coat's collar turned up
    s.path(f"M {f1(x - 24 * f * u)} {f1(base)} L {f1(x - 24 * f * u)} {f1(base - 40 * u)} "
           f"Q {f1(x - 18 * f * u)} {f1(base - 58 * u)} {f1(x + 2 * f * u)} {f1(base - 57 * u)} "
           f"Q {f1(x + 16 * f * u)} {f1(base - 54 * u)} {f1(x + 20 * f * u)} {f1(base - 34 * u)} "
           f"L {f1(x + 22 * f * u)} {f1(base)} Z", fill=BLACK)
    s.path(f"M {f1(x + 2 * f * u)} {f1(base - 56 * u)} L {f1(x + 10 * f * u)} {f1(base - 30 * u)}", fill=None,
           stroke=lit, sw=1.2 * u, opacity=0.7)                                         # the coat's edge
    # the near forearm along the table, a pencil in the hand
    s.path(f"M {f1(x + 14 * f * u)} {f1(base - 40 * u)} Q {f1(x + 26 * f * u)} {f1(base - 14 * u)} "
           f"{f1(x + 30 * f * u)} {f1(base - 4 * u)} L {f1(x + 50 * f * u)} {f1(base - 3 * u)}", fill=None,
           stroke=BLACK, sw=8 * u)
    s.ellipse(x + 53 * f * u, base - 3 * u, 4 * u, 3 * u, fill=lit, stroke=BLACK, sw=1 * u)
    s.line(x + 52 * f * u, base - 2 * u, x + 62 * f * u, base - 8 * u, stroke=BLACK, sw=1.2 * u)
    s.rect(min(hx, hx - 6 * f * u) - 3 * u, base - 64 * u, 12 * u, 10 * u, fill=BLACK)   # the neck
    # the head: the back of it in shadow, the face lit
    s.ellipse(hx, hy, 13 * u, 16 * u, fill=BLACK)
    s.path(f"M {f1(hx + 1 * f * u)} {f1(hy - 13 * u)} Q {f1(hx + 13 * f * u)} {f1(hy - 12 * u)} "
           f"{f1(hx + 13 * f * u)} {f1(hy - 4 * u)} L {f1(hx + 18 * f * u)} {f1(hy + 3 * u)} "
           f"L {f1(hx + 13 * f * u)} {f1(hy + 5 * u)} Q {f1(hx + 13 * f * u)} {f1(hy + 13 * u)} "
           f"{f1(hx + 4 * f * u)} {f1(hy + 15 * u)} Q {f1(hx + 4 * f * u)} {f1(hy)} {f1(hx + 1 * f * u)} {f1(hy - 13 * u)} Z",
           fill=lit, stroke=BLACK, sw=1.4 * u)
    s.path(f"M {f1(hx + 5 * f * u)} {f1(hy - 5 * u)} l {f1(6 * f * u)} {f1(-1.5 * u)}", fill=None, stroke=BLACK,
           sw=1.6 * u)                                                      # the brow
    s.circle(hx + 9 * f * u, hy - 2 * u, 1.3 * u, fill=BLACK)             # the eye
    s.path(f"M {f1(hx + 8 * f * u)} {f1(hy + 7.5 * u)} q {f1(5 * f * u)} {f1(-1.5 * u)} {f1(8 * f * u)} {f1(1 * u)} "
           f"q {f1(-4 * f * u)} {f1(1.5 * u)} {f1(-8 * f * u)} 0 Z", fill=BLACK)       # the moustache
    s.path(f"M {f1(hx - 3 * f * u)} {f1(hy - 2 * u)} q {f1(-3 * f * u)} {f1(3 * u)} 0 {f1(7 * u)}", fill=None,
           stroke=lit, sw=1.4 * u)                                                    # the ear
    if hat == "cap":
        s.path(f"M {f1(hx - 14 * u)} {f1(hy - 8 * u)} Q {f1(hx - 15 * u)} {f1(hy - 22 * u)} {f1(hx)} {f1(hy - 22 * u)} "
               f"Q {f1(hx + 13 * u)} {f1(hy - 21 * u)} {f1(hx + 14 * u)} {f1(hy - 9 * u)} Z", fill=BLACK)
        s.path(f"M {f1(hx + 6 * f * u)} {f1(hy - 10 * u)} l {f1(15 * f * u)} {f1(3 * u)} l {f1(-15 * f * u)} {f1(2 * u)} Z",
               fill=BLACK)
    else:
        s.path(f"M {f1(hx - 13 * u)} {f1(hy - 2 * u)} Q {f1(hx - 14 * u)} {f1(hy - 18 * u)} {f1(hx + 2 * f * u)} "
               f"{f1(hy - 17 * u)} Q {f1(hx + 12 * f * u)} {f1(hy - 16 * u)} {f1(hx + 12 * f * u)} {f1(hy - 10 * u)} "
               f"Q {f1(hx)} {f1(hy - 13 * u)} {f1(hx - 13 * u)} {f1(hy - 2 * u)} Z", fill=BLACK)   # hair
    # the far arm up to the ear with the receiver; its cord down to the telephone on the table
    s.path(f"M {f1(x - 20 * f * u)} {f1(base - 40 * u)} Q {f1(x - 24 * f * u)} {f1(base - 62 * u)} "
           f"{f1(hx - 6 * f * u)} {f1(hy + 2 * u)}", fill=None, stroke=BLACK, sw=9 * u)
    s.rect(hx - 9 * u, hy - 4 * u, 5 * u, 12 * u, fill=BLACK, stroke=lit, sw=0.8 * u)
    if phone is not None:
        s.path(f"M {f1(hx - 7 * u)} {f1(hy + 8 * u)} Q {f1(hx - 10 * f * u)} {f1(base + 10 * u)} {f1(phone)} "
               f"{f1(base + 4 * u)}", fill=None, stroke=BLACK, sw=1.2 * u)
    if smoking:       # a cigarette, and one thin thread of smoke
        s.line(hx + 16 * f * u, hy + 10 * u, hx + 24 * f * u, hy + 9 * u, stroke=PAPER, sw=1.5 * u)
        s.path(f"M {f1(hx + 24 * f * u)} {f1(hy + 8 * u)} c {f1(4 * u)} {f1(-10 * u)} {f1(-6 * u)} {f1(-16 * u)} "
               f"{f1(-1 * u)} {f1(-28 * u)} s {f1(6 * u)} {f1(-16 * u)} {f1(-2 * u)} {f1(-30 * u)}",
               fill=None, stroke=ink(0.02), sw=1.6 * u, opacity=0.6)


def _leaning_over(s: Svg, hip_x: float, hip_y: float, u: float, *, facing: int = 1, beard: bool = False,
                  hat: str | None = None) -> None:
    """A man standing at the near edge of a table and bending over it: legs, a coat, a back bent
    forward, a head in profile looking down with the lamplight on his brow and cheek, one hand
    flat on the table and one finger on the map."""
    f = facing

    def at(dx: float, dy: float) -> str:
        return f"{f1(hip_x + dx * f * u)} {f1(hip_y + dy * u)}"

    lit = ink(0.04, 0.28)
    # legs to the floor, the coat's skirt
    s.path(f"M {at(-34, 0)} L {at(-44, 140)} L {at(-12, 140)} L {at(-4, 30)} L {at(10, 140)} L {at(40, 140)} "
           f"L {at(30, 0)} Z", fill=BLACK)
    s.path(f"M {at(-40, -10)} L {at(-52, 90)} L {at(46, 90)} L {at(36, -10)} Z", fill=BLACK)
    # the bent back: from the hips up and forward to the shoulders over the table's edge
    s.path(f"M {at(-40, 0)} Q {at(-50, -120)} {at(60, -178)} Q {at(120, -200)} {at(150, -160)} "
           f"L {at(120, -110)} Q {at(60, -60)} {at(40, 0)} Z", fill=BLACK, stroke=ink(0.55, 0.1), sw=2 * u)
    # the far arm straight down, the hand flat on the table
    s.path(f"M {at(90, -170)} L {at(140, -80)} L {at(170, -62)}", fill=None, stroke=BLACK, sw=26 * u,
           extra='stroke-linejoin="round"')
    s.ellipse(hip_x + 180 * f * u, hip_y - 60 * u, 18 * u, 8 * u, fill=lit, stroke=BLACK, sw=2 * u)
    # the near arm reaching to the map, a finger on it
    s.path(f"M {at(120, -160)} Q {at(190, -150)} {at(230, -110)}", fill=None, stroke=BLACK, sw=24 * u)
    s.path(f"M {at(226, -118)} L {at(262, -100)} L {at(258, -92)} L {at(226, -100)} Z", fill=lit,
           stroke=BLACK, sw=2 * u)
    # the head, bowed forward over the table
    hx, hy = hip_x + 178 * f * u, hip_y - 196 * u
    s.ellipse(hx, hy, 36 * u, 42 * u, fill=BLACK, extra=f'transform="rotate({30 * f} {f1(hx)} {f1(hy)})"')
    face = (f"M {at(186, -236)} Q {at(214, -228)} {at(222, -204)} L {at(236, -186)} L {at(222, -180)} "
            f"Q {at(222, -166)} {at(210, -160)} Q {at(196, -172)} {at(186, -236)} Z")
    s.path(face, fill=lit, stroke=BLACK, sw=2.4 * u)
    s.path(f"M {at(198, -214)} L {at(214, -208)}", fill=None, stroke=BLACK, sw=4 * u)          # the brow
    s.path(f"M {at(204, -203)} q {f1(6 * f * u)} {f1(4 * u)} {f1(11 * f * u)} {f1(2 * u)}", fill=None,
           stroke=BLACK, sw=3 * u)                                                         # a lowered eye
    s.path(f"M {at(210, -176)} q {f1(10 * f * u)} {f1(-2 * u)} {f1(14 * f * u)} {f1(4 * u)} "
           f"q {f1(-8 * f * u)} {f1(2 * u)} {f1(-14 * f * u)} {f1(-1 * u)} Z", fill=BLACK)   # the moustache
    if beard:
        s.path(f"M {at(196, -176)} Q {at(214, -160)} {at(226, -170)} Q {at(222, -140)} {at(200, -136)} "
               f"Q {at(188, -150)} {at(196, -176)} Z", fill=BLACK)
    s.path(f"M {at(166, -206)} q {f1(-6 * f * u)} {f1(8 * u)} 0 {f1(16 * u)}", fill=None, stroke=lit,
           sw=3 * u)                                                                        # the ear
    if hat == "cap":
        s.path(f"M {at(150, -226)} Q {at(166, -262)} {at(200, -250)} L {at(236, -234)} L {at(230, -226)} "
               f"L {at(200, -232)} Q {at(176, -226)} {at(150, -226)} Z", fill=BLACK)
    else:   # hair, and the lamplight on it
        s.path(f"M {at(150, -214)} Q {at(160, -256)} {at(200, -246)} Q {at(190, -236)} {at(186, -234)} Z",
               fill=BLACK)
        s.path(f"M {at(162, -238)} Q {at(176, -250)} {at(194, -246)}", fill=None, stroke=lit, sw=3 * u,
               opacity=0.8)


# --- Smolny ----------------------------------------------------------------------------

@scene("places/smolny_night")
def smolny_night() -> Svg:
    s = Svg(title="Smolny at night",
            desc="The Smolny Institute, every window lit; bonfires and machine guns at the door.")
    red_night(s, "sky", horizon=0.6, heat=0.8)
    smolny_cathedral(s, 1400, 540, 1.1, fill=ink(0.7, 0.6))
    smolny_institute(s, 40, 540, 1240, 240, fill=BLACK, win=ink(0.7), lit=ink(0, 0.15),
                     lit_ratio=0.8)
    # Trampled snow in the forecourt, lit by the windows and the fires.
    g = s.lingrad("ground", [(0, ink(0.1, 0.35)), (0.5, ink(0.25, 0.3)), (1, ink(0.55, 0.2))])
    s.rect(0, 540, W, 360, fill=g)
    glow(s, "spill", 660, 560, 500, ink(0, 0.1), 0.8)
    # Sentries and the Maxims at the door.
    maxim(s, 560, 640, 110, fill=BLACK)
    maxim(s, 760, 640, 110, fill=BLACK, facing=-1)
    for i, (x, kind) in enumerate(((455, "soldier"), (505, "sailor"), (655, "redguard"),
                                   (830, "soldier"), (880, "redguard"))):
        figure(s, x, 610, 92, kind=kind, facing=1 if i % 2 else -1)
    # An armoured car drawn up by the wing.
    s.path("M 990 655 L 1000 612 L 1050 602 L 1068 582 L 1140 582 L 1150 604 L 1200 612 L 1212 655 Z",
           fill=BLACK)
    s.path("M 1085 582 L 1090 562 L 1125 562 L 1130 582 Z", fill=BLACK)
    s.line(1128, 570, 1170, 566, stroke=BLACK, sw=5)
    for cx in (1035, 1170):
        s.circle(cx, 655, 19, fill=BLACK)
        s.circle(cx, 655, 6, fill=ink(0.3, 0.3))
    windows(s, 1010, 618, 4, 1, 14, 8, 48, 0, ink(0.4, 0.2))
    # Bonfires with their pickets.
    bonfire(s, 300, 830, 100, seed=1)
    bonfire(s, 1320, 780, 70, seed=2)
    figure(s, 160, 895, 270, kind="soldier", facing=1)
    figure(s, 440, 890, 250, kind="sailor", facing=-1)
    figure(s, 1205, 815, 175, kind="redguard", facing=1)
    figure(s, 1425, 818, 180, kind="soldier", facing=-1, rifle="slung")
    figure(s, 1530, 920, 300, kind="worker", facing=-1, arms="pocket")
    snow(s, 0, 0, W, 560, n=160, r=2.2, seed=5, opacity=0.5)
    return s


@scene("places/smolny_corridor")
def smolny_corridor() -> Svg:
    s = Svg(title="A corridor in Smolny",
            desc="The long vaulted corridor of the Institute: doors with paper signs, soldiers, "
                 "sailors, papers underfoot.")
    vp = (800, 400)
    bx, by, bw, bh = 730, 345, 140, 130
    # White-washed vault and walls, dirty floor.
    s.rect(0, 0, W, H, fill=ink(0.12))
    s.poly([(0, 900), (W, 900), (bx + bw, by + bh), (bx, by + bh)], fill=ink(0.5, 0.1))
    s.poly([(0, 0), (W, 0), (bx + bw, by), (bx, by)], fill=ink(0.22))
    s.poly([(0, 0), (bx, by), (bx, by + bh), (0, 900)], fill=ink(0.08))
    s.poly([(W, 0), (bx + bw, by), (bx + bw, by + bh), (W, 900)], fill=ink(0.16))
    s.rect(bx, by, bw, bh, fill=ink(0.35, 0.2))
    # Vault ribs and bulbs receding.
    for i in range(9):
        t = 1 - 0.72 ** i
        l = toward((0, 0), (bx, by), t)
        r = toward((W, 0), (bx + bw, by), t)
        fl = toward((0, 900), (bx, by + bh), t)
        fr = toward((W, 900), (bx + bw, by + bh), t)
        s.path(f"M {f1(l[0])} {f1(fl[1] - (fl[1] - l[1]) * 0.72)} Q {f1((l[0] + r[0]) / 2)} "
               f"{f1(l[1] - 20 * (1 - t))} {f1(r[0])} {f1(fr[1] - (fr[1] - r[1]) * 0.72)}",
               fill=None, stroke=ink(0.45), sw=max(2, 14 * (1 - t)))
        cx = (l[0] + r[0]) / 2
        cy = l[1] + (fl[1] - l[1]) * 0.1
        s.line(cx, l[1], cx, cy, stroke=BLACK, sw=max(1, 3 * (1 - t)))
        glow(s, f"bulb{i}", cx, cy, 60 * (1 - t) + 6, ink(0, 0.15), 0.7)
        s.circle(cx, cy, max(2, 9 * (1 - t)), fill=PAPER)
    # Doors with paper signs, both walls.
    for i in range(6):
        t0 = 1 - 0.7 ** (i + 0.3)
        t1 = 1 - 0.7 ** (i + 0.75)
        for side in (0, 1):
            top_a = toward((0 if side == 0 else W, 200), (bx if side == 0 else bx + bw, by + bh * 0.25), t0)
            top_b = toward((0 if side == 0 else W, 200), (bx if side == 0 else bx + bw, by + bh * 0.25), t1)
            bot_a = toward((0 if side == 0 else W, 900), (bx if side == 0 else bx + bw, by + bh), t0)
            bot_b = toward((0 if side == 0 else W, 900), (bx if side == 0 else bx + bw, by + bh), t1)
            s.poly([top_a, top_b, bot_b, bot_a], fill=ink(0.85, 0.2))
            # sign
            sx = lerp(top_a[0], top_b[0], 0.2)
            sx2 = lerp(top_a[0], top_b[0], 0.8)
            sy = lerp(top_a[1], bot_a[1], 0.25)
            sh = (bot_a[1] - top_a[1]) * 0.14
            s.poly([(sx, sy), (sx2, sy + (top_b[1] - top_a[1]) * 0.6), (sx2, sy + sh * 0.8 + (top_b[1] - top_a[1]) * 0.6),
                    (sx, sy + sh)], fill=PAPER)
    # The crowd in the corridor.
    figure(s, 780, 480, 55, kind="soldier", facing=1)
    figure(s, 830, 482, 58, kind="sailor", facing=-1)
    figure(s, 720, 520, 95, kind="redguard", facing=1, stride=0.6)
    figure(s, 900, 530, 105, kind="soldier", facing=-1, stride=0.5)
    figure(s, 610, 600, 170, kind="worker", facing=1, arms="paper", stride=0.3)
    figure(s, 1010, 640, 220, kind="sailor", facing=-1, stride=0.7)
    figure(s, 330, 780, 340, kind="soldier", facing=1, rifle="slung", stride=0.5)
    figure(s, 1300, 900, 470, kind="redguard", facing=-1, stride=0.4)
    # Papers and leaflets on the floor.
    rnd = random.Random(3)
    for _ in range(26):
        x = rnd.uniform(200, 1400)
        y = rnd.uniform(560, 890)
        sc = (y - 400) / 500
        paper_sheet(s, x, y, 50 * sc, 34 * sc, angle=rnd.uniform(-40, 40), lines=3)
    maxim(s, 120, 640, 120, fill=BLACK, facing=1)
    return s


@scene("places/smolny_room10")
def smolny_room10() -> Svg:
    s = Svg(title="Room 10, Smolny",
            desc="The Military Revolutionary Committee's office: telephones, the city plan, "
                 "papers and cigarette smoke.")
    s.rect(0, 0, W, H, fill=ink(0.15, 0.08))
    s.rect(0, 620, W, 280, fill=ink(0.55, 0.15))
    s.rect(0, 600, W, 24, fill=ink(0.7))
    # The plan of Petrograd pinned to the wall, marked in red.
    s.rect(520, 90, 560, 380, fill=PAPER, stroke=BLACK, sw=6)
    s.path("M 520 300 C 640 280 760 250 860 270 C 960 290 1020 250 1080 200", fill=None,
           stroke=ink(0.6), sw=34)
    s.path("M 700 270 C 720 200 760 150 800 90", fill=None, stroke=ink(0.6), sw=18)
    s.path("M 620 290 C 600 330 560 350 520 360", fill=None, stroke=ink(0.6), sw=22)
    for x, y in ((640, 320), (700, 330), (900, 340), (1010, 300), (860, 230), (760, 390)):
        s.circle(x, y, 11, fill=RED)
    s.line(650, 330, 900, 350, stroke=RED, sw=4, opacity=0.8)
    s.text(800, 455, "ПЛАНЪ ГОРОДА ПЕТРОГРАДА", size=22, anchor="middle", spacing=3)
    # Window at the right: night, a searchlight.
    window_frame(s, 1220, 80, 260, 420, frame=BLACK, glass=ink(0.9), bars=2, sw=14)
    searchlight_beam(s, 1300, 500, 65, 400, 0.06, ident="win_beam", opacity=0.5)
    # A bare bulb.
    s.line(300, 0, 300, 120, stroke=BLACK, sw=3)
    glow(s, "bulb", 300, 130, 240, ink(0, 0.08), 0.9)
    s.circle(300, 130, 14, fill=PAPER)
    # The table with the telephones and paper.
    s.path("M 60 640 L 1540 640 L 1600 760 L 0 760 Z", fill=ink(0.08))
    s.rect(0, 760, W, 26, fill=BLACK)
    rnd = random.Random(10)
    for _ in range(30):
        x = rnd.uniform(80, 1480)
        y = rnd.uniform(648, 740)
        paper_sheet(s, x, y, 90, 60, angle=rnd.uniform(-25, 25), lines=4)
    for x in (200, 420, 640, 1000, 1250, 1430):
        telephone(s, x, 700, 150, fill=BLACK)
    # Men at the telephones, in greatcoats and leather, each with a receiver at his ear.
    _at_the_telephone(s, 330, 640, 230, facing=1, hat="cap", phone=420, smoking=True)
    _at_the_telephone(s, 1120, 640, 240, facing=-1, phone=1000)
    figure(s, 880, 650, 320, kind="sailor", facing=-1, arms="paper")
    figure(s, 1560, 910, 420, kind="soldier", facing=-1)
    # Smoke under the ceiling: a thin haze, above the heads, not over the faces.
    smoke(s, 560, 330, 300, 260, ink(0.05), seed=3, opacity=0.18, lean=0.6)
    smoke(s, 1150, 300, 260, 240, ink(0.05), seed=4, opacity=0.15, lean=-0.6)
    return s


@scene("places/smolny_hall")
def smolny_hall() -> Svg:
    s = Svg(title="The assembly hall, Smolny", treatment="halftone",
            desc="The white colonnaded hall of the Congress of Soviets: chandeliers, smoke, "
                 "the presidium, a packed floor.")
    s.rect(0, 0, W, H, fill=ink(0.18))
    # Far wall and presidium platform.
    s.rect(380, 200, 840, 360, fill=ink(0.3))
    s.rect(520, 420, 560, 70, fill=ink(0.85))
    s.rect(520, 405, 560, 18, fill=RED)
    s.rect(700, 250, 200, 120, fill=RED)
    s.text(800, 330, "Р.С.Д.", size=42, fill=PAPER, anchor="middle", weight="bold")
    for x in range(560, 1060, 50):
        figure(s, x, 420, 60, kind=random.Random(x).choice(["soldier", "worker", "gentleman", "sailor"]))
    # Colonnades on both sides, receding.
    for side in (-1, 1):
        for i in range(7):
            t = 1 - 0.78 ** i
            x = lerp(800 + side * 780, 800 + side * 430, t)
            top = lerp(20, 210, t)
            base = lerp(900, 540, t)
            w = lerp(70, 22, t)
            s.rect(x - w / 2, top, w, base - top, fill=ink(0.04))
            s.rect(x - w / 2 + w * 0.65, top, w * 0.35, base - top, fill=ink(0.35))
            s.rect(x - w * 0.7, top - w * 0.4, w * 1.4, w * 0.4, fill=ink(0.1))
    s.rect(0, 0, W, 24, fill=ink(0.3))
    for x, y, sz in ((560, 60, 90), (1040, 60, 90), (800, 40, 130), (300, 30, 150), (1300, 30, 150)):
        chandelier(s, x, y, sz, fill=ink(0.7), flame=PAPER, glow=ink(0, 0.05), seed=x)
    # Smoke.
    smoke(s, 600, 480, 500, 260, PAPER, seed=5, opacity=0.2, lean=0.5)
    # The floor: a sea of soldiers, sailors and workers, bayonets, greatcoats.
    bust_crowd(s, 380, 1220, 560, 55, seed=1, bayonets=0.35)
    bust_crowd(s, 250, 1350, 640, 85, seed=2, bayonets=0.3, banners=1,
               banner_texts=("ВСЯ ВЛАСТЬ СОВѢТАМЪ!",))
    bust_crowd(s, 80, 1520, 750, 130, seed=3, bayonets=0.25)
    bust_crowd(s, -80, 1700, 900, 210, seed=4, bayonets=0.2)
    return s


# --- The Winter Palace -------------------------------------------------------------------

@scene("places/winter_palace_square")
def winter_palace_square() -> Svg:
    s = Svg(title="Palace Square",
            desc="The Winter Palace behind barricades of firewood; the Alexander Column.")
    red_night(s, "sky", horizon=0.55, heat=0.8)
    searchlight_beam(s, 1260, 330, 115, 700, 0.05, ident="beam1", opacity=0.5)
    winter_palace(s, 30, 560, 1540, 230, fill=ink(0.25, 0.75), win=ink(0.85), lit=PAPER,
                  lit_ratio=0.3, seed=2)
    g = s.lingrad("ground", [(0, ink(0.35, 0.3)), (1, ink(0.15, 0.15))])
    s.rect(0, 560, W, 340, fill=g)
    cobbles(s, 620, 900, ink(0.55), seed=3, opacity=0.45)
    # The woodpile barricades with cadets behind them.
    for x, w in ((60, 420), (560, 240), (940, 560)):
        for i in range(int(w // 65)):
            figure(s, x + 30 + i * 65, 600, 70, kind="cadet", facing=1 if i % 2 else -1)
        logs(s, x, 628, w, 64, 11, seed=x, fill=BLACK, end=ink(0.1, 0.35))
    alexander_column(s, 780, 740, 700, fill=BLACK)
    # Red Guards at the edge of the square round a brazier.
    bonfire(s, 1390, 860, 60, seed=7)
    figure(s, 1240, 905, 250, kind="redguard", rifle="port", facing=1, stride=0.6)
    figure(s, 1510, 910, 270, kind="sailor", facing=-1)
    figure(s, 120, 910, 260, kind="redguard", facing=1, rifle="slung")
    figure(s, 270, 900, 200, kind="soldier", facing=1)
    return s


@scene("places/winter_palace_corridor")
def winter_palace_corridor() -> Svg:
    s = Svg(title="A corridor in the Winter Palace",
            desc="An enfilade of gilded doors; cadets asleep on mattresses, rifles stacked.")
    bx, by, bw, bh = 700, 300, 200, 220
    s.rect(0, 0, W, H, fill=ink(0.4, 0.5))
    s.poly([(0, 0), (W, 0), (bx + bw, by), (bx, by)], fill=ink(0.65, 0.4))
    s.poly([(0, 0), (bx, by), (bx, by + bh), (0, 900)], fill=ink(0.3, 0.6))
    s.poly([(W, 0), (bx + bw, by), (bx + bw, by + bh), (W, 900)], fill=ink(0.4, 0.6))
    # Parquet floor in a herringbone of light and dark.
    s.poly([(0, 900), (W, 900), (bx + bw, by + bh), (bx, by + bh)], fill=ink(0.35, 0.3))
    for i in range(16):
        x0 = -600 + i * 180
        s.line(x0, 900, lerp(x0, 800, 0.87), lerp(900, by + bh, 1), stroke=ink(0.6, 0.3), sw=3)
    for i in range(10):
        t = 1 - 0.75 ** i
        y = lerp(900, by + bh, t)
        s.line(0, y, W, y, stroke=ink(0.6, 0.3), sw=max(1, 5 * (1 - t)))
    # Doorways receding: gilded frames, each opening onto the next, light at the end.
    for i in range(5, 0, -1):
        t = 1 - 0.62 ** i
        l = lerp(0, bx, t) + 60 * (1 - t)
        r = lerp(W, bx + bw, t) - 60 * (1 - t)
        top = lerp(0, by, t) + 40 * (1 - t)
        bot = lerp(900, by + bh, t)
        s.path(f"M {f1(l)} {f1(bot)} L {f1(l)} {f1(top)} L {f1(r)} {f1(top)} L {f1(r)} {f1(bot)} "
               f"L {f1(r - (r - l) * 0.18)} {f1(bot)} L {f1(r - (r - l) * 0.18)} {f1(top + (bot - top) * 0.14)} "
               f"L {f1(l + (r - l) * 0.18)} {f1(top + (bot - top) * 0.14)} L {f1(l + (r - l) * 0.18)} {f1(bot)} Z",
               fill=ink(0.75, 0.5))
        s.path(f"M {f1(l + (r - l) * 0.16)} {f1(bot)} L {f1(l + (r - l) * 0.16)} {f1(top + (bot - top) * 0.12)} "
               f"L {f1(r - (r - l) * 0.16)} {f1(top + (bot - top) * 0.12)} L {f1(r - (r - l) * 0.16)} {f1(bot)}",
               fill=None, stroke=ink(0.05, 0.3), sw=max(1.5, 8 * (1 - t)))
    s.rect(bx + 60, by + 40, bw - 120, bh - 40, fill=ink(0, 0.15))
    chandelier(s, 800, 80, 110, fill=BLACK, flame=PAPER, glow=ink(0, 0.2), seed=2)
    # Cadets asleep on mattresses along the left wall; a stack of rifles.
    for i, (x, y, sc) in enumerate(((80, 820, 1.0), (300, 700, 0.7), (450, 630, 0.5))):
        s.path(f"M {f1(x)} {f1(y)} L {f1(x + 300 * sc)} {f1(y - 40 * sc)} L {f1(x + 330 * sc)} {f1(y + 10 * sc)} "
               f"L {f1(x + 20 * sc)} {f1(y + 60 * sc)} Z", fill=ink(0.1, 0.2))
        s.path(f"M {f1(x + 30 * sc)} {f1(y + 10 * sc)} Q {f1(x + 150 * sc)} {f1(y - 70 * sc)} "
               f"{f1(x + 300 * sc)} {f1(y - 30 * sc)} L {f1(x + 305 * sc)} {f1(y)} L {f1(x + 40 * sc)} "
               f"{f1(y + 40 * sc)} Z", fill=BLACK)
        s.ellipse(x + 290 * sc, y - 48 * sc, 22 * sc, 18 * sc, fill=BLACK)
    for k in range(5):
        a = math.radians(-12 + k * 6)
        s.line(1180 + k * 8, 820, 1230 + 300 * math.sin(a) * 0.2, 520, stroke=BLACK, sw=8)
        s.line(1230 + 300 * math.sin(a) * 0.2, 520, 1232 + 300 * math.sin(a) * 0.2, 470, stroke=BLACK, sw=2)
    figure(s, 1420, 900, 420, kind="cadet", facing=-1, rifle="shoulder")
    figure(s, 980, 560, 130, kind="cadet", facing=-1, rifle=None, arms="pocket")
    return s


@scene("places/malachite_room")
def malachite_room() -> Svg:
    s = Svg(title="The Malachite Room",
            desc="Malachite columns, gilt and a chandelier; the ministers at the long table; "
                 "through the windows, the fortress across the Neva.")
    s.rect(0, 0, W, H, fill=ink(0.2, 0.55))
    vein = s.define("malachite", '<pattern id="malachite" width="60" height="40" patternUnits="userSpaceOnUse">'
                    f'<rect width="60" height="40" fill="{ink(0.8)}"/>'
                    f'<path d="M0 10 Q15 0 30 10 T60 10 M0 24 Q15 14 30 24 T60 24 M0 36 Q15 28 30 36 T60 36" '
                    f'fill="none" stroke="{ink(0.45)}" stroke-width="3"/></pattern>')
    # Three tall windows on the Neva, the fortress spire in the middle one.
    for i, x in enumerate((180, 680, 1180)):
        s.rect(x, 120, 240, 440, fill=ink(0.85, 0.35))
        s.path(f"M {x} 120 A 120 120 0 0 1 {x + 240} 120 Z", fill=ink(0.85, 0.35))
        s.rect(x, 470, 240, 90, fill=ink(0.9))
    peter_paul(s, 800, 470, 0.55, fill=BLACK, flag=None, walls=True)
    s.circle(923, 380, 6, fill=RED)   # the lantern on the flagpole
    s.rect(923, 380, 2, 90, fill=BLACK)
    for x in (180, 680, 1180):
        window_frame(s, x, 120, 240, 440, frame=ink(0.1, 0.5), bars=3, sw=12)
        s.path(f"M {x - 40} 60 Q {x - 10} 300 {x - 30} 600 L {x + 40} 600 Q {x + 20} 300 {x + 40} 60 Z "
               f"M {x + 280} 60 Q {x + 250} 300 {x + 270} 600 L {x + 200} 600 Q {x + 220} 300 {x + 200} 60 Z",
               fill=MAROON)
    # Malachite pilasters between the windows.
    for x in (30, 500, 1000, 1480):
        s.rect(x, 40, 90, 600, fill=vein)
        s.rect(x - 10, 30, 110, 24, fill=ink(0.05, 0.45))
        s.rect(x - 10, 620, 110, 24, fill=ink(0.05, 0.45))
    s.rect(0, 0, W, 34, fill=ink(0.05, 0.45))
    chandelier(s, 800, 40, 150, fill=ink(0.05, 0.5), flame=PAPER, glow=ink(0, 0.25), seed=3)
    # Floor and the long table with the ministers round it.
    s.rect(0, 640, W, 260, fill=ink(0.45, 0.4))
    s.path("M 220 700 L 1380 700 L 1500 820 L 100 820 Z", fill=ink(0.15, 0.9))
    s.rect(100, 820, 1400, 20, fill=BLACK)
    for x in range(300, 1300, 130):
        paper_sheet(s, x, 740, 70, 50, angle=random.Random(x).uniform(-20, 20), lines=3)
    for x, hat in ((320, None), (520, None), (1080, None), (1280, None)):
        _seated(s, x, 700, 150, fill=BLACK)
    figure(s, 800, 700, 230, kind="minister", facing=1, arms="hip")
    _seated(s, 220, 900, 320, fill=BLACK)
    _seated(s, 1420, 900, 330, fill=BLACK)
    return s


@scene("places/palace_dining")
def palace_dining() -> Svg:
    s = Svg(title="The small dining room",
            desc="The room where the ministers waited: the table, the mantel clock stopped at ten past two.")
    s.rect(0, 0, W, H, fill=ink(0.35, 0.45))
    tap = s.define("tapestry", '<pattern id="tapestry" width="80" height="80" patternUnits="userSpaceOnUse">'
                   f'<rect width="80" height="80" fill="{ink(0.45, 0.55)}"/>'
                   f'<path d="M40 8 L52 40 L40 72 L28 40 Z" fill="{ink(0.65, 0.5)}"/>'
                   f'<circle cx="0" cy="0" r="10" fill="{ink(0.65, 0.5)}"/>'
                   f'<circle cx="80" cy="80" r="10" fill="{ink(0.65, 0.5)}"/></pattern>')
    s.rect(0, 0, W, 560, fill=tap)
    s.rect(0, 550, W, 30, fill=ink(0.1, 0.4))
    s.rect(0, 580, W, 320, fill=ink(0.55, 0.35))
    # Dark window at the left with the night outside.
    window_frame(s, 90, 90, 260, 400, frame=ink(0.1, 0.4), glass=ink(0.92), bars=2, sw=14)
    # Fireplace and mantel with the clock.
    s.rect(980, 330, 460, 250, fill=ink(0.1))
    s.rect(1040, 400, 340, 180, fill=BLACK)
    s.rect(960, 310, 500, 28, fill=ink(0.05))
    cx, cy = 1210, 200
    s.path(f"M {cx - 100} 310 L {cx - 90} 190 Q {cx} 60 {cx + 90} 190 L {cx + 100} 310 Z", fill=ink(0.05, 0.35))
    s.circle(cx, cy, 72, fill=PAPER, stroke=BLACK, sw=8)
    for k in range(12):
        a = math.radians(k * 30)
        s.line(cx + 58 * math.sin(a), cy - 58 * math.cos(a), cx + 66 * math.sin(a), cy - 66 * math.cos(a),
               stroke=BLACK, sw=5)
    # Ten past two.
    s.line(cx, cy, cx + 34 * math.sin(math.radians(65)), cy - 34 * math.cos(math.radians(65)), stroke=BLACK, sw=8)
    s.line(cx, cy, cx + 56 * math.sin(math.radians(60)), cy - 56 * math.cos(math.radians(60)), stroke=BLACK, sw=4)
    s.circle(cx, cy, 6, fill=RED)
    s.text(cx, 290, "II · X", size=26, anchor="middle", fill=PAPER, weight="bold")
    # The round table and its chairs, remains of a meal.
    s.ellipse(620, 650, 380, 90, fill=PAPER)
    s.path("M 240 650 Q 620 780 1000 650 L 990 700 Q 620 830 250 700 Z", fill=ink(0.2))
    s.rect(600, 720, 40, 180, fill=BLACK)
    for x in (420, 560, 700, 820):
        s.rect(x, 615, 28, 36, fill=ink(0.1), stroke=BLACK, sw=3)
    samovar(s, 620, 650, 150, fill=BLACK, shine=ink(0, 0.35), steam=False)
    chair(s, 230, 820, 260, fill=BLACK, facing=1)
    chair(s, 1010, 820, 260, fill=BLACK, facing=-1)
    # A minister standing at the window, waiting.
    figure(s, 400, 800, 330, kind="minister", facing=-1, arms="pocket")
    figure(s, 1450, 905, 420, kind="gentleman", hat="bare", facing=-1, arms="hip")
    return s


@scene("places/palace_dawn")
def palace_dawn() -> Svg:
    s = Svg(title="Dawn on Palace Square, 26 October",
            desc="The Winter Palace at first light after the storm: the barricades pulled apart, "
                 "a red flag over the roof.")
    pale_sky(s, "sky", sun=0.75, horizon=0.58)
    s.circle(1250, 520, 90, fill=ink(0, 0.9))
    clouds(s, 200, ink(0.4, 0.3), seed=12, n=7, h=30, opacity=0.7)
    clouds(s, 400, ink(0.1, 0.6), seed=13, n=6, h=20, opacity=0.6)
    winter_palace(s, 60, 560, 1480, 220, fill=ink(0.75, 0.5), win=ink(0.95), seed=5)
    # The red flag over the palace.
    s.line(800, 310, 800, 200, stroke=BLACK, sw=5)
    s.path("M 802 204 Q 850 196 900 212 L 898 262 Q 850 246 802 254 Z", fill=RED)
    alexander_column(s, 560, 720, 660, fill=BLACK)
    g = s.lingrad("ground", [(0, ink(0.1, 0.5)), (1, ink(0.25, 0.15))])
    s.rect(0, 560, W, 340, fill=g)
    cobbles(s, 600, 900, ink(0.4), seed=8, opacity=0.35)
    # Scattered firewood of the dismantled barricades.
    rnd = random.Random(4)
    for _ in range(22):
        x = rnd.uniform(0, W)
        y = rnd.uniform(600, 880)
        ll = (y - 540) * 0.2
        a = rnd.uniform(-0.5, 0.5)
        s.line(x, y, x + ll * math.cos(a), y + ll * math.sin(a) * 0.3, stroke=BLACK, sw=ll * 0.22)
    figure(s, 1080, 880, 280, kind="redguard", facing=-1, rifle="shoulder")
    figure(s, 1220, 860, 220, kind="sailor", facing=1)
    figure(s, 200, 820, 160, kind="soldier", facing=1, stride=0.5)
    return s


@scene("places/general_staff_arch")
def general_staff_arch() -> Svg:
    s = Svg(title="The General Staff Arch",
            desc="Through the triumphal arch, under Victory's chariot, to the Column and the Palace.")
    red_night(s, "sky", horizon=0.7, heat=0.75)
    # Beyond the arch: the Column and the palace, lit by searchlights.
    winter_palace(s, 300, 640, 1000, 170, fill=ink(0.65, 0.7), win=ink(0.9), lit=PAPER, lit_ratio=0.2, seed=9)
    alexander_column(s, 800, 690, 520, fill=ink(0.85))
    g = s.lingrad("sq", [(0, ink(0.3, 0.4)), (1, ink(0.2, 0.2))])
    s.rect(0, 640, W, 260, fill=g)
    # The arch: massive piers, coffered vault, the chariot of Victory on top.
    s.path("M 0 0 L 1600 0 L 1600 900 L 1230 900 L 1230 420 Q 1230 150 800 130 Q 370 150 370 420 "
           "L 370 900 L 0 900 Z", fill=BLACK)
    s.path("M 370 420 Q 370 150 800 130 Q 1230 150 1230 420 L 1200 420 Q 1195 180 800 162 "
           "Q 405 180 400 420 Z", fill=ink(0.55, 0.6))
    for i in range(9):
        a = math.pi * (i + 0.5) / 9
        x = 800 - 400 * math.cos(a)
        y = 420 - 270 * math.sin(a)
        s.rect(x - 14, y - 8, 28, 16, fill=ink(0.2, 0.7), extra=f'transform="rotate({f1(math.degrees(a) - 90)} {f1(x)} {f1(y)})"')
    # Columns flanking the arch, and the warrior trophies.
    columns(s, 250, 140, 820, 2, 1100, 46, ink(0.55, 0.5))
    columns(s, 190, 140, 820, 1, 0, 46, ink(0.55, 0.5))
    columns(s, 1410, 140, 820, 1, 0, 46, ink(0.55, 0.5))
    s.rect(0, 80, W, 40, fill=ink(0.5, 0.45))
    s.text(800, 112, "ГЛАВНЫЙ ШТАБЪ", size=30, anchor="middle", fill=BLACK, weight="bold", spacing=10)
    # Chariot of Victory, six horses abreast, silhouetted on the attic.
    s.rect(560, 40, 480, 40, fill=BLACK)
    for k in range(6):
        hx = 640 + k * 62
        s.path(f"M {hx - 30} 40 L {hx - 22} 0 Q {hx - 10} -30 {hx + 8} -10 L {hx + 22} -40 L {hx + 30} -30 "
               f"L {hx + 20} 0 L {hx + 26} 40 Z", fill=BLACK)
    # Red Guards pouring through the arch towards the palace.
    for i in range(14):
        rnd = random.Random(i)
        x = 480 + i * 50 + rnd.uniform(-20, 20)
        base = 700 + (i % 3) * 25
        figure(s, x, base, 90 + (i % 3) * 20, kind=rnd.choice(["redguard", "sailor", "soldier"]),
               facing=1, rifle="port", stride=0.8, color=BLACK)
    figure(s, 560, 900, 330, kind="redguard", facing=1, rifle="port", stride=0.9)
    figure(s, 1040, 905, 360, kind="sailor", facing=-1, stride=0.8, arms="raised")
    return s


# --- Fortress, cruiser, river ----------------------------------------------------------

@scene("places/peter_paul_fortress")
def peter_paul_fortress() -> Svg:
    s = Svg(title="The Peter and Paul Fortress",
            desc="Across the Neva: the bastions, the cathedral and its needle spire, the flagpole.")
    dusk_sky(s, "sky", band=0.62)
    clouds(s, 180, ink(0.45, 0.3), seed=9, n=8, h=30, opacity=0.7)
    peter_paul(s, 700, 585, 1.55, fill=BLACK, flag=RED)
    s.circle(1049, 326, 10, fill=PAPER)
    glow(s, "lantern", 1049, 326, 40, ink(0, 0.8), 0.9)
    g = s.lingrad("water", [(0, ink(0.1, 0.7)), (0.4, ink(0.5, 0.4)), (1, ink(0.85))])
    s.rect(0, 585, W, 315, fill=g)
    water_lines(s, 0, 595, W, 230, color=ink(0.0, 0.6), n=180, seed=6, reflect_x=700,
                reflect_w=40, sw=3, opacity=0.8)
    water_lines(s, 0, 620, W, 200, color=BLACK, n=140, seed=7, sw=2.5, opacity=0.6)
    s.rect(694, 590, 12, 200, fill=BLACK, opacity=0.35)
    # The granite parapet of the Palace Embankment, a lamp, a sentry.
    s.rect(0, 820, W, 80, fill=BLACK)
    s.rect(0, 810, W, 14, fill=ink(0.6, 0.3))
    lamp_post(s, 1360, 825, 330, fill=BLACK, glow=pink(0.7), seed=1)
    figure(s, 240, 905, 300, kind="cadet", facing=1)
    return s


@scene("places/aurora_neva")
def aurora_neva() -> Svg:
    s = Svg(title="The Aurora on the Neva",
            desc="The cruiser Aurora at anchor by the Nikolaevsky Bridge, searchlights sweeping.")
    red_night(s, "sky", horizon=0.66, heat=0.85)
    # The far bank: St Isaac's dome and the Admiralty spire.
    s.rect(0, 560, W, 40, fill=ink(0.6, 0.6))
    s.path("M 1040 565 L 1040 470 L 1060 470 L 1060 430 L 1080 420 Q 1120 330 1160 420 L 1180 430 "
           "L 1180 470 L 1200 470 L 1200 565 Z", fill=ink(0.6, 0.6))
    s.line(1120, 372, 1120, 330, stroke=ink(0.6, 0.6), sw=6)
    spire(s, 1400, 520, 200, 18, fill=ink(0.6, 0.6), angel=False)
    s.rect(1330, 520, 140, 45, fill=ink(0.6, 0.6))
    # Searchlights.
    searchlight_beam(s, 960, 452, 150, 1200, 0.06, ident="b1", opacity=0.75)
    searchlight_beam(s, 960, 452, 38, 1000, 0.045, ident="b2", opacity=0.6)
    g = s.lingrad("water", [(0, ink(0.2, 0.8)), (0.3, ink(0.6, 0.5)), (1, ink(0.92))])
    s.rect(0, 600, W, 300, fill=g)
    aurora(s, 120, 650, 1300, fill=BLACK, lit=ink(0, 0.35))
    s.circle(960, 452, 10, fill=PAPER)
    water_lines(s, 0, 660, W, 240, color=ink(0.05, 0.6), n=240, seed=3, reflect_x=960,
                reflect_w=60, sw=3, opacity=0.8)
    # The Nikolaevsky Bridge's arches at the left.
    s.path("M -10 560 L 380 560 L 380 600 Q 320 570 255 600 Q 190 570 125 600 Q 60 570 0 600 Z",
           fill=BLACK)
    for x in (0, 125, 255, 380):
        s.rect(x - 8, 530, 16, 30, fill=BLACK)
    s.line(0, 540, 380, 540, stroke=BLACK, sw=3)
    # A launch in the foreground, sailors aboard.
    s.path("M 60 850 L 620 850 Q 600 900 560 905 L 100 905 Z", fill=BLACK)
    for i, x in enumerate((150, 240, 330, 420, 510)):
        figure(s, x, 860, 130, kind="sailor", facing=1, rifle="slung" if i % 2 else None,
               arms="down")
    return s


@scene("places/neva_embankment")
def neva_embankment() -> Svg:
    s = Svg(title="The Neva embankment",
            desc="Granite quay and lamps receding; across the river the Strelka's rostral columns "
                 "and the fortress spire.")
    dusk_sky(s, "sky", band=0.55)
    clouds(s, 150, ink(0.5, 0.2), seed=21, n=9, h=25, opacity=0.6)
    # Across the water: the Exchange and the two rostral columns; the spire further off.
    s.rect(0, 470, W, 30, fill=ink(0.6, 0.5))
    spire(s, 1300, 480, 300, 12, fill=ink(0.6, 0.5))
    s.rect(1240, 420, 110, 60, fill=ink(0.6, 0.5))
    s.rect(660, 380, 320, 100, fill=ink(0.65, 0.5))
    s.poly([(650, 380), (820, 330), (990, 380)], fill=ink(0.65, 0.5))
    columns(s, 680, 395, 480, 10, 31, 14, ink(0.45, 0.5))
    for x in (520, 1120):
        s.rect(x - 40, 440, 80, 40, fill=BLACK)
        s.path(f"M {x - 18} 440 L {x - 14} 240 L {x + 14} 240 L {x + 18} 440 Z", fill=BLACK)
        for k in range(4):
            yy = 280 + k * 40
            s.path(f"M {x - 16} {yy} l -26 -8 l 4 12 Z M {x + 16} {yy} l 26 -8 l -4 12 Z", fill=BLACK)
        s.path(f"M {x - 26} 240 Q {x} 205 {x + 26} 240 Z", fill=BLACK)
        bonfire(s, x, 225, 30, seed=x, glow=True)
    g = s.lingrad("water", [(0, ink(0.15, 0.6)), (1, ink(0.8, 0.2))])
    s.rect(0, 500, W, 400, fill=g)
    water_lines(s, 0, 505, W, 300, color=ink(0, 0.5), n=200, seed=11, sw=3, reflect_x=520,
                reflect_w=30, opacity=0.7)
    water_lines(s, 0, 520, W, 300, color=BLACK, n=120, seed=12, sw=2, opacity=0.5)
    # The quay runs from the bottom right into the distance, lamps on its parapet.
    s.poly([(1600, 560), (1600, 900), (0, 900), (0, 880), (700, 620)], fill=ink(0.35, 0.1))
    s.poly([(1600, 540), (1600, 575), (700, 626), (0, 892), (0, 856), (700, 604)], fill=BLACK)
    s.poly([(0, 900), (0, 880), (700, 620), (1600, 560), (1600, 900)], fill=ink(0.2, 0.1), opacity=0.6)
    for i, t in enumerate((0.05, 0.2, 0.4, 0.62)):
        x = lerp(1540, 700, t)
        y = lerp(560, 610, t)
        h = lerp(340, 120, t)
        lamp_post(s, x, y, h, fill=BLACK, glow=pink(0.5), seed=20 + i)
    # A patrol walks the quay.
    figure(s, 1120, 760, 230, kind="redguard", facing=-1, rifle="slung", stride=0.6)
    figure(s, 1260, 790, 250, kind="sailor", facing=-1, stride=0.7)
    figure(s, 1380, 820, 270, kind="soldier", facing=-1, stride=0.5)
    return s


@scene("places/drawbridge")
def drawbridge() -> Svg:
    s = Svg(title="A raised bridge",
            desc="A Neva bridge with its bascule leaves raised against the night; cadets on the span.")
    red_night(s, "sky", horizon=0.56, heat=0.75)
    # Far bank with the fortress spire.
    s.rect(0, 470, W, 50, fill=ink(0.75, 0.5))
    windows(s, 10, 490, 60, 1, 8, 10, 27, 0, ink(0.5, 0.5), lit=ink(0, 0.5), lit_ratio=0.3, seed=3)
    spire(s, 800, 480, 260, 14, fill=ink(0.75, 0.5))
    s.rect(760, 430, 80, 50, fill=ink(0.75, 0.5))
    g = s.lingrad("water", [(0, ink(0.25, 0.7)), (1, ink(0.9))])
    s.rect(0, 520, W, 380, fill=g)
    water_lines(s, 0, 530, W, 360, color=ink(0, 0.6), n=220, seed=4, sw=3, opacity=0.7)
    # The fixed spans: deck on granite piers and iron arches.
    deck = 470
    for x0, x1, piers in ((-20, 560, (140, 350, 560)), (1040, 1620, (1040, 1250, 1460))):
        s.rect(x0, deck - 18, x1 - x0, 30, fill=BLACK)
        for px in piers:
            s.rect(px - 26, deck, 52, 150, fill=BLACK)
        for pa, pb in zip((x0,) + piers, piers):
            s.path(f"M {pa + 26} {deck + 110} Q {(pa + pb) / 2} {deck - 30} {pb - 26} {deck + 110}",
                   fill=None, stroke=BLACK, sw=10)
        # railing lattice on the fixed span
        for x in range(int(x0), int(x1), 18):
            s.line(x, deck - 18, x + 12, deck - 44, stroke=BLACK, sw=3)
        s.line(x0, deck - 44, x1, deck - 44, stroke=BLACK, sw=4)
    # The two bascule leaves, raised towards each other, a gap of sky between their tips.
    for side, hinge in ((1, (560, deck)), (-1, (1040, deck))):
        ang = math.radians(64)
        L = 300
        dx, dy = side * math.cos(ang), -math.sin(ang)
        nx, ny = -side * math.sin(ang), -math.cos(ang)   # towards the outside (back of leaf)
        tip = (hinge[0] + dx * L, hinge[1] + dy * L)
        th = 30
        s.poly([(hinge[0], hinge[1] + 12), tip, (tip[0] - nx * th, tip[1] - ny * th),
                (hinge[0] - nx * th, hinge[1] - ny * th + 12)], fill=BLACK)
        # the railing now stands sideways off the raised deck
        for k in range(1, 17):
            t = k / 17
            x1 = lerp(hinge[0], tip[0], t)
            y1 = lerp(hinge[1], tip[1], t)
            s.line(x1, y1, x1 + nx * 30 + dx * 8, y1 + ny * 30 + dy * 8, stroke=BLACK, sw=3)
        s.line(hinge[0] + nx * 30, hinge[1] + ny * 30, tip[0] + nx * 30, tip[1] + ny * 30,
               stroke=BLACK, sw=4)
        for t in (0.45, 0.85):
            lx = lerp(hinge[0], tip[0], t) + nx * 30
            ly = lerp(hinge[1], tip[1], t) + ny * 30
            ex, ey = lx + nx * 50, ly + ny * 50
            s.line(lx, ly, ex, ey, stroke=BLACK, sw=5)
            glow(s, f"leaf{side}{t}", ex, ey, 44, pink(0.7), 0.9)
            s.circle(ex, ey, 8, fill=PAPER)
        s.rect(hinge[0] - side * 10 - 40, deck - 60, 80, 200, fill=BLACK)
    # Cadets holding the span; a gun at the far end.
    for k, x in enumerate((180, 240, 300, 420, 480)):
        figure(s, x, deck - 16, 70, kind="cadet", facing=1 if k % 2 else -1)
    maxim(s, 500, deck - 16, 50, fill=BLACK, facing=1)
    for k, x in enumerate((1130, 1190, 1380)):
        figure(s, x, deck - 16, 70, kind="redguard", facing=-1)
    # Reflections of the lamps.
    for x in (620, 680, 920, 980):
        s.rect(x - 6, 540, 12, 220, fill=ink(0, 0.6), opacity=0.5)
    # The granite quay in the foreground, and the officer commanding the picket.
    s.rect(0, 800, W, 100, fill=BLACK)
    s.rect(0, 790, W, 14, fill=ink(0.45, 0.4))
    figure(s, 240, 905, 330, kind="officer", facing=1, arms="hip")
    figure(s, 1380, 905, 300, kind="cadet", facing=-1, rifle="shoulder")
    return s


@scene("places/kronstadt_flotilla")
def kronstadt_flotilla() -> Svg:
    s = Svg(title="The Kronstadt flotilla", treatment="halftone",
            desc="Minelayers and transports crowded with sailors steam up the Neva on the 25th.")
    pale_sky(s, "sky", sun=0.25, horizon=0.6)
    clouds(s, 150, ink(0.3), seed=31, n=8, h=40, opacity=0.7)
    s.rect(0, 500, W, 30, fill=ink(0.6))
    spire(s, 1450, 510, 260, 12, fill=ink(0.6))
    g = s.lingrad("water", [(0, ink(0.3)), (1, ink(0.65))])
    s.rect(0, 525, W, 375, fill=g)

    def ship(x: float, water: float, L: float, funnels: int, seed: int) -> None:
        u = L / 100
        s.path(f"M {f1(x)} {f1(water - 8 * u)} L {f1(x + 95 * u)} {f1(water - 8 * u)} "
               f"L {f1(x + 100 * u)} {f1(water - 10 * u)} L {f1(x + 94 * u)} {f1(water + 1 * u)} "
               f"L {f1(x + 4 * u)} {f1(water + 1 * u)} Z", fill=BLACK)
        s.rect(x + 55 * u, water - 16 * u, 14 * u, 8 * u, fill=BLACK)
        for k in range(funnels):
            fx = x + (35 + k * 9) * u
            s.rect(fx, water - 26 * u, 4.5 * u, 18 * u, fill=BLACK)
            smoke(s, fx + 2 * u, water - 26 * u, 40 * u, 30 * u, ink(0.55), seed=seed + k,
                  opacity=0.55, lean=-1)
        s.line(x + 72 * u, water - 8 * u, x + 72 * u, water - 40 * u, stroke=BLACK, sw=0.8 * u)
        s.path(f"M {f1(x + 72 * u)} {f1(water - 40 * u)} l {f1(10 * u)} {f1(2 * u)} l {f1(-1 * u)} "
               f"{f1(6 * u)} l {f1(-9 * u)} {f1(-1 * u)} Z", fill=RED)
        bust_crowd(s, x + 6 * u, x + 90 * u, water - 8 * u, 9 * u, seed=seed, bayonets=0.4,
                   kinds=("sailor",), density=1.3)

    ship(900, 560, 500, 2, 3)
    ship(60, 640, 720, 3, 7)
    ship(620, 820, 1100, 2, 11)
    water_lines(s, 0, 560, W, 340, color=PAPER, n=220, seed=9, sw=3, opacity=0.7)
    return s


# --- Streets ---------------------------------------------------------------------------

def _street_perspective(s: Svg, vp: tuple[float, float], *, wall: str, facade: str, lit: str,
                        seed: int, lamps: bool = True, glow_color: str | None = None) -> None:
    """Two rows of façades converging on vp, with lit windows and lamp posts."""
    rnd = random.Random(seed)
    vx, vy = vp
    for side in (-1, 1):
        edge = 0 if side < 0 else W
        # façade planes
        s.poly([(edge, 0), (vx + side * 40, vy - 120), (vx + side * 40, vy + 30), (edge, 780)], fill=facade)
        # floors and windows as quads in perspective
        for i in range(14):
            t0 = 1 - 0.82 ** i
            t1 = 1 - 0.82 ** (i + 0.55)
            xa = lerp(edge, vx + side * 40, t0)
            xb = lerp(edge, vx + side * 40, t1)
            for f in range(4):
                fy0 = 0.12 + f * 0.18
                fy1 = fy0 + 0.11
                ya0 = lerp(lerp(0, 780, fy0), lerp(vy - 120, vy + 30, fy0), t0)
                ya1 = lerp(lerp(0, 780, fy1), lerp(vy - 120, vy + 30, fy1), t0)
                yb0 = lerp(lerp(0, 780, fy0), lerp(vy - 120, vy + 30, fy0), t1)
                yb1 = lerp(lerp(0, 780, fy1), lerp(vy - 120, vy + 30, fy1), t1)
                c = lit if rnd.random() < 0.35 else wall
                if f == 3:
                    c = lit if rnd.random() < 0.7 else wall  # shop windows at street level
                s.poly([(xa, ya0), (xb, yb0), (xb, yb1), (xa, ya1)], fill=c)
            if lamps and i % 2 == 0 and i < 12:
                lx = lerp(edge - side * 150, vx + side * 20, t0)
                ly = lerp(900, vy + 40, t0)
                lh = (ly - vy) * 0.9
                lamp_post(s, lx, ly, lh, fill=BLACK, glow=glow_color, seed=seed * 100 + i + side)


@scene("places/nevsky_night")
def nevsky_night() -> Svg:
    s = Svg(title="Nevsky Prospekt at night",
            desc="The long straight avenue to the Admiralty spire: lit shop windows, lamps, "
                 "tram rails, the evening crowd.")
    vp = (800, 420)
    night_sky(s, "sky", top=0.95, mid=0.85, low=0.6, glow=0.5, horizon=0.5)
    spire(s, 800, 400, 300, 14, fill=BLACK, angel=False)
    s.rect(770, 380, 60, 40, fill=BLACK)
    g = s.lingrad("road", [(0, ink(0.6, 0.2)), (1, ink(0.3, 0.25))])
    s.poly([(0, 780), (W, 780), (W, 900), (0, 900)], fill=g)
    s.poly([(0, 780), (vx := 760, 440), (840, 440), (W, 780), (W, 900), (0, 900)], fill=g)
    _street_perspective(s, vp, wall=ink(0.85), facade=BLACK, lit=ink(0, 0.3), seed=3,
                        glow_color=pink(0.25))
    # Tram rails converge on the spire.
    for x in (560, 680, 920, 1040):
        s.line(x, 900, lerp(x, 800, 0.9), 450, stroke=ink(0.1, 0.3), sw=4)
    # Shop signs in the old spelling, in perspective along the façades.
    s.poly([(0, 420), (240, 470), (240, 520), (0, 480)], fill=RED)
    s.text(0, 487, "ЕЛИСѢЕВЪ", size=34, fill=PAPER, weight="bold", anchor="middle",
           extra='transform="translate(120 0) skewY(11.77)"')
    s.poly([(1600, 420), (1360, 470), (1360, 520), (1600, 480)], fill=PAPER)
    s.text(0, 487, "ЗИНГЕРЪ", size=34, fill=BLACK, weight="bold", anchor="middle",
           extra='transform="translate(1480 0) skewY(-11.77)"')
    # Passers-by.
    figure(s, 420, 860, 260, kind="gentleman", facing=1, stride=0.5)
    figure(s, 560, 800, 190, kind="woman", facing=1, stride=0.3)
    figure(s, 1020, 790, 170, kind="cadet", facing=-1, stride=0.6)
    figure(s, 1200, 880, 300, kind="journalist", facing=-1, stride=0.6, arms="pocket")
    figure(s, 700, 640, 80, kind="sailor", facing=1)
    figure(s, 880, 620, 70, kind="gentleman", facing=-1)
    return s


@scene("places/street_rain")
def street_rain() -> Svg:
    s = Svg(title="A street in the rain",
            desc="Cold rain and wet snow; umbrellas, a cab, lamplight on the puddles.")
    g = s.lingrad("sky", [(0, ink(0.7)), (1, ink(0.45))])
    s.rect(0, 0, W, H, fill=g)
    _street_perspective(s, (1100, 430), wall=ink(0.7), facade=ink(0.88), lit=ink(0, 0.25), seed=8,
                        glow_color=pink(0.5))
    road = s.lingrad("road", [(0, ink(0.55)), (1, ink(0.25))])
    s.poly([(0, 780), (1060, 460), (1140, 460), (W, 780), (W, 900), (0, 900)], fill=road)
    # Puddle reflections of the lamps.
    rnd = random.Random(2)
    for _ in range(12):
        x = rnd.uniform(100, 1500)
        y = rnd.uniform(700, 890)
        s.ellipse(x, y, rnd.uniform(40, 120), rnd.uniform(6, 14), fill=ink(0.05, 0.3), opacity=0.8)
    # A horse cab.
    cx, cy = 620, 700
    s.path(f"M {cx} {cy} L {cx + 40} {cy - 80} L {cx + 150} {cy - 80} L {cx + 160} {cy - 20} L {cx + 180} {cy} Z",
           fill=BLACK)
    s.path(f"M {cx + 40} {cy - 80} Q {cx + 40} {cy - 150} {cx + 110} {cy - 150} L {cx + 110} {cy - 80} Z",
           fill=BLACK)
    s.circle(cx + 40, cy + 10, 34, fill=None, stroke=BLACK, sw=6)
    s.circle(cx + 150, cy + 10, 26, fill=None, stroke=BLACK, sw=6)
    s.path(f"M {cx - 200} {cy + 40} L {cx - 190} {cy - 40} Q {cx - 150} {cy - 70} {cx - 60} {cy - 50} "
           f"L {cx - 40} {cy - 110} L {cx - 20} {cy - 110} L {cx - 30} {cy - 40} L {cx - 40} {cy + 40} "
           f"L {cx - 60} {cy + 40} L {cx - 70} {cy - 10} L {cx - 160} {cy - 10} L {cx - 170} {cy + 40} Z",
           fill=BLACK)
    s.line(cx - 40, cy - 50, cx + 20, cy - 40, stroke=BLACK, sw=5)
    figure(s, cx + 120, cy - 60, 110, kind="worker", hat="bowler", facing=-1)
    # People under umbrellas.
    figure(s, 220, 900, 300, kind="gentleman", arms="umbrella", facing=1, stride=0.5)
    figure(s, 1150, 850, 240, kind="woman", arms="umbrella", facing=-1, stride=0.3)
    figure(s, 1380, 905, 330, kind="soldier", facing=-1, stride=0.6, rifle="slung")
    figure(s, 960, 640, 110, kind="gentleman", arms="umbrella", facing=1)
    rain(s, 0, 0, W, H, color=PAPER, n=700, seed=5, angle=14, length=46, sw=1.8, opacity=0.65)
    snow(s, 0, 0, W, H, n=120, r=3, seed=6, opacity=0.6)
    return s


@scene("places/duma_march")
def duma_march() -> Svg:
    s = Svg(title="The Duma's march",
            desc="Councillors and citizens march from the Duma to die with the government: "
                 "lanterns, umbrellas, and a line of sailors in the way.")
    night_sky(s, "sky", top=0.96, mid=0.9, low=0.7, glow=0.45, horizon=0.5)
    _street_perspective(s, (300, 430), wall=ink(0.7), facade=ink(0.9), lit=ink(0, 0.3), seed=15,
                        lamps=False)
    road = s.lingrad("road", [(0, ink(0.5, 0.2)), (1, ink(0.25, 0.2))])
    s.poly([(0, 760), (260, 460), (340, 460), (W, 780), (W, 900), (0, 900)], fill=road)
    # The procession coming towards us from the far end, in loose rows.
    rnd = random.Random(7)
    lanterns = []
    for row in range(5):
        t = row / 4
        n = 2 + row
        base = lerp(540, 880, t)
        h = lerp(80, 320, t)
        cx = lerp(340, 620, t)
        for k in range(n):
            x = cx + (k - (n - 1) / 2) * h * 0.62 + rnd.uniform(-h * 0.05, h * 0.05)
            arms = ("umbrella", "lantern", "down", "umbrella", "lantern", "umbrella")[(row + k) % 6]
            kind = rnd.choice(["gentleman", "gentleman", "journalist", "woman", "minister"])
            hat = "bowler" if kind == "minister" else None
            figure(s, x, base + rnd.uniform(-4, 4), h, kind=kind, facing=1, arms=arms, hat=hat,
                   stride=0.5)
            if arms == "lantern":
                lanterns.append((x + 26 * h / 100, base - 51 * h / 100, h))
    for i, (lx, ly, h) in enumerate(lanterns):
        glow(s, f"lan{i}", lx, ly, h * 0.35, ink(0, 0.6), 0.9)
        s.rect(lx - 2.5 * h / 100, ly - 4 * h / 100, 5 * h / 100, 8 * h / 100, fill=PAPER)
        s.ellipse(lx, ly + h * 0.52, h * 0.06, h * 0.012, fill=ink(0, 0.5), opacity=0.8)
    # Sailors barring the road at the right.
    for k in range(5):
        x = 1160 + k * 90
        figure(s, x, 760 + k * 12, 230 + k * 12, kind="sailor", facing=-1, rifle="port")
    rain(s, 0, 0, W, H, color=ink(0.1), n=380, seed=8, angle=8, length=40, sw=1.6, opacity=0.55)
    return s


@scene("places/city_duma")
def city_duma() -> Svg:
    s = Svg(title="The City Duma",
            desc="The Duma on Nevsky, its tall signal tower against the night; a crowd at the door.")
    red_night(s, "sky", horizon=0.7, heat=0.55)
    # The tower: square shaft, arcaded stages, a clock, a spire.
    tx = 900
    s.rect(tx - 70, 250, 140, 400, fill=BLACK)
    for i, (y, w, h) in enumerate(((250, 120, 80), (170, 100, 80), (110, 76, 60))):
        s.rect(tx - w / 2, y - h, w, h, fill=BLACK)
        for k in range(3):
            ax = tx - w / 2 + w * (k + 0.5) / 3
            s.path(f"M {f1(ax - w * 0.1)} {f1(y - 6)} v {f1(-h * 0.5)} a {f1(w * 0.1)} {f1(w * 0.1)} 0 0 1 "
                   f"{f1(w * 0.2)} 0 v {f1(h * 0.5)} Z", fill=ink(0.2, 0.8))
        s.rect(tx - w / 2 - 8, y - 8, w + 16, 10, fill=BLACK)
    spire(s, tx, 50, 46, 26, fill=BLACK, angel=False)
    s.circle(tx, 330, 42, fill=PAPER, stroke=BLACK, sw=6)
    s.line(tx, 330, tx, 300, stroke=BLACK, sw=5)
    s.line(tx, 330, tx + 22, 338, stroke=BLACK, sw=5)
    # The Duma building and its neighbours along Nevsky.
    s.rect(0, 400, W, 300, fill=ink(0.88))
    s.rect(560, 380, 700, 320, fill=BLACK)
    columns(s, 600, 470, 650, 10, 66, 22, ink(0.55, 0.6))
    windows(s, 20, 430, 10, 3, 30, 50, 52, 80, ink(0.6), lit=ink(0, 0.4), lit_ratio=0.4, seed=3)
    windows(s, 1290, 430, 6, 3, 30, 50, 52, 80, ink(0.6), lit=ink(0, 0.4), lit_ratio=0.4, seed=4)
    s.text(910, 450, "ГОРОДСКАЯ ДУМА", size=30, fill=ink(0.2, 0.7), weight="bold", anchor="middle",
           spacing=6)
    g = s.lingrad("st", [(0, ink(0.15, 0.4)), (1, ink(0.3, 0.25))])
    s.rect(0, 700, W, 200, fill=g)
    for x in (300, 1500):
        lamp_post(s, x, 760, 330, fill=BLACK, glow=pink(0.6), seed=x)
    bust_crowd(s, 420, 1400, 800, 130, seed=9, bayonets=0.05,
               kinds=("gentleman", "worker", "cadet"), density=1.1)
    bust_crowd(s, -40, 1700, 930, 220, seed=10, bayonets=0.1,
               kinds=("gentleman", "worker", "cadet", "soldier"))
    return s


@scene("places/vyborg_tram")
def vyborg_tram() -> Svg:
    s = Svg(title="A tram on the Vyborg side", desc="A late tram through the factory district.")
    red_night(s, "sky", horizon=0.6, heat=0.55)
    d = []
    for x, hh in ((120, 320), (260, 380), (1180, 340), (1290, 290)):
        d.append(f"M {x} 560 L {x + 8} {560 - hh} L {x + 30} {560 - hh} L {x + 38} 560 Z")
    s.path(" ".join(d), fill=BLACK)
    for i, (x, hh) in enumerate(((134, 320), (274, 380), (1194, 340))):
        smoke(s, x, 560 - hh, 260, 220, ink(0.55, 0.3), seed=i, opacity=0.7, lean=1)
    s.path("M 0 560 L 0 460 L 60 420 L 120 460 L 180 420 L 240 460 L 300 420 L 360 460 L 420 420 "
           "L 480 460 L 480 560 Z", fill=BLACK)
    for x, w, hh in ((480, 200, 150), (700, 240, 180), (960, 200, 140)):
        s.rect(x, 560 - hh, w, hh, fill=BLACK)
        s.poly([(x - 10, 560 - hh), (x + w / 2, 560 - hh - 60), (x + w + 10, 560 - hh)], fill=BLACK)
        windows(s, x + 20, 560 - hh + 30, int(w // 50), 2, 22, 30, 50, 60, ink(0.75),
                lit=ink(0, 0.5), lit_ratio=0.35, seed=x)
    s.rect(1380, 300, 220, 260, fill=BLACK)
    windows(s, 1395, 320, 5, 4, 22, 34, 42, 60, ink(0.75), lit=ink(0, 0.4), lit_ratio=0.3, seed=9)
    g = s.lingrad("road", [(0, ink(0.25, 0.5)), (1, ink(0.55, 0.2))])
    s.rect(0, 560, W, 340, fill=g)
    s.line(0, 250, W, 262, stroke=BLACK, sw=3)
    for x in (160, 900, 1500):
        s.line(x, 250, x, 600, stroke=BLACK, sw=9)
    tram(s, 300, 770, 980, fill=BLACK, lit=ink(0.0, 0.1), number="7")
    for i in range(8):
        x = 300 + (15.5 + i * 8.8) * 9.8
        s.rect(x, 785, 70, 110, fill=ink(0.0, 0.3), opacity=0.6)
    rain(s, 0, 0, W, H, color=ink(0.1), n=260, seed=3, opacity=0.5)
    lamp_post(s, 1420, 830, 390, fill=BLACK, glow=pink(0.5), seed=2)
    figure(s, 1300, 870, 260, kind="gentleman", hat="kepka", facing=-1, arms="pocket")
    return s


# --- Buildings -------------------------------------------------------------------------

@scene("places/telephone_exchange")
def telephone_exchange() -> Svg:
    s = Svg(title="The Telephone Exchange", treatment="halftone",
            desc="The switchboard hall on Morskaya: operators at the boards, sailors at the door.")
    s.rect(0, 0, W, H, fill=ink(0.2))
    s.rect(0, 0, W, 120, fill=ink(0.35))
    for x in range(100, W, 300):
        s.line(x, 0, x, 60, stroke=BLACK, sw=3)
        glow(s, f"lamp{x}", x, 70, 160, PAPER, 0.7)
        s.path(f"M {x - 40} 80 Q {x} 40 {x + 40} 80 Z", fill=BLACK)
    # Switchboards: panels of jacks and lamps, receding in a row on the right.
    for i in range(6):
        t = i / 6
        x = lerp(1600, 760, 1 - 0.75 ** (i + 1)) - 0
        x0 = lerp(1600, 760, 1 - 0.75 ** i)
        top = lerp(120, 300, 1 - 0.75 ** i)
        top1 = lerp(120, 300, 1 - 0.75 ** (i + 1))
        bot = lerp(900, 560, 1 - 0.75 ** i)
        bot1 = lerp(900, 560, 1 - 0.75 ** (i + 1))
        s.poly([(x0, top), (x, top1), (x, bot1), (x0, bot)], fill=ink(0.75))
        for r in range(8):
            for c in range(6):
                px = lerp(x0, x, (c + 0.5) / 6)
                py = lerp(lerp(top, bot, 0.08 + r * 0.055), lerp(top1, bot1, 0.08 + r * 0.055), (c + 0.5) / 6)
                s.circle(px, py, max(1.5, 5 * (1 - t)), fill=PAPER if (r * 7 + c * 3 + i) % 5 else RED)
        s.poly([(x0, lerp(top, bot, 0.55)), (x, lerp(top1, bot1, 0.55)), (x, lerp(top1, bot1, 0.6)),
                (x0, lerp(top, bot, 0.6))], fill=BLACK)
    # Operators on their stools, backs to us, headsets on.
    for i, (x, base, h) in enumerate(((1350, 900, 300), (1080, 760, 210), (930, 680, 150), (840, 630, 110))):
        figure(s, x, base, h, kind="woman", facing=1, arms="forward")
        s.path(f"M {f1(x - 7 * h / 100)} {f1(base - 96 * h / 100)} Q {f1(x)} {f1(base - 106 * h / 100)} "
               f"{f1(x + 7 * h / 100)} {f1(base - 96 * h / 100)}", fill=None, stroke=PAPER, sw=max(1.5, h * 0.015))
    # Cords looping from the boards.
    for i in range(10):
        x = 900 + i * 60
        s.path(f"M {x} {620 - i * 10} Q {x - 30} {700 - i * 5} {x - 60} {640 - i * 12}", fill=None,
               stroke=BLACK, sw=3)
    # Sailors in the doorway at the left.
    s.rect(100, 200, 360, 640, fill=ink(0.9))
    s.rect(130, 230, 300, 610, fill=ink(0.05))
    figure(s, 230, 840, 420, kind="sailor", facing=1, rifle="port")
    figure(s, 380, 830, 380, kind="redguard", facing=1)
    s.rect(0, 840, W, 60, fill=ink(0.5))
    return s


@scene("places/telegraph")
def telegraph() -> Svg:
    s = Svg(title="The Central Telegraph",
            desc="Hughes printing telegraphs on long desks, tape curling to the floor; a picket at the door.")
    s.rect(0, 0, W, H, fill=ink(0.22, 0.1))
    s.rect(0, 620, W, 280, fill=ink(0.6, 0.1))
    # Tall arched windows with wires outside.
    for x in (150, 560, 970, 1380):
        s.path(f"M {x - 110} 520 L {x - 110} 200 A 110 110 0 0 1 {x + 110} 200 L {x + 110} 520 Z",
               fill=ink(0.8, 0.3))
        for k in range(6):
            s.line(x - 110, 200 + k * 30, x + 110, 210 + k * 30, stroke=BLACK, sw=2)
        window_frame(s, x - 110, 200, 220, 320, frame=ink(0.1), bars=2, sw=10)
    # The big clock between the windows.
    s.circle(1175, 120, 60, fill=PAPER, stroke=BLACK, sw=8)
    s.line(1175, 120, 1175, 78, stroke=BLACK, sw=6)
    s.line(1175, 120, 1205, 136, stroke=BLACK, sw=6)
    # Desks with Hughes machines: piano keyboards, towers, weights.
    for x in (180, 620, 1060):
        s.rect(x, 600, 360, 30, fill=BLACK)
        s.rect(x + 20, 630, 16, 200, fill=BLACK)
        s.rect(x + 324, 630, 16, 200, fill=BLACK)
        s.rect(x + 40, 560, 200, 40, fill=BLACK)
        for k in range(14):
            s.rect(x + 46 + k * 13.5, 588, 9, 12, fill=PAPER if k % 2 else ink(0.3))
        s.rect(x + 200, 470, 60, 90, fill=BLACK)
        s.circle(x + 230, 470, 30, fill=BLACK)
        s.circle(x + 230, 470, 12, fill=ink(0.5))
        s.line(x + 300, 500, x + 300, 600, stroke=BLACK, sw=4)
        s.circle(x + 300, 520, 14, fill=BLACK)
        # tape
        s.path(f"M {x + 250} 520 Q {x + 380} 560 {x + 330} 700 Q {x + 300} 800 {x + 380} 860",
               fill=None, stroke=PAPER, sw=9)
        s.path(f"M {x + 250} 520 Q {x + 380} 560 {x + 330} 700 Q {x + 300} 800 {x + 380} 860",
               fill=None, stroke=BLACK, sw=2, extra='stroke-dasharray="6 10"')
        _seated(s, x + 140, 680, 160, fill=BLACK)
    # The picket.
    figure(s, 1480, 905, 420, kind="redguard", facing=-1, rifle="shoulder")
    figure(s, 80, 905, 400, kind="soldier", facing=1)
    return s


@scene("places/state_bank")
def state_bank() -> Svg:
    s = Svg(title="The State Bank",
            desc="Quarenghi's bank on Sadovaya behind its iron railings; a guard at the gate.")
    pale_sky(s, "sky", sun=0.2, horizon=0.55)
    clouds(s, 120, ink(0.3), seed=41, n=7, h=30)
    # Wings curving forward (the cour d'honneur), main block with portico.
    s.rect(140, 280, 1320, 300, fill=ink(0.3, 0.25))
    s.path("M 0 330 L 300 300 L 300 640 L 0 700 Z", fill=ink(0.45, 0.25))
    s.path("M 1600 330 L 1300 300 L 1300 640 L 1600 700 Z", fill=ink(0.45, 0.25))
    windows(s, 30, 380, 5, 2, 24, 60, 55, 120, ink(0.85), seed=2)
    windows(s, 1345, 380, 5, 2, 24, 60, 55, 120, ink(0.85), seed=3)
    windows(s, 330, 330, 8, 2, 32, 70, 52, 130, ink(0.85), seed=4)
    windows(s, 980, 330, 8, 2, 32, 70, 52, 130, ink(0.85), seed=5)
    s.poly([(600, 250), (800, 170), (1000, 250)], fill=ink(0.4, 0.3))
    s.poly([(640, 245), (800, 185), (960, 245)], fill=ink(0.25, 0.25))
    s.rect(590, 250, 420, 20, fill=ink(0.5, 0.3))
    columns(s, 630, 270, 560, 6, 68, 38, PAPER)
    s.rect(600, 270, 400, 290, fill=ink(0.65, 0.2), opacity=0.5)
    columns(s, 630, 270, 560, 6, 68, 38, PAPER)
    s.text(800, 240, "ГОСУДАРСТВЕННЫЙ БАНКЪ", size=22, anchor="middle", fill=BLACK, weight="bold", spacing=4)
    s.rect(0, 560, W, 340, fill=ink(0.2))
    cobbles(s, 580, 900, ink(0.5), seed=6, opacity=0.35)
    # Iron railings with gilded spear tips, and the gate.
    d = []
    for x in range(0, W, 22):
        if 700 < x < 900:
            continue
        d.append(f"M {x} 820 L {x} 600 M {x - 5} 610 L {x} 592 L {x + 5} 610")
    s.path(" ".join(d), fill=None, stroke=BLACK, sw=5)
    s.rect(0, 640, W, 8, fill=BLACK)
    s.rect(0, 790, W, 10, fill=BLACK)
    for x in (680, 900):
        s.rect(x, 560, 40, 300, fill=BLACK)
        s.circle(x + 20, 555, 26, fill=BLACK)
    s.rect(0, 820, W, 80, fill=ink(0.55))
    figure(s, 800, 860, 260, kind="soldier", facing=1, rifle="shoulder")
    figure(s, 620, 880, 250, kind="soldier", facing=-1, rifle="shoulder")
    figure(s, 1100, 900, 300, kind="redguard", facing=-1, stride=0.6)
    return s


@scene("places/mariinsky_palace")
def mariinsky_palace() -> Svg:
    s = Svg(title="The Mariinsky Palace",
            desc="Seat of the Pre-Parliament on St Isaac's Square; the dome of St Isaac's beside it.")
    pale_sky(s, "sky", sun=0.15, horizon=0.6)
    clouds(s, 110, ink(0.3), seed=51, n=8, h=35)
    # St Isaac's dome behind, left.
    s.path("M 60 420 L 60 300 L 90 300 L 90 250 Q 200 60 310 250 L 310 300 L 340 300 L 340 420 Z",
           fill=ink(0.55))
    s.rect(195, 80, 10, 60, fill=ink(0.55))
    columns(s, 100, 300, 420, 8, 30, 12, ink(0.35))
    # The palace: three storeys, arcade, portico with six columns, attic and flag.
    s.rect(300, 300, 1100, 330, fill=ink(0.15, 0.45))
    s.rect(290, 290, 1120, 18, fill=ink(0.4, 0.4))
    s.rect(680, 240, 340, 56, fill=ink(0.2, 0.45))
    s.line(850, 240, 850, 120, stroke=BLACK, sw=5)
    s.path("M 852 124 Q 900 116 950 132 L 948 180 Q 900 166 852 172 Z", fill=RED)
    windows(s, 330, 340, 13, 2, 24, 60, 28, 100, ink(0.7, 0.3), seed=6)
    windows(s, 1030, 340, 12, 2, 24, 60, 28, 100, ink(0.7, 0.3), seed=7)
    s.rect(300, 520, 1100, 110, fill=ink(0.3, 0.4))
    for k in range(13):
        ax = 330 + k * 82
        s.path(f"M {ax} 630 v -60 a 25 25 0 0 1 50 0 v 60 Z", fill=ink(0.8))
    columns(s, 700, 310, 520, 6, 60, 30, PAPER)
    s.poly([(670, 310), (850, 250), (1030, 310)], fill=ink(0.05, 0.45))
    g = s.lingrad("sq", [(0, ink(0.25)), (1, ink(0.45))])
    s.rect(0, 630, W, 270, fill=g)
    # The Blue Bridge railing across the foreground and a sailor detachment.
    s.rect(0, 800, W, 16, fill=BLACK)
    for x in range(20, W, 60):
        s.path(f"M {x} 816 L {x + 30} 860 L {x + 60} 816 M {x} 860 L {x + 30} 816 L {x + 60} 860",
               fill=None, stroke=BLACK, sw=5)
    s.rect(0, 856, W, 44, fill=BLACK)
    for k in range(6):
        figure(s, 520 + k * 90, 780, 150, kind="sailor", facing=1, rifle="shoulder", stride=0.3)
    figure(s, 330, 790, 160, kind="gentleman", hat="tophat", facing=-1, stride=0.5)
    return s


@scene("places/engineers_school")
def engineers_school() -> Svg:
    s = Svg(title="The Engineers' Castle",
            desc="Mikhailovsky Castle, the military engineering school: the tall gilded spire, "
                 "obelisks at the gate, cadets drilling.")
    dusk_sky(s, "sky", band=0.65)
    clouds(s, 160, ink(0.4, 0.3), seed=61, n=8, h=30)
    cx = 800
    s.rect(220, 300, 1160, 330, fill=BLACK)
    s.rect(210, 290, 1180, 16, fill=BLACK)
    windows(s, 250, 330, 14, 3, 28, 48, 36, 90, ink(0.75, 0.5), lit=ink(0, 0.35), lit_ratio=0.25, seed=3)
    windows(s, 910, 330, 13, 3, 28, 48, 36, 90, ink(0.75, 0.5), lit=ink(0, 0.35), lit_ratio=0.25, seed=4)
    s.rect(cx - 140, 250, 280, 380, fill=BLACK)
    s.poly([(cx - 160, 250), (cx, 180), (cx + 160, 250)], fill=BLACK)
    columns(s, cx - 110, 290, 500, 4, 73, 26, ink(0.5, 0.6))
    s.rect(cx - 60, 520, 120, 110, fill=ink(0.4, 0.8))
    s.path(f"M {cx - 60} 520 a 60 60 0 0 1 120 0 Z", fill=ink(0.4, 0.8))
    s.rect(cx - 34, 120, 68, 70, fill=BLACK)
    s.path(f"M {cx - 40} 125 Q {cx} 90 {cx + 40} 125 Z", fill=BLACK)
    spire(s, cx, 110, 100, 20, fill=BLACK, angel=False)
    s.line(cx - 10, 22, cx + 10, 22, stroke=BLACK, sw=4)
    for ox in (420, 1180):
        s.poly([(ox - 22, 640), (ox - 10, 380), (ox + 10, 380), (ox + 22, 640)], fill=BLACK)
        s.poly([(ox - 10, 380), (ox, 350), (ox + 10, 380)], fill=BLACK)
    # The moat, a bridge and the cadets drilling on the parade ground.
    s.rect(0, 630, W, 60, fill=ink(0.4, 0.6))
    water_lines(s, 0, 635, W, 50, color=PAPER, n=60, seed=5, sw=2)
    s.rect(cx - 120, 625, 240, 70, fill=BLACK)
    g = s.lingrad("g", [(0, ink(0.2, 0.25)), (1, ink(0.45, 0.15))])
    s.rect(0, 690, W, 210, fill=g)
    for k in range(8):
        figure(s, 260 + k * 70, 800, 120, kind="cadet", facing=1, rifle="shoulder", stride=0.6)
    for k in range(8):
        figure(s, 880 + k * 70, 820, 130, kind="cadet", facing=1, rifle="shoulder", stride=0.6)
    figure(s, 180, 905, 330, kind="officer", facing=1, arms="hip")
    return s


@scene("places/barracks_yard")
def barracks_yard() -> Svg:
    s = Svg(title="A barracks yard", treatment="halftone",
            desc="A regiment's yard: greatcoats, rifles, a speaker on a cart, the red banner.")
    pale_sky(s, "sky", sun=0.0, horizon=0.5)
    s.rect(0, 160, W, 420, fill=ink(0.35, 0.35))
    s.rect(0, 150, W, 20, fill=ink(0.6))
    windows(s, 40, 200, 24, 3, 34, 60, 66, 120, ink(0.8), seed=8)
    s.rect(700, 420, 200, 160, fill=ink(0.85))
    s.path("M 700 420 A 100 100 0 0 1 900 420 Z", fill=ink(0.85))
    g = s.lingrad("yard", [(0, ink(0.25)), (1, ink(0.5))])
    s.rect(0, 580, W, 320, fill=g)
    # The speaker on a cart, arm raised, the banner on two poles behind him.
    s.rect(680, 520, 240, 24, fill=BLACK)
    s.circle(710, 560, 30, fill=None, stroke=BLACK, sw=7)
    s.circle(890, 560, 30, fill=None, stroke=BLACK, sw=7)
    banner(s, 800, 250, 520, 112, "МИРЪ · ХЛѢБЪ · ЗЕМЛЯ")
    figure(s, 800, 520, 210, kind="orator", facing=1)
    # The regiment: rows of men, each one a man (a rim of light between them), far rows paler.
    soldier_rows(s, 610, 80, seed=20, ink_k=0.74, step=0.42)
    soldier_rows(s, 680, 110, seed=21, ink_k=0.82, step=0.44)
    soldier_rows(s, 790, 160, seed=22, ink_k=0.9, step=0.48)
    soldier_rows(s, 940, 240, seed=23, ink_k=1.0, step=0.5)
    return s


def banner(s: Svg, cx: float, top: float, width: float, height: float, text: str) -> None:
    """A red cloth between two poles with its slogan set to fit inside it, with a margin."""
    from .documents import measure
    size = height * 0.42
    room = width - height * 0.5                  # a margin of a quarter of the height at each end
    while measure(text, size, weight="bold") > room:
        size *= 0.96
    x0, x1 = cx - width / 2, cx + width / 2
    s.path(f"M {f1(x0)} {f1(top)} Q {f1(cx)} {f1(top + height * 0.1)} {f1(x1)} {f1(top)} L {f1(x1)} {f1(top + height)} "
           f"Q {f1(cx)} {f1(top + height * 1.1)} {f1(x0)} {f1(top + height)} Z", fill=RED)
    s.line(x0, top - 10, x0, 520, stroke=BLACK, sw=6)
    s.line(x1, top - 10, x1, 520, stroke=BLACK, sw=6)
    s.text(cx, top + height * 0.5 + size * 0.36, text, size=size, anchor="middle", fill=PAPER, weight="bold",
           extra=f'data-fit="{f1(room)}"')


def soldier_rows(s: Svg, base: float, h: float, *, seed: int, ink_k: float, step: float) -> None:
    """One row of a regiment standing in greatcoats: each man drawn on his own, with a pale rim
    between him and the next, papakhas and peaked caps, some heads turned, rifles slung."""
    rnd = random.Random(seed)
    body, rim = ink(ink_k), ink(max(0.0, ink_k - 0.6), 0.1)
    skin = ink(max(0.05, ink_k - 0.75), 0.25)
    x = -rnd.uniform(0, h * 0.4)
    while x < W + h * 0.4:
        cx, u = x + rnd.uniform(-0.06, 0.06) * h, h / 100 * rnd.uniform(0.9, 1.08)
        top = base - 100 * u + rnd.uniform(-6, 10) * u
        turn = rnd.choice((-1, 0, 0, 1))           # most face the speaker; some turn to a neighbour
        if rnd.random() < 0.55:                     # a rifle slung on the shoulder, bayonet fixed
            rx = cx + rnd.choice((-1, 1)) * 22 * u
            s.line(rx, base, rx + 3 * u, top - 40 * u, stroke=body, sw=3.2 * u)
            s.path(f"M {f1(rx + 2 * u)} {f1(top - 40 * u)} L {f1(rx + 3.5 * u)} {f1(top - 80 * u)} "
                   f"L {f1(rx + 4.5 * u)} {f1(top - 40 * u)} Z", fill=body)
        # greatcoat shoulders, the collar, its tabs
        s.path(f"M {f1(cx - 34 * u)} {f1(base + 6)} L {f1(cx - 33 * u)} {f1(top + 52 * u)} "
               f"Q {f1(cx - 30 * u)} {f1(top + 38 * u)} {f1(cx - 12 * u)} {f1(top + 34 * u)} L {f1(cx + 12 * u)} "
               f"{f1(top + 34 * u)} Q {f1(cx + 30 * u)} {f1(top + 38 * u)} {f1(cx + 33 * u)} {f1(top + 52 * u)} "
               f"L {f1(cx + 34 * u)} {f1(base + 6)} Z", fill=body, stroke=rim, sw=2.2 * u)
        s.path(f"M {f1(cx - 12 * u)} {f1(top + 34 * u)} L {f1(cx)} {f1(top + 46 * u)} L {f1(cx + 12 * u)} {f1(top + 34 * u)}",
               fill=None, stroke=rim, sw=1.6 * u)
        for side in (-1, 1):
            s.rect(cx + side * 8 * u - 2.5 * u, top + 38 * u, 5 * u, 4 * u, fill=RED)
        # the head: the back of it, or a cheek and nose where he turns
        s.ellipse(cx, top + 22 * u, 11 * u, 13 * u, fill=body, stroke=rim, sw=1.6 * u)
        if turn:
            s.path(f"M {f1(cx + turn * 3 * u)} {f1(top + 14 * u)} Q {f1(cx + turn * 11 * u)} {f1(top + 14 * u)} "
                   f"{f1(cx + turn * 11 * u)} {f1(top + 20 * u)} L {f1(cx + turn * 15 * u)} {f1(top + 25 * u)} "
                   f"L {f1(cx + turn * 11 * u)} {f1(top + 27 * u)} Q {f1(cx + turn * 10 * u)} {f1(top + 34 * u)} "
                   f"{f1(cx + turn * 4 * u)} {f1(top + 34 * u)} Z", fill=skin, stroke=body, sw=1 * u)
            s.circle(cx + turn * 8 * u, top + 20 * u, 1.1 * u, fill=body)
        if rnd.random() < 0.6:                      # a sheepskin papakha
            s.path(f"M {f1(cx - 12 * u)} {f1(top + 16 * u)} L {f1(cx - 13 * u)} {f1(top + 1 * u)} "
                   f"Q {f1(cx)} {f1(top - 3 * u)} {f1(cx + 13 * u)} {f1(top + 1 * u)} L {f1(cx + 12 * u)} {f1(top + 16 * u)} Z",
                   fill=body, stroke=rim, sw=1.6 * u)
            for k in range(4):
                s.path(f"M {f1(cx - 9 * u + k * 6 * u)} {f1(top + 4 * u)} q {f1(1.5 * u)} {f1(3 * u)} 0 {f1(6 * u)}",
                       fill=None, stroke=rim, sw=1 * u)
        else:                                       # a peaked cap with its cockade
            s.path(f"M {f1(cx - 13 * u)} {f1(top + 14 * u)} Q {f1(cx - 15 * u)} {f1(top + 5 * u)} {f1(cx)} {f1(top + 5 * u)} "
                   f"Q {f1(cx + 15 * u)} {f1(top + 5 * u)} {f1(cx + 13 * u)} {f1(top + 14 * u)} Z",
                   fill=body, stroke=rim, sw=1.6 * u)
            s.circle(cx, top + 11 * u, 1.6 * u, fill=rim)
        x += h * step * rnd.uniform(0.8, 1.05)


@scene("places/printing_press")
def printing_press() -> Svg:
    s = Svg(title="The printing shop",
            desc="A flatbed press and its flywheel, wet sheets hung to dry, cases of type; "
                 "the Bolshevik paper coming off the machine.")
    s.rect(0, 0, W, H, fill=ink(0.3, 0.2))
    s.rect(0, 640, W, 260, fill=ink(0.6, 0.15))
    # Type cases on the left wall.
    for r in range(6):
        for c in range(3):
            x, y = 40 + c * 130, 160 + r * 70
            s.rect(x, y, 120, 60, fill=BLACK)
            for k in range(6):
                s.rect(x + 6 + k * 19, y + 8, 14, 44, fill=ink(0.5, 0.2))
    # Sheets hanging to dry on lines overhead, printed with the masthead.
    for row, y in enumerate((70, 150)):
        s.line(0, y, W, y + 20, stroke=BLACK, sw=3)
        for k in range(9):
            x = 450 + k * 125 + row * 50
            yy = y + (x / W) * 20
            s.rect(x, yy, 100, 130, fill=PAPER, stroke=ink(0.4), sw=2)
            s.rect(x + 8, yy + 10, 84, 16, fill=BLACK)
            s.rect(x + 8, yy + 32, 84, 10, fill=RED)
            for ln in range(6):
                s.rect(x + 8, yy + 50 + ln * 11, 84 if ln % 3 else 40, 4, fill=ink(0.5))
    # The press: bed, cylinder, feed board, and the big flywheel.
    s.rect(520, 520, 760, 160, fill=BLACK)
    s.rect(540, 680, 50, 160, fill=BLACK)
    s.rect(1210, 680, 50, 160, fill=BLACK)
    s.circle(760, 500, 110, fill=BLACK)
    s.circle(760, 500, 40, fill=ink(0.4))
    s.poly([(860, 470), (1240, 420), (1250, 440), (870, 500)], fill=BLACK)
    paper_sheet(s, 980, 380, 230, 60, angle=-8, lines=0)
    cx, cy = 1380, 560
    s.circle(cx, cy, 200, fill=None, stroke=BLACK, sw=22)
    for k in range(6):
        a = math.radians(k * 60 + 10)
        s.line(cx, cy, cx + 195 * math.cos(a), cy + 195 * math.sin(a), stroke=BLACK, sw=12)
    s.circle(cx, cy, 30, fill=BLACK)
    s.line(cx, cy, 1000, 520, stroke=BLACK, sw=10)
    # The stack of fresh copies and the masthead on top.
    s.rect(200, 660, 320, 120, fill=PAPER, stroke=BLACK, sw=3)
    for k in range(8):
        s.line(200, 675 + k * 13, 520, 675 + k * 13, stroke=ink(0.4), sw=2)
    s.rect(220, 600, 280, 70, fill=PAPER, stroke=BLACK, sw=3,
           extra='transform="rotate(-4 360 635)"')
    s.text(360, 648, "РАБОЧІЙ ПУТЬ", size=40, anchor="middle", weight="bold",
           extra='transform="rotate(-4 360 635)"')
    # The printer in his apron, and a Red Guard waiting for the bundle.
    figure(s, 640, 905, 330, kind="worker", facing=1, arms="paper", coat="jacket")
    figure(s, 100, 905, 360, kind="redguard", facing=1, rifle="slung")
    return s


@scene("places/railway_station")
def railway_station() -> Svg:
    s = Svg(title="The station", treatment="halftone",
            desc="Under the iron train shed: a steam engine at the platform, soldiers off the "
                 "train from the front.")
    s.rect(0, 0, W, H, fill=ink(0.55))
    # The shed: arched iron roof with glazing bars, daylight through it.
    s.path("M 0 600 L 0 260 Q 800 -120 1600 260 L 1600 600 Z", fill=ink(0.1))
    for k in range(1, 12):
        t = k / 12
        x = lerp(0, 1600, t)
        y = 260 - 4 * 380 * t * (1 - t) * 0.95
        s.line(x, y, x, 600, stroke=ink(0.6), sw=3)
    for k in range(1, 6):
        s.path(f"M 0 {260 + k * 60} Q 800 {-120 + k * 90} 1600 {260 + k * 60}", fill=None,
               stroke=ink(0.6), sw=3)
    s.path("M 0 260 Q 800 -120 1600 260", fill=None, stroke=BLACK, sw=18)
    # Station clock.
    s.circle(800, 160, 56, fill=PAPER, stroke=BLACK, sw=8)
    s.line(800, 160, 800, 120, stroke=BLACK, sw=6)
    s.line(800, 160, 830, 170, stroke=BLACK, sw=6)
    # Steam.
    smoke(s, 1200, 560, 500, 420, PAPER, seed=5, opacity=0.6, lean=-0.5)
    locomotive(s, 820, 680, 720, fill=BLACK, lit=PAPER)
    smoke(s, 1440, 380, 300, 300, PAPER, seed=6, opacity=0.7, lean=-1)
    # Carriages receding to the left.
    s.rect(0, 540, 820, 120, fill=ink(0.75))
    windows(s, 20, 560, 16, 1, 30, 40, 50, 0, ink(0.3))
    for x in range(40, 820, 200):
        s.circle(x, 670, 18, fill=BLACK)
        s.circle(x + 60, 670, 18, fill=BLACK)
    s.rect(0, 680, W, 220, fill=ink(0.4))
    s.rect(0, 680, W, 12, fill=ink(0.8))
    # Soldiers with kit bags on the platform.
    rnd = random.Random(5)
    for k in range(9):
        x = 80 + k * 150 + rnd.uniform(-30, 30)
        h = rnd.uniform(220, 300)
        figure(s, x, 880 + rnd.uniform(-10, 20), h, kind="soldier", facing=rnd.choice((1, -1)),
               rifle=rnd.choice(("shoulder", "slung")), stride=rnd.uniform(0, 0.6))
    s.rect(170, 380, 240, 60, fill=PAPER, stroke=BLACK, sw=4)
    s.text(290, 422, "ПЕТРОГРАДЪ", size=34, anchor="middle", weight="bold")
    return s


@scene("places/modern_circus")
def modern_circus() -> Svg:
    s = Svg(title="The Cirque Moderne",
            desc="The dim wooden amphitheatre of the Modern Circus, packed to the roof for a "
                 "night meeting; a speaker in the ring.")
    g0 = s.lingrad("dome", [(0, ink(0.95)), (0.5, ink(0.6, 0.45)), (1, ink(0.4, 0.5))])
    s.rect(0, 0, W, H, fill=g0)
    # Dome ribs and a single hanging lamp over the ring.
    for k in range(-8, 9):
        s.path(f"M 800 -200 Q {800 + k * 60} 100 {800 + k * 140} 420", fill=None, stroke=ink(0.75, 0.2), sw=6)
    s.line(800, 0, 800, 300, stroke=BLACK, sw=3)
    glow(s, "ringlight", 800, 560, 560, ink(0.1, 0.4), 0.9)
    s.path("M 760 300 L 840 300 L 820 280 L 780 280 Z", fill=BLACK)
    # Tiers of benches rising in curves, packed with listeners.
    for tier in range(6):
        y = 320 + tier * 70
        rx = 420 + tier * 190
        ry = 90 + tier * 45
        s.path(f"M {800 - rx} {y + 140} A {rx} {ry} 0 0 0 {800 + rx} {y + 140}", fill=None,
               stroke=ink(0.55, 0.45), sw=8)
    for tier in range(5):
        y = 330 + tier * 70
        rx = 430 + tier * 190
        ry = 100 + tier * 45
        rnd = random.Random(tier)
        d = []
        n = 14 + tier * 6
        for k in range(n):
            a = math.pi * (k + 0.5) / n
            x = 800 - rx * math.cos(a)
            yy = y + 140 - ry * math.sin(a) * -1 * -1
            yy = y + 140 + 0 - ry * 0
            yy = y + 140 - ry * math.sin(a) + ry
            hh = 26 + tier * 10
            d.append(f"M {f1(x - hh * 0.35)} {f1(yy)} L {f1(x - hh * 0.3)} {f1(yy - hh * 0.6)} "
                     f"Q {f1(x)} {f1(yy - hh * 0.75)} {f1(x + hh * 0.3)} {f1(yy - hh * 0.6)} "
                     f"L {f1(x + hh * 0.35)} {f1(yy)} Z M {f1(x - hh * 0.17)} {f1(yy - hh * 0.85)} "
                     f"a {f1(hh * 0.17)} {f1(hh * 0.2)} 0 1 0 {f1(hh * 0.34)} 0 "
                     f"a {f1(hh * 0.17)} {f1(hh * 0.2)} 0 1 0 {f1(-hh * 0.34)} 0 Z")
        s.path(" ".join(d), fill=BLACK)
    # The ring with sawdust, the speaker on a table, a banner.
    s.ellipse(800, 700, 360, 90, fill=ink(0.1, 0.5))
    s.ellipse(800, 700, 360, 90, fill=None, stroke=ink(0.5, 0.8), sw=14)
    s.rect(740, 640, 120, 20, fill=BLACK)
    s.rect(750, 660, 10, 50, fill=BLACK)
    s.rect(840, 660, 10, 50, fill=BLACK)
    figure(s, 800, 642, 160, kind="orator", facing=1, hat="bare")
    s.path("M 560 520 L 1040 520 L 1040 590 L 560 590 Z", fill=RED)
    s.text(800, 567, "ДОЛОЙ ВОЙНУ!", size=44, anchor="middle", fill=PAPER, weight="bold", spacing=4)
    bust_crowd(s, -60, 1660, 920, 200, seed=33, bayonets=0.3)
    return s


# --- Flats -----------------------------------------------------------------------------

@scene("places/sukhanov_dining")
def sukhanov_dining() -> Svg:
    s = Svg(title="The Sukhanov flat",
            desc="A dining room on the Karpovka: the samovar, the lamp, the committee round the table.")
    s.rect(0, 0, W, H, fill=ink(0.2, 0.3))
    stripes = s.hatch("wallpaper", color=ink(0.3, 0.45), gap=44, width=10, angle=0)
    s.rect(0, 0, W, 600, fill=stripes)
    s.rect(0, 590, W, 20, fill=BLACK)
    s.rect(0, 610, W, 290, fill=ink(0.75, 0.3))
    window_frame(s, 130, 110, 300, 400, frame=BLACK, glass=ink(0.88), bars=1, sw=14)
    rain(s, 140, 120, 280, 380, color=ink(0.3), n=70, seed=1, length=30, opacity=0.9)
    s.path("M 110 90 Q 170 300 125 540 L 90 540 L 90 80 Z M 450 90 Q 390 300 435 540 L 470 540 "
           "L 470 80 Z", fill=MAROON)
    s.rect(80, 80, 400, 20, fill=BLACK)
    s.rect(1190, 130, 190, 240, fill=BLACK)
    s.rect(1205, 145, 160, 210, fill=ink(0.4, 0.3))
    s.ellipse(1285, 230, 44, 56, fill=ink(0.7, 0.3))
    s.path("M 1230 355 Q 1285 280 1340 355 Z", fill=ink(0.7, 0.3))
    s.rect(630, 150, 110, 170, fill=BLACK)
    s.circle(685, 205, 34, fill=PAPER)
    s.line(685, 205, 685, 180, stroke=BLACK, sw=4)
    s.line(685, 205, 702, 212, stroke=BLACK, sw=4)
    s.line(685, 240, 685, 300, stroke=ink(0.3, 0.5), sw=4)
    s.circle(685, 300, 12, fill=ink(0.3, 0.5))
    glow(s, "lamp", 800, 330, 640, ink(0, 0.05), 0.9)
    s.path("M 250 560 L 1350 560 L 1450 700 L 150 700 Z", fill=PAPER)
    s.path("M 150 700 L 1450 700 L 1450 770 L 150 770 Z", fill=ink(0.12))
    for x in (400, 540, 1000, 1140, 1260):
        s.rect(x, 600, 34, 50, fill=ink(0.05, 0.3), stroke=BLACK, sw=3)
        s.rect(x - 4, 626, 42, 26, fill=BLACK)
        s.path(f"M {x + 38} 630 q 14 4 0 18", fill=None, stroke=BLACK, sw=4)
    samovar(s, 800, 655, 340, fill=BLACK, shine=ink(0, 0.25))
    _seated(s, 380, 575, 190, fill=ink(0.85))
    _seated(s, 1210, 575, 180, fill=ink(0.85))
    _seated(s, 200, 910, 360, fill=BLACK)
    _seated(s, 1400, 910, 360, fill=BLACK, hat="cap")
    s.line(800, 0, 800, 90, stroke=BLACK, sw=4)
    s.path("M 680 160 Q 800 60 920 160 Z", fill=ink(0.1, 0.9))
    s.path("M 680 160 L 920 160 L 905 172 L 695 172 Z", fill=BLACK)
    return s


@scene("places/lesnoi_flat")
def lesnoi_flat() -> Svg:
    s = Svg(title="A flat in Lesnoi",
            desc="A wooden suburban house in Lesnoi: plank walls, a kerosene lamp, birches and "
                 "snow beyond the window.")
    s.rect(0, 0, W, H, fill=ink(0.45, 0.4))
    for y in range(0, 640, 46):
        s.line(0, y, W, y, stroke=ink(0.7, 0.4), sw=5)
        for x in range((y * 7) % 300, W, 300):
            s.line(x, y, x, y + 46, stroke=ink(0.7, 0.4), sw=3)
    s.rect(0, 640, W, 260, fill=ink(0.7, 0.3))
    for x in range(0, W, 120):
        s.line(x, 640, x - 200 + x * 0.2, 900, stroke=ink(0.85, 0.3), sw=4)
    # The window: birches in snow under a pale night.
    s.rect(1050, 120, 380, 380, fill=ink(0.6))
    for bx, w in ((1100, 18), (1200, 24), (1330, 16), (1390, 20)):
        s.rect(bx, 120, w, 380, fill=PAPER)
        for k in range(6):
            s.rect(bx, 150 + k * 55, w * 0.6, 8, fill=BLACK)
    snow(s, 1050, 120, 380, 380, n=90, r=3, seed=4)
    s.rect(1050, 440, 380, 60, fill=PAPER)
    window_frame(s, 1050, 120, 380, 380, frame=BLACK, bars=1, sw=16)
    # Lamp on the table, and its glow.
    glow(s, "lamp", 640, 470, 560, ink(0, 0.15), 0.95)
    s.path("M 250 560 L 1100 560 L 1180 680 L 170 680 Z", fill=ink(0.15, 0.2))
    s.rect(170, 680, 1010, 24, fill=BLACK)
    for lx in (200, 1130):
        s.rect(lx, 700, 26, 200, fill=BLACK)
    s.path("M 610 560 L 670 560 L 660 530 L 650 470 Q 680 430 650 400 L 630 400 Q 600 430 630 470 "
           "L 620 530 Z", fill=BLACK)
    s.path("M 628 400 Q 640 330 652 400 Z", fill=PAPER)
    s.path("M 590 330 L 690 330 L 670 300 L 610 300 Z", fill=ink(0.1, 0.7), opacity=0.9)
    # Papers, a map, a teapot, a cap on the table.
    for k, (x, a) in enumerate(((340, -8), (440, 6), (760, -3), (880, 12))):
        paper_sheet(s, x, 590, 120, 70, angle=a, lines=5)
    s.path("M 1000 600 Q 1010 570 1040 570 Q 1070 570 1080 600 Z", fill=BLACK)
    s.path("M 975 605 L 1100 605 Q 1090 590 1080 600 L 1000 600 Q 990 590 975 605 Z", fill=BLACK)
    # A bald man writing under the lamp; another, bearded, leaning on the chair.
    s.path("M 380 560 L 392 460 Q 450 420 510 460 L 520 560 Z", fill=BLACK)
    s.ellipse(452, 420, 36, 42, fill=BLACK)
    s.path("M 425 448 Q 452 478 478 448 L 468 470 Q 452 484 436 470 Z", fill=BLACK)
    s.line(500, 520, 560, 590, stroke=BLACK, sw=14)
    figure(s, 860, 600, 300, kind="delegate", hat="bare", facing=-1, arms="hip")
    chair(s, 960, 820, 240, fill=BLACK, facing=-1)
    s.line(1510, 180, 1510, 260, stroke=BLACK, sw=6)
    s.path("M 1470 260 L 1550 260 L 1560 500 L 1460 500 Z", fill=BLACK)
    s.path("M 1475 250 Q 1510 220 1545 250 L 1560 262 L 1475 262 Z", fill=BLACK)
    return s


@scene("places/fofanova_flat")
def fofanova_flat() -> Svg:
    s = Svg(title="Fofanova's flat",
            desc="The last hiding place on Serdobolskaya Street: a desk by the window, newspapers, "
                 "a wig and a bandage laid out for the journey.")
    s.rect(0, 0, W, H, fill=ink(0.35, 0.2))
    flor = s.define("floral", '<pattern id="floral" width="70" height="70" patternUnits="userSpaceOnUse">'
                    f'<rect width="70" height="70" fill="{ink(0.35, 0.2)}"/>'
                    f'<circle cx="35" cy="35" r="9" fill="{ink(0.5, 0.3)}"/>'
                    f'<circle cx="0" cy="0" r="6" fill="{ink(0.5, 0.3)}"/>'
                    f'<circle cx="70" cy="70" r="6" fill="{ink(0.5, 0.3)}"/></pattern>')
    s.rect(0, 0, W, 620, fill=flor)
    s.rect(0, 620, W, 280, fill=ink(0.65, 0.2))
    # Tall window: the Vyborg side at night, chimneys, a red glow.
    s.rect(520, 70, 560, 520, fill=ink(0.9))
    g = s.lingrad("night", [(0, ink(0.95)), (0.7, ink(0.5, 0.8)), (1, ink(0.3, 0.9))])
    s.rect(520, 70, 560, 520, fill=g)
    for x, h in ((570, 200), (700, 260), (930, 230), (1020, 180)):
        s.rect(x, 590 - h, 26, h, fill=BLACK)
    s.rect(520, 480, 560, 110, fill=BLACK)
    windows(s, 540, 500, 14, 2, 14, 18, 38, 40, ink(0.9), lit=ink(0, 0.5), lit_ratio=0.4, seed=5)
    window_frame(s, 520, 70, 560, 520, frame=ink(0.05), bars=2, sw=16)
    s.path("M 480 40 Q 540 300 490 640 L 430 640 L 440 40 Z M 1120 40 Q 1060 300 1110 640 L 1170 640 "
           "L 1160 40 Z", fill=ink(0.3, 0.8))
    s.rect(420, 30, 760, 20, fill=BLACK)
    # Desk with a green-shaded lamp (red in our print), newspapers, the wig and bandage.
    glow(s, "desk", 1260, 560, 420, ink(0, 0.1), 0.9)
    s.rect(300, 640, 1000, 28, fill=BLACK)
    s.rect(330, 668, 30, 232, fill=BLACK)
    s.rect(1240, 668, 30, 232, fill=BLACK)
    s.rect(1000, 668, 260, 160, fill=BLACK)
    s.line(1240, 640, 1240, 520, stroke=BLACK, sw=8)
    s.path("M 1170 530 L 1310 530 L 1280 480 L 1200 480 Z", fill=RED)
    s.ellipse(1240, 642, 40, 8, fill=BLACK)
    for k, (x, a) in enumerate(((380, -6), (520, 4), (660, -10), (820, 8))):
        s.add(f'<g transform="rotate({a} {x + 80} 620)">')
        s.rect(x, 590, 160, 52, fill=PAPER, stroke=ink(0.5), sw=2)
        s.rect(x + 10, 598, 140, 10, fill=BLACK)
        for ln in range(3):
            s.rect(x + 10, 614 + ln * 8, 140, 3, fill=ink(0.5))
        s.add("</g>")
    s.path("M 960 620 Q 970 580 1010 575 Q 1060 575 1070 620 Q 1040 605 1010 610 Q 980 606 960 620 Z",
           fill=ink(0.75, 0.3))
    s.path("M 900 632 Q 930 610 960 632 Q 930 640 900 632 Z", fill=PAPER)
    s.text(480, 612, "РАБОЧІЙ ПУТЬ", size=13, fill=PAPER, weight="bold",
           extra='transform="rotate(4 600 620)"')
    # Coat and worker's cap on a hook by the door; a chair.
    s.rect(140, 120, 16, 16, fill=BLACK)
    s.path("M 100 140 L 196 140 L 230 600 L 70 600 Z", fill=BLACK)
    s.path("M 115 125 Q 148 95 182 125 L 200 132 L 115 134 Z", fill=BLACK)
    chair(s, 700, 900, 300, fill=BLACK, facing=1)
    return s


# --- Scenes requested by the story writers (assets/art/REQUESTS.txt) -----------------------

def horse_and_rider(s: Svg, x: float, base: float, h: float, *, facing: int = 1,
                    color: str = BLACK, rider: str = "cadet", seed: int = 0) -> None:
    """A mounted patrol: horse in profile (height to withers = h) with a rider, rifle slung."""
    u = h / 100
    tr = f"translate({f1(x)} {f1(base)}) scale({f1(u * facing)} {f1(u)})"
    d = (
        "M -46 -72 C -48 -92 -20 -90 10 -90 C 30 -90 40 -88 46 -82 L 58 -118 L 64 -124 L 70 -122 "
        "L 88 -100 L 86 -94 L 76 -96 L 66 -104 L 54 -74 C 52 -62 44 -56 30 -56 L -30 -56 "
        "C -40 -56 -46 -62 -46 -72 Z "
        # legs
        "M 30 -58 L 36 -58 L 38 -4 L 42 0 L 33 0 L 31 -4 Z "
        "M 40 -60 L 46 -60 L 50 -30 L 46 -4 L 50 0 L 41 0 L 41 -4 L 44 -30 Z "
        "M -36 -60 L -26 -60 L -30 -32 L -26 -4 L -22 0 L -31 0 L -32 -4 L -37 -32 Z "
        "M -44 -62 L -36 -62 L -42 -30 L -40 -4 L -36 0 L -45 0 L -46 -4 L -48 -30 Z "
        # ears and mane
        "M 62 -122 L 60 -132 L 66 -124 Z "
        # tail
        "M -44 -82 C -60 -78 -62 -50 -56 -36 L -52 -36 C -54 -54 -50 -70 -42 -76 Z "
        # rider: thigh, boot, torso, arms, head and cap
        "M -8 -92 L 14 -92 L 18 -70 L 12 -50 L 6 -50 L 8 -70 Z "
        "M 4 -52 L 16 -52 L 16 -46 L 2 -46 Z "
        "M -10 -90 L 12 -90 L 14 -132 Q 2 -138 -10 -132 Z "
        "M 10 -128 L 30 -108 L 44 -104 L 44 -100 L 28 -102 L 6 -118 Z "
        "M -6 -136 a 7 8 0 1 0 14 0 a 7 8 0 1 0 -14 0 Z "
        "M -7 -141 L -9 -148 Q 1 -150 11 -148 L 9 -141 Z M 7 -142 L 15 -140 L 7 -139 Z "
    )
    s.add(f'<g transform="{tr}">')
    s.path(d, fill=color)
    s.path("M 48 -96 L 86 -98", fill=None, stroke=color, sw=1)
    # slung rifle with bayonet
    s.path("M -16 -100 L 6 -160", fill=None, stroke=color, sw=2.5)
    s.path("M 6 -160 L 10 -176", fill=None, stroke=color, sw=0.9)
    s.add("</g>")


@scene("places/shpalernaya_patrol")
def shpalernaya_patrol() -> Svg:
    s = Svg(title="The patrol on Shpalernaya",
            desc="Night at the foot of Shpalernaya Street, 24 October: a mounted patrol of young "
                 "cadets under a street lamp; a man with a bandaged jaw and battered cap beside "
                 "a companion.")
    night_sky(s, "sky", top=0.96, mid=0.9, low=0.75, glow=0.35, horizon=0.5)
    # The street: dark houses, one lamp pooling light on the setts.
    s.path("M 0 0 L 520 0 L 520 560 L 0 640 Z", fill=BLACK)
    windows(s, 40, 80, 6, 5, 40, 60, 80, 100, ink(0.8), lit=ink(0, 0.45), lit_ratio=0.15, seed=4)
    s.path("M 1600 0 L 1180 0 L 1180 560 L 1600 640 Z", fill=BLACK)
    windows(s, 1210, 80, 5, 5, 40, 60, 80, 100, ink(0.8), lit=ink(0, 0.45), lit_ratio=0.1, seed=5)
    s.rect(520, 380, 660, 180, fill=ink(0.9))
    smolny_cathedral(s, 850, 560, 0.55, fill=ink(0.8, 0.3))
    g = s.lingrad("road", [(0, ink(0.85)), (1, ink(0.6))])
    s.rect(0, 560, W, 340, fill=g)
    glow(s, "pool", 820, 760, 520, ink(0, 0.15), 0.95)
    cobbles(s, 580, 900, BLACK, seed=12, opacity=0.3)
    lamp_post(s, 820, 790, 520, fill=BLACK, glow=ink(0, 0.1), seed=31)
    # The patrol: three mounted cadets.
    horse_and_rider(s, 430, 800, 230, facing=1, seed=1)
    horse_and_rider(s, 1130, 790, 220, facing=-1, seed=2)
    horse_and_rider(s, 1330, 700, 140, facing=-1, seed=3)
    # The two walkers in the light: a bandaged jaw, a battered cap.
    figure(s, 760, 880, 300, kind="worker", hat="kepka", facing=1, arms="pocket", stride=0.4)
    s.path("M 742 -5 Q 760 0 778 -5", fill=None, stroke=PAPER, sw=1)
    jx, jy, k = 760, 880, 3.0
    s.path(f"M {f1(jx - 6 * k)} {f1(jy - 92 * k)} Q {f1(jx)} {f1(jy - 80 * k)} {f1(jx + 7 * k)} {f1(jy - 92 * k)} "
           f"L {f1(jx + 6.5 * k)} {f1(jy - 86 * k)} Q {f1(jx)} {f1(jy - 78 * k)} {f1(jx - 6.5 * k)} {f1(jy - 86 * k)} Z",
           fill=PAPER)
    s.path(f"M {f1(jx - 6 * k)} {f1(jy - 90 * k)} Q {f1(jx - 3 * k)} {f1(jy - 99 * k)} {f1(jx)} {f1(jy - 101 * k)}",
           fill=None, stroke=PAPER, sw=8)
    figure(s, 900, 880, 290, kind="worker", hat="cap", facing=-1, arms="pocket", stride=0.3)
    return s


@scene("places/vyborg_flat")
def vyborg_flat() -> Svg:
    s = Svg(title="A flat on the Vyborg side",
            desc="A bare, nondescript flat: a table, four chairs, grey washing in the yard "
                 "outside; three military men in greatcoats facing a clean-shaven civilian.")
    s.rect(0, 0, W, H, fill=ink(0.3, 0.1))
    s.rect(0, 0, W, 600, fill=ink(0.22, 0.08))
    s.rect(0, 600, W, 300, fill=ink(0.6, 0.12))
    for x in range(0, W, 90):
        s.line(x, 600, x * 1.3 - 240, 900, stroke=ink(0.75, 0.1), sw=3)
    # Window onto the yard: a grey wall, washing on a line.
    s.rect(560, 90, 480, 400, fill=ink(0.45))
    s.rect(560, 90, 480, 150, fill=ink(0.2))
    windows(s, 600, 260, 5, 2, 40, 60, 90, 110, ink(0.7), seed=8)
    s.path("M 560 200 Q 800 240 1040 196", fill=None, stroke=BLACK, sw=3)
    for k, x in enumerate((600, 690, 800, 900, 970)):
        y = 200 + 40 * math.sin((x - 560) / 480 * math.pi) * 0.9
        w = (60, 44, 70, 50, 40)[k]
        s.path(f"M {x} {f1(y)} L {x + w} {f1(y + 2)} L {x + w - 4} {f1(y + 90 - k * 6)} L {x + 4} {f1(y + 84)} Z",
               fill=ink(0.12))
    window_frame(s, 560, 90, 480, 400, frame=BLACK, bars=1, sw=16)
    # Bare bulb.
    s.line(800, 0, 800, 120, stroke=BLACK, sw=3)
    glow(s, "bulb", 800, 130, 420, ink(0, 0.08), 0.85)
    s.circle(800, 130, 12, fill=PAPER)
    # Table and four chairs.
    s.path("M 460 600 L 1140 600 L 1200 680 L 400 680 Z", fill=ink(0.7, 0.2))
    s.rect(400, 680, 800, 20, fill=BLACK)
    for lx in (420, 1160):
        s.rect(lx, 700, 22, 160, fill=BLACK)
    chair(s, 350, 860, 250, fill=BLACK, facing=1)
    chair(s, 1250, 860, 250, fill=BLACK, facing=-1)
    chair(s, 560, 600, 130, fill=ink(0.85), facing=1)
    chair(s, 1040, 600, 130, fill=ink(0.85), facing=-1)
    paper_sheet(s, 700, 620, 140, 44, angle=-4, lines=3)
    # Three officers in greatcoats on the left, the clean-shaven civilian on the right.
    figure(s, 170, 900, 430, kind="officer", facing=1, arms="down")
    figure(s, 330, 860, 390, kind="soldier", hat="cap", facing=1, rifle=None, arms="pocket")
    figure(s, 480, 830, 350, kind="officer", facing=1, arms="hip")
    figure(s, 1330, 900, 420, kind="gentleman", hat="bare", coat="frock", facing=-1, arms="hip")
    return s


@scene("places/smolny_room36")
def smolny_room36() -> Svg:
    s = Svg(title="Room 36, Smolny",
            desc="Midnight: smoke and lamplight, maps spread on a table, men bending over them, "
                 "a long strip of bandage unwound on a chair.")
    s.rect(0, 0, W, H, fill=ink(0.85, 0.15))
    glow(s, "lamp", 800, 420, 760, ink(0, 0.2), 0.95)
    # Lamp with a shade over the table.
    s.line(800, 0, 800, 200, stroke=BLACK, sw=4)
    s.path("M 680 270 Q 800 170 920 270 Z", fill=BLACK)
    s.ellipse(800, 272, 120, 12, fill=PAPER)
    # Two men standing behind the table, their legs hidden by it.
    figure(s, 800, 700, 280, kind="delegate", hat="bare", facing=1, arms="hip")
    figure(s, 1020, 690, 250, kind="sailor", facing=-1, arms="paper")
    # Table covered in maps of the city.
    s.path("M 260 560 L 1340 560 L 1480 720 L 120 720 Z", fill=ink(0.1))
    s.rect(120, 720, 1360, 26, fill=BLACK)
    for (x, y, w, h, a) in ((380, 580, 380, 120, -4), (740, 575, 420, 130, 3), (600, 640, 300, 70, -8)):
        s.add(f'<g transform="rotate({a} {x + w / 2} {y + h / 2})">')
        s.rect(x, y, w, h, fill=PAPER, stroke=BLACK, sw=2)
        s.path(f"M {x} {y + h * 0.5} C {x + w * 0.3} {y + h * 0.4} {x + w * 0.6} {y + h * 0.7} {x + w} {y + h * 0.45}",
               fill=None, stroke=ink(0.5), sw=h * 0.15)
        for k in range(4):
            s.circle(x + w * (0.2 + k * 0.2), y + h * (0.3 + (k % 2) * 0.4), 7, fill=RED)
        s.add("</g>")
    # Men bending over the maps: faces lit from the lamp above, a finger on the map.
    _leaning_over(s, 300, 770, 1.0, facing=1, beard=True)
    _leaning_over(s, 1290, 770, 1.0, facing=-1, hat="cap")
    # The chair with the unwound bandage.
    chair(s, 1320, 880, 300, fill=BLACK, facing=-1)
    s.path("M 1290 740 C 1250 760 1260 820 1210 840 C 1160 860 1180 900 1140 910", fill=None,
           stroke=PAPER, sw=16)
    s.path("M 1290 730 C 1320 700 1300 680 1270 690", fill=None, stroke=PAPER, sw=16)
    smoke(s, 500, 520, 500, 420, ink(0.05, 0.1), seed=36, opacity=0.3, lean=0.6)
    smoke(s, 1100, 520, 400, 420, ink(0.05, 0.1), seed=37, opacity=0.25, lean=-0.4)
    return s


@scene("places/ministers_office")
def ministers_office() -> Svg:
    s = Svg(title="The ministers' last room",
            desc="2 a.m., 26 October: a second-floor office on the inner courtyard; armchairs and "
                 "divans, a table of crossed-out drafts, men in suits, a telephone on a side table.")
    s.rect(0, 0, W, H, fill=ink(0.45, 0.35))
    s.rect(0, 0, W, 560, fill=ink(0.35, 0.4))
    for x in range(0, W, 200):
        s.rect(x + 20, 40, 160, 480, fill=None, stroke=ink(0.55, 0.4), sw=6)
    s.rect(0, 560, W, 340, fill=ink(0.6, 0.35))
    # Window on the dark inner courtyard.
    s.rect(1120, 90, 300, 400, fill=ink(0.95))
    windows(s, 1140, 120, 4, 3, 40, 60, 70, 120, ink(0.8), lit=ink(0, 0.4), lit_ratio=0.15, seed=9)
    window_frame(s, 1120, 90, 300, 400, frame=ink(0.1, 0.4), bars=2, sw=14)
    glow(s, "lamp", 640, 380, 620, ink(0, 0.2), 0.9)
    s.line(640, 0, 640, 120, stroke=BLACK, sw=3)
    chandelier(s, 640, 120, 80, fill=BLACK, flame=PAPER, seed=8)
    # Divan and armchairs.
    s.path("M 60 700 L 60 560 Q 260 520 460 560 L 460 700 Z", fill=ink(0.25, 0.8))
    s.path("M 40 700 L 480 700 L 470 760 L 50 760 Z", fill=ink(0.25, 0.8))
    s.path("M 1220 720 L 1220 600 Q 1320 560 1420 600 L 1420 720 Z", fill=ink(0.25, 0.8))
    s.path("M 1200 720 L 1440 720 L 1430 780 L 1210 780 Z", fill=ink(0.25, 0.8))
    # Side table with the telephone.
    s.rect(1000, 560, 140, 14, fill=BLACK)
    s.rect(1060, 574, 16, 120, fill=BLACK)
    telephone(s, 1070, 560, 110, fill=BLACK)
    # The table of drafts.
    s.path("M 400 640 L 1000 640 L 1060 720 L 340 720 Z", fill=ink(0.1, 0.6))
    s.rect(340, 720, 720, 18, fill=BLACK)
    rnd = random.Random(26)
    for _ in range(12):
        x = rnd.uniform(400, 960)
        y = rnd.uniform(650, 700)
        a = rnd.uniform(-25, 25)
        s.add(f'<g transform="rotate({f1(a)} {f1(x + 45)} {f1(y + 30)})">')
        s.rect(x, y, 90, 60, fill=PAPER, stroke=ink(0.4), sw=1.5)
        for k in range(4):
            s.line(x + 10, y + 12 + k * 12, x + 80, y + 12 + k * 12, stroke=ink(0.5), sw=2)
        s.line(x + 6, y + 50, x + 84, y + 8, stroke=BLACK, sw=2.5)
        s.add("</g>")
    # Men in suits, no overcoats: one pacing, one slumped, one at the window.
    figure(s, 250, 720, 240, kind="minister", facing=1, arms="down")
    figure(s, 1260, 640, 300, kind="minister", facing=-1, arms="pocket")
    figure(s, 700, 905, 420, kind="gentleman", hat="bare", coat="frock", facing=-1, arms="hip")
    _seated(s, 1320, 740, 170, fill=BLACK)
    _seated(s, 330, 720, 160, fill=BLACK)
    return s


@scene("places/fortress_clubroom")
def fortress_clubroom() -> Svg:
    s = Svg(title="The garrison club-room",
            desc="3 a.m., 26 October, in the Peter and Paul Fortress: a little table, a smoky "
                 "kerosene lamp with a blackened chimney, benches round the walls, tired men in "
                 "overcoats signing a paper.")
    s.rect(0, 0, W, H, fill=ink(0.9, 0.1))
    glow(s, "lamp", 800, 470, 640, ink(0.1, 0.5), 0.95)
    # Vaulted casemate ceiling and whitewashed walls in the lamplight.
    s.path("M 0 0 L 1600 0 L 1600 220 Q 800 -60 0 220 Z", fill=BLACK)
    # Benches round the walls with sleeping men.
    s.rect(0, 620, W, 280, fill=ink(0.7, 0.2))
    s.rect(60, 560, 420, 24, fill=BLACK)
    s.rect(1120, 560, 420, 24, fill=BLACK)
    for x in (80, 460, 1140, 1520):
        s.rect(x, 584, 14, 70, fill=BLACK)
    _seated(s, 180, 570, 150, fill=BLACK, hat="cap")
    _seated(s, 340, 574, 140, fill=BLACK)
    _seated(s, 1300, 572, 150, fill=BLACK, hat="cap")
    # The little table, the paper, the lamp with its blackened chimney.
    s.path("M 600 640 L 1000 640 L 1030 690 L 570 690 Z", fill=ink(0.3, 0.5))
    s.rect(570, 690, 460, 18, fill=BLACK)
    s.rect(590, 708, 16, 180, fill=BLACK)
    s.rect(994, 708, 16, 180, fill=BLACK)
    paper_sheet(s, 720, 648, 150, 36, angle=-3, lines=3)
    lx, ly = 900, 650
    s.path(f"M {lx - 30} {ly} L {lx + 30} {ly} L {lx + 18} {ly - 30} Q {lx + 36} {ly - 60} {lx + 14} {ly - 80} "
           f"L {lx - 14} {ly - 80} Q {lx - 36} {ly - 60} {lx - 18} {ly - 30} Z", fill=BLACK)
    s.path(f"M {lx - 12} {ly - 80} Q {lx - 22} {ly - 120} {lx - 10} {ly - 170} L {lx + 10} {ly - 170} "
           f"Q {lx + 22} {ly - 120} {lx + 12} {ly - 80} Z", fill=ink(0.25, 0.6))
    s.path(f"M {lx - 10} {ly - 170} L {lx + 10} {ly - 170} L {lx + 9} {ly - 140} L {lx - 9} {ly - 140} Z", fill=BLACK)
    s.path(f"M {lx - 5} {ly - 95} Q {lx} {ly - 125} {lx + 5} {ly - 95} Z", fill=PAPER)
    smoke(s, lx, ly - 170, 200, 260, ink(0.6), seed=3, opacity=0.5, lean=0.4)
    # Tired men in overcoats bending to sign.
    figure(s, 560, 880, 330, kind="soldier", hat="cap", rifle=None, facing=1, arms="paper")
    figure(s, 1080, 880, 330, kind="minister", coat="overcoat", facing=-1, arms="down")
    figure(s, 1230, 905, 380, kind="sailor", facing=-1)
    _seated(s, 800, 905, 300, fill=BLACK)
    return s


# --- Lesnoi, for the Alexeeva and Kamenev roles ---------------------------------------------

def _on_the_floor(s: Svg, x: float, base: float, h: float, *, facing: int = 1, fill: str = BLACK,
                  hat: str | None = None) -> None:
    """A man sitting on the floor with his back to the wall and his knees drawn up, arms on them."""
    u, f = h / 100, facing
    s.path(f"M {f1(x - 14 * u * f)} {f1(base)} L {f1(x - 16 * u * f)} {f1(base - 52 * u)} "
           f"Q {f1(x - 4 * u * f)} {f1(base - 64 * u)} {f1(x + 12 * u * f)} {f1(base - 54 * u)} "
           f"L {f1(x + 36 * u * f)} {f1(base - 58 * u)} L {f1(x + 56 * u * f)} {f1(base - 8 * u)} "
           f"L {f1(x + 66 * u * f)} {f1(base)} Z", fill=fill)
    s.ellipse(x - 2 * u * f, base - 72 * u, 11 * u, 13 * u, fill=fill)
    s.line(x + 4 * u * f, base - 44 * u, x + 34 * u * f, base - 50 * u, stroke=ink(0.55, 0.2), sw=3 * u)   # the forearm on the knees
    if hat == "kepka":
        s.path(f"M {f1(x - 14 * u)} {f1(base - 76 * u)} Q {f1(x)} {f1(base - 92 * u)} {f1(x + 14 * u)} {f1(base - 76 * u)} "
               f"L {f1(x + 22 * u * f)} {f1(base - 74 * u)} Z", fill=fill)


def _draped_coat(s: Svg, x: float, base: float, h: float, *, seed: int, steam: bool = True) -> None:
    """A chair with a wet overcoat hung over its back, steaming in the warm room."""
    u = h / 100
    chair(s, x, base, h, fill=BLACK, facing=1)
    s.path(f"M {f1(x - 8 * u)} {f1(base - 100 * u)} Q {f1(x + 4 * u)} {f1(base - 108 * u)} {f1(x + 14 * u)} {f1(base - 98 * u)} "
           f"L {f1(x + 20 * u)} {f1(base - 30 * u)} L {f1(x - 16 * u)} {f1(base - 24 * u)} Z", fill=ink(0.75, 0.15))
    for k in range(3):
        s.line(x - 10 * u + k * 10 * u, base - 92 * u, x - 12 * u + k * 12 * u, base - 28 * u, stroke=BLACK, sw=2)
    if steam:
        rnd = random.Random(seed)
        for k in range(3):
            x0 = x + rnd.uniform(-10, 14) * u
            s.path(f"M {f1(x0)} {f1(base - 110 * u)} q {f1(8 * u)} {f1(-12 * u)} 0 {f1(-24 * u)} "
                   f"q {f1(-8 * u)} {f1(-12 * u)} 0 {f1(-24 * u)}", fill=None, stroke=PAPER, sw=3, opacity=0.7)


def _saucer(s: Svg, x: float, y: float, ends: int, seed: int) -> None:
    """A saucer used as an ashtray, heaped with cigarette ends (papirosy)."""
    s.ellipse(x, y, 34, 10, fill=PAPER, stroke=BLACK, sw=3)
    rnd = random.Random(seed)
    for _ in range(ends):
        cx, cy = x + rnd.uniform(-20, 20), y + rnd.uniform(-5, 3)
        a = rnd.uniform(-40, 40)
        s.rect(cx - 9, cy - 2, 18, 4, fill=BLACK, extra=f'transform="rotate({f1(a)} {f1(cx)} {f1(cy)})"')


@scene("places/lesnoi_duma_room")
def lesnoi_duma_room() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="The meeting room, Lesnoi", focus=(0.33, 0.5),
            desc="The meeting room of the Lesnoi district Duma on the night of 16 October: too few "
                 "chairs, men on the floor against the wall with their knees up, wet coats steaming on "
                 "the chair backs, a kettle, saucers for ashtrays, a lamp, the curtains drawn, and the pale "
                 "patch where the Tsar's portrait hung.")
    # Painted plaster over a dark dado; the floor boards.
    s.rect(0, 0, W, H, fill=ink(0.42, 0.22))
    s.rect(0, 470, W, 150, fill=ink(0.62, 0.25))
    s.line(0, 470, W, 470, stroke=BLACK, sw=8)
    for x in range(0, W, 60):
        s.line(x, 474, x, 620, stroke=ink(0.75, 0.25), sw=3)
    s.rect(0, 620, W, 280, fill=ink(0.7, 0.2))
    for x in range(-400, W + 400, 110):
        s.line(800 + (x - 800) * 0.35, 620, x, 900, stroke=ink(0.85, 0.2), sw=3)
    # The pale patch where the Tsar hung, and the nail left in the wall.
    s.rect(250, 120, 230, 290, fill=ink(0.18, 0.1))
    s.rect(250, 120, 230, 290, fill=None, stroke=ink(0.55, 0.22), sw=6, opacity=0.7)
    s.circle(365, 104, 6, fill=BLACK)
    s.path("M 365 104 L 300 122 M 365 104 L 430 122", fill=None, stroke=ink(0.5, 0.2), sw=2)
    # The curtained window.
    s.rect(1150, 90, 300, 360, fill=ink(0.95))
    s.rect(1294, 90, 12, 360, fill=ink(0.6, 0.1))
    for side, x0 in ((-1, 1150), (1, 1450)):
        d = (f"M {x0 - side * 30} 70 L {x0 + side * -150 if side < 0 else x0 - 150} 70 "
             if False else "")
        cx = 1300 - side * 8
        s.path(f"M {x0 + side * 40} 64 L {cx} 64 Q {cx - side * 30} 260 {cx - side * 10} 470 L {x0 + side * 40} 470 Z",
               fill=ink(0.55, 0.75))
        for k in range(5):
            xx = cx + (x0 + side * 40 - cx) * (k + 0.5) / 5
            s.line(xx, 70, xx - side * 10, 466, stroke=ink(0.8, 0.6), sw=5)
    s.rect(1100, 56, 400, 14, fill=BLACK)
    # The lamp and its glow.
    glow(s, "lamp", 760, 470, 620, ink(0, 0.2), 0.95)
    # The table: a cloth, the kettle, glasses, saucers heaped with ends, papers.
    s.path("M 520 560 L 1040 560 L 1100 640 L 460 640 Z", fill=ink(0.2, 0.35))
    s.rect(460, 640, 640, 20, fill=BLACK)
    for lx in (480, 1060):
        s.rect(lx, 660, 22, 170, fill=BLACK)
    s.path("M 735 560 L 785 560 L 776 536 L 770 500 Q 792 476 770 456 L 750 456 Q 728 476 750 500 L 744 536 Z",
           fill=BLACK)
    s.path("M 748 456 Q 746 420 752 404 L 768 404 Q 774 420 772 456 Z", fill=PAPER)      # the chimney, lit
    s.path("M 716 462 L 804 462 L 784 430 L 736 430 Z", fill=ink(0.1, 0.7), opacity=0.9)  # the shade
    s.path("M 880 600 Q 880 560 920 556 Q 960 560 960 600 Z", fill=BLACK)               # the kettle
    s.path("M 958 580 Q 990 570 1000 548 L 1006 552 Q 996 580 960 592 Z", fill=BLACK)
    s.path("M 895 560 Q 920 520 945 560", fill=None, stroke=BLACK, sw=6)
    for k, x in enumerate((560, 640, 1010)):
        _saucer(s, x, 600 + (k % 2) * 14, 6 + k * 2, seed=k)
    for x, a in ((600, -6), (800, 5)):
        paper_sheet(s, x, 572, 110, 50, angle=a, lines=4)
    # Chairs with wet coats steaming; men on them and on the floor along the wall.
    _draped_coat(s, 300, 860, 260, seed=1)
    _draped_coat(s, 1230, 880, 270, seed=2)
    _seated(s, 560, 640, 150, facing=1)
    _seated(s, 1000, 640, 150, facing=-1, hat="cap")
    for k, (x, h, f, hat) in enumerate(((60, 200, 1, "kepka"), (170, 190, 1, None), (1420, 210, -1, "kepka"),
                                        (1530, 190, -1, None))):
        _on_the_floor(s, x, 700 + k % 2 * 6, h, facing=f, hat=hat)
    figure(s, 700, 900, 380, kind="worker", facing=1, arms="pocket")
    figure(s, 900, 905, 400, kind="gentleman", hat="bare", coat="overcoat", facing=-1, arms="hip")
    return s


@scene("places/lesnoi_duma_exterior")
def lesnoi_duma_exterior() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="The Lesnoi district Duma", focus=(0.55, 0.5),
            desc="A plain two-storey district building at night in the first wet snow, seen from the "
                 "lane: a porch on the street, a lit side door, a woodpile by the yard gate, birches, "
                 "one street lamp, and a Saint Bernard's kennel behind the neighbour's fence.")
    night_sky(s, "sky", top=0.9, mid=0.72, low=0.5, glow=0.25, horizon=0.6)
    # Birches behind, white trunks with black marks.
    rnd = random.Random(17)
    for k in range(9):
        bx = rnd.uniform(-20, W)
        bw = rnd.uniform(10, 22)
        s.rect(bx, 80, bw, 520, fill=ink(0.12))
        for j in range(8):
            s.rect(bx, 100 + j * 60 + rnd.uniform(0, 30), bw * rnd.uniform(0.4, 0.9), 7, fill=ink(0.8))
        for j in range(4):
            yy = 110 + j * 70
            s.path(f"M {f1(bx + bw / 2)} {f1(yy + 40)} Q {f1(bx + bw / 2 + 60)} {f1(yy)} {f1(bx + bw / 2 + 110)} {f1(yy - 20)}",
                   fill=None, stroke=ink(0.7), sw=3)
            s.path(f"M {f1(bx + bw / 2)} {f1(yy + 60)} Q {f1(bx + bw / 2 - 60)} {f1(yy + 20)} {f1(bx + bw / 2 - 100)} {f1(yy)}",
                   fill=None, stroke=ink(0.7), sw=3)
    # The building: brick, two storeys, a hipped iron roof, a porch.
    s.path("M 380 260 L 1180 260 L 1130 180 L 430 180 Z", fill=ink(0.85))
    s.rect(380, 260, 800, 380, fill=ink(0.72, 0.35))
    for y in range(272, 640, 18):
        s.line(380, y, 1180, y, stroke=ink(0.85, 0.35), sw=2)
    s.rect(370, 430, 820, 14, fill=ink(0.85, 0.3))
    windows(s, 430, 300, 7, 1, 60, 90, 106, 0, ink(0.92), seed=3)
    windows(s, 430, 480, 7, 1, 60, 100, 106, 0, ink(0.92), seed=4)
    for k in range(7):
        s.rect(424 + k * 106, 292, 72, 8, fill=ink(0.9, 0.3))
        s.rect(424 + k * 106, 472, 72, 8, fill=ink(0.9, 0.3))
    s.rect(860, 480, 60, 100, fill=ink(0.1, 0.85))                  # one lit window, curtained
    s.path("M 860 480 L 886 480 Q 876 540 884 580 L 860 580 Z", fill=ink(0.4, 0.7))
    s.path("M 920 480 L 894 480 Q 904 540 896 580 L 920 580 Z", fill=ink(0.4, 0.7))
    s.text(780, 420, "ЛѢСНАЯ РАЙОННАЯ ДУМА", size=26, fill=ink(0.15, 0.2), weight="bold", anchor="middle",
           spacing=4)
    # The porch on the street, and the side door lit at the right.
    s.path("M 520 560 L 610 500 L 700 560 Z", fill=BLACK)                                # the porch roof
    for px in (532, 678):
        s.rect(px - 6, 560, 12, 70, fill=BLACK)
    s.rect(574, 540, 72, 100, fill=ink(0.88))                                           # the front door, shut
    s.line(610, 540, 610, 640, stroke=ink(0.6), sw=3)
    for k in range(3):
        s.rect(540 - k * 10, 630 + k * 8, 140 + k * 20, 8, fill=ink(0.3))                  # the steps
    s.rect(1180, 360, 160, 280, fill=ink(0.8, 0.3))                # the one-storey wing
    s.path("M 1170 360 L 1350 360 L 1330 320 L 1180 320 Z", fill=ink(0.9))
    glow(s, "door", 1262, 560, 240, ink(0, 0.6), 0.8)
    s.rect(1236, 500, 52, 140, fill=ink(0.05, 0.75))
    s.rect(1236, 500, 52, 140, fill=None, stroke=BLACK, sw=8)
    s.path("M 1236 640 L 1190 720 L 1340 720 L 1288 640 Z", fill=ink(0.05, 0.45), opacity=0.7)
    # The yard gate and the woodpile.
    s.rect(1340, 520, 200, 130, fill=BLACK)
    for x in range(1350, 1540, 20):
        s.line(x, 510, x, 650, stroke=ink(0.6), sw=6)
    logs(s, 240, 650, 160, 90, 14, seed=2, fill=BLACK, end=ink(0.25, 0.2))
    # The lane: slush, cart ruts, and the street lamp.
    s.rect(0, 640, W, 260, fill=ink(0.45, 0.05))
    for k in range(5):
        s.path(f"M {-100 + k * 30} {680 + k * 45} Q 800 {650 + k * 50} {W + 100} {700 + k * 40}", fill=None,
               stroke=ink(0.75), sw=5, opacity=0.7)
    s.rect(0, 640, W, 14, fill=ink(0.2))
    lamp_post(s, 150, 860, 430, fill=BLACK, glow=ink(0, 0.5), seed=1)
    glow(s, "pool", 170, 860, 200, ink(0, 0.35), 0.6)
    # The neighbour's fence, the kennel behind it and the big dog at the gap.
    for x in range(1540, W + 20, 26):
        s.rect(x - 30, 600, 18, 200, fill=BLACK)
    s.path("M 1440 760 L 1440 700 L 1480 670 L 1520 700 L 1520 760 Z", fill=BLACK)
    s.path("M 1466 760 L 1466 726 Q 1480 710 1494 726 L 1494 760 Z", fill=ink(0.35))
    s.path("M 1330 760 Q 1330 720 1370 716 L 1420 716 Q 1440 700 1456 712 Q 1470 722 1460 740 "
           "L 1448 760 L 1436 760 L 1434 744 L 1390 744 L 1384 760 L 1370 760 L 1366 744 Q 1346 744 1342 760 Z",
           fill=BLACK)
    s.path("M 1434 716 Q 1446 708 1454 716 L 1446 734 Z", fill=ink(0.3, 0.1))       # white blaze
    s.path("M 1330 730 Q 1310 716 1306 696", fill=None, stroke=BLACK, sw=8)
    # Two men in overcoats going in at the side door.
    figure(s, 1150, 740, 190, kind="gentleman", hat="fedora", coat="overcoat", facing=1, stride=0.5)
    figure(s, 1050, 760, 200, kind="worker", facing=1, stride=0.6)
    snow(s, 0, 0, W, H, n=420, r=3.2, seed=8)
    s.rect(0, 880, W, 20, fill=ink(0.1))
    return s


# --- The City Duma, for the duma and sailor roles --------------------------------------------

def _deputies(s: Svg, x0: float, x1: float, base: float, h: float, *, seed: int, sag: float = 0.0,
              fill: str = BLACK, shine: str = PAPER) -> None:
    """A bench of councillors seen from behind, in their overcoats: bald crowns, bowlers, parted
    hair, turned-up collars. `sag` curves the row like the tiers of a chamber."""
    rnd = random.Random(seed)
    step = h * 0.42
    x = x0
    d, shines = [], []
    while x < x1:
        cx = x + rnd.uniform(-step * 0.2, step * 0.2)
        hh = h * rnd.uniform(0.9, 1.08)
        b = base - sag * ((cx - 800) / 800) ** 2
        top = b - hh
        d.append(f"M {f1(cx - hh * 0.24)} {f1(b + 4)} L {f1(cx - hh * 0.22)} {f1(top + hh * 0.4)} "
                 f"Q {f1(cx)} {f1(top + hh * 0.3)} {f1(cx + hh * 0.22)} {f1(top + hh * 0.4)} L {f1(cx + hh * 0.24)} {f1(b + 4)} Z")
        d.append(f"M {f1(cx - hh * 0.09)} {f1(top + hh * 0.16)} a {f1(hh * 0.09)} {f1(hh * 0.11)} 0 1 0 {f1(hh * 0.18)} 0 "
                 f"a {f1(hh * 0.09)} {f1(hh * 0.11)} 0 1 0 {f1(-hh * 0.18)} 0 Z")
        kind = rnd.choice(("bald", "bowler", "hair", "hair", "collar"))
        if kind == "bowler":
            d.append(f"M {f1(cx - hh * 0.14)} {f1(top + hh * 0.1)} L {f1(cx + hh * 0.14)} {f1(top + hh * 0.1)} "
                     f"L {f1(cx + hh * 0.09)} {f1(top + hh * 0.07)} Q {f1(cx)} {f1(top - hh * 0.04)} {f1(cx - hh * 0.09)} "
                     f"{f1(top + hh * 0.07)} Z")
        elif kind == "bald":
            shines.append(f"M {f1(cx - hh * 0.04)} {f1(top + hh * 0.08)} q {f1(hh * 0.04)} {f1(-hh * 0.03)} {f1(hh * 0.08)} 0")
        elif kind == "collar":
            d.append(f"M {f1(cx - hh * 0.2)} {f1(top + hh * 0.42)} L {f1(cx - hh * 0.14)} {f1(top + hh * 0.2)} "
                     f"L {f1(cx + hh * 0.14)} {f1(top + hh * 0.2)} L {f1(cx + hh * 0.2)} {f1(top + hh * 0.42)} Z")
        x += step
    s.path(" ".join(d), fill=fill, stroke=ink(0.45, 0.5), sw=max(1.5, h * 0.015))   # lamplight on the edges
    if shines:
        s.path(" ".join(shines), fill=None, stroke=shine, sw=max(1.5, h * 0.02))


@scene("places/duma_chamber")
def duma_chamber() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="The council chamber of the City Duma", focus=(0.6, 0.5),
            desc="The council chamber of the Petrograd City Duma at night: chandeliers, tiers of "
                 "deputies in their overcoats, the public packed in the gallery, and a speaker at the "
                 "tribune holding a telephone receiver whose cord runs out through a door.")
    s.rect(0, 0, W, H, fill=ink(0.5, 0.25))
    # The far wall: tall dark windows between pilasters, the gallery above, the presidium below.
    s.rect(240, 120, 1120, 470, fill=ink(0.28, 0.12))
    for k in range(5):
        x = 330 + k * 230
        s.path(f"M {x} 470 L {x} 330 Q {x + 55} 270 {x + 110} 330 L {x + 110} 470 Z", fill=ink(0.85))
        s.line(x + 55, 300, x + 55, 470, stroke=ink(0.5, 0.1), sw=5)
        s.rect(x - 52, 250, 26, 340, fill=ink(0.4, 0.15))
    s.rect(240, 120, 1120, 130, fill=ink(0.5, 0.2))                    # the public gallery
    bust_crowd(s, 250, 1350, 236, 70, seed=31, bayonets=0.05,
               kinds=("worker", "soldier", "redguard", "worker", "sailor", "gentleman"))
    s.rect(240, 230, 1120, 26, fill=ink(0.7, 0.3))
    for x in range(250, 1360, 34):
        s.rect(x, 236, 10, 20, fill=ink(0.35, 0.15))                    # the balusters
    # The presidium under a red cloth, the white-bearded mayor's empty chair, the clock.
    s.rect(480, 480, 640, 80, fill=RED)
    s.rect(480, 480, 640, 10, fill=ink(0.6, 1))
    s.path("M 780 480 L 780 400 Q 800 384 820 400 L 820 480 Z", fill=ink(0.8, 0.4))
    s.circle(800, 290, 26, fill=PAPER, stroke=BLACK, sw=6)
    s.line(800, 290, 800, 272, stroke=BLACK, sw=4)
    s.line(800, 290, 812, 296, stroke=BLACK, sw=4)
    for x in (560, 640, 960, 1040):
        _seated(s, x, 500, 70, fill=ink(0.85))
    # The door on the right, ajar, with the corridor's light, and the tribune in front of the table.
    glow(s, "door", 1300, 460, 200, ink(0, 0.5), 0.7)
    s.rect(1260, 340, 90, 250, fill=ink(0.05, 0.6))
    s.path("M 1350 340 L 1400 320 L 1400 610 L 1350 590 Z", fill=ink(0.9))
    s.path("M 700 600 L 900 600 L 880 500 L 720 500 Z", fill=ink(0.9, 0.2))
    s.rect(700, 500, 200, 14, fill=BLACK)
    # the speaker: one hand on the rail, the receiver at his ear, the cord slack to the door
    s.path("M 760 500 L 764 440 Q 800 420 836 440 L 840 500 Z", fill=BLACK)
    s.ellipse(800, 410, 20, 24, fill=BLACK)
    s.path("M 830 448 L 846 420 L 830 398 L 820 402 L 832 422 L 822 440 Z", fill=BLACK)
    s.path("M 822 398 L 836 388 L 842 396 L 832 422 L 826 420 Z", fill=BLACK)        # the receiver
    s.path("M 844 418 Q 900 470 960 520 Q 1060 610 1160 560 Q 1220 520 1262 540", fill=None, stroke=BLACK, sw=4)
    s.path("M 844 418 Q 900 470 960 520 Q 1060 610 1160 560 Q 1220 520 1262 540", fill=None, stroke=PAPER, sw=1.2,
           opacity=0.6)
    # Chandeliers lit, smoke under the ceiling.
    for x, y, sz in ((420, 20, 110), (800, 0, 140), (1180, 20, 110)):
        chandelier(s, x, y, sz, fill=ink(0.8), flame=PAPER, glow=ink(0, 0.12), seed=x)
    smoke(s, 300, 120, 1000, 200, PAPER, seed=9, opacity=0.14, lean=0.3)
    # The tiers of deputies, backs to us, rising towards the sides.
    s.rect(0, 590, W, 310, fill=ink(0.4, 0.25))
    for k, (base, h, sag) in enumerate(((650, 70, 30), (735, 95, 50), (835, 130, 70), (960, 180, 100))):
        _deputies(s, -40, W + 40, base, h, seed=k + 3, sag=sag, fill=BLACK)
        # the back of the bench in front of them, its rail catching the light
        s.path(f"M 0 {base - sag} Q 800 {base + sag} {W} {base - sag} L {W} {base - sag + h * 0.2} "
               f"Q 800 {base + sag + h * 0.2} 0 {base - sag + h * 0.2} Z", fill=ink(0.7, 0.45))
        s.path(f"M 0 {base - sag} Q 800 {base + sag} {W} {base - sag}", fill=None, stroke=ink(0.1, 0.5), sw=3)
    return s


@scene("places/kazan_cordon")
def kazan_cordon() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="The cordon at Kazan Square", focus=(0.38, 0.5),
            desc="Kazan Square at midnight in cold rain: the curved colonnade of the Kazan Cathedral, "
                 "the bridge over the Ekaterina Canal under an arc-light, a line of Baltic sailors with "
                 "rifles across the Nevsky; an old man on a packing case waving an umbrella, a lantern "
                 "held up below him, and the column four abreast with umbrellas and parcels.")
    night_sky(s, "sky", top=0.96, mid=0.75, low=0.3, glow=0.7, horizon=0.6)
    # The cathedral: its dome and cross over the colonnade, the colonnade curving towards us.
    s.path("M 250 300 Q 250 170 360 150 Q 470 170 470 300 Z", fill=ink(0.7, 0.2))
    s.rect(330, 96, 60, 56, fill=ink(0.7, 0.2))
    s.line(360, 40, 360, 100, stroke=ink(0.7, 0.2), sw=6)
    s.line(344, 60, 376, 60, stroke=ink(0.7, 0.2), sw=5)
    s.rect(250, 300, 220, 240, fill=ink(0.62, 0.25))
    s.path("M 230 300 L 360 240 L 490 300 Z", fill=ink(0.62, 0.25))                     # the portico's pediment
    for i in range(16):                                                          # the colonnade's columns
        t = i / 15
        x = lerp(560, 40, t) + 60 * math.sin(t * math.pi)
        top = lerp(330, 250, t)
        base = lerp(560, 640, t)
        w = lerp(12, 30, t)
        s.rect(x - w / 2, top, w, base - top, fill=ink(0.62, 0.25))
    s.path("M 0 226 L 560 318 L 560 334 L 0 262 Z", fill=ink(0.62, 0.25))            # the colonnade's attic
    # Across the street, the Nevsky's houses with a few lit windows, the Duma's tower far up the avenue.
    s.rect(1000, 270, 600, 300, fill=ink(0.85))
    windows(s, 1030, 300, 9, 3, 30, 44, 64, 80, ink(0.95), lit=ink(0, 0.45), lit_ratio=0.2, seed=12)
    s.rect(1230, 150, 44, 130, fill=ink(0.9))
    s.path("M 1224 150 L 1252 110 L 1280 150 Z", fill=ink(0.9))
    s.rect(1240, 170, 24, 20, fill=ink(0, 0.55))
    # The street, wet, reflecting the arc-light.
    road = s.lingrad("road", [(0, ink(0.55, 0.25)), (1, ink(0.3, 0.15))])
    s.rect(0, 560, W, 340, fill=road)
    # The arc-light over the bridge, and its cone in the rain.
    s.line(900, 120, 900, 600, stroke=BLACK, sw=10)
    s.line(900, 130, 980, 130, stroke=BLACK, sw=6)
    s.path("M 960 130 L 1000 130 L 990 160 L 970 160 Z", fill=BLACK)
    s.path("M 980 160 L 760 640 L 1240 640 Z", fill=ink(0, 0.3), opacity=0.5)
    glow(s, "arc", 980, 168, 220, PAPER, 1.0)
    s.circle(980, 166, 10, fill=PAPER)
    s.ellipse(980, 700, 300, 40, fill=ink(0, 0.3), opacity=0.7)             # its reflection on the wet street
    # The canal bridge: its iron railing across the picture.
    s.rect(560, 590, 820, 10, fill=BLACK)
    for x in range(570, 1380, 40):
        s.path(f"M {x} 600 Q {x + 20} 570 {x + 40} 600", fill=None, stroke=BLACK, sw=4)
    s.rect(560, 560, 12, 60, fill=BLACK)
    s.rect(1370, 560, 12, 60, fill=BLACK)
    # The sailors across the street, rifles across their chests.
    for k in range(9):
        x = 640 + k * 78
        figure(s, x, 660 + (k % 2) * 6, 190, kind="sailor", facing=-1, rifle="port",
               lit=ink(0, 0.6) if 3 <= k <= 6 else None)
    # The old man on the packing case, his umbrella up, a lantern held below him.
    s.rect(330, 720, 120, 70, fill=ink(0.6, 0.3))
    s.rect(330, 720, 120, 70, fill=None, stroke=BLACK, sw=5)
    s.line(330, 720, 450, 790, stroke=BLACK, sw=3)
    glow(s, "lantern", 535, 752, 160, ink(0, 0.6), 0.9)
    figure(s, 390, 722, 230, kind="minister", hat="bare", facing=1, arms="raised")
    s.line(420, 520, 500, 420, stroke=BLACK, sw=11)                               # the umbrella, furled, waved
    s.path("M 490 432 L 520 392 L 530 400 L 500 440 Z", fill=BLACK)
    figure(s, 470, 880, 250, kind="gentleman", facing=1, arms="lantern")
    s.rect(529, 742, 12, 20, fill=PAPER)
    # The column, four abreast, umbrellas and parcels, at the left and coming on.
    rnd = random.Random(21)
    for row in range(3):
        for k in range(4):
            x = 40 + k * 70 + row * 16 - row * 30
            h = 250 + row * 40
            base = 760 + row * 60
            arms = ("umbrella", "down", "umbrella", "pocket")[(k + row) % 4]
            kind = rnd.choice(["gentleman", "gentleman", "journalist", "woman", "minister"])
            figure(s, x, base, h, kind=kind, facing=1, arms=arms, hat="bowler" if kind == "minister" else None)
    rain(s, 0, 0, W, H, color=ink(0.1), n=420, seed=19, angle=8, length=40, sw=1.6, opacity=0.55)
    return s


# --- Smolny, for the Kamenev role -------------------------------------------------------------

@scene("places/smolny_hall_presidium")
def smolny_hall_presidium() -> Svg:
    s = Svg(title="The Assembly Hall from the presidium", treatment="halftone",
            desc="The Assembly Hall of Smolny seen from the presidium table at night: the chairman's "
                 "bell, papers and a glass of cold tea in its holder; beyond, the packed white hall, "
                 "the colonnades and chandeliers in tobacco haze, delegates sitting on the windowsills.")
    s.rect(0, 0, W, H, fill=ink(0.12))
    # The far wall with its tall windows, delegates on the sills.
    s.rect(420, 150, 760, 330, fill=ink(0.22))
    for k in range(5):
        x = 460 + k * 145
        s.rect(x, 200, 90, 170, fill=ink(0.75))
        s.line(x + 45, 200, x + 45, 370, stroke=ink(0.3), sw=5)
        s.rect(x - 6, 366, 102, 10, fill=ink(0.4))
        for j in range(2):
            _seated(s, x + 22 + j * 46, 368, 46, fill=ink(0.9))
    s.rect(520, 150, 560, 40, fill=RED)
    s.text(800, 182, "ВСЯ ВЛАСТЬ СОВѢТАМЪ!", size=34, fill=PAPER, weight="bold", anchor="middle", spacing=4)
    # The white colonnades down both sides, receding to the far wall.
    for side in (-1, 1):
        for i in range(7):
            t = 1 - 0.78 ** i
            x = lerp(800 + side * 780, 800 + side * 400, t)
            top = lerp(10, 160, t)
            base = lerp(760, 480, t)
            w = lerp(70, 22, t)
            s.rect(x - w / 2, top, w, base - top, fill=ink(0.04))
            s.rect(x - w / 2 + (w * 0.65 if side < 0 else 0), top, w * 0.35, base - top, fill=ink(0.3))
            s.rect(x - w * 0.7, top - w * 0.4, w * 1.4, w * 0.4, fill=ink(0.1))
    for x, y, sz in ((560, 40, 90), (1040, 40, 90), (800, 20, 120), (280, 10, 150), (1320, 10, 150)):
        chandelier(s, x, y, sz, fill=ink(0.7), flame=PAPER, glow=ink(0, 0.05), seed=x)
    smoke(s, 300, 200, 1000, 300, PAPER, seed=13, opacity=0.22, lean=0.2)
    # The packed floor, faces turned to the platform: caps, papakhas, sailors' caps, bayonets.
    # (each row darker than the one behind it, so that the heads stand out against the rows beyond)
    bust_crowd(s, 380, 1220, 500, 50, seed=41, bayonets=0.3, color=ink(0.45))
    bust_crowd(s, -40, 1640, 570, 75, seed=42, bayonets=0.25, color=ink(0.6))
    bust_crowd(s, -40, 1640, 650, 110, seed=43, bayonets=0.2, color=ink(0.76))
    bust_crowd(s, -40, 1640, 750, 150, seed=44, bayonets=0.15, color=ink(0.95))
    # The presidium table in front of us: cloth, papers, the chairman's bell, a glass of cold tea.
    s.path("M 0 720 L 1600 720 L 1600 900 L 0 900 Z", fill=ink(0.8, 0.15))
    s.path("M 0 720 L 1600 720 L 1600 740 L 0 740 Z", fill=RED)
    s.path("M -20 760 L 1620 760 L 1620 900 L -20 900 Z", fill=ink(0.35, 0.1))
    for x, y, a in ((560, 775, -5), (680, 790, 4), (790, 772, -2), (880, 800, 7)):
        paper_sheet(s, x, y, 150, 90, angle=a, lines=7, line_color=ink(0.6))
    s.add('<g transform="translate(120 0)">')
    # the bell: a brass hand bell with a turned wooden handle
    s.path("M 330 860 Q 330 800 370 790 Q 410 800 410 860 Z", fill=ink(0.85, 0.2))
    s.rect(320, 856, 100, 10, fill=ink(0.9, 0.2))
    s.path("M 360 792 L 362 750 Q 370 738 378 750 L 380 792 Z", fill=BLACK)
    s.circle(370, 744, 12, fill=BLACK)
    s.path("M 344 840 Q 350 812 368 804", fill=None, stroke=PAPER, sw=4, opacity=0.8)
    s.add("</g>")
    # the tea glass in its metal holder, the tea gone cold and dark, the spoon left in it
    s.add('<g transform="translate(-130 0)">')
    s.path("M 1180 870 L 1186 780 L 1250 780 L 1256 870 Z", fill=ink(0.15))
    s.path("M 1190 800 L 1246 800 L 1244 850 L 1192 850 Z", fill=ink(0.6, 0.4))
    s.path("M 1176 830 L 1260 830 L 1262 872 L 1174 872 Z", fill=ink(0.85))
    for x in range(1184, 1256, 14):
        s.path(f"M {x} 836 q 7 14 0 30", fill=None, stroke=ink(0.4), sw=3)
    s.path("M 1256 836 Q 1290 840 1284 860 Q 1276 870 1258 866", fill=None, stroke=ink(0.85), sw=7)
    s.line(1232, 790, 1262, 720, stroke=ink(0.75), sw=5)
    s.add("</g>")
    return s


# --- Kronstadt and the Neva, for the sailor role -----------------------------------------------

def _vessel(s: Svg, x: float, water: float, L: float, *, funnels: int = 2, hull: str = BLACK,
            crowd: bool = True, seed: int = 0, smoke_ink: str | None = None, mast: bool = True,
            cross: bool = False, stern_rails: bool = False) -> None:
    """A steamer in profile, bow to the left; its deck black with sailors if `crowd`."""
    u = L / 100
    s.path(f"M {f1(x)} {f1(water - 10 * u)} L {f1(x + 100 * u)} {f1(water - 9 * u)} L {f1(x + 97 * u)} {f1(water + 1 * u)} "
           f"L {f1(x + 6 * u)} {f1(water + 1 * u)} Z", fill=hull)
    s.rect(x + 30 * u, water - 16 * u, 26 * u, 6.5 * u, fill=hull)
    s.rect(x + 26 * u, water - 20 * u, 10 * u, 4 * u, fill=hull)         # the bridge
    for k in range(funnels):
        fx = x + (40 + k * 10) * u
        s.rect(fx, water - 28 * u, 4.5 * u, 13 * u, fill=hull if hull != PAPER else ink(0.7))
        if smoke_ink:
            smoke(s, fx + 2 * u, water - 28 * u, 40 * u, 26 * u, smoke_ink, seed=seed + k, opacity=0.55, lean=1)
    if mast:
        s.line(x + 22 * u, water - 10 * u, x + 22 * u, water - 42 * u, stroke=BLACK, sw=0.8 * u)
        s.line(x + 80 * u, water - 9 * u, x + 80 * u, water - 36 * u, stroke=BLACK, sw=0.7 * u)
        s.path(f"M {f1(x + 80 * u)} {f1(water - 36 * u)} l {f1(9 * u)} {f1(2 * u)} l {f1(-1 * u)} {f1(5 * u)} "
               f"l {f1(-8 * u)} {f1(-1 * u)} Z", fill=RED)
    if cross:
        s.rect(x + 60 * u, water - 8 * u, 8 * u, 2.4 * u, fill=RED)
        s.rect(x + 62.8 * u, water - 10.6 * u, 2.4 * u, 7.6 * u, fill=RED)
    if stern_rails:     # the mine rails running out over the stern, mines on them
        s.line(x + 70 * u, water - 10 * u, x + 101 * u, water - 10 * u, stroke=BLACK, sw=0.6 * u)
        for k in range(5):
            s.circle(x + (74 + k * 5.5) * u, water - 12 * u, 2 * u, fill=BLACK)
    if crowd:
        bust_crowd(s, x + 4 * u, x + 96 * u, water - 9 * u, 8 * u, seed=seed, bayonets=0.45,
                   kinds=("sailor", "sailor", "soldier"), density=1.4)


@scene("places/kronstadt_boarding")
def kronstadt_boarding() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="Boarding at Kronstadt", focus=(0.42, 0.5), treatment="halftone",
            desc="Kronstadt harbour shortly after nine in the morning, 25 October: sailors filing up the "
                 "gangway of the minelayer Amur, her decks black with men; the white hospital ship "
                 "Zarnitsa, the old battleship Zaria svobody with her tugs, paddle steamers and barges.")
    pale_sky(s, "sky", sun=0.15, horizon=0.55)
    clouds(s, 140, ink(0.25), seed=51, n=8, h=36, opacity=0.6)
    # Far off: the old battleship with her four tugs, the harbour wall and the naval cathedral's dome.
    s.rect(0, 420, W, 24, fill=ink(0.45))
    s.path("M 1230 440 Q 1230 380 1270 372 Q 1310 380 1310 440 Z", fill=ink(0.45))
    s.rect(1262, 340, 16, 34, fill=ink(0.45))
    s.path("M 860 452 L 1480 452 L 1470 474 L 880 474 Z", fill=ink(0.55))
    s.rect(980, 426, 300, 26, fill=ink(0.55))
    for fx in (1060, 1120):
        s.rect(fx, 388, 22, 40, fill=ink(0.55))
    s.rect(1160, 410, 70, 20, fill=ink(0.55))
    s.line(1010, 452, 1010, 360, stroke=ink(0.55), sw=6)
    s.line(1400, 452, 1400, 370, stroke=ink(0.55), sw=6)
    for k, tx in enumerate((800, 880, 1500, 1560)):
        s.path(f"M {tx} 468 L {tx + 50} 468 L {tx + 46} 480 L {tx + 4} 480 Z", fill=ink(0.6))
        s.rect(tx + 20, 452, 8, 16, fill=ink(0.6))
    g = s.lingrad("water", [(0, ink(0.3)), (1, ink(0.55))])
    s.rect(0, 470, W, 430, fill=g)
    # The white hospital ship and a paddle steamer in the middle distance.
    _vessel(s, 120, 540, 420, funnels=1, hull=PAPER, crowd=False, seed=3, cross=True)
    s.path("M 120 486 L 540 492", fill=None, stroke=ink(0.6), sw=3)
    _vessel(s, 600, 560, 300, funnels=1, seed=5, smoke_ink=ink(0.5))
    s.circle(700, 556, 26, fill=ink(0.8))                                  # the paddle box
    # The Amur at the quay, big in front of us, her decks full, the mine rails at her stern.
    water_lines(s, 0, 480, W, 420, color=PAPER, n=160, seed=13, sw=3, opacity=0.6)
    _vessel(s, 420, 800, 1150, funnels=2, hull=ink(0.62), seed=7, smoke_ink=ink(0.6), stern_rails=True)
    s.rect(420, 780, 1150, 22, fill=ink(0.85))                                # her boot-topping at the waterline
    s.text(790, 760, "АМУРЪ", size=44, fill=BLACK, weight="bold", spacing=10)
    # The quay in the foreground, the gangway, and the file of sailors going up it.
    s.path("M 0 780 L 760 780 L 700 900 L 0 900 Z", fill=ink(0.7))
    s.path("M 0 780 L 760 780 L 756 792 L 0 792 Z", fill=ink(0.9))
    for k in range(6):
        s.rect(40 + k * 120, 800, 40, 18, fill=ink(0.85))                 # bollards and crates
    s.path("M 560 800 L 740 684 L 756 690 L 576 808 Z", fill=BLACK)               # the gangway
    for k in range(4):
        x = 590 + k * 40
        figure(s, x, 784 - k * 26, 110, kind="sailor", facing=1, rifle="slung", stride=0.6)
    for k in range(7):
        figure(s, 40 + k * 66, 880 + (k % 2) * 6, 200 + (k % 3) * 8, kind="sailor", facing=1, rifle="slung",
               stride=0.5)
    return s


@scene("places/aurora_deck")
def aurora_deck() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="The bow gun of the Aurora", focus=(0.64, 0.5),
            desc="Night on the forecastle of the Aurora in drizzle: the bow gun behind its shield and "
                 "its crew, the three tall funnels behind, and across the dark Neva the Peter and Paul "
                 "Fortress with a red lantern on its flagpole.")
    red_night(s, "sky", horizon=0.62, heat=0.6)
    # Across the water: the fortress, low and black, the lantern lit at its flagpole.
    s.rect(0, 540, W, 30, fill=ink(0.85, 0.4))
    peter_paul(s, 1180, 560, 0.75, fill=ink(0.85, 0.4), flag=None)
    s.line(1330, 530, 1330, 440, stroke=ink(0.85, 0.4), sw=5)
    glow(s, "lantern", 1330, 440, 70, RED, 1.0)
    s.circle(1330, 440, 9, fill=RED)
    g = s.lingrad("water", [(0, ink(0.4, 0.6)), (1, ink(0.9, 0.2))])
    s.rect(0, 566, W, 334, fill=g)
    water_lines(s, 0, 570, W, 200, color=ink(0.1, 0.6), n=140, seed=21, reflect_x=1330, reflect_w=30,
                sw=2.5, opacity=0.7)
    # The ship: the three funnels rising behind at the left, the foremast, the deck and its rail.
    for k, fx in enumerate((120, 300, 470)):
        s.path(f"M {fx} 640 L {fx - 22} 60 L {fx + 66} 60 L {fx + 88} 640 Z", fill=BLACK)
        s.rect(fx - 28, 46, 100, 24, fill=BLACK)
        s.path(f"M {fx - 14} 160 L {fx + 58} 160 L {fx + 59} 176 L {fx - 14} 176 Z", fill=ink(0.5, 0.7))  # the funnel band
        s.line(fx + 60, 640, fx + 40, 70, stroke=ink(0.5, 0.6), sw=4, opacity=0.6)       # the glow of the sky on its edge
        smoke(s, fx + 20, 40, 260, 100, ink(0.7, 0.3), seed=30 + k, opacity=0.5, lean=1)
    s.line(640, 660, 620, 0, stroke=BLACK, sw=16)
    s.line(540, 160, 720, 160, stroke=BLACK, sw=8)
    s.path(f"M 0 680 L {W} 620 L {W} 900 L 0 900 Z", fill=ink(0.8, 0.2))          # the forecastle deck
    s.path(f"M 0 680 L {W} 620 L {W} 632 L 0 694 Z", fill=BLACK)
    for x in range(20, W, 80):                                                   # the rail's stanchions
        y = 680 - x * 60 / W
        s.line(x, y, x, y - 70, stroke=BLACK, sw=6)
    s.path(f"M 0 614 L {W} 554", fill=None, stroke=BLACK, sw=6)
    for x in range(0, W, 60):                                                    # deck planking, wet
        s.line(x, 700 - x * 60 / W, x - 200, 900, stroke=ink(0.9, 0.2), sw=2, opacity=0.7)
    # The gun: shield, breech and the long barrel laid towards the fortress.
    s.path("M 820 760 L 840 640 L 1010 610 L 1050 740 Z", fill=BLACK)
    s.path("M 840 650 L 1000 622 L 1004 640 L 846 668 Z", fill=ink(0.4, 0.5))      # the lamp's light on the shield
    s.path("M 1000 650 L 1400 560 L 1404 578 L 1006 680 Z", fill=BLACK)
    s.rect(880, 760, 120, 60, fill=BLACK)
    s.ellipse(940, 820, 110, 20, fill=BLACK)
    glow(s, "lamp", 800, 700, 180, ink(0, 0.5), 0.8)
    # The gun crew in the drizzle, one with a shell in his arms.
    figure(s, 720, 860, 280, kind="sailor", facing=1, arms="down", lit=ink(0, 0.6))
    figure(s, 1100, 850, 270, kind="sailor", facing=-1, arms="hip", lit=ink(0, 0.6))
    figure(s, 1240, 830, 250, kind="sailor", facing=-1, arms="forward")
    s.path("M 1150 740 L 1196 720 L 1204 736 L 1158 756 Z", fill=ink(0.6, 0.4))      # the shell
    s.rect(792, 690, 16, 22, fill=PAPER)                                          # a hurricane lamp on the shield
    rain(s, 0, 0, W, H, color=ink(0.05, 0.4), n=360, seed=23, angle=6, length=30, sw=1.4, opacity=0.5)
    return s


@scene("places/kolomna_flat")
def kolomna_flat() -> Svg:
    return _kolomna_flat(night=False)


@scene("places/kolomna_flat_night")
def kolomna_flat_night() -> Svg:
    return _kolomna_flat(night=True)


def _kolomna_flat(*, night: bool) -> Svg:
    when = "late at night, the lamp lit" if night else "on a wet morning"
    s = Svg(title="A teacher's flat in Kolomna" + (", at night" if night else ""), focus=(0.6, 0.5),
            desc=f"A schoolmaster's flat by the Kryukov Canal {when}: a small table by the window "
                 "with a samovar, thin slices of bread, a newspaper and a paraffin lamp; shelves of books and "
                 "a pile of exercise books; through the window the canal, a wet street and the bell tower of "
                 "the St Nicholas Naval Cathedral.")
    s.rect(0, 0, W, H, fill=ink(0.32, 0.12))
    stripes = s.define("paper_stripes", '<pattern id="paper_stripes" width="60" height="60" patternUnits="userSpaceOnUse">'
                       f'<rect width="60" height="60" fill="{ink(0.3, 0.12)}"/>'
                       f'<rect x="0" width="6" height="60" fill="{ink(0.4, 0.15)}"/></pattern>')
    s.rect(0, 0, W, 620, fill=stripes)
    s.rect(0, 620, W, 280, fill=ink(0.62, 0.18))
    for x in range(-300, W + 300, 100):
        s.line(800 + (x - 800) * 0.4, 620, x, 900, stroke=ink(0.75, 0.18), sw=3)
    # The window: grey morning over the canal, the wet embankment, the bell tower beyond.
    wx, wy, ww, wh = 700, 80, 460, 470
    if night:
        pale = s.lingrad("night", [(0, ink(0.95)), (0.7, ink(0.8, 0.3)), (1, ink(0.7, 0.4))])
    else:
        pale = s.lingrad("morning", [(0, ink(0.45)), (0.7, ink(0.2, 0.1)), (1, ink(0.3))])
    s.rect(wx, wy, ww, wh, fill=pale)
    bt = ink(0.96) if night else ink(0.62)      # the belfry: four diminishing tiers and a spire
    for k, (w, h) in enumerate(((90, 70), (74, 60), (58, 50), (42, 40))):
        y = 420 - sum(hh for _, hh in ((90, 70), (74, 60), (58, 50), (42, 40))[:k + 1])
        s.rect(980 - w / 2, y, w, h, fill=bt)
        s.rect(980 - w * 0.16, y + h * 0.25, w * 0.32, h * 0.55, fill=ink(0.3))
    s.path("M 966 200 Q 980 150 994 200 Z", fill=bt)
    s.line(980, 170, 980, 110, stroke=bt, sw=5)
    s.rect(wx, 400, ww, 60, fill=ink(0.55))                             # houses across the canal
    windows(s, wx + 20, 412, 9, 1, 22, 28, 50, 0, ink(0.75), lit=ink(0, 0.5) if night else None,
            lit_ratio=0.3, seed=31)
    s.rect(wx, 460, ww, 20, fill=ink(0.7))                              # the granite edge
    s.rect(wx, 480, ww, 70, fill=ink(0.4))                              # the canal
    water_lines(s, wx, 484, ww, 64, color=ink(0.1), n=40, seed=5, sw=2, opacity=0.8)
    rain(s, wx, wy, ww, wh, color=ink(0.1), n=90, seed=4, angle=6, length=26, sw=1.4, opacity=0.6)
    window_frame(s, wx, wy, ww, wh, frame=ink(0.1, 0.05), bars=1, sw=16)
    s.rect(wx - 30, wy + wh, ww + 60, 16, fill=ink(0.15))               # the sill
    # Bookshelves on the left, with a pile of exercise books.
    s.rect(60, 90, 420, 530, fill=ink(0.75, 0.25))
    rnd = random.Random(12)
    for shelf in range(5):
        y = 110 + shelf * 102
        x = 76
        while x < 460:
            w = rnd.uniform(12, 26)
            h = rnd.uniform(60, 88)
            s.rect(x, y + 90 - h, w, h, fill=rnd.choice((ink(0.15, 0.1), ink(0.4, 0.3), ink(0.9), ink(0.25, 0.6))))
            x += w + 2
            if rnd.random() < 0.08:
                x += 30
        s.rect(60, y + 90, 420, 12, fill=ink(0.9, 0.2))
    for k in range(7):
        s.rect(540 + (k % 2) * 6, 596 - k * 10, 120, 10, fill=ink(0.05) if k % 2 else ink(0.2, 0.05),
               stroke=ink(0.6), sw=1.5)
    # The table by the window: samovar, bread, the newspaper, the lamp.
    if night:     # the room darkened, the lamp's pool of light on the table
        s.path(f"M 0 0 H {W} V {H} H 0 Z M {wx} {wy} v {wh} h {ww} v {-wh} Z", fill=ink(0.6, 0.2), opacity=0.7,
               extra='fill-rule="evenodd"')
        glow(s, "lamp", 1250, 600, 700, ink(0, 0.35), 0.95)
    else:
        glow(s, "lamp", 1000, 560, 420, ink(0, 0.18), 0.8)
    s.path("M 760 640 L 1290 640 L 1330 700 L 720 700 Z", fill=ink(0.12, 0.08))
    s.rect(720, 700, 610, 18, fill=BLACK)
    for lx in (740, 1300):
        s.rect(lx, 718, 20, 170, fill=BLACK)
    samovar(s, 860, 650, 170, fill=BLACK, shine=ink(0.2, 0.3))
    s.ellipse(1020, 668, 70, 14, fill=PAPER, stroke=BLACK, sw=3)        # the plate and thin slices
    for k in range(3):
        s.path(f"M {970 + k * 34} 668 q 14 -16 30 -2 l -4 8 z", fill=ink(0.55, 0.35))
    paper_sheet(s, 1090, 652, 160, 44, angle=-6, lines=4)
    s.text(1170, 664, "ДѢЛО НАРОДА", size=12, fill=BLACK, weight="bold", anchor="middle",
           extra='transform="rotate(-6 1170 664)"')
    s.path("M 1240 650 L 1272 650 L 1266 634 L 1262 604 Q 1276 590 1262 576 L 1250 576 Q 1236 590 1250 604 L 1246 634 Z",
           fill=BLACK)                                                  # the paraffin lamp
    s.path("M 1250 576 Q 1256 540 1262 576 Z", fill=PAPER)
    chair(s, 1380, 880, 230, fill=BLACK, facing=-1)
    # His coat and soft hat on a peg by the door.
    s.rect(1380, 150, 200, 14, fill=ink(0.8, 0.2))                        # the peg rail
    s.path("M 1480 200 Q 1424 204 1414 250 L 1404 540 L 1446 540 L 1450 300 L 1458 560 L 1502 560 "
           "L 1510 300 L 1514 540 L 1556 540 L 1546 250 Q 1536 204 1480 200 Z", fill=ink(0.88))
    s.path("M 1466 204 L 1480 250 L 1494 204", fill=None, stroke=ink(0.5), sw=4)  # the collar
    s.path("M 1420 176 Q 1480 190 1540 176 Q 1530 168 1512 168 Q 1510 130 1480 132 Q 1450 130 1448 168 "
           "Q 1430 168 1420 176 Z", fill=BLACK)                                     # his soft hat on the peg
    s.path("M 1466 140 Q 1480 152 1494 140", fill=None, stroke=ink(0.4), sw=3)
    return s


@scene("places/bakery_committee")
def bakery_committee() -> Svg:
    s = Svg(title="The district committee over the bakery",
            desc="The Lesnoi district Bolshevik committee in a room over a bakery at night: benches and a "
                 "trunk, one lamp, a plan of the city on the wall with the railway inked in red, rifles "
                 "stacked by the door, flour sacks on the landing.")
    s.rect(0, 0, W, H, fill=ink(0.5, 0.2))
    # Low ceiling beams and whitewashed walls gone grey.
    s.rect(0, 0, W, 600, fill=ink(0.36, 0.14))
    for x in range(80, W, 260):
        s.path(f"M {x} 0 L {x + 40} 0 L {x + 46} 40 L {x - 6} 40 Z", fill=ink(0.8, 0.25))
    s.rect(0, 40, W, 16, fill=ink(0.8, 0.25))
    s.rect(0, 600, W, 300, fill=ink(0.7, 0.22))
    for x in range(-300, W + 300, 110):
        s.line(800 + (x - 800) * 0.3, 600, x, 900, stroke=ink(0.82, 0.22), sw=3)
    # The plan of Petrograd pinned to the wall, the railway lines inked red.
    mx, my, mw, mh = 420, 120, 520, 360
    s.rect(mx, my, mw, mh, fill=ink(0.08, 0.05), stroke=BLACK, sw=4)
    s.path(f"M {mx} {my + 210} Q {mx + 200} {my + 170} {mx + 300} {my + 230} Q {mx + 400} {my + 290} {mx + mw} {my + 250} "
           f"L {mx + mw} {my + 290} Q {mx + 400} {my + 330} {mx + 300} {my + 270} Q {mx + 200} {my + 210} {mx} {my + 250} Z",
           fill=ink(0.35))                                                  # the Neva
    rnd = random.Random(7)
    for _ in range(26):                                                     # streets
        x0, y0 = mx + rnd.uniform(10, mw - 10), my + rnd.uniform(10, mh - 10)
        a = rnd.choice((0, 90, 30, 120))
        ln = rnd.uniform(40, 160)
        x1 = min(mx + mw - 6, max(mx + 6, x0 + ln * math.cos(math.radians(a))))
        y1 = min(my + mh - 6, max(my + 6, y0 + ln * math.sin(math.radians(a))))
        s.line(x0, y0, x1, y1, stroke=ink(0.55), sw=2)
    s.path(f"M {mx + 60} {my} L {mx + 120} {my + 120} L {mx + 200} {my + 190}", fill=None, stroke=RED, sw=7)
    s.path(f"M {mx + 360} {my} L {mx + 330} {my + 110} L {mx + 300} {my + 190}", fill=None, stroke=RED, sw=7)
    s.path(f"M {mx + mw} {my + 60} L {mx + 400} {my + 140} L {mx + 330} {my + 160}", fill=None, stroke=RED, sw=7)
    for x, y in ((mx + 120, my + 120), (mx + 330, my + 110), (mx + 400, my + 140)):
        s.circle(x, y, 9, fill=RED)
    for x, y in ((mx + 8, my + 8), (mx + mw - 8, my + 8), (mx + 8, my + mh - 8), (mx + mw - 8, my + mh - 8)):
        s.circle(x, y, 5, fill=BLACK)
    # The door on the right, open on the dark landing, flour sacks; rifles leaning beside it.
    s.rect(1240, 160, 200, 440, fill=ink(0.92))
    s.rect(1240, 160, 200, 440, fill=None, stroke=ink(0.8, 0.25), sw=14)
    for k, (x, w) in enumerate(((1270, 70), (1330, 80))):
        s.path(f"M {x} 600 Q {x - 10} 540 {x + w * 0.36} 520 L {x + w * 0.3} 500 L {x + w * 0.7} 500 "
               f"L {x + w * 0.64} 520 Q {x + w + 10} 540 {x + w} 600 Z", fill=ink(0.12, 0.1))
        s.line(x + w * 0.3, 516, x + w * 0.7, 516, stroke=ink(0.6), sw=4)          # the tie
        s.text(x + w / 2, 566, "МУКА", size=16, fill=ink(0.6), weight="bold", anchor="middle")
    for k in range(4):
        x = 1150 + k * 22
        s.line(x, 600, x + 30 - k * 12, 300, stroke=BLACK, sw=9)
        s.path(f"M {x + 28 - k * 12} 300 L {x + 32 - k * 12} 230 L {x + 34 - k * 12} 300 Z", fill=BLACK)
    # The lamp and its light; the benches and the trunk; the committee.
    s.line(700, 56, 700, 150, stroke=BLACK, sw=3)
    glow(s, "lamp", 700, 560, 560, ink(0, 0.22), 0.9)
    s.path("M 670 520 L 730 520 L 722 500 L 716 470 Q 736 452 716 434 L 684 434 Q 664 452 684 470 L 678 500 Z",
           fill=BLACK)
    s.path("M 690 434 Q 700 390 710 434 Z", fill=PAPER)
    s.path("M 500 520 L 900 520 L 930 560 L 470 560 Z", fill=ink(0.25, 0.2))     # the table
    s.rect(470, 560, 460, 16, fill=BLACK)
    for lx in (490, 900):
        s.rect(lx, 576, 18, 150, fill=BLACK)
    for x, a in ((540, -8), (780, 6)):
        paper_sheet(s, x, 526, 100, 30, angle=a, lines=3)
    s.rect(60, 560, 340, 18, fill=BLACK)                                   # a bench against the wall
    for lx in (80, 370):
        s.rect(lx, 578, 14, 60, fill=BLACK)
    _seated(s, 150, 570, 120)
    _seated(s, 300, 572, 115, hat="cap")
    s.path("M 940 700 L 1160 700 L 1160 820 L 940 820 Z", fill=ink(0.7, 0.4))   # the trunk
    s.path("M 940 700 Q 1050 664 1160 700", fill=ink(0.7, 0.4))
    for x in (970, 1130):
        s.rect(x, 700, 10, 120, fill=BLACK)
    _seated(s, 560, 520, 150, hat="cap")
    _seated(s, 840, 520, 150, facing=-1)
    figure(s, 230, 860, 320, kind="worker", facing=1, arms="down")
    figure(s, 370, 870, 330, kind="soldier", hat="cap", facing=1, arms="pocket")
    figure(s, 1210, 860, 330, kind="woman", facing=-1, arms="hip")
    figure(s, 640, 900, 380, kind="worker", facing=1, arms="pocket")
    return s


@scene("places/novaya_zhizn_office")
def novaya_zhizn_office() -> Svg:
    s = Svg(title="The editorial room of Novaya Zhizn",
            desc="A better-furnished editorial room of Gorky's paper in the evening: a borrowed desk with "
                 "pen, inkwell and a half-smoked cigarette, a sheet half written; pinned proofs of the paper "
                 "on the wall; a compositor's boy waiting at the door for the copy.")
    s.rect(0, 0, W, H, fill=ink(0.4, 0.18))
    flor = s.define("nz_paper", '<pattern id="nz_paper" width="80" height="80" patternUnits="userSpaceOnUse">'
                    f'<rect width="80" height="80" fill="{ink(0.38, 0.16)}"/>'
                    f'<path d="M 40 20 l 8 20 l -8 20 l -8 -20 Z" fill="{ink(0.48, 0.2)}"/></pattern>')
    s.rect(0, 0, W, 620, fill=flor)
    s.rect(0, 560, W, 60, fill=ink(0.6, 0.22))
    s.rect(0, 620, W, 280, fill=ink(0.72, 0.25))
    for x in range(-300, W + 300, 110):
        s.line(800 + (x - 800) * 0.35, 620, x, 900, stroke=ink(0.82, 0.25), sw=3)
    # The paper's front pages pinned up in a row, the masthead legible on the nearest.
    for k, x in enumerate((120, 330, 540)):
        s.rect(x, 110, 180, 250, fill=ink(0.06, 0.03), stroke=ink(0.5), sw=2,
               extra=f'transform="rotate({(-2, 1.5, -1)[k]} {x + 90} 235)"')
        s.text(x + 90, 150, "НОВАЯ ЖИЗНЬ", size=19, fill=BLACK, weight="bold", anchor="middle",
               extra=f'transform="rotate({(-2, 1.5, -1)[k]} {x + 90} 235)"')
        for j in range(3):
            for i in range(9):
                s.line(x + 12 + j * 56, 176 + i * 18, x + 60 + j * 56, 176 + i * 18, stroke=ink(0.55), sw=3,
                       opacity=0.8)
    # A tall window with the evening; the door at the right with the boy waiting.
    s.rect(860, 90, 260, 420, fill=ink(0.8, 0.35))
    windows(s, 880, 360, 5, 2, 24, 40, 48, 60, ink(0.95), lit=ink(0, 0.55), lit_ratio=0.35, seed=14)
    window_frame(s, 860, 90, 260, 420, frame=BLACK, bars=1, sw=14)
    s.rect(1300, 150, 200, 470, fill=ink(0.1, 0.3))                              # the lit corridor beyond
    s.rect(1300, 150, 200, 470, fill=None, stroke=ink(0.8, 0.3), sw=14)
    figure(s, 1400, 640, 300, kind="worker", facing=-1, arms="down")            # the compositor's boy
    # The desk under the lamp: pen and inkwell, the cigarette in its saucer, the half-written sheet.
    glow(s, "lamp", 560, 620, 520, ink(0, 0.2), 0.9)
    s.path("M 250 640 L 980 640 L 1040 720 L 190 720 Z", fill=ink(0.6, 0.35))
    s.rect(190, 720, 850, 24, fill=BLACK)
    s.rect(210, 744, 240, 150, fill=BLACK)
    s.rect(800, 744, 220, 150, fill=BLACK)
    for k in range(3):
        s.rect(230, 760 + k * 44, 200, 38, fill=ink(0.85, 0.3))
        s.circle(330, 779 + k * 44, 5, fill=ink(0.3, 0.3))
    paper_sheet(s, 480, 650, 190, 56, angle=-4, lines=5, line_color=ink(0.7))
    s.path("M 720 676 L 760 676 L 756 648 L 724 648 Z", fill=BLACK)             # the inkwell
    s.line(742, 650, 790, 600, stroke=BLACK, sw=4)                               # the pen in it
    s.ellipse(880, 680, 40, 10, fill=PAPER, stroke=BLACK, sw=3)                  # the saucer
    s.rect(870, 668, 36, 6, fill=PAPER, stroke=BLACK, sw=1.5)                    # the cigarette, half smoked
    s.circle(906, 671, 4, fill=RED)
    smoke(s, 900, 560, 120, 110, PAPER, seed=3, opacity=0.35, lean=0.4)
    s.path("M 330 640 L 380 640 L 372 620 L 364 560 L 346 560 L 338 620 Z", fill=BLACK)   # the desk lamp
    s.path("M 300 566 L 410 566 L 388 520 L 322 520 Z", fill=ink(0.3, 0.8))
    return s


@scene("places/lesnoi_lane")
def lesnoi_lane() -> Svg:
    # the game shows a narrow crop of it: keep the heart of the scene in it
    s = Svg(title="A lane in Lesnoi by day", focus=(0.45, 0.5),
            desc="The lane beside the Lesnoi district Duma on a grey October day: wooden houses with carved "
                 "window frames, birches, allotment fences, frozen ruts, the watchman's lodge, an old watchman "
                 "with his lantern and a big dog at a gate.")
    pale_sky(s, "sky", sun=0.0, horizon=0.6)
    clouds(s, 120, ink(0.3), seed=61, n=9, h=40, opacity=0.6)
    rnd = random.Random(19)
    for bx, bw, top in ((900, 18, 100), (1180, 24, 40), (1520, 30, 0), (120, 22, 60), (560, 14, 170)):
        s.rect(bx, top, bw, 700 - top, fill=ink(0.06))
        for j in range(9):
            s.rect(bx, top + 30 + j * 60 + rnd.uniform(0, 30), bw * rnd.uniform(0.4, 0.9), 6, fill=BLACK)
        for j in range(4):
            yy = top + 40 + j * 70
            s.path(f"M {bx + bw / 2} {yy + 50} Q {bx + bw / 2 + 70} {yy} {bx + bw / 2 + 120} {yy - 20}", fill=None,
                   stroke=ink(0.6), sw=3)
            s.path(f"M {bx + bw / 2} {yy + 70} Q {bx + bw / 2 - 70} {yy + 20} {bx + bw / 2 - 110} {yy}", fill=None,
                   stroke=ink(0.6), sw=3)
    # The lane runs away from us to the left; wooden houses along its right side.
    s.rect(0, 520, W, 380, fill=ink(0.35, 0.08))
    s.path("M 0 900 L 560 520 L 700 520 L 1100 900 Z", fill=ink(0.5, 0.1))
    for k in range(4):                                                            # frozen ruts
        s.path(f"M {300 + k * 160} 900 Q {560 + k * 30} 700 {600 + k * 24} 520", fill=None, stroke=ink(0.75),
               sw=5 - k * 0.6, opacity=0.8)
    for k, (x, base, h, w) in enumerate(((760, 560, 130, 180), (980, 600, 190, 260), (1260, 680, 300, 360))):
        s.rect(x, base - h, w, h, fill=ink(0.6, 0.2))
        for y in range(int(base - h), int(base), 14):
            s.line(x, y, x + w, y, stroke=ink(0.8, 0.25), sw=2)                      # the log courses
        s.path(f"M {x - w * 0.08} {base - h} L {x + w / 2} {base - h - h * 0.55} L {x + w * 1.08} {base - h} Z",
               fill=ink(0.82))
        s.path(f"M {x + w * 0.4} {base - h - h * 0.18} L {x + w / 2} {base - h - h * 0.32} L {x + w * 0.6} "
               f"{base - h - h * 0.18} L {x + w * 0.6} {base - h - h * 0.05} L {x + w * 0.4} {base - h - h * 0.05} Z",
               fill=ink(0.15))                                                    # the gable's little window
        for j in range(3):                                                        # windows with carved frames
            wx = x + w * (0.12 + j * 0.3)
            wy = base - h * 0.72
            s.rect(wx, wy, w * 0.16, h * 0.34, fill=ink(0.9))
            s.path(f"M {wx - w * 0.03} {wy} L {wx + w * 0.08} {wy - h * 0.1} L {wx + w * 0.19} {wy} Z",
                   fill=ink(0.1))
            s.rect(wx - w * 0.03, wy + h * 0.34, w * 0.22, h * 0.04, fill=ink(0.1))
    # Allotment fences and birches in front of the houses.
    for x in range(700, W, 22):
        y = 560 + (x - 700) * 0.18
        s.rect(x, y - 60, 12, 70, fill=ink(0.8, 0.15))
    s.line(700, 530, W, 692, stroke=ink(0.8, 0.15), sw=6)
    # On the left, the watchman's lodge behind the Duma's brick wall.
    s.rect(0, 380, 300, 240, fill=ink(0.72, 0.35))
    for y in range(392, 620, 18):
        s.line(0, y, 300, y, stroke=ink(0.85, 0.35), sw=2)
    s.rect(300, 470, 170, 150, fill=ink(0.6, 0.2))
    s.path("M 290 470 L 385 410 L 480 470 Z", fill=ink(0.82))
    s.rect(340, 520, 40, 100, fill=BLACK)
    s.rect(400, 500, 40, 40, fill=ink(0.9))
    # The old watchman with his lantern, unlit in daylight, and the dog at the gate.
    figure(s, 500, 820, 280, kind="worker", facing=1, arms="lantern", hat="papakha")
    s.rect(566, 668, 14, 20, fill=ink(0.3))
    s.path("M 880 760 Q 880 710 930 704 L 1000 704 Q 1024 684 1044 700 Q 1060 714 1048 734 "
           "L 1036 760 L 1022 760 L 1020 740 L 960 740 L 952 760 L 934 760 L 930 740 Q 900 740 894 760 Z",
           fill=BLACK)
    s.ellipse(1046, 706, 26, 22, fill=BLACK)                                     # the big head
    s.path("M 1060 712 Q 1080 716 1078 730 Q 1066 738 1054 728 Z", fill=BLACK)    # the muzzle and jowl
    s.path("M 1034 696 Q 1026 716 1036 730", fill=None, stroke=ink(0.4, 0.1), sw=4)  # the hanging ear
    s.path("M 1044 690 Q 1058 684 1066 700 L 1054 716 Z", fill=ink(0.3, 0.1))    # the white blaze
    s.path("M 880 724 Q 858 708 852 684", fill=None, stroke=BLACK, sw=9)
    return s


@scene("places/amur_mess_deck")
def amur_mess_deck() -> Svg:
    s = Svg(title="The mess deck of the Amur",
            desc="The mess deck of the minelayer Amur at Kronstadt at night: a low deckhead of riveted beams, "
                 "a lamp on a hook, mess tables and benches, a sailor cleaning his rifle, a half-written letter; "
                 "through the open hatch, the mines on their rails.")
    s.rect(0, 0, W, H, fill=ink(0.6, 0.25))
    perspective = (800, 380)
    # The deckhead: riveted beams receding to the bulkhead; the ship's side curving at the right.
    s.rect(0, 0, W, 220, fill=ink(0.78, 0.25))
    for k in range(7):
        y = 30 + k * 28
        s.rect(0, y, W, 10 - k, fill=ink(0.92, 0.2))
        for x in range(20, W, 60):
            s.circle(x + (k * 13) % 60, y + 5, 2.5, fill=ink(0.4, 0.3))
    s.rect(360, 220, 880, 360, fill=ink(0.5, 0.22))                     # the bulkhead ahead
    for x in range(380, 1240, 80):
        s.line(x, 220, x, 580, stroke=ink(0.62, 0.22), sw=3)
    # The open hatch in the bulkhead: the mine deck beyond, the mines on their rails.
    s.rect(960, 280, 220, 300, fill=ink(0.2, 0.35))                          # the mine deck, lit beyond
    s.rect(960, 280, 220, 300, fill=None, stroke=BLACK, sw=14)
    for k in range(4):
        x = 1000 + k * 46
        s.circle(x, 520, 20, fill=BLACK)
        for a in range(5):                                           # the horns of the mines
            ang = math.radians(200 + a * 35)
            s.line(x + 20 * math.cos(ang), 520 + 20 * math.sin(ang), x + 28 * math.cos(ang),
                   520 + 28 * math.sin(ang), stroke=BLACK, sw=4)
        s.rect(x - 14, 540, 28, 16, fill=BLACK)
    s.line(960, 558, 1180, 558, stroke=BLACK, sw=5)
    s.line(960, 570, 1180, 570, stroke=BLACK, sw=5)
    # Portholes along the side, black with night.
    for k, (x, r) in enumerate(((120, 36), (270, 30))):
        s.circle(x, 330, r, fill=ink(0.95))
        s.circle(x, 330, r, fill=None, stroke=ink(0.3, 0.3), sw=8)
    s.rect(0, 580, W, 320, fill=ink(0.75, 0.22))
    for x in range(-300, W + 300, 120):
        s.line(perspective[0] + (x - perspective[0]) * 0.4, 580, x, 900, stroke=ink(0.85, 0.22), sw=3)
    # The lamp on its hook, and its light.
    s.line(640, 100, 640, 200, stroke=BLACK, sw=4)
    glow(s, "lamp", 640, 300, 560, ink(0, 0.3), 0.95)
    s.path("M 618 200 L 662 200 L 668 260 L 612 260 Z", fill=ink(0.1, 0.5))
    s.rect(610, 196, 60, 8, fill=BLACK)
    s.rect(606, 258, 68, 10, fill=BLACK)
    s.path("M 628 206 L 652 206 L 656 254 L 624 254 Z", fill=PAPER)
    # The mess table and benches; a rifle being cleaned; a letter half written.
    s.path("M 300 620 L 980 620 L 1040 690 L 240 690 Z", fill=ink(0.35, 0.2))
    s.rect(240, 690, 800, 18, fill=BLACK)
    for lx in (270, 1000):
        s.rect(lx, 708, 18, 150, fill=BLACK)
    s.rect(160, 760, 980, 16, fill=BLACK)
    paper_sheet(s, 720, 630, 140, 50, angle=5, lines=3)
    s.line(850, 650, 900, 626, stroke=BLACK, sw=3)                        # the pencil
    s.path("M 330 650 L 700 612 L 702 622 L 334 662 Z", fill=BLACK)        # the rifle on the table
    s.rect(360, 640, 90, 24, fill=BLACK, extra='transform="rotate(-6 405 652)"')
    figure(s, 520, 900, 330, kind="sailor", facing=1, arms="forward")
    figure(s, 1240, 900, 360, kind="sailor", facing=-1, arms="hip", rifle="slung")
    _seated(s, 880, 640, 150, facing=-1)
    return s
