"""The teacher's console page and the projector page in headless Chromium against the real server: every
control is clicked as a teacher would, and what it did is read back from the session."""
from __future__ import annotations

import json
import time
import urllib.request

import pytest

from browser import Console, LiveServer, chromium, fit_viewport, need_chromium


def wait_until(what, test, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        value = test()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out: {what}")


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    need_chromium()
    server = LiveServer(tmp_path_factory.mktemp("console"), name="console", students=6, seed=3).start()
    tokens = []
    for name in ("Ana", "Ben", "Cleo", "Dmitri", "Eva", "<i>Farid</i>"):
        request = urllib.request.Request(server.url + "/api/join", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"code": server.code, "name": name}).encode())
        tokens.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["token"])
    teacher = chromium(1366, 768)
    fit_viewport(teacher, 1366, 768)
    projector = chromium(1366, 768)
    try:
        yield server, tokens, teacher, projector
    finally:
        teacher.quit()
        projector.quit()
        server.kill()


def click(driver, css, accept=False):
    from selenium.webdriver.common.by import By
    wait_until(css, lambda: driver.find_elements(By.CSS_SELECTOR, css))
    button = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)   # the teacher scrolls to it
    button.click()
    if accept:
        driver.switch_to.alert.accept()


def test_the_console_runs_the_session_and_the_projector_follows(classroom):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    server, tokens, teacher, projector = classroom
    console = Console(server)
    try:
        assert server.projector != server.teacher          # the projector's own show-only token
        teacher.get(server.url + "/teacher#t=" + server.teacher)
        projector.get(server.url + "/projector#t=" + server.projector)
        root = lambda d: d.find_element(By.ID, "t-root").text  # noqa: E731
        wait_until("six on the console", lambda: root(teacher).count("Drop device") == 6)
        assert server.code in root(projector) and "<i>Farid</i>" in root(projector)      # names stay text
        assert projector.find_elements(By.CSS_SELECTOR, "#t-root i") == []
        assert projector.find_elements(By.CSS_SELECTOR, "button, select, input") == []    # read-only
        # a page with no token, or a forged one, shows nothing of the session
        projector.get(server.url + "/teacher#t=forged")
        wait_until("the forged token is refused", lambda: projector.find_element(By.ID, "t-problem").is_displayed())
        assert server.code not in projector.find_element(By.TAG_NAME, "body").text
        projector.get(server.url + "/projector#t=" + server.projector)

        # move a student, drop a device
        view = console.refresh(0.3)
        ana = next(s for s in view["students"] if s["name"] == "Ana")
        target = next(r["group"] for r in view["roles"] if r["group"] != ana["group"])
        Select(teacher.find_element(By.CSS_SELECTOR, f"[data-key='move-{ana['id']}']")).select_by_value(target)
        wait_until("Ana moved", lambda: next(s for s in console.refresh(0.2)["students"] if s["name"] == "Ana")["group"] == target)
        ben = next(s for s in view["students"] if s["name"] == "Ben")
        rows = teacher.find_elements(By.CSS_SELECTOR, ".cast tbody tr")
        row = next(r for r in rows if r.find_element(By.CSS_SELECTOR, "td").text == "Ben")
        row.find_element(By.CSS_SELECTOR, "[data-do=drop_device]").click()
        teacher.switch_to.alert.accept()
        wait_until("Ben dropped", lambda: next(s for s in console.refresh(0.2)["students"] if s["id"] == ben["id"])["dropped"])

        # start, pause, resume, add time, decide by vote
        click(teacher, "[data-do=start]")
        wait_until("started", lambda: console.refresh(0.2)["screen"] == "play")
        click(teacher, "[data-do=pause]")
        wait_until("paused", lambda: console.refresh(0.2)["paused"])
        wait_until("the projector says so", lambda: "Paused" in root(projector))
        click(teacher, "[data-do=resume]")
        wait_until("resumed", lambda: not console.refresh(0.2)["paused"])
        click(teacher, "[data-do=add_time]")
        wait_until("five minutes added", lambda: console.refresh(0.2)["extra_minutes"] == 5)
        click(teacher, "[data-do=decide_mode]:not([disabled])")
        wait_until("groups decide by vote", lambda: console.refresh(0.2)["decide"] == "vote")

        # the groups still playing are moved on to the assembly from the timeline
        while console.refresh(0.3)["screen"] == "play":
            click(teacher, "[data-do=advance_group]", accept=True)
            time.sleep(0.3)
        assert console.view["screen"] == "assembly"
        wait_until("the projector shows the agenda", lambda: "Agenda" in root(projector))
        # the teacher calls a speaker, then opens the vote and enters a show of hands
        click(teacher, "[data-do=call_speaker]")
        wait_until("a group has the floor", lambda: console.refresh(0.2)["assembly"]["floor"])
        wait_until("the projector shows who has the floor", lambda: "Has the floor:" in root(projector))
        click(teacher, "[data-do=open_vote]")
        wait_until("the vote is open", lambda: console.refresh(0.2)["assembly"]["step"] == "vote")
        options = console.view["assembly"]["motion"]["options"]
        wait_until("the count form", lambda: teacher.find_elements(By.ID, f"hands-{options[0]['id']}"))
        teacher.find_element(By.ID, f"hands-{options[0]['id']}").send_keys("9")
        teacher.find_element(By.ID, f"hands-{options[1]['id']}").send_keys("4")
        teacher.find_element(By.CSS_SELECTOR, "form.hands button[type=submit]").click()
        wait_until("the count closed the vote", lambda: console.refresh(0.2)["assembly"]["step"] == "result")
        assert console.view["assembly"]["tally"] == {options[0]["id"]: 9, options[1]["id"]: 4}
        wait_until("the tally on the projector", lambda: "Tally" in root(projector) and "The class:" in root(projector))
        # reopen, then close with no device votes; then end and project the debrief
        click(teacher, "[data-do=reopen_vote]")
        wait_until("reopened", lambda: console.refresh(0.2)["assembly"]["step"] == "vote")
        click(teacher, "[data-do=close_vote]")
        wait_until("closed", lambda: console.refresh(0.2)["assembly"]["step"] == "result")
        click(teacher, "[data-do=end]", accept=True)
        wait_until("the debrief", lambda: console.refresh(0.2)["screen"] == "debrief")
        wait_until("the projector shows the debrief", lambda: "Debrief" in root(projector))
        errors = [e for d in (teacher, projector) for e in d.get_log("browser")
                  if e["level"] == "SEVERE" and e["source"] != "network"]
        assert errors == []
    finally:
        console.close()
