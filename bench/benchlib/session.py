"""One benchmark session inside the loopback-only namespace: the plan, each world, each tool's row."""
from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import psutil

from . import tools
from .bound import lower_bound, network_bound, ratio
from .labels import planted
from .measure import run_measured
from .report import write_results
from .rows import Setting, error_row, make_row, per_host_requests
from .urls import address_map
from .world import WorldMap, WorldServer, hosts_file, load_world, redirect_aliases, start_world, walk_world

PORT = 80  # the namespace is ours: peers then see plain http://127.0.1.N/ URLs
SECONDS_PER_SITE = 6.0  # a measurement's time limit grows with the world: ~500 pages a site
PEERS = ("linkchecker", "linkinator", "wget", "scrapy")
# The polite rows: real servers are crawled with a gap between request starts on each host, so a site yields
# a few pages a second and the campaign's speed depends on how many sites are in flight (govinspect/lanes.py).
POLITE = {"sites": 80, "pages_per_site": 120, "latency_ms": 100, "gap_s": 0.25}
FIXED_SITES_IN_FLIGHT = 16  # the lanes per process before they became adaptive


@dataclass(frozen=True, slots=True)
class Plan:
    variant: str
    sites: int
    latencies: tuple[int, ...]
    scaling: tuple[int, ...]
    timeout_s: float
    scaling_pages: int
    peers: tuple[str, ...]
    polite: bool = False

    @classmethod
    def make(cls, quick: bool, sites: int | None, timeout: float | None, scaling_pages: int,
             skip_peers: bool = False, scaling_only: bool = False,
             latencies: tuple[int, ...] | None = None) -> "Plan":
        peers = () if skip_peers else PEERS
        if scaling_only:
            return cls("scaling", sites or 20, (), (100, 600), timeout or 900.0, scaling_pages, ())
        if quick:
            return cls("quick", sites or 5, latencies or (0,), (), timeout or 120.0, scaling_pages, peers)
        return cls("full", sites or 20, latencies or (0, 50), (10, 100, 600), timeout or 900.0, scaling_pages, peers,
                   polite=True)


def measure_all(plan: Plan, installs: dict[str, Any], work: Path, results: Path) -> Path:
    require_loopback_only()
    rows: list[dict[str, Any]] = []
    for latency in plan.latencies:
        rows += world_rows(plan, plan.sites, latency, 0, ("gi_full", "gi_crawl", *plan.peers), installs, work)
    if plan.polite:
        rows += world_rows(plan, POLITE["sites"], POLITE["latency_ms"], POLITE["pages_per_site"],
                           ("gi_polite", "gi_polite_fixed"), installs, work, gap_s=POLITE["gap_s"])
    for n in plan.scaling:
        rows += [dict(r, scaling=True) for r in
                 world_rows(plan, n, 0, plan.scaling_pages, ("gi_full",), installs, work)]
    doc = {"date": datetime.now().isoformat(timespec="seconds"), "cores": os.cpu_count(), "variant": plan.variant,
           "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                       "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)},
           "plan": {"sites": plan.sites, "latencies_ms": list(plan.latencies), "scaling_sites": list(plan.scaling),
                    "scaling_pages_per_site": plan.scaling_pages, "timeout_s": plan.timeout_s,
                    "polite": POLITE if plan.polite else None},
           "per_host_limits": tools.PER_HOST_NOTE, "notes": notes(plan), "rows": rows}
    return write_results(doc, results)


def require_loopback_only() -> None:
    """Refuse to measure anywhere a tool could reach a real network."""
    names = set(psutil.net_if_addrs())
    if names - {"lo"}:
        raise SystemExit(f"测速须在只有回环接口的网络命名空间中运行，当前接口：{sorted(names)}")


