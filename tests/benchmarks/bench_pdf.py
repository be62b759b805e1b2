"""How long the clinician's summary takes to render, against a minimal WeasyPrint page in the same run.

Run with `make bench`. Prints the median of several renders of each, the render time per summary page
against the styled one-page document (aim: at most 3x), the page counts (aim: at most 8 for the
everything-positive intake, 3 for a typical one),
and the process's memory over 1,000 renders (BENCH_PDF_RENDERS; one FontConfiguration: it should
stay flat).
"""

import io
import os
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader
from weasyprint import HTML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_sets import everything_positive, nothing_of_note  # noqa: E402

from screening.summary.content import build_summary  # noqa: E402
from screening.summary.pdf import (  # noqa: E402
    _fonts,
    _stylesheet,
    render_pdf,  # noqa: E402
)

ROUNDS = 7
MEMORY_RENDERS = int(os.environ.get("BENCH_PDF_RENDERS", 1000))


def median_seconds(action) -> float:
    action()  # warm-up: first use loads fonts and templates
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    submitted = datetime.now(UTC)
    summary = build_summary(everything_positive(), submitted, today=submitted.date())
    minimal = HTML(string="<p>Hello</p>")
    styled = HTML(string="<p class='running-patient'>A</p><h1>Summary</h1><p>One line of text.</p>")
    pages = len(PdfReader(io.BytesIO(render_pdf(summary))).pages)

    baseline = median_seconds(lambda: minimal.write_pdf(font_config=_fonts))
    one_page = median_seconds(lambda: styled.write_pdf(stylesheets=[_stylesheet], font_config=_fonts))
    full = median_seconds(lambda: render_pdf(summary))
    print(f"minimal WeasyPrint page (no stylesheet):      {baseline * 1000:7.1f} ms (median of {ROUNDS})")
    print(f"one page with the print stylesheet and fonts: {one_page * 1000:7.1f} ms")
    print(f"everything-positive summary, {pages} pages:     {full * 1000:7.1f} ms "
          f"({full * 1000 / pages:.0f} ms a page)")
    print(f"ratio to the minimal page: {full / baseline:.0f}x; to the styled page: {full / one_page:.1f}x; "
          f"per summary page to the styled page: {full / pages / one_page:.1f}x (aim: <= 3x; pages aim: <= 8)")

    typical = build_summary(nothing_of_note(), submitted, today=submitted.date())
    typical_pages = len(PdfReader(io.BytesIO(render_pdf(typical))).pages)
    short = median_seconds(lambda: render_pdf(typical))
    print(f"typical summary, {typical_pages} pages (aim: <= 3): {short * 1000:7.1f} ms; "
          f"per page to the styled page: {short / typical_pages / one_page:.1f}x")
    before = rss_mb()
    checkpoints = {}
    for number in range(1, MEMORY_RENDERS + 1):
        render_pdf(typical)
        if number in (10, MEMORY_RENDERS // 2, MEMORY_RENDERS):
            checkpoints[number] = rss_mb()
    marks = ", ".join(f"after {number}: {mb:.0f} MB" for number, mb in checkpoints.items())
    print(f"RSS over {MEMORY_RENDERS} renders of a typical summary: before {before:.0f} MB, {marks} (aim: flat)")


if __name__ == "__main__":
    main()
