"""Vote rules for assemblies: pure functions from a tally to a decision, as the story's data says.

A tally maps each option id to a number of votes, plus "abstain" and "walkout". The motion's fields
decide how they count (docs/format.md, "Assemblies"):

- rule: majority (an option needs more than half the votes cast), plurality (most votes wins) or
  unanimous (every vote cast for one option);
- abstentions: not_counted (a majority of votes cast) or against (they count in the total, so an option
  needs more than half of everyone present who stayed);
- walkouts: not_counted (those who leave are out of the count) or against (each counts for the default);
- quorum: a share of the body (0 to 1) that must still be present, or nothing is decided;
- ties: default (the status quo stands) or chair (the chair's vote decides among the tied options).

When nothing is decided the motion's `default` option stands: a motion that fails changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..i18n.words import _
from ..markup import plain

RULES = ("majority", "plurality", "unanimous")
ABSTENTIONS = ("not_counted", "against")
WALKOUTS = ("not_counted", "against")
TIES = ("default", "chair")
SPECIAL = ("abstain", "walkout")


@dataclass(frozen=True)
class Decision:
    result: str              # the option that carries (or the default that stands)
    decided: bool            # False when the default stands only because nothing was decided
    reason: str              # in plain words, for the projector and the debrief
    votes: dict              # option -> votes counted (after the walkout rule)
    abstain: int
    walkout: int

    @property
    def cast(self) -> int:
        return sum(self.votes.values())


def decide(motion, tally: Mapping[str, int], chair_vote: str | None = None) -> Decision:
    """Apply `motion`'s rules to `tally`. `motion` needs options (with .id), default, rule,
    abstentions, walkouts, quorum and ties, as engine.model.Motion has."""
    options = [o.id for o in motion.options]
    for key, value in tally.items():
        if key not in options and key not in SPECIAL:
            raise ValueError(f"the tally names {key!r}, which is not an option of motion {motion.id!r}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"the count for {key!r} must be a whole number of at least 0")
    votes = {o: int(tally.get(o, 0)) for o in options}
    abstain, walkout = int(tally.get("abstain", 0)), int(tally.get("walkout", 0))
    default = motion.default
    body = sum(votes.values()) + abstain + walkout

    def stands(reason: str) -> Decision:
        return Decision(default, False, reason, votes, abstain, walkout)

    if motion.quorum and body and (body - walkout) < motion.quorum * body:
        return stands(_("no quorum: {walkout} of {body} walked out, and at least {share} must stay; "
                        "the motion lapses").format(walkout=walkout, body=body, share=f"{motion.quorum:.0%}"))
    if motion.walkouts == "against" and walkout:
        votes[default] += walkout
    cast = sum(votes.values())
    if cast == 0:
        return stands(_("no votes were cast"))
    top = max(votes.values())
    leaders = [o for o in options if votes[o] == top]
    if len(leaders) > 1:
        if motion.ties == "chair" and chair_vote in leaders:
            return Decision(chair_vote, True, _("a tie at {n}, broken by the chair's casting vote").format(n=top),
                            votes, abstain, walkout)
        return stands((_("a tie at {n} votes each and the chair did not break it; the motion fails and the default "
                         "stands") if motion.ties == "chair" else
                       _("a tie at {n} votes each; the motion fails and the default stands")).format(n=top))
    winner = leaders[0]
    if motion.rule == "plurality":
        return Decision(winner, True, _("the most votes ({n} of {cast} cast)").format(n=top, cast=cast),
                        votes, abstain, walkout)
    total = cast + (abstain if motion.abstentions == "against" else 0)
    if motion.rule == "unanimous":
        if top == total:
            return Decision(winner, True, _("unanimous ({n} of {n})").format(n=top), votes, abstain, walkout)
        return stands(_("not unanimous ({n} of {total}); the default stands").format(n=top, total=total))
    if top * 2 > total:
        what = (_("a majority: {n} of {total} votes cast") if motion.abstentions == "not_counted" else
                _("a majority: {n} of {total} of those voting or abstaining"))
        return Decision(winner, True, what.format(n=top, total=total), votes, abstain, walkout)
    return stands(_("no option has more than half ({n} of {total}); the default stands").format(n=top, total=total))


def describe_counts(motion, tally: Mapping[str, int]) -> str:
    """'For the manifesto: 7; Against it: 4; abstaining: 1; walked out: 2', in the motion's option order
    and in the options' own words (never their ids)."""
    parts = [f"{getattr(o, 'text', '') or o.id.replace('_', ' ')}: {tally.get(o.id, 0)}" for o in motion.options]
    if tally.get("abstain"):
        parts.append(_("abstaining: {n}").format(n=tally["abstain"]))
    if tally.get("walkout"):
        parts.append(_("walked out: {n}").format(n=tally["walkout"]))
    return "; ".join(parts)


def motion_label(motion) -> str:
    """A motion named as people would: the first sentence of its text ("Zinoviev's motion"), for telling
    two motions of one assembly apart."""
    text = " ".join(plain(getattr(motion, "text", "") or "").split())
    first = text.split(". ", 1)[0].rstrip(".")
    return first if first and len(first) <= 60 else (text[:57].rstrip() + "…" if text else motion.id.replace("_", " "))
