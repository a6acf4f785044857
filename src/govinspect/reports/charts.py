"""Overview charts as base64 PNGs (matplotlib, Agg): 合格率 by region, problems by indicator, score distribution."""
from __future__ import annotations

import base64
import io
import logging
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .result import CampaignResult  # noqa: E402
from .summary import by_region  # noqa: E402

log = logging.getLogger(__name__)
PREFERRED = ("Noto Sans CJK SC", "Noto Sans CJK", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans SC",
             "SimHei", "Microsoft YaHei", "PingFang SC")
BAR, ACCENT = "#2f6ea5", "#c0392b"


def _fc_list_files() -> list[str]:
    """Font files fontconfig says can render Chinese (empty without fc-list)."""
    if shutil.which("fc-list") is None:
        return []
    done = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20, check=False)
    return [line.split(":")[0].strip() for line in done.stdout.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Register the installed CJK fonts with matplotlib and return the family to use, or None."""
    for path in _fc_list_files():
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue  # a font matplotlib cannot read (e.g. some .ttc collections on old versions)
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED:
        if name in names:
            return name
    zh = [f.name for f in font_manager.fontManager.ttflist if any(k in f.name for k in ("CJK", "Hei", "Song", "Kai"))]
    if zh:
        return zh[0]
    log.warning("未找到中文字体（fc-list :lang=zh 无结果），图表中的中文可能显示为方框")
    return None


def _figure(width: float = 7.0, height: float = 3.6) -> Figure:
    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
        plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["text.parse_math"] = False  # a "$" in a region or indicator name is text, not TeX
    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def to_base64(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def pass_rate_by_region(result: CampaignResult) -> Figure:
    tallies = by_region(result)
    fig = _figure()
    ax = fig.subplots()
    rates = [100 * (t.rate or 0) for t in tallies]
    bars = ax.bar([t.label for t in tallies], rates, color=[BAR if r == 100 else ACCENT for r in rates])
    ax.bar_label(bars, labels=[t.rate_text for t in tallies], fontsize=8)
    ax.set_ylim(0, 110)
    ax.set_ylabel("合格率（%）")
    ax.set_title("各地区政府网站合格率")
    return fig


def problems_by_indicator(result: CampaignResult, top: int = 12) -> Figure:
    counts = Counter(f"{f.indicator} {f.title}" for s in result.sites for f in s.problems)
    items = counts.most_common(top)[::-1]
    fig = _figure(7.0, max(2.4, 0.32 * len(items) + 1))
    ax = fig.subplots()
    ax.barh([k for k, _ in items], [v for _, v in items], color=BAR)
    ax.set_xlabel("问题数")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("问题数量（按指标）")
    ax.tick_params(axis="y", labelsize=8)
    return fig


def score_distribution(result: CampaignResult) -> Figure:
    scores = [s.score for s in result.sites if s.score is not None]
    vetoed = sum(1 for s in result.sites if s.vetoed)
    fig = _figure()
    ax = fig.subplots()
    ax.hist(scores, bins=[0, 60, 70, 80, 90, 100, 130], color=BAR, edgecolor="white")
    ax.axvline(60, color=ACCENT, linestyle="--", linewidth=1)
    ax.set_xlabel("得分")
    ax.set_ylabel("网站数")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"得分分布（另有单项否决 {vetoed} 个）")
    return fig


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    png_base64: str


def overview_charts(result: CampaignResult) -> list[Chart]:
    """The three overview charts, rendered."""
    makers = (("各地区合格率", pass_rate_by_region), ("问题数量（按指标）", problems_by_indicator),
              ("得分分布", score_distribution))
    return [Chart(title, to_base64(make(result))) for title, make in makers]
