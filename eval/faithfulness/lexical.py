"""Lexical support of a summary sentence in its source: stemmed content unigrams and bigrams,
novel n-gram rates and number support.

Words are lower-cased alphanumeric tokens, reduced with the Porter stemmer (nltk, which
rouge-score already depends on) so that "resigned"/"resigns" and "markets"/"market" match. The
stemmer stands in for a lemmatiser: spaCy's lemmatiser costs a parse of every source, which is
too slow for the 20 pairs/s budget, and on the lower-cased, tokenised benchmark text the two agree
on what matters here (inflections).

>>> toks = tokens("The markets fell 3,000 points, he said.")
>>> [t.stem for t in toks]
['the', 'market', 'fell', '3000', 'point', 'he', 'said']
>>> [t.stem for t in toks if t.content]
['market', 'fell', '3000', 'point']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^[0-9]+(?:[.,][0-9]+)*$")

# Function words that carry no content (small, fixed list; written here, not downloaded).
STOPWORDS = frozenset(
    """
    a an the and or but if then than so as of at by for with about against between into through during
    before after above below to from up down in out on off over under again further once here there when
    where why how all any both each few more most other some such no nor not only own same too very s t
    can will just don should now is are was were be been being have has had having do does did doing
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am
    would could might must shall may also said says say told according one new year years mr mrs ms
    n't nt 's ll re ve d m o y
    """.split()
)


@dataclass(frozen=True)
class Token:
    stem: str
    content: bool
    number: bool


@functools.lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer
    return PorterStemmer()


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word) if len(word) > 3 else word


def tokens(text: str) -> list[Token]:
    """Stemmed lower-case tokens; numbers lose their thousands separators ("3,000" -> "3000")."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        w = m.group(0).lower()
        if _NUMBER_RE.match(w):
            out.append(Token(w.replace(",", ""), True, True))
        else:
            out.append(Token(_stem(w), w not in STOPWORDS and len(w) > 1, False))
    return out


def ngrams(seq: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)]


@dataclass(frozen=True)
class SourceIndex:
    """The sets a summary sentence is looked up in (built once per source document)."""

    unigrams: frozenset[str]
    content_bigrams: frozenset[tuple[str, ...]]
    bigrams: frozenset[tuple[str, ...]]
    trigrams: frozenset[tuple[str, ...]]
    numbers: frozenset[str]


def index_source(text: str) -> SourceIndex:
    toks = tokens(text)
    stems = [t.stem for t in toks]
    content = [t.stem for t in toks if t.content]
    return SourceIndex(
        unigrams=frozenset(stems),
        content_bigrams=frozenset(ngrams(content, 2)),
        bigrams=frozenset(ngrams(stems, 2)),
        trigrams=frozenset(ngrams(stems, 3)),
        numbers=frozenset(t.stem for t in toks if t.number),
    )


def _share(items: Iterable, pool: frozenset) -> float | None:
    items = list(items)
    if not items:
        return None
    return sum(1 for x in items if x in pool) / len(items)


# The lexical features of one summary sentence, in this order.
LEXICAL_FEATURES = ("uni_support", "bi_support", "novel_bigram", "novel_trigram", "num_support")


def sentence_features(sentence: str, src: SourceIndex) -> dict[str, float]:
    """Support shares in [0, 1] (1 = fully supported; novel rates: 0 = nothing novel).

    A sentence with nothing of a kind (no content word, no number) counts as fully supported for
    that kind: there is nothing unsupported in it.

    >>> src = index_source("The central bank raised interest rates by 0.5 points on Tuesday.")
    >>> f = sentence_features("The bank raised rates by 0.5 points.", src)
    >>> f["uni_support"], f["num_support"]
    (1.0, 1.0)
    >>> sentence_features("The bank cut rates by 2 points.", src)["num_support"]
    0.0
    """
    toks = tokens(sentence)
    stems = [t.stem for t in toks]
    content = [t.stem for t in toks if t.content]
    uni = _share(content, src.unigrams)
    cbi = _share(ngrams(content, 2), src.content_bigrams)
    bi = _share(ngrams(stems, 2), src.bigrams)
    tri = _share(ngrams(stems, 3), src.trigrams)
    num = _share([t.stem for t in toks if t.number], src.numbers)
    return {
        "uni_support": 1.0 if uni is None else uni,
        "bi_support": (1.0 if uni is None else uni) if cbi is None else cbi,
        "novel_bigram": 0.0 if bi is None else 1.0 - bi,
        "novel_trigram": 0.0 if tri is None else 1.0 - tri,
        "num_support": 1.0 if num is None else num,
    }
