"""The staff queue with 100,000 submitted intakes, against a bare Flask page in the same run.

Run with `make bench` (SQLite in a temporary folder) or, for PostgreSQL,
`BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/screening_bench make bench`
(that database is dropped and re-created). Rows are bulk-inserted with a few distinct encrypted
answer sets; sorting, filtering and counting only read the clear, indexed columns.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import flask_migrate
from flask import Flask

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_sets import everything_positive, nothing_of_note, unsure_and_high  # noqa: E402
from helpers import Staff, fresh_postgres_database  # noqa: E402

from screening import create_app  # noqa: E402
from screening.intake import store as intake_store  # noqa: E402
from screening.models import Intake, db  # noqa: E402
from screening.staff import accounts  # noqa: E402

INTAKES = int(os.environ.get("BENCH_INTAKES", 100_000))
ROUNDS = 15


def median_ms(action) -> float:
    action()
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def fill(app) -> None:
    rng = random.Random(1)
    with app.app_context():
        templates = []
        for make in (nothing_of_note, unsure_and_high, everything_positive):
            intake = intake_store.store_submitted(make())
            templates.append((intake.answers, intake.top_level, intake.urgent, intake.dob_hash))
        now = datetime.now(UTC)
        batch = []
        for number in range(INTAKES - len(templates)):
            answers, level, urgent, dob = templates[rng.choices((0, 1, 2), weights=(70, 25, 5))[0]]
            batch.append({
                "public_id": f"bench-{number}", "answers": answers, "urgent": urgent, "top_level": level,
                "dob_hash": dob, "consultation_date": date.today() + timedelta(days=rng.randint(-60, 60)),
                "created_at": now, "updated_at": now, "submitted_at": now - timedelta(days=rng.randint(0, 120)),
            })
            if len(batch) == 5000:
                db.session.execute(db.insert(Intake), batch)
                batch = []
        if batch:
            db.session.execute(db.insert(Intake), batch)
        db.session.commit()
        accounts.create("bench@clinic.test", "a long bench password")


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        fresh_postgres_database(url)
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        flask_migrate.upgrade()
    start = time.perf_counter()
    fill(app)
    took = time.perf_counter() - start
    print(f"database: {url.split(':')[0]}; {INTAKES:,} submitted intakes inserted in {took:.0f} s")

    bare = Flask("bare")
    bare.get("/")(lambda: "Hello")
    bare_client = bare.test_client()
    staff = Staff(app.test_client(), "bench@clinic.test")
    staff.sign_in("a long bench password")

    baseline = median_ms(lambda: bare_client.get("/"))
    print(f"bare Flask page:                    {baseline:7.2f} ms (median of {ROUNDS})")
    for label, path in [("queue, first page", "/staff/"), ("queue, urgent only", "/staff/?level=urgent"),
                        ("queue, today, not reviewed", "/staff/?when=today&not_reviewed=1"),
                        ("queue, page 2000", "/staff/?page=2000")]:
        took = median_ms(lambda path=path: staff.client.get(path))
        print(f"{label + ':':35s} {took:7.2f} ms  ({took / baseline:.0f}x the bare page; aim: <= 100 ms)")
    staff.post("/staff/search", {"search": "1985-03-27"})
    took = median_ms(lambda: staff.client.get("/staff/"))
    print(f"{'queue, search by date of birth:':35s} {took:7.2f} ms")


if __name__ == "__main__":
    main()
