"""Terminal play: the same engine, one line of input at a time, identical at a terminal or in a pipe."""
from __future__ import annotations

import queue
import textwrap
from datetime import date as _date
from typing import Callable, TextIO

from ..chronology import day_and_month
from ..i18n.words import N_, _
from ..markup import paragraphs, plain
from ..runtime import Frame, Game, Player
from ..typed import number_in


HELP = N_("""\
Commands:
  1, 2, 3 ...   take that choice
  :note         the historical note and sources for this scene
  :codex [ID]   list codex entries, or read one
  :map          who holds what on the map at this hour (if the story has a map)
  :back         undo the last choice     :forward   redo it
  :restart      start this role again
  :save [NAME]  save (default: quicksave)  :load [NAME]  load a save by its name
  :saves        list the saves            :load-file PATH  load a save file by its path
  :help         this list                :quit      leave the game""")
DEBUG_HELP = N_("""\
Debug (--debug):
  :goto SCENE   go to a scene            :set NAME=VALUE  set a variable
  :state        the scene, turn and variables""")
# The codex's kinds of entry (engine/loading/builder.py CODEX_KINDS), in words.
CODEX_KIND_WORDS = {"person": N_("person"), "place": N_("place"), "term": N_("term"), "party": N_("party"),
                    "body": N_("body")}


def long_date(iso: str) -> str:
    try:
        d = _date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day_and_month(d.day, d.month)} {d.year}"


def codex_kind(kind: str) -> str:
    """A codex entry's kind ("person", "place", ...) in the language shown."""
    return _(CODEX_KIND_WORDS[kind]) if kind in CODEX_KIND_WORDS else kind


