"""Tests for engine.art (the picture pipeline) and the bundled story's pictures and map module."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

import engine.art as art
from engine.art import ArtNotFound, art_exists, art_ids, render
from engine.art import render_map as engine_render_map
from engine.art.pipeline import TREATMENTS, separate, treat
from engine.art.storymap import StoryMapError, load_map_module

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
MAP_DRAWING = "drawings/citymap.py"      # as story/story.yaml names it
_citymap = load_map_module(ASSETS, MAP_DRAWING)
MAP_LOCATIONS, map_position = _citymap.MAP_LOCATIONS, _citymap.map_position


def render_map(holdings, size, **kw):
    return engine_render_map(holdings, size, drawing=MAP_DRAWING, assets_dir=ASSETS, **kw)

REQUIRED = """
places/sukhanov_dining places/lesnoi_flat places/smolny_night places/smolny_corridor
places/smolny_room10 places/smolny_hall places/winter_palace_square places/winter_palace_corridor
places/malachite_room places/palace_dining places/peter_paul_fortress places/modern_circus
places/aurora_neva places/drawbridge places/telephone_exchange places/telegraph places/state_bank
places/mariinsky_palace places/nevsky_night places/city_duma places/kronstadt_flotilla
places/vyborg_tram places/barracks_yard places/general_staff_arch places/printing_press
places/railway_station places/street_rain places/palace_dawn places/fofanova_flat
places/engineers_school places/neva_embankment places/duma_march
documents/proclamation documents/mrc_order documents/telegram documents/ballot
documents/newspaper documents/mandate documents/ultimatum
portraits/commissar portraits/lenin portraits/minister portraits/cadet portraits/journalist
portraits/delegate portraits/trotsky portraits/antonov portraits/kerensky portraits/kamenev
portraits/martov portraits/kishkin portraits/sailor portraits/soldier portraits/red_guard
""".split()

MAP_IDS = {"smolny", "winter_palace", "peter_paul_fortress", "nikolaevsky_bridge", "palace_bridge",
           "troitsky_bridge", "liteiny_bridge", "finland_station", "nikolaevsky_station",
           "telegraph", "telephone_exchange", "state_bank", "mariinsky_palace", "general_staff"}

SMALL = (96, 54)


def _readme_ids() -> list[str]:
    text = (ASSETS / "README.md").read_text(encoding="utf-8")
    return re.findall(r"`((?:places|documents|portraits)/[a-z0-9_]+)`", text)


# --- sources --------------------------------------------------------------------------------

@pytest.mark.parametrize("art_id", REQUIRED)
def test_required_art_exists(art_id):
    assert art_exists(art_id), art_id
    assert (ASSETS / "art" / f"{art_id}.svg").is_file()


def test_every_id_in_readme_exists():
    ids = _readme_ids()
    assert len(ids) >= len(REQUIRED)
    missing = [i for i in ids if not art_exists(i)]
    assert not missing, missing


def test_every_source_is_listed_in_readme():
    listed = set(_readme_ids())
    unlisted = [i for i in art_ids() if i not in listed]
    assert not unlisted, f"add these to assets/README.md: {unlisted}"


def test_fonts_present_with_licences():
    fonts = ASSETS / "fonts"
    for name in ("OldStandard-Regular", "OldStandard-Italic", "OldStandard-Bold",
                 "CMUTypewriter-Regular"):
        assert (fonts / f"{name}.ttf").is_file(), name
    assert "Open Font License" in (fonts / "OFL-OldStandard.txt").read_text(encoding="utf-8")
    assert "OPEN FONT LICENSE" in (fonts / "OFL-CMU.txt").read_text(encoding="utf-8")


def test_engine_art_never_imports_pygame():
    for p in (ROOT / "engine" / "art").glob("*.py"):
        src = p.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+pygame", src, re.M), p.name


# --- render -------------------------------------------------------------------------------

@pytest.mark.parametrize("art_id", ["places/smolny_night", "documents/telegram", "portraits/lenin"])
@pytest.mark.parametrize("size", [SMALL, (40, 60), (33, 33)])
def test_render_exact_size_rgb(art_id, size):
    img = render(art_id, size, cache=False)
    assert isinstance(img, Image.Image)
    assert img.mode == "RGB"
    assert img.size == size


def test_render_is_deterministic_without_cache():
    a = render("places/aurora_neva", SMALL, cache=False)
    b = render("places/aurora_neva", SMALL, cache=False)
    assert a.tobytes() == b.tobytes()


def test_render_is_not_blank_and_uses_both_inks():
    img = render("places/winter_palace_square", (160, 90), cache=False)
    r, g, b = ImageStat.Stat(img).mean
    assert 30 < (r + g + b) / 3 < 220
    # somewhere red ink: red clearly above green
    diff = ImageChops.subtract(img.getchannel("R"), img.getchannel("G"))
    assert diff.getextrema()[1] > 80


def test_cache_round_trip(tmp_path):
    assets = tmp_path / "assets"
    (assets / "art" / "places").mkdir(parents=True)
    shutil.copy(ASSETS / "art" / "places" / "street_rain.svg", assets / "art" / "places")
    first = render("places/street_rain", SMALL, assets_dir=assets)
    cached = list((assets / "cache").glob("*.png"))
    assert len(cached) == 1
    second = render("places/street_rain", SMALL, assets_dir=assets)
    assert first.tobytes() == second.tobytes()
    fresh = render("places/street_rain", SMALL, assets_dir=assets, cache=False)
    assert fresh.tobytes() == first.tobytes()
    # A different size is a different cache entry.
    render("places/street_rain", (50, 50), assets_dir=assets)
    assert len(list((assets / "cache").glob("*.png"))) == 2


def test_cache_key_follows_source(tmp_path):
    assets = tmp_path / "assets"
    (assets / "art").mkdir(parents=True)
    src = ASSETS / "art" / "documents" / "mandate.svg"
    dst = assets / "art" / "m.svg"
    shutil.copy(src, dst)
    a = render("m", SMALL, assets_dir=assets)
    dst.write_text(src.read_text(encoding="utf-8").replace("МАНДАТЪ", "ПРОПУСКЪ"), encoding="utf-8")
    b = render("m", SMALL, assets_dir=assets)
    assert a.tobytes() != b.tobytes()


def test_png_sources_are_accepted(tmp_path):
    assets = tmp_path / "assets"
    (assets / "art").mkdir(parents=True)
    Image.new("RGB", (30, 20), (255, 0, 0)).save(assets / "art" / "flag.png")
    assert art_exists("flag", assets_dir=assets)
    img = render("flag", (20, 20), assets_dir=assets, cache=False)
    assert img.size == (20, 20) and img.mode == "RGB"


@pytest.mark.parametrize("bad", ["../README", "/etc/passwd", "places/../../secret", "..",
                                 "places/./smolny_night", "places\\smolny_night", "",
                                 "C:/windows", "places//smolny_night", "places/smolny night"])
def test_ids_that_escape_are_rejected(bad):
    with pytest.raises(ValueError):
        render(bad, SMALL, cache=False)
    with pytest.raises(ValueError):
        art_exists(bad)


def test_unknown_id_raises_art_not_found():
    with pytest.raises(ArtNotFound):
        render("places/atlantis", SMALL, cache=False)
    with pytest.raises(LookupError):
        render("portraits/nobody", SMALL, cache=False)
    assert issubclass(ArtNotFound, LookupError)
    assert not art_exists("places/atlantis")


@pytest.mark.parametrize("size", [(0, 10), (10, -1), (10,), "big", (10**6, 10)])
def test_bad_sizes_are_rejected(size):
    with pytest.raises(ValueError):
        render("places/smolny_night", size, cache=False)


def test_every_treatment_runs():
    src = Image.new("RGB", (40, 30), (255, 128, 128))
    for t in TREATMENTS:
        out = treat(src, t)
        assert out.size == (40, 30) and out.mode == "RGB"


def test_separation_convention():
    img = Image.new("RGB", (4, 1))
    img.putdata([(255, 255, 255), (0, 0, 0), (255, 0, 0), (128, 0, 0)])
    black, red = separate(img)
    assert [black.getpixel((i, 0)) for i in range(4)] == [0, 255, 0, 127]
    reds = [red.getpixel((i, 0)) for i in range(4)]
    assert reds[:3] == [0, 0, 255] and reds[3] >= 250


# --- the map --------------------------------------------------------------------------------

MAP_SIZE = (320, 200)


def _region(img: Image.Image, loc: str, r: int = 6) -> Image.Image:
    x, y = map_position(loc, img.size)
    return img.crop((x - r, y - r, x + r + 1, y + r + 1))


def test_map_locations_are_the_agreed_ids():
    assert set(MAP_LOCATIONS) == MAP_IDS
    for loc in MAP_LOCATIONS.values():
        assert loc.label and 0 < loc.x < 1 and 0 < loc.y < 1


@pytest.mark.parametrize("size", [MAP_SIZE, (200, 300), (257, 100)])
def test_map_exact_size(size):
    img = render_map({}, size, cache=False)
    assert img.size == size and img.mode == "RGB"


def test_map_changes_where_a_holding_changes():
    base = render_map({}, MAP_SIZE, cache=False)
    red = render_map({"smolny": "mrc"}, MAP_SIZE, cache=False)
    hatched = render_map({"smolny": "contested"}, MAP_SIZE, cache=False)
    a, b, c = (_region(i, "smolny") for i in (base, red, hatched))
    assert a.tobytes() != b.tobytes()
    assert a.tobytes() != c.tobytes()
    assert b.tobytes() != c.tobytes()
    # MRC is red: redness rises at Smolny.
    redness = lambda im: ImageStat.Stat(ImageChops.subtract(im.getchannel("R"), im.getchannel("G"))).mean[0]
    assert redness(b) > redness(a) + 20
    # ...and nowhere far away changes.
    assert _region(base, "telegraph").tobytes() == _region(red, "telegraph").tobytes()


def test_map_unknown_keys_and_values_are_government():
    base = render_map({}, MAP_SIZE, cache=False)
    odd = render_map({"atlantis": "mrc", "smolny": "martians", "winter_palace": "government"},
                     MAP_SIZE, cache=False)
    assert base.tobytes() == odd.tobytes()


def test_map_highlight_marks_the_location():
    base = render_map({}, MAP_SIZE, cache=False)
    lit = render_map({}, MAP_SIZE, highlight="winter_palace", cache=False)
    assert _region(base, "winter_palace", 12).tobytes() != _region(lit, "winter_palace", 12).tobytes()
    assert render_map({}, MAP_SIZE, highlight="nowhere", cache=False).tobytes() == base.tobytes()


def test_map_is_deterministic():
    h = {"finland_station": "mrc", "palace_bridge": "contested"}
    assert render_map(h, MAP_SIZE, cache=False).tobytes() == render_map(h, MAP_SIZE, cache=False).tobytes()


def test_public_api():
    for name in ("render", "render_map", "art_exists", "ArtNotFound", "PRINTINGS"):
        assert hasattr(art, name)


@pytest.mark.parametrize("drawing", ["../story/story.yaml", "/etc/passwd.py", "drawings/../../x.py",
                                     "drawings/nothing.py", "drawings/svg.txt", ""])
def test_a_map_module_never_comes_from_outside_the_assets_folder(drawing):
    with pytest.raises(StoryMapError):
        load_map_module(ASSETS, drawing)


def test_a_link_out_of_the_assets_folder_is_not_a_map_module(tmp_path):
    outside = tmp_path / "outside.py"
    outside.write_text("def map_svg(h, size, *, highlight=None):\n    return ''\n")
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "map.py").symlink_to(outside)
    with pytest.raises(StoryMapError, match="leads out"):
        load_map_module(assets, "map.py")


def test_a_map_module_without_map_svg_is_refused(tmp_path):
    (tmp_path / "map.py").write_text("LOCATIONS = {}\n")
    with pytest.raises(StoryMapError, match="map_svg"):
        load_map_module(tmp_path, "map.py")


def test_printing_none_shows_the_picture_as_drawn():
    printed = render("places/street_rain", SMALL, cache=False)
    plain = render("places/street_rain", SMALL, cache=False, printing="none")
    assert printed.tobytes() != plain.tobytes()
    # As drawn: exactly resvg's picture, cropped, with no print treatment over it.
    drawn, _treatment = art.rasterise_svg((ASSETS / "art/places/street_rain.svg").read_bytes(), SMALL, ASSETS)
    assert plain.tobytes() == drawn.tobytes()
    with pytest.raises(ValueError):
        render("places/street_rain", SMALL, cache=False, printing="sepia")


def test_weather_variants_are_deterministic_and_visible():
    from engine import art
    plain = art.render("places/winter_palace_square", (160, 90), cache=False)
    rain = art.render("places/winter_palace_square@rain", (160, 90), cache=False)
    assert rain.tobytes() == art.render("places/winter_palace_square@rain", (160, 90), cache=False).tobytes()
    assert rain.tobytes() != plain.tobytes()
    import pytest
    with pytest.raises(ValueError):
        art.render("places/winter_palace_square@hail", (160, 90))


# --- the bundled map's labels -----------------------------------------------------------------

def _street_points(d: str, step: float = 4.0):
    """Points along a street's path (M, L and C commands, absolute), about `step` apart."""
    import math
    tokens = re.findall(r"[MLC]|-?\d+(?:\.\d+)?", d)
    points, pos, i = [], None, 0
    while i < len(tokens):
        cmd = tokens[i]
        if cmd == "M":
            pos = (float(tokens[i + 1]), float(tokens[i + 2]))
            i += 3
        elif cmd == "L":
            end = (float(tokens[i + 1]), float(tokens[i + 2]))
            n = max(1, int(math.dist(pos, end) / step))
            points += [(pos[0] + (end[0] - pos[0]) * k / n, pos[1] + (end[1] - pos[1]) * k / n) for k in range(n + 1)]
            pos, i = end, i + 3
        elif cmd == "C":
            c1, c2, end = ((float(tokens[i + j]), float(tokens[i + j + 1])) for j in (1, 3, 5))
            for k in range(201):
                t = k / 200
                points.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * e
                                    for a, b, c, e in zip(pos, c1, c2, end)))
            pos, i = end, i + 7
        else:
            raise AssertionError(f"unexpected path command {cmd!r} in {d}")
    return points


