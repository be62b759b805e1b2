"""HTML to PDF with WeasyPrint.

One FontConfiguration serves every render: a new one per render grew a process from 63 to 150 MB
over 300 renders. Fonts are subset by HarfBuzz where libharfbuzz-subset is installed.

WeasyPrint, pango and fontconfig are not safe to share between threads: parallel renders in one process
crashed threaded gunicorn workers (SIGSEGV, malloc corruption) or hung them. So one render runs at a time per
process; other threads wait their turn.
"""

import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

from .content import Summary

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"
PRINT_CSS = STATIC / "css" / "print.css"


class OwnFilesOnly(URLFetcher):
    """What the renderer may load: the app's own stylesheet and fonts (files under static/). Anything else, a
    web address or another file, is refused, so markup that slipped into a summary cannot make the server
    fetch it."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(STATIC) and path.is_file():
                return super().fetch(path.as_uri(), headers)
        raise ValueError("the PDF may only load the app's own files under static/")


_fonts = FontConfiguration()
_fetcher = OwnFilesOnly()
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True,
                         lstrip_blocks=True)  # less whitespace between tags: fewer boxes to lay out
_stylesheet = CSS(filename=str(PRINT_CSS), font_config=_fonts, url_fetcher=_fetcher)
_one_render_at_a_time = threading.Lock()
TOPICS_END = "topics-end"  # the id after the last topic of the overview


def render_html(summary: Summary, page_size: str = "letter", topics_continue: bool = False) -> str:
    return _templates.get_template("summary/summary.html").render(
        summary=summary, page_size=page_size, topics_continue=topics_continue
    )


def render_pdf(summary: Summary, page_size: str = "letter") -> bytes:
    """The summary as PDF bytes; `page_size` is "letter" or "A4".

    When the topics do not all fit on page 1 (only with very long typed answers), it is rendered again with
    page 1 saying that they continue on page 2."""
    fitted = []

    def note_whether_topics_fit(document, _pdf) -> None:
        fitted.append(TOPICS_END in document.pages[0].anchors)

    pdf = html_to_pdf(render_html(summary, page_size), page_size, finisher=note_whether_topics_fit)
    if summary.for_patient or fitted == [True]:
        return pdf
    return html_to_pdf(render_html(summary, page_size, topics_continue=True), page_size)


def html_to_pdf(html: str, page_size: str = "letter", finisher=None) -> bytes:
    """One render at a time in this process, loading only the app's own files."""
    with _one_render_at_a_time:
        page = CSS(string=f"@page {{ size: {page_size}; }}", font_config=_fonts, url_fetcher=_fetcher)
        document = HTML(string=html, base_url=str(ROOT), url_fetcher=_fetcher)
        return document.write_pdf(stylesheets=[_stylesheet, page], font_config=_fonts, finisher=finisher)
