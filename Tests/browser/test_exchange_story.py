"""The used-by story in a real browser: the MASH opens, reads and acknowledges the school's
referral; the school sees the acknowledgement; both verify their receipt logs."""
import re
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import MASH_USER, SCHOOL_USER, make_browser, sign_in, submit, Pages


def test_mash_opens_reads_and_acknowledges_then_school_sees_it(partnership, browser, pages, axe_source):
    driver = browser
    sign_in(driver, partnership.mash, MASH_USER)
    assert "What needs attention" in pages.text()
    pages.check("mash-home")

    driver.get(partnership.mash + "/inbox")
    assert "Waiting to be opened" in pages.text()
    assert "St Anne's Primary School" in pages.text(), "the sender by its name in the agreement"
    pages.check("mash-inbox")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/inbox/open'] button"))

    # The record, readable: the child's name and the narrative; the neighbour only as a token.
    main = pages.text()
    assert "Jayden Emeka Okafor" in driver.find_element(By.TAG_NAME, "h1").text
    assert "[Third party 1 (neighbour)]" in main
    assert "Hollins" not in driver.page_source
    assert "Referred by" in main, "the MASH sees whom to call back"
    pages.check("mash-record")

    # Acknowledge with the keyboard alone: tab to the button, press Enter.
    button = driver.find_element(By.CSS_SELECTOR, "form[action$='/acknowledge'] button")
    keys = ActionChains(driver)
    for _ in range(40):
        if driver.switch_to.active_element == button:
            break
        keys.send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == button, "the Acknowledge button is reachable with Tab"
    submit(driver, button, lambda: keys.send_keys(Keys.ENTER).perform())
    assert "Acknowledged" in driver.find_element(By.CLASS_NAME, "govuk-panel__title").text
    pages.check("mash-acknowledged")

    driver.get(partnership.mash + "/inbox")
    assert "acknowledged" in pages.text()
    pages.check("mash-inbox-after")

    # The MASH's own history of the child records who acknowledged, by name and role.
    driver.get(partnership.mash + "/report?subject=Jayden+Okafor")
    text = pages.text()
    assert "Acknowledged receipt to school-st-annes" in text
    assert "Sam Patel (MASH social worker)" in text
    pages.check("mash-report")

    # The school checks for acknowledgements and sees who acknowledged, and when.
    school = make_browser()
    try:
        school_pages = Pages(school, axe_source, "school")
        sign_in(school, partnership.school, SCHOOL_USER)
        school.get(partnership.school + "/sent")
        school_pages.check("school-sent-before")
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action='/sent/sync'] button"))
        text = school_pages.text()
        assert "1 new acknowledgement" in text
        assert "Acknowledged by Kingsbridge MASH" in text
        school_pages.check("school-sent-acknowledged")

        for driver_, base, p in [(school, partnership.school, school_pages), (driver, partnership.mash, pages)]:
            driver_.get(base + "/log")
            assert "Receipt log" in p.text()
            p.check("log")
            driver_.get(base + "/log/1")
            p.check("log-entry")
            driver_.get(base + "/log/verify")
            assert "The log verifies" in driver_.find_element(By.TAG_NAME, "h1").text
            p.check("log-verify")

        school.get(partnership.school + "/report?subject=Jayden+Okafor")
        text = school_pages.text()
        assert "Shared with kingsbridge-mash" in text and "acknowledged" in text
        # Every time on the page in UK time, the statuses' too (the command line's report keeps UTC).
        assert "UTC" not in text and re.search(r"acknowledged \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}(am|pm)", text), text
        assert "[Third party 1 (neighbour)]" in text and "Hollins" not in school.page_source
        school_pages.check("school-report")
        school.get(partnership.school + "/")
        school_pages.check("school-home")
    finally:
        school.quit()
