"""The figures of a session, or of every session of the exam, per site as XLSX and CSV: a header
row, a row per site, a totals row. Every figure comes from `reports.figures` (sums over the latest
version of each report), the numbers the dashboard shows. What was typed (a site's name, a case's
description) never runs as a formula: CSV cells starting with = + - @ get an apostrophe, as the
press room's CSV export does, and XLSX cells are stored as text, never as formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from core.vietnamese import format_date
from exams.models import Exam, Session
from reports.figures import SUMMED, rate
from reports.models import (
    CANDIDATE_FIGURES,
    DISCIPLINE_FIGURES,
    PAPER_FIGURES,
    STAFF_FIGURES,
    DisciplineCase,
    ReportVersion,
)
from reports.selectors import SEVERITY_ORDER, SessionSummary, SeverityGroup, SiteLine

TEXT, COUNT, RATE, DATETIME, DATE = "text", "count", "rate", "datetime", "date"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = COUNT
    width: int = 12


def _figure(name: str) -> Column:
    return Column(name, capfirst(str(ReportVersion._meta.get_field(name).verbose_name)))


SITE_COLUMNS = (
    Column("code", "Mã điểm thi", TEXT, 10),
    Column("name", "Tên điểm thi", TEXT, 36),
    Column("state", "Tình trạng báo cáo", TEXT, 20),
    Column("first_submitted_at", "Gửi lần đầu lúc", DATETIME, 17),
    Column("amendments", "Số lần đính chính", COUNT, 11),
    Column("latest_at", "Bản mới nhất gửi lúc", DATETIME, 17),
    Column("receipt", "Biên nhận bản mới nhất", TEXT, 16),
    # The candidates' figures, the rate after the absences, then the rest in the form's order.
    *(_figure(name) for name in CANDIDATE_FIGURES if name != "late_admitted"),
    Column("attendance_rate", "Tỷ lệ dự thi (%)", RATE, 12),
    _figure("late_admitted"),
    *(_figure(name) for name in DISCIPLINE_FIGURES + STAFF_FIGURES),
    Column("seals_intact", "Niêm phong đề thi còn nguyên vẹn", TEXT, 14),
    *(_figure(name) for name in PAPER_FIGURES),
    Column("incidents", "Sự việc bất thường"),
)
SESSION_COLUMN = Column("session", "Buổi thi", TEXT, 30)

SUMMARY_COLUMNS = (
    SESSION_COLUMN,
    Column("date", "Ngày", DATE, 12),
    Column("round", "Đợt", TEXT, 8),
    Column("phase", "Tình trạng", TEXT, 22),
    Column("reported", "Điểm thi đã báo cáo"),
    Column("expected", "Điểm thi phải báo cáo"),
    Column("late", "Điểm thi gửi muộn"),
    Column("missing", "Điểm thi chưa gửi"),
    Column("registered", "Thí sinh đăng ký"),
    Column("present", "Có mặt"),
    Column("absent", "Vắng mặt"),
    Column("attendance_rate", "Tỷ lệ dự thi (%)", RATE, 12),
    Column("reprimands", "Khiển trách"),
    Column("warnings", "Cảnh cáo"),
    Column("suspensions", "Đình chỉ thi"),
    Column("staff_violations", "Cán bộ vi phạm quy chế"),
    *(
        Column(f"incidents_{level}", f"Sự việc bất thường: {level.label.lower()}")
        for level in SEVERITY_ORDER
    ),
)

CASE_COLUMNS = (
    SESSION_COLUMN,
    Column("code", "Mã điểm thi", TEXT, 10),
    Column("candidate_number", "Số báo danh", TEXT, 12),
    Column("room", "Phòng thi", TEXT, 10),
    Column("form", "Hình thức kỷ luật", TEXT, 14),
    Column("description", "Vi phạm và cách xử lý", TEXT, 50),
    Column("record_number", "Số biên bản", TEXT, 12),
)
INCIDENT_COLUMNS = (
    SESSION_COLUMN,
    Column("severity", "Mức độ", TEXT, 14),
    Column("category", "Loại sự việc", TEXT, 24),
    Column("code", "Mã điểm thi", TEXT, 10),
    Column("description", "Sự việc", TEXT, 50),
    Column("action_taken", "Biện pháp đã xử lý", TEXT, 40),
    Column("source", "Báo cáo", TEXT, 22),
    Column("at", "Gửi lúc", DATETIME, 17),
)


@dataclass
class Table:
    """What one sheet holds: a header row, rows, and a totals row when there is one."""

    title: str
    columns: tuple[Column, ...]
    rows: list[dict]
    totals: dict | None = None


# --- tables ---------------------------------------------------------------------------------------


def session_label(session: Session) -> str:
    return f"{session.get_period_display()} {format_date(session.date)} — {session.title}"


def site_row(line: SiteLine) -> dict:
    row = {"code": line.site.code, "name": line.site.name, "state": line.state_label}
    version = line.version
    if version is None:
        return row
    row.update(
        first_submitted_at=line.report.first_submitted_at,
        amendments=line.amendments,
        latest_at=version.submitted_at,
        receipt=version.receipt_number,
        attendance_rate=version.attendance_rate,
        seals_intact="Có" if version.seals_intact else "Không",
        incidents=line.incidents,
        **{name: getattr(version, name) for name in SUMMED},
    )
    return row


def totals_row(summary: SessionSummary) -> dict:
    figures = summary.figures
    return {
        "code": "Tổng cộng",
        "name": f"{figures.reported}/{figures.expected} điểm thi đã báo cáo",
        "attendance_rate": figures.attendance_rate,
        "incidents": sum(figures.incidents.values()),
        **figures.totals,
    }


def session_table(summary: SessionSummary, lines: list[SiteLine]) -> Table:
    return Table(
        title=sheet_title(summary.session),
        columns=SITE_COLUMNS,
        rows=[site_row(line) for line in lines],
        totals=totals_row(summary),
    )


def summary_table(summaries: list[SessionSummary]) -> Table:
    rows = []
    for summary in summaries:
        figures, totals = summary.figures, summary.figures.totals
        rows.append(
            {
                "session": session_label(summary.session),
                "date": summary.session.date,
                "round": summary.session.round.name,
                "phase": summary.phase_label,
                "reported": figures.reported,
                "expected": figures.expected,
                "late": summary.late_count,
                "missing": summary.missing_count,
                "attendance_rate": figures.attendance_rate,
                **{key: totals[key] for key in ("registered", "present", "absent")},
                **{key: totals[key] for key in ("reprimands", "warnings", "suspensions")},
                "staff_violations": totals["staff_violations"],
                **{f"incidents_{k}": n for k, n in figures.incidents.items()},
            }
        )
    summed = {
        column.key: sum(row.get(column.key) or 0 for row in rows)
        for column in SUMMARY_COLUMNS
        if column.kind == COUNT
    }
    summed.update(
        session="Cộng cả kỳ thi (lượt)",
        attendance_rate=rate(summed["present"], summed["registered"]),
    )
    return Table("Tổng hợp", SUMMARY_COLUMNS, rows, summed)


def case_rows(session: Session, cases: Iterable[DisciplineCase]) -> list[dict]:
    return [
        {
            "session": session_label(session),
            "code": case.version.report.site.code,
            "candidate_number": case.candidate_number,
            "room": case.room,
            "form": case.get_form_display(),
            "description": case.description,
            "record_number": case.record_number,
        }
        for case in cases
    ]


def incident_rows(session: Session, groups: list[SeverityGroup]) -> list[dict]:
    return [
        {
            "session": session_label(session),
            "severity": item.severity_label,
            "category": item.category,
            "code": item.site.code,
            "description": item.description,
            "action_taken": item.action_taken,
            "source": item.source,
            "at": item.at,
        }
        for group in groups
        for item in group.items
    ]


def sheet_title(session: Session) -> str:
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\): "Sáng 9.8 Ngữ văn"."""
    name = f"{session.get_period_display()} {session.date.day}.{session.date.month} {session.title}"
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31].strip()


