"""Show every picture the story uses in the real window (on Xvfb) and capture the screen for each.

    DISPLAY=:99 python tests/art_in_game.py OUT_DIR [--story DIR]

For each distinct scene image (and each role portrait, on the role screen) the game is put in the
first scene that uses it and the X screen is captured with ImageMagick's `import`.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from engine import Game, GameState, load_story_or_raise  # noqa: E402
from engine.frontends.window import App  # noqa: E402
from engine.persistence import SaveStore  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--story", default=str(ROOT / "story"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    story = load_story_or_raise(args.story)
    game = Game(story)
    app = App(game, seed=1, size=(1280, 720), saves=SaveStore(Path(tempfile.mkdtemp())))
    app.settings.text_speed = 0
    first_use: dict[str, str] = {}
    for scene in story.scenes.values():
        first_use.setdefault(scene.image, scene.id)
    shots = []
    for image, scene_id in sorted(first_use.items()):
        scene = story.scenes[scene_id]
        if app.player is None:
            app.start_role(scene.roles[0])
        state = GameState(role=scene.roles[0], scene=scene_id, seed=1,
                          variables={v.name: v.default for v in story.variables.values()})
        app.player.restore(state)
        app.show_scene(at_choice=True)     # the scene's last page, whole, as a player sees it
        app.draw()
        pygame.display.flip()
        pygame.event.pump()
        path = args.out / (image.replace("/", "__") + ".png")
        subprocess.run(["import", "-window", "root", str(path)], check=False)
        shots.append(path)
    roles = app.open("roles")
    for n, role in enumerate(story.roles):
        roles.focus = n
        app.draw()
        pygame.display.flip()
        pygame.event.pump()
        path = args.out / f"role__{role}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=False)
        shots.append(path)
    pygame.quit()
    print(f"{len(shots)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
