"""`govinspect world serve`: the Typer sub-app the main CLI mounts as `world`."""
from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer

from .config import WorldConfig

world_app = typer.Typer(help="示例环境：模拟政府网站（带标注的问题）", no_args_is_help=True)


def parse_as_of(value: Optional[str]) -> datetime:
    """The monitoring point T: an ISO date or datetime; default now, truncated to the day."""
    if not value:
        return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"无法识别的日期：{value}（应为 YYYY-MM-DD）") from None


@world_app.command("serve")
def serve(sites: int = typer.Option(30, "--sites", help="网站数量"),
          seed: int = typer.Option(1, "--seed", help="随机种子（相同种子生成相同的示例环境）"),
          port: int = typer.Option(8765, "--port", help="监听端口（127.0.0.1）"),
          latency_ms: int = typer.Option(0, "--latency-ms", help="每个响应额外延迟（毫秒）"),
          as_of: Optional[str] = typer.Option(None, "--as-of", help="监测时间点 T（默认今天）"),
          profile: str = typer.Option("default", "--profile", help="default 或 bench"),
          pages_per_site: int = typer.Option(0, "--pages-per-site", help="每个网站的目标页面数"),
          per_site_addresses: bool = typer.Option(False, "--per-site-addresses", help="每个网站另绑定 127.0.1.N"),
          availability: bool = typer.Option(False, "--availability", help="按虚拟时钟模拟站点间歇性不可访问"),
          page_cache: int = typer.Option(4096, "--page-cache", min=0,
                                         help="缓存的已生成页面数（0：全部缓存，供多次测速共用）"),
          out: Path = typer.Option(..., "--out", help="输出目录（registry.csv、registry.xlsx、labels.json）")) -> None:
    """启动示例环境：在本机回环地址上按 Host 提供模拟政府网站。"""
    if profile not in ("default", "bench"):
        raise typer.BadParameter("--profile 只能是 default 或 bench")
    bench = profile == "bench"
    config = WorldConfig(seed=seed, sites=sites, as_of=parse_as_of(as_of), profile=profile,
                         pages_per_site=pages_per_site, latency_ms=latency_ms, hazards=not bench,
                         availability=availability, page_cache=page_cache)
    from .server import serve_forever

    try:
        asyncio.run(serve_forever(config, out, port, per_site_addresses))
    except KeyboardInterrupt:
        pass
