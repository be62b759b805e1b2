"""Everything the summary shows, gathered from the answers alone (the report never queries the database).

The overview is what a clinician reads in 30 seconds (page 1 of the PDF, the top of the staff intake page):
who, every topic on one line with its key facts, the scores, medicines, allergies, ride home and support.
The details follow in the same order.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..questionnaire import QUESTIONS
from ..questionnaire.display import SectionRows, review_rows
from ..questionnaire.model import is_blank
from ..questionnaire.types import answer_text, format_date
from ..rules import CATALOGUE_VERSION, LEVEL_LABELS, LEVELS, NO_DECISION, Flag, Score, checks, evaluate, scores
from ..rules.catalogue import CATALOGUE, NO_TALK_THERAPY, URGENT
from ..rules.checks import Answers, adequate_trials
from ..rules.key_facts import RECOVERY_NAMES, key_facts

PATIENT_DISCLAIMER = "A copy of your answers, for your visit. It makes no treatment decision."
LEVEL_TITLES = {**LEVEL_LABELS, URGENT: f"{LEVEL_LABELS[URGENT]}: act before the visit"}
NOT_GIVEN = "not given"
# Long typed answers are cut on page 1, so every topic keeps to a line or two; the details print them whole.
FACTS_LIMIT = 160
MEDICINES_LIMIT = 200
# The medicine classes ticked, in a word or two each, for page 1.
CLASS_NAMES = {
    "benzodiazepines": "benzodiazepine", "anticonvulsants": "seizure medicine", "maoi": "MAOI",
    "stimulants": "stimulant", "opioids": "opioid", "sleep_medicines": "sleeping pill or calming medicine",
    "naltrexone": "naltrexone", "buprenorphine_methadone": "buprenorphine or methadone",
    "other_substance_use": "other recovery medicine",
    "blood_pressure": "blood-pressure medicine", "nmda": "memantine or dextromethorphan",
    "antidepressants": "antidepressant", "none": "none of these", "not_sure": "not sure",
}
# Classes ticked that page 1 names on a topic's line (an R-MED topic each; a recovery medicine on R-SUD-HISTORY's
# line): the medicines line leaves them out, so a tick is read once.
ON_A_TOPIC_LINE = frozenset(
    {rule.when.conditions[0].values[0] for rule in CATALOGUE if rule.id.startswith("R-MED-")} | set(RECOVERY_NAMES)
)


@dataclass(frozen=True)
class TopicLine:
    """One topic on the overview: its title and its key facts in a few words."""

    rule_id: str
    level: str
    title: str
    facts: str


@dataclass(frozen=True)
class Quote:
    """One answer that raised a topic, as the details print it."""

    label: str
    answer: str
    own_words: bool = False


@dataclass(frozen=True)
class TopicDetail:
    flag: Flag
    quotes: list[Quote]


@dataclass(frozen=True)
class ScoreLine:
    instrument: str
    result: str
    meaning: str


@dataclass(frozen=True)
class Trial:
    """One antidepressant the patient listed, as a row of the trials table."""

    name: str
    dose: str
    weeks: str
    helped: str
    side_effects: str


@dataclass(frozen=True)
class Overview:
    name: str
    date_of_birth: str
    age: str
    consultation_date: str
    submitted_at: str
    phone: str
    topics: list[tuple[str, str, list[TopicLine]]]
    urgent: list[TopicLine]
    scores: list[ScoreLine]
    medicines_typed: str
    medicine_classes: list[str]
    classes_on_topic_lines: bool  # some ticked classes are named on their topics' lines, not in medicine_classes
    allergies: str
    ride_home: str
    therapist: str
    support_person: str


@dataclass(frozen=True)
class Summary:
    overview: Overview
    details: list[tuple[str, str, list[TopicDetail]]]
    scores: list[Score]
    trials: list[Trial]
    adequate_trials: int
    sections: list[SectionRows]
    catalogue_version: str
    disclaimer: str = NO_DECISION
    for_patient: bool = False
    # The consent wording the patient agreed to: named next to "I agree" for the clinician, in full words on the
    # patient's copy (the words they said yes to).
    consent_wording: str = ""
    intake_id: int | None = None  # in every page's header, to match a printed page with the staff page and its file

    @property
    def name(self) -> str:
        return self.overview.name

    @property
    def date_of_birth(self) -> str:
        return self.overview.date_of_birth


def build_summary(answers: dict[str, Any], submitted_at: datetime | None, today: date,
                  for_patient: bool = False, consent_wording: str = "", intake_id: int | None = None) -> Summary:
    """The clinician's summary; `for_patient` keeps only the answers (flags and scores are for the clinician
    to discuss, not for the patient to read alone). `consent_wording` is the wording the patient agreed to: its
    name, or its words on the patient's copy.
    `submitted_at` comes on the clinic's clock (clock.clinic_time), as it is printed, zone and all."""
    flags = [] if for_patient else evaluate(answers, today)
    grouped = [(level, LEVEL_TITLES[level], [flag for flag in flags if flag.level == level]) for level in LEVELS]
    view = Answers(answers, today)
    return Summary(
        overview=build_overview(answers, submitted_at, today, flags),
        details=[(level, heading, [TopicDetail(flag, quotes(flag)) for flag in group])
                 for level, heading, group in grouped if group],
        scores=[] if for_patient else scores(answers),
        trials=trials(answers),
        adequate_trials=adequate_trials(view),
        sections=review_rows(answers),
        catalogue_version=CATALOGUE_VERSION,
        disclaimer=PATIENT_DISCLAIMER if for_patient else NO_DECISION,
        for_patient=for_patient,
        consent_wording=consent_wording,
        intake_id=intake_id,
    )


