"""Names: people's names written in a source language's transliteration, beyond the packs.

`names.transliteration` recognises a Slavic personal name (Russian, Ukrainian,
Belarusian, and names transliterated through Russian such as Kazakh or Azerbaijani
ones) that a French, German, Italian or Spanish text spelt in its own
transliteration, and proposes the spelling English news uses:

    French   Chkaplerov → Shkaplerov, Prigojine → Prigozhin, Gorbatchev → Gorbachev,
             Khrouchtchev → Khrushchev, Iouri → Yuri, Mikhaïl → Mikhail
    German   Gorbatschow → Gorbachev, Chruschtschow → Khrushchev, Boris Jelzin → Yeltsin
    Italian  Gorbaciov → Gorbachev, Cernenko → Chernenko, Stravinskij → Stravinsky
    Spanish  Gorbachov → Gorbachev, Jruschov → Khrushchev, Medvédev → Medvedev

It is an UNSAFE rule: its proposals are suggestions unless --unsafe-fixes, and
each message gives the evidence and the rewrites. It needs the source language
in force (with none, or another, it does nothing). It keeps off what the names
packs decide: words inside a pack match, one-word wrong forms of a pack (even
where their context words are missing) and words of the packs' right forms; for
the surname of a pack's full-name form met alone it gives the pack's spelling.

How it decides, per capitalised word:
1. Screen: a few patterns per scheme, each starting with one literal letter (so the
   regex engine skips through the text at character-search speed), find the
   capitalised words with a telltale part: an ending in v or k (-ov, -ev, -enko,
   -ski, -tchouk), -ine/-yne, ï, I + vowel, é (French); -ow/-ew, -witsch, -ki, j,
   J + vowel (German); and so on. Nothing else is looked at, except the word after a
   source-spelt first name and the first name before a candidate.
2. Spellable: the word must be one the scheme could write (French never writes a
   lone `u`, `w`, `q`, `c` outside `ch`, `ph`, `th`, `au`, `ll`, a final silent `e`...),
   and the conversion must change it.
3. Evidence: a Slavic surname ending (strong: -ov, -ev, -enko, -vitch; weak: -ine,
   -ski), letter groups of the scheme (tch, ou, j, ï, ...), a Slavic first name just
   before it (in the source spelling: decisive), Russia/Ukraine words in the sentence.
   One piece must be foreign to English spelling: `ch` or `kh` alone prove nothing,
   since English writes Gorbachev and Chekhov with them.
4. First names come from a table of source forms; forms also used in English or in
   other languages (Dmitri, Valeri, Alexandre; German Sergej, Andrej, Wiktor) only
   beside a surname that is converted.

Left out on purpose, because the source spelling does not decide the English one:
German `sch` (ш or ж: Lukaschenko, Prigoschin) and a German initial `S` + vowel
(с or з: Sobjanin, Selenskyj); Italian `z` (ц, з or ж); `-ski` as the only evidence
(Polish names keep it: Polanski, Lewandowski); Serbian/Croatian `-vic` (Djokovic);
Ukrainian names that English spells from Ukrainian (Timochenko → Tymoshenko), and
`ie`, which French writes both for е (Tourgueniev → Turgenev) and ье (Zinoviev).
Measured on tests/data/transliteration.tsv by bench/transliteration_eval.py.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Edit
from ..rule import Context, Rule

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ\u0100-\u017f"
VOWELS = "aeiouyéèêëïîôöüûáíóú"
_V = f"[{VOWELS}]"

_WORD_AFTER_RE = re.compile(rf"[ \u00a0]+([{UPPER}][{LOWER}]+)(?![{LOWER}])")
_SENTENCE_END_RE = re.compile(r"[.!?;]\s|\n")
CONTEXT_WINDOW = 120


# --- conversion -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One rewriting step: where `pattern` matches at the current position, emit `out`."""

    pattern: re.Pattern
    out: str | None  # None: the spelling is ambiguous, give up on the word
    reason: str = ""


def _steps(*rows: tuple[str, str | None, str]) -> tuple[Step, ...]:
    return tuple(Step(re.compile(p), out, reason) for p, out, reason in rows)


def _convert(word: str, steps: tuple[Step, ...]) -> tuple[str, list[str]] | None:
    """Rewrite a lower-case word left to right: at each position the first step that matches wins."""
    out: list[str] = []
    reasons: list[str] = []
    i, n = 0, len(word)
    while i < n:
        for step in steps:
            m = step.pattern.match(word, i)
            if m and m.end() > i:
                if step.out is None:
                    return None
                out.append(step.out)
                if step.reason and m.group() != step.out and step.reason not in reasons:
                    reasons.append(step.reason)
                i = m.end()
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out), reasons


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


