"""Fills the intake through the page as a person would: clicking choices, typing text, pressing buttons."""

from helpers import typical_answers

from screening.questionnaire import QUESTIONS
from screening.questionnaire.model import CONSENT, MULTI, NOT_SURE_BOX


def fill(page, data: dict) -> None:
    for name, value in data.items():
        question = QUESTIONS.get(name)
        if name.endswith(NOT_SURE_BOX):  # a number's "Not sure" box (helpers.as_pages)
            page.check(f"input[name='{name}']")
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


def in_view(page, locator) -> bool:
    """The element's top (or its first 200 px) is on the phone's screen."""
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + min(box["height"], 200) <= page.viewport_size["height"]


def save(page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def start(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Start").first.click()


def fill_page(page, data: dict, filler=fill, send=save) -> None:
    """Fill what the page shows; when `data` answers follow-ups the page does not show yet (the PHQ-9 difficulty
    item, asked once an item is above zero), fill them once the page's script has revealed them in place, or,
    with JavaScript off, once sending the page has shown them."""
    filled: set[str] = set()

    def shown() -> set[str]:
        page.locator("form[data-updating]").wait_for(state="detached")  # a reveal being asked about
        return set(page.get_attribute("#shown", "value").split())

    def fill_shown() -> None:
        for _ in range(len(data)):
            now = {name: value for name, value in data.items() if name in shown() and name not in filled}
            if not now:
                return
            filler(page, now)
            filled.update(now)

    fill_shown()
    if {name for name in data if name in QUESTIONS} - shown():
        with page.expect_navigation():
            send(page)
        fill_shown()


def complete(page, answers: dict | None = None, on_each_page=None) -> None:
    """Start and answer every page, follow-ups as they appear; `on_each_page(page, section_id)` runs before each
    page is sent."""
    start(page)
    for section_id, data in (answers or typical_answers()).items():
        fill_page(page, data)
        if on_each_page:
            on_each_page(page, section_id)
        save(page)
        if section_id == "about_you":
            page.get_by_role("link", name="Continue to the next step").click()
    page.wait_for_url("**/review")


def tab_to(page, selector: str) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would (at most 80 presses)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_radio_with_keyboard(page, name: str, value: str) -> None:
    """Tab into the group, then arrow keys until the wanted option is chosen (arrows choose as they move)."""
    tab_to(page, f"input[name='{name}']")
    for _ in range(12):
        if page.is_checked(f"input[name='{name}'][value='{value}']"):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {name}={value} with the arrow keys")


def fill_with_keyboard(page, data: dict) -> None:
    for name, value in data.items():
        question = QUESTIONS.get(name)
        if name.endswith(NOT_SURE_BOX):  # a number's "Not sure" box (helpers.as_pages)
            page.check(f"input[name='{name}']")
        if question is None:
            continue
        if question.type == MULTI:
            for item in value:
                tab_to(page, f"input[name='{name}'][value='{item}']")
                page.keyboard.press("Space")
        elif question.type == CONSENT:
            tab_to(page, f"input[name='{name}']")
            page.keyboard.press("Space")
        elif question.options:
            choose_radio_with_keyboard(page, name, value)
        else:
            tab_to(page, f"[name='{name}']")
            page.keyboard.type(value if question.type != "date" else "".join(reversed_date(value)))


def reversed_date(iso: str) -> list[str]:
    """What a person types into Chromium's US date box: month, day, year."""
    year, month, day = iso.split("-")
    return [month, day, year]


def press_button(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")
