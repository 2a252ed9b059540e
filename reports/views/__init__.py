"""The exam-site area (/diem-thi/, `site`) and the steering dashboard (/ban-chi-dao/, `dashboard`)."""

from reports.views.dashboard import (  # noqa: F401
    dashboard,
    dashboard_report,
    dashboard_session,
    dashboard_site,
    export_exam,
    export_session,
    export_session_docx,
)
from reports.views.site import (  # noqa: F401
    daily_report,
    final_report,
    quick_report,
    report_amend,
    report_detail,
    site_detail,
    site_home,
    urgent_report,
)
