"""Plain words for patients: US spelling in everything a patient reads, and help texts at a 6th-grade reading
level by the Flesch-Kincaid formula (textstat), drug names excepted. Question ids stay as they are, and validated
instrument wording is never scored or changed: it must stay word for word."""

import re
from pathlib import Path

import pytest
import textstat

from config import ALERT_CONSENT
from screening.questionnaire import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
PATIENT_TEMPLATES = [ROOT / "templates" / "base.html", ROOT / "templates" / "error.html",
                     *sorted((ROOT / "templates" / "intake").glob("*.html"))]

BRITISH = re.compile(
    r"\b\w*(anaesth|colour|behaviour|centre|counsell|favour|programme|haemo|oedema|oesoph|paediatr|licence|"
    r"organis|recognis|realis|apologis|minimis|summaris|authoris|speciali[sz]ed? in|judgement|whilst|amongst|"
    r"travell|cancelled|labelled|brackets)\w*\b", re.I)
DRUG_NAMES = ("sertraline", "zoloft", "fluoxetine", "prozac", "escitalopram", "lexapro", "bupropion", "wellbutrin",
              "venlafaxine", "effexor", "lithium", "aripiprazole", "abilify", "quetiapine", "seroquel", "esketamine",
              "spravato", "ketamine")
PAGE_GRADE = 6  # all help texts of a page, read as one passage: what the formula is made for
ONE_TEXT_GRADE = 8  # a single help text of one or two sentences, where the formula is rough: none far above


def patient_text() -> list[str]:
    """Every text of the questionnaire a patient reads: titles, intros, lead-ins, pairs' prompts, labels, help and
    options."""
    texts = []
    for section in SECTIONS:
        texts += [section.title, section.intro, *section.lead_ins.values(), *(pair.legend for pair in section.pairs)]
        for question in section.questions:
            for asked in (question, *question.columns):
                texts += [asked.label, asked.help, *(option.label for option in asked.options)]
    return texts


def without_drug_names(text: str) -> str:
    named = re.sub(r"\b(" + "|".join(DRUG_NAMES) + r")\b", "", text, flags=re.I)
    return re.sub(r"\s*\(\s*\)", "", named)


def help_texts(section) -> list[str]:
    return [without_drug_names(asked.help) for question in section.questions
            for asked in (question, *question.columns) if asked.help and not question.instrument]


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def test_questions_use_us_spelling():
    found = [(match.group(0), text) for text in patient_text() for match in BRITISH.finditer(text)]
    assert found == []


@pytest.mark.parametrize("template", PATIENT_TEMPLATES, ids=lambda path: path.name)
def test_patient_pages_use_us_spelling(template):
    words = re.sub(r"{[{%#].*?[}%#]}|<[^>]+>", " ", template.read_text(encoding="utf-8"), flags=re.S)
    assert BRITISH.findall(words) == []


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.id)
def test_help_texts_read_at_a_sixth_grade_level(section):
    texts = help_texts(section)
    if texts:
        assert grade(" ".join(texts)) <= PAGE_GRADE
    assert [(round(grade(text), 1), text) for text in texts if grade(text) > ONE_TEXT_GRADE] == []


def test_the_formula_tells_plain_from_hard_words():
    assert grade("Doctors may call this raised intracranial pressure.") > ONE_TEXT_GRADE
    assert grade("It means high pressure in the skull.") <= PAGE_GRADE


def test_the_alert_consent_reads_at_a_sixth_grade_level_in_short_sentences():
    """Said with the consent on step 1 (ALERT_CONSENT_TEXT): a patient agrees to it, so must be able to read it."""
    assert grade(ALERT_CONSENT) <= PAGE_GRADE
    assert max(len(sentence.split()) for sentence in re.split(r"(?<=\.) ", ALERT_CONSENT)) <= 25, "was one of 37"
    assert BRITISH.findall(ALERT_CONSENT) == []
