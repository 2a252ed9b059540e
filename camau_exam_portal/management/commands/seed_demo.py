from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from camau_exam_portal import demo
from documents import demo as documents_demo
from exams.demo import seed_exam
from hotline.demo import seed_hotline
from hotline.events import HotlineEvent
from hotline.models import Ticket
from news.demo import seed_news
from notifications.demo import seed_recipients
from pressroom.demo import seed_pressroom
from reports.demo import seed_reports
from reports.events import ReportEvent


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (kỳ thi 2020, điểm thi, tài khoản mẫu). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Dữ liệu mẫu có mật khẩu mẫu nên chỉ được nạp khi DEBUG=true (môi trường thử)."
            )
        with transaction.atomic():
            exam = seed_exam()
            demo.seed_site_info()
            accounts = demo.seed_accounts(exam)
            # What the demo's Steering Committee wants to hear: events of reports and hotline,
            # which notifications knows none of by name.
            seed_recipients(
                at_once=[
                    ReportEvent.URGENT,
                    ReportEvent.MISSING,
                    HotlineEvent.ESCALATED,
                    HotlineEvent.URGENT,
                ],
                in_digest=[ReportEvent.SUBMITTED, ReportEvent.AMENDED, HotlineEvent.QUESTION],
                urgent=[ReportEvent.URGENT, HotlineEvent.URGENT],
            )
            documents_demo.seed_documents()
            # Articles and Q&A answers cite demo documents: news and hotline do not import
            # documents, the shell hands them documents' look-up.
            seed_news(cited_documents=documents_demo.numbered)
            seed_hotline(cited_documents=documents_demo.numbered)
            seed_pressroom()
            seed_reports()
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {exam.title}."))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {demo.DEMO_PASSWORD}):")
        for account in accounts:
            where = "/admin/" if account.is_staff else "/dang-nhap/"
            label = account.role or "Quản trị hệ thống"
            self.stdout.write(f"  {account.username:<14} {label:<16} đăng nhập tại {where}")
        answered = Ticket.objects.filter(status="da-tra-loi").order_by("pk").first()
        if answered is not None:
            self.stdout.write(
                f"Trang theo dõi mẫu của người gửi {answered.code}: {answered.get_follow_up_url()}"
            )
