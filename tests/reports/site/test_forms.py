"""The report forms of /diem-thi/ as a site user uses them: refused figures are explained at their
field with what was typed kept, a report is stored once with a receipt, a second first version is
refused and offered as an amendment, amendments keep the history, and the other reports."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse

from notifications.models import Message
from reports.events import ReportEvent
from reports.models import Report, ReportKind, ReportVersion
from tests import factories
from tests.reports.site.conftest import quick_post
from tests.reports.submit.conftest import AFTER_DEADLINE, BEFORE_START, suspension_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(site_a, session):
    return {
        "site": reverse("reports:site-detail", args=[site_a.pk]),
        "quick": reverse("reports:quick-report", args=[site_a.pk, session.pk]),
        "urgent": reverse("reports:urgent-report", args=[site_a.pk]),
        "daily": reverse("reports:daily-report", args=[site_a.pk]),
        "final": reverse("reports:final-report", args=[site_a.pk]),
    }


def page(response) -> str:
    return response.content.decode()


def value_of(html: str, name: str) -> str:
    """The value an <input name=...> shows."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert match, f"no input {name}"
    found = re.search(r'value="([^"]*)"', match.group(0))
    return found.group(1) if found else ""


def receipt(version: ReportVersion) -> str:
    return f"Biên nhận số BC-2020-{version.pk:06d}, gửi lúc"


def nothing_stored() -> bool:
    return not ReportVersion.objects.exists() and not Message.objects.exists()


# --- the form --------------------------------------------------------------------------------


def test_the_quick_report_form_is_prefilled_from_the_sites_registration(site_a_user, urls):
    response = site_a_user.get(urls["quick"])

    html = page(response)
    assert response.status_code == 200
    assert value_of(html, "registered") == "500" and value_of(html, "rooms") == "21"
    uuid.UUID(value_of(html, "submission_key"))  # a fresh key, drawn when the form is shown
    for legend in ["Thí sinh", "Kỷ luật thí sinh", "Cán bộ coi thi", "Đề thi"]:
        assert f"<legend>{legend}</legend>" in html
    assert "<legend>Sự việc bất thường</legend>" in html and "<legend>Người gửi</legend>" in html
    assert value_of(html, "cases-TOTAL_FORMS") == "3"
    assert value_of(html, "incidents-TOTAL_FORMS") == "3"
    assert "no-store" in response["Cache-Control"]


def test_two_openings_of_the_form_draw_two_keys(site_a_user, urls):
    first = value_of(page(site_a_user.get(urls["quick"])), "submission_key")
    second = value_of(page(site_a_user.get(urls["quick"])), "submission_key")

    assert first != second


# --- refused figures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"present": "490"},
            "absent",
            "Số có mặt (490) cộng số vắng (3) phải bằng số thí sinh đăng ký (500); hiện là 493.",
        ),
        ({"late_admitted": "-1"}, "late_admitted", "Số liệu không được âm."),
        ({"papers_missing": "1.000"}, "papers_missing", "Phải là số nguyên không âm"),
        ({"present": ""}, "present", "Xin ghi số liệu này (ghi 0 nếu không có)."),
        (
            {"suspensions": "1"},
            "suspensions",
            "Đã ghi 1 trường hợp đình chỉ thi nhưng có 0 dòng chi tiết",
        ),
        ({"sender_name": ""}, "sender_name", "Xin ghi họ tên người gửi."),
        ({"sender_phone": "goi toi"}, "sender_phone", "Số điện thoại chỉ gồm chữ số"),
    ],
)
def test_refused_figures_are_explained_at_their_field_and_what_was_typed_is_kept(
    site_a_user, urls, overrides, field, message
):
    data = quick_post(**overrides)
    data["staff_notes"] = "Cô Lan thay thầy Minh ở phòng 07."

    response = site_a_user.post(urls["quick"], data)

    html = page(response)
    assert response.status_code == 400
    assert html.count(message) == 2  # in the summary and at the field
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert f'id="id_{field}_error"' in html
    assert value_of(html, "present") == data["present"]
    assert value_of(html, "submission_key") == data["submission_key"]
    assert "Cô Lan thay thầy Minh ở phòng 07." in html
    assert "<title>Chưa gửi được" in html
    assert nothing_stored()


