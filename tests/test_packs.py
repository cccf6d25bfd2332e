"""Rule packs: every built-in pack's examples and keeps hold; loading rejects
malformed packs with the file, entry and key; the packs ship in the wheel."""

from __future__ import annotations

import functools
from fnmatch import fnmatch
from pathlib import PurePath
import tomllib

import pytest

import transclean
from conftest import ROOT
from transclean.packs import PackError, builtin_dir, load_packs, read_pack

PACKS = load_packs((builtin_dir(),))  # with their examples and keeps, which builtin_packs() leaves out


def _language(pack, entry=None) -> str:
    """The source language an entry's tests run with: its own first, else the pack's."""
    languages = (entry.languages if entry is not None else frozenset()) or pack.languages
    return sorted(languages)[0] if languages else "auto"


def _examples():
    for pack in PACKS:
        for n, entry in enumerate(pack.entries, 1):
            for k, ex in enumerate(entry.examples, 1):
                yield pytest.param(pack, _language(pack, entry), ex.before, ex.after, id=f"{pack.id}-{n}-{k}")


def _keeps():
    for pack in PACKS:
        for text in pack.keep:
            yield pytest.param(pack, _language(pack), text, id=f"{pack.id}-pack")
        for n, entry in enumerate(pack.entries, 1):
            for k, text in enumerate(entry.keep, 1):
                yield pytest.param(pack, _language(pack, entry), text, id=f"{pack.id}-{n}-{k}")


@functools.cache
def _pipeline(pack_id: str, lang: str) -> transclean.Pipeline:
    return transclean.Pipeline(source_lang=lang, select=[pack_id], unsafe=True)


@pytest.mark.parametrize("pack,lang,before,after", list(_examples()))
def test_pack_example(pack, lang, before, after):
    assert _pipeline(pack.id, lang).fix(before).text == after


@pytest.mark.parametrize("pack,lang,text", list(_keeps()))
def test_pack_keep(pack, lang, text):
    assert _pipeline(pack.id, lang).fix(text).text == text


def test_every_entry_has_an_example():
    for pack in PACKS:
        for entry in pack.entries:
            assert entry.examples, f"{pack.id}: {entry.replace} has no example"


@pytest.mark.parametrize("content,message", [
    ("", "missing [pack] table"),
    ('[pack]\nsummary = "x"\n', "needs at least one [[entry]]"),
    ('[pack]\nsummary = "x"\nsafety = "maybe"\n[[entry]]\nreplace = "A"\nfind = ["B"]\n', "'safety'"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\n', "entry 1: 'find' is missing"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\nfind = ["B"]\nfnid = ["C"]\n', "entry 1: unknown key 'fnid'"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\nfind = [""]\n', "entry 1: 'find'"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\nfind = "B"\nexamples = [{ before = "B" }]\n', "entry 1 example 1"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\nfind = ["B"]\nexpansion = [1]\n', "entry 1: 'expansion'"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\nfind = ["B"]\nsource = ["C"]\n', "entry 1: 'source' must be a table"),
    ('[pack]\nsummary = "x"\n[[entry]]\nreplace = "A"\nfind = ["B"]\nsource = { fr = [2] }\n', "entry 1: 'source.fr'"),
    ('[pack]\nsummary = "x"\ncompounds = "yes"\n[[entry]]\nreplace = "A"\nfind = ["B"]\n', "'compounds' must be true or false"),
    ("[pack\n", "not valid TOML"),
])
def test_malformed_pack_is_named(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PackError) as err:
        read_pack(path, "glossary")
    assert "bad.toml" in str(err.value) and message in str(err.value)


def test_pack_files_ship_in_the_wheel():
    """Every file under rules/ matches the package-data globs of pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["transclean.rule_packs"]
    files = [p.relative_to(ROOT / "rules") for p in (ROOT / "rules").rglob("*") if p.is_file()]
    assert files
    for f in files:  # setuptools globs are anchored and `*` stays within one folder
        assert any(len(f.parts) == len(PurePath(g).parts) and all(map(fnmatch, f.parts, PurePath(g).parts))
                   for g in globs), f"rules/{f} would not be installed"


@pytest.mark.parametrize("lang,other,before,after", [
    ("ru", "fr", "Bruce Willis became a star in 1988 with Tough Nut, a film by John McTiernan.",
     "Bruce Willis became a star in 1988 with Die Hard, a film by John McTiernan."),
    ("zh", "ja", "Children queued for Ice and Snow Romance, the animated film of the year.",
     "Children queued for Frozen, the animated film of the year."),
    ("ja", "zh", "Sean Connery returns as James Bond in 007 Dies Twice, a film set in Japan.",
     "Sean Connery returns as James Bond in You Only Live Twice, a film set in Japan."),
])
def test_a_rendering_of_a_russian_chinese_or_japanese_title_serves_its_language_only(lang, other, before, after):
    """Machine translation from Russian writes Крепкий орешек as Tough Nut; from French it is no title."""
    assert _pipeline("glossary.titles", lang).fix(before).text == after
    assert _pipeline("glossary.titles", other).fix(before).text == before


def test_local_titles_in_russian_chinese_and_japanese_name_their_works():
    """The titles pack knows the Russian, Chinese and Japanese release titles of its works (issue 12)."""
    titles = next(p for p in PACKS if p.id == "glossary.titles")
    works = {lang: {e.replace for e in titles.entries for code, _ in e.source if code == lang} for lang in ("ru", "zh", "ja")}
    assert all(len(named) >= 150 for named in works.values()), {lang: len(named) for lang, named in works.items()}

