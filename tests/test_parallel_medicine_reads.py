"""Typed medicine names are read right by every gunicorn worker when patients send their intakes at once: each
worker's first read starts the child process that reads the drug-name library (one per worker, under a lock),
and no patient's intake is stored without the topic their own words raise. The rules run before a submission
writes: run inside the write, their first read (seconds) held SQLite's write lock, and other patients' saves
timed out with "We cannot save your answers just now" (503)."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from answer_sets import nothing_of_note
from helpers import as_pages
from served import Browser, app_environment, free_port, gunicorn, migrate, stop

PATIENTS = 12


@pytest.fixture
def threaded_server(tmp_path):
    env = app_environment(tmp_path)
    migrate(env)
    port = free_port()
    process = gunicorn(env, port, "-w", "2", "-k", "gthread", "--threads", "4", "--timeout", "60")
    yield port, tmp_path / "served.db"
    stop(process)


def send(port: int, medicines_list: str | None) -> None:
    answers = {**nothing_of_note(), **({"medicines_list": medicines_list} if medicines_list else {})}
    patient = Browser(f"http://127.0.0.1:{port}")
    patient.post("/start", {"action": "new"}, page="/")
    for section_id, data in as_pages(answers).items():
        patient.post(f"/step/{section_id}", data)
    assert "summary.pdf" in patient.post("/submit", {}, page="/review")


def test_patients_sending_at_once_each_get_the_topic_their_typed_medicines_raise(threaded_server):
    port, database = threaded_server
    typed = ["Xanax 0.5 mg at night", None] * (PATIENTS // 2)
    with ThreadPoolExecutor(PATIENTS) as pool:
        list(pool.map(lambda medicines: send(port, medicines), typed))
    with sqlite3.connect(database) as connection:
        levels = [level for (level,) in connection.execute("SELECT top_level FROM intake ORDER BY id")]
    assert len(levels) == PATIENTS
    assert sorted(levels) == ["discuss"] * (PATIENTS // 2) + ["note"] * (PATIENTS // 2), (
        "each Xanax typed is a benzodiazepine topic to discuss; the others have only the support note")
