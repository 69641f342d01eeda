"""The projector for a hosted classroom: what the whole room sees while students play on their devices.

It shows the join code and a QR code of the address, who has joined and in which group, each group's
progress on the story's timeline, the assembly (agenda, the floor, speeches, the vote and its tally)
and the debrief. It never shows a group's private scene. The teacher can run the class from here with
keys (listed at the foot of the screen) or from the console page in a browser.
"""
from __future__ import annotations

import time

import pygame

from ...session.live import Refused
from ...session.engine import SessionError
from ...i18n.words import N_, _
from ..text import long_date
from .theme import CONTRAST, PAPER, Fonts

HELP = {
    "lobby": N_("S start   ·   Tab show/hide QR   ·   Esc quit (the session is saved)"),
    "play": N_("Space pause/resume   ·   1–9 move that group on to the next assembly   ·   A +5 min   ·   B break   ·   E end"),
    "assembly": N_("1–9 give that group the floor   ·   V open vote   ·   C close vote   ·   R reopen   ·   N next   ·   E end"),
    "break": N_("Space resume the session"),
    "debrief": N_("↑ ↓ scroll   ·   Esc quit"),
}


class Projector:
    def __init__(self, hosted, url: str, size=(1280, 720), high_contrast: bool = False):
        self.hosted = hosted
        self.url = url
        self.size = size
        self.palette = CONTRAST if high_contrast else PAPER
        self.fonts = Fonts()
        self.scroll = 0
        self.message = ""
        self.message_until = 0.0
        self.confirm_end = 0.0
        self.show_qr = True
        self.qr = self._qr_matrix(url)
        self.rects: list[pygame.Rect] = []      # what was drawn, for the layout tests

    @staticmethod
    def _qr_matrix(url: str):
        try:
            import segno
        except ImportError:      # the code and address are shown in words as well
            return None
        return [list(row) for row in segno.make(url, error="m").matrix]

    # -- input ----------------------------------------------------------------------------------------------
    def teacher(self, **message) -> None:
        try:
            self.hosted.teach(self.hosted.teacher_token, message)
            self.say("")
        except (Refused, SessionError) as exc:
            self.say(str(exc))

    def say(self, text: str, seconds: float = 4.0) -> None:
        self.message = text
        self.message_until = time.monotonic() + seconds

    def key(self, key: int, mod: int = 0) -> bool:
        """Handle one key; returns False to quit."""
        view = self.view()
        stage = view["screen"]
        if key == pygame.K_ESCAPE:
            return False
        if key == pygame.K_TAB:
            self.show_qr = not self.show_qr
        elif stage == "lobby" and key == pygame.K_s:
            self.teacher(do="start")
        elif key == pygame.K_SPACE and stage in ("play", "assembly", "break"):
            self.teacher(do="resume" if view["paused"] or stage == "break" else "pause")
        elif key == pygame.K_e and stage not in ("debrief", "lobby"):
            if time.monotonic() < self.confirm_end:
                self.teacher(do="end")
            else:
                self.confirm_end = time.monotonic() + 4
                self.say(_("Press E again to end the session and go to the debrief."))
        elif stage == "play" and key == pygame.K_a:
            self.teacher(do="add_time", minutes=5)
        elif stage == "play" and key == pygame.K_b:
            self.teacher(do="break")
        elif pygame.K_1 <= key <= pygame.K_9:
            n = key - pygame.K_1
            if stage == "assembly":
                groups = view["assembly"].get("participants", [])
                if n < len(groups):
                    self.teacher(do="call_speaker", group=groups[n]["group"])
            elif stage == "play" and n < len(view["groups"]):
                self.teacher(do="advance_group", group=view["groups"][n]["group"])
        elif stage == "assembly" and key in (pygame.K_v, pygame.K_c, pygame.K_r, pygame.K_n):
            self.teacher(do={pygame.K_v: "open_vote", pygame.K_c: "close_vote", pygame.K_r: "reopen_vote",
                             pygame.K_n: "next"}[key])
        elif stage == "debrief" and key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self.scroll += 1 if key == pygame.K_DOWN else 10
        elif stage == "debrief" and key in (pygame.K_UP, pygame.K_PAGEUP):
            self.scroll = max(0, self.scroll - (1 if key == pygame.K_UP else 10))
        return True

    def view(self) -> dict:
        with self.hosted.lock:
            return self.hosted.live.projector_view()

    # -- drawing --------------------------------------------------------------------------------------------
    def font(self, px: int, face: str = "OldStandard-Regular"):
        return self.fonts.get(face, max(10, px))

    def text(self, surface, words: str, pos, px: int, colour=None, face: str = "OldStandard-Regular",
             width: int | None = None) -> int:
        """Draw words (wrapped to `width`); returns the y below them."""
        font = self.font(px, face)
        colour = colour or self.palette.ink
        x, y = pos
        lines = [words] if width is None else _wrap(font, words, width)
        for line in lines:
            img = font.render(line, True, colour)
            rect = surface.blit(img, (x, y))
            self.rects.append(rect)
            y += font.get_linesize()
        return y

    def draw(self, surface) -> None:
        self.rects = []
        w, h = surface.get_size()
        p = self.palette
        surface.fill(p.paper)
        view = self.view()
        unit = max(12, h // 40)
        margin = unit * 2
        # Header: the session and its state.
        head = _("{title} · classroom “{name}” · period {period} of {periods}").format(
            title=view["title"], name=view["name"], period=view["period"], periods=view["periods"])
        if view.get("period_started_at") and view["screen"] not in ("lobby", "debrief", "break"):
            left = view["period_minutes"] - (time.time() - view["period_started_at"]) / 60
            head += " · " + (_("{minutes} min left").format(minutes=max(0, round(left))) if left >= 0
                             else _("{minutes} min over").format(minutes=round(-left)))
        self.text(surface, head, (margin, unit), unit, p.faint)
        if view["paused"]:
            paused = _("PAUSED")
            self.text(surface, paused, (w - margin - self.font(unit * 2, "OldStandard-Bold").size(paused)[0], unit // 2),
                      unit * 2, p.red, "OldStandard-Bold")
        top = unit * 3
        body = pygame.Rect(margin, top, w - 2 * margin, h - top - unit * 3)
        stage = view["screen"]
        getattr(self, f"draw_{stage}", self.draw_play)(surface, view, body, unit)
        footer = self.message if time.monotonic() < self.message_until and self.message else _(HELP.get(stage, ""))
        self.text(surface, footer, (margin, h - unit * 2), max(10, int(unit * 0.8)),
                  p.red if footer == self.message else p.faint, width=w - 2 * margin)

    def draw_lobby(self, surface, view, body, unit) -> None:
        p = self.palette
        x, y = body.topleft
        y = self.text(surface, _("Join the class"), (x, y), unit * 2, p.ink, "OldStandard-Bold")
        y = self.text(surface, _("1. Open  {url}").format(url=self.url), (x, y + unit), int(unit * 1.2), p.ink, "CMUTypewriter-Regular")
        y = self.text(surface, _("2. Type the code"), (x, y + unit // 2), int(unit * 1.2))
        y = self.text(surface, view["code"], (x + unit * 2, y), unit * 5, p.red, "CMUTypewriter-Bold")
        y = self.text(surface, _("3. Type your first name. You will be placed in a group."), (x, y + unit // 2), int(unit * 1.2))
        if self.show_qr and self.qr:
            side = min(body.height, body.width // 3)
            cell = max(2, side // (len(self.qr) + 8))
            qx = body.right - cell * (len(self.qr) + 8)
            qy = body.top
            pygame.draw.rect(surface, (255, 255, 255), (qx, qy, cell * (len(self.qr) + 8), cell * (len(self.qr) + 8)))
            for r, row in enumerate(self.qr):
                for c, dark in enumerate(row):
                    if dark:
                        pygame.draw.rect(surface, (0, 0, 0), (qx + (c + 4) * cell, qy + (r + 4) * cell, cell, cell))
            self.rects.append(pygame.Rect(qx, qy, cell * (len(self.qr) + 8), cell * (len(self.qr) + 8)))
        self.draw_cast(surface, view, pygame.Rect(x, y + unit, body.width * 2 // 3, body.bottom - y - unit), unit)

    def draw_cast(self, surface, view, box, unit) -> None:
        p = self.palette
        joined = len(view["joined"])
        y = self.text(surface, _("Joined: {count}").format(count=joined), (box.x, box.y), int(unit * 1.2), p.ink, "OldStandard-Bold")
        cols = 2
        col_w = box.width // cols
        for n, g in enumerate(view["groups"]):
            cx = box.x + (n % cols) * col_w
            cy = y + (n // cols) * unit * 3
            names = ", ".join(s["name"] for s in g["students"] if not s["dropped"]) or "—"
            self.text(surface, f"{g['label']} · {g['role_name']}", (cx, cy), unit, p.red, "OldStandard-Bold")
            self.text(surface, names, (cx, cy + int(unit * 1.3)), unit, p.ink, width=col_w - unit)

    def draw_play(self, surface, view, body, unit) -> None:
        p = self.palette
        nxt = view.get("next_assembly")
        x, y = body.topleft
        title = (_("Next: {title} at {time}, {date}").format(title=nxt["title"], time=nxt["stamp"][11:],
                                                             date=long_date(nxt["stamp"][:10]))
                 if nxt else _("No assemblies left: every group plays to its ending"))
        y = self.text(surface, title, (x, y), int(unit * 1.4), p.ink, "OldStandard-Bold", width=body.width)
        stamps = [g["stamp"] for g in view["groups"]] + ([nxt["stamp"]] if nxt else [])
        lo, hi = min(stamps), max(stamps)
        span = _minutes(hi) - _minutes(lo) or 1
        bar_x, bar_w = x + body.width // 3, body.width * 2 // 3 - unit
        row_h = max(unit * 2, (body.bottom - y - unit) // max(1, len(view["groups"])))
        row_h = min(row_h, unit * 4)
        y += unit
        if nxt:
            ax = bar_x + int(bar_w * (_minutes(nxt["stamp"]) - _minutes(lo)) / span)
            pygame.draw.line(surface, p.red, (ax, y), (ax, y + row_h * len(view["groups"])), 3)
        status_words = {"playing": _("playing"), "waiting": _("waiting for the assembly"), "finished": _("at an ending"),
                        "stopped": _("stopped: see the console")}
        for n, g in enumerate(view["groups"]):
            ry = y + n * row_h
            self.text(surface, f"{n + 1}. {g['label']} · {g['role_name']}", (x, ry), unit, p.ink, "OldStandard-Bold")
            decisions = _("decisions: {count}").format(count=g["decisions"])
            self.text(surface, f"{g['time']} · {status_words.get(g['status'], g['status'])} · {decisions}",
                      (x, ry + int(unit * 1.2)), int(unit * 0.85), p.faint)
            pygame.draw.line(surface, p.faint, (bar_x, ry + row_h // 2), (bar_x + bar_w, ry + row_h // 2), 1)
            gx = bar_x + int(bar_w * (_minutes(g["stamp"]) - _minutes(lo)) / span)
            colour = p.red if g["status"] == "playing" else p.ink
            pygame.draw.circle(surface, colour, (gx, ry + row_h // 2), max(4, unit // 2))
            self.rects.append(pygame.Rect(gx - unit // 2, ry + row_h // 2 - unit // 2, unit, unit))

    def draw_break(self, surface, view, body, unit) -> None:
        y = self.text(surface, _("End of period {period}").format(period=view["period"]), body.topleft, unit * 3, self.palette.ink, "OldStandard-Bold")
        self.text(surface, _("Everything is saved. Next lesson, run the same `petrograd session host` command and press Space."),
                  (body.x, y + unit), int(unit * 1.2), width=body.width)

    def draw_assembly(self, surface, view, body, unit) -> None:
        p = self.palette
        a = view["assembly"]
        x, y = body.topleft
        y = self.text(surface, a["title"], (x, y), unit * 2, p.ink, "OldStandard-Bold", width=body.width)
        y = self.text(surface, f"{a['time']} · {a['place']} · {a['body']}", (x, y), unit, p.faint, width=body.width)
        left_w = body.width // 2 - unit
        ly = y + unit
        ly = self.text(surface, _("Agenda"), (x, ly), int(unit * 1.2), p.red, "OldStandard-Bold")
        for n, m in enumerate(a.get("agenda", []), start=1):
            ly = self.text(surface, f"{n}. {m}", (x, ly), unit, width=left_w)
        ly += unit // 2
        ly = self.text(surface, _("Speakers"), (x, ly), int(unit * 1.2), p.red, "OldStandard-Bold")
        for n, part in enumerate(a.get("participants", []), start=1):
            mark = ("  " + _("(has the floor)") if part["group"] == a["floor"]
                    else "  " + _("(spoke)") if part["spoken"] else "")
            speaker = _("{label} · {role} as {speaking_as}").format(label=part["label"], role=part["role_name"],
                                                                    speaking_as=part["as"])
            ly = self.text(surface, f"{n}. {speaker}{mark}", (x, ly), unit,
                           p.red if part["group"] == a["floor"] else p.ink, width=left_w)
        rx = x + body.width // 2
        ry = y + unit
        if a["step"] in ("vote", "result") and a.get("motion"):
            ry = self.text(surface, _("Motion"), (rx, ry), int(unit * 1.2), p.red, "OldStandard-Bold")
            ry = self.text(surface, a["motion"]["text"], (rx, ry), unit, width=left_w)
            if a["step"] == "vote":
                self.text(surface, _("Votes cast: {cast} of {voters}").format(cast=a.get("cast", 0), voters=a.get("voters", 0)),
                          (rx, ry + unit),
                          int(unit * 1.5), p.ink, "OldStandard-Bold")
            else:
                self.draw_tally(surface, a, pygame.Rect(rx, ry + unit // 2, left_w, body.bottom - ry), unit)
        else:
            ry = self.text(surface, _("Speeches"), (rx, ry), int(unit * 1.2), p.red, "OldStandard-Bold")
            for s in a.get("speeches", [])[-4:]:
                ry = self.text(surface, f"{s['as']} ({s['who']}):", (rx, ry), unit, p.ink, "OldStandard-Bold")
                ry = self.text(surface, f"“{s['text']}”", (rx, ry), unit, p.ink, "OldStandard-Italic", width=left_w) + unit // 3
                if ry > body.bottom - unit * 2:
                    break

    def draw_tally(self, surface, a, box, unit) -> None:
        p = self.palette
        tally = a.get("tally", {})
        names = {o["id"]: o["text"] for o in a["motion"]["options"]}
        top = max(tally.values(), default=0) or 1
        y = box.y
        for option, count in sorted(tally.items(), key=lambda kv: -kv[1]):
            self.text(surface, f"{names.get(option, option)}: {count}", (box.x, y), unit, width=box.width)
            y += int(unit * 1.3)
            pygame.draw.rect(surface, p.red, (box.x, y, int(box.width * count / top), unit // 2))
            y += unit
        for line in a.get("result", {}).get("lines", [])[1:]:
            y = self.text(surface, line, (box.x, y), unit, p.ink, width=box.width)

    def draw_debrief(self, surface, view, body, unit) -> None:
        lines = view.get("debrief", {}).get("lines", [])
        font = self.font(unit)
        wrapped = []
        for line in lines:
            indent = " " * (len(line) - len(line.lstrip(" ")) + (2 if line.lstrip().startswith("·") else 0))
            rows = _wrap(font, line.strip(), body.width - font.size(indent)[0]) or [""]
            # Continuation rows line up under the text, not under the bullet.
            wrapped += [rows[0] if not line.startswith(" ") else line[:len(line) - len(line.lstrip(" "))] + rows[0]]
            wrapped += [indent + row for row in rows[1:]]
        per_page = max(1, body.height // font.get_linesize())
        self.scroll = min(self.scroll, max(0, len(wrapped) - per_page))
        y = body.y
        for row in wrapped[self.scroll:self.scroll + per_page]:
            upper = row.isupper() and len(row) > 3
            y = self.text(surface, row, (body.x, y), unit, self.palette.red if upper else self.palette.ink,
                          "OldStandard-Bold" if upper else "OldStandard-Regular")


def _wrap(font, words: str, width: int) -> list[str]:
    out, line = [], ""
    for word in words.split(" "):
        trial = f"{line} {word}" if line else word
        if font.size(trial)[0] <= width or not line:
            line = trial
        else:
            out.append(line)
            line = word
    if line or not out:
        out.append(line)
    return out


def _minutes(stamp: str) -> int:
    """Minutes since 1 January of the stamp's year ("YYYY-MM-DD HH:MM"), for placing groups on a line."""
    try:
        date, clock = stamp.split(" ")
        y, m, d = (int(x) for x in date.split("-"))
        hh, mm = (int(x) for x in clock.split(":"))
        return ((m * 31 + d) * 24 + hh) * 60 + mm
    except ValueError:
        return 0


def run_projector(hosted, url: str) -> int:
    try:
        pygame.display.init()
        pygame.font.init()
        screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    except pygame.error as exc:
        print(_("petrograd session host: no window ({error}); open the projector page in a browser instead").format(
            error=exc))
        return 2
    pygame.display.set_caption(_("{title}: classroom").format(title=hosted.story.title))
    projector = Projector(hosted, url)
    clock = pygame.time.Clock()
    seen = -1
    dirty_at = 0.0
    running = True
    while running:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                running = False
            elif event.type == pygame.KEYDOWN:
                running = projector.key(event.key, event.mod)
                seen = -1
            elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWEXPOSED):
                seen = -1
        now = time.monotonic()
        if hosted.version != seen or now - dirty_at > 1.0:
            seen = hosted.version
            dirty_at = now
            projector.draw(screen)
            pygame.display.flip()
        clock.tick(20)
    pygame.quit()
    return 0
