"""The exam council's consolidated quick report of a session (báo cáo nhanh tổng hợp) as DOCX, in
the layout of Nghị định 30/2020/NĐ-CP: the two-column heading (issuing body and number; national
title, motto, place and date), the title, the body with the figures and a table of the sites,
"Nơi nhận" and the signature block. Plain paragraphs and tables in Times New Roman, editable in
Word; the number, the day and the signer's name are left blank for the Office.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from django.utils.text import capfirst
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from core.vietnamese import format_count, format_date, format_rate
from exams.models import Exam
from reports.models import DisciplineCase
from reports.selectors import SessionSummary, SeverityGroup, SiteLine

# The exam council is set up by the Department's director (Thông tư 15/2020, Article 17): the
# Department is its governing body, named above it.
GOVERNING_BODY = "SỞ GIÁO DỤC VÀ ĐÀO TẠO CÀ MAU"
ISSUER = "HỘI ĐỒNG THI TỐT NGHIỆP THPT"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS = ("Ban Chỉ đạo thi tỉnh;", "Chủ tịch Hội đồng thi;", "Giám đốc Sở;", "Lưu: VT, KT.")
BLANK = "\u00a0" * 8  # where the Office writes the number and the date by hand or on signing


def _font(run, *, size=None, bold=None, italic=None):
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


def _paragraph(container, text="", *, align=None, size=None, bold=None, italic=None, indent=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        None: None,
    }[align]
    paragraph.paragraph_format.space_after = Pt(3 if align == "center" else 6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        _font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _cell_text(cell, lines, *, size=13):
    """Replace a table cell's content with centred lines of (text, bold, italic)."""
    cell.paragraphs[0].text = ""
    for index, (text, bold, italic) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(text), size=size, bold=bold, italic=italic)