def test_every_error_is_shown_at_once_the_figures_with_a_box_to_correct(site_a_user, urls):
    response = site_a_user.post(urls["quick"], quick_post(present="490", papers_missing="x"))

    html = page(response)
    assert response.status_code == 400
    assert "xin sửa 2 lỗi sau" in html
    assert 'href="#id_absent"' in html and 'href="#id_papers_missing"' in html


def test_case_lines_are_checked_against_the_counts_and_kept_when_refused(site_a_user, urls):
    case = suspension_case(candidate_number="61000777")
    data = quick_post(suspensions="1", warnings="1", cases=[case])

    response = site_a_user.post(urls["quick"], data)

    html = page(response)
    assert response.status_code == 400
    assert "Đã ghi 1 trường hợp cảnh cáo nhưng có 0 dòng chi tiết" in html
    assert value_of(html, "cases-0-candidate_number") == "61000777"
    assert value_of(html, "cases-0-record_number") == "05/BB"
    assert re.search(r'<option value="dinh-chi" selected>', html)
    assert nothing_stored()


def test_an_incomplete_case_line_is_refused_at_its_boxes_with_the_other_figures_checked(
    site_a_user, urls
):
    data = quick_post(present="490", suspensions="1", cases=[suspension_case(candidate_number="")])

    response = site_a_user.post(urls["quick"], data)

    html = page(response)
    assert response.status_code == 400
    assert "Trường hợp kỷ luật, dòng 1 — Số báo danh: Xin ghi số báo danh." in html
    assert 'href="#id_cases-0-candidate_number"' in html
    assert 'href="#id_absent"' in html  # 490 + 3 != 500, said in the same round
    assert "trường hợp đình chỉ thi nhưng có" not in html  # the line is there, incomplete
    assert nothing_stored()


def test_before_the_session_starts_the_page_says_when_it_opens_and_a_post_is_refused(
    site_a_user, urls, clock
):
    clock(BEFORE_START)

    shown = page(site_a_user.get(urls["quick"]))
    response = site_a_user.post(urls["quick"], quick_post(present="496", absent="4"))

    assert "Buổi thi bắt đầu lúc 07:35 ngày 9/8/2020" in shown
    assert 'name="submission_key"' not in shown
    assert response.status_code == 400
    assert "Buổi thi chưa bắt đầu (bắt đầu lúc 07:35 ngày 9/8/2020)" in page(response)
    assert value_of(page(response), "present") == "496"
    assert nothing_stored()


# --- sent once, with a receipt ------------------------------------------------------------------


def test_a_report_sent_redirects_to_its_page_with_the_receipt(site_a_user, urls, site_a):
    data = quick_post(suspensions="1", cases=[suspension_case()])

    response = site_a_user.post(urls["quick"], data)

    version = ReportVersion.objects.get()
    report_url = reverse("reports:report-detail", args=[site_a.pk, version.report_id])
    assert response.status_code == 302 and response.url == report_url
    assert version.present == 497 and version.seals_intact and version.suspensions == 1
    assert version.cases.get().candidate_number == "61000123"
    assert not version.incidents.exists()  # three blank event lines, ignored
    shown = page(site_a_user.get(report_url))
    assert f"{receipt(version)} 10:00 ngày 9/8/2020" in shown
    assert "Đã gửi báo cáo." in shown and "gửi muộn" not in shown
    assert "61000123" in shown and "Tỷ lệ dự thi" in shown and "99,40 %" in shown


