"""Reads for site search: ranked results over campaigns, guides, videos and services, snippets, suggestions."""

import re
import unicodedata
from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from campaigns.models import CampaignPage, GuidePage, PublicService, ServiceIndexPage, VideoPage
from core.text import fold_vietnamese, fold_with_offsets
from search.models import PinnedSearchResult, SearchQueryLog
from search.text import clean_query, folded_query
from search.trigram import similar_titles
from search.understanding import Understood, understand

SEARCHED_PAGE_TYPES = (GuidePage, VideoPage, CampaignPage, ServiceIndexPage)
# The backend ranks every match; we keep the best of each kind and merge them.
CANDIDATES_PER_KIND = 60
SNIPPET_LENGTH = 220
SUGGESTIONS = 6
TOP_GUIDES = 5

# A guide (or a service) answers "how do I…"; a campaign or the catalogue page is an overview of several.
KIND_WEIGHTS = {"guidepage": 1.0, "publicservice": 1.0, "videopage": 0.9, "campaignpage": 0.7, "serviceindexpage": 0.7}

KIND_LABELS = {
    "guidepage": _("Hướng dẫn"),
    "videopage": _("Video hướng dẫn"),
    "campaignpage": _("Chiến dịch"),
    "serviceindexpage": _("Dịch vụ công"),
    "publicservice": _("Dịch vụ công"),
}


def query_terms(query: str) -> list[str]:
    return fold_vietnamese(clean_query(query)).split()


@dataclass
class SearchResult:
    """One ranked result: a live page or an essential service. Pages are loaded (specific) by load_results(),
    only for the results shown, so that ranking thousands of matches stays cheap."""

    model: type[Model]
    pk: int
    relevance: float
    object: Model | None = None

    @property
    def kind(self) -> str:
        return self.model._meta.model_name

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def title(self) -> str:
        return self.object.title if isinstance(self.object, Page) else self.object.name

    @property
    def url(self) -> str:
        if isinstance(self.object, Page):
            return self.object.get_url()
        service = self.object
        if service.guide_id and service.guide.live:
            return service.guide.get_url()
        # The service's own page (steps, what to bring, fee, the portal's link), not the portal's home page.
        catalogue = ServiceIndexPage.objects.live().public().first()
        if catalogue is not None:
            return catalogue.service_url(service)
        return service.portal_url or ""


def load_results(results: list[SearchResult]) -> list[SearchResult]:
    """Fetch the objects of `results` (one query per page type), in place; returns `results`."""
    missing: dict[type[Model], list[SearchResult]] = {}
    for result in results:
        if result.object is None:
            missing.setdefault(result.model, []).append(result)
    for model, group in missing.items():
        objects = model.objects.in_bulk([result.pk for result in group])
        for result in group:
            result.object = objects.get(result.pk)
    return [result for result in results if result.object is not None]


def searched_pages():
    """The live, public pages that search looks at, in the active language."""
    pages = Page.objects.live().public().type(*SEARCHED_PAGE_TYPES)
    try:
        return pages.filter(locale=Locale.get_active())
    except Locale.DoesNotExist:
        return pages


_locale_pages = searched_pages


def _ranked(query, operator: str, pages: QuerySet) -> list[SearchResult]:
    backend = get_search_backend()
    # bm25() on SQLite is lower for better matches; ts_rank() on PostgreSQL higher.
    sign = -1.0 if getattr(backend, "lower_score_is_better", False) else 1.0
    pages = backend.search(query, pages, operator=operator)
    results = []
    for page in pages.annotate_score("_score")[:CANDIDATES_PER_KIND]:
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        weight = KIND_WEIGHTS[model._meta.model_name]
        results.append(SearchResult(model=model, pk=page.pk, relevance=weight * sign * (page._score or 0.0)))
    services = backend.search(query, PublicService.objects.select_related("guide"), operator=operator)
    results += [
        SearchResult(model=PublicService, pk=service.pk, relevance=sign * (service._score or 0.0), object=service)
        for service in services.annotate_score("_score")[:CANDIDATES_PER_KIND]
    ]
    # Stable: equal relevance keeps pages before services, in the backend's order.
    return sorted(results, key=lambda result: -result.relevance)


