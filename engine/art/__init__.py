"""A story's pictures: SVG or PNG sources in its assets folder, optionally given a print treatment.

Public API (Pillow only; the front end converts the returned images itself)::

    render(art_id, size, *, assets_dir=None, cache=True, printing="period") -> PIL.Image.Image
        # RGB, exactly size; art_id may end in @rain, @snow, @dawn or @searchlight (engine.artref);
        # printing is "period" (the two-ink print of engine.art.pipeline) or "none" (as drawn)
    art_exists(art_id, assets_dir=None) -> bool
    render_map(holdings, size, *, drawing, assets_dir, highlight=None, printing="period")
        # the story's own map module (engine.art.storymap) draws it; the engine prints it
    ArtNotFound                        # LookupError for an unknown art id

An art id such as ``places/harbour`` names ``assets/art/places/harbour.svg`` (or ``.png``). The
source is rasterised with resvg, cover-cropped to the requested size around its focus, and given
the story's print treatment. Results are cached in ``assets/cache/`` under a hash of (source
bytes, size, treatment, pipeline version); set the environment variable ``PETROGRAD_ART_CACHE=0``
(the variable keeps the package's name) or pass ``cache=False`` to bypass the cache.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from pathlib import Path

from PIL import Image

from .pipeline import PIPELINE_VERSION, TREATMENTS, treat

__all__ = [
    "ArtNotFound",
    "PRINTINGS",
    "art_exists",
    "art_ids",
    "default_assets_dir",
    "render",
    "render_map",
]

#: How a story's pictures are printed: "period" (two inks on aged paper) or "none" (as drawn).
PRINTINGS = ("period", "none")

_ID_RE = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*$")
_SOURCE_EXTS = (".svg", ".png")
_FONT_FILES = (
    "OldStandard-Regular.ttf",
    "OldStandard-Italic.ttf",
    "OldStandard-Bold.ttf",
    "CMUTypewriter-Regular.ttf",
    "CMUTypewriter-Bold.ttf",
)
_MAX_SIDE = 8192


class ArtNotFound(LookupError):
    """No source file exists for this art id."""


def default_assets_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "assets"


def _check_id(art_id: str) -> str:
    if not isinstance(art_id, str):
        raise ValueError(f"art id must be a string, not {type(art_id).__name__}")
    if (
        not art_id
        or art_id.startswith(("/", "\\"))
        or "\\" in art_id
        or ":" in art_id
        or any(part in ("", ".", "..") for part in art_id.split("/"))
        or os.path.isabs(art_id)
    ):
        raise ValueError(f"art id {art_id!r} would leave assets/")
    if not _ID_RE.match(art_id):
        raise ValueError(f"art id {art_id!r} may use only letters, digits, _, - and /")
    return art_id


def _check_size(size: tuple[int, int]) -> tuple[int, int]:
    try:
        w, h = (int(size[0]), int(size[1]))
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"size must be (width, height), got {size!r}") from None
    if len(size) != 2 or w < 1 or h < 1 or w > _MAX_SIDE or h > _MAX_SIDE:
        raise ValueError(f"size must be two integers in 1..{_MAX_SIDE}, got {size!r}")
    return w, h


def _source_path(art_id: str, assets_dir: Path) -> Path | None:
    art_root = (assets_dir / "art").resolve()
    for ext in _SOURCE_EXTS:
        p = (art_root / (art_id + ext)).resolve()
        if art_root not in p.parents:  # belt and braces: never leave assets/art
            raise ValueError(f"art id {art_id!r} would leave assets/")
        if p.is_file():
            return p
    return None


def art_exists(art_id: str, assets_dir: Path | None = None) -> bool:
    """True if ``art_id`` names a source file. Invalid ids raise ValueError."""
    assets = Path(assets_dir) if assets_dir is not None else default_assets_dir()
    return _source_path(_check_id(art_id), assets) is not None


def art_ids(assets_dir: Path | None = None) -> list[str]:
    """Every art id with a source file under assets/art/, sorted."""
    root = (Path(assets_dir) if assets_dir is not None else default_assets_dir()) / "art"
    ids = set()
    for ext in _SOURCE_EXTS:
        for p in root.rglob("*" + ext):
            rel = p.relative_to(root).with_suffix("").as_posix()
            if _ID_RE.match(rel):
                ids.add(rel)
    return sorted(ids)


# --- rasterising --------------------------------------------------------------------------

_ROOT_RE = re.compile(rb"<svg\b[^>]*>", re.S)


def _root_attr(svg: bytes, name: str) -> str | None:
    m = _ROOT_RE.search(svg)
    if not m:
        return None
    a = re.search(rb"\s" + re.escape(name.encode()) + rb'\s*=\s*"([^"]*)"', m.group(0))
    return a.group(1).decode("utf-8", "replace") if a else None


def _svg_meta(svg: bytes) -> tuple[float, float, str, tuple[float, float]]:
    vb = _root_attr(svg, "viewBox")
    if vb:
        _x, _y, w, h = (float(v) for v in vb.replace(",", " ").split())
    else:
        w = float(re.sub(r"[a-z]+$", "", _root_attr(svg, "width") or "1600"))
        h = float(re.sub(r"[a-z]+$", "", _root_attr(svg, "height") or "900"))
    treatment = _root_attr(svg, "data-treatment") or "litho"
    if treatment not in TREATMENTS:
        treatment = "litho"
    focus = (0.5, 0.5)
    f = _root_attr(svg, "data-focus")
    if f:
        try:
            fx, fy = (float(v) for v in f.replace(",", " ").split())
            focus = (min(1.0, max(0.0, fx)), min(1.0, max(0.0, fy)))
        except ValueError:
            pass
    return w, h, treatment, focus


def _font_files(assets_dir: Path) -> list[str]:
    out = []
    for name in _FONT_FILES:
        for d in (assets_dir / "fonts", default_assets_dir() / "fonts"):
            if (d / name).is_file():
                out.append(str(d / name))
                break
    return out


def _cover_box(src_w: float, src_h: float, size: tuple[int, int]) -> tuple[float, int, int]:
    """Scale that makes the source cover ``size``; the scaled source's pixel size."""
    w, h = size
    scale = max(w / src_w, h / src_h)
    return scale, max(w, round(src_w * scale)), max(h, round(src_h * scale))


