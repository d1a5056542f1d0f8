"""Browser tests for `sealpost web`: a real relay and two real apps (a school and a MASH, each with
its own home) started by examples/web-demo.sh, driven in headless Chromium through chromedriver.
Every page visited is checked with axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA) and screenshotted, and
on every page showing an error summary the summary has focus."""
import json
import os
import pathlib
import re
import signal
import subprocess
import tempfile
import time

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
PASSPHRASE = "demo passphrase, not for real use"  # the agencies' own, for the command line
USER_PASSPHRASE = "demo practitioner passphrase"  # each practitioner's, for the app
SCHOOL_USER = "Ann Smith"
MASH_USER = "Sam Patel"
ARTIFACTS = pathlib.Path(os.environ.get("SEALPOST_BROWSER_ARTIFACTS", ROOT / ".build" / "browser-screenshots"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def _axe_source():
    import axe_playwright_python
    path = pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return path.read_text()


class Partnership:
    def __init__(self, school, mash, relay, directory, process):
        self.school, self.mash, self.relay, self.dir, self.process = school, mash, relay, pathlib.Path(directory), process

    def sealpost(self, *args, check=True):
        env = dict(os.environ, SEALPOST_PASSPHRASE=PASSPHRASE)
        binary = ROOT / ".build" / "debug" / "sealpost"
        return subprocess.run([str(binary), *args], env=env, capture_output=True, text=True, check=check, timeout=120)


@pytest.fixture(scope="session")
def partnership():
    directory = tempfile.mkdtemp(prefix="sealpost-browser-")
    env = dict(os.environ, SEALPOST_DEMO_DIR=directory, SEALPOST_DEMO_SEED="1")
    process = subprocess.Popen([str(ROOT / "examples" / "web-demo.sh")], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    urls = None
    output = []
    deadline = time.time() + 600
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        match = re.match(r"ready school=(\S+) mash=(\S+) relay=(\S+) dir=(\S+)", line)
        if match:
            urls = match.groups()
            break
    if urls is None:
        process.kill()
        raise RuntimeError("examples/web-demo.sh did not start:\n" + "".join(output[-40:]))
    yield Partnership(urls[0], urls[1], urls[2], urls[3], process)
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def axe_source():
    return _axe_source()


def make_browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


@pytest.fixture()
def browser():
    driver = make_browser()
    yield driver
    driver.quit()


class Pages:
    """Visits pages, checking each with axe and saving a screenshot."""

    def __init__(self, driver, axe, name):
        self.driver, self.axe, self.name, self.count = driver, axe, name, 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def check(self, label):
        self.count += 1
        # GOV.UK error summary: shown after a failed submit, it has focus when the page loads.
        summaries = self.driver.find_elements("css selector", ".govuk-error-summary")
        if summaries:
            assert summaries[0].get_attribute("tabindex") == "-1", f"{label}: the error summary can take focus"
            assert self.driver.switch_to.active_element == summaries[0], f"{label}: the error summary has focus"
        self.driver.save_screenshot(str(ARTIFACTS / f"{self.name}-{self.count:02d}-{label}.png"))
        self.driver.execute_script(self.axe)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations.map("
            "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))));",
            AXE_TAGS)
        assert result == [], f"axe violations on {label} ({self.driver.current_url}): {json.dumps(result, indent=1)}"

    def text(self):
        return self.driver.find_element("tag name", "main").text


@pytest.fixture()
def pages(browser, axe_source, request):
    return Pages(browser, axe_source, request.node.name)


def submit(driver, button, how=None):
    """Presses a form's button (or runs `how`) and waits for the next page to load.

    While a page is being replaced, chromedriver may answer a question about the old page's element
    with an "inspector error" instead of "stale element": either means the old page is gone."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait
    old = driver.find_element("tag name", "html")
    (how or button.click)()

    def old_page_gone(_):
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    def loaded(d):
        try:
            return d.execute_script("return document.readyState") == "complete"
        except WebDriverException:
            return False

    WebDriverWait(driver, 60).until(old_page_gone)
    WebDriverWait(driver, 60).until(loaded)


def sign_in(driver, base, name, passphrase=USER_PASSPHRASE):
    driver.get(base + "/sign-in")
    driver.find_element("id", "name").send_keys(name)
    driver.find_element("id", "passphrase").send_keys(passphrase)
    submit(driver, driver.find_element("css selector", "form[action='/sign-in'] button"))


def signed_in_session(base, name):
    """A requests session signed in through the form, for checks a browser cannot make."""
    session = requests.Session()
    page = session.get(base + "/sign-in")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    answer = session.post(base + "/sign-in", data={"csrf": token, "name": name, "passphrase": USER_PASSPHRASE})
    assert answer.status_code == 200 and "/sign-in" not in answer.url
    return session, re.search(r'name="csrf" value="([0-9a-f]+)"', answer.text).group(1)


class ExtraApp:
    """Another `sealpost web` over an existing home, for a test that needs its own settings."""

    def __init__(self, home, port, idle=900):
        env = dict(os.environ, SEALPOST_PASSPHRASE=PASSPHRASE)
        self.process = subprocess.Popen([str(ROOT / ".build" / "debug" / "sealpost"), "web", "--home", str(home), "--port", "0",
                                         "--idle-timeout", str(idle)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert match, f"sealpost web did not start: {line!r}"
        self.base = match.group(1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
