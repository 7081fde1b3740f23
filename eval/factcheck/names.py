"""Normalising names and the alias, demonym and title tables used to match them.

Matching is case-, punctuation- and possessive-insensitive and ignores the entity type: a name is a
sequence of normalised tokens (lower-case, accents and dots removed, ``'s`` dropped), so ``U.S.``,
``US`` and ``u.s.`` are all ``us``; ``Trump's`` and ``trump 's`` are both ``trump``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Tokens: dotted acronyms ("U.S.", "u.n.") first, then runs of letters/digits.
_NAME_TOKEN_RE = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|[^\W_]+")
_APOSTROPHES = "'’`"

ALIAS_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(g.split("|"))
    for g in (
        "us|usa|united states|united states of america|america|the us|the united states",
        "uk|united kingdom|britain|great britain|gb",
        "un|united nations",
        "eu|european union",
        "nato|north atlantic treaty organization|north atlantic treaty organisation",
        "north korea|dprk|democratic people s republic of korea",
        "south korea|republic of korea|rok",
        "russia|russian federation",
        "uae|united arab emirates",
        "netherlands|holland",
        "man utd|manchester united|man united",
        "man city|manchester city",
        "spurs|tottenham|tottenham hotspur",
        "who|world health organization|world health organisation",
        "imf|international monetary fund",
        "fbi|federal bureau of investigation",
        "cia|central intelligence agency",
        "nhs|national health service",
        "bbc|british broadcasting corporation",
        "pm|prime minister",
        "gop|republican party|republicans",
        "ira|irish republican army",
        "isis|islamic state|isil|daesh",
    )
)

# country/region -> demonym(s); matching accepts either form ("North Korean" ~ "North Korea").
DEMONYMS: dict[str, tuple[str, ...]] = {
    "korea": ("korean", "koreans"), "russia": ("russian", "russians"), "ukraine": ("ukrainian", "ukrainians"),
    "america": ("american", "americans"), "us": ("american", "americans"), "britain": ("british", "briton", "britons"),
    "uk": ("british",), "england": ("english",), "scotland": ("scottish", "scot", "scots"), "wales": ("welsh",),
    "ireland": ("irish",), "france": ("french",), "germany": ("german", "germans"), "china": ("chinese",),
    "japan": ("japanese",), "italy": ("italian", "italians"), "spain": ("spanish", "spaniard", "spaniards"),
    "netherlands": ("dutch",), "switzerland": ("swiss",), "sweden": ("swedish", "swede", "swedes"),
    "norway": ("norwegian", "norwegians"), "denmark": ("danish", "dane", "danes"), "poland": ("polish", "pole", "poles"),
    "turkey": ("turkish", "turk", "turks"), "greece": ("greek", "greeks"), "egypt": ("egyptian", "egyptians"),
    "israel": ("israeli", "israelis"), "iran": ("iranian", "iranians"), "iraq": ("iraqi", "iraqis"),
    "syria": ("syrian", "syrians"), "afghanistan": ("afghan", "afghans"), "pakistan": ("pakistani", "pakistanis"),
    "india": ("indian", "indians"), "australia": ("australian", "australians"), "canada": ("canadian", "canadians"),
    "mexico": ("mexican", "mexicans"), "brazil": ("brazilian", "brazilians"), "argentina": ("argentine", "argentinian", "argentinians"),
    "saudi arabia": ("saudi", "saudis"), "palestine": ("palestinian", "palestinians"), "europe": ("european", "europeans"),
    "africa": ("african", "africans"), "asia": ("asian", "asians"), "nigeria": ("nigerian", "nigerians"),
    "kenya": ("kenyan", "kenyans"), "portugal": ("portuguese",), "belgium": ("belgian", "belgians"),
    "austria": ("austrian", "austrians"), "hungary": ("hungarian", "hungarians"), "finland": ("finnish", "finn", "finns"),
    "iceland": ("icelandic",), "new zealand": ("new zealander", "kiwi", "kiwis"), "cuba": ("cuban", "cubans"),
    "vietnam": ("vietnamese",), "thailand": ("thai",), "philippines": ("filipino", "filipinos"),
    "indonesia": ("indonesian", "indonesians"), "malaysia": ("malaysian", "malaysians"), "lebanon": ("lebanese",),
    "libya": ("libyan", "libyans"), "yemen": ("yemeni", "yemenis"), "somalia": ("somali", "somalis"),
    "ethiopia": ("ethiopian", "ethiopians"), "ghana": ("ghanaian", "ghanaians"), "jamaica": ("jamaican", "jamaicans"),
    "chile": ("chilean", "chileans"), "colombia": ("colombian", "colombians"), "peru": ("peruvian", "peruvians"),
    "venezuela": ("venezuelan", "venezuelans"), "serbia": ("serbian", "serb", "serbs"), "croatia": ("croatian", "croat", "croats"),
    "romania": ("romanian", "romanians"), "bulgaria": ("bulgarian", "bulgarians"), "czech republic": ("czech", "czechs"),
    "catalonia": ("catalan", "catalans"), "quebec": ("quebecois",), "london": ("londoner", "londoners"),
    "yorkshire": ("yorkshireman",), "cornwall": ("cornish",), "jordan": ("jordanian", "jordanians"),
    "qatar": ("qatari", "qataris"), "kuwait": ("kuwaiti", "kuwaitis"), "bangladesh": ("bangladeshi", "bangladeshis"),
    "sri lanka": ("sri lankan", "sri lankans"), "nepal": ("nepalese", "nepali"), "taiwan": ("taiwanese",),
    "tibet": ("tibetan", "tibetans"), "kurdistan": ("kurdish", "kurd", "kurds"), "sudan": ("sudanese",),
    "zimbabwe": ("zimbabwean", "zimbabweans"), "uganda": ("ugandan", "ugandans"), "morocco": ("moroccan", "moroccans"),
    "tunisia": ("tunisian", "tunisians"), "algeria": ("algerian", "algerians"), "rome": ("roman", "romans"),
    "paris": ("parisian", "parisians"), "europa": ("european",),
}

TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady president pres prime minister pm chancellor
    secretary sen senator rep gov governor gen general col colonel capt captain sgt sergeant lt king queen
    prince princess pope rev reverend judge justice coach manager boss chairman chief leader st saint
    former late mayor councillor cllr insp inspector det supt superintendent officer cpl corporal pte private
    bdr bombardier lance maj major brig brigadier adm admiral cdr commander lt lieutenant marshal""".split()
)
# Function words that open sentences capitalised ("But Fernandez said"): never part of a source name.
FUNCTION_WORDS = frozenset(
    """a an the and but or nor so yet if as at by for from in into of on onto to up with without after before
    when while since until though although because however meanwhile also then now there here this that these
    those he she it we they i you his her its our their my your who what which where why how all some many
    most more one no not yes both each every other another such than too very just only even still again""".split()
)
CONNECTORS = frozenset({"of", "the", "de", "del", "della", "van", "von", "der", "den", "da", "di", "du", "le", "la", "al", "el", "bin", "and", "for", "on", "upon", "y"})


