"""Top-3 quality of site search over the citizen query set (tests/search/queries.py), shared by the suite's test and
tests/bench/search_quality.py."""

from dataclasses import dataclass, field

from search.selectors import load_results, search_site
from tests.search.queries import ABBREVIATIONS_AND_SYNONYMS, FIRST_ROUND, SLIPS, generated_variants


def identity(result) -> str:
    return f"dv:{result.object.name}" if result.kind == "publicservice" else result.object.slug


@dataclass
class Quality:
    total: int = 0
    hits: int = 0
    by_set: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


def query_sets(guides: dict) -> dict[str, dict[str, set[str]]]:
    titles = {slug: guide.title for slug, guide in guides.items()}
    return {
        "vòng 1": FIRST_ROUND,
        "viết tắt, đồng nghĩa": ABBREVIATIONS_AND_SYNONYMS,
        "dính chữ, gõ sai": SLIPS,
        "biến thể từ tiêu đề (sinh tự động)": generated_variants(titles),
    }


def measure(guides: dict) -> Quality:
    quality = Quality()
    for name, queries in query_sets(guides).items():
        hits = 0
        for query, expected in queries.items():
            top = [identity(result) for result in load_results(search_site(query=query).results[:3])]
            if expected & set(top):
                hits += 1
            else:
                quality.misses.append(f"[{name}] {query!r}: top 3 {top}, expected one of {sorted(expected)}")
        quality.by_set[name] = (hits, len(queries))
        quality.hits += hits
        quality.total += len(queries)
    return quality
