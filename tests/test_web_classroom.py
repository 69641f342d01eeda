"""A class of 12 in real browsers against the real server: two 45-minute periods to the debrief, with the
server killed (-9) and restarted in the middle.

`petrograd session host` runs in a subprocess on 127.0.0.1 (port 0, then the same port again after the
kill). Two headless Chromium processes hold six students each, every student in a window of its own user
context (its own localStorage, like a separate device). Students join by typing the code and their name,
turn pages with Page Down, choose with number keys, write speeches or pick prepared lines, vote by clicking.
The teacher's console page starts the session and pauses it; the rest of the teacher's work (calling
speakers, opening and closing votes, the break, deciding by a vote inside each group for the last part)
goes through the teacher's WebSocket so the test can wait for each step. The projector page follows the whole session.
"""
from __future__ import annotations

import csv
import random
import time

import pytest

from browser import Console, LiveServer, chromium, need_chromium, new_student_window

NAMES = ["Ana", "Ben", "Cleo", "Dmitri", "Eva", "Farid", "Galina", "Hugo", "Ines", "Jonas", "Katya", "Leo"]
BUDGET_S = 600          # the whole class; on this 2-core machine it takes a few minutes

SUMMARY = """
const s = document.getElementById('screen');
const q = (sel) => Array.from(s.querySelectorAll(sel));
return {
  joined: document.getElementById('join').hidden,
  screen: s.dataset.screen || '',
  scene: s.dataset.scene || '',
  next: q('[data-key=page-next]').length > 0,
  choices: q('.choices button[data-num]:not([disabled])').map(b => +b.dataset.num),
  voted: !!s.querySelector('.choices button[aria-pressed=true]'),
  speech: !!s.querySelector('#speech'),
  lines: q('.speak button[data-num]:not([disabled])').map(b => +b.dataset.num),
  votes: q('.vote button[data-num]:not([disabled])').map(b => b.dataset.key),
  offline: !document.getElementById('net').hidden,
  sending: s.innerText.includes('Sending…'),
  text: s.innerText,
};
"""


