"""Command-line tools, run as `flask --app screening COMMAND`: data dictionary, imports, rules, staff, retention,
and the worker (alerts and the clinicians' PDFs)."""

import json
import os
import random
import signal
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from . import demo
from .clock import clinic_today
from .crypto import vault
from .exports import fhir_import
from .intake import consent, store
from .jobs import Jobs
from .models import Attention, Intake, Report, StaffNote, db, utcnow
from .questionnaire import answers_format, dictionary
from .questionnaire.answers import check_answers
from .questionnaire.types import AnswerError
from .rules import CATALOGUE_VERSION, document, evaluate
from .staff import accounts, audit
from .summary import store as summaries
from .summary.content import build_summary
from .summary.pdf import render_pdf

RULES_DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


@click.command("questions")
@click.option("--format", "output", type=click.Choice(["markdown", "json"]), default="markdown",
              help="Markdown table for people, JSON for tools.")
def questions_command(output: str) -> None:
    """Print the data dictionary: every question's id, section, label, type and options."""
    click.echo(dictionary.as_markdown() if output == "markdown" else dictionary.as_json())


@click.command("load-answers")
@with_appcontext
@click.argument("file", type=click.File("r", encoding="utf-8"))
def load_answers_command(file) -> None:
    """Store a submitted intake from an answers file: a JSON object keyed by question id, or a FHIR
    QuestionnaireResponse to the app's Questionnaire (for example exported from LHC-Forms)."""
    intake = store.store_submitted(read_answers(file, complete=True, consequence=" Nothing was stored."))
    summaries.store_quietly(intake)
    click.echo("Stored 1 submitted intake.")


@click.command("flags")
@with_appcontext
@click.argument("file", type=click.File("r", encoding="utf-8"))
def flags_command(file) -> None:
    """Print the flags an answers file raises, as JSON (id, level, title, evidence, reason, source)."""
    answers = read_answers(file, complete=False)
    flags = [flag.as_dict() for flag in evaluate(answers, clinic_today())]
    click.echo(json.dumps({"catalogue_version": CATALOGUE_VERSION, "flags": flags}, indent=2, ensure_ascii=False))


@click.command("summary")
@with_appcontext
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), required=True,
              help="Where to write the PDF.")
@click.option("--page-size", type=click.Choice(["letter", "A4"]), default="letter", show_default=True)
def summary_command(file, out: str, page_size: str) -> None:
    """Render the clinician's summary of an answers file as a PDF, storing nothing (to try the rules)."""
    answers = read_answers(file, complete=False)
    pdf = render_pdf(build_summary(answers, submitted_at=None, today=clinic_today()), page_size)
    with open(out, "wb") as target:
        target.write(pdf)
    click.echo(f"Wrote the summary to {out}.")


@click.command("rules")
@click.option("--format", "output", type=click.Choice(["text", "markdown"]), default="text",
              help="text prints every rule; markdown writes the document a medical director signs.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=str(RULES_DOCUMENT),
              show_default=True, help="Where --format markdown writes.")
def rules_command(output: str, out: str) -> None:
    """The rule catalogue: id, level, title, when each rule fires, why it matters, sources."""
    if output == "text":
        click.echo(document.as_text(), nl=False)
        return
    Path(out).write_text(document.as_markdown(), encoding="utf-8")
    click.echo(f"Wrote {out}.")


@click.command("create-staff")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), default="staff", show_default=True)
@click.password_option(help="Asked twice and never shown, when not given.")
@with_appcontext
def create_staff_command(email: str, role: str, password: str) -> None:
    """Create a staff account."""
    try:
        user = accounts.create(email, password, role)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {role} account {user.email}.")


@click.command("purge")
@click.option("--older-than", "days", type=click.IntRange(min=1), required=True,
              help="Delete submitted intakes sent more than this many days ago.")
@with_appcontext
def purge_command(days: int) -> None:
    """Delete old submitted intakes (with their PDFs and notes) and expired drafts. The audit log stays."""
    now = utcnow()
    submitted = db.delete(Intake).where(Intake.submitted_at < now - timedelta(days=days))
    drafts_before = now - timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])
    drafts = db.delete(Intake).where(Intake.submitted_at.is_(None), Intake.updated_at < drafts_before)
    removed = db.session.execute(submitted).rowcount
    expired = db.session.execute(drafts).rowcount
    db.session.commit()
    audit.record(audit.PURGE, detail=f"{removed} submitted older than {days} days, {expired} drafts older than "
                                     f"{current_app.config['DRAFT_RETENTION_DAYS']} days")
    click.echo(f"Deleted {removed} submitted intakes and {expired} expired drafts.")


@click.command("demo")
@click.option("--count", type=click.IntRange(1, 100_000), default=40, show_default=True)
@click.option("--seed", type=int, default=None, help="For the same intakes every time.")
@click.option("--no-pdf", is_flag=True, help="Skip rendering the PDFs (much faster for large counts).")
@with_appcontext
def demo_command(count: int, seed: int | None, no_pdf: bool) -> None:
    """Fill the database with realistic synthetic submitted intakes (never use on a clinic's database)."""
    rng = random.Random(seed)
    for submitted_at in demo.submitted_times(count, rng):
        intake = store.store_submitted(demo.synthetic_answers(rng, clinic_today()), submitted_at=submitted_at)
        if not no_pdf:
            summaries.store_quietly(intake)
    click.echo(f"Added {count} synthetic submitted intakes.")


