"""HTML to PDF with WeasyPrint.

One FontConfiguration serves every render: a new one per render grew a process from 63 to 150 MB
over 300 renders. Fonts are subset by HarfBuzz where libharfbuzz-subset is installed.

WeasyPrint, pango and fontconfig are not safe to share between threads: parallel renders in one process
crashed threaded gunicorn workers (SIGSEGV, malloc corruption) or hung them. So one render runs at a time per
process; other threads wait their turn.
"""

import threading
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .context import Summary

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"
PRINT_CSS = ROOT / "static" / "css" / "print.css"

_fonts = FontConfiguration()
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
_stylesheet = CSS(filename=str(PRINT_CSS), font_config=_fonts)
_one_render_at_a_time = threading.Lock()


def render_html(summary: Summary, page_size: str = "letter") -> str:
    return _templates.get_template("report/summary.html").render(summary=summary, page_size=page_size)


def render_pdf(summary: Summary, page_size: str = "letter") -> bytes:
    """The summary as PDF bytes; `page_size` is "letter" or "A4"."""
    html = render_html(summary, page_size)
    with _one_render_at_a_time:
        page = CSS(string=f"@page {{ size: {page_size}; }}", font_config=_fonts)
        document = HTML(string=html, base_url=str(ROOT))
        return document.write_pdf(stylesheets=[_stylesheet, page], font_config=_fonts)
