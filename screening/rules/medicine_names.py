"""Medicine names typed in the patient's own words, matched to the classes of the medicines checklist (R-MED).

Names are found by the drug-name library `drug-named-entity-recognition` (offline: 107,000 name variants from
DrugBank, MeSH, NHS and MedlinePlus), exact matches only: its fuzzy mode reads everyday words as drugs
("pressure" as hydralazine). The library has no drug classes, so a name gets its class from our own table
below. Misspellings ("lorazepan", "xanex") are matched here, by edit distance, and only against our own list
of US names that have a class. Nothing here decides that a medicine is not taken now: "stopped Xanax" still
names Xanax and raises its topic. But a name in a part of the list (between commas, semicolons, new lines or
full stops) that says it may not be taken now ("stopped", "used to", "allergic") is shown with that part in
the patient's words, so the clinician reads "stopped Xanax last year", not "Xanax".

The library takes seconds and about 350 MB to load, so a child process reads it (drug_library.py), once per
process, on first use; this process keeps its names of one or two words, each with the names of its drugs where
one of our classes has them (about 25 MB).
"""

import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .drug_library import read_in_child


def names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Our table: each class of the medicines checklist (its option value) and the generic names in it. A name read
# by the library is classed by each word of its canonical name ("Naltrexone and Bupropion", "Valproic Acid").
# Choices to confirm with the medical director: methadone and buprenorphine are not also "opioids";
# phenobarbital is both a seizure and a calming medicine; trazodone, doxepin and mirtazapine are antidepressants
# only; quetiapine has no class; ketamine, esketamine and amantadine count as NMDA-acting.
CLASSES = {
    "benzodiazepines": "alprazolam lorazepam clonazepam diazepam chlordiazepoxide clorazepate temazepam "
                       "triazolam oxazepam estazolam flurazepam quazepam midazolam clobazam",
    "anticonvulsants": "lamotrigine carbamazepine oxcarbazepine valproic valproate divalproex topiramate "
                       "gabapentin pregabalin levetiracetam phenytoin zonisamide lacosamide eslicarbazepine "
                       "brivaracetam cenobamate primidone ethosuximide phenobarbital",
    "maoi": "phenelzine tranylcypromine isocarboxazid selegiline rasagiline safinamide moclobemide",
    "stimulants": "amphetamine dextroamphetamine lisdexamfetamine methylphenidate dexmethylphenidate "
                  "serdexmethylphenidate methamphetamine modafinil armodafinil solriamfetol phentermine",
    "opioids": "oxycodone hydrocodone benzhydrocodone morphine hydromorphone fentanyl codeine tramadol "
               "tapentadol oxymorphone meperidine levorphanol pentazocine butorphanol nalbuphine",
    "sleep_medicines": "zolpidem eszopiclone zaleplon zopiclone suvorexant lemborexant daridorexant "
                       "hydroxyzine diphenhydramine doxylamine butalbital secobarbital phenobarbital "
                       "carisoprodol cyclobenzaprine baclofen tizanidine oxybate",
    "naltrexone": "naltrexone",
    "buprenorphine_methadone": "buprenorphine methadone",
    "blood_pressure": "lisinopril enalapril ramipril benazepril quinapril losartan valsartan olmesartan "
                      "irbesartan telmisartan candesartan azilsartan amlodipine nifedipine diltiazem verapamil "
                      "metoprolol atenolol carvedilol propranolol bisoprolol nebivolol labetalol nadolol "
                      "hydrochlorothiazide chlorthalidone furosemide spironolactone triamterene clonidine "
                      "guanfacine prazosin doxazosin terazosin hydralazine methyldopa",
    "nmda": "memantine dextromethorphan amantadine ketamine esketamine",
    "antidepressants": "sertraline fluoxetine escitalopram citalopram paroxetine fluvoxamine bupropion "
                       "venlafaxine desvenlafaxine duloxetine levomilnacipran vilazodone vortioxetine "
                       "mirtazapine trazodone nefazodone amitriptyline nortriptyline imipramine desipramine "
                       "clomipramine doxepin zuranolone gepirone",
}

