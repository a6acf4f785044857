"""`govinspect monitor start|status|simulate`: the Typer sub-app (mounted by the lead's cli.py)."""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..terminal import err, friendly as friendly_with
from ..store.db import DEFAULT_DB, Store
from .clock import Clock, ScaledClock, SystemClock

if TYPE_CHECKING:  # the prober (and aiohttp) is imported by the commands that probe, not by every command
    from .service import SiteReport

monitor_app = typer.Typer(help="可用性监测：按日程探测首页，依一周记录判定“站点无法访问”", no_args_is_help=True)
STATUS_TEXT = {"veto": "单项否决", "pass": "未达否决线", "insufficient": "数据不足（不足 7 个完整监测日）"}

ConnectTo = typer.Option([], "--connect-to", help="HOST1:PORT1:HOST2:PORT2，同 curl，可重复")
Db = typer.Option(DEFAULT_DB, "--db", help="数据库地址（SQLAlchemy URL），默认当前目录下的 SQLite 文件")
Json = typer.Option(False, "--json", help="以 JSON 输出")


friendly = friendly_with("监测已停止。再次启动会接着原日程，停机期间的时段记为“漏测”。")


def _when(text: Optional[str], what: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{what}“{text}”格式不对，请写成 2026-11-23 或 2026-11-23T09:00") from None


def _clock(speed: float, virtual_start: Optional[str], origin: Optional[float]) -> Clock:
    start = _when(virtual_start, "虚拟起始时间")
    if speed == 1.0 and start is None:
        return SystemClock()
    return ScaledClock(start or datetime.now(), speed, origin)


@monitor_app.command("start")
@friendly
def start(registry: Optional[Path] = typer.Option(None, "--registry", help="网站名录文件（导入后监测其中全部网站）"),
          campaign: Optional[int] = typer.Option(None, "--campaign", help="监测该检查任务的网站"),
          per_day: int = typer.Option(24, "--per-day", min=1, help="每个网站每天探测次数（规范要求不少于 20）"),
          timeout: float = typer.Option(15.0, "--timeout", help="首页超过该秒数仍未打开即为一次失败"),
          retry_delay: float = typer.Option(30.0, "--retry-delay", help="失败后间隔该秒数复测一次，仍失败才计为失败"),
          db: str = Db, connect_to: list[str] = ConnectTo,
          clock_speed: float = typer.Option(1.0, "--clock-speed", hidden=True),
          virtual_start: Optional[str] = typer.Option(None, "--virtual-start", hidden=True),
          clock_origin: Optional[float] = typer.Option(None, "--clock-origin", hidden=True),
          until: Optional[str] = typer.Option(None, "--until", hidden=True)) -> None:
    """启动可用性监测（长期运行，Ctrl-C 停止；重启后接着原日程）。"""
    from .scheduler import MonitorSettings
    from .service import run_monitor, targets_from

    store = Store(db)
    targets = targets_from(store, registry, campaign)
    if not targets:
        err.print("没有可监测的网站：请用 --registry 指定名录，或用 --campaign 指定检查任务。")
        raise typer.Exit(2)
    settings = MonitorSettings(per_day=per_day, timeout=timeout, retry_delay=retry_delay)
    err.print(f"开始监测 {len(targets)} 个网站，每站每天 {per_day} 次，超时 {timeout:g} 秒。", highlight=False)
    clock = _clock(clock_speed, virtual_start, clock_origin)
    stats = asyncio.run(run_monitor(store, targets, clock, settings, connect_to, _when(until, "结束时间")))
    err.print(f"监测结束：探测 {stats.probes} 次，确认失败 {stats.failed} 次，补记漏测 {stats.missed} 个时段。")


@monitor_app.command("status")
@friendly
def status(db: str = Db, campaign: Optional[int] = typer.Option(None, "--campaign", help="只看该检查任务的网站"),
           json_out: bool = Json) -> None:
    """各网站最近 7 个完整日（截至今日零时，与检查任务的判定口径相同）的探测、失败、比例和最近一次失败。"""
    from .service import targets_from, thresholds_of, week_reports

    store = Store(db)
    targets = targets_from(store, None, campaign)
    reports = week_reports(store, targets, datetime.now(), thresholds_of())
    _print(reports, json_out, "最近 7 个完整日可用性监测")


@monitor_app.command("simulate")
@friendly
def simulate(registry: Path = typer.Option(..., "--registry", help="网站名录文件（示例环境的 registry.csv）"),
             days: int = typer.Option(7, "--days", min=1, help="模拟的天数"),
             start_day: Optional[str] = typer.Option(None, "--start", help="虚拟起始日期，默认为今天往前 DAYS 天"),
             per_day: int = typer.Option(24, "--per-day", min=1, help="每个网站每天探测次数"),
             timeout: float = typer.Option(15.0, "--timeout", help="单次探测超时秒数"),
             retry_delay: float = typer.Option(30.0, "--retry-delay", help="失败后复测间隔（虚拟秒）"),
             profile: str = typer.Option("gov2019", "--profile", help="评分方案（取其中的否决阈值）"),
             db: str = typer.Option("sqlite://", "--db", help="数据库地址；默认内存库，模拟记录不混入真实监测"),
             connect_to: list[str] = ConnectTo, json_out: bool = Json) -> None:
    """在虚拟时钟上模拟一周监测（数秒完成），输出各网站的探测、失败、比例及是否触发否决。"""
    from .scheduler import MonitorSettings
    from .service import simulate_week, targets_from, thresholds_of

    store = Store(db)
    targets = targets_from(store, registry)
    today = datetime.combine(datetime.now().date(), time())
    start_at = _when(start_day, "虚拟起始日期") or today - timedelta(days=days)
    settings = MonitorSettings(per_day=per_day, timeout=timeout, retry_delay=retry_delay)
    reports = asyncio.run(simulate_week(store, targets, days, start_at, settings, connect_to,
                                        thresholds_of(profile, per_day=min(per_day, 20))))
    _print(reports, json_out, f"模拟监测 {days} 天")


def _print(reports: list[SiteReport], json_out: bool, title: str) -> None:
    if json_out:
        print(json.dumps({"sites": [r.as_json() for r in reports]}, ensure_ascii=False, indent=1))
        return
    table = Table(title=title)
    for col in ("网站标识码", "网站名称", "探测次数", "确认失败", "漏测", "失败比例", "最近一次失败", "站点无法访问"):
        table.add_column(col)
    for r in reports:
        d = r.decision
        last = r.last_failure.isoformat(sep=" ", timespec="minutes") if r.last_failure else "—"
        table.add_row(escape(r.target.key), escape(r.name), str(d.probes), str(d.failed), str(r.missed),
                      f"{d.ratio:.1%}", last, STATUS_TEXT[d.status])
    Console().print(table)  # created here so that the terminal width is read at print time
