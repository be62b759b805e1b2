"""Form pages under gunicorn, against a bare Flask hello-world under the same gunicorn, in one run.

Prints requests per second for a form step and for hello-world (aim: the step at >= 50 % of hello),
and the step's p95 latency when idle and while 8 staff members wait on never-rendered PDFs (aim: <= 2x):
rendered by the PDF worker process (`flask worker --watch`, PDF_WORKER=1) at nice 10 and at nice 0,
and, for comparison, in the web workers themselves (PDF_WORKER=0).
All traffic stays on 127.0.0.1; every loop is bounded in time and stops by itself.
`BENCH_DATABASE_URL` runs it on PostgreSQL (that database is dropped and re-created).
"""

import http.client
import http.cookiejar
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import CSRF, fresh_postgres_database, typical_answers  # noqa: E402
from served import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SECONDS = float(os.environ.get("BENCH_SECONDS", 8))
CLIENTS = 4
WORKERS = ["-w", "2", "--threads", "4", "-k", "gthread"]


def serve(target: str, env: dict, cwd: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([GUNICORN, *WORKERS, "-b", f"127.0.0.1:{port}", target], env=env, cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{target} did not start")


def hammer(port: int, path: str, cookie: str, seconds: float, clients: int = CLIENTS) -> list[float]:
    """`clients` keep-alive connections requesting `path` for `seconds`; returns every latency (a failed
    request counts as an infinite one, so failures show in the p95 instead of stopping the run)."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            mine.append(time.perf_counter() - start if ok else math.inf)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def p95(latencies: list[float]) -> float:
    """Nearest-rank 95th percentile in milliseconds (a failed request, infinite, ranks last)."""
    return sorted(latencies)[math.ceil(0.95 * len(latencies)) - 1] * 1000


def rate(latencies: list[float]) -> float:
    return sum(math.isfinite(latency) for latency in latencies) / SECONDS


def failures(latencies: list[float]) -> str:
    failed = sum(not math.isfinite(latency) for latency in latencies)
    return f"; {failed} form steps FAILED" if failed else ""


def patient_cookie(port: int) -> str:
    """Start an intake and answer step 1, as a browser would; return the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"

    def post(path, data, page):
        html = opener.open(base + page).read().decode()
        match = CSRF.search(html)
        body = urllib.parse.urlencode({"csrf_token": match.group(1) or match.group(2), **data}, doseq=True)
        return opener.open(base + path, data=body.encode()).read().decode()

    post("/start", {"action": "new"}, "/")
    post("/step/about_you", {**typical_answers()["about_you"], "shown": ""}, "/step/about_you")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def staff_cookie(port: int) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    html = opener.open(base + "/staff/sign-in").read().decode()
    match = CSRF.search(html)
    body = urllib.parse.urlencode({"csrf_token": match.group(1) or match.group(2), "email": "bench@clinic.test",
                                   "password": "a long bench password"})
    opener.open(base + "/staff/sign-in", data=body.encode()).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def wait_for_pdfs(port: int, staff: str, ids: range, stop: threading.Event, rendered: list) -> None:
    """A staff member opening PDFs that were never rendered (demo --no-pdf), one after another, pressing
    "Check again" every second while the page says it is being prepared (202)."""
    for intake_id in ids:
        while not stop.is_set():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                connection.request("GET", f"/staff/intakes/{intake_id}/summary.pdf", headers={"Cookie": staff})
                status = connection.getresponse().status
            except (OSError, http.client.HTTPException):  # a web worker killed by gunicorn's timeout
                status = "failed"
            finally:
                connection.close()
            if status == 200:
                rendered.append(intake_id)
                break
            stop.wait(1)
        if stop.is_set():
            return


def step_while_rendering(port: int, cookie: str, staff: str, first_id: int) -> tuple[list[float], int]:
    """The form step's latencies while 8 staff members wait on 8 PDFs each (ids from `first_id`)."""
    stop = threading.Event()
    rendered: list[int] = []
    staff_threads = [
        threading.Thread(target=wait_for_pdfs,
                         args=(port, staff, range(first_id + number, first_id + 64, 8), stop, rendered))
        for number in range(8)
    ]
    for thread in staff_threads:
        thread.start()
    time.sleep(0.5)
    latencies = hammer(port, "/step/heart", cookie, SECONDS)
    stop.set()
    for thread in staff_threads:
        thread.join()
    return latencies, len(rendered)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        fresh_postgres_database(url)
    else:
        url = f"sqlite:///{folder / 'load.db'}"
    env = {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(folder), "DATABASE_URL": url,
           "SECRET_KEY": "s" * 64, "LOOKUP_KEY": "l" * 64, "PDF_WORKER": "0",
           "ENCRYPTION_KEYS": "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8="}
    flask = [sys.executable, "-m", "flask", "--app", "screening"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "--count", "200", "--seed", "3", "--no-pdf"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([*flask, "create-staff", "bench@clinic.test", "--password", "a long bench password"], env=env,
                   cwd=ROOT, check=True, capture_output=True)
    worker_env = {**env, "PDF_WORKER": "1"}

    hello, hello_port = serve("hello:app", env, Path(__file__).parent)
    app, app_port = serve("screening:create_app()", worker_env, ROOT)
    processes = [hello, app]
    try:
        cookie = patient_cookie(app_port)
        staff = staff_cookie(app_port)
        hammer(hello_port, "/", "", 1)
        hammer(app_port, "/step/heart", cookie, 1)
        hello_latencies = hammer(hello_port, "/", "", SECONDS)
        start_latencies = hammer(app_port, "/", "", SECONDS)
        step_latencies = hammer(app_port, "/step/heart", cookie, SECONDS)
        hello_rate, step_rate, start_rate = rate(hello_latencies), rate(step_latencies), rate(start_latencies)
        idle = p95(step_latencies)
        print(f"database: {url.split(':')[0]}; gunicorn {' '.join(WORKERS)}; {CLIENTS} clients; {SECONDS:g} s each")
        print(f"hello-world:               {hello_rate:6.0f} req/s  p95 {p95(hello_latencies):6.1f} ms")
        print(f"start page (no draft):     {start_rate:6.0f} req/s  p95 {p95(start_latencies):6.1f} ms  "
              f"= {100 * start_rate / hello_rate:.0f} % of hello-world (the app's session, CSRF, headers; no database)")
        print(f"form step (GET):           {step_rate:6.0f} req/s  p95 {idle:6.1f} ms  "
              f"= {100 * step_rate / hello_rate:.0f} % of hello-world (aim: >= 50 %)")

        for niceness, first_id in ((10, 1), (0, 65)):
            worker = subprocess.Popen([*flask, "worker", "--watch", "--interval", "0.2", "--nice", str(niceness)],
                                      env=worker_env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True)
            processes.append(worker)
            busy, rendered = step_while_rendering(app_port, cookie, staff, first_id)
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
            print(f"form step while 8 PDFs wait on the worker process (nice {niceness:2d}): p95 {p95(busy):7.1f} ms "
                  f"= {p95(busy) / idle:5.1f}x idle (aim: <= 2x); {rendered} PDFs rendered meanwhile{failures(busy)}")

        web, web_port = serve("screening:create_app()", env, ROOT)
        processes.append(web)
        hammer(web_port, "/step/heart", cookie, 1)
        busy, rendered = step_while_rendering(web_port, cookie, staff, 129)
        print(f"form step while 8 PDFs render in the web workers (PDF_WORKER=0): p95 {p95(busy):7.1f} ms "
              f"= {p95(busy) / idle:5.1f}x idle; {rendered} PDFs rendered meanwhile{failures(busy)}")
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
