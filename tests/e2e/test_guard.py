"""Registry rows that point at private, loopback or link-local addresses are refused, not fetched."""
from __future__ import annotations

import asyncio
import csv
import threading
from pathlib import Path

from aiohttp import web

from govinspect.runner import InspectOptions, inspect

HEADER = ["网站名称", "网站标识码", "首页网址", "主办单位", "行政区划代码", "网站类型", "层级", "是否有对外服务职能"]


class CountingServer:
    """A loopback server that only counts requests: the proof that nothing reached it."""

    def __init__(self) -> None:
        self.hits = 0
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()

    async def _handle(self, request: web.Request) -> web.Response:
        self.hits += 1
        return web.Response(text="<html><title>内网</title></html>", content_type="text/html")

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()

    def __enter__(self) -> "CountingServer":
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(10)
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start())
        self._loop.run_forever()

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)


def test_private_targets_in_the_registry_are_refused(tmp_path: Path) -> None:
    with CountingServer() as server:
        urls = ["http://10.0.0.1/", f"http://127.0.0.1:{server.port}/", "http://169.254.169.254/latest/",
                f"http://localhost:{server.port}/"]
        path = tmp_path / "registry.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            for i, url in enumerate(urls, start=1):
                writer.writerow([f"内网站点{i}", f"610800{i:04d}", url, "测试", "610800", "门户", "city_portal", "是"])
        options = InspectOptions(registry=path, out=tmp_path, db=f"sqlite:///{tmp_path}/gi.db",
                                 settings={"crawl": {"home_recheck_delay": 0.0}})
        results = inspect(options).results
    assert server.hits == 0
    assert len(results["sites"]) == 4
    for site in results["sites"]:
        error = site["stats"]["error"] or ""
        assert error.startswith("address-refused"), error
        assert site["url"].split("/")[2].split(":")[0] in error  # the message names the target
        assert site["verdict"] == "合格"  # our refusal is not the site's failure: no W-V2
        assert "W-V2" not in {f["indicator"] for f in site["findings"]}
