"""The app on a phone: at 320 CSS pixels wide (WCAG 2.2's reflow width) no page scrolls sideways.
A table too wide for the screen scrolls inside its own named, focusable region, so the header,
navigation and text around it stay in place and a keyboard user can scroll it. axe-core on every
page; a screenshot of each."""
from selenium.webdriver.common.by import By

from conftest import MASH_USER, SCHOOL_USER, sign_in

PAGES = ["/", "/inbox", "/referrals", "/sent", "/requests", "/log", "/log/1", "/report", "/work/overdue"]


def narrow(driver, width=320):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})


def check_reflow(driver, label):
    """The page is no wider than the screen; every table sits in a region that scrolls on its own."""
    page_width, screen = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert screen == 320, f"{label}: the emulated screen is {screen} pixels wide"
    assert page_width <= screen, f"{label}: the page is {page_width} pixels wide on a {screen}-pixel screen"
    tables = driver.find_elements(By.CSS_SELECTOR, "main table")
    for table in tables:
        region = table.find_element(By.XPATH, "..")
        assert region.get_attribute("class") == "sp-table", f"{label}: a table outside a scrolling region"
        named = region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
        assert region.get_attribute("role") == "region" and named, f"{label}: a scrolling region without a name"
        assert region.get_attribute("tabindex") == "0", f"{label}: a keyboard user cannot scroll the table"
    return len(tables)


def test_no_page_scrolls_sideways_on_a_phone(partnership, browser, pages):
    # One more record from the school, so the MASH's Home and Inbox have a waiting table to show.
    partnership.sealpost("send", "--yes", "--home", f"{partnership.dir}/school", "--to", "kingsbridge-mash", "--purpose",
                         "child_protection_enquiry_s47", "examples/records/disclosure.json")
    driver = browser
    narrow(driver)
    tables = 0
    for base, user, who in [(partnership.mash, MASH_USER, "mash"), (partnership.school, SCHOOL_USER, "school")]:
        driver.delete_all_cookies()
        sign_in(driver, base, user)
        for path in PAGES:
            driver.get(base + path)
            label = f"{who}{path.replace('/', '-')}"
            tables += check_reflow(driver, label)
            pages.check(f"phone-{label}")
    # The MASH's waiting table and both receipt logs at least: the check above looked at real tables.
    assert tables >= 3
