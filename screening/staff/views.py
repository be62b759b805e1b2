"""Staff pages. Every route but sign-in needs a signed-in staff member; account and audit pages need an admin.

Each view reads a form, calls the domain (accounts, queue, audit, reports, exports), and renders.
"""

import json
import time
from functools import wraps
from urllib.parse import urlsplit

from cryptography.fernet import InvalidToken
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from ..alerts import marks
from ..alerts.background import send_soon
from ..clock import clinic_time, clinic_today
from ..crypto import vault
from ..exports import fhir
from ..exports import flags_csv as csv_export
from ..extensions import client_network
from ..intake import consent
from ..intake.store import answers_of
from ..models import Intake, StaffUser, db, utcnow
from ..rules import evaluate, scores
from ..rules.attention import attention_reasons, labels
from ..summary import store as summaries
from ..summary.content import build_summary
from ..web.downloads import attachment, pdf_to_print
from ..web.record_ids import LARGEST_ID
from . import accounts, audit, notes
from .forms import AcknowledgeForm, NewAccountForm, NoteForm, PasswordForm, SearchForm, SignInForm
from .review_queue import (
    LEVELS,
    WHEN,
    AlertStillOpen,
    QueueFilter,
    ago,
    attention_row,
    list_queue,
    mark_reviewed,
    needs_attention,
)

bp = Blueprint("staff", __name__, url_prefix="/staff")
SEARCH_KEY = "staff_search"
SEEN_KEY = "staff_seen"
QUEUE_REFRESH_SECONDS = 60
AUTO_RELOAD = "auto"  # ?refresh=auto: the queue reloading itself


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
        audit.record(audit.SIGN_OUT_IDLE, actor=current_user)
        logout_user()
        session.clear()
        flash("You were signed out after a time without activity. Please sign in again.")
        return redirect(url_for("staff.sign_in"))
    if request.endpoint == "staff.queue" and request.args.get("refresh") == AUTO_RELOAD:
        return None  # the queue reloading itself is nobody at the screen: an unattended queue still signs out
    session[SEEN_KEY] = time.time()
    session.permanent = True
    return None


@bp.app_template_filter("ago")
def ago_filter(when) -> str:
    return ago(when, utcnow())


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data, client_network())
        except accounts.TooManyAttempts as refused:
            form.email.errors.append(too_many_attempts(refused.from_address))
        else:
            if user is None:
                form.email.errors.append("That email and password do not match an active account.")
            else:
                session.clear()
                login_user(user)
                session[SEEN_KEY] = time.time()
                session.permanent = True
                return redirect(staff_page_asked_for() or url_for("staff.queue"))
    return render_template("staff/sign_in.html", form=form), 422 if form.errors else 200


def too_many_attempts(from_address: bool) -> str:
    """At an address over its limit, staff who signed in there lately can still get in, unless no address is spared
    (SIGN_IN_KNOWN_ADDRESS_DAYS 0)."""
    config = current_app.config
    wait = f"wait {config['SIGN_IN_WINDOW_MINUTES']} minutes, then try again."
    if from_address and config["SIGN_IN_KNOWN_ADDRESS_DAYS"]:
        return (f"Too many attempts from this network. If you signed in here in the last "
                f"{config['SIGN_IN_KNOWN_ADDRESS_DAYS']} days, check your password and try again. If not, {wait}")
    return f"Too many attempts. {wait.capitalize()}"


def staff_page_asked_for() -> str | None:
    """The staff page that sent the browser to sign in (`next`: an alert's link to an attention record), when it is
    one of ours: a path under /staff/ on this site, never another site's address."""
    asked = request.args.get("next", "")
    parts = urlsplit(asked)
    if parts.scheme or parts.netloc or "\\" in asked or not parts.path.startswith(bp.url_prefix + "/"):
        return None
    return asked


