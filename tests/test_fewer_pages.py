"""Short pages cost a phone screen and a tap each: brain and mind, pregnancy and other health are one page, in the
order a patient expects, and links to the old pages still land on it."""

from screening.questionnaire import SECTION_OF, SECTIONS


def test_head_mind_body_allergies_and_pregnancy_are_asked_on_one_page():
    assert len(SECTIONS) == 10
    assert [section.id for section in SECTIONS][6:] == ["heart", "other_health", "medicines", "support"]
    for question_id in ("head_any", "mind_any", "body_any", "anesthesia_any", "sex_at_birth", "pregnancy_any",
                        "height_cm", "other_conditions"):
        assert SECTION_OF[question_id].id == "other_health"


def test_sex_at_birth_comes_right_before_pregnancy_and_anything_else_last():
    order = [question.id for question in SECTION_OF["pregnancy_any"].questions]
    assert order.index("pregnancy_any") == order.index("sex_at_birth") + 1
    assert order.index("head_any") < order.index("mind_any") < order.index("body_any") < order.index("anesthesia_any")
    assert order[-1] == "other_conditions"


def test_a_link_to_a_merged_page_opens_the_page_that_holds_its_questions(patient):
    patient.start()
    for old in ("brain", "pregnancy"):
        response = patient.client.get(f"/step/{old}")
        assert response.status_code == 302 and response.headers["Location"].endswith("/step/other_health")
    response = patient.client.get("/step/pregnancy?review=1")
    assert response.headers["Location"].endswith("/step/other_health?review=1")
    assert patient.client.get("/step/nowhere").status_code == 404