def _crop_to(img: Image.Image, size: tuple[int, int], focus: tuple[float, float]) -> Image.Image:
    w, h = size
    if img.size[0] < w or img.size[1] < h:
        img = img.resize((max(w, img.size[0]), max(h, img.size[1])), Image.Resampling.LANCZOS)
    iw, ih = img.size
    left = min(max(0, round(focus[0] * iw - w / 2)), iw - w)
    top = min(max(0, round(focus[1] * ih - h / 2)), ih - h)
    return img.crop((left, top, left + w, top + h))


def _flatten(img: Image.Image) -> Image.Image:
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        bg = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(bg, img)
    return img.convert("RGB")


def rasterise_svg(svg: bytes, size: tuple[int, int], assets_dir: Path) -> tuple[Image.Image, str]:
    """The untreated picture, cover-cropped to ``size``, and its treatment name."""
    import resvg_py

    src_w, src_h, treatment, focus = _svg_meta(svg)
    _scale, sw, sh = _cover_box(src_w, src_h, size)
    # Give resvg one side only, so it keeps the aspect ratio; crop the rest.
    if sw / src_w >= sh / src_h:
        kw = {"width": sw}
    else:
        kw = {"height": sh}
    png = resvg_py.svg_to_bytes(
        svg_string=svg.decode("utf-8"),
        skip_system_fonts=True,
        font_files=_font_files(assets_dir),
        serif_family="Old Standard TT",
        monospace_family="CMU Typewriter Text",
        font_family="Old Standard TT",
        **kw,
    )
    img = _flatten(Image.open(io.BytesIO(bytes(png))))
    return _crop_to(img, size, focus), treatment


def _cache_enabled(cache: bool) -> bool:
    return cache and os.environ.get("PETROGRAD_ART_CACHE", "1") not in ("0", "false", "no")


def _cache_key(kind: str, data: bytes, size: tuple[int, int], printing: str) -> str:
    h = hashlib.sha256()
    for part in (kind.encode(), data, f"{size[0]}x{size[1]}".encode(), PIPELINE_VERSION.encode(),
                 printing.encode()):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()[:40]


