"""What a citizen meant by a query: slips corrected against the site's own words, synonyms and abbreviations added.

The same on PostgreSQL and SQLite, in Python, before the query reaches either database:

1. Words the site does not know are corrected, in this order: VNI tone digits ("ky1" -> "ky"), Telex marks typed as
   letters ("truw" -> "tru", "thuwowngf" -> "thuong", "ddang" -> "dang"), two typed halves of one word ("vn eid"),
   joined syllables split against the vocabulary ("dichvucong" -> "dich vu cong"), then one slip (a letter missing,
   extra, changed or two swapped: "vnied" -> "vneid") against the vocabulary, preferring the most frequent word.
2. Editors' synonym sets (search.models.SearchSynonym) are applied to the corrected words: "cccd" also searches
   "can cuoc", "the can cuoc"…; multi-word terms are matched as phrases.

The vocabulary is the folded words of the searched pages' titles, the services' names and the synonyms: small
(a few thousand words on a large site), cached under the search version (search.versioning), rebuilt when a page is
published or a synonym changes.
"""

import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache
from modelsearch.query import And, Or, Phrase, PlainText
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.text import fold_vietnamese
from search.versioning import search_version

VOCABULARY_TIMEOUT = 600
# Shorter words are too close to too many others for a one-slip correction to mean anything.
SLIP_MIN_LENGTH = 4
SPLIT_MIN_LENGTH = 5
LONGEST_SYNONYM_WORDS = 6

_VNI_DIGITS = re.compile(r"^([a-z]+)[0-9]+$")
_TELEX_DOUBLES = re.compile(r"(aa|ee|oo|dd)")
_TELEX_TONE = re.compile(r"([aeiouy][a-z]*)[sfrxj]$")


@dataclass(frozen=True)
class Vocabulary:
    frequency: dict[str, int]
    # term (tuple of folded words) -> every term it also searches for, itself included
    synonyms: dict[tuple[str, ...], frozenset[tuple[str, ...]]]
    # folded term -> how the editor wrote it ("can cuoc" -> "căn cước"), to show the citizen
    labels: dict[tuple[str, ...], str]

    def knows(self, word: str) -> bool:
        return word.isdigit() or word in self.frequency


@dataclass(frozen=True)
class Understood:
    """A query's words and, per word or synonym phrase, the alternatives any of which may match."""

    words: tuple[str, ...]
    groups: tuple[tuple[tuple[str, ...], ...], ...]
    labels: dict[tuple[str, ...], str]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def expansions(self) -> list[str]:
        """The synonyms added to the query, for "Kết quả cho cả: …"."""
        return [
            self.labels.get(alternative, " ".join(alternative))
            for group in self.groups
            if len(group) > 1
            for alternative in group[1:]
        ]

    @property
    def terms(self) -> list[str]:
        """Every word that may match, for highlighting."""
        return sorted({word for group in self.groups for alternative in group for word in alternative})

    def search_query(self, operator: str = "and"):
        """The query for Wagtail's search backends: every group must match ("and") or any may ("or")."""
        parts = []
        for group in self.groups:
            alternatives = [Phrase(" ".join(alt)) if len(alt) > 1 else PlainText(alt[0]) for alt in group]
            parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
        if len(parts) == 1:
            return parts[0]
        return And(parts) if operator == "and" else Or(parts)


def _load_vocabulary() -> Vocabulary:
    from campaigns.models import PublicService
    from search.models import SearchSynonym
    from search.selectors import searched_pages

    frequency: dict[str, int] = {}
    texts = list(searched_pages().values_list("title", flat=True))
    texts += list(PublicService.objects.values_list("name", flat=True))
    synonyms: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    labels: dict[tuple[str, ...], str] = {}
    for synonym in SearchSynonym.objects.all():
        terms = []
        for written in synonym.term_list:
            term = tuple(re.findall(r"\w+", fold_vietnamese(written)))
            if term:
                terms.append(term)
                labels.setdefault(term, written)
        texts += [" ".join(term) for term in terms]
        triggers = terms[:1] if synonym.one_way else terms
        for trigger in triggers:
            synonyms.setdefault(trigger, {trigger}).update(terms)
    for text in texts:
        for word in re.findall(r"\w+", fold_vietnamese(text)):
            frequency[word] = frequency.get(word, 0) + 1
    return Vocabulary(
        frequency=frequency,
        synonyms={term: frozenset(alternatives) for term, alternatives in synonyms.items()},
        labels=labels,
    )


