"""Demo site reports of the 2020 exam (round 1), so that the dashboard shows every state.

The reports go through `report_submit` at the moment each was sent (so late marking is the
service's own), as the site's user, and the worker's follow-up runs at each session's deadline as
the beat would have: reminders, the list of missing sites and the draft articles the Office
reviews. What happens in the demo:

- every site reports on every session of round 1, most of them on time;
- C11 reports late on Ngữ văn (after its reminder), C06 late on the combined tests;
- C03 amends its Ngữ văn report, with a reason;
- C15 sends an urgent report (high severity) during the combined tests;
- C17 never sends its Ngoại ngữ report;
- a few discipline cases (fictional candidate numbers) and incident lines;
- end-of-day reports of C01 and C15, final reports of C01 and C15.

Senders, candidate numbers and phone numbers are fictional (0123 456 7xx); the site accounts made
here for the sites without one have no usable password. Figures are illustrative, consistent with
the registrations of exams.demo.

Loading the demo mails nobody: the outbox rows the reports and the follow-up wrote are removed in
the same transaction (they would tell people today of reports from August 2020); the delivery tasks
enqueued for them after commit find no row to claim and send nothing. Idempotent: when the exam has
reports already, nothing is done.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Max
from django.utils import timezone

from exams.models import Exam, ExamSite, Session, SessionKind, SiteMembership, SiteSession
from exams.roles import Role
from notifications.models import Message
from reports.followup import session_follow_up
from reports.models import Report, ReportKind
from reports.services import report_submit

TZ = timezone.get_fixed_timezone(7 * 60)
KEYS = uuid.UUID("6f1d5b8e-2020-4c4a-9b1e-ca0000000000")  # namespace of the demo's form keys

FAMILY_NAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Phan", "Trương", "Đinh", "Lâm",
]  # fmt: skip


def at(day: int, month: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, month, day, hour, minute, tzinfo=TZ)


# Sessions of round 1, in calendar order: 0 Ngữ văn, 1 Toán, 2 KHTN/KHXH, 3 Ngoại ngữ.
LITERATURE, MATHEMATICS, COMBINED, LANGUAGE = range(4)

# (site, session) -> minutes after the deadline: the late quick reports.
LATE = {("C11", LITERATURE): 18, ("C06", COMBINED): 20}
MISSING = {("C17", LANGUAGE)}
AMENDED = ("C03", LITERATURE)

# (site, session) -> discipline cases: (form, candidate number, room, what happened, record).
CASES = {
    ("C08", COMBINED): [
        (
            "dinh-chi",
            "61999901",
            "14",
            "Mang điện thoại di động vào phòng thi và sử dụng trong giờ thi môn Hóa học; "
            "lập biên bản, thu giữ điện thoại.",
            "03/BB-ĐT",
        )
    ],
    ("C02", COMBINED): [
        (
            "khien-trach",
            "61999902",
            "07",
            "Trao đổi với thí sinh bên cạnh trong giờ thi môn Lịch sử, đã được nhắc nhở.",
            "01/BB-ĐT",
        )
    ],
    ("C12", LANGUAGE): [
        (
            "canh-cao",
            "61999903",
            "05",
            "Chép bài của thí sinh khác trong giờ thi Ngoại ngữ; lập biên bản.",
            "02/BB-ĐT",
        )
    ],
}
# (site, session) -> incident lines: (category, severity, description, action taken).
INCIDENTS = {
    ("C10", COMBINED): [
        (
            "dien-thoi-tiet",
            "trung-binh",
            "Mất điện khu phòng thi số 2 khoảng 15 phút do mưa lớn.",
            "Mở cửa sổ lấy ánh sáng; điện lực khắc phục xong trước giờ thi môn thứ hai.",
        )
    ],
    ("C13", LANGUAGE): [
        (
            "suc-khoe",
            "thap",
            "Một thí sinh mệt, chóng mặt trong giờ thi.",
            "Cán bộ y tế chăm sóc tại chỗ; thí sinh tiếp tục làm bài.",
        )
    ],
}


@dataclass(order=True)
class Step:
    when: dt.datetime
    order: int
    run: Callable[[dt.datetime], None] = field(compare=False)


def seed_reports() -> int:
    """Load the demo reports of the 2020 exam; returns how many reports were stored (0 when the
    exam has reports already or is not loaded)."""
    exam = Exam.objects.filter(year=2020).first()
    if exam is None or Report.objects.filter(site__exam=exam).exists():
        return 0
    sessions = list(
        Session.objects.filter(round__exam=exam, round__number=1, kind=SessionKind.EXAM)
        .select_related("round")
        .order_by("date", "start_time")
    )
    sites = list(ExamSite.objects.filter(exam=exam, is_reserve=False).order_by("code"))
    users = {site.pk: _site_user(site) for site in sites}
    registrations = {
        (row.site_id, row.session_id): row
        for row in SiteSession.objects.filter(session__in=sessions)
    }

    steps: list[Step] = []
    sent: dict[tuple[str, int], dict] = {}  # the figures of each quick report, for the day's sums
    for s_index, session in enumerate(sessions):
        on_time = [session.starts_at]
        for i, site in enumerate(sites):
            if (site.code, s_index) in MISSING:
                continue
            registration = registrations.get((site.pk, session.pk))
            if registration is None:
                continue
            values, cases, incidents = _quick(site, i, s_index, registration)
            sent[(site.code, s_index)] = values
            late = LATE.get((site.code, s_index))
            if late:
                when = session.report_deadline + dt.timedelta(minutes=late)
            else:
                when = session.ends_at + dt.timedelta(minutes=5 + 2 * i)
                on_time.append(when)
            steps.append(
                Step(
                    when,
                    1,
                    _submitter(
                        site=site,
                        user=users[site.pk],
                        kind=ReportKind.QUICK,
                        session=session,
                        values=values,
                        cases=cases,
                        incidents=incidents,
                    ),
                )
            )
        # The beat just after the last on-time report, and just after the deadline.
        for when in (max(on_time), session.report_deadline):
            steps.append(Step(when + dt.timedelta(minutes=1), 3, _follow_up(session)))

    by_code = {site.code: site for site in sites}
    steps += _amendment(sessions, by_code, users, sent)
    steps += _urgent(sessions, by_code, users)
    steps += _periodic(sessions, by_code, users, sent)

    before = Message.objects.aggregate(last=Max("pk"))["last"] or 0
    for step in sorted(steps):
        step.run(step.when)
    # The demo's reports date from August 2020: nobody is told of them today.
    Message.objects.filter(pk__gt=before, dedupe_key__startswith="reports:").delete()
    return Report.objects.filter(site__exam=exam).count()


def _site_user(site: ExamSite):
    """The site's first account, or a new one without a usable password."""
    membership = (
        SiteMembership.objects.filter(site=site, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return membership.user
    username = f"diemthi-{site.code.lower()}"
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": site.code,
            "last_name": "Trưởng Điểm thi",
            "email": f"{username}@example.org",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.SITE))
    SiteMembership.objects.get_or_create(site=site, user=user)
    return user


