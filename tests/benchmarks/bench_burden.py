"""What the intake asks of a patient on a phone: three patients walked through the real app in Chromium at 390x844.

For each patient (all "No", the typical patient of issue 15, everything positive) it prints: questions shown (a
pair of boxes under one prompt, such as email and phone, counts as one), answers asked (every input: both boxes of
a pair, each cell of the table's rows shown), answers required, taps, typed fields, page loads, total page height
in phone screens (the sum, over every page loaded, of its document height when the patient leaves it, after the
last follow-up revealed in place, / 844), words on the pages (counted when leaving too), and two time estimates
from the one stated model
(screening/questionnaire/burden.py: 7 s a choice, 25 s a typed field, reading at 180 words a minute): the model
walking the definition, and the model fed the counts measured in the browser. The welcome page's "It takes about
N minutes" is the model's figure for the typical patient.

Taps: each choice ticked, each typed field focused, each button or link pressed (Start, Save and continue,
"Add another medicine", "Continue to the next step", "Go on with my form"). JavaScript runs, as on most phones:
follow-ups appear in place (static/js/reveal.js), which is not a page load; a load is counted by the browser's
own load event, so a reload the server still asks for (an answer sent before its reveal came back) is counted.
Everything runs on 127.0.0.1; nothing is downloaded.
"""

import logging
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate  # noqa: E402
from answer_sets import everything_positive, nothing_of_note, typical_issue_patient  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from screening import create_app  # noqa: E402
from screening.questionnaire import QUESTIONS, SECTIONS  # noqa: E402
from screening.questionnaire.burden import (  # noqa: E402
    SECONDS_PER_CHOICE,
    SECONDS_PER_TYPED_FIELD,
    WORDS_PER_MINUTE,
    burden,
    inputs_of,
)
from screening.questionnaire.layout import page_blocks, questions_shown  # noqa: E402
from screening.questionnaire.model import CONSENT, GROUP, MULTI  # noqa: E402
from screening.questionnaire.types import type_of  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
PATIENTS = {"all No": nothing_of_note, "typical (issue 15)": typical_issue_patient,
            "everything positive": everything_positive}


@dataclass
class Walk:
    shown: set[str] = field(default_factory=set)
    taps: int = 0
    typed: int = 0
    choices: int = 0
    loads: int = 0
    height: int = 0
    words: int = 0
    screens_by_page: dict[str, float] = field(default_factory=dict)

    def leave(self, page) -> None:
        """The page as the patient leaves it, after its last reveal: its full document height and the words in its
        main content (hidden questions take no room and are not read)."""
        height = page.evaluate("document.documentElement.scrollHeight")
        self.height += height
        where = page.url.split("?")[0].rsplit("/", 1)[-1] or "welcome"
        self.screens_by_page[where] = self.screens_by_page.get(where, 0) + height / PHONE["height"]
        self.words += len(page.inner_text("main").split())

    @property
    def questions(self) -> int:
        """Questions shown, a pair whose two boxes were both shown counting as one."""
        return sum(questions_shown(page_blocks(section, [q for q in section.questions if q.id in self.shown]))
                   for section in SECTIONS)

    def inputs(self, answers: dict) -> int:
        return sum(inputs_of(QUESTIONS[question_id], answers) for question_id in self.shown)

    @property
    def required(self) -> int:
        return sum(QUESTIONS[question_id].is_required for question_id in self.shown)

    @property
    def minutes(self) -> float:
        return (self.choices * SECONDS_PER_CHOICE + self.typed * SECONDS_PER_TYPED_FIELD
                + self.words * 60 / WORDS_PER_MINUTE) / 60


def fill(page, walk: Walk, name: str, question, value) -> None:
    if question.type == GROUP:
        for number, row in enumerate(value):
            if number:  # the table shows one row at a time; the next is revealed in place
                page.get_by_role("button", name=question.add_row_label).first.click()
                page.locator(f"[name='{name}-{number}-name']").wait_for(state="visible")
                walk.taps += 1
                walk.choices += 1
            for column in question.columns:
                if column.id in row:
                    fill(page, walk, f"{name}-{number}-{column.id}", column, row[column.id])
    elif question.type == MULTI:
        for item in value:
            page.check(f"input[name='{name}'][value='{item}']")
            walk.taps += 1
        walk.choices += 1
    elif question.type == CONSENT:
        page.check(f"input[name='{name}']")
        walk.taps += 1
        walk.choices += 1
    elif question.options:
        page.check(f"input[name='{name}'][value='{value}']")
        walk.taps += 1
        walk.choices += 1
    else:
        page.fill(f"[name='{name}']", type_of(question).in_box(value))
        walk.taps += 1
        walk.typed += 1