@click.command("rotate-keys")
@with_appcontext
def rotate_keys_command() -> None:
    """Re-encrypt answers, PDFs, notes and attention records under the first key of ENCRYPTION_KEYS.

    Put the new key first and keep the old ones after it; restart the app and the worker; run this; then the old keys
    can go. It may run while the clinic is open: each value is written back only if nobody changed it meanwhile.
    """
    counts = {}
    for model, columns in ((Intake, ("answers",)), (Report, ("pdf",)), (StaffNote, ("text",)),
                           (Attention, ("marks", "note"))):
        key = model.__mapper__.primary_key[0]
        ids = db.session.scalars(db.select(key)).all()
        for column in columns:
            for row_id in ids:
                rotate_value(key == row_id, getattr(model, column))
        counts[model.__tablename__] = len(ids)
    audit.record(audit.ROTATE_KEYS, detail=", ".join(f"{n} {name}" for name, n in counts.items()))
    click.echo("Re-encrypted " + ", ".join(f"{number} {name} rows" for name, number in counts.items()) + ".")


def rotate_value(row, column) -> None:
    """One encrypted value under the newest key, written only over the value it was made from: a save in between (a
    patient's page, a staff note) is read again and rotated, never written over with what was read before it."""
    while (value := db.session.scalar(db.select(column).where(row))) is not None:
        written = db.session.execute(db.update(column.class_).where(row, column == value)
                                     .values({column.key: vault().rotate(value)})).rowcount
        db.session.commit()
        if written:
            return


@click.command("consent-wordings")
@with_appcontext
def consent_wordings_command() -> None:
    """Each wording of step 1's consent a patient agreed to (the clinic's ALERT_CONSENT_TEXT with the consent's own
    words), oldest first: its digest, as the PDF names it, when it was first agreed to, how many stored intakes were
    agreed to under it, and the words. Intakes kept from before the wording was recorded are not counted."""
    wordings = consent.every_wording()
    for wording, count in wordings:
        click.echo(f"wording {wording.digest[:consent.SHORT]} (sha256 {wording.digest}), first agreed to "
                   f"{wording.first_agreed_at:%Y-%m-%d %H:%M} UTC, {count} intake{'s' if count != 1 else ''} stored")
        click.echo("".join(f"    {line}\n" for line in wording.text.splitlines()))
    if not wordings:
        click.echo("No patient has agreed to a recorded wording yet.")


@click.command("worker")
@click.option("--watch", is_flag=True, help="Keep at it until SIGTERM or Ctrl-C.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=1.0, show_default=True,
              help="Seconds between looks for new work when there is none, with --watch.")
@click.option("--nice", "niceness", type=click.IntRange(0, 19), default=10, show_default=True,
              help="Lower this process's CPU priority by this much, so form pages win over PDFs.")
@with_appcontext
def worker_command(watch: bool, interval: float, niceness: int) -> None:
    """Do every job that must not run in a web request: send alerts (and escalate them), render the clinicians'
    PDFs the web app asked for (PDF_WORKER). Without --watch, do what is due now and exit.

    Stopped by SIGTERM or SIGINT, it finishes the job in hand and exits cleanly. It prints counts only."""
    os.nice(niceness)
    jobs = Jobs()
    if watch:
        stop_signals = []
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda received, _frame: stop_signals.append(received))
        click.echo(f"Sending alerts and rendering PDFs as they come, looking every {interval:g} s; "
                   "SIGTERM or Ctrl-C stops.")
        jobs.watch(interval, stopping=lambda: bool(stop_signals))
    else:
        jobs.run_pending()
    click.echo(f"Sent {jobs.alerts.sent} alerts; {jobs.alerts.failed} attempts failed and will be tried again. "
               f"Rendered {jobs.pdfs.rendered} PDFs; {jobs.pdfs.failed} failed to render and stay requested.")


def read_answers(file, complete: bool, consequence: str = "") -> dict:
    """The JSON answers format, or a FHIR QuestionnaireResponse to our Questionnaire; the same checks for both."""
    try:
        data = json.load(file)
        if isinstance(data, dict) and "resourceType" in data:
            data = fhir_import.answers_from_response(data)
        if isinstance(data, dict):
            data = _upgraded(data)
        return check_answers(data, today=clinic_today(), complete=complete)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{file.name} is not valid JSON: {error}.{consequence}") from None
    except AnswerError as error:
        raise click.ClickException(f"{file.name}: {error}.{consequence}") from None


def _upgraded(answers: dict) -> dict:
    """The answers as today's questions are asked, and a word (on stderr, so `flags` still prints plain JSON) on
    what changed: an older format upgraded, or a format-3 file's pregnancy answers of a "Male" patient dropped
    (written when everyone was asked them)."""
    version = answers_format.format_of(answers)
    upgraded = answers_format.upgrade(answers)
    if version == answers_format.FORMAT_VERSION and upgraded == answers:
        return answers
    said = "; ".join(answers_format.changes(answers, upgraded)) or "nothing changed"
    read_as = (f"in format {version} (today's is {answers_format.FORMAT_VERSION}), read as format "
               f"{answers_format.FORMAT_VERSION}" if version < answers_format.FORMAT_VERSION else
               f"in format {version} (today's), read as its questions are asked today")
    click.echo(f"Answers file {read_as}: {said}.", err=True)
    return upgraded


def register(app: Flask) -> None:
    app.cli.add_command(questions_command)
    app.cli.add_command(load_answers_command)
    app.cli.add_command(flags_command)
    app.cli.add_command(summary_command)
    app.cli.add_command(rules_command)
    app.cli.add_command(create_staff_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(rotate_keys_command)
    app.cli.add_command(consent_wordings_command)
    app.cli.add_command(worker_command)
