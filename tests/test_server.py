"""`transclean server`, driven by a scripted LSP client over stdio (JSON-RPC frames)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import transclean
from transclean import formats
from transclean.decisions import accepted_text
from transclean.pipeline import Pipeline

pytest.importorskip("pygls", reason="pygls is not installed: pip install 'transclean[server]'")

# an emoji before the damage: its two UTF-16 code units are one code point
TEXT = "Rocket 🚀 news\r\nthe value of” experience “, estimated by the company Space X , by Elon Musk.\n"
MARKDOWN = "# Title\n\nThe company Space X , by Elon Musk.\n\n```\ncode Space X , kept\n```\n"


class Client:
    """The editor's side: frames out, frames in; notifications kept until asked for."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "transclean.cli", "server", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.notifications: list[dict] = []

    def send(self, method: str, params: dict, request: bool = True) -> dict | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        if not request:
            return None
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id and "method" not in reply:
                assert "error" not in reply, reply
                return reply["result"]
            self.notifications.append(reply)

    def receive(self) -> dict:
        length = None
        while True:
            line = self.proc.stdout.readline()
            assert line, f"the server stopped: {self.proc.stderr.read().decode()}"
            if line == b"\r\n":
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message = json.loads(self.proc.stdout.read(length))
        assert message.get("method") != "window/showMessage", message  # an error the server met
        return message

    def diagnostics(self, uri: str) -> list[dict]:
        """The next diagnostics published for `uri`."""
        while True:
            message = self.notifications.pop(0) if self.notifications else self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def initialize(self, encodings: list[str] | None = None) -> dict:
        capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
        result = self.send("initialize", {"processId": None, "rootUri": None, "capabilities": capabilities})
        self.send("initialized", {}, request=False)
        return result

    def open(self, uri: str, text: str, language: str, version: int = 1) -> list[dict]:
        self.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version,
                                                            "text": text}}, request=False)
        return self.diagnostics(uri)

    def close(self) -> int:
        self.send("shutdown", {})
        self.send("exit", {}, request=False)
        self.proc.stdin.close()
        rc = self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc


@pytest.fixture
def client():
    c = Client()
    yield c
    if c.proc.poll() is None:
        c.proc.kill()
        c.proc.wait()


def apply_edits(text: str, edits: list[dict], encoding: str = "utf-16") -> str:
    """Apply LSP TextEdits as an editor does: positions are lines and code units of `encoding`."""
    lines = text.splitlines(keepends=True) + [""]

    def offset(position: dict) -> int:
        line = lines[position["line"]]
        units, chars = 0, 0
        while units < position["character"]:
            units += len(line[chars].encode({"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": "utf-32-le"}[encoding])) \
                // (2 if encoding == "utf-16" else 4 if encoding == "utf-32" else 1)
            chars += 1
        assert units == position["character"], "a position inside a character"
        return sum(map(len, lines[:position["line"]])) + chars

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def actions_at(client: Client, uri: str, diagnostic: dict, only: list[str] | None = None) -> list[dict]:
    context = {"diagnostics": [diagnostic], **({"only": only} if only else {})}
    return client.send("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": diagnostic["range"],
                                                    "context": context})


def test_diagnostics_and_quick_fixes_of_a_plain_text_document(client):
    assert client.initialize()["capabilities"]["codeActionProvider"]
    uri = "file:///tmp/article.txt"
    found = client.open(uri, TEXT, "plaintext")
    result = transclean.fix(TEXT)
    assert sorted(d["code"] for d in found) == sorted(c.rule for c in result.changes)
    assert all(d["source"] == "transclean" and d["severity"] == 2 for d in found)  # applied changes: warnings
    for diagnostic in found:
        change = next(c for c in result.changes if c.rule == diagnostic["code"] and c.before in diagnostic["message"]
                      and diagnostic["range"]["start"]["line"] == 1)
        actions = actions_at(client, uri, diagnostic)
        quick = [a for a in actions if a["kind"] == "quickfix" and change.rule in a["title"]
                 and repr(change.before) in a["title"]]
        assert quick, actions
        assert apply_edits(TEXT, quick[0]["edit"]["changes"][uri]) == accepted_text(TEXT, [change])
    fix_all = [a for a in actions_at(client, uri, found[0]) if a["kind"] == "source.fixAll"]
    assert len(fix_all) == 1
    assert apply_edits(TEXT, fix_all[0]["edit"]["changes"][uri]) == result.text
    assert client.close() == 0


def test_columns_count_utf16_code_units(client):
    client.initialize()
    uri = "file:///tmp/emoji.txt"
    text = "🚀🚀 Space X , ok\n"
    found = client.open(uri, text, "plaintext")
    brand = next(d for d in found if d["code"] == "glossary.brands")
    assert brand["range"]["start"] == {"line": 0, "character": 5}  # two emoji (4 units) and a space
    assert brand["range"]["end"] == {"line": 0, "character": 12}


def test_the_encoding_the_client_prefers_is_used(client):
    assert client.initialize(["utf-8", "utf-16"])["capabilities"]["positionEncoding"] == "utf-8"
    uri = "file:///tmp/emoji.txt"
    text = "🚀 Space X , ok\n"
    brand = next(d for d in client.open(uri, text, "plaintext") if d["code"] == "glossary.brands")
    assert brand["range"]["start"] == {"line": 0, "character": 5}  # four bytes and a space
    fix_all = next(a for a in actions_at(client, uri, brand) if a["kind"] == "source.fixAll")
    assert apply_edits(text, fix_all["edit"]["changes"][uri], "utf-8") == transclean.fix(text).text


def test_markdown_through_the_formats_layer_and_changes_republished(client):
    client.initialize()
    uri = "file:///tmp/notes.md"
    found = client.open(uri, MARKDOWN, "markdown")
    expected = formats.fix(Pipeline(), formats.read(MARKDOWN, "md"))
    assert expected.changes and "code Space X , kept" in expected.text  # the code block is left alone
    assert sorted(d["code"] for d in found) == sorted(c.rule for c in expected.changes)
    assert all(d["range"]["start"]["line"] == 2 for d in found)
    fix_all = next(a for a in actions_at(client, uri, found[0]) if a["kind"] == "source.fixAll")
    client.send("textDocument/didSave", {"textDocument": {"uri": uri}}, request=False)
    assert client.diagnostics(uri) == found
    fixed = apply_edits(MARKDOWN, fix_all["edit"]["changes"][uri])
    assert fixed == expected.text
    client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"text": fixed}]}, request=False)
    assert client.diagnostics(uri) == []


def test_held_back_fixes_and_flags_are_information(client):
    client.initialize()
    uri = "file:///tmp/break.txt"
    text = "The launch had never been made. across the Karman line.\n"
    result = transclean.fix(text)
    assert result.held_back
    found = client.open(uri, text, "plaintext")
    held = [d for d in found if d["code"] == result.held_back[0].rule]
    assert held and held[0]["severity"] == 3
    quick = [a for a in actions_at(client, uri, held[0], only=["quickfix"]) if "(unsafe)" in a["title"]]
    assert apply_edits(text, quick[0]["edit"]["changes"][uri]) == transclean.fix(text, unsafe=True).text


def test_other_documents_are_left_alone(client):
    client.initialize()
    assert client.open("file:///tmp/script.py", "x = 'Space X , by'\n", "python") == []


def test_without_pygls_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "pygls.py"
    blocker.write_text("raise ImportError('no pygls here', name='pygls')\n")
    proc = subprocess.run([sys.executable, "-m", "transclean.cli", "server"], capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path), "PATH": ""}, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "transclean[server]" in proc.stderr
