"""Reading a message as mail clients really send it: any charset, encoding and structure."""

from __future__ import annotations

import email
import email.policy
import email.utils
import logging
import mimetypes
import re
import unicodedata
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.validators import validate_email

from core.uploads import safe_original_name

logger = logging.getLogger(__name__)

# A question runs to a few paragraphs; a pasted document is in the raw message anyway.
MAX_MESSAGE_CHARS = 20_000
MAX_NAME_CHARS = 200
MAX_EMAIL_CHARS = 254  # Ticket.email (EmailField)
CODE_RE = re.compile(r"\bHL-(\d{4})-(\d{6})\b", re.IGNORECASE)
NO_SUBJECT = "(Không có tiêu đề)"
NO_MESSAGE = "(Thư không có nội dung)"
ONLY_FILES = "(Thư chỉ có tệp đính kèm)"
# Signatures are not documents for staff; they only tell whether the mail was altered on the way.
SIGNATURE_TYPES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
}
# RFC 3834 and the conventions that predate it. An automatic message never gets an
# acknowledgement: two auto-responders answering each other would loop for ever.
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
AUTOMATIC_LOCAL_PARTS = {"mailer-daemon", "postmaster"}
# Labels often put on UTF-8 text by mistake.
MISLABELLED_CHARSETS = {
    "", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252",
}  # fmt: skip
# Headers that show the bytes are a message at all; garbage has none of them.
MESSAGE_HEADERS = ("from", "sender", "to", "subject", "date", "message-id")


# --- parsing -------------------------------------------------------------------------------------


@dataclass
class ParsedEmail:
    subject: str = ""
    name: str = ""
    email: str = ""  # a valid address, lower-case, or ""
    sender_label: str = ""  # what From: said, for staff
    text: str = ""
    attachments: list[UploadedFile] = field(default_factory=list)
    automatic: str = ""  # why it is an automatic message, if it is one
    unreadable: str = ""  # why it is not a message at all, if it is not


def parse_email(raw: bytes) -> ParsedEmail:
    """What the message says, decoded and cleaned. Raises only on a bug: bad input is data."""
    if not raw.strip():
        return ParsedEmail(unreadable="Thư rỗng: máy chủ thư chuyển đến không có nội dung.")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not any(_header(message, name) for name in MESSAGE_HEADERS):
        return ParsedEmail(
            unreadable="Không đọc được: dữ liệu nhận được không có phần đầu của một thư điện tử "
            "(From, To, Subject, Date…). Xin cán bộ xem thư gốc."
        )
    parsed = ParsedEmail(subject=_one_line(_header(message, "Subject")))
    parsed.name, parsed.email, parsed.sender_label = _sender(message)
    parsed.automatic = _automatic(message, parsed.email)
    body = _body_part(message)
    parsed.text = _cap(_part_text(body)) if body is not None else ""
    parsed.attachments = _attachments(message, body)
    return parsed


