"""Screenshots of the student client, phone-sized (360x740) and Chromebook-sized (1366x768), for people
to look at. Not part of the automated suite.

    python tests/web_screenshots.py OUT_DIR [--server URL --token T ...]

Without --server it serves the client with canned views (tests/web_views.py) through a fake WebSocket.
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
                driver.find_element(By.CSS_SELECTOR, ".codex-link").click()
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in shoot_fixture(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