def build_overview(answers: dict[str, Any], submitted_at: datetime | None, today: date,
                   flags: list[Flag] | None = None) -> Overview:
    """Page 1 of the clinician's summary, and the top of the staff intake page."""
    view = Answers(answers, today)
    flags = evaluate(answers, today) if flags is None else flags
    lines = [TopicLine(flag.rule_id, flag.level, flag.title, brief(key_facts(flag, view), FACTS_LIMIT))
             for flag in flags]
    age = checks.age(view)
    ticked = answers.get("medicine_classes") or []
    return Overview(
        name=answers.get("full_name", "(no name given)"),
        date_of_birth=_date(answers.get("date_of_birth")),
        age=f"{age}" if age is not None else NOT_GIVEN,
        consultation_date=_date(answers.get("consultation_date")) or NOT_GIVEN,
        submitted_at=sent(submitted_at, answers.get("consultation_date")),
        phone=answers.get("phone") or NOT_GIVEN,
        topics=[(level, LEVEL_TITLES[level], [line for line in lines if line.level == level])
                for level in LEVELS[1:] if any(line.level == level for line in lines)],
        urgent=[line for line in lines if line.level == "urgent"],
        scores=score_lines(answers),
        medicines_typed=brief(answers.get("medicines_list") or "none typed", MEDICINES_LIMIT),
        medicine_classes=[CLASS_NAMES.get(value, value) for value in ticked if value not in ON_A_TOPIC_LINE],
        classes_on_topic_lines=any(value in ON_A_TOPIC_LINE for value in ticked),
        allergies=brief(allergies(answers), FACTS_LIMIT),
        ride_home=_answer("ride_home", answers).lower(),
        therapist=therapist(answers),
        support_person=support_person(answers),
    )


def sent(submitted_at: datetime | None, consultation_date: str | None) -> str:
    """The day and time the form was sent; its year only when the visit's is another, so it is read once."""
    if submitted_at is None:
        return "not yet"
    same_year = bool(consultation_date) and date.fromisoformat(consultation_date).year == submitted_at.year
    day = f"{submitted_at.day} {submitted_at:%B}" if same_year else format_date(submitted_at.date())
    return f"{day}, {submitted_at:%H:%M %Z}"


def quotes(flag: Flag) -> list[Quote]:
    """The answers that raised a topic; a blood-pressure reading as one "185/122 mmHg", and the antidepressants
    left to the trials table."""
    given = {item.question_id: item for item in flag.evidence}
    lines = []
    for item in flag.evidence:
        if item.question_id == "bp_systolic" and "bp_diastolic" in given:
            reading = f"{item.answer.removesuffix(' mmHg')}/{given['bp_diastolic'].answer}"
            lines.append(Quote("Most recent blood pressure", reading))
        elif item.question_id not in ("bp_diastolic", "antidepressants") or item.question_id == "bp_diastolic" \
                and "bp_systolic" not in given:
            lines.append(Quote(item.label, item.answer, item.own_words))
    return lines


def brief(text: str, limit: int) -> str:
    """`text`, cut at a word before `limit` characters when it is longer, saying where the rest is."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;") + " … (in full below)"


def score_lines(answers: dict[str, Any]) -> list[ScoreLine]:
    """PHQ-9 with its band and item 9 (its 0 to 3; a positive item 9 is in words on the self-harm topic's line),
    GAD-7 with its band, AUDIT-C with the cut-off used."""
    lines = []
    for score in scores(answers):
        meaning = score.band
        if score.instrument == "PHQ-9" and not is_blank(answers.get("phq9_9")):
            meaning += f"; item 9: {answers['phq9_9']}"
        result = f"{score.total} of {score.maximum}" + ("" if score.complete else " (incomplete)")
        lines.append(ScoreLine(score.instrument, result, meaning))
    return lines


def allergies(answers: dict[str, Any]) -> str:
    anaesthetic = answers.get("anaesthetic_allergy")
    parts = []
    if anaesthetic == "yes":
        parts.append("ketamine or anesthetic: " + (answers.get("anaesthetic_allergy_details") or "yes"))
    elif anaesthetic == "not_sure":
        parts.append("ketamine or anesthetic: not sure")
    if answers.get("other_allergies"):
        parts.append(answers["other_allergies"])
    return "; ".join(parts) or "none given"


def therapist(answers: dict[str, Any]) -> str:
    if NO_TALK_THERAPY(answers):
        return "no (never had talk therapy)"
    return _answer("therapist_now", answers).lower()


def support_person(answers: dict[str, Any]) -> str:
    """Their name and phone when given (a name says yes), else the answer."""
    details = ", ".join(filter(None, (answers.get("support_person_name"), answers.get("support_person_phone"))))
    if answers.get("support_person") == "yes" and details:
        return details
    return _answer("support_person", answers).lower()


def trials(answers: dict[str, Any]) -> list[Trial]:
    columns = {column.id: column for column in QUESTIONS["antidepressants"].columns}

    def cell(row: dict[str, Any], column_id: str) -> str:
        value = row.get(column_id)
        return answer_text(columns[column_id], value) if not is_blank(value) else ""

    return [Trial(cell(row, "name"), cell(row, "dose"), cell(row, "duration"), cell(row, "helped"),
                  cell(row, "side_effects")) for row in answers.get("antidepressants") or []]


def _answer(question_id: str, answers: dict[str, Any]) -> str:
    value = answers.get(question_id)
    return answer_text(QUESTIONS[question_id], value) if not is_blank(value) else NOT_GIVEN


def _date(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""