def _cached(assets_dir: Path, key: str) -> Image.Image | None:
    p = assets_dir / "cache" / f"{key}.png"
    if not p.is_file():
        return None
    try:
        with Image.open(p) as im:
            im.load()
            return im.convert("RGB")
    except (OSError, ValueError):
        return None


def _store(assets_dir: Path, key: str, img: Image.Image) -> None:
    d = assets_dir / "cache"
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            img.save(f, format="PNG", compress_level=1)
        os.replace(tmp, d / f"{key}.png")
    except OSError:
        pass  # a read-only install still renders, just without the cache


def _render_source(
    kind: str, data: bytes, size: tuple[int, int], assets_dir: Path, cache: bool, printing: str
) -> Image.Image:
    if printing not in PRINTINGS:
        raise ValueError(f"printing is one of {', '.join(PRINTINGS)}, not {printing!r}")
    use_cache = _cache_enabled(cache)
    key = _cache_key(kind, data, size, printing)
    if use_cache:
        hit = _cached(assets_dir, key)
        if hit is not None and hit.size == size:
            return hit
    if kind == "png":
        with Image.open(io.BytesIO(data)) as im:
            img = _crop_to(_flatten(im), size, (0.5, 0.5)) if im.size != size else _flatten(im)
            if img.size != size:
                img = img.resize(size, Image.Resampling.LANCZOS)
        out = treat(img, "halftone") if printing == "period" else img
    else:
        pic, treatment = rasterise_svg(data, size, assets_dir)
        out = treat(pic, treatment) if printing == "period" else pic
    if use_cache:
        _store(assets_dir, key, out)
    return out


def render(
    art_id: str,
    size: tuple[int, int],
    *,
    assets_dir: Path | None = None,
    cache: bool = True,
    printing: str = "period",
) -> Image.Image:
    """Render the art ``art_id`` at exactly ``size`` (width, height), as an RGB image.

    Raises ValueError for an id that would leave assets/ or a bad size, and ArtNotFound
    (a LookupError) when no source exists.
    """
    from ..artref import VARIANTS, split_art_ref
    art_id, variant = split_art_ref(art_id)
    if variant is not None and variant not in VARIANTS:
        raise ValueError(f"unknown picture variant {variant!r}; variants are: {', '.join(VARIANTS)}")
    art_id = _check_id(art_id)
    size = _check_size(size)
    assets = Path(assets_dir) if assets_dir is not None else default_assets_dir()
    src = _source_path(art_id, assets)
    if src is None:
        raise ArtNotFound(f"no art {art_id!r} in {assets / 'art'} (.svg or .png)")
    data = src.read_bytes()
    picture = _render_source(src.suffix.lstrip("."), data, size, assets, cache, printing)
    if variant is None:
        return picture
    from .weather import apply_weather   # drawn over the cached picture: cheap, deterministic
    return apply_weather(picture, variant, art_id)


def render_map(
    holdings: dict[str, str],
    size: tuple[int, int],
    *,
    drawing: str,
    assets_dir: Path,
    highlight: str | None = None,
    cache: bool = True,
    printing: str = "period",
    labels: dict[str, str] | None = None,
) -> Image.Image:
    """The story's map, drawn by its map module (``drawing``, a .py file in ``assets_dir``; see
    engine.art.storymap) with each place shown as ``holdings`` says, printed like its pictures.

    ``holdings`` maps a place id to one of the holders the story's map declares; ``highlight`` rings one place;
    ``labels`` are the map's words by key (from the story's map.yaml, in the language played), given to
    a module whose map_svg takes them.
    The map fills exactly ``size``. Raises StoryMapError if the module cannot be used.
    """
    from .storymap import load_map_module
    size = _check_size(size)
    module = load_map_module(Path(assets_dir), drawing)
    import inspect
    extra = {"labels": dict(labels)} if labels and "labels" in inspect.signature(module.map_svg).parameters else {}
    svg = module.map_svg(dict(holdings or {}), size, highlight=highlight, **extra).encode("utf-8")
    return _render_source("svg", svg, size, Path(assets_dir), cache, printing)
