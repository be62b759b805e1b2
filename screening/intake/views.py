"""The patient's pages. Each view reads a form, calls the intake store and flow, and renders or redirects.

The intake's id lives only in the signed session cookie; URLs name sections, never patients.
"""

import time

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for

from ..alerts.background import send_soon
from ..crypto import vault
from ..extensions import client_network, limiter
from ..questionnaire import SECTION_BY_ID, SECTION_OF, SECTIONS, next_section, previous_section, step_number
from ..questionnaire.burden import typical_minutes
from ..questionnaire.display import review_rows
from ..questionnaire.layout import page_blocks
from ..questionnaire.merged_pages import MERGED_PAGES, current_id, old_page, page_now
from ..questionnaire.model import Section
from ..questionnaire.sections.safety import ANY_SELF_HARM
from ..questionnaire.units import METRIC, UNIT_SYSTEMS, US, US_PARTS, us_text
from ..rules.attention import attention_reasons, in_order, newly_urgent
from ..rules.medicine_names import antidepressant_names
from ..summary import store as summaries
from ..web.downloads import pdf_response
from ..web.sealed_session import seal, unseal
from . import consent, flow, resume_codes, reveal, store
from .forms import (
    ResumeForm,
    add_errors,
    build_form,
    consistent,
    definition_accepts,
    filled_rows,
    form_values,
    metric_form,
    page_errors,
    posted_answers,
    shown_ids,
    to_answers,
    with_us_boxes,
)

bp = Blueprint("intake", __name__)

# The questions a positive self-harm screen reads: a page asking any of them keeps the crisis numbers in view.
SELF_HARM_QUESTIONS = frozenset(ANY_SELF_HARM.reads())
SESSION_KEY = "intake"
SEEN_KEY = "intake_seen"
# What a save tells the page shown next, sealed (web/sealed_session.py: the signed cookie is readable, and each of
# these says something of the answers). What the crisis page is shown for (the reasons and the page): set by the
# save that made the intake newly urgent, read by the page, forgotten at the next save.
CRISIS_KEY = "crisis_for"
# The page whose table shows one more row when next shown: "Add another medicine" was pressed there.
ADD_ROW_KEY = "add_row_on"
# The questions a reload showed that the patient did not have on screen, and their page, to mark as new when the
# page is next shown: that follow-ups opened on the substances page says what was answered there.
NEW_KEY = "new_on"
RECEIPT_KEY = "submitted_intake"
UNITS_KEY = "units"
# Boxes the browser offers names for as the patient types (an HTML datalist, needing no script), by table and
# column ("antidepressants-name"). Only a help with spelling: any other name is taken as typed.
NAME_LISTS = {"antidepressants-name": antidepressant_names()}
# The idle clock is kept to the minute: re-signing the cookie on every page would cost more than the page.
SEEN_RESOLUTION = 60
# After sending, the patient's browser may fetch its own copy for a short while; on a shared tablet
# "Finish" or the next "Start" ends that at once.
RECEIPT_SECONDS = 10 * 60


def receipt():
    """The sent intake whose copy this browser may fetch: for RECEIPT_SECONDS, and only while the receipt
    the server issued stands (Finish and the next Start end it, for any copy of the cookie too)."""
    held = session.get(RECEIPT_KEY)
    if not held or held["until"] <= time.time():
        return None
    return store.find_by_receipt(held["intake"], held.get("receipt"))


def end_receipt() -> None:
    held = session.get(RECEIPT_KEY)
    if held:
        store.end_receipt(held["intake"])


def current_intake():
    """The draft this browser is filling in; forgotten after PATIENT_IDLE_MINUTES without a request,
    so a tablet left alone mid-form does not show the next person someone else's answers."""
    if SESSION_KEY not in session:
        return None
    idle = time.time() - session.get(SEEN_KEY, 0)
    if idle > current_app.config["PATIENT_IDLE_MINUTES"] * 60:
        let_go()
        session.clear()
        return None
    if idle > SEEN_RESOLUTION:
        session[SEEN_KEY] = time.time()
    return store.find_draft(session.get(SESSION_KEY))