def world_rows(plan: Plan, sites: int, latency: int, pages_per_site: int, which: tuple[str, ...],
               installs: dict[str, Any], work: Path, gap_s: float = 0.0) -> list[dict[str, Any]]:
    as_of = date.today().isoformat()
    wdir = work / f"world-{sites}-{latency}ms"
    # A world that several tools are measured on keeps every page it renders, and renders them all before the
    # first tool runs (an unmeasured inspection): no tool pays for another's cold server, and the server's
    # CPU per request is that of serving, not of generating pages.
    shared = len(which) > 1
    server = start_world(wdir, sites, latency, PORT, as_of, pages_per_site, keep_pages=shared)
    try:
        if shared:
            warm_up(server, wdir)
        site_hosts = [s["host"] for s in server.labels["sites"]]  # type: ignore[index]
        peers = [w for w in which if w in PEERS]
        world = load_world(sites, as_of, pages_per_site)
        wmap = walk_world(world, site_hosts) if peers or latency else WorldMap()
        if peers:
            _mount_hosts(wdir, hosts_file(server.addresses, wmap.hosts))
        truth = planted(server.labels)
        setting = Setting(latency, sites, frozenset(site_hosts), address_map(server.addresses), truth,
                          redirect_aliases(world, set(truth.dead | truth.soft404)), gap_s)
        return [measure_tool(name, plan, server, setting, wmap, installs, wdir) for name in which]
    finally:
        server.stop()
        subprocess.run(["umount", "/etc/hosts"], capture_output=True)


def warm_up(server: WorldServer, wdir: Path) -> None:
    work = wdir / "warm-up"
    work.mkdir(parents=True, exist_ok=True)
    job = tools.gi_full(server.out / "registry.csv", server.port, work)
    print("[bench] 预热示例环境（不计时）…", flush=True)
    with (work / "tool.log").open("wb") as log:
        subprocess.run(job.cmd, cwd=work, stdout=log, stderr=subprocess.STDOUT, check=False)


def _mount_hosts(wdir: Path, text: str) -> None:
    path = wdir / "hosts"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)
    subprocess.run(["mount", "--bind", str(path), "/etc/hosts"], check=True)


def build_job(name: str, server: WorldServer, installs: dict[str, Any], work: Path) -> tools.Job | str:
    """The tool's invocation, or why it cannot run (a failed install)."""
    registry = server.out / "registry.csv"
    if name == "gi_full":
        return tools.gi_full(registry, server.port, work)
    if name == "gi_crawl":
        return tools.gi_crawl(registry, server.port, work)
    if name in ("gi_polite", "gi_polite_fixed"):
        fixed = FIXED_SITES_IN_FLIGHT if name == "gi_polite_fixed" else None
        return tools.gi_polite(registry, server.port, work, float(POLITE["gap_s"]), fixed)
    inst = installs.get(name) or {"path": None, "error": "not installed"}
    if not inst["path"]:
        return f"安装失败：{inst['error']}"
    hosts = dict(server.addresses["hosts"])  # type: ignore[call-overload]
    starts = [f"http://{addr}/" for addr in hosts.values()]
    builders: dict[str, Callable[..., tools.Job]] = {"linkchecker": tools.linkchecker, "linkinator": tools.linkinator,
                                                    "wget": tools.wget, "scrapy": tools.scrapy}
    return builders[name](inst["path"], starts, work, set(hosts.values()))


def measure_tool(name: str, plan: Plan, server: WorldServer, setting: Setting, wmap: WorldMap,
                 installs: dict[str, Any], wdir: Path) -> dict[str, Any]:
    tool, mode = ("govinspect", "crawl" if name == "gi_crawl" else "full") if name.startswith("gi_") else (name, "crawl")
    work = wdir / name
    work.mkdir(parents=True, exist_ok=True)
    work.chmod(0o777)  # LinkChecker run as root drops to `nobody` and writes its CSV here
    job = build_job(name, server, installs, work)
    if isinstance(job, str):
        return error_row(tool, mode, setting, job)
    print(f"[bench] {tool} {mode} {setting.latency_ms} ms {setting.sites} 站 …", flush=True)
    server.reset()
    cpu_before = server.cpu()
    timeout = max(plan.timeout_s, setting.sites * SECONDS_PER_SITE)  # the 600-site row takes a while
    run = run_measured(job.cmd, timeout, work / "tool.log", cwd=work)
    server_cpu = server.cpu() - cpu_before
    stats = server.stats()
    output, parse_error = _read_output(job)
    row = make_row(tool, mode, setting, run, output, stats)
    row["server_cpu_s"] = round(server_cpu, 2)
    if parse_error and not run.error:
        row["error"] = parse_error
    if tool == "govinspect":
        per_host = tools.PER_HOST
        requests = per_host_requests(stats, setting.by_address)
        net = network_bound(requests, wmap.depth, setting.latency_ms / 1000, per_host, setting.gap_s)
        row["network_bound_s"] = round(net, 2)
        row["busiest_host_requests"] = max(requests.values(), default=0)
        row["bound_s"] = round(lower_bound(net, server_cpu), 2)
        row["bound_ratio"] = ratio(run.wall_s, row["bound_s"])
        row["per_host"] = per_host
        if setting.gap_s:
            row["gap_s"] = setting.gap_s
            row["sites_in_flight"] = FIXED_SITES_IN_FLIGHT if name == "gi_polite_fixed" else "adaptive"
    print(f"[bench]   {row.get('wall_s')} s, {row.get('pages')} 页, 死链 {row.get('dead_found')}/{row.get('dead_planted')}"
          + (f"，出错：{row['error']}" if row.get("error") else ""), flush=True)
    return row


