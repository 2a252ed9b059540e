"""Polling an IMAP mailbox for hotline mail (optional; HOTLINE_IMAP_* settings)."""

from __future__ import annotations

import imaplib
import logging
import time

from django.conf import settings

from hotline.inbound.receive import inbound_email_receive

logger = logging.getLogger(__name__)

# --- IMAP ----------------------------------------------------------------------------------------

IMAP_TIMEOUT_SECONDS = 30
IMAP_BATCH = 50
# Stop taking new messages after this long, well inside the task's soft time limit, so that a
# limit never interrupts a message half-way.
IMAP_BUDGET_SECONDS = 60
ImapError = imaplib.IMAP4.error


def imap_poll(*, limit: int = IMAP_BATCH) -> int:
    """Receive the unread messages of the HOTLINE_IMAP_* mailbox; returns how many were stored.

    Guarantees: nothing is done when HOTLINE_IMAP_HOST is empty. Each message is fetched without
    marking it read, stored by `inbound_email_receive`, and only then marked \\Seen: a message
    whose storing failed stays unread and is fetched again by the next poll, and one stored but
    not marked (the connection dropped) is recognised by its Message-ID and not received twice.
    At most `limit` messages, and none started after IMAP_BUDGET_SECONDS. Connection and login
    errors are raised (the next poll tries again).
    """
    if not settings.HOTLINE_IMAP_HOST:
        return 0
    deadline = time.monotonic() + IMAP_BUDGET_SECONDS
    client = _imap_connect()
    stored = 0
    try:
        client.login(settings.HOTLINE_IMAP_USER, settings.HOTLINE_IMAP_PASSWORD)
        status, _data = client.select(_imap_quote(settings.HOTLINE_IMAP_FOLDER))
        if status != "OK":
            raise ImapError(f"Cannot select {settings.HOTLINE_IMAP_FOLDER}: {_data}")
        status, data = client.uid("SEARCH", "UNSEEN")
        if status != "OK":
            raise ImapError(f"SEARCH UNSEEN failed: {data}")
        uids = (data[0] or b"").split()[:limit] if data else []
        for uid in uids:
            if time.monotonic() > deadline:
                logger.info("IMAP poll out of time; the rest wait for the next poll")
                break
            if _imap_receive(client, uid.decode()):
                stored += 1
    finally:
        try:
            client.logout()
        except Exception:  # the connection is gone already; nothing to release
            logger.debug("IMAP logout failed", exc_info=True)
    return stored


def _imap_connect() -> imaplib.IMAP4:
    host, port = settings.HOTLINE_IMAP_HOST, settings.HOTLINE_IMAP_PORT
    if settings.HOTLINE_IMAP_SSL:
        return imaplib.IMAP4_SSL(host, port, timeout=IMAP_TIMEOUT_SECONDS)
    return imaplib.IMAP4(host, port, timeout=IMAP_TIMEOUT_SECONDS)


def _imap_quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _imap_receive(client: imaplib.IMAP4, uid: str) -> bool:
    """Fetch, store, then mark read one message; False (and left unread) when it failed."""
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
    raw = next((item[1] for item in data or () if isinstance(item, tuple) and len(item) > 1), None)
    if status != "OK" or not isinstance(raw, bytes):
        logger.warning("IMAP FETCH of UID %s failed (%s); left unread", uid, status)
        return False
    try:
        inbound_email_receive(raw=raw)
    except Exception:
        logger.exception("Could not store IMAP message UID %s; left unread for the next poll", uid)
        return False
    client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    return True