@bp.post("/sign-out")
@login_required
def sign_out():
    audit.record(audit.SIGN_OUT, actor=current_user)
    accounts.end_sessions(current_user)
    logout_user()
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("staff.sign_in"))


@bp.get("/")
@login_required
def queue():
    filters = queue_filters()
    chosen = QueueFilter(when=filters.get("when", "all"), not_reviewed="not_reviewed" in filters,
                         level=filters.get("level", ""), search=search_words())
    page = list_queue(chosen, request.args.get("page", 1, type=int), clinic_today())
    audit.record(audit.VIEW_QUEUE, actor=current_user, detail=f"page {page.page}")
    send_soon()  # without a worker: retries and escalations, once a minute while the queue is open
    response = make_response(render_template(
        "staff/queue.html", page=page, chosen=chosen, filters=filters, search_form=SearchForm(search=chosen.search),
        attention=needs_attention(), alerts_missing=marks.missing_settings(current_app.config),
        alerts_waiting=marks.waiting_too_long(utcnow()),
    ))
    if request.args.get("refresh") != "off":
        # The page reloads itself every minute, without JavaScript, so a new alert shows; the page offers to stop
        # it. A header does what <meta http-equiv="refresh"> would (which axe reports whether or not it can be
        # turned off). The reload's address says it is one, so that it does not count as someone at the screen.
        reload = url_for("staff.queue", **dict(filters, page=page.page, refresh=AUTO_RELOAD))
        response.headers["Refresh"] = f"{QUEUE_REFRESH_SECONDS}; url={reload}"
    return response


def queue_filters() -> dict[str, str]:
    """The queue's filters from the query string, checked, and whether it stopped refreshing itself, so the links
    to other pages and the search keep both. Never request.args wholesale: url_for would take `endpoint`, `_method`
    or `_external` in it as its own arguments."""
    args = request.args
    filters = {
        "when": args.get("when") if args.get("when") in WHEN else "",
        "level": args.get("level") if args.get("level") in LEVELS else "",
        "not_reviewed": "1" if args.get("not_reviewed") == "1" else "",
        "refresh": "off" if args.get("refresh") == "off" else "",
    }
    return {name: value for name, value in filters.items() if value}


def search_words() -> str:
    """The search kept in the session; one that cannot be decrypted (an older cookie, a rotated key) is none."""
    try:
        return vault().decrypt(session[SEARCH_KEY]) if SEARCH_KEY in session else ""
    except InvalidToken:
        return ""


@bp.post("/search")
@login_required
def search():
    """Search terms are names and birth dates: kept in the session encrypted (a signed cookie is readable by
    whoever holds it), never in a URL or a log."""
    form = SearchForm()
    if form.validate_on_submit():
        session[SEARCH_KEY] = vault().encrypt((form.search.data or "").strip())
    return redirect(url_for("staff.queue", **queue_filters()))


def submitted_intake(intake_id: int) -> Intake:
    intake = db.session.get(Intake, intake_id)
    if intake is None or not intake.is_submitted:
        abort(404)
    return intake


@bp.get("/intakes/<int:intake_id>")
@login_required
def intake(intake_id: int):
    record = submitted_intake(intake_id)
    audit.record(audit.VIEW, actor=current_user, intake_id=record.id)
    return render_intake(record, AcknowledgeForm())


def render_intake(record: Intake, review_form: AcknowledgeForm):
    """The intake's page; while its alert is open, marking it reviewed asks what was done (`review_form`)."""
    answers = answers_of(record)
    sent = clinic_time(record.submitted_at)
    open_mark = marks.open_mark(record.id)
    return render_template(
        "staff/intake.html", intake=record, answers=answers,
        attention=attention_row(open_mark, record) if open_mark else None,
        has_attention_record=open_mark is not None or bool(marks.marks_of(record.id)),
        urgent_now=labels(attention_reasons(answers)),
        summary=build_summary(answers, sent, today=sent.date()),
        notes=notes.of_intake(record.id),
        authors={user.id: user.email for user in db.session.scalars(db.select(StaffUser))},
        note_form=NoteForm(), form=review_form,
    ), 422 if review_form.errors else 200


