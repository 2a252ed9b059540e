"""MEDIA_STORAGE=s3 puts uploads in an S3-compatible object store; without it they stay on disk.

The settings are read in a fresh interpreter with exactly the variables of each case. The round
trip stores and reads real files through S3Storage against moto's in-process S3: the object store
is the outside world here, the only part replaced.
"""

import os
import subprocess
import sys
from pathlib import Path

# moto learns custom endpoints (MinIO's, here) when it is imported (by the s3 fixture: moto and
# boto3 take a second to import, which every run's collection would pay).
ENDPOINT = "http://minio.camau.test:9000"
os.environ.setdefault("MOTO_S3_CUSTOM_ENDPOINTS", ENDPOINT)

import pytest  # noqa: E402
from django.utils.functional import empty  # noqa: E402

from core.storage import private_storage  # noqa: E402
from documents.files import attach_file  # noqa: E402
from hotline.models import Category, Channel  # noqa: E402
from hotline.services import ticket_submit  # noqa: E402
from tests.documents.files.conftest import make_document  # noqa: E402
from tests.factories import pdf_bytes, upload  # noqa: E402
from tests.settings_probe import probe_json, run_probe  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import json
from pathlib import Path

from django.conf import settings

def config(value):
    # A folder as text; botocore's Config as the options that matter here.
    if isinstance(value, Path):
        return str(value)
    return {
        "s3": value.s3,
        "signature_version": value.signature_version,
        "connect_timeout": value.connect_timeout,
        "read_timeout": value.read_timeout,
        "retries": value.retries,
    }

print(json.dumps({
    "storage": settings.MEDIA_STORAGE,
    "storages": settings.STORAGES,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}, default=config))
