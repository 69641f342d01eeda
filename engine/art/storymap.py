"""A story's map is drawn by the story itself: a Python module in its assets folder, named by the
manifest (`story: map: {drawing: drawings/citymap.py}`), loaded by path.

The module is the story's code, as trusted as its pictures; the path is checked so that it never
leaves the assets folder (no absolute path, no `..`, no link out). It must define

    map_svg(holdings: dict[str, str], size: tuple[int, int], *, highlight: str | None) -> str

(it may also take `labels`, the map's words by key from the story's map.yaml, so that a translated
story's map speaks its language), an SVG in the ink separations of engine.art.pipeline, filling exactly `size`.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from ..loading.layout import map_module_problem


class StoryMapError(LookupError):
    """The story's map module is missing, outside its folder, or does not define map_svg."""


_loaded: dict[tuple[str, int], object] = {}


def map_module_path(assets_dir: Path, drawing: str) -> Path:
    """The module's file, checked to lie inside ``assets_dir`` (links resolved)."""
    problem = map_module_problem(assets_dir, drawing)
    if problem:
        raise StoryMapError(problem)
    return (Path(assets_dir).resolve() / drawing).resolve()


def load_map_module(assets_dir: Path, drawing: str):
    """The story's map module, loaded once per file and modification time."""
    path = map_module_path(assets_dir, drawing)
    key = (str(path), path.stat().st_mtime_ns)
    module = _loaded.get(key)
    if module is None:
        name = f"_story_map_{abs(hash(key)):x}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise StoryMapError(f"the map drawing {drawing!r} cannot be loaded")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module   # dataclasses and NamedTuples look their module up while it runs
        try:
            spec.loader.exec_module(module)
        finally:
            sys.modules.pop(name, None)
        if not callable(getattr(module, "map_svg", None)):
            raise StoryMapError(f"the map drawing {drawing!r} defines no map_svg()")
        _loaded[key] = module
    return module