def test_the_same_form_posted_twice_stores_one_version_and_gives_the_same_receipt(
    site_a_user, urls
):
    data = quick_post()

    first = site_a_user.post(urls["quick"], data)
    again = site_a_user.post(urls["quick"], data)

    version = ReportVersion.objects.get()
    assert first.status_code == again.status_code == 302 and first.url == again.url
    shown = page(site_a_user.get(again.url))
    assert f"{receipt(version)} 10:00 ngày 9/8/2020" in shown
    assert "lần bấm gửi sau không lưu thêm bản nào" in shown


def test_a_second_tab_is_told_it_was_sent_keeps_its_data_and_can_send_an_amendment(
    site_a_user, urls, site_a
):
    site_a_user.post(urls["quick"], quick_post())
    report = Report.objects.get()
    second_tab = quick_post(present="496", absent="4", absent_gave_up="2")

    response = site_a_user.post(urls["quick"], second_tab)

    html = page(response)
    assert response.status_code == 409
    assert "Báo cáo này đã được gửi lúc 10:00 ngày 9/8/2020" in html
    assert value_of(html, "present") == "496"
    assert value_of(html, "submission_key") == second_tab["submission_key"]
    assert value_of(html, "amends") == "1"
    amend_url = reverse("reports:report-amend", args=[site_a.pk, report.pk])
    assert f'action="{amend_url}"' in html and "Lý do đính chính" in html
    assert ReportVersion.objects.count() == 1

    # Sent as the page offers it, with a reason: the second version.
    amended = site_a_user.post(
        amend_url, {**second_tab, "amends": "1", "amendment_reason": "Nhập nhầm số vắng"}
    )
    assert amended.status_code == 302
    assert Report.objects.get().latest.present == 496


# --- amendments ---------------------------------------------------------------------------------


@pytest.fixture
def sent(site_a_user, urls):
    site_a_user.post(urls["quick"], quick_post(suspensions="1", cases=[suspension_case()]))
    return Report.objects.get()


def test_the_amendment_form_is_filled_with_the_latest_version(site_a_user, site_a, sent):
    html = page(site_a_user.get(reverse("reports:report-amend", args=[site_a.pk, sent.pk])))

    assert value_of(html, "present") == "497" and value_of(html, "amends") == "1"
    assert value_of(html, "cases-0-candidate_number") == "61000123"
    assert value_of(html, "cases-TOTAL_FORMS") == "4"  # the case, then three blank lines
    assert value_of(html, "submission_key") != str(sent.latest.submission_key)


def test_an_amendment_needs_a_reason_and_becomes_version_2_with_the_history_shown(
    site_a_user, site_a, sent
):
    amend_url = reverse("reports:report-amend", args=[site_a.pk, sent.pk])
    data = quick_post(
        present="496", absent="4", absent_gave_up="2", suspensions="1", cases=[suspension_case()]
    )
    data["amends"] = "1"

    no_reason = site_a_user.post(amend_url, data)
    response = site_a_user.post(amend_url, {**data, "amendment_reason": "Nhập nhầm số vắng"})

    assert no_reason.status_code == 400 and "Xin ghi lý do đính chính." in page(no_reason)
    assert response.status_code == 302
    first, second = ReportVersion.objects.order_by("number")
    assert first.present == 497 and second.present == 496 and second.number == 2
    html = page(site_a_user.get(response.url))
    assert f"{receipt(first)} 10:00 ngày 9/8/2020" in html
    assert f"{receipt(second)} 10:00 ngày 9/8/2020" in html
    assert "Lý do đính chính: Nhập nhầm số vắng" in html
    assert "Số thí sinh có mặt: 497 → 496" in html
    assert "Đã gửi đính chính." in html


