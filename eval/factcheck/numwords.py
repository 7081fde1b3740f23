"""Word tables for number extraction: number words, ordinals, fractions, scales, currencies, units, months.

Plain data, no logic. Everything is lower-case; lookups lower-case the token first.
"""

from __future__ import annotations

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Scale words after a number (words or digits, with a space): "3 million", "two thousand", "1.8 bln",
# "5 lakh" (South Asian: lakh = 1e5, crore = 1e7). The abbreviations are the ones newsrooms and
# finance write (Reuters/Bloomberg "mln"/"bln", the BBC/FT "m"/"bn"/"tn"); any case, full stop or not.
SCALE_WORDS = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
    "mn": 1e6, "mln": 1e6, "mio": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "thou": 1e3,
    "millions": 1e6, "billions": 1e9,
}
SCALE_WORDS_FULL = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore", "crores", "millions", "billions"})
# Scale suffixes glued to digits or after a currency amount: "10k", "1.2bn", "£5m", "$3 tn"; CJK
# scale characters glued to digits ("120亿" = 1.2e10; 万 = 1e4, 亿 = 1e8, 千 = 1e3).
SCALE_SUFFIXES = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "bn": 1e9, "bln": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "crore": 1e7, "cr": 1e7,
    "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
}
# Scale words a fraction may take ("half a million", "a quarter of a billion", "half a dozen",
# "two and a half million", "a million and a half").
SCALE_NOUNS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12.0,
               "lakh": 1e5, "crore": 1e7}
# Digit words after "point" in a spelled decimal ("one point two", "nought point five", "two point oh five").
DIGIT_WORDS = {"zero": 0, "nought": 0, "naught": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7, "eight": 8, "nine": 9}
# Chinese/Japanese numerals (a run of these is one number: "三千五百" = 3500).
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1e6,
}
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

# Fraction denominators: "two-thirds", "a quarter", "three fifths", "half".
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}

# "#" is how the CNN/DailyMail preprocessing renders "£".
CURRENCY_SYMBOLS = {"#": "GBP", "£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB"}
# Letters glued before "$": "US$5", "A$2m", "HK$".
DOLLAR_PREFIXES = {"us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "nz": "NZD", "hk": "HKD", "s": "SGD"}
CURRENCY_WORDS = {
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "dollar": "USD", "dollars": "USD",
    "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "won": "KRW", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "francs": "CHF", "franc": "CHF", "元": "CNY", "円": "JPY", "inr": "INR", "rs": "INR",
}
# Sub-units glued to digits: "50p", "20c" (as a fraction of the main unit).
CURRENCY_MINOR = {"p": ("GBP", 0.01), "pence": ("GBP", 0.01), "cents": ("USD", 0.01), "cent": ("USD", 0.01)}

PERCENT_WORDS = frozenset({"percent", "pc", "pct"})

UNITS = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "mi": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm", "millimeters": "mm",
    "ft": "ft", "foot": "ft", "feet": "ft", "inch": "in", "inches": "in", "yard": "yd", "yards": "yd",
    "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "g": "g", "gram": "g", "grams": "g", "lb": "lb", "lbs": "lb", "tonne": "t", "tonnes": "t", "ton": "t",
    "tons": "t", "mph": "mph", "kph": "kph", "acre": "acre", "acres": "acre", "hectare": "ha", "hectares": "ha",
    "ha": "ha", "litre": "l", "litres": "l", "liter": "l", "liters": "l", "gallon": "gal", "gallons": "gal",
    "degree": "deg", "degrees": "deg", "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "month": "month", "months": "month", "week": "week", "weeks": "week", "day": "day", "days": "day",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "minute": "minute", "minutes": "minute",
    "min": "minute", "mins": "minute", "seconds": "second", "secs": "second", "mw": "MW", "gw": "GW",
    "kw": "kW", "kwh": "kWh", "mwh": "MWh", "gb": "GB", "mb": "MB", "tb": "TB", "kb": "kB",
    "ghz": "GHz", "mhz": "MHz", "khz": "kHz", "hz": "Hz", "mg": "mg", "ml": "ml", "cl": "cl",
    "kmh": "kph", "gbps": "Gbps", "mbps": "Mbps", "bhp": "hp", "hp": "hp", "oz": "oz", "kv": "kV",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century", "fortnight": "fortnight",
    "fortnights": "fortnight", "millennium": "millennium", "millennia": "millennium",
    "celsius": "degC", "fahrenheit": "degF", "centigrade": "degC",
}
# Units written only glued to the digits ("25C", "3l", "24h", "240V"): alone they are letters.
# Keys are case-sensitive where the case decides ("25C" is a temperature, "4G" a product name).
GLUED_UNITS = {"C": "degC", "F": "degF", "l": "l", "L": "l", "h": "hour", "V": "V", "W": "W", "g": "g"}
# A unit that names a more specific one: "25 degrees" agrees with "25C" and with "77F".
UNIT_GENERAL = {"degC": "deg", "degF": "deg"}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month words that are also ordinary words: a month only next to a day/year or after these words.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr", "sept"})
MONTH_CUES = frozenset({"in", "last", "next", "this", "early", "late", "mid", "since", "until", "till", "by", "from", "of", "end", "before", "after", "during"})

# Clock words, as minutes after midnight: noon and midday are 12:00, midnight 00:00.
CLOCK_WORDS = {"noon": 720, "midday": 720, "midnight": 0}
# Time zones after a four-digit 24-hour time ("1430 GMT").
TIME_ZONES = frozenset({"gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "ist", "jst", "aest"})

WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

# Words before a number that make it approximate or a bound ("roughly 300", "more than 10,000").
QUALIFIERS_1 = frozenset({"about", "around", "roughly", "approximately", "approx", "nearly", "almost", "some", "over", "under",
                          "estimated", "circa", "c", "~", "up", "above", "below", "exceeding"})
QUALIFIERS_2 = frozenset({("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("up", "to"), ("close", "to"),
                          ("just", "over"), ("just", "under"), ("an", "estimated"), ("in", "excess"), ("upwards", "of"),
                          ("at", "most"), ("well", "over"), ("well", "under")})
QUALIFIERS_3 = frozenset({("no", "more", "than"), ("no", "fewer", "than"), ("no", "less", "than"), ("not", "more", "than"),
                          ("in", "excess", "of"), ("as", "many", "as"), ("as", "much", "as"), ("as", "few", "as")})
# Which side of the written value the truth lies on (tolerance.py rule 4). Every other qualifier is
# two-sided ("about", "roughly"...).
LOWER_BOUNDS = frozenset({"more than", "over", "at least", "above", "exceeding", "in excess", "in excess of", "upwards of",
                          "just over", "well over", "no fewer than", "no less than"})
UPPER_BOUNDS = frozenset({"up to", "fewer than", "less than", "no more than", "not more than", "under", "below", "at most",
                          "as many as", "as much as", "well under"})
# Just short of the value: "nearly 300", "almost 300", "just under 300".
NEAR_BELOW = frozenset({"nearly", "almost", "just under"})