# --- schemes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scheme:
    """How one source language transliterates Russian, and how to tell it from English.

    features: (pattern, weight, name, foreign) searched in the word; `foreign` marks
    what English transliteration never writes.
    endings: (pattern, weight, name, foreign) matched at the end of the word; the
    first that matches counts.
    """

    lang: str
    name: str
    steps: tuple[Step, ...]
    reject: re.Pattern
    features: tuple[tuple[re.Pattern, int, str, bool], ...]
    endings: tuple[tuple[re.Pattern, int, str, bool], ...]
    first_names: dict[str, str]  # source form → English form, unambiguous alone
    paired_names: dict[str, str]  # source form → English form, only beside a converted surname
    irregular: dict[str, str]  # names whose English form does not follow the scheme
    clusters: re.Pattern  # letter groups that stand for one sound (for the consonant-run test)
    anchors: tuple[re.Pattern, ...]  # where candidates are: each pattern starts with one literal letter
    threshold: int = 3  # evidence needed when the word has a Slavic ending
    alone: int = 4  # evidence needed without a Slavic ending or a first name beside it
    weak_alone: bool = True  # may a weak ending (-ine, -ski) do without a first name or Russia nearby?

    def convert(self, word: str) -> tuple[str, list[str]] | None:
        lower = word.lower()
        if self.reject.search(lower) or _CONSONANT_RUN.search(self.clusters.sub("C", lower)):
            return None
        done = _convert(lower, self.steps)
        if done is None:
            return None
        new, reasons = done
        return _capitalise(new), reasons

    def evidence(self, word: str) -> tuple[int, int, bool, list[str]]:
        """(weight of the ending, weight of the letter groups, foreign evidence?, names) of a word alone."""
        lower = word.lower()
        ending, groups, foreign, named = 0, 0, False, []
        for pattern, weight, name, is_foreign in self.endings:
            if pattern.search(lower):
                ending = weight
                foreign |= is_foreign
                named.append(f"ending {name}")
                break
        for pattern, weight, name, is_foreign in self.features:
            if pattern.search(lower):
                groups += weight
                foreign |= is_foreign
                named.append(name)
        return ending, groups, foreign, named


_CONSONANT_RUN = re.compile(f"[^{VOWELS}]{{4}}")


@lru_cache(maxsize=8192)
def _analyse(lang: str, word: str) -> tuple[str, tuple[str, ...], int, int, bool, tuple[str, ...]] | None:
    """A word's English form, the rewrites made, and its evidence; None if the scheme cannot
    have spelt it or leaves it as it is. Cached: names recur, and so do ordinary words."""
    scheme = SCHEMES[lang]
    converted = scheme.convert(word)
    if converted is None or converted[0] == word:
        return None
    ending, groups, foreign, evidence = scheme.evidence(word)
    return converted[0], tuple(converted[1]), ending, groups, foreign, tuple(evidence)


def _ending(*rows: tuple[str, int, str, bool]) -> tuple[tuple[re.Pattern, int, str, bool], ...]:
    return tuple((re.compile(f"(?<=[{LOWER}]{{2}})(?:{p})\\Z"), w, name, f) for p, w, name, f in rows)


# At the end of an anchor's match: the word so far is a capital and lower-case letters.
# Lookbehinds must have a fixed width, hence one per length.
_CAPITALISED_SO_FAR = "(?:" + "|".join(
    f"(?<=(?<![{LOWER}{UPPER}])[{UPPER}][{LOWER}]{{{k}}})" for k in range(0, 24)) + ")"


def _anchors(*patterns: str) -> tuple[re.Pattern, ...]:
    """Patterns that find a capitalised word's telltale part. Each starts with one literal
    letter, which lets the regex engine skip through the text at the speed of a character
    search, and checks the capital at the word's start only where that letter stands."""
    return tuple(re.compile(p.replace("{E}", f"(?![{LOWER}])") + _CAPITALISED_SO_FAR) for p in patterns)


def _feature(*rows: tuple[str, int, str, bool]) -> tuple[tuple[re.Pattern, int, str, bool], ...]:
    return tuple((re.compile(p), w, name, f) for p, w, name, f in rows)


