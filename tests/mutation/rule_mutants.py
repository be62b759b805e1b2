"""Mutants of the rule table that a general mutation tester cannot make, run against the rule tests.

cosmic-ray (tests/mutation/cosmic-ray.toml) changes operators and numbers; a rule's meaning also sits in the
condition language: any_of/all_of/none_of swapped, one branch or one accepted answer dropped, a level changed, a
band or blood-pressure threshold moved by one. Each mutant is written over the source in place, the tests run,
the file is restored, so run it in a throwaway copy of the tree (a git worktree), never where you are editing:

    .venv/bin/python tests/mutation/rule_mutants.py [pytest arguments]

It prints each surviving mutant and the score. Without arguments it runs the fast rule tests, stopping at the
first failure.
"""

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAST_TESTS = ("tests/test_rules.py", "tests/test_gates.py", "tests/test_pregnancy_asked.py", "tests/test_commands.py",
              "tests/test_answers_format_3.py", "tests/test_burden_and_checks.py")
LEVELS = ("URGENT", "DISCUSS", "NOTE")
COMBINATORS = ("any_of", "all_of", "none_of")
NEVER = "'__never__'"


@dataclass(frozen=True)
class Part:
    """Where mutants are made: a file, its lines, and the constants whose numbers or elements are mutated."""

    path: str
    lines: range
    numbers_in: tuple[str, ...] = ()
    elements_in: tuple[str, ...] = ()


PARTS = (
    Part("screening/rules/catalogue.py", range(34, 43), numbers_in=("BP_HIGH", "BP_CRISIS")),
    Part("screening/rules/catalogue.py", range(75, 381)),
    Part("screening/questionnaire/sections/safety.py", range(12, 22),
         elements_in=("ASQ_POSITIVE", "PHQ9_ITEM_9_POSITIVE")),
    Part("screening/questionnaire/instruments.py", range(1, 10**6), numbers_in=("PHQ9_BANDS", "GAD7_BANDS")),
)


@dataclass(frozen=True)
class Mutant:
    path: str
    line: int
    what: str
    source: str


def mutants(part: Part) -> list[Mutant]:
    source = (ROOT / part.path).read_text()
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    found = []

    def replace(node: ast.AST, new: str, what: str) -> None:
        if node.lineno in part.lines:
            start = starts[node.lineno - 1] + node.col_offset
            end = starts[node.end_lineno - 1] + node.end_col_offset
            found.append(Mutant(part.path, node.lineno, what, source[:start] + new + source[end:]))

    def named(node: ast.Assign, names: tuple[str, ...]) -> str | None:
        return next((target.id for target in node.targets if isinstance(target, ast.Name) and target.id in names),
                    None)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in COMBINATORS:
                for other in COMBINATORS:
                    if other != name:
                        replace(node.func, other, f"{name} -> {other}")
                if len(node.args) > 1:
                    for branch in node.args:
                        replace(branch, "any_of()", f"{name}: drop branch {ast.unparse(branch)}")
            if name in ("is_", "has"):
                for value in node.args[1:]:
                    replace(value, NEVER, f"{name}({ast.unparse(node.args[0])}, ...): drop {ast.unparse(value)}")
        elif isinstance(node, ast.keyword) and node.arg == "level" and isinstance(node.value, ast.Name):
            for other in LEVELS:
                if other != node.value.id:
                    replace(node.value, other, f"level {node.value.id} -> {other}")
        elif isinstance(node, ast.Assign) and (name := named(node, part.numbers_in)):
            for number in ast.walk(node.value):
                if isinstance(number, ast.Constant) and type(number.value) is int:
                    for moved in (number.value - 1, number.value + 1):
                        replace(number, str(moved), f"{name}: {number.value} -> {moved}")
        elif isinstance(node, ast.Assign) and (name := named(node, part.elements_in)):
            for element in node.value.elts:
                replace(element, NEVER, f"{name}: drop {ast.unparse(element)}")
    return found


def killed(mutant: Mutant, command: list[str]) -> bool:
    path = ROOT / mutant.path
    original = path.read_text()
    try:
        path.write_text(mutant.source)
        return subprocess.run(command, cwd=ROOT, capture_output=True).returncode != 0
    finally:
        path.write_text(original)


def main(arguments: list[str]) -> int:
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *(arguments or FAST_TESTS)]
    every = [mutant for part in PARTS for mutant in mutants(part)]
    survivors = [mutant for mutant in every if not killed(mutant, command)]
    for mutant in survivors:
        print(f"survived  {mutant.path}:{mutant.line}  {mutant.what}")
    print(f"{len(every) - len(survivors)} of {len(every)} mutants killed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
