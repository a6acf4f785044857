"""A campaign's sites spread over several processes, one per core: each runs its own event loop, parses its
pages in-line, judges and stores its sites; the parent hands out host groups as lanes become free and
shows the progress. One loop feeding a pool of parsers spent about a quarter of its time sending pages and
facts between processes, and was itself the slowest stage; separate loops need no per-page traffic at all
(20 bench sites: 2.8 → 2.1–2.4 ms of CPU per page, bench/results/profile-crawl.md).

Each process keeps the per-host politeness caps for its share (`crawl/politeness.py`), its own link cache,
and writes each finished site to the shared database in its own transaction, so `--resume` works as before.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
from multiprocessing import forkserver
import queue
import sys
import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .errors import GovInspectError
from .lanes import START_LANES

if TYPE_CHECKING:  # imported where used: `warm_up` must be callable before any of it is loaded
    from .runner import HostGroup, InspectOptions, NextGroup, Progress

log = logging.getLogger(__name__)

POLL_S = 0.2
# What a campaign process runs: imported once in the fork server, so every process forked from it has it.
SHARD_MODULES = ["govinspect.shards", "govinspect.runner", "govinspect.crawl.session", "govinspect.extract.page",
                 "govinspect.extract.security", "govinspect.monitor.service"]


def may_use_processes(processes: int, db: str) -> bool:
    """Whether a campaign can run on several processes, known from the command line alone: not when asked
    for one, on one core, or with an in-memory database (no other process can share it)."""
    return processes != 1 and (processes > 1 or (os.cpu_count() or 1) > 1) and not in_memory_database(db)


def in_memory_database(url: str) -> bool:
    """sqlite://, sqlite:///:memory: and their driver variants (without importing SQLAlchemy)."""
    scheme, sep, rest = url.partition("://")
    database = rest[1:] if rest.startswith("/") else rest
    return bool(sep) and scheme.split("+")[0] == "sqlite" and database.split("?")[0] in ("", ":memory:")


def warm_up() -> None:
    """Start the fork server now, with the campaign processes' modules imported in it once: the processes
    forked from it need no import of their own (~0.6 s of CPU each), and the fork server's import runs while
    the campaign's process loads the rest of itself, reads the registry and prepares the database."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(SHARD_MODULES)
    forkserver.ensure_running()


def inspect_in_processes(processes: int, groups: list[HostGroup], options: InspectOptions, as_of: datetime,
                         progress: Progress) -> None:
    """Run the campaign's pending host groups on `processes` processes; raises when one of them failed
    (the sites it finished are stored; `inspect --resume` does the rest)."""
    warm_up()  # a no-op when the runner started it already
    context = multiprocessing.get_context("forkserver")
    work: Any = context.Queue()
    done: Any = context.Queue()
    for group in groups:
        work.put(group)
    lanes = _lanes(options, len(groups), processes)
    for _ in range(processes * max(1, options.sites_in_flight)):
        work.put(None)  # an end mark for every lane there can be: each lane stops at its first
    hosts = frozenset(g.host for g in groups)
    lifeline, held = context.Pipe(duplex=False)  # we hold `held` and never write: it closes when we end
    procs = [context.Process(target=_shard, name=f"govinspect-shard-{i}",
                             args=(i, processes, lanes, hosts, options, as_of, work, done, lifeline))
             for i in range(processes)]
    for proc in procs:
        proc.start()
    lifeline.close()
    try:
        _follow(procs, done, progress)
    except BaseException:
        for proc in procs:
            proc.terminate()
        raise
    finally:
        for proc in procs:
            proc.join()
        work.cancel_join_thread()  # groups a failed process never took must not block our exit
        held.close()
    failed = [p for p in procs if p.exitcode != 0]
    if failed:
        codes = "、".join(str(p.exitcode) for p in failed)
        raise GovInspectError(f"{len(failed)} 个检查进程异常退出（退出码 {codes}）；已完成的网站已保存，"
                              "可用 inspect --resume 继续检查其余网站")


def _follow(procs: list[Any], done: Any, progress: Progress) -> None:
    """Sum each process's running counts into `progress` until every process has ended."""
    base = (progress.done, progress.pages, progress.errors)
    counts: dict[int, tuple[int, int, int]] = {}
    while True:
        try:
            index, *figures = done.get(timeout=POLL_S)
        except queue.Empty:
            if any(p.is_alive() for p in procs):
                continue
            if done.empty():  # an ended process has flushed its queue: nothing more can come
                return
            continue
        counts[index] = tuple(figures)  # type: ignore[assignment]
        progress.done, progress.pages, progress.errors = (b + sum(c[k] for c in counts.values())
                                                          for k, b in enumerate(base))
        if progress.on_update:
            progress.on_update(progress)


def _shard(index: int, processes: int, lanes: int, hosts: frozenset[str], options: InspectOptions,
           as_of: datetime, work: Any, done: Any, lifeline: Any) -> None:
    """One process: its own store connection, profile, event loop and fetcher; pages parsed in-line."""
    from .crawl.settings import settings_from_options
    from .runner import Progress, _inspect_sites
    from .scoring import load_profile
    from .store.db import Store

    _end_with_parent(lifeline)
    try:
        store = Store(options.db, migrate=False)  # the campaign's process migrated it
        profile = load_profile(options.profile)
        base = settings_from_options(options)
        settings = dataclasses.replace(base, extract_workers=0, processes=processes, campaign_hosts=hosts,
                                       concurrency=max(16, base.concurrency // processes))
        progress = Progress(on_update=lambda p: done.put((index, p.done, p.pages, p.errors)))
        asyncio.run(_inspect_sites(store, _handout(work), profile, as_of, options, progress, settings, lanes))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:
        log.exception("检查进程 %d 出错", index)
        sys.exit(1)


def _end_with_parent(lifeline: Any) -> None:
    """A process whose parent was killed must not go on writing to the campaign: `--resume` would race it.
    Only the parent holds the lifeline's other end, so reading it ends when the parent does, however it ends."""

    def watch() -> None:
        try:
            lifeline.recv()
        except (EOFError, OSError):
            pass
        os._exit(137)

    threading.Thread(target=watch, daemon=True).start()


def _lanes(options: InspectOptions, groups: int, processes: int) -> int:
    """Lanes a process starts with: no more than an even split of the groups, so that a process which starts
    first does not take them all while the others are still starting (more open later as needed)."""
    return max(1, min(START_LANES, options.sites_in_flight, -(-groups // processes)))


def _handout(work: Any) -> NextGroup:
    """A free lane takes the next group from the parent's queue. The blocking read runs in a daemon thread,
    so a lane that fails cannot leave the process waiting on the queue at exit; after the first end mark no
    lane asks again (all groups were handed out before the marks)."""
    ended = False

    async def next_group() -> HostGroup | None:
        nonlocal ended
        if ended:
            return None
        loop = asyncio.get_running_loop()
        taken: asyncio.Future[HostGroup | None] = loop.create_future()

        def take() -> None:
            item = work.get()
            try:
                loop.call_soon_threadsafe(lambda: taken.done() or taken.set_result(item))
            except RuntimeError:  # the loop has closed: the process is ending
                pass

        threading.Thread(target=take, daemon=True).start()
        group = await taken
        ended = ended or group is None
        return group

    return next_group
