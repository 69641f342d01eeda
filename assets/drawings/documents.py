"""Documents of October 1917, set in period type (1600 x 900, the sheet in the middle).

Printed matter uses the pre-reform orthography of 1917 (ѣ, і, ъ), as the originals did. Texts
are quoted or closely paraphrased from public-domain documents of 24-26 October 1917.
Lines are wrapped here with the real font metrics (Pillow), so the SVG needs no text layout.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .common import H, W, scene
from .svg import BLACK, MAROON, PAPER, RED, Svg, f1, figure, grey, ink, pink

FONTS = Path(__file__).resolve().parents[1] / "fonts"
SERIF = "Old Standard TT"
MONO = "CMU Typewriter Text"
_FILES = {
    (SERIF, "normal", "normal"): "OldStandard-Regular.ttf",
    (SERIF, "bold", "normal"): "OldStandard-Bold.ttf",
    (SERIF, "normal", "italic"): "OldStandard-Italic.ttf",
    (MONO, "normal", "normal"): "CMUTypewriter-Regular.ttf",
    (MONO, "bold", "normal"): "CMUTypewriter-Bold.ttf",
}


@lru_cache(maxsize=64)
def _font(family: str, weight: str, style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / _FILES[(family, weight, style)]), size)


def measure(text: str, size: float, family: str = SERIF, weight: str = "normal",
            style: str = "normal") -> float:
    f = _font(family, weight, style, 100)
    return f.getlength(text) * size / 100


def wrap(text: str, size: float, width: float, **kw) -> list[str]:
    lines, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and measure(trial, size, **kw) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def block(s: Svg, x: float, y: float, text: str, *, size: float, width: float, leading: float = 1.3,
          family: str = SERIF, weight: str = "normal", style: str = "normal", fill: str = BLACK,
          justify: bool = True, indent: float = 0.0, align: str = "left") -> float:
    """Set a paragraph; returns the y of the next line."""
    kw = dict(family=family, weight=weight, style=style)
    lines = wrap(text, size, width - indent, **kw)
    for i, line in enumerate(lines):
        lx = x + (indent if i == 0 else 0)
        lw = width - (indent if i == 0 else 0)
        last = i == len(lines) - 1
        if align == "center":
            s.text(x + width / 2, y, line, size=size, fill=fill, family=family, weight=weight,
                   style=style, anchor="middle")
        elif align == "right":
            s.text(x + width, y, line, size=size, fill=fill, family=family, weight=weight,
                   style=style, anchor="end")
        elif justify and not last and measure(line, size, **kw) > lw * 0.8:
            s.text(lx, y, line, size=size, fill=fill, family=family, weight=weight, style=style,
                   extra=f'textLength="{f1(lw)}" lengthAdjust="spacing"')
        else:
            s.text(lx, y, line, size=size, fill=fill, family=family, weight=weight, style=style)
        y += size * leading
    return y


def centred(s: Svg, cx: float, y: float, text: str, size: float, *, fill: str = BLACK,
            weight: str = "normal", style: str = "normal", family: str = SERIF,
            spacing: float | None = None, fit: float | None = None) -> None:
    extra = ""
    if fit is not None and measure(text, size, family=family, weight=weight, style=style) > fit:
        extra = f'textLength="{f1(fit)}" lengthAdjust="spacingAndGlyphs"'
    s.text(cx, y, text, size=size, fill=fill, weight=weight, style=style, family=family,
           anchor="middle", spacing=spacing, extra=extra)


def rule(s: Svg, x: float, y: float, w: float, sw: float = 2, fill: str = BLACK, double: bool = False) -> None:
    s.rect(x, y, w, sw, fill=fill)
    if double:
        s.rect(x, y + sw * 2.5, w, sw * 0.5, fill=fill)


def stamp(s: Svg, cx: float, cy: float, r: float, outer: str, inner: list[str], ident: str,
          color: str = RED, angle: float = -12) -> None:
    """A round rubber stamp: text round the rim, lines in the middle, slightly uneven ink."""
    s.add(f'<g transform="rotate({angle} {f1(cx)} {f1(cy)})" opacity="0.85">')
    s.circle(cx, cy, r, fill=None, stroke=color, sw=r * 0.05)
    s.circle(cx, cy, r * 0.7, fill=None, stroke=color, sw=r * 0.025)
    rr = r * 0.8
    s.define(ident, f'<path id="{ident}" d="M {f1(cx - rr)} {f1(cy)} A {f1(rr)} {f1(rr)} 0 1 1 '
                    f'{f1(cx + rr)} {f1(cy)} A {f1(rr)} {f1(rr)} 0 1 1 {f1(cx - rr)} {f1(cy)}"/>')
    s.add(f'<text font-family="{SERIF}" font-weight="bold" font-size="{f1(r * 0.16)}" fill="{color}" '
          f'letter-spacing="{f1(r * 0.01)}"><textPath href="#{ident}" startOffset="0">'
          f'{outer}</textPath></text>')
    for i, line in enumerate(inner):
        yy = cy + (i - (len(inner) - 1) / 2) * r * 0.22 + r * 0.07
        s.text(cx, yy, line, size=r * 0.17, fill=color, weight="bold", anchor="middle")
    s.add("</g>")


def signature(s: Svg, x: float, y: float, w: float, seed: int, color: str = ink(0.8, 0.1),
              name: str = "") -> None:
    """A signature in ink: a name in a quick italic hand with a flourish under it."""
    rnd = random.Random(seed)
    if name:
        size = 34
        s.text(x, y, name, size=size, style="italic", fill=color,
               extra=f'transform="rotate({f1(rnd.uniform(-6, -2))} {f1(x)} {f1(y)})"')
        w = measure(name, size, style="italic")
    s.path(f"M {f1(x - 6)} {f1(y + 10)} c {f1(w * 0.3)} {f1(-8)} {f1(w * 0.7)} {f1(6)} {f1(w + 16)} {f1(-10)} "
           f"q {f1(-20)} {f1(14)} {f1(-40)} {f1(12)}", fill=None, stroke=color, sw=2.4,
           extra='stroke-linecap="round" stroke-linejoin="round"')


def desk(s: Svg, ident: str = "desk") -> None:
    """A dark wooden desk top to lay documents on."""
    s.rect(0, 0, W, H, fill=ink(0.72, 0.35))
    rnd = random.Random(ident)
    d = []
    for _ in range(70):
        y = rnd.uniform(0, H)
        d.append(f"M 0 {f1(y)} C 400 {f1(y + rnd.uniform(-30, 30))} 1200 {f1(y + rnd.uniform(-30, 30))} "
                 f"1600 {f1(y + rnd.uniform(-20, 20))}")
    s.path(" ".join(d), fill=None, stroke=ink(0.88, 0.3), sw=2.5, opacity=0.8)


def sheet(s: Svg, x: float, y: float, w: float, h: float, angle: float = 0.0,
          fill: str = PAPER) -> None:
    """A sheet of paper with a soft shadow; subsequent drawing should be wrapped in the same rotation."""
    cx, cy = x + w / 2, y + h / 2
    s.add(f'<g transform="rotate({f1(angle)} {f1(cx)} {f1(cy)})">')
    s.rect(x + 14, y + 18, w, h, fill=BLACK, opacity=0.45)
    s.rect(x, y, w, h, fill=fill)
    s.add("</g>")


# --- The proclamation --------------------------------------------------------------------

PROCLAMATION = (
    "Временное Правительство низложено. Государственная власть перешла въ руки органа "
    "Петроградскаго Совѣта Рабочихъ и Солдатскихъ Депутатовъ — Военно-Революціоннаго "
    "Комитета, стоящаго во главѣ Петроградскаго пролетаріата и гарнизона."
)
PROCLAMATION_2 = (
    "Дѣло, за которое боролся народъ: немедленное предложеніе демократическаго мира, отмѣна "
    "помѣщичьей собственности на землю, рабочій контроль надъ производствомъ, созданіе "
    "Совѣтскаго Правительства — это дѣло обезпечено."
)


@scene("documents/proclamation")
def proclamation() -> Svg:
    s = Svg(treatment="letterpress", title="To the Citizens of Russia!",
            desc="The Military Revolutionary Committee's proclamation of 25 October 1917, 10 a.m., "
                 "pasted on a wall beside a red poster.")
    # Plaster wall with stone courses.
    s.rect(0, 0, W, H, fill=ink(0.55, 0.15))
    for y in range(0, H, 90):
        s.rect(0, y, W, 4, fill=ink(0.75, 0.15))
    # The red poster on the left, half torn.
    s.add('<g transform="rotate(-3 240 440)">')
    s.path("M 60 70 L 420 60 L 430 560 L 380 600 L 330 560 L 260 640 L 200 600 L 120 660 L 70 620 Z", fill=RED)
    for i, word in enumerate(("ВСЯ", "ВЛАСТЬ", "СОВѢТАМЪ!")):
        centred(s, 245, 200 + i * 130, word, 96 if i < 2 else 74, fill=PAPER, weight="bold", fit=330)
    s.add("</g>")
    # A government notice on the right, mostly torn off.
    s.add('<g transform="rotate(2 1360 400)">')
    s.path("M 1180 120 L 1560 110 L 1560 420 L 1500 380 L 1420 470 L 1330 400 L 1260 480 L 1180 430 Z", fill=PAPER)
    centred(s, 1370, 170, "ОТЪ ВРЕМЕННАГО", 30, weight="bold")
    centred(s, 1370, 208, "ПРАВИТЕЛЬСТВА", 30, weight="bold")
    rule(s, 1220, 225, 300, 3)
    block(s, 1210, 262, "Граждане! Спасайте родину, республику и свою свободу. Правительство "
          "призываетъ всѣхъ сохранять спокойствіе и порядокъ …", size=21, width=320)
    s.add("</g>")
    # The proclamation itself.
    x, y, w, h = 470, 28, 660, 846
    sheet(s, x, y, w, h, angle=-0.8)
    s.add(f'<g transform="rotate(-0.8 {x + w / 2} {y + h / 2})">')
    cx = x + w / 2
    centred(s, cx, y + 50, "Пролетаріи всѣхъ странъ, соединяйтесь!", 20, style="italic")
    rule(s, x + 40, y + 66, w - 80, 2, double=True)
    centred(s, cx, y + 130, "КЪ ГРАЖДАНАМЪ", 62, weight="bold", fill=RED, fit=w - 80)
    centred(s, cx, y + 196, "РОССІИ!", 62, weight="bold", fill=RED)
    rule(s, x + 200, y + 220, w - 400, 3)
    yy = block(s, x + 50, y + 266, PROCLAMATION, size=24, width=w - 100, indent=40, leading=1.28)
    yy = block(s, x + 50, yy + 6, PROCLAMATION_2, size=24, width=w - 100, indent=40, leading=1.28)
    yy += 22
    for line in ("ДА ЗДРАВСТВУЕТЪ РЕВОЛЮЦІЯ", "РАБОЧИХЪ, СОЛДАТЪ И КРЕСТЬЯНЪ!"):
        centred(s, cx, yy, line, 32, weight="bold", fit=w - 100)
        yy += 40
    yy += 10
    rule(s, x + 40, yy - 20, w - 80, 2)
    yy = block(s, x + 50, yy + 12, "Военно-Революціонный Комитетъ при Петроградскомъ Совѣтѣ "
               "Рабочихъ и Солдатскихъ Депутатовъ.", size=21, width=w - 100, style="italic",
               align="right", leading=1.25)
    s.text(x + 50, yy + 6, "25 октября 1917 г. 10 ч. утра.", size=21, style="italic")
    s.add("</g>")
    # Paste marks and a corner lifting.
    s.path(f"M {x + w - 70} {y + 6} L {x + w + 4} {y + 4} L {x + w + 2} {y + 80} Z", fill=ink(0.3))
    return s


# --- The MRC order -------------------------------------------------------------------------

ORDER = (
    "Петроградскому Совѣту грозитъ прямая опасность: ночью контръ-революціонные заговорщики "
    "пытались вызвать изъ окрестностей юнкеровъ и ударные батальоны въ Петроградъ. Газеты "
    "«Солдатъ» и «Рабочій Путь» закрыты."
)
ORDER_2 = (
    "Настоящимъ предписывается привести полкъ въ боевую готовность. Ждите дальнѣйшихъ "
    "распоряженій. Всякое промедленіе и замѣшательство будетъ разсматриваться какъ измѣна "
    "революціи."
)


@scene("documents/mrc_order")
def mrc_order() -> Svg:
    s = Svg(treatment="letterpress", title="Order of the Military Revolutionary Committee",
            desc="Order No. 1 of 24 October 1917 to the regimental committees, typed on the "
                 "Committee's letterhead, signed and stamped.")
    desk(s, "desk1")
    x, y, w, h = 430, 40, 740, 830
    sheet(s, x, y, w, h, angle=1.2)
    s.add(f'<g transform="rotate(1.2 {x + w / 2} {y + h / 2})">')
    # Letterhead.
    s.text(x + 50, y + 66, "ВОЕННО-РЕВОЛЮЦІОННЫЙ", size=26, weight="bold")
    s.text(x + 50, y + 98, "КОМИТЕТЪ", size=26, weight="bold")
    s.text(x + 50, y + 126, "при Петроградскомъ Совѣтѣ", size=18, style="italic")
    s.text(x + 50, y + 148, "Рабочихъ и Солдатскихъ Депутатовъ", size=18, style="italic")
    s.text(x + 50, y + 182, "Смольный Институтъ, комн. № 10", size=17)
    rule(s, x + 50, y + 196, 320, 2)
    s.text(x + w - 60, y + 70, "№ 1", size=30, family=MONO, weight="bold", anchor="end")
    s.text(x + w - 60, y + 108, "24 октября 1917 г.", size=22, family=MONO, weight="bold", anchor="end")
    # Typed body.
    s.text(x + w / 2, y + 262, "ПРЕДПИСАНІЕ", size=30, family=MONO, weight="bold", anchor="middle",
           spacing=8)
    s.text(x + w / 2, y + 296, "полковымъ и ротнымъ комитетамъ", size=22, family=MONO, weight="bold", anchor="middle")
    yy = block(s, x + 60, y + 350, ORDER, size=21, width=w - 120, family=MONO, weight="bold", justify=False,
               indent=40, leading=1.45)
    yy = block(s, x + 60, yy + 10, ORDER_2, size=21, width=w - 120, family=MONO, weight="bold", justify=False,
               indent=40, leading=1.45)
    s.text(x + 60, yy + 60, "Предсѣдатель", size=21, family=MONO, weight="bold")
    signature(s, x + 290, yy + 58, 170, seed=3, name="Подвойскій")
    s.text(x + 60, yy + 112, "Секретарь", size=21, family=MONO, weight="bold")
    signature(s, x + 290, yy + 110, 140, seed=4, name="Антоновъ")
    stamp(s, x + w - 150, yy + 70, 92, "· ВОЕННО-РЕВОЛЮЦІОННЫЙ КОМИТЕТЪ · ПЕТРОГРАДЪ ",
          ["ВОЕН.-РЕВ.", "КОМИТЕТЪ"], "st1")
    s.add("</g>")
    # A pencil and an inkwell on the desk.
    s.add('<g transform="rotate(-28 1330 640)">')
    s.rect(1200, 630, 300, 16, fill=ink(0.1, 0.9))
    s.path("M 1500 630 L 1540 638 L 1500 646 Z", fill=ink(0.2))
    s.add("</g>")
    s.rect(170, 620, 130, 110, fill=BLACK)
    s.ellipse(235, 620, 65, 18, fill=ink(0.6))
    s.rect(215, 590, 40, 30, fill=BLACK)
    return s


# --- The telegram ------------------------------------------------------------------------

TELEGRAM_STRIPS = [
    "PETROGRAD 25/10 1917 2340 =",
    "PRESS COLLECT = WINTER PALACE",
    "SURROUNDED = AURORA IN RIVER =",
    "BRIDGES HELD BY REDS = CONGRESS",
    "OF SOVIETS SITTING AT SMOLNY =",
    "GOVERNMENT SILENT = CITY QUIET",
    "TRAMS RUNNING = MORE FOLLOWS =",
]


@scene("documents/telegram")
def telegram() -> Svg:
    s = Svg(treatment="letterpress", title="A telegram",
            desc="A telegraph form of the Petrograd Central Telegraph with the message pasted "
                 "on in strips of tape.")
    desk(s, "desk2")
    x, y, w, h = 300, 90, 1000, 700
    sheet(s, x, y, w, h, angle=-1.5, fill=ink(0.0, 0.12))
    s.add(f'<g transform="rotate(-1.5 {x + w / 2} {y + h / 2})">')
    s.rect(x + 20, y + 20, w - 40, h - 40, fill=None, stroke=RED, sw=3)
    s.rect(x + 28, y + 28, w - 56, h - 56, fill=None, stroke=RED, sw=1.2)
    centred(s, x + w / 2, y + 96, "ТЕЛЕГРАММА", 60, weight="bold", fill=RED, spacing=14)
    s.text(x + 60, y + 150, "Петроградская Центральная Телеграфная Станція", size=20, style="italic",
           fill=RED)
    # Form fields.
    labels = (("Подана", "25/10 23 ч. 40 м."), ("Принята", "26/10 0 ч. 05 м."),
              ("Словъ", "31"), ("Изъ", "ПЕТРОГРАДА"))
    for i, (lab, val) in enumerate(labels):
        fx = x + 60 + (i % 2) * 450
        fy = y + 200 + (i // 2) * 46
        s.text(fx, fy, lab + ":", size=20, fill=RED)
        s.rect(fx + 100, fy + 6, 320, 1.5, fill=RED)
        s.text(fx + 110, fy, val, size=20, family=MONO, weight="bold")
    s.rect(x + 60, y + 290, w - 120, 2, fill=RED)
    # The strips of tape pasted on.
    rnd = random.Random(7)
    for i, line in enumerate(TELEGRAM_STRIPS):
        sy = y + 320 + i * 46
        sw = measure(line, 30, family=MONO, weight="bold") + 40
        sx = x + 80 + rnd.uniform(-6, 6)
        s.add(f'<g transform="rotate({f1(rnd.uniform(-0.7, 0.7))} {f1(sx)} {f1(sy)})">')
        s.rect(sx + 3, sy + 4, sw, 36, fill=BLACK, opacity=0.25)
        s.rect(sx, sy, sw, 36, fill=PAPER)
        s.text(sx + 20, sy + 27, line, size=30, family=MONO, weight="bold")
        s.add("</g>")
    s.text(x + w - 70, y + h - 60, "Подпись: ___________", size=20, fill=RED, anchor="end")
    s.add("</g>")
    return s


# --- The Congress vote ---------------------------------------------------------------------

@scene("documents/ballot")
def ballot() -> Svg:
    s = Svg(treatment="letterpress", title="A delegate's card", focus=(0.5, 0.45),
            desc="A delegate's voting card of the Second All-Russian Congress of Soviets, held "
                 "up among hundreds of hands.")
    s.rect(0, 0, W, H, fill=ink(0.3, 0.2))
    # Hands raised in the hall behind, holding up cards and caps.
    rnd = random.Random(11)
    for i in range(40):
        x = rnd.uniform(-40, W + 40)
        base = rnd.uniform(640, 1000)
        sc = (base - 480) / 420
        top = base - 380 * sc
        lean = rnd.uniform(-40, 40) * sc
        s.path(f"M {f1(x - 30 * sc)} {f1(base)} L {f1(x + lean - 14 * sc)} {f1(top + 60 * sc)} "
               f"L {f1(x + lean + 14 * sc)} {f1(top + 60 * sc)} L {f1(x + 30 * sc)} {f1(base)} Z",
               fill=ink(0.9))
        hx, hy = x + lean, top + 40 * sc
        # fist with the thumb up
        s.path(f"M {f1(hx - 16 * sc)} {f1(hy + 24 * sc)} L {f1(hx - 18 * sc)} {f1(hy - 8 * sc)} "
               f"Q {f1(hx)} {f1(hy - 22 * sc)} {f1(hx + 18 * sc)} {f1(hy - 8 * sc)} "
               f"L {f1(hx + 16 * sc)} {f1(hy + 24 * sc)} Z", fill=ink(0.9))
        if rnd.random() < 0.65:
            a = rnd.uniform(-15, 15)
            s.add(f'<g transform="rotate({f1(a)} {f1(hx)} {f1(hy)})">')
            s.rect(hx - 45 * sc, hy - 70 * sc, 90 * sc, 62 * sc, fill=ink(0.05, rnd.choice((0, 0, 0.85))))
            s.rect(hx - 35 * sc, hy - 58 * sc, 70 * sc, 8 * sc, fill=ink(0.7))
            s.add("</g>")
    # The card held up in the foreground.
    cx, cy, w, h = 470, 120, 660, 470
    s.add(f'<g transform="rotate(-3 {cx + w / 2} {cy + h / 2})">')
    s.rect(cx + 12, cy + 16, w, h, fill=BLACK, opacity=0.5)
    s.rect(cx, cy, w, h, fill=PAPER)
    s.rect(cx + 16, cy + 16, w - 32, h - 32, fill=None, stroke=BLACK, sw=3)
    s.rect(cx + 24, cy + 24, w - 48, h - 48, fill=None, stroke=BLACK, sw=1)
    centred(s, cx + w / 2, cy + 78, "II ВСЕРОССІЙСКІЙ СЪѢЗДЪ", 30, weight="bold", fit=w - 90)
    centred(s, cx + w / 2, cy + 112, "Совѣтовъ Рабочихъ и Солдатскихъ Депутатовъ", 21, style="italic",
            fit=w - 90)
    s.rect(cx + 60, cy + 140, w - 120, 70, fill=RED)
    centred(s, cx + w / 2, cy + 190, "ДЕЛЕГАТЪ", 50, weight="bold", fill=PAPER, spacing=10)
    centred(s, cx + w / 2, cy + 250, "съ рѣшающимъ голосомъ", 26, style="italic")
    s.text(cx + 60, cy + 310, "Фамилія:", size=22)
    s.rect(cx + 170, cy + 314, 380, 1.5, fill=BLACK)
    s.text(cx + 60, cy + 352, "Отъ:", size=22)
    s.rect(cx + 120, cy + 356, 430, 1.5, fill=BLACK)
    s.text(cx + 60, cy + 394, "Фракція:", size=22)
    s.rect(cx + 170, cy + 398, 380, 1.5, fill=BLACK)
    s.text(cx + 190, cy + 348, "Вологодскій губ. Совѣтъ", size=24, style="italic", fill=ink(0.8, 0.1))
    s.text(cx + 200, cy + 390, "интернаціоналистъ", size=24, style="italic", fill=ink(0.8, 0.1))
    signature(s, cx + 190, cy + 305, 140, seed=12, name="Лебедевъ")
    centred(s, cx + w / 2, cy + 440, "Петроградъ, Смольный. 25 октября 1917 г.", 18)
    stamp(s, cx + w - 110, cy + 340, 70, "· МАНДАТНАЯ КОМИССІЯ СЪѢЗДА · ", ["№ 417"], "st2", angle=14)
    s.add("</g>")
    # The hand and sleeve holding it.
    s.path("M 730 600 Q 735 560 770 556 L 840 552 Q 870 556 868 590 L 860 640 L 740 640 Z", fill=BLACK)
    s.path("M 742 560 L 742 520 Q 752 508 762 520 L 762 560 Z", fill=BLACK)
    s.path("M 700 660 L 712 900 L 892 900 L 900 660 Q 800 630 700 660 Z", fill=ink(0.8, 0.2))
    return s


# --- The newspaper -----------------------------------------------------------------------

FILLER = ("Вчера въ Петроградѣ было спокойно. На улицахъ патрули; въ Смольномъ засѣдаетъ "
          "Военно-Революціонный Комитетъ. Гарнизонъ, по словамъ делегатовъ, не подчиняется "
          "штабу округа. Въ городской Думѣ обсуждался вопросъ о продовольствіи. Цѣны на хлѣбъ "
          "растутъ; очереди у лавокъ съ ночи. Изъ Москвы сообщаютъ о волненіяхъ. Съ фронта "
          "телеграфируютъ о братаніи. Министръ-предсѣдатель выступилъ въ Совѣтѣ Республики. ")


@scene("documents/newspaper")
def newspaper() -> Svg:
    s = Svg(treatment="letterpress", title="Novaya Zhizn, 18 October 1917",
            desc="The front page of Gorky's paper with Kamenev's letter on the 'action'.")
    desk(s, "desk3")
    x, y, w, h = 260, 20, 1080, 1000
    sheet(s, x, y, w, h, angle=0.6, fill=ink(0.05))
    s.add(f'<g transform="rotate(0.6 {x + w / 2} {y + h / 2})">')
    s.text(x + 40, y + 40, "№ 156 (150)", size=17)
    s.text(x + w - 40, y + 40, "Среда, 18 (31) октября 1917 г.", size=17, anchor="end")
    rule(s, x + 30, y + 52, w - 60, 2)
    centred(s, x + w / 2, y + 150, "НОВАЯ ЖИЗНЬ", 104, weight="bold", spacing=6, fit=w - 100)
    centred(s, x + w / 2, y + 186, "Ежедневная соціалъ-демократическая газета", 22, style="italic")
    rule(s, x + 30, y + 202, w - 60, 4, double=True)
    # Headline across the page.
    centred(s, x + w / 2, y + 270, "Ю. Каменевъ о «выступленіи».", 50, weight="bold", fill=RED,
            fit=w - 100)
    rule(s, x + 30, y + 292, w - 60, 1.5)
    col_w = (w - 60 - 40) / 3
    lead = ("Въ виду того, что вопросъ о выступленіи обсуждается, считаю нужнымъ заявить, "
            "что не только я и тов. Зиновьевъ, но и рядъ товарищей-практиковъ находятъ, что "
            "взять на себя иниціативу вооруженнаго возстанія въ настоящій моментъ, при данномъ "
            "соотношеніи общественныхъ силъ, независимо и за нѣсколько дней до Съѣзда Совѣтовъ, "
            "было бы недопустимымъ, гибельнымъ для пролетаріата и революціи шагомъ.")
    for c in range(3):
        cx = x + 30 + c * (col_w + 20)
        yy = y + 330
        if c == 0:
            yy = block(s, cx, yy, lead, size=19, width=col_w, leading=1.3, indent=20)
            s.text(cx + col_w, yy + 6, "Ю. Каменевъ.", size=19, style="italic", anchor="end")
            yy += 40
        if c == 1:
            # A halftone block: a meeting before the Tauride Palace, dome and portico.
            s.rect(cx, yy, col_w, 200, fill=ink(0.25))
            s.rect(cx + 30, yy + 90, col_w - 60, 60, fill=ink(0.6))
            s.path(f"M {f1(cx + col_w / 2 - 50)} {f1(yy + 90)} Q {f1(cx + col_w / 2)} {f1(yy + 20)} "
                   f"{f1(cx + col_w / 2 + 50)} {f1(yy + 90)} Z", fill=ink(0.6))
            for k in range(6):
                s.rect(cx + col_w / 2 - 50 + k * 19, yy + 95, 7, 55, fill=ink(0.2))
            s.rect(cx, yy + 150, col_w, 50, fill=ink(0.8))
            for k in range(16):
                s.circle(cx + 8 + k * col_w / 16, yy + 150 + (k % 3) * 3, 8, fill=ink(0.85))
            s.rect(cx + col_w * 0.3, yy + 112, col_w * 0.4, 22, fill=ink(0.9))
            yy += 220
            s.text(cx + col_w / 2, yy, "Митингъ у Таврическаго дворца.", size=16, style="italic",
                   anchor="middle")
            yy += 34
        s.text(cx + col_w / 2, yy, ("Въ Петроградѣ", "Совѣтъ Республики", "Послѣднія извѣстія")[c],
               size=24, weight="bold", anchor="middle")
        yy += 34
        filler = FILLER * 4
        start = (c * 97) % len(FILLER)
        block(s, cx, yy, filler[start:start + 520 + (200 if c != 0 else 0)], size=17,
              width=col_w, leading=1.28, indent=18)
    for c in (1, 2):
        lx = x + 30 + c * (col_w + 20) - 10
        s.rect(lx, y + 310, 1.2, 660, fill=BLACK)
    s.add("</g>")
    return s


# --- The mandate ---------------------------------------------------------------------------

@scene("documents/mandate")
def mandate() -> Svg:
    s = Svg(treatment="letterpress", title="A commissar's mandate",
            desc="A mandate of the Military Revolutionary Committee naming its bearer commissar, "
                 "with signature and stamp, on a table by lamplight beside a revolver.")
    desk(s, "desk4")
    g = s.radgrad("lamp", [(0, ink(0, 0.2), 0.8), (1, ink(0, 0.2), 0)], user=(800, 300, 700))
    s.circle(800, 300, 700, fill=g)
    x, y, w, h = 440, 110, 720, 600
    sheet(s, x, y, w, h, angle=-2)
    s.add(f'<g transform="rotate(-2 {x + w / 2} {y + h / 2})">')
    s.text(x + 50, y + 60, "Р. С.-Д. Р. П.", size=18)
    s.text(x + w - 50, y + 60, "Пролетаріи всѣхъ странъ, соединяйтесь!", size=18, style="italic",
           anchor="end")
    centred(s, x + w / 2, y + 130, "МАНДАТЪ", 62, weight="bold", spacing=16, fill=RED)
    rule(s, x + 200, y + 148, w - 400, 3)
    text = ("Предъявитель сего, товарищъ ________________, назначается комиссаромъ "
            "Военно-Революціоннаго Комитета при Петроградскомъ Совѣтѣ Рабочихъ и Солдатскихъ "
            "Депутатовъ. Всѣ распоряженія комиссара подлежатъ немедленному исполненію. "
            "Всякое противодѣйствіе комиссару будетъ разсматриваться какъ противодѣйствіе "
            "Совѣту.")
    yy = block(s, x + 60, y + 210, text, size=26, width=w - 120, indent=40, leading=1.45,
               family=MONO, weight="bold", justify=False)
    s.text(x + 60, yy + 50, "Предсѣдатель В.-Р. К.", size=22)
    signature(s, x + 320, yy + 48, 150, seed=21, name="Подвойскій")
    s.text(x + 60, yy + 100, "25 октября 1917 г.", size=22, family=MONO, weight="bold")
    stamp(s, x + w - 150, yy + 50, 84, "· ВОЕННО-РЕВОЛЮЦІОННЫЙ КОМИТЕТЪ · ПЕТРОГРАДЪ ",
          ["В.-Р. К.", "при П. С."], "st3", angle=8)
    s.add("</g>")
    # A Nagant revolver on the desk.
    s.add('<g transform="rotate(12 1340 760)">')
    s.path("M 1220 740 L 1460 740 L 1460 770 L 1300 772 L 1296 790 L 1280 800 L 1290 860 L 1250 870 "
           "L 1236 800 L 1220 780 Z", fill=BLACK)
    s.rect(1286, 748, 40, 30, fill=ink(0.5))
    s.add("</g>")
    return s


# --- The ultimatum -------------------------------------------------------------------------

ULTIMATUM = (
    "По постановленію Военно-Революціоннаго Комитета при Петроградскомъ Совѣтѣ Рабочихъ и "
    "Солдатскихъ Депутатовъ Временное Правительство объявляется низложеннымъ. Зимній дворецъ "
    "окруженъ революціонными войсками. Орудія Петропавловской крѣпости и судовъ «Аврора», "
    "«Амуръ» и др. направлены на Зимній дворецъ и зданіе Главнаго Штаба. Предлагаемъ "
    "Временному Правительству и подчиненнымъ ему войскамъ сдаться."
)


@scene("documents/ultimatum")
def ultimatum() -> Svg:
    s = Svg(treatment="letterpress", title="The ultimatum",
            desc="The Military Revolutionary Committee's ultimatum to the Provisional Government, "
                 "25 October 1917: twenty minutes to surrender.")
    desk(s, "desk5")
    x, y, w, h = 380, 50, 840, 800
    sheet(s, x, y, w, h, angle=1.5, fill=ink(0.0, 0.05))
    s.add(f'<g transform="rotate(1.5 {x + w / 2} {y + h / 2})">')
    s.text(x + 60, y + 80, "ВРЕМЕННОМУ ПРАВИТЕЛЬСТВУ", size=30, family=MONO, weight="bold")
    s.text(x + 60, y + 118, "Зимній дворецъ", size=22, family=MONO, weight="bold")
    s.text(x + w - 60, y + 80, "25.X.1917", size=24, family=MONO, weight="bold", anchor="end")
    s.text(x + w - 60, y + 112, "18 ч. 30 м.", size=24, family=MONO, weight="bold", anchor="end")
    centred(s, x + w / 2, y + 200, "УЛЬТИМАТУМЪ", 40, family=MONO, weight="bold", spacing=10)
    yy = block(s, x + 60, y + 260, ULTIMATUM, size=23, width=w - 120, family=MONO, weight="bold", justify=False,
               indent=46, leading=1.5)
    s.text(x + 60, yy + 40, "На размышленіе дается", size=25, family=MONO, weight="bold")
    s.text(x + 430, yy + 40, "20 минутъ.", size=30, family=MONO, weight="bold", fill=RED)
    s.path(f"M {x + 420} {yy + 52} q 90 10 200 -4", fill=None, stroke=RED, sw=4)
    s.text(x + 60, yy + 80, "Отвѣтъ передать подателю сего.", size=23, family=MONO, weight="bold")
    s.text(x + 60, yy + 150, "Предсѣдатель В.-Р. К.", size=23, family=MONO, weight="bold")
    signature(s, x + 400, yy + 148, 160, seed=31, name="Антоновъ")
    s.text(x + 60, yy + 200, "Секретарь", size=23, family=MONO, weight="bold")
    signature(s, x + 400, yy + 198, 130, seed=32, name="Чудновскій")
    stamp(s, x + w - 160, yy + 150, 80, "· ВОЕННО-РЕВОЛЮЦІОННЫЙ КОМИТЕТЪ · ПЕТРОГРАДЪ ",
          ["В.-Р. К."], "st4", angle=-20)
    s.add("</g>")
    # A cadet's cap on the desk's edge, a pocket watch.
    s.circle(1370, 740, 64, fill=ink(0.1), stroke=BLACK, sw=10)
    s.line(1370, 740, 1370, 694, stroke=BLACK, sw=5)
    s.line(1370, 740, 1404, 752, stroke=BLACK, sw=5)
    s.circle(1370, 666, 12, fill=None, stroke=BLACK, sw=6)
    s.path("M 1370 654 Q 1440 560 1560 600", fill=None, stroke=BLACK, sw=4,
           extra='stroke-dasharray="6 4"')
    return s
