"""How each tool is invoked for many sites at once, and how its output is read back (see parsers.py)."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import parsers

PER_HOST = 8  # Scrapy's default per-domain concurrency; every tool with a per-host limit gets the same
BENCH = Path(__file__).resolve().parents[1]

LINKCHECKER_RC = """[checking]
threads={threads}
# lifted from the default 10 requests per second per host so the tool is not throttled below the others
maxrequestspersecond=10000
timeout=15
recursionlevel=-1
[filtering]
checkextern=1
[output]
verbose=1
warnings=0
status=0
"""


@dataclass(frozen=True, slots=True)
class Job:
    """One invocation: the command, the file it leaves its findings in, and how to read that file."""

    cmd: list[str]
    output: Path
    parse: Callable[[str], parsers.ToolOutput]


def linkchecker(bin_dir: str, starts: list[str], work: Path, internal: set[str]) -> Job:
    rc = work / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC.format(threads=PER_HOST), encoding="utf-8")
    out = work / "linkchecker.csv"
    cmd = [f"{bin_dir}/linkchecker", "-f", str(rc), "-o", "none", "-F", f"csv/utf-8/{out}", *starts]
    return Job(cmd, out, lambda text: parsers.linkchecker_csv(text, internal))


def linkinator(binary: str, starts: list[str], work: Path, internal: set[str]) -> Job:
    out = work / "linkinator.json"
    cmd = ["sh", "-c", '"$0" "$@" > ' + _q(out), binary, *starts, "--recurse", "--format", "json",
           "--concurrency", str(PER_HOST), "--timeout", "15000"]
    return Job(cmd, out, lambda text: parsers.linkinator_json(text, internal))


def wget(binary: str, starts: list[str], work: Path, internal: set[str]) -> Job:
    out = work / "wget.log"
    cmd = [binary, "--spider", "-r", "-l", "inf", "-nv", "-nd", "-P", str(work / "wget-tmp"), "--timeout=15",
           "--tries=1", "-o", str(out), *starts]
    return Job(cmd, out, lambda text: parsers.wget_log(text, internal))


def scrapy(bin_dir: str, starts: list[str], work: Path, internal: set[str]) -> Job:
    starts_file = work / "starts.txt"
    starts_file.write_text("\n".join(starts) + "\n", encoding="utf-8")
    out = work / "scrapy.json"
    cmd = [f"{bin_dir}/scrapy", "runspider", str(BENCH / "peers" / "scrapy_spider.py"), "-a", f"starts={starts_file}",
           "-a", f"out={out}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={PER_HOST}",
           "-s", f"CONCURRENT_REQUESTS={PER_HOST * max(len(starts), 1)}"]
    return Job(cmd, out, parsers.scrapy_json)


def gi_crawl(registry: Path, port: int, work: Path) -> Job:
    out = work / "gi_crawl.json"
    cmd = [sys.executable, str(BENCH / "gi_crawl.py"), str(registry), "--connect-to", f"::127.0.0.1:{port}",
           "--per-host", str(PER_HOST), "--out", str(out)]
    return Job(cmd, out, parsers.gi_crawl_json)


def gi_full(registry: Path, port: int, work: Path, *extra: str) -> Job:
    out = work / "gi-out"
    cmd = [sys.executable, "-m", "govinspect", "inspect", str(registry), "--out", str(out),
           "--db", f"sqlite:///{work / 'gi.db'}", "--connect-to", f"::127.0.0.1:{port}", "--formats", "",
           "--per-host", str(PER_HOST), *extra]
    return Job(cmd, out / "results.json", lambda text: parsers.gi_results(json.loads(text)))


def gi_polite(registry: Path, port: int, work: Path, gap_s: float, sites_in_flight: int | None) -> Job:
    """The full inspection with a real server's politeness gap between request starts on each host (the
    sample world is otherwise reached without one), with the adaptive or a fixed number of sites in flight."""
    config = work / "polite.toml"
    config.write_text(f"[crawl]\nrouted_delay = {gap_s}\n", encoding="utf-8")
    fixed = ["--sites-in-flight", str(sites_in_flight)] if sites_in_flight else []
    return gi_full(registry, port, work, "--config", str(config), *fixed)


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


# which tools limit concurrency per host, for the table's note
PER_HOST_NOTE = {
    "govinspect": "每主机 8（crawl 模式由驱动程序设置，full 模式用 inspect --per-host 8）",
    "linkchecker": "无每主机限制：全局 8 线程，maxrequestspersecond 已放开到 10000",
    "linkinator": "无每主机限制：--concurrency 8（其任务队列的上限；服务器在 50 ms 时仍见到单主机上百个并发请求）",
    "wget": "无：单连接串行",
    "scrapy": "每主机 8（CONCURRENT_REQUESTS_PER_DOMAIN，Scrapy 默认值；按地址与按域名各算一个槽）",
}
