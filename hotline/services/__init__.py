"""Writes of the hotline: tickets from every channel, their handling, escalation, and the Q&A column.

Every caller (the public form, the e-mail intake, the admin) goes through these functions. Each
owns its transaction, writes the audit trail (the ticket's history and its entries) and tells
people through `notifications.notify`, whose rows are written in the same transaction and sent
after commit: a rolled-back submission tells nobody anything, and a repeated call sends nothing
twice (each notification has a dedupe key).

A package by sub-domain; callers import from here."""

from __future__ import annotations

from hotline.services.attachments import inspect_attachments
from hotline.services.codes import (
    TICKET_CODE,
    Triage,
    add_working_days,
    is_working_day,
    next_code,
    triage,
)
from hotline.services.handling import (
    ticket_add_submitter_message,
    ticket_assign,
    ticket_close,
    ticket_escalate,
    ticket_merge,
    ticket_note,
    ticket_reply,
    ticket_update,
)
from hotline.services.qa import qa_from_ticket, qa_save, ticket_lookup
from hotline.services.submission import ticket_submit
from hotline.services.ticket_handle import Handled, ticket_handle

__all__ = [
    "TICKET_CODE",
    "Handled",
    "Triage",
    "add_working_days",
    "inspect_attachments",
    "is_working_day",
    "next_code",
    "qa_from_ticket",
    "qa_save",
    "ticket_add_submitter_message",
    "ticket_assign",
    "ticket_close",
    "ticket_escalate",
    "ticket_handle",
    "ticket_lookup",
    "ticket_merge",
    "ticket_note",
    "ticket_reply",
    "ticket_submit",
    "ticket_update",
    "triage",
]
