"""The transliteration schemes are tables, rules/tables/transliteration/<lang>.toml:
each loads and drives the rule, and a malformed one is named in one line."""

from __future__ import annotations

import pytest

from conftest import ROOT
from transclean.packs import PackError
from transclean.rule import Context
from transclean.rules.names import RULES, SCHEMES, read_scheme

TABLES = ROOT / "rules" / "tables" / "transliteration"
RULE = next(r for r in RULES if r.id == "names.transliteration")


@pytest.mark.parametrize("lang,text,before,after", [
    ("fr", "the cosmonaut Anton Chkaplerov said", "Chkaplerov", "Shkaplerov"),
    ("de", "Gorbatschow said", "Gorbatschow", "Gorbachev"),
    ("it", "Gorbaciov said", "Gorbaciov", "Gorbachev"),
    ("es", "Nikita Jruschov", "Jruschov", "Khrushchev"),
    ("pl", "Siergiej Ławrow", "Ławrow", "Lavrov"),
    ("nl", "Gorbatsjov said", "Gorbatsjov", "Gorbachev"),
    ("ru", "Tarkovskiy said", "Tarkovskiy", "Tarkovsky"),
])
def test_each_table_loads_and_converts(lang, text, before, after):
    assert read_scheme(TABLES / f"{lang}.toml") == SCHEMES[lang]
    found = {text[e.start:e.end]: e.replacement for e in RULE.find(text, Context(source_lang=lang))}
    assert found[before] == after


def test_the_tables_are_the_schemes():
    assert sorted(p.stem for p in TABLES.glob("*.toml")) == sorted(SCHEMES)


@pytest.mark.parametrize("old,new,message", [
    ("\nalone = 5", "\n", "'alone' is missing"),
    ("\nalone = 5", "\nalone = 5\nalonee = 5", "unknown key 'alonee'"),
    ("threshold = 3", 'threshold = "3"', "'threshold' must be an integer"),
    ("['chtch', \"shch\"", "['chtch(', \"shch\"", "steps 1: bad regex 'chtch(': missing )"),
    ("'ï(?={V})'", "'ï(?={W})'", "steps 10: unknown placeholder {W}"),
    ('[\'chtch\', 3, "chtch", true]', '[\'chtch\', "3", "chtch", true]', "features 1: must be [pattern, weight"),
    ("['vitch|vitcha'", "['vitch|vitcha)'", "endings 1: bad regex 'vitch|vitcha)'"),
    ('"Mikhaïl" = "Mikhail"', '"Mikhaïl" = 1', "first_names: 'Mikhaïl' must be a non-empty string"),
    ('name = "French"', 'name = "French', "not valid TOML"),
    ('name = "French"', 'name = "French"\noutput = "latin"', "'output' must be"),
])
def test_malformed_table_is_named(tmp_path, old, new, message):
    text = (TABLES / "fr.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "fr.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_scheme(path)
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value)
    assert "\n" not in str(err.value)
