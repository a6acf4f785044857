"""The command line (Typer + Rich). Each command parses, calls one domain function, prints, and maps
errors to a one-line Chinese message and an exit code (1 = bad input, 2 = nothing to act on, 3 = fetch)."""
from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import typer
from rich.markup import escape
from rich.table import Table

from . import terminal
from .errors import ConfigError, GovInspectError
from .terminal import console, err

if TYPE_CHECKING:
    from .reports.screenshots import ShotSet

app = typer.Typer(help="govinspect：政府网站与政务新媒体检查", no_args_is_help=True, add_completion=False)
registry_app = typer.Typer(help="网站名录（网站基本信息表）", no_args_is_help=True)
app.add_typer(registry_app, name="registry")
DEFAULT_DB = "sqlite:///govinspect.db"
friendly = terminal.friendly("已中断。可用 --resume 继续本次检查，已完成的网站不会重复检查。")

ConnectTo = typer.Option([], "--connect-to", help="HOST1:PORT1:HOST2:PORT2，同 curl，可重复；经此到达的内网/回环地址被允许")
Db = typer.Option(DEFAULT_DB, "--db", help="数据库地址（SQLAlchemy URL），默认当前目录下的 SQLite 文件")
Json = typer.Option(False, "--json", help="以 JSON 输出")
Screenshots = typer.Option(False, "--screenshots", help="为首页及问题页面截图，放入检测报告（需 Playwright 与 chromium）")


def _mount_sub_apps() -> None:
    from .monitor.cli import monitor_app
    from .world.cli import world_app

    app.add_typer(world_app, name="world", help="示例环境：模拟政府网站（带标注的问题）")
    app.add_typer(monitor_app, name="monitor", help="可用性监测：按日多次探测首页，一周数据判定站点无法访问")




def load_settings(path: Optional[Path]) -> dict[str, Any]:
    """A settings file: `[crawl]` (CrawlSettings fields) and `[notice]` (office, doc_number, addressees,
    rectify_working_days). Unknown crawl keys are refused by CrawlSettings with their names."""
    if path is None:
        return {}
    import tomllib

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"设置文件 {path} 无法读取：{e}") from None
    settings: dict[str, Any] = dict(raw.get("notice", {}))
    if "crawl" in raw:
        settings["crawl"] = dict(raw["crawl"])
    return settings


def _parse_as_of(text: Optional[str]) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"监测时间点“{text}”格式不对，请写成 2026-11-23 或 2026-11-23T09:00") from None


@app.command("inspect")
@friendly
def inspect_command(
    registry: Path = typer.Argument(..., help="网站名录文件（.csv 或 .xlsx）"),
    out: Path = typer.Option(Path("out"), "--out", help="输出目录（results.json 与报告）"),
    connect_to: list[str] = ConnectTo,
    db: str = Db,
    profile: str = typer.Option("gov2019", "--profile", help="评分方案：gov2019、census2015 或方案文件路径"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="监测时间点，默认现在"),
    sample: Optional[str] = typer.Option(None, "--sample", help="抽查比例，如 30%；不写为全覆盖"),
    stratify: str = typer.Option("", "--stratify", help="分层抽样依据，如 region,level"),
    seed: Optional[int] = typer.Option(None, "--seed", help="抽样随机种子（记录在检查任务中，可复现）"),
    name: str = typer.Option("", "--name", help="检查任务名称"),
    resume: bool = typer.Option(False, "--resume", help="继续最近一次（或 --campaign 指定的）检查任务"),
    campaign: Optional[int] = typer.Option(None, "--campaign", help="与 --resume 一起使用：任务编号"),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", help="每个网站最多抓取的页面数"),
    formats: str = typer.Option("html", "--formats", help="同时生成的报告：docx,xlsx,html,pdf；空为不生成"),
    config: Optional[Path] = typer.Option(None, "--config", help="设置文件（TOML）：[crawl] 抓取设置，[notice] 通报文号、发文单位等"),
    per_host: Optional[int] = typer.Option(None, "--per-host", help="每个网站同时进行的请求数（默认 4）"),
    processes: int = typer.Option(0, "--processes", min=0,
                                  help="并行检查的进程数：0 为每个 CPU 核一个（最多 4），1 为单进程"),
    sites_in_flight: int = typer.Option(64, "--sites-in-flight", min=1,
                                        help="每个进程同时检查的网站数上限（先开 16 个，处理能力有空闲时逐步增加）"),
    screenshots: bool = Screenshots,
) -> None:
    """检查名录中的网站，写出 results.json 和报告。"""
    from . import shards

    if shards.may_use_processes(processes, db):
        shards.warm_up()  # its imports overlap this process's own, below
    from .campaigns import parse_share
    from .runner import InspectOptions, inspect

    options = InspectOptions(
        registry=registry, out=out, db=db, connect_to=connect_to, profile=profile, as_of=_parse_as_of(as_of),
        sample=parse_share(sample) if sample else None, stratify=tuple(s for s in stratify.split(",") if s),
        seed=seed, name=name, resume=resume, campaign_id=campaign, max_pages=max_pages, per_host=per_host,
        processes=processes, sites_in_flight=sites_in_flight, settings=load_settings(config),
    )
    outcome = _with_progress(lambda progress: inspect(options, progress))
    for problem in outcome.registry.problems:
        err.print(f"[yellow]名录问题：[/yellow]{escape(str(problem))}", highlight=False)
    shots = take_screenshots(outcome.results, out, connect_to) if screenshots else None
    paths = _write_reports(outcome.results, out, formats, shots)
    print_summary(outcome.results)
    console.print(f"结果：{outcome.results_path}")
    for path in paths:
        console.print(f"报告：{path}")


