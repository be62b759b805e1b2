"""Medicine names typed in the patient's own words, matched to the reference's medicine classes (R-MED).

Provisional: replaced by the drug-name library match below once it is wired in.
"""

import re
from functools import lru_cache

CLASS_OF = {"lorazepam": "benzodiazepines"}


@lru_cache(maxsize=512)
def _classes_named(text: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for word in re.findall(r"[^\W\d_]+", text):
        if word.lower() in CLASS_OF:
            found.setdefault(CLASS_OF[word.lower()], []).append(word)
    return {option: tuple(dict.fromkeys(words)) for option, words in found.items()}


def classes_named(text: object) -> dict[str, tuple[str, ...]]:
    """Each class named in `text`, with the names as the patient typed them."""
    return _classes_named(text) if isinstance(text, str) else {}