def press(page, walk: Walk, role: str, name: str) -> None:
    """A button or link that leaves the page."""
    walk.leave(page)
    page.get_by_role(role, name=name).first.click()
    walk.taps += 1
    page.wait_for_load_state("load")


def settled(page) -> None:
    """Wait until no reveal is being asked for (reveal.js marks the form while it asks)."""
    page.locator("form[data-updating]").wait_for(state="detached")


def unfilled(page, filled: set[str]) -> list[str]:
    """The questions on screen now (the page's `shown` list, which reveals keep up to date) not yet answered."""
    return [question_id for question_id in page.get_attribute("#shown", "value").split() if question_id not in filled]


def walk_through(context, answers: dict) -> Walk:
    """Start, answer every page as it is shown (follow-ups as they appear), and stop at Check your answers."""
    walk = Walk()
    page = context.new_page()
    page.on("load", lambda _: setattr(walk, "loads", walk.loads + 1))
    page.goto("/")
    press(page, walk, "button", "Start")
    filled: set[str] = set()
    for _ in range(60):
        if page.url.endswith("/review"):
            walk.leave(page)
            return walk
        if page.get_by_role("link", name="Continue to the next step").count():
            press(page, walk, "link", "Continue to the next step")
            continue
        if page.get_by_role("link", name="Go on with my form").count():
            press(page, walk, "link", "Go on with my form")
            continue
        new = unfilled(page, filled)
        if not new and page.locator(".error-summary").count():
            raise RuntimeError(f"{page.url}: {page.inner_text('.error-summary')}")
        while new:  # answer what is shown, then what those answers revealed in place, until nothing new appears
            walk.shown.update(new)
            for question_id in new:
                if question_id in answers:
                    fill(page, walk, question_id, QUESTIONS[question_id], answers[question_id])
                filled.add(question_id)
            settled(page)
            new = unfilled(page, filled)
        press(page, walk, "button", "Save and continue")
    raise RuntimeError("the walk did not reach the review page")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-burden-"))
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'burden.db'}", "CLINIC_NAME": "Riverside Mood Clinic",
                      "CLINIC_PHONE": "555 010 0100", "RATELIMIT_ENABLED": False})
    with app.app_context():
        flask_migrate.upgrade()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            for name, make in PATIENTS.items():
                answers = make()
                context = browser.new_context(viewport=PHONE, base_url=base_url, has_touch=True, is_mobile=True)
                context.set_default_timeout(20_000)
                walk = walk_through(context, answers)
                context.close()
                rows.append((name, walk, burden(answers), answers))
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"Patient burden on a {PHONE['width']}x{PHONE['height']} phone (model: {SECONDS_PER_CHOICE} s a choice, "
          f"{SECONDS_PER_TYPED_FIELD} s a typed field, {WORDS_PER_MINUTE} words a minute)\n")
    print("| patient | questions shown | answers asked | answers required | taps | typed fields | page loads "
          "| phone screens | words on pages | minutes (measured counts) | minutes (model, definition) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, walk, model, answers in rows:
        print(f"| {name} | {walk.questions} | {walk.inputs(answers)} | {walk.required} | {walk.taps} | {walk.typed} "
              f"| {walk.loads} | {walk.height / PHONE['height']:.1f} | {walk.words:,} | {walk.minutes:.1f} "
              f"| {model.minutes:.1f} |")
    print("\nModel from the definition: " + "; ".join(
        f"{name}: {model.questions} questions, {model.inputs} answers asked, {model.required} required, "
        f"{model.choices} choices, {model.typed} typed, {model.words:,} words" for name, _, model, _ in rows))
    print("\nPhone screens by page (every load of a page added up):")
    for name, walk, _, _ in rows:
        print(f"- {name}: " + ", ".join(f"{page} {screens:.1f}" for page, screens in walk.screens_by_page.items()))


if __name__ == "__main__":
    main()