"""
S3_ENV = {
    "MEDIA_STORAGE": "s3",
    "MEDIA_S3_ENDPOINT_URL": "https://s3.camau.test:9000/",
    "MEDIA_S3_REGION": "vn-south-1",
    "MEDIA_S3_BUCKET": "camau-media",
    "MEDIA_S3_PRIVATE_BUCKET": "camau-private",
    "MEDIA_S3_ACCESS_KEY_ID": "portal-uploads",
    "MEDIA_S3_SECRET_ACCESS_KEY": "not-a-real-secret",
}


def _dropped(name: str) -> bool:
    return name.startswith(("MEDIA_", "PRIVATE_MEDIA_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"))


def load_settings(tmp_path, **env):
    """Import the settings in a fresh interpreter with exactly these variables set."""
    env = {"VAR_DIR": str(tmp_path), "DEBUG": "true", **env}
    return run_probe(PROBE, dropped=_dropped, **env)


def settings_of(tmp_path, **env) -> dict:
    env = {"VAR_DIR": str(tmp_path), "DEBUG": "true", **env}
    return probe_json(PROBE, dropped=_dropped, **env)


def test_without_the_variables_uploads_stay_on_the_filesystem(tmp_path):
    found = settings_of(tmp_path)

    assert found["storage"] == "filesystem"
    assert found["storages"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert found["storages"]["private"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
    }
    assert found["img_src"] == ["'self'", "data:"]


def test_s3_mode_gives_both_storages_the_object_store_of_the_environment(tmp_path):
    found = settings_of(tmp_path, **S3_ENV)

    default, private = found["storages"]["default"], found["storages"]["private"]
    assert default["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    for options in (default["OPTIONS"], private["OPTIONS"]):
        assert options["endpoint_url"] == "https://s3.camau.test:9000"
        assert options["region_name"] == "vn-south-1"
        assert options["access_key"] == "portal-uploads"
        assert options["secret_key"] == "not-a-real-secret"
        assert options["file_overwrite"] is False
        assert options["client_config"]["s3"] == {"addressing_style": "path"}
        assert options["client_config"]["connect_timeout"] == 5

    # Public files: one permanent, unsigned address each, at the store by default.
    assert default["OPTIONS"]["bucket_name"] == "camau-media"
    assert default["OPTIONS"]["location"] == "media"
    assert default["OPTIONS"]["querystring_auth"] is False
    assert default["OPTIONS"]["url_protocol"] == "https:"
    assert default["OPTIONS"]["custom_domain"] == "s3.camau.test:9000/camau-media"
    assert found["img_src"] == ["'self'", "data:", "https://s3.camau.test:9000"]

    # Private files: their own bucket, a private ACL, and only signed, short-lived addresses.
    assert private["OPTIONS"]["bucket_name"] == "camau-private"
    assert private["OPTIONS"]["location"] == "private"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 300
    assert "custom_domain" not in private["OPTIONS"]


def test_without_a_private_bucket_private_files_share_the_bucket_under_their_own_prefix(tmp_path):
    env = {k: v for k, v in S3_ENV.items() if k != "MEDIA_S3_PRIVATE_BUCKET"}

    storages = settings_of(tmp_path, **env)["storages"]

    assert storages["private"]["OPTIONS"]["bucket_name"] == "camau-media"
    assert storages["private"]["OPTIONS"]["location"] == "private"
    assert storages["default"]["OPTIONS"]["location"] == "media"


def test_public_files_can_be_addressed_through_the_portals_own_host(tmp_path):
    found = settings_of(tmp_path, **S3_ENV, MEDIA_S3_PUBLIC_URL="https://portal.example.org")

    options = found["storages"]["default"]["OPTIONS"]
    assert (options["url_protocol"], options["custom_domain"]) == ("https:", "portal.example.org")


def test_the_secret_key_can_come_from_a_file_and_static_files_stay_on_whitenoise(tmp_path):
    secret = tmp_path / "s3-secret"
    secret.write_text("from-a-file\n")
    env = {k: v for k, v in S3_ENV.items() if k != "MEDIA_S3_SECRET_ACCESS_KEY"}

    found = settings_of(
        tmp_path,
        **env,
        MEDIA_S3_SECRET_ACCESS_KEY_FILE=str(secret),
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="portal.example.org",
    )

    assert found["storages"]["private"]["OPTIONS"]["secret_key"] == "from-a-file"
    assert found["storages"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_a_missing_bucket_stops_start_up_naming_the_variable(tmp_path):
    env = {k: v for k, v in S3_ENV.items() if k != "MEDIA_S3_BUCKET"}

    result = load_settings(tmp_path, **env)

    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET (a secret may come from "
        "<NAME>_FILE); see docs/deploy.md."
    ) in result.stderr


@pytest.mark.parametrize("module", ["boto3", "botocore", "storages"])
def test_s3_mode_without_the_s3_extra_says_what_to_install(tmp_path, module):
    # A fresh interpreter in which the module cannot be imported, as where the extra is missing.
    environ = {k: v for k, v in os.environ.items() if not _dropped(k)}
    environ.update(
        S3_ENV,
        DJANGO_SETTINGS_MODULE="camau_exam_portal.settings",
        VAR_DIR=str(tmp_path),
        DEBUG="true",
    )
    blocked = f"import sys\nsys.modules[{module!r}] = None\nimport django\ndjango.setup()"

    result = subprocess.run(
        [sys.executable, "-c", blocked],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: MEDIA_STORAGE=s3 needs boto3 and django-storages, which this "
        f"installation lacks (no module {module!r}). Install the s3 extra: "
        'pip install -c constraints.txt -e ".[s3]"'
    ) in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "nfs"}, "MEDIA_STORAGE='nfs': use filesystem or s3."),
        (
            {**S3_ENV, "MEDIA_S3_ENDPOINT_URL": "s3.camau.test:9000"},
            "MEDIA_S3_ENDPOINT_URL='s3.camau.test:9000' is not an address",
        ),
        ({**S3_ENV, "MEDIA_S3_BUCKET": "Camau_Media"}, "MEDIA_S3_BUCKET='Camau_Media' is not a"),
        (
            {**S3_ENV, "MEDIA_S3_ADDRESSING_STYLE": "dns"},
            "MEDIA_S3_ADDRESSING_STYLE='dns': use path (MinIO) or virtual.",
        ),
        (
            {k: v for k, v in S3_ENV.items() if "ACCESS_KEY" not in k},
            "needs MEDIA_S3_ACCESS_KEY_ID, MEDIA_S3_SECRET_ACCESS_KEY",
        ),
    ],
)
def test_unusable_storage_values_stop_start_up(tmp_path, env, message):
    result = load_settings(tmp_path, **env)

    assert result.returncode != 0
    assert message in result.stderr


# --- round trip through S3Storage ------------------------------------------------------------


def _s3_options(bucket: str, location: str, **extra) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": ENDPOINT,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "bucket_name": bucket,
            "location": location,
            "file_overwrite": False,
            "addressing_style": "path",
            **extra,
        },
    }


@pytest.fixture
def s3(settings):
    """moto's S3 behind the storages, as settings.py configures them in "s3" mode."""
    import boto3
    from moto import mock_aws

    with mock_aws():
        client = boto3.client(
            "s3",
            endpoint_url=ENDPOINT,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        client.create_bucket(Bucket="camau-media")
        client.create_bucket(Bucket="camau-private")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": _s3_options(
                "camau-media",
                "media",
                querystring_auth=False,
                url_protocol="http:",
                custom_domain="minio.camau.test:9000/camau-media",
            ),
            "private": _s3_options(
                "camau-private", "private", default_acl="private", querystring_auth=True
            ),
        }
        yield client
    private_storage._wrapped = empty


