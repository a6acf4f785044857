"""Same seed → same world, byte for byte (labels, registry, pages); another seed → another world."""
from __future__ import annotations

from datetime import datetime

from govinspect.world.config import WorldConfig
from govinspect.world.labels import labels_bytes
from govinspect.world.registry_out import csv_bytes
from govinspect.world.world import World

AS_OF = datetime(2026, 11, 23)
PATHS = ("/", "/col/zwyw/", "/col/tzgg/index_2.html", "/art/zwyw/1.html", "/art/tzgg/3.html", "/col/zxly/",
         "/msg/2.html", "/bszn/2.html", "/zt/1/", "/robots.txt", "/big5/index.html", "/col/bgxz/")


def _pages(world: World) -> dict[tuple[str, str], bytes]:
    out = {}
    for plan in world.plans:
        for path in PATHS:
            ans = world.answer(plan.host, path, {}, False)
            out[(plan.host, path)] = bytes([ans.status % 256]) + ans.body
    return out


def test_same_seed_same_bytes() -> None:
    a, b = World(WorldConfig(seed=7, sites=45, as_of=AS_OF)), World(WorldConfig(seed=7, sites=45, as_of=AS_OF))
    assert labels_bytes(a) == labels_bytes(b)
    assert csv_bytes(a) == csv_bytes(b)
    assert _pages(a) == _pages(b)


def test_cache_does_not_change_pages() -> None:
    cfg = WorldConfig(seed=7, sites=12, as_of=AS_OF, page_cache=2)
    a, b = World(cfg), World(cfg)
    first = _pages(a)
    _pages(a)  # again, through a cache that keeps evicting
    assert first == _pages(b)


def test_page_cache_zero_keeps_every_page() -> None:
    """`--page-cache 0` (a benchmark world shared by several tools): each page is rendered once."""
    bounded, unbounded = (World(WorldConfig(seed=7, sites=3, as_of=AS_OF, page_cache=n)) for n in (2, 0))
    for world in (bounded, unbounded):
        for plan in world.plans:
            for path in ("/", "/robots.txt", "/sitemap.html"):
                world.answer(plan.host, path, {}, False)
    assert len(bounded._cache) == 2
    assert len(unbounded._cache) == 9


def test_other_seed_other_world() -> None:
    a, b = World(WorldConfig(seed=7, sites=45, as_of=AS_OF)), World(WorldConfig(seed=8, sites=45, as_of=AS_OF))
    assert labels_bytes(a) != labels_bytes(b)


def test_large_world_builds_lazily() -> None:
    world = World(WorldConfig(seed=1, sites=600, as_of=AS_OF, pages_per_site=1000))
    assert len(world.plans) == 600 and len({p.host for p in world.plans}) == 600
    assert world._models == {}  # nothing rendered until asked
    assert world.answer(world.plans[599].host, "/", {}, False).status == 200
