"""Settings for development, tests and production.

`create_app` starts from one of these classes; environment variables of the same name win over
the class (except in tests, which must never touch a real database by accident).
"""

import os

ENV_SETTINGS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "ENCRYPTION_KEYS",
    "LOOKUP_KEY",
    "CLINIC_NAME",
    "CLINIC_PHONE",
    "CRISIS_CALL",
    "CRISIS_TEXT",
    "EMERGENCY_NUMBER",
    "REPORT_PAGE_SIZE",
    "RATELIMIT_STORAGE_URI",
    "STAFF_IDLE_MINUTES",
    "PATIENT_IDLE_MINUTES",
    "DRAFT_RETENTION_DAYS",
    "PDF_WORKER",
    "UNITS",
)


class Config:
    SECRET_KEY = None
    DATABASE_URL = None  # None: SQLite file under instance/
    ENCRYPTION_KEYS = None  # comma-separated Fernet keys, newest first
    LOOKUP_KEY = None  # secret for keyed hashes of resume codes
    CLINIC_NAME = "Your clinic"
    CLINIC_PHONE = ""
    CRISIS_CALL = "988"
    CRISIS_TEXT = "988"
    EMERGENCY_NUMBER = "911"
    # A crafted request may carry megabytes in one field: read it, answer with a message next to
    # the field, and stop there.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 16 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = 4 * 3600
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Development creates missing keys under instance/; production refuses to start without them.
    CREATE_MISSING_KEYS = False
    REPORT_PAGE_SIZE = "letter"  # or "A4"
    STAFF_IDLE_MINUTES = 15
    PATIENT_IDLE_MINUTES = 30
    SIGN_IN_WINDOW_MINUTES = 15
    SIGN_IN_ATTEMPTS_PER_ACCOUNT = 5
    SIGN_IN_ATTEMPTS_PER_ADDRESS = 20
    DRAFT_RETENTION_DAYS = 30
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    RESUME_LIMIT = "10 per 15 minutes"  # resume attempts per address
    RESUME_FAILURES_BEFORE_LOCK = 5  # wrong dates of birth for one code before the code stops working
    # True: the web process only records that a clinician's PDF is wanted, and `flask render-pdfs --watch`
    # renders it in a process of its own, so a backlog of renders never holds up form pages. False: rendered
    # in the web request, which a single `flask run` needs.
    PDF_WORKER = False
    # Height and weight on the page: "metric" (cm, kg) or "us" (feet, inches, pounds); the patient may switch.
    # Answers are stored in metric either way.
    UNITS = "metric"


class DevelopmentConfig(Config):
    CREATE_MISSING_KEYS = True


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    ENCRYPTION_KEYS = "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8="
    LOOKUP_KEY = "test-lookup-key"
    DATABASE_URL = "sqlite://"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    PDF_WORKER = True


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def from_environment() -> dict:
    settings = {name: os.environ[name] for name in ENV_SETTINGS if os.environ.get(name)}
    for name in ("STAFF_IDLE_MINUTES", "PATIENT_IDLE_MINUTES", "DRAFT_RETENTION_DAYS"):
        if name in settings:
            settings[name] = int(settings[name])
    if "PDF_WORKER" in settings:
        settings["PDF_WORKER"] = on_or_off("PDF_WORKER", settings["PDF_WORKER"])
    if "UNITS" in settings and settings["UNITS"].strip().lower() not in ("us", "metric"):
        raise ValueError(f"UNITS must be us or metric, not {settings['UNITS']!r}.")
    if "UNITS" in settings:
        settings["UNITS"] = settings["UNITS"].strip().lower()
    return settings


def on_or_off(name: str, value: str) -> bool:
    """An on/off setting; anything unclear stops the app, since a guess could leave PDFs to a worker nobody runs."""
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    try:
        return words[value.strip().lower()]
    except KeyError:
        raise ValueError(f"{name} must be 1 or 0 (or true/false, yes/no, on/off), not {value!r}.") from None
