"""Bad input on every public and site form: whatever is posted, the answer is never a server error.

Hypothesis starts from a valid submission and spoils it: fields dropped, replaced by random text
(unicode, NUL bytes, huge strings, negative and huge numbers, lists), extra fields added, random
files with the wrong content. A refusal (4xx, or the form shown again) leaves every row count and
the upload folders as they were; an accepted submission (a redirect) adds exactly one row.

Each example runs in a savepoint rolled back at its end, with the rate limits' counts cleared, so
examples never see each other's rows or attempts.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core import pagecache, ratelimit
from documents.demo import numbered, seed_documents
from documents.filters import SORTS
from documents.models import Document, Validity
from hotline.demo import seed_hotline
from hotline.models import Category, QATopic, Ticket, TicketAttachment
from notifications.models import Message
from pressroom.models import Registration
from reports.models import Report, ReportVersion
from tests.hotline.public.conftest import EXECUTABLE, HTML_PAGE, pdf_bytes, png_bytes
from tests.hotline.public.conftest import form_data as ticket_data
from tests.reports.site.conftest import quick_post
from tests.reports.submit.conftest import BEFORE_DEADLINE
from tests.services import in_ci

pytestmark = pytest.mark.django_db

fuzz = hypothesis_settings(
    max_examples=35,
    deadline=None,
    database=None,  # no example database under .hypothesis/
    # CI runs the same examples every time, so a landing is never refused by a new draw;
    # local runs draw new ones and keep finding what CI has not tried yet.
    derandomize=in_ci(),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PASSWORD = "mat-khau-thu-nghiem"

# --- what is posted -------------------------------------------------------------------------------

text = st.one_of(
    st.text(max_size=40),
    st.text(max_size=20).map(lambda s: f"{s}\x00{s}"),  # a NUL byte
    st.sampled_from([250, 10_001, 20_001, 100_000]).map(lambda n: "ắ" * n),  # past max_length
    st.integers().map(str),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.integers(4301, 5000).map(lambda n: "9" * n),  # past int()'s limit on digits
    st.floats().map(str),
    st.sampled_from(
        [
            "",
            " ",
            "-1",
            "0",
            "1.000",
            "1e9",
            "٣",
            "１２",
            "None",
            "null",
            "[]",
            "{}",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\r\n",
            "\ufeff",
        ]
    ),
)
junk = st.one_of(text, st.lists(text, max_size=3))
extra_names = st.one_of(
    st.text(min_size=1, max_size=20),
    st.sampled_from(
        [
            "trang_web",
            "them_dong",
            "amends",
            "session",
            "site",
            "next",
            "cases-TOTAL_FORMS",
            "cases-INITIAL_FORMS",
            "cases-0-form",
            "incidents-TOTAL_FORMS",
            "incidents-7-severity",
            "csrfmiddlewaretoken",
        ]
    ),
)


@st.composite
def spoiled(draw, valid: dict, *, values=junk) -> dict:
    """`valid` with some fields dropped or replaced by `values`, and a few fields added."""
    data = dict(valid)
    for name in draw(st.lists(st.sampled_from(sorted(valid)), unique=True)):
        if draw(st.booleans()):
            del data[name]
        else:
            data[name] = draw(values)
    data.update(draw(st.dictionaries(extra_names, values, max_size=3)))
    return data


def _upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


uploads = st.builds(
    _upload,
    name=st.one_of(
        st.sampled_from(
            ["don.pdf", "anh.png", "bang.xlsx", "chuong-trinh.exe", "trang.html", "a.pdf.exe"]
        ),
        # Any name a browser could send: a base name (no folder separator, not only dots).
        st.text(
            alphabet=st.characters(blacklist_characters="/\\\x00", blacklist_categories=["Cs"]),
            min_size=1,
            max_size=30,
        ).filter(lambda name: name.strip(". ") != ""),
    ),
    data=st.one_of(
        st.binary(max_size=2000),
        st.sampled_from([EXECUTABLE, HTML_PAGE, b"%PDF-1.4 not really", pdf_bytes(), png_bytes()]),
    ),
    content_type=st.sampled_from(["application/pdf", "image/png", "text/html", "x/y"]),
)

# --- what is checked ------------------------------------------------------------------------------


def _files() -> set[str]:
    found = set()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        root = Path(root)
        if root.exists():
            found |= {str(path) for path in root.rglob("*") if path.is_file()}
    return found


def _counts(models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


@contextlib.contextmanager
def one_example():
    """A savepoint rolled back at the end, fresh rate limits and page cache, and the files an
    accepted submission stored removed again."""
    cache.clear()
    ratelimit._local.clear()
    pagecache._memo["until"] = 0.0
    files = _files()
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        for name in _files() - files:
            Path(name).unlink()


def check_post(send, models, primary) -> int:
    """Send a submission; a refusal changes nothing, an acceptance adds one `primary` row."""
    with one_example():
        before, files = _counts(models), _files()
        response = send()
        status = response.status_code
        event(f"HTTP {status}")  # shown by --hypothesis-show-statistics
        assert status < 500, status
        after = _counts(models)
        if 300 <= status < 400:
            assert after[primary.__name__] == before[primary.__name__] + 1, (before, after)
        else:
            assert status == 200 or 400 <= status < 500, status
            assert after == before
            assert _files() == files
    return status


def check_get(path: str, params: dict, models) -> int:
    """A GET changes nothing, whatever its answer."""
    with one_example():
        before, files = _counts(models), _files()
        response = Client().get(path, params)
        event(f"HTTP {response.status_code}")
        assert response.status_code < 500, response.status_code
        assert (_counts(models), _files()) == (before, files)
    return response.status_code


EVERYTHING = (Ticket, TicketAttachment, Registration, Report, ReportVersion, Message)


@pytest.fixture
def ticket(make_ticket):
    return make_ticket()


@pytest.fixture
def briefing(morning, make_briefing):
    return make_briefing(capacity=40)


@pytest.fixture
def sent_report(site_a_user, submit):
    """Site A's quick report, sent once: the one the amendment form corrects."""
    return submit(now=BEFORE_DEADLINE).report