def hold(intake) -> None:
    """This browser now fills in `intake` (the session is a browser session: it ends with the browser)."""
    session[SESSION_KEY] = intake.public_id
    session[SEEN_KEY] = time.time()
    session.permanent = False


def let_go() -> None:
    """This browser is done with the draft it held (a new form, another draft resumed, the idle time passed): the
    draft gets a new id, so no copy of this cookie opens it any more. Its code and date of birth still do."""
    store.release(session.get(SESSION_KEY))


@bp.before_app_request
def let_go_of_an_outlived_draft():
    """A patient's cookie past PATIENT_IDLE_MINUTES opens nothing (web/sessions.py); the draft it named is let go of
    on the server too, at that browser's next request (the tablet's next patient pressing Start)."""
    outlived = getattr(session, "outlived", None)
    if outlived:
        store.release(outlived.get(SESSION_KEY))


def closed_form():
    flash("Your form was closed. To go on, enter your code and date of birth, or start a new form.")
    return redirect(url_for("intake.welcome"))


def require_intake():
    intake = current_intake()
    if intake is None:
        abort(closed_form())
    return intake


def current_units() -> str:
    """Feet, inches and pounds, or cm and kg: the patient's choice on this device, else the clinic's UNITS."""
    chosen = session.get(UNITS_KEY) or current_app.config["UNITS"]
    return chosen if chosen in UNIT_SYSTEMS else METRIC


@bp.get("/")
def welcome():
    return render_template("intake/welcome.html", intake=current_intake(), minutes=typical_minutes())


@bp.post("/start")
@limiter.limit(lambda: current_app.config["START_LIMIT"])
def start():
    """Go on with this browser's draft where the patient left off, or (a new person at a shared tablet) start a
    fresh one."""
    end_receipt()
    intake = None if request.form.get("action") == "new" else current_intake()
    if intake is not None:
        hold(intake)
        return go(flow.resume_at(store.answers_of(intake)))
    let_go()
    session.clear()
    hold(store.start())
    return redirect(url_for("intake.step", section_id=SECTIONS[0].id))


@bp.route("/step/<section_id>", methods=["GET", "POST"])
def step(section_id: str):
    """A page of the intake. A merged page's old address opens the page that holds its questions now; a form
    still open on it is saved as that old page (merged_pages.py), then the patient goes on from the new one."""
    if section_id in MERGED_PAGES and request.method == "GET":
        return redirect(url_for("intake.step", section_id=page_now(section_id).id, review=request.args.get("review")))
    section = page_asked(section_id)
    intake = require_intake()
    answers = store.answers_of(intake)
    if request.method == "GET":
        shown = section.visible(answers)
        values = form_values(shown, answers)
        adding_row = current_id(unseal(ADD_ROW_KEY, pop=True)) == section.id
        return render_step(section, shown, with_us_boxes(values) if current_units() == US else values,
                           adding_row=adding_row, new=marked_new(section, shown))
    try:
        return save_step(section, intake, answers, page=page_now(section_id))
    except store.IntakeLocked:
        session.clear()
        return redirect(url_for("intake.welcome"))


def page_asked(section_id: str) -> Section:
    """The page a form was sent from: a page of the intake, or a merged page's old questions."""
    return old_page(section_id) if section_id in MERGED_PAGES else SECTION_BY_ID.get(section_id) or abort(404)


