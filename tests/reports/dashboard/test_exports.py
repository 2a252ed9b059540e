"""The dashboard's downloads opened as the Office opens them: the XLSX in a spreadsheet (openpyxl),
the CSV with the csv module, the council's quick report in Word (python-docx)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from tests import factories
from tests.reports.dashboard.conftest import (
    AFTER_DEADLINE,
    quick_values,
    suspension_case,
    urgent,
)

pytestmark = pytest.mark.django_db

AMENDED = quick_values(present=496, absent=4, absent_gave_up=2, suspensions=1)
INCIDENT = {
    "category": "suc-khoe",
    "severity": "trung-binh",
    "description": "Một thí sinh bị mệt, được cán bộ y tế chăm sóc",
    "action_taken": "Cho thí sinh nghỉ tại phòng y tế 10 phút",
}


@pytest.fixture
def reported(submit, submit_b, session, site_b, personas):
    """Site A sent, then amended with a suspension and an incident; site B sent late; an urgent
    report of site B."""
    first = submit().version
    submit(
        report=first.report,
        amends=1,
        reason="Bổ sung một thí sinh bị đình chỉ thi",
        values=AMENDED,
        cases=[suspension_case()],
        incidents=[INCIDENT],
    )
    submit_b(
        now=AFTER_DEADLINE,
        values=quick_values(
            registered=300,
            present=298,
            absent=2,
            absent_ill=1,
            proposals="Đề nghị bổ sung máy phát điện.",
        ),
    )
    urgent(site_b, personas["site_b"], session=session)
    return session


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response


def test_the_session_xlsx_has_a_row_per_site_and_a_totals_row(steering_client, reported):
    response = download(
        steering_client, reverse("reports:export-session", args=[reported.pk, "xlsx"])
    )

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="bao-cao-nhanh-sang-9-8-2020-ngu-van.xlsx"' in response["Content-Disposition"]
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20nhanh" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Sáng 9.8 Ngữ văn", "Kỷ luật thí sinh", "Sự việc bất thường"]
    sheet = book["Sáng 9.8 Ngữ văn"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Mã điểm thi", "Tên điểm thi", "Tình trạng báo cáo"]
    by_code = {
        row[0].value: dict(zip(header, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    }
    assert list(by_code) == ["C01", "C02", "Tổng cộng"]
    assert by_code["C01"]["Có mặt"] == 496 and by_code["C01"]["Số lần đính chính"] == 1
    assert by_code["C01"]["Gửi lần đầu lúc"] == dt.datetime(2020, 8, 9, 10, 0)
    assert by_code["C02"]["Tình trạng báo cáo"] == "Đã gửi muộn"
    totals = by_code["Tổng cộng"]
    assert totals["Số thí sinh đăng ký"] == 800 and totals["Có mặt"] == 794
    assert totals["Đình chỉ thi"] == 1 and totals["Sự việc bất thường"] == 2
    assert Decimal(str(totals["Tỷ lệ dự thi (%)"])) == Decimal("99.25")
    rate_cell = sheet.cell(row=4, column=header.index("Tỷ lệ dự thi (%)") + 1)
    assert rate_cell.number_format == "0.00"
    assert sheet.cell(row=4, column=header.index("Có mặt") + 1).number_format == "#,##0"
    assert sheet.cell(row=4, column=1).font.b
    cases = list(book["Kỷ luật thí sinh"].iter_rows(min_row=2, values_only=True))
    assert cases == [
        (
            "Sáng 9/8/2020 — Ngữ văn",
            "C01",
            "61000123",
            "12",
            "Đình chỉ thi",
            suspension_case()["description"],
            "05/BB",
        )
    ]
    incidents = [
        row[1] for row in book["Sự việc bất thường"].iter_rows(min_row=2, values_only=True)
    ]
    assert incidents == ["Nghiêm trọng", "Trung bình"]


def test_the_exam_xlsx_has_a_summary_sheet_and_one_sheet_per_session(
    steering_client, reported, exam
):
    factories.SessionFactory(
        round=factories.RoundFactory(exam=exam),
        period="chieu",
        title="Toán",
        start_time=dt.time(14, 30),
        duration_minutes=90,
    )

    response = download(steering_client, reverse("reports:export-exam", args=["xlsx"]))

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Sáng 9.8 Ngữ văn",
        "Chiều 9.8 Toán",
        "Kỷ luật thí sinh",
        "Sự việc bất thường",
    ]
    summary = book["Tổng hợp"]
    header = [cell.value for cell in summary[1]]
    lines = {
        row[0]: dict(zip(header, row, strict=True))
        for row in summary.iter_rows(min_row=2, values_only=True)
    }
    literature = lines["Sáng 9/8/2020 — Ngữ văn"]
    assert literature["Điểm thi đã báo cáo"] == 2 and literature["Điểm thi gửi muộn"] == 1
    assert literature["Có mặt"] == 794 and literature["Sự việc bất thường: nghiêm trọng"] == 1
    assert lines["Chiều 9/8/2020 — Toán"]["Điểm thi đã báo cáo"] == 0
    assert lines["Cộng cả kỳ thi (lượt)"]["Có mặt"] == 794
    maths = list(book["Chiều 9.8 Toán"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in maths] == ["C01", "C02", "Tổng cộng"]


def test_the_session_csv_is_utf8_with_a_bom_and_sums_in_its_last_row(steering_client, reported):
    response = download(
        steering_client, reverse("reports:export-session", args=[reported.pk, "csv"])
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Mã điểm thi"] for row in table] == ["C01", "C02", "Tổng cộng"]
    assert table[0]["Có mặt"] == "496" and table[0]["Gửi lần đầu lúc"] == "2020-08-09 10:00"
    assert table[2]["Có mặt"] == "794" and table[2]["Tỷ lệ dự thi (%)"] == "99.25"
    assert table[2]["Vắng: ốm, tai nạn"] == "3"


def test_the_exam_csv_names_the_session_of_each_row(steering_client, reported):
    response = download(steering_client, reverse("reports:export-exam", args=["csv"]))

    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:2] == ["Buổi thi", "Mã điểm thi"]
    assert [row[:2] for row in table[1:]] == [
        ["Sáng 9/8/2020 — Ngữ văn", "C01"],
        ["Sáng 9/8/2020 — Ngữ văn", "C02"],
        ["Sáng 9/8/2020 — Ngữ văn", "Tổng cộng"],
    ]


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x")', "+1+2", "-3+4", "@SUM(A1)"])
def test_what_was_typed_never_runs_as_a_formula(steering_client, submit, session, site_a, typed):
    site_a.name = typed
    site_a.save()
    submit()

    data = download(steering_client, reverse("reports:export-session", args=[session.pk, "csv"]))
    book = download(steering_client, reverse("reports:export-session", args=[session.pk, "xlsx"]))

    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + typed
    cell = load_workbook(io.BytesIO(book.content)).worksheets[0]["B2"]
    assert cell.value == typed and cell.data_type == "s"


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_the_council_quick_report_is_an_editable_docx_in_the_official_layout(
    steering_client, reported
):
    response = download(steering_client, reverse("reports:export-session-docx", args=[reported.pk]))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert (
        'filename="bao-cao-nhanh-tong-hop-sang-9-8-2020-ngu-van.docx"'
        in response["Content-Disposition"]
    )
    document = Document(io.BytesIO(response.content))
    heading = document.tables[0].rows[0].cells
    left, right = heading[0].text, heading[1].text
    assert "HỘI ĐỒNG THI" in left and "/BC-HĐT" in left and left.count("Số:") == 1
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Cà Mau, ngày" in right and "năm 2020" in right
    text = docx_text(document)
    assert "BÁO CÁO NHANH" in text
    assert "Tình hình buổi thi sáng ngày 9/8/2020 (Ngữ văn)" in text
    assert "2/2 điểm thi đã gửi báo cáo nhanh" in text and "Gửi sau hạn: C02" in text
    assert (
        "Tổng số thí sinh đăng ký dự thi: 800; số thí sinh dự thi: 794, đạt tỷ lệ 99,25 %" in text
    )
    assert "đình chỉ thi: 1" in text and "61000123" in text
    assert "Mất điện khu A" in text and "Một thí sinh bị mệt" in text
    assert "Đề nghị bổ sung máy phát điện." in text
    sites = document.tables[-2]
    assert [row.cells[1].text for row in sites.rows] == ["Điểm thi", "C01", "C02", "Tổng cộng"]
    assert sites.rows[-1].cells[5].text == "99,25 %"
    closing = document.tables[-1].rows[0].cells
    assert closing[0].text.startswith("Nơi nhận:")
    for recipient in (
        "Ban Chỉ đạo thi tỉnh;",
        "Chủ tịch Hội đồng thi;",
        "Giám đốc Sở;",
        "Lưu: VT, KT.",
    ):
        assert recipient in closing[0].text
    assert closing[1].text.split("\n")[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    assert not document.inline_shapes  # plain text and tables, nothing to re-draw
