import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from campaigns.caching import content_version
from search.kept_results import SHARED_PARAMETERS, count_search, keep, page_number, read_entry, results_page_key
from search.selectors import (
    clean_query,
    highlight,
    load_results,
    query_terms,
    search_site,
    searchable_text,
    snippet,
    suggest,
    top_guides,
)
from search.versioning import search_version

RESULTS_PER_PAGE = 10
SUGGESTION_MAX_AGE = 300


def search_cache_key(kind: str, *, query: str, number: int = 1) -> str:
    """Per content version (any publication bumps it), search version (synonyms, pinned results), language,
    normalised query and page."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"search:{kind}:{content_version()}:{search_version()}:{get_language()}:{digest}:{number}"


def render_results(request: HttpRequest, *, query: str, number: int) -> tuple[str, bool]:
    """The results page's HTML and whether the site had an answer with every word (for the log)."""
    outcome = search_site(query=query)
    paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
    page = paginator.get_page(number)
    terms = outcome.terms or query_terms(query)
    hits = [
        {
            "result": result,
            "title": highlight(result.title, terms),
            "snippet": snippet(searchable_text(result.object), terms),
        }
        for result in load_results(page.object_list)
    ]
    context = {
        "query": query,
        "terms": terms,
        "hits": hits,
        "page_obj": page,
        "paginator": paginator,
        "matched_all_words": outcome.matched_all_words,
        "corrected_query": outcome.corrected_query,
        "did_you_mean": outcome.did_you_mean,
        "approximate": outcome.approximate,
        "expansions": outcome.expansions,
        "top_guides": top_guides() if query and not outcome.results else [],
    }
    return render_to_string("search/search.html", context, request=request), outcome.found


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/tim-kiem/?q=: ranked results with highlighted snippets; works with or without diacritics.

    For citizens the page is kept for LOA_SEARCH_CACHE_SECONDS per normalised query and page (a repeated
    search renders nothing, and is mostly answered before the view: search/kept_results.py); every search is
    still counted in the editors' log (spooled on this node by default: no database work for a kept page).
    """
    query = clean_query(request.GET.get("q", ""))
    number = page_number(request.GET.get("trang"))
    # Other parameters would be written into the page's links (the language switcher): not shared.
    shared = (
        settings.LOA_SEARCH_CACHE_SECONDS > 0
        and not request.user.is_authenticated
        and set(request.GET) <= SHARED_PARAMETERS
    )
    key = results_page_key(host=request.get_host(), query=query, number=number) if shared else ""
    versions, kept = read_entry(key) if shared else (None, None)
    if kept is not None:
        _versions, html, found, _headers = kept
    else:
        # The versions are read before rendering: a change made meanwhile leaves this entry stale, not wrong.
        versions = versions or (content_version(), search_version())
        html, found = render_results(request, query=query, number=number)
        if shared and not getattr(request, "keeps_search_page", False):
            keep(key, versions=versions, html=html, found=found)
    count_search(request, query=query, number=number, found=found, staff=request.user.is_staff)
    response = HttpResponse(html)
    patch_cache_control(response, private=True, max_age=0)
    if shared and getattr(request, "keeps_search_page", False):
        response.search_entry = (key, versions, found)  # kept with its headers by KeptSearchMiddleware
    return response


@require_GET
def suggestions(request: HttpRequest) -> JsonResponse:
    """/tim-kiem/goi-y/?q=: up to six titles for the home-page search box, without diacritics too."""
    query = clean_query(request.GET.get("q", ""))
    key = search_cache_key("suggestions", query=query)
    found = cache.get(key) if settings.LOA_SEARCH_CACHE_SECONDS > 0 else None
    if found is None:
        found = suggest(query=query)
        if settings.LOA_SEARCH_CACHE_SECONDS > 0:
            cache.set(key, found, settings.LOA_SEARCH_CACHE_SECONDS)
    response = JsonResponse({"query": query, "suggestions": found})
    patch_cache_control(response, public=True, max_age=SUGGESTION_MAX_AGE)
    return response
