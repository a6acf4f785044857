"""Per-site budgeted breadth-first frontier: canonical URLs, same-host scope, page budget, depth limit,
and a trap guard (repeated path segments, endless query variants, calendar parameters)."""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from w3lib.url import canonicalize_url

NOT_HTML = frozenset(
    "doc docx xls xlsx ppt pptx pdf wps et dps ofd txt rtf csv zip rar 7z gz tar bz2 xz jpg jpeg png gif bmp "
    "webp svg ico tif tiff psd mp3 mp4 avi flv wmv mov mkv wav swf exe apk msi dmg iso css js json xml "
    "woff woff2 ttf eot ceb caj".split())
CALENDAR_PARAMS = frozenset({"year", "month", "date", "day", "yyyy", "mm", "dd", "y", "m", "d", "ym", "time"})


@lru_cache(maxsize=131072)
def canonical(url: str) -> str:
    """Canonical form used as the key everywhere: sorted query, no fragment, normalised escapes."""
    try:
        return canonicalize_url(url, keep_fragments=False)
    except (ValueError, UnicodeError):
        return url.split("#", 1)[0]


@lru_cache(maxsize=131072)
def host_of(url: str) -> str:
    """Lower-case host (with a non-default port) or "" when the URL has none."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    if port and port not in (80, 443):
        return f"{host}:{port}"
    return host


@lru_cache(maxsize=131072)
def looks_like_html(url: str) -> bool:
    """False for links to documents, images, media and the like (they are link-checked, not crawled)."""
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    if "." not in last:
        return True
    return last.rsplit(".", 1)[-1].lower() not in NOT_HTML


@dataclass(slots=True)
class FrontierEntry:
    url: str
    depth: int


class Frontier:
    """What a site's crawler fetches next. `offer` says why a URL was refused (a stats key) or None."""

    def __init__(self, home: str, budget: int, max_depth: int, max_queries: int = 50,
                 max_calendar: int = 6, max_repeats: int = 3) -> None:
        self.host = host_of(home)
        self._budget = budget
        self._max_depth = max_depth
        self._max_queries = max_queries
        self._max_calendar = max_calendar
        self._max_repeats = max_repeats
        self._queue: deque[FrontierEntry] = deque()
        self._seen: set[str] = set()
        self._queries: dict[str, set[str]] = defaultdict(set)
        self._calendar: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.admitted = 0

    def in_scope(self, url: str) -> bool:
        return host_of(url) == self.host

    def offer(self, url: str, depth: int) -> str | None:
        """Admit `url` at `depth` or return the reason it is refused: scope/seen/depth/budget/trap/not-html."""
        if not url.startswith(("http://", "https://")) or not self.in_scope(url):
            return "scope"
        url = url.split("#", 1)[0]
        key = _schemeless(canonical(url))
        if key in self._seen:
            return "seen"
        self._seen.add(key)
        reason = self._limits(url, depth) or self._trap(url)
        if reason is None:
            self._queue.append(FrontierEntry(url, depth))
            self.admitted += 1
        return reason

    def _limits(self, url: str, depth: int) -> str | None:
        if not looks_like_html(url):
            return "not-html"
        if depth > self._max_depth:
            return "depth"
        if self.admitted >= self._budget:
            return "budget"
        return None

    def _trap(self, url: str) -> str | None:
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if segments and max(segments.count(s) for s in set(segments)) >= self._max_repeats:
            return "trap"
        if not parts.query:
            return None
        queries = self._queries[parts.path]
        queries.add(parts.query)
        if len(queries) > self._max_queries:
            return "trap"
        return self._calendar_trap(parts.path, parts.query)

    def _calendar_trap(self, path: str, query: str) -> str | None:
        for name, value in parse_qsl(query, keep_blank_values=True):
            if name.lower() in CALENDAR_PARAMS:
                values = self._calendar[(path, name.lower())]
                values.add(value)
                if len(values) > self._max_calendar:
                    return "trap"
        return None

    def pop(self) -> FrontierEntry | None:
        return self._queue.popleft() if self._queue else None

    def __len__(self) -> int:
        return len(self._queue)


def _schemeless(url: str) -> str:
    """http and https of the same page are one page."""
    return url.split("://", 1)[-1]