def _with_progress(run: Callable[[Any], Any]) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

    from .runner import Progress

    with Bar(TextColumn("检查网站"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[info]}"),
             TimeElapsedColumn(), console=err, transient=False, disable=not err.is_terminal) as bar:
        task = bar.add_task("sites", total=None, info="")

        def update(p: Progress) -> None:
            bar.update(task, total=p.total, completed=p.done,
                       info=f"{p.pages} 页，{p.pages_per_s:.0f} 页/秒，{p.errors} 个网站出错")
        return run(Progress(on_update=update))


def _write_reports(results: dict[str, Any], out: Path, formats: str, shots: ShotSet | None = None) -> list[Path]:
    wanted = {f.strip() for f in formats.split(",") if f.strip()}
    if not wanted:
        return []
    from .reports import write_reports

    written = write_reports(results, out, wanted, shots=shots, warn=_warn)
    return [paths[0] for paths in written.values() if paths]


def _warn(message: str) -> None:
    err.print(f"[yellow]{escape(message)}[/yellow]", highlight=False)


def take_screenshots(results: dict[str, Any], out: Path, connect_to: list[str], **options: Any) -> ShotSet | None:
    """Evidence screenshots for the reports; a missing renderer or a browser that fails is one warning line."""
    from .reports.screenshots import renderer_missing, take_screenshots as take

    missing = renderer_missing()
    if missing:
        _warn(f"未截图：{missing}")
        return None
    try:
        shots = take(results, out, connect_to, **options)
    except GovInspectError as e:
        _warn(f"未截图：{e.message}")
        return None
    console.print(f"证据截图：{shots.taken} 张，{shots.failed} 个页面未截图，用时 {shots.seconds:.1f} 秒")
    return shots


def print_summary(results: dict[str, Any]) -> None:
    sites = results["sites"]
    table = Table(title=escape(f"{results['campaign'].get('name', '')}（{results['campaign'].get('scope', '')}）"))
    for column in ("网站名称", "网站标识码", "结论", "得分", "否决项", "问题数"):
        table.add_column(column)
    for s in sites:
        vetoes = sorted({f["indicator"] for f in s["findings"] if f["part"] == "veto" and not f["needs_review"]})
        score = "—" if s["score"] is None else f"{s['score']:g}"
        style = "red" if s["verdict"] == "不合格" else ""
        table.add_row(escape(s["name"]), escape(s["id_code"]), f"[{style}]{s['verdict']}[/{style}]" if style else s["verdict"], score,
                      "、".join(vetoes), str(len(s["findings"])))
    console.print(table)
    passed = sum(1 for s in sites if s["verdict"] == "合格")
    rate = f"{passed / len(sites):.1%}" if sites else "—"
    console.print(f"共检查 {len(sites)} 个网站，合格 {passed} 个，不合格 {len(sites) - passed} 个，合格率 {rate}")


@app.command("page")
@friendly
def page_command(url: str = typer.Argument(..., help="页面地址"), connect_to: list[str] = ConnectTo,
                 as_json: bool = Json, as_of: Optional[str] = typer.Option(None, "--as-of")) -> None:
    """抓取一个页面，输出从中提取的事实（标识、标签、入口、列表、链接）。"""
    from .extract.page import page_facts_json
    from .oneshot import fetch_facts

    facts = fetch_facts(url, connect_to, _parse_as_of(as_of))
    data = page_facts_json(facts)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    console.print(f"[bold]{escape(data['title'] or '(无标题)')}[/bold]  {escape(data['url'])}  HTTP {data['status']}  {data['encoding']}")
    for key, value in data["markings"].items():
        console.print(f"  {key}: {escape(str(value))}")
    console.print("  入口：" + "、".join(k for k, v in data["entries"].items() if v))
    console.print(f"  列表 {len(data['lists'])} 个，链接 {len(data['links'])} 个，安全信号 {len(data['signals'])} 个")


