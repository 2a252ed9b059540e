from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from core.pagecache import cache_public_page
from news import selectors
from news.models import Article, Category


@method_decorator(cache_public_page, name="dispatch")
class ArticleListView(ListView):
    template_name = "news/article_list.html"
    paginate_by = 10
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


@method_decorator(cache_public_page, name="dispatch")
class CategoryView(ArticleListView):
    template_name = "news/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"], is_active=True)
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


def _cover_url(request, article: Article) -> str:
    """The cover image's absolute address for og:image: storage.url() is a path on the portal's
    host with files on disk, and already absolute with object storage (MEDIA_STORAGE=s3)."""
    if not article.cover_image:
        return ""
    return request.build_absolute_uri(article.cover_image.url)


@cache_public_page
def article_detail(request, slug: str):
    article = selectors.article_for_reader(slug=slug)
    if article is None:
        raise Http404
    return render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "related": selectors.related_articles(article=article),
            "cover_url": _cover_url(request, article),
        },
    )


@never_cache
@permission_required("news.view_article", raise_exception=True)
def article_preview(request, pk: int):
    """Staff see a draft or scheduled article as it will look; never cached, never indexed."""
    article = get_object_or_404(
        Article.objects.select_related("category").prefetch_related("corrections"), pk=pk
    )
    response = render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "related": [],
            "preview": True,
            "cover_url": _cover_url(request, article),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