def _sender(site: ExamSite) -> dict:
    number = int(site.code[1:])
    family = FAMILY_NAMES[(number - 1) % len(FAMILY_NAMES)]
    return {
        "sender_name": f"{family} Văn Mẫu",
        "sender_phone": f"0123 456 7{number:02d}",
    }


def _quick(site: ExamSite, i: int, s_index: int, registration: SiteSession):
    """Illustrative figures of a quick report: a few absent (about 0.3 %), consistent sums."""
    registered = registration.registered_candidates
    absent = (i * 7 + s_index * 3) % 5
    covid = 1 if (site.code, s_index) == ("C15", LITERATURE) and absent else 0
    gave_up = (absent - covid) // 2
    ill = absent - covid - gave_up
    replaced = (i + s_index) % 7 == 3  # a proctor ill, replaced by a reserve one
    cases = [
        {
            "form": form,
            "candidate_number": number,
            "room": room,
            "description": description,
            "record_number": record,
        }
        for form, number, room, description, record in CASES.get((site.code, s_index), [])
    ]
    incidents = [
        {"category": category, "severity": severity, "description": text, "action_taken": action}
        for category, severity, text, action in INCIDENTS.get((site.code, s_index), [])
    ]
    values = {
        **_sender(site),
        "rooms": registration.rooms,
        "registered": registered,
        "present": registered - absent,
        "absent": absent,
        "absent_gave_up": gave_up,
        "absent_ill": ill,
        "absent_covid": covid,
        "absent_exempt": 0,
        "absent_other": 0,
        "late_admitted": 1 if (i + s_index) % 6 == 0 else 0,
        "reprimands": sum(1 for case in cases if case["form"] == "khien-trach"),
        "warnings": sum(1 for case in cases if case["form"] == "canh-cao"),
        "suspensions": sum(1 for case in cases if case["form"] == "dinh-chi"),
        "staff_violations": 0,
        "staff_absent": int(replaced),
        "staff_replaced": int(replaced),
        "staff_notes": "Cán bộ coi thi ốm, đã bố trí cán bộ dự phòng thay thế." if replaced else "",
        "seals_intact": True,
        "papers_missing": 0,
        "papers_misprinted": 0,
        "reserve_papers_used": 0,
        "proposals": "",
    }
    return values, cases, incidents


def _submitter(*, site, user, kind, session=None, report_date=None, values, cases=(), incidents=()):
    def run(when: dt.datetime) -> None:
        subject = session.pk if session is not None else report_date
        report_submit(
            site=site,
            user=user,
            kind=kind,
            session=session,
            report_date=report_date,
            submission_key=uuid.uuid5(KEYS, f"{site.code}:{kind}:{subject}:1"),
            values=values,
            cases=list(cases),
            incidents=list(incidents),
            now=when,
        )

    return run