# The common US brand of each antidepressant above, where there is one (some, such as Elavil, are no longer sold
# but are the names patients remember). The patient is offered these as they type a name (antidepressant_names),
# and a misspelling of one is matched.
ANTIDEPRESSANT_BRANDS = {
    "sertraline": "Zoloft", "fluoxetine": "Prozac", "escitalopram": "Lexapro", "citalopram": "Celexa",
    "paroxetine": "Paxil", "fluvoxamine": "Luvox", "bupropion": "Wellbutrin", "venlafaxine": "Effexor",
    "desvenlafaxine": "Pristiq", "duloxetine": "Cymbalta", "levomilnacipran": "Fetzima", "vilazodone": "Viibryd",
    "vortioxetine": "Trintellix", "mirtazapine": "Remeron", "trazodone": "Desyrel", "amitriptyline": "Elavil",
    "nortriptyline": "Pamelor", "imipramine": "Tofranil", "desipramine": "Norpramin", "clomipramine": "Anafranil",
    "zuranolone": "Zurzuvae", "gepirone": "Exxua",
}
# The MAOIs taken for depression (in the "maoi" class above, for R-MED), offered with the antidepressants too: a
# patient whose depression did not get better may well have tried one. Emsam is the selegiline patch.
MAOI_ANTIDEPRESSANT_BRANDS = {"phenelzine": "Nardil", "tranylcypromine": "Parnate", "isocarboxazid": "Marplan",
                              "selegiline": "Emsam"}

# US brands and two-word names the library (2.0.9) does not know or reads wrongly (Namzaric as donepezil), with
# the generic each stands for. Added to the library's names, over its own, so two-word names ("robitussin dm")
# match.
BRANDS = {
    "percocet": "oxycodone", "endocet": "oxycodone", "roxicet": "oxycodone", "roxicodone": "oxycodone",
    "percodan": "oxycodone", "norco": "hydrocodone", "vicodin": "hydrocodone", "lortab": "hydrocodone",
    "lorcet": "hydrocodone", "zohydro": "hydrocodone", "exalgo": "hydromorphone", "actiq": "fentanyl",
    "demerol": "meperidine", "ultracet": "tramadol", "tylenol 3": "codeine", "tylenol 4": "codeine",
    "doral": "quazepam", "sympazan": "clobazam", "loreev": "lorazepam",
    "trokendi": "topiramate", "qudexy": "topiramate", "horizant": "gabapentin", "dilantin": "phenytoin",
    "jornay": "methylphenidate", "aptensio": "methylphenidate", "cotempla": "methylphenidate",
    "relexxii": "methylphenidate", "adzenys": "amphetamine", "dyanavel": "amphetamine",
    "adipex": "phentermine", "lomaira": "phentermine",
    "sonata": "zaleplon", "intermezzo": "zolpidem", "quviviq": "daridorexant", "soma": "carisoprodol",
    "fiorinal": "butalbital", "zzzquil": "diphenhydramine", "lumryz": "sodium oxybate",
    "depade": "naltrexone", "brixadi": "buprenorphine", "dolophine": "methadone",
    "lotrel": "amlodipine", "hyzaar": "losartan", "ziac": "bisoprolol",
    "namzaric": "memantine", "auvelity": "dextromethorphan", "osmolex": "amantadine",
    "robitussin dm": "dextromethorphan", "mucinex dm": "dextromethorphan", "dayquil": "dextromethorphan",
    "nyquil": "dextromethorphan", "coricidin": "dextromethorphan",
    "zurzuvae": "zuranolone", "exxua": "gepirone",
}

# Common US brands the library knows, and the antidepressants' brands above; with the generics and BRANDS, the
# only names a misspelling is matched to.
US_BRANDS = names("""
xanax ativan klonopin valium librium tranxene restoril halcion onfi lamictal tegretol trileptal depakote
topamax neurontin lyrica keppra zonegran vimpat eldepryl zelapar azilect adderall
vyvanse ritalin concerta focalin dexedrine evekeo desoxyn provigil nuvigil sunosi oxycontin dilaudid ultram
nucynta opana duragesic ambien lunesta belsomra dayvigo vistaril benadryl unisom flexeril vivitrol revia
contrave suboxone zubsolv subutex sublocade methadose belbuca butrans zestril norvasc lopressor toprol tenormin
cozaar diovan benicar coreg inderal bystolic lasix catapres intuniv namenda nuedexta delsym spravato""") + tuple(
    brand.lower() for brands in (ANTIDEPRESSANT_BRANDS, MAOI_ANTIDEPRESSANT_BRANDS) for brand in brands.values())

