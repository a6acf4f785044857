"""The aiohttp server of the sample world: routing by Host (or per-site address), network behaviours, stats."""
from __future__ import annotations

import asyncio
import json
import struct
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from .config import WorldConfig
from .labels import write_labels
from .registry_out import write_registry
from .world import Answer, World

BOMB_SIZE = 1 << 30  # bytes of zeros inside the gzip bomb
HUGE_SIZE = 30 * 1024 * 1024
CHUNK = 1 << 20


@dataclass
class Stats:
    requests: int = 0
    per_host: Counter[str] = field(default_factory=Counter)
    in_flight: Counter[str] = field(default_factory=Counter)
    max_in_flight: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, Any]:
        return {"requests": self.requests, "per_host": dict(self.per_host),
                "max_in_flight": dict(self.max_in_flight), "in_flight": {k: v for k, v in self.in_flight.items() if v}}


class WorldApp:
    """One aiohttp application over a World; `addresses` maps per-site local addresses to hosts."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.stats = Stats()
        self.addresses: dict[str, str] = {}
        self._bomb: bytes | None = None
        self._bomb_lock = asyncio.Lock()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    def host_of(self, request: web.Request) -> str:
        host = (request.host or "").split(":")[0].lower()
        if host in self.world.by_host or not self.addresses:
            return host
        sock = request.transport.get_extra_info("sockname") if request.transport else None
        return self.addresses.get(sock[0], host) if sock else host

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.path == "/__world/stats":
            return web.json_response(self.stats.as_json())
        if request.path == "/__world/stats/reset":  # benchmarks measure each run from zero
            self.stats = Stats()
            return web.json_response(self.stats.as_json())
        host = self.host_of(request)
        self.stats.requests += 1
        self.stats.per_host[host] += 1
        self.stats.in_flight[host] += 1
        self.stats.max_in_flight[host] = max(self.stats.max_in_flight[host], self.stats.in_flight[host])
        try:
            return await self._serve(request, host)
        finally:
            self.stats.in_flight[host] -= 1

    async def _serve(self, request: web.Request, host: str) -> web.StreamResponse:
        plan = self.world.by_host.get(host)
        if plan is not None and self.world.is_down(plan, self._when(request)):
            return self._abort(request)
        if self.world.config.latency_ms:
            await asyncio.sleep(self.world.config.latency_ms / 1000)
        spider = "baiduspider" in request.headers.get("User-Agent", "").lower()
        ans = self.world.answer(host, request.path, dict(request.query), spider)
        return await self._send(request, ans)

    def _when(self, request: web.Request) -> datetime:
        raw = request.headers.get("X-World-Time")
        if raw:
            try:
                return datetime.fromtimestamp(float(raw)) if raw.replace(".", "").isdigit() else datetime.fromisoformat(raw)
            except ValueError:
                pass
        return self.world.now()

    def _abort(self, request: web.Request, graceful: bool = False) -> web.StreamResponse:
        """Drop the connection without an answer (reset, or a plain close when graceful)."""
        if request.transport is not None:
            request.transport.close() if graceful else request.transport.abort()
        return web.Response(status=204)  # never reaches the client: the transport is gone

    async def _send(self, request: web.Request, ans: Answer) -> web.StreamResponse:
        if ans.action == "abort":
            return self._abort(request)
        if ans.action == "close":
            return self._abort(request, graceful=True)
        if ans.action == "bomb":
            return await self._send_bomb(request)
        if ans.action == "huge":
            return await self._send_huge(request)
        if ans.action == "sleep":
            await asyncio.sleep(ans.delay)
        headers = dict(ans.headers)
        if self.world.config.profile == "bench":
            headers["LinkChecker"] = "bench"  # LinkChecker's documented opt-in that lifts its per-host rate limit
        return web.Response(status=ans.status, body=ans.body, headers=headers)

    async def _send_bomb(self, request: web.Request) -> web.StreamResponse:
        async with self._bomb_lock:
            if self._bomb is None:
                self._bomb = await asyncio.get_running_loop().run_in_executor(None, gzip_bomb, BOMB_SIZE)
        resp = web.Response(body=self._bomb, headers={"Content-Type": "text/html; charset=utf-8",
                                                      "Content-Encoding": "gzip"})
        resp.enable_compression(None)  # the body is already encoded
        return resp

    async def _send_huge(self, request: web.Request) -> web.StreamResponse:
        head = b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>big</title></head><body>'
        line = ("<p>" + "数据" * 40 + "</p>\n").encode()
        resp = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        resp.content_length = HUGE_SIZE
        await resp.prepare(request)
        await resp.write(head)
        sent = len(head)
        block = line * (65536 // len(line))
        while sent < HUGE_SIZE:
            piece = block[: HUGE_SIZE - sent]
            await resp.write(piece)
            sent += len(piece)
        await resp.write_eof()
        return resp


def gzip_bomb(size: int) -> bytes:
    """A gzip body inflating to `size` zero bytes (about 1 MB per GB), built in well under a second.

    Each 1 MiB of zeros is deflated after a full flush, so every chunk but the first compresses to the
    same bytes and can be repeated; the trailer's CRC is computed over the zeros incrementally.
    """
    zero = bytes(CHUNK)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(zero) + comp.flush(zlib.Z_FULL_FLUSH)
    steady = comp.compress(zero) + comp.flush(zlib.Z_FULL_FLUSH)
    chunks = size // CHUNK
    crc = 0
    for _ in range(chunks):
        crc = zlib.crc32(zero, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    final_empty_block = b"\x03\x00"
    trailer = struct.pack("<II", crc, (chunks * CHUNK) & 0xFFFFFFFF)
    return header + first + steady * (chunks - 1) + final_empty_block + trailer


def address_of(n: int) -> str:
    """The loopback address of site n (1-based): 127.0.1.1 … 127.0.1.250, then 127.0.2.1 …"""
    return f"127.0.{1 + (n - 1) // 250}.{1 + (n - 1) % 250}"


@dataclass
class RunningWorld:
    world: World
    app: WorldApp
    runner: web.AppRunner
    port: int
    out: Path | None

    async def stop(self) -> None:
        await self.runner.cleanup()


async def start_world(config: WorldConfig, out: Path | None = None, port: int = 0, host: str = "127.0.0.1",
                      per_site_addresses: bool = False) -> RunningWorld:
    """Build the world, listen, write registry (+ addresses), then labels.json last."""
    if not host.startswith("127."):
        raise ValueError("the sample world binds loopback addresses only")
    world = World(config)
    wapp = WorldApp(world)
    runner = web.AppRunner(wapp.app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port, reuse_address=True)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    if per_site_addresses:
        await _bind_sites(runner, wapp, port)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        write_registry(world, out)
        if per_site_addresses:
            (out / "addresses.json").write_text(json.dumps(
                {"port": port, "hosts": {h: a for a, h in wapp.addresses.items()}}, ensure_ascii=False, indent=1),
                encoding="utf-8")
        write_labels(world, out)
    return RunningWorld(world, wapp, runner, port, out)


async def _bind_sites(runner: web.AppRunner, wapp: WorldApp, port: int) -> None:
    for plan in wapp.world.plans:
        addr = address_of(plan.index + 1)
        wapp.addresses[addr] = plan.host
        if plan.category == "down":
            continue  # nothing listens: connection refused
        await web.TCPSite(runner, addr, port, reuse_address=True).start()


async def serve_forever(config: WorldConfig, out: Path, port: int, per_site_addresses: bool = False) -> None:
    running = await start_world(config, out, port, per_site_addresses=per_site_addresses)
    print(f"示例环境已启动：http://127.0.0.1:{running.port}/  共 {config.sites} 个网站，标注文件 {out / 'labels.json'}",
          flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await running.stop()
