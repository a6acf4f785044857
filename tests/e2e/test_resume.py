"""A campaign killed with SIGKILL and resumed ends exactly as an uninterrupted one, without redoing sites."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from govinspect.runner import InspectOutcome, inspect

from .conftest import World


def essence(results: dict) -> dict[str, tuple]:
    """What must not depend on interruptions: verdicts, scores and the findings with their places."""
    return {s["id_code"]: (s["verdict"], s["score"], s["vetoed"],
                           sorted((f["indicator"], f["url"], json.dumps(f["detail"], sort_keys=True, default=str))
                                  for f in s["findings"])) for s in results["sites"]}


def done_sites(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as c:
        try:
            return c.execute("select count(*) from campaign_site where status = 'done'").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_kill_9_then_resume_equals_an_uninterrupted_run(world: World, inspected: InspectOutcome, tmp_path: Path) -> None:
    config = tmp_path / "fast.toml"
    config.write_text("[crawl]\nhome_recheck_delay = 0.5\nrecheck_delay = 0.5\n", encoding="utf-8")
    db = tmp_path / "gi.db"
    args = [sys.executable, "-m", "govinspect", "inspect", str(world.dir / "registry.csv"), "--out", str(tmp_path),
            "--db", f"sqlite:///{db}", "--connect-to", f"::127.0.0.1:{world.port}", "--as-of", world.as_of.isoformat(),
            "--formats", "", "--config", str(config)]
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while done_sites(db) < 5 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    child.send_signal(signal.SIGKILL)
    child.wait()
    finished_before = done_sites(db)
    assert 5 <= finished_before < 30, "the kill must land mid-campaign"
    with sqlite3.connect(db) as c:
        before = dict(c.execute("select site_id, finished from campaign_site where status = 'done'").fetchall())

    resumed = inspect(world.options(tmp_path, db=f"sqlite:///{db}", resume=True))

    assert resumed.progress.total == 30 and resumed.progress.done == 30
    with sqlite3.connect(db) as c:
        after = dict(c.execute("select site_id, finished from campaign_site").fetchall())
    assert all(after[k] == v for k, v in before.items()), "finished sites were not redone"
    assert essence(resumed.results) == essence(inspected.results)
