"""The rules of the document formats: what they report is theirs, not a stage's.

They make no edit in the pipeline's stages (their `find` is empty): `formats.numbers` and
`formats.placeholders` read a bilingual file's source segments beside its targets once the
prose is fixed, and `formats.held` reports the changes the structure of a file could not
take. They are listed by `transclean rules`, and `--select` / `--ignore` take them like any
other rule.
"""

from __future__ import annotations

from ..rule import Rule

PLACEHOLDERS = "formats.placeholders"
NUMBERS = "formats.numbers"
TERMS = "formats.terms"
HELD = "formats.held"


class _FormatRule(Rule):
    def find(self, text, ctx):
        return iter(())


class Placeholders(_FormatRule):
    """A target that lacks a placeholder of its source, or has one its source lacks, is flagged.

    In XLIFF and PO files, each target is read beside its source segment: the printf and ICU
    placeholders of the two (`%s`, `%1$d`, `%2$.1f`, `%(name)s`, `{0}`, `{count, plural, ...}`;
    `%%` is not counted) must be the same, or the program would print a wrong value, or none.
    Never repaired: which placeholder goes where is the translator's call.
    Example: source `Delete %1$d files in %2$s`, target `Delete %1$d files` → flagged
    (`placeholder %2$s of the source is missing from the target`).
    """

    id = PLACEHOLDERS
    summary = "XLIFF, PO: a placeholder of the source missing from the target, or one it lacks, is flagged"


class Numbers(_FormatRule):
    """A number of the source left verbatim in the target is written the English way; one with
    no counterpart in the target is flagged.

    In XLIFF and PO files, each target is read beside its source segment. A number of the
    source that the target copied as written (`1 250,00`, `3,5`, and `1,500` from a French
    source, which the text alone could not tell from English thousands) is repaired when the
    source language is known (declared by the file, given with `--source-lang`, or detected)
    or the form can be read one way only (a decimal comma of one or two digits). A number of the
    source of at least two digits whose value the fixed target does not hold, in digits or in
    words (`ten`, `3.5 million`), is flagged. Numbers glued to letters (`21h30`, `1er`) and the
    parts of numeric dates and times are not compared: a translation writes them its own way.
    Keeps: a target that writes the number the English way (`1,250.00`), or reformats it
    (`5 %` → `5%`, `14/03/2023` → `March 14, 2023`).
    Example: source `Total : 1 250,00 €`, target `Total: 1 250,00 €` → `Total: 1,250.00 €`;
    source `Livraison en 48 heures`, target `Delivery in 24 hours` → flagged.
    """

    id = NUMBERS
    summary = "XLIFF, PO: a source number copied into the target written the English way; a lost one flagged"


class Terms(_FormatRule):
    """A name or title of the source left in the target in a form of the source language is
    written the English way; one the target lost is flagged.

    In XLIFF and PO files, each target is read beside its source segment. A source segment
    that holds a form a rule pack knows (`Chipenko`, `Londres`, `OTAN`, or a work's local title
    such as `Les Dents de la mer`, an entry's `source`) names that entry for certain: its
    forms in the target (the source's spelling copied, a literal rendering such as `The Teeth
    of the Sea`) are replaced by the right one without the context words the text alone would
    need. A target that holds neither is flagged, with the right form as the suggestion. The
    knowledge is that of the packs the run has (`--ignore glossary.titles` leaves titles out).
    A Russian source's names in Cyrillic need no pack: a target word that romanises one by
    another convention (`Szypenko`, `Chipenko` for `Шипенко`), or copies it, is written as
    English news writes it (`Shipenko`).
    Keeps: a target that already writes the right form, or whose source names nothing known.
    Example: source `Les Dents de la mer ce soir`, target `The Teeth of the Sea tonight` →
    `Jaws tonight`; source `Rendez-vous à Londres`, target `Meeting in Londres` → `Meeting in
    London`.
    """

    id = TERMS
    summary = "XLIFF, PO: a name or title the source names, copied or rendered literally in the target, made right"


class Held(_FormatRule):
    """A change that the structure of a document could not take is left out, and flagged.

    A document format fixes its prose as one text with the structure protected; a change is
    mapped back into the file piece by piece. One that would reach across a join (between
    two lines, cues or cells), into a kept span (a tag, inline code, a placeholder), or write
    what a value cannot hold as written (a quotation mark in a bare CSV cell) is not made:
    this flag names the rule, the change and why. `--ignore formats.held` keeps them silent.
    Example: in a CSV file whose prose is written with straight quotes, a bare cell
    `«Yes» she said` is left as it is, and flagged (`Not applied: quotes... (a value here
    cannot hold it as written)`): the cell would need quoting.
    """

    id = HELD
    summary = "Document formats: a change the structure could not take is left out and flagged"


RULES = (Placeholders(), Numbers(), Terms(), Held())
