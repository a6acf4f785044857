"""办事指南 element labels (spec §6.7 T-GUIDE) and their census2015 categories (W-D2.1)."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

CENSUS_CATEGORIES = ("事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程")
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "事项名称": ("事项名称", "服务事项", "服务事项名称", "办事事项", "审批事项名称", "项目名称", "实施事项名称"),
    "设定依据": ("设定依据", "法定依据", "实施依据", "办理依据", "法律依据", "政策依据", "受理依据", "审批依据"),
    "申请条件": ("申请条件", "受理条件", "办理条件", "申报条件", "准予条件", "受理标准", "申请人条件"),
    "办理材料": ("办理材料", "申请材料", "申报材料", "提交材料", "所需材料", "材料目录", "申请材料目录", "办事材料"),
    "办理地点": ("办理地点", "受理地点", "办公地点", "办理地址", "受理地址", "窗口地址"),
    "办理时间": ("办理时间", "受理时间", "办公时间", "工作时间", "窗口办理时间"),
    "联系电话": ("联系电话", "咨询电话", "咨询方式", "联系方式", "监督电话", "咨询投诉电话"),
    "办理流程": ("办理流程", "办事流程", "受理流程", "审批流程", "办理程序", "办事程序", "申办流程", "流程图"),
}
# label as written → census2015 category (W-D2.1 counts the categories a guide lacks)
GUIDE_CATEGORIES: dict[str, str] = {label: cat for cat, labels in _SYNONYMS.items() for label in labels}
_LABEL_NODES = "th, td, dt, label, strong, b, h3, h4, h5, span.label, span.title, div.label, div.title, span, em, p"
_TRIM = re.compile(r"^[\s\d一二三四五六七八九十、.．()（）【】\[\]]+|[\s:：]+$")
_MAX_LABEL = 12
MIN_CATEGORIES = 3  # a footer's lone 联系电话 is not a guide


def extract_guide_labels(tree: LexborHTMLParser) -> list[str]:
    """The known guide labels on a page, as written (colon and numbering removed), in page order, once each;
    none unless labels of at least MIN_CATEGORIES categories are there."""
    seen: dict[str, None] = {}
    for node in tree.css(_LABEL_NODES):
        raw = node.text(deep=True, strip=True)
        if not raw or len(raw) > _MAX_LABEL + 6:
            continue
        label = _TRIM.sub("", raw)
        if label in GUIDE_CATEGORIES:
            seen.setdefault(label, None)
    if len({GUIDE_CATEGORIES[label] for label in seen}) < MIN_CATEGORIES:
        return []
    return list(seen)
