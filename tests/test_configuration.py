"""Settings: production refuses to run without its secrets; development makes its own."""

import json

import pytest

import config
from screening import ConfigError, create_app


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
