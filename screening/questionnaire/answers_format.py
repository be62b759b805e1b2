"""Versions of the answers format, and the steps from one to the next and back.

Format 1 asked every heart, blood-vessel, mind, head and body condition of everyone. Format 2 asks a gate
question naming them first and each condition only after "Yes" or "Not sure"; the conditions keep their ids, so
rules, PDF and exports read them as before. Format 3 (issue 15, merges):
- one checklist `treatments_tried` replaces five Yes/No questions (antidepressants_tried, psychotherapy, ect, tms,
  ketamine_before); the follow-ups keep their ids;
- three more gates: substance history, pregnancy, and an allergy or bad reaction to ketamine or anesthesia;
- `recovery_medicines` and `bp_treated` are gone: `medicine_classes` holds those medicines;
- `bp_reading_known` folds into `bp_reading_when` ("I don't know my last reading");
- `therapist_now` is asked only after talk therapy, or "Not sure", on the treatments checklist.

No key in the answers names the format: each format holds answers the next cannot (a condition without its gate,
a question that no longer exists), so the answers tell the formats apart (format_of). Each step is a pure
function, called by the data migrations (0010: 1 <-> 2, 0011: 2 <-> 3) and by `flask load-answers`.
"""

from __future__ import annotations

from typing import Any

from . import QUESTIONS
from .model import NOT_SURE, is_
from .sections.heart import NO_READING
from .sections.other_health import MAY_BE_PREGNANT
from .sections.reasons import TALK_THERAPY_MAYBE

FORMAT_VERSION = 3

GATE_IDS_2 = ("heart_any", "vessel_any", "mind_any", "head_any", "body_any")
GATE_IDS_3 = ("substance_any", "pregnancy_any", "anesthesia_any")
GATE_IDS = GATE_IDS_2 + GATE_IDS_3

# Answers that say No to a condition (a pregnancy question also offers "This does not apply to me").
NEGATIVE = ("no", "does_not_apply")


def _opened_by(gate: str) -> tuple[str, ...]:
    opens = is_(gate, "yes", NOT_SURE)
    return tuple(question.id for question in QUESTIONS.values() if question.show_when == opens)


# Each gate and the condition questions it opens.
GATES: dict[str, tuple[str, ...]] = {gate: _opened_by(gate) for gate in GATE_IDS}
# Asked of everyone until they came to follow sex at birth (not asked after "Male"), within format 3.
PREGNANCY_IDS = ("pregnancy_any", *GATES["pregnancy_any"])

# Format 2's treatment questions and the option of the format 3 checklist each became.
TREATMENT_QUESTIONS = {"antidepressants_tried": "antidepressants", "psychotherapy": "talk_therapy", "ect": "ect",
                       "tms": "tms", "ketamine_before": "ketamine"}
# Format 2's recovery medicines and the medicine_classes option each moved into.
RECOVERY_CLASSES = {"buprenorphine": "buprenorphine_methadone", "methadone": "buprenorphine_methadone",
                    "naltrexone": "naltrexone", "other": "other_substance_use", NOT_SURE: NOT_SURE}
# Questions format 2 asked that format 3 does not.
GONE_IN_3 = (*TREATMENT_QUESTIONS, "recovery_medicines", "bp_treated", "bp_reading_known")
# Their option values (recovery_medicines a checklist), to read them from an old FHIR QuestionnaireResponse.
OPTIONS_2: dict[str, tuple[str, ...]] = {
    **{question: ("yes", "no", NOT_SURE) for question in (*TREATMENT_QUESTIONS, "bp_treated")},
    "bp_reading_known": ("yes", "no"), "recovery_medicines": (*RECOVERY_CLASSES, "none"),
}
CHECKLISTS_2 = ("recovery_medicines",)


def gate_answer(answers: dict[str, Any], gate: str) -> str | None:
    """What the condition answers of an older format say to the gate: "yes" if any condition is not a No (a
    "Maybe" to pregnancy counts), else "not_sure" if any is not sure, else "no" once every condition is answered;
    None while some are missing."""
    given = [answers[condition] for condition in GATES[gate] if condition in answers]
    if any(value not in (*NEGATIVE, NOT_SURE) for value in given):
        return "yes"
    if NOT_SURE in given:
        return NOT_SURE
    return "no" if len(given) == len(GATES[gate]) else None


def _ungated(answers: dict[str, Any], gates: tuple[str, ...]) -> bool:
    return any(gate not in answers and answers.keys() & set(GATES[gate]) for gate in gates)


def format_of(answers: dict[str, Any]) -> int:
    """Format 1 answers a format-2 condition without its gate; format 2 answers a question format 3 no longer
    asks, or a format-3 condition without its gate. Neither can happen in format 3 (the question does not exist, or
    is not shown), so the answers themselves tell the formats apart."""
    if _ungated(answers, GATE_IDS_2):
        return 1
    if answers.keys() & set(GONE_IN_3) or _ungated(answers, GATE_IDS_3):
        return 2
    return FORMAT_VERSION


