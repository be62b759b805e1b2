"""A real server process killed in the middle of the flow loses no step it acknowledged."""

import os
import re
import signal
import socket
import time

import pytest
from helpers import typical_answers
from served import Browser, app_environment, free_port, gunicorn, migrate

from screening.questionnaire import SECTION_BY_ID


@pytest.fixture
def server(tmp_path):
    """Start and kill -9 a gunicorn process on a SQLite file, keeping the data between runs."""
    port = free_port()
    env = app_environment(tmp_path)
    migrate(env)
    processes = []

    def start():
        processes.append(gunicorn(env, port, "-w", "1"))

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
    assert f"<h1>{SECTION_BY_ID['mood'].title}</h1>" in resumed, "resumed at the first page with a gap"
    assert 'value="Alex Rivera"' in other_device.get("/step/about_you")