# English words (and their -s/-ed/-ing/-er/-ly forms) within one or two edits of a name above, found by checking
# the english-words lists and reviewed by hand: never read as a misspelling ("concert" is not Concerta).
NOT_MISSPELLINGS = frozenset(names("""
actin adoral aevia ambied ambient ambier ambies boral burans carnate compressor concert concertina concerto
concerts coneine contrate contravene contrive coral cored coree corer cores corey corge decade depaed divan
dogal domal donal dorab dorad doraly doras dorsal dotal dowral dural etamine fluocerine focaling galium
gitalin goral halcyon horal hydroxying hydroxyling hydroxylize kalium ketazine ketimine larix lasis loral
lorica lyric lyrical lyrics moral morphinate morphinize morpholine myrica nargil opata oyana panax parate
parbate paroxazine paroxytone percoct percoidean piperidine poral porphine pristis pyrimidine rebia redia
regia restoral retia revie roral rosaniline somata soral soriciding systolic testril toral ultra ultras
unison vadium
"""))

CLASS_OF: dict[str, tuple[str, ...]] = {}
for _option, _names in CLASSES.items():
    for _name in _names.split():
        CLASS_OF[_name] = (*CLASS_OF.get(_name, ()), _option)


def antidepressant_names() -> tuple[str, ...]:
    """The names a patient is offered as they type an antidepressant they took: each of our table and the MAOIs
    taken for depression, A to Z, with its brand in brackets where there is one ("Sertraline (Zoloft)"). Any other
    name may still be typed."""
    brands = {**ANTIDEPRESSANT_BRANDS, **MAOI_ANTIDEPRESSANT_BRANDS}
    generics = sorted({*CLASSES["antidepressants"].split(), *MAOI_ANTIDEPRESSANT_BRANDS})
    return tuple(f"{generic.capitalize()} ({brands[generic]})" if generic in brands else generic.capitalize()
                 for generic in generics)


TOKEN = re.compile(r"[^\W\d_]+|\d+")  # words and numbers apart: "200mg" -> 200, mg; "Tylenol-3" -> Tylenol, 3
PART = re.compile(r"[,;\n]|\.(?=\s|$)")  # "0.5 mg" keeps its point; a sentence's full stop ends a part
NOT_NOW = re.compile(
    r"\b(stopped|stop|quit|no longer|not taking|not on|don't take|do not take|used to|previously|formerly|"
    r"in the past|discontinued|weaned|tapered|came off|went off|allergic|allergy)\b", re.IGNORECASE)
LONGEST_PART = 10  # words of a part shown with a name; more is cut with "…"
SHORTEST_MISSPELLING = 5  # shorter words are too close to too many others

_loading = threading.Lock()
_names: dict[str, tuple[str, ...]] | None = None


def find_drugs(tokens: list[str]) -> list[tuple[tuple[str, ...], int, int]]:
    """The library's exact matches as the library makes them: two-word names first, then single words not in one;
    each with the names of its drugs that our classes have (none for any other drug, which is still a drug, so
    never read as a misspelling), where it starts and where it ends."""
    names_of = _names or _load_names()
    found, used = [], set()
    for start in range(len(tokens) - 1):
        drugs = names_of.get(f"{tokens[start]} {tokens[start + 1]}".lower())
        if drugs is not None:
            found.append((drugs, start, start + 2))
            used.update((start, start + 1))
    found += [(names_of[token.lower()], start, start + 1)
              for start, token in enumerate(tokens) if start not in used and token.lower() in names_of]
    return found


def _load_names() -> dict[str, tuple[str, ...]]:
    """The library's names with ours over them, once per process."""
    global _names
    with _loading:
        if _names is None:
            read = {variant: tuple(name for name in drugs if classes_of(name))
                    for variant, drugs in read_in_child().items()}
            _names = read | {brand: (generic,) for brand, generic in BRANDS.items()}
    return _names


def classes_named(text: Any) -> dict[str, tuple[str, ...]]:
    """Each class named in `text`, with the names as the patient typed them; a misspelling says how it was
    read: {"benzodiazepines": ("lorazepam", "xanex (read as alprazolam)")}."""
    return _classes_named(text) if isinstance(text, str) and text.strip() else {}


