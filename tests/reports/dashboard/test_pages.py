"""What the Steering Committee reads on the dashboard's pages: who reported, who is late, missing or
amended, the totals, incidents by severity, a site's history and a report's versions, and a page
that refreshes itself only while a session runs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from exams.models import SiteMembership
from tests import factories
from tests.reports.dashboard.conftest import (
    AFTER_DEADLINE,
    BEFORE_START,
    DURING,
    VN,
    quick_values,
    suspension_case,
    urgent,
)
from tests.reports.dashboard.html import by_id, facts, parse, rows, table

pytestmark = pytest.mark.django_db

AMENDED_VALUES = quick_values(present=496, absent=4, absent_gave_up=2)
INCIDENT = {
    "category": "suc-khoe",
    "severity": "trung-binh",
    "description": "Một thí sinh bị mệt, được cán bộ y tế chăm sóc.",
    "action_taken": "Cho thí sinh nghỉ tại phòng y tế 10 phút.",
}


def head_of(site, name: str, *, role=SiteMembership.SiteRole.HEAD):
    first, _, last = name.rpartition(" ")
    user = get_user_model().objects.create_user(
        username=f"u-{site.code}-{role}", first_name=first, last_name=last
    )
    site.memberships.create(user=user, role=role)
    return user


def session_page(client, session):
    response = client.get(reverse("reports:dashboard-session", args=[session.pk]))
    assert response.status_code == 200
    return parse(response.content)


def test_the_session_page_tells_missing_late_and_amended_sites_apart(
    steering_client, submit, session, site_b
):
    personas_site_b_head = head_of(site_b, "Trần Thị Trưởng")
    head_of(site_b, "Lê Văn Thư Ký", role=SiteMembership.SiteRole.SECRETARY)
    first = submit(now=AFTER_DEADLINE).version
    submit(
        report=first.report,
        amends=1,
        reason="Nhập nhầm số vắng",
        values=AMENDED_VALUES,
        now=AFTER_DEADLINE + dt.timedelta(minutes=5),
    )

    page = session_page(steering_client, session)

    assert "1/2 điểm thi đã gửi báo cáo nhanh" in by_id(page, "tinh-hinh-bao-cao").parent.text
    missing = by_id(page, "danh-sach-chua-gui").text
    assert "C02 — Điểm thi B" in missing and "Quá hạn, chưa gửi" in missing
    # The head's name only: not the secretary, no phone, no e-mail.
    assert personas_site_b_head.get_full_name() == "Trần Thị Trưởng"
    assert "Trưởng Điểm thi: Trần Thị Trưởng" in missing
    assert "Lê Văn Thư Ký" not in missing and "@" not in missing
    assert "diemthi-b" not in missing  # a log-in name is not a name
    assert "C01 — Điểm thi A" in by_id(page, "danh-sach-gui-muon").text
    assert "đính chính 1 lần" in by_id(page, "danh-sach-da-dinh-chinh").text

    sites = rows(table(page, "Báo cáo nhanh của từng điểm thi"))
    site_a_row = next(text for header, text in sites.items() if header.startswith("C01"))
    assert "Đã gửi muộn" in site_a_row and "Đã đính chính 1 lần" in site_a_row
    assert "496/500" in site_a_row and "99,20 %" in site_a_row
    assert "11:00 9/8/2020" in site_a_row  # the first receipt, not the amendment's
    site_b_row = next(text for header, text in sites.items() if header.startswith("C02"))
    assert "Quá hạn, chưa gửi" in site_b_row and "—/300" in site_b_row
    report_link = reverse("reports:dashboard-report", args=[first.report_id])
    assert page.find("a", href=report_link) is not None


def test_the_session_totals_come_from_the_latest_versions(
    steering_client, submit, submit_b, session
):
    first = submit(values=quick_values(suspensions=1), cases=[suspension_case()]).version
    submit(report=first.report, amends=1, reason="Sửa", values=AMENDED_VALUES)
    submit_b()

    totals = facts(
        by_id(parse(steering_client.get(f"/ban-chi-dao/buoi/{session.pk}/").content), "tong-hop")
    )

    assert totals["Thí sinh đăng ký"] == "800"
    assert totals["Có mặt"] == "794"  # 496 + 298: the amendment, never the first version's 497
    assert totals["Vắng: bỏ thi"] == "3" and totals["Vắng: ốm, tai nạn"] == "3"
    assert totals["Đình chỉ thi"] == "0"
    assert totals["Tỷ lệ dự thi"] == "99,25 %"  # 794/800


def test_incidents_are_grouped_by_severity_with_links_to_their_reports(
    steering_client, submit, session, site_b, personas
):
    quick = submit(incidents=[INCIDENT]).report
    serious = urgent(site_b, personas["site_b"], session=session).report

    page = session_page(steering_client, session)

    section = by_id(page, "su-viec-bat-thuong").parent
    assert re.search(r"Nghiêm trọng 1 Trung bình 1 Thấp 0", section.text)
    assert by_id(page, "muc-do-cao").text == "Mức độ nghiêm trọng (1)"
    assert by_id(page, "muc-do-trung-binh").text == "Mức độ trung bình (1)"
    assert page.find("a", href=reverse("reports:dashboard-report", args=[serious.pk]))
    assert page.find("a", href=reverse("reports:dashboard-report", args=[quick.pk]))
    assert "Mất điện khu A" in section.text and "Một thí sinh bị mệt" in section.text
    # Before it, the serious one: most serious first.
    assert section.text.index("Mất điện khu A") < section.text.index("Một thí sinh bị mệt")


def test_the_dashboard_puts_the_latest_session_first_with_charts_and_urgent_reports(
    steering_client, submit, session, site_b, personas
):
    submit()
    serious = urgent(site_b, personas["site_b"], session=session).report

    with time_machine.travel(AFTER_DEADLINE, tick=False):
        page = parse(steering_client.get(reverse("reports:dashboard")).content)

    focus = by_id(page, "buoi-thi-chinh")
    assert focus.text.startswith("Buổi thi gần nhất") and "Ngữ văn" in focus.text
    sessions = rows(table(page, "Báo cáo nhanh của các điểm thi theo buổi thi"))
    assert "1/2" in sessions["Sáng 9/8/2020 — Ngữ văn"]
    assert "99,40 %" in sessions["Sáng 9/8/2020 — Ngữ văn"]
    for chart in page.find_all("svg"):
        assert chart.attrs["role"] == "img"
        name = by_id(page, chart.attrs["aria-labelledby"]).text
        assert name in {
            "Tỷ lệ thí sinh dự thi theo buổi thi",
            "Thí sinh bị xử lý kỷ luật theo buổi thi và hình thức",
        }
        assert all("style" not in node.attrs for node in chart.iter())
    assert len(page.find_all("svg")) == 2
    data = rows(table(page, "thí sinh dự thi theo buổi thi"))
    assert "497" in data["Sáng 9/8/2020 — Ngữ văn"] and "99,40 %" in data["Sáng 9/8/2020 — Ngữ văn"]
    assert page.find("a", href=reverse("reports:dashboard-report", args=[serious.pk]))
    assert "Mất điện khu A" in by_id(page, "bao-cao-dot-xuat").parent.text


def test_the_site_page_shows_every_session_and_the_history_of_sending(
    steering_client, submit, site_a, personas, session
):
    first = submit(now=AFTER_DEADLINE).version
    submit(report=first.report, amends=1, reason="Nhập nhầm số vắng", values=AMENDED_VALUES)
    alarm = urgent(site_a, personas["site_a"], session=session, title="Nghi lộ đề").report

    page = parse(steering_client.get(reverse("reports:dashboard-site", args=[site_a.pk])).content)

    quick = rows(table(page, "theo buổi thi"))
    assert "Đã gửi muộn" in quick["Sáng 9/8/2020 — Ngữ văn"]
    assert "Đã đính chính 1 lần" in quick["Sáng 9/8/2020 — Ngữ văn"]
    assert page.find("a", href=reverse("reports:dashboard-report", args=[alarm.pk]))
    history = table(page, "Mọi lần gửi và đính chính").text
    assert "Đính chính: Nhập nhầm số vắng" in history
    assert "Gửi lần đầu" in history and "Gửi sau hạn" in history
    assert first.receipt_number in history


def test_the_report_page_shows_the_latest_version_in_full_and_every_earlier_one(
    steering_client, submit
):
    first = submit(now=AFTER_DEADLINE).version
    latest = submit(
        report=first.report,
        amends=1,
        reason="Bổ sung một thí sinh bị đình chỉ thi",
        values=quick_values(present=496, absent=4, absent_gave_up=2, suspensions=1),
        cases=[suspension_case()],
        incidents=[INCIDENT],
        now=AFTER_DEADLINE + dt.timedelta(minutes=10),
    ).version

    response = steering_client.get(reverse("reports:dashboard-report", args=[first.report_id]))
    page = parse(response.content)

    newest = by_id(page, "ban-moi-nhat").parent
    assert "lần gửi 2, 11:10 9/8/2020" in newest.text
    sent = facts(table(newest, "Lần gửi 2: người gửi, biên nhận"))
    assert sent["Biên nhận"] == latest.receipt_number
    assert sent["Người gửi"] == "Nguyễn Văn Mẫu — 0123 456 789"
    assert sent["Lý do đính chính"] == "Bổ sung một thí sinh bị đình chỉ thi"
    assert "Gửi sau hạn" in sent["Gửi lúc"]
    assert "Có mặt: 497 → 496" in newest.text and "Đình chỉ thi: 0 → 1" in newest.text
    assert "61000123" in table(newest, "Các trường hợp xử lý kỷ luật").text
    assert "Một thí sinh bị mệt" in table(newest, "Sự việc bất thường").text
    earlier = by_id(page, "cac-ban-truoc").parent
    assert "Lần gửi 1, 11:00 9/8/2020 (bản đầu tiên)" in earlier.text
    assert first.receipt_number in earlier.text
    assert facts(table(earlier, "Thí sinh, lần gửi 1"))["Có mặt"] == "497"
    assert response.content.decode().count("Gửi muộn") == 1  # the report's own state


@pytest.mark.parametrize(
    ("moment", "marked"),
    [
        (BEFORE_START, False),
        (DURING, True),  # the session is under way
        (dt.datetime(2020, 8, 9, 10, 15, tzinfo=VN), True),  # ended, the reports are due at 10:20
        (AFTER_DEADLINE, False),
    ],
)
@pytest.mark.parametrize("url_name", ["reports:dashboard", "reports:dashboard-session"])
def test_the_page_refreshes_itself_only_while_a_session_runs(
    steering_client, session, registrations, moment, marked, url_name
):
    args = [session.pk] if url_name.endswith("session") else []

    with time_machine.travel(moment, tick=False):
        html = steering_client.get(reverse(url_name, args=args)).content.decode()

    page = parse(html)
    box = by_id(page, "bang-theo-doi")
    assert ("data-tu-cap-nhat" in box.attrs) is marked
    toggles = [b for b in page.find_all("button") if "data-refresh-toggle" in b.attrs]
    assert bool(toggles) is marked
    assert 'http-equiv="refresh"' not in html.lower()
    scripts = page.find_all("script")
    assert any(s.attrs.get("src", "").endswith("js/dashboard.js") for s in scripts)
    assert all("src" in s.attrs and "defer" in s.attrs for s in scripts)


def test_no_page_carries_an_inline_style_or_script(steering_client, submit, session, site_a):
    report = submit(
        incidents=[INCIDENT], values=quick_values(suspensions=1), cases=[suspension_case()]
    ).report
    urls = [
        reverse("reports:dashboard"),
        reverse("reports:dashboard-session", args=[session.pk]),
        reverse("reports:dashboard-site", args=[site_a.pk]),
        reverse("reports:dashboard-report", args=[report.pk]),
    ]
    for url in urls:
        with time_machine.travel(DURING, tick=False):
            page = parse(steering_client.get(url).content)
        assert not [node.tag for node in page.iter() if "style" in node.attrs], url
        assert all("src" in script.attrs for script in page.find_all("script")), url
        assert page.find("link", href="/static/css/dashboard.css") is not None, url
        for wrap in page.find_all("div", class_="table-wrap"):
            assert wrap.attrs.get("tabindex") == "0" and wrap.attrs.get("role") == "region"


def test_without_a_current_exam_the_dashboard_says_so(client, personas, exam):
    exam.is_current = False
    exam.save()
    client.force_login(personas["steering"])

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    assert "Chưa có kỳ thi hiện hành" in response.content.decode()


def test_a_site_registered_for_no_session_lists_every_session_without_figures(
    steering_client, exam
):
    site = factories.ExamSiteFactory(
        exam=exam, code="C18", name="Điểm thi dự phòng", is_reserve=True
    )
    factories.SessionFactory(round=factories.RoundFactory(exam=exam))

    page = parse(steering_client.get(reverse("reports:dashboard-site", args=[site.pk])).content)

    quick = rows(table(page, "theo buổi thi"))
    assert list(quick) == ["Sáng 9/8/2020 — Ngữ văn"]
    assert "Điểm thi dự phòng" in page.find("h1").text
