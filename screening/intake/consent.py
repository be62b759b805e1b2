"""Which wording of the consent each patient agreed to.

Step 1 shows the clinic's ALERT_CONSENT_TEXT with the consent box, and a clinic may change it. Each wording a patient
agrees to is kept once (`consent_wording`: the clinic's words, no health data), and the intake names it by its
SHA-256, so that afterwards the clinic can tell who agreed to which. The page carries the digest of the wording it
showed: a box ticked under words changed since (the clinic restarted with new ones while the page was open) is asked
again, under the new words, rather than recorded as agreed to words the patient never saw.
"""

import hashlib
from dataclasses import dataclass

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ..models import ConsentWording, Intake, db
from ..questionnaire import QUESTIONS
from ..questionnaire.model import Section

QUESTION_ID = "consent"
FIELD = "consent_wording"  # the hidden input holding the digest of the wording the page showed
CHANGED = "We changed the words above after you opened this page. Please read them, then tick the box again."
SHORT = 8  # hex digits of the digest shown on the PDF: enough to tell a clinic's few wordings apart


@dataclass(frozen=True)
class Wording:
    text: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def current() -> Wording:
    """The words step 1 shows with the consent box now, in the order shown: the clinic's, then the consent's own."""
    question = QUESTIONS[QUESTION_ID]
    parts = (current_app.config["ALERT_CONSENT_TEXT"], question.label, question.help)
    return Wording("\n".join(part for part in parts if part))


def asks(section: Section) -> bool:
    return any(question.id == QUESTION_ID for question in section.questions)


def shown_is_current(form, wording: Wording) -> bool:
    """The page was sent under the wording shown now. A form that carries none (not sent by a page of this app) is
    taken as agreeing to the words shown now."""
    shown = form.get(FIELD)
    return not shown or shown == wording.digest


def agreed_under(values: dict, wording: Wording) -> str | None:
    """What a save of step 1 records: the wording's digest while the box is ticked, else nothing. The wording is
    kept first, once (two processes keeping it at once: the second finds it there)."""
    if not values.get(QUESTION_ID):
        return None
    if db.session.get(ConsentWording, wording.digest) is None:
        db.session.add(ConsentWording(digest=wording.digest, text=wording.text))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
    return wording.digest


def kept_for(intake: Intake) -> ConsentWording | None:
    """The wording an intake's patient agreed to; None when not recorded (sent before 0012, or loaded from a file)."""
    return db.session.get(ConsentWording, intake.consent_wording) if intake.consent_wording else None


def described(intake: Intake) -> str:
    """The wording an intake's patient agreed to, as the clinician's PDF puts it next to "I agree"."""
    kept = kept_for(intake)
    if kept is None:
        return "wording not recorded"
    return f"wording {kept.digest[:SHORT]}, first agreed to {kept.first_agreed_at:%Y-%m-%d}"


def words(intake: Intake) -> str:
    """The words an intake's patient agreed to, as step 1 showed them; "" when not recorded."""
    kept = kept_for(intake)
    return kept.text if kept else ""


def every_wording() -> list[tuple[ConsentWording, int]]:
    """Each wording kept, oldest first, with how many stored intakes were agreed to under it."""
    counts = (db.select(ConsentWording, db.func.count(Intake.id))
              .outerjoin(Intake, Intake.consent_wording == ConsentWording.digest)
              .group_by(ConsentWording.digest).order_by(ConsentWording.first_agreed_at))
    return [(wording, count) for wording, count in db.session.execute(counts).all()]
