"""Source detection on short news briefs (bench/detect_eval.py on bench/short_texts/): the
accuracy reached must hold, on the briefs it was tuned on and on those it never was, and no
English original may read as a language."""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT

ACCURACY = 0.85  # tuned briefs, English originals included (0.871 reached; 0.500 before single strong signals decided)
SOURCE_ACCURACY = 0.82  # the machine-translated tuned briefs alone (0.846 reached)
HELD_OUT_ACCURACY = {"heldout": 0.72, "heldout2": 0.62, "heldout3": 0.70}  # reached 0.750 (0.562 before tuning), 0.647 and 0.719 (before any tuning)


def _module():
    name = "detect_eval"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def test_short_texts_reach_the_accuracy_floor():
    module = _module()
    summary = module.summary(module.evaluate())
    assert summary["languages"]["en"]["texts"] >= 10
    assert all(row["texts"] >= 4 for row in summary["languages"].values())
    assert summary["accuracy"] >= ACCURACY, module.table(summary)
    assert summary["source_accuracy"] >= SOURCE_ACCURACY, module.table(summary)


def test_held_out_briefs_reach_their_floor():
    module = _module()
    folders = {folder.name: folder for folder in module.held_out()}
    assert set(folders) == set(HELD_OUT_ACCURACY)
    for name, floor in HELD_OUT_ACCURACY.items():
        summary = module.summary(module.evaluate(folders[name]))
        assert summary["accuracy"] >= floor, module.table(summary)


def test_no_english_original_reads_as_a_language():
    module = _module()
    results = [r for folder in (module.DATA, *module.held_out()) for r in module.evaluate(folder)]
    assert sum(r.expected == "en" for r in results) >= 20
    assert not [r.name for r in results if r.expected == "en" and r.detected is not None]