def test_an_amendment_of_a_version_already_corrected_is_refused_as_stale(site_a_user, site_a, sent):
    amend_url = reverse("reports:report-amend", args=[site_a.pk, sent.pk])
    data = quick_post(suspensions="1", cases=[suspension_case()], amends="1")
    site_a_user.post(amend_url, {**data, "amendment_reason": "Sửa lần 1"})

    response = site_a_user.post(
        amend_url, {**data, "submission_key": str(uuid.uuid4()), "amendment_reason": "Từ bản cũ"}
    )

    html = page(response)
    assert response.status_code == 409
    assert "Báo cáo đã được đính chính lúc" in html
    assert value_of(html, "amends") == "2"  # to resend once the latest version has been seen
    assert ReportVersion.objects.count() == 2


def test_a_report_sent_after_the_deadline_is_marked_late(site_a_user, urls, clock):
    clock(AFTER_DEADLINE)

    response = site_a_user.post(urls["quick"], quick_post())

    html = page(site_a_user.get(response.url))
    assert "11:00 ngày 9/8/2020 (<strong>gửi muộn</strong>)" in html
    assert "Đã gửi muộn" in page(site_a_user.get(urls["site"]))


# --- the site's page ----------------------------------------------------------------------------


def test_the_site_page_gives_each_sessions_state_and_deadline(site_a_user, urls, clock):
    clock(BEFORE_START)
    assert "Chưa đến giờ báo cáo" in page(site_a_user.get(urls["site"]))
    clock(AFTER_DEADLINE)
    html = page(site_a_user.get(urls["site"]))
    assert "Quá hạn, chưa gửi" in html and "10:20 ngày 9/8/2020" in html
    assert f'href="{urls["quick"]}"' in html

    site_a_user.post(urls["quick"], quick_post())

    html = page(site_a_user.get(urls["site"]))
    report = Report.objects.get()
    assert "Đã gửi muộn" in html
    assert reverse("reports:report-detail", args=[report.site_id, report.pk]) in html


# --- lines without JavaScript ------------------------------------------------------------------


def test_more_lines_are_added_without_javascript_keeping_what_was_typed(site_a_user, urls):
    data = quick_post(present="480", cases=[suspension_case()], them_dong="cases")

    response = site_a_user.post(urls["quick"], data)

    html = page(response)
    assert response.status_code == 200
    assert value_of(html, "cases-TOTAL_FORMS") == "6"
    assert value_of(html, "cases-0-candidate_number") == "61000123"
    assert value_of(html, "present") == "480"
    assert "Chưa gửi được" not in html  # nothing checked yet
    assert nothing_stored()


def test_a_post_without_the_line_forms_is_a_report_without_lines(site_a_user, urls):
    data = {k: v for k, v in quick_post().items() if not k.startswith(("cases-", "incidents-"))}

    response = site_a_user.post(urls["quick"], data)

    assert response.status_code == 302
    assert not ReportVersion.objects.get().cases.exists()


# --- urgent, end-of-day and final reports -------------------------------------------------------


def urgent_post(**overrides) -> dict:
    data = {
        "submission_key": str(uuid.uuid4()),
        "incident_category": "lo-de",
        "severity": "cao",
        "title": "Nghi lộ đề thi môn Ngữ văn",
        "body": "Phát hiện ảnh chụp đề thi trên mạng xã hội lúc 8 giờ 10.",
        "action_taken": "Đã báo Công an tỉnh.",
        "sender_name": "Nguyễn Văn Mẫu",
        "sender_phone": "0123 456 789",
    }
    data.update(overrides)
    return data


def test_an_urgent_report_is_sent_at_once_to_the_standing_members(
    site_a_user, urls, session, standing, clock
):
    clock(AFTER_DEADLINE)  # never late

    response = site_a_user.post(urls["urgent"], urgent_post(session=str(session.pk)))

    assert response.status_code == 302
    report = Report.objects.get()
    assert report.kind == ReportKind.URGENT and report.session == session
    messages = Message.objects.filter(recipient__in=standing)
    assert messages.count() == 2
    assert all(m.urgent and m.event == ReportEvent.URGENT for m in messages)
    html = page(site_a_user.get(response.url))
    assert "Nghi lộ đề thi môn Ngữ văn" in html and "gửi muộn" not in html


