"""Canned student views, shaped as docs/classroom-protocol.md and engine/session/live.py give them, for
the fixture server's fake WebSocket: client tests and screenshots without the session server."""
from __future__ import annotations

import copy

ME = {"id": "s3", "name": "Ana", "group": "minister", "group_label": "Group 3", "role_name": "Minister",
      "role_title": "a minister of the Provisional Government", "mates": ["Ana", "Ben"]}
SESSION = {"title": "Petrograd 1917", "name": "class-9b", "paused": False, "history": "In 1917", "map": "Petrograd"}
SHEET = {"name": "Minister", "title": "a minister of the Provisional Government",
         "biography": "You were sent into the coalition by the Soviet parties, one of the socialists who were "
                      "meant to keep the cabinet honest and the streets calm.\n\nIt is 25 October 1917. The "
                      "Military Revolutionary Committee holds the stations, the bank and the telephone exchange.",
         "objectives": [{"text": "Keep the cabinet together until Kerensky returns with troops.", "met": True},
                        {"text": "Keep the cadets from firing first.", "met": None},
                        {"text": "Hand the Palace over without bloodshed if it falls.", "met": False}]}
CODEX = {"winter_palace": {"title": "Winter Palace", "text": "The tsars' winter residence on the Neva, seat of "
                           "the Provisional Government since July 1917."},
         "kerensky": {"title": "Kerensky", "text": "Alexander Kerensky, Minister-Chairman of the Provisional "
                      "Government. He left Petrograd by car on the morning of 25 October to find loyal troops."},
         "mrc": {"title": "Military Revolutionary Committee", "text": "The Petrograd Soviet's committee that "
                 "organised the rising of 24–26 October."}}
CLOCK = {"date": "1917-10-25", "time": "10:40", "place": "The Malachite Room, Winter Palace",
         "label": "25 October 1917, 10:40"}


def _p(*spans):
    return [{"text": t, "em": False, "link": link} for t, link in spans]


SCENE = {
    "id": "minister_start", "title": "Two receivers", "image": "/img/places/malachite_room", "content_note": "",
    "catch_up": [],
    "paragraphs": [
        _p(("The receiver in your hand is warm from other men's hands. In the whole of the ", None),
           ("Winter Palace", "winter_palace"), (" two telephone lines still work, and since first light the cabinet "
                                               "of the Russian Republic has been queuing for them.", None)),
        _p(("On the table lies the report General Polkovnikov sent over at dawn. The railway stations, the "
            "telegraph, the State Bank at six, the telephone exchange at seven: building after building changed "
            "hands in the night with hardly a shot fired.", None)),
        _p(("At the end of the table ", None), ("Kerensky", "kerensky"),
           (" sits in his coat and stares at the far wall. Now he is going to the front himself to fetch loyal "
            "troops, by motor car, because the ", None), ("Military Revolutionary Committee", "mrc"),
           (" holds every station in the city.", None)),
        _p(("You were sent into this coalition by the Soviet parties. Today you are a man with a warm receiver, "
            "a list of lost buildings and a Prime Minister who will not look up.", None)),
    ],
    "choices": [{"n": 1, "text": "Walk down with Kerensky to the cars at the General Staff arch.", "counterfactual": False},
                {"n": 2, "text": "Stay at the receivers and keep calling for troops.", "counterfactual": False}],
    "note": "Early on 25 October a Keksgolmsky detachment took the main telephone exchange and cut the "
            "government's lines but missed two.",
    "decide": "shared", "my_vote": None, "votes": {}, "needed": 2, "feedback": "",
}


def base(screen: str, **extra) -> dict:
    view = {"screen": screen, "session": copy.deepcopy(SESSION), "me": copy.deepcopy(ME),
            "clock": copy.deepcopy(CLOCK), "role_sheet": copy.deepcopy(SHEET), "codex": copy.deepcopy(CODEX)}
    view.update(copy.deepcopy(extra))
    return view


def scene(**changes) -> dict:
    view = base("scene", scene=copy.deepcopy(SCENE))
    view["scene"].update(changes)
    return view


ASSEMBLY = {"id": "cabinet_last_day", "title": "The cabinet's last day", "place": "The Malachite Room, Winter Palace",
            "time": "18:55", "body": "At 18:30 a cyclist brought the Military Revolutionary Committee's ultimatum: "
            "surrender the Palace within twenty minutes, or the cruiser Aurora and the guns of the Peter and Paul "
            "Fortress open fire.\n\nThe ministers sit round the table. The cadets ask what they are defending.",
            "summary": "One motion: answer the ultimatum.", "step": "agenda", "floor": "", "floor_label": "",
            "speeches": [], "max_speech": 400, "speaks_as": "Konovalov", "my_turn": False}