def _widths(table, widths):
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _grid(document, headers, rows, widths, *, totals=None, size=11):
    """A bordered table (Table Grid) with a bold header row and an optional bold totals row."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(header), size=size, bold=True)
    for values, bold in [*((row, False) for row in rows), *([(totals, True)] if totals else [])]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].text = ""
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            _font(cell.paragraphs[0].add_run(str(value)), size=size, bold=bold)
    _widths(table, widths)
    return table


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    # Word picks the East Asian font slot for some Vietnamese text: name it as well.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1


def _heading_block(document, exam: Exam) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _cell_text(
        left,
        [
            (GOVERNING_BODY, False, False),
            (ISSUER, True, False),
            (f"NĂM {exam.year}", True, False),
            ("", False, False),
            (f"Số:{BLANK}/BC-HĐT", False, False),
        ],
    )
    _cell_text(
        right,
        [
            (NATIONAL_TITLE, True, False),
            (MOTTO, True, False),
            ("", False, False),
            ("", False, False),
            (f"Cà Mau, ngày{BLANK}tháng{BLANK}năm {exam.year}", False, True),
        ],
    )
    # The national title and the motto are 13 and 14 pt, the place and date 14 pt italic.
    _font(right.paragraphs[1].runs[0], size=14)
    _font(right.paragraphs[4].runs[0], size=14)
    _widths(table, [6.5, 9.5])


def _signature_block(document) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run("Nơi nhận:"), size=12, bold=True, italic=True)
    for line in RECIPIENTS:
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(f"- {line}"), size=11)
    _cell_text(
        right,
        [
            ("KT. CHỦ TỊCH", True, False),
            ("PHÓ CHỦ TỊCH", True, False),
            ("", False, False),
            ("", False, False),
            ("", False, False),
            ("", False, False),
            # The name is written by the Office when the report is signed.
            ("", True, False),
        ],
        size=14,
    )
    _widths(table, [7.5, 8.5])


def _clock(moment: dt.datetime) -> str:
    """10 giờ 20 ngày 9/8/2020, as an administrative text writes a time."""
    local = timezone.localtime(moment)
    return f"{local.hour} giờ {local.minute:02d} ngày {format_date(local)}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _counts(pairs) -> str:
    return "; ".join(f"{label}: {format_count(value)}" for label, value in pairs)


def session_docx(
    summary: SessionSummary,
    lines: list[SiteLine],
    *,
    incidents: list[SeverityGroup],
    cases: list[DisciplineCase],
    proposals: list,
    now: dt.datetime,
) -> bytes:
    """The council's quick report of one session, editable in Word: plain paragraphs and tables,
    Times New Roman, the number, date and signer left blank for the Office."""
    session, figures = summary.session, summary.figures
    exam = session.round.exam
    totals = figures.totals
    when = f"{session.get_period_display().lower()} ngày {format_date(session.date)}"

    document = Document()
    _setup(document)
    document.core_properties.title = f"Báo cáo nhanh tình hình buổi thi {when}"
    document.core_properties.author = f"{ISSUER.capitalize()} năm {exam.year}"
    document.core_properties.last_modified_by = ""
    document.core_properties.comments = ""
    _heading_block(document, exam)

    _paragraph(document)
    _paragraph(document, "BÁO CÁO NHANH", align="center", bold=True)
    _paragraph(document, f"Tình hình buổi thi {when} ({session.title})", align="center", bold=True)
    _paragraph(document, exam.title, align="center", bold=True)
    _paragraph(document, "")

    def body(text: str) -> None:
        _paragraph(document, text, align="justify", indent=True)

    def heading(text: str) -> None:
        _paragraph(document, text, align="justify", bold=True, indent=True)

    body(
        f"Căn cứ báo cáo nhanh của các điểm thi, Hội đồng thi báo cáo nhanh tình hình buổi thi "
        f"{session.title} ({when}) như sau:"
    )

    heading("1. Tình hình báo cáo của các điểm thi")
    text = (
        f"Đến {_clock(now)}, {figures.reported}/{figures.expected} điểm thi đã gửi báo cáo nhanh "
        f"(hạn gửi: {_clock(session.report_deadline)})."
    )
    if figures.late:
        text += " Gửi sau hạn: " + ", ".join(row.site.code for row in figures.late) + "."
    body(text)
    if figures.missing:
        body(
            "Chưa gửi báo cáo: "
            + "; ".join(f"{row.site.code} — {row.site.name}" for row in figures.missing)
            + ". Số liệu dưới đây chưa gồm các điểm thi này."
        )

    heading("2. Thí sinh dự thi")
    body(
        f"Tổng số thí sinh đăng ký dự thi: {format_count(totals['registered'])}; số thí sinh dự "
        f"thi: {format_count(totals['present'])}, đạt tỷ lệ {format_rate(figures.attendance_rate)}; "
        f"vắng mặt: {format_count(totals['absent'])} ("
        + _counts(
            [
                ("bỏ thi", totals["absent_gave_up"]),
                ("ốm, tai nạn", totals["absent_ill"]),
                ("cách ly COVID-19", totals["absent_covid"]),
                ("tuyển thẳng", totals["absent_exempt"]),
                ("lý do khác", totals["absent_other"]),
            ]
        )
        + f"). Thí sinh đến muộn được dự thi: {format_count(totals['late_admitted'])}."
    )

    heading("3. Xử lý kỷ luật thí sinh")
    body(
        _counts(
            [
                ("Khiển trách", totals["reprimands"]),
                ("cảnh cáo", totals["warnings"]),
                ("đình chỉ thi", totals["suspensions"]),
            ]
        )
        + "."
    )
    if cases:
        _grid(
            document,
            [
                "STT",
                "Điểm thi",
                "Số báo danh",
                "Phòng thi",
                "Hình thức",
                "Vi phạm và xử lý",
                "Số biên bản",
            ],
            [
                [
                    index,
                    case.version.report.site.code,
                    case.candidate_number,
                    case.room,
                    case.get_form_display(),
                    case.description,
                    case.record_number,
                ]
                for index, case in enumerate(cases, start=1)
            ],
            [1.0, 1.5, 2.2, 1.5, 2.2, 5.4, 2.2],
        )
        _paragraph(document)

    heading("4. Cán bộ làm công tác thi")
    body(
        _counts(
            [
                ("Cán bộ vi phạm quy chế", totals["staff_violations"]),
                ("cán bộ vắng", totals["staff_absent"]),
                ("cán bộ thay thế", totals["staff_replaced"]),
            ]
        )
        + "."
    )

    heading("5. Đề thi")
    broken = [
        row.site.code
        for row in figures.rows
        if row.report and row.report.latest and not row.report.latest.seals_intact
    ]
    seals = (
        "niêm phong đề thi không còn nguyên vẹn tại " + ", ".join(broken)
        if broken
        else "niêm phong đề thi còn nguyên vẹn tại các điểm thi đã báo cáo"
    )
    body(
        f"{capfirst(seals)}; "
        + _counts(
            [
                ("đề thi thiếu", totals["papers_missing"]),
                ("đề thi in lỗi", totals["papers_misprinted"]),
                ("đề dự phòng đã dùng", totals["reserve_papers_used"]),
            ]
        )
        + "."
    )

    heading("6. Sự việc bất thường")
    told = [item for group in incidents for item in group.items]
    if not told:
        body("Các điểm thi không báo cáo sự việc bất thường.")
    for item in told:
        text = f"- Mức độ {item.severity_label.lower()}, {item.site.code} — {item.site.name}"
        text += f" ({item.category}): {_sentence(item.description)}"
        if item.action_taken:
            text += f" Biện pháp đã xử lý: {_sentence(item.action_taken)}"
        body(text)

    heading("7. Số liệu của từng điểm thi")
    rows = []
    for index, line in enumerate(lines, start=1):
        version = line.version
        note = [line.state_label]
        if line.amendments:
            note.append(f"đính chính {line.amendments} lần")
        if version is None:
            rows.append([index, line.site.code, "—", "—", "—", "—", "—", "—", "—", ", ".join(note)])
            continue
        rows.append(
            [
                index,
                line.site.code,
                format_count(version.registered),
                format_count(version.present),
                format_count(version.absent),
                format_rate(version.attendance_rate),
                version.reprimands,
                version.warnings,
                version.suspensions,
                ", ".join(note),
            ]
        )
    _grid(
        document,
        ["STT", "Điểm thi", "Đăng ký", "Dự thi", "Vắng", "Tỷ lệ", "KT", "CC", "ĐC", "Ghi chú"],
        rows,
        [1.0, 1.5, 1.7, 1.7, 1.3, 2.0, 1.0, 1.0, 1.0, 3.8],
        totals=[
            "",
            "Tổng cộng",
            format_count(totals["registered"]),
            format_count(totals["present"]),
            format_count(totals["absent"]),
            format_rate(figures.attendance_rate),
            totals["reprimands"],
            totals["warnings"],
            totals["suspensions"],
            f"{figures.reported}/{figures.expected} điểm thi",
        ],
    )
    _paragraph(document, "KT: khiển trách; CC: cảnh cáo; ĐC: đình chỉ thi.", size=11, italic=True)

    heading("8. Đề xuất, kiến nghị")
    if not proposals:
        body("Các điểm thi không có đề xuất, kiến nghị.")
    for site, text in proposals:
        body(f"- {site.code} — {site.name}: {text}")

    body(
        f"Trên đây là báo cáo nhanh tình hình buổi thi {session.title} ({when}), Hội đồng thi "
        "kính báo cáo./."
    )
    _paragraph(document)
    _signature_block(document)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
