"""Shared fixtures: the sample campaign result and one full set of reports written from it."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from govinspect.reports import write_reports

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "results.json"


@pytest.fixture(scope="session")
def raw_result() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def raw(raw_result: dict[str, Any]) -> dict[str, Any]:
    """A copy a test may change."""
    return copy.deepcopy(raw_result)


@pytest.fixture(scope="session")
def written(raw_result: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("reports")
    return write_reports(raw_result, out, {"docx", "xlsx", "html"})
