"""Settings for development, tests and production.

`create_app` starts from one of these classes; environment variables of the same name win over
the class (except in tests, which must never touch a real database by accident).
"""

import os

ENV_SETTINGS = (
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
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
    "TRUSTED_PROXIES",
    "START_LIMIT",
    "PATIENT_COPY_LIMIT",
    "REVEAL_LIMIT",
    "FHIR_BASE_URL",
    "APP_URL",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_FROM",
    "ALERT_EMAILS",
    "ALERT_ESCALATE_EMAILS",
    "ALERT_ESCALATE_MINUTES",
    "ALERT_WEBHOOK_URL",
    "ALERT_INCLUDE_REASON",
    "ALERT_CONSENT_TEXT",
    "ALERTS_AFTER_RESPONSE",
    "UNITS",
)

# The clinical reference's default wording, in two short sentences a patient reads at a 6th-grade level: the same
# two triggers, the clinic told at once, a call, before the form is sent.
ALERT_CONSENT = (
    "If your answers show you may hurt yourself, or your blood pressure is very high, the clinic may be told right "
    "away. We may call you, even before you send this form."
)


class Config:
    SECRET_KEY = None
    # Earlier SECRET_KEYs whose cookies are still taken (Flask 3.1), so a new key signs no one out: every response
    # signs with SECRET_KEY. Comma-separated in the environment.
    SECRET_KEY_FALLBACKS = ()
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
    # hide_parameters: a database error's message (which may reach a log) never quotes the values sent with it (only
    # PostgreSQL's own detail names a duplicate key: random ids and hashes, never answers).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    # Development creates missing keys under instance/; production refuses to start without them.
    CREATE_MISSING_KEYS = False
    REPORT_PAGE_SIZE = "letter"  # or "A4"
    STAFF_IDLE_MINUTES = 15
    PATIENT_IDLE_MINUTES = 30
    # Failed staff sign-ins allowed in SIGN_IN_WINDOW_MINUTES (staff/accounts.py): for one account from one address
    # (a stranger failing elsewhere does not lock its owner out), from one address for any accounts, and for one
    # account from all addresses together (guessing spread over many), except from an address the account signed in
    # from in the last SIGN_IN_KNOWN_ADDRESS_DAYS.
    SIGN_IN_WINDOW_MINUTES = 15
    SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS = 5
    SIGN_IN_ATTEMPTS_PER_ADDRESS = 20
    SIGN_IN_ATTEMPTS_PER_ACCOUNT = 25
    SIGN_IN_KNOWN_ADDRESS_DAYS = 30
    DRAFT_RETENTION_DAYS = 30
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    RESUME_LIMIT = "10 per 15 minutes"  # resume attempts per address
    START_LIMIT = "30 per hour"  # new forms per address: a clinic's front desk, not a script filling the database
    PATIENT_COPY_LIMIT = "10 per minute"  # downloads of the patient's own copy per address: each is a fresh render
    # Follow-ups revealed in place, per intake: a page's script asks on each answer that opens a question. Past it the
    # script stops and the page reloads to show follow-ups, as without JavaScript; saving is never limited.
    REVEAL_LIMIT = "120 per minute"
    RESUME_FAILURES_BEFORE_LOCK = 5  # wrong dates of birth for one code before the code stops working
    # True: the web process only records that a clinician's PDF is wanted, and `flask worker --watch`
    # renders it in a process of its own, so a backlog of renders never holds up form pages. False: rendered
    # in the web request, which a single `flask run` needs.
    PDF_WORKER = False
    # How many proxies in front of the app (a TLS terminator: 1) set X-Forwarded-For and -Proto. 0 ignores those
    # headers, as anyone can send them; behind a proxy, 0 would put every client in one rate-limit bucket.
    TRUSTED_PROXIES = 0
    # Where the clinic's FHIR resources live: the exported Questionnaire's canonical URL and the answer
    # CodeSystem's URL start with it. Set it to the clinic's FHIR server; the default resolves nowhere.
    FHIR_BASE_URL = "https://example.org/fhir"
    # Alerts (screening/alerts/): an intake that needs attention now is told to a person within a minute, sent
    # or not. Email when MAIL_SERVER and ALERT_EMAILS are set; a JSON POST when ALERT_WEBHOOK_URL is set.
    APP_URL = "http://127.0.0.1:5000"  # the public address staff sign in at, for the link in an alert
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_USE_TLS = True  # STARTTLS
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_FROM = ""
    ALERT_EMAILS = ""  # comma-separated
    ALERT_ESCALATE_EMAILS = ""  # told when nobody acknowledged in time; empty: ALERT_EMAILS again
    ALERT_ESCALATE_MINUTES = 15
    ALERT_WEBHOOK_URL = ""
    ALERT_INCLUDE_REASON = False  # name the reason's category (self-harm, blood pressure) in alerts
    ALERT_CONSENT_TEXT = ALERT_CONSENT  # said to the patient with the consent on step 1
    # Without a worker, the web process sends due alerts in a short thread after the response
    # (alerts/background.py). None: exactly when PDF_WORKER is off.
    ALERTS_AFTER_RESPONSE = None
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
    ALERTS_AFTER_RESPONSE = False  # tests run the worker's pass themselves


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    # The browser takes a __Host- cookie only from this host over HTTPS, without a Domain: a sibling subdomain (the
    # clinic's website, a test server) cannot plant a session of its choosing, such as a draft it then reads.
    SESSION_COOKIE_NAME = "__Host-session"
    PDF_WORKER = True


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def from_environment() -> dict:
    settings = {name: os.environ[name] for name in ENV_SETTINGS if os.environ.get(name)}
    if "SECRET_KEY_FALLBACKS" in settings:
        settings["SECRET_KEY_FALLBACKS"] = [key.strip() for key in settings["SECRET_KEY_FALLBACKS"].split(",")
                                            if key.strip()]
    for name in ("STAFF_IDLE_MINUTES", "PATIENT_IDLE_MINUTES", "DRAFT_RETENTION_DAYS", "TRUSTED_PROXIES", "MAIL_PORT"):
        if name in settings:
            settings[name] = int(settings[name])
    if "ALERT_ESCALATE_MINUTES" in settings:
        settings["ALERT_ESCALATE_MINUTES"] = float(settings["ALERT_ESCALATE_MINUTES"])
    for name in ("PDF_WORKER", "MAIL_USE_TLS", "ALERT_INCLUDE_REASON", "ALERTS_AFTER_RESPONSE"):
        if name in settings:
            settings[name] = on_or_off(name, settings[name])
    if "UNITS" in settings and settings["UNITS"].strip().lower() not in ("us", "metric"):
        raise ValueError(f"UNITS must be us or metric, not {settings['UNITS']!r}.")
    if "UNITS" in settings:
        settings["UNITS"] = settings["UNITS"].strip().lower()
    return settings


def on_or_off(name: str, value: str) -> bool:
    """An on/off setting; anything unclear stops the app, since a guess could leave PDFs to a worker nobody runs
    or say more in an alert than the clinic chose."""
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    try:
        return words[value.strip().lower()]
    except KeyError:
        raise ValueError(f"{name} must be 1 or 0 (or true/false, yes/no, on/off), not {value!r}.") from None
