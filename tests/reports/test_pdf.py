"""The pdf format: its own choice, rendered from the site report's HTML, skipped with one Chinese warning
when WeasyPrint or its libraries are missing, linked from the overview, rendered in a process pool."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from govinspect.reports import ReportWarning, write_reports
from govinspect.reports import pdf as pdf_module
from govinspect.reports.result import CampaignResult
from govinspect.reports.pdf import pdf_missing, pool_size, write_site_pdfs


def _one_site(raw: dict[str, Any]) -> dict[str, Any]:
    raw["sites"] = [s for s in raw["sites"] if s["id_code"] == "6108260002"]
    return raw


def test_html_alone_never_renders_pdfs(raw: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> list[Path]:
        raise AssertionError("html must not render PDFs")

    monkeypatch.setattr(pdf_module, "write_site_pdfs", refuse)
    written = write_reports(raw, tmp_path, {"html"})
    assert "pdf" not in written and not list(tmp_path.rglob("*.pdf"))
    assert ".pdf" not in written["html"][0].read_text(encoding="utf-8")


def test_missing_weasyprint_is_one_warning_and_the_rest_is_written(raw: dict[str, Any], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed: import raises ImportError
    assert "WeasyPrint" in (pdf_missing() or "")
    messages: list[str] = []
    written = write_reports(raw, tmp_path, {"xlsx", "html", "pdf"}, warn=messages.append)
    assert len(messages) == 1 and messages[0].startswith("未生成 PDF 检测报告：未安装 WeasyPrint")
    assert written["pdf"] == [] and written["xlsx"][0].is_file() and len(written["html"]) == 1 + len(raw["sites"])
    assert not list(tmp_path.rglob("*.pdf"))
    with pytest.warns(ReportWarning, match="未生成 PDF"):  # the default: a Python warning, not a traceback
        write_reports(raw, tmp_path / "again", {"pdf"})


def test_missing_system_libraries_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:  # what importing WeasyPrint does when pango cannot be loaded
        def find_spec(self, name: str, *args: Any) -> None:
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Broken(), *sys.meta_path])
    assert "pango" in (pdf_missing() or "") and "apt-get install" in (pdf_missing() or "")


def fake_render(html: str, path: str) -> str:
    """Module level, so the pool's workers can import it: records which process wrote which page."""
    Path(path).write_text(f"{os.getpid()}\n{html}", encoding="utf-8")
    return path


def test_pdfs_are_rendered_in_a_pool_in_result_order(raw: dict[str, Any], tmp_path: Path) -> None:
    result = CampaignResult.from_json(raw)
    paths = write_site_pdfs(result, tmp_path, workers=2, render=fake_render)
    assert [p.name for p in paths] == [f"{s.id_code}.pdf" for s in result.sites]
    for path, site in zip(paths, result.sites):
        pid, html = path.read_text(encoding="utf-8").split("\n", 1)
        assert int(pid) != os.getpid() and f"<h1>{site.name} 检测报告</h1>" in html
    assert pool_size(30, None) == min(30, os.cpu_count() or 1) and pool_size(1, 8) == 1 and pool_size(5, 2) == 2


@pytest.mark.skipif(pdf_missing() is not None, reason=f"WeasyPrint unavailable: {pdf_missing()}")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_one_site_pdf_has_its_chinese_text(raw: dict[str, Any], tmp_path: Path) -> None:
    data = _one_site(raw)
    written = write_reports(data, tmp_path, {"html", "pdf"})
    [pdf] = written["pdf"]
    assert pdf == tmp_path / "sites" / "6108260002.pdf" and pdf.read_bytes().startswith(b"%PDF")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                                  timeout=60).stdout.split())
    name = data["sites"][0]["name"]
    assert f"{name}检测报告" in text and "第二部分得分=100−45=55" in text
    assert 'href="sites/6108260002.pdf"' in written["html"][0].read_text(encoding="utf-8")