# French: ш ch, ч tch, щ chtch, ж j, х kh, у ou, ю iou, я ia, й ï, -ин -ine, с between vowels ss.
FRENCH = Scheme(
    lang="fr",
    name="French",
    steps=_steps(
        (r"chtch", "shch", "chtch → shch"),
        (r"tch", "ch", "tch → ch"),
        (r"ch", "sh", "ch → sh"),
        (r"kh", "kh", ""),
        (r"(?<=l)iov\Z", "ev", "-liov → -lev"),
        (r"iou", "yu", "iou → yu"),
        (r"ou", "u", "ou → u"),
        (rf"\Ai(?=[aeoé])", "y", "initial i → y"),
        (r"(?<=[bdfgklmnprstvz])i(?=[ao][a-zï])", "y", "ia/io → ya/yo"),
        (rf"ï(?={_V})", "y", "ï → y"),
        (r"(?<=o)ï\Z", "y", "-oï → -oy"),
        (r"ï", "i", "ï → i"),
        (r"j", "zh", "j → zh"),
        (r"gu(?=[eéèiï])", "g", "gue/gui → ge/gi"),
        (rf"(?<={_V})ss(?={_V})", "s", "ss → s"),
        (r"[éèê]", "e", "é → e"),
        (r"ë", "e", "ë → e"),
        (r"ine\Z", "in", "-ine → -in"),
        (r"yne\Z", "yn", "-yne → -yn"),
        (r"ski\Z", "sky", "-ski → -sky"),
        (r"\Ae(?![aeiouy])", "ye", "initial e → ye"),
    ),
    reject=re.compile(
        r"(?<![ogq])u|c(?!h)|[qwçàâîûüöäñ]|ph|th|sh|zh|gh|dh|rh|ea|au|eu|ae|ai|oi|ei|(?<!g)ui|chr|chl"
        r"|ll|tt|pp|rr|mm|ff|dd|bb|gg|zz|ck|gn|ee"
        r"|\Ay|\Ah|(?<!in)(?<!yn)(?<!è)e\Z|edine\Z|(?<!ï)s\Z|ent\Z|ez\Z|[éè](?=.*(?:vitch|ine)\Z)"
        rf"|(?<={_V})s(?={_V})"
    ),
    features=_feature(
        (r"chtch", 3, "chtch", True),
        (r"tch", 2, "tch", True),
        (r"\Ach[kmnptv]", 2, "initial ch + consonant", True),
        (r"kh", 1, "kh", False),
        (r"ï.", 2, "ï", True),
        (r"ï\Z", 1, "final ï", True),
        (rf"\Ai[aeoé]", 2, "initial i + vowel", True),
        (rf"(?<={_V})j(?={_V})", 2, "j between vowels", True),
        (rf"\Aj(?={_V})|(?<=[rnl])j", 1, "j", True),
        (r"ou", 1, "ou", True),
        (r"(?<!t)ch", 1, "ch", False),
        (r"[éè]", 0, "é", True),
        (r"gu[eéiï]", 1, "gue/gui", True),
        (rf"(?<={_V})ss(?={_V})", 1, "ss", True),
        (r"(?<=[bdfgklmnprstvz])i[ao](?=[a-zï])", 1, "ia/io", True),
        (r"[bdfgklmnprstvz]y", 1, "y", False),
    ),
    endings=_ending(
        (r"vitch|vitcha", 3, "-vitch", True),
        (r"ovna|evna", 2, "-ovna", False),
        (r"enko", 2, "-enko", False),
        (r"tchouk|chouk|iouk", 2, "-tchouk", True),
        (r"aïa", 2, "-aïa", True),
        (r"ov|ova|ev|eva|iev|ïev|ïeva", 2, "-ov/-ev", False),
        (r"ine|yne", 1, "-ine", True),
        (r"ovski|evski|ovskaïa|evskaïa", 2, "-ovski", True),
        (r"ski|skaïa", 1, "-ski", True),
        (r"ko", 1, "-ko", False),
        (r"oï", 1, "-oï", True),
        (r"iak", 1, "-iak", True),
    ),
    first_names={
        "Mikhaïl": "Mikhail", "Evgueni": "Yevgeny", "Iouri": "Yuri", "Sergueï": "Sergei",
        "Alexeï": "Alexei", "Alekseï": "Alexei", "Andreï": "Andrei", "Nikolaï": "Nikolai",
        "Guennadi": "Gennady", "Fiodor": "Fyodor", "Ioulia": "Yulia", "Lioudmila": "Lyudmila",
        "Viatcheslav": "Vyacheslav", "Léonid": "Leonid", "Gueorgui": "Georgy", "Iaroslav": "Yaroslav",
        "Andriï": "Andriy", "Oleksiï": "Oleksiy", "Serhiï": "Serhiy", "Mykhaïlo": "Mykhailo",
        "Rouslan": "Ruslan", "Iegor": "Yegor", "Artiom": "Artyom", "Matveï": "Matvei",
        "Timofeï": "Timofei", "Nadejda": "Nadezhda", "Noursoultan": "Nursultan",
        "Evguenia": "Yevgenia", "Ievgueni": "Yevgeny",
    },
    paired_names={
        "Dmitri": "Dmitry", "Valeri": "Valery", "Anatoli": "Anatoly", "Arkadi": "Arkady",
        "Grigori": "Grigory", "Vassili": "Vasily", "Piotr": "Pyotr", "Ilia": "Ilya",
        "Semion": "Semyon", "Anastassia": "Anastasia", "Alexandre": "Alexander", "Maxime": "Maxim",
        "Félix": "Felix", "Chamil": "Shamil", "Alicher": "Alisher", "Egor": "Yegor",
    },
    irregular={"Tchaïkovski": "Tchaikovsky", "Tchaïkovsky": "Tchaikovsky"},
    clusters=re.compile(r"chtch|tch|ch|kh"),
    anchors=_anchors(r"v(?:a|na|itch|itcha|ski|skaïa)?{E}", r"k(?:o|i|ine|aïa|(?<=[ua]k)){E}", "ï",
                     r"I[aeo]", r"ne{E}(?<=[iy]ne)", "é"),
    alone=5,
)

