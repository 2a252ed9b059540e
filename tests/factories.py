"""factory_boy factories of the rows most tests need, and the files they upload.

A folder's conftest.py keeps what is its own (its clock, its figures); what several folders build
alike is made here.
"""

import datetime as dt
import io
import time
import zoneinfo
from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from documents.models import Document, IssuingBody
from documents.models import Status as DocumentStatus
from exams.models import Exam, ExamSite, ExamTest, Paper, Period, Round, Session, SiteSession
from hotline.models import Category as TicketCategory
from hotline.models import Channel, QAEntry, QATopic, Ticket
from hotline.services import ticket_submit
from news.models import Article
from news.models import Category as ArticleCategory
from news.models import Status as ArticleStatus
from notifications.models import Recipient, RecipientRole
from pressroom.models import (
    BriefingStatus,
    MediaOutlet,
    OutletKind,
    PressBriefing,
    PressContact,
    PressRelease,
    ReleaseStatus,
    Wave,
)
from pressroom.services.contacts import contact_save


class ExamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exam
        django_get_or_create = ("year",)

    year = 2020
    title = "Kỳ thi tốt nghiệp THPT năm 2020"
    start_date = dt.date(2020, 8, 8)
    end_date = dt.date(2020, 8, 11)
    results_date = dt.date(2020, 8, 27)
    is_current = True


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        django_get_or_create = ("exam", "number")

    exam = factory.SubFactory(ExamFactory)
    number = 1
    name = "Đợt 1"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    round = factory.SubFactory(RoundFactory)
    date = dt.date(2020, 8, 9)
    period = Period.MORNING
    title = "Ngữ văn"
    start_time = dt.time(7, 35)
    duration_minutes = 120


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    session = factory.SubFactory(SessionFactory)
    test = ExamTest.LITERATURE
    start_time = dt.time(7, 35)
    duration_minutes = 120


class ExamSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamSite

    exam = factory.SubFactory(ExamFactory)
    code = factory.Sequence(lambda n: f"C{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Trường THPT Mẫu {n + 1}")
    district = "tp-ca-mau"


class SiteSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSession

    site = factory.SubFactory(ExamSiteFactory)
    session = factory.SubFactory(SessionFactory)
    registered_candidates = 500
    rooms = 21


# --- the clock and files ------------------------------------------------------------------------

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    """A moment in Cà Mau's time: at(2020, 8, 5, 8, 30)."""
    return dt.datetime(*args, tzinfo=VN)


def image_bytes(fmt: str = "PNG", size=(64, 48), *, mode: str = "RGB", **save) -> bytes:
    """A real image made with Pillow (steel blue), in any format Pillow writes."""
    out = io.BytesIO()
    Image.new(mode, size, "steelblue" if mode in ("RGB", "RGBA") else 1).save(
        out, format=fmt, **save
    )
    return out.getvalue()


def png_bytes() -> bytes:
    return image_bytes("PNG")


# Pillow writes the time of saving into a PDF, to the second: two calls a second apart would
# make different bytes, and a test comparing a download with pdf_bytes() would fail when slow.
_PDF_DATE = time.strptime("2020-07-17", "%Y-%m-%d")