def marked_intake(intake_id: int) -> tuple[Intake, list]:
    """Any intake, sent or not, that ever needed attention, with its marks (newest first)."""
    record = db.session.get(Intake, intake_id)
    found = marks.marks_of(intake_id) if record is not None else []
    if not found:
        abort(404)
    return record, found


@bp.get("/attention/<int:intake_id>")
@login_required
def attention(intake_id: int):
    """The attention record: how to reach the patient and why, for a draft as for a sent form; what was sent to
    whom; what staff did. The form records what was done."""
    record, found = marked_intake(intake_id)
    audit.record(audit.VIEW_ATTENTION, actor=current_user, intake_id=record.id)
    return render_attention(record, found, AcknowledgeForm())


def render_attention(record: Intake, found: list, form: AcknowledgeForm):
    answers = answers_of(record)
    history = [(mark, attention_row(mark, record), vault().decrypt(mark.note) if mark.note else "") for mark in found]
    sent = {}
    for delivery in marks.deliveries_of(found):
        sent.setdefault(delivery.attention_id, []).append(delivery)
    return render_template(
        "staff/attention.html", intake=record, answers=answers, history=history, deliveries=sent, form=form,
        outcomes=marks.OUTCOMES, is_open=any(mark.is_open for mark in found),
        authors={user.id: user.email for user in db.session.scalars(db.select(StaffUser))},
    ), 422 if form.errors else 200


@bp.post("/attention/<int:intake_id>")
@login_required
def acknowledge(intake_id: int):
    record, found = marked_intake(intake_id)
    form = AcknowledgeForm()
    if not form.validate_on_submit():
        return render_attention(record, found, form)
    closed = marks.acknowledge(record.id, current_user, form.outcome.data, (form.note.data or "").strip(), utcnow())
    if closed:
        audit.record(audit.ACKNOWLEDGE_ATTENTION, actor=current_user, intake_id=record.id,
                     detail=f"outcome: {form.outcome.data}")
        flash(f"Recorded for intake {record.id}: {marks.OUTCOMES[form.outcome.data]}.")
    else:
        flash(f"Intake {record.id} was already acknowledged.")
    return redirect(url_for("staff.queue"))


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
    audit.record(audit.PRINT, actor=current_user, intake_id=record.id)  # only a PDF handed over counts
    return pdf_to_print(pdf, f"intake-{record.id}-summary.pdf")  # the number only: no name in a file name


@bp.post("/intakes/<int:intake_id>/reviewed")
@login_required
def reviewed(intake_id: int):
    """One press, or, while the intake's alert is open, what was done about it too (the acknowledge form)."""
    record = submitted_intake(intake_id)
    form = AcknowledgeForm()
    outcome = form.outcome.data if form.validate_on_submit() else ""
    try:
        done = mark_reviewed(record, current_user, utcnow(), outcome, (form.note.data or "").strip())
    except AlertStillOpen:
        return render_intake(record, form)  # the form's errors say what to fill in
    said = []
    if done.closed:
        said.append(f"Recorded for intake {record.id}: {marks.OUTCOMES[outcome]}.")
    elif outcome:
        said.append("Someone else had already recorded what was done about the alert; yours is kept as a note below.")
    said.append("Marked as reviewed." if done.marked else
                "Someone else had already marked it as reviewed: their name is below.")
    flash(" ".join(said))
    return redirect(url_for("staff.intake", intake_id=record.id))


@bp.post("/intakes/<int:intake_id>/notes")
@login_required
def add_note(intake_id: int):
    record = submitted_intake(intake_id)
    form = NoteForm()
    if form.validate_on_submit():
        notes.add(record.id, current_user, form.text.data)
        flash("Note saved.")
    else:
        flash(form.text.errors[0] if form.text.errors else "The note was not saved. Please try again.", "warning")
    return redirect(url_for("staff.intake", intake_id=record.id))


