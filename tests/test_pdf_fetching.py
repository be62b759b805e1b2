"""The PDF renderer loads the app's own files and nothing else: no request leaves for any address."""

import http.server
import threading
from pathlib import Path

import pytest
from helpers import typical_answers

from screening.summary.pdf import ROOT, OwnFilesOnly, html_to_pdf


@pytest.fixture
def listener():
    """A local HTTP server that records every path asked of it."""
    asked = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()
    server.server_close()


def test_crafted_markup_fetches_nothing(listener):
    base, asked = listener
    html = f"""<!doctype html><html><head>
      <link rel="stylesheet" href="{base}/linked.css">
      <style>@import url("{base}/imported.css"); body {{ background: url("{base}/background.png"); }}
        @font-face {{ font-family: X; src: url("{base}/font.woff"); }} p {{ font-family: X; }}</style>
      </head><body><p>Hello</p><img src="{base}/image.png"><img src="file:///etc/passwd">
      <object data="{base}/object"></object><iframe src="{base}/frame"></iframe></body></html>"""
    assert html_to_pdf(html).startswith(b"%PDF")
    assert asked == []


def test_an_answer_holding_markup_fetches_nothing(patient, listener):
    base, asked = listener
    answers = typical_answers()
    answers["other_health"] = {**answers["other_health"], "other_allergies": f'<img src="{base}/x">'}
    answers["reasons"] = {**answers["reasons"], "reasons": ["other"],
                          "reasons_other": f'<style>@import url("{base}/y");</style>'}
    patient.complete(answers)
    assert patient.submit().status_code == 302
    assert patient.client.get("/done/summary.pdf").data.startswith(b"%PDF")
    assert asked == []


def test_only_files_under_static_can_be_fetched(listener):
    base, _ = listener
    fetcher = OwnFilesOnly()
    stylesheet = (ROOT / "static" / "css" / "print.css").as_uri()
    assert fetcher.fetch(stylesheet).read() == (ROOT / "static" / "css" / "print.css").read_bytes()
    for url in (f"{base}/x", "file:///etc/passwd", (ROOT / "config.py").as_uri(),
                stylesheet.replace("/css/print.css", "/../config.py"), "ftp://127.0.0.1/x",
                Path("/proc/self/environ").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
