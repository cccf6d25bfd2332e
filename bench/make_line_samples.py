"""Builds the two line-oriented golden samples: one segment per line, no blank lines.

    python bench/make_line_samples.py            # writes samples/lines-*.txt
    python bench/make_line_samples.py --extract CORPUS/books.txt
                                                 # rebuilds bench/line_sentences/austen-pride.txt
    python bench/make_line_samples.py --measure  # lines that differ from expected, as the file
                                                 # stands and with a blank line between lines

samples/lines-mt-news.txt / .expected.txt
    The expected file is a list of well-edited English news sentences, one a line, in
    article order:
      - the sentences of samples/*.expected.txt and of three files of samples/clean/
        (do-no-harm-festivals, abbreviations-typography, two-spaces-markets), split at
        sentence ends; sentences with straight quotes, with untranslated German, Spanish,
        Italian or Portuguese fragments (see FOREIGN), and headlines that repeat are left
        out;
      - bench/line_sentences/news-fr.txt, sentences written for this sample in the style
        of French news translated into English.
    A sentence-split quotation (“We have... back. The rooms were full”, said...) spans
    two lines, as in any one-sentence-a-line corpus; such lines get no quotation-mark
    damage and must come out unchanged.
    The input is the same list with damage of French-to-English machine translation
    injected by a seeded random generator (SEED), a few kinds per line at most (INJECTORS
    lists them; the counts of the last run are printed). The expected output is thus the
    clean original, known to be right without the tool.
    Left out, as gaps that have nothing to do with segmentation: quotation-mark damage on
    a line where a closing mark follows a number before a word (INCH_LIKE); an amount with
    a decimal point before a spaced € (28.30 €: the currency damage writes 28,30 €, as
    French does); the sentence with 1 h 15 (a French time, which a French source turns
    into 1:15).

samples/lines-human-quotes.txt / .expected.txt (byte-identical)
    Correct English with many quotations, one sentence a line:
      - bench/line_sentences/austen-pride.txt: the first six chapters of Jane Austen's Pride
        and Prejudice (Project Gutenberg text, from the r-cran-janeaustenr package: books.txt
        of the public clean corpus, sha256 1dd52644...bbb5f1),
        straight quotes turned into curly ones and paragraphs split into sentences, so a
        speech of several sentences spans several lines, and a speech of several
        paragraphs opens on each paragraph and closes at its end;
      - bench/line_sentences/human-quotes.txt, local-news lines written for this sample:
        nested ‘single’ quotations, and speakers quoted across consecutive lines with an
        opening mark on each line and the close only at the end.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SENTENCES = ROOT / "bench" / "line_sentences"
SEED = 9
NBSP = "\u00a0"

# --------------------------------------------------------------------------- sentences

ABBREVIATIONS = {
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "Gen", "Jan", "Feb", "Sig", "Sr", "Sra", "fig", "p", "vs", "approx",
    "e.g", "Inc", "Corp", "U.S", "a.m", "p.m", "M", "Messrs",
}
SENTENCE_END = re.compile(r"([.!?…][”’)]?)(\s+)(?=[“‘A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph: a break after . ! ? … (and a closing mark) before a capital or
    an opening mark, not after an abbreviation or an initial."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\S*)$", paragraph[start:m.start(1)]).group(1).lstrip("(“‘")
        if m.group(1) == "." and (word in ABBREVIATIONS or re.fullmatch(r"[A-Za-z](\.[A-Za-z])*", word)):
            continue
        if m.group(1) == "." and paragraph[m.start(1) - 2:m.start(1) + 1] == ". .":
            continue  # a spaced ellipsis (Wait . . . let’s)
        out.append(paragraph[start:m.end(1)].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


# Sentences of the other languages' samples that carry an untranslated fragment: they would
# make a French sample look German or Spanish to the language detection.
FOREIGN = ("sagte sie", "denn das", "lo que", "el equipo", "non è", "È stato", "muchas fiestas", "não ", " é ",
           "Je suis très", "un trattato", "une étape", "avant la fin", "à partir de", "sans augmenter",
           "пишет", "сказал")
# Sentences right in their own sample that a French source rightly changes (1 h 15 is a
# French time, 1:15): left out, since this sample is French.
FRENCH_READING = ("1 h 15",)
CLEAN_FILES = ("do-no-harm-festivals.txt", "abbreviations-typography.txt", "two-spaces-markets.txt")


def news_sentences() -> list[str]:
    files = sorted(p for p in SAMPLES.glob("*.expected.txt") if not p.name.startswith("lines-"))
    files += [SAMPLES / "clean" / name for name in CLEAN_FILES]
    out: list[str] = []
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            sentences = split_sentences(" ".join(paragraph.split("\n")))
            spanning = spanning_lines(sentences)
            bad = {k for k, s in enumerate(sentences)
                   if '"' in s or "'" in s or any(f in s for f in FOREIGN + FRENCH_READING)}
            if bad & spanning:
                bad |= spanning  # a quotation across sentences goes whole or not at all
            out += [s for k, s in enumerate(sentences) if k not in bad and s not in out]
    out += [s for s in (SENTENCES / "news-fr.txt").read_text(encoding="utf-8").splitlines() if s]
    return out


# --------------------------------------------------------------------------- damage

QUOTE_PAIR = re.compile(r"“([^“”]*?)”")


def _quote_damage(kind: str):
    """An injector that damages one “…” pair of the line (the kind names how)."""
    def inject(line: str, rng: random.Random) -> str | None:
        pairs = [m for m in QUOTE_PAIR.finditer(line) if "‘" not in m.group(1) or kind == "guillemets-nested"]
        if kind == "guillemets-nested":
            pairs = [m for m in pairs if "‘" in m.group(1)]
        if not pairs:
            return None
        m = rng.choice(pairs)
        inner = m.group(1)
        if kind == "guillemets":
            space = rng.choice([" ", NBSP, ""])
            new = f"«{space}{inner}{space}»"
        elif kind == "guillemets-nested":
            new = "« " + inner.replace("‘", "“").replace("’", "”") + " »"
            if re.search(r"\w”\w", new):
                return None  # an apostrophe inside the inner quotation
        elif kind == "reversed":
            if m.start() > 0 and line[m.start() - 1] == " " and rng.random() < 0.6:
                # as MT writes it: the season as” a return to normal “, after
                return line[:m.start() - 1] + f"” {inner} “" + line[m.end():]
            new = f"”{inner}“"
        elif kind == "spaced":
            new = f"“ {inner} ”"
        elif kind == "low":
            new = f"„{inner}“"
        else:
            raise ValueError(kind)
        return line[:m.start()] + new + line[m.end():]
    return inject


def _sub(pattern: str, repl, flags=0):
    """An injector that rewrites one match of pattern, picked at random."""
    regex = re.compile(pattern, flags)

    def inject(line: str, rng: random.Random) -> str | None:
        found = list(regex.finditer(line))
        if not found:
            return None
        m = rng.choice(found)
        new = repl(m, rng) if callable(repl) else m.expand(repl)
        return line[:m.start()] + new + line[m.end():]
    return inject


def _spaced_punctuation(m, rng):
    mark = m.group(1)
    space = NBSP if mark in ";:!?" and rng.random() < 0.5 else " "
    return space + mark


def _double_space(line: str, rng: random.Random) -> str | None:
    spaces = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", line)]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return line[:i] + "  " + line[i + 1:]


def _decimal_comma(m, rng):
    number = m.group(1).replace(".", ",")
    return number + (" %" if m.group(2) else "")


def _french_number(number: str, rng: random.Random) -> str:
    """1,286.50 written the French way: 1 286,50 (a space or a no-break space between thousands)."""
    whole, _, decimals = number.partition(".")
    whole = whole.replace(",", rng.choice([" ", NBSP]))
    return whole + ("," + decimals if decimals else "")


MONTHS_FR = {"January": "janvier", "February": "février", "March": "mars", "April": "avril", "May": "mai",
             "June": "juin", "July": "juillet", "August": "août", "September": "septembre", "October": "octobre",
             "November": "novembre", "December": "décembre"}

# name → injector; each takes a line and a Random, returns the damaged line or None.
INJECTORS = {
    "guillemets": _quote_damage("guillemets"),
    "guillemets-nested": _quote_damage("guillemets-nested"),
    "reversed": _quote_damage("reversed"),
    "spaced-quotes": _quote_damage("spaced"),
    "low-quotes": _quote_damage("low"),
    "space-before": _sub(r"(?<=[a-z0-9)])([,.;:!?])(?= |$)", _spaced_punctuation),
    "double-space": _double_space,
    "apostrophe": _sub(r"(?<=[a-z])’(?=(s|t|re|ve|ll|d) )", lambda m, rng: rng.choice([" ’", "´"])),
    "decimal-comma": _sub(r"(?<![\d,.])(\d+\.\d+)(%)?(?![\d,])", _decimal_comma),
    "time": _sub(r"(?<![\d:])([012]?\d):([0-5]\d)(?![\d:]| ?[ap]\.m\.)", lambda m, rng: f"{m.group(1)}h{m.group(2)}"),
    "honorific": _sub(r"\b(Mr|Mrs)\. (?=[A-Z])", lambda m, rng: {"Mr": "M. ", "Mrs": "Mme "}[m.group(1)]),
    "currency": _sub(r"€(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d,.]*\d)", lambda m, rng: f"{_french_number(m.group(1), rng)} €"),
    "numero": _sub(r"\bNo\. (?=\d)", "n° "),
    "date": _sub(r"\b(" + "|".join(MONTHS_FR) + r") (\d{1,2})\b(?!:)",
                 lambda m, rng: f"{'1er' if m.group(2) == '1' else m.group(2)} {MONTHS_FR[m.group(1)]}"),
    "scale-word": _sub(r"(?<=\d )(million|billion)(?= [a-z])",
                       lambda m, rng: {"million": "millions", "billion": "milliards"}[m.group(1)]),
    "thousands": _sub(r"(?<![\d.,€$])(\d{1,3}(?:,\d{3})+)(?![\d.]|,\d)", lambda m, rng: _french_number(m.group(1), rng)),
    "percent-space": _sub(r"(?<![\d.])(\d+)%", lambda m, rng: m.group(1) + rng.choice([" %", NBSP + "%"])),
    "ordinal": _sub(r"\b(1st|2nd|3rd|[4-9]th|[12]\dth|21st)\b",
                    lambda m, rng: "1er" if m.group(1) == "1st" else m.group(1)[:-2] + rng.choice(["e", "ème"])),
    "century": _sub(r"\b(19|20|21)(th|st) century\b",
                    lambda m, rng: {"19": "XIXe", "20": "XXe", "21": "XXIe"}[m.group(1)] + " siècle"),
    "orphan-stop": _sub(r"(?<=[a-z]{3}), (?=[a-z])", lambda m, rng: rng.choice([". , ", ", , "])),
    "sentence-break": _sub(r"(?<=[a-z]{4}) (?=(?:in|on|at|for|with|after|before) [a-z])", ". "),
}
QUOTE_KINDS = ("guillemets", "guillemets-nested", "reversed", "spaced-quotes", "low-quotes")
# How likely each kind is tried on a line (quote damage is tried first, at most one a line).
WEIGHTS = {
    "guillemets": 0.40, "guillemets-nested": 0.9, "reversed": 0.35, "spaced-quotes": 0.30, "low-quotes": 0.15,
    "space-before": 0.30, "double-space": 0.12, "apostrophe": 0.6, "decimal-comma": 0.6, "time": 0.6,
    "honorific": 0.6, "currency": 0.5, "numero": 0.6, "date": 0.4, "scale-word": 0.5,
    "thousands": 0.4, "percent-space": 0.5, "ordinal": 0.6, "century": 0.9, "orphan-stop": 0.08,
    "sentence-break": 0.05,
}


def spanning_lines(lines: list[str]) -> set[int]:
    """Lines that are part of a quotation open across a line end."""
    out, depth = set(), 0
    for k, line in enumerate(lines):
        start = depth
        for i, ch in enumerate(line):
            if ch == "“" and not (i == 0 and depth):  # a speech's next paragraph opens again
                depth += 1
            elif ch == "”":
                depth = max(depth - 1, 0)
        if start or depth:
            out.add(k)
    return out


# A closing mark after a number and before a word (“well before 2038” and) is read as an inch
# mark (12” screen) and left out of the pairing, so the other pairs of its segment are not
# repaired: no quotation-mark damage on such lines (a gap of its own, not of segmentation).
INCH_LIKE = re.compile(r"\d”(?= ?[\w€$£])")


def damage(lines: list[str], seed: int = SEED) -> tuple[list[str], Counter]:
    rng = random.Random(seed)
    spanning = spanning_lines(lines) | {k for k, line in enumerate(lines) if INCH_LIKE.search(line)}
    counts: Counter = Counter()
    out = []
    for k, line in enumerate(lines):
        new = line
        if k not in spanning and rng.random() < 0.85:
            quote_kinds = [q for q in QUOTE_KINDS if q in INJECTORS]
            rng.shuffle(quote_kinds)
            for kind in quote_kinds:
                if rng.random() < WEIGHTS[kind] and (hit := INJECTORS[kind](new, rng)) is not None:
                    new, counts[kind] = hit, counts[kind] + 1
                    break
        others = [kind for kind in INJECTORS if kind not in QUOTE_KINDS]
        rng.shuffle(others)
        budget = rng.choice([0, 1, 1, 2, 2, 3])
        for kind in others:
            if budget and rng.random() < WEIGHTS[kind] and (hit := INJECTORS[kind](new, rng)) is not None:
                new, counts[kind], budget = hit, counts[kind] + 1, budget - 1
        out.append(new)
    return out, counts


# --------------------------------------------------------------------------- Austen

def curly(paragraph: str) -> str | None:
    """Straight quotes of a Gutenberg paragraph made curly (opening after a space or at the
    start, closing elsewhere: --" closes an interrupted speech); None when a ' is not clearly
    an apostrophe (an inner quotation, an elision at a word's start) or the double marks do not
    alternate open, close (a speech that goes on in the next paragraph stays open)."""
    if re.search(r"(^|[\s(\"])'", paragraph):
        return None
    paragraph = paragraph.replace("'", "’")
    paragraph = re.sub(r'(?:^|(?<=[\s(]))"(?=\S)', "“", paragraph).replace('"', "”")
    marks = "".join(ch for ch in paragraph if ch in "“”")
    if not re.fullmatch(r"(“”)*“?", marks):
        return None  # marks that do not alternate: not understood, left out
    return paragraph


def extract_austen(books: Path, out: Path, chapters: int = 6) -> None:
    text = books.read_text(encoding="utf-8")
    start = text.index("PRIDE AND PREJUDICE")
    body = text[start:text.index("MANSFIELD PARK", start)]
    lines: list[str] = []
    chapter = 0
    for paragraph in body.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph.startswith("Chapter "):
            chapter += 1
            if chapter > chapters:
                break
            continue
        if chapter == 0 or not paragraph:
            continue
        converted = curly(paragraph)
        if converted is None:
            continue
        lines += split_sentences(converted)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- measure

def measure() -> None:
    """For each sample, the lines that differ from the expected file after fix() (auto, unsafe
    fixes): the file as it stands (one paragraph), then with a blank line between lines."""
    import transclean

    for name in ("lines-mt-news", "lines-human-quotes"):
        lines = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        expected = (SAMPLES / f"{name}.expected.txt").read_text(encoding="utf-8").splitlines()
        one = transclean.fix("\n".join(lines) + "\n", unsafe=True).text.splitlines()
        blank = transclean.fix("\n\n".join(lines) + "\n", unsafe=True).text.rstrip("\n").split("\n\n")
        print(f"{name}: {len(lines)} lines; differ as one paragraph: "
              f"{sum(a != b for a, b in zip(one, expected))}, with blank lines: "
              f"{sum(a != b for a, b in zip(blank, expected))}")


# --------------------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract", type=Path, metavar="BOOKS_TXT",
                        help="rebuild bench/line_sentences/austen-pride.txt from the corpus's books.txt")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--measure", action="store_true", help="only measure the samples as they are")
    args = parser.parse_args()
    if args.measure:
        measure()
        return
    if args.extract:
        extract_austen(args.extract, SENTENCES / "austen-pride.txt")

    clean = news_sentences()
    damaged, counts = damage(clean, args.seed)
    (SAMPLES / "lines-mt-news.expected.txt").write_text("\n".join(clean) + "\n", encoding="utf-8")
    (SAMPLES / "lines-mt-news.txt").write_text("\n".join(damaged) + "\n", encoding="utf-8")
    changed = sum(a != b for a, b in zip(clean, damaged))
    print(f"lines-mt-news: {len(clean)} lines, {changed} damaged, {sum(counts.values())} defects:")
    for kind in INJECTORS:
        print(f"  {kind:18} {counts[kind]}")

    human = [s for s in (SENTENCES / "austen-pride.txt").read_text(encoding="utf-8").splitlines() if s]
    human += [s for s in (SENTENCES / "human-quotes.txt").read_text(encoding="utf-8").splitlines() if s]
    text = "\n".join(human) + "\n"
    for name in ("lines-human-quotes.txt", "lines-human-quotes.expected.txt"):
        (SAMPLES / name).write_text(text, encoding="utf-8")
    print(f"lines-human-quotes: {len(human)} lines, {len(spanning_lines(human))} in quotations across lines")


if __name__ == "__main__":
    main()
