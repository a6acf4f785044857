"""The campaign overview page (index.html): figures, period comparison, charts and a link to every site report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .charts import overview_charts
from .comparison import compare
from .result import CampaignResult, SiteRecord
from .site_html import ENV
from .summary import by_level, by_region, number, overall, percent


@dataclass(frozen=True, slots=True)
class SiteRow:
    site: SiteRecord
    href: str  # relative to the overview page
    pdf_href: str | None = None  # the site's PDF report, when one was written with this overview

    @property
    def score(self) -> str:
        return "单项否决" if self.site.vetoed else number(self.site.score)


@dataclass(frozen=True, slots=True)
class FileLink:
    label: str
    href: str


def scope_text(result: CampaignResult) -> str:
    c = result.campaign
    if not c.sampled:
        return "全覆盖"
    share = c.sample_share if c.sample_share is not None else (result.inspected / result.registered if result.registered else None)
    return f"抽查（比例 {percent(share)}{f'，随机种子 {c.seed}' if c.seed is not None else ''}）"


def _row(site: SiteRecord, path: Path, out_dir: Path, pdfs: set[Path]) -> SiteRow:
    pdf = path.with_suffix(".pdf")
    return SiteRow(site, path.relative_to(out_dir).as_posix(), pdf.relative_to(out_dir).as_posix() if pdf in pdfs else None)


def render_overview(result: CampaignResult, site_pages: list[tuple[SiteRecord, Path]], out_dir: Path,
                    files: list[FileLink] | None = None, pdfs: set[Path] | None = None) -> str:
    c = result.campaign
    previous = result.previous.campaign if result.previous else None
    return ENV.get_template("overview.html.j2").render(
        campaign=c, as_of=c.as_of.strftime("%Y-%m-%d %H:%M") if c.as_of else "—", files=files or [],
        registered=result.registered, inspected=result.inspected, scope_text=scope_text(result),
        total=overall(result), regions=by_region(result), levels=by_level(result),
        changes=compare(result), previous=(previous.period or previous.name) if previous else "",
        charts=overview_charts(result),
        rows=[_row(site, path, out_dir, pdfs or set()) for site, path in site_pages])


def write_overview(result: CampaignResult, site_pages: list[tuple[SiteRecord, Path]], out_dir: Path,
                   files: list[FileLink] | None = None, pdfs: set[Path] | None = None) -> Path:
    """Write out_dir/index.html and return its path; `pdfs` are the site PDFs to link."""
    path = out_dir / "index.html"
    path.write_text(render_overview(result, site_pages, out_dir, files, pdfs), encoding="utf-8")
    return path