def _search(understood: Understood, operator: str, pages: QuerySet) -> list[SearchResult]:
    return _ranked(understood.search_query(operator), operator, pages)


def _kept_count(understood: Understood, pages: QuerySet) -> int:
    """How many results _search(understood, "and", pages) would keep, without ranking anything (cheaper)."""
    backend = get_search_backend()
    query = understood.search_query("and")
    found = backend.search(query, pages, operator="and", order_by_relevance=False)[:CANDIDATES_PER_KIND]
    services = backend.search(query, PublicService.objects.all(), operator="and", order_by_relevance=False)
    return len(list(found)) + len(list(services[:CANDIDATES_PER_KIND]))


@dataclass(frozen=True)
class SearchOutcome:
    results: list[SearchResult]
    # False when no page had every word and the results are pages with some of them.
    matched_all_words: bool
    # What was searched: the query as typed, or corrected when the typed words found nothing.
    searched: Understood | None = None
    # "Kết quả cho: …" when the results are for a corrected query; "Có phải bạn muốn tìm: …" when a correction
    # would find more than what was typed.
    corrected_query: str = ""
    did_you_mean: str = ""
    # True when the results are pages whose title is close to the whole query (PostgreSQL's pg_trgm, search.trigram),
    # not pages with every word (matched_all_words is False then).
    approximate: bool = False

    @property
    def found(self) -> bool:
        """Whether the site has an answer with every word of the query (what the editors' log counts)."""
        return bool(self.results) and self.matched_all_words

    @property
    def expansions(self) -> list[str]:
        return self.searched.expansions if self.searched else []

    @property
    def terms(self) -> list[str]:
        return self.searched.terms if self.searched else []


def _similar(understood: Understood, pages: QuerySet) -> list[SearchResult]:
    found = similar_titles(understood.text, pages, PublicService.objects.all())
    return [
        SearchResult(model=model, pk=pk, relevance=KIND_WEIGHTS[model._meta.model_name] * similarity)
        for model, pk, similarity in found
    ]


def _with_pins(folded: str, results: list[SearchResult], pages: QuerySet) -> list[SearchResult]:
    """Pages that editors pinned for this exact query first, in the order they were pinned."""
    pinned_ids = list(
        PinnedSearchResult.objects.filter(query=folded, page__in=pages).order_by("pk").values_list("page_id", flat=True)
    )
    if not pinned_ids:
        return results
    pinned = {page.pk: page.specific_class for page in Page.objects.filter(pk__in=pinned_ids).only("content_type")}
    top = [SearchResult(model=pinned[pk], pk=pk, relevance=float("inf")) for pk in pinned_ids if pinned.get(pk)]
    rest = [result for result in results if not (result.model is not PublicService and result.pk in pinned)]
    return top + rest


def search_site(*, query: str) -> SearchOutcome:
    """Ranked results for a citizen's query, accents or not, with editors' synonyms and pinned pages.

    Every word (or one of its synonyms) must match. When the words as typed find nothing, slips are corrected against
    the site's vocabulary (search.understanding) and the corrected query is searched; when neither finds a page with
    every word: on PostgreSQL, the pages whose title is close to the whole query (pg_trgm, search.trigram); then the
    pages with some of the words, marked as such.
    """
    folded = folded_query(query)
    if not folded:
        return SearchOutcome(results=[], matched_all_words=True)
    pages = searched_pages().only("id", "content_type")  # ids and scores only: see load_results()
    typed, corrected = understand(folded)
    results = _search(typed, "and", pages)
    if results:
        outcome = SearchOutcome(results=results, matched_all_words=True, searched=typed)
        if corrected.words != typed.words and _kept_count(corrected, pages) > len(results):
            outcome = replace(outcome, did_you_mean=corrected.text)
    elif corrected.words != typed.words and (corrected_results := _search(corrected, "and", pages)):
        outcome = SearchOutcome(
            results=corrected_results, matched_all_words=True, searched=corrected, corrected_query=corrected.text
        )
    elif similar := _similar(corrected, pages):
        # Close titles are a guess, not an answer with every word: the query stays in the zero-result report, where
        # an editor can add the synonym or pin the page.
        outcome = SearchOutcome(results=similar, matched_all_words=False, searched=corrected, approximate=True)
    elif len(corrected.groups) == 1:
        outcome = SearchOutcome(results=[], matched_all_words=True, searched=corrected)
    else:
        outcome = SearchOutcome(results=_search(corrected, "or", pages), matched_all_words=False, searched=corrected)
    with_pins = _with_pins(folded, outcome.results, pages)
    if len(with_pins) != len(outcome.results) or (with_pins and with_pins[0].relevance == float("inf")):
        # An editor chose the answer to this query: it is found, whatever the words matched.
        return replace(outcome, results=with_pins, matched_all_words=True)
    return outcome