def fold(token: str) -> str:
    """Lower-case, drop accents and dots: ``U.S.`` -> ``us``, ``Pérez`` -> ``perez``."""
    low = token.lower().replace(".", "")
    if low.isascii():
        return low
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class NameToken:
    norm: str
    start: int
    end: int


def name_tokens(text: str) -> list[NameToken]:
    """Normalised tokens with their character spans; possessive ``'s`` (also ``\\'s``, `` 's``) is dropped."""
    out: list[NameToken] = []
    for m in _NAME_TOKEN_RE.finditer(text):
        tok = m.group()
        if tok in ("s", "S") and m.start() > 0 and text[m.start() - 1] in _APOSTROPHES:
            continue
        norm = fold(tok)
        if norm:
            out.append(NameToken(norm, m.start(), m.end()))
    return out


# Placeholders and bracket tokens of preprocessed benchmark text: never part of a name.
NOISE_TOKENS = frozenset({"unk", "lrb", "rrb", "lsb", "rsb", "lcb", "rcb"})
# Words an organisation's name may drop: "Swansea City" ~ "Swansea", "Acme Ltd" ~ "Acme".
ORG_SUFFIXES = frozenset({"city", "town", "county", "fc", "afc", "plc", "ltd", "inc", "club", "corp", "co", "group"})


def normalise_name(text: str) -> tuple[str, ...]:
    """``"the U.S.'s"`` -> ``("us",)``; ``"North Korean"`` -> ``("north", "korean")``."""
    toks = [t.norm for t in name_tokens(text) if t.norm not in NOISE_TOKENS]
    while toks and toks[0] == "the":
        toks = toks[1:]
    return tuple(toks)


_ALIAS_OF: dict[str, frozenset[str]] = {}
for _group in ALIAS_GROUPS:
    for _name in _group:
        _ALIAS_OF[_name] = _group
_COUNTRY_OF: dict[str, str] = {}
for _country, _dems in DEMONYMS.items():
    for _dem in _dems:
        _COUNTRY_OF.setdefault(_dem, _country)


def is_alias(form: str) -> bool:
    """Is ``form`` one of the alias-table spellings (``us``, ``un``, ``united states``...)?"""
    return form in _ALIAS_OF


def variants(tokens: tuple[str, ...]) -> set[str]:
    """Every spelling that counts as the same name: aliases, demonym <-> place, with or without titles."""
    if not tokens:
        return set()
    base = " ".join(tokens)
    out = {base}
    stripped = tokens
    while len(stripped) > 1 and stripped[0] in TITLES:
        stripped = stripped[1:]
    out.add(" ".join(stripped))
    if len(stripped) > 1 and stripped[-1] in ORG_SUFFIXES:
        out.add(" ".join(stripped[:-1]))
    for form in list(out):
        if form in _ALIAS_OF:
            out |= _ALIAS_OF[form]
    for form in list(out):
        words = form.split(" ")
        for k in (1, 2):  # the last one or two words may be a demonym or a place
            if len(words) < k:
                continue
            head, tail = words[:-k], " ".join(words[-k:])
            swaps: list[str] = []
            if tail in _COUNTRY_OF:
                swaps.append(_COUNTRY_OF[tail])
            if tail in DEMONYMS:
                swaps.extend(DEMONYMS[tail])
            for s in swaps:
                out.add(" ".join(head + [s]))
                if s in _ALIAS_OF and not head:
                    out |= _ALIAS_OF[s]
    return {v for v in out if v}


def initials(words: list[str]) -> set[str]:
    """Acronyms a run of words may go by: ``Joint Chiefs of Staff`` -> ``jcs``, ``jcos``."""
    content = [w for w in words if w not in CONNECTORS]
    out = set()
    if len(content) >= 2:
        out.add("".join(w[0] for w in content))
    if len(words) >= 2 and len(words) != len(content):
        out.add("".join(w[0] for w in words))
    return {a for a in out if len(a) >= 2}
