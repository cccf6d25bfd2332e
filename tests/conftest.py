"""Shared fixtures: where the repository and the shared test data are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "external").is_dir():
        pytest.skip("../shared/external is not present")
    return SHARED
