"""Side-by-side speed benchmark (issue 9): govinspect (full inspection and crawl + link check alone) against
LinkChecker, linkinator, GNU Wget and a minimal Scrapy spider, on the same bench-profile sample world.

    python bench/run.py            # full run (0 and 50 ms latency, scaling to 600 sites), ~45 minutes
    python bench/run.py --quick    # 5 sites, 0 ms, ~3 minutes
    python bench/run.py --scaling-only --scaling-pages 545   # 100 and 600 sites only → scaling-latest.*

Peers are installed into bench/.peers/ first (the only step that uses the network: package registries).
Measuring then runs inside a private network namespace (`unshare -n -m`) holding only loopback, with its own
/etc/hosts, so no tool can reach anything but the sample world: each site listens on 127.0.1.N:80 and every
other name a page links to resolves to the world's main address, which answers by Host header.
Results: bench/results/latest.json, latest.md and dated copies.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV_PYTHON = REPO / ".venv" / "bin" / "python"


def _ensure_project_python() -> None:
    """`python bench/run.py` with any interpreter: re-run under the project's virtualenv when needed."""
    try:
        import govinspect  # noqa: F401
        import psutil  # noqa: F401
    except ImportError:
        if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
            os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
        raise


_ensure_project_python()
sys.path.insert(0, str(BENCH))

from benchlib.install import install_all  # noqa: E402
from benchlib.session import Plan, measure_all  # noqa: E402


@dataclass(frozen=True, slots=True)
class Args:
    quick: bool
    inside: bool
    skip_peers: bool
    work: Path
    results: Path
    timeout: float | None
    sites: int | None
    scaling_pages: int
    scaling_only: bool
    latencies: tuple[int, ...] | None


def parse_args(argv: list[str]) -> Args:
    p = argparse.ArgumentParser(description="govinspect 与同类工具的对比测速")
    p.add_argument("--quick", action="store_true", help="约 2–4 分钟的简版：5 个网站，0 ms 延迟，不做规模测试")
    p.add_argument("--skip-peers", action="store_true", help="只测 govinspect（不安装、不运行其他工具）")
    p.add_argument("--sites", type=int, default=None, help="对比测试的网站数（默认：简版 5，完整版 20）")
    p.add_argument("--timeout", type=float, default=None, help="每次测量的超时秒数（超时即结束该工具的进程组）")
    p.add_argument("--scaling-pages", type=int, default=545, help="规模测试中每个网站的目标页面数（545 时每站实际约 505 页，600 个网站约 30 万页）")
    p.add_argument("--scaling-only", action="store_true",
                   help="只做规模测试（100 与 600 个网站），结果写入 scaling-latest.json/.md，不替换对比表")
    p.add_argument("--latency", type=int, action="append", default=None, metavar="MS",
                   help="只测这些响应延迟（毫秒，可重复；默认：简版 0，完整版 0 与 50）")
    p.add_argument("--work", type=Path, default=Path("/tmp/govinspect-bench"), help="临时工作目录")
    p.add_argument("--results", type=Path, default=BENCH / "results", help="结果目录")
    p.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    return Args(a.quick, a.inside, a.skip_peers or a.scaling_only, a.work, a.results, a.timeout, a.sites,
                a.scaling_pages, a.scaling_only, tuple(a.latency) if a.latency else None)


def outside(args: Args, argv: list[str]) -> int:
    """Install the peers (registries only), then measure inside a loopback-only namespace."""
    args.work.mkdir(parents=True, exist_ok=True)
    installs = {} if args.skip_peers else install_all(BENCH / ".peers")
    (args.work / "installs.json").write_text(json.dumps(
        {k: {"path": v.path, "error": v.error} for k, v in installs.items()}, ensure_ascii=False), encoding="utf-8")
    cmd = ["unshare", "-n", "-m", "--propagation", "private", sys.executable, str(Path(__file__).resolve()),
           "--inside", *argv]
    try:
        return subprocess.run(cmd).returncode
    except FileNotFoundError:
        print("无法创建仅含回环地址的网络命名空间（需要 root 与 unshare），测速未运行。", file=sys.stderr)
        return 2


def inside(args: Args) -> int:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    installs = json.loads((args.work / "installs.json").read_text(encoding="utf-8"))
    plan = Plan.make(args.quick, args.sites, args.timeout, args.scaling_pages, skip_peers=args.skip_peers,
                     scaling_only=args.scaling_only, latencies=args.latencies)
    path = measure_all(plan, installs, args.work, args.results)
    print(f"结果：{path}  {path.with_suffix('.md')}")
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.inside:
        return inside(args)
    return outside(args, [a for a in argv if a != "--inside"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
