"""Document formats: the prose of a file repaired, every byte of its structure kept.

Golden samples samples/<format>-<topic>.<ext> must become <format>-<topic>.expected.<ext>
(auto language, unsafe fixes applied); everything outside the repaired prose (and the
spans kept inside it) is byte-identical between input and output, and the output parses
with the same parser into as many records.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import srt
import webvtt

import transclean
from conftest import SAMPLES
from transclean.formats import FormatError, Options, format_of, placeholders, read
from transclean.formats import fix as fix_document
from transclean.formats.core import joined
from transclean.formats.html import AttributeValue

OPTIONS = {
    "jsonl-chat-support.jsonl": Options(fields=("messages[].content",)),
    "csv-product-reviews.csv": Options(columns=("target",)),
    "tsv-parallel-corpus.tsv": Options(columns=("2",)),
}
SAMPLE_FORMATS = ("md", "html", "srt", "vtt", "jsonl", "json", "csv", "tsv", "xliff", "po")
PAIRS = sorted(p for p in SAMPLES.iterdir()
               if p.is_file() and p.name.split("-", 1)[0] in SAMPLE_FORMATS and ".expected." not in p.name)
PIPELINE = transclean.Pipeline(unsafe=True)


def _text(path) -> str:
    return path.read_bytes().decode("utf-8")


def _expected(path):
    return path.with_name(f"{path.stem}.expected{path.suffix}")


def _options(path) -> Options:
    return OPTIONS.get(path.name, Options())


def _fix(text: str, fmt: str, options: Options = Options(), pipeline=PIPELINE):
    return fix_document(pipeline, read(text, fmt, options))


def skeleton(text: str, fmt: str, options: Options = Options()) -> str:
    """The text with its prose masked: the structure, and the kept spans inside the prose."""
    doc = read(text, fmt, options)
    j = joined(doc.units)
    out, pos, k = [], 0, 0
    for unit in doc.units:
        for piece in unit:
            out.append(text[pos:piece.start])
            base = j.starts[k]
            kept = [j.text[s:e] for s, e in j.keep if base <= s and e <= base + len(piece.text)]
            out.append("\0" + "\1".join(kept) + "\0")
            pos, k = piece.end, k + 1
    out.append(text[pos:])
    return "".join(out)


def records(text: str, fmt: str) -> int:
    """The records the format's own parser reads in the text."""
    if fmt == "srt":
        return len(list(srt.parse(text)))
    if fmt == "vtt":
        return len(webvtt.from_string(text).captions)
    if fmt == "jsonl":
        return len([json.loads(line) for line in text.splitlines() if line.strip()])
    if fmt == "json":
        value = json.loads(text)
        return len(value) if isinstance(value, list) else 1
    if fmt in ("csv", "tsv"):
        delimiter = "\t" if fmt == "tsv" else csv.Sniffer().sniff(text, delimiters=",;|\t").delimiter
        return len(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)))
    if fmt == "xliff":
        from lxml import etree
        root = etree.fromstring(text.encode("utf-8"))
        return sum(etree.QName(el).localname in ("trans-unit", "unit") for el in root.iter() if isinstance(el.tag, str))
    if fmt == "po":
        import polib
        return len(polib.pofile(text))
    if fmt == "html":
        from html.parser import HTMLParser

        class Count(HTMLParser):
            n = 0

            def handle_starttag(self, tag, attrs):
                self.n += 1

            handle_startendtag = handle_starttag
        counter = Count(convert_charrefs=False)
        counter.feed(text)
        counter.close()
        return counter.n
    from markdown_it import MarkdownIt
    from transclean.formats.markdown import _front_matter
    lines = text.lstrip("\ufeff").split("\n")
    body = "\n".join(lines[_front_matter(lines):])  # front matter is no Markdown
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return sum(t.type == "inline" for t in md.parse(body))


def test_there_are_samples_of_every_format():
    assert {p.name.split("-", 1)[0] for p in PAIRS} == set(SAMPLE_FORMATS)


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_sample_repaired(path):
    expected = _expected(path)
    assert expected.exists(), f"{expected.name} is missing"
    result = _fix(_text(path), format_of(path.name, Options()), _options(path))
    assert result.text == _text(expected)
    assert result.changed


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_sample_structure_is_byte_identical_and_parses_the_same(path):
    fmt, options = format_of(path.name, Options()), _options(path)
    before, after = _text(path), _text(_expected(path))
    assert skeleton(before, fmt, options) == skeleton(after, fmt, options)
    assert records(before, fmt) == records(after, fmt) == read(after, fmt, options).records


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_sample_changes_are_at_offsets_into_the_file(path):
    original = _text(path)
    result = _fix(original, format_of(path.name, Options()), _options(path))
    assert result.original == original
    rebuilt, pos = [], 0
    for c in result.changes:
        assert original[c.start:c.end] == c.before
        if c.applied:
            rebuilt += [original[pos:c.start], c.after]
            pos = c.end
    assert "".join(rebuilt) + original[pos:] == result.text


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_sample_fixed_again_changes_nothing(path):
    fmt, options = format_of(path.name, Options()), _options(path)
    once = _text(_expected(path))
    assert _fix(once, fmt, options).text == once