@lru_cache(maxsize=1024)
def _classes_named(text: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for part in PART.split(text):
        for option, typed in _named_in_part(part):
            found[option].append(typed)
    return {option: tuple(dict.fromkeys(names)) for option, names in found.items()}


def _named_in_part(part: str) -> list[tuple[str, str]]:
    """(class, name as typed) for each name in one part of the list; the name is the whole part, quoted, when the
    part says the medicine may not be taken now."""
    tokens = TOKEN.findall(part)
    named: list[tuple[str, str, str | None]] = []  # class, the words typed, what a misspelling was read as
    used: set[int] = set()
    for drugs, start, end in find_drugs(tokens):
        named += [(option, " ".join(tokens[start:end]), None) for drug in drugs for option in classes_of(drug)]
        used.update(range(start, end))
    for index, token in enumerate(tokens):
        if index in used or len(token) < SHORTEST_MISSPELLING or not token.isalpha():
            continue
        name = misspelt(token.lower())
        named += [(option, token, name) for option in classes_of(name or "")]
    if NOT_NOW.search(part):
        return [(option, quoted(part) + (f" ({typed} read as {read_as})" if read_as else ""))
                for option, typed, read_as in named]
    return [(option, f"{typed} (read as {read_as})" if read_as else typed) for option, typed, read_as in named]


def quoted(part: str) -> str:
    """A part of the list in the patient's words, in quotation marks, cut at LONGEST_PART words."""
    words = part.split()
    return "\u201c" + " ".join(words[:LONGEST_PART]) + ("\u2026" if len(words) > LONGEST_PART else "") + "\u201d"


def classes_of(name: str) -> set[str]:
    """The classes of a drug name, by each of its words ("Naltrexone and Bupropion": naltrexone, antidepressants)."""
    words = re.findall(r"[a-z]+", name.lower())
    return {option for word in [*words, name.lower()] for option in CLASS_OF.get(word, ())}


# Misspellings: the nearest of our own names within 1 edit (5 to 9 letters) or 2 edits (10 or more); a swap of two
# letters counts as one edit. A deletion index (SymSpell) finds the candidates without comparing every name.

def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    for _ in range(depth):
        found |= {variant[:i] + variant[i + 1:] for variant in found for i in range(len(variant))}
    return found


def _edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance; anything above `limit` is reported as limit + 1."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before, previous = None, list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (first[i - 1] != second[j - 1]))
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[-1]


KNOWN_NAMES = tuple(dict.fromkeys(
    name for name in (*CLASS_OF, *US_BRANDS, *BRANDS) if name.isalpha() and len(name) >= SHORTEST_MISSPELLING
))
_NEAR: dict[str, set[str]] = defaultdict(set)
for _known in KNOWN_NAMES:
    for _variant in _deletions(_known, 2):
        _NEAR[_variant].add(_known)


@lru_cache(maxsize=4096)
def misspelt(word: str) -> str | None:
    """The generic name a misspelt word most likely stands for, or None."""
    if word in NOT_MISSPELLINGS:
        return None
    limit = 1 if len(word) < 10 else 2
    candidates = {known for variant in _deletions(word, limit) for known in _NEAR.get(variant, ())}
    distance, nearest = min(((_edit_distance(word, known, limit), known) for known in candidates),
                            default=(limit + 1, None))
    if nearest is None or distance > limit:
        return None
    return generic_of(nearest)


def generic_of(name: str) -> str:
    """A brand's generic (from our table or the library), or the name itself when it is a generic."""
    if name in CLASS_OF:
        return name
    if name in BRANDS:
        return BRANDS[name]
    drugs = [drug for found, _, _ in find_drugs([name]) for drug in found]
    return drugs[0].lower() if drugs else name


TYPED_MEDICINES = "medicines_list"


@dataclass(frozen=True)
class NamedInOwnWords:
    """A rule condition: the patient's typed list of medicines names one of this class (`option` of the
    medicines checklist), whether or not the class was ticked."""

    option: str
    question: str = TYPED_MEDICINES

    def __call__(self, answers) -> bool:
        return self.option in classes_named(answers.get(self.question))

    def describe(self) -> str:
        return f"{self.question} names a medicine of the class {self.option} (in the patient's own words)"

    def reads(self) -> tuple[str, ...]:
        return (self.question,)

    def matched(self, answers) -> list[str]:
        return [self.question] if self(answers) else []

    def part(self, answers, question: str) -> Any:
        """The names as the patient typed them, not the whole list."""
        if question != self.question or not self(answers):
            return None
        return ", ".join(classes_named(answers.get(self.question))[self.option])
