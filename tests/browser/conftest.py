"""The real app on a free loopback port, driven by Playwright in Debian's Chromium.

Playwright's own browser download cannot work on these machines, so the tests launch the system
`chromium` (installed by `make test`). Screenshots are written only by `make screenshots`, which sets
SCREENSHOTS_DIR (docs/screenshots/): a test run never rewrites tracked files.
"""

import os
import shutil
import threading
from pathlib import Path

import flask_migrate
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from screening import create_app
from screening.staff import accounts

SCREENSHOTS = Path(os.environ["SCREENSHOTS_DIR"]).resolve() if os.environ.get("SCREENSHOTS_DIR") else None
STAFF_EMAIL = "nurse@clinic.test"
STAFF_PASSWORD = "a long staff password"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    # START_LIMIT: every browser test starts its forms from 127.0.0.1, more than a front desk's 30 an hour (the
    # limit itself is tested in test_hardening.py).
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}",
                      "CLINIC_NAME": "Riverside Mood Clinic", "CLINIC_PHONE": "555 010 0100",
                      "START_LIMIT": "1000 per hour"})
    with app.app_context():
        flask_migrate.upgrade()
        accounts.create(STAFF_EMAIL, STAFF_PASSWORD, "admin")
    return app


@pytest.fixture(scope="session")
def base_url(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def page_in(browser, base_url: str, **options):
    """A page of a new browser context at the app, waiting 10 s at most; the context closes after the test."""
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, base_url):
    yield from page_in(browser, base_url, viewport=PHONE, has_touch=True, is_mobile=True)


@pytest.fixture
def no_script(browser, base_url):
    """A phone's browser with JavaScript off: the pages must work without it."""
    yield from page_in(browser, base_url, viewport=PHONE, java_script_enabled=False)


@pytest.fixture
def desktop(browser, base_url):
    yield from page_in(browser, base_url, viewport=DESKTOP)


@pytest.fixture
def tablet(browser, base_url):
    """The front desk's or a clinician's tablet, held upright."""
    yield from page_in(browser, base_url, viewport=TABLET, has_touch=True)


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(axe, page) -> list[str]:
    """axe-core's serious and critical findings on the page, as readable lines."""
    results = axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> None:
    """For reviewers, with `make screenshots`."""
    if SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")  # sticky headings (an answer grid's) in their place at the top
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