def _in_order(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers in questionnaire order (keys that are not questions last), as the app stores them."""
    order = {question_id: position for position, question_id in enumerate(QUESTIONS)}
    return {key: answers[key] for key in sorted(answers, key=lambda key: order.get(key, len(order)))}


def _options_order(question_id: str, values: list[str]) -> list[str]:
    """A checklist's values once each, in the order of its options."""
    order = [option.value for option in QUESTIONS[question_id].options]
    return sorted(dict.fromkeys(values), key=order.index)


def _add_gates(answers: dict[str, Any], gates: tuple[str, ...]) -> dict[str, Any]:
    """Each gate added as its conditions answer it (gate_answer); the conditions behind a gate now "No" dropped
    (each of them was a No)."""
    changed = dict(answers)
    for gate in gates:
        if gate in answers or not answers.keys() & set(GATES[gate]):
            continue
        answer = gate_answer(answers, gate)
        if answer is None:
            continue
        changed[gate] = answer
        if answer == "no":
            for condition in GATES[gate]:
                del changed[condition]
    return changed


def _remove_gates(answers: dict[str, Any], gates: tuple[str, ...]) -> dict[str, Any]:
    """The gates removed, a gate's "No" given back to each of its conditions."""
    changed = {key: value for key, value in answers.items() if key not in gates}
    for gate in gates:
        if answers.get(gate) == "no":
            changed.update({condition: "no" for condition in GATES[gate]})
    return changed


def upgrade_1_to_2(answers: dict[str, Any]) -> dict[str, Any]:
    """Format 1 answers in format 2: the gates over the conditions. Format 2 answers come back unchanged."""
    return _in_order(_add_gates(answers, GATE_IDS_2))


def downgrade_2_to_1(answers: dict[str, Any]) -> dict[str, Any]:
    """Format 2 answers in format 1, for migration 0010 undone."""
    return _in_order(_remove_gates(answers, GATE_IDS_2))


def _treatments_tried(answers: dict[str, Any]) -> list[str] | None:
    """The checklist the five treatment answers make: each "yes" ticked, "Not sure" when any was not sure, "None
    of these" when all five were "No"; None while some are missing and none is yes or not sure."""
    given = {question: answers[question] for question in TREATMENT_QUESTIONS if question in answers}
    tried = [option for question, option in TREATMENT_QUESTIONS.items() if given.get(question) == "yes"]
    if NOT_SURE in given.values():
        tried.append(NOT_SURE)
    if tried:
        return tried
    return ["none"] if len(given) == len(TREATMENT_QUESTIONS) else None


def _with_medicines(classes: list[str] | None, added: list[str]) -> list[str] | None:
    """A medicine_classes answer with more ticked: "None of these" goes when something is added."""
    if not added:
        return classes
    kept = [value for value in classes or [] if value != "none"]
    return _options_order("medicine_classes", kept + added)


def upgrade_2_to_3(answers: dict[str, Any]) -> dict[str, Any]:
    """Format 2 answers in format 3. Format 3 answers come back unchanged.

    - the five treatment answers become the checklist (_treatments_tried);
    - the substance, pregnancy and anesthesia gates are added as their conditions answer them;
    - recovery medicines move into medicine_classes, and "Yes" (or "Not sure") to blood-pressure medicine adds
      blood-pressure medicines (or "Not sure") there;
    - "No" to knowing the last reading becomes "I don't know my last reading";
    - a therapist now is kept after talk therapy or "Not sure", and goes otherwise, as format 3 asks it. A "Yes"
      to a therapist now after "No" to talk therapy contradicts itself; the checklist keeps what the patient said
      about talk therapy, so R-SUPPORT notes "never had talk therapy" (a note, to ask at the visit) rather than the
      upgrade ticking a therapy the patient said No to and leaving its required follow-ups unanswered.
    """
    changed = {key: value for key, value in answers.items() if key not in GONE_IN_3}
    tried = _treatments_tried(answers)
    if tried is not None and "treatments_tried" not in answers:
        changed["treatments_tried"] = _options_order("treatments_tried", tried)
    changed = _add_gates(changed, GATE_IDS_3)
    added = [RECOVERY_CLASSES[value] for value in answers.get("recovery_medicines") or [] if value in RECOVERY_CLASSES]
    if answers.get("bp_treated") == "yes":
        added.append("blood_pressure")
    if answers.get("bp_treated") == NOT_SURE:
        added.append(NOT_SURE)
    if (classes := _with_medicines(answers.get("medicine_classes"), added)) is not None:
        changed["medicine_classes"] = classes
    if answers.get("bp_reading_known") == "no":
        changed["bp_reading_when"] = NO_READING
    if "treatments_tried" in changed and not TALK_THERAPY_MAYBE(changed):
        changed.pop("therapist_now", None)
    return _in_order(changed)


def downgrade_3_to_2(answers: dict[str, Any]) -> dict[str, Any]:
    """Format 3 answers in format 2, for migration 0011 undone. What format 2 cannot hold is said the nearest way
    it can: "Not sure" on the checklist is "Not sure" to each treatment not ticked; buprenorphine or methadone is
    given back as buprenorphine (format 3 does not tell them apart); another medicine for alcohol or drug use
    becomes format 2's "other" recovery medicine; no talk therapy gives "No" to a therapist now; "Not sure" of the
    drug-use count (format 2 took only a number) is 1 when a drug is named after it, else left for the patient."""
    changed = _remove_gates({key: value for key, value in answers.items() if key != "treatments_tried"}, GATE_IDS_3)
    tried = answers.get("treatments_tried")
    if tried is not None:
        otherwise = NOT_SURE if NOT_SURE in tried else "no"
        changed.update({question: "yes" if option in tried else otherwise
                        for question, option in TREATMENT_QUESTIONS.items()})
        if not TALK_THERAPY_MAYBE(answers):
            changed["therapist_now"] = "no"
    classes = answers.get("medicine_classes")
    if classes is not None:
        back = {"naltrexone": "naltrexone", "buprenorphine_methadone": "buprenorphine", "other_substance_use": "other"}
        changed["recovery_medicines"] = [back[value] for value in classes if value in back] or ["none"]
        changed["medicine_classes"] = [value for value in classes if value != "other_substance_use"] or ["none"]
        if answers.get("bp_diagnosed") == "yes":
            changed["bp_treated"] = ("yes" if "blood_pressure" in classes else
                                     NOT_SURE if NOT_SURE in classes else "no")
    if answers.get("drug_use_count") == NOT_SURE:
        if answers.get("drugs_used"):
            changed["drug_use_count"] = 1
        else:
            del changed["drug_use_count"]
    when = answers.get("bp_reading_when")
    if when is not None:
        changed["bp_reading_known"] = "no" if when == NO_READING else "yes"
        if when == NO_READING:
            del changed["bp_reading_when"]
    return _in_order(changed)


UPGRADES = {1: upgrade_1_to_2, 2: upgrade_2_to_3}
DOWNGRADES = {2: downgrade_2_to_1, 3: downgrade_3_to_2}


def upgrade(answers: dict[str, Any]) -> dict[str, Any]:
    """Answers of any format in today's, one step at a time. Formats 1 and 2, and format 3 at first, asked everyone
    about pregnancy; today a "Male" sex at birth is not asked, so those answers go (what a read of stored answers
    leaves out too). They were valid when given, so a file holding them is read, not refused."""
    for version in range(format_of(answers), FORMAT_VERSION):
        answers = UPGRADES[version](answers)
    if not MAY_BE_PREGNANT(answers):
        answers = {key: value for key, value in answers.items() if key not in PREGNANCY_IDS}
    return answers


def downgrade(answers: dict[str, Any], to: int) -> dict[str, Any]:
    """Today's answers as format `to` held them (what the tests and undone migrations need)."""
    for version in range(FORMAT_VERSION, to, -1):
        answers = DOWNGRADES[version](answers)
    return answers


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What an upgrade changed, in words for `flask load-answers`: each question gone with what took its answer,
    and each answer added."""
    said = []
    added = {key: new[key] for key in new if key not in old}
    gates = {key: value for key, value in added.items() if key in GATE_IDS}
    if gates:
        said.append("added the gate questions " + ", ".join(f"{gate}={value}" for gate, value in gates.items())
                    + " as the conditions answer them")
    gone = [key for key in GONE_IN_3 if key in old]
    if gone:
        said.append("replaced " + ", ".join(gone) + " (no longer asked)")
    moved = {key: value for key, value in new.items() if key not in gates and old.get(key) != value}
    if moved:
        said.append("answered " + ", ".join(f"{key}={_words(value)}" for key, value in moved.items())
                    + " from them")
    dropped = [key for key in old if key not in new and key not in GONE_IN_3]
    not_asked = [key for key in dropped if key in PREGNANCY_IDS and not MAY_BE_PREGNANT(new)]
    behind = [key for key in dropped if key not in not_asked]
    if behind:
        said.append("dropped " + ", ".join(behind) + " (now behind a gate answered No, or not asked after these "
                    "answers)")
    if not_asked:
        said.append("dropped " + ", ".join(not_asked) + ' (not asked after "Male" to sex at birth)')
    return said


def _words(value: Any) -> str:
    return "[" + ", ".join(value) + "]" if isinstance(value, list) else str(value)
