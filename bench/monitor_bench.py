"""Benchmark of the availability monitor: 600 sites at 24 probes a day (issue 7).

Usage: python bench/monitor_bench.py [--sites 600] [--per-day 24] [--speed 120] [--seconds 30] [--real-seconds 30]
The sample world (availability on) runs in a child process, so only the monitor's own cost is measured.
Phase 1 runs the real scheduler on a clock `speed` times faster than real time to measure CPU seconds per
probe (wire, classification, fingerprint, store write); phase 2 runs on the wall clock for `real-seconds`
to measure the idle scheduler at the real rate. The projection is per-probe cost × the real probe rate
(sites × per-day / 86400 per second) + idle cost, plus the worst case where every probe must re-parse
its page because the home page changed since the last probe.
Targets: < 5 % of one core and < 200 MB RSS.
"""
from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import psutil

from govinspect.crawl.fetcher import Fetcher
from govinspect.monitor.clock import Clock, ScaledClock, SystemClock
from govinspect.monitor.fingerprint import fingerprint_page
from govinspect.monitor.prober import probe_settings
from govinspect.monitor.scheduler import MonitorSettings
from govinspect.monitor.service import run_monitor, targets_from
from govinspect.store.db import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_world(sites: int, out: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    cmd = [sys.executable, "-m", "govinspect", "world", "serve", "--sites", str(sites), "--availability",
           "--port", str(port), "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out / "labels.json").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the sample world did not start")
        time.sleep(0.2)
    return proc, port


class Meter:
    """CPU seconds and peak RSS of this process over a phase (RSS sampled every second)."""

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.peak_rss = 0

    async def sample(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.peak_rss = max(self.peak_rss, self.proc.memory_info().rss)
            await asyncio.sleep(1.0)

    def cpu(self) -> float:
        t = self.proc.cpu_times()
        return t.user + t.system


async def phase(store: Store, sites: int, per_day: int, clock: Clock, seconds: float, warmup: float,
                connect_to: list[str], meter: Meter) -> tuple[int, float, float]:
    """Run the monitor for warmup + seconds; returns probes, CPU seconds and wall seconds after the warm-up
    (the warm-up holds start-up work: imports, the missed-slot bookkeeping of every site, first connections)."""
    targets = targets_from(store)[:sites]
    stop = asyncio.Event()
    sampler = asyncio.create_task(meter.sample(stop))
    task = asyncio.create_task(run_monitor(store, targets, clock, MonitorSettings(per_day=per_day), connect_to))
    await asyncio.sleep(warmup)
    probes0, cpu0, t0 = count(store), meter.cpu(), time.monotonic()
    await asyncio.sleep(seconds)
    probes, cpu, wall = count(store) - probes0, meter.cpu() - cpu0, time.monotonic() - t0
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    stop.set()
    await sampler
    return probes, cpu, wall


def count(store: Store, outcome: str | None = None) -> int:
    summary = store.probe_summary()
    keys = (outcome,) if outcome else ("ok", "failed")
    return sum(row[k] for row in summary for k in keys)


async def parse_cost(store: Store, connect_to: list[str], pages: int = 50) -> float:
    """Seconds of CPU to parse and fingerprint one home page (the cost when a page changed since the last probe)."""
    texts = []
    async with Fetcher(probe_settings(connect_to, 15.0)) as f:
        for _, site in store.sites()[:pages]:
            r = await f.fetch(site.url)
            if r.text:
                texts.append((r.text, r.final_url))
    started = time.process_time()
    for text, url in texts:
        fingerprint_page(text, url)
    return (time.process_time() - started) / max(1, len(texts))


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        world, port = start_world(args.sites, Path(tmp) / "world")
        try:
            await run(args, Path(tmp), [f"::127.0.0.1:{port}"])
        finally:
            world.terminate()
            world.wait(10)


async def run(args: argparse.Namespace, tmp: Path, connect_to: list[str]) -> None:
    meter = Meter()
    fast = Store(f"sqlite:///{tmp / 'fast.db'}")
    targets_from(fast, tmp / "world" / "registry.csv")
    probes, cpu_fast, _ = await phase(fast, args.sites, args.per_day, ScaledClock(datetime.now(), args.speed),
                                      args.seconds, 3.0, connect_to, meter)
    real = Store(f"sqlite:///{tmp / 'real.db'}")  # its own store: phase 1 wrote slots in the virtual future
    targets_from(real, tmp / "world" / "registry.csv")
    real_probes, cpu_real, wall_real = await phase(real, args.sites, args.per_day, SystemClock(), args.real_seconds,
                                                   3.0, connect_to, meter)
    parse = await parse_cost(fast, connect_to)
    report(args, probes, cpu_fast, cpu_real, wall_real, real_probes, parse, meter.peak_rss)


def report(args: argparse.Namespace, probes: int, cpu_fast: float, cpu_real: float, wall_real: float,
           real_probes: int, parse: float, peak_rss: int) -> None:
    rate = args.sites * args.per_day / 86400
    per_probe = cpu_fast / max(1, probes)
    idle = max(0.0, cpu_real - real_probes * per_probe) / wall_real
    projected = per_probe * rate + idle
    worst = (per_probe + parse) * rate + idle
    print(f"sites {args.sites}, {args.per_day} probes/day each = {rate:.3f} probes/s in real time")
    print(f"phase 1 (x{args.speed:g} clock, {args.seconds:g} s after warm-up): {probes} probes, "
          f"CPU {cpu_fast:.2f} s = {per_probe * 1000:.2f} ms/probe")
    print(f"phase 2 (wall clock, {wall_real:.1f} s): {real_probes} probes, CPU {cpu_real:.3f} s = "
          f"{cpu_real / wall_real * 100:.3f} % of a core measured; idle scheduler {idle * 100:.3f} %")
    print(f"page parse + fingerprint when a home page changed: {parse * 1000:.2f} ms")
    print(f"projected CPU at the real rate: {projected * 100:.2f} % of one core "
          f"(every page changed: {worst * 100:.2f} %)   target < 5 %")
    print(f"peak RSS: {peak_rss / 2**20:.1f} MB   target < 200 MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=600)
    parser.add_argument("--per-day", type=int, default=24)
    parser.add_argument("--speed", type=float, default=240.0, help="virtual seconds per real second in phase 1")
    parser.add_argument("--seconds", type=float, default=30.0, help="real seconds of phase 1")
    parser.add_argument("--real-seconds", type=float, default=30.0, help="real seconds of phase 2")
    asyncio.run(main(parser.parse_args()))