def _read_output(job: tools.Job) -> tuple[Any, str | None]:
    try:
        return job.parse(job.output.read_text(encoding="utf-8", errors="replace")), None
    except FileNotFoundError:
        return None, f"没有输出文件 {job.output.name}"
    except (ValueError, KeyError) as exc:
        return None, f"无法解析输出：{type(exc).__name__}: {exc}"


def notes(plan: Plan) -> list[str]:
    return [
        "所有工具在同一个仅含回环接口的网络命名空间中运行，访问同一个示例环境（bench 配置：UTF-8、带头部的 GBK、"
        "仅 meta 声明的 gb2312、中文文件名链接，埋设 404/500/跳转到 404/死图片/死附件/软 404）。",
        "govinspect 经 --connect-to 按 Host 访问；其他工具访问各网站独立的 127.0.1.N 地址，"
        "页面中出现的其他域名在命名空间内的 /etc/hosts 中指向示例环境，.invalid 域名不可解析（埋设的死链）。",
        "页面数：govinspect 为其抓取的页面数；其他工具为其成功获取的本站网页地址数（以 / 或 .html 结尾）。",
        "请求数与单主机最大并发由示例环境服务器统计；CPU 为被测工具整个进程树的用户态+内核态时间，"
        "峰值内存为进程树 RSS 之和（每 0.1 秒采样）。",
        "同一示例环境上测量多个工具时，服务器缓存它生成的全部页面，并在第一个工具之前先做一次不计时的完整检查把页面全部生成，"
        "各工具面对的都是已预热的服务器（服务器 CPU 因而只是响应请求的开销）；规模测试每个环境只测一次，不预热。",
        "下界：max(网络下界, 服务器 CPU 时间)；网络下界 = 各主机（请求数 × 延迟 ÷ 每主机并发 + 最深页面层数 × 延迟）的最大值。",
        f"礼貌抓取（模式标为“full（间隔 …）”）：{POLITE['sites']} 个网站、每站目标 {POLITE['pages_per_site']} 页、"
        f"延迟 {POLITE['latency_ms']} ms，govinspect 按真实网站的做法在同一主机相邻两次请求之间至少间隔 "
        f"{POLITE['gap_s']} 秒；分别用自适应的同时检查网站数（默认）和固定每进程 {FIXED_SITES_IN_FLIGHT} 个"
        "（--sites-in-flight）。此时各主机还受间隔限制：网络下界取（请求数 − 1）× 间隔 + 延迟与上式中的较大者。",
        f"规模测试（scaling，模式标为“full（规模）”）只测 govinspect 完整检查，0 ms 延迟，"
        f"示例环境 --pages-per-site {plan.scaling_pages}（页面数以实际抓取为准）。",
        "0 ms 延迟时服务器处理每个请求不经过等待，单主机最大并发因此多为 1；50 ms 时才反映各工具的实际并发。",
        "LinkChecker 的每主机限速 maxrequestspersecond 已从默认 10 放开到 10000（bench 示例环境按 LinkChecker 文档"
        "在响应中带 LinkChecker 头，否则该工具仍对每主机限速约 3 次/秒）；LinkChecker 没有每主机并发限制，"
        "用全局 8 个线程；linkinator 给了 --concurrency 8，但服务器实测单主机并发远高于 8；wget 串行。",
        "各工具的每主机并发设置见 JSON 的 per_host_limits；表中“单主机最大并发”是服务器实测值。",
    ]
