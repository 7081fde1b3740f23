"""Which language a text is in, and what that means for the checks that need a language model.

Detection uses `py3langid <https://pypi.org/project/py3langid/>`_ (Lui & Baldwin's langid.py,
packaged with its model; offline, about 0.3 ms for a summary; pinned in ``.ci/constraints.txt``),
with normalised probabilities. Codes are ISO 639-1 (``en``, ``zh``, ``ru``...); ``und``
(undetermined) when a text has fewer than :data:`MIN_LETTERS` letters.

Short texts are where detectors err (``man utd win 2-0`` reads as Kabyle), so a pair's language --
the one the checks act on -- is the summary's only when it is written in another script than the
document (a Chinese summary of an English article) or long and confidently detected; otherwise it is
the document's (:func:`pair_language`). A short Latin-script text's guess is not acted on at all
(:func:`trusted_code`): "Merkel met Macron in Berlin." reads as Dutch.

>>> script_of("Москва") == "Cyrl", script_of("50所学校") == "Hani", script_of("3,000") is None
(True, True, True)
>>> is_punctuation_only("?!"), is_punctuation_only("…"), is_punctuation_only("3")
(True, True, False)
>>> pair_language(Detected("en", 0.99, 900, "Latn"), Detected("kab", 0.40, 12, "Latn"))
'en'
>>> pair_language(Detected("en", 0.99, 900, "Latn"), Detected("zh", 0.58, 9, "Hani"))
'zh'
>>> pair_language(Detected("nl", 0.71, 22, "Latn"), Detected("nl", 0.69, 20, "Latn"))
'und'
>>> pair_language(Detected("en", 0.91, 40, "Latn"), Detected("en", 0.88, 20, "Latn"))
'en'
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass

MIN_LETTERS = 3
# A summary overrides its document's language only above these (short texts are misread).
SUMMARY_MIN_LETTERS = 80
SUMMARY_MIN_PROBABILITY = 0.95
# ... or when English is implausible: a Latin-script text of at least NOT_ENGLISH_MIN_LETTERS letters
# whose normalised probability of English is below NOT_ENGLISH_BELOW. Chosen on the shared validation
# cuts: their 5,787 English summaries and references all have P(en) >= 0.018 (lowest: "mike tindall ,
# wife zara phillips , UNK dude ..."); one-line German, French, Spanish, Italian, Dutch, Portuguese,
# Polish and Swedish news sentences written for tests/test_lang.py have 4e-6 to 3e-3.
NOT_ENGLISH_MIN_LETTERS = 20
NOT_ENGLISH_BELOW = 0.003  # a margin of 6x below the lowest English text
# ... and only when the text's lower-case words (names dropped) say the same: at least this many
# letters of them, detected as the same language, with English below COMMON_WORDS_ENGLISH_BELOW.
# Names alone carry the detection of "Jakub Blaszczykowski joins Wisla Krakow." (P(en) 0.0007, pl);
# its lower-case words ("joins") are too few to confirm it, so it stays English. The German, French,
# Spanish, Italian, Dutch, Portuguese and Polish test lines all keep their language (tests/test_lang.py).
COMMON_WORDS_MIN_LETTERS = 12
COMMON_WORDS_ENGLISH_BELOW = 0.05
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
# Characters read for detection: the detector's answer on running text is stable well before this
# (a news lead is 200-400 characters); reading more costs time linearly.
MAX_CHARS = 600
# Languages the project's offline models were trained on: spaCy's en_core_web_sm NER and the MiniLM
# encoder of the offline faithfulness model (all-MiniLM-L6-v2 was trained on English pairs).
NER_LANGUAGES = frozenset({"en"})
FAITHFULNESS_LANGUAGES = frozenset({"en"})
UNDETERMINED = "und"

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Detected:
    """``code`` (ISO 639-1 or ``und``), the detector's normalised ``probability``, the number of
    ``letters`` read and the dominant ``script`` (ISO 15924-like: ``Latn``, ``Cyrl``, ``Hani``...)."""

    code: str
    probability: float
    letters: int
    script: str | None
    english: float | None = None  # the detector's normalised probability of English (None: not read)
    common_agrees: bool = False  # the lower-case words alone read as ``code`` too, and not as English

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "probability": round(self.probability, 3)}


_SCRIPT_PREFIXES = (
    ("LATIN", "Latn"), ("CYRILLIC", "Cyrl"), ("GREEK", "Grek"), ("ARABIC", "Arab"), ("HEBREW", "Hebr"),
    ("DEVANAGARI", "Deva"), ("BENGALI", "Beng"), ("THAI", "Thai"), ("HANGUL", "Hang"), ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"), ("CJK", "Hani"), ("TAMIL", "Taml"), ("GEORGIAN", "Geor"), ("ARMENIAN", "Armn"),
)


@functools.lru_cache(maxsize=4096)
def _script_of_char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return name.split(" ", 1)[0].title() or "Zyyy"


_ASCII_LETTERS = re.compile("[A-Za-z]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _letters_by_script(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    latin = len(_ASCII_LETTERS.findall(text))
    if latin:
        counts["Latn"] = latin
    for ch in _NON_ASCII.findall(text):  # only the non-ASCII characters go through Python
        if ch.isalpha():
            s = _script_of_char(ch)
            counts[s] = counts.get(s, 0) + 1
    return counts


def script_of(text: str) -> str | None:
    """The script most letters of ``text`` are written in; None when it has no letters."""
    counts = _letters_by_script(text[:MAX_CHARS])
    return max(counts, key=lambda k: counts[k]) if counts else None


def is_punctuation_only(text: str) -> bool:
    """True when ``text`` has characters but no letter, digit or mark (``"."``, ``"…"``, ``"?!"``)."""
    return bool(text.strip()) and not any(ch.isalnum() or unicodedata.category(ch)[0] == "M" for ch in text)


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detector_signature() -> str:
    """``py3langid-<version>`` (for metric signatures)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"py3langid-{version('py3langid')}"
    except PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "py3langid-absent"


