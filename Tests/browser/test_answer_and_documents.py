"""Answering a request with a record, and documents with a referral, in a real browser.

The MASH asks the school for information; the school opens the request, presses "Answer with a
record" and gets a referral already addressed to the MASH for the request's purpose about the child
it names; it completes it, adds a document, is stopped at Send until it confirms the document was
checked (the error summary takes focus), and sends. The school sees the request answered; the MASH
sees the answer, opens the record and downloads the document, whose bytes are the ones uploaded.
axe-core on every new page; a screenshot of each."""
import pathlib

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import MASH_USER, SCHOOL_USER, Pages, make_browser, sign_in, submit
from test_loop import open_everything_waiting
from test_referral_story import choose, fill, open_task, save

PDF = b"%PDF-1.4\n% Leo's attendance summary, autumn term\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def redact_every_finding(driver):
    """Redacts each possible identity check what leaves asks about, if any."""
    radios = driver.find_elements(By.CSS_SELECTOR, "input[type='radio'][value='redact']")
    if not radios:
        return
    for radio in radios:
        radio.click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/decisions'] button[type='submit']"))


def test_a_request_is_answered_with_a_record_carrying_a_document(partnership, browser, pages, axe_source, tmp_path):
    mash = browser
    sign_in(mash, partnership.mash, MASH_USER)
    mash.get(partnership.mash + "/requests")
    Select(mash.find_element(By.ID, "to")).select_by_value("school-st-annes")
    Select(mash.find_element(By.ID, "purpose")).select_by_value("child_protection_enquiry_s47")
    mash.find_element(By.ID, "child-name").send_keys("Leo Marsh")
    mash.find_element(By.ID, "dob-day").send_keys("9")
    mash.find_element(By.ID, "dob-month").send_keys("11")
    mash.find_element(By.ID, "dob-year").send_keys("2016")
    mash.find_element(By.ID, "reason").send_keys("Strategy discussion: attendance and any concerns held")
    submit(mash, mash.find_element(By.CSS_SELECTOR, "form[action='/requests'] button"))
    assert "Request sent" in mash.find_element(By.CLASS_NAME, "govuk-panel__title").text

    school = make_browser()
    try:
        sp = Pages(school, axe_source, "school-answer")
        sign_in(school, partnership.school, SCHOOL_USER)
        opened, landed = open_everything_waiting(school, partnership.school, kind="Request for information")
        assert opened == 1 and "/requests/received/" in landed
        request_url = landed.split("?")[0]
        school.get(request_url)
        assert "Leo Marsh" in sp.text() and school.find_element(By.ID, "answer").text == "Answer with a record"
        sp.check("request-to-answer")

        # Answer with a record: a draft addressed to the MASH, for the request's purpose, about Leo.
        submit(school, school.find_element(By.ID, "answer"))
        assert "Referral about Leo Marsh" in school.find_element(By.TAG_NAME, "h1").text
        assert "This referral answers request" in school.find_element(By.ID, "answering").text
        sp.check("answer-tasks")
        draft = school.current_url
        text = sp.text()
        assert "Who it goes to\nChosen from the agreement's parties\nCompleted" in text, text

        open_task(school, "section/consent")
        choose(school, "consent-status", "not_sought")
        choose(school, "consent-reason", "increased_risk_of_harm")
        save(school)
        open_task(school, "section/child")
        assert school.find_element(By.ID, "subject-name").get_attribute("value") == "Leo Marsh"
        assert school.find_element(By.ID, "subject-dob-year").get_attribute("value") == "2016"
        save(school)
        for kind in ["household", "parties", "statements"]:
            open_task(school, "list/" + kind)
            submit(school, school.find_element(By.CSS_SELECTOR, "form[action$='/done'] button"))
        open_task(school, "section/author")
        fill(school, {"author-phone": "01632 960001"})
        save(school)
        open_task(school, "section/narrative")
        fill(school, {"narrative": "Leo has missed 12 school days this term and arrived hungry on three mornings."})
        save(school)
        open_task(school, "section/concern")
        choose(school, "concern-categories", "neglect")
        choose(school, "concern-urgency", "routine")
        save(school)
        open_task(school, "section/purpose")
        assert school.find_element(By.CSS_SELECTOR, "input[name='purpose'][value='child_protection_enquiry_s47']").is_selected()
        choose(school, "lawful_basis-article_6", "public_task")
        Select(school.find_element(By.ID, "lawful_basis-article_9")).select_by_value("safeguarding_of_children_and_individuals_at_risk")
        save(school)

        # Documents: a file that is not a type Sealpost sends is refused with the error summary; a PDF is added.
        open_task(school, "documents")
        sp.check("documents-empty")
        bad = tmp_path / "photos.zip"
        bad.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
        school.find_element(By.ID, "document").send_keys(str(bad))
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action$='/documents'] button"))
        summary = school.find_element(By.CLASS_NAME, "govuk-error-summary")
        assert "cannot be sent" in summary.text
        assert school.switch_to.active_element == summary, "the error summary takes focus"
        sp.check("documents-error")
        upload = tmp_path / "Leo attendance.pdf"
        upload.write_bytes(PDF)
        school.find_element(By.ID, "document").send_keys(str(upload))
        submit(school, school.find_element(By.CSS_SELECTOR, "form[action$='/documents'] button"))
        assert "Leo attendance.pdf" in sp.text() and "Remove" in sp.text()
        sp.check("documents-added")
        school.get(draft)
        assert "1 added" in sp.text()
        open_task(school, "check")
        redact_every_finding(school)

        text = sp.text()
        assert "This answers request" in text and "Documents sent with it" in text and "Leo attendance.pdf" in text
        sp.check("answer-check")
        # Send without confirming the document was checked: refused, the summary focused.
        submit(school, school.find_element(By.ID, "send"))
        summary = school.find_element(By.CLASS_NAME, "govuk-error-summary")
        assert "Confirm you have checked each document" in summary.text
        assert school.switch_to.active_element == summary, "the error summary takes focus"
        assert school.title.startswith("Error:")
        sp.check("answer-check-unconfirmed")
        school.find_element(By.ID, "documents-checked").click()
        submit(school, school.find_element(By.ID, "send"))
        assert "Referral sent" in school.find_element(By.CLASS_NAME, "govuk-panel__title").text
        assert "Sent in answer to request" in sp.text()
        reference = school.find_element(By.CLASS_NAME, "sp-panel-reference").text
        sp.check("answer-sent")
        school.get(partnership.school + "/sent")
        envelope = [e for e in school.find_elements(By.CSS_SELECTOR, ".sp-send") if reference in e.text][0].get_attribute("id")[2:]

        school.get(request_url)
        text = sp.text()
        assert "answered with a record" in text and "Your answer" in text and not school.find_elements(By.ID, "answer")
        sp.check("request-answered")
        submit(school, None, lambda: school.find_element(By.PARTIAL_LINK_TEXT, "see its entry in the receipt log").click())
        assert "Answers request" in school.find_element(By.ID, "answers").text
        sp.check("log-entry-answer")
    finally:
        school.quit()

    # The MASH: the answer arrives (only it is opened: other stories open the rest); its document
    # downloads with the bytes uploaded.
    mash.get(partnership.mash + "/inbox")
    submit(mash, mash.find_element(By.XPATH, f"//form[@action='/inbox/open'][input[@value='{envelope}']]/button"))
    mash.get(partnership.mash + "/requests")
    row = [r for r in mash.find_elements(By.CSS_SELECTOR, "tbody tr") if "Leo Marsh" in r.text][0]
    assert "answered with a record" in row.text
    pages.check("mash-request-answered")
    submit(mash, None, lambda: row.find_element(By.PARTIAL_LINK_TEXT, "Read the record").click())
    assert "Leo Marsh" in mash.find_element(By.TAG_NAME, "h1").text
    link = mash.find_element(By.PARTIAL_LINK_TEXT, "Leo attendance.pdf")
    pages.check("mash-record-documents")
    session = requests.Session()
    for cookie in mash.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    answer = session.get(link.get_attribute("href"))
    assert answer.status_code == 200 and answer.content == PDF, "the bytes the school uploaded"
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="Leo attendance.pdf"')
    assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["Cache-Control"] == "no-store"
    assert pathlib.Path(link.get_attribute("href")).name == "1"