def _area_label_boxes():
    """Each district and water name of the bundled map as (text, centre, angle, half-width, top,
    bottom) in base units, measured with the font the map is set in."""
    from PIL import ImageFont
    italic = ImageFont.truetype(str(ASSETS / "fonts" / "OldStandard-Italic.ttf"), 24)
    boxes = []
    for x, y, text, rot, kind in _citymap.AREA_LABELS:
        spacing = 4 if kind == "land" else 2
        width = italic.getlength(text) + spacing * len(text)
        boxes.append((text, (x, y), rot, width / 2, -17, 5))
    return boxes


def test_no_street_runs_through_a_district_or_river_name():
    import math
    crossings = []
    for text, (cx, cy), rot, half, top, bottom in _area_label_boxes():
        a = math.radians(rot)
        for d in _citymap._STREETS:
            for px, py in _street_points(d):
                # the point in the label's own frame: u along the baseline, v down from it
                u = (px - cx) * math.cos(a) + (py - cy) * math.sin(a)
                v = -(px - cx) * math.sin(a) + (py - cy) * math.cos(a)
                if abs(u) < half + 2 and top - 2 < v < bottom + 2:
                    crossings.append(f"{text!r}: the street {d[:30]}... at ({px:.0f}, {py:.0f})")
                    break
    assert not crossings, "\n".join(crossings)


