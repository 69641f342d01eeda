"""Classroom sessions in the window: set up a class, then play the session's prompts on a projector.

The session engine (engine.session) decides everything: whose turn it is, what each group sees, how
votes count. This screen only shows its current Prompt and sends back one answer at a time, exactly
as the text front end does, so a session can move between the two. Projector conventions: large
type, Page Down/Page Up for a clicker, B blanks the screen, T starts or stops a debate timer.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from ....i18n.words import _
from ....markup import plain
from .. import richtext, widgets
from ..widgets import Button
from .base import Screen, ScrollsItsList

PERIODS = (40, 45, 50, 90)
TYPED_ANSWERS = {"tally"}   # prompts answered by typing (a show-of-hands count); the rest by a choice or Enter
TIMER_EVENT = pygame.USEREVENT + 7
DEBATE_SECONDS = 180


@dataclass
class Setup:
    period: int = 45
    periods: int = 2
    students: int = 12
    names: str = ""          # first names, comma-separated, typed on the Names row (optional)


NAMES_ROW = 3
PROJECTOR_BOOSTS = (1.0, 1.3, 1.6, 2.0)      # P cycles the projector's type size


class ClassroomScreen(ScrollsItsList, Screen):
    name = "classroom"

    def __init__(self, app, session=None):
        super().__init__(app)
        self.mode = "setup"              # setup | play
        self.setup = Setup()
        self.session = None
        self.typed = ""                  # what the teacher has typed for a count or a name
        self.page = 0
        self.blank = False
        self.timer_end: float | None = None
        self.projector = True
        self.boost = 1                   # index into PROJECTOR_BOOSTS
        self.error = ""
        self.page_count = 1
        if session is not None:
            self.session = session
            self.begin()

    def wheel(self, y: int) -> None:
        if self.mode == "setup":       # the setup's list scrolls at large text; play is unchanged
            super().wheel(y)

    # -- setting up ------------------------------------------------------------------------------------
    def saves_root(self):
        return self.app.store.base

    def sessions(self) -> list[tuple[str, str]]:
        from ....session.engine import list_sessions
        return list_sessions(self.saves_root())[-6:]

    def start_new(self) -> None:
        from ....runtime import Game
        from ....session.engine import Session, SessionError, session_path
        from ....session.planner import PlanError, make_plan
        story = self.app.story
        try:
            from ....session.cli import parse_names
            names = parse_names(self.setup.names) if self.setup.names.strip() else None
            students = len(names) if names else self.setup.students
            plan = make_plan(story, Game(story), students, self.setup.period, self.setup.periods, names, None)
            base = name = time.strftime("class-%Y%m%d-%H%M")
            n = 2
            while session_path(name, self.saves_root()).exists():
                name, n = f"{base}-{n}", n + 1
            self.session = Session.create(story, name, plan, self.saves_root())
        except (PlanError, SessionError) as exc:
            self.error = str(exc)
            return
        self.begin()

    def host(self, lan: bool, resume: str | None = None) -> None:
        """A class on students' devices: this window becomes the projector while the server runs."""
        from ....session.engine import SessionError
        from ....session.planner import PlanError
        try:
            self.app.open("devices", period=self.setup.period, periods=self.setup.periods,
                          students=self.setup.students, lan=lan, resume=resume)
        except (PlanError, SessionError, OSError) as exc:
            self.error = str(exc)

    def resume(self, name: str) -> None:
        from ....session.engine import Session, SessionError, sessions_dir
        from ....session.eventlog import LOG_NAME
        if (sessions_dir(self.saves_root()) / name / LOG_NAME).is_file():
            self.host(lan=False, resume=name)
            return
        try:
            self.session = Session.load(self.app.story, name, self.saves_root())
        except SessionError as exc:
            self.error = str(exc)
            return
        self.begin()

    def begin(self) -> None:
        self.mode = "play"
        self.page = 0
        self.typed = ""
        self.error = ""

    # -- input -------------------------------------------------------------------------------------------
    def handle(self, event) -> None:
        app = self.app
        if event.type == TIMER_EVENT:
            if self.timer_end is not None and time.monotonic() >= self.timer_end:
                pygame.time.set_timer(TIMER_EVENT, 0)
            app.dirty = True
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.click(event.pos)       # a button, or a "more" mark of the setup's scrolling list
            app.dirty = True
            return
        if event.type == pygame.MOUSEWHEEL:
            self.wheel(event.y)
            return
        if event.type != pygame.KEYDOWN:
            return
        app.dirty = True
        key = event.key
        if key == pygame.K_b and self.mode == "play" and not self.typing_allowed_letters():
            self.blank = not self.blank
            return
        if self.blank:
            self.blank = False
            return
        if key == pygame.K_ESCAPE:
            pygame.time.set_timer(TIMER_EVENT, 0)
            app.pop()
            return
        if self.mode == "setup":
            self.setup_key(key, getattr(event, "unicode", ""))
            return
        if key == pygame.K_t:
            self.toggle_timer()
            return
        if key == pygame.K_p:
            self.boost = (self.boost + 1) % len(PROJECTOR_BOOSTS)
            self.page = 0
            app.say_message(_("Projector type {percent}%").format(percent=round(PROJECTOR_BOOSTS[self.boost] * 100)))
            return
        if key in (pygame.K_PAGEUP, pygame.K_LEFT) and self.page > 0:
            self.page -= 1
            return
        if key in (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_SPACE) and self.page < self.page_count - 1:
            self.page += 1
            return
        prompt = self.session.prompt()
        if prompt.options and event.unicode and event.unicode.isdecimal() and not self.typed:
            number = int(event.unicode)
            if self.page < self.page_count - 1:
                # The choices are on the last page; a number pressed early must not be kept as typing,
                # or the group's "1" on that page would do nothing.
                app.say_message(_("The choices are on the last page: Page Down"))
            elif 1 <= number <= len(prompt.options):
                self.send(str(number))
            return
        if key == pygame.K_PAGEDOWN:
            # The clicker reads on and passes hand-offs, but never answers for the group: on the last
            # page of a prompt with choices, a choice is taken only by its number, a click or Enter.
            if self.page < self.page_count - 1:
                self.page += 1
            elif not prompt.options and prompt.kind not in TYPED_ANSWERS:
                self.send("")
            return
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.page < self.page_count - 1:
                self.page += 1
            elif prompt.options and not self.typed and self.buttons:
                self.activate(self.buttons[min(self.focus, len(self.buttons) - 1)])
            else:
                self.send(self.typed)
            return
        if key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
            return
        if key in (pygame.K_DOWN, pygame.K_TAB) and self.buttons:
            self.focus = (self.focus + 1) % len(self.buttons)
            return
        if key == pygame.K_UP and self.buttons:
            self.focus = (self.focus - 1) % len(self.buttons)
            return
        # Only a count is typed; on any other prompt a stray key must not sit unseen in the entry.
        if prompt.kind in TYPED_ANSWERS and event.unicode and event.unicode.isprintable() and len(self.typed) < 80:
            self.typed += event.unicode

    def typing_allowed_letters(self) -> bool:
        """While the teacher types a count, B is a letter, not the blank-screen key."""
        return bool(self.typed)

    def setup_key(self, key: int, unicode: str = "") -> None:
        app = self.app
        if self.focus == NAMES_ROW and key == pygame.K_BACKSPACE:
            self.setup.names = self.setup.names[:-1]
            return
        if self.focus == NAMES_ROW and unicode and (unicode.isalpha() or unicode in " ,'-.") and len(self.setup.names) < 600:
            self.setup.names += unicode
            names = [n for n in self.setup.names.split(",") if n.strip()]
            if names:
                self.setup.students = len(names)
            return
        if key in (pygame.K_DOWN, pygame.K_TAB) and self.buttons:
            self.focus = (self.focus + 1) % len(self.buttons)
        elif key == pygame.K_UP and self.buttons:
            self.focus = (self.focus - 1) % len(self.buttons)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            step = 1 if key == pygame.K_RIGHT else -1
            self.adjust(self.focus, step)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.buttons:
            self.activate(self.buttons[min(self.focus, len(self.buttons) - 1)])

    def adjust(self, row: int, step: int) -> None:
        s = self.setup
        if row == 0:
            s.period = PERIODS[(PERIODS.index(s.period) + step) % len(PERIODS)]
        elif row == 1:
            s.periods = min(6, max(1, s.periods + step))
        elif row == 2:
            s.students = min(36, max(6, s.students + step))

    def send(self, text: str) -> None:
        message = self.session.answer(text)
        if message:
            self.app.say_message(message)
        self.typed = ""
        self.page = 0
        self.focus = 0
        self.app.changed()

    def toggle_timer(self) -> None:
        if self.timer_end is None:
            self.timer_end = time.monotonic() + DEBATE_SECONDS
            pygame.time.set_timer(TIMER_EVENT, 1000)
        else:
            self.timer_end = None
            pygame.time.set_timer(TIMER_EVENT, 0)

    # -- drawing -----------------------------------------------------------------------------------------
    def draw(self) -> None:
        app = self.app
        if self.blank:
            app.surface.fill((0, 0, 0))
            return
        if self.mode == "setup":
            self.draw_setup()
        else:
            self.marks = []     # the setup's list no longer scrolls under the mouse
            self.draw_prompt()

    def scale(self, fraction: float) -> int:
        """Projector type: 1.3 times the text size, up to what 200% text gives."""
        boost = PROJECTOR_BOOSTS[self.boost] if self.projector and self.mode == "play" else 1.0
        return self.app.px(fraction * boost)

    def draw_setup(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        head = app.text(_("A classroom session"), "OldStandard-Bold", app.px(0.055), pal.ink)
        widgets.blit(app, head, (int(w * 0.06), int(h * 0.05)))
        sub = app.text(_("The class plays every role at this machine, meets in assemblies, votes, and debriefs "
                         "against what really happened. ←/→ change a value; Enter starts."),
                       "OldStandard-Italic", app.px(0.026), pal.faint, int(w * 0.88))
        widgets.blit(app, sub, (int(w * 0.06), int(h * 0.05) + head.get_height()))
        s = self.setup
        rows = [
            (_("Period length: ‹ {minutes} minutes ›").format(minutes=s.period), lambda: self.adjust(0, 1)),
            (_("Periods: ‹ {count} ›").format(count=s.periods), lambda: self.adjust(1, 1)),
            (_("Students: ‹ {count} ›").format(count=s.students), lambda: self.adjust(2, 1)),
            (_("Names (type them, commas between): {names}").format(
                names=s.names or _("(none: seats are numbered)"))[:120], lambda: None),
            (_("Start a new session at this machine (hotseat)"), self.start_new),
            (_("Start on students' devices: this machine only"), lambda: self.host(lan=False)),
            (_("Start on students' devices: the local network"), lambda: self.host(lan=True)),
        ]
        rows += [(_("Resume {name}: {text}").format(name=name, text=text)[:90], (lambda n=name: self.resume(n)))
                 for name, text in self.sessions()]
        rows.append((_("Back to the title"), app.pop))
        top = int(h * 0.05) + head.get_height() + sub.get_height() + int(h * 0.03)
        bottom = widgets.footer(app, _("↑/↓ choose · ←/→ change a value · Enter start · Esc back"))
        if self.error:
            err = app.text(self.error, "OldStandard-Italic", app.px(0.026), pal.red, int(w * 0.88))
            bottom -= err.get_height()
            widgets.blit(app, err, (int(w * 0.06), bottom))
        bw = int(w * 0.7)
        self.first, self.marks = widgets.button_list(app, self, rows, pygame.Rect((w - bw) // 2, top, bw,
                                                                                  bottom - top - int(h * 0.02)),
                                                     may_widen=True, first=self.first)

    def draw_prompt(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        p = self.session.prompt()
        margin = int(w * 0.04)
        if p.kind == "handoff":
            self.draw_handoff(p)
            return
        rows = p.title.split("\n")
        # The band: the session (or the role and day) on the left, the debate timer on the right.
        band_size = self.scale(0.026)
        clock = None
        if self.timer_end is not None:
            left = max(0, int(self.timer_end - time.monotonic()))
            clock = app.text(f"{left // 60}:{left % 60:02d}", "OldStandard-Bold", self.scale(0.03),
                             pal.red if left <= 30 else pal.paper)
        clock_w = clock.get_width() + margin if clock else 0
        band_text = rows[0] if len(rows) > 1 else _("Classroom session {name}").format(name=self.session.data.get("name", ""))
        top_line = app.text(band_text, "OldStandard-Bold", band_size, pal.paper, w - 2 * margin - clock_w)
        pad = max(4, band_size // 3)
        band = max(int(h * 0.08), top_line.get_height() + 2 * pad)
        pygame.draw.rect(app.surface, pal.ink, (0, 0, w, band))
        widgets.blit(app, top_line, (margin, (band - top_line.get_height()) // 2), "band", w - 2 * margin - clock_w)
        if clock:
            widgets.blit(app, clock, (w - margin - clock.get_width(), (band - clock.get_height()) // 2), "clock")
        bottom = widgets.footer(app, p.hint + " · " + _("T timer · B blank · P type size · Esc title")) - int(h * 0.01)
        y = band + int(h * 0.02)
        heading = rows[1] if len(rows) > 1 else rows[0]
        y = widgets.draw_text(app, heading, "OldStandard-Bold", self.scale(0.042), pal.ink, (margin, y),
                              w - 2 * margin).bottom + int(h * 0.012)
        # Options at the bottom, laid out first so the text above gets what is left; their type
        # shrinks only if they would take more than half the room.
        size = self.scale(0.03)
        entry_h = int(size * 2.0) if p.kind in TYPED_ANSWERS else 0
        gap = max(3, int(h * 0.008))
        while True:
            pad = widgets.button_pad(size)
            labels = [f"{n}. {plain(option, app.title_of)}" for n, option in enumerate(p.options, start=1)]
            heights = [app.text(label, "OldStandard-Regular", size, pal.ink, w - 2 * margin - 2 * pad).get_height()
                       + 2 * pad for label in labels]
            if sum(heights) + gap * len(heights) <= (bottom - entry_h - y) * 0.55 or size <= 10:
                break
            size = max(10, int(size * 0.9))
        if entry_h:
            entry_h = int(size * 2.0)
        option_top = bottom - entry_h
        option_rects = []
        for n, label, height in reversed(list(zip(range(1, len(labels) + 1), labels, heights))):
            rect = pygame.Rect(margin, option_top - height, w - 2 * margin, height)
            option_rects.insert(0, (rect, label, n))
            option_top = rect.y - gap
        body = self.scale(0.028)
        line_h = app.fonts.get("OldStandard-Regular", body, spaced=True).get_linesize()
        more_size = app.px(0.022)
        more_h = app.fonts.get("OldStandard-Italic", more_size).get_linesize()
        lines = []
        for para in p.lines:
            if not para.strip():
                continue
            placed, _height = richtext.layout_cached(app, para.strip(), w - 2 * margin, body, pal.ink, pal.red, None,
                                               app.title_of)
            lines += richtext.lines_of(placed, line_h, int(body * 0.5))
        pages = richtext.paginate(lines, bottom - y - more_h - gap, option_top - y) if lines else [[]]
        self.page_count = len(pages)
        self.page = min(self.page, len(pages) - 1)
        self.links = []
        for line in pages[self.page]:
            self.links += richtext.blit(app.surface, line.words, (margin, y), pal.red)
            if line.words:
                right = max(wd.pos[0] + wd.surface.get_width() for wd in line.words)
                app.record(pygame.Rect(margin, y, right, line.height), "text", "line")
            y += line.height + line.gap_after
        if self.page < self.page_count - 1:
            more = app.text(_("Page {page} of {pages} · Page Down for more").format(page=self.page + 1, pages=self.page_count),
                            "OldStandard-Italic", more_size, pal.red, w - 2 * margin)
            widgets.blit(app, more, (margin, bottom - more.get_height()), "more")
            option_rects = []   # the choices wait for the last page, as in play
        for n, (rect, label, number) in enumerate(option_rects):
            widgets.draw_button(app, rect, label, n == self.focus, size)
            self.buttons.append(Button(rect, label, lambda k=number: self.send(str(k))))
        if entry_h and self.page >= self.page_count - 1:
            box = pygame.Rect(margin, bottom - entry_h + 4, w - 2 * margin, entry_h - 8)
            pygame.draw.rect(app.surface, pal.highlight, box)
            pygame.draw.rect(app.surface, pal.ink, box, 2)
            index = app.record(box, "button", "entry")
            shown = self.typed + "_" if self.typed else _("type the numbers, then Enter")
            entry = app.text(shown, "CMUTypewriter-Regular", size, pal.ink if self.typed else pal.faint, box.width - 2 * pad)
            rect = pygame.Rect(box.x + pad, box.centery - entry.get_height() // 2, entry.get_width(), entry.get_height())
            app.surface.blit(entry, rect.topleft)
            app.record(rect, "label", shown, not box.contains(rect), parent=index)

    def draw_handoff(self, p) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        app.surface.fill(pal.ink)
        hint_text = _("Press Enter when the right group has the keyboard")
        lines = [plain(line, app.title_of) for line in p.lines]
        gap = int(h * 0.02)
        # Title, lines and hint centred as one block; the type shrinks only if the block would not fit.
        factor = 1.0
        while True:
            title = app.text(p.title, "OldStandard-Bold", max(10, int(self.scale(0.07) * factor)), pal.paper,
                             int(w * 0.85), centred=True)
            surfs = [app.text(line, "OldStandard-Italic", max(10, int(self.scale(0.03) * factor)), pal.paper,
                              int(w * 0.8), centred=True) for line in lines]
            hint = app.text(hint_text, "OldStandard-Italic", max(10, int(app.px(0.026) * factor)), pal.red,
                            int(w * 0.85), centred=True)
            blocks = [(title, 0)] + [(surf, gap if n == 0 else gap // 2) for n, surf in enumerate(surfs)] + [(hint, gap)]
            total = sum(surf.get_height() + space for surf, space in blocks)
            if total <= h * 0.9 or factor < 0.3:
                break
            factor *= 0.9
        y = (h - total) // 2
        for surf, space in blocks:
            y += space
            widgets.blit(app, surf, ((w - surf.get_width()) // 2, y), "handoff")
            y += surf.get_height()
        rect = pygame.Rect(0, 0, w, h)
        self.buttons.append(Button(rect, _("continue"), lambda: self.send("")))

    def typing(self) -> bool:
        return bool(self.typed) or (self.mode == "setup" and self.focus == NAMES_ROW)

    def back(self) -> None:
        pygame.time.set_timer(TIMER_EVENT, 0)
        self.app.pop()


SCREEN = ClassroomScreen
