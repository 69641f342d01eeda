"""The projector window for a class on devices, drawn headless at every stage: nothing drawn outside
the window, and no group's private scene on it."""
import random

import pytest

pygame = pytest.importorskip("pygame")

from conftest import FIXTURES  # noqa: E402
from engine import Game, load_story_or_raise  # noqa: E402
from engine.session.hosted import HostedSession  # noqa: E402
from engine.session.planner import make_plan  # noqa: E402
from test_live_classroom import SECRETS, join_all, play_round, run_assembly  # noqa: E402


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_every_stage_draws_inside_the_window(tmp_path, size):
    from engine.frontends.window.projector import Projector
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(size)
    story = load_story_or_raise(FIXTURES / "classroom")
    h = HostedSession.create(story, "proj", make_plan(story, Game(story), 6, 45, 2), saves=tmp_path, seed=3)
    projector = Projector(h, "http://127.0.0.1:8917/")
    tokens = join_all(h, 6)
    seen = set()
    rng = random.Random(2)

    def draw():
        projector.draw(surface)
        seen.add(projector.view()["screen"])
        box = surface.get_rect()
        assert all(box.contains(r) for r in projector.rects), [r for r in projector.rects if not box.contains(r)]
    draw()
    projector.key(pygame.K_s)                     # the teacher starts the class from the projector
    for _ in range(60):
        if h.live.stage == "debrief":
            break
        draw()
        if h.live.floor is not None:
            run_assembly(h, tokens, rng, speech="<b>All power</b> " + "to the Soviets " * 20)
        else:
            play_round(h, tokens, rng)
    draw()
    assert {"lobby", "assembly", "debrief"} <= seen
    for secret in SECRETS.values():
        assert secret not in str(projector.view())