# German (Duden): ш/ж sch, ч tsch, щ schtsch, х ch, ц z, в w, й/е/я/ю j, -ов -ow, с between vowels ss.
GERMAN = Scheme(
    lang="de",
    name="German",
    steps=_steps(
        (r"schtschow\Z", "shchev", "schtschow → shchev"),
        (r"tschow\Z", "chev", "-tschow → -chev"),
        (r"tschowa\Z", "cheva", "-tschowa → -cheva"),
        (r"schtsch", "shch", "schtsch → shch"),
        (r"tsch", "ch", "tsch → ch"),
        (r"sch", None, ""),  # ш or ж: the English form cannot be told
        (r"ch", "kh", "ch → kh"),
        (r"\As(?=[aeiouy])", None, ""),  # с or з
        (r"zki\Z", "tsky", "-zki → -tsky"),
        (r"ski\Z", "sky", "-ski → -sky"),
        (r"ss", "s", "ss → s"),
        (r"(?<=[aeiouy])s(?=[aeiouy])", "z", "s between vowels → z"),
        (r"tz", "ts", "tz → ts"),
        (r"z", "ts", "z → ts"),
        (r"w", "v", "w → v"),
        (r"(?<=[bdfgklmnprstvwz])j(?=ew)", "i", "-jew → -iev"),
        (r"(?<=[aeiouy])j(?=[aeiou])", "y", "j → y"),
        (r"\Aj(?=[aeiou])|(?<=[bdfgklmnprstvwz])j(?=[aou])", "y", "j → y"),
        (r"(?<=[iy])j\Z", "", "-ij → -y"),
        (r"ij\Z", "y", "-ij → -y"),
        (r"(?<=[ea])j\Z", "i", "-ej → -ei"),
        (r"(?<=o)[ji]\Z", "y", "-oi → -oy"),
    ),
    reject=re.compile(
        r"[äöüßqvçéèàñ]|ph|th|ck|dt|pf|ei|eu|äu|ie|ae|oe|ue|aa|ee|oo|ll|mm|tt|ff|rr|pp|dd|bb|gg|nn|cc"
        r"|\Ay|\Ah|er\Z|(?<!t)sch(?!tsch)|[łńśżź]|cz|sz|rz|wh|ww"
    ),
    features=_feature(
        (r"schtsch", 3, "schtsch", True),
        (r"tsch", 3, "tsch", True),
        (r"w(?![ae]?\Z)", 0, "w", True),
        (r"(?<=[aeiouybdfgklmnprstwz])j(?=[aeiou])", 1, "j", True),
        (r"\Aj(?=[aeiou])", 1, "initial j", True),
        (r"z", 1, "z", True),
        (r"\Ach", 1, "initial ch", False),
        (r"(?<=[aeiou])ss(?=[aeiou])", 1, "ss", False),
    ),
    endings=_ending(
        (r"owitsch|ewitsch|witsch", 3, "-witsch", True),
        (r"tschuk|tschenko", 3, "-tschuk", True),
        (r"owna|ewna", 2, "-owna", True),
        (r"enko", 2, "-enko", False),
        (r"jew|jewa|jow|jowa", 2, "-jew", True),
        (r"ow|owa|ew|ewa", 2, "-ow", True),
        (r"skaja|zkaja|naja|laja", 2, "-aja", True),
        (r"skij|zkij|ij|yj", 2, "-ij", True),
        (r"ski|zki", 1, "-ski", False),
        (r"in|yn", 1, "-in", False),
        (r"oi|oj", 1, "-oi", False),
        (r"jan|jak", 1, "-jan", True),
    ),
    first_names={
        "Michail": "Mikhail", "Alexej": "Alexei", "Jewgeni": "Yevgeny", "Jewgenij": "Yevgeny",
        "Juri": "Yuri", "Jurij": "Yuri",
        "Dmitrij": "Dmitry", "Wjatscheslaw": "Vyacheslav", "Walentina": "Valentina",
        "Wassili": "Vasily", "Wassilij": "Vasily", "Waleri": "Valery",
        "Walerij": "Valery", "Pjotr": "Pyotr", "Fjodor": "Fyodor", "Ljudmila": "Lyudmila",
        "Wolodymyr": "Volodymyr", "Andrij": "Andriy", "Jegor": "Yegor",
        "Semjon": "Semyon", "Artjom": "Artyom", "Wsewolod": "Vsevolod",
        "Swetlana": "Svetlana", "Walentin": "Valentin", "Wadim": "Vadim",
        "Jewgenija": "Yevgenia", "Anatolij": "Anatoly", "Gennadij": "Gennady",
        "Grigorij": "Grigory",
    },
    paired_names={
        "Dmitri": "Dmitry", "Wladimir": "Vladimir", "Anatoli": "Anatoly", "Gennadi": "Gennady",
        "Grigori": "Grigory", "Arkadi": "Arkady", "Ramsan": "Ramzan", "Lasar": "Lazar",
        # also Polish, Serbian, Czech or German spellings: Sergej Barbarez, Andrej Hunko,
        # Jaroslaw Kaczynski, Jelena Dokic, Wiktor, Wladislaw, Ilja
        "Sergej": "Sergei", "Andrej": "Andrei", "Wiktor": "Viktor", "Jaroslaw": "Yaroslav",
        "Wladislaw": "Vladislav", "Jelena": "Yelena", "Ilja": "Ilya",
    },
    irregular={"Tschaikowski": "Tchaikovsky", "Tschaikowsky": "Tchaikovsky"},
    clusters=re.compile(r"schtsch|tsch|sch|ch"),
    anchors=_anchors(r"w(?<=[oe]w)(?:a|na)?{E}", r"witsch{E}", r"k(?:i|o|(?<=uk)){E}", "j", "J[aeiou]"),
    threshold=4,
    alone=6,
    weak_alone=False,
)

