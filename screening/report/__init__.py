"""The clinician's summary: flags, scores and every answer, as a printable PDF."""

from .context import Summary, build_summary
from .pdf import render_pdf

__all__ = ["Summary", "build_summary", "render_pdf"]
