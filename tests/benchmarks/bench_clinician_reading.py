"""Seconds for a clinician to find what matters in the PDF, against reading every answer in order.

Run with `make bench`. For three intakes it renders the clinician's PDF, reads its text back with pypdf and
counts words, as a reader meets them from the top of the page:
- to the end of the first urgent topic's line on page 1 (the patient who may be at risk now);
- to the end of the last topic's line on page 1 (every topic seen, with its key facts);
- page 1's whole overview (patient, scores, medicines, allergies, ride home and every topic).
The baseline, measured in the same run on the same PDF, is what a form builder gives a clinic today: every
answer in questionnaire order with no topics. There the clinician finds a topic on reaching the first answer
that raised it (counted generously: the first answer of its evidence, not all of it), and is sure nothing was
missed only at the end of the list. Words become seconds at 238 words a minute, the mean silent reading rate
of English non-fiction (Brysbaert 2019, J Mem Lang 109:104047); skimming is faster for both, so the ratio is
the figure to watch. The developers' guide asks for page 1 to be readable in 30 seconds.
"""

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_sets import everything_positive, nothing_of_note  # noqa: E402

from screening.questionnaire.burden import WORD, typical_patient  # noqa: E402
from screening.rules.engine import Flag  # noqa: E402
from screening.summary.content import build_summary  # noqa: E402
from screening.summary.pdf import render_pdf  # noqa: E402

WORDS_PER_MINUTE = 238
PAGE_ONE_AIM_SECONDS = 30
DETAILS_HEADING = ["Each", "topic", "in", "detail"]
EVERY_ANSWER_HEADING = ["Every", "answer"]

PATIENTS = {
    "nothing of note": nothing_of_note,
    "typical (issue 15)": typical_patient,
    "everything positive": everything_positive,
}


def tokens(text: str) -> list[str]:
    return WORD.findall(text)


def seconds(word_count: int) -> float:
    return word_count * 60 / WORDS_PER_MINUTE


def find(haystack: list[str], needle: list[str], start: int = 0) -> int | None:
    """The index just after the first occurrence of `needle` in `haystack` from `start`: the words read to reach
    its end."""
    for index in range(start, len(haystack) - len(needle) + 1):
        if haystack[index:index + len(needle)] == needle:
            return index + len(needle)
    return None


def page_words(reader: PdfReader, running_lines: tuple[str, ...]) -> list[list[str]]:
    """Each page's words without the running header and footer, which the reader's eye skips; a word broken
    after its hyphen at a line's end ("blood-" / "pressure") is one word again."""
    pages = []
    for page in reader.pages:
        lines = [line for line in page.extract_text().splitlines()
                 if not any(line.startswith(running) for running in running_lines)]
        pages.append(tokens("\n".join(lines).replace("-\n", "-")))
    return pages


def words_to_topic(page_one: list[str], flag: Flag) -> int | None:
    return find(page_one, tokens(flag.title))


def words_to_first_evidence(answers_list: list[str], flag: Flag) -> int | None:
    """Where a reader of every answer in order first meets an answer that raised the topic."""
    found = [find(answers_list, tokens(item.label)) for item in flag.evidence]
    found = [position for position in found if position is not None]
    return min(found) if found else None


def measure(answers: dict) -> dict:
    submitted = datetime.now(UTC)
    summary = build_summary(answers, submitted, today=submitted.date())
    flags = [flag for _, _, group in summary.details for detail in group for flag in [detail.flag]]
    reader = PdfReader(io.BytesIO(render_pdf(summary)))
    running = (f"{summary.name} · born", summary.disclaimer)
    pages = page_words(reader, running)
    page_one = pages[0]
    overview = find(page_one, DETAILS_HEADING)
    overview_words = overview - len(DETAILS_HEADING) if overview else len(page_one)
    every_words = [word for page in pages for word in page]
    every_answer = find(every_words, EVERY_ANSWER_HEADING)
    answers_list = every_words[every_answer:]

    on_page_one = {flag.rule_id: words_to_topic(page_one[:overview_words], flag) for flag in flags}
    in_list = {flag.rule_id: words_to_first_evidence(answers_list, flag) for flag in flags}
    urgent = [flag.rule_id for flag in flags if flag.level == "urgent"]
    missing = sorted(rule for rule, position in on_page_one.items() if position is None)
    unfound = sorted(rule for rule, position in in_list.items() if position is None)
    return {
        "topics": len(flags), "urgent": len(urgent), "pages": len(reader.pages),
        "overview": overview_words,
        "to_urgent": min((on_page_one[rule] for rule in urgent if on_page_one[rule]), default=None),
        "to_all": max((position for position in on_page_one.values() if position), default=0),
        "list_to_urgent": min((in_list[rule] for rule in urgent if in_list[rule]), default=None),
        "list_to_all": max((position for position in in_list.values() if position), default=0),
        "list": len(answers_list),
        "missing": missing, "unfound": unfound,
    }


def cell(word_count: int | None) -> str:
    return "–" if word_count is None else f"{seconds(word_count):.0f} s ({word_count:,} words)"


def ratio(ours: int | None, baseline: int | None) -> str:
    return "–" if not ours or not baseline else f"{ours / baseline:.2f}"


def main() -> None:
    print(f"Seconds for a clinician to find what matters (reading {WORDS_PER_MINUTE} words a minute; "
          f"aim: page 1 in {PAGE_ONE_AIM_SECONDS} s)\n")
    print("| intake | topics (urgent) | pages | first urgent topic: page 1 / every answer | ratio "
          "| every topic: page 1 / every answer | ratio | page 1 overview | whole list of answers |")
    print("|---|---|---|---|---|---|---|---|---|")
    notes = []
    for name, make in PATIENTS.items():
        figures = measure(make())
        print(f"| {name} | {figures['topics']} ({figures['urgent']}) | {figures['pages']} "
              f"| {cell(figures['to_urgent'])} / {cell(figures['list_to_urgent'])} "
              f"| {ratio(figures['to_urgent'], figures['list_to_urgent'])} "
              f"| {cell(figures['to_all'])} / {cell(figures['list_to_all'])} "
              f"| {ratio(figures['to_all'], figures['list_to_all'])} "
              f"| {cell(figures['overview'])} | {cell(figures['list'])} |")
        if figures["missing"]:
            notes.append(f"{name}: not on page 1's overview: {', '.join(figures['missing'])}")
        if figures["unfound"]:
            notes.append(f"{name}: no answer of these found in the list (left out of the baseline): "
                         f"{', '.join(figures['unfound'])}")
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
