"""Server-side sanitising of every stored rich text, whatever editor or request sent it (nh3)."""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "span",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "ol": {"start"},
}
# CKEditor 5 marks its image and table wrappers with these classes; nothing else keeps a class.
ALLOWED_CLASSES = {"figure": {"image", "table", "image-style-side", "image_resized"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TAGS = re.compile(r"<[^>]+>")
# Inline tags sit inside a word or next to punctuation: "<strong>27/8</strong>," stays "27/8,".
_INLINE_TAGS = re.compile(r"</?(?:a|b|i|u|s|em|strong|span|sub|sup)(?:\s[^>]*)?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def sanitise_html(html: str) -> str:
    """Only the allow-listed tags, attributes and URL schemes survive; scripts, event handlers,
    styles and `javascript:` URLs are removed. Links get rel="noopener noreferrer"."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, for summaries, search and e-mails."""
    import html as html_lib

    text = _TAGS.sub(" ", _INLINE_TAGS.sub("", html or ""))
    return _SPACES.sub(" ", html_lib.unescape(text)).strip()
