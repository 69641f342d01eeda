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

