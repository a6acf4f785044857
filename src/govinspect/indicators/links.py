"""链接可用性 W-D4.4: confirmed-broken links on the home page and other pages (spec §2.2, §7.2).

Every unusable link counts here, forms and online systems included (spec: 图片、附件、外链 included);
W-D2.2/W-D2.3 report the same targets from the 办事 side. A link whose target now serves spam is a
security finding (W-V1.3), not a dead link.
"""
from __future__ import annotations

from typing import Iterator

from ..models import Finding
from .base import Context, finding, indicator

STATUS_NAMES = {"soft-404": "软404（页面不存在）", "timeout": "超时", "dns": "域名无法解析", "connect": "无法连接",
                "reset": "连接被重置", "redirect-loop": "重定向循环", "too-many-redirects": "重定向次数过多"}


def describe(status: int | str) -> str:
    return f"HTTP {status}" if isinstance(status, int) else STATUS_NAMES.get(status, str(status))


@indicator("W-D4.4")
def broken_links(ctx: Context) -> Iterator[Finding]:
    for r in ctx.snapshot.link_results:
        if r.ok or not r.confirmed or r.spam:
            continue
        source = r.sources[0] if r.sources else ctx.home_url
        where = "首页" if r.on_home else "其他页面"
        yield finding("W-D4.4", source, {"不可用链接": r.target, "状态": describe(r.status), "位置": where,
                                         "所在页面": r.sources[:3], "已复查确认": r.confirmed},
                      detail={"target": r.target, "status": r.status, "confirmed": r.confirmed, "source": source,
                              "on_home": r.on_home, "external": r.external})


CHECKS = (broken_links,)
