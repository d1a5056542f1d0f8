"""Writing a referral in a real browser: the school's DSL starts a referral from Home, answers the
task list's question pages (naming a neighbour whose identity is protected), settles the redactor's
uncertain finding and sends from "check what leaves" with the keyboard alone, having checked that
the MASH will see the neighbour only as a token; the MASH opens and acknowledges it. Form errors
show the error summary, linked to each field, and keep what was typed. Every page is checked with
axe-core and screenshotted."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import MASH_USER, ROOT, SCHOOL_USER, make_browser, sign_in, submit, Pages

NARRATIVE = ("Maya told her class teacher that Mr Hollins next door shouted at her through the fence and threw a bottle. "
             "She said a man from Tanner Street saw it too.")


def fill(driver, values):
    for field, text in values.items():
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(text)


def choose(driver, name, value):
    driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()


def save(driver):
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form[method='post'][novalidate] button[type='submit']"))


def open_task(driver, path):
    submit(driver, None, lambda: driver.find_element(By.CSS_SELECTOR, f"a[href$='/{path}']").click())


def tab_to(driver, element, limit=80):
    keys = ActionChains(driver)
    for _ in range(limit):
        if driver.switch_to.active_element == element:
            return keys
        keys.send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == element, f"{element.get_attribute('id')} is reachable with Tab"
    return keys


def new_referral(driver, base):
    driver.get(base + "/")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/referrals/new'] button"))


def test_form_errors_show_the_summary_linked_to_fields_and_keep_what_was_typed(partnership, browser, pages):
    driver = browser
    sign_in(driver, partnership.school, SCHOOL_USER)
    new_referral(driver, partnership.school)
    draft = driver.current_url

    open_task(driver, "section/child")
    fill(driver, {"subject-name": "", "subject-dob-day": "31", "subject-dob-month": "02", "subject-dob-year": "2015",
                  "subject-nhs_number": "943 476 5918", "subject-address": "1 Mill Lane\nKingsbridge"})
    # Checked as typed (the self-served script, on leaving the field), before anything is saved.
    assert "Check the NHS number" in driver.find_element(By.ID, "subject-nhs_number-live").text
    save(driver)
    summary = driver.find_element(By.CLASS_NAME, "govuk-error-summary").text
    assert "There is a problem" in summary
    assert "Enter the child's full name" in summary
    assert "Date of birth must be a real date" in summary
    assert "Check the NHS number" in summary
    assert driver.title.startswith("Error: ")
    assert driver.find_element(By.ID, "subject-dob-day").get_attribute("value") == "31"
    assert driver.find_element(By.ID, "subject-dob-year").get_attribute("value") == "2015"
    assert driver.find_element(By.ID, "subject-nhs_number").get_attribute("value") == "943 476 5918"
    assert driver.find_element(By.ID, "subject-address").get_attribute("value") == "1 Mill Lane\nKingsbridge"
    pages.check("referral-child-errors")
    # Each message links to its field.
    driver.find_element(By.CSS_SELECTOR, ".govuk-error-summary a[href='#subject-nhs_number']").click()
    assert driver.switch_to.active_element.get_attribute("id") == "subject-nhs_number"

    for path, messages in [("section/consent", ["Select whether consent to share was sought"]),
                           ("section/concern", ["Select at least one category of harm", "Select how urgent it is"]),
                           ("section/narrative", ["Enter what happened"]),
                           ("section/purpose", ["Select the purpose", "Select the lawful basis"])]:
        driver.get(draft)
        open_task(driver, path)
        save(driver)
        summary = driver.find_element(By.CLASS_NAME, "govuk-error-summary").text
        for message in messages:
            assert message in summary, (path, message)
        pages.check("referral-errors-" + path.split("/")[-1])

    driver.get(draft)
    open_task(driver, "list/statements")
    submit(driver, None, lambda: driver.find_element(By.LINK_TEXT, "Add a statement").click())
    fill(driver, {"source": "class teacher"})
    save(driver)
    summary = driver.find_element(By.CLASS_NAME, "govuk-error-summary").text
    assert "Enter the statement" in summary and "Select fact or opinion" in summary and "Select current or historical" in summary
    assert driver.find_element(By.ID, "source").get_attribute("value") == "class teacher"
    pages.check("referral-statement-errors")

    driver.get(draft)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/delete'] button"))
    assert "Referrals" in driver.find_element(By.TAG_NAME, "h1").text


def test_school_writes_checks_and_sends_a_referral_and_the_mash_acknowledges_it(partnership, browser, pages, axe_source):
    driver = browser
    sign_in(driver, partnership.school, SCHOOL_USER)
    assert "drafts" in pages.text()
    new_referral(driver, partnership.school)
    assert "New referral" in driver.find_element(By.TAG_NAME, "h1").text
    pages.check("referral-tasks-new")
    draft = driver.current_url

    open_task(driver, "section/consent")
    pages.check("referral-consent")
    choose(driver, "consent-status", "not_sought")
    choose(driver, "consent-reason", "increased_risk_of_harm")
    choose(driver, "consent-family-status", "will_be_told")
    fill(driver, {"consent-family-by": "MASH social worker"})
    save(driver)

    open_task(driver, "section/child")
    pages.check("referral-child")
    fill(driver, {"subject-name": "Maya Brennan", "subject-aka": "May", "subject-dob-day": "02", "subject-dob-month": "05",
                  "subject-dob-year": "2018", "subject-nhs_number": "943 476 5919", "subject-address": "2 Mill Lane\nKingsbridge KB6 4EW",
                  "subject-school": "St Anne's Primary School"})
    save(driver)
    assert "Referral about Maya Brennan" in driver.find_element(By.TAG_NAME, "h1").text

    open_task(driver, "list/household")
    pages.check("referral-household")
    submit(driver, None, lambda: driver.find_element(By.LINK_TEXT, "Add a household member").click())
    pages.check("referral-household-member")
    fill(driver, {"relationship": "mother", "name": "Chloe Brennan"})
    save(driver)
    assert "Chloe Brennan, mother" in pages.text()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/done'] button"))

    open_task(driver, "list/parties")
    submit(driver, None, lambda: driver.find_element(By.LINK_TEXT, "Add a person").click())
    pages.check("referral-party")
    Select(driver.find_element(By.ID, "role")).select_by_value("neighbour")
    fill(driver, {"relationship": "next-door neighbour", "name": "Mr Derek Hollins", "phone": "07700 900123"})
    choose(driver, "protect", "yes")
    save(driver)
    assert "Identity protected" in pages.text()
    pages.check("referral-parties")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/done'] button"))

    open_task(driver, "section/author")
    assert driver.find_element(By.ID, "author-name").get_attribute("value") == SCHOOL_USER, "the author is the signed-in practitioner"
    pages.check("referral-author")
    fill(driver, {"author-phone": "01632 960001"})
    save(driver)

    open_task(driver, "section/narrative")
    fill(driver, {"narrative": NARRATIVE})
    pages.check("referral-narrative")
    save(driver)

    open_task(driver, "list/statements")
    submit(driver, None, lambda: driver.find_element(By.LINK_TEXT, "Add a statement").click())
    fill(driver, {"text": "Maya was upset and shaking in class.", "source": "class teacher"})
    choose(driver, "kind", "fact")
    choose(driver, "time", "current")
    save(driver)
    pages.check("referral-statements")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/done'] button"))

    open_task(driver, "section/concern")
    pages.check("referral-concern")
    assert "call 999 first" in pages.text(), "the emergency choice says to call 999 first"
    choose(driver, "concern-categories", "emotional")
    choose(driver, "concern-urgency", "urgent")
    save(driver)

    open_task(driver, "section/purpose")
    choose(driver, "purpose", "child_protection_enquiry_s47")
    choose(driver, "lawful_basis-article_6", "public_task")
    Select(driver.find_element(By.ID, "lawful_basis-article_9")).select_by_value("safeguarding_of_children_and_individuals_at_risk")
    pages.check("referral-purpose")
    save(driver)

    open_task(driver, "recipients")
    text = pages.text()
    assert "Kingsbridge MASH" in text and "Not offered" in text and "has no role in purpose" in text
    assert not driver.find_elements(By.CSS_SELECTOR, "input[value='relay-kingsbridge']"), "a party without a role is not offered"
    pages.check("referral-recipients")
    choose(driver, "recipients", "kingsbridge-mash")
    save(driver)

    assert "Incomplete" not in pages.text() and "Not yet started" in pages.text()
    pages.check("referral-tasks-complete")
    open_task(driver, "check")

    # Check what leaves: the neighbour is a token; the street must be decided before Send.
    text = pages.text()
    assert "[Third party 1 (neighbour)]" in text and "Hollins" not in driver.page_source
    assert "possible identit" in text
    assert not driver.find_elements(By.ID, "send"), "no Send while a possible identity is undecided"
    pages.check("referral-check-decide")

    # Settle it with the keyboard alone: keep it, with the reason, then save.
    first = driver.find_element(By.ID, "action-1-1")
    keys = tab_to(driver, first)
    keys.send_keys(Keys.ARROW_DOWN).perform()
    assert driver.find_element(By.ID, "action-1-2").is_selected()
    reason = driver.find_element(By.ID, "reason-1")
    tab_to(driver, reason).send_keys("the street of the school's minibus stop, not anyone's home").perform()
    button = driver.find_element(By.CSS_SELECTOR, "form[action$='/decisions'] button[type='submit']")
    keys = tab_to(driver, button)
    submit(driver, button, lambda: keys.send_keys(Keys.ENTER).perform())

    text = pages.text()
    assert "What each recipient will see" in text and "Kingsbridge MASH (kingsbridge-mash)" in text
    assert "[Third party 1 (neighbour)]" in text and "Hollins" not in driver.page_source and "07700 900123" not in driver.page_source
    assert "protects a third party" in text
    pages.check("referral-check-ready")

    send = driver.find_element(By.ID, "send")
    keys = tab_to(driver, send)
    submit(driver, send, lambda: keys.send_keys(Keys.ENTER).perform())
    assert "Referral sent" in driver.find_element(By.CLASS_NAME, "govuk-panel__title").text
    reference = driver.find_element(By.CLASS_NAME, "sp-panel-reference").text
    assert reference.startswith("school-st-annes-")
    assert "What happens next" in pages.text()
    pages.check("referral-sent")

    driver.get(partnership.school + "/sent")
    sent = [e for e in driver.find_elements(By.CSS_SELECTOR, ".sp-send") if reference in e.text]
    assert len(sent) == 1
    envelope = sent[0].get_attribute("id")[2:]

    # The MASH opens the referral: the neighbour only as a token; it acknowledges.
    mash = make_browser()
    try:
        mash_pages = Pages(mash, axe_source, "mash-referral")
        sign_in(mash, partnership.mash, MASH_USER)
        mash.get(partnership.mash + "/inbox")
        submit(mash, mash.find_element(By.XPATH, f"//form[@action='/inbox/open'][input[@value='{envelope}']]/button"))
        assert "Maya Brennan" in mash.find_element(By.TAG_NAME, "h1").text
        text = mash_pages.text()
        assert "[Third party 1 (neighbour)]" in text and "Hollins" not in mash.page_source
        assert "Ann Smith" in text, "the MASH sees who referred"
        mash_pages.check("mash-referral-record")
        submit(mash, mash.find_element(By.CSS_SELECTOR, "form[action$='/acknowledge'] button"))
        assert "Acknowledged" in mash.find_element(By.CLASS_NAME, "govuk-panel__title").text
    finally:
        mash.quit()

    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/sent/sync'] button"))
    assert "Acknowledged by Kingsbridge MASH" in [e for e in driver.find_elements(By.CSS_SELECTOR, ".sp-send") if reference in e.text][0].text
    driver.get(partnership.school + "/referrals")
    pages.check("referral-drafts")


def test_a_record_file_is_imported_as_a_draft_and_a_bad_file_is_refused(partnership, browser, pages, tmp_path):
    driver = browser
    sign_in(driver, partnership.school, SCHOOL_USER)
    driver.get(partnership.school + "/referrals")
    upload = driver.find_element(By.ID, "record")
    upload.send_keys(str(ROOT / "examples" / "records" / "disclosure.json"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/referrals/import'] button"))
    assert "Imported" in pages.text() and "Jayden Emeka Okafor" in driver.find_element(By.TAG_NAME, "h1").text
    assert driver.find_element(By.CSS_SELECTOR, "a[href$='/export']").get_attribute("download") is not None
    pages.check("referral-imported")

    bad = tmp_path / "notes.txt"
    bad.write_text("Jayden, 2017-03-14, seen upset\n")
    driver.get(partnership.school + "/referrals")
    driver.find_element(By.ID, "record").send_keys(str(bad))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/referrals/import'] button"))
    assert "The file is not a record: it is not JSON" in driver.find_element(By.CLASS_NAME, "govuk-error-summary").text
    pages.check("referral-import-error")

    # Tidy up: the imported draft is deleted, so the other stories' counts are unchanged.
    submit(driver, None, lambda: driver.find_element(By.PARTIAL_LINK_TEXT, "Jayden Emeka Okafor").click())
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/delete'] button"))
