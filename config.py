"""Settings for development, tests and production.

`create_app` starts from one of these classes; environment variables of the same name win over
the class (except in tests, which must never touch a real database by accident).
"""

import os
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
import limits
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_SETTINGS = (
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "DATABASE_URL",
    "ENCRYPTION_KEYS",
    "LOOKUP_KEY",
    "CLINIC_NAME",
    "CLINIC_PHONE",
    "CLINIC_TIMEZONE",
    "CRISIS_CALL",
    "CRISIS_TEXT",
    "EMERGENCY_NUMBER",
    "REPORT_PAGE_SIZE",
    "RATELIMIT_STORAGE_URI",
    "STAFF_IDLE_MINUTES",
    "PATIENT_IDLE_MINUTES",
    "DRAFT_RETENTION_DAYS",
    "SIGN_IN_WINDOW_MINUTES",
    "SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS",
    "SIGN_IN_ATTEMPTS_PER_ADDRESS",
    "SIGN_IN_ATTEMPTS_PER_ACCOUNT",
    "SIGN_IN_KNOWN_ADDRESS_DAYS",
    "RESUME_FAILURES_BEFORE_LOCK",
    "PDF_WORKER",
    "TRUSTED_PROXIES",
    "START_LIMIT",
    "RESUME_LIMIT",
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
    # The clinic's clock (an IANA name such as America/New_York): every time staff, the clinician and the PDF read,
    # and "today" (a visit today, an age). Times are stored in UTC whatever it is.
    CLINIC_TIMEZONE = "UTC"
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
    # account from all addresses together (guessing spread over many); the last two spare an address the account signed
    # in from in the last SIGN_IN_KNOWN_ADDRESS_DAYS (a clinic's one shared address), where only the first holds.
    SIGN_IN_WINDOW_MINUTES = 15
    SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS = 5
    SIGN_IN_ATTEMPTS_PER_ADDRESS = 20
    SIGN_IN_ATTEMPTS_PER_ACCOUNT = 25
    SIGN_IN_KNOWN_ADDRESS_DAYS = 30
    DRAFT_RETENTION_DAYS = 30
    RATELIMIT_STORAGE_URI = "memory://"
    # Redis down: each process counts in memory until Redis answers again (Flask-Limiter checks it now and then), so
    # patients can still start and resume forms, under the same limits per process, instead of getting an error.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
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


class ConfigError(click.ClickException, ValueError):
    """Settings the app cannot run with. Raised while the app is made, before it serves anything; a `flask` command
    prints it as one plain message, without a traceback."""


def from_environment() -> dict:
    """The settings the environment gives, read into their types. Every unreadable one is named at once, with what
    it must be: a wrong value stops the app as it starts, never a request later, nor a limit quietly not kept."""
    settings, problems = {}, []
    for name in ENV_SETTINGS:
        value = os.environ.get(name)
        if not value:
            continue
        try:
            settings[name] = READERS.get(name, str)(value)
        except ValueError as error:
            problems.append(f"{name} {error}")
    if problems:
        raise ConfigError(cannot_start(problems))
    return settings


def whole_number(least: int, most: int | None = None):
    def read(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            number = None
        if number is None or number < least or (most is not None and number > most):
            bounds = f"from {least} to {most}" if most is not None else f"of {least} or more"
            raise ValueError(f"must be a whole number {bounds}, not {value!r}.")
        return number
    return read


def minutes(value: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        number = 0.0
    if not number > 0 or number == float("inf"):
        raise ValueError(f"must be a number of minutes above 0, not {value!r}.")
    return number


def on_or_off(value: str) -> bool:
    """An on/off setting; anything unclear stops the app, since a guess could leave PDFs to a worker nobody runs
    or say more in an alert than the clinic chose."""
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    try:
        return words[value.strip().lower()]
    except KeyError:
        raise ValueError(f"must be 1 or 0 (or true/false, yes/no, on/off), not {value!r}.") from None


def one_of(*choices: str):
    """One of a few words, in any case, read as written in `choices`."""
    def read(value: str) -> str:
        for choice in choices:
            if value.strip().lower() == choice.lower():
                return choice
        raise ValueError(f"must be {' or '.join(choices)}, not {value!r}.")
    return read


def time_zone(value: str) -> str:
    """An IANA time zone name; a misspelt one would otherwise fail on the first staff page, not at start."""
    name = value.strip()
    if name == "UTC":
        return name
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"must be an IANA time zone name such as America/New_York or Europe/London, not {value!r} "
                         "(the tzdata package the app installs knows every one).") from None
    return name


def rate(value: str) -> str:
    """A limit Flask-Limiter reads, such as "30 per hour": one it cannot read would not be kept at all."""
    try:
        limits.parse_many(value)
    except ValueError:
        raise ValueError(f"must be a rate such as \"30 per hour\" or \"10 per 15 minutes\", not {value!r}.") from None
    return value


def web_address(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"must be an address starting http:// or https://, not {value!r}.")
    return value.strip()


def secret_web_address(value: str) -> str:
    """A web address that may hold a token (a chat tool's webhook): never repeated in a message."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an address starting http:// or https:// (the value is not shown here).")
    return value.strip()


def email_addresses(value: str) -> str:
    """Comma-separated addresses: one mistyped (a semicolon between two, a missing @) would fail on every alert."""
    wrong = [address for address in (part.strip() for part in value.split(",")) if address
             and (address.count("@") != 1 or any(mark in address for mark in " ;<>") or address.startswith("@")
                  or address.endswith("@"))]
    if wrong:
        raise ValueError(f"must be email addresses separated by commas; not one: {', '.join(map(repr, wrong))}.")
    return value


def keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def fernet_keys(value: str) -> str:
    """Newest first, comma-separated; the keys themselves are never repeated in a message."""
    for number, key in enumerate(keys(value), start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ValueError(
                f"key {number} is not a Fernet key (32 bytes in URL-safe base64; make one with python -c "
                "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
            ) from None
    if not keys(value):
        raise ValueError("holds no key.")
    return value


DATABASE_KINDS = ("postgresql", "postgres", "postgresql+psycopg", "sqlite")


def database_address(value: str) -> str:
    """PostgreSQL (psycopg 3) or SQLite. Shown without its password when wrong."""
    try:
        url = make_url(value.strip())
    except (ArgumentError, ValueError):
        raise ValueError("must be a database URL such as postgresql://user:password@host:5432/screening "
                         "(the value given could not be read, and is not shown here).") from None
    if url.drivername not in DATABASE_KINDS:
        shown = url.render_as_string(hide_password=True)
        raise ValueError(f"must be a postgresql:// or sqlite:/// URL, not {shown!r}.")
    return value.strip()


def rate_limit_storage(value: str) -> str:
    """Where limits are counted: memory for one process, Redis when several serve. Shown by its scheme only."""
    scheme = urlsplit(value.strip()).scheme
    if scheme not in ("memory", "redis", "rediss", "redis+sentinel", "redis+cluster", "redis+unix"):
        raise ValueError(f"must be memory:// or a redis:// URL, not one starting {scheme or value[:12]!r}.")
    return value.strip()


READERS = {
    "SECRET_KEY_FALLBACKS": keys,
    "DATABASE_URL": database_address,
    "CLINIC_TIMEZONE": time_zone,
    "ENCRYPTION_KEYS": fernet_keys,
    "REPORT_PAGE_SIZE": one_of("letter", "A4"),
    "RATELIMIT_STORAGE_URI": rate_limit_storage,
    "STAFF_IDLE_MINUTES": whole_number(1),
    "PATIENT_IDLE_MINUTES": whole_number(1),
    "DRAFT_RETENTION_DAYS": whole_number(1),
    "SIGN_IN_WINDOW_MINUTES": whole_number(1),
    "SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS": whole_number(1),
    "SIGN_IN_ATTEMPTS_PER_ADDRESS": whole_number(1),
    "SIGN_IN_ATTEMPTS_PER_ACCOUNT": whole_number(1),
    "SIGN_IN_KNOWN_ADDRESS_DAYS": whole_number(0),  # 0: no address is spared the limit for the account
    "RESUME_FAILURES_BEFORE_LOCK": whole_number(1),
    "PDF_WORKER": on_or_off,
    "TRUSTED_PROXIES": whole_number(0),
    "START_LIMIT": rate,
    "RESUME_LIMIT": rate,
    "PATIENT_COPY_LIMIT": rate,
    "REVEAL_LIMIT": rate,
    "FHIR_BASE_URL": web_address,
    "APP_URL": web_address,
    "MAIL_PORT": whole_number(1, 65535),
    "MAIL_USE_TLS": on_or_off,
    "ALERT_EMAILS": email_addresses,
    "ALERT_ESCALATE_EMAILS": email_addresses,
    "ALERT_ESCALATE_MINUTES": minutes,
    "ALERT_WEBHOOK_URL": secret_web_address,
    "ALERT_INCLUDE_REASON": on_or_off,
    "ALERTS_AFTER_RESPONSE": on_or_off,
    "UNITS": one_of("us", "metric"),
}


def is_production(settings) -> bool:
    """SCREENING_CONFIG=production (cookies over HTTPS only), not in debug and not under test."""
    return bool(settings.get("SESSION_COOKIE_SECURE")) and not settings.get("DEBUG") and not settings.get("TESTING")


def problems_together(settings) -> list[str]:
    """Settings each readable alone that cannot go together: checked once the class and the environment are merged."""
    problems = []
    alerts_on = (settings.get("MAIL_SERVER") and settings.get("ALERT_EMAILS")) or settings.get("ALERT_WEBHOOK_URL")
    if settings.get("SESSION_COOKIE_SECURE") and alerts_on and not settings["APP_URL"].startswith("https://"):
        problems.append(f"APP_URL must be the https:// address staff sign in at, the link in every alert, not "
                        f"{settings['APP_URL']!r} (production cookies travel over HTTPS only).")
    if settings.get("MAIL_SERVER") and int(settings["MAIL_PORT"]) == 465:
        problems.append("MAIL_PORT 465 is SMTP over TLS from the first byte, which the app does not speak: use the "
                        "mail server's STARTTLS port (587, the default) with MAIL_USE_TLS on.")
    return problems


def cannot_start(problems: list[str]) -> str:
    return "The app cannot start with these settings:\n" + "\n".join(f"  - {problem}" for problem in problems)