@app.command("scan")
@friendly
def scan_command(url: str = typer.Argument(..., help="页面地址"), connect_to: list[str] = ConnectTo,
                 as_json: bool = Json, as_of: Optional[str] = typer.Option(None, "--as-of")) -> None:
    """检查一个页面的内容安全与严重错误（暗链、篡改、违规内容、严重表述错误等）。"""
    from .oneshot import scan_url

    findings = scan_url(url, connect_to, _parse_as_of(as_of))
    if as_json:
        sys.stdout.write(json.dumps({"url": url, "findings": [f.to_json() for f in findings]},
                                    ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if not findings:
        console.print("未发现内容安全问题。")
    for f in findings:
        review = "（需人工核实）" if f.needs_review else ""
        console.print(f"[red]{f.indicator} {f.title}[/red]{review}  {escape(f.url)}", highlight=False)
        console.print(f"  {json.dumps(f.evidence, ensure_ascii=False, default=str)[:300]}", highlight=False, markup=False)


@app.command("evaluate")
@friendly
def evaluate_command(results: Path = typer.Argument(..., help="results.json"),
                     labels: Path = typer.Argument(..., help="示例环境的 labels.json"), as_json: bool = Json) -> None:
    """按指标计算查准率与查全率（对照示例环境的标注）。"""
    from .evaluate import main as evaluate_main

    code = evaluate_main([str(results), str(labels)] + (["--json"] if as_json else []))
    raise typer.Exit(code)


@app.command("report")
@friendly
def report_command(campaign: Optional[int] = typer.Argument(None, help="检查任务编号，默认最近一次"),
                   formats: str = typer.Option("docx,xlsx,html", "--formats", help="docx,xlsx,html,pdf（pdf 需 WeasyPrint）"),
                   out: Path = typer.Option(Path("out"), "--out"), db: str = Db, screenshots: bool = Screenshots,
                   connect_to: list[str] = ConnectTo) -> None:
    """生成通报（.docx）、附件（.xlsx）、网站检测报告（.html，可选 .pdf 与证据截图）。"""
    from .results import campaign_results, write_results
    from .store.db import Store

    results = campaign_results(Store(db), campaign)
    write_results(results, out)
    shots = take_screenshots(results, out, connect_to) if screenshots else None
    for path in _write_reports(results, out, formats, shots):
        console.print(f"报告：{path}")


@app.command("indicators")
def indicators_command(as_json: bool = Json) -> None:
    """列出指标体系（编号、名称、类别、分值、状态、能否自动检查）。"""
    from .indicators.listing import catalogue_rows

    rows = catalogue_rows()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table()
    for column in ("编号", "名称", "类别", "分值", "依据", "自动化", "本系统"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["id"], r["title"], r["part"], r["points"], r["status"], r["auto"], r["implemented"])
    console.print(table)


@registry_app.command("check")
@friendly
def registry_check(path: Path = typer.Argument(..., help="网站名录文件（.csv 或 .xlsx）")) -> None:
    """检查名录文件：逐行报告标识码、网址、重复、类型与层级问题。"""
    from .registry import load_registry

    report = load_registry(path)
    for problem in report.problems:
        console.print(escape(str(problem)), highlight=False)
    console.print(f"共 {len(report.sites) + len(report.bad_rows)} 行：可用 {len(report.sites)} 行，有问题 {len(report.bad_rows)} 行")
    if report.problems:
        raise typer.Exit(1)


@app.command("demo")
@friendly
def demo_command(sites: int = typer.Option(30, "--sites"), seed: int = typer.Option(1, "--seed"),
                 out: Path = typer.Option(Path("demo-out"), "--out"),
                 formats: str = typer.Option("docx,xlsx,html", "--formats", help="docx,xlsx,html,pdf"),
                 screenshots: bool = typer.Option(True, "--screenshots/--no-screenshots",
                                                  help="为证据页面截图（已安装 Playwright 与 chromium 时）")) -> None:
    """演示：启动示例环境（本机回环地址），检查它，生成全部报告并对照标注评估。"""
    from .demo import run_demo

    run_demo(sites=sites, seed=seed, out=out, formats=formats, console=console, screenshots=screenshots)


_mount_sub_apps()


if __name__ == "__main__":
    app()
