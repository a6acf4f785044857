"""Running one tool under measurement: own process group, timeout, sampled RSS of the tree, CPU from rusage."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_S = 0.1


@dataclass(slots=True)
class RunStats:
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss_mb: float = 0.0
    returncode: int | None = None
    timed_out: bool = False
    error: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _tree(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def _sample(root: psutil.Process, cpu_seen: dict[int, float]) -> float:
    """Resident memory of the whole tree now (MB); remembers each process's last CPU time as a fallback."""
    rss = 0
    for proc in _tree(root):
        try:
            rss += proc.memory_info().rss
            t = proc.cpu_times()
            cpu_seen[proc.pid] = t.user + t.system
        except psutil.Error:
            continue
    return rss / (1024 * 1024)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run_measured(cmd: list[str], timeout_s: float, log: Path, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> RunStats:
    """Run `cmd` to its end (or kill its process group after `timeout_s`); stdout+stderr go to `log`."""
    stats = RunStats()
    cpu_before = _children_cpu()
    cpu_seen: dict[int, float] = {}
    started = time.monotonic()
    with log.open("wb") as out:
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env,
                                    start_new_session=True)
        except OSError as exc:
            stats.error = f"cannot start: {exc}"
            return stats
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            stats.peak_rss_mb = max(stats.peak_rss_mb, _sample(root, cpu_seen))
            if time.monotonic() - started > timeout_s:
                stats.timed_out = True
                _kill_group(proc)
                break
            time.sleep(SAMPLE_S)
    stats.wall_s = time.monotonic() - started
    stats.returncode = proc.returncode
    # processes orphaned by a kill are not reaped by us: their last sampled CPU is the better figure
    stats.cpu_s = max(_children_cpu() - cpu_before, sum(cpu_seen.values()))
    if stats.timed_out:
        stats.error = f"超时：{timeout_s:.0f} 秒后结束了进程组"
    return stats


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by one live process, e.g. the world server."""
    t = psutil.Process(pid).cpu_times()
    return t.user + t.system
