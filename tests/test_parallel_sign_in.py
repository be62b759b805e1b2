"""Wrong staff passwords sent at once to several gunicorn processes on one PostgreSQL database: the checks under way
(sign_in_check) are counted across processes, so no more passwords are checked than the limits allow, however the
attempts are spread over the workers."""

import html
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import CSRF
from served import ROOT, Browser, app_environment, children, free_port, gunicorn, stop

from screening.models import AuditEvent, db

AT_ONCE = 24
PER_ADDRESS = 4
ERROR = re.compile(r'<p class="field-error" id="email-error">([^<]*)</p>')


@pytest.fixture
def served_on_postgresql(app, database, tmp_path):
    """Four gunicorn workers of four threads on the test's PostgreSQL database, with a staff account."""
    env = app_environment(tmp_path, DATABASE_URL=database, SIGN_IN_ATTEMPTS_PER_ADDRESS=str(PER_ADDRESS))
    subprocess.run([sys.executable, "-m", "flask", "--app", "screening", "create-staff", "nurse@clinic.test",
                    "--password", "a long staff password"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    process = gunicorn(env, port, "-w", "4", "-k", "gthread", "--threads", "4", "--timeout", "60")
    for _ in range(100):
        if len(children(process.pid)) == 4:
            break
        time.sleep(0.1)
    assert len(children(process.pid)) == 4
    yield port
    stop(process)


def attempts_at_once(port: int, emails: list[str]) -> list[str]:
    """Each email's wrong password posted at the same moment, each from its own browser: the error each one got."""
    browsers = [Browser(f"http://127.0.0.1:{port}") for _ in emails]
    tokens = [CSRF.search(browser.get("/staff/sign-in")) for browser in browsers]
    ready = threading.Barrier(len(browsers))

    def attempt(browser: Browser, email: str, token: re.Match) -> str:
        body = urllib.parse.urlencode({"csrf_token": token.group(1) or token.group(2), "email": email,
                                       "password": "wrong password"}).encode()
        ready.wait()
        try:
            page = browser.opener.open(browser.base + "/staff/sign-in", data=body, timeout=60).read().decode()
        except urllib.error.HTTPError as refused:
            page = refused.read().decode()
        return html.unescape(ERROR.search(page).group(1))

    with ThreadPoolExecutor(len(browsers)) as pool:
        return list(pool.map(attempt, browsers, emails, tokens))


def failures_recorded(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).where(AuditEvent.action == "sign_in_failed"))


@pytest.mark.postgresql_only  # one SQLite file is not shared by several servers
def test_wrong_passwords_for_one_account_sent_at_once_to_several_processes_are_checked_within_the_limit(
        app, served_on_postgresql):
    answers = attempts_at_once(served_on_postgresql, ["nurse@clinic.test"] * AT_ONCE)
    limit = app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]
    assert sum("do not match" in answer for answer in answers) <= limit
    assert all("do not match" in answer or answer.startswith("Too many attempts") for answer in answers)
    assert 0 < failures_recorded(app) <= limit


@pytest.mark.postgresql_only  # one SQLite file is not shared by several servers
def test_wrong_passwords_for_many_emails_sent_at_once_to_several_processes_are_checked_within_the_addresss_limit(
        app, served_on_postgresql):
    answers = attempts_at_once(served_on_postgresql, [f"guess{number}@clinic.test" for number in range(AT_ONCE)])
    assert sum("do not match" in answer for answer in answers) <= PER_ADDRESS
    assert all("do not match" in answer or answer.startswith("Too many attempts") for answer in answers)
    assert 0 < failures_recorded(app) <= PER_ADDRESS
