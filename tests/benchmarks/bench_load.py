"""Form pages under gunicorn, against a bare Flask hello-world under the same gunicorn, in one run.

Prints requests per second for a form step and for hello-world (aim: the step at >= 50 % of hello),
the step's p95 latency when idle and while 8 PDFs are being rendered on demand (aim: <= 2x).
All traffic stays on 127.0.0.1; every loop is bounded in time and stops by itself.
`BENCH_DATABASE_URL` runs it on PostgreSQL (that database is dropped and re-created).
"""

import http.client
import http.cookiejar
import os
import signal
import socket
import statistics
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

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SECONDS = float(os.environ.get("BENCH_SECONDS", 8))
CLIENTS = 4
WORKERS = ["-w", "2", "--threads", "4", "-k", "gthread"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
    """`clients` keep-alive connections requesting `path` for `seconds`; returns every latency."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20)[18] * 1000


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


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        fresh_postgres_database(url)
    else:
        url = f"sqlite:///{folder / 'load.db'}"
    env = {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(folder), "DATABASE_URL": url,
           "SECRET_KEY": "s" * 64, "LOOKUP_KEY": "l" * 64,
           "ENCRYPTION_KEYS": "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8="}
    flask = [sys.executable, "-m", "flask", "--app", "screening"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "--count", "200", "--seed", "3", "--no-pdf"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([*flask, "create-staff", "bench@clinic.test", "--password", "a long bench password"], env=env,
                   cwd=ROOT, check=True, capture_output=True)

    hello, hello_port = serve("hello:app", env, Path(__file__).parent)
    app, app_port = serve("screening:create_app()", env, ROOT)
    try:
        cookie = patient_cookie(app_port)
        hammer(hello_port, "/", "", 1)
        hammer(app_port, "/step/heart", cookie, 1)
        hello_latencies = hammer(hello_port, "/", "", SECONDS)
        step_latencies = hammer(app_port, "/step/heart", cookie, SECONDS)
        hello_rate, step_rate = len(hello_latencies) / SECONDS, len(step_latencies) / SECONDS
        print(f"database: {url.split(':')[0]}; gunicorn {' '.join(WORKERS)}; {CLIENTS} clients; {SECONDS:g} s each")
        print(f"hello-world:        {hello_rate:8.0f} req/s  p95 {p95(hello_latencies):6.1f} ms")
        print(f"form step (GET):    {step_rate:8.0f} req/s  p95 {p95(step_latencies):6.1f} ms  "
              f"= {100 * step_rate / hello_rate:.0f} % of hello-world (aim: >= 50 %)")

        staff = staff_cookie(app_port)
        stop = threading.Event()
        rendered = []

        def render_pdfs(first_id: int):
            """Opens PDFs that were never rendered (demo --no-pdf): the worst case of rendering on demand."""
            intake_id = first_id
            while not stop.is_set() and intake_id <= 200:
                connection = http.client.HTTPConnection("127.0.0.1", app_port, timeout=120)
                connection.request("GET", f"/staff/intakes/{intake_id}/summary.pdf", headers={"Cookie": staff})
                rendered.append(connection.getresponse().status)
                connection.close()
                intake_id += 8

        renderers = [threading.Thread(target=render_pdfs, args=(number,)) for number in range(1, 9)]
        for thread in renderers:
            thread.start()
        time.sleep(0.5)
        busy_latencies = hammer(app_port, "/step/heart", cookie, SECONDS)
        stop.set()
        for thread in renderers:
            thread.join()
        print(f"form step while 8 PDFs render on demand: p95 {p95(busy_latencies):6.1f} ms "
              f"= {p95(busy_latencies) / p95(step_latencies):.1f}x idle (aim: <= 2x); "
              f"{len(rendered)} PDFs rendered meanwhile")
    finally:
        for process in (hello, app):
            os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