# Italian: ч c/ci, ш sc/sci, х ch (before a, o, u too), й/я/ю j, -ий -ij, -ский -skij, -ёв after ч -ciov.
ITALIAN = Scheme(
    lang="it",
    name="Italian",
    steps=_steps(
        (r"sciov\Z", "shchev", "-sciov → -shchev"),
        (r"ciov\Z", "chev", "-ciov → -chev"),
        (r"ciova\Z", "cheva", "-ciova → -cheva"),
        (r"sci(?=[aou])", "sh", "sci → sh"),
        (r"sc(?=[ei])", "sh", "sc → sh"),
        (r"ci(?=[aou])", "ch", "ci → ch"),
        (r"c(?=[ei])", "ch", "c → ch"),
        (r"ckij\Z", "tsky", "-ckij → -tsky"),
        (r"ck", "ts", "ck → ts"),
        (r"ch", "kh", "ch → kh"),
        (r"ovic\Z", "ovich", "-ovic → -ovich"),
        (r"evic\Z", "evich", "-evic → -evich"),
        (r"skij\Z", "sky", "-skij → -sky"),
        (r"ij\Z|yj\Z", "y", "-ij → -y"),
        (r"(?<=[ea])j\Z", "i", "-ej → -ei"),
        (r"(?<=o)j\Z", "y", "-oj → -oy"),
        (r"j", "y", "j → y"),
        (r"(?<=[bcdfgklmnprstvz])ë", "yo", "ë → yo"),
        (r"ë", "e", "ë → e"),
        (r"\Ae(?![aeiouy])", "ye", "initial e → ye"),
    ),
    reject=re.compile(
        r"[zqwxäöüßçàèéìòùñ]|gli|gn|qu|dj|zz|cc|tt|ll|pp|rr|mm|ff|dd|bb|gg|ss|h(?!i|e)(?<!ch)"
        r"|\Ah|\Ay|c(?![aeiouhk]|\Z)|(?<![ijk])[eo]\Z"
    ),
    features=_feature(
        (r"sci?(?=[aouei])", 2, "sc/sci", True),
        (r"(?<!s)ci?(?=[aoue])", 2, "c/ci", True),
        (r"ck", 1, "ck", True),
        (r"j", 2, "j", True),
        (r"ë", 2, "ë", True),
    ),
    endings=_ending(
        (r"ciov|ciova|sciov", 3, "-ciov", True),
        (r"skij|ckij|zkij", 3, "-skij", True),
        (r"ij|yj", 2, "-ij", True),
        (r"ej|aj|oj", 1, "-ej", True),
        (r"enko", 2, "-enko", False),
        (r"ovna|evna", 2, "-ovna", False),
        (r"ov|ev", 2, "-ov/-ev", False),
        (r"ova|eva", 1, "-ova/-eva", False),
        (r"in|yn", 1, "-in", False),
        (r"ovic|evic", 0, "-ovic", False),
    ),
    first_names={
        "Michail": "Mikhail", "Aleksej": "Alexei", "Alexej": "Alexei",
        "Dmitrij": "Dmitry", "Jurij": "Yuri",
        "Evgenij": "Yevgeny", "Evgenjj": "Yevgeny", "Anatolij": "Anatoly", "Valerij": "Valery",
        "Gennadij": "Gennady", "Vitalij": "Vitaly", "Georgij": "Georgy", "Arkadij": "Arkady",
        "Vasilij": "Vasily", "Grigorij": "Grigory", "Fëdor": "Fyodor", "Pëtr": "Pyotr",
        "Ljudmila": "Lyudmila", "Julija": "Yulia", "Timofej": "Timofei", "Matvej": "Matvei",
        "Vjaceslav": "Vyacheslav",
    },
    paired_names={
        "Fedor": "Fyodor", "Petr": "Pyotr",
        # also Serbian, Czech or Danish: Sergej Milinkovic-Savic, Andrej Babis, Nikolaj Coster-Waldau
        "Sergej": "Sergei", "Andrej": "Andrei", "Nikolaj": "Nikolai",
    },
    irregular={"Ciaikovskij": "Tchaikovsky", "Čajkovskij": "Tchaikovsky", "Krusciov": "Khrushchev",
               "Kruscev": "Khrushchev"},
    clusters=re.compile(r"sch|sc|ch|ck"),
    anchors=_anchors(r"v(?:a|na|ic)?{E}", r"k(?:o)?{E}", "j", "ë"),
    threshold=4,
    alone=99,
    weak_alone=False,
)