def test_an_urgent_report_needs_its_title_severity_and_a_session_of_the_exam(
    site_a_user, urls, clock
):
    other_exam = factories.SessionFactory(
        round=factories.RoundFactory(exam=factories.ExamFactory(year=2019, is_current=False))
    )

    response = site_a_user.post(
        urls["urgent"], urgent_post(title="", severity="", session=str(other_exam.pk))
    )

    html = page(response)
    assert response.status_code == 400
    for message in ["Xin ghi tiêu đề sự việc.", "Xin chọn mức độ.", "Xin chọn một buổi thi"]:
        assert message in html
    assert "Phát hiện ảnh chụp đề thi" in html
    assert nothing_stored()


def periodic_post(**overrides) -> dict:
    data = {
        "submission_key": str(uuid.uuid4()),
        "body": "Buổi sáng thi Ngữ văn an toàn, nghiêm túc.",
        "registered": "500",
        "present": "497",
        "absent": "3",
        "reprimands": "0",
        "warnings": "0",
        "suspensions": "0",
        "staff_violations": "0",
        "sender_name": "Nguyễn Văn Mẫu",
        "sender_phone": "0123 456 789",
    }
    data.update(overrides)
    return data


def test_the_end_of_day_report_is_sent_once_a_day(site_a_user, urls, site_a):
    url = f"{urls['daily']}?ngay=2020-08-09"
    site_a_user.post(urls["quick"], quick_post())

    shown = page(site_a_user.get(urls["daily"]))  # today, 9/8, is a day of the exam
    first = site_a_user.post(url, periodic_post())
    second = site_a_user.post(url, periodic_post(body="Bản thứ hai"))

    assert value_of(shown, "present") == "497"  # from the quick reports of the day
    assert first.status_code == 302
    report = Report.objects.get(kind=ReportKind.DAILY)
    assert report.report_date == dt.date(2020, 8, 9) and report.version_count == 1
    assert second.status_code == 409 and "Bản thứ hai" in page(second)
    amend_url = reverse("reports:report-amend", args=[site_a.pk, report.pk])
    assert f'action="{amend_url}"' in page(second)


def test_the_end_of_day_report_refuses_a_day_outside_the_exam(site_a_user, urls):
    assert site_a_user.get(f"{urls['daily']}?ngay=2020-08-20").status_code == 404
    assert site_a_user.get(f"{urls['daily']}?ngay=hom-nay").status_code == 404
    response = site_a_user.post(f"{urls['daily']}?ngay=2020-08-20", periodic_post())
    assert response.status_code == 404
    assert nothing_stored()


def test_a_count_of_thousands_of_digits_is_refused_as_too_large_not_a_server_error(
    site_a_user, urls
):
    # Python's int() refuses strings of more than 4300 digits with a ValueError.
    response = site_a_user.post(urls["quick"], quick_post(present="9" * 5000))

    assert response.status_code == 400
    assert "Số quá lớn (tối đa 2147483647)" in page(response)
    assert nothing_stored()


def test_the_end_of_day_figures_are_checked(site_a_user, urls):
    response = site_a_user.post(f"{urls['daily']}?ngay=2020-08-09", periodic_post(present="490"))

    assert response.status_code == 400
    assert "Số có mặt (490) cộng số vắng (3) phải bằng số thí sinh đăng ký (500)" in page(response)
    assert nothing_stored()


def test_the_final_report_is_sent_once(site_a_user, urls):
    first = site_a_user.post(urls["final"], periodic_post(body="Kỳ thi an toàn."))
    second = site_a_user.post(urls["final"], periodic_post(body="Lần hai"))
    shown = page(site_a_user.get(urls["final"]))

    assert first.status_code == 302 and second.status_code == 409
    assert Report.objects.get(kind=ReportKind.FINAL).latest.body == "Kỳ thi an toàn."
    assert "Báo cáo kết thúc kỳ thi đã được gửi" in shown and "Gửi đính chính" in shown