def test_every_place_name_sits_on_a_paper_plate_drawn_over_the_streets():
    """Streets are many where the places are: each name is set on a paper plate, drawn after the
    streets and rivers, as wide as the name measures in its font, so nothing shows through it."""
    from PIL import ImageFont
    bold = ImageFont.truetype(str(ASSETS / "fonts" / "OldStandard-Bold.ttf"), 25)
    svg = _citymap.map_svg({}, (1600, 1000))
    last_street = max(svg.rfind(f'd="{d}"') for d in _citymap._STREETS)
    for loc_id, loc in MAP_LOCATIONS.items():
        plate = re.search(rf'<rect data-plate="{loc_id}" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" '
                          rf'height="([\d.]+)"[^>]*/><text x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)"', svg)
        assert plate and plate.start() > last_street, loc_id
        px, py, pw, ph, tx, ty = (float(v) for v in plate.groups()[:6])
        width = bold.getlength(loc.label)
        left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[plate.group(7)]
        assert px < left and left + width < px + pw, (loc_id, px, pw, left, width)
        assert py < ty - 17 and ty + 5 < py + ph, loc_id


def test_the_rivers_are_named_where_they_can_be_read():
    """Bolshaya Nevka is named beside its water, not on its hatching (issue 13)."""
    labels = {key: (x, y, rot) for x, y, key, rot, _ in _citymap.AREA_LABELS}     # placed by key, worded by WORDS
    assert _citymap.WORDS["bolshaya_nevka"] == "Bolshaya Nevka" and _citymap.WORDS["malaya_neva"] == "Malaya Neva"
    assert "bolshaya_nevka" in labels and "malaya_neva" in labels
    nevka = _street_points(_citymap._NEVKA.replace(" L 730 -40", ""))
    x, y, _ = labels["bolshaya_nevka"]
    nearest = min(((px - x) ** 2 + (py - y) ** 2) ** 0.5 for px, py in nevka)
    assert 34 / 2 < nearest < 60, nearest     # off the river (34 wide), but beside it


