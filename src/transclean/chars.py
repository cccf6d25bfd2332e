"""Character classes shared by the rules, written by name so they can be read."""

# Horizontal spaces that may separate words: plain, no-break, the typographic
# widths U+2000-U+200A, narrow no-break and medium mathematical space, ideographic.
HSPACE = " \t\N{NO-BREAK SPACE}\u2000-\u200a\N{NARROW NO-BREAK SPACE}\N{MEDIUM MATHEMATICAL SPACE}\N{IDEOGRAPHIC SPACE}"
# The same without the tab, for spans inside a line of prose.
SPACE = HSPACE.replace("\t", "")

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

# End of a line, for patterns that must keep CRLF intact.
EOL_AHEAD = r"(?=\r?\n|\Z)"