# --- the hotline ----------------------------------------------------------------------------------


@fuzz
@given(data=st.data())
def test_the_hotline_form_refuses_bad_input_without_a_server_error(data, exam, site_a):
    fields = data.draw(spoiled(ticket_data(site=str(site_a.pk))))
    if data.draw(st.booleans()):
        fields["attachments"] = data.draw(st.lists(uploads, min_size=1, max_size=5))

    check_post(
        lambda: Client().post("/duong-day-nong/", fields, REMOTE_ADDR="203.0.113.10"),
        (Ticket, TicketAttachment, Message),
        Ticket,
    )


@fuzz
@given(data=st.data())
def test_the_ticket_look_up_answers_bad_codes_and_keys_without_a_server_error(data, ticket):
    params = data.draw(spoiled({"ma": ticket.code, "khoa": ticket.token}))
    check_get("/duong-day-nong/tra-cuu/", params, EVERYTHING)


# --- the press room -------------------------------------------------------------------------------


@fuzz
@given(
    fields=spoiled(
        {
            "name": "Nguyễn Văn Phóng Viên",
            "outlet": "Báo Mẫu Cà Mau",
            "email": "phongvien@example.org",
            "phone": "0123 456 789",
            "trang_web": "",
        }
    )
)
def test_the_briefing_registration_refuses_bad_input_without_a_server_error(fields, briefing):
    check_post(
        lambda: Client().post(briefing.get_absolute_url(), fields, REMOTE_ADDR="203.0.113.10"),
        (Registration, Message),
        Registration,
    )


# --- search and the lists -------------------------------------------------------------------------


@pytest.fixture
def library(db):
    """The demo documents and Q&A: the lists have pages, years and bodies to filter by."""
    seed_documents()
    seed_hotline(cited_documents=numbered)


@fuzz
@given(params=spoiled({"q": "lịch thi", "page": "1"}))
def test_the_search_answers_any_query_without_a_server_error(params, library):
    check_get("/tim-kiem/", params, EVERYTHING)


@fuzz
@given(data=st.data())
def test_the_document_filters_answer_any_value_without_a_server_error(data, library):
    document = Document.objects.published().first()
    valid = {
        "q": "kế hoạch",
        "co_quan": str(document.issuing_body_id),
        "loai": document.doc_type,
        "nam": str(document.issue_year),
        "tu_ngay": "2020-01-01",
        "den_ngay": "2020-12-31",
        "hieu_luc": Validity.values[0],
        "sap_xep": next(iter(SORTS)),
        "page": "1",
    }
    check_get("/van-ban/", data.draw(spoiled(valid)), EVERYTHING)


@fuzz
@given(params=spoiled({"q": "giấy tờ", "chu_de": QATopic.values[0], "page": "1"}))
def test_the_qa_filters_answer_any_value_without_a_server_error(params, library):
    check_get("/hoi-dap/", params, EVERYTHING)


# --- log-in ---------------------------------------------------------------------------------------


@fuzz
@given(fields=spoiled({"username": "diemthi-a", "password": PASSWORD, "next": "/tai-khoan/"}))
def test_the_log_in_form_refuses_bad_input_without_a_server_error(fields, personas):
    users = get_user_model()
    with one_example():
        before, files = _counts((users, AccessLog)), _files()
        client = Client()
        response = client.post("/dang-nhap/", fields, REMOTE_ADDR="203.0.113.7")
        event(f"HTTP {response.status_code}")
        assert response.status_code < 500, response.status_code
        if response.status_code == 302:
            assert "_auth_user_id" in client.session
        else:
            assert response.status_code == 200 or 400 <= response.status_code < 500
            # A refused log-in is counted by django-axes (that is its purpose), nothing else.
            assert _counts((users, AccessLog)) == before
            assert AccessAttempt.objects.count() <= 1
            assert AccessFailureLog.objects.count() <= 1
        assert _counts((users,)) == {users.__name__: before[users.__name__]}
        assert _files() == files