# --- the bundled story's drawings (assets/drawings/, issue 13) ------------------------------------

@pytest.fixture(scope="module")
def drawings():
    import importlib
    import sys
    sys.path.insert(0, str(ASSETS))
    try:
        yield {name: importlib.import_module(f"drawings.{name}") for name in ("portraits", "places", "svg", "common")}
    finally:
        sys.path.remove(str(ASSETS))


def test_every_person_has_a_face_of_their_own(drawings, monkeypatch):
    """Not one face template for everyone: the eyes, brows, nose, mouth and lines of each portrait
    differ from every other's; only Lenin keeps his face under his disguise."""
    portraits, common = drawings["portraits"], drawings["common"]
    seen = {}
    real_face = portraits.face

    def recording(s, f, **kw):
        ft = kw["features"]
        seen[current] = (ft.eyes, ft.brows, ft.nose, ft.mouth_w, ft.lips, ft.cheekbones, ft.chin, ft.forehead,
                         round(ft.gap, 2), f.fw, f.fh, f.jaw)
        return real_face(s, f, **kw)

    monkeypatch.setattr(portraits, "face", recording)
    ids = sorted(i for i in common.SCENES if i.startswith("portraits/"))
    for current in ids:
        common.SCENES[current]()
    assert set(seen) == set(ids) and len(ids) >= 16
    features = lambda i: seen[i][:9]
    # The same eyes, brows, nose, mouth and cheekbones (his wig's fringe hides the lines of his brow).
    same_man = lambda i: seen[i][:7] + seen[i][8:9]
    assert same_man("portraits/lenin") == same_man("portraits/lenin_disguised")
    others = [i for i in ids if i != "portraits/lenin_disguised"]
    faces = {}
    for i in others:
        assert features(i) not in faces, f"{i} has the face of {faces.get(features(i))}"
        faces[features(i)] = i


