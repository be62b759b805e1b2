"""Many parallel downloads of the patient's copy under gunicorn's threaded workers: every one a whole PDF, no
worker lost (WeasyPrint and pango are not safe to run in several threads of one process at once)."""

import http.client
import io
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import typical_answers
from pypdf import PdfReader
from served import Browser, app_environment, children, free_port, gunicorn, migrate, stop

PARALLEL = 16
ROUNDS = 5
SLOWEST = 30  # seconds


@pytest.fixture
def threaded_server(tmp_path):
    env = app_environment(tmp_path, PATIENT_COPY_LIMIT="1000 per minute")
    migrate(env)
    port = free_port()
    process = gunicorn(env, port, "-w", "2", "-k", "gthread", "--threads", "4", "--timeout", "60")
    yield port, process
    stop(process)


def sent_intake_cookie(port: int) -> str:
    """A patient sends a whole intake; returns the cookie that holds the receipt for the patient's copy."""
    patient = Browser(f"http://127.0.0.1:{port}")
    patient.post("/start", {"action": "new"}, page="/")
    for section_id, data in typical_answers().items():
        patient.post(f"/step/{section_id}", data)
    done = patient.post("/submit", {}, page="/review")
    assert "summary.pdf" in done
    return patient.cookie_header()


def download(port: int, cookie: str) -> tuple[int, bytes, float]:
    """Status, body and seconds taken; a download cut off or hanging for 30 s gives status 0."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=SLOWEST)
    try:
        connection.request("GET", "/done/summary.pdf", headers={"Cookie": cookie})
        response = connection.getresponse()
        return response.status, response.read(), time.monotonic() - started
    except (OSError, http.client.HTTPException):
        return 0, b"", time.monotonic() - started
    finally:
        connection.close()


def test_parallel_downloads_of_the_patients_copy_are_all_whole_pdfs(threaded_server):
    port, master = threaded_server
    cookie = sent_intake_cookie(port)
    workers = children(master.pid)
    assert len(workers) == 2
    with ThreadPoolExecutor(PARALLEL) as pool:
        for _ in range(ROUNDS):
            results = list(pool.map(lambda _: download(port, cookie), range(PARALLEL)))
            for status, body, seconds in results:
                assert status == 200, f"status {status} after {seconds:.1f} s"
                assert body.startswith(b"%PDF")
                assert len(PdfReader(io.BytesIO(body)).pages) >= 1
                assert seconds < SLOWEST
    assert children(master.pid) == workers, "a worker died and was replaced"
