"""Public hotline pages: contacts and the form, the follow-up page; staff download of attachments.

Nothing here is put in the public page cache: the form page carries a CSRF token and what a person
typed, the follow-up page a ticket reached through a secret link.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import ratelimit
from core.forms import HONEYPOT_FIELD
from core.http import client_ip, stored_file_response
from core.uploads import safe_original_name
from hotline.forms import LookupForm, TicketForm
from hotline.models import Channel, EntryKind, Ticket, TicketAttachment
from hotline.services import ticket_lookup as find_ticket
from hotline.services import ticket_submit

FORM_SCOPE = "hotline-form"
LOOKUP_SCOPE = "hotline-lookup"
# Looking a ticket up costs little and a person may reload their link often; the key (192 random
# bits) cannot be guessed at any rate, the limit only keeps one address from hammering the page.
LOOKUP_LIMIT_FACTOR = 12
# The downloaded file is never run as a page of the portal (as documents/downloads.py).

RATE_LIMITED = (
    "Địa chỉ mạng của anh/chị đã gửi quá nhiều lần trong ít phút. Nội dung chưa được gửi. "
    "Xin chờ khoảng {minutes} phút rồi gửi lại, hoặc gọi điện, gửi thư điện tử cho đường dây "
    "nóng theo các địa chỉ trên trang này."
)
REFUSED = (
    "Không gửi được biểu mẫu. Nội dung chưa được gửi. Xin thử lại, hoặc gọi điện, gửi thư điện "
    "tử cho đường dây nóng theo các địa chỉ trên trang này."
)
LOOKUP_RATE_LIMITED = (
    "Địa chỉ mạng của anh/chị đã tra cứu quá nhiều lần trong ít phút. "
    "Xin chờ khoảng {minutes} phút rồi thử lại."
)


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


# --- contacts and the form -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    if request.method != "POST":
        return _contact_page(request, TicketForm())
    window = settings.HOTLINE_RATE_WINDOW
    allowed = ratelimit.hit(
        scope=FORM_SCOPE,
        client=client_ip(request),
        limit=settings.HOTLINE_RATE_LIMIT,
        window=window,
    )
    if not allowed:
        response = _contact_page(
            request,
            TicketForm.unchecked(request.POST),
            status=429,
            refusal=RATE_LIMITED.format(minutes=_minutes(window)),
        )
        response["Retry-After"] = str(window)
        return response
    if request.POST.get(HONEYPOT_FIELD):
        # Neutral: a robot learns nothing; a person whose browser filled the hidden field keeps
        # what they typed and can send it again.
        return _contact_page(
            request, TicketForm.unchecked(request.POST), status=400, refusal=REFUSED
        )

    form = TicketForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            ticket = ticket_submit(channel=Channel.WEB, **form.submission())
        except ValidationError as error:
            # The service checks the files again before storing any: its refusal is theirs.
            form.add_error("attachments" if form.cleaned_data.get("attachments") else None, error)
        else:
            link = request.build_absolute_uri(ticket.get_follow_up_url())
            messages.success(
                request,
                f"Đã nhận câu hỏi, phản ánh của anh/chị, mã {ticket.code}. Xin lưu lại đường dẫn "
                f"riêng sau để theo dõi tình trạng xử lý và câu trả lời; ai có đường dẫn này đều "
                f"xem được, xin đừng chia sẻ: {link}",
            )
            return redirect(ticket.get_follow_up_url())
    return _contact_page(request, form, status=400, files_dropped=bool(request.FILES))


def _contact_page(request, form, *, status=200, refusal="", files_dropped=False):
    context = {
        "form": form,
        "errors": form.error_summary() if form.is_bound else [],
        "refusal": refusal,
        "files_dropped": files_dropped,
        "honeypot": form[HONEYPOT_FIELD],
    }
    return render(request, "hotline/contact.html", context, status=status)


# --- the follow-up page ----------------------------------------------------------------------------


@require_safe
def ticket_lookup(request):
    """The ticket of a private link (`?ma=<code>&khoa=<key>`), or the look-up form.

    Every failure (unknown code, wrong or missing key) gives the same page, so it tells nobody
    whether a code exists. The key is in the address: the response is never stored, and sends no
    Referer to the pages it links to.
    """
    attempted = "ma" in request.GET or "khoa" in request.GET
    code = request.GET.get("ma", "").strip()
    key = request.GET.get("khoa", "").strip()
    shown_again = {"ma": code[:20], "khoa": key[:64]}  # what was typed, to correct a typo
    context = {"form": LookupForm(initial=shown_again), "attempted": attempted}
    status = 200
    if attempted:
        window = settings.HOTLINE_RATE_WINDOW
        allowed = ratelimit.hit(
            scope=LOOKUP_SCOPE,
            client=client_ip(request),
            limit=settings.HOTLINE_RATE_LIMIT * LOOKUP_LIMIT_FACTOR,
            window=window,
        )
        if not allowed:
            status = 429
            context["refusal"] = LOOKUP_RATE_LIMITED.format(minutes=_minutes(window))
        else:
            ticket = find_ticket(code=code, token=key)
            if ticket is None:
                context["not_found"] = True
            else:
                context.update(_ticket_context(ticket))
    response = render(request, "hotline/ticket_lookup.html", context, status=status)
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    if status == 429:
        response["Retry-After"] = str(settings.HOTLINE_RATE_WINDOW)
    return response


def _public_replies(ticket: Ticket):
    return ticket.entries.filter(kind=EntryKind.PUBLIC_REPLY).order_by("created_at", "pk")


def _ticket_context(ticket: Ticket) -> dict:
    """What the submitter may see: never internal notes, contact data or files' contents."""
    target = ticket.merged_into
    seen = {ticket.pk}
    while target is not None and target.merged_into_id and target.pk not in seen:
        seen.add(target.pk)  # a chain of merges ends at the ticket that is handled
        target = target.merged_into
    replies = [(reply, None) for reply in _public_replies(ticket)]
    if target is not None:
        replies += [(reply, target.code) for reply in _public_replies(target)]
    return {
        "ticket": ticket,
        "replies": replies,  # (entry, the code of the ticket merged into, if it is its reply)
        "attachment_count": ticket.attachments.count(),
        "merged_into": target,
    }


# --- attachments, for staff ------------------------------------------------------------------------


@require_safe
def attachment_download(request, pk: int):
    """A ticket's file, for staff who may view attachments; 404 for everybody else, anonymous
    readers included (no log-in redirect: the address says nothing about what exists)."""
    if not request.user.has_perm("hotline.view_ticketattachment"):
        raise Http404
    attachment = get_object_or_404(TicketAttachment, pk=pk)
    return stored_file_response(
        attachment.file,
        filename=safe_original_name(attachment.original_name or "tep"),
        content_type=attachment.content_type,
        private=True,
    )
