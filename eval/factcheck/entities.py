"""Named entities: find them in a summary, and decide whether the source supports each one.

Summary side: spaCy NER (all name types; numeric types are left to the number checker) plus a
fallback for proper names the model misses (runs of proper-noun tokens outside any entity). The
type never matters for matching: ``Trump`` tagged ORG is still matched against ``Trump``.
Lower-cased benchmark summaries are first *truecased* from the source (a word the source writes
capitalised is capitalised), so that NER sees ``kim jong un`` as ``Kim Jong Un``; the spans do not move.

In a lower-cased summary of a cased source, a word the tagger reads as a proper noun that the source
never uses in any case is also a name (the case that would make NER see it was lost upstream).

Source side: no model is needed, which keeps the per-document analysis cheap (measured in
bench/factcheck.py). The source is indexed as its normalised token sequence with a position index
(see :mod:`sumcheck.factcheck.names`), as *name groups* (runs of capitalised words, e.g. ``Joint Chiefs
of Staff``) and as the acronyms of those groups.

A summary entity is supported when (first rule that holds):

1. **exact** - one of its variants (itself, title-stripped, aliases, demonym <-> place) occurs in the
   source as a token sequence (``U.S.`` ~ ``United States``, ``North Korean`` ~ ``North Korea``);
2. **partial name** - its words (titles dropped) all occur in one source name group, each at most as
   often as there (``Kim`` ~ ``Kim Jong Un``, ``Mr Venter`` ~ ``Craig Venter``; not ``Donald Putin``,
   nor the generation artefact ``Mitchell Mitchell`` ~ ``Grant Mitchell``);
3. **surname** - a name (not tagged as a place; NER labels are too unreliable on lower-cased text
   to ask for PERSON) whose last word is a source name that the source never pairs with any other
   given name before it (``Alex Salmond`` ~ ``Mr Salmond``; ``Jaco van Zyl`` ~ ``Van Zyl of South
   Africa``; not ``JK Venter`` when the source says ``Craig Venter``),
   and whose words before the surname hold no demonym (``European Commission`` is not ``Commission``);
4. **acronym** - it is the initials of a source name group (``JCS`` ~ ``Joint Chiefs of Staff``), or
   its initials are a source word (``Confederation of African Football`` ~ ``Caf``).
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from sumcheck.factcheck.nlp import pos
from sumcheck.factcheck.names import CONNECTORS, DEMONYMS, FUNCTION_WORDS, TITLES, fold, initials, is_alias, name_tokens, normalise_name, variants
from sumcheck.factcheck.numwords import MONTHS, WEEKDAYS
from sumcheck.factcheck.textview import TextView

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

GROUP_LINKS = CONNECTORS - {"and", "for", "on", "upon", "y"}  # "Mr A and Mr B" is two names
# Capitalised words that sit next to a surname without being a given name ("on Friday Mr Abbott").
NOT_GIVEN_NAMES = TITLES | CONNECTORS | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(d for ds in DEMONYMS.values() for d in ds)
_DEMONYM_WORDS = frozenset(d for ds in DEMONYMS.values() for d in ds)
# The surname rule is never used for these labels (a place is not a person).
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_SPLIT_CHARS = set(".!?;:()[]\"“”")
_POSSESSIVE_RE = re.compile("['’]s\\b")


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    text: str
    label: str  # the NER label, or "NAME" for the proper-name fallback
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class EntityMatch:
    supported: bool
    rule: str  # exact, partial, surname, acronym or "" when unsupported
    evidence: tuple[tuple[int, int], ...]
    nearest: tuple[str, ...] = ()


class SourceNames:
    """The names of one source text, indexed for matching (built once per document)."""

    def __init__(self, text: str, view: "TextView | None" = None) -> None:
        # Names are read from the repaired text (mojibake undone, see textview.py); spans handed out
        # by :meth:`match` point into ``text`` as given.
        view = view if view is not None else TextView.of(text)
        self._view = view if view.repaired else None
        text = view.text if view.repaired else text
        toks = name_tokens(text)
        self.text = text
        self.norms = [t.norm for t in toks]
        self.spans = [(t.start, t.end) for t in toks]
        self.is_cased = any(ch.isupper() for ch in text)
        self.positions: dict[str, list[int]] = {}
        for i, norm in enumerate(self.norms):
            self.positions.setdefault(norm, []).append(i)
        self.groups: list[tuple[tuple[str, ...], int, int]] = []
        self.acronyms: dict[str, tuple[int, int]] = {}
        self.cased: dict[str, int] = {}  # lower-case word -> (capitalised uses - lower-case uses)
        for t in toks:
            first = text[t.start]
            if first.isalpha():
                self.cased[t.norm] = self.cased.get(t.norm, 0) + (1 if first.isupper() else -1)
        self._build_groups(text, toks)

    def _build_groups(self, text: str, toks: list[Any]) -> None:
        run: list[Any] = []
        # names joined by "and"/"for" are two names ("Mr A and Mr B"), but their initials may name one body
        # ("Competition and Markets Authority" is the CMA, "Office for National Statistics" the ONS): the last
        # closed run and the link word that closed it, for the acronyms of the next run
        chain: list[Any] = []

        def close(link: Any = None) -> None:
            while run and run[-1].norm in CONNECTORS:
                run.pop()
            if run:
                words = [t.norm for t in run]
                self.groups.append((tuple(words), run[0].start, run[-1].end))
                for a in range(len(run)):
                    for b in range(a + 2, min(len(run), a + 8) + 1):
                        for acro in initials(words[a:b]):
                            self.acronyms.setdefault(acro, (run[a].start, run[b - 1].end))
                if chain:  # every span across the link ("US Food and Drug Administration": FDA, UFDA)
                    joined = chain + run
                    for a in range(len(chain) - 1):
                        for b in range(len(chain) + 1, min(len(joined), a + 8) + 1):
                            for acro in initials([t.norm for t in joined[a:b]]):
                                self.acronyms.setdefault(acro, (joined[a].start, joined[b - 1].end))
            chain[:] = (list(run) + [link]) if (run and link is not None) else []
            run.clear()

        prev_end = 0
        for t in toks:
            raw = text[t.start:t.end]
            gap = text[prev_end:t.start]
            if any(ch in _SPLIT_CHARS for ch in gap) or "\n" in gap or "," in gap:
                close()
            if _POSSESSIVE_RE.search(gap):
                close()  # "Norfolk's Williamson" is two names
            capital = raw[:1].isupper() and (self.cased.get(t.norm, 0) > 0 or raw.isupper()) and t.norm not in FUNCTION_WORDS
            if capital:
                run.append(t)
            elif run and t.norm in GROUP_LINKS:
                run.append(t)
            elif run and t.norm in ("and", "for"):
                close(t)  # keep the run for the initials of "X and Y Z"
            else:
                close()
                chain.clear()
            prev_end = t.end
        close()

    def find(self, form: str, *, acronym: bool = False) -> tuple[int, int] | None:
        """The first place the space-separated token sequence ``form`` occurs in the source.

        A short acronym or alias (``us``, ``who``, ``un``) must not match a lower-case word of a
        cased source: the pronoun ``us`` is not the ``US``.
        """
        words = form.split(" ")
        n = len(words)
        short = n == 1 and len(words[0]) <= 3 and self.is_cased and (acronym or is_alias(words[0]))
        for i in self.positions.get(words[0], ()):
            if self.norms[i:i + n] == words:
                start, end = self.spans[i][0], self.spans[i + n - 1][1]
                if short and self.text[start:end].islower():
                    continue
                return start, end
        return None

    def match(self, tokens: tuple[str, ...], *, place: bool = False) -> EntityMatch:
        """How the source supports the name ``tokens`` (rules 1-4); evidence spans index the given text."""
        found = self._match(tokens, place=place)
        if self._view is None or not found.evidence:
            return found
        return EntityMatch(found.supported, found.rule, tuple(self._view.span(s, e) for s, e in found.evidence), found.nearest)

    def _match(self, tokens: tuple[str, ...], *, place: bool = False) -> EntityMatch:
        base = " ".join(tokens)
        for form in [base] + sorted(variants(tokens) - {base}, key=lambda v: (-len(v), v)):
            span = self.find(form)
            if span is not None:
                return EntityMatch(True, "exact", (span,))
        core = [w for w in tokens if w not in TITLES and w not in CONNECTORS]
        if core:
            for words, start, end in self.groups:
                if all(w in words for w in core) and all(core.count(w) <= words.count(w) for w in set(core)):
                    return EntityMatch(True, "partial", ((start, end),))
            if len(core) == 1 and len(core[0]) > 3 and core[0].endswith("s"):
                # a name's first word in the plural for its members ("the Greens" of "Green Alliance", "the
                # Farnes" of "the Farne Islands"), only of a name of two or more words
                for words, start, end in self.groups:
                    if len(words) >= 2 and words[0] == core[0][:-1]:
                        return EntityMatch(True, "partial", ((start, end),))
        if not place and len(core) >= 2:
            found = self._surname(core)
            if found is not None:
                return EntityMatch(True, "surname", (found,))
        if len(tokens) == 1 and 2 <= len(tokens[0]) <= 7 and tokens[0] in self.acronyms:
            return EntityMatch(True, "acronym", (self.acronyms[tokens[0]],))
        for acro in initials(list(tokens)):
            span = self.find(acro, acronym=True) if len(acro) >= 3 else None
            if span is not None:
                return EntityMatch(True, "acronym", (span,))
        return EntityMatch(False, "", (), self.nearest(tokens))

    def _surname(self, core: list[str]) -> tuple[int, int] | None:
        """Rule 3: the longest tail of ``core`` that is a source name, never given another given name."""
        for k in range(len(core) - 1, 0, -1):
            tail = core[-k:]
            groups = [g for g in self.groups if _contains(g[0], tail)]
            if not groups:
                continue
            # "Van Zyl of South Africa" gives Van Zyl no other given name ("of" ends the name)
            others = {w for words, _, _ in groups for w in _beside(words, tail)
                      if w not in tail and w not in NOT_GIVEN_NAMES and len(w) > 1}
            if any(w in _DEMONYM_WORDS for w in core[:-k]):
                return None  # "European Commission" is not "Commission" with a given name
            return None if others else (groups[0][1], groups[0][2])
        return None

    def nearest(self, tokens: tuple[str, ...], limit: int = 2) -> tuple[str, ...]:
        target = " ".join(tokens)
        names = {}
        for words, start, end in self.groups:
            names.setdefault(" ".join(words), self.text[start:end])
        close = difflib.get_close_matches(target, list(names), n=limit, cutoff=0.6)
        return tuple(names[c] for c in close)

    def truecase(self, summary: str, spans: "list[tuple[int, int]] | None" = None) -> str:
        """Capitalise the words of a lower-case summary that the source writes capitalised (only
        the words inside ``spans``, character ranges, when given: the lower-cased sentences)."""
        chars = list(summary)
        inside = SpanCover(spans) if spans is not None else None
        for t in name_tokens(summary):
            if inside is not None and not inside.covers(t.start):
                continue
            raw = summary[t.start:t.end]
            if self.cased.get(t.norm, 0) > 0 and raw.islower():
                fixed = raw[0].upper() + raw[1:]
                if len(fixed) == len(raw):
                    chars[t.start:t.end] = list(fixed)
        return "".join(chars)


class SpanCover:
    """A set of character ranges ``[a, b)`` that answers containment by binary search (over the
    ranges sorted by start, with the running maximum of their ends), so checking every token or
    mention of a summary against every sentence or entity of it is not quadratic."""

    def __init__(self, spans: "Iterable[tuple[int, int]]") -> None:
        ranges = sorted(spans)
        self._starts = [a for a, _ in ranges]
        self._reach: list[int] = []  # _reach[k]: the largest end among ranges[:k + 1]
        for _, b in ranges:
            self._reach.append(max(b, self._reach[-1]) if self._reach else b)

    def _max_end(self, k: int) -> int:
        return self._reach[k - 1] if k > 0 else -1

    def contains(self, start: int, end: int, *, proper: bool = False) -> bool:
        """Is there a range ``[a, b)`` with ``a <= start`` and ``end <= b`` (``proper``: other than
        ``[start, end)`` itself)?"""
        if not proper:
            return self._max_end(bisect.bisect_right(self._starts, start)) >= end
        return (self._max_end(bisect.bisect_left(self._starts, start)) >= end
                or self._max_end(bisect.bisect_right(self._starts, start)) > end)

    def covers(self, pos: int) -> bool:
        """Does a range hold the character at offset ``pos``?"""
        return self.contains(pos, pos + 1)


def _beside(words: tuple[str, ...], part: list[str]) -> list[str]:
    """The words of the name group ``words`` that could be another given name of ``part``: those
    before it, and those right after it up to a connector (``Van Zyl of South Africa``: none;
    ``Striker James Keatings``: james, keatings)."""
    n, out = len(part), []
    for i in range(len(words) - n + 1):
        if list(words[i:i + n]) == part:
            out.extend(words[:i])
            for w in words[i + n:]:
                if w in CONNECTORS:
                    break
                out.append(w)
    return out


def _contains(words: tuple[str, ...], part: list[str]) -> bool:
    n = len(part)
    return any(list(words[i:i + n]) == part for i in range(len(words) - n + 1))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading ``the`` and a trailing possessive or quote from an entity span."""
    seg = text[start:end]
    low = seg.lower()
    if low.startswith("the ") and end - start > 4:
        start += 4
    while end > start and text[end - 1] in "\\'’` ":
        end -= 1
    for suffix in ("'s", "’s", "\\'s", " 's"):
        if text[start:end].lower().endswith(suffix) and end - start > len(suffix):
            end -= len(suffix)
    while end > start and text[end - 1] in "\\'’` ,":
        end -= 1
    return start, end


