"""The student client, the teacher console and the projector page (engine/frontends/web/static/).

The static checks read the files. The browser checks run headless Chromium against the client served with
canned views through a fake WebSocket (tests/browser.py), so they pin the client's own behaviour:
escaping, joining, sending each action once, reconnecting, the speech limit, keys. The class playing
against the real server is tests/test_web_classroom.py.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from browser import FIXTURE_CODE, STATIC, FixtureServer, chromium, need_chromium
from web_views import hostile, views

SCRIPTS = ["dom.js", "app.js", "teacher.js"]
PAGES = ["index.html", "teacher.html", "projector.html"]


# ---------- the files ----------
@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_never_turn_data_into_markup_or_code(name):
    source = (STATIC / name).read_text(encoding="utf-8")
    source = re.sub(r"(^|\s)//[^\n]*", r"\1", re.sub(r"/\*.*?\*/", "", source, flags=re.S))   # code, not comments
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                      "setTimeout(\"", "setTimeout('", ".cssText", "setAttribute(\"style", "javascript:"):
        assert forbidden not in source, f"{name} uses {forbidden}"


@pytest.mark.parametrize("name", PAGES)
def test_pages_carry_no_inline_script_or_style_and_nothing_from_elsewhere(name):
    html = (STATIC / name).read_text(encoding="utf-8")
    for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S):
        assert "src=" in script[0] and not script[1].strip(), f"inline script in {name}"
    assert "<style" not in html and not re.search(r"\sstyle\s*=", html), f"inline style in {name}"
    assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler in {name}"
    for ref in re.findall(r"(?:src|href)=\"([^\"]+)\"", html):
        assert ref.startswith("/static/") or ref.startswith("data:"), f"{name} loads {ref} from elsewhere"


def test_no_file_reaches_past_the_teachers_machine():
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!127\.0\.0\.1)", text), f"{path.name} names an outside address"
        assert "@import" not in text and "url(http" not in text


def test_the_student_page_weighs_under_300_kb_before_the_picture():
    total = sum((STATIC / name).stat().st_size for name in ("index.html", "app.css", "dom.js", "app.js"))
    assert total < 300_000, total


# ---------- the browser, with canned views ----------
@pytest.fixture(scope="module")
def fixture_server():
    with FixtureServer() as server:
        yield server


@pytest.fixture(scope="module")
def driver():
    need_chromium()
    d = chromium(1000, 800)
    yield d
    d.quit()


def joined(driver, server, view):
    """A fresh page joined as Ana, showing `view`."""
    from selenium.webdriver.common.by import By
    driver.get(server.url + "/")
    driver.execute_script("localStorage.clear()")
    driver.get(server.url + "/")
    driver.find_element(By.ID, "join-code").send_keys(FIXTURE_CODE.lower())
    driver.find_element(By.ID, "join-name").send_keys("Ana")
    driver.execute_script("window.__fake.view = arguments[0]", view)
    driver.find_element(By.ID, "join-go").click()
    wait_for(driver, "document.getElementById('screen').dataset.screen === arguments[0]", view["screen"])


def wait_for(driver, condition, *args, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        if driver.execute_script("return " + condition, *args):
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {condition} {args}")


def push(driver, view):
    driver.execute_script("window.__fake.push(arguments[0])", view)
    wait_for(driver, "window.__fake.sockets.some(s => s.readyState === 1)")
    time.sleep(0.1)


def actions(driver):
    return driver.execute_script("return window.__fake.actions()")


def screen_text(driver):
    return driver.execute_script("return document.getElementById('screen').innerText")


def last_page(driver):
    from selenium.webdriver.common.by import By
    for _ in range(10):
        more = driver.find_elements(By.CSS_SELECTOR, "[data-key=page-next]")
        if not more:
            return
        more[0].click()


def test_a_wrong_code_is_told_and_a_right_one_keeps_a_token(driver, fixture_server):
    from selenium.webdriver.common.by import By
    driver.get(fixture_server.url + "/")
    driver.execute_script("localStorage.clear()")
    driver.get(fixture_server.url + "/")
    driver.find_element(By.ID, "join-code").send_keys("ZZZZ")
    driver.find_element(By.ID, "join-name").send_keys("Ana")
    driver.find_element(By.ID, "join-go").click()
    wait_for(driver, "!document.getElementById('join-error').hidden")
    assert "code" in driver.find_element(By.ID, "join-error").text
    assert driver.execute_script("return localStorage.getItem('petrograd.token')") is None
    joined(driver, fixture_server, views()["lobby"])
    assert driver.execute_script("return localStorage.getItem('petrograd.token')").startswith("token-")
    assert "Welcome, Ana" in screen_text(driver)
    # a reload lands on the same screen without joining again
    driver.refresh()
    wait_for(driver, "document.getElementById('screen').dataset.screen === 'lobby'")
    assert driver.find_element(By.ID, "join").is_displayed() is False


def test_markup_in_any_field_is_shown_as_text_and_never_runs(driver, fixture_server):
    from selenium.webdriver.common.by import By
    joined(driver, fixture_server, hostile())
    time.sleep(0.3)
    assert driver.execute_script("return window.__pwned") is None
    assert driver.find_elements(By.CSS_SELECTOR, "#screen img[src=x], #screen script, #screen b") == []
    assert '<img src=x onerror="window.__pwned=1">' in screen_text(driver)
    assert "<script>" in driver.find_element(By.ID, "bar-name").text
    driver.find_element(By.CSS_SELECTOR, ".codex-link").click()
    assert driver.find_element(By.ID, "panel-title").text == '<img src=x onerror="window.__pwned=1">'
    assert driver.execute_script("return window.__pwned") is None
    assert driver.execute_script("return window.__fake.csp") == []


def test_a_choice_is_sent_once_with_its_scene_and_the_note_follows(driver, fixture_server):
    from selenium.webdriver.common.by import By
    canned = views()
    joined(driver, fixture_server, canned["scene"])
    assert driver.find_elements(By.CSS_SELECTOR, "img.picture")[0].get_attribute("src").count("w=") == 1
    last_page(driver)
    button = driver.find_element(By.CSS_SELECTOR, ".choices [data-num='2']")
    button.click()
    driver.execute_script("for (let i = 0; i < 3; i++) document.querySelector(\".choices [data-num='2']\").click()")  # impatient taps
    time.sleep(0.3)
    sent = [a for a in actions(driver) if a["type"] == "choose"]
    assert [(a["scene"], a["n"]) for a in sent] == [("minister_start", 2)]
    push(driver, canned["waiting"])
    wait_for(driver, "document.getElementById('screen').dataset.screen === 'after'")
    text = screen_text(driver)
    assert "Keksgolmsky" in text and "You chose: Stay at the receivers" in text
    driver.find_element(By.CSS_SELECTOR, "[data-key=continue]").click()
    wait_for(driver, "document.getElementById('screen').dataset.screen === 'waiting'")
    assert "waiting for: Lenin, Journalist" in screen_text(driver)


def test_number_keys_choose_and_page_keys_turn_pages(driver, fixture_server):
    from selenium.webdriver.common.action_chains import ActionChains
    joined(driver, fixture_server, views()["scene"])
    pages = driver.execute_script("return document.querySelector('.page-of') && document.querySelector('.page-of').textContent")
    if pages:   # the choices are on the last page: the keys get there
        for _ in range(5):
            ActionChains(driver).send_keys("\ue00f").perform()   # Page Down
    ActionChains(driver).send_keys("1").perform()
    time.sleep(0.3)
    assert [a["n"] for a in actions(driver) if a["type"] == "choose"] == [1]


def test_after_lost_wifi_an_unacknowledged_choice_is_sent_again_once_only_if_still_asked(driver, fixture_server):
    from selenium.webdriver.common.by import By
    canned = views()
    joined(driver, fixture_server, canned["scene"])
    last_page(driver)
    driver.execute_script("window.__fake.holdAcks = true")
    driver.find_element(By.CSS_SELECTOR, ".choices [data-num='1']").click()
    time.sleep(0.2)
    first = [a for a in actions(driver) if a["type"] == "choose"]
    assert len(first) == 1
    # The connection drops before the ack; the server never got it (the view still asks): sent again, same ref.
    driver.execute_script("window.__fake.holdAcks = false; window.__fake.drop()")
    wait_for(driver, "window.__fake.hellos >= 2", timeout=10)
    time.sleep(0.3)
    again = [a for a in actions(driver) if a["type"] == "choose"]
    assert len(again) == 2 and again[1] == first[0]
    # Now the other case: the server took it, then the link dropped before the ack reached the device.
    joined(driver, fixture_server, canned["scene"])
    last_page(driver)
    driver.execute_script("window.__fake.holdAcks = true")
    driver.find_element(By.CSS_SELECTOR, ".choices [data-num='2']").click()
    time.sleep(0.2)
    driver.execute_script("window.__fake.view = arguments[0]; window.__fake.holdAcks = false; window.__fake.drop()",
                          canned["waiting"])
    wait_for(driver, "window.__fake.hellos >= 2", timeout=10)
    time.sleep(0.3)
    assert len([a for a in actions(driver) if a["type"] == "choose"]) == 1
    assert driver.execute_script("return document.getElementById('screen').dataset.screen") in ("after", "waiting")


def test_a_long_outage_shows_a_quiet_reconnecting_line_and_lands_where_it_was(driver, fixture_server):
    from selenium.webdriver.common.by import By
    canned = views()
    joined(driver, fixture_server, canned["assembly_vote"])
    driver.execute_script("window.__fake.down = true; window.__fake.drop()")
    wait_for(driver, "!document.getElementById('net').hidden", timeout=5)
    assert driver.find_element(By.ID, "net").text == "Reconnecting…"
    assert driver.execute_script("return document.getElementById('screen').dataset.screen") == "assembly"
    driver.execute_script("window.__fake.down = false")
    wait_for(driver, "document.getElementById('net').hidden", timeout=15)
    assert "Reject the ultimatum" in screen_text(driver)


def test_a_written_speech_counts_to_400_and_is_sent_trimmed(driver, fixture_server):
    from selenium.webdriver.common.by import By
    joined(driver, fixture_server, views()["assembly_speech"])
    area = driver.find_element(By.ID, "speech")
    area.send_keys("  We hold the Palace. " + "x" * 450)
    assert len(area.get_attribute("value")) == 400          # the field takes no more
    assert driver.find_element(By.ID, "speech-count").text == "400 / 400"
    area.clear()
    area.send_keys("  We hold the Palace.  ")
    # a view arriving while the student types keeps the draft and the caret in the field
    push(driver, views()["assembly_speech"])
    assert driver.find_element(By.ID, "speech").get_attribute("value") == "  We hold the Palace.  "
    assert driver.switch_to.active_element.get_attribute("id") == "speech"
    driver.find_element(By.CSS_SELECTOR, "[data-key=speech-send]").click()
    time.sleep(0.2)
    assert [a.get("text") for a in actions(driver) if a["type"] == "speak"] == ["We hold the Palace."]


def test_a_vote_is_sent_once_and_shown_as_cast(driver, fixture_server):
    from selenium.webdriver.common.by import By
    canned = views()
    joined(driver, fixture_server, canned["assembly_vote"])
    driver.find_element(By.CSS_SELECTOR, "[data-key=vote-against]").click()
    time.sleep(0.2)
    assert [(a["motion"], a["option"]) for a in actions(driver) if a["type"] == "vote"] == [("ultimatum", "against")]
    voted = canned["assembly_vote"]
    voted["assembly"]["my_vote"] = "against"
    push(driver, voted)
    assert driver.find_element(By.CSS_SELECTOR, "[data-key=vote-against]").get_attribute("aria-pressed") == "true"
    assert not driver.find_element(By.CSS_SELECTOR, "[data-key=vote-for]").is_enabled()


def test_role_sheet_map_codex_and_large_text_are_always_reachable(driver, fixture_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    canned = views()
    for name in ("waiting", "assembly_vote", "scene"):
        joined(driver, fixture_server, canned[name])
        driver.find_element(By.ID, "open-sheet").click()
        assert "Keep the cadets from firing first." in driver.find_element(By.ID, "panel-body").text
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        wait_for(driver, "!document.getElementById('panel').open")
        driver.find_element(By.ID, "open-map").click()
        src = driver.find_element(By.CSS_SELECTOR, "#panel-body img.map").get_attribute("src")
        assert "/img/map?w=" in src and "&t=token-" in src
        driver.find_element(By.ID, "panel-close").click()
        driver.find_element(By.ID, "open-codex").click()
        assert "Kerensky" in driver.find_element(By.ID, "panel-body").text
        driver.find_element(By.ID, "panel-close").click()
    size = driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    driver.find_element(By.ID, "toggle-large").click()
    larger = driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger >= size * 1.25
    driver.refresh()
    wait_for(driver, "document.documentElement.classList.contains('large')")
    driver.find_element(By.ID, "toggle-large").click()


def test_every_screen_renders_without_errors_or_csp_violations(driver, fixture_server):
    canned = views()
    driver.get_log("browser")     # only this test's messages below
    joined(driver, fixture_server, canned["lobby"])
    for name, view in canned.items():
        push(driver, view)
        shown = driver.execute_script("return document.getElementById('screen').dataset.screen")
        assert shown in (view["screen"], "after", "paused"), (name, shown)
        assert screen_text(driver).strip(), name
    push(driver, canned["break"])
    assert "End of period 1" in screen_text(driver)
    assert driver.execute_script("return window.__fake.csp") == []
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_a_dropped_device_forgets_its_token_and_goes_back_to_joining(driver, fixture_server):
    from selenium.webdriver.common.by import By
    joined(driver, fixture_server, views()["scene"])
    driver.execute_script("window.__fake.say({type: 'bye', message: 'The teacher has removed this device. Join again.'})")
    wait_for(driver, "!document.getElementById('join').hidden")
    assert "removed this device" in driver.find_element(By.ID, "join-error").text
    assert driver.execute_script("return localStorage.getItem('petrograd.token')") is None
    assert json.loads(json.dumps(driver.execute_script("return window.__fake.sockets.map(s => s.readyState)"))).count(1) == 0


def test_when_the_network_comes_back_the_device_reconnects_at_once_not_at_its_next_backoff(driver, fixture_server):
    joined(driver, fixture_server, views()["scene"])
    driver.execute_script("window.__fake.down = true; window.__fake.drop()")
    time.sleep(4.0)            # tries at about 0.5, 1.5 and 3.5 s; the next one is seconds away
    wait_for(driver, "!document.getElementById('net').hidden")
    hellos = driver.execute_script("return window.__fake.hellos")
    driver.execute_script("window.__fake.down = false; window.dispatchEvent(new Event('online'))")
    wait_for(driver, "window.__fake.hellos > arguments[0]", hellos, timeout=1.0)
    wait_for(driver, "document.getElementById('net').hidden", timeout=1.0)
    assert driver.execute_script("return document.getElementById('screen').dataset.scene") == "minister_start"
