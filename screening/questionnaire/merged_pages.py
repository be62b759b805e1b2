"""Pages merged into another (issue 15), kept by id: a link or a bookmark to one opens the page that now holds its
questions, and a form left open on one across the change still saves, as a page of its own questions only, so
nothing the patient typed is lost and nothing else on the merged page is cleared."""

from functools import cache

from . import QUESTIONS, SECTION_BY_ID
from .model import Section

# old page id: (the page that holds its questions now, the questions the old page asked, in its order)
MERGED_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "brain": ("other_health", (
        "mind_any", "psychosis", "schizophrenia", "mania", "bipolar", "dissociation", "head_any", "seizures",
        "seizure_last", "head_injury", "intracranial_pressure", "glaucoma", "eye_surgery_planned")),
    "pregnancy": ("other_health", ("sex_at_birth", "pregnancy_any", "pregnant", "planning_pregnancy", "breastfeeding")),
    "treatments": ("reasons", (
        "treatments_tried", "antidepressants", "augmentation", "augmentation_which", "psychotherapy_kind",
        "psychotherapy_duration", "ect_helped", "tms_helped", "ketamine_before_kind", "ketamine_before_helped",
        "ketamine_before_reactions")),
    "support": ("medicines", (
        "ride_home", "therapist_now", "support_person", "support_person_name", "support_person_phone")),
}


def page_now(old_id: str) -> Section | None:
    """The page that holds an old page's questions now; None for an id that never was a page merged away."""
    merged = MERGED_PAGES.get(old_id)
    return SECTION_BY_ID[merged[0]] if merged else None


def current_id(page_id: str | None) -> str | None:
    """A page id as kept in a session from before a merge, read as the page that holds its questions now."""
    return MERGED_PAGES[page_id][0] if page_id in MERGED_PAGES else page_id


@cache
def old_page(old_id: str) -> Section:
    """The old page as it asked: its questions (from wherever they are now) under the title of the page that holds
    them, with their pairs; what a form still open on it is read, checked and saved as."""
    now, question_ids = MERGED_PAGES[old_id]
    pairs = tuple(pair for section in SECTION_BY_ID.values() for pair in section.pairs
                  if {pair.first, pair.second} <= set(question_ids))
    return Section(id=old_id, title=SECTION_BY_ID[now].title, pairs=tuple(dict.fromkeys(pairs)),
                   questions=tuple(QUESTIONS[question_id] for question_id in question_ids))


def _check() -> None:
    for old_id, (now, question_ids) in MERGED_PAGES.items():
        if old_id in SECTION_BY_ID or now not in SECTION_BY_ID or not set(question_ids) <= QUESTIONS.keys():
            raise ValueError(f"merged page {old_id!r}: still a page, or names a page or question that is not")


_check()