def save_step(section: Section, intake, answers: dict, page: Section | None = None):
    """`page`: where the patient goes on from, when `section` is a merged page's old questions."""
    page = page or section
    action = request.form.get("action", "next")
    going_back, switching_units, adding_row = action == "back", action == "units", action == "add_row"
    formdata, unit_problems = metric_form(request.form, section)
    on_screen = shown_ids(request.form, section)
    kept, posted = posted_answers(section, formdata, answers)
    merged = reveal.answers_on_page(answers, posted)
    shown = section.visible(merged)
    insist = not (going_back or switching_units or adding_row)
    required = {q.id for q in shown if q.is_required and q.id in on_screen} if insist else set()
    form = build_form(section, shown, required, formdata=formdata)
    endorsed = ANY_SELF_HARM(merged) and any(question.id in SELF_HARM_QUESTIONS for question in section.questions)
    valid = form.validate()
    valid = add_errors(form, unit_problems) and valid
    # The answers that pass on their own are also checked together, so a page shows every problem at once, not a
    # "None of these" ticked with another box only after the missing answers are given.
    values = {**to_answers(form, [question for question in shown if not form[question.id].errors]), **kept}
    valid = definition_accepts(form, values) and valid
    wording = consent.current()
    # A box ticked under words the clinic has changed since is asked again, unticked, under the words shown now.
    words_changed = bool(consent.asks(section) and values.get(consent.QUESTION_ID)
                         and not consent.shown_is_current(request.form, wording))
    if words_changed:
        valid = add_errors(form, {consent.QUESTION_ID: consent.CHANGED}) and valid
    if not consistent(form, section, values, answers) or not valid:
        if newly_urgent(answers, merged):
            store.mark_urgent(intake, merged)
            send_soon()
        typed = request.form.copy()
        if words_changed:
            typed.pop(consent.QUESTION_ID)
        return render_step(section, shown, typed, page_errors(form, shown), crisis=endorsed, page=page), 422
    recorded = {"consent_wording": consent.agreed_under(values, wording)} if consent.asks(section) else {}
    saved = store.save_section(intake, section, values, **recorded)
    newly = newly_urgent(answers, saved)
    session.pop(CRISIS_KEY, None)
    if newly:  # every time an answer newly makes the intake urgent: the crisis page, worded for it
        seal(CRISIS_KEY, {"reasons": in_order(newly), "section": page.id})
        send_soon()
    if switching_units:
        session[UNITS_KEY] = METRIC if current_units() == US else US
    leaving = flow.Leaving(
        page, going_back, flow.seen(section, page, on_screen, answers), from_review=bool(request.args.get("review")),
        crisis_due=bool(newly), needs_code=intake.resume_hash is None, switching_units=switching_units,
        adding_row=adding_row,
    )
    return go(flow.after_save(leaving, saved), intake, changed=page if leaving.from_review else None)


def go(following: flow.Next, intake=None, changed: Section | None = None):
    """Send the patient where the flow says; the resume code is shown in this response, never redirected to."""
    if following.page == flow.CODE:
        return show_new_code(intake, url_for("intake.step", section_id=next_section(SECTIONS[0]).id), first=True)
    if following.new:
        seal(NEW_KEY, {"section": following.section.id, "ids": list(following.new)})
    if following.adding_row:
        seal(ADD_ROW_KEY, following.section.id)
    return redirect(url_of(following, changed))


def url_of(following: flow.Next, changed: Section | None = None) -> str:
    """`changed`: the step a patient changed from the review page, which the review then shows open and in view."""
    review = 1 if following.review else None
    if following.page == flow.CRISIS:
        return url_for("intake.crisis", then="back" if following.then_back else None, review=review)
    if following.page in (flow.STEP, flow.MORE):
        return url_for("intake.step", section_id=following.section.id, review=review, _anchor=following.at or None)
    if following.page == flow.REVIEW and changed:
        return url_for("intake.review", changed=changed.id, _anchor=f"step-{changed.id}")
    return url_for("intake.review" if following.page == flow.REVIEW else "intake.welcome")


def marked_new(section: Section, shown) -> list[str]:
    """The questions the last save opened on this page (still shown), when the page is shown next (after the
    reload, or the crisis page that came first), once: any later page marks nothing."""
    held = unseal(NEW_KEY, pop=True)
    if not held or current_id(held.get("section")) != section.id:
        return []
    now = {question.id for question in shown}
    return [question_id for question_id in held["ids"] if question_id in now]


