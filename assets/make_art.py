"""Write the bundled story's pictures (assets/art/<id>.svg) from its drawings (assets/drawings/).

    python assets/make_art.py                      # every picture
    python assets/make_art.py portraits/lenin      # some
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))   # the drawings are a package beside this script

from drawings.authoring import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