# --- CSV ------------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """A spreadsheet must not run what a site typed as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def csv_bytes(tables: list[Table], *, lead: Column | None = None) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), comma-separated. With
    `lead`, several tables share one header and each row starts with its table's title."""
    out = io.StringIO()
    writer = csv.writer(out)
    columns = tables[0].columns if tables else SITE_COLUMNS
    writer.writerow(([lead.header] if lead else []) + [column.header for column in columns])
    for table in tables:
        for row in [*table.rows, *([table.totals] if table.totals else [])]:
            values = [_csv_value(row.get(column.key)) for column in table.columns]
            writer.writerow(([safe_text(table.title)] if lead else []) + values)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def session_csv(summary: SessionSummary, lines: list[SiteLine]) -> bytes:
    return csv_bytes([session_table(summary, lines)])


def exam_csv(parts: list[tuple[SessionSummary, list[SiteLine]]]) -> bytes:
    tables = []
    for summary, lines in parts:
        table = session_table(summary, lines)
        table.title = session_label(summary.session)
        tables.append(table)
    return csv_bytes(tables, lead=SESSION_COLUMN)


# --- XLSX -----------------------------------------------------------------------------------------

NUMBER_FORMATS = {
    COUNT: "#,##0",
    RATE: "0.00",
    DATETIME: "hh:mm dd/mm/yyyy",
    DATE: "dd/mm/yyyy",
}


