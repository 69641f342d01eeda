"""Screenshots of the student client, phone-sized (360x740) and Chromebook-sized (1366x768), for people
to look at. Not part of the automated suite.

    python tests/web_screenshots.py OUT_DIR [--live]

With --live, against `petrograd session host` (a class of six, one student shown on both sizes, and the
projector page); without, the client with canned views (tests/web_views.py) through a fake WebSocket.
Needs Debian's chromium and chromium-driver.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import FIXTURE_CODE, FixtureServer, chromium, fit_viewport  # noqa: E402
from web_views import views  # noqa: E402

SIZES = {"phone": (360, 740), "chromebook": (1366, 768)}
SHOTS = ["join", "lobby", "scene", "scene_vote", "after", "waiting", "assembly_agenda", "assembly_speech",
         "assembly_vote", "assembly_tally", "ending", "debrief", "paused", "panel_sheet", "panel_codex", "large"]


def push(driver, view: dict) -> None:
    driver.execute_script("window.__fake.push(arguments[0]);", json.loads(json.dumps(view)))
    time.sleep(0.15)


def shoot_fixture(out: Path) -> list[Path]:
    from selenium.webdriver.common.by import By
    canned = views()
    written = []
    with FixtureServer() as server:
        for size, (width, height) in SIZES.items():
            driver = chromium(width, height)
            try:
                fit_viewport(driver, width, height)
                driver.get(server.url + "/")

                def save(name):
                    path = out / f"{size}-{name}.png"
                    driver.save_screenshot(str(path))
                    written.append(path)
                save("join")
                driver.find_element(By.ID, "join-code").send_keys(FIXTURE_CODE)
                driver.find_element(By.ID, "join-name").send_keys("Ana")
                driver.execute_script("window.__fake.view = arguments[0];", canned["lobby"])
                driver.find_element(By.ID, "join-go").click()
                time.sleep(0.3)
                save("lobby")
                for name in ("scene", "scene_vote"):
                    push(driver, canned[name])
                    # the choices are on the last page: go there as a student would
                    for _ in range(5):
                        nxt = driver.find_elements(By.CSS_SELECTOR, "[data-key=page-next]")
                        if not nxt:
                            break
                        nxt[0].click()
                    save(name)
                push(driver, canned["scene"])
                for _ in range(5):
                    nxt = driver.find_elements(By.CSS_SELECTOR, "[data-key=page-next]")
                    if not nxt:
                        break
                    nxt[0].click()
                driver.find_element(By.CSS_SELECTOR, "[data-num='2']").click()
                time.sleep(0.2)
                push(driver, canned["waiting"])
                save("after")
                driver.find_element(By.CSS_SELECTOR, "[data-key=continue]").click()
                save("waiting")
                for name in ("assembly_agenda", "assembly_speech"):
                    push(driver, canned[name])
                driver.find_element(By.ID, "speech").send_keys(
                    "Comrades, gentlemen: the Provisional Government was made by the February revolution and "
                    "answers to the Constituent Assembly, not to a committee's ultimatum.")
                save("assembly_speech")
                for name in ("assembly_vote", "assembly_tally", "ending", "debrief", "paused"):
                    push(driver, canned[name])
                    save(name)
                push(driver, canned["scene"])
                driver.find_element(By.ID, "open-sheet").click()
                time.sleep(0.2)
                save("panel_sheet")
                driver.find_element(By.ID, "panel-close").click()
                driver.find_element(By.ID, "open-codex").click()
                driver.find_element(By.CSS_SELECTOR, "#panel-body .codex-link").click()
                time.sleep(0.2)
                save("panel_codex")
                driver.find_element(By.ID, "panel-close").click()
                driver.find_element(By.ID, "toggle-large").click()
                time.sleep(0.2)
                save("large")
                driver.find_element(By.ID, "toggle-large").click()
            finally:
                driver.quit()
    return written


def act_as(server, token: str, message: dict) -> dict:
    """One student action over a plain WebSocket; returns the ack or error."""
    from websockets.sync.client import connect
    with connect(server.url.replace("http://", "ws://") + "/ws") as ws:
        ws.send(json.dumps({"type": "hello", "token": token}))
        view = json.loads(ws.recv(timeout=10))
        if view.get("type") != "view":
            return view
        ws.send(json.dumps({**message, "ref": 1}))
        while True:
            answer = json.loads(ws.recv(timeout=10))
            if answer.get("ref") == 1:
                return answer


def view_of(server, token: str) -> dict:
    from websockets.sync.client import connect
    with connect(server.url.replace("http://", "ws://") + "/ws") as ws:
        ws.send(json.dumps({"type": "hello", "token": token}))
        return json.loads(ws.recv(timeout=10)).get("view", {})


def shoot_live(out: Path) -> list[Path]:
    """The real server, a class of six: one student's screens on a phone and a Chromebook at once (the
    same token on both), the other five answering over WebSockets; the projector page beside them."""
    import tempfile
    import urllib.request
    from selenium.webdriver.common.by import By
    from browser import Console, LiveServer
    written = []
    saves = Path(tempfile.mkdtemp(prefix="petrograd-shots-"))
    server = LiveServer(saves, name="shots", students=6, seed=1).start()
    drivers = {}
    try:
        for size, (width, height) in SIZES.items():
            drivers[size] = chromium(width, height)
            fit_viewport(drivers[size], width, height)
            drivers[size].get(server.url + "/")
        drivers["projector"] = chromium(1366, 768)
        fit_viewport(drivers["projector"], 1366, 768)

        def save(name, only=None):
            time.sleep(0.5)
            for size, driver in drivers.items():
                if only and size not in only:
                    continue
                path = out / f"live-{size}-{name}.png"
                driver.save_screenshot(str(path))
                written.append(path)
        save("join", only=SIZES)
        phone = drivers["phone"]
        phone.find_element(By.ID, "join-code").send_keys(server.code)
        phone.find_element(By.ID, "join-name").send_keys("Ana")
        phone.find_element(By.ID, "join-go").click()
        time.sleep(0.5)
        token = phone.execute_script("return localStorage.getItem('petrograd.token')")
        drivers["chromebook"].execute_script("localStorage.setItem('petrograd.token', arguments[0])", token)
        drivers["chromebook"].get(server.url + "/")
        others = []
        for name in ("Ben", "Cleo", "Dmitri", "Eva", "Farid"):
            request = urllib.request.Request(server.url + "/api/join", headers={"Content-Type": "application/json"},
                                             data=json.dumps({"code": server.code, "name": name}).encode())
            others.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["token"])
        drivers["projector"].get(server.url + "/projector#t=" + server.teacher)
        save("lobby")
        console = Console(server)
        console.do("start")
        time.sleep(0.5)
        save("scene")
        for size in SIZES:     # the choices, on the scene's last page
            for _ in range(8):
                more = drivers[size].find_elements(By.CSS_SELECTOR, "[data-key=page-next]")
                if not more:
                    break
                more[0].click()
        save("choices", only=SIZES)
        everyone = [token, *others]

        def show(token_now):
            """Both browsers become this student's device (the same token on a phone and a Chromebook)."""
            for size in SIZES:
                drivers[size].execute_script("localStorage.setItem('petrograd.token', arguments[0])", token_now)
                drivers[size].get(server.url + "/")
            time.sleep(0.5)

        def play_until(done, players, limit=400):
            """Bots take each group's first choice, one answer at a time, until done() (spread over the
            devices: the server allows a device 20 answers in 10 s)."""
            for turn in range(limit):
                if done():
                    return True
                player = players[turn % len(players)]
                view = view_of(server, player)
                if view.get("screen") == "scene" and view["scene"]["choices"]:
                    act_as(server, player, {"type": "choose", "scene": view["scene"]["id"], "n": 1})
                time.sleep(0.05)
            return done()

        # a group that reached its assembly's hour waits
        waiting = []
        play_until(lambda: waiting.extend(t for t in everyone if view_of(server, t).get("screen") == "waiting") or waiting,
                   others)
        if waiting:
            show(waiting[0])
            save("waiting", only=SIZES)
            show(token)
        # Ana's group plays on (first choices): the note after the decision
        view = view_of(server, token)
        if view.get("screen") == "scene":
            act_as(server, token, {"type": "choose", "scene": view["scene"]["id"], "n": 1})
            time.sleep(0.5)
            save("after", only=SIZES)
        # everyone plays until an assembly sits; both browsers show a student of a group it concerns
        play_until(lambda: console.refresh(0.1)["screen"] == "assembly", everyone)
        assert console.view["screen"] == "assembly", console.view["screen"]
        member = next(t for t in everyone if view_of(server, t).get("screen") == "assembly")
        show(member)
        save("assembly_agenda")
        group = view_of(server, member)["me"]["group"]
        console.do("call_speaker", group=group)
        time.sleep(0.5)
        for size in SIZES:
            drivers[size].find_element(By.ID, "speech").send_keys(
                "Comrades, the Congress will not wait for us. If we wait for the Constituent Assembly we hand the "
                "city to Kerensky's Cossacks. We must take power now, before the 25th.")
        save("assembly_speech")
        phone.find_element(By.CSS_SELECTOR, "[data-key=speech-send]").click()
        time.sleep(0.5)
        console.do("open_vote")
        time.sleep(0.5)
        save("assembly_vote")
        motion = view_of(server, member)["assembly"]["motion"]
        for other in everyone:
            act_as(server, other, {"type": "vote", "motion": motion["id"], "option": motion["options"][0]["id"]})
        console.do("close_vote")
        save("tally")
        console.do("end")
        time.sleep(1.0)
        save("debrief")
        drivers["projector"].get(server.url + "/teacher#t=" + server.teacher)
        time.sleep(1.0)
        path = out / "live-teacher-debrief.png"
        drivers["projector"].save_screenshot(str(path))
        written.append(path)
        console.close()
    finally:
        for driver in drivers.values():
            driver.quit()
        server.kill()
    return written


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--live", action="store_true", help="against the real server (else canned views)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in (shoot_live(args.out) if args.live else shoot_fixture(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