_NER_REWRITES = (("\\'\\'", ' "  '), ("\\'", " '"), ("``", ' "'), ("''", '" '))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def render_for_ner(text: str) -> str:
    """Undo benchmark escapes (``\\'``, ````` ``, ``''``) without moving any character offset.

    Lone surrogates (which spaCy cannot encode) become U+FFFD, also one character each.
    """
    text = _SURROGATE_RE.sub("\ufffd", text)
    for old, new in _NER_REWRITES:
        if old in text:
            text = text.replace(old, new)
    return text


_CONTENT_POS = frozenset({"PROPN", "NOUN", "ADJ", "X"})


def _name_like(tok: Any, rendered: str, names: "SourceNames | None") -> bool:
    """May this token sit at the edge of a name? Capitalised words may; lower-case ones only when they
    are content words the source does not itself write in lower case (``jk`` yes, ``school`` no)."""
    shown = rendered[tok.idx:tok.idx + len(tok.text)]
    if shown[:1].isupper():
        return True
    if not shown[:1].isalpha() or tok.is_stop or pos(tok) not in _CONTENT_POS:
        return False
    if pos(tok) == "PROPN":
        return True
    return names is None or names.cased.get(fold(tok.text), 1) > 0


def is_lowercased(text: str) -> bool:
    """Is ``text`` lower-cased benchmark text (no capital outside placeholders such as ``UNK``)?

    >>> is_lowercased("new tutorial promises UNK turns into lana del rey ."), is_lowercased("Lana Del Rey")
    (True, False)
    """
    return not any(ch.isupper() for ch in _PLACEHOLDER_RE.sub("", text))


