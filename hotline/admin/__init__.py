"""The hotline in Django admin: lines, tickets (triage, replies, notes, escalation, merge, phone
calls), the mail that came in, and the Q&A column. Every write goes through hotline.services.

A package by screen; importing it registers them all (Django's admin autodiscovery imports this
module)."""

from hotline.admin import inbound, lines, qa, tickets  # noqa: F401 (registers the admin classes)
