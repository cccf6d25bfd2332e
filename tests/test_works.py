"""The titles pack's table of works (src/transclean/works.py): the entries a work gives, and
the renderings it leaves out because they would repair the wrong work or a right title."""

from __future__ import annotations

import pytest

from transclean.packs import Entry, PackError
from transclean.works import work_entries

KINDS = {"film": ["film", "director"], "novel": ["novel"]}


def _work(title="Spirited Away", **local):
    return {"title": title, "kind": "film", "year": 2001, "names": ["Hayao Miyazaki"], "note": "release titles",
            **{lang: {"local": value[0], "literal": list(value[1:])} for lang, value in local.items()}}


def _entries(*works, entries=()):
    return work_entries({"kinds": KINDS, "work": list(works)}, list(entries), "title_works.toml")


def test_a_work_gives_title_case_and_source_case_entries_with_the_languages_that_share_them():
    found = _entries(_work(fr=("Le Voyage de Chihiro", "The Journey of Chihiro"),
                           es=("El viaje de Chihiro", "The Journey of Chihiro"), ja=("千と千尋の神隠し", "The Spiriting Away")))
    forms = {e.find: (sorted(e.languages), e.context) for e in found}
    assert forms[("The Journey of Chihiro", "Journey of Chihiro")] == (["es", "fr"], ("film", "director", "Hayao Miyazaki", "Miyazaki"))
    # the source's capitals only beside the work's names; none for a source with no capitals
    assert forms[("The journey of Chihiro",)] == (["es", "fr"], ("Hayao Miyazaki", "Miyazaki"))
    assert forms[("The Spiriting Away", "Spiriting Away")][0] == ["ja"]
    assert not any(e.find == ("The spiriting away",) for e in found)
    assert all(e.replace == "Spirited Away" and e.examples and e.keep for e in found)


def test_the_article_is_dropped_only_where_two_words_that_say_something_remain():
    found = {f for e in _entries(_work(it=("La città incantata", "The Enchanted City"), de=("Die Reise", "The Long Trip"),
                                       pl=("Podróż", "The Trip of Sen"))) for f in e.find}
    assert {"Enchanted City", "Long Trip"} <= found
    assert "Trip of Sen" in found and "Trip" not in found


def test_a_rendering_two_works_share_in_one_language_or_one_the_pack_writes_by_hand_is_left_out():
    one = _work("Jaws", fr=("Les Dents de la mer", "The Teeth of the Sea"), de=("Der weiße Hai", "The White Shark"))
    two = _work("The Deep", fr=("Les Grands Fonds", "The Teeth of the Sea"), de=("Die Tiefe", "The Great Depths"))
    hand = Entry("Other Film", ("The Great Depths",))
    found = {f for e in _entries(one, two, entries=[hand]) for f in e.find}
    assert "The Teeth of the Sea" not in found and "The Great Depths" not in found
    assert "The White Shark" in found


def test_a_rendering_inside_an_english_title_is_left_out():
    found = {f for e in _entries(_work("The Magic Flute Returns", de=("Die Zauberflöte", "Magic Flute")),
                                 _work("Other", de=("Andere", "The Great Magic Flute Show"))) for f in e.find}
    assert "Magic Flute" not in found and "The Great Magic Flute Show" in found


@pytest.mark.parametrize("change,message", [
    ({"kind": "poem"}, "'kind' must be one of film, novel"),
    ({"names": []}, "'names' must be a list"),
    ({"year": "2001"}, "integer 'year'"),
    ({"fr": "Le Voyage de Chihiro"}, "'fr' must be"),
    ({"fr": {"local": "Le Voyage", "literal": ["The Trip"], "year": 1}}, "'fr' must be"),
])
def test_a_malformed_work_is_refused_naming_the_work_and_key(change, message):
    with pytest.raises(PackError, match=r"title_works.toml: work 1 \(Spirited Away\): .*" + message.replace("(", r"\(")):
        _entries({**_work(), **change})


def test_in_the_sources_capitals_a_word_english_always_capitalises_keeps_its_capital():
    table = {"kinds": KINDS, "proper": ["American"], "work": [
        _work("Day for Night", fr=("La Nuit américaine", "The American Night"))]}
    forms = {f for e in work_entries(table, [], "title_works.toml") for f in e.find}
    assert "The American night" in forms and "The american night" not in forms


def test_a_keep_is_left_out_where_a_form_the_pack_repairs_anywhere_is_inside_the_rendering():
    hand = Entry("Despicable Me", ("My Favorite Villain",))
    found = _entries(_work("Despicable Me 2", de=("Ich – Einfach unverbesserlich 2", "My Favorite Villain 2"),
                           fr=("Moi, moche et méchant 2", "Me, Ugly and Mean 2")), entries=[hand])
    keeps = {e.find[0]: e.keep for e in found}
    assert keeps["My Favorite Villain 2"] == () and keeps["Me, Ugly and Mean 2"]
