"""Fills the intake through the page as a person would: clicking choices, typing text, pressing buttons."""

from helpers import typical_answers

from screening.questionnaire import QUESTIONS
from screening.questionnaire.model import CONSENT, MULTI


def fill(page, data: dict) -> None:
    for name, value in data.items():
        question = QUESTIONS.get(name)
        if question is None:
            continue
        if question.type == MULTI:
            for item in value:
                page.check(f"input[name='{name}'][value='{item}']")
        elif question.type == CONSENT:
            page.check(f"input[name='{name}']")
        elif question.options:
            page.check(f"input[name='{name}'][value='{value}']")
        else:
            page.fill(f"[name='{name}']", value)


def save(page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def start(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Start").first.click()


def complete(page, answers: dict | None = None, on_each_page=None) -> None:
    """Start and answer every page; `on_each_page(page, section_id)` runs before each page is sent."""
    start(page)
    for section_id, data in (answers or typical_answers()).items():
        fill(page, data)
        if on_each_page:
            on_each_page(page, section_id)
        save(page)
        if section_id == "about_you":
            page.get_by_role("link", name="Continue to the next step").click()
    page.wait_for_url("**/review")