def suggest(*, query: str, limit: int = SUGGESTIONS) -> list[dict]:
    """Titles that start like what is being typed (the last word may be unfinished), for the home-page box."""
    folded = fold_vietnamese(clean_query(query))
    if len(folded) < 2:
        return []
    backend = get_search_backend()
    pages = backend.autocomplete(folded, _locale_pages().type(GuidePage, VideoPage, CampaignPage))[:limit]
    suggestions = [{"title": page.title, "url": page.get_url()} for page in pages]
    if len(suggestions) < limit:
        services = backend.autocomplete(folded, PublicService.objects.select_related("guide"))
        for service in services[: limit - len(suggestions)]:
            url = SearchResult(model=PublicService, pk=service.pk, relevance=0, object=service).url
            if url and url not in {suggestion["url"] for suggestion in suggestions}:
                suggestions.append({"title": service.name, "url": url})
    return suggestions


def top_guides(*, limit: int = TOP_GUIDES) -> list[GuidePage]:
    """What to offer when a search finds nothing: the first guides of the site, in tree order."""
    guides = GuidePage.objects.live().public().filter(pk__in=_locale_pages().type(GuidePage).values("pk"))
    return list(guides.order_by("path")[:limit])


def searchable_text(obj: Model) -> str:
    """The readable text of a result (not its title), for the snippet."""
    if isinstance(obj, GuidePage):
        parts = [obj.intro]
        # The stored JSON, not the blocks: no image or rich-text objects are built for an excerpt.
        for step in obj.steps.raw_data:
            if step["type"] == "step":
                parts += [step["value"].get("title", ""), strip_tags(step["value"].get("body", ""))]
        parts += [str(item["value"]) for item in obj.what_you_need.raw_data]
    elif isinstance(obj, VideoPage):
        parts = [obj.intro, strip_tags(obj.transcript)]
    elif isinstance(obj, CampaignPage):
        parts = [obj.intro, strip_tags(obj.goal)]
    elif isinstance(obj, ServiceIndexPage):
        parts = [strip_tags(obj.intro)]
    elif isinstance(obj, PublicService):
        parts = [obj.agency]
    else:
        parts = []
    text = " ".join(part for part in parts if part)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the folded terms are whole words of `text`, as merged (start, end) indexes into `text`."""
    folded, offsets = fold_with_offsets(text)
    spans = []
    for term in set(terms):
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", folded):
            spans.append((offsets[match.start()], offsets[match.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        # Words of the query next to each other are one highlight: "<mark>tạm trú</mark>".
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end], escaped, with the spans inside it wrapped in <mark>."""
    pieces, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text`, escaped, with the words that match the query wrapped in <mark>."""
    return mark_safe(_marked(text, _match_spans(text, terms), 0, len(text)))  # noqa: S308 (escaped in _marked)


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """An excerpt of `text` around the first word that matches the query, highlighted and escaped."""
    spans = _match_spans(text, terms)
    start = 0
    if spans and spans[0][0] > length // 3:
        start = spans[0][0] - length // 3
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{_marked(text, spans, start, end)}{suffix}")  # noqa: S308 (escaped in _marked)


def zero_result_weeks() -> list:
    """The weeks (their Mondays, newest first) in which some search found nothing."""
    return list(
        SearchQueryLog.objects.filter(zero_result_searches__gt=0)
        .order_by("-week")
        .values_list("week", flat=True)
        .distinct()
    )
