"""Settings: production refuses to run without its secrets, development makes its own, a value the app cannot use
stops it at start, and README's table names every setting with its default."""

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Patient, Staff, typical_answers

import config
from screening import ConfigError, create_app
from screening.models import db

RESUME_CODE = re.compile(r'<p class="resume-code"[^>]*>([A-Z0-9-]+)</p>')


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    for name in ("SECRET_KEY", "ENCRYPTION_KEYS", "LOOKUP_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError) as error:
        create_app(config.ProductionConfig)
    assert "SECRET_KEY" in str(error.value)
    assert "export SECRET_KEY=" in str(error.value)
    assert not (tmp_path / "secrets.json").exists()


def test_production_starts_with_secrets_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("LOOKUP_KEY", "l" * 64)
    monkeypatch.setenv("ENCRYPTION_KEYS", config.TestConfig.ENCRYPTION_KEYS)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    app = create_app(config.ProductionConfig)
    assert app.config["SECRET_KEY"] == "s" * 64
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("prod.db")


def test_development_creates_its_keys_once_under_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    for name in ("SECRET_KEY", "ENCRYPTION_KEYS", "LOOKUP_KEY", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    first = create_app(config.DevelopmentConfig)
    second = create_app(config.DevelopmentConfig)
    stored = json.loads((tmp_path / "secrets.json").read_text())
    assert first.config["ENCRYPTION_KEYS"] == second.config["ENCRYPTION_KEYS"] == stored["ENCRYPTION_KEYS"]
    assert oct((tmp_path / "secrets.json").stat().st_mode & 0o777) == "0o600"
    assert first.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'screening.db'}"


def test_postgres_urls_get_the_psycopg_driver(monkeypatch, tmp_path):
    app = create_app({"DATABASE_URL": "postgres://user@db.example/screening"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://user@db.example/screening"


# The settings table in README.md

README = Path(__file__).resolve().parent.parent / "README.md"
ROOT = README.parent
# Defaults the table describes in words rather than as the value config.py holds.
DESCRIBED_DEFAULTS = {"SECRET_KEY", "ENCRYPTION_KEYS", "LOOKUP_KEY", "DATABASE_URL", "PDF_WORKER", "MAIL_FROM",
                      "ALERT_CONSENT_TEXT", "ALERTS_AFTER_RESPONSE", "SCREENING_INSTANCE", "SCREENING_CONFIG"}


def settings_table() -> dict[str, str]:
    """Each variable the README's Configuration table names, with its default as the table states it."""
    part = README.read_text().split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in part.splitlines():
        if not line.startswith("| `"):
            continue
        names_cell, _meaning, default_cell = (cell.strip() for cell in line.strip("|").split(" | "))
        names = re.findall(r"`([A-Z_]+)`", names_cell)
        defaults = default_cell.split(", ") if len(names) > 1 else [default_cell]
        assert len(defaults) == len(names), line
        rows.update(zip(names, defaults, strict=True))
    return rows


def settings_read() -> set[str]:
    """What the app takes from the environment: config.py's list, and any name the code looks up itself."""
    looked_up = set()
    for path in [ROOT / "config.py", *(ROOT / "screening").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and ast.unparse(node.func) in ("os.environ.get", "os.getenv")
                    and isinstance(node.args[0], ast.Constant)):
                looked_up.add(node.args[0].value)
    return set(config.ENV_SETTINGS) | looked_up


def test_the_readme_table_names_every_setting_the_app_reads_and_no_other():
    assert set(settings_table()) == settings_read()


def test_the_readme_table_gives_each_settings_default_as_config_py_has_it():
    def as_written(value) -> str:
        if value in (None, "", ()):
            return "none"
        if isinstance(value, bool):
            return "on" if value else "off"
        return str(value)

    for name, default in settings_table().items():
        if name not in DESCRIBED_DEFAULTS:
            stated = default.replace("`", "").strip('"')
            assert re.match(re.escape(as_written(getattr(config.Config, name))) + r"($|:| \()", stated), name


# Values the app cannot use stop it as it starts

def production_environment(monkeypatch, tmp_path, **settings: str) -> None:
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    for name in config.ENV_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    given = {"SECRET_KEY": "s" * 64, "LOOKUP_KEY": "l" * 64, "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS,
             "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}", **settings}
    for name, value in given.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize(("name", "value", "said"), [
    ("UNITS", "imperial", "UNITS must be us or metric, not 'imperial'"),
    ("REPORT_PAGE_SIZE", "legal", "REPORT_PAGE_SIZE must be letter or A4, not 'legal'"),
    ("STAFF_IDLE_MINUTES", "fifteen", "STAFF_IDLE_MINUTES must be a whole number of 1 or more, not 'fifteen'"),
    ("PATIENT_IDLE_MINUTES", "0", "PATIENT_IDLE_MINUTES must be a whole number of 1 or more, not '0'"),
    ("TRUSTED_PROXIES", "one", "TRUSTED_PROXIES must be a whole number of 0 or more, not 'one'"),
    ("MAIL_PORT", "70000", "MAIL_PORT must be a whole number from 1 to 65535, not '70000'"),
    ("ALERT_ESCALATE_MINUTES", "soon", "ALERT_ESCALATE_MINUTES must be a number of minutes above 0, not 'soon'"),
    ("START_LIMIT", "lots", "START_LIMIT must be a rate such as \"30 per hour\""),
    ("RESUME_LIMIT", "10 every quarter", "RESUME_LIMIT must be a rate such as"),
    ("APP_URL", "clinic.example", "APP_URL must be an address starting http:// or https://, not 'clinic.example'"),
    ("ALERT_EMAILS", "ana@clinic.example; bo@clinic.example", "ALERT_EMAILS must be email addresses separated by "
                                                               "commas; not one: 'ana@clinic.example; bo@clinic"),
    ("RATELIMIT_STORAGE_URI", "memcache://cache:11211", "RATELIMIT_STORAGE_URI must be memory:// or a redis:// URL"),
    ("DATABASE_URL", "mysql://screening:hunter2@db/screening",
     "DATABASE_URL must be a postgresql:// or sqlite:/// URL, not 'mysql://screening:***@db/screening'"),
    ("DATABASE_URL", "db.clinic.example", "DATABASE_URL must be a database URL such as postgresql://"),
    ("ENCRYPTION_KEYS", config.TestConfig.ENCRYPTION_KEYS + ",not-a-key", "ENCRYPTION_KEYS key 2 is not a Fernet key"),
    ("CLINIC_TIMEZONE", "EST5", "CLINIC_TIMEZONE must be an IANA time zone name such as America/New_York"),
    ("CLINIC_TIMEZONE", "America/Nowhere", "CLINIC_TIMEZONE must be an IANA time zone name such as America/New_York"),
    ("SIGN_IN_WINDOW_MINUTES", "a quarter hour", "SIGN_IN_WINDOW_MINUTES must be a whole number of 1 or more"),
    ("SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS", "0",
     "SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS must be a whole number of 1 or more, not '0'"),
    ("SIGN_IN_ATTEMPTS_PER_ADDRESS", "twenty", "SIGN_IN_ATTEMPTS_PER_ADDRESS must be a whole number of 1 or more"),
    ("SIGN_IN_ATTEMPTS_PER_ACCOUNT", "2.5", "SIGN_IN_ATTEMPTS_PER_ACCOUNT must be a whole number of 1 or more"),
    ("SIGN_IN_KNOWN_ADDRESS_DAYS", "-1", "SIGN_IN_KNOWN_ADDRESS_DAYS must be a whole number of 0 or more, not '-1'"),
    ("RESUME_FAILURES_BEFORE_LOCK", "none", "RESUME_FAILURES_BEFORE_LOCK must be a whole number of 1 or more"),
])
def test_a_value_the_app_cannot_use_stops_it_at_start_naming_the_setting(monkeypatch, tmp_path, name, value, said):
    production_environment(monkeypatch, tmp_path, **{name: value})
    with pytest.raises(ConfigError) as error:
        create_app(config.ProductionConfig)
    assert said in str(error.value)


def test_every_unusable_setting_is_named_at_once_and_no_secret_is_repeated(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, UNITS="imperial", PATIENT_COPY_LIMIT="many",
                           DATABASE_URL="postgresql//screening:hunter2@db/screening",
                           ENCRYPTION_KEYS="c2VjcmV0LWtleS1ub3QtZmVybmV0",
                           ALERT_WEBHOOK_URL="hooks.chat.example/T0/B0/XyZsecret")
    with pytest.raises(ConfigError) as error:
        create_app(config.ProductionConfig)
    message = str(error.value)
    for name in ("UNITS", "PATIENT_COPY_LIMIT", "DATABASE_URL", "ENCRYPTION_KEYS", "ALERT_WEBHOOK_URL"):
        assert f"- {name} " in message
    for secret in ("hunter2", "c2VjcmV0", "XyZsecret"):
        assert secret not in message


def test_values_are_read_in_their_own_types_whatever_their_case(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, REPORT_PAGE_SIZE="a4", UNITS=" US ", MAIL_USE_TLS="Off",
                           STAFF_IDLE_MINUTES="20", ALERT_ESCALATE_MINUTES="7.5", START_LIMIT="5 per minute",
                           SECRET_KEY_FALLBACKS="old-one, older-one", CLINIC_TIMEZONE=" America/New_York ")
    settings = create_app(config.ProductionConfig).config
    assert settings["CLINIC_TIMEZONE"] == "America/New_York"
    assert (settings["REPORT_PAGE_SIZE"], settings["UNITS"], settings["MAIL_USE_TLS"]) == ("A4", "us", False)
    assert (settings["STAFF_IDLE_MINUTES"], settings["ALERT_ESCALATE_MINUTES"]) == (20, 7.5)
    assert settings["START_LIMIT"] == "5 per minute"
    assert settings["SECRET_KEY_FALLBACKS"] == ["old-one", "older-one"]


def test_the_sign_in_and_resume_limits_are_taken_from_the_environment(app, database, monkeypatch, tmp_path,
                                                                     make_staff):
    """A clinic tightens or loosens them without editing code; the pages keep what the settings say."""
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    for name, value in {"DATABASE_URL": database, "SECRET_KEY": "s" * 64, "LOOKUP_KEY": config.TestConfig.LOOKUP_KEY,
                        "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS, "SIGN_IN_WINDOW_MINUTES": "7",
                        "SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS": "2", "RESUME_FAILURES_BEFORE_LOCK": "2"}.items():
        monkeypatch.setenv(name, value)
    clinic = create_app(config.DevelopmentConfig)
    try:
        nurse = Staff(clinic.test_client(), make_staff(signed_in=False).email)
        assert [nurse.sign_in("wrong password").status_code for _ in range(2)] == [422, 422]
        refused = nurse.sign_in()
        assert "Too many attempts. Wait 7 minutes, then try again." in refused.text

        patient = Patient(clinic.test_client())
        patient.start()
        code = RESUME_CODE.search(patient.answer("about_you", typical_answers()["about_you"]).text).group(1)
        elsewhere = Patient(clinic.test_client())
        for _ in range(2):
            elsewhere.post_form("/resume", {"code": code, "date_of_birth": "1990-01-01"})
        right_date = elsewhere.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"})
        assert right_date.status_code == 422, "two wrong dates of birth stopped the code"
    finally:
        with clinic.app_context():
            db.engine.dispose()


def test_production_alerts_need_the_https_address_staff_sign_in_at(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, MAIL_SERVER="smtp.clinic.example",
                           ALERT_EMAILS="on-call@clinic.example")
    with pytest.raises(ConfigError, match="APP_URL must be the https:// address staff sign in at"):
        create_app(config.ProductionConfig)
    monkeypatch.setenv("APP_URL", "https://intake.clinic.example")
    assert create_app(config.ProductionConfig).config["APP_URL"] == "https://intake.clinic.example"


def test_the_smtps_port_is_refused_with_the_port_to_use_instead(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, MAIL_SERVER="smtp.clinic.example", MAIL_PORT="465",
                           ALERT_EMAILS="on-call@clinic.example", APP_URL="https://intake.clinic.example")
    with pytest.raises(ConfigError, match="MAIL_PORT 465 is SMTP over TLS from the first byte"):
        create_app(config.ProductionConfig)


def test_a_mistyped_screening_config_is_named(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, SCREENING_CONFIG="prod")
    with pytest.raises(ConfigError, match="SCREENING_CONFIG must be production or development, not 'prod'"):
        create_app()


def test_a_flask_command_says_what_to_fix_without_a_traceback(tmp_path):
    env = {**os.environ, "SCREENING_INSTANCE": str(tmp_path), "SCREENING_CONFIG": "development", "UNITS": "imperial",
           "START_LIMIT": "lots", "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.db'}"}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "screening", "db", "upgrade"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: The app cannot start with these settings:\n")
    assert "UNITS must be us or metric" in done.stderr and "START_LIMIT must be a rate" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "dev.db").exists()


def test_every_make_command_the_readme_names_is_a_target_of_the_makefile():
    """A merge once dropped `make lock` and `make audit` while README went on naming them."""
    named = set(re.findall(r"(?:`|^)make ([a-z][a-z-]*)", README.read_text(), re.M))  # as code, not prose
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M))
    assert {"run", "test", "lock", "audit"} <= named
    assert named - targets == set()