# --- the command line -------------------------------------------------------------------------

def run(*args, stdin: bytes | None = None):
    proc = subprocess.run([sys.executable, "-m", "transclean.cli", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def _flags(path) -> list[str]:
    o = _options(path)
    return [*(f"--field={f}" for f in o.fields), *(f"--column={c}" for c in o.columns)]


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_check_diff_and_json_on_every_format(path, tmp_path):
    rc, out, _ = run("fix", "--check", "--unsafe-fixes", *_flags(path), path)
    assert (rc, out) == (1, "")
    assert run("fix", "--check", "--unsafe-fixes", *_flags(path), _expected(path))[0] == 0
    rc, diff, _ = run("fix", "--diff", "--unsafe-fixes", *_flags(path), path)
    assert rc == 0 and diff.startswith("--- a/")
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    patched = subprocess.run(["patch", "-s", str(copy)], input=diff.encode("utf-8"), capture_output=True)
    assert patched.returncode == 0, patched.stderr
    assert copy.read_bytes() == _expected(path).read_bytes()
    rc, out, _ = run("fix", "--format", "json", "--unsafe-fixes", *_flags(path), path)
    doc, original = json.loads(out), _text(path)
    assert doc["text"] == _text(_expected(path))
    for c in doc["changes"]:
        assert original[c["start"]:c["end"]] == c["before"]


def test_input_format_is_chosen_by_extension_or_flag(tmp_path):
    damaged = tmp_path / "notes.txt"
    damaged.write_text('{"text": "the company Space X , here"}\n', encoding="utf-8")
    rc, out, _ = run("fix", "--input-format", "jsonl", damaged)
    assert out == '{"text": "the company SpaceX, here"}\n'
    rc, out, _ = run("fix", damaged)  # as text: the whole line is prose
    assert rc == 0
    rc, out, _ = run("fix", "--input-format", "srt", stdin=b"1\n00:00:01,000 --> 00:00:02,000\nSpace X , here\n")
    assert (rc, out) == (0, "1\n00:00:01,000 --> 00:00:02,000\nSpaceX, here\n")


@pytest.mark.parametrize("name, content, line", [
    ("bad.jsonl", '{"text": "ok"}\n{"text": "cut\n', 2),
    ("bad.json", '[\n  {"text": "ok",}\n]\n', 2),
    ("bad.csv", 'id,text\n1,"never closed\n2,ok\n', 2),
    ("bad.tsv", 'id\ttext\n1\t"a" b\n', 2),
    ("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi , there\n\n2\nno timing here\n", 5),
    ("bad.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi , there\n\n00:03.000 -> 00:04.000\nBad\n", 6),
    ("nohead.vtt", "00:01.000 --> 00:02.000\nHi , there\n", 1),
    ("bad.xlf", '<xliff version="1.2">\n<file><body>\n<trans-unit id="a"><target>Hi , there</trans-unit>\n'
                '</body></file></xliff>\n', 3),
    ("bad.po", 'msgid "a"\nmsgstr "b , c"\ngarbage here\n', 3),
    ("cut.po", 'msgid "a"\nmsgstr "b , c"\n"never closed\n', 3),
])
def test_a_malformed_file_is_an_error_naming_its_line_and_is_left_alone(tmp_path, name, content, line):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    rc, out, err = run("fix", "--in-place", path)
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and f"{path}:{line}: " in err
    assert path.read_text(encoding="utf-8") == content


def test_keep_going_carries_on_past_a_malformed_file(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "bad\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "Space X , here"}\n', encoding="utf-8")
    rc, _, err = run("fix", "--in-place", "--keep-going", "--include", "*.jsonl", tmp_path)
    assert rc == 2 and "a.jsonl:1:" in err
    assert (tmp_path / "b.jsonl").read_text(encoding="utf-8") == '{"text": "SpaceX, here"}\n'


def test_unknown_column_and_bad_field_path_are_usage_errors(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,Space X , here\n", encoding="utf-8")
    rc, _, err = run("fix", path)
    assert rc == 2 and "--column" in err and "id, body" in err
    assert run("fix", "--column", "nope", path)[0] == 2
    assert run("fix", "--field", "a..b", tmp_path / "x.jsonl")[0] == 2


# --- what each format keeps -------------------------------------------------------------------

def test_markdown_keeps_code_links_html_front_matter_and_hard_breaks():
    text = ("---\ntitle: a , b\n---\n\nA line , with a hard break  \nand `code , here` and "
            "[link , text](http://x.y/a,b \"t , x\") <span title=\"a , b\">x</span> \\* , ok.\n\n"
            "    indented , code\n\n```\nfenced ” “ , code\n```\n\n<div>\nblock , html\n</div>\n")
    result = _fix(text, "md")
    assert result.text == text.replace("line , with", "line, with").replace("link , text", "link, text") \
        .replace("\\* , ok", "\\*, ok")


def test_markdown_blockquote_and_list_markers_stay_outside_the_prose():
    text = "> He said , that\n> it was fine .\n\n- one ,\n  two .\n"
    assert _fix(text, "md").text == "> He said, that\n> it was fine.\n\n- one,\n  two.\n"


def test_json_changes_are_written_in_the_file_escaping():
    ascii_file = '{"text": "\\u00ab Bonjour \\u00bb , he said \\\\o/", "k": "\\u00ab"}\n'
    out = _fix(ascii_file, "jsonl").text
    assert out.isascii() and json.loads(out)["text"] == "\u201cBonjour\u201d, he said \\o/"
    assert out.endswith('"k": "\\u00ab"}\n')
    raw_file = '{"text": "« Bonjour » , he said"}\n'
    assert _fix(raw_file, "jsonl").text == '{"text": "“Bonjour”, he said"}\n'


def test_json_surrogate_pairs_and_escapes_map_to_their_raw_offsets():
    text = '{"text": "\\ud83d\\ude00 caf\\u00e9\\nthe company Space X , here"}'
    result = _fix(text, "json")
    assert json.loads(result.text)["text"] == "\U0001F600 caf\u00e9\nthe company SpaceX, here"
    assert result.text.startswith('{"text": "\\ud83d\\ude00 caf\\u00e9\\nthe company SpaceX, here"}')
    for c in result.changes:
        assert text[c.start:c.end] == c.before


def test_json_paths_reach_into_lists_and_objects():
    text = '{"meta": {"title": "Space X , here"}, "items": [{"text": "Space X , a"}, {"text": "Space X , b"}], ' \
           '"text": "Space X , c"}'
    out = json.loads(_fix(text, "json", Options(fields=("meta.title", "items[].text"))).text)
    assert out == {"meta": {"title": "SpaceX, here"}, "items": [{"text": "SpaceX, a"}, {"text": "SpaceX, b"}],
                   "text": "Space X , c"}


def test_a_bare_csv_cell_never_gets_a_quote_it_could_not_hold():
    # the document writes straight quotes, so guillemets become straight quotes: a quoted cell
    # takes them doubled, a bare cell could not hold them unquoted and keeps its guillemets
    text = 'id,text\n1,He said « hello » there\n2,"He said ""fine"" and « hello » there"\n'
    out = _fix(text, "csv", pipeline=transclean.Pipeline(select=["quotes"])).text
    assert out == 'id,text\n1,He said « hello » there\n2,"He said ""fine"" and ""hello"" there"\n'
    assert len(list(csv.reader(io.StringIO(out, newline="")))) == 3


def test_csv_keeps_crlf_quoting_and_other_cells():
    text = 'id;text;price\r\n1;"Space X , ""here""";"89,90"\r\n2;Space X , there;12\r\n'
    out = _fix(text, "csv").text
    assert out == 'id;text;price\r\n1;"SpaceX, ""here""";"89,90"\r\n2;SpaceX, there;12\r\n'


def test_subtitle_tags_and_timings_are_kept():
    text = "1\n00:00:01,000 --> 00:00:02,500\n<i>Space X , here</i> {\\an8}\n\n2\n00:00:03,000 --> 00:00:04,000\n- Yes , <b>now</b> .\n"
    out = _fix(text, "srt").text
    assert out == text.replace("Space X , here", "SpaceX, here").replace("Yes , <b>now</b> .", "Yes, <b>now</b>.")


def test_a_quotation_over_cues_is_one_unit():
    text = "1\n00:00:01,000 --> 00:00:02,000\n“ He said that\n\n2\n00:00:02,000 --> 00:00:03,000\nit would rain ” , she said.\n"
    doc = read(text, "srt")
    assert len(doc.units) == 1 and len(doc.units[0]) == 2


@pytest.mark.parametrize("text, kept", [
    ("%s files", ["%s"]), ("%2$.1f MB", ["%2$.1f"]), ("%(name)s said", ["%(name)s"]), ("100%% sure", ["%%"]),
    ("{0} items", ["{0}"]), ("{count, plural, one {# item} other {# items}}", ["{count, plural, one {# item} other {# items}}"]),
    ("${user} and {{x}}", ["${user}", "{{x}}"]), ("20%of them", []), ("5 % during", []), ("{see below}", []),
    ("50%.", []),
])
def test_placeholders(text, kept):
    assert [text[s:e] for s, e in placeholders.spans(text)] == kept


def test_placeholders_are_never_edited():
    text = '{"text": "Deleted %1$d files , %(name)s . {count, plural, one {# file ,} other {# files ,}}"}'
    out = json.loads(_fix(text, "json").text)["text"]
    assert "%1$d" in out and "%(name)s" in out and "{count, plural, one {# file ,} other {# files ,}}" in out


def test_pipeline_keep_spans_are_never_edited():
    text = "Space X , here and Space X , there"
    result = PIPELINE.fix(text, keep=[(19, 28)])
    assert result.text == "SpaceX, here and Space X , there"


def test_an_empty_document_and_one_without_prose_are_unchanged():
    for text, fmt in (("", "md"), ("```\ncode , x\n```\n", "md"), ("[]", "json"), ("id,text\n", "csv"),
                      ("WEBVTT\n", "vtt")):
        assert _fix(text, fmt).text == text


def test_format_errors_carry_the_line():
    with pytest.raises(FormatError) as err:
        read('{"text": 1}\n\n{bad\n', "jsonl")
    assert err.value.line == 3


# --- Markdown's structure, whatever the prose ----------------------------------------------------

MARKDOWN_DOCS = [
"Title , here\n=====\n\nSub , title\n---\n",
"- item one ,\ncontinued lazily .\n- item two\n\n  second para , here\n",
"> quote , one\ncontinued lazily , here\n>\n> > nested , quote .\n",
"1. one ,\n   1. nested , two\n      - deep , three\n",
"\tindented , code with tab\n\npara\twith tab , here\n",
"- \tlist with tab , here\n",
"# Heading , with `code` and [link , x](u) #\n\n## C# language , here ##\n",
"| a , b | c \\| d , e |\n|---|---|\n| x , y | `p \\| q` , r |\n",
"Para with <b>html , inline</b> and <!-- comment , x --> ok , yes.\n",
"Text with ![alt , text](img.png \"title , t\") and [ref , link][r] .\n\n[r]: /url \"T , t\"\n",
"Line one ,   \nline two\\\nline three .\n",
"***\n\nText , _emph , x_ and __strong__ , and ~~strike , x~~ .\n",
"<div>\n\nmarkdown , inside html\n\n</div>\n",
"```\n” “ , code\n```\nafter , fence\n",
"~~~python\nx = 1 , 2\n~~~\n",
"   para indented three , spaces\n",
"Hello &amp; goodbye , &copy; 2023 .\n",
"Autolink <http://a.b/c,d> , and email <a@b.co> , here .\n",
"* a\n\n      code in list , x\n",
"Setext with two lines ,\nof text\n===\n",
"> - quoted list , item\n>   continued , here\n",
"line with trailing spaces , \nnext .\n",
"\ufeff# BOM heading , x\n\nText , here\n",
"Para , one\r\n\r\n> Quote , crlf\r\n> next , line\r\n",
]


def _blocks(text: str) -> list:
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return [(t.type, t.tag, t.markup, t.info, t.content if t.type in ("fence", "code_block", "html_block") else "")
            for t in md.parse(text.lstrip("\ufeff"))]


@pytest.mark.parametrize("text", MARKDOWN_DOCS)
def test_markdown_blocks_and_code_are_the_same_after(text):
    result = _fix(text, "md")
    assert _blocks(result.text) == _blocks(text)
    assert result.changed or text.startswith(("```", "~~~", "* a"))


def test_kept_spans_follow_the_text_over_rounds():
    """In auto mode a text may run the stages of several languages; kept spans stay kept."""
    from transclean.offsets import ChangeLog, Proposal
    from transclean.model import Edit
    log = ChangeLog("ab cd ef")
    log.apply("ab cd ef", [Proposal(Edit(0, 2, "xyz", "m"), "r", True)])
    assert log.unmoved([(3, 5), (6, 8)]) == [(4, 6), (7, 9)]
    log.apply("xyz cd ef", [Proposal(Edit(7, 9, "", "m"), "r", True)])
    assert log.unmoved([(3, 5)]) == [(4, 6)]


def test_html_keeps_tags_code_scripts_comments_entities_and_other_languages():
    text = ('<p title="a , b">The company Space X , <b>here</b> &amp; there .</p>\n'
            '<script>x = 1 , 2</script><style>p { content: "a , b" }</style>\n'
            '<pre>  a   , b</pre><p>Run <code>a , b</code> now , ok.</p>\n'
            '<p lang="fr">« Bonjour » , dit-il.</p><p>He said <span lang="es">¿Qué tal ?</span> , then.</p>\n'
            '<!-- a , b --><div>Text , in a div<img alt="a , b" src="x.png"></div>\n')
    out = _fix(text, "html").text
    assert out == (text.replace("Space X , <b>", "SpaceX, <b>").replace("there .", "there.")
                   .replace("now , ok", "now, ok").replace("</span> , then", "</span>, then")
                   .replace("Text , in", "Text, in"))


def test_html_indented_text_is_prose_not_code():
    text = "<body>\n  <p>\n    The company Space X , here\n    and there .\n  </p>\n</body>\n"
    assert _fix(text, "html").text == text.replace("Space X , here", "SpaceX, here").replace("there .", "there.")


def test_attribute_quotes_and_code_do_not_set_the_quote_style():
    text = '<p>A <a href="x" title="y">link</a> and <code>"a"</code>: the value of” experience “, here.</p>\n'
    assert "of “experience”, here" in _fix(text, "html").text


# --- any value comes back as valid data --------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

PROSE = st.text(alphabet=st.sampled_from(list('ab Space X,.;:!?"\'\\\n\t«»“”„%s{0}é\u00a0😀-()')), max_size=40)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(PROSE, min_size=1, max_size=4), ascii_only=st.booleans())
def test_json_lines_stay_valid_and_other_fields_untouched(values, ascii_only):
    lines = [json.dumps({"id": k, "text": v, "other": v}, ensure_ascii=ascii_only) for k, v in enumerate(values)]
    text = "\n".join(lines) + "\n"
    result = _fix(text, "jsonl")
    out = [json.loads(line) for line in result.text.splitlines()]
    assert [(o["id"], o["other"]) for o in out] == [(k, v) for k, v in enumerate(values)]
    for c in result.changes:
        assert text[c.start:c.end] == c.before
    if ascii_only:
        assert result.text.isascii()


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(PROSE, PROSE), min_size=1, max_size=4), delimiter=st.sampled_from([",", ";", "\t"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_csv_stays_valid_and_other_cells_untouched(rows, delimiter, quoting):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(["source", "text"])
    writer.writerows(rows)
    text = buffer.getvalue()
    result = fix_document(PIPELINE, read(text, "tsv" if delimiter == "\t" else "csv"))
    out = list(csv.reader(io.StringIO(result.text, newline=""), delimiter=delimiter, strict=True))
    before = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    assert len(out) == len(before) and [r[0] for r in out] == [r[0] for r in before]
    assert all(len(a) == len(b) for a, b in zip(out, before))


def test_po_keeps_header_msgids_comments_flags_and_obsolete_entries():
    text = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            '# a comment , here\n#, c-format\n#| msgid "old , one"\nmsgid "« Texte » , ici %s"\n'
            'msgstr "The company Space X , here %s"\n\n#~ msgid "a , b"\n#~ msgstr "c , d"\n')
    assert _fix(text, "po").text == text.replace("Space X , here", "SpaceX, here")


def test_po_plural_forms_and_wrapped_strings_are_repaired_in_place():
    text = ('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d file , gone ."\nmsgstr[1] "%d files , gone ."\n\n'
            'msgid "long"\nmsgstr ""\n"The company Space X , "\n"by Elon Musk \\"here\\" ."\n')
    out = _fix(text, "po").text
    assert out == ('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d file, gone."\nmsgstr[1] "%d files, gone."\n\n'
                   'msgid "long"\nmsgstr ""\n"The company SpaceX, "\n"by Elon Musk \\"here\\"."\n')


XLIFF2 = ('<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" '
          'trgLang="{trg}">\n  <file id="f">\n    <unit id="u1">\n      <segment>\n'
          '        <source>„Hallo“ , sagte er <ph id="1" equiv="{{0}}"/></source>\n'
          '        <target>The company Space X , said <pc id="2">hello</pc> <ph id="1" equiv="{{0}}"/> .</target>\n'
          '      </segment>\n    </unit>\n  </file>\n</xliff>\n')


def test_xliff2_targets_repaired_with_the_declared_source_language():
    text = XLIFF2.format(trg="en-US")
    doc = read(text, "xliff")
    assert doc.source_lang == "de"
    result = fix_document(transclean.Pipeline(), doc)
    assert result.text == text.replace("Space X , said", "SpaceX, said").replace('{0}"/> .</target>', '{0}"/>.</target>')
    assert result.source_lang == "de"


def test_xliff_with_a_target_language_other_than_english_is_left_alone():
    text = XLIFF2.format(trg="fr")
    assert _fix(text, "xliff").text == text


def test_a_declared_encoding_and_several_processes(tmp_path):
    text = XLIFF2.format(trg="en").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>')
    (tmp_path / "a.xlf").write_bytes(text.encode("latin-1", "xmlcharrefreplace"))
    (tmp_path / "b.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nSpace X , here\n", encoding="utf-8")
    rc, _, err = run("fix", "--check", "-j", "2", "--include", "*.xlf,*.srt", tmp_path)
    assert rc == 1 and "2 would change" in err, err


def test_html_attributes_when_asked():
    text = ('<p>See <a href="x,y" title="The report , here">it</a> , now.</p>\n'
            '<img alt="The company Space X , &amp; more" src="a.png"><span lang="fr" title="Un , deux">x</span>\n')
    assert _fix(text, "html").text == text.replace("</a> , now", "</a>, now")
    out = _fix(text, "html", Options(attributes=("alt", "title"))).text
    assert out == (text.replace("</a> , now", "</a>, now").replace("report , here", "report, here")
                   .replace("Space X , &amp;", "SpaceX, &amp;"))
    assert AttributeValue(3, '"').encode('a "b" & c') == "a &quot;b&quot; &amp; c"
    assert AttributeValue(3, "").encode("a b") is None


def test_a_placeholder_lost_or_added_in_a_target_is_flagged():
    xliff = ('<xliff version="1.2"><file source-language="fr" target-language="en"><body>\n'
             '<trans-unit id="a"><source>Supprimer %1$d fichiers de %2$s</source><target>Delete %1$d files</target>'
             '</trans-unit>\n<trans-unit id="b"><source>Bonjour <ph id="1">{0}</ph></source>'
             '<target>Hello <ph id="1">{0}</ph> {1}</target></trans-unit>\n'
             '<trans-unit id="c"><source>100%% sûr</source><target>100%% sure</target></trans-unit>\n</body></file></xliff>\n')
    result = _fix(xliff, "xliff")
    assert [(f.rule, xliff[f.start:f.end], f.message) for f in result.flags] == [
        ("formats.placeholders", "Delete %1$d files", "placeholder %2$s of the source is missing from the target"),
        ("formats.placeholders", 'Hello <ph id="1">{0}</ph> {1}', "placeholder {1} of the target is not in the source")]
    po = ('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n\n'
          'msgid "Hello %s"\nmsgstr "Hello"\n\nmsgid "Untranslated %s"\nmsgstr ""\n')
    flags = _fix(po, "po").flags
    assert [(po[f.start:f.end], f.message) for f in flags] == [
        ("Hello", "placeholder %s of the source is missing from the target")]


def _xliff(*segments: tuple[str, str], source_lang: str = "fr") -> str:
    units = "".join(f'<trans-unit id="{n}"><source>{s}</source><target>{t}</target></trans-unit>\n'
                    for n, (s, t) in enumerate(segments))
    return (f'<xliff version="1.2"><file source-language="{source_lang}" target-language="en"><body>\n'
            f'{units}</body></file></xliff>\n')


def test_a_source_number_left_as_written_in_the_target_is_repaired():
    xliff = _xliff(("Poids : 1,500 kg <x id=\"12\"/>", "Weight: 1,500 kg <x id=\"12\"/>"),
                   ("Le paiement de 1 250,00 a échoué", "The payment of 1 250,00 failed"))
    result = _fix(xliff, "xliff", pipeline=transclean.Pipeline(select=["formats"]))
    assert [(c.rule, c.before, c.after, xliff[c.start:c.end]) for c in result.changes] == [
        ("formats.numbers", "1,500", "1.500", "1,500"), ("formats.numbers", "1 250,00", "1,250.00", "1 250,00")]
    assert "Weight: 1.500 kg <x id=\"12\"/>" in result.text and "payment of 1,250.00 failed" in result.text
    assert not result.flags
    # a PO file declares no source language: its msgids tell it, to the locale stage too
    po = ('msgid "Le paiement de 1 250,00 € a échoué"\nmsgstr "The payment of 1 250,00 € failed"\n\n'
          'msgid "Poids : 1,500 kg, à payer aujourd\'hui"\nmsgstr "Weight: 1,500 kg, payable today"\n')
    result = _fix(po, "po")
    assert result.source_lang == "fr"
    assert "The payment of €1,250.00 failed" in result.text and "Weight: 1.500 kg" in result.text
    assert [c.rule for c in result.changes] == ["locale.currency", "formats.numbers"]
    assert not result.flags
    # with no language known, a decimal comma of one or two digits reads one way only
    po = 'msgid "Total: 1 250,00"\nmsgstr "Total: 1 250,00"\n'
    assert _fix(po, "po", pipeline=transclean.Pipeline(select=["formats"])).text == po.replace(
        'msgstr "Total: 1 250,00"', 'msgstr "Total: 1,250.00"')


def test_a_source_number_the_target_writes_well_or_reformats_is_left_alone():
    xliff = _xliff(("Total : 1 250,00 €", "Total: €1,250.00"), ("Remise de 5 %", "5% off"),
                   ("Livraison le 14/03/2023, en 2023, à 21h30", "Delivery on March 14, 2023, in 2023, at 9:30 p.m."),
                   ("En 3,5 millions de foyers", "In 3.5 million homes"), ("Soit 10 000 clients", "Ten thousand customers"),
                   ("Vol 1 250", "Flight 1250"), ("Le 1er de 12 enfants", "The first of twelve children"),
                   ("Le 21 mars à 18 h 30", "On the 21st of March at 6:30 p.m."))
    result = _fix(xliff, "xliff")
    assert result.text == xliff and not result.changes and not result.flags
    # with the source language unknown, 1,500 is not repaired: it may be English thousands
    po = 'msgid "1,500"\nmsgstr "1,500"\n'
    assert _fix(po, "po", pipeline=transclean.Pipeline(select=["formats"])).text == po


def test_a_source_number_with_no_counterpart_in_the_target_is_flagged():
    xliff = _xliff(("Il reste 250 places sur 1 250,50", "There are 25 seats left of 1,250.50"),
                   ("Livraison en 48 heures", "Delivery in 24 hours"))
    result = _fix(xliff, "xliff")
    assert [(f.rule, xliff[f.start:f.end], f.message) for f in result.flags] == [
        ("formats.numbers", "There are 25 seats left of 1,250.50", "number 250 of the source has no counterpart in the target"),
        ("formats.numbers", "Delivery in 24 hours", "number 48 of the source has no counterpart in the target")]
    assert not _fix(xliff, "xliff", pipeline=transclean.Pipeline(ignore=["formats.numbers"])).flags


def test_a_name_or_title_the_source_names_is_made_right_in_the_target():
    xliff = _xliff(("Ce soir : Les Dents de la mer", "Tonight: The Teeth of the Sea"),
                   ("Revoir « Les Dents de la mer »", "Watch “Les Dents de la mer” again"),
                   ("Livraison gratuite à Londres", "Free delivery to Londres"))
    result = _fix(xliff, "xliff")
    assert [(c.rule, c.before, c.after) for c in result.changes] == [
        ("formats.terms", "The Teeth of the Sea", "Jaws"), ("formats.terms", "Les Dents de la mer", "Jaws"),
        ("names.exonyms", "Londres", "London")]  # the text's own rule came first
    assert "Tonight: Jaws</target>" in result.text and "Watch “Jaws” again" in result.text
    assert not result.flags
    # the knowledge is that of the run's packs
    assert [c.rule for c in _fix(xliff, "xliff", pipeline=transclean.Pipeline(ignore=["glossary.titles"])).changes] \
        == ["names.exonyms"]
    # the text alone is not enough: without the source, no context word makes it the film
    assert transclean.fix("Tonight: The Teeth of the Sea", source_lang="fr").text == "Tonight: The Teeth of the Sea"
    # in a PO file, and beside the changes of the text's own rules
    po = 'msgid "Ce soir : Les Dents de la mer , de Spielberg"\nmsgstr "Tonight : Les Dents de la mer , by Spielberg"\n'
    assert _fix(po, "po").text == 'msgid "Ce soir : Les Dents de la mer , de Spielberg"\nmsgstr "Tonight: Jaws, by Spielberg"\n'


def test_a_chinese_or_japanese_local_title_between_its_marks_names_the_work():
    xliff = _xliff(("今晚播出《大白鲨》。", "Tonight: Great White Shark."), ("看《ジョーズ》", "Watch Great White Shark"),
                   ("大白鲨在海里", "The great white shark in the sea"), source_lang="zh")
    result = _fix(xliff, "xliff")
    assert [(c.rule, c.before, c.after) for c in result.changes] == [("formats.terms", "Great White Shark", "Jaws")]
    # unmarked, the characters are ordinary words (the shark itself); a Japanese title in a Chinese source names nothing


def test_a_name_or_title_the_target_lost_is_flagged_with_the_right_form():
    xliff = _xliff(("Ce soir : Piège de cristal", "Tonight: Siege in the Tower"), ("Ce soir : Piège de cristal", "Tonight: Die Hard"))
    result = _fix(xliff, "xliff")
    assert result.text == xliff
    assert [(f.rule, xliff[f.start:f.end], f.message, f.suggestion) for f in result.flags] == [
        ("formats.terms", "Tonight: Siege in the Tower", "the source names Die Hard (Piège de cristal); the target does not",
         "Die Hard")]
    assert not _fix(xliff, "xliff", pipeline=transclean.Pipeline(ignore=["formats.terms"])).flags


def test_a_local_title_that_may_be_ordinary_words_names_nothing():
    # sentence-initial words that happen to be a title (Urgences, Il processo), and untranslated targets
    xliff = _xliff(("Urgences : appelez le 15", "Emergencies: call 15"),
                   ("Il processo è iniziato ieri", "The trial began yesterday"), ("Livraison à Londres", ""),
                   source_lang="fr")
    result = _fix(xliff, "xliff")
    assert result.text == xliff and not result.flags
    italian = _xliff(("Il processo è iniziato ieri", "The trial began yesterday"), source_lang="it")
    assert not _fix(italian, "xliff").flags
    # a source language the entry does not serve: its forms are not read
    spanish = _xliff(("Ce soir : Les Dents de la mer", "Tonight: The Teeth of the Sea"), source_lang="de")
    assert _fix(spanish, "xliff").text == spanish


def test_a_russian_name_romanised_by_another_convention_is_written_the_english_way():
    xliff = _xliff(("Режиссёр Клим Шипенко", "Director Klim Szypenko"), ("Фильм Шипенко", "A film by Шипенко"),
                   ("Москва, Кремль", "Moscow, the Kremlin"), ("Путин и Шипенко", "Putin and Shipenko"), source_lang="ru")
    result = _fix(xliff, "xliff", pipeline=transclean.Pipeline(select=["formats"]))
    assert [(c.before, c.after, c.message) for c in result.changes] == [
        ("Szypenko", "Shipenko", "Szypenko spells Шипенко of the source; English writes Shipenko"),
        ("Шипенко", "Shipenko", "Шипенко copies Шипенко of the source; English writes Shipenko")]
    # only a Russian source is read so
    assert _fix(xliff.replace('"ru"', '"uk"'), "xliff", pipeline=transclean.Pipeline(select=["formats"])).text \
        == xliff.replace('"ru"', '"uk"')


def test_the_rules_of_the_formats_are_listed_selected_and_explained(capsys):
    from transclean.cli import main
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    for rule_id in ("formats.placeholders", "formats.numbers", "formats.terms", "formats.held"):
        assert rule_id in listing
        assert main(["rules", "--explain", rule_id]) == 0
        assert capsys.readouterr().out.startswith(f"{rule_id} (safe)\n\n")
    xliff = _xliff(("Supprimer %1$d fichiers de %2$s", "Delete %1$d files"))
    assert [f.rule for f in _fix(xliff, "xliff").flags] == ["formats.placeholders"]
    assert not _fix(xliff, "xliff", pipeline=transclean.Pipeline(ignore=["formats.placeholders"])).flags
    assert [f.rule for f in _fix(xliff, "xliff", pipeline=transclean.Pipeline(select=["formats.placeholders"])).flags] \
        == ["formats.placeholders"]


def test_a_change_the_structure_cannot_take_is_flagged():
    text = 'id,target\n1,"He said ""yes"" to it, and ""no"" too"\n2,"She said ""maybe"" twice"\n3,«Yes» she said\n'
    result = _fix(text, "csv", Options(columns=("target",)))
    assert result.text == text and not result.changes
    assert [(f.rule, text[f.start:f.end]) for f in result.flags] == [("formats.held", "«"), ("formats.held", "»")]
    assert all(f.message.startswith("Not applied: quotes.") and f.message.endswith("(a value here cannot hold it as written)")
               for f in result.flags)
    quiet = _fix(text, "csv", Options(columns=("target",)), transclean.Pipeline(unsafe=True, ignore=["formats.held"]))
    assert quiet.text == text and not quiet.flags


CLEAN_DOCUMENTS = sorted(p for p in (SAMPLES / "clean").iterdir() if p.suffix != ".txt")


@pytest.mark.parametrize("path", CLEAN_DOCUMENTS, ids=lambda p: p.name)
def test_clean_documents_come_out_byte_identical(path):
    text = _text(path)
    result = _fix(text, format_of(path.name, Options()), Options())
    assert result.text == text and not result.changes


def test_there_are_clean_documents():
    assert len(CLEAN_DOCUMENTS) >= 4