class TextFrontEnd:
    def __init__(self, game: Game, player: Player, read_line: Callable[[], str], out: TextIO,
                 width: int = 78, echo_input: bool = False,
                 extra_commands: dict[str, Callable[[str], str | None]] | None = None):
        self.game = game
        self.player = player
        self.read_line = read_line
        self.out = out
        self.width = width
        self.echo_input = echo_input
        self.extra = extra_commands or {}
        self.after_choice: list[Callable[[Player], None]] = []
        self.origin = None      # play --scene or the debug console: the GameState play started from

    # -- output ------------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def wrap(self, text: str, indent: str = "") -> None:
        self.say(textwrap.fill(text, self.width, initial_indent=indent, subsequent_indent=indent) if text else "")

    def title_of(self, codex_id: str) -> str:
        entry = self.game.story.codex.get(codex_id)
        return entry.title if entry else codex_id

    def show_scene(self, frame: Frame) -> None:
        when = " · ".join(p for p in (long_date(frame.date) if frame.date else "", frame.time) if p)
        if frame.date and self.game.story.calendar_label:
            when += f" ({self.game.story.calendar_label})"
        header = f" {' · '.join(p for p in (when, frame.place) if p)} " if (when or frame.place) else ""
        self.say()
        if len(header) < self.width - 4:
            self.say(header.center(self.width, "═"))
        else:  # a long place name goes on its own line, under a full rule
            self.say(f" {when} ".center(self.width, "═"))
            for line in textwrap.wrap(frame.place, self.width - 4):
                self.say(line.center(self.width).rstrip())
        self.say(frame.title.upper().center(self.width).rstrip())
        if frame.counterfactual:
            self.say(_("(This scene leaves recorded history: see :note)").center(self.width).rstrip())
        self.say()
        if frame.content_note:
            self.wrap(_("[Content note: {note}]").format(note=frame.content_note))
            self.say()
        for paragraph in frame.paragraphs:
            self.wrap(plain(paragraph, self.title_of))
            self.say()
        if frame.show_map and self.game.story.map_name:
            self.show_map()
        if frame.is_ending:
            self.show_ending(frame)
        else:
            self.show_choices(frame)

    def show_choices(self, frame: Frame) -> None:
        for choice in frame.choices:
            # A no-break space keeps "(leaves history)" on one line; wrapped lines hang under the text.
            mark = "  " + _("(leaves history)").replace(" ", "\u00a0") if choice.counterfactual else ""
            number = f"{choice.number}. "
            self.say(textwrap.fill(f"{number}{plain(choice.text, self.title_of)}{mark}", self.width,
                                   initial_indent="  ", subsequent_indent="  " + " " * len(number)
                                   ).replace("\u00a0", " "))
        if not frame.choices:  # a soft-lock in the story; the checker should have caught it
            self.say(_("  (no choices are open here; type :back or :restart)"))

    def show_ending(self, frame: Frame) -> None:
        self.say("─" * self.width)
        kind = _("The historical ending") if frame.ending_historical else _("An ending")
        self.say(f"{kind}: {frame.ending_title}")
        if frame.ending_summary:
            self.wrap(frame.ending_summary)
        if frame.note:
            self.say()
            self.wrap(_("What really happened: ") + plain(frame.note, self.title_of))
        self.say("─" * self.width)
        self.say(_("Type :restart to play this role again, :back to step back, or :quit."))

    def show_note(self, frame: Frame) -> None:
        self.say()
        self.wrap(_("Historical note: ") + (plain(frame.note, self.title_of) if frame.note else _("none for this scene.")))
        for source in frame.sources:
            self.wrap(_("Source: {source}").format(source=source), indent="  ")
        self.say()

    # -- input ---------------------------------------------------------------------------------------
    def run(self) -> int:
        frame = self.player.frame()
        self.show_scene(frame)
        while True:
            self.out.write("> ")
            self.out.flush()
            line = self.read_line()
            if line == "":
                self.say()
                self.say(_("(end of input)"))
                return 0
            line = line.strip()
            if self.echo_input:
                self.say(line)
            if not line:
                continue
            frame = self.player.frame()     # a reload (play --watch) may have moved the player meanwhile
            if line.startswith(":"):
                outcome = self.command(line)
                if outcome == "quit":
                    self.say(_("Goodbye."))
                    return 0
                frame = self.player.frame()
                if outcome == "redraw":
                    self.show_scene(frame)
                continue
            if frame.is_ending:
                self.say(_("This is an ending. Type :restart, :back or :quit."))
                continue
            number = number_in(line, 1, len(frame.choices))
            if number is not None:
                self.player.choose(frame.choices[number - 1].index)
                for hook in self.after_choice:
                    hook(self.player)
                frame = self.player.frame()
                self.show_scene(frame)
            else:
                count = len(frame.choices)
                if count > 1:
                    self.say(_("Type a number from 1 to {count}, or :help for commands.").format(count=count))
                else:
                    self.say(_("Type 1, or :help for commands.") if count else _("Type :back, :restart or :help."))
                self.show_choices(frame)

    def command(self, line: str) -> str | None:
        name, _space, arg = line[1:].partition(" ")
        name, arg = name.lower(), arg.strip()
        frame = self.player.frame()
        if name in ("quit", "q", "exit"):
            return "quit"
        if name in ("help", "h", "?"):
            self.say(_(HELP))
            if "goto" in self.extra:
                self.say(_(DEBUG_HELP))
            return None
        if name == "note":
            self.show_note(frame)
            return None
        if name == "codex":
            self.show_codex(arg)
            return None
        if name == "map":
            self.show_map()
            return None
        if name == "back":
            if self.player.back():
                return "redraw"
            self.say(_("This is the first decision; there is nothing to undo."))
            return None
        if name == "forward":
            if self.player.forward():
                return "redraw"
            self.say(_("Nothing to redo."))
            return None
        if name == "restart":
            role, seed = self.player.state.role, self.player.state.seed
            self.player.close()
            self.player = self.game.new_player(role, seed)
            self.origin = None
            return "redraw"
        if name in self.extra:
            message = self.extra[name](arg)
            if message == "redraw":
                return "redraw"
            if message:
                self.say(message)
            return None
        self.say(_("Unknown command :{name}. Type :help for the list.").format(name=name))
        return None

    def show_map(self) -> None:
        story = self.game.story
        if not story.map_name:
            self.say(_("This story has no map."))
            return
        held = self.player.holdings()
        frame = self.player.frame()
        date = long_date(frame.date) if frame.date else ""
        when = _("{time} on {date}").format(time=frame.time, date=date) if frame.time and date else frame.time or date
        self.say()
        self.say(_("{map} at {when}:").format(map=story.map_name, when=when) if when else f"{story.map_name}:")
        if not held:
            self.say(_("  (no place has changed hands yet)"))
        for place, holder in sorted(held.items()):
            self.say(f"  {place.replace('_', ' ').title():<24} {story.map_holders.get(holder, holder)}")
        self.say()

    def show_codex(self, arg: str) -> None:
        codex = self.game.story.codex
        if not arg:
            entries = sorted(codex.values(), key=lambda e: e.title.lower())
            column = max((len(e.id) for e in entries), default=0) + 2   # long ids never break the columns
            for entry in entries:
                self.say(f"  {entry.id:<{column}}{entry.title}")
            return
        entry = codex.get(arg) or next((e for e in codex.values() if e.title.lower() == arg.lower()), None)
        if entry is None:
            self.say(_("No codex entry {entry!r}. Type :codex for the list.").format(entry=arg))
            return
        self.say()
        self.say(f"{entry.title} ({codex_kind(entry.kind)})")
        for paragraph in paragraphs(entry.text):    # a long entry (the chronology) keeps its paragraphs
            self.wrap(plain(paragraph, self.title_of))
        self.say()


