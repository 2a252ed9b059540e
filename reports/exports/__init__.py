"""The steering dashboard's downloads: a session's or the whole exam's figures per site as XLSX
and CSV (`sheets`), and the exam council's consolidated quick report as DOCX (`council_report`)."""

from reports.exports.council_report import session_docx
from reports.exports.sheets import exam_csv, exam_xlsx, session_csv, session_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = [
    "CSV_TYPE",
    "DOCX_TYPE",
    "XLSX_TYPE",
    "exam_csv",
    "exam_xlsx",
    "session_csv",
    "session_docx",
    "session_xlsx",
]
