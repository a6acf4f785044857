"""World: the generated sites of one (seed, config), host lookup, availability clock and a page cache."""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from . import hijack
from .config import WorldConfig
from .defects import plan_world
from .geography import candidate_sites
from .plan import SitePlan
from .routes import route
from .site import Resp, SiteModel


@dataclass(frozen=True, slots=True)
class Answer:
    """A response ready for the wire."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    action: str | None = None
    delay: float = 0.0


class World:
    def __init__(self, config: WorldConfig, now: Callable[[], datetime] | None = None) -> None:
        cands = candidate_sites()
        if not 1 <= config.sites <= len(cands):
            raise ValueError(f"sites must be between 1 and {len(cands)}")
        self.config = config
        self.plans: list[SitePlan] = plan_world(config, cands[: config.sites])
        self.by_host = {p.host: p for p in self.plans}
        self.slow_hosts = {p.aux_host("slow"): p for p in self.plans}
        self.online_hosts = {p.aux_host("zxbl"): p for p in self.plans}
        self.now = now or datetime.now  # the virtual clock for availability (overridden by X-World-Time)
        self._models: dict[int, SiteModel] = {}
        self._cache: OrderedDict[tuple[str, str, str, bool], Answer] = OrderedDict()

    def model(self, plan: SitePlan) -> SiteModel:
        if plan.index not in self._models:
            self._models[plan.index] = SiteModel(plan, self.config.seed, self.config.as_of,
                                                 self.config.target_for(plan.identity.kind))
        return self._models[plan.index]

    def is_down(self, plan: SitePlan, when: datetime) -> bool:
        """Whole-site outage: always for a down site; on a daily schedule in the availability world."""
        if plan.category == "down":
            return True
        if not self.config.availability or plan.down_fraction <= 0:
            return False
        offset = int(hashlib.sha256(plan.host.encode()).hexdigest(), 16) % 86400
        second = when.hour * 3600 + when.minute * 60 + when.second
        return (second - offset) % 86400 < plan.down_fraction * 86400

    def answer(self, host: str, path: str, query: dict[str, str], spider: bool) -> Answer:
        host = host.split(":")[0].lower()
        key = (host, path, "&".join(f"{k}={v}" for k, v in sorted(query.items())), spider)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        ans = self._render(host, path, query, spider)
        if ans.action is None:
            self._cache[key] = ans
            if 0 < self.config.page_cache < len(self._cache):
                self._cache.popitem(last=False)
        return ans

    def _render(self, host: str, path: str, query: dict[str, str], spider: bool) -> Answer:
        plan = self.by_host.get(host)
        if plan is not None:
            return encode(route(self.model(plan), path, query, spider), self.model(plan))
        return external(host, self.slow_hosts.get(host), self.online_hosts.get(host))


def encode(resp: Resp, model: SiteModel) -> Answer:
    """Bytes in the site's charset; the Content-Type names it only where the plan says so."""
    headers = dict(resp.headers)
    if resp.body is not None:
        body = resp.body
        headers["Content-Type"] = resp.content_type
    else:
        enc = "utf-8" if model.plan.encoding == "utf-8" else "gbk"
        body = resp.text.encode(enc, errors="xmlcharrefreplace")
        ct = resp.content_type
        headers["Content-Type"] = f"{ct}; charset={model.charset}" if model.plan.charset_header else ct
    return Answer(resp.status, tuple(headers.items()), body, resp.action, resp.delay)


def external(host: str, slow: SitePlan | None, online: SitePlan | None) -> Answer:
    """Hosts that are not sites: spam domains, the slow partner, online systems, everything else alive."""
    html = "text/html; charset=utf-8"
    if host.endswith(".invalid"):
        return Answer(0, (), b"", "abort")
    if host == hijack.EXPIRED_HOST or host in hijack.SPAM_HOSTS:
        return Answer(200, (("Content-Type", html),), hijack.gambling_page().encode())
    if online is not None and online.online_down:
        return Answer(503, (("Content-Type", html),), "<html><body>系统维护中</body></html>".encode())
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{host}</title></head><body><h1>{host}</h1></body></html>'
    if slow is not None:
        return Answer(200, (("Content-Type", html),), page.encode(), "sleep", 3.0)
    return Answer(200, (("Content-Type", html),), page.encode())
