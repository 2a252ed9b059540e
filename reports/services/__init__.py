"""Submitting site reports: checked, stored once, never changed, and told to the people who must
know. A package by sub-domain (states, validation, submission, telling); callers import from here.
"""

from __future__ import annotations

from reports.services.states import State, deadline_of, quick_report_state
from reports.services.submission import (
    ALREADY_SENT,
    ALREADY_SENT_CODE,
    STALE,
    STALE_CODE,
    Submission,
    report_submit,
)
from reports.services.telling import is_alarming
from reports.services.validation import (
    ABSENT_REASONS,
    CASE_FIELDS,
    COMMON_FIELDS,
    COUNT_OF_FORM,
    FIELDS,
    INCIDENT_FIELDS,
    PERIODIC_FIELDS,
    QUICK_FIELDS,
    URGENT_FIELDS,
    validate_periodic,
    validate_quick,
    validate_urgent,
)

__all__ = [
    "ABSENT_REASONS",
    "ALREADY_SENT",
    "ALREADY_SENT_CODE",
    "CASE_FIELDS",
    "COMMON_FIELDS",
    "COUNT_OF_FORM",
    "FIELDS",
    "INCIDENT_FIELDS",
    "PERIODIC_FIELDS",
    "QUICK_FIELDS",
    "STALE",
    "STALE_CODE",
    "URGENT_FIELDS",
    "State",
    "Submission",
    "deadline_of",
    "is_alarming",
    "quick_report_state",
    "report_submit",
    "validate_periodic",
    "validate_quick",
    "validate_urgent",
]