def detect(text: str) -> Detected:
    """The language of ``text`` (its first :data:`MAX_CHARS` characters)."""
    head = text[:MAX_CHARS]
    counts = _letters_by_script(head)
    letters = sum(counts.values())
    script = max(counts, key=lambda k: counts[k]) if counts else None
    if letters < MIN_LETTERS:
        return Detected(UNDETERMINED, 0.0, letters, script)
    with _LOCK:  # the identifier keeps per-call scratch state
        ranked = _identifier().rank(head)  # every language, most probable first
    code, prob = ranked[0]
    english = next((float(p) for c, p in ranked if c == "en"), 0.0)
    agrees = False
    if english < NOT_ENGLISH_BELOW and code != "en":  # rare: check it is not the names speaking
        common = " ".join(w for w in _WORD_RE.findall(head) if not w[0].isupper())
        if sum(ch.isalpha() for ch in common) >= COMMON_WORDS_MIN_LETTERS:
            with _LOCK:
                again = _identifier().rank(common)
            agrees = again[0][0] == code and dict(again).get("en", 0.0) < COMMON_WORDS_ENGLISH_BELOW
    return Detected(str(code), float(prob), letters, script, english, agrees)


@functools.lru_cache(maxsize=1024)
def _detect_document(text: str) -> Detected:
    """:func:`detect`, cached: one document is paired with many summaries."""
    return detect(text)


def trusted_code(found: Detected) -> str:
    """``found.code`` when the detection can be acted on, else ``und``.

    A text in a non-Latin script is not English whatever the detector's exact guess, so its code
    stands. A Latin-script text's code stands when the text is long and confidently detected
    (:data:`SUMMARY_MIN_LETTERS`, :data:`SUMMARY_MIN_PROBABILITY`), or when English is implausible
    (:data:`NOT_ENGLISH_MIN_LETTERS`, :data:`NOT_ENGLISH_BELOW`): one-sentence English inputs are
    read as Dutch or Nigerian Pidgin often enough that acting on a bare guess would switch checks
    off, but they keep a share of English (``Merkel met Macron in Berlin.``: 0.02) that a German
    sentence does not (``Die Polizei hat mehr als 300 Menschen festgenommen.``: 3e-6).

    >>> trusted_code(Detected("nl", 0.71, 22, "Latn")), trusted_code(Detected("ru", 0.60, 6, "Cyrl"))
    ('und', 'ru')
    >>> trusted_code(Detected("de", 0.99, 40, "Latn", english=3.5e-6, common_agrees=True))
    'de'
    >>> trusted_code(Detected("nl", 0.12, 24, "Latn", english=0.02)), trusted_code(Detected("pl", 0.9, 33, "Latn", english=7e-4))
    ('und', 'und')
    """
    if found.code == UNDETERMINED:
        return UNDETERMINED
    if found.script not in (None, "Latn"):
        return found.code
    if found.letters >= SUMMARY_MIN_LETTERS and found.probability >= SUMMARY_MIN_PROBABILITY:
        return found.code
    if _not_english(found):
        return found.code
    return UNDETERMINED


def pair_language(document: Detected, summary: Detected) -> str:
    """The language the checks of one (document, summary) pair act on (see the module docstring).

    ``und`` when neither text's detection can be trusted (:func:`trusted_code`): the checks then run
    as for English, the only language the project's models cover, rather than being switched off.
    Two short texts that are both detected as a language the models cover (English) are recorded as
    that language: acting on it changes nothing (``und`` runs as English too), and the record says
    what was checked. Agreement on any other language is not trusted (short English reads as Dutch).
    """
    doc, summ = trusted_code(document), trusted_code(summary)
    if doc == UNDETERMINED and summ == UNDETERMINED and document.code == summary.code \
            and document.code in NER_LANGUAGES | FAITHFULNESS_LANGUAGES:
        return document.code
    if summ == UNDETERMINED:
        return doc
    if doc == UNDETERMINED and document.code == UNDETERMINED:  # the document has no letters to go by
        return summ
    if summary.script is not None and document.script is not None and summary.script != document.script:
        return summ
    if summary.letters >= SUMMARY_MIN_LETTERS and summary.probability >= SUMMARY_MIN_PROBABILITY:
        return summ
    if (doc in NER_LANGUAGES or doc == UNDETERMINED) and _not_english(summary):  # a German line about an English article
        return summ
    return doc


def _not_english(found: Detected) -> bool:
    return (found.english is not None and found.letters >= NOT_ENGLISH_MIN_LETTERS and found.english < NOT_ENGLISH_BELOW
            and found.code != "en" and found.common_agrees)


def faithfulness_unscored_reason(document: str, summary: str, *, offline: bool = True) -> str | None:
    """Why the faithfulness metric must not score this pair, or None when it may.

    A summary of punctuation only has nothing to check; the offline model's encoder reads only the
    languages in :data:`FAITHFULNESS_LANGUAGES` (checked only when ``offline``).
    """
    if is_punctuation_only(summary):
        return "summary has no words (punctuation only)"
    if offline and summary.strip() and document.strip():
        lang = pair_language(_detect_document(document), detect(summary))
        if lang not in FAITHFULNESS_LANGUAGES and lang != UNDETERMINED:
            return f"language {lang!r} not supported by the offline model"
    return None