def pdf_bytes(colour: str = "steelblue") -> bytes:
    """A real one-page PDF (Pillow's), the same bytes at every call."""
    out = io.BytesIO()
    Image.new("RGB", (60, 80), colour).save(
        out, format="PDF", creationDate=_PDF_DATE, modDate=_PDF_DATE
    )
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    """A file as a browser posts it."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def stored_files(settings) -> list[Path]:
    """Every file written to the public media storage (MEDIA_ROOT), sorted."""
    return _files_under(Path(settings.MEDIA_ROOT))


def private_files(settings) -> list[Path]:
    """Every file written to the private storage (PRIVATE_MEDIA_ROOT), sorted."""
    return _files_under(Path(settings.PRIVATE_MEDIA_ROOT))


# --- public content -----------------------------------------------------------------------------
# Numbered rows: each test starts from 1 (tests/conftest.py resets NUMBERED), and row n is
# published n hours ago, so the first made is the newest. Saved through the model's save(), as
# the editor saves them (sanitised body, search text, the search vector on PostgreSQL).


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Thông báo số {n} về Kỳ thi")
    summary = factory.Sequence(lambda n: f"Tóm tắt thông báo số {n}.")
    body = factory.Sequence(lambda n: f"<p>Nội dung thông báo số {n}.</p>")
    category = factory.LazyFunction(lambda: ArticleCategory.objects.get(slug="thong-bao"))
    status = ArticleStatus.PUBLISHED
    publish_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n))


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published document of the Department (Sở GD&ĐT) unless told otherwise."""

    class Meta:
        model = Document

    issuing_body = factory.LazyFunction(lambda: IssuingBody.objects.get(abbreviation="SGDĐT"))
    number_symbol = factory.LazyAttributeSequence(
        lambda o, n: f"{n}/KH-{o.issuing_body.abbreviation}"
    )
    issued_on = factory.Sequence(lambda n: dt.date(2020, 7, 31) - dt.timedelta(days=n))
    summary = factory.Sequence(lambda n: f"Văn bản thử nghiệm số {n} về Kỳ thi")
    status = DocumentStatus.PUBLISHED
    publish_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n))


class QAEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QAEntry

    question_title = factory.Sequence(lambda n: f"Câu hỏi thử nghiệm số {n}")
    question = factory.Sequence(lambda n: f"Nội dung câu hỏi số {n}.")
    topic = QATopic.OTHER
    answer = factory.Sequence(lambda n: f"<p>Trả lời câu hỏi số {n}.</p>")
    is_published = True
    published_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n))


class PressReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressRelease

    number = factory.Sequence(lambda n: f"{n:02d}/TCBC-SGDĐT")
    title = factory.Sequence(lambda n: f"Công tác tổ chức Kỳ thi, đợt {n}")
    summary = factory.Sequence(lambda n: f"Tóm tắt số {n}.")
    body = factory.Sequence(lambda n: f"<p>Nội dung số {n}.</p>")
    status = ReleaseStatus.APPROVED
    publish_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n))


class PressBriefingFactory(factory.django.DjangoModelFactory):
    """Announced (invited), two hours long, on 5/8/2020 at 8:00 unless told otherwise."""

    class Meta:
        model = PressBriefing

    title = "Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020"
    wave = Wave.BEFORE
    starts_at = at(2020, 8, 5, 8)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    status = BriefingStatus.INVITED


NUMBERED = [ArticleFactory, DocumentFactory, QAEntryFactory, PressReleaseFactory]


def ticket(**fields) -> Ticket:
    """A question sent through the web form (hotline.services.ticket_submit)."""
    values = {
        "channel": Channel.WEB,
        "category": TicketCategory.QUESTION,
        "subject": "Hỏi về lịch thi",
        "message": "Lịch thi môn Ngữ văn vào ngày nào?",
        **fields,
    }
    return ticket_submit(**values)


# --- people -------------------------------------------------------------------------------------


class RecipientFactory(factory.django.DjangoModelFactory):
    """A standing member of the Steering Committee unless told otherwise."""

    class Meta:
        model = Recipient

    name = "Phó Trưởng ban Mẫu"
    role = RecipientRole.STANDING_DEPUTY
    email = factory.LazyAttribute(lambda o: f"{o.role}@example.org")
    is_standing = True


class MediaOutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaOutlet

    name = "Báo Mẫu Cà Mau"
    kind = OutletKind.LOCAL


def press_contact(outlet: MediaOutlet, name: str, email: str, **extra) -> PressContact:
    """Saved as the Office saves it in admin (validated by the service)."""
    return contact_save(contact=PressContact(outlet=outlet, name=name, email=email, **extra))
