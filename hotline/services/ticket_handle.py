"""One save of a ticket by staff: every step they decided, in one transaction."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction

from hotline.models import Ticket, TicketEntry
from hotline.services.handling import (
    ticket_assign,
    ticket_close,
    ticket_escalate,
    ticket_merge,
    ticket_note,
    ticket_reply,
    ticket_update,
)

CLASSIFICATION = frozenset({"category", "priority", "site", "session", "due_at"})
ASSIGNMENT = frozenset({"assignee", "handling_unit"})


@dataclass(frozen=True)
class Handled:
    """What one save did, for the page to say so."""

    reply: TicketEntry | None = None
    # None: not asked; False: it was escalated before, and nobody was told again.
    escalated: bool | None = None
    merged_into: Ticket | None = None


def ticket_handle(
    *,
    ticket: Ticket,
    user,
    changed: Collection[str] = (),
    note: str = "",
    reply: str = "",
    escalate: bool = False,
    merge_into: Ticket | None = None,
    close: bool = False,
) -> Handled:
    """Everything staff decided in one save of a ticket, step by step in this order: its
    classification, its assignment, the internal note, the public reply, the escalation (the note
    goes with it as the handler's opinion), then the merge into another ticket, or else closing.

    `changed` names the fields of `ticket` the caller has set on it (a change form's changed
    classification and assignment fields); they are saved with the ticket's history.

    One transaction: when a step is refused (a merge the ticket cannot take, say), nothing of the
    steps before it is kept and nobody is told anything (notifications are rows of the same
    transaction, sent after commit). Each step keeps its own guarantees (an escalation tells the
    Steering Committee once; a note typed while the ticket was already escalated is kept as a
    note)."""
    changed = set(changed)
    if not changed <= CLASSIFICATION | ASSIGNMENT:
        raise ValueError(f"Not a field staff set: {sorted(changed - CLASSIFICATION - ASSIGNMENT)}")
    note = note.strip()
    entry = escalated = merged = None
    with transaction.atomic():
        if changed & CLASSIFICATION:
            ticket_update(ticket=ticket, user=user, fields=sorted(changed & CLASSIFICATION))
        if changed & ASSIGNMENT:
            ticket_assign(
                ticket=ticket,
                user=user,
                assignee=ticket.assignee,
                handling_unit=ticket.handling_unit or "",
            )
        if note and not escalate:
            ticket_note(ticket=ticket, body=note, user=user)
        if reply.strip():
            entry = ticket_reply(ticket=ticket, body=reply, user=user)
        if escalate:
            escalated = ticket_escalate(ticket=ticket, user=user, note=note)
            if not escalated and note:
                ticket_note(ticket=ticket, body=note, user=user)
        if merge_into is not None:
            merged = ticket_merge(duplicate=ticket, into=merge_into, user=user)
        elif close:
            ticket_close(ticket=ticket, user=user)
    return Handled(reply=entry, escalated=escalated, merged_into=merged)
