"""The layout's rules, checked by import-linter (contracts in pyproject.toml): imports run one way, and the
questionnaire, the rules and the summary's content import nothing of Flask or the database."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_imports_keep_the_layers_and_the_domain_free_of_flask():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
