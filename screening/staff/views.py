"""Staff pages. Every route but sign-in needs a signed-in staff member; account and audit pages need an admin.

Each view reads a form, calls the domain (accounts, queue, audit, reports, exports), and renders.
"""

import json
import time
from datetime import date
from functools import wraps

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..crypto import vault
from ..exports import fhir
from ..exports import flags_csv as csv_export
from ..intake.store import answers_of
from ..models import Intake, StaffNote, StaffUser, db, utcnow
from ..rules import evaluate, scores
from ..summary import store as summaries
from ..summary.content import build_summary
from ..web.downloads import attachment, pdf_response
from . import accounts, audit
from .forms import NewAccountForm, NoteForm, PasswordForm, SearchForm, SignInForm
from .review_queue import LEVELS, WHEN, QueueFilter, list_queue, mark_reviewed

bp = Blueprint("staff", __name__, url_prefix="/staff")
SEARCH_KEY = "staff_search"
SEEN_KEY = "staff_seen"


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    wrapped.admin_only = True
    return wrapped


@bp.before_request
def end_idle_sessions():
    """Sign out after STAFF_IDLE_MINUTES without a request; the cookie also expires then."""
    if not current_user.is_authenticated:
        return None
    idle = current_app.config["STAFF_IDLE_MINUTES"] * 60
    if time.time() - session.get(SEEN_KEY, 0) > idle:
        logout_user()
        session.clear()
        flash("You were signed out after a time without activity. Please sign in again.")
        return redirect(url_for("staff.sign_in"))
    session[SEEN_KEY] = time.time()
    session.permanent = True
    return None


def client_address() -> str:
    return request.remote_addr or "unknown"


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data, client_address())
        except accounts.TooManyAttempts:
            form.email.errors.append("Too many attempts. Wait 15 minutes, then try again.")
        else:
            if user is None:
                form.email.errors.append("That email and password do not match an active account.")
            else:
                session.clear()
                login_user(user)
                session[SEEN_KEY] = time.time()
                session.permanent = True
                return redirect(url_for("staff.queue"))
    return render_template("staff/sign_in.html", form=form), 422 if form.errors else 200


@bp.post("/sign-out")
@login_required
def sign_out():
    audit.record("sign_out", actor=current_user)
    logout_user()
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("staff.sign_in"))


@bp.get("/")
@login_required
def queue():
    chosen = QueueFilter(
        when=request.args.get("when") if request.args.get("when") in WHEN else "all",
        not_reviewed=request.args.get("not_reviewed") == "1",
        level=request.args.get("level") if request.args.get("level") in LEVELS else "",
        search=session.get(SEARCH_KEY, ""),
    )
    page = list_queue(chosen, request.args.get("page", 1, type=int), date.today())
    audit.record("view_queue", actor=current_user, detail=f"page {page.page}")
    return render_template("staff/queue.html", page=page, chosen=chosen, search_form=SearchForm(search=chosen.search))


@bp.post("/search")
@login_required
def search():
    """Search terms are names and birth dates: kept in the session, never in a URL or a log."""
    form = SearchForm()
    if form.validate_on_submit():
        session[SEARCH_KEY] = (form.search.data or "").strip()
    return redirect(url_for("staff.queue", **request.args))


def submitted_intake(intake_id: int) -> Intake:
    intake = db.session.get(Intake, intake_id)
    if intake is None or not intake.is_submitted:
        abort(404)
    return intake


@bp.get("/intakes/<int:intake_id>")
@login_required
def intake(intake_id: int):
    record = submitted_intake(intake_id)
    answers = answers_of(record)
    notes = db.session.scalars(db.select(StaffNote).filter_by(intake_id=record.id).order_by(StaffNote.id)).all()
    audit.record("view", actor=current_user, intake_id=record.id)
    return render_template(
        "staff/intake.html", intake=record, answers=answers,
        summary=build_summary(answers, record.submitted_at, today=record.submitted_at.date()),
        notes=[(note, vault().decrypt(note.text)) for note in notes],
        authors={user.id: user.email for user in db.session.scalars(db.select(StaffUser))},
        note_form=NoteForm(),
    )


