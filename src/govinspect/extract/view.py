"""The page view shared by the content-security detectors: visible text, lexicon hits and hidden
elements of one page computed once, and the helpers that turn a detector's hit into a Finding."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..indicators.catalog import spec
from ..models import Finding, PageFacts
from .hidden import hidden_elements
from .lexicon import Hit, Lexicon, normalise

SNIPPET = 60  # characters each side of a hit kept as evidence
_INVISIBLE_PARENTS = frozenset({"script", "style", "noscript", "template", "textarea"})

# --- findings -------------------------------------------------------------------------------------

def make_finding(indicator: str, url: str, reason: str, *, confidence: float, needs_review: bool,
                 kind: str, **evidence: Any) -> Finding:
    """A finding whose evidence leads with a Chinese reason; `kind` names the detector in `detail`."""
    s = spec(indicator)
    body = {"说明": reason, **{k: v for k, v in evidence.items() if v not in (None, "", [], {})}}
    return Finding(indicator, s.title, s.part, None, url, body, confidence, needs_review, {"kind": kind})


def snippet(text: str, start: int, end: int) -> str:
    """The hit with some context, whitespace folded (shown escaped by the renderers)."""
    return " ".join(text[max(0, start - SNIPPET):end + SNIPPET].split())



# --- the page view -----------------------------------------------------------------------------------

@dataclass(slots=True)
class PageView:
    """What every detector needs from one page, computed once."""

    tree: LexborHTMLParser
    url: str
    facts: PageFacts
    lexicon: Lexicon
    raw_text: str = ""  # visible body text, as written
    text: str = ""  # the same, normalised (offsets of `hits` refer to it)
    hits: list[Hit] = field(default_factory=list)
    hidden: dict[int, str] = field(default_factory=dict)  # mem_id of a hidden element → why it is hidden
    titled: tuple[str, list[Hit]] | None = None  # title + body text and its hits (wording.py builds it once)

    def hidden_reason(self, node: LexborNode | None) -> str | None:
        while node is not None:
            if node.mem_id in self.hidden:
                return self.hidden[node.mem_id]
            node = node.parent
        return None


def visible_text(tree: LexborHTMLParser) -> str:
    """The body's text nodes outside script/style, one per line (so that blocks do not run together)."""
    body = tree.body
    if body is None:
        return ""
    parts = []
    for node in body.traverse(include_text=True):
        if node.is_text_node:
            value = (node.text_content or "").strip()
            if value:  # most text nodes are layout whitespace: their parent is not looked up
                parent = node.parent
                if parent is not None and parent.tag not in _INVISIBLE_PARENTS:
                    parts.append(value)
    return "\n".join(parts)


def build_view(tree: LexborHTMLParser, url: str, facts: PageFacts, lexicon: Lexicon | None = None) -> PageView:
    view = PageView(tree, url, facts, lexicon or Lexicon.load())
    view.raw_text = visible_text(tree)
    view.text = normalise(view.raw_text)
    view.hits = view.lexicon.match_normalised(view.text)
    view.hidden = hidden_elements(tree)
    return view

def meta_value(facts: PageFacts, *names: str) -> str:
    lower = {k.lower(): v for k, v in facts.meta.items()}
    return " ".join(lower.get(n.lower(), "") for n in names).strip()
