"""Reviewing changes on a terminal one by one, like `git add -p` (`fix --interactive`).

Each file is fixed with the unsafe fixes applied, so that every change can be offered on
its own (they are disjoint); the answers choose which of them the file gets. A rule's
`a` or `d` also answers every later change of that rule (a change two stages made together
matches either rule), in this file and the next. At `q`, the changes not answered yet are
not applied. A file is written (atomically) once its review ends, and only if it still
holds what was read: an interrupted review leaves it untouched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from .decisions import accepted_text
from .model import Change, Result
from .output import OutputError, locked, say
from .positions import Lines
from .render import printable, review_lines, word_diff
from .textio import Source, digest

ANSWERS = frozenset("ynad")  # the keys that answer a change
HELP = """\
y - apply this change
n - do not apply this change
a - apply this change and every later one of its rule
d - do not apply this change nor any later one of its rule
u - undo the last answer
q - quit: apply the changes answered yes so far, none of the rest
? - this help"""
CONTEXT = 60  # characters shown on each side of a change, within its line


def refusal(args, names: Sequence[str]) -> str | None:
    """Why --interactive cannot run with these arguments, or None."""
    if "-" in names:
        return "--interactive reviews files, not standard input"
    if args.output:
        return "--interactive writes the accepted changes back into each FILE: drop -o"
    if args.statistics:
        return "--statistics counts a run's changes, not a review's: drop one of them"
    if sys.stdin is None or not sys.stdin.isatty():
        return "--interactive needs a terminal on standard input (to review elsewhere: --diff or --format json)"
    return None


def rule_ids(change: Change) -> list[str]:
    """The rules of a change: one, or those of a change several stages made together."""
    return change.rule.split("+")


def walk(changes: Sequence[Change], ask: Callable[[int], str], tell: Callable[[str], None],
         by_rule: dict[str, bool] | None = None) -> tuple[dict[int, bool], dict[str, bool], bool]:
    """Take the answers on the changes: (decision of each change answered, by index;
    the rules answered with a or d, for the next file; whether the user quit).

    `ask(i)` shows change i and returns the key pressed; `by_rule` holds the rules
    answered in earlier files.
    """
    answers: list[tuple[int, str]] = []  # (change, key) for each change asked, in order
    decided: dict[int, bool] = {}

    def rules() -> dict[str, bool]:
        answered = dict(by_rule or {})
        for j, key in answers:
            if key in "ad":
                answered.update(dict.fromkeys(rule_ids(changes[j]), key == "a"))
        return answered

    i = 0
    while i < len(changes):
        answered = rules()
        auto = next((answered[r] for r in rule_ids(changes[i]) if r in answered), None)
        if auto is not None:
            decided[i] = auto
            i += 1
            continue
        key = ask(i)
        if key == "u":
            if not answers:
                tell("nothing to undo in this file")
                continue
            i = answers.pop()[0]
            decided = {j: accept for j, accept in decided.items() if j < i}
        elif key == "q":
            return decided, rules(), True
        elif key in ANSWERS:
            answers.append((i, key))
            decided[i] = key in "ya"
            i += 1
        else:
            tell(HELP)
    return decided, rules(), False


def shown(original: str, change: Change, colour: bool) -> str:
    """The change inline in its line ([-old-]{+new+}⟨rule⟩), cut to CONTEXT characters each side."""
    line_start = original.rfind("\n", 0, change.start) + 1
    line_end = original.find("\n", change.end)
    line_end = len(original) if line_end < 0 else line_end
    start, end = max(line_start, change.start - CONTEXT), min(line_end, change.end + CONTEXT)
    before = printable(original[start:change.start])
    after = printable(original[change.end:end])
    old, new = printable(change.before), printable(change.after)
    inline = Result(before + old + after, "", (change._replace(start=len(before), end=len(before) + len(old),
                                                                before=old, after=new, applied=True),))
    return ("…" if start > line_start else "") + word_diff(inline, colour) + ("…" if end < line_end else "")


def review(files: Sequence[str], read: Callable[[str], Source], fix: Callable[[str, str], Result],
           encoded: Callable[[str, Source, Result], bytes]) -> int:
    """Review the files' changes on the terminal and write each file's accepted ones."""
    colour = sys.stderr.isatty()
    by_rule: dict[str, bool] = {}
    for name in files:
        source = read(name)
        result = fix(name, source.text)
        for line in review_lines(result, name):
            say(line)
        changes = [c for c in result.changes if c.applied]
        if not changes:
            continue
        lines = Lines(result.original, "utf-32")

        def ask(i: int) -> str:
            c = changes[i]
            line, col = lines.position(c.start)
            kind = "safe" if c.safe else "unsafe"
            sys.stderr.write(f"\n{printable(name)}:{line + 1}:{col + 1}: {printable(c.rule)} ({kind}): {printable(c.message)}\n"
                             f"    {shown(result.original, c, colour)}\n"
                             f"({i + 1}/{len(changes)}) Apply this change [y,n,a,d,u,q,?]? ")
            sys.stderr.flush()
            answer = sys.stdin.readline()
            return answer.strip().lower()[:1] if answer else "q"  # end of input: quit

        decided, by_rule, quit = walk(changes, ask, _tell, by_rule)
        accepted = [c for i, c in enumerate(changes) if decided.get(i)]
        if accepted:
            _write(name, source, Result(result.original, accepted_text(result.original, accepted)), encoded)
        say(f"{name}: {len(accepted)} of {len(changes)} change{'s' * (len(changes) != 1)} applied"
            + ("" if accepted else ", file left as it was"))
        if quit:
            break
    return 0


def _tell(text: str) -> None:
    """Help or a notice, as it is written (several lines), on the terminal."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _write(name: str, source: Source, result: Result, encoded: Callable[[str, Source, Result], bytes]) -> None:
    with locked(name) as target:
        if digest(target.read()) != source.digest:
            raise OutputError(f"{name}: changed while it was reviewed; nothing written (review it again)")
        target.replace(encoded(name, source, result))