class WatchedInput:
    """`play --text --watch`: the lines typed and the watcher's reloads arrive in one queue, in order,
    as ("line", text) and ("reload", Reload); a reload is taken between two lines. While the story
    has errors, the prompt waits: lines other than :quit are refused until a save fixes them."""

    def __init__(self, front: TextFrontEnd, events: "queue.Queue[tuple[str, object]]"):
        self.front = front
        self.events = events
        self.broken = False

    def read_line(self) -> str:
        front = self.front
        while True:
            kind, item = self.events.get()
            if kind == "line":
                if not self.broken or item == "" or item.strip().lower().startswith(":q"):
                    return item
                if front.echo_input:
                    front.say(item.strip())
                front.say(_("The story has errors: fix them and save, and the game goes on (or :quit)."))
            else:
                self.broken = not self.take(item)
            front.out.write("> ")
            front.out.flush()

    def take(self, reload) -> bool:
        """Show a reload: the scene on the edited story, or the story's errors. True if it loaded."""
        from ..authoring.watch import carry_over, cut_short_lines
        front = self.front
        changed = ", ".join(reload.changed) or _("the story")
        if reload.story is None:
            errors = reload.errors
            front.say()
            front.say(_("After the save of {changed}, the story has {count} error(s):").format(changed=changed, count=len(errors)))
            for d in errors:
                front.say("  " + d.format())
            if len(reload.diagnostics) > len(errors):
                front.say("  " + _("(and {count} warning(s): petrograd check lists them)").format(
                    count=len(reload.diagnostics) - len(errors)))
            front.say(_("Fix them and save: the game goes on from here. (:quit leaves.)"))
            return False
        carried = carry_over(reload.story, front.player, front.origin)
        front.player.close()
        front.game, front.player, front.origin = carried.game, carried.player, carried.origin
        front.say()
        front.say(_("(reloaded after the save of {changed}, {ms} ms)").format(
            changed=changed, ms=f"{1000 * (reload.loaded_at - reload.heard_at):.0f}"))
        for d in reload.diagnostics:
            front.say("  " + d.format())
        for line in cut_short_lines(reload):
            front.wrap(line)
        if carried.message:
            front.wrap(carried.message)
        front.show_scene(front.player.frame())
        return True


def debug_commands(front: TextFrontEnd) -> dict[str, Callable[[str], str | None]]:
    """:goto, :set and :state (play --text --debug): the window console's commands, as text commands."""
    from ..authoring.console import run_command
    from ..authoring.warp import WarpError

    def command(name: str):
        def run(arg: str) -> str:
            try:
                outcome = run_command(f"{name} {arg}", front.game, front.player)
            except WarpError as exc:
                return _("error: {error}").format(error=exc)
            if outcome.player is None:
                return "\n".join(outcome.lines)
            front.player.close()
            front.player, front.origin = outcome.player, outcome.player.state.copy()
            front.say("\n".join(outcome.lines))
            return "redraw"
        return run
    return {name: command(name) for name in ("goto", "set", "state")}


def watch_input(front: TextFrontEnd, stdin: TextIO, root, display_root: str):
    """play --text --watch: a thread feeds the typed lines into the queue the watcher's reloads
    arrive in, and the front end reads from that queue (WatchedInput). Returns the started watcher."""
    import threading
    from ..authoring.watch import StoryWatcher
    events: "queue.Queue[tuple[str, object]]" = queue.Queue()

    def feed() -> None:
        while True:
            line = stdin.readline()
            events.put(("line", line))
            if line == "":
                return
    watcher = StoryWatcher(root, display_root, lambda reload: events.put(("reload", reload))).start()
    threading.Thread(target=feed, name="typed-lines", daemon=True).start()
    front.read_line = WatchedInput(front, events).read_line
    return watcher
