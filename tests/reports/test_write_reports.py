"""write_reports: the entry point the CLI calls."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govinspect.reports import CampaignResult, write_reports


def test_only_requested_formats(raw: dict[str, Any], tmp_path: Path) -> None:
    written = write_reports(CampaignResult.from_json(raw), tmp_path, {"xlsx"})
    assert list(written) == ["xlsx"] and sorted(p.name for p in tmp_path.iterdir()) == ["附件.xlsx"]


def test_html_lists_overview_first(written: dict[str, list[Path]], raw_result: dict[str, Any]) -> None:
    html = written["html"]
    assert html[0].name == "index.html" and len(html) == 1 + len(raw_result["sites"])
    assert all(p.parent.name == "sites" for p in html[1:])


def test_unknown_format_is_refused(raw: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="odt"):
        write_reports(raw, tmp_path, {"odt"})


def test_duplicate_or_unsafe_id_codes_get_distinct_files(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["sites"][1]["id_code"] = raw["sites"][0]["id_code"]
    raw["sites"][2]["id_code"] = "../../etc/passwd"
    pages = write_reports(raw, tmp_path, {"html"})["html"][1:]
    assert len({p.name for p in pages}) == len(raw["sites"])
    assert all(p.parent == tmp_path / "sites" for p in pages)
