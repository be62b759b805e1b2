"""The stored PDF of a submitted intake: rendered once at submission, served from the database after.

Rendering takes a good fraction of a second; doing it once per intake, instead of once per view,
keeps PDF requests from holding up the form pages other patients are filling in.
"""

import logging

from flask import current_app

from .intakes import answers_of, vault
from .models import Intake, Report, db
from .report import build_summary, render_pdf
from .rules import CATALOGUE_VERSION

log = logging.getLogger(__name__)


class RenderFailed(Exception):
    """The PDF could not be made; nothing was stored, and it can be tried again."""


def render(intake: Intake, for_patient: bool = False) -> bytes:
    """The PDF, made in memory: a failure raises RenderFailed and never leaves a half-written file."""
    submitted = intake.submitted_at
    summary = build_summary(answers_of(intake), submitted, today=submitted.date(), for_patient=for_patient)
    try:
        return render_pdf(summary, current_app.config["REPORT_PAGE_SIZE"])
    except Exception as error:  # the message could quote answers, so only its type is logged
        log.error("rendering the summary of intake %s failed (%s)", intake.id, type(error).__name__)
        raise RenderFailed() from None


def patient_copy(intake: Intake) -> bytes:
    """The patient's own answers, without the clinician's flags; made when asked for (rarely), not stored."""
    return render(intake, for_patient=True)


def store(intake: Intake) -> bytes:
    """Render the summary and keep it, encrypted; replaces an older rendering. Rendering happens
    in memory first, so a failure never leaves a half-written PDF behind."""
    pdf = render(intake)
    report = db.session.get(Report, intake.id) or Report(intake_id=intake.id)
    report.pdf = vault().encrypt_bytes(pdf)
    report.catalogue_version = CATALOGUE_VERSION
    db.session.add(report)
    db.session.commit()
    return pdf


def store_quietly(intake: Intake) -> None:
    """At submission: a failed rendering must not lose the submission; it is retried when first opened."""
    try:
        store(intake)
    except RenderFailed:
        db.session.rollback()


def pdf_of(intake: Intake) -> bytes:
    """The stored PDF, rendered now if it is missing or was made by an older rule catalogue."""
    report = db.session.get(Report, intake.id)
    if report is None or report.catalogue_version != CATALOGUE_VERSION:
        return store(intake)
    return vault().decrypt_bytes(report.pdf)
