"""A real server process killed in the middle of the flow loses no step it acknowledged."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers import CSRF, SHOWN, typical_answers

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Cookies and forms over plain HTTP, against a server in another process."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=20) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, page: str | None = None) -> str:
        html = self.get(page or path)
        match = CSRF.search(html)
        fields = {"csrf_token": match.group(1) or match.group(2), **data}
        if (shown := SHOWN.search(html)) is not None:
            fields["shown"] = shown.group(1)
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        with self.opener.open(self.base + path, data=body, timeout=20) as response:
            return response.read().decode()


@pytest.fixture
def server(tmp_path):
    """Start and kill -9 a gunicorn process on a SQLite file, keeping the data between runs."""
    port = free_port()
    env = {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'killed.db'}", "SECRET_KEY": "k" * 64,
           "LOOKUP_KEY": "l" * 64, "ENCRYPTION_KEYS": "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8="}
    subprocess.run([sys.executable, "-m", "flask", "--app", "screening", "db", "upgrade"], env=env, cwd=ROOT,
                   check=True, capture_output=True)
    processes = []

    def start():
        process = subprocess.Popen([str(GUNICORN), "-w", "1", "-b", f"127.0.0.1:{port}", "screening:create_app()"],
                                   env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        processes.append(process)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("server did not start")

    def kill():
        """SIGKILL to the master and its worker at once: no chance to finish anything."""
        os.killpg(processes[-1].pid, signal.SIGKILL)
        processes[-1].wait(timeout=10)
        for _ in range(100):  # until the worker is gone too and the port refuses connections
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                time.sleep(0.1)
            except OSError:
                return
        raise AssertionError("the killed server still answers")

    start()
    yield f"http://127.0.0.1:{port}", start, kill
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_a_killed_server_loses_no_acknowledged_step(server):
    base, start, kill = server
    answers = typical_answers()
    patient = Browser(base)
    patient.post("/start", {"action": "new"}, page="/")
    code_page = patient.post("/step/about_you", answers["about_you"])
    code = re.search(r'class="resume-code"[^>]*>([A-Z0-9-]+)<', code_page).group(1)
    patient.post("/step/reasons", answers["reasons"])
    kill()
    start()
    reasons = patient.get("/step/reasons")
    assert re.search(r'<input checked[^>]*value="depression"', reasons)
    other_device = Browser(base)
    resumed = other_device.post("/resume", {"code": code, "date_of_birth": "1985-03-27"})
    assert "Treatments you have tried" in resumed
    assert 'value="Alex Rivera"' in other_device.get("/step/about_you")