def render_step(section: Section, shown, values, errors: tuple[dict, dict] | None = None, crisis: bool = False,
                adding_row: bool = False, new: list[str] | None = None, page: Section | None = None):
    """The page with `values` in its inputs: the stored answers, or exactly what was typed; `errors` as
    forms.page_errors gives them. The page also holds, hidden, the questions an answer on it can reveal
    (reveal.py); `new` are the questions a reload just opened, marked as new. `page` is the step a merged page's
    old questions are shown as, with the errors of a form still open on it."""
    by_input, summary = errors or ({}, {})
    page = page or section
    on_page = reveal.on_page(section, shown)
    return render_template(
        "intake/step.html",
        section=section,
        values=values,
        errors=by_input,
        summary=summary,
        questions=shown,
        blocks=page_blocks(section, on_page),
        shown_ids={question.id for question in shown},
        on_page=on_page,
        triggers=sorted(reveal.triggers(section)),
        new_questions=new or [],
        step=step_number(page),
        steps=len(SECTIONS),
        previous=previous_section(page),
        review=request.args.get("review"),
        crisis=crisis,
        consent_wording=consent.current().digest if consent.asks(section) else "",
        units=current_units(),
        us_parts=US_PARTS,
        name_lists=NAME_LISTS,
        rows_shown={question.id: flow.rows_on_page(question, filled_rows(question, values), adding_row)
                    for question in on_page if question.rows},
    )


def reveal_key() -> str:
    """Reveals are counted per intake, so patients at one clinic's tablets, behind one address, never share a
    count; a request without an intake is counted by address (and refused). The count is kept under a keyed hash
    of the intake's id, which alone points a session at a draft, never the id itself (Redis in production)."""
    held = session.get(SESSION_KEY)
    return "intake:" + vault().lookup_hash(f"reveal:{held}") if held else client_network()


@bp.post("/step/<section_id>/shown")
@limiter.limit(lambda: current_app.config["REVEAL_LIMIT"], key_func=reveal_key)
def shown_questions(section_id: str):
    """For the page's script: the ids of this page's questions that apply to the answers on it now, so follow-ups
    appear in place. The same decision a save makes, from the same definition; nothing is stored or logged. Past
    the limit the script stops and "Save and continue" shows follow-ups by reloading, so a patient is never
    locked out."""
    section = page_asked(section_id)
    intake = current_intake()
    if intake is None:
        return jsonify(error="No form is open in this browser."), 403
    formdata, _ = metric_form(request.form, section)
    answers = store.answers_of(intake)
    _, posted = posted_answers(section, formdata, answers)
    return jsonify(visible=reveal.visible_ids(section, answers, posted))


def show_new_code(intake, then: str, first: bool = False):
    """The code is rendered straight into this response, never stored in the cookie; no-store
    keeps it out of the browser's cache. `then`: where the patient goes on, after the first page or back to the
    form when they asked for a new code."""
    code = resume_codes.issue(intake)
    return render_template("intake/code.html", code=code, then=then, first=first)


def back_to_form(intake) -> str:
    return url_of(flow.resume_at(store.answers_of(intake)))


@bp.get("/your-code")
def resume_code():
    """Reached from "Lost your code?" on every page after the first: a new code, by a button (a GET changes
    nothing)."""
    intake = require_intake()
    return render_template("intake/code.html", code=None, had_code=intake.resume_hash is not None,
                           then=back_to_form(intake))


@bp.post("/your-code")
def new_resume_code():
    intake = require_intake()
    return show_new_code(intake, back_to_form(intake))