_PLACEHOLDER_RE = re.compile(r"-?\b(?:UNK|LRB|RRB|LSB|RSB|LCB|RCB)\b-?")


def lowercased_spans(text: str, *, placeholders: bool = True) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` written in lower case that hold a letter: a
    summary may be lower-cased benchmark text in one sentence and cased in the next (``... at
    carrow road. It was good.``), and each sentence is read as it is written. Sentences end at a
    full stop, "!" or "?" before white space (:data:`_STOP_SPLIT_RE`).

    ``placeholders``: whether a sentence with an upper-case placeholder (``UNK``) still counts as
    lower case (:func:`is_lowercased`); with False, any capital letter makes it cased.

    >>> lowercased_spans("ipswich won at carrow road. It was good.")
    [(0, 27)]
    >>> lowercased_spans("a UNK won.", placeholders=False)
    []
    >>> lowercased_spans("The ship left at 3 p.m. washington officials said so. Mr. smith agreed.")
    []
    """
    lower = is_lowercased if placeholders else (lambda t: not any(ch.isupper() for ch in t))
    return [(s, e) for s, e in _stop_sentences(text) if lower(text[s:e]) and any(ch.isalpha() for ch in text[s:e])]


# Sentence ends for :func:`lowercased_spans`: a full stop, "!" or "?" before white space or the end,
# whatever the case of the next word (summarize.text's splitter wants a capital after the stop, which
# lower-cased text lacks), except after an abbreviation: letters with dots (``U.S.``, ``p.m.``) or a
# title-like short word (``Mr.``, ``Inc.``), where a cased sentence goes on.
# The run of stops is taken whole, from its first character only (the look-behind, and a possessive
# run that gives nothing back): a run not followed by white space ("!!!!...x") is rejected in one pass
# instead of being re-tried from each of its characters (quadratic). Same matches as ``[.!?]+(?=\s|$)``.
_STOP_RE = re.compile(r"(?<![.!?])[.!?]++(?=\s|$)")
_ABBREVIATION_RE = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:[Mm]rs?|[Mm]s|[Dd]r|[Ss]t|[Jj]r|[Ss]r|[Pp]rof|[Rr]ev|[Gg]en|[Gg]ov|[Ss]en|"
                             r"[Rr]ep|[Ll]t|[Cc]ol|[Ss]gt|[Cc]apt|[Mm]t|[Ff]t|[Nn]o|[Vv]s|[Ee]tc|[Ii]nc|[Ll]td|[Cc]o|[Cc]orp|"
                             r"[Jj]an|[Ff]eb|[Aa]pr|[Aa]ug|[Ss]ept?|[Oo]ct|[Nn]ov|[Dd]ec)\.$")


def _stop_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` by the rule above (white space left out).

    >>> t = "a bc. The U.S. army said. x"
    >>> [t[s:e] for s, e in _stop_sentences(t)]
    ['a bc.', 'The U.S. army said.', 'x']
    """
    out, start = [], 0
    for m in _STOP_RE.finditer(text):
        if m.group(0) == "." and _ABBREVIATION_RE.search(text[max(start, m.start() - 12):m.start() + 1]):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            spans.append((s, e))
    return spans


def _unseen_name(tok: Any, shown: str, names: "SourceNames") -> bool:
    """A lower-case word the tagger reads as a proper noun, in a lower-cased summary of a cased
    source, that the source never uses in any case (``lana del rey`` against a source without
    Lana Del Rey). The case that would make it a name was lost upstream; the source cannot
    truecase a word it does not have."""
    norm = fold(tok.text)
    return (shown.isalpha() and len(shown) > 2 and not tok.is_stop and norm not in names.positions
            and norm not in NOT_GIVEN_NAMES and norm not in FUNCTION_WORDS)


def summary_entities(doc: "Doc", text: str, names: "SourceNames | None" = None) -> list[EntityMention]:
    """Entities in a summary (``doc`` was parsed from a same-length rendering of ``text``).

    Edge words that do not look like part of a name (lower-case common words, numbers, quotes) are
    trimmed: ``a birmingham school`` -> ``birmingham``; an entity with nothing name-like left is dropped.
    """
    out: list[EntityMention] = []
    covered: set[int] = set()
    rendered = doc.text
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        a, b = ent.start, ent.end
        while a < b and not _name_like(doc[a], rendered, names):
            a += 1
        while b > a and not _name_like(doc[b - 1], rendered, names):
            b -= 1
        if a == b:
            continue
        # lower-case given names the truecaser could not know: "jk Venter" -> "jk venter"
        while a > 0 and pos(doc[a - 1]) == "PROPN" and doc[a - 1].ent_iob_ == "O" and names is not None and fold(doc[a - 1].text) not in names.cased and _name_like(doc[a - 1], rendered, names):
            a -= 1
        s, e = _trim(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
        toks = normalise_name(text[s:e])
        if not toks or all(t.isdigit() for t in toks):
            continue
        out.append(EntityMention(s, e, text[s:e], ent.label_, toks))
        covered.update(range(min(a, ent.start), ent.end))
    run: list[Any] = []

    def close() -> None:
        while run and (run[-1].lower_ in CONNECTORS or not run[-1].text[:1].isalpha()):
            run.pop()
        if run:
            s, e = _trim(text, run[0].idx, run[-1].idx + len(run[-1].text))
            toks = normalise_name(text[s:e])
            if toks and not all(t in TITLES for t in toks):
                out.append(EntityMention(s, e, text[s:e], "NAME", toks))
        run.clear()

    lowered = SpanCover(lowercased_spans(text) if names is not None and names.is_cased else [])
    for tok in doc:
        if tok.i in covered:
            close()
            continue
        shown = rendered[tok.idx:tok.idx + len(tok.text)]
        in_lowered = lowered.covers(tok.idx)
        if pos(tok) == "PROPN" and (shown[:1].isupper() or (in_lowered and _unseen_name(tok, shown, names))) and fold(tok.text) not in TITLES:
            run.append(tok)
        elif run and tok.lower_ in CONNECTORS:
            run.append(tok)
        else:
            close()
    close()
    out.sort(key=lambda m: (m.start, m.end))
    return out
