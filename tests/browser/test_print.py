"""The printed summary as a person sees it: every page rendered to an image (pdftoppm), none blank,
the header printed on each. (`make screenshots` keeps page 1 for reviewers; tests write no tracked file.)"""

import subprocess
from datetime import UTC, datetime

from answer_sets import everything_positive
from PIL import Image, ImageOps

from screening.summary.content import build_summary
from screening.summary.pdf import render_pdf

SUBMITTED = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)


def ink(image: Image.Image) -> int:
    """How many pixels are not (nearly) white."""
    grey = ImageOps.grayscale(image)
    return sum(count for level, count in enumerate(grey.histogram()) if level < 200)


def test_every_printed_page_has_content_and_a_header(tmp_path):
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(render_pdf(build_summary(everything_positive(), SUBMITTED, SUBMITTED.date())))
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) > 2
    for path in pages:
        with Image.open(path) as image:
            width, height = image.size
            assert ink(image) > 2000, f"{path.name} looks blank"
            header = image.crop((0, 0, width, int(height * 0.06)))
            assert ink(header) > 50, f"{path.name} has no header"
            footer = image.crop((0, int(height * 0.94), width, height))
            assert ink(footer) > 50, f"{path.name} has no footer"
