"""Settings fail loudly on values they cannot use, and pick the services the environment names."""

import pytest

from core.env import (
    ImproperlyConfiguredEnv,
    env_bool,
    env_int,
    env_list,
    env_str,
)
from tests.settings_probe import probe_json, run_probe

PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "broker_options": settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    "email": settings.EMAIL_BACKEND,
    "language": settings.LANGUAGE_CODE,
    "time_zone": settings.TIME_ZONE,
    "use_tz": settings.USE_TZ,
    "secret_key": settings.SECRET_KEY,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""
SERVICE_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
)


def load_settings(tmp_path, **env):
    """Import the settings in a fresh interpreter with exactly these variables set."""
    return run_probe(
        PROBE, dropped=lambda name: name in SERVICE_VARIABLES, VAR_DIR=str(tmp_path), **env
    )


def settings_of(tmp_path, **env) -> dict:
    return probe_json(
        PROBE, dropped=lambda name: name in SERVICE_VARIABLES, VAR_DIR=str(tmp_path), **env
    )


def test_nothing_set_gives_the_embedded_default(tmp_path):
    found = settings_of(tmp_path, DEBUG="true")
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["db_name"] == str(tmp_path / "db.sqlite3")
    assert found["cache"].endswith("LocMemCache")
    assert found["broker"] == "filesystem://"
    assert found["broker_options"]["data_folder_in"] == str(tmp_path / "broker" / "queue")
    assert found["email"].endswith("filebased.EmailBackend")
    assert (found["language"], found["time_zone"], found["use_tz"]) == (
        "vi",
        "Asia/Ho_Chi_Minh",
        True,
    )


def test_service_urls_switch_to_postgresql_redis_and_smtp(tmp_path):
    found = settings_of(
        tmp_path,
        DEBUG="true",
        DATABASE_URL="postgres://portal:secret@db.example.org:5432/portal",
        REDIS_URL="redis://cache.example.org:6379/0",
        EMAIL_HOST="smtp.example.org",
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["broker"] == "redis://cache.example.org:6379/0"
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_turns_on_https_protections(tmp_path):
    found = settings_of(
        tmp_path, DEBUG="false", SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example.org"
    )
    assert found["debug"] is False
    assert found["hsts"] >= 31_536_000
    assert found["ssl_redirect"] is True


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text("k" * 64 + "\n", encoding="utf-8")
    found = settings_of(
        tmp_path, DEBUG="false", SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="portal.example.org"
    )
    assert found["secret_key"] == "k" * 64


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "false", "ALLOWED_HOSTS": "portal.example.org"}, "SECRET_KEY must be set"),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS must be set"),
        (
            {"DEBUG": "true", "DATABASE_URL": "mysql://u@h/db"},
            "DATABASE_URL must point to PostgreSQL",
        ),
        (
            {"DEBUG": "true", "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "twenty-five"},
            "EMAIL_PORT='twenty-five' is not a whole number",
        ),
        (
            {
                "DEBUG": "true",
                "EMAIL_HOST": "smtp.example.org",
                "EMAIL_USE_TLS": "true",
                "EMAIL_USE_SSL": "true",
            },
            "not both",
        ),
        ({"DEBUG": "true", "SECRET_KEY": "a", "SECRET_KEY_FILE": "/nonexistent"}, "not both"),
        ({"DEBUG": "true", "SECRET_KEY_FILE": "/nonexistent/secret"}, "cannot be read"),
    ],
)
def test_bad_values_stop_start_up_with_a_message_naming_the_variable(tmp_path, env, message):
    result = load_settings(tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("FALSE", False), (" yes ", True), ("0", False)]
)
def test_env_bool_reads_the_usual_spellings(raw, expected):
    assert env_bool("FLAG", default=not expected, environ={"FLAG": raw}) is expected


def test_env_helpers_use_defaults_only_for_unset_or_empty_values():
    assert env_bool("FLAG", default=True, environ={}) is True
    assert env_bool("FLAG", default=False, environ={"FLAG": ""}) is False
    assert env_int("N", 5, environ={}) == 5
    assert env_list("HOSTS", ["a"], environ={"HOSTS": " b, c ,"}) == ["b", "c"]
    with pytest.raises(ImproperlyConfiguredEnv, match="must be set"):
        env_str("REQUIRED", environ={})
    with pytest.raises(ImproperlyConfiguredEnv, match="at least 1"):
        env_int("N", 5, minimum=1, environ={"N": "0"})