# Spanish: х j, ч ch, ш sh, щ sch, stress accents, -ёв after ч -chov, -ский -ski.
SPANISH = Scheme(
    lang="es",
    name="Spanish",
    steps=_steps(
        (r"schov\Z", "shchev", "-schov → -shchev"),
        (r"chov\Z", "chev", "-chov → -chev"),
        (r"chova\Z", "cheva", "-chova → -cheva"),
        (r"sch", "shch", "sch → shch"),
        (r"j", "kh", "j → kh"),
        (r"gu(?=[eéií])", "g", "gue/gui → ge/gi"),
        (r"á", "a", "stress accent dropped"),
        (r"é", "e", "stress accent dropped"),
        (r"í", "i", "stress accent dropped"),
        (r"ó", "o", "stress accent dropped"),
        (r"ú", "u", "stress accent dropped"),
        (r"ski\Z", "sky", "-ski → -sky"),
        (r"(?<=[ln])i\Z", "y", "-i → -y"),
    ),
    reject=re.compile(
        r"[ñwqçüàèìòùäöß]|ll|rr|qu|gü|tt|pp|ff|mm|dd|bb|gg|cc|[zs]\Z|c(?!h)|ph|th|\Ah(?!a)"
        r"|[^aeiouyáéíóú]{4}|[íéáóú].*[íéáóú]|(?<!h)ín\Z|án\Z|ón\Z|ía|ío"
        r"|(?<!ov)(?<!ev)(?<!in)(?<!ay)a\Z|[eo]\Z"
    ),
    features=_feature(
        (r"[áéíóú](?=.*[aeiouy])", 2, "stress accent", True),
        (r"[áéíóú]", 1, "final stress accent", True),
        (rf"j(?={_V}|r)", 2, "j", True),
        (r"sch", 2, "sch", True),
        (r"gu[eéií]", 1, "gue/gui", True),
        (r"zh|kh|sh", 1, "zh/kh/sh", False),
    ),
    endings=_ending(
        (r"chov", 4, "-chov", True),
        (r"chova", 2, "-chova", True),
        (r"vich|vna", 2, "-vich", False),
        (r"enko", 2, "-enko", False),
        (r"ov|ev", 2, "-ov/-ev", False),
        (r"ova|eva", 1, "-ova/-eva", False),
        (r"ski|skaya", 1, "-ski", True),
        (r"in|yn", 1, "-in", False),
        (r"ni|li", 1, "-i", True),
    ),
    first_names={
        "Mijaíl": "Mikhail", "Serguéi": "Sergei", "Serguei": "Sergei", "Alexéi": "Alexei",
        "Alekséi": "Alexei", "Andréi": "Andrei", "Nikolái": "Nikolai", "Vladímir": "Vladimir",
        "Volodímir": "Volodymyr",
        "Yevgueni": "Yevgeny", "Yevgeni": "Yevgeny", "Evgueni": "Yevgeny", "Borís": "Boris",
        "Fiódor": "Fyodor", "Guennadi": "Gennady", "Guennady": "Gennady", "Liudmila": "Lyudmila",
        "Viacheslav": "Vyacheslav", "Iliá": "Ilya",
    },
    paired_names={
        "Dmitri": "Dmitry", "Piotr": "Pyotr", "Anatoli": "Anatoly", "Valeri": "Valery",
        "Vasili": "Vasily", "Ramzán": "Ramzan", "Antón": "Anton", "María": "Maria", "León": "Leon",
        "Grigori": "Grigory",
    },
    irregular={"Chaikovski": "Tchaikovsky", "Chaikovsky": "Tchaikovsky"},
    clusters=re.compile(r"sch|ch|sh|zh|kh"),
    anchors=_anchors(r"v(?:a|na|ich)?{E}", r"k(?:o|i)?{E}", "j", "á", "é", "í", "ó", "ú"),
    threshold=4,
    alone=99,
    weak_alone=False,
)

SCHEMES: dict[str, Scheme] = {s.lang: s for s in (FRENCH, GERMAN, ITALIAN, SPANISH)}

# Slavic first names as English writes them: beside one, a word is likely a Slavic surname.
# "international" ones (Ivan, Boris, Roman...) weigh less than distinctly Slavic ones.
_SLAVIC_FIRST = frozenset("""
Vladimir Dmitry Dmitri Dmytro Sergei Sergey Serhiy Mikhail Mykhailo Yevgeny Evgeny Yuri Yury
Nikolai Alexei Aleksei Oleksiy Oleksii Andrei Andrey Andriy Anatoly Valery Valeriy Gennady Grigory
Vyacheslav Viktor Leonid Konstantin Vitaly Vitali Volodymyr Petro Denys Oleksandr Yulia Lyudmila
Svetlana Sviatlana Tatiana Tatyana Natalya Yelena Ekaterina Yekaterina Valentina Nadezhda Galina Ilya Kirill
Ramzan Ruslan Arkady Fyodor Pyotr Vasily Yaroslav Stanislav Oleg Nikita Vsevolod Vadim Vladislav
Yegor Semyon Artyom Alisher Nursultan Ilham Dzhokhar Lavrenty Lazar Anastas Kassym Vasyl Taras
Bohdan Yevhen Mykola Hennadiy Ihor Vitaliy Oksana Zhanna Lyubov Irina Olga
""".split())
_INTERNATIONAL_FIRST = frozenset(
    "Ivan Boris Igor Roman Anton Karen Anna Maria Marina Alexander Maxim Felix Klim Elvira Daniil Denis Leo Leon"
    .split()
)

_RUSSIA_RE = re.compile(
    r"\b(?:Russia|Russian|Russians|Ukraine|Ukrainian|Ukrainians|Belarus|Belarusian|Kremlin|Moscow|Kyiv|Kiev"
    r"|Soviet|Soviets|USSR|Minsk|Duma|Roscosmos|[Cc]osmonauts?|[Oo]ligarchs?|Chechen|Chechnya|Crimea|Donbas"
    r"|Donbass|Gazprom|Rosneft|Wagner|KGB|FSB|Bolshoi|Siberia|Petersburg|Leningrad|Stalingrad|Putin|Zelensky"
    r"|Lukashenko|[Tt]sar|Bolshevik|Bolsheviks|Kazakhstan|Azerbaijan|Uzbekistan"
    r"|russe|russes|Moscou|ukrainien|ukrainienne|soviétique|biélorusse|Russie|Russland|russisch|russische"
    r"|russischen|Moskau|sowjetisch|sowjetische|Sowjetunion|russo|russa|Mosca|sovietico|ruso|rusa|Moscú"
    r"|soviético|Rusia|Ucrania|ucraniano)\b"
)


# --- packs ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _PackWords:
    """What the names packs of a stage know, word by word.

    single: one-word wrong forms: the pack decides on them (with its context words), so
    the converter keeps off them. right: words of the right forms: already English.
    words: the last word (the surname) of a several-word wrong form whose right form has
    as many words (Ioulia Timochenko → Yulia Tymoshenko) → its English word, when the
    packs agree; met alone, the converter gives that spelling rather than its own.
    """

    single: frozenset[str] = frozenset()
    right: frozenset[str] = frozenset()
    words: dict[str, tuple[str, str]] = field(default_factory=dict)


