from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

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
from search.services import looks_like_bot, record_search

RESULTS_PER_PAGE = 10
SUGGESTION_MAX_AGE = 300


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/tim-kiem/?q=: ranked results with highlighted snippets; works with or without diacritics."""
    query = clean_query(request.GET.get("q", ""))
    outcome = search_site(query=query)
    paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    terms = outcome.terms or query_terms(query)
    hits = [
        {
            "result": result,
            "title": highlight(result.title, terms),
            "snippet": snippet(searchable_text(result.object), terms),
        }
        for result in load_results(page.object_list)
    ]
    first_page = request.GET.get("trang", "1") in ("", "1")
    citizen = not looks_like_bot(request.headers.get("User-Agent", "")) and not request.user.is_staff
    if query and first_page and citizen:
        record_search(query=query, found=outcome.found)
    context = {
        "query": query,
        "terms": terms,
        "hits": hits,
        "page_obj": page,
        "paginator": paginator,
        "matched_all_words": outcome.matched_all_words,
        "corrected_query": outcome.corrected_query,
        "did_you_mean": outcome.did_you_mean,
        "expansions": outcome.expansions,
        "top_guides": top_guides() if query and not outcome.results else [],
    }
    response = render(request, "search/search.html", context)
    patch_cache_control(response, private=True, max_age=0)
    return response


@require_GET
def suggestions(request: HttpRequest) -> JsonResponse:
    """/tim-kiem/goi-y/?q=: up to six titles for the home-page search box, without diacritics too."""
    query = clean_query(request.GET.get("q", ""))
    response = JsonResponse({"query": query, "suggestions": suggest(query=query)})
    patch_cache_control(response, public=True, max_age=SUGGESTION_MAX_AGE)
    return response
