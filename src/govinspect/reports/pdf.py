"""Per-site 检测报告 as PDF (WeasyPrint), from the same HTML as the site report (sites/<stem>.pdf).

WeasyPrint needs pango, harfbuzz and fontconfig (scripts/system-packages.sh installs them). One report
takes about a second, so several sites are rendered in a small process pool, one worker per core.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .result import CampaignResult
from .site_html import site_pages

if TYPE_CHECKING:
    from .screenshots import ShotSet

Render = Callable[[str, str], str]


def pdf_missing() -> str | None:
    """None when PDFs can be rendered; otherwise why not, in Chinese."""
    try:
        import weasyprint  # noqa: F401
        from weasyprint.urls import URLFetcher  # noqa: F401 - present from WeasyPrint 68 on
    except ImportError:
        return "未安装 WeasyPrint 68 或更新版本（pip install 'govinspect[pdf]'）"
    except OSError as exc:  # the Python package is there, its system libraries are not
        return f"WeasyPrint 缺少系统库 pango/harfbuzz（Debian：apt-get install libpango-1.0-0 libpangoft2-1.0-0）：{exc}"
    return None


def render_pdf(html: str, path: str) -> str:
    """One PDF; relative image links resolve next to the PDF (sites/), and only local files are read."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The report's own markup only points at shots/… and data: images; refuse anything else outright.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
    HTML(string=html, base_url=path, url_fetcher=fetcher).write_pdf(path)
    return path


def pool_size(jobs: int, workers: int | None = None) -> int:
    return max(1, min(jobs, workers or os.cpu_count() or 1))


def write_site_pdfs(result: CampaignResult, out_dir: Path, shots: ShotSet | None = None,
                    workers: int | None = None, render: Render = render_pdf) -> list[Path]:
    """Write sites/<stem>.pdf for every site, in the result's order (the caller checks pdf_missing first)."""
    (out_dir / "sites").mkdir(parents=True, exist_ok=True)
    jobs = [(html, str(path.with_suffix(".pdf"))) for _, path, html in site_pages(result, out_dir, shots)]
    size = pool_size(len(jobs), workers)
    if size == 1:
        return [Path(render(html, path)) for html, path in jobs]
    # forkserver: workers start from a clean process, not from a copy of a caller that may hold threads.
    with ProcessPoolExecutor(size, mp_context=get_context("forkserver")) as pool:
        return [Path(p) for p in pool.map(render, *zip(*jobs))]