MOTION = {"id": "ultimatum", "text": "Reject the ultimatum and hold the Palace.",
          "options": [{"id": "for", "text": "For"}, {"id": "against", "text": "Against"},
                      {"id": "abstain", "text": "Abstain"}, {"id": "walkout", "text": "Walk out"}]}
SPEECHES = [{"who": "Cadet", "as": "a junker of the Oranienbaum school",
             "text": "We were told the whole city would rise for the government. We see no one.", "written": True},
            {"who": "Journalist", "as": "John Reed", "text": "Who answers for the men on the square if you refuse?",
             "written": False}]


def assembly(**changes) -> dict:
    clock = {"date": "1917-10-25", "time": "18:55", "place": ASSEMBLY["place"], "label": "25 October 1917, 18:55"}
    view = base("assembly", assembly=copy.deepcopy(ASSEMBLY), clock=clock)
    view["assembly"].update(copy.deepcopy(changes))
    return view


def views() -> dict[str, dict]:
    """Every screen a student sees, by name."""
    return {
        "lobby": base("lobby"),
        "scene": scene(),
        "scene_vote": scene(decide="vote", my_vote=2, votes={"1": 1, "2": 1}, needed=2),
        "scene_catch_up": scene(id="minister_palace_night", title="The night in the Palace",
                                catch_up=["19:00, The cadets' meeting: they voted to stay.",
                                          "20:10, The Aurora: a blank shot from the cruiser."]),
        "waiting": base("waiting", waiting={"message": "Your group has reached 18:55 on 25 October 1917. The "
                                            "cabinet's last day meets then; waiting for: Lenin, Journalist.",
                                            "next": "The cabinet's last day", "feedback": "You chose: Stay at "
                                            "the receivers and keep calling for troops."}),
        "assembly_agenda": assembly(),
        "assembly_speech": assembly(step="speech", floor="minister", floor_label="Group 3 — Minister",
                                    my_turn=True, speeches=SPEECHES,
                                    lines=[{"n": 1, "text": "The government does not negotiate under the guns."},
                                           {"n": 2, "text": "We stay at our posts and wait for the troops."}]),
        "assembly_other": assembly(step="speech", floor="cadet", floor_label="Group 4 — Cadet", speeches=SPEECHES),
        "assembly_vote": assembly(step="vote", speeches=SPEECHES, motion=MOTION, can_vote=True, my_vote=None,
                                  cast=5, voters=12),
        "assembly_tally": assembly(step="result", speeches=SPEECHES, motion=MOTION, can_vote=True, my_vote="for",
                                   result={"lines": ["Reject the ultimatum and hold the Palace.",
                                                     "The class: 7 for, 4 against, 1 abstaining",
                                                     "Result: For (a simple majority)",
                                                     "The class followed history."]}),
        "ending": base("ending", ending={"title": "Arrested in the Small Dining Room", "historical": True,
                                         "paragraphs": [_p(("At ten past two Antonov-Ovseenko reads out the names. "
                                                            "You give yours.", None))],
                                         "note": "The ministers were arrested at about 2:10 on 26 October and "
                                                 "taken to the Peter and Paul Fortress.",
                                         "catch_up": ["01:50, The last cadets lay down their rifles."]}),
        "debrief": base("debrief", debrief={"lines": [
            "The class rejected the ultimatum, 7 to 4, as the cabinet did in 1917.",
            "The Congress of Soviets: the class voted for Martov's proposal; in 1917 it passed unanimously, "
            "then half the hall walked out.",
            "Group 3 (Minister) made 11 decisions; 8 followed the record of 1917."]}),
        "paused": base("paused", session={**SESSION, "paused": True}),
        "break": base("paused", message="End of period 1. The session goes on next lesson."),
        "finished": base("finished"),
    }


def hostile() -> dict:
    """A view full of markup-looking data: the client must show it as text, never as HTML."""
    evil = '<img src=x onerror="window.__pwned=1">'
    view = scene(title=evil, paragraphs=[_p((evil, None), ("<b>bold</b>", "winter_palace"))],
                 choices=[{"n": 1, "text": evil, "counterfactual": False}])
    view["me"]["name"] = "<script>window.__pwned=2</script>"
    view["me"]["mates"] = [view["me"]["name"], evil]
    view["codex"]["winter_palace"]["title"] = evil
    return view