@bp.route("/resume", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESUME_LIMIT"], methods=["POST"])
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        intake = resume_codes.find(form.code.data, form.date_of_birth.data)
        if intake is None:
            form.code.errors.append(
                "We could not find a form with this code and date of birth. Check both and try again."
            )
        elif intake.is_submitted:
            return render_template("intake/already_sent.html")
        else:
            if session.get(SESSION_KEY) != intake.public_id:
                let_go()
            session.clear()
            hold(store.rebind(intake))
            return go(flow.resume_at(store.answers_of(intake)))
    return render_template("intake/resume.html", form=form), 422 if form.errors else 200


@bp.get("/crisis")
def crisis():
    """Shown right after each save that newly made the intake urgent, worded for what it was (the save recorded
    that; this page changes nothing). Then the patient goes the way they were going: the page's open follow-ups
    first (such as the ASQ's question about right now), back, or on; opened from a link, where they left off."""
    answers = store.answers_of(require_intake())
    shown_for = unseal(CRISIS_KEY) or {}
    reasons = shown_for.get("reasons") or in_order(attention_reasons(answers))
    section = SECTION_BY_ID.get(current_id(shown_for.get("section")))
    from_review = bool(request.args.get("review"))
    following = (flow.after_crisis(section, answers, then_back=request.args.get("then") == "back",
                                   from_review=from_review)
                 if section else flow.resume_at(answers))
    return render_template("intake/crisis.html", next_url=url_of(following, section if from_review else None),
                           reasons=reasons)


def in_patients_units(answers: dict) -> dict[str, str]:
    """Height and weight as a patient using feet, inches and pounds typed them, next to the stored metric."""
    if current_units() != US:
        return {}
    return {question_id: us_text(question_id, answers[question_id])
            for question_id in US_PARTS if question_id in answers}


@bp.get("/review")
def review():
    """Each step closed to one line, open where a blank may have been missed, where the patient just changed an
    answer (`changed`), or all of them (`show=all`)."""
    intake = require_intake()
    return render_review(store.answers_of(intake), changed=current_id(request.args.get("changed")),
                         show_all=request.args.get("show") == "all")


def render_review(answers: dict, gaps=(), changed: str | None = None, show_all: bool = False):
    sections = review_rows(answers)
    gap_steps = {section.id for _, section in gaps}
    opened = {group.section.id for group in sections
              if show_all or group.needs_a_look or group.section.id in gap_steps or group.section.id == changed}
    return render_template("intake/review.html", sections=sections, steps=len(SECTIONS), gaps=gaps, opened=opened,
                           show_all=show_all, in_us=in_patients_units(answers))


@bp.post("/submit")
def submit():
    intake = require_intake()
    try:
        gaps = store.submit(intake)
    except store.IntakeLocked:  # sent from another tab a moment ago
        session.clear()
        return redirect(url_for("intake.welcome"))
    if gaps:
        gap_links = [(question, SECTION_OF[question.id]) for question in gaps]
        return render_review(store.answers_of(intake), gaps=gap_links), 422
    summaries.store_quietly(intake)
    receipt_id = store.issue_receipt(intake)
    session.clear()
    session[RECEIPT_KEY] = {"intake": intake.public_id, "receipt": receipt_id, "until": time.time() + RECEIPT_SECONDS}
    return redirect(url_for("intake.done"))


@bp.get("/done")
def done():
    return render_template("intake/done.html", has_copy=receipt() is not None)


@bp.get("/done/summary.pdf")
@limiter.limit(lambda: current_app.config["PATIENT_COPY_LIMIT"])
def own_summary():
    """The patient's own copy, for as long as this browser session lasts after sending."""
    intake = receipt() or abort(404)
    try:
        return pdf_response(summaries.patient_copy(intake), "my-answers.pdf")
    except summaries.RenderFailed:
        flash("Your copy could not be made just now. Your answers were sent and are safe. Please try again.",
              "warning")
        return redirect(url_for("intake.done"))


@bp.post("/done/finish")
def finish():
    end_receipt()
    session.clear()
    return redirect(url_for("intake.welcome"))


def expired_step(section_id: str):
    """The CSRF token ran out while the page was open: show the page again with what was typed."""
    section = page_asked(section_id)
    intake = current_intake()
    if intake is None:
        return closed_form()
    answers = store.answers_of(intake)
    _, posted = posted_answers(section, request.form, answers)
    shown = section.visible(reveal.answers_on_page(answers, posted))
    flash("This page was open for a long time, so it is not saved yet. Your answers are still here: "
          "press \u201cSave and continue\u201d to save them.", "warning")
    return render_step(section, shown, request.form, page=page_now(section_id)), 400
