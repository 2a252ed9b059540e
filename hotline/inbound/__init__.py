"""E-mail into the hotline: one message from a mail server's pipe or an IMAP mailbox becomes a
ticket, or more on the ticket whose code its subject carries.

The raw bytes are stored before anything is parsed, so whatever happens next the message is
there for staff (admin: "Thư đến đường dây nóng"). Parsing is tolerant by design: mail clients
send every charset, encoding and structure, and one badly formed message must not stop the rest.
"""

from hotline.inbound.imap import imap_poll
from hotline.inbound.parsing import MAX_MESSAGE_CHARS, html_mail_to_text, parse_email
from hotline.inbound.receive import inbound_email_receive

__all__ = [
    "MAX_MESSAGE_CHARS",
    "html_mail_to_text",
    "imap_poll",
    "inbound_email_receive",
    "parse_email",
]