def _clean(text: str) -> str:
    """Text fit for the database and for reading: bytes the parser could not decode (kept as
    surrogates) read as UTF-8 or U+FFFD; no NUL or other control characters but tab and line
    ends; NFC, so that decomposed Vietnamese (Windows-1258, macOS) matches what is typed."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte stands for
        text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(c for c in text if c in "\t\n\r" or unicodedata.category(c) not in ("Cc", "Cs"))
    return unicodedata.normalize("NFC", text)


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())


def _header(message: Message, name: str) -> str:
    """A header's decoded value ("" when absent); a header the strict parser cannot read is
    decoded the lenient way."""
    try:
        value = message.get(name)
        return "" if value is None else _clean(str(value))
    except Exception:
        for key, value in message.raw_items():
            if key.lower() == name.lower():
                return _clean(_decode_words(value))
        return ""


def _decode_words(value: str) -> str:
    from email.header import decode_header

    parts = []
    try:
        chunks = decode_header(value)
    except Exception:
        return value
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            parts.append(chunk)
        else:
            parts.append(_decode_bytes(chunk, charset))
    return "".join(parts)


def _sender(message: Message) -> tuple[str, str, str]:
    """(display name, valid lower-case address or "", the From: header as it reads)."""
    label = _one_line(_header(message, "From"))
    name, address = "", ""
    try:
        header = message.get("From")
        addresses = list(getattr(header, "addresses", ()) or ())
        if addresses:
            name, address = addresses[0].display_name, addresses[0].addr_spec
    except Exception:
        name, address = email.utils.parseaddr(label)
    name, address = _one_line(name or ""), _one_line(address or "").lower()
    try:
        if len(address) > MAX_EMAIL_CHARS:
            raise ValidationError("too long")
        validate_email(address)
    except ValidationError:
        address = ""
    return name[:MAX_NAME_CHARS], address, label


def _automatic(message: Message, address: str) -> str:
    """Why the message was sent by a program rather than a person, or ""."""
    auto_submitted = _header(message, "Auto-Submitted").strip().lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return f"Thư tự động (Auto-Submitted: {auto_submitted}): không tạo phản ánh."
    precedence = _header(message, "Precedence").strip().lower()
    if precedence in AUTOMATIC_PRECEDENCE:
        return f"Thư tự động, gửi hàng loạt (Precedence: {precedence}): không tạo phản ánh."
    for name in ("X-Autoreply", "X-Autorespond"):
        if _header(message, name):
            return f"Thư trả lời tự động ({name}): không tạo phản ánh."
    if message.get_content_type() == "multipart/report":
        return "Thư báo lỗi chuyển phát (multipart/report): không tạo phản ánh."
    if "".join(_header(message, "Return-Path").split()) == "<>":
        return "Thư báo lỗi chuyển phát (Return-Path rỗng): không tạo phản ánh."
    if address.split("@")[0] in AUTOMATIC_LOCAL_PARTS:
        return f"Thư báo lỗi chuyển phát (từ {address}): không tạo phản ánh."
    own = {_address_of(settings.HOTLINE_EMAIL), _address_of(settings.DEFAULT_FROM_EMAIL)}
    if address and address in own:
        return f"Thư do chính cổng gửi ({address}) quay lại: không tạo phản ánh."
    return ""


def _address_of(value: str) -> str:
    return email.utils.parseaddr(value or "")[1].lower()


def _body_part(message: Message) -> Message | None:
    """The part a reader would read: the plain text alternative, else the HTML one."""
    if isinstance(message, EmailMessage):
        try:
            body = message.get_body(preferencelist=("plain", "html"))
        except Exception:
            body = None
        if body is not None:
            return body
    for part in message.walk():  # a structure get_body does not recognise
        if part.get_content_type() in ("text/plain", "text/html") and not _is_attachment(part):
            return part
    return None


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = _decode_bytes(payload, part.get_content_charset())
    if part.get_content_type() == "text/html":
        text = html_mail_to_text(text)
    # Enough to cap with a note, without cleaning megabytes that are cut off anyway.
    text = text[: MAX_MESSAGE_CHARS * 2]
    text = _clean(text).replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_type() == "text/plain" and _param(part, "format") == "flowed":
        text = _unflow(text, delsp=_param(part, "delsp") == "yes")
    # Trailing spaces and runs of blank lines say nothing.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _param(part: Message, name: str) -> str:
    value = part.get_param(name)
    return str(value).strip().lower() if isinstance(value, str) else ""


def _unflow(text: str, *, delsp: bool) -> str:
    """Text sent as format=flowed (Thunderbird, Apple Mail; RFC 3676) as its writer typed it: a
    line ending in a space continues on the next line of the same quotation depth."""
    lines: list[str] = []
    paragraph: str | None = None
    depth_of_paragraph = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content.removeprefix(" ")  # space-stuffing, or the space after ">"
        flowed = content.endswith(" ") and content != "-- "
        if flowed and delsp:
            content = content[:-1]
        if paragraph is not None and depth != depth_of_paragraph:
            lines.append(_quoted(paragraph, depth_of_paragraph))
            paragraph = None
        if paragraph is None:
            paragraph, depth_of_paragraph = content, depth
        else:
            paragraph += content
        if not flowed:
            lines.append(_quoted(paragraph, depth_of_paragraph))
            paragraph = None
    if paragraph is not None:
        lines.append(_quoted(paragraph, depth_of_paragraph))
    return "\n".join(lines)


def _quoted(text: str, depth: int) -> str:
    return f"{'>' * depth} {text}" if depth else text


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes in the declared charset; what neither it nor UTF-8 decodes has U+FFFD in place of
    the bytes at fault.

    Mail labelled ASCII or Latin-1 (or not labelled) that is valid UTF-8 is UTF-8: old webmail
    and form scripts mislabel it, and Vietnamese in Latin-1 is not Vietnamese. A charset Python
    does not know gives way to UTF-8.
    """
    label = (charset or "").strip().lower()
    candidates = [charset, "utf-8"]
    if label in MISLABELLED_CHARSETS:
        candidates.reverse()
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode(charset or "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _cap(text: str) -> str:
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    return (
        text[:MAX_MESSAGE_CHARS].rstrip()
        + "\n\n[…] (Thư dài hơn; toàn văn ở thư gốc trong mục Thư đến đường dây nóng.)"
    )


def _is_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment"


def _attachments(message: Message, body: Message | None) -> list[UploadedFile]:
    """Every file of the message as an upload: those sent as attachments first, then inline
    ones (a photo pasted into the text). The body and its other alternative are not files."""
    found: list[tuple[bool, int, UploadedFile]] = []
    for index, part in enumerate(message.walk()):
        if part.is_multipart() or part is body:
            continue
        content_type = part.get_content_type()
        if content_type in SIGNATURE_TYPES:
            continue
        filename = _filename(part)
        attached = _is_attachment(part)
        if not attached and not filename and part.get_content_maintype() in ("text", "message"):
            continue  # the HTML alternative, a calendar invitation, a delivery status
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        name = safe_original_name(filename or _name_for(content_type, index))
        found.append((not attached, index, SimpleUploadedFile(name, data, content_type)))
    return [uploaded for *_order, uploaded in sorted(found, key=lambda item: item[:2])]


def _filename(part: Message) -> str:
    try:
        return _clean(part.get_filename() or "")
    except Exception:
        return ""


def _name_for(content_type: str, index: int) -> str:
    extension = mimetypes.guess_extension(content_type) or ""
    return f"tep-dinh-kem-{index}{extension}"


# A block boundary in the extracted text, before boundaries are turned into line ends.
_BOUNDARY = "\x00"


class _TextExtractor(HTMLParser):
    BLOCKS = {
        "p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "hr", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer",
    }  # fmt: skip
    HIDDEN = {"head", "style", "script", "title", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append(_BOUNDARY)
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append(_BOUNDARY)

    def handle_data(self, data) -> None:
        if not self.hidden:
            # Line ends in the source are spaces in the rendering; a no-break space is kept,
            # since a paragraph of just one (Outlook's empty line) is a blank line.
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data.replace(_BOUNDARY, "")))


def html_mail_to_text(html: str) -> str:
    """The text of an HTML e-mail with its lines and blank lines.

    Unlike `richtext.html_to_text` (one line, for summaries of sanitised HTML), this keeps the
    lines a writer typed (a block ends a line, however many blocks end there; `<br>` ends one)
    and drops what mail clients add around them: the head, style sheets (Outlook sends kilobytes
    of them), scripts and comments (Outlook's conditional ones included).
    """
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # HTMLParser is lenient; this is for the unforeseen
        logger.warning("Could not parse an HTML e-mail body; keeping what was read")
    text = "".join(parser.parts)
    # A <br> that ends a block after text adds no line in a browser; alone in a block, it is
    # a blank line (Gmail's <div><br></div>).
    text = re.sub(rf"(?<=[^\n{_BOUNDARY} \t])[ \t]*\n(?=[ \t]*{_BOUNDARY})", "", text)
    text = re.sub(rf"[ \t]*(?:{_BOUNDARY}[ \t]*)+", "\n", text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
