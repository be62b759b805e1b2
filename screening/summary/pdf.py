"""HTML to PDF with WeasyPrint.

One FontConfiguration serves every render: a new one per render grew a process from 63 to 150 MB
over 300 renders. Fonts are subset by HarfBuzz where libharfbuzz-subset is installed.
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .content import Summary

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"
PRINT_CSS = ROOT / "static" / "css" / "print.css"

_fonts = FontConfiguration()
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True,
                         lstrip_blocks=True)  # less whitespace between tags: fewer boxes to lay out
TOPICS_END = "topics-end"  # the id after the last topic of the overview

_stylesheet = CSS(filename=str(PRINT_CSS), font_config=_fonts)


def render_html(summary: Summary, page_size: str = "letter", topics_continue: bool = False) -> str:
    return _templates.get_template("summary/summary.html").render(
        summary=summary, page_size=page_size, topics_continue=topics_continue
    )


def render_pdf(summary: Summary, page_size: str = "letter") -> bytes:
    """The summary as PDF bytes; `page_size` is "letter" or "A4".

    When the topics do not all fit on page 1 (only with very long typed answers), it is rendered again with
    page 1 saying that they continue on page 2."""
    page = CSS(string=f"@page {{ size: {page_size}; }}", font_config=_fonts)
    fitted = []

    def note_whether_topics_fit(document, _pdf) -> None:
        fitted.append(TOPICS_END in document.pages[0].anchors)

    pdf = _write(render_html(summary, page_size), page, finisher=note_whether_topics_fit)
    if summary.for_patient or fitted == [True]:
        return pdf
    return _write(render_html(summary, page_size, topics_continue=True), page)


def _write(html: str, page: CSS, finisher=None) -> bytes:
    return HTML(string=html, base_url=str(ROOT)).write_pdf(stylesheets=[_stylesheet, page], font_config=_fonts,
                                                          finisher=finisher)
