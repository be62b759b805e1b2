"""The app under a real gunicorn on a free loopback port, on its own migrated SQLite file, for tests that need
real worker processes (threads, TLS). Every process started here is stopped by the fixture that started it."""

import http.cookiejar
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from helpers import CSRF, SHOWN

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_environment(instance: Path, **settings: str) -> dict:
    return {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(instance),
            "DATABASE_URL": f"sqlite:///{instance / 'served.db'}", "SECRET_KEY": "k" * 64, "LOOKUP_KEY": "l" * 64,
            "ENCRYPTION_KEYS": "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8=", **settings}


def migrate(env: dict) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "screening", "db", "upgrade"], env=env, cwd=ROOT,
                   check=True, capture_output=True)


def gunicorn(env: dict, port: int, *options: str) -> subprocess.Popen:
    """Start gunicorn (its own process group) and wait until the port answers."""
    process = subprocess.Popen([str(GUNICORN), *options, "-b", f"127.0.0.1:{port}", "screening:create_app()"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise AssertionError("gunicorn exited") from None
            time.sleep(0.1)
    stop(process)
    raise AssertionError("gunicorn did not start")


@contextmanager
def watching_worker(env: dict, *options: str):
    """`flask worker --watch` in a process of its own; killed on the way out if the test did not stop it."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "screening", "worker", "--watch", "--interval", "0.2", *options],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        yield worker
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def stop_cleanly(worker: subprocess.Popen) -> tuple[str, str]:
    """SIGTERM, as a service manager sends it; the worker's output and errors once it has exited."""
    worker.send_signal(signal.SIGTERM)
    return worker.communicate(timeout=30)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its master), read from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


class Browser:
    """Cookies and forms over HTTP(S), against a server in another process."""

    def __init__(self, base: str, context: ssl.SSLContext | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar)]
        if context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=context))
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, page: str | None = None) -> str:
        html = self.get(page or path)
        match = CSRF.search(html)
        fields = {"csrf_token": match.group(1) or match.group(2), **data}
        if (shown := SHOWN.search(html)) is not None:
            fields["shown"] = shown.group(1)
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        with self.opener.open(self.base + path, data=body, timeout=60) as response:
            return response.read().decode()

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)
