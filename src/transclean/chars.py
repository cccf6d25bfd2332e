"""Character classes shared by the rules, written by name so they can be read."""

# Spaces that may separate words: plain, no-break, the typographic widths
# U+2000-U+200A, narrow no-break, medium mathematical and ideographic. Listed one
# by one, so the string serves both as a set of characters (str.strip) and as the
# body of a regex character class.
SPACE = (
    " \N{NO-BREAK SPACE}" + "".join(map(chr, range(0x2000, 0x200B)))
    + "\N{NARROW NO-BREAK SPACE}\N{MEDIUM MATHEMATICAL SPACE}\N{IDEOGRAPHIC SPACE}"
)
# The same with the tab: horizontal whitespace.
HSPACE = "\t" + SPACE
# Typographic widths English prose never needs between words (em, en, hair,
# ideographic...); no-break, thin and narrow no-break spaces are not among them.
ODD_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f\u3000"

LEFT_DOUBLE = "\N{LEFT DOUBLE QUOTATION MARK}"  # “
RIGHT_DOUBLE = "\N{RIGHT DOUBLE QUOTATION MARK}"  # ”
LOW_DOUBLE = "\N{DOUBLE LOW-9 QUOTATION MARK}"  # „
REVERSED_DOUBLE = "\N{DOUBLE HIGH-REVERSED-9 QUOTATION MARK}"  # ‟
LEFT_GUILLEMET = "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"  # «
RIGHT_GUILLEMET = "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"  # »
LEFT_SINGLE = "\N{LEFT SINGLE QUOTATION MARK}"  # ‘
RIGHT_SINGLE = "\N{RIGHT SINGLE QUOTATION MARK}"  # ’
LEFT_SINGLE_GUILLEMET = "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}"  # ‹
RIGHT_SINGLE_GUILLEMET = "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"  # ›
LOW_SINGLE = "\N{SINGLE LOW-9 QUOTATION MARK}"  # ‚
CURRENCY_SIGNS = "\N{EURO SIGN}\N{POUND SIGN}$"
AMOUNT_SIGNS = "%" + CURRENCY_SIGNS  # they end an amount (5%, 12€) where a word would end
INVERTED_MARKS = "\N{INVERTED QUESTION MARK}\N{INVERTED EXCLAMATION MARK}"  # ¿ ¡: they open a Spanish sentence
# What may stand right before an opening quotation mark, or right after a closing one.
# (Full-width brackets and marks count as their English forms, which the whitespace stage writes.)
BEFORE_OPENING = frozenset("([{\u2014\u2013-/\uff08\uff3b\uff5b\u3010")
AFTER_CLOSING = frozenset(".,;:!?)]}\u2014\u2013-\u2026\uff09\uff3d\uff5d\u3011\uff0c\u3002\uff1b\uff1a\uff01\uff1f")


def opens_word(ch: str) -> bool:
    """Does a word start with this character? (¿ and ¡ count as part of the word they open:
    the locale stage removes them for Spanish, and the word is then glued to what was before.)"""
    return ch.isalpha() or (ch != "" and ch in INVERTED_MARKS)


def skip_back(text: str, i: int, chars: str) -> int:
    """Where a run of `chars` ending at i starts (i itself when text[i - 1] is not one of them);
    reads only the run, never the whole text before it."""
    while i > 0 and text[i - 1] in chars:
        i -= 1
    return i


def mark_direction(text: str, i: int) -> str | None:
    """'open' or 'close', as the neighbours of the quotation mark at i suggest; None if unclear."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    opening = (prev.isspace() or prev in BEFORE_OPENING) and not nxt.isspace()
    closing = not prev.isspace() and (nxt.isspace() or nxt in AFTER_CLOSING)
    if opening == closing:
        return None
    return "open" if opening else "close"
