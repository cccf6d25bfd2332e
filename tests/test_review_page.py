"""The review page in a real headless Chromium: keys, mouse, downloads, reloads, and what it must never do.

The browser is the system's Chromium (Debian's `chromium` package), driven by Playwright;
the tests are skipped, saying why, where neither is there. With TRANSCLEAN_SCREENSHOT set
to a path, the seed's review is saved there as a PNG (the README's docs/review.png).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from transclean.cli import main
from transclean.decisions import accepted_text, load
from transclean.pipeline import Pipeline
from transclean.textio import decode, encode

SEED = SAMPLES / "seed-space-film.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright is not installed: pip install 'transclean[test]'")
    executable = os.environ.get("TRANSCLEAN_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not executable:
        pytest.skip("no Chromium on this machine (apt-get install chromium; or set TRANSCLEAN_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except sync_api.Error as exc:
            pytest.skip(f"{executable} does not start: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


class Watched:
    """A page with everything it must not do recorded: dialogs, errors, requests beyond its own file."""

    def __init__(self, browser, page_path: Path) -> None:
        self.url = page_path.as_uri()
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failures: dict[str, str] = {}
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: r.url != self.url and not r.url.startswith("blob:")
                     and self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failures.__setitem__(r.url, r.failure))
        self.open()

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready=true]")

    def reload(self) -> None:
        self.page.reload()
        self.page.wait_for_selector("html[data-ready=true]")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def current(self) -> str:
        return self.page.inner_text("#current")

    def data(self, document: int = 0) -> dict:
        """The data the page embeds for one of its documents."""
        return json.loads(self.page.text_content("#review-data"))["documents"][document]

    def decisions(self) -> list[str]:
        return self.page.evaluate("transcleanReview.decisions()")

    def download(self, button: str, folder: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click(button)
        path = folder / info.value.suggested_filename
        info.value.save_as(path)
        return path

    def assert_harmless(self) -> None:
        assert self.dialogs == [] and self.errors == [] and self.requests == []

    def close(self) -> None:
        self.context.close()


def review_page(source: Path, folder: Path, *flags: str) -> Path:
    out = folder / (source.name + ".review.html")
    assert main(["review", "-q", *flags, "-o", str(out), str(source)]) == 0
    return out


def cli_apply(target: Path, decisions: Path, out: Path) -> bytes:
    assert main(["apply", str(target), "--decisions", str(decisions), "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.fixture()
def seed(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def test_every_change_reviewed_with_the_keyboard_then_the_mouse_and_the_downloads_match_apply(browser, seed, tmp_path):
    view = Watched(browser, review_page(seed, tmp_path, "--source-lang", "fr"))
    changes = view.data()["decisions"]["changes"]
    assert view.page.inner_text("#totals").startswith(f"{len(changes)} changes: {len(changes) - 1} accepted, 0 rejected, 1 pending")
    view.keys("?")
    assert view.page.is_visible("#help") and "undo" in view.page.inner_text("#help")
    view.keys("Escape")
    assert not view.page.is_visible("#help")
    view.keys("n", "r")  # the unsafe fix first: rejected, then the decision undone
    assert view.decisions()[0] == "rejected" and changes[1]["rule"] in view.current()
    view.keys("u")
    assert view.decisions()[0] == "pending" and changes[0]["rule"] in view.current()
    decided = 0
    while decided < len(changes):  # a, r and n, the keyboard alone, over every change and flag
        if view.current().split(" ", 2)[1] == "flag":
            assert "language: fr" in view.current() and "regarding its" in view.current()
            view.keys("n")
            continue
        view.keys("r" if decided % 3 == 0 else "a")
        decided += 1
    expected = ["rejected" if n % 3 == 0 else "accepted" for n in range(len(changes))]
    assert view.decisions() == expected
    # the mouse: a change clicked and accepted, then every change of a rule rejected at once
    view.page.click('.chg[data-i="3"]')
    assert changes[3]["rule"] in view.current()
    view.page.click("#accept")
    expected[3] = "accepted"
    row = view.page.locator("#rules tr", has=view.page.locator("button.name", has_text="names.people"))
    row.locator("button.rejected").click()
    expected = ["rejected" if c["rule"] == "names.people" else d for c, d in zip(changes, expected)]
    assert view.decisions() == expected
    assert row.locator("td").nth(3).inner_text() == str(sum(c["rule"] == "names.people" for c in changes))
    if os.environ.get("TRANSCLEAN_SCREENSHOT"):
        view.page.click('.chg[data-i="0"]')
        view.page.screenshot(path=ROOT / os.environ["TRANSCLEAN_SCREENSHOT"])
    text = view.download("#download-text", tmp_path)
    decisions = view.download("#download-decisions", tmp_path)
    assert (text.name, decisions.name) == ("article.reviewed.txt", "article.decisions.json")
    assert [c["decision"] for c in json.loads(decisions.read_text(encoding="utf-8"))["changes"]] == expected
    assert cli_apply(seed, decisions, tmp_path / "clean.txt") == text.read_bytes() != seed.read_bytes()
    view.assert_harmless()
    view.close()


def test_filters_choose_what_the_keys_move_over(browser, seed, tmp_path):
    view = Watched(browser, review_page(seed, tmp_path, "--source-lang", "fr"))
    view.page.select_option("#filter-rule", "names")
    for _ in range(4):
        view.keys("n")
        assert "names.people" in view.current()
    view.keys("n")
    assert "names.people" in view.current()  # no fifth: it stays on the last one
    view.page.select_option("#filter-rule", "")
    view.page.select_option("#filter-kind", "unsafe")
    view.keys("p", "p", "p", "p", "p", "n")
    assert "punctuation.sentence-break unsafe, pending" in view.current()
    view.page.select_option("#filter-kind", "all")
    view.page.select_option("#filter-show", "flags")
    view.keys("p", "n")
    assert view.current().split(" ", 2)[1] == "flag"
    assert view.page.locator(".chg.out").count() == view.page.locator(".chg").count() > 0
    view.assert_harmless()
    view.close()


def test_decisions_survive_a_reload(browser, seed, tmp_path):
    view = Watched(browser, review_page(seed, tmp_path, "--source-lang", "fr"))
    view.keys("n", "r", "r")
    assert view.decisions()[:2] == ["rejected", "rejected"]
    view.reload()
    assert view.decisions()[:2] == ["rejected", "rejected"]
    assert "2 rejected" in view.page.inner_text("#totals")
    view.assert_harmless()
    view.close()


def _documents(folder: Path) -> list[tuple[Path, Path]]:
    """Texts and their review pages: the seed, cp1252 with CRLF, UTF-8 with characters past U+FFFF, UTF-16."""
    texts = {
        "seed.txt": SEED.read_bytes(),
        "legacy.txt": ("Le film « The challenge » , tourné à bord.\r\n\r\n\r\n\r\nL’équipe a douze jours . "
                       "Space X , d’Elon Musk.\r\n").encode("cp1252"),
        "astral.txt": "🚀 The saga Impossible mission , by Space X 🛰 . ” experience “ , said M. Chipenko 😀 .\n"
                      .encode("utf-8"),
        "wide.txt": "Il a dit : « nous agirons » , selon Space X .\n".encode("utf-16"),
    }
    docs = []
    for name, data in texts.items():
        path = folder / name
        path.write_bytes(data)
        docs.append((path, review_page(path, folder, "--source-lang", "fr")))
    return docs


def test_random_decisions_give_the_same_bytes_in_the_page_and_the_command_line(browser, tmp_path):
    rng = random.Random(11)
    for path, page_path in _documents(tmp_path):
        view = Watched(browser, page_path)
        source = decode(path.read_bytes(), str(path), "fr")
        doc = view.data()["decisions"]
        (decisions,) = load(json.dumps(doc).encode(), "page")
        changes = decisions.changes
        assert len(changes) > 2, path.name

        def page_bytes(choice: list[str]) -> bytes:
            for value in ("accepted", "rejected", "pending"):
                view.page.evaluate("([i, v]) => transcleanReview.decide(i, v)",
                                   [[n for n, d in enumerate(choice) if d == value], value])
            assert view.decisions() == choice
            return bytes(view.page.evaluate("transcleanReview.bytes()"))

        def cli_bytes(choice: list[str]) -> bytes:
            chosen = [c for c, d in zip(changes, choice) if d == "accepted"]
            return encode(accepted_text(source.text, chosen), source.encoding)[0]

        for _ in range(30):
            choice = [rng.choice(("accepted", "rejected", "pending")) for _ in changes]
            assert page_bytes(choice) == cli_bytes(choice), path.name
        unsafe = Pipeline(source_lang="fr", unsafe=True).fix(source.text).text
        assert page_bytes(["accepted"] * len(changes)) == encode(unsafe, source.encoding)[0] != path.read_bytes()
        assert page_bytes(["rejected"] * len(changes)) == path.read_bytes()
        view.assert_harmless()
        view.close()


HOSTILE = ("<script>alert(1)</script> The saga Impossible mission , said he .\n\n"
           "</textarea></script><img src=x onerror=alert(2)> \"onerror=alert(3) x=\" , then .\n\n"
           "[click](javascript:alert(4)) <a href=\"javascript:alert(5)\">here</a> , by Space X .\n\n"
           "Bidi: \u202eevil\u202c and \u2066isolated\u2069 and \u200fmark , end .\n")


@pytest.mark.parametrize("name", ["hostile.txt", "hostile.md"])
def test_hostile_text_shows_as_text_runs_nothing_and_loads_nothing(browser, tmp_path, name):
    path = tmp_path / name
    path.write_text(HOSTILE, encoding="utf-8")
    page_path = review_page(path, tmp_path)
    html = page_path.read_text(encoding="utf-8")
    csp = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert csp.startswith("default-src 'none'; script-src 'sha256-") and "unsafe" not in csp
    assert html.count("<script") == 2 and "<img" not in html
    view = Watched(browser, page_path)
    data = view.data()
    assert data["decisions"]["changes"]
    view.keys(*["n"] * (len(data["decisions"]["changes"]) + len(data["flags"])))  # every change and flag shown
    shown = view.page.text_content("#document")
    for literal in ("<script>alert(1)</script>", "</textarea></script><img src=x onerror=alert(2)>",
                    "\"onerror=alert(3)", "javascript:alert(4)", "<a href=\"javascript:alert(5)\">"):
        assert literal in shown
    assert "\u2039U+202E\u203a" in shown and "\u202e" not in shown and "\u2066" not in shown
    assert view.page.evaluate("document.scripts.length") == 2
    assert view.page.locator("img, iframe, object, embed, #document a").count() == 0
    view.download("#download-text", tmp_path)
    view.assert_harmless()
    # the watch sees what it must (a dialog, an error); the policy stops a script or an image put in the page
    view.page.evaluate("alert('probe'); console.error('probe')")
    assert view.dialogs == ["probe"] and view.errors == ["probe"]
    view.dialogs.clear()
    view.errors.clear()
    view.page.evaluate("""() => {
        const s = document.createElement('script'); s.textContent = "alert('injected')"; document.body.append(s);
        const i = document.createElement('img'); i.src = 'http://127.0.0.1:9/x.png'; document.body.append(i);
    }""")
    view.page.wait_for_timeout(200)
    assert view.dialogs == [] and view.failures == {"http://127.0.0.1:9/x.png": "csp"}
    assert any("Content Security Policy" in e for e in view.errors)
    view.close()


def test_a_long_document_is_rendered_as_it_is_scrolled(browser, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The saga Impossible mission , by Space X .\n\n" * 4000, encoding="utf-8")
    view = Watched(browser, review_page(path, tmp_path, "--source-lang", "fr"))
    total = view.page.locator(".chunk").count()
    filled = view.page.evaluate("[...document.querySelectorAll('.chunk')].filter(c => c.firstChild).length")
    assert total > 20 and filled < total / 4
    view.page.evaluate("document.getElementById('document').scrollTop = 1e9")
    for _ in range(100):  # (wait_for_function would evaluate a string, which the page's policy forbids)
        if view.page.evaluate("document.querySelector('.chunk:last-child').firstChild !== null"):
            break
        view.page.wait_for_timeout(50)
    last = view.page.evaluate("Number(document.querySelector('.chunk:last-child .chg:last-of-type').dataset.i)")
    assert last == view.page.evaluate("transcleanReview.decisions().length") - 1
    view.assert_harmless()
    view.close()


def test_a_change_two_rules_made_is_counted_under_its_own_row(browser, tmp_path):
    path = tmp_path / "mojibake.txt"
    path.write_bytes((SAMPLES / "encoding-mojibake-students.txt").read_bytes())
    view = Watched(browser, review_page(path, tmp_path))
    changes = view.data()["decisions"]["changes"]
    joined = sorted({c["rule"] for c in changes if "+" in c["rule"]})
    assert joined
    for rule in joined:
        row = view.page.locator("#rules tr", has=view.page.locator("button.name", has_text=rule))
        assert row.locator("td").nth(1).inner_text() == str(sum(c["rule"] == rule for c in changes))
    view.close()


def test_several_documents_in_one_page_switched_decided_and_downloaded_each(browser, seed, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(("Le film « The challenge » , tourné à bord.\r\n\r\n\r\nL’équipe a douze jours . "
                        "Space X , d’Elon Musk.\r\n").encode("cp1252"))
    film = tmp_path / "film.srt"
    film.write_bytes((SAMPLES / "srt-cosmonauts.srt").read_bytes())
    files = [seed, legacy, film]
    out = tmp_path / "review.html"
    assert main(["review", "-q", "--source-lang", "fr", "-o", str(out), *map(str, files)]) == 0
    view = Watched(browser, out)
    docs = [view.data(n) for n in range(3)]
    entries = view.page.locator("#documents li")
    assert entries.count() == 3 and view.page.is_visible("#documents")
    assert view.page.locator(".doc").count() == 1  # only the document shown is drawn
    view.keys("?")
    assert "next / previous document" in view.page.inner_text("#help")
    view.keys("Escape")

    def shown() -> int:
        return view.page.evaluate("transcleanReview.document()")

    view.keys("]", "]", "]")  # no fourth: it stays on the last one
    assert shown() == 2 and view.page.inner_text("#name") == "film.srt"
    view.keys("[")
    assert shown() == 1 and view.page.locator(".doc").count() == 3
    entries.nth(0).locator("button").click()
    assert shown() == 0 and view.page.inner_text("#name") == "article.txt"
    choices = []
    for n, doc in enumerate(docs):  # each document: every change decided, in turn rejected or accepted
        if n:
            view.keys("]")
        assert view.page.inner_text("#totals").startswith(f"{len(doc['decisions']['changes'])} change")
        choice = ["rejected" if (k + n) % 2 else "accepted" for k in range(len(doc["decisions"]["changes"]))]
        for value in ("accepted", "rejected"):
            view.page.evaluate("([i, v]) => transcleanReview.decide(i, v)",
                               [[k for k, d in enumerate(choice) if d == value], value])
        view.keys("n", "r")  # and the first change rejected with the keys
        choice[0] = "rejected"
        assert view.decisions() == choice
        assert f"{choice.count('rejected')} rejected" in entries.nth(n).inner_text()
        choices.append(choice)
    view.reload()  # each document's decisions kept by its digest
    for n in range(3):
        entries.nth(n).locator("button").click()
        assert view.decisions() == choices[n]
    texts = []
    for n, path in enumerate(files):
        entries.nth(n).locator("button").click()
        texts.append(view.download("#download-text", tmp_path))
        assert texts[-1].read_bytes() == bytes(view.page.evaluate("transcleanReview.bytes()"))
    assert [t.name for t in texts] == ["article.reviewed.txt", "legacy.reviewed.txt", "film.reviewed.srt"]
    decisions = view.download("#download-decisions", tmp_path)
    assert decisions.name == "review.decisions.json"
    downloaded = json.loads(decisions.read_text(encoding="utf-8"))["documents"]
    assert [[c["decision"] for c in d["changes"]] for d in downloaded] == choices
    for n, path in enumerate(files):
        assert cli_apply(path, decisions, tmp_path / f"clean-{n}") == texts[n].read_bytes() != path.read_bytes()
    assert b"\r\n" in texts[1].read_bytes() and texts[1].read_bytes().decode("cp1252")
    view.assert_harmless()
    view.close()


def test_hostile_file_names_in_the_document_list_show_as_text(browser, tmp_path):
    named = tmp_path / "<img src=x onerror=alert(6)>.txt"
    named.write_text(HOSTILE, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("The saga Impossible mission , by Space X .\n", encoding="utf-8")
    out = tmp_path / "review.html"
    assert main(["review", "-q", "-o", str(out), str(named), str(other)]) == 0
    assert "<img" not in out.read_text(encoding="utf-8")
    view = Watched(browser, out)
    assert view.page.inner_text("#documents li:first-child button") == named.name
    assert view.page.inner_text("#name") == named.name
    view.keys("]")
    assert view.page.inner_text("#name") == "other.txt"
    assert view.page.locator("img, iframe, object, embed").count() == 0
    view.assert_harmless()
    view.close()
