"""Where a session stands, for the teacher's `:plan`: what has been played, narrated, held or dropped so
far (from the session's log), and what is still to come of the plan from here (the plan as made at
the start, less what is done, dropped or no longer on a group's way)."""
from __future__ import annotations

from .planner import describe_plan


def progress_lines(session) -> list[str]:
    s, story, plan = session, session.story, session.plan
    d = s.data
    out = describe_plan(story, plan)[:1]
    out.append(f"Now: period {d['period']} of {plan.periods}; {d['clock']:.0f} of {plan.total_minutes} planned "
               f"minutes used ({plan.debrief_minutes} kept for the debrief).")
    out += ["Cast:"] + [f"  {story.roles[g.role].name:<20} {g.label}" for g in plan.groups]
    out.append("So far:")
    narrated: dict[str, int] = {}

    def flush(role: str | None = None) -> None:
        for r in ([role] if role else list(narrated)):
            n = narrated.pop(r, 0)
            if n:
                out.append(f"    {story.roles[r].name:<18} ({n} scene{'s' if n != 1 else ''} narrated along history)")

    done_any = False
    for e in d["log"]:
        t = e["t"]
        if t == "narrated":
            if e["scene"] in plan.play.get(e["role"], []):
                flush(e["role"])
                out.append(f"    {story.roles[e['role']].name:<18} {e['stamp'][5:]}  {e['title']} — dropped for time "
                           "(narrated)")
            else:
                narrated[e["role"]] = narrated.get(e["role"], 0) + 1
            continue
        flush()
        done_any = True
        if t == "choice":
            out.append(f"  ✓ {story.roles[e['role']].name:<18} {e['stamp'][5:]}  {e['title']}")
        elif t == "ending":
            out.append(f"  ✓ {story.roles[e['role']].name:<18} {e['stamp'][5:]}  {e['title']} (ending)")
        elif t == "assembly":
            out.append(f"  ✓ ASSEMBLY           {e['stamp'][5:]}  {e['title']}")
        elif t == "skipped_assembly":
            out.append(f"  ✗ ASSEMBLY                        {e['title']} — not held ({e['reason']})")
        elif t == "break":
            out.append(f"  ---- end of period {e['period']} ----")
        elif t == "stuck":
            out.append(f"  ✗ {story.roles[e['role']].name:<18} {e['title']} — the story stopped here")
    flush()
    if not done_any and not any(e["t"] == "narrated" for e in d["log"]):
        out.append("  nothing yet")
    out.append("Still to come (the plan from here):")
    out += to_come(session)
    return out


def to_come(session) -> list[str]:
    s, story, plan = session, session.story, session.plan
    d = s.data
    done_scenes = {(e["role"], e["scene"]) for e in d["log"] if e["t"] in ("choice", "ending", "narrated")}
    ahead = {}
    for g in plan.groups:
        if g.role in d["finished"]:
            continue
        path = s.current_path(g.role)
        pos = d["path_pos"].get(g.role, 0)
        here = s.players[g.role].state.scene
        ahead[g.role] = set(path[pos:]) | {here}
    pending = {a.id for a in s.pending_assemblies()}
    stage = s.stage
    out, minutes = [], 0.0
    for item in plan.timeline:
        # when it should come now: the lesson's minutes used, plus what is still to come before it
        clock = f"{int(d['clock'] + minutes):>3}'"
        if item.kind == "scene":
            if (item.role, item.id) in done_scenes or item.id not in ahead.get(item.role, ()):
                continue
            now = stage.get("role") == item.role and s.players[item.role].state.scene == item.id
            out.append(f"  {clock} {story.roles[item.role].name:<18} {item.stamp[5:]}  {item.title} "
                       f"({item.minutes:.1f} min){'  ← now' if now else ''}")
        elif item.kind == "assembly":
            if item.id not in pending:
                continue
            now = stage.get("kind") == "assembly" and stage.get("id") == item.id
            out.append(f"  {clock} ASSEMBLY           {item.stamp[5:]}  {item.title} ({item.minutes:.1f} min)"
                       + ("  ← now" if now else ""))
        elif item.kind == "break":
            number = int(item.id.rpartition("-")[2]) if item.id.rpartition("-")[2].isdigit() else 0
            if number and number < d["period"]:
                continue
            out.append(f"  {number * plan.period_minutes:>3}' ---- {item.title} ----"
                       + ("  ← now" if stage.get("kind") == "break" else ""))
            continue
        else:
            out.append(f"  {clock} DEBRIEF ({plan.debrief_minutes} min or more)")
            continue
        minutes += item.minutes
    left = plan.total_minutes - d["clock"] - plan.debrief_minutes
    out.append(f"Planned still to play: {minutes:.0f} min; time left before the debrief: {max(0.0, left):.0f} min. "
               "Scenes that no longer fit are narrated along history, and shown above as dropped.")
    return out
