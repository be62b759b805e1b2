"""A shorter page on a phone: instrument items as an answer grid, two boxes under one prompt (a pair), counted
honestly; every item still its own group with the validated words."""

import re
from html.parser import HTMLParser

import pytest
from answer_sets import typical_issue_patient
from helpers import shown_on

from screening.questionnaire import QUESTIONS, SECTION_BY_ID, SECTIONS
from screening.questionnaire.burden import burden, page_words, words
from screening.questionnaire.instruments import FREQUENCY, GAD7_STEM, PHQ9_ITEMS, PHQ9_STEM
from screening.questionnaire.layout import GRID, PAIR, QUESTION, fits_in_a_row, page_blocks
from screening.questionnaire.model import TEXT, Pair, Question, Section


def test_the_mood_page_is_the_phq9_grid_then_its_difficulty_item_then_the_gad7_grid():
    section = SECTION_BY_ID["mood"]
    answers = {"phq9_1": "1"}
    blocks = page_blocks(section, section.visible(answers))
    assert [(block.kind, block.ids[0], len(block.ids)) for block in blocks] == [
        (GRID, "phq9_1", 9), (QUESTION, "phq9_difficulty", 1), (GRID, "gad7_1", 7)]
    assert (blocks[0].lead_in, blocks[2].lead_in) == (PHQ9_STEM, GAD7_STEM)


def test_a_pair_is_one_block_only_when_both_its_questions_are_shown():
    one, two = Question("one", "One", TEXT), Question("two", "Two", TEXT)
    section = Section("s", "S", (one, two), pairs=(Pair("one", "two", "Both"),))
    assert [(block.kind, block.legend) for block in page_blocks(section, [one, two])] == [(PAIR, "Both")]
    assert [block.kind for block in page_blocks(section, [one])] == [QUESTION]


def test_a_pair_names_two_questions_of_its_page_one_after_the_other():
    one, other, two = Question("one", "One", TEXT), Question("other", "Other", TEXT), Question("two", "Two", TEXT)
    with pytest.raises(ValueError, match="must follow"):
        Section("s", "S", (one, other, two), pairs=(Pair("one", "two", "Both"),))
    with pytest.raises(ValueError, match="another page"):
        Section("s", "S", (one, two), pairs=(Pair("one", "three", "Both"),))
    with pytest.raises(ValueError, match="crisis lines"):
        Section("s", "S", (one, two), crisis_lines="three")


def test_a_pairs_short_box_labels_begin_their_questions_labels_and_the_model_counts_them():
    top, bottom = Question("top", "Top number of your reading", TEXT), Question("bottom", "Bottom number", TEXT)
    with pytest.raises(ValueError, match="must begin the label of top"):
        Section("s", "S", (top, bottom), pairs=(Pair("top", "bottom", "Reading", ("Upper", "Bottom number")),))
    section = Section("s", "S", (top, bottom), pairs=(Pair("top", "bottom", "Reading", ("Top number", "Bottom")),))
    [block] = page_blocks(section, [top, bottom])
    assert block.labels == ("Top number", "Bottom")
    assert page_words(section, [block], {}) == words("S Reading Top number Bottom")


def test_a_pair_counts_as_one_question_shown_and_two_answers_asked():
    answers = typical_issue_patient()
    measured = burden(answers)
    shown = sum(len(section.visible(answers)) for section in SECTIONS)
    pairs_shown = 3  # email and phone, the blood-pressure reading, the support person's name and phone
    assert measured.questions == shown - pairs_shown
    table_cells = len(answers["antidepressants"]) * len(QUESTIONS["antidepressants"].columns)
    assert measured.inputs == shown - 1 + table_cells


def test_yes_no_and_not_sure_sit_side_by_side_but_long_answers_stay_a_list():
    questions = {question.id: question for section in SECTIONS for question in section.questions}
    assert fits_in_a_row(questions["ride_home"]) and fits_in_a_row(questions["asq_1"])
    assert not fits_in_a_row(questions["phq9_difficulty"])


def test_each_grid_item_is_its_own_group_with_the_validated_words_numbered(patient):
    patient.start()
    page = patient.page("mood").text
    for number, item in enumerate(PHQ9_ITEMS, start=1):
        fieldset = re.search(rf'<fieldset class="question grid-row" id="phq9_{number}">(.*?)</fieldset>', page, re.S)
        assert f'<legend><span class="item-number">{number}.</span> {item}</legend>' in fieldset.group(1)
        labels = re.findall(r'<span class="cell-text">([^<]*)</span>', fieldset.group(1))
        assert labels == [option.label for option in FREQUENCY]
    headings = re.findall(r'<div class="grid-columns" aria-hidden="true">(.*?)</div>', page, re.S)
    assert len(headings) == 2, "the options once per grid, as its column headings"
    assert re.findall(r"<span>([^<]+)</span>", headings[0]) == [option.label for option in FREQUENCY]


def test_a_pair_is_one_group_whose_boxes_keep_their_own_labels_and_errors(patient, answers):
    patient.start()
    response = patient.answer("about_you", {**answers["about_you"], "email": "not-an-email"})
    assert response.status_code == 422
    pair = re.search(r'<fieldset class="question pair" id="email-pair">(.*?)</fieldset>', response.text, re.S)
    assert "<legend>How can we reach you?</legend>" in pair.group(1)
    assert '<label for="email">Email address</label>' in pair.group(1)
    assert '<label for="phone">Phone number</label>' in pair.group(1)
    assert 'aria-describedby="email-hint email-error"' in pair.group(1)
    assert 'href="#email"' in response.text, "the error summary still leads to the box"


class ShownText(HTMLParser):
    """The text a sighted patient reads in a step page's heading and questions: from the page title to the buttons,
    leaving out what is hidden (questions waiting for the script, the grid cells' names for screen readers) and the
    crisis numbers, which the model leaves out too."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}
    SKIPPED = {"cell-text", "visually-hidden", "crisis-box"}

    def __init__(self):
        super().__init__()
        self.reading, self.skipping, self.text = False, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "h1":
            self.reading = True
        if tag in self.VOID:
            return
        if self.skipping or "hidden" in attrs or self.SKIPPED & set(classes) or tag == "button":
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.skipping:
            self.skipping -= 1
        if tag == "form":
            self.reading = False

    def handle_data(self, data):
        if self.reading and not self.skipping:
            self.text.append(data)


def test_the_model_counts_the_words_of_a_grid_page_as_the_page_shows_them(patient):
    """Each grid's four answers once, as its column headings, not once per item (they are hidden in the rows)."""
    patient.start()
    section = SECTION_BY_ID["mood"]
    for answers in ({}, {"phq9_1": "1"}):
        if answers:
            patient.answer("mood", answers, action="back")
        html = patient.page("mood").text
        reader = ShownText()
        reader.feed(html)
        shown = " ".join(reader.text)
        blocks = page_blocks(section, section.visible(answers))
        assert words(shown) == page_words(section, blocks, answers), shown
        grids = [block for block in blocks if block.kind == GRID]
        assert [len(re.findall(re.escape(option.label), shown)) for option in FREQUENCY] == [len(grids)] * 4
        assert ("phq9_difficulty" in shown_on(html)) == bool(answers), "the second load has the difficulty item too"
