"""Strict helpers that read settings from the environment.

A value that cannot be understood stops start-up with a message naming the variable: a typo in
production must never quietly fall back to a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class ImproperlyConfiguredEnv(ImproperlyConfigured):
    """An environment variable holds a value the portal cannot use."""


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def _raw(name: str, environ: Mapping[str, str]) -> str | None:
    """The variable's value, or the content of the file named by NAME_FILE (for secrets)."""
    value = environ.get(name)
    file_name = environ.get(f"{name}_FILE")
    if value is not None and file_name is not None:
        raise ImproperlyConfiguredEnv(f"Set {name} or {name}_FILE, not both.")
    if file_name is not None:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfiguredEnv(
                f"{name}_FILE={file_name!r} cannot be read: {exc}"
            ) from exc
    return value


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] = os.environ
) -> str:
    value = _raw(name, environ)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfiguredEnv(f"{name} must be set.")
        return default
    return value


def env_optional(name: str, *, environ: Mapping[str, str] = os.environ) -> str | None:
    value = _raw(name, environ)
    return value or None


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] = os.environ) -> bool:
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name}={value!r} is not a boolean: use true or false.")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfiguredEnv(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str] | None = None, *, environ=os.environ) -> list[str]:
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def is_web_origin(value: str) -> bool:
    """https://host or http://host:port, nothing after: what CSP's frame-ancestors may name."""
    scheme, _sep, host = value.partition("://")
    return scheme in ("https", "http") and bool(host) and not any(c in host for c in "/;,'\" \t")