_NO_PACK = _PackWords()
_pack_words: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _known_words(matcher, lang: str) -> _PackWords:
    """The _PackWords of a StageMatcher for a source language (cached per matcher)."""
    try:
        per_lang = _pack_words.setdefault(matcher, {})
    except TypeError:
        per_lang = {}
    if lang in per_lang:
        return per_lang[lang]
    single, right, words, clash = set(), set(), {}, set()
    for form, hits in matcher.lookup.items():
        parts = form.split()
        for _rule_id, entry in hits:
            if entry.languages and lang not in entry.languages:
                continue
            english = entry.replace.split()
            right.update(english)
            if len(parts) == 1:
                single.add(form)
            elif len(english) == len(parts) and parts[-1] != english[-1]:
                # The surname only: a first name's English spelling may be one person's
                # (Vasilij Kandinskij → Wassily Kandinsky).
                word, eng = parts[-1], english[-1]
                if words.setdefault(word, (eng, f"{form} → {entry.replace}"))[0] != eng:
                    clash.add(word)
    for word in clash:
        del words[word]
    known = per_lang[lang] = _PackWords(frozenset(single), frozenset(right - set(words)), words)
    return known


# --- the rule ---------------------------------------------------------------------


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str


class Transliteration(Rule):
    """Slavic names in French, German, Italian or Spanish transliteration → the English spelling.

    Proposes, as a suggestion (unsafe), the spelling English news uses for a Russian,
    Ukrainian or Belarusian name that the source language transliterated its own
    way and that no rule pack knows: French Chkaplerov → Shkaplerov, Prigojine →
    Prigozhin, Khrouchtchev → Khrushchev; German Gorbatschow → Gorbachev, Jelzin →
    Yeltsin; Italian Gorbaciov → Gorbachev; Spanish Jruschov → Khrushchev.
    It acts only for the source language in force, on capitalised words with strong
    evidence (a Slavic ending, letter groups English never writes, a Slavic first
    name or Russia in the sentence), and never on English or non-Slavic names
    (Chicago, Chirac, Tchaikovsky, Chekhov, Joachim).
    """

    id = "names.transliteration"
    summary = "Slavic names in French/German/Italian/Spanish transliteration → English spelling (suggestion)"
    safe = False
    languages = frozenset(SCHEMES)

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        scheme = SCHEMES.get(ctx.source_lang or "")
        if scheme is None:
            return
        words = _candidates(text, scheme)
        if not words:
            return
        pack, covered = self._pack_knowledge(text, ctx, scheme.lang)

        covered_starts = [s for s, _ in covered]

        def known(w: _Word) -> bool:
            """Does a names pack decide on this word?"""
            if w.text in pack.single or w.text in pack.right:
                return True
            i = bisect.bisect_left(covered_starts, w.end) - 1  # the last match starting before the word ends
            return i >= 0 and covered[i][1] > w.start

        edits: dict[int, Edit] = {}
        firsts: dict[int, _Word] = {}
        for w in sorted(words.values(), key=lambda w: w.start):
            if w.text in scheme.first_names or w.text in scheme.paired_names:
                if not known(w):
                    firsts[w.start] = w
                continue
            before = _word_before(text, w.start)
            if before is not None and before.start not in firsts and not known(before) and (
                    before.text in scheme.first_names or before.text in scheme.paired_names):
                firsts[before.start] = before
            if known(w):
                continue
            edit = self._surname(text, w, before.text if before else "", scheme, pack)
            if edit is not None:
                edits[w.start] = _from_pack(edit, text, pack)
        for w in firsts.values():
            edit = self._first_name(text, w, scheme, edits)
            if edit is not None:
                edits[w.start] = _from_pack(edit, text, pack)
        for start in sorted(edits):
            yield edits[start]

    @staticmethod
    def _pack_knowledge(text: str, ctx: Context, lang: str) -> tuple[_PackWords, list[tuple[int, int]]]:
        matcher = ctx.memo.get("matcher")
        if matcher is None:
            return _NO_PACK, []
        covered = sorted((h.start, h.end) for hits in matcher.matches(text, ctx).values() for h, _ in hits)
        return _known_words(matcher, lang), covered

    def _first_name(self, text: str, w: _Word, scheme: Scheme, edits: dict[int, Edit]) -> Edit | None:
        after = _WORD_AFTER_RE.match(text, w.end)
        surname = after.group(1) if after else ""
        converted = bool(after) and after.start(1) in edits
        if surname in _KEEP_FIRST_NAME_BESIDE:
            return None
        if converted and w.text in scheme.paired_names:
            english = scheme.paired_names[w.text]
            why = f"spelling of a Slavic first name, beside the surname {surname}"
        elif w.text in scheme.first_names:
            english = scheme.first_names[w.text]
            why = "spelling of a Slavic first name"
        else:
            return None
        return Edit(w.start, w.end, english, f"{w.text} → {english}: {scheme.name} {why}; English news writes "
                    f"{english}", False)

    def _surname(self, text: str, w: _Word, first: str, scheme: Scheme, pack: _PackWords) -> Edit | None:
        if w.text in scheme.irregular:
            english = scheme.irregular[w.text]
            return Edit(w.start, w.end, english,
                        f"{w.text} → {english}: {scheme.name} spelling of a Slavic name; "
                        f"English keeps the established form {english}", False)
        source_first = first in scheme.first_names
        if len(w.text) < 4 or (w.text in _ENGLISH_FORMS and not source_first):
            return None
        analysis = _analyse(scheme.lang, w.text)
        if analysis is None:
            return None
        english, reasons, ending, groups, foreign, evidence = analysis
        evidence = list(evidence)
        if source_first:
            # Beside a first name in the source spelling, the surname is in it too.
            context = 3
            foreign = True
        elif first in _SLAVIC_FIRST or first in scheme.paired_names:
            context = 2
        elif first in _INTERNATIONAL_FIRST:
            context = 1
        else:
            context = 0
        if context:
            evidence.append(f"after the first name {first}")
        if w.text in pack.words:
            # A names pack has the word as the surname of a full name in the source spelling.
            context, foreign = max(context, 2), True
            evidence.append(f"the names pack has {pack.words[w.text][1]}")
        if not foreign:
            return None
        if not self._enough(ending, groups, context, scheme):
            if not _russia_nearby(text, w) or not self._enough(ending, groups, context + 1, scheme):
                return None
            evidence.append("Russia in the sentence")
        return Edit(w.start, w.end, english,
                    f"{w.text} → {english}: looks like a {scheme.name} transliteration of a Slavic name "
                    f"({', '.join(evidence)}); English spelling: {', '.join(reasons)}", False)

    @staticmethod
    def _enough(ending: int, groups: int, context: int, scheme: Scheme) -> bool:
        """Is the evidence strong enough? `context`: 3 a source-spelt first name beside the word,
        2 a Slavic one, 1 an international one (Boris, Anna) or Russia in the sentence."""
        if context >= 3:
            return True
        if ending >= 2:
            return ending + groups + context >= scheme.threshold
        if ending == 1:
            if groups >= 2 and (scheme.weak_alone or context):
                return ending + groups + context >= scheme.threshold
            return context >= 2 and groups >= 1
        return groups >= scheme.alone or (context >= 2 and groups >= 2)


