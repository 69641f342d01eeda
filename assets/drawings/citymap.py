"""The map of Petrograd, October 1917, drawn as SVG in code.

Geography is schematic but true in its relations: the Neva comes up from the south-east past
Smolny, turns west, throws off the Bolshaya Nevka to the north, passes the Peter and Paul
Fortress on its island and the Winter Palace on the left bank, and splits at the Strelka of
Vasilievsky Island into the Bolshaya and Malaya Neva. The map is drawn in base units
(BASE_W x BASE_H, x east, y south); the view box is widened or heightened around the base
so that the picture fills any requested size without cropping a location.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

BASE_W, BASE_H = 1600.0, 1000.0


class MapLocation(NamedTuple):
    label: str
    x: float  # 0..1 across the base map, west to east
    y: float  # 0..1 down the base map, north to south
    kind: str  # "building" | "bridge" | "station"


def _loc(label: str, x: float, y: float, kind: str = "building") -> MapLocation:
    return MapLocation(label, x / BASE_W, y / BASE_H, kind)


#: id -> label and position. The front end may use map_position() for hit-testing.
MAP_LOCATIONS: dict[str, MapLocation] = {
    "smolny": _loc("Smolny", 1318, 500),
    "winter_palace": _loc("Winter Palace", 612, 478),
    "general_staff": _loc("General Staff", 640, 540),
    "peter_paul_fortress": _loc("Peter and Paul Fortress", 668, 336),
    "nikolaevsky_bridge": _loc("Nikolaevsky Bridge", 404, 500, "bridge"),
    "palace_bridge": _loc("Palace Bridge", 566, 430, "bridge"),
    "troitsky_bridge": _loc("Troitsky Bridge", 790, 388, "bridge"),
    "liteiny_bridge": _loc("Liteiny Bridge", 1046, 356, "bridge"),
    "finland_station": _loc("Finland Station", 1112, 282, "station"),
    "nikolaevsky_station": _loc("Nikolaevsky Station", 1196, 742, "station"),
    "telegraph": _loc("Telegraph", 470, 602),
    "telephone_exchange": _loc("Telephone Exchange", 690, 590),
    "state_bank": _loc("State Bank", 790, 684),
    "mariinsky_palace": _loc("Mariinsky Palace", 520, 660),
}

HOLDERS = ("government", "mrc", "contested")

# Inks, in the separation convention of drawings/svg.py (R = 1 - black, G = R * (1 - red)).
_BLACK = "#000000"
_RED = "#ff0000"
_PAPER = "#ffffff"


def _grey(k: float) -> str:
    v = round(255 * (1 - k))
    return f"#{v:02x}{v:02x}{v:02x}"


# Rivers as centre lines with widths (base units).
_NEVA = "M 1640 900 C 1540 800 1470 700 1440 600 C 1420 520 1400 440 1330 400 C 1240 350 1120 350 1040 352 C 960 354 880 372 800 386 C 720 400 640 412 590 424 C 520 442 470 470 420 492 C 340 525 220 548 60 566 L -40 576"
_MALAYA = "M 578 414 C 540 384 500 350 450 318 C 390 280 300 244 200 214 C 120 192 40 180 -40 172"
_NEVKA = "M 968 360 C 960 300 944 240 910 180 C 880 126 830 80 770 30 L 730 -40"
_KRONVERK = "M 600 396 C 600 346 620 312 668 300 C 716 290 752 320 762 384"
_FONTANKA = "M 880 376 C 884 440 890 520 900 600 C 906 680 880 760 800 792 C 700 830 560 820 420 770 C 340 740 290 690 250 560"
_MOIKA = "M 866 420 C 800 440 740 470 690 500 C 640 530 600 560 540 570 C 470 580 400 560 330 548"
_CANAL = "M 722 484 C 740 540 770 600 760 660 C 750 720 690 760 620 790"
_GULF = "M -600 -400 L 70 -400 L 70 120 C 40 300 30 500 60 566 C 50 700 40 860 70 1400 L -600 1400 Z"

_STREETS = [
    # The three rays from the Admiralty, Liteiny, Suvorovsky, Shpalernaya, Sadovaya, Kamennoostrovsky.
    "M 590 500 L 1196 742",
    "M 590 500 L 744 1000",
    "M 590 500 L 470 1000",
    "M 1048 392 L 1086 700",
    "M 1196 742 L 1320 520",
    "M 870 410 C 1000 400 1150 410 1300 470",
    "M 620 700 C 720 650 800 600 870 560",
    "M 760 300 C 740 220 700 140 640 40",
    "M 1100 300 L 1300 120",
    "M 1196 742 L 1500 900",
    "M 470 470 L 160 420",
    "M 430 400 L 130 360",
]


def _hatch_defs() -> str:
    return (
        '<defs>'
        '<pattern id="water" width="9" height="7" patternUnits="userSpaceOnUse">'
        f'<rect width="9" height="7" fill="{_grey(0.08)}"/>'
        f'<rect y="2.5" width="9" height="2.2" fill="{_grey(0.6)}"/></pattern>'
        '<pattern id="contested" width="12" height="12" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="12" height="12" fill="{_RED}"/>'
        f'<rect width="6" height="12" fill="{_BLACK}"/></pattern>'
        '<pattern id="blocks" width="26" height="26" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(-20)">'
        f'<rect width="26" height="26" fill="{_PAPER}"/>'
        f'<rect x="2" y="2" width="22" height="22" fill="{_grey(0.07)}"/></pattern>'
        '</defs>'
    )


def _river(d: str, width: float) -> str:
    return (
        f'<path d="{d}" fill="none" stroke="{_BLACK}" stroke-width="{width + 5}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
        f'<path d="{d}" fill="none" stroke="url(#water)" stroke-width="{width}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _fill_for(holder: str) -> str:
    return {"mrc": _RED, "contested": "url(#contested)"}.get(holder, _BLACK)


def _marker(loc: MapLocation, holder: str) -> str:
    x, y = loc.x * BASE_W, loc.y * BASE_H
    fill = _fill_for(holder)
    if loc.kind == "bridge":
        return (
            f'<g transform="translate({x:.1f} {y:.1f})">'
            f'<rect x="-30" y="-11" width="60" height="22" fill="{_PAPER}" stroke="{_BLACK}" '
            'stroke-width="3"/>'
            f'<rect x="-25" y="-6" width="50" height="12" fill="{fill}"/></g>'
        )
    if loc.kind == "station":
        return (
            f'<g transform="translate({x:.1f} {y:.1f})">'
            f'<circle r="19" fill="{_PAPER}" stroke="{_BLACK}" stroke-width="3"/>'
            f'<circle r="13" fill="{fill}"/></g>'
        )
    return (
        f'<g transform="translate({x:.1f} {y:.1f})">'
        f'<rect x="-19" y="-19" width="38" height="38" fill="{_PAPER}" stroke="{_BLACK}" '
        'stroke-width="3"/>'
        f'<rect x="-14" y="-14" width="28" height="28" fill="{fill}"/></g>'
    )


# Label placement: (dx, dy, anchor) relative to the marker.
_LABEL_AT = {
    "smolny": (0, 50, "middle"),
    "winter_palace": (30, 8, "start"),
    "general_staff": (-26, 34, "end"),
    "peter_paul_fortress": (0, -40, "middle"),
    "nikolaevsky_bridge": (-40, 40, "end"),
    "palace_bridge": (-44, -8, "end"),
    "troitsky_bridge": (42, 8, "start"),
    "liteiny_bridge": (40, 8, "start"),
    "finland_station": (30, 8, "start"),
    "nikolaevsky_station": (30, 8, "start"),
    "telegraph": (-30, 8, "end"),
    "telephone_exchange": (30, 8, "start"),
    "state_bank": (30, 8, "start"),
    "mariinsky_palace": (-30, 26, "end"),
}


_FONTS = Path(__file__).resolve().parents[1] / "fonts"


@lru_cache(maxsize=None)
def _text_width(text: str, size: int, face: str = "OldStandard-Bold.ttf") -> float:
    from PIL import ImageFont
    return ImageFont.truetype(str(_FONTS / face), size).getlength(text)


def label_plate(loc_id: str, loc: MapLocation) -> tuple[float, float, float, float]:
    """The paper plate under a place's name (x, y, width, height in base units): streets and
    water stop at its edge, so nothing runs through the letters."""
    x, y = loc.x * BASE_W, loc.y * BASE_H
    dx, dy, anchor = _LABEL_AT.get(loc_id, (26, 8, "start"))
    width = _text_width(loc.label, 25)
    left = {"start": x + dx, "end": x + dx - width, "middle": x + dx - width / 2}[anchor]
    return (left - 6, y + dy - 21, width + 12, 29)


def _label(loc_id: str, loc: MapLocation, words: dict[str, str]) -> str:
    loc = MapLocation(words.get(loc_id, loc.label), loc.x, loc.y, loc.kind)
    x, y = loc.x * BASE_W, loc.y * BASE_H
    dx, dy, anchor = _LABEL_AT.get(loc_id, (26, 8, "start"))
    px, py, pw, ph = label_plate(loc_id, loc)
    t = escape(loc.label)
    return (
        f'<rect data-plate="{escape(loc_id)}" x="{px:.1f}" y="{py:.1f}" width="{pw:.1f}" height="{ph:.1f}" '
        f'rx="4" fill="{_PAPER}"/>'
        f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" '
        'font-family="Old Standard TT" font-weight="bold" font-size="25" '
        f'fill="{_BLACK}">{t}</text>'
    )


def view_box(size: tuple[int, int]) -> tuple[float, float, float, float]:
    """The view box (x, y, w, h) in base units that fills ``size`` with the whole base map."""
    w, h = size
    aspect = w / h
    if aspect >= BASE_W / BASE_H:
        vw = BASE_H * aspect
        return ((BASE_W - vw) / 2, 0.0, vw, BASE_H)
    vh = BASE_W / aspect
    return (0.0, (BASE_H - vh) / 2, BASE_W, vh)


def map_position(location_id: str, size: tuple[int, int]) -> tuple[int, int]:
    """Pixel centre of a location on a map rendered at ``size``. KeyError if unknown."""
    loc = MAP_LOCATIONS[location_id]
    vx, vy, vw, vh = view_box(size)
    return (
        round((loc.x * BASE_W - vx) / vw * size[0]),
        round((loc.y * BASE_H - vy) / vh * size[1]),
    )


def _legend(words: dict[str, str]) -> str:
    x, y = 1150, 842
    rows = [(words["legend_government"], _BLACK), (words["legend_mrc"], _RED),
            (words["legend_contested"], "url(#contested)")]
    out = [
        f'<rect x="{x - 20}" y="{y - 48}" width="460" height="180" fill="{_PAPER}" '
        f'stroke="{_BLACK}" stroke-width="3"/>',
        f'<rect x="{x - 13}" y="{y - 41}" width="446" height="166" fill="none" '
        f'stroke="{_BLACK}" stroke-width="1.2"/>',
        f'<text x="{x + 210}" y="{y - 14}" text-anchor="middle" font-family="Old Standard TT" '
        f'font-style="italic" font-size="24" fill="{_BLACK}">{escape(words["legend_title"])}</text>',
    ]
    for i, (name, fill) in enumerate(rows):
        yy = y + 14 + i * 38
        out.append(f'<rect x="{x}" y="{yy - 14}" width="28" height="28" fill="{fill}" '
                   f'stroke="{_BLACK}" stroke-width="2"/>')
        out.append(f'<text x="{x + 42}" y="{yy + 8}" font-family="Old Standard TT" '
                   f'font-size="22" fill="{_BLACK}">{escape(name)}</text>')
    return "".join(out)


def _cartouche(words: dict[str, str]) -> str:
    return (
        f'<g><rect x="90" y="760" width="470" height="170" fill="{_PAPER}" stroke="{_BLACK}" '
        'stroke-width="4"/>'
        f'<rect x="100" y="770" width="450" height="150" fill="none" stroke="{_RED}" '
        'stroke-width="2"/>'
        f'<text x="325" y="828" text-anchor="middle" font-family="Old Standard TT" '
        f'font-weight="bold" font-size="44" letter-spacing="3" fill="{_BLACK}">ПЕТРОГРАДЪ</text>'
        f'<text x="325" y="866" text-anchor="middle" font-family="Old Standard TT" '
        f'font-style="italic" font-size="24" fill="{_BLACK}">{escape(words["cartouche"])}</text>'
        f'<text x="325" y="900" text-anchor="middle" font-family="Old Standard TT" '
        f'font-size="18" letter-spacing="2" fill="{_RED}">ВЕРСТЪ 1 · 2 · 3</text>'
        f'<path d="M 230 908 L 420 908" stroke="{_BLACK}" stroke-width="3"/>'
        '</g>'
    )


def _compass() -> str:
    return (
        '<g transform="translate(1500 110)">'
        f'<circle r="46" fill="{_PAPER}" stroke="{_BLACK}" stroke-width="3"/>'
        f'<path d="M 0 -58 L 12 0 L 0 58 L -12 0 Z" fill="{_BLACK}"/>'
        f'<path d="M 0 -58 L 12 0 L -12 0 Z" fill="{_RED}"/>'
        f'<text y="-66" text-anchor="middle" font-family="Old Standard TT" font-weight="bold" '
        f'font-size="26" fill="{_BLACK}">N</text></g>'
    )


# Districts in spaced capitals, waters in italics. Each sits clear of the streets (or runs
# beside one), the rivers' names lie beside or along their water, and every label has a
# paper halo so that no line or hatching runs through its letters.
#: (x, y, text, rotation in degrees, land or water), the text's baseline centred on x, y.
AREA_LABELS = [
    (300, 366, "vasilievsky_island", 7.6, "land"),      # just above the street it follows
    (520, 180, "petrograd_side", -22, "land"),
    (1170, 104, "vyborg_side", 0, "land"),              # above the Finland Station's line
    (930, 890, "admiralty_side", 0, "land"),            # between the Nevsky rays and the legend
    (1190, 364, "neva", 2, "water"),
    (1470, 694, "neva", 63, "water"),                   # along the river, not across it
    (1518, 440, "okhta", 0, "land"),
    (958, 196, "bolshaya_nevka", 73, "water"),          # on the Vyborg bank, along the river
    (300, 222, "malaya_neva", 18, "water"),             # on the Petrograd bank, along the river
    (120, 700, "gulf_of_finland", -88, "water"),
]

#: The map's words, by key; a story's map.yaml `labels:` gives them in its language (its
#: translations replace them), and any it leaves out stay as written here.
WORDS: dict[str, str] = {
    **{loc_id: loc.label for loc_id, loc in MAP_LOCATIONS.items()},
    "vasilievsky_island": "VASILIEVSKY ISLAND", "petrograd_side": "PETROGRAD SIDE",
    "vyborg_side": "VYBORG SIDE", "admiralty_side": "ADMIRALTY SIDE", "neva": "N E V A",
    "okhta": "OKHTA", "bolshaya_nevka": "Bolshaya Nevka", "malaya_neva": "Malaya Neva",
    "gulf_of_finland": "GULF OF FINLAND",
    "legend_title": "Held by", "legend_government": "Provisional Government",
    "legend_mrc": "Military Revolutionary Committee", "legend_contested": "Contested",
    "cartouche": "Petrograd, October 1917",
}


def _area_labels(words: dict[str, str]) -> str:
    out = []
    for x, y, key, rot, kind in AREA_LABELS:
        text = words[key]
        tone = _grey(0.7) if kind == "land" else _grey(0.85)
        spacing = 4 if kind == "land" else 2
        out.append(
            f'<text x="{x}" y="{y}" text-anchor="middle" transform="rotate({rot} {x} {y})" '
            f'font-family="Old Standard TT" font-style="italic" font-size="24" letter-spacing="{spacing}" '
            f'stroke="{_PAPER}" stroke-width="7" stroke-linejoin="round" paint-order="stroke" '
            f'fill="{tone}">{escape(text)}</text>'
        )
    return "".join(out)


def map_svg(holdings: dict[str, str], size: tuple[int, int], *, highlight: str | None = None,
            labels: dict[str, str] | None = None) -> str:
    words = {**WORDS, **(labels or {})}
    vx, vy, vw, vh = view_box(size)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vx:.2f} {vy:.2f} {vw:.2f} {vh:.2f}" '
        f'width="{size[0]}" height="{size[1]}" data-treatment="litho">',
        _hatch_defs(),
        f'<rect x="{vx - 10:.1f}" y="{vy - 10:.1f}" width="{vw + 20:.1f}" height="{vh + 20:.1f}" '
        f'fill="{_PAPER}"/>',
        # City blocks as a faint grid on the built-up left bank.
        f'<path d="M 300 470 C 600 440 900 400 1300 470 L 1400 600 L 1380 980 L 300 980 Z" '
        'fill="url(#blocks)"/>',
        f'<path d="{_GULF}" fill="url(#water)" stroke="{_BLACK}" stroke-width="3"/>',
    ]
    for d in _STREETS:
        parts.append(f'<path d="{d}" fill="none" stroke="{_grey(0.45)}" stroke-width="4"/>')
    parts += [
        _river(_FONTANKA, 12), _river(_MOIKA, 9), _river(_CANAL, 7),
        _river(_KRONVERK, 12), _river(_NEVKA, 34), _river(_MALAYA, 38), _river(_NEVA, 64),
        # Zayachy Island with the fortress's bastions.
        f'<path d="M 606 352 L 622 324 L 660 314 L 704 318 L 736 334 L 744 360 L 716 374 '
        f'L 660 378 L 620 374 Z" fill="{_PAPER}" stroke="{_BLACK}" stroke-width="3"/>',
        # Bridges: decks across the water.
        f'<path d="M 414 536 L 394 466" stroke="{_BLACK}" stroke-width="9"/>',
        f'<path d="M 590 468 L 552 396" stroke="{_BLACK}" stroke-width="9"/>',
        f'<path d="M 800 430 L 770 338" stroke="{_BLACK}" stroke-width="9"/>',
        f'<path d="M 1048 398 L 1044 312" stroke="{_BLACK}" stroke-width="9"/>',
        _area_labels(words),
    ]
    # Smolny's landmark: the cathedral's domes above the marker, small.
    for loc_id, loc in MAP_LOCATIONS.items():
        holder = holdings.get(loc_id, "government")
        if holder not in HOLDERS:
            holder = "government"
        parts.append(_marker(loc, holder))
    if highlight in MAP_LOCATIONS:
        loc = MAP_LOCATIONS[highlight]
        x, y = loc.x * BASE_W, loc.y * BASE_H
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="44" fill="none" stroke="{_RED}" '
            'stroke-width="7"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="54" fill="none" stroke="{_BLACK}" '
            'stroke-width="3" stroke-dasharray="10 7"/>'
        )
    for loc_id, loc in MAP_LOCATIONS.items():
        parts.append(_label(loc_id, loc, words))
    parts += [_legend(words), _cartouche(words), _compass()]
    # A double frame line inside the base map.
    parts.append(f'<rect x="{vx + 12:.1f}" y="{vy + 12:.1f}" width="{vw - 24:.1f}" '
                 f'height="{vh - 24:.1f}" fill="none" stroke="{_BLACK}" stroke-width="5"/>')
    parts.append(f'<rect x="{vx + 22:.1f}" y="{vy + 22:.1f}" width="{vw - 44:.1f}" '
                 f'height="{vh - 44:.1f}" fill="none" stroke="{_BLACK}" stroke-width="1.5"/>')
    parts.append("</svg>")
    return "".join(parts)
