"""Classroom sessions: a class plays every role at one machine, hotseat, with shared assemblies.

    planner.py    cast and scene plan for a class size and a number of periods
    rules.py      vote rules (pure)
    engine.py     the session: turns, hand-offs, assemblies, saving after every step
    textui.py     the projector-friendly text front end (one line of input at a time)
    progress.py   where a session stands, for the teacher's :plan
    debrief.py    debrief, transcripts (HTML, Markdown), CSV (choices, votes, objectives met)
    stats.py      class statistics across sessions (SQLite), purge of one session or all
    printables.py role sheets, agendas and ballots, teacher guide (HTML and PDF)
    pdf.py        the printables' document model, as HTML and as text PDFs (fpdf2, A4 and Letter)
    cli.py        `petrograd session ...`

Nothing here imports pygame; nothing leaves the machine.
"""
