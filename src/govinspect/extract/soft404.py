"""Soft 404 pages: a 200 answer whose title or short text says the page does not exist (W-D4.4 link checks)."""
from __future__ import annotations

import re

NOT_FOUND = re.compile(r"页面不存在|您访问的页面不存在|找不到(?:该|此|您要访问的)?页面|页面找不到|页面未找到|"
                        r"无法找到(?:该)?页面|页面已删除|信息不存在|文章不存在|(?<!\d)404(?!\d)|not\s+found", re.I)
SHORT_TEXT = 600  # real article or list pages are much longer once header and footer are counted


def is_soft404(status: int | None, title: str | None, text: str) -> bool:
    """Whether a (200) page is really a 'not found' page."""
    if status is not None and status != 200:
        return False
    if title and NOT_FOUND.search(title):
        return True
    compact = "".join(text.split())
    return len(compact) <= SHORT_TEXT and bool(NOT_FOUND.search(compact))
