def file_download(request, slug: str, file_id: int):
    from django.http import Http404

    raise Http404