def test_lenin_in_hiding_is_drawn_clean_shaven_and_wigged():
    from engine.loading import load_story
    story, _ = load_story(ROOT / "story")
    assert story.roles["lenin"].portrait == "portraits/lenin_disguised"
    svg = (ASSETS / "art" / "portraits" / "lenin_disguised.svg").read_text(encoding="utf-8")
    assert "clean-shaven" in svg and "wig" in svg and "cap" in svg


def test_the_samovar_has_no_red_eyes(drawings, monkeypatch):
    svg = drawings["svg"]
    red_dots = []
    real_circle = svg.Svg.circle

    def circle(self, cx, cy, r, fill=svg.BLACK, *args, **kw):
        if fill == svg.RED:
            red_dots.append((cx, cy))
        return real_circle(self, cx, cy, r, fill, *args, **kw)

    monkeypatch.setattr(svg.Svg, "circle", circle)
    svg.samovar(svg.Svg(), 800, 655, 340)
    assert red_dots == []


def test_the_slogan_fits_its_banner(drawings):
    """МИРЪ · ХЛѢБЪ · ЗЕМЛЯ inside its cloth with a margin at each end, measured in the font it is set in."""
    from PIL import ImageFont
    text = (ASSETS / "art" / "places" / "barracks_yard.svg").read_text(encoding="utf-8")
    found = re.search(r'<text x="([\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>МИРЪ · ХЛѢБЪ · ЗЕМЛЯ</text>', text)
    assert found, "the barracks yard's banner"
    cx, size = float(found.group(1)), float(found.group(2))
    cloth = re.search(r'<path d="M ([\d.]+) 250(?:\.0)? [QL] [^"]*" fill="#ff0000"', text)
    left = float(cloth.group(1))
    half_cloth = cx - left
    font = ImageFont.truetype(str(ASSETS / "fonts" / "OldStandard-Bold.ttf"), 100)
    width = font.getlength("МИРЪ · ХЛѢБЪ · ЗЕМЛЯ") * size / 100
    assert width / 2 < half_cloth - 20, (width, half_cloth)
