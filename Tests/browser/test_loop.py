"""Closing the loop in a real browser: the MASH records an outcome (the question page's errors
first), the school checks and sees it on Sent and records that the family was told; Home's counts
each land on a list of exactly those items; the MASH asks the school for information, the school
(which has no role to ask the MASH) is refused with the reason, opens the request and declines it,
and the MASH sees the decline. axe-core on every new page; a screenshot of each."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import MASH_USER, SCHOOL_USER, Pages, make_browser, sign_in, submit


def open_everything_waiting(driver, base, kind="Record"):
    """Opens every waiting item of `kind` in the inbox; returns how many were opened and the page
    the last one opened on."""
    opened, landed = 0, None
    while True:
        driver.get(base + "/inbox")
        rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "tbody tr")
                if row.find_elements(By.CSS_SELECTOR, "form[action='/inbox/open']") and kind in row.text]
        if not rows:
            return opened, landed
        submit(driver, rows[0].find_element(By.CSS_SELECTOR, "form[action='/inbox/open'] button"))
        opened, landed = opened + 1, driver.current_url


def check_home_counts(driver, base, pages, label):
    """Every count on Home links to a list with exactly that many items."""
    driver.get(base + "/")
    counts = [(a.get_attribute("href"), int(a.find_element(By.CLASS_NAME, "sp-count__number").text))
              for a in driver.find_elements(By.CSS_SELECTOR, "a.sp-count")]
    # Nine counts: the first is what waits at the relay to be opened (the relay runs in these tests).
    assert len(counts) == 9, counts
    assert counts[0][0].endswith("/inbox#waiting"), counts
    for href, number in counts:
        driver.get(href)
        # Waiting items have their Open button in the inbox; drafts are listed on the referrals page;
        # every other count on its work list.
        if href.endswith("/inbox#waiting"):
            rows = "form[action='/inbox/open']"
        else:
            rows = "#drafts ~ .sp-table tbody tr" if href.endswith("/referrals#drafts") else "tr.sp-work-item"
        assert len(driver.find_elements(By.CSS_SELECTOR, rows)) == number, f"{label}: {href} should list {number}"
    driver.get(counts[1][0])
    pages.check(f"{label}-work-list")
    return {href.rsplit("/", 1)[-1]: number for href, number in counts}


def test_mash_records_an_outcome_and_the_school_sees_it(partnership, browser, pages, axe_source):
    # The school sends the record again (a re-send), so this test has a record of its own to decide on.
    partnership.sealpost("send", "--yes", "--home", f"{partnership.dir}/school", "--to", "kingsbridge-mash", "--purpose",
                         "child_protection_enquiry_s47", "examples/records/disclosure.json")
    driver = browser
    sign_in(driver, partnership.mash, MASH_USER)
    # Home asks the relay: the re-sent record waits there, counted first, with its Open button.
    driver.get(partnership.mash + "/")
    waiting = driver.find_element(By.CSS_SELECTOR, "a.sp-count[href='/inbox#waiting']")
    assert int(waiting.find_element(By.CLASS_NAME, "sp-count__number").text) >= 1
    assert driver.find_elements(By.CSS_SELECTOR, "#waiting ~ .sp-table form[action='/inbox/open'] button")
    pages.check("mash-home-waiting")
    assert open_everything_waiting(driver, partnership.mash)[0] >= 1
    driver.get(partnership.mash + "/inbox")
    assert "Sent 2 times" in pages.text(), "the re-send is grouped with the first copy"
    pages.check("mash-inbox-resends")
    submit(driver, driver.find_element(By.LINK_TEXT, "SA-2026-0142"), None)
    if driver.find_elements(By.CSS_SELECTOR, "form[action$='/acknowledge'] button"):
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/acknowledge'] button"))
    assert "Outcome due by" in pages.text() or "Record another outcome" in pages.text()
    record_url = driver.current_url.split("?")[0]

    driver.get(record_url + "/outcome")
    assert "Record an outcome" in driver.find_element(By.TAG_NAME, "h1").text
    pages.check("mash-outcome-question")
    driver.find_element(By.ID, "next-steps").send_keys("Assessment starts on Monday")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/outcome'] button"))
    summary = driver.find_element(By.CLASS_NAME, "govuk-error-summary")
    assert "Select what was decided" in summary.text and "Enter why this was decided" in summary.text
    assert driver.find_element(By.ID, "next-steps").get_attribute("value") == "Assessment starts on Monday"
    assert driver.title.startswith("Error:")
    pages.check("mash-outcome-errors")
    summary.find_element(By.LINK_TEXT, "Select what was decided").click()
    assert driver.switch_to.active_element.get_attribute("id") == "decision", "the summary's link moves to the field"

    driver.find_element(By.ID, "decision-section_17_assessment").click()
    driver.find_element(By.ID, "reason").send_keys("Needs are complex; a child in need assessment will follow")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/outcome'] button"))
    assert "Outcome recorded" in driver.find_element(By.CLASS_NAME, "govuk-panel__title").text
    assert "Child in need assessment (section 17)" in pages.text() and "Sam Patel (MASH social worker)" in pages.text()
    pages.check("mash-outcome-recorded")
    check_home_counts(driver, partnership.mash, pages, "mash")

    school = make_browser()
    try:
        school_pages = Pages(school, axe_source, "school-loop")
        sign_in(school, partnership.school, SCHOOL_USER)
        school.get(partnership.school + "/sent")
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action='/sent/sync'] button"))
        text = school_pages.text()
        assert "1 new outcome." in text and "Outcome: Child in need assessment (section 17)" in text
        assert "Needs are complex" in text and "Assessment starts on Monday" in text
        school_pages.check("school-sent-outcome")
        buttons = school.find_elements(By.CSS_SELECTOR, "form[action='/sent/family-told'] button")
        assert buttons, "the record says the family will be told"
        submit(school, buttons[0])
        assert "Recorded that the family has been told" in school_pages.text()
        assert not school.find_elements(By.CSS_SELECTOR, "form[action='/sent/family-told'] button")
        school_pages.check("school-family-told")
        check_home_counts(school, partnership.school, school_pages, "school")
    finally:
        school.quit()


def test_a_request_is_asked_refused_without_a_role_and_declined(partnership, browser, pages, axe_source):
    driver = browser
    sign_in(driver, partnership.mash, MASH_USER)
    driver.get(partnership.mash + "/requests")
    pages.check("mash-requests")
    Select(driver.find_element(By.ID, "to")).select_by_value("school-st-annes")
    Select(driver.find_element(By.ID, "purpose")).select_by_value("child_protection_enquiry_s47")
    driver.find_element(By.ID, "urgency-urgent").click()
    driver.find_element(By.ID, "child-name").send_keys("Jayden Okafor")
    driver.find_element(By.ID, "nhs-number").send_keys("943 476 5919")
    driver.find_element(By.ID, "reason").send_keys("Strategy discussion on Friday: attendance and concerns held")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/requests'] button"))
    assert "Request sent" in driver.find_element(By.CLASS_NAME, "govuk-panel__title").text
    pages.check("mash-request-sent")

    school = make_browser()
    try:
        school_pages = Pages(school, axe_source, "school-requests")
        sign_in(school, partnership.school, SCHOOL_USER)
        # The school has no role for the purpose: refused before sealing, with the agreement's reason.
        school.get(partnership.school + "/requests")
        Select(school.find_element(By.ID, "to")).select_by_value("kingsbridge-mash")
        Select(school.find_element(By.ID, "purpose")).select_by_value("child_protection_enquiry_s47")
        school.find_element(By.ID, "child-name").send_keys("Jayden Okafor")
        school.find_element(By.ID, "reason").send_keys("To plan support")
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action='/requests'] button"))
        summary = school.find_element(By.CLASS_NAME, "govuk-error-summary").text
        assert "nothing was sealed" in summary and "has no role" in summary
        assert school.find_element(By.ID, "child-name").get_attribute("value") == "Jayden Okafor"
        school_pages.check("school-request-refused")

        opened, landed = open_everything_waiting(school, partnership.school, kind="Request for information")
        assert opened == 1 and "/requests/received/" in landed
        school.get(landed)
        assert "Request for information from Kingsbridge MASH" in school.find_element(By.TAG_NAME, "h1").text
        assert "Strategy discussion on Friday" in school_pages.text()
        school_pages.check("school-request-received")
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action$='/decline'] button"))
        assert "Enter why the information is not shared" in school.find_element(By.CLASS_NAME, "govuk-error-summary").text
        school_pages.check("school-decline-errors")
        school.find_element(By.ID, "reason-code").click()
        school.find_element(By.ID, "reason-code-not_identified").click()
        school.find_element(By.ID, "reason").send_keys("No child of that name and NHS number on roll")
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action$='/decline'] button"))
        assert "Request declined" in school.find_element(By.CLASS_NAME, "govuk-panel__title").text
        school_pages.check("school-request-declined")
        school.get(partnership.school + "/inbox")
        assert "Requests for information opened here" in school_pages.text() and "declined" in school_pages.text()
    finally:
        school.quit()

    driver.get(partnership.mash + "/requests")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/requests/sync'] button"))
    text = pages.text()
    assert "Nothing is held about this child" in text and "No child of that name and NHS number on roll" in text
    pages.check("mash-request-declined")
