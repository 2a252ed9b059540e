"""The steering dashboard's charts, drawn as SVG by templates/reports/_dashboard_chart.html: every
figure is also written next to its bar and in the page's table, so a chart is never the only place
a number is."""

from __future__ import annotations

from dataclasses import dataclass

from core.vietnamese import format_count, format_date, format_rate
from reports.selectors import SessionSummary

CHART_WIDTH = 360  # drawn at a phone's width: text stays legible; CSS scales it on wider screens
LABEL_SIZE = 13
LABEL_CHARS = 48  # what fits across the drawing at LABEL_SIZE
# Bar colours: each has at least 3:1 contrast with white (WCAG 1.4.11); the values are written
# next to every bar and in the table below, so no colour carries meaning alone.
FORM_COLOURS = (("Khiển trách", "#0b4a8b"), ("Cảnh cáo", "#8a4b00"), ("Đình chỉ thi", "#b3261e"))


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str
    text_x: float
    text_y: float


@dataclass
class ChartRow:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    height: float
    rows: list[ChartRow]
    legend: list[tuple[str, str, float, float]]  # label, fill, x of the swatch, x of the text
    width: int = CHART_WIDTH
    axis_top: float = 0
    axis_bottom: float = 0


def _short_label(session) -> str:
    """The session as a chart's row label, cut to fit the drawing (the table gives it whole)."""
    label = f"{session.get_period_display()} {format_date(session.date)} — {session.title}"
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip(" ,") + "…"


def _bar(x0, y, value_width, height, fill, text, scale_width):
    width = max(value_width, 0)
    x0 += 1  # right of the axis line
    return Bar(
        x=x0,
        y=y,
        width=round(width, 1),
        height=height,
        fill=fill,
        text=text,
        text_x=round(x0 + min(width, scale_width) + 4, 1),
        text_y=y + height - 2,
    )


def attendance_chart(overview: list[SessionSummary]) -> Chart:
    """Attendance rate per session as horizontal bars on a 0–100 % scale (never a cut axis)."""
    scale = CHART_WIDTH - 76  # room for "100,00 %" after the longest bar
    rows, y = [], 4
    for summary in overview:
        value = summary.figures.attendance_rate
        label_y = y + LABEL_SIZE
        bar_y = label_y + 5
        if value is None:
            bar = _bar(0, bar_y, 0, 16, "#0b4a8b", "chưa có số liệu", scale)
        else:
            bar = _bar(
                0, bar_y, float(value) / 100 * scale, 16, "#0b4a8b", format_rate(value), scale
            )
        rows.append(ChartRow(_short_label(summary.session), label_y, [bar]))
        y = bar_y + 16 + 12
    return Chart(
        slug="ty-le-du-thi",
        title="Tỷ lệ thí sinh dự thi theo buổi thi",
        description="Thang đo từ 0 đến 100 %; con số ghi cạnh mỗi thanh.",
        height=y,
        rows=rows,
        legend=[],
        axis_top=0,
        axis_bottom=y - 8,
    )


def discipline_chart(overview: list[SessionSummary]) -> Chart:
    """Candidates disciplined per session, one bar per form on a shared scale, each named with its
    count; a session without any case gets one line saying so instead of three empty bars."""
    keys = ("reprimands", "warnings", "suspensions")
    largest = max([summary.figures.totals[key] for summary in overview for key in keys] or [0])
    scale = CHART_WIDTH - 110  # room for "Đình chỉ thi: 12" after the longest bar
    legend, x = [], 0
    for label, fill in FORM_COLOURS:
        legend.append((label, fill, x, x + 16))
        x += 16 + len(label) * 7 + 14
    rows, y = [], 26
    for summary in overview:
        label_y = y + LABEL_SIZE
        bar_y = label_y + 6
        bars = []
        counts = [summary.figures.totals[key] for key in keys]
        if not any(counts):
            bars.append(_bar(0, bar_y, 0, 12, "#0b4a8b", "không có trường hợp nào", scale))
            bar_y += 17
        for (label, fill), count in zip(FORM_COLOURS, counts, strict=True):
            if not any(counts):
                break
            width = count / largest * scale
            bars.append(_bar(0, bar_y, width, 12, fill, f"{label}: {format_count(count)}", scale))
            bar_y += 17
        rows.append(ChartRow(_short_label(summary.session), label_y, bars))
        y = bar_y + 8
    return Chart(
        slug="ky-luat-thi-sinh",
        title="Thí sinh bị xử lý kỷ luật theo buổi thi và hình thức",
        description="Mỗi buổi thi có ba thanh: khiển trách, cảnh cáo, đình chỉ thi, mỗi thanh ghi "
        "hình thức và số thí sinh.",
        height=y,
        rows=rows,
        legend=legend,
        axis_top=26,
        axis_bottom=y - 6,
    )