class Student:
    def __init__(self, driver, handle: str, name: str):
        self.driver, self.handle, self.name = driver, handle, name
        self.chose = 0

    def focus(self):
        if self.driver.current_window_handle != self.handle:
            self.driver.switch_to.window(self.handle)
        return self.driver

    def look(self) -> dict:
        return self.focus().execute_script(SUMMARY)

    def key(self, keys: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        ActionChains(self.focus()).send_keys(keys).perform()

    def click(self, css: str) -> None:
        """A tap; if the screen changed under the finger, the student taps again, as people do."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By
        for attempt in range(3):
            try:
                self.focus().find_element(By.CSS_SELECTOR, css).click()
                return
            except StaleElementReferenceException:
                if attempt == 2:
                    raise

    def look_past_the_note(self) -> dict:
        """What the device shows once the student has read the note card and gone on."""
        look = self.look()
        if look["screen"] == "after":
            self.click("[data-key=continue]")
            look = self.look()
        return look

    def step(self, rng: random.Random) -> bool:
        """What a student does next on a private turn; False when there is nothing to do."""
        from selenium.webdriver.common.keys import Keys
        look = self.look()
        assert look["joined"], f"{self.name} was sent back to the join page: {look['text'][:200]}"
        if look["screen"] == "after":
            self.click("[data-key=continue]")
            return True
        if look["screen"] == "scene" and not look["sending"]:
            if look["next"]:
                self.key(Keys.PAGE_DOWN)
                return True
            if look["choices"] and not look["voted"]:     # a ballot cast waits for the group's other votes
                self.key(str(rng.choice(look["choices"])))
                self.chose += 1
                return True
        return False


def wait_until(what, test, timeout=30.0, every=0.1):
    end = time.time() + timeout
    while time.time() < end:
        value = test()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out: {what}")


def group_of(view: dict) -> dict:
    return {s["name"]: s["group"] for s in view.get("students", [])}


def play_until(console, students, rng, done, deadline, assemblies, projector=None, projector_home=None):
    """Every student plays its private turns; the teacher runs each assembly that opens; until done(view)."""
    while True:
        view = console.refresh(0.05)
        if done(view):
            return view
        assert time.time() < deadline, f"the class ran out of time: {view.get('screen')} {view.get('groups')}"
        if view["screen"] == "assembly":
            sit_assembly(console, students, rng, projector, projector_home)
            assemblies.append(view["assembly"]["id"])
        elif view["screen"] == "play":
            if not sum(s.step(rng) for s in students):
                time.sleep(0.2)
        else:
            time.sleep(0.2)


def sit_assembly(console, students, rng, projector=None, projector_home=None):
    """The teacher calls every group to speak, opens each vote, waits for every device's vote, closes it."""
    speeches = 0
    while True:
        view = console.refresh(0.05)
        if view["screen"] != "assembly":
            return
        a = view["assembly"]
        groups = group_of(view)
        if a["step"] == "speech" and a.get("floor"):
            speaker = next(s for s in students if groups[s.name] == a["floor"])
            look = wait_until(f"{speaker.name} may speak", lambda: (lambda l: l if l["speech"] else None)(speaker.look_past_the_note()))
            written = speeches % 2 == 0 or not look["lines"]
            if written:
                from selenium.webdriver.common.by import By
                speaker.focus().find_element(By.ID, "speech").send_keys(
                    f"Comrades <b>listen</b>: {speaker.name} speaks for the group & will not be moved.")
                speaker.click("[data-key=speech-send]")
            else:
                speaker.key(str(rng.choice(look["lines"])))
            speeches += 1
            wait_until("the speech is heard", lambda: not console.refresh(0.1)["assembly"].get("floor"))
            said = f"Comrades <b>listen</b>: {speaker.name} speaks"
            others = {p["group"] for p in a.get("participants", [])} - {groups[speaker.name]}
            listener = next((s for s in students if groups[s.name] in others), None)
            if written and listener:   # another group's device in the assembly shows what was typed, as text
                wait_until("the speech on another device", lambda: said in listener.look_past_the_note()["text"])
            if written and projector:  # and so does the projector page
                projector.switch_to.window(projector_home)
                wait_until("the speech on the projector", lambda: said in projector.find_element("id", "t-root").text)
        elif a["step"] in ("agenda", "speech"):
            unspoken = [p for p in a.get("participants", []) if not p["spoken"]]
            answer = console.do("call_speaker", group=unspoken[0]["group"]) if unspoken else console.do("open_vote")
            assert answer["type"] == "ack", answer
        elif a["step"] == "vote":
            voted = set()

            def everyone_voted():
                for s in students:
                    if s.name in voted:
                        continue
                    look = s.look_past_the_note()
                    if look["votes"] and not look["sending"]:
                        s.click(f"[data-key='{rng.choice(look['votes'])}']")
                        voted.add(s.name)
                now = console.refresh(0.1)["assembly"]
                return now.get("cast", 0) >= now.get("voters", 0)
            wait_until("every device has voted", everyone_voted, timeout=60)
            answer = console.do("close_vote")
            assert answer["type"] == "ack", answer
            # the tally reaches the devices that voted and the projector, with what 1917 did
            reader = next((s for s in students if s.name in voted), None)
            if reader:
                wait_until("the tally on a device", lambda: "The class:" in reader.look_past_the_note()["text"])
            if projector:
                projector.switch_to.window(projector_home)
                wait_until("the tally on the projector", lambda: "Tally" in projector.find_element("id", "t-root").text)
        elif a["step"] == "result":
            answer = console.do("next")
            assert answer["type"] == "ack", answer


def test_a_class_of_12_plays_two_periods_in_browsers_through_a_kill_9(tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    need_chromium()
    rng = random.Random(1917)
    started = time.time()
    deadline = started + BUDGET_S
    server = LiveServer(tmp_path, name="class12", students=12, period=45, periods=2, seed=5).start()
    drivers, console = [], None
    try:
        drivers = [chromium(1000, 760, bidi=True) for _ in range(2)]
        teacher_page, projector_page = drivers[0], drivers[1]
        homes = [d.current_window_handle for d in drivers]      # the console's and the projector's windows
        students = []
        for i, name in enumerate(NAMES):
            driver = drivers[i % 2]
            handle = new_student_window(driver)
            driver.get(server.url + "/")
            driver.find_element(By.ID, "join-code").send_keys(server.code.lower())
            driver.find_element(By.ID, "join-name").send_keys(name + Keys.ENTER)
            students.append(Student(driver, handle, name))
        for s in students:
            wait_until(f"{s.name} in the lobby", lambda: s.look()["screen"] == "lobby")
        # the teacher's console and the projector, each in the first window of its browser
        teacher_page.switch_to.window(homes[0])
        teacher_page.get(server.url + "/teacher#t=" + server.teacher)
        projector_page.switch_to.window(homes[1])
        projector_page.get(server.url + "/projector#t=" + server.projector)
        teacher_page.switch_to.window(homes[0])
        wait_until("12 on the console", lambda: teacher_page.find_element(By.ID, "t-root").text.count("Drop device") == 12)
        assert "#t=" not in teacher_page.current_url          # the token leaves the address bar
        teacher_page.find_element(By.CSS_SELECTOR, "[data-do=start]").click()
        console = Console(server)
        wait_until("the session started", lambda: console.refresh(0.1)["screen"] == "play")
        assert len(console.view["joined"]) == 12
        assert {len(g["students"]) for g in console.view["groups"]} == {2}

        # a pause from the console page reaches every device
        teacher_page.switch_to.window(homes[0])
        teacher_page.find_element(By.CSS_SELECTOR, "[data-do=pause]").click()
        for s in students:
            wait_until(f"{s.name} paused", lambda: s.look()["screen"] == "paused")
        teacher_page.switch_to.window(homes[0])
        teacher_page.find_element(By.CSS_SELECTOR, "[data-do=resume]").click()
        wait_until("resumed", lambda: not console.refresh(0.1)["paused"])

        # period 1: play through two assemblies, then the break
        assemblies: list[str] = []
        play_until(console, students, rng, lambda v: len(assemblies) >= 2 or v["screen"] == "debrief", deadline, assemblies, projector_page, homes[1])
        assert console.view["screen"] == "play", "the session should outlast two assemblies"
        assert console.do("break")["type"] == "ack"
        for s in students:
            wait_until(f"{s.name} sees the break", lambda: "End of period 1" in s.look_past_the_note()["text"])
        assert console.do("resume")["type"] == "ack"

        # period 2: a few decisions, then kill -9 in the middle of play
        decisions = lambda v: sum(g["decisions"] for g in v["groups"])  # noqa: E731
        before = decisions(console.view)
        play_until(console, students, rng, lambda v: v["screen"] == "play" and decisions(v) >= before + 4
                   and sum(g["status"] == "playing" for g in v["groups"]) >= 2, deadline, assemblies, projector_page, homes[1])
        accepted = decisions(console.view)
        groups = group_of(console.view)
        playing = {g["group"] for g in console.view["groups"] if g["status"] == "playing"}
        where = {s.name: (lambda l: (l["screen"], l["scene"]))(s.look()) for s in students}
        console.close()
        server.kill()
        # while the server is down, one student of a playing group answers: the device keeps it
        offline = next(s for s in students if groups[s.name] in playing and s.look_past_the_note()["screen"] == "scene")
        while offline.look()["next"]:
            offline.key(Keys.PAGE_DOWN)
        offline.key(str(offline.look()["choices"][0]))
        for s in students:
            wait_until(f"{s.name} says it is reconnecting", lambda: s.look()["offline"], timeout=20)
        server.start()
        for s in students:
            wait_until(f"{s.name} reconnected", lambda: not s.look()["offline"], timeout=40)
        console = Console(server)
        # every accepted answer survived, and the one made offline was sent once, after the restart
        wait_until("the offline answer arrives", lambda: decisions(console.refresh(0.2)) == accepted + 1, timeout=20)
        time.sleep(1.0)
        assert decisions(console.refresh(0.2)) == accepted + 1
        # every other group's devices are exactly where they were
        for s in students:
            if groups[s.name] != groups[offline.name]:
                look = s.look()
                assert (look["screen"], look["scene"]) == where[s.name], s.name
        # the console and the projector reconnect by themselves too
        teacher_page.switch_to.window(homes[0])
        wait_until("the console reconnected", lambda: not teacher_page.find_element(By.ID, "net").is_displayed(), timeout=40)

        # the rest of period 2: each group of two decides by a vote inside the group, on both devices
        answer = console.do("decide_mode", mode="vote")
        assert answer["type"] == "ack", answer
        final = play_until(console, students, rng, lambda v: v["screen"] == "debrief", deadline, assemblies, projector_page, homes[1])
        for s in students:
            look = wait_until(f"{s.name} sees the debrief",
                              lambda: (lambda l: l if l["screen"] == "debrief" else None)(s.look_past_the_note()))
            assert len(look["text"]) > 100, look["text"]
        projector_page.switch_to.window(homes[1])
        wait_until("the projector shows the debrief", lambda: "Debrief" in projector_page.find_element(By.ID, "t-root").text)
        # what the class typed stayed text on every device and in the records
        with (tmp_path / "sessions" / "class12" / "speeches.csv").open(encoding="utf-8") as f:
            assert any("Comrades <b>listen</b>" in " ".join(row) for row in csv.reader(f))
        with (tmp_path / "sessions" / "class12" / "student-choices.csv").open(encoding="utf-8") as f:
            decided = [row["decided_by"] for row in csv.DictReader(f)]
        assert "own device" in decided and "group vote" in decided, set(decided)   # shared, then by vote
        per_group = {g["role_name"]: g["decisions"] for g in final["groups"]}
        print(f"\nclass of 12: {time.time() - started:.0f} s, assemblies {assemblies}, decisions per group {per_group}, "
              f"device choices {sum(s.chose for s in students)}")
        assert len(assemblies) >= 3
        assert all(n >= 1 for n in per_group.values()), per_group
    finally:
        if console:
            console.close()
        for driver in drivers:
            driver.quit()
        server.kill()
