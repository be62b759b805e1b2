"""The patient's pages. Each view reads a form, calls intakes.py, and renders or redirects.

The intake's id lives only in the signed session cookie; URLs name sections, never patients.
"""

import time

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for

from .. import intakes, reports
from ..questionnaire import SECTION_BY_ID, SECTIONS, next_section, previous_section, step_number
from ..questionnaire.answers import applicable, missing
from ..questionnaire.display import review_rows
from ..questionnaire.model import Section
from ..questionnaire.safety import self_harm_endorsed
from .forms import build_form, raw_answers, shown_ids, to_answers
from .resume import ResumeForm

bp = Blueprint("intake", __name__)

SESSION_KEY = "intake"
NEW_CODE_KEY = "new_resume_code"
RECEIPT_KEY = "submitted_intake"
# After sending, the patient's browser may fetch its own PDF for a short while; on a shared tablet
# "Finish" or the next "Start" ends that at once.
RECEIPT_SECONDS = 10 * 60


def receipt() -> str | None:
    held = session.get(RECEIPT_KEY)
    return held["intake"] if held and held["until"] > time.time() else None


def current_intake():
    return intakes.find_draft(session.get(SESSION_KEY))


def require_intake():
    intake = current_intake()
    if intake is None:
        flash("Your form was closed. To go on, enter your code and date of birth, or start a new form.")
        abort(redirect(url_for("intake.welcome")))
    return intake


@bp.get("/")
def welcome():
    return render_template("intake/welcome.html", intake=current_intake(), first=SECTIONS[0])


@bp.post("/start")
def start():
    intake = current_intake()
    if intake is None:
        session.clear()
        intake = intakes.start()
    session[SESSION_KEY] = intake.public_id
    session.permanent = False
    return redirect(url_for("intake.step", section_id=SECTIONS[0].id))


@bp.route("/step/<section_id>", methods=["GET", "POST"])
def step(section_id: str):
    section = SECTION_BY_ID.get(section_id) or abort(404)
    intake = require_intake()
    answers = intakes.answers_of(intake)
    if request.method == "GET":
        shown = section.visible(answers)
        return render_step(section, build_form(section, shown, set(), answers=answers), answers)
    return save_step(section, intake, answers)


def save_step(section: Section, intake, answers: dict):
    going_back = request.form.get("action") == "back"
    merged = applicable({**answers, **raw_answers(section, request.form)})
    shown = section.visible(merged)
    on_screen = shown_ids(request.form, section)
    required = set() if going_back else {q.id for q in shown if q.is_required and q.id in on_screen}
    form = build_form(section, shown, required, formdata=request.form)
    if not form.validate():
        return render_step(section, form, answers, shown=shown), 422
    saved = intakes.save_section(intake, section, to_answers(form, shown))
    if section.id == "safety" and self_harm_endorsed(saved):
        return redirect(url_for("intake.crisis", review=request.args.get("review")))
    if going_back:
        earlier = previous_section(section)
        return redirect(url_for("intake.step", section_id=earlier.id) if earlier else url_for("intake.welcome"))
    if {q.id for q in section.visible(saved)} - on_screen:
        flash("We have a few more questions about your answers. They are below.", "more")
        return redirect(url_for("intake.step", section_id=section.id, review=request.args.get("review")))
    if section is SECTIONS[0] and intake.resume_hash is None:
        session[NEW_CODE_KEY] = intakes.issue_resume_code(intake)
        return redirect(url_for("intake.resume_code"))
    return redirect(next_url(section))


def next_url(section: Section) -> str:
    following = next_section(section)
    if request.args.get("review") or following is None:
        return url_for("intake.review")
    return url_for("intake.step", section_id=following.id)


def render_step(section: Section, form, answers: dict, shown=None):
    shown = shown if shown is not None else section.visible(answers)
    return render_template(
        "intake/step.html",
        section=section,
        form=form,
        questions=shown,
        step=step_number(section),
        steps=len(SECTIONS),
        previous=previous_section(section),
        review=request.args.get("review"),
    )


@bp.get("/your-code")
def resume_code():
    intake = require_intake()
    code = session.pop(NEW_CODE_KEY, None)
    following = next_section(SECTIONS[0])
    return render_template("intake/code.html", code=code, intake=intake, next_section=following)


@bp.post("/your-code")
def new_resume_code():
    intake = require_intake()
    session[NEW_CODE_KEY] = intakes.issue_resume_code(intake)
    return redirect(url_for("intake.resume_code"))


@bp.route("/resume", methods=["GET", "POST"])
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        intake = intakes.find_for_resume(form.code.data, form.date_of_birth.data)
        if intake is None:
            form.code.errors.append(
                "We could not find a form with this code and date of birth. Check both and try again."
            )
        elif intake.is_submitted:
            return render_template("intake/already_sent.html")
        else:
            session.clear()
            session[SESSION_KEY] = intake.public_id
            gap = intakes.first_unfinished(intakes.answers_of(intake))
            return redirect(url_for("intake.step", section_id=gap.id) if gap else url_for("intake.review"))
    return render_template("intake/resume.html", form=form), 422 if form.errors else 200


@bp.get("/crisis")
def crisis():
    """Shown right after a self-harm answer, before anything else; then the safety follow-ups, if any."""
    answers = intakes.answers_of(require_intake())
    safety = SECTION_BY_ID["safety"]
    review = request.args.get("review")
    if any(question in safety.questions for question in missing(answers)):
        following = url_for("intake.step", section_id=safety.id, review=review)
    elif review:
        following = url_for("intake.review")
    else:
        following = url_for("intake.step", section_id=next_section(safety).id)
    return render_template("intake/crisis.html", next_url=following, config=current_app.config)


@bp.get("/review")
def review():
    intake = require_intake()
    answers = intakes.answers_of(intake)
    return render_template("intake/review.html", sections=review_rows(answers), steps=len(SECTIONS))


@bp.post("/submit")
def submit():
    intake = require_intake()
    gaps = intakes.submit(intake)
    if gaps:
        answers = intakes.answers_of(intake)
        return render_template(
            "intake/review.html", sections=review_rows(answers), steps=len(SECTIONS), gaps=gaps
        ), 422
    reports.store_quietly(intake)
    session.clear()
    session[RECEIPT_KEY] = {"intake": intake.public_id, "until": time.time() + RECEIPT_SECONDS}
    return redirect(url_for("intake.done"))


@bp.get("/done")
def done():
    return render_template("intake/done.html", has_copy=receipt() is not None)


@bp.get("/done/summary.pdf")
def own_summary():
    """The patient's own copy, for as long as this browser session lasts after sending."""
    intake = intakes.find_submitted(receipt()) or abort(404)
    return pdf_response(reports.pdf_of(intake))


@bp.post("/done/finish")
def finish():
    session.clear()
    return redirect(url_for("intake.welcome"))


def pdf_response(pdf: bytes):
    response = current_app.response_class(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'attachment; filename="screening-summary.pdf"'
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["Pragma"] = "no-cache"
    return response



def expired_step(section_id: str):
    """The CSRF token ran out while the page was open: show the page again with what was typed."""
    section = SECTION_BY_ID.get(section_id) or abort(404)
    intake = require_intake()
    answers = intakes.answers_of(intake)
    shown = section.visible(applicable({**answers, **raw_answers(section, request.form)}))
    form = build_form(section, shown, set(), formdata=request.form)
    flash("This page was open for a long time, so it is not saved yet. Your answers are still here: "
          "press \u201cSave and continue\u201d to save them.", "warning")
    return render_step(section, form, answers, shown=shown), 400
