"""Static files and uploads: folders on this machine, or an S3-compatible object store (MinIO, ...)
that every web host and worker sees."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from core.env import env_int, env_optional, env_str

from .base import BASE_DIR, DEBUG, VAR_DIR

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files the public sends with a hotline ticket are not public: they live outside MEDIA_ROOT and
# only staff open them, through a view that checks permission.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# Where uploads are kept: "filesystem" (the folders above, on this machine) or "s3", an
# S3-compatible object store (MinIO, ...) that every web host and worker sees: docs/deploy.md.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem").strip().lower()
# Origins other than the portal's own that public pages may load images from (the object store's
# public address in "s3" mode).
_MEDIA_IMG_ORIGINS: list[str] = []
if MEDIA_STORAGE == "filesystem":
    _MEDIA_STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
elif MEDIA_STORAGE == "s3":
    # boto3 and django-storages come only with the s3 extra: most installs never need them.
    try:
        import boto3  # noqa: F401 (S3Storage imports it at the first upload; fail now instead)
        import storages  # noqa: F401
        from botocore.config import Config as _BotoConfig
    except ImportError as missing:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs boto3 and django-storages, which this installation lacks "
            f"(no module {(missing.name or '?').split('.')[0]!r}). Install the s3 extra: "
            'pip install -c constraints.txt -e ".[s3]"'
        ) from missing

    _S3_REQUIRED = (
        "MEDIA_S3_ENDPOINT_URL",
        "MEDIA_S3_BUCKET",
        "MEDIA_S3_ACCESS_KEY_ID",
        "MEDIA_S3_SECRET_ACCESS_KEY",
    )
    _s3 = {name: env_optional(name) for name in _S3_REQUIRED}
    _missing = [name for name, value in _s3.items() if value is None]
    if _missing:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE=s3 needs {', '.join(_missing)} (a secret may come from <NAME>_FILE); "
            "see docs/deploy.md."
        )

    def _http_url(name: str, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise ImproperlyConfigured(
                f"{name}={value!r} is not an address such as https://s3.example.gov.vn."
            )
        return value.rstrip("/")

    def _bucket(name: str, value: str) -> str:
        # S3's naming rules, which MinIO shares: a typo is refused here, not at the first upload.
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", value):
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a bucket name: 3 to 63 lower-case letters, digits, "
                "dots or hyphens."
            )
        return value

    _s3_endpoint = _http_url("MEDIA_S3_ENDPOINT_URL", _s3["MEDIA_S3_ENDPOINT_URL"])
    _s3_public_bucket = _bucket("MEDIA_S3_BUCKET", _s3["MEDIA_S3_BUCKET"])
    # Hotline attachments and embargoed press files: a bucket of their own is safest; without
    # one they share the public bucket under the private/ prefix, which must stay unreadable.
    _s3_private_bucket = _bucket(
        "MEDIA_S3_PRIVATE_BUCKET", env_str("MEDIA_S3_PRIVATE_BUCKET", _s3_public_bucket)
    )
    _s3_addressing = env_str("MEDIA_S3_ADDRESSING_STYLE", "path")
    if _s3_addressing not in ("path", "virtual"):
        raise ImproperlyConfigured(
            f"MEDIA_S3_ADDRESSING_STYLE={_s3_addressing!r}: use path (MinIO) or virtual."
        )
    _s3_common = {
        "endpoint_url": _s3_endpoint,
        "region_name": env_str("MEDIA_S3_REGION", "us-east-1"),
        "access_key": _s3["MEDIA_S3_ACCESS_KEY_ID"],
        "secret_key": _s3["MEDIA_S3_SECRET_ACCESS_KEY"],
        # Names are generated, but two uploads must never replace each other's file.
        "file_overwrite": False,
        # A file read for a download is spooled to a temporary file past this size, not memory.
        "max_memory_size": 2 * 1024 * 1024,
        # A store that does not answer fails the request in seconds (botocore's default is a
        # minute per try), and the page says so instead of tying up a web worker.
        "client_config": _BotoConfig(
            s3={"addressing_style": _s3_addressing},
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"mode": "standard", "max_attempts": 3},
        ),
    }
    # Browsers fetch public files from here: by default the store itself (its bucket must allow
    # anonymous reads of media/); or the portal's own host when nginx proxies /media/ to it.
    _s3_public_url = _http_url(
        "MEDIA_S3_PUBLIC_URL",
        env_str("MEDIA_S3_PUBLIC_URL", f"{_s3_endpoint}/{_s3_public_bucket}"),
    )
    _s3_public = urlsplit(_s3_public_url)
    _MEDIA_IMG_ORIGINS.append(f"{_s3_public.scheme}://{_s3_public.netloc}")
    _MEDIA_STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_common,
                "bucket_name": _s3_public_bucket,
                "location": "media",
                # Public files keep one permanent address (article bodies store it), unsigned.
                "querystring_auth": False,
                "url_protocol": f"{_s3_public.scheme}:",
                "custom_domain": _s3_public.netloc + _s3_public.path,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_common,
                "bucket_name": _s3_private_bucket,
                "location": "private",
                "default_acl": "private",
                # The portal streams these files itself after checking permission; an address
                # of the store, should one ever be made, is signed and short-lived.
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use filesystem or s3.")
STORAGES = {
    **_MEDIA_STORAGES,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
# Largest file accepted for a document of the library (PDF, DOC/DOCX, XLS/XLSX, JPG, PNG); the
# reverse proxy's body limit (docs/deploy.md) must allow it.
DOCUMENT_FILE_MAX_BYTES = env_int("DOCUMENT_FILE_MAX_BYTES", 25 * 1024 * 1024, minimum=1024)