def exported(intake_id: int, action: str) -> tuple[Intake, dict]:
    """A sent intake and its answers, for an export audited as `action`."""
    record = submitted_intake(intake_id)
    audit.record(action, actor=current_user, intake_id=record.id)
    return record, answers_of(record)


@bp.get("/intakes/<int:intake_id>/fhir.json")
@login_required
def fhir_response(intake_id: int):
    record, answers = exported(intake_id, audit.EXPORT_FHIR)
    resource = fhir.questionnaire_response(record.id, answers, scores(answers), record.submitted_at, fhir_site(),
                                           consent.words(record))
    return fhir_attachment(resource, f"intake-{record.id}-questionnaire-response.json")


@bp.get("/intakes/<int:intake_id>/fhir-bundle.json")
@login_required
def fhir_bundle(intake_id: int):
    record, answers = exported(intake_id, audit.EXPORT_FHIR_BUNDLE)
    resource = fhir.transaction_bundle(record.id, answers, scores(answers), record.submitted_at, fhir_site(),
                                       consent.words(record))
    return fhir_attachment(resource, f"intake-{record.id}-bundle.json")


@bp.get("/intakes/<int:intake_id>/flags.csv")
@login_required
def flags_csv(intake_id: int):
    record, answers = exported(intake_id, audit.EXPORT_CSV)
    flags = evaluate(answers, clinic_time(record.submitted_at).date())
    return attachment(csv_export.render(record.id, flags), "text/csv", f"intake-{record.id}-flags.csv")


@bp.get("/questionnaire.json")
@login_required
def fhir_questionnaire():
    return fhir_attachment(fhir.questionnaire(fhir_site()), "questionnaire.json")


@bp.get("/codesystem.json")
@login_required
def fhir_code_system():
    return fhir_attachment(fhir.code_system(fhir_site()), "codesystem.json")


def fhir_site() -> fhir.Site:
    config = current_app.config
    return fhir.Site(config["FHIR_BASE_URL"], config["CLINIC_NAME"], config["ALERT_CONSENT_TEXT"])


def fhir_attachment(resource: dict, filename: str):
    return attachment(json.dumps(resource, indent=2, ensure_ascii=False), "application/fhir+json", filename)


@bp.route("/accounts", methods=["GET", "POST"])
@admin_required
def staff_accounts():
    form = NewAccountForm()
    if form.validate_on_submit():
        try:
            user = accounts.create(form.email.data, form.password.data, form.role.data, by=current_user)
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            flash(f"Account created for {user.email}.")
            return redirect(url_for("staff.staff_accounts"))
    users = db.session.scalars(db.select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("staff/accounts.html", users=users, form=form), \
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


def record_number(name: str) -> int | None:
    number = request.args.get(name, type=int)
    return number if number is not None and 0 < number <= LARGEST_ID else None


@bp.get("/audit")
@admin_required
def audit_log():
    action = request.args.get("action", "")
    action = action if action in audit.ACTIONS else ""
    actor, intake_id = record_number("actor"), record_number("intake")
    page = request.args.get("page", 1, type=int)
    rows, total = audit.events(action=action, actor_id=actor, intake_id=intake_id, page=page)
    pages = max(1, -(-total // audit.PER_PAGE))
    page = min(max(page, 1), pages)
    users = {user.id: user.email for user in db.session.scalars(db.select(StaffUser).order_by(StaffUser.email))}
    kept = {name: value for name, value in (("action", action), ("actor", actor), ("intake", intake_id)) if value}
    return render_template("staff/audit.html", rows=rows, total=total, users=users, action=action, actor=actor,
                           intake_id=intake_id, labels=audit.LABELS, page=page, pages=pages, kept=kept)