def _follow_up(session: Session):
    def run(when: dt.datetime) -> None:
        session_follow_up(session=session, now=when)

    return run


def _amendment(sessions, by_code, users, sent) -> list[Step]:
    code, s_index = AMENDED
    if (code, s_index) not in sent:
        return []
    site, session = by_code[code], sessions[s_index]
    first = sent[(code, s_index)]
    # Two candidates counted as having given up were in fact ill (with a certificate).
    moved = min(2, first["absent_gave_up"])
    values = {
        **first,
        "absent_gave_up": first["absent_gave_up"] - moved,
        "absent_ill": first["absent_ill"] + moved,
        "late_admitted": first["late_admitted"] + 1,
    }
    reason = (
        "Điều chỉnh lý do vắng và số thí sinh đến muộn theo biên bản của các phòng thi, "
        "sau khi đối chiếu lại."
    )

    def run(when: dt.datetime) -> None:
        report = Report.objects.get(site=site, kind=ReportKind.QUICK, session=session)
        report_submit(
            site=site,
            user=users[site.pk],
            kind=ReportKind.QUICK,
            submission_key=uuid.uuid5(KEYS, f"{code}:nhanh:{session.pk}:2"),
            values=values,
            report=report,
            amends=report.version_count,
            reason=reason,
            now=when,
        )

    return [Step(session.report_deadline + dt.timedelta(minutes=35), 2, run)]


def _urgent(sessions, by_code, users) -> list[Step]:
    site = by_code.get("C15")
    if site is None or len(sessions) <= COMBINED:
        return []
    session = sessions[COMBINED]
    values = {
        **_sender(site),
        "incident_category": "covid",
        "severity": "cao",
        "title": "Thí sinh sốt cao trong giờ thi, nghi nhiễm COVID-19",
        "body": (
            "Lúc 8 giờ 20, một thí sinh phòng thi số 09 sốt 38,5 °C, ho. Thí sinh được đưa sang "
            "phòng thi dự phòng, làm bài riêng với hai cán bộ coi thi có trang bị bảo hộ."
        ),
        "action_taken": (
            "Báo Trung tâm Y tế huyện Năm Căn; khử khuẩn phòng thi số 09 sau buổi thi; lập danh "
            "sách thí sinh và cán bộ tiếp xúc gần."
        ),
        "proposals": "Đề nghị Ban Chỉ đạo chỉ đạo ngành y tế hỗ trợ xét nghiệm trong ngày.",
    }
    send = _submitter(
        site=site, user=users[site.pk], kind=ReportKind.URGENT, session=session, values=values
    )
    return [Step(session.starts_at + dt.timedelta(minutes=50), 0, send)]


def _periodic(sessions, by_code, users, sent) -> list[Step]:
    """End-of-day reports of C01 and C15 (9/8 and 10/8 for C15), final reports of both."""
    steps = []
    days = sorted({session.date for session in sessions})
    for code, report_days, minute in (("C01", days[:1], 30), ("C15", days, 40)):
        site = by_code.get(code)
        if site is None:
            continue
        for day in report_days:
            indexes = [n for n, session in enumerate(sessions) if session.date == day]
            values = _sums(site, code, indexes, sent)
            values["body"] = (
                f"Điểm thi {code} tổ chức {len(indexes)} buổi thi ngày {day:%d/%m/%Y} an toàn, "
                "đúng quy chế; đề thi, bài thi được bàn giao đầy đủ, niêm phong đúng quy định."
            )
            steps.append(
                Step(
                    dt.datetime.combine(day, dt.time(18, minute), tzinfo=TZ),
                    4,
                    _submitter(
                        site=site,
                        user=users[site.pk],
                        kind=ReportKind.DAILY,
                        report_date=day,
                        values=values,
                    ),
                )
            )
        values = _sums(site, code, list(range(len(sessions))), sent)
        values["body"] = (
            f"Điểm thi {code} hoàn thành các buổi thi của đợt 1 an toàn, nghiêm túc. Bài thi đã "
            "được bàn giao cho Hội đồng thi; không có khiếu nại của thí sinh tại điểm thi."
        )
        steps.append(
            Step(
                dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time(9), tzinfo=TZ),
                4,
                _submitter(site=site, user=users[site.pk], kind=ReportKind.FINAL, values=values),
            )
        )
    return steps


def _sums(site, code, indexes, sent) -> dict:
    quick = [sent[(code, n)] for n in indexes if (code, n) in sent]
    names = ("registered", "present", "absent", "reprimands", "warnings", "suspensions")
    return {
        **_sender(site),
        **{name: sum(values[name] for values in quick) for name in names},
        "staff_violations": 0,
    }