def _xlsx_value(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        # Excel has no time zones: the portal's local time, as people read it on the page.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _write_sheet(sheet, table: Table) -> None:
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    rule = Side(style="thin", color="7F7F7F")
    sheet.title = table.title
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = bold, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = Border(bottom=rule)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    rows = [*table.rows, *([table.totals] if table.totals else [])]
    for number, row in enumerate(rows, start=2):
        is_totals = table.totals is not None and number == len(rows) + 1
        for index, column in enumerate(table.columns, start=1):
            value = _xlsx_value(row.get(column.key))
            cell = sheet.cell(row=number, column=index)
            cell.value = value
            if isinstance(value, str):
                # Text a site typed stays text: openpyxl would store "=…" as a formula.
                cell.data_type = "s"
                cell.quotePrefix = value[:1] in FORMULA_STARTS
                cell.alignment = Alignment(wrap_text=column.width >= 30, vertical="top")
            elif column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            if is_totals:
                cell.font = bold
                cell.border = Border(top=rule)
    sheet.freeze_panes = "C2" if table.columns[:2] == SITE_COLUMNS[:2] else "B2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _unique_titles(tables: list[Table]) -> None:
    seen: set[str] = set()
    for table in tables:
        title, n = table.title, 2
        while title.casefold() in seen:
            suffix = f" ({n})"
            title, n = table.title[: 31 - len(suffix)] + suffix, n + 1
        seen.add(title.casefold())
        table.title = title


def xlsx_bytes(tables: list[Table], *, title: str) -> bytes:
    _unique_titles(tables)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _write_sheet(workbook.create_sheet(), table)
    workbook.properties.title = title
    workbook.properties.creator = "Cổng thông tin Kỳ thi — Sở GD&ĐT Cà Mau"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def session_xlsx(
    summary: SessionSummary,
    lines: list[SiteLine],
    *,
    cases: Iterable[DisciplineCase],
    incidents: list[SeverityGroup],
) -> bytes:
    session = summary.session
    tables = [
        session_table(summary, lines),
        Table("Kỷ luật thí sinh", CASE_COLUMNS, case_rows(session, cases)),
        Table("Sự việc bất thường", INCIDENT_COLUMNS, incident_rows(session, incidents)),
    ]
    return xlsx_bytes(tables, title=f"Báo cáo nhanh {session_label(session)}")


def exam_xlsx(
    exam: Exam,
    parts: list[tuple[SessionSummary, list[SiteLine], Iterable[DisciplineCase], list]],
) -> bytes:
    tables = [summary_table([summary for summary, *_rest in parts])]
    tables += [session_table(summary, lines) for summary, lines, *_rest in parts]
    cases, incidents = [], []
    for summary, _lines, session_cases, groups in parts:
        cases += case_rows(summary.session, session_cases)
        incidents += incident_rows(summary.session, groups)
    tables += [
        Table("Kỷ luật thí sinh", CASE_COLUMNS, cases),
        Table("Sự việc bất thường", INCIDENT_COLUMNS, incidents),
    ]
    return xlsx_bytes(tables, title=f"Báo cáo nhanh các buổi thi — {exam.title}")