def _keys(client, bucket: str) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.mark.django_db
def test_a_document_file_is_stored_in_the_object_store_and_downloads_from_it(client, s3):
    data = pdf_bytes()
    document = make_document()

    attached = attach_file(document=document, uploaded=upload("Kế hoạch thi.pdf", data))
    response = client.get(attached.get_absolute_url())

    assert _keys(s3, "camau-media") == [f"media/{attached.file.name}"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert b"".join(response.streaming_content) == data
    assert attached.file.url == f"{ENDPOINT}/camau-media/media/{attached.file.name}"


@pytest.mark.django_db
def test_a_document_file_gone_from_the_object_store_is_not_found(client, s3):
    attached = attach_file(document=make_document(), uploaded=upload("a.pdf", pdf_bytes()))
    s3.delete_object(Bucket="camau-media", Key=f"media/{attached.file.name}")

    assert client.get(attached.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_hotline_attachment_goes_to_the_private_bucket_with_a_private_acl(
    client, s3, django_user_model
):
    from django.contrib.auth.models import Permission

    data = pdf_bytes("red")
    ticket = ticket_submit(
        channel=Channel.WEB,
        category=Category.QUESTION,
        subject="Giờ thi Ngữ văn",
        message="Mấy giờ thi Ngữ văn?",
        files=[upload("giay-bao-thi.pdf", data, "application/pdf")],
    )
    attachment = ticket.attachments.get()
    key = f"private/{attachment.file.name}"

    assert _keys(s3, "camau-private") == [key]
    assert _keys(s3, "camau-media") == []
    grants = s3.get_object_acl(Bucket="camau-private", Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert "URI" not in grants[0]["Grantee"]  # the owner, not AllUsers or AuthenticatedUsers

    staff = django_user_model.objects.create_user("office", password="x")
    staff.user_permissions.add(Permission.objects.get(codename="view_ticketattachment"))
    client.force_login(staff)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert b"".join(response.streaming_content) == data


def test_backup_paths_warns_that_the_files_are_not_in_the_folders(tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIA_", "DATABASE_"))}
    environ.update(
        S3_ENV,
        DJANGO_SETTINGS_MODULE="camau_exam_portal.settings",
        VAR_DIR=str(tmp_path),
        DEBUG="true",
        # Named, never connected to: the command only reads the settings without --pgpass-file.
        DATABASE_URL="postgres://camau@127.0.0.1:5432/camau_exam",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "backup_paths"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "MEDIA_STORAGE=s3: uploaded files are in the object store" in result.stderr
    assert "PGDATABASE=camau_exam" in result.stdout.splitlines()
