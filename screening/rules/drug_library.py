"""The drug-name library `drug-named-entity-recognition`, read in a child process.

The library is a table of 107,000 name variants (DrugBank, MeSH, NHS, MedlinePlus) and, for its fuzzy mode, an
index of their letter triples; loading it takes a few seconds and about 350 MB, in every process that imports it.
We use only its exact matches, and only of one or two words (the most it matches), so a child process loads it,
writes those variants with the names of their drugs, and ends, giving the memory back. The web processes and the
worker keep the names (about 25 MB). Run as a script, this file is that child: it imports nothing of ours.
"""

import json
import subprocess
import sys
from pathlib import Path

MOST_WORDS = 2  # the library matches a name of one word or of two


def library_names() -> dict[str, list[str]]:
    """Each variant of the library of one or two words, lower case, with the names of the drugs it stands for,
    read as the library's own exact match reads them (the variant's data over its drug's)."""
    from drug_named_entity_recognition import drugs_finder

    named = {}
    for variant, canonicals in drugs_finder.drug_variant_to_canonical.items():
        if len(variant.split(" ")) <= MOST_WORDS:
            named[variant] = [
                (drugs_finder.drug_canonical_to_data.get(canonical, {})
                 | drugs_finder.drug_variant_to_variant_data.get(variant, {})).get("name") or canonical
                for canonical in canonicals
            ]
    return named


def read_in_child() -> dict[str, list[str]]:
    """library_names(), from a child process running this file with the Python that runs the app (-P: this
    folder's modules are not importable there, so none of ours can shadow one the library imports)."""
    done = subprocess.run([sys.executable, "-P", str(Path(__file__).resolve())], capture_output=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"reading the drug-name library failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    json.dump(library_names(), sys.stdout)
