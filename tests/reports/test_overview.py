"""The overview page: charts, comparison and links that resolve."""
from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from govinspect.reports.charts import cjk_font, overview_charts
from govinspect.reports.result import CampaignResult

PNG = b"\x89PNG\r\n\x1a\n"


def test_every_relative_link_resolves(written: dict[str, list[Path]], raw_result: dict[str, Any]) -> None:
    overview = written["html"][0]
    html = overview.read_text(encoding="utf-8")
    targets = re.findall(r'(?:href|src)="([^"]+)"', html)
    relative = [t for t in targets if not re.match(r"^(data:|https?:|#)", t)]
    assert len([t for t in relative if t.startswith("sites/")]) == len(raw_result["sites"])
    assert "通报.docx" in relative and "附件.xlsx" in relative
    for target in relative:
        assert (overview.parent / target).is_file(), target
    for page in written["html"][1:]:
        for target in re.findall(r'href="(\.\.[^"]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().is_file()


def test_charts_are_embedded_pngs(written: dict[str, list[Path]]) -> None:
    html = written["html"][0].read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) == 3 and all(base64.b64decode(i).startswith(PNG) for i in images)


def test_figures_and_comparison(written: dict[str, list[Path]]) -> None:
    html = written["html"][0].read_text(encoding="utf-8")
    assert "与上期（2026年第三季度）比较" in html and "平均每网站3.5个" in html and "58.3%" in html


def test_overview_escapes_site_names(raw: dict[str, Any], tmp_path: Path) -> None:
    from govinspect.reports import write_reports

    raw["sites"][0]["name"] = "<script>alert(1)</script>"
    out = write_reports(raw, tmp_path, {"html"})["html"][0].read_text(encoding="utf-8")
    assert "<script>alert(1)" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_charts_render_without_sites() -> None:
    charts = overview_charts(CampaignResult.from_json({"sites": []}))
    assert [base64.b64decode(c.png_base64)[:8] for c in charts] == [PNG] * 3


def test_cjk_font_found_when_installed() -> None:
    import shutil
    import subprocess

    if not shutil.which("fc-list") or not subprocess.run(["fc-list", ":lang=zh"], capture_output=True,
                                                         text=True).stdout.strip():
        import pytest
        pytest.skip("no CJK font installed")
    assert cjk_font() is not None


def test_without_cjk_font_charts_still_render_and_say_so(monkeypatch: Any, caplog: Any) -> None:
    from govinspect.reports import charts

    class NoFonts:
        ttflist: list[Any] = []

        def addfont(self, path: str) -> None:
            raise AssertionError("no font files were offered")

    monkeypatch.setattr(charts, "_fc_list_files", lambda: [])
    monkeypatch.setattr(charts.font_manager, "fontManager", NoFonts())
    charts.cjk_font.cache_clear()
    try:
        with caplog.at_level("WARNING"):
            assert charts.cjk_font() is None
            rendered = charts.overview_charts(CampaignResult.from_json({"sites": [{"name": "甲", "verdict": "合格"}]}))
    finally:
        charts.cjk_font.cache_clear()
    assert "方框" in caplog.text and len(rendered) == 3
