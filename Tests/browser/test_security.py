"""The app's defences, through real requests and a real browser: CSRF, Host and Origin checks
(THREATS row 32), inert payloads and the content security policy (row 33), the idle lock
(row 34), the sign-in throttle and its one failure message, the headers on every page."""
import re
import time

import requests
from selenium.webdriver.common.by import By

from conftest import MASH_USER, SCHOOL_USER, USER_PASSPHRASE, ExtraApp, sign_in, signed_in_session, submit

PAYLOADS = ['"><script>window.pwned=1</script>', "' onmouseover='window.pwned=1' x='", "javascript:window.pwned=1",
            "<img src=x onerror=window.pwned=1>"]


def test_a_post_without_the_csrf_token_or_from_another_site_changes_nothing(partnership):
    session, token = signed_in_session(partnership.school, SCHOOL_USER)
    before = session.get(partnership.school + "/log/export/csv").text
    assert session.post(partnership.school + "/sent/sync", data={}).status_code == 403
    assert session.post(partnership.school + "/sent/sync", data={"csrf": "0" * 64}).status_code == 403
    other = session.post(partnership.school + "/sent/sync", data={"csrf": token}, headers={"Origin": "https://attacker.example"})
    assert other.status_code == 403
    assert session.get(partnership.school + "/log/export/csv").text == before, "nothing was logged"


def test_a_foreign_host_name_is_refused(partnership):
    session, _ = signed_in_session(partnership.mash, MASH_USER)
    for path in ["/", "/inbox", "/sign-in", "/log"]:
        answer = session.get(partnership.mash + path, headers={"Host": "attacker.example"}, allow_redirects=False)
        assert answer.status_code == 421, path
        assert "Jayden" not in answer.text


def test_every_page_carries_the_security_headers(partnership):
    session, _ = signed_in_session(partnership.mash, MASH_USER)
    for path in ["/sign-in", "/", "/inbox", "/sent", "/log", "/log/verify", "/report?subject=x", "/nope"]:
        headers = session.get(partnership.mash + path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy, path
        assert headers["Cache-Control"] == "no-store", path
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY", path
    cookie = session.cookies.get("sealpost_session")
    raw = requests.get(partnership.mash + "/sign-in").headers["Set-Cookie"]
    assert "HttpOnly" in raw and "SameSite=Strict" in raw and cookie


def test_payloads_typed_into_fields_are_shown_inert(partnership, browser, pages):
    driver = browser
    driver.get(partnership.school + "/sign-in")
    driver.find_element(By.ID, "name").send_keys(PAYLOADS[0])
    driver.find_element(By.ID, "passphrase").send_keys("wrong passphrase")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button"))
    assert driver.find_element(By.ID, "name").get_attribute("value") == PAYLOADS[0]
    assert driver.execute_script("return window.pwned === undefined")
    sign_in(driver, partnership.school, SCHOOL_USER)
    for payload in PAYLOADS:
        for url in [f"/report?subject={requests.utils.quote(payload)}",
                    f"/log?counterpart={requests.utils.quote(payload)}&child={requests.utils.quote(payload)}"]:
            driver.get(partnership.school + url)
            assert driver.execute_script("return window.pwned === undefined"), url
            scripts = [s.get_attribute("src") for s in driver.find_elements(By.TAG_NAME, "script")]
            assert scripts == [partnership.school + "/assets/app.js"], url
            assert not driver.find_elements(By.CSS_SELECTOR, "img[src='x']")
            for element in driver.find_elements(By.CSS_SELECTOR, "input[type=text]"):
                assert element.get_attribute("onmouseover") is None
    pages.check("report-with-payload")


def test_wrong_sign_in_says_only_that_name_or_passphrase_is_wrong_and_keeps_the_name(partnership, browser, pages):
    driver = browser
    for name in [MASH_USER, "Nobody At All"]:
        driver.get(partnership.mash + "/sign-in")
        driver.find_element(By.ID, "name").send_keys(name)
        driver.find_element(By.ID, "passphrase").send_keys("not the passphrase")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button"))
        summary = driver.find_element(By.CLASS_NAME, "govuk-error-summary")
        assert "The name or passphrase is not right" in summary.text
        assert summary.find_element(By.TAG_NAME, "a").get_attribute("href").endswith("#name")
        assert driver.find_element(By.ID, "name").get_attribute("value") == name
        assert driver.title.startswith("Error:")
    pages.check("sign-in-error")


def test_an_idle_session_locks_and_asks_to_sign_in_again(partnership, browser, pages):
    with ExtraApp(partnership.dir / "mash", 0, idle=10) as app:
        sign_in(browser, app.base, MASH_USER)
        assert "What needs attention" in pages.text()
        time.sleep(12)
        browser.get(app.base + "/inbox")
        assert browser.current_url.startswith(app.base + "/sign-in")
        assert "signed out because Sealpost was not used" in pages.text()
        pages.check("locked")


def test_repeated_failures_pause_sign_in(partnership):
    with ExtraApp(partnership.dir / "school", 0) as app:
        session = requests.Session()
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', session.get(app.base + "/sign-in").text).group(1)
        statuses = [session.post(app.base + "/sign-in", data={"csrf": token, "name": SCHOOL_USER, "passphrase": f"guess {i}"}).status_code
                    for i in range(6)]
        assert statuses[:5] == [401] * 5 and statuses[5] == 429
        paused = session.post(app.base + "/sign-in", data={"csrf": token, "name": SCHOOL_USER, "passphrase": USER_PASSPHRASE})
        assert paused.status_code == 429 and "Too many attempts" in paused.text
        # The wait in words a person would say, rounded up to whole minutes.
        assert "Try again in 15 minutes, or ask" in paused.text or "Try again in 14 minutes, or ask" in paused.text
