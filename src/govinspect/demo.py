"""`govinspect demo`: start the sample world on loopback, inspect it, write every report, evaluate.

The world runs as a child process (it uses the second core and is stopped however the demo ends);
the inspection reaches it through `--connect-to`, so URLs and reports keep the real-looking names.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from rich.console import Console

from .errors import GovInspectError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_world(sites: int, seed: int, out: Path, as_of: str | None = None,
                  extra: list[str] | None = None) -> Iterator[tuple[int, Path]]:
    """A `world serve` child process; yields (port, world dir) once labels.json is written."""
    port = free_port()
    world_dir = out / "world"
    labels = world_dir / "labels.json"
    labels.unlink(missing_ok=True)
    args = [sys.executable, "-m", "govinspect.cli", "world", "serve", "--sites", str(sites), "--seed", str(seed),
            "--port", str(port), "--out", str(world_dir)] + (["--as-of", as_of] if as_of else []) + (extra or [])
    log = open(out / "world.log", "w", encoding="utf-8")
    child = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(child, labels, port)
        yield port, world_dir
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
        log.close()


def _wait_for(child: subprocess.Popen[bytes], labels: Path, port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise GovInspectError(f"示例环境启动失败（退出码 {child.returncode}），详见 world.log")
        if labels.exists():
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/__world/stats", timeout=2).close()
                return
            except OSError:
                pass
        time.sleep(0.2)
    raise GovInspectError(f"示例环境在 {seconds:.0f} 秒内没有启动")


SHOT_BUDGET_S = 60.0  # caps the demo's screenshots: 30 sites are ~75 pages, 20–40 s on 2 cores (README)


def run_demo(sites: int, seed: int, out: Path, formats: str, console: Console,
             screenshots: bool = True) -> dict[str, Any]:
    from .cli import _write_reports, print_summary, take_screenshots
    from .evaluate import evaluate, format_table
    from .runner import InspectOptions, inspect

    out.mkdir(parents=True, exist_ok=True)
    db = out / "govinspect.db"
    db.unlink(missing_ok=True)
    console.print(f"启动示例环境：{sites} 个模拟政府网站（仅本机回环地址）…")
    with running_world(sites, seed, out) as (port, world_dir):
        labels = json.loads((world_dir / "labels.json").read_text(encoding="utf-8"))
        as_of = labels["world"]["as_of"]
        options = InspectOptions(registry=world_dir / "registry.csv", out=out, db=f"sqlite:///{db}",
                                 connect_to=[f"::127.0.0.1:{port}"], as_of=_as_of(as_of),
                                 name="示例环境政府网站检查", processes=0, settings=_demo_notice_settings())
        started = time.monotonic()
        outcome = inspect(options)
        elapsed = time.monotonic() - started
        # While the world still serves: the screenshots reach it through the same --connect-to.
        shots = (take_screenshots(outcome.results, out, options.connect_to, budget_s=SHOT_BUDGET_S)
                 if screenshots else None)
    paths = _write_reports(outcome.results, out, formats, shots)
    print_summary(outcome.results)
    console.print(f"用时 {elapsed:.1f} 秒，抓取 {outcome.progress.pages} 个页面")
    console.print(format_table(evaluate(outcome.results, labels)), markup=False, highlight=False)
    console.print(f"结果：{outcome.results_path}")
    for path in paths:
        console.print(f"报告：{path}")
    return outcome.results


def _as_of(text: str):  # noqa: ANN202 - datetime, imported lazily
    from datetime import datetime

    return datetime.fromisoformat(text)


def _demo_notice_settings() -> dict[str, Any]:
    return {"crawl": {"home_recheck_delay": 2.0},  # the sample world's down hosts answer at once
            "office": "示例市人民政府办公室", "doc_number": "示政办函〔2026〕1号",
            "addressees": "各县（市、区）人民政府，市政府各工作部门", "rectify_working_days": 15}
