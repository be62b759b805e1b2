"""The antidepressant table's name box offers names as the patient types (an HTML datalist, no script): every
antidepressant of our medicine-name table, with its US brand in brackets. Only a help with spelling: a name off the
list is kept as typed, and each offered name still reads as an antidepressant in the patient's own words."""

from datetime import date
from html.parser import HTMLParser

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS
from screening.rules import evaluate
from screening.rules.medicine_names import CLASSES, MAOI_ANTIDEPRESSANT_BRANDS, antidepressant_names, classes_named

LIST_ID = "antidepressants-name-names"


def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


class Boxes(HTMLParser):
    """The page's inputs by id (their attributes), its labels' targets and its datalists' options."""

    def __init__(self, html: str):
        super().__init__()
        self.inputs: dict[str, dict] = {}
        self.labelled: set[str] = set()
        self.lists: dict[str, list[str]] = {}
        self.list_count = 0
        self._list: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("id"):
            self.inputs[attributes["id"]] = attributes
        elif tag == "label" and attributes.get("for"):
            self.labelled.add(attributes["for"])
        elif tag == "datalist":
            self._list = attributes["id"]
            self.lists[self._list] = []
            self.list_count += 1
        elif tag == "option" and self._list:
            self.lists[self._list].append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "datalist":
            self._list = None


def reasons_page(patient) -> Boxes:
    patient.start()
    return Boxes(patient.page("reasons").text)


def test_every_name_box_of_the_table_offers_each_antidepressant_with_its_brand(patient):
    page = reasons_page(patient)
    offered = page.lists[LIST_ID]
    assert "Sertraline (Zoloft)" in offered and "Bupropion (Wellbutrin)" in offered
    assert "Phenelzine (Nardil)" in offered and "Selegiline (Emsam)" in offered
    assert {name.split()[0].lower() for name in offered} == {*CLASSES["antidepressants"].split(),
                                                              *MAOI_ANTIDEPRESSANT_BRANDS}
    assert offered == sorted(offered) and len(offered) == len(set(offered))
    assert page.list_count == 1, "one list, shared by every row"
    for row in range(QUESTIONS["antidepressants"].rows):
        box = page.inputs[f"antidepressants-{row}-name"]
        assert box["list"] == LIST_ID
        assert box["autocomplete"] == "off", "no earlier typing on a shared tablet, nor the patient's own name"
        assert box["type"] == "text" and f"antidepressants-{row}-name" in page.labelled
        assert "list" not in page.inputs[f"antidepressants-{row}-dose"]


def test_no_other_box_of_the_intake_carries_a_list(patient):
    patient.start()
    for section_id in ("about_you", "medicines", "other_health"):
        assert "list" not in {attribute for box in Boxes(patient.page(section_id).text).inputs.values()
                              for attribute in box}


def test_a_picked_name_and_a_name_off_the_list_are_both_kept_as_typed_and_quoted_for_r_trd(app, patient, answers):
    patient.start()
    table = {"antidepressants-0-name": "Sertraline (Zoloft)", "antidepressants-0-duration": "6_weeks_or_more",
             "antidepressants-0-helped": "no", "antidepressants-1-name": "a small white pill from Mexico"}
    response = patient.answer("reasons", {**answers["reasons"], "treatments_tried": ["antidepressants"], **table})
    assert response.status_code == 302
    rows = saved(app)["antidepressants"]
    assert [row["name"] for row in rows] == ["Sertraline (Zoloft)", "a small white pill from Mexico"]
    trd = next(flag for flag in evaluate(saved(app), date.today()) if flag.rule_id == "R-TRD")
    quoted = " ".join(item.answer for item in trd.evidence if item.question_id == "antidepressants")
    assert "Sertraline (Zoloft)" in quoted and "a small white pill from Mexico" in quoted


def test_each_offered_name_reads_as_an_antidepressant_or_maoi_in_the_patients_own_words():
    for name in antidepressant_names():
        kind = "maoi" if name.split()[0].lower() in MAOI_ANTIDEPRESSANT_BRANDS else "antidepressants"
        assert set(classes_named(name)) == {kind}, name
        assert classes_named(f"I took {name} for a year")[kind][0] == name.split()[0], name
