"""The bench world: a `govinspect world serve --profile bench --per-site-addresses` process, its stats and CPU,
and an in-process walk of the same world (deepest page per host, every host the pages name)."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from govinspect.evaluate import normalise_url
from govinspect.world.config import WorldConfig
from govinspect.world.world import World

from .measure import process_cpu

FOLLOW = (("a", "href"), ("area", "href"), ("iframe", "src"), ("frame", "src"))
CHECKED = (("img", "src"), ("script", "src"), ("link", "href"), ("source", "src"))
START_TIMEOUT_S = 120.0


@dataclass(slots=True)
class WorldServer:
    """One world server child process listening on 127.0.0.1:port and 127.0.1.N:port."""

    proc: subprocess.Popen[bytes]
    out: Path
    port: int
    labels: dict[str, object]
    addresses: dict[str, object]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stats(self) -> dict[str, object]:
        with urllib.request.urlopen(self.url("/__world/stats"), timeout=10) as resp:
            return json.loads(resp.read())

    def reset(self) -> None:
        urllib.request.urlopen(self.url("/__world/stats/reset"), timeout=10).close()

    def cpu(self) -> float:
        return process_cpu(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_world(out: Path, sites: int, latency_ms: int, port: int, as_of: str,
                pages_per_site: int = 0, keep_pages: bool = False) -> WorldServer:
    """Start the server and wait for labels.json (written last, once every address listens); `keep_pages`
    keeps every rendered page (a world several tools are measured on)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "labels.json").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "govinspect", "world", "serve", "--profile", "bench", "--per-site-addresses",
           "--sites", str(sites), "--latency-ms", str(latency_ms), "--port", str(port), "--as-of", as_of,
           "--pages-per-site", str(pages_per_site), "--out", str(out), *(["--page-cache", "0"] if keep_pages else [])]
    log = (out / "server.log").open("wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not (out / "labels.json").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"world server did not start: see {out / 'server.log'}")
        time.sleep(0.2)
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    addresses = json.loads((out / "addresses.json").read_text(encoding="utf-8"))
    return WorldServer(proc, out, int(addresses["port"]), labels, addresses)  # the real port when 0 was asked


@dataclass(slots=True)
class WorldMap:
    depth: dict[str, int] = field(default_factory=dict)  # host → link depth of its deepest page
    pages: dict[str, int] = field(default_factory=dict)  # host → HTML pages reachable from the home page
    hosts: set[str] = field(default_factory=set)  # every host named by a link on any page


def load_world(sites: int, as_of: str, pages_per_site: int = 0) -> World:
    """The same world the server serves, in-process (no network)."""
    return World(WorldConfig(sites=sites, profile="bench", hazards=False, as_of=datetime.fromisoformat(as_of),
                             pages_per_site=pages_per_site))


def walk_world(world: World, hosts: list[str]) -> WorldMap:
    """Breadth-first over each site of the in-process world."""
    wmap = WorldMap()
    for host in hosts:
        _walk_site(world, host, wmap)
    return wmap


def redirect_aliases(world: World, targets: set[str]) -> dict[str, str]:
    """Where each planted target redirects to (every hop, normalised) → the target: tools that report the
    final URL of a redirect to a 404 (LinkChecker, wget) are credited with the link the page carries."""
    aliases: dict[str, str] = {}
    for target in targets:
        url = target
        for _ in range(10):
            parts = urlsplit(url)
            if parts.hostname not in world.by_host:
                break
            ans = world.answer(parts.hostname or "", parts.path or "/", dict(parse_qsl(parts.query)), False)
            location = dict(ans.headers).get("Location")
            if not (300 <= ans.status < 400 and location):
                break
            url = urljoin(url, location)
            aliases.setdefault(normalise_url(url) or url, target)
    return aliases


def _walk_site(world: World, host: str, wmap: WorldMap) -> None:
    seen = {f"http://{host}/"}
    queue = deque([(f"http://{host}/", 0)])
    pages = deepest = 0
    while queue:
        url, depth = queue.popleft()
        html = _page(world, url)
        if html is None:
            continue
        pages, deepest = pages + 1, max(deepest, depth)
        for link, follow in page_links(html, url):
            wmap.hosts.add(urlsplit(link).hostname or "")
            if follow and urlsplit(link).hostname == host and link not in seen:
                seen.add(link)
                queue.append((link, depth + 1))
    wmap.depth[host], wmap.pages[host] = deepest, pages


def _page(world: World, url: str, hops: int = 5) -> str | None:
    """The decoded HTML at `url` (following redirects), or None for anything else."""
    for _ in range(hops):
        parts = urlsplit(url)
        ans = world.answer(parts.hostname or "", parts.path or "/", dict(parse_qsl(parts.query)), False)
        headers = dict(ans.headers)
        if 300 <= ans.status < 400 and "Location" in headers:
            url = urljoin(url, headers["Location"])
            continue
        if ans.status != 200 or "html" not in headers.get("Content-Type", ""):
            return None
        return ans.body.decode("utf-8" if b'charset="utf-8"' in ans.body[:400].lower() else "gb18030", "replace")
    return None


def page_links(html: str, base: str) -> list[tuple[str, bool]]:
    """(absolute URL without fragment, followed?) for every linking element of one page."""
    tree = LexborHTMLParser(html)
    out: list[tuple[str, bool]] = []
    for tags, follow in ((FOLLOW, True), (CHECKED, False)):
        for tag, attr in tags:
            for node in tree.css(f"{tag}[{attr}]"):
                raw = (node.attributes.get(attr) or "").strip()
                if raw and not raw.startswith(("javascript:", "mailto:", "#", "tel:", "data:")):
                    out.append((urljoin(base, raw).split("#", 1)[0], follow))
    return out


def hosts_file(addresses: dict[str, object], external: set[str]) -> str:
    """/etc/hosts for the benchmark's private namespace: each site on its own address, the rest on 127.0.0.1;
    `.invalid` names stay unresolvable (they are planted dead links)."""
    lines = ["127.0.0.1\tlocalhost"]
    site_hosts = dict(addresses.get("hosts", {}))  # type: ignore[arg-type]
    lines += [f"{addr}\t{host}" for host, addr in sorted(site_hosts.items())]
    lines += [f"127.0.0.1\t{h}" for h in sorted(external - set(site_hosts))
              if h and not h.endswith(".invalid") and not h.replace(".", "").isdigit()]
    return "\n".join(lines) + "\n"
