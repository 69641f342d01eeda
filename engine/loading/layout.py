"""Where a story's files are: the YAML files a load reads (in its order), the assets folder, the
picture extensions. Shared by the builder and the compiled cache, which needs them on every load
from the cache without importing the YAML reader."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

ART_EXTENSIONS = (".svg", ".png")
MAX_FILE_BYTES = 2_000_000       # one story file; larger is PG103, found before anything is read


def story_files(root: Path) -> list[Path]:
    """The story's YAML files: sorted, folders and files starting with _ or . and assets/ left out."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")) and d != "assets"
                             # <story>/tests/ holds the story's transcripts (`petrograd test`), not story files
                             # nor does <story>/locale/ (translations: `petrograd translate`)
                             and not (d in ("tests", "locale") and Path(dirpath) == Path(root)))
        for name in sorted(filenames):
            if name.startswith(("_", ".")) or not name.endswith((".yaml", ".yml")):
                continue
            # Every such name, even a FIFO or a link to nothing: reading it reports what it is (never
            # blocking), where skipping it would lose scenes without a word.
            found.append(Path(dirpath) / name)
    return found


def plain_relative(path: str) -> bool:
    # Backslashes are separators too (a story written on Windows): "\\etc\\passwd" is absolute.
    relative = PurePosixPath(path.replace("\\", "/"))
    return bool(relative.parts) and not relative.is_absolute() and ".." not in relative.parts and ":" not in path


def resolved(path: Path) -> Path:
    """`path` with its links followed; a link that loops is left as it is (nothing is found there)
    rather than raise: Python 3.11-3.12 raise RuntimeError for a loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def assets_dir(root: Path, configured: str) -> Path:
    """`assets:` in the manifest (a folder inside the story), else <story>/assets if it exists,
    else the assets/ folder beside the story folder (the layout of this project)."""
    if configured and plain_relative(configured):
        return resolved(root / configured)
    inside = root / "assets"
    return resolved(inside) if inside.is_dir() else resolved(root.parent / "assets")


def map_module_problem(assets: Path, drawing: str) -> str:
    """Why `drawing` cannot be the story's map module (a .py file inside the assets folder, links
    resolved), or "" if it can. The engine loads it by path (engine.art.storymap)."""
    if not drawing or not drawing.endswith(".py") or not plain_relative(drawing):
        return f"the map drawing {drawing!r} must be a .py file inside the assets folder"
    root = Path(assets).resolve()
    path = (root / drawing).resolve()
    if not path.is_relative_to(root):
        return f"the map drawing {drawing!r} leads out of the assets folder"
    if not path.is_file():
        return f"no map drawing {drawing!r} in the assets folder"
    return ""
