import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from exams.roles import Role
from tests import factories


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files of a test go to its own folders, never to var/media or var/private."""
    from django.utils.functional import empty

    from core.storage import private_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from core import pagecache

    def forget() -> None:
        cache.clear()
        pagecache._memo["until"] = 0.0
        pagecache._breaker["until"] = 0.0
        pagecache.local_copies.clear()

    forget()
    yield
    forget()


def _user(username: str, *, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="mat-khau-thu-nghiem", email=f"{username}@example.org", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def exam(db):
    return factories.ExamFactory()


@pytest.fixture
def site_a(exam):
    return factories.ExamSiteFactory(exam=exam, code="C01", name="Điểm thi A")


@pytest.fixture
def site_b(exam):
    return factories.ExamSiteFactory(exam=exam, code="C02", name="Điểm thi B")


@pytest.fixture
def personas(db, site_a, site_b):
    """The authorisation matrix of CONVENTIONS.md: one user per role, two site users."""
    site_a_user = _user("diemthi-a", role=Role.SITE)
    site_b_user = _user("diemthi-b", role=Role.SITE)
    site_a.memberships.create(user=site_a_user)
    site_b.memberships.create(user=site_b_user)
    return {
        "anonymous": None,
        "office": _user("vanphong", role=Role.OFFICE, is_staff=True),
        "testing": _user("khaothi", role=Role.TESTING, is_staff=True),
        "steering": _user("banchidao", role=Role.STEERING),
        "site_a": site_a_user,
        "site_b": site_b_user,
    }


class FilesystemBroker:
    """Kombu's filesystem transport in a folder of the test's own: what was enqueued, and where."""

    def __init__(self, folder):
        self.folder = folder

    def published(self) -> list[tuple[str, str, tuple]]:
        """(task name, queue, args) of every message published, oldest first."""
        import ast
        import json

        found = []
        for path in sorted(self.folder.glob("*.msg")):
            payload = json.loads(path.read_bytes())
            queue = path.name.split(".")[1]
            headers = payload["headers"]
            found.append((headers["task"], queue, ast.literal_eval(headers["argsrepr"])))
        return found

    def message_ids(self, task: str = "notifications.tasks.deliver_message") -> list[int]:
        return [args[0] for name, _queue, args in self.published() if name == task]


@pytest.fixture
def filesystem_broker(settings, tmp_path):
    """Point the Celery app at a private filesystem broker (no worker reads it)."""
    from camau_exam_portal.celery import app

    folder = tmp_path / "broker"
    folder.mkdir()
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(tmp_path / "broker-control"),
    }
    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    _switch_broker(app, "filesystem://", options)
    try:
        yield FilesystemBroker(folder)
    finally:
        _switch_broker(app, *saved)


def _switch_broker(app, url, options) -> None:
    """Re-point the Celery app's producer at another broker (connection and producer pools)."""
    app.conf.broker_url = url
    app.conf.broker_transport_options = options
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
