"""Content fingerprint of a home page's news area (lists of articles), stored with each probe."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from ..extract.page import extract_page
from ..models import ArticleList

HASH_CHARS = 24  # two halves plus a separator fit ProbeRow.fingerprint (64 characters)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """`content` hashes the item titles in order; `dates` hashes the dates shown (None: no dates shown).

    Kept apart so that a page re-dating the same items on every visit (W-V1.5 candidate) shows as a
    changed `dates` with an unchanged `content`.
    """

    content: str
    dates: str | None

    def encode(self) -> str:
        return f"{self.content}:{self.dates or ''}"

    @classmethod
    def decode(cls, raw: str) -> "Fingerprint":
        content, _, dates = raw.partition(":")
        return cls(content, dates or None)


def _digest(parts: list[str]) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:HASH_CHARS]


def fingerprint_lists(lists: list[ArticleList]) -> Fingerprint | None:
    """The fingerprint of the article lists of one page; None when the page has no list items."""
    items = [item for lst in lists for item in lst.items]
    if not items:
        return None
    titles = [" ".join(item.title.split()) for item in items]
    dates = [item.date.isoformat() for item in items if item.date is not None]
    return Fingerprint(_digest(titles), _digest(dates) if dates else None)


def fingerprint_page(text: str, url: str, as_of: date | None = None) -> Fingerprint | None:
    """Parse the home page once (signals off: a probe needs only its lists) and fingerprint its news area."""
    facts = extract_page(text, url, as_of=as_of, signals=False)
    return fingerprint_lists(facts.lists)
