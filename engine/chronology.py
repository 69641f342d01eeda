"""The story's timeline put into words for readers: the codex's chronology and the teacher guide's
hour-by-hour account are both made here, from the same events, so they cannot disagree."""
from __future__ import annotations

from typing import Iterable, Mapping

from .i18n.words import N_, _
from .model import Event, Source

# A month's name after a day ("25 October"): a language that inflects it there gives that form.
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def day_and_month(day: int, month: int) -> str:
    """`25 October` in the language shown."""
    return _("{day} {month}").format(day=day, month=_(MONTHS[month - 1]))


def event_when(event: Event) -> str:
    """`25 October, about 11:00`; `noon` and `midnight` in words; `20 October` for a day."""
    try:
        _year, month, day = (int(x) for x in event.date.split("-"))
        day_words = day_and_month(day, month)
    except (ValueError, IndexError):
        day_words = event.date
    if not event.time:
        return day_words
    clock = {"00:00": _("midnight"), "12:00": _("noon")}.get(event.time, event.time)
    return (_("{day}, about {clock}") if event.approximate else _("{day}, {clock}")).format(day=day_words, clock=clock)


def event_line(event: Event, sources: Mapping[str, Source], with_differences: bool = True) -> str:
    """One event as one paragraph: when, what, where, and whose account (and why, where they differ)."""
    names = [sources[c.source].short if c.source in sources else c.source for c in event.sources]
    told = f" ({'; '.join(dict.fromkeys(names))})" if names else ""
    place = f" {event.place}." if event.place else ""
    line = f"*{event_when(event)}.* {event.title.rstrip('.')}.{place}{told}"
    if with_differences and event.differs:
        line += f" {event.differs}"
    return line


def chronology_text(events: Iterable[Event], sources: Mapping[str, Source]) -> str:
    """The codex entry's text: one paragraph an event, in time order."""
    return "\n\n".join(event_line(e, sources) for e in sorted(events, key=lambda e: (e.stamp, e.id)))


def guide_events(story) -> list[str]:
    """The timeline's events for the teacher guide, one line each, in time order."""
    return [event_line(e, story.sources) for e in sorted(story.timeline, key=lambda e: (e.stamp, e.id))]
