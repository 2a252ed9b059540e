"""What the pages of reports show, shaped for their templates: rows, states and their labels, the
differences between versions, the report form as it is shown (filled, refilled, its errors in the
page's order), the dashboard's charts. The views fetch, decide and render; these only shape, and
write nothing.

A package by page area: `site` (the exam-site area's overview and report pages), `report_form`
(the forms of that area), `charts` (the steering dashboard's charts)."""
