"""Literal renderings of local titles (renderings.py) and the entries derived from them."""

import transclean
from transclean.packs import Entry, Example, builtin_packs
from transclean.renderings import Words, derived, renderings

FR = Words({"les": ["the"], "le": ["the"], "la": ["the"], "de": ["of"], "des": ["of the", "of"], "d'": ["of"],
            "dents": ["teeth"], "mer": ["sea"], "ballon": ["balloon"], "rouge": ["red"], "fabuleux": ["fabulous"],
            "destin": ["destiny", "fate"], "piège": ["trap"], "cristal": ["crystal", "glass"], "parrain": ["godfather"],
            "guerre": ["war"], "étoiles": ["stars"], "ne": [""], "pas": ["not"], "touchez": ["touch"]},
           frozenset({"rouge"}))


def test_a_title_is_rendered_word_for_word_in_title_case_and_in_its_own_capitals():
    capitalised, sentence = renderings("Les Dents de la mer", FR)
    assert capitalised == ["The Teeth of the Sea", "Teeth of the Sea", "The Sea's Teeth"]
    assert sentence == ["The Teeth of the sea", "Teeth of the sea"]  # the source's capitals: Dents


def test_an_adjective_after_its_noun_comes_before_it_and_glosses_combine():
    assert renderings("Le Ballon rouge", FR)[0][0] == "The Red Balloon"
    capitalised, _ = renderings("Piège de cristal", FR)
    assert {"Trap of Crystal", "Crystal Trap", "Trap of Glass", "Glass Trap"} <= set(capitalised)
    capitalised, _ = renderings("Le Fabuleux Destin d'Amélie Poulain", FR)
    assert {"The Fabulous Destiny of Amélie Poulain", "Amélie Poulain's Fabulous Fate"} <= set(capitalised)


def test_a_word_dropped_by_a_literal_translation_leaves_no_gap():
    assert renderings("Ne touchez pas la mer", FR)[0][0] == "Touch Not the Sea"


def test_what_could_be_ordinary_words_or_half_translated_gives_nothing():
    assert renderings("Le Parrain", FR) == ([], [])  # one translated word
    assert renderings("Le Monde de Nemo", FR) == ([], [])  # an unknown lower-case... or capitalised word
    assert renderings("La mer inconnue", FR) == ([], [])  # an unknown word: no guess


def _entry(**kw):
    base = dict(replace="Jaws", find=("The Teeth of the Sea",), context=("film", "Spielberg"), note="French title",
                examples=(Example("Spielberg shot The Teeth of the Sea in 1974.", "Spielberg shot Jaws in 1974."),),
                source=(("fr", "Les Dents de la mer"),))
    return Entry(**{**base, **kw})


def test_derived_entries_keep_their_work_context_and_language_and_hand_written_forms_win():
    table = {"fr": {"words": dict(FR.glosses), "adjectives": {"words": ["rouge"]}}}
    out = derived([_entry()], table)
    assert [e.languages for e in out] == [frozenset({"fr"})] * 2
    title_case, sentence = out
    assert "The Teeth of the Sea" not in title_case.find and "Teeth of the Sea" in title_case.find
    assert title_case.context == ("film", "Spielberg")
    assert sentence.find == ("The Teeth of the sea", "Teeth of the sea") and sentence.context == ("Spielberg",)
    assert title_case.examples[0].before == "Spielberg shot Teeth of the Sea in 1974."
    # no context, no derivation; a language without title words, none either
    assert derived([_entry(context=())], table) == []
    assert derived([_entry(source=(("nl", "De tanden van de zee"),))], table) == []


def test_the_titles_pack_finds_renderings_nobody_wrote_by_hand():
    titles = next(p for p in builtin_packs() if p.id == "glossary.titles")
    hand = {f for e in titles.entries if "word for word" not in e.note for f in e.find}
    made = [e for e in titles.entries if "word for word" in e.note]
    assert made and all(not set(e.find) & hand for e in made)
    text = "Steven Spielberg shot Teeth of the Sea on Martha's Vineyard in 1974."
    assert transclean.fix(text, source_lang="fr").text == "Steven Spielberg shot Jaws on Martha's Vineyard in 1974."
    assert transclean.fix(text, source_lang="de").text == text
    assert transclean.fix("Teeth of the Sea: how sharks hunt", source_lang="fr").text == "Teeth of the Sea: how sharks hunt"


def test_a_form_without_its_article_after_one_takes_the_titles_own():
    pipeline = transclean.Pipeline(source_lang="es", select=["glossary.titles"])
    assert pipeline.fix("George Lucas shot the Empire Counterattacks in 1979.").text \
        == "George Lucas shot The Empire Strikes Back in 1979."
    assert pipeline.fix("George Lucas shot Empire Counterattacks in 1979.").text \
        == "George Lucas shot The Empire Strikes Back in 1979."
    # a title without an article of its own leaves the sentence's
    assert transclean.Pipeline(source_lang="fr", select=["glossary.titles"]).fix(
        "Spielberg's film gave the Teeth of the Sea sequels their shark.").text \
        == "Spielberg's film gave the Jaws sequels their shark."
