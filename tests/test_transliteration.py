"""names.transliteration: Slavic names in a source language's transliteration → English spelling.

The labelled list tests/data/transliteration.tsv is scored by bench/transliteration_eval.py;
the floors below sit just under what it measured when they were written (precision
0.972, recall 0.795 over 988 rows, the converter alone), so a regression fails here.
Per-scheme positive cases and do-no-harm cases follow.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap

import pytest

import transclean
from conftest import ROOT
from transclean.rule import Context
from transclean.rules.names import RULES, SCHEMES

RULE = next(r for r in RULES if r.id == "names.transliteration")

PRECISION_FLOOR = 0.965
RECALL_FLOOR = 0.79


def _eval_module():
    spec = importlib.util.spec_from_file_location("transliteration_eval", ROOT / "bench" / "transliteration_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def suggest(text: str, lang: str | None) -> dict[str, str]:
    """What the rule alone proposes: {before: after}."""
    return {text[e.start:e.end]: e.replacement for e in RULE.find(text, Context(source_lang=lang))}


def test_rule_is_unsafe_and_registered():
    assert RULE.safe is False
    assert RULE.languages == frozenset({"fr", "de", "it", "es", "pl", "nl", "ru"})
    assert "names.transliteration" in [r.id for r in transclean.Pipeline().rules]


def test_measured_floor():
    ev = _eval_module()
    rows = ev.load()
    assert len(rows) >= 200
    positives = sum(r.positive for r in rows)
    assert 0.35 * len(rows) <= positives <= 0.65 * len(rows)
    total = ev.Score()
    for row in rows:
        total.add(ev.score_row(row, "rule"))
    assert total.precision >= PRECISION_FLOOR, (total.precision, total.recall)
    assert total.recall >= RECALL_FLOOR, (total.precision, total.recall)


@pytest.mark.parametrize(
    "lang, text, before, after",
    [
        # French: ш ch, ч tch, щ chtch, ж j, у ou, й ï, я ia, -ин -ine
        ("fr", "the cosmonaut Anton Chkaplerov said", "Chkaplerov", "Shkaplerov"),
        ("fr", "Wagner chief Prigojine said", "Prigojine", "Prigozhin"),
        ("fr", "Evgueni Prigojine, the founder", "Evgueni", "Yevgeny"),
        ("fr", "Mikhaïl Gorbatchev died", "Gorbatchev", "Gorbachev"),
        ("fr", "Mikhaïl Gorbatchev died", "Mikhaïl", "Mikhail"),
        ("fr", "President Loukachenko", "Loukachenko", "Lukashenko"),
        ("fr", "Nikita Khrouchtchev", "Khrouchtchev", "Khrushchev"),
        ("fr", "Iouri Gagarine flew", "Iouri", "Yuri"),
        ("fr", "Iouri Gagarine flew", "Gagarine", "Gagarin"),
        ("fr", "Sergueï Choïgou", "Choïgou", "Shoigu"),
        ("fr", "Roman Abramovitch", "Abramovitch", "Abramovich"),
        ("fr", "Anna Politkovskaïa", "Politkovskaïa", "Politkovskaya"),
        ("fr", "Valeri Guerassimov", "Guerassimov", "Gerasimov"),
        ("fr", "Valeri Guerassimov", "Valeri", "Valery"),
        ("fr", "Alexandre Soljenitsyne", "Soljenitsyne", "Solzhenitsyn"),
        ("fr", "Tchaïkovski wrote", "Tchaïkovski", "Tchaikovsky"),
        # German: ч tsch, щ schtsch, х ch, в w, е/я j, -ов -ow
        ("de", "Nikita Chruschtschow", "Chruschtschow", "Khrushchev"),
        ("de", "Gorbatschow said", "Gorbatschow", "Gorbachev"),
        ("de", "Boris Jelzin and", "Jelzin", "Yeltsin"),
        ("de", "Sergej Lawrow", "Lawrow", "Lavrov"),
        ("de", "Sergej Lawrow", "Sergej", "Sergei"),
        ("de", "Kremlin spokesman Dmitri Peskow", "Peskow", "Peskov"),
        ("de", "Roman Abramowitsch", "Abramowitsch", "Abramovich"),
        ("de", "Anton Tschechow", "Tschechow", "Chekhov"),
        # Italian: ч c/ci, -ёв -ciov, -ий -ij
        ("it", "Gorbaciov said", "Gorbaciov", "Gorbachev"),
        ("it", "Konstantin Cernenko", "Cernenko", "Chernenko"),
        ("it", "Igor Stravinskij", "Stravinskij", "Stravinsky"),
        ("it", "Dmitrij Medvedev", "Dmitrij", "Dmitry"),
        # Spanish: х j, -ёв -chov, stress accents
        ("es", "Mijaíl Gorbachov", "Gorbachov", "Gorbachev"),
        ("es", "Mijaíl Gorbachov", "Mijaíl", "Mikhail"),
        ("es", "Nikita Jruschov", "Jruschov", "Khrushchev"),
        ("es", "Dmitri Medvédev", "Medvédev", "Medvedev"),
        # Polish, through Cyrillic: ш sz, ч cz, ж ż, л ł, в w, е ie, -ов -ow
        ("pl", "Siergiej Ławrow said", "Ławrow", "Lavrov"),
        ("pl", "Siergiej Ławrow said", "Siergiej", "Sergei"),
        ("pl", "Michaił Gorbaczow", "Gorbaczow", "Gorbachev"),
        ("pl", "Dmitrij Miedwiediew", "Miedwiediew", "Medvedev"),
        ("pl", "Jewgienij Prigożyn", "Prigożyn", "Prigozhin"),
        ("pl", "Nikita Chruszczow", "Chruszczow", "Khrushchev"),
        # Dutch, through Cyrillic: ш sj, ч tsj, ж zj, у oe
        ("nl", "Michail Gorbatsjov", "Gorbatsjov", "Gorbachev"),
        ("nl", "Nikita Chroesjtsjov", "Chroesjtsjov", "Khrushchev"),
        ("nl", "Jevgeni Prigozjin", "Prigozjin", "Prigozhin"),
        ("nl", "Michail Misjoestin", "Misjoestin", "Mishustin"),
        # scientific, ISO 9, GOST and BGN-like romanisations of Russian, through Cyrillic
        ("ru", "directed by Tarkovskiy", "Tarkovskiy", "Tarkovsky"),
        ("ru", "Aleksandr Zubritskiy said", "Zubritskiy", "Zubritsky"),
        ("ru", "Aleksandr Zubritskiy said", "Aleksandr", "Alexander"),
        ("ru", "starring Dzhonni Depp", "Dzhonni", "Johnny"),
        ("ru", "Vasil'ev and Gor'kiy", "Vasil'ev", "Vasilyev"),
        ("ru", "Vasil'ev and Gor'kiy", "Gor'kiy", "Gorky"),
        ("ru", "Solženicyn wrote", "Solženicyn", "Solzhenitsyn"),
        ("ru", "Mihail Gorbačëv", "Gorbačëv", "Gorbachev"),
        ("ru", "Aleksej Naval'nyj", "Naval'nyj", "Navalny"),
        ("ru", "Majja Pliseckaja", "Pliseckaja", "Plisetskaya"),
        ("ru", "Sergej Šojgu", "Šojgu", "Shoigu"),
    ],
)
def test_converts(lang, text, before, after):
    assert suggest(text, lang).get(before) == after


def test_message_gives_the_reasoning():
    [edit] = RULE.find("the cosmonaut Chkaplerov", Context(source_lang="fr"))
    assert "French" in edit.message and "ch → sh" in edit.message and "-ov" in edit.message
    assert edit.safe is False


# Never: English forms, non-Slavic names, ordinary words (brief's do-no-harm list and more).
KEEP = {
    "fr": [
        "Chicago and Chile", "Michelle Obama", "Jacques Chirac", "Tchaikovsky and Chekhov", "Joachim Gauck",
        "Michel Barnier", "Charles de Gaulle", "Richard", "Vichy", "Chopin", "Joseph", "Jean Jaurès",
        "Victor Hugo", "Pouilly-Fumé", "Toulouse", "Mikhail Gorbachev", "Vladimir Putin", "poutine, the dish",
        "Poutine is a Quebec dish.", "Yevgeny Prigozhin", "Alexander Lukashenko", "Nikita Khrushchev",
        "Lionel Jospin", "Marine Le Pen", "Christine Lagarde", "Jean Racine", "Bernard Kouchner",
        "Zinedine Zidane", "Alassane Ouattara", "Yassine Bounou", "Aurélien Tchouaméni", "Youri Djorkaeff",
        "Roman Polanski", "Robert Lewandowski", "Novak Djokovic", "Routine checks.", "Machine learning",
        "Limousine", "Ukraine", "Kremlin", "Ian Nepomniachtchi", "Boyko Borissov", "Vitali Klitschko",
    ],
    "de": [
        "Dirk Nowitzki", "Lukas Podolski", "Bodo Ramelow", "Peter Tschentscher", "Michael Kretschmer",
        "Dietmar Bartsch", "Tino Chrupalla", "Wladimir Klitschko", "Wladimir Kaminer", "Joachim Gauck",
        "Window", "Below the line", "Jens Stoltenberg", "Boris Becker", "Richard Wagner", "Sergei Lavrov",
    ],
    "it": [
        "Luciano Pavarotti", "Antonio Tajani", "Federico Chiesa", "Jannik Sinner", "Sinisa Mihajlovic",
        "Dusan Vlahovic", "Claudio Scajola", "Faceva freddo.", "Genova", "Juventus", "Mikhail Gorbachev",
    ],
    "es": [
        "José Luis Rodríguez Zapatero", "Mariano Rajoy", "Hugo Chávez", "Alejandro Jodorowsky",
        "Vinícius Júnior", "Joaquín Sabina", "Génova", "Jerez", "Chile", "Mikhail Gorbachev", "Benjamin",
    ],
    # Poles keep their names: -ski, -cki, -wicz and ą ę ó ś ć ń ź rz are theirs
    "pl": [
        "Robert Lewandowski", "Adam Mickiewicz", "Jarosław Kaczyński", "Lech Wałęsa", "Zbigniew Ziobro",
        "Maria Skłodowska-Curie", "Wisława Szymborska", "Przemysław Czarnek", "Beata Szydło", "Szczecin",
        "Władysław Gomułka", "Kinga Gajewska", "Vladimir Putin", "Mikhail Gorbachev",
    ],
    "nl": [
        "Mark Rutte", "Wopke Hoekstra", "Johan Cruijff", "Ronald Koeman", "Sjaak Swart", "Sjoukje Dijkstra",
        "Joop den Uyl", "Jeroen Bosch", "Chicago", "Charles Michel", "Vladimir Putin", "Tchaikovsky",
    ],
    # English forms, other Slavic languages' own spellings, Ukrainian English forms, apostrophes
    "ru": [
        "Vladimir Putin", "Andrei Tarkovsky", "Aleksandr Solzhenitsyn", "Dzhokhar Tsarnaev", "Volodymyr Zelenskyy",
        "Andriy Yermak", "Serhiy Rebrov", "Yuriy Boyko", "Denys Shmyhal", "Andrej Babiš", "Slavoj Žižek",
        "Maroš Šefčovič", "Luka Dončić", "Serdar Berdimuhamedow", "Putin's aide", "O'Brien", "Shi'ite",
        "Benjamin Netanyahu", "Sergey Brin", "Kharkiv and Zaporizhzhia",
    ],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in KEEP.items() for t in texts])
def test_keeps(lang, text):
    assert suggest(text, lang) == {}
    result = transclean.fix(text, source_lang=lang, unsafe=True)
    assert not [c for c in result.changes if c.rule == "names.transliteration"]


def test_a_russian_text_gets_its_scheme_and_the_french_one_it_passed_through():
    text = "Mikhaïl Gorbatchev met Andrey Tarkovskiy."
    result = transclean.fix(text, source_lang="ru", unsafe=True)
    assert result.text == "Mikhail Gorbachev met Andrei Tarkovsky."


def test_a_word_glued_after_a_full_stop_is_left_alone():
    # part of a dotted token, or a glued sentence that punctuation.missing-space splits
    # first: converted now, it would be split only on a second run (found by tests/textgen.py)
    for text in ("approx.Sžyn", "the module ru.Tarkovskiy"):
        assert suggest(text, "ru") == {}
        once = transclean.fix(text, source_lang="ru", unsafe=True).text
        assert transclean.fix(once, source_lang="ru", unsafe=True).text == once


def test_the_message_shows_the_cyrillic_spelling():
    [edit] = RULE.find("directed by Tarkovskiy", Context(source_lang="ru"))
    assert "Тарковский" in edit.message and "scientific/GOST" in edit.message


def test_does_nothing_without_a_source_language():
    text = "Mikhaïl Gorbatchev and Evgueni Prigojine"
    assert suggest(text, None) == {}
    assert suggest(text, "en") == {}
    assert suggest(text, "pt") == {}
    result = transclean.fix(text, source_lang="en", unsafe=True)
    assert not [c for c in result.changes if c.rule == "names.transliteration"]


def test_is_a_suggestion_unless_unsafe_fixes():
    text = "The cosmonaut Anton Chkaplerov said."
    held = transclean.fix(text, source_lang="fr")
    assert held.text == text
    [change] = [c for c in held.changes if c.rule == "names.transliteration"]
    assert (change.before, change.after, change.applied) == ("Chkaplerov", "Shkaplerov", False)
    applied = transclean.fix(text, source_lang="fr", unsafe=True)
    assert applied.text == "The cosmonaut Anton Shkaplerov said."


def _names_pack(tmp_path, entries: str) -> None:
    """A user pack names.extra (French) with the given [[entry]] tables."""
    (tmp_path / "names").mkdir()
    head = '[pack]\nsummary = "test pack"\nlanguages = ["fr"]\n'
    (tmp_path / "names" / "extra.toml").write_text(head + textwrap.dedent(entries), encoding="utf-8")


def test_defers_to_a_names_pack(tmp_path):
    _names_pack(tmp_path, """
        [[entry]]
        replace = "Prigozhin"
        find = ["Prigojine"]

        [[entry]]
        replace = "Kosygin"
        find = ["Kossyguine"]
        context = ["premier"]
    """)
    text = "Evgueni Prigojine met Alexeï Kossyguine."
    pipeline = transclean.Pipeline(source_lang="fr", unsafe=True, rule_dirs=[tmp_path],
                                   select=["names.transliteration", "names.extra"])
    result = pipeline.fix(text)
    by_word = {c.before: c.rule for c in result.changes}
    assert by_word["Prigojine"] == "names.extra"
    assert "Kossyguine" not in by_word  # the pack knows the form; it did not apply here: nobody touches it
    assert by_word["Evgueni"] == "names.transliteration"


def test_uses_the_pack_spelling_of_a_surname_met_alone(tmp_path):
    _names_pack(tmp_path, """
        [[entry]]
        replace = "Yulia Tymoshenko"
        find = ["Ioulia Timochenko"]
    """)
    pipeline = transclean.Pipeline(source_lang="fr", rule_dirs=[tmp_path],
                                   select=["names.transliteration", "names.extra"])
    result = pipeline.fix("Ioulia Timochenko met Timochenko's allies.")
    assert [(c.before, c.after, c.rule) for c in result.changes] == [
        ("Ioulia Timochenko", "Yulia Tymoshenko", "names.extra"),
        ("Timochenko", "Tymoshenko", "names.transliteration"),
    ]


def test_its_own_output_is_left_alone():
    ev = _eval_module()
    for row in ev.load():
        fixed = transclean.fix(row.input, source_lang=row.lang, unsafe=True).text
        assert suggest(fixed, row.lang) == {}, (row, fixed)


def test_every_scheme_table_is_consistent():
    for scheme in SCHEMES.values():
        assert not set(scheme.first_names) & set(scheme.paired_names)
        for source, english in {**scheme.first_names, **scheme.paired_names, **scheme.irregular}.items():
            assert source != english and source[0].isupper() and english[0].isupper()
