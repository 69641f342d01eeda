"""Classroom sessions: a class plays every role at one machine, hotseat, with shared assemblies.

    planner.py    cast and scene plan for a class size and a number of periods
    rules.py      vote rules (pure)
    engine.py     the session: turns, hand-offs, assemblies, saving after every step
    textui.py     the projector-friendly text front end (one line of input at a time)
    debrief.py    debrief, transcripts (HTML, Markdown), CSV
    stats.py      class statistics across sessions (SQLite), purge
    printables.py role sheets, agendas and ballots, teacher guide (HTML and PDF)
    cli.py        `petrograd session ...`

Nothing here imports pygame; nothing leaves the machine.
"""
