"""How content is written and shared: the rich-text editor, the read-only API for partner portals
and the portals allowed to frame the news widget."""

from django.core.exceptions import ImproperlyConfigured

from core.env import env_list, is_web_origin

# Rich text editor: CKEditor 5 from django-ckeditor-5's bundled build, served from our own static
# files (no CDN). The bundle carries more plugins than the newsroom needs; those that fetch or embed
# content from other sites, or write markup the sanitiser (core/richtext.py) and the
# public pages' CSP would drop anyway, are removed, so the editor shows what readers will get.
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "underline",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertTable",
                "uploadImage",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        # The article's title is the page's h1: headings in the body start at h2.
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề mục",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề mục nhỏ",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Tiêu đề ý",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "link": {"defaultProtocol": "https://"},
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
            # Only uploads to our own server: an image "inserted from a URL" would be blocked by the
            # public pages' CSP (img-src 'self').
            "insert": {"integrations": ["upload"]},
        },
        # Table and cell properties write inline styles, which the sanitiser strips and the CSP
        # forbids on public pages: not offered.
        "table": {
            "contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"]
        },
        # List styles are CSS (stripped); a numbered list may start at another number (<ol start>).
        "list": {"properties": {"styles": False, "startIndex": True, "reversed": False}},
        "removePlugins": [
            # Embeds of other sites' players and raw HTML.
            "MediaEmbed",
            "HtmlEmbed",
            "SourceEditing",
            "FullPage",
            # Markdown would make the editor store Markdown instead of HTML.
            "Markdown",
            # Inline styles and markup the sanitiser removes.
            "ImageResize",
            "TableProperties",
            "TableCellProperties",
            "Style",
            "Font",
            "Highlight",
            "Alignment",
            "CodeBlock",
            "Code",
            "TodoList",
            "PageBreak",
            "Mention",
            # Uploads go through SimpleUploadAdapter to our view only; nothing saves in the background.
            "CKFinderUploadAdapter",
            "Autosave",
        ],
        "placeholder": "Nội dung bài viết…",
    }
}
# Our own upload view (news/uploads.py): staff who may write articles, checked and re-encoded images.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:editor-image-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
# Only for the package's own upload view, which is not routed (news/urls.py has ours); kept strict.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_MAX_FILE_SIZE = 5

# /api/v1/: anonymous, read-only, throttled per client address (core/api_policy.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["core.api_policy.ReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": ["core.api_policy.PerAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min"},
    "DEFAULT_PAGINATION_CLASS": "core.api_policy.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api_policy.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng thông tin Kỳ thi tốt nghiệp THPT",
    "DESCRIPTION": (
        "Dữ liệu chỉ đọc cho cổng thông tin của các cơ quan, đơn vị: tin tức, chuyên mục, văn bản chỉ đạo, hỏi đáp và thông cáo báo chí về Kỳ thi. "
        "Không cần đăng nhập; mỗi địa chỉ IP được gửi tối đa 120 yêu cầu mỗi phút."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Partner portals allowed to show /tin-tuc/widget/ in an iframe, as origins
# (https://host or https://host:port, comma-separated). Empty: only the portal itself. The Office
# adds more in admin (Thông tin cơ quan), without a restart; both lists count.
WIDGET_FRAME_ANCESTORS = env_list("WIDGET_FRAME_ANCESTORS")
for _origin in WIDGET_FRAME_ANCESTORS:
    if not is_web_origin(_origin):
        raise ImproperlyConfigured(
            f"WIDGET_FRAME_ANCESTORS: {_origin!r} is not an origin such as https://example.gov.vn."
        )
