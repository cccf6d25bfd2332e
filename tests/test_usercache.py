"""The user cache runs no code, trusts only a private folder and rebuilds whatever is bad."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from transclean import usercache

from conftest import SAMPLES

SEED = SAMPLES / "seed-space-film.txt"


class _Builds:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "transclean"


def _entry(folder: Path, name: str, key: str, payload: bytes) -> Path:
    """A cache file in the stored format, whatever its payload."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"{name}.cache"
    path.write_bytes(usercache.MAGIC + usercache._LENGTHS.pack(len(key.encode()), zlib.crc32(payload))
                     + key.encode() + payload)
    path.chmod(0o600)
    return path


def _key(path: Path) -> str:
    """The key a cache file was stored for."""
    head = path.read_bytes()[len(usercache.MAGIC):]
    length, _ = usercache._LENGTHS.unpack(head[:usercache._LENGTHS.size])
    return head[usercache._LENGTHS.size:usercache._LENGTHS.size + length].decode()


class _Marker:
    """Unpickling this makes a folder: proof that loading ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


def _fix_in_fresh_process(cache: Path) -> dict:
    """transclean.fix on the seed in a new interpreter using the given cache home, as JSON."""
    code = ("import json, sys, transclean; "
            "print(json.dumps(transclean.fix(open(sys.argv[1], encoding='utf-8').read(), source_lang='fr').to_dict()))")
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], env={**os.environ, "XDG_CACHE_HOME": str(cache)},
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_warm_value_comes_from_the_cache(cache_home):
    build = _Builds({"a": (1, 2.5, "x", None, frozenset({"b"}))})
    assert usercache.cached("t", "k1", build) == build.value
    assert usercache.cached("t", "k1", build) == build.value
    assert build.calls == 1
    assert usercache.cached("t", "k2", build) == build.value  # another key: rebuilt
    assert build.calls == 2


def test_encode_and_decode_round_trip(cache_home):
    build = _Builds([3, 1, 2])
    for _ in range(2):
        assert usercache.cached("t", "k", build, encode=tuple, decode=sorted) in ([3, 1, 2], [1, 2, 3])
    assert usercache.cached("t", "k", build, encode=tuple, decode=sorted) == [1, 2, 3]
    assert build.calls == 1


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "garbage", "bad checksum"])
def test_a_damaged_file_is_rebuilt(cache_home, damage):
    build = _Builds({"word": 4.5})
    usercache.cached("t", "k", build)
    path = cache_home / "t.cache"
    data = path.read_bytes()
    damaged = {
        "truncated": data[:-3],
        "flipped": data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:],
        "empty": b"",
        "garbage": os.urandom(200),
        "bad checksum": data[:len(usercache.MAGIC)] + usercache._LENGTHS.pack(1, 0) + data[len(usercache.MAGIC) + 8:],
    }[damage]
    path.write_bytes(damaged)
    assert usercache.cached("t", "k", build) == {"word": 4.5}
    assert build.calls == 2
    assert path.read_bytes() == data  # written again, whole


def test_marshal_of_anything_but_plain_data_is_refused(cache_home):
    _entry(cache_home, "t", "k", marshal.dumps((1, compile("1", "x", "eval"))))
    build = _Builds("rebuilt")
    assert usercache.cached("t", "k", build) == "rebuilt"
    assert build.calls == 1


def test_the_key_is_checked_before_the_value(cache_home):
    _entry(cache_home, "t", "old key", marshal.dumps("stale"))
    assert usercache.cached("t", "new key", _Builds("fresh")) == "fresh"


def test_a_value_of_the_wrong_shape_is_rebuilt(cache_home):
    _entry(cache_home, "t", "k", marshal.dumps("not a list of pairs"))
    assert usercache.cached("t", "k", _Builds({"a": 1}), encode=lambda d: list(d.items()), decode=dict) == {"a": 1}


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_folder_others_may_write_is_neither_read_nor_written(cache_home, mode):
    _entry(cache_home, "t", "k", marshal.dumps("planted"))
    cache_home.chmod(mode)
    build = _Builds("built")
    assert usercache.cached("t", "k", build) == "built"
    assert usercache.cached("u", "k", build) == "built"
    assert build.calls == 2
    assert sorted(p.name for p in cache_home.iterdir()) == ["t.cache"]


def test_a_file_others_may_write_is_not_read(cache_home):
    path = _entry(cache_home, "t", "k", marshal.dumps("planted"))
    path.chmod(0o666)
    assert usercache.cached("t", "k", _Builds("built")) == "built"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_a_file_another_user_owns_is_not_read(cache_home):
    path = _entry(cache_home, "t", "k", marshal.dumps("planted"))
    os.chown(path, 12345, -1)
    assert usercache.cached("t", "k", _Builds("built")) == "built"


def test_a_link_in_place_of_the_folder_is_not_used(cache_home, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    _entry(elsewhere, "t", "k", marshal.dumps("planted"))
    cache_home.symlink_to(elsewhere)
    assert usercache.cached("t", "k", _Builds("built")) == "built"


def test_a_planted_pickle_runs_no_code(tmp_path):
    cache = tmp_path / "cache"
    clean = _fix_in_fresh_process(tmp_path / "clean-cache")
    folder = cache / "transclean"
    folder.mkdir(parents=True, mode=0o700)
    marker = tmp_path / "marker"
    planted = pickle.dumps(_Marker(marker))
    for real in (tmp_path / "clean-cache" / "transclean").glob("*.cache"):
        _entry(folder, real.stem, _key(real), planted)  # the right header, key and checksum
        (folder / f"{real.stem}.pickle").write_bytes(planted)  # where older versions kept it
    assert _fix_in_fresh_process(cache) == clean
    assert not marker.exists()


def test_cold_and_warm_cache_give_the_same_results(tmp_path):
    cold = _fix_in_fresh_process(tmp_path)
    assert any((tmp_path / "transclean").glob("*.cache"))
    assert _fix_in_fresh_process(tmp_path) == cold


def test_packs_come_back_from_the_cache_as_they_were_read_but_for_examples_and_keeps():
    from transclean.packs import _packs_from_plain, _packs_to_plain, builtin_dir, load_packs

    packs = load_packs((builtin_dir(),))
    stored = _packs_from_plain(_packs_to_plain(packs))
    assert stored == tuple(p._replace(entries=tuple(e._replace(examples=(), keep=()) for e in p.entries), keep=())
                           for p in packs)
    assert _packs_from_plain(_packs_to_plain(stored)) == stored


def test_cached_cldr_data_is_babels(cache_home):
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from transclean import profiles

    english = Locale.parse("en").months["format"]["wide"]
    assert profiles.ENGLISH_MONTHS == tuple(english[m] for m in range(1, 13))
    for lang in profiles.languages():
        profiles._cldr.cache_clear()
        for _ in ("cold", "warm"):
            decimal, group, months, _, _ = profiles._cldr(lang)
            assert (decimal, group) == (get_decimal_symbol(lang), get_group_symbol(lang))
            assert {m for m, _ in months} >= set(Locale.parse(lang).months["format"]["wide"].values())
    profiles._cldr.cache_clear()
