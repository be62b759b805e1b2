"""The screening app: create_app(config) wires settings, database, CSRF, blueprints and commands."""

import json
import os
import sqlite3
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

import config as settings
from config import ConfigError

from .crypto import Vault, new_key
from .extensions import csrf, limiter, login_manager, migrate
from .models import db
from .web.sessions import AudienceSessionInterface

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type | Mapping | None = None) -> Flask:
    """Build the app. `config` is a class from config.py, or a mapping of test settings applied on
    top of TestConfig. Without one, SCREENING_CONFIG (development or production) picks the class."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("SCREENING_INSTANCE", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    if isinstance(config, Mapping):
        app.config.from_object(settings.TestConfig)
        app.config.update(config)
    else:
        app.config.from_object(config or chosen_config())
        app.config.update(settings.from_environment())
    if problems := settings.problems_together(app.config):
        raise ConfigError(settings.cannot_start(problems))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    load_secrets(app)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app)
    app.extensions["screening.vault"] = Vault(app.config["ENCRYPTION_KEYS"].split(","), app.config["LOOKUP_KEY"])

    # Staff sessions are the permanent ones; patients' sessions end with PATIENT_IDLE_MINUTES (web/sessions.py).
    app.permanent_session_lifetime = timedelta(minutes=app.config["STAFF_IDLE_MINUTES"])
    app.session_interface = AudienceSessionInterface(timedelta(minutes=app.config["PATIENT_IDLE_MINUTES"]))

    if app.config["TRUSTED_PROXIES"] > 0:
        # Rate limits and sign-in counts then key on the client the proxy names, not on the proxy.
        proxies = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    db.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    from . import cli
    from .intake.views import bp as intake_bp
    from .intake.views import expired_step
    from .staff.views import bp as staff_bp
    from .web import deployment_warnings, errors, headers, record_ids, templating

    record_ids.register(app)
    app.register_blueprint(intake_bp)
    app.register_blueprint(staff_bp)
    errors.register(app, {"intake.step": expired_step})
    headers.register(app)
    deployment_warnings.register(app)
    templating.register(app)
    cli.register(app)
    return app


def chosen_config() -> type:
    name = os.environ.get("SCREENING_CONFIG", "development")
    if name not in settings.CONFIGS:
        raise ConfigError(settings.cannot_start([f"SCREENING_CONFIG must be production or development, not {name!r}."]))
    return settings.CONFIGS[name]


SECRETS = ("SECRET_KEY", "ENCRYPTION_KEYS", "LOOKUP_KEY")


def load_secrets(app: Flask) -> None:
    """Development keeps generated secrets in instance/secrets.json; production must be given them."""
    missing = [name for name in SECRETS if not app.config.get(name)]
    if not missing:
        return
    if not app.config["CREATE_MISSING_KEYS"]:
        raise ConfigError(
            f"Missing setting(s): {', '.join(missing)}. Set them as environment variables, for example:\n"
            "  export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')\n"
            "  export LOOKUP_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')\n"
            "  export ENCRYPTION_KEYS=$(python -c "
            "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')\n"
            "Keep them secret and backed up: without ENCRYPTION_KEYS the stored answers cannot be read."
        )
    path = Path(app.instance_path) / "secrets.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    fresh = {"SECRET_KEY": os.urandom(32).hex(), "ENCRYPTION_KEYS": new_key(), "LOOKUP_KEY": os.urandom(32).hex()}
    for name in missing:
        stored.setdefault(name, fresh[name])
        app.config[name] = stored[name]
    path.touch(mode=0o600)
    path.write_text(json.dumps(stored, indent=2))


def database_url(app: Flask) -> str:
    url = app.config.get("DATABASE_URL") or f"sqlite:///{Path(app.instance_path) / 'screening.db'}"
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """SQLite: write-ahead log so readers never wait on a writer, and foreign keys enforced."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