def _candidates(text: str, scheme: Scheme) -> dict[int, _Word]:
    """Capitalised words that hold one of the scheme's telltale parts, by start offset.

    A source-spelt first name also brings in the word after it (its surname).
    """
    words: dict[int, _Word] = {}
    n = len(text)
    for anchor in scheme.anchors:
        for m in anchor.finditer(text):
            s = m.start()
            while s and text[s - 1].isalpha():
                s -= 1
            if s in words or (s and text[s - 1] in _NOT_BEFORE):
                continue
            e = m.end()
            while e < n and text[e].isalpha():
                e += 1
            word = text[s:e]
            if word[1:].islower():
                words[s] = _Word(s, e, word)
    for w in list(words.values()):
        if w.text in scheme.first_names or w.text in scheme.paired_names:
            after = _WORD_AFTER_RE.match(text, w.end)
            if after and after.start(1) not in words:
                words[after.start(1)] = _Word(after.start(1), after.end(1), after.group(1))
    return words


_NOT_BEFORE = frozenset("'’_0123456789")


def _from_pack(edit: Edit, text: str, pack: _PackWords) -> Edit:
    """The converter's edit, with the spelling a names pack gives the word in a full name, if any."""
    word = text[edit.start:edit.end]
    if word not in pack.words:
        return edit
    english, where = pack.words[word]
    if english == edit.replacement:
        return edit
    return Edit(edit.start, edit.end, english,
                f"{word} → {english}: a Slavic name in a source transliteration; the names pack writes "
                f"it so in {where}", False)


def _word_before(text: str, start: int) -> _Word | None:
    """The capitalised word just before `start`, separated from it by spaces only."""
    e = start
    while e and text[e - 1] in " \u00a0":
        e -= 1
    if e == start or not e:
        return None
    s = e
    while s and text[s - 1].isalpha():
        s -= 1
    word = text[s:e]
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return None
    return _Word(s, e, word)


def _russia_nearby(text: str, w: _Word) -> bool:
    """Is a Russia/Ukraine word in the same sentence, within CONTEXT_WINDOW characters?"""
    before = text[max(0, w.start - CONTEXT_WINDOW):w.start]
    cut = None
    for cut in _SENTENCE_END_RE.finditer(before):
        pass
    if cut:
        before = before[cut.end():]
    after = text[w.end:w.end + CONTEXT_WINDOW]
    stop = _SENTENCE_END_RE.search(after)
    if stop:
        after = after[:stop.start()]
    return bool(_RUSSIA_RE.search(before) or _RUSSIA_RE.search(after))


# Names English writes in a way that looks like a source transliteration (among them
# French people of Russian origin: Andreï Makine, Ariane Mnouchkine, Chaïm Soutine), and
# ordinary words the schemes would otherwise take for names.
_ENGLISH_FORMS = frozenset("""
Belousov Borissov Klitschko Nepomniachtchi Diaghilev Nijinsky Kasparov Wladimir
Makine Mnouchkine Soutine Pitoëff Adamov
Iodine Jessamine Strychnine Abyssine Mousseline Tajine Kautschuk Chourine
""".split())
# Surnames beside which a first name keeps its source spelling in English (Wladimir Klitschko).
_KEEP_FIRST_NAME_BESIDE = frozenset({"Klitschko"})

RULES = (Transliteration(),)