@bp.get("/intakes/<int:intake_id>/summary.pdf")
@login_required
def summary_pdf(intake_id: int):
    record = submitted_intake(intake_id)
    try:
        pdf = summaries.pdf_of(record)
    except summaries.RenderFailed:
        return render_template("staff/pdf_failed.html", intake=record), 503
    if pdf is None:
        return render_template("staff/pdf_pending.html", intake=record, overdue=summaries.overdue(record)), 202
    audit.record("print", actor=current_user, intake_id=record.id)  # only a PDF handed over counts
    return pdf_response(pdf)


@bp.post("/intakes/<int:intake_id>/reviewed")
@login_required
def reviewed(intake_id: int):
    record = submitted_intake(intake_id)
    mark_reviewed(record, current_user, utcnow())
    audit.record("review", actor=current_user, intake_id=record.id)
    flash("Marked as reviewed.")
    return redirect(url_for("staff.intake", intake_id=record.id))


@bp.post("/intakes/<int:intake_id>/notes")
@login_required
def add_note(intake_id: int):
    record = submitted_intake(intake_id)
    form = NoteForm()
    if form.validate_on_submit():
        db.session.add(StaffNote(intake_id=record.id, author_id=current_user.id,
                                 text=vault().encrypt(form.text.data)))
        db.session.commit()
        audit.record("note", actor=current_user, intake_id=record.id)
        flash("Note saved.")
    else:
        flash(form.text.errors[0] if form.text.errors else "The note was not saved. Please try again.", "warning")
    return redirect(url_for("staff.intake", intake_id=record.id))


@bp.get("/intakes/<int:intake_id>/fhir.json")
@login_required
def fhir_response(intake_id: int):
    record = submitted_intake(intake_id)
    answers = answers_of(record)
    audit.record("export_fhir", actor=current_user, intake_id=record.id)
    resource = fhir.questionnaire_response(record.id, answers, scores(answers), record.submitted_at)
    return attachment(json.dumps(resource, indent=2, ensure_ascii=False), "application/fhir+json",
                    f"intake-{record.id}-questionnaire-response.json")


@bp.get("/intakes/<int:intake_id>/flags.csv")
@login_required
def flags_csv(intake_id: int):
    record = submitted_intake(intake_id)
    answers = answers_of(record)
    audit.record("export_csv", actor=current_user, intake_id=record.id)
    return attachment(csv_export.render(record.id, evaluate(answers, record.submitted_at.date())), "text/csv",
                    f"intake-{record.id}-flags.csv")


@bp.get("/questionnaire.json")
@login_required
def fhir_questionnaire():
    return attachment(json.dumps(fhir.questionnaire(), indent=2, ensure_ascii=False), "application/fhir+json",
                    "questionnaire.json")


@bp.route("/accounts", methods=["GET", "POST"])
@admin_required
def staff_accounts():
    form = NewAccountForm()
    if form.validate_on_submit():
        try:
            user = accounts.create(form.email.data, form.password.data, form.role.data)
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            audit.record("account_created", actor=current_user, detail=f"account {user.id} ({user.role})")
            flash(f"Account created for {user.email}.")
            return redirect(url_for("staff.staff_accounts"))
    users = db.session.scalars(db.select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("staff/accounts.html", users=users, form=form, password_form=PasswordForm()), \
        422 if form.errors else 200


@bp.post("/accounts/<int:user_id>/active")
@admin_required
def set_active(user_id: int):
    user = db.session.get(StaffUser, user_id) or abort(404)
    try:
        accounts.set_active(user, request.form.get("active") == "1", by=current_user)
    except accounts.AccountError as error:
        flash(str(error), "warning")
    return redirect(url_for("staff.staff_accounts"))


@bp.post("/accounts/<int:user_id>/password")
@admin_required
def reset_password(user_id: int):
    user = db.session.get(StaffUser, user_id) or abort(404)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(user, form.password.data, by=current_user)
            flash(f"New password set for {user.email}.")
        except accounts.AccountError as error:
            flash(str(error), "warning")
    else:
        flash(next(iter(form.errors.values()))[0], "warning")
    return redirect(url_for("staff.staff_accounts"))


@bp.get("/audit")
@admin_required
def audit_log():
    action = request.args.get("action", "")
    rows, total = audit.events(action=action, actor_id=request.args.get("actor", type=int),
                               intake_id=request.args.get("intake", type=int),
                               page=request.args.get("page", 1, type=int))
    users = {user.id: user.email for user in db.session.scalars(db.select(StaffUser))}
    return render_template("staff/audit.html", rows=rows, total=total, users=users, action=action)