# This process's copy of the vocabulary of one search version: reading it back from the shared cache would
# unpickle a few thousand words on every search.
_in_process: tuple[str, float, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """The site's words and synonyms, cached under the current search version (shared, and in this process)."""
    global _in_process
    key = f"search:vocabulary:{search_version()}"
    now = time.monotonic()
    if _in_process is not None and _in_process[0] == key and now - _in_process[1] < VOCABULARY_TIMEOUT:
        return _in_process[2]
    loaded = cache.get(key)
    if loaded is None:
        loaded = _load_vocabulary()
        cache.set(key, loaded, VOCABULARY_TIMEOUT)
    _in_process = (key, now, loaded)
    return loaded


def untelex(word: str) -> str:
    """A word typed in Telex or VNI without the keyboard turning keys into marks, as plain letters:
    "thuwowngf" -> "thuong", "ddang" -> "dang", "ky1" -> "ky", "hoatj" -> "hoat"."""
    vni = _VNI_DIGITS.match(word)
    if vni:
        return vni.group(1)
    plain = _TELEX_DOUBLES.sub(lambda match: match.group(1)[0], word)
    plain = re.sub(r"(?<=[aou])w", "", plain)
    plain = plain.replace("w", "u")
    return _TELEX_TONE.sub(r"\1", plain)


def split_joined(word: str, vocab: Vocabulary) -> list[str] | None:
    """Joined syllables split into the fewest known words, the more frequent first: "dichvucong" -> dich vu cong."""
    if len(word) < SPLIT_MIN_LENGTH:
        return None
    # best[i]: (pieces, -log frequency) of the best split of word[:i]
    best: list[tuple[int, float, list[str]] | None] = [None] * (len(word) + 1)
    best[0] = (0, 0.0, [])
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 8), end):
            piece, before = word[start:end], best[start]
            if before is None or piece not in vocab.frequency:
                continue
            candidate = (before[0] + 1, before[1] - math.log(vocab.frequency[piece]), [*before[2], piece])
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    found = best[len(word)]
    return found[2] if found and found[0] > 1 else None


@lru_cache(maxsize=4096)
def _closest(word: str, words: tuple[str, ...], frequencies: tuple[int, ...]) -> str | None:
    matches = process.extract(word, words, scorer=OSA.distance, score_cutoff=1, limit=None)
    if not matches:
        return None
    return max(matches, key=lambda match: (-match[1], frequencies[match[2]]))[0]


def correct_word(word: str, vocab: Vocabulary) -> list[str]:
    """`word` as the site knows it, as one or more words; unchanged when nothing fits."""
    if vocab.knows(word):
        return [word]
    plain = untelex(word)
    if vocab.knows(plain):
        return [plain]
    for candidate in (word, plain):
        pieces = split_joined(candidate, vocab)
        if pieces:
            return pieces
    if len(word) >= SLIP_MIN_LENGTH:
        words = tuple(vocab.frequency)
        closest = _closest(word, words, tuple(vocab.frequency[w] for w in words))
        if closest:
            return [closest]
    return [word]


def correct(words: list[str], vocab: Vocabulary) -> list[str]:
    corrected: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else None
        # "vn eid": two typed halves of one known word.
        if following and not (vocab.knows(word) and vocab.knows(following)) and vocab.knows(word + following):
            corrected.append(word + following)
            index += 2
            continue
        corrected += correct_word(word, vocab)
        index += 1
    return corrected


def expand(words: list[str], vocab: Vocabulary) -> list[tuple[tuple[str, ...], ...]]:
    """Groups of alternatives: a synonym term (the longest that matches here) with its synonyms, else the word."""
    groups = []
    index = 0
    while index < len(words):
        for length in range(min(LONGEST_SYNONYM_WORDS, len(words) - index), 0, -1):
            term = tuple(words[index : index + length])
            if term in vocab.synonyms:
                others = sorted(vocab.synonyms[term] - {term})
                groups.append((term, *others))
                index += length
                break
        else:
            groups.append(((words[index],),))
            index += 1
    return groups


def understand(folded: str) -> tuple[Understood, Understood]:
    """The folded query as typed and as corrected (the same when nothing needed correcting), with synonyms."""
    vocab = vocabulary()
    typed = folded.split()
    corrected = correct(typed, vocab)
    return (
        Understood(words=tuple(typed), groups=tuple(expand(typed, vocab)), labels=vocab.labels),
        Understood(words=tuple(corrected), groups=tuple(expand(corrected, vocab)), labels=vocab.labels),
    )
