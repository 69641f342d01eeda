"""Projector-friendly text front end for classroom sessions: large plain text, one line of input at a
time (so a file of inputs drives a whole session), the screen cleared whenever a group's private turn
ends, and a hand-off screen before each private turn."""
from __future__ import annotations

import textwrap
from typing import Callable, TextIO

from ..i18n.words import N_, _
from ..markup import plain
from .engine import Prompt, Session
from .debrief import acknowledgement
from .progress import progress_lines

CLEAR = "\x1b[2J\x1b[3J\x1b[H"
HELP = N_("""\
Commands (type them at any prompt):
  1, 2, 3 ...   answer the question on screen       Enter   go on
  :note         the historical note of this scene (on a group's own turn)
  :codex [ID]   the codex: people, places, terms
  :plan         the lesson plan and the time used so far (teacher)
  :debrief      stop playing now and go to the debrief (teacher)
  :quit         stop here; the session is saved (resume with `petrograd session resume NAME`)
  :help         this list""")


class SessionTextUI:
    def __init__(self, session: Session, read_line: Callable[[], str], out: TextIO, width: int = 78,
                 echo_input: bool = False, clear_screen: bool = False, projector: bool = False):
        self.session = session
        self.read_line = read_line
        self.out = out
        self.width = max(40, width)
        self.echo_input = echo_input
        self.clear_screen = clear_screen
        self.projector = projector
        self.shown: tuple | None = None
        self.last_audience = "all"

    # -- output ------------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def wrap(self, text: str, indent: str = "") -> None:
        if not text:
            self.say()
            return
        self.say(textwrap.fill(text, self.width, initial_indent=indent, subsequent_indent=indent + ("  " if indent else "")))

    def title_of(self, cid: str) -> str:
        entry = self.session.story.codex.get(cid)
        return entry.title if entry else cid

    def clear(self) -> None:
        if self.clear_screen:
            self.out.write(CLEAR)
        else:   # in a pipe or a file: mark where the screen is wiped
            self.say()
            label = " " + _("screen cleared") + " "
            self.say("─" * 10 + label + "─" * max(0, self.width - 10 - len(label)))
        self.out.flush()

    def show(self, p: Prompt) -> None:
        private_before = self.last_audience not in ("all", "teacher")
        if p.kind == "handoff" or (private_before and p.audience != self.last_audience):
            self.clear()
        self.last_audience = p.audience
        self.say()
        rows = p.title.split("\n")
        if len(rows) == 2:   # a scene: "Role · date · place", then the scene's title
            self.say(f" {rows[0]} ".center(self.width, "═") if len(rows[0]) < self.width - 4 else rows[0])
            self.say(rows[1].upper().center(self.width).rstrip())
        else:
            self.say("═" * self.width)
            self.say(rows[0].upper().center(self.width).rstrip())
            self.say("═" * self.width)
        self.say()
        for line in p.lines:
            depth = len(line) - len(line.lstrip(" "))
            self.wrap(plain(line.strip(), self.title_of), indent=" " * depth)
            if line and (self.projector or p.kind in ("scene", "ending")):
                self.say()
        if p.options:
            self.say()
            for n, option in enumerate(p.options, start=1):
                self.wrap(f"{n}. {option}", indent="  ")
        self.say()
        self.say(p.hint)

    # -- the loop ------------------------------------------------------------------------------------
    def run(self) -> int:
        s = self.session
        while True:
            for note in s.notes:
                self.say(_("(note: {note})").format(note=note))
            s.notes.clear()
            p = s.prompt()
            key = (p.kind, p.audience, p.title, tuple(p.lines), tuple(p.options))
            if key != self.shown:
                self.show(p)
                self.shown = key
            if p.kind == "finished":
                self.say(_("Goodbye."))
                return 0
            self.out.write("> ")
            self.out.flush()
            line = self.read_line()
            if line == "":
                self.say()
                self.say(_("(end of input; the session is saved: {command})").format(command=f"petrograd session resume {s.data['name']}"))
                return 0
            line = line.strip()
            if self.echo_input:
                self.say(line)
            if line.startswith(":"):
                if self.command(line, p) == "quit":
                    self.say(_("Stopped. The session is saved: {command}").format(command=f"petrograd session resume {s.data['name']}"))
                    return 0
                continue
            logged = len(s.data["log"])
            message = s.answer(line)
            if p.kind == "scene" and not message:     # confirm the choice before the screen moves on
                for event in s.data["log"][logged:]:
                    if event["t"] == "choice" and event["role"] == p.role:
                        self.wrap("→ " + acknowledgement(s, event))
            if message:
                self.say(message)
                self.say(p.hint)

    def command(self, line: str, p: Prompt) -> str | None:
        name, _unused, arg = line[1:].partition(" ")
        name, arg = name.lower(), arg.strip()
        s = self.session
        if name in ("quit", "q", "exit"):
            return "quit"
        if name in ("help", "h", "?"):
            self.say(_(HELP))
        elif name == "note":
            if p.kind in ("scene", "ending"):
                frame = s.players[p.role].frame()
                self.wrap(_("Historical note: {note}").format(
                    note=plain(frame.note, self.title_of) if frame.note else _("none for this scene.")))
                for source in frame.sources:
                    self.wrap(_("Source: {source}").format(source=source), indent="  ")
            else:
                self.say(_("Notes are shown on a group's own turn."))
        elif name == "codex":
            self.codex(arg)
        elif name == "plan":
            for row in progress_lines(s):
                self.say(row)
        elif name == "debrief":
            s.request_debrief()
            self.shown = None
        else:
            self.say(_("Unknown command :{name}. Type :help for the list.").format(name=name))
        return None

    def codex(self, arg: str) -> None:
        from ..frontends.text import codex_lines
        for line in codex_lines(self.session.story, arg):
            if len(line) > self.width:
                self.wrap(line)
            else:
                self.say(line)
