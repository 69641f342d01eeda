"""The flowchart of a role's branches: every scene seen, the choices taken, the endings found.
Select any scene seen and replay from exactly that moment."""
from __future__ import annotations

import pygame

from ....persistence import SaveError
from ...text import long_date
from .. import widgets
from ....i18n.words import N_, _
from .base import ENTER, Screen


class FlowchartScreen(Screen):
    name = "flowchart"
    hint = N_("Arrows choose a scene · Enter or click replays from there · R next role · Esc back")

    def __init__(self, app):
        super().__init__(app)
        player = app.player
        self.role = player.state.role if player else next(iter(app.story.roles), None)
        self.nodes: list[tuple[pygame.Rect, str]] = []
        self.info = ""

    def layout(self, role: str) -> dict[str, tuple[int, int]]:
        """Columns by distance from the role's start, rows in story order: stable between runs."""
        story = self.app.story
        start = story.roles[role].start
        depth = {start: 0}
        order = [start]
        for sid in order:
            for c in story.scenes[sid].choices:
                if c.target in story.scenes and c.target not in depth:
                    depth[c.target] = depth[sid] + 1
                    order.append(c.target)
        rows: dict[int, int] = {}
        place = {}
        for sid in order:
            col = depth[sid]
            place[sid] = (col, rows.get(col, 0))
            rows[col] = rows.get(col, 0) + 1
        return place

    def key(self, event) -> None:
        key = event.key
        if key == pygame.K_r:
            roles = list(self.app.story.roles)
            self.role = roles[(roles.index(self.role) + 1) % len(roles)]
            self.focus = 0
        elif key in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_TAB) and self.nodes:
            self.focus = ((self.focus or 0) + 1) % len(self.nodes)
        elif key in (pygame.K_LEFT, pygame.K_UP) and self.nodes:
            self.focus = ((self.focus or 0) - 1) % len(self.nodes)
        elif key in ENTER and self.nodes:
            self.replay(self.nodes[min(self.focus or 0, len(self.nodes) - 1)][1])
        elif key == pygame.K_ESCAPE:
            self.back()
        self.app.changed()

    def hover(self, pos) -> None:
        for n, (rect, _scene) in enumerate(self.nodes):
            if rect.collidepoint(pos) and self.focus != n:
                self.focus = n
                self.app.changed()

    def click(self, pos) -> None:
        for rect, sid in self.nodes:
            if rect.collidepoint(pos):
                self.replay(sid)
                return
        super().click(pos)

    def replay(self, scene_id: str) -> None:
        try:
            self.app.play.replay_from(self.role, scene_id)
        except SaveError as exc:
            self.app.say_message(str(exc))
            return
        self.app.show_scene()

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        story = app.story
        role = self.role
        chart = app.seen.chart(role)
        layout = self.layout(role)
        endings = [s for s in layout if story.scenes[s].is_ending]
        found = len(chart.endings & set(endings))
        left, right = int(w * 0.04), int(w * 0.96)
        y = widgets.draw_text(app, _("Your branches: {role}").format(role=story.roles[role].name), "OldStandard-Bold", app.px(0.042),
                              pal.ink, (left, int(h * 0.03)), right - left).bottom
        counts = _("Scenes seen: {seen} of {scenes} · endings found: {found} of {endings}").format(
            seen=len(chart.scenes & set(layout)), scenes=len(layout), found=found, endings=len(endings))
        y = widgets.draw_text(app, counts,
                              "OldStandard-Italic", app.px(0.024), pal.red, (left, y), right - left).bottom
        footer_top = widgets.footer(app, _(self.hint))
        info_size = app.px(0.024)
        info_h = 2 * app.fonts.get("OldStandard-Regular", info_size).get_linesize()
        top, bottom = y + int(h * 0.02), footer_top - info_h - int(h * 0.02)
        cols = max(c for c, _row in layout.values()) + 1
        rows = max(r for _col, r in layout.values()) + 1
        cw = (right - left) / cols
        rh = max(1, bottom - top) / rows
        r = max(3, int(min(cw, rh) * 0.28))
        centre = {sid: (int(left + (c + 0.5) * cw), int(top + (row + 0.5) * rh)) for sid, (c, row) in layout.items()}
        player = app.player
        mine = player is not None and player.state.role == role
        path = ({s for s, _choice in player.state.log} | {player.state.scene}) if mine else set()
        taken_now = set(player.state.log) if mine else set()
        for sid in chart.scenes:
            if sid not in centre:
                continue
            for c in story.scenes[sid].choices:
                if c.target not in centre or (sid, c.index) not in chart.offered:
                    continue
                a, b = centre[sid], centre[c.target]
                if (sid, c.index) in taken_now:
                    pygame.draw.line(app.surface, pal.red, a, b, max(2, r // 3))
                elif (sid, c.index) in chart.taken:
                    pygame.draw.line(app.surface, pal.ink, a, b, 2)
                else:  # seen but never taken: a faint dotted line
                    steps = max(2, int(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 // 8))
                    for k in range(0, steps, 2):
                        p = (a[0] + (b[0] - a[0]) * k // steps, a[1] + (b[1] - a[1]) * k // steps)
                        pygame.draw.circle(app.surface, pal.faint, p, 1)
        for sid, (x, yy) in centre.items():   # scenes not yet seen: faint dots
            if sid not in chart.scenes:
                pygame.draw.circle(app.surface, pal.paper_dark, (x, yy), max(2, r // 2))
        self.nodes = []
        for sid in sorted(chart.scenes & set(centre), key=lambda s: layout[s]):
            scene = story.scenes[sid]
            x, yy = centre[sid]
            rect = pygame.Rect(x - r, yy - r, 2 * r, 2 * r)
            colour = pal.red if sid in path else pal.ink
            if scene.is_ending:
                pygame.draw.rect(app.surface, colour, rect.inflate(4, 4), 2)
            pygame.draw.circle(app.surface, colour, (x, yy), r)
            if scene.counterfactual:
                pygame.draw.circle(app.surface, pal.paper, (x, yy), max(2, r // 2), 2)
            self.nodes.append((rect, sid))
        if self.nodes:
            self.focus = min(self.focus or 0, len(self.nodes) - 1)
            rect, sid = self.nodes[self.focus]
            pygame.draw.rect(app.surface, pal.red, rect.inflate(10, 10), 3)
            scene = story.scenes[sid]
            info = f"{scene.title} · {long_date(scene.date)}, {scene.time} · {scene.place}"
            if scene.counterfactual:
                info += " · " + _("leaves history")
            if scene.is_ending:
                info += " · " + _("ending: {title}").format(title=scene.ending.title)
            self.info = info
            widgets.draw_text(app, info, "OldStandard-Regular", info_size, pal.ink, (left, bottom + int(h * 0.01)),
                              right - left, max_height=info_h)
        else:
            self.info = _("Nothing seen yet for this role.")
            widgets.draw_text(app, self.info, "OldStandard-Italic", app.px(0.028), pal.faint, (left, top), right - left)

    def speech(self):
        return ("flowchart", id(self), self.role, self.focus), self.info


SCREEN = FlowchartScreen
