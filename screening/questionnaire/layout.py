"""How a page's questions sit on the page: one at a time, two to a prompt (a pair), or an instrument's items as
an answer grid. The step page and the burden model both read these blocks, so a pair counts as one question
wherever questions are counted."""

from __future__ import annotations

from dataclasses import dataclass

from .model import CHOICE, Question, Section

QUESTION = "question"
PAIR = "pair"
GRID = "grid"


@dataclass(frozen=True)
class Block:
    """Questions shown together. `lead_in` comes before them (for a grid, its stem, kept in view); `legend` names
    a pair, and `labels` are the short words on its boxes, if any (model.Pair)."""

    kind: str
    questions: tuple[Question, ...]
    lead_in: str = ""
    legend: str = ""
    labels: tuple[str, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions)


def _in_grid(section: Section, question: Question) -> bool:
    return question.type == CHOICE and question.instrument in section.grids


def page_blocks(section: Section, shown: list[Question]) -> list[Block]:
    """The shown questions in order, grouped: a pair when both its questions are shown; a grid for a run of two
    or more items of a gridded instrument with the same answers and no lead-in inside the run."""
    blocks: list[Block] = []
    position = 0
    while position < len(shown):
        question = shown[position]
        lead_in = section.lead_ins.get(question.id, "")
        pair = section.pair_of(question.id)
        if pair and position + 1 < len(shown) and shown[position + 1].id == pair.second:
            blocks.append(Block(PAIR, (question, shown[position + 1]), lead_in, pair.legend, pair.labels))
            position += 2
            continue
        run = [question]
        while _in_grid(section, question) and position + len(run) < len(shown):
            following = shown[position + len(run)]
            if (not _in_grid(section, following) or following.instrument != question.instrument
                    or following.options != question.options or following.id in section.lead_ins):
                break
            run.append(following)
        kind = GRID if len(run) > 1 else QUESTION
        blocks.append(Block(kind, tuple(run), lead_in))
        position += len(run)
    return blocks


def questions_shown(blocks: list[Block]) -> int:
    """What a patient takes in as questions: a pair is one, every other block's questions each count."""
    return sum(1 if block.kind == PAIR else len(block.questions) for block in blocks)


SHORT_OPTIONS = 34  # characters of option labels, all told, that sit side by side on a phone (Yes / No / Not sure)


def fits_in_a_row(question: Question) -> bool:
    """Short answers (Yes / No / Not sure) go side by side, wrapping where the screen is too narrow; longer ones
    stay one under the other, where they read as a list."""
    return sum(len(option.label) for option in question.options) <= SHORT_OPTIONS
