"""The stored PDF of a submitted intake: rendered once, served from the database after.

Rendering takes a good fraction of a second; doing it once per intake, instead of once per view,
keeps PDF requests from holding up the form pages other patients are filling in. With PDF_WORKER,
the web process never renders the clinician's PDF at all: it records a request, and a separate
process (worker.py, `flask worker --watch`) renders it, at a lower CPU priority.
"""

import logging
from datetime import timedelta

from flask import current_app

from ..clock import clinic_time
from ..crypto import vault
from ..intake import consent
from ..intake.store import answers_of
from ..models import Intake, Report, db, utcnow
from ..rules import CATALOGUE_VERSION
from .content import build_summary
from .pdf import render_pdf

log = logging.getLogger(__name__)

# A running worker renders a request within seconds; one waiting this long means someone should look at it.
OVERDUE = timedelta(minutes=5)


class RenderFailed(Exception):
    """The PDF could not be made; nothing was stored, and it can be tried again."""


def render(intake: Intake, for_patient: bool = False) -> bytes:
    """The PDF, made in memory: any failure (answers that cannot be decrypted, a rule that breaks, WeasyPrint)
    raises RenderFailed and never leaves a half-written file."""
    submitted = clinic_time(intake.submitted_at)
    try:
        summary = build_summary(answers_of(intake), submitted, today=submitted.date(), for_patient=for_patient,
                                consent_wording=consent.words(intake) if for_patient else consent.described(intake),
                                intake_id=intake.id)
        return render_pdf(summary, current_app.config["REPORT_PAGE_SIZE"])
    except Exception as error:  # the message could quote answers, so only its type is logged
        log.error("rendering the summary of intake %s failed (%s)", intake.id, type(error).__name__)
        raise RenderFailed() from None


def patient_copy(intake: Intake) -> bytes:
    """The patient's own answers, without the clinician's flags; made when asked for (rarely), not stored."""
    return render(intake, for_patient=True)


def store(intake: Intake) -> bytes:
    """Render the summary and keep it, encrypted; replaces an older rendering and answers a waiting request.
    Rendering happens in memory first, so a failure never leaves a half-written PDF behind."""
    pdf = render(intake)
    report = db.session.get(Report, intake.id) or Report(intake_id=intake.id)
    report.pdf = vault().encrypt_bytes(pdf)
    report.catalogue_version = CATALOGUE_VERSION
    intake.pdf_requested_at = None
    db.session.add(report)
    db.session.commit()
    return pdf


def store_quietly(intake: Intake) -> None:
    """At submission: with PDF_WORKER, only ask the worker. Otherwise render now; a failed rendering must not
    lose the submission, and is retried when the PDF is first opened."""
    if current_app.config["PDF_WORKER"]:
        request_render(intake)
        return
    try:
        store(intake)
    except RenderFailed:
        db.session.rollback()


def pdf_of(intake: Intake) -> bytes | None:
    """The stored PDF when it is current. When it is missing or was made by an older rule catalogue, it is
    rendered now, or with PDF_WORKER asked of the worker: None means it is being prepared."""
    report = db.session.get(Report, intake.id)
    if report is not None and report.catalogue_version == CATALOGUE_VERSION:
        return vault().decrypt_bytes(report.pdf)
    if current_app.config["PDF_WORKER"]:
        request_render(intake)
        return None
    return store(intake)


def request_render(intake: Intake) -> None:
    """Leave the clinician's PDF to the worker; a request already waiting keeps its place in the line."""
    if intake.pdf_requested_at is None:
        intake.pdf_requested_at = utcnow()
        db.session.commit()


def overdue(intake: Intake) -> bool:
    """A request for the clinician's PDF has waited longer than OVERDUE."""
    return intake.pdf_requested_at is not None and utcnow() - intake.pdf_requested_at > OVERDUE
