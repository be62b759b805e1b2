"""Where a patient goes after saving a page: the pure decisions of intake/flow, without a browser."""

from answer_sets import nothing_of_note

from screening.intake import flow
from screening.intake.flow import Leaving, Next
from screening.questionnaire import QUESTIONS, SECTION_BY_ID, SECTIONS

ABOUT_YOU, SAFETY, SUPPORT = SECTIONS[0], SECTION_BY_ID["safety"], SECTIONS[-1]


def leaving(section, answers, **how) -> Leaving:
    on_screen = frozenset(question.id for question in section.visible(answers))
    return Leaving(section, how.pop("going_back", False), how.pop("on_screen", on_screen), **how)


def test_a_finished_page_leads_to_the_next_page():
    answers = nothing_of_note()
    assert flow.after_save(leaving(SAFETY, answers), answers) == Next(flow.STEP, SECTION_BY_ID["substances"])


def test_the_last_page_leads_to_the_review():
    answers = nothing_of_note()
    assert flow.after_save(leaving(SUPPORT, answers), answers) == Next(flow.REVIEW)


def test_back_leads_to_the_previous_page_and_from_the_first_to_the_welcome():
    answers = nothing_of_note()
    assert flow.after_save(leaving(SAFETY, answers, going_back=True), answers) == Next(flow.STEP, SECTION_BY_ID["mood"])
    assert flow.after_save(leaving(ABOUT_YOU, answers, going_back=True), answers) == Next(flow.WELCOME)


def test_a_self_harm_answer_leads_to_the_crisis_page_before_anything_else():
    answers = {**nothing_of_note(), "asq_1": "yes"}
    assert flow.after_save(leaving(SAFETY, answers, crisis_due=True), answers) == Next(flow.CRISIS, SAFETY)
    going_back = leaving(SAFETY, answers, crisis_due=True, going_back=True)
    assert flow.after_save(going_back, answers) == Next(flow.CRISIS, SAFETY, then_back=True)


def test_answers_that_open_follow_ups_show_the_same_page_again_naming_the_new_ones():
    answers = {**nothing_of_note(), "asq_4": "yes"}
    before = frozenset(question.id for question in SAFETY.visible(nothing_of_note()))
    assert flow.after_save(leaving(SAFETY, answers, on_screen=before), answers) == \
        Next(flow.MORE, SAFETY, new=("asq_4_how", "asq_4_when", "asq_5"))


def test_follow_ups_revealed_in_place_are_on_screen_so_the_patient_goes_straight_on():
    answers = {**nothing_of_note(), "asq_4": "yes"}
    revealed = frozenset(question.id for question in SAFETY.visible(answers))
    assert flow.after_save(leaving(SAFETY, answers, on_screen=revealed), answers).page == flow.STEP


def test_the_resume_code_comes_after_the_first_page_only_when_none_was_given():
    answers = nothing_of_note()
    assert flow.after_save(leaving(ABOUT_YOU, answers, needs_code=True), answers) == Next(flow.CODE)
    assert flow.after_save(leaving(ABOUT_YOU, answers), answers) == Next(flow.STEP, SECTIONS[1])


def test_a_change_from_the_review_returns_to_the_review_unless_a_question_is_still_open():
    answers = nothing_of_note()
    assert flow.after_save(leaving(SAFETY, answers, from_review=True), answers) == Next(flow.REVIEW)
    unfinished = {key: value for key, value in answers.items() if key != "ride_home"}
    expected = Next(flow.STEP, SUPPORT, review=True)
    assert flow.after_save(leaving(SAFETY, unfinished, from_review=True), unfinished) == expected


def test_after_the_crisis_page_open_safety_questions_come_first():
    answers = {**nothing_of_note(), "asq_1": "yes"}
    assert flow.after_crisis(SAFETY, answers, then_back=False, from_review=False) == Next(flow.STEP, SAFETY)
    answers["asq_5"] = "no"
    assert flow.after_crisis(SAFETY, answers, then_back=False, from_review=False) == Next(
        flow.STEP, SECTION_BY_ID["substances"])
    assert flow.after_crisis(SAFETY, answers, then_back=True, from_review=False) == Next(
        flow.STEP, SECTION_BY_ID["mood"])


def test_a_returning_patient_resumes_at_the_first_unfinished_page():
    answers = nothing_of_note()
    assert flow.resume_at(answers) == Next(flow.REVIEW)
    assert flow.resume_at({"full_name": "Alex Rivera"}) == Next(flow.STEP, ABOUT_YOU)


def test_switching_units_shows_the_same_page_again_at_the_height_unless_the_crisis_page_comes_first():
    answers = nothing_of_note()
    other_health = SECTION_BY_ID["other_health"]
    switching = leaving(other_health, answers, switching_units=True)
    assert flow.after_save(switching, answers) == Next(flow.STEP, other_health, at="height_cm")
    urgent = leaving(SECTION_BY_ID["heart"], answers, switching_units=True, crisis_due=True)
    assert flow.after_save(urgent, answers).page == flow.CRISIS


def test_add_another_shows_the_same_page_again_with_one_more_row_at_that_row():
    answers = nothing_of_note()
    treatments = SECTION_BY_ID["reasons"]
    adding = leaving(treatments, answers, adding_row=True)
    assert flow.after_save(adding, answers) == Next(flow.STEP, treatments, adding_row=True, at="antidepressants-row-1")
    two_filled = {**answers, "treatments_tried": ["antidepressants"], "antidepressants": [{"name": "A"}, {"name": "B"}]}
    assert flow.after_save(adding, two_filled).at == "antidepressants-row-3"
    urgent = leaving(treatments, answers, adding_row=True, crisis_due=True)
    assert flow.after_save(urgent, answers).page == flow.CRISIS


def test_a_table_shows_its_filled_rows_or_one_and_one_more_after_add_another():
    table = QUESTIONS["antidepressants"]
    assert flow.rows_on_page(table, filled=0, adding_row=False) == 1
    assert flow.rows_on_page(table, filled=0, adding_row=True) == 1
    assert flow.rows_on_page(table, filled=2, adding_row=False) == 2
    assert flow.rows_on_page(table, filled=2, adding_row=True) == 3
    assert flow.rows_on_page(table, filled=table.rows, adding_row=True) == table.rows


def test_questions_a_save_opened_are_named_for_the_page_shown_again_after_the_crisis_page():
    answers = {**nothing_of_note(), "asq_1": "yes"}
    before = frozenset(question.id for question in SAFETY.visible(nothing_of_note()))
    assert flow.after_save(leaving(SAFETY, answers, on_screen=before, crisis_due=True), answers) == \
        Next(flow.CRISIS, SAFETY, new=("asq_5",))
    going_back = leaving(SAFETY, answers, on_screen=before, crisis_due=True, going_back=True)
    assert flow.after_save(going_back, answers).new == ()