# --- the exam-site forms --------------------------------------------------------------------------

SITE_FORMS = (Report, ReportVersion, Message)
SENDER = {"sender_name": "Nguyễn Văn Mẫu", "sender_phone": "0123 456 789"}


def _key() -> str:
    return str(uuid.uuid4())


@fuzz
@given(data=st.data())
def test_the_quick_report_form_refuses_bad_input_without_a_server_error(
    data, site_a_user, site_a, session
):
    fields = data.draw(spoiled(quick_post(key=_key())))
    url = f"/diem-thi/{site_a.pk}/buoi/{session.pk}/"
    check_post(lambda: site_a_user.post(url, fields), SITE_FORMS, Report)


@fuzz
@given(data=st.data())
def test_the_urgent_report_form_refuses_bad_input_without_a_server_error(
    data, site_a_user, site_a, session
):
    valid = {
        "submission_key": _key(),
        "session": str(session.pk),
        "incident_category": "dien-thoi-tiet",
        "severity": "thap",
        "title": "Mất điện phòng thi 05",
        "body": "Mất điện lúc 8 giờ; đã dùng đèn dự phòng.",
        "action_taken": "",
        "proposals": "",
        **SENDER,
    }
    fields = data.draw(spoiled(valid))
    url = f"/diem-thi/{site_a.pk}/dot-xuat/"
    check_post(lambda: site_a_user.post(url, fields), SITE_FORMS, Report)


PERIODIC = {
    "body": "Các buổi thi diễn ra an toàn, nghiêm túc.",
    "registered": "500",
    "present": "497",
    "absent": "3",
    "reprimands": "0",
    "warnings": "0",
    "suspensions": "0",
    "staff_violations": "0",
    "proposals": "",
    **SENDER,
}


@fuzz
@given(data=st.data())
def test_the_daily_report_form_refuses_bad_input_without_a_server_error(data, site_a_user, site_a):
    fields = data.draw(spoiled({"submission_key": _key(), **PERIODIC}))
    day = data.draw(st.one_of(st.just("2020-08-09"), text))
    url = f"/diem-thi/{site_a.pk}/cuoi-ngay/?{urlencode({'ngay': day})}"
    check_post(lambda: site_a_user.post(url, fields), SITE_FORMS, Report)


@fuzz
@given(data=st.data())
def test_the_final_report_form_refuses_bad_input_without_a_server_error(data, site_a_user, site_a):
    fields = data.draw(spoiled({"submission_key": _key(), **PERIODIC}))
    url = f"/diem-thi/{site_a.pk}/tong-ket/"
    check_post(lambda: site_a_user.post(url, fields), SITE_FORMS, Report)


@fuzz
@given(data=st.data())
def test_the_amendment_form_refuses_bad_input_without_a_server_error(
    data, site_a_user, site_a, sent_report
):
    valid = {
        **quick_post(key=_key(), present=496, absent=4, absent_other=1),
        "amends": "1",
        "amendment_reason": "Nhập nhầm số thí sinh vắng mặt.",
    }
    fields = data.draw(spoiled(valid))
    url = f"/diem-thi/{site_a.pk}/bao-cao/{sent_report.pk}/dinh-chinh/"
    check_post(lambda: site_a_user.post(url, fields), SITE_FORMS, ReportVersion)


# --- CSRF -----------------------------------------------------------------------------------------


def test_a_post_without_a_csrf_token_is_a_403_and_stores_nothing(exam, briefing):
    client = Client(enforce_csrf_checks=True)
    posts = [
        ("/duong-day-nong/", ticket_data(category=Category.QUESTION)),
        (briefing.get_absolute_url(), {"name": "A", "outlet": "B", "email": "a@example.org"}),
        ("/dang-nhap/", {"username": "diemthi-a", "password": PASSWORD}),
    ]
    for path, fields in posts:
        response = client.post(path, fields, REMOTE_ADDR="203.0.113.10")
        assert response.status_code == 403, path
    assert _counts(EVERYTHING) == dict.fromkeys(_counts(EVERYTHING), 0)


# --- past Django's limits on a request ------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"message": "ắ" * (3 * 1024 * 1024)}, id="a-body-past-DATA_UPLOAD_MAX_MEMORY"),
        pytest.param({f"truong-{n}": "x" for n in range(1500)}, id="past-DATA_UPLOAD_MAX_NUMBER"),
    ],
)
def test_a_post_past_the_request_limits_is_a_400_and_stores_nothing(
    fields, exam, briefing, site_a_user, site_a, session
):
    paths = [
        "/duong-day-nong/",
        briefing.get_absolute_url(),
        "/dang-nhap/",
        f"/diem-thi/{site_a.pk}/buoi/{session.pk}/",
    ]
    for path in paths:
        client = site_a_user if path.startswith("/diem-thi/") else Client()
        with one_example():
            before, files = _counts(EVERYTHING), _files()
            response = client.post(path, {**ticket_data(), **fields}, REMOTE_ADDR="203.0.113.10")
            assert response.status_code == 400, path
            assert (_counts(EVERYTHING), _files()) == (before, files)
