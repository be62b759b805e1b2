"""Memory of one web process, against a bare Flask hello-world process measured in the same run.

Each figure is the resident memory (VmRSS) of a fresh Python process after it has served one page through the
Flask test client: the bare hello-world (the baseline); the app; the app after reading a typed medicines list (the
drug-name library's names, read by a child process that ends); and, for comparison, the app with the library
loaded in its own process, as it was before the child process read it. Production runs several such processes
(gunicorn -w 4 and the worker), so each one's memory counts that many times.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RSS = """
def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))
"""
HELLO = RSS + """
import sys
sys.path.insert(0, "tests/benchmarks")
from hello import app
app.test_client().get("/")
print(rss_mb())
"""
APP = RSS + """
import sys, tempfile
from screening import create_app
from screening.rules.medicine_names import classes_named
folder = tempfile.mkdtemp()
app = create_app({"DATABASE_URL": f"sqlite:///{folder}/memory.db", "RATELIMIT_ENABLED": False})
app.test_client().get("/")
if "typed" in sys.argv:
    classes_named("Xanax 0.5 mg, sertraline 100 mg, lisinopril")
if "library" in sys.argv:
    import drug_named_entity_recognition
print(rss_mb())
"""

CASES = {
    "bare Flask hello-world (baseline)": (HELLO,),
    "the app, one page served": (APP,),
    "the app, after reading a typed medicines list": (APP, "typed"),
    "the app with the drug-name library in its own process (before)": (APP, "typed", "library"),
}


def measured(code: str, *arguments: str) -> float:
    done = subprocess.run([sys.executable, "-c", code, *arguments], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return float(done.stdout.split()[-1])


def main() -> None:
    figures = {name: measured(*case) for name, case in CASES.items()}
    baseline = figures["bare Flask hello-world (baseline)"]
    print("Resident memory of one process (VmRSS), each a fresh process:")
    for name, megabytes in figures.items():
        print(f"- {name}: {megabytes:.0f} MB ({megabytes / baseline:.1f}x the baseline)")


if __name__ == "__main__":
    main()
