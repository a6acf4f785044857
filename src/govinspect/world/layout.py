"""The column tree every simulated site starts from (spec §6.6 column classes), before defects."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ColumnDef:
    key: str  # URL segment: /col/<key>/
    name: str
    cls: str  # column class as in lexicon/column_types.toml, or "nav" / "other"
    parent: str | None = None
    kind: str = "list"  # list | nav | messages | guides | forms | topics
    portal_only: bool = False


# Update windows of the should-update classes (spec §2.2): ("days", n) or ("months", n).
WINDOWS: dict[str, tuple[str, int]] = {
    "dynamic": ("days", 14), "notice": ("months", 6), "policy": ("months", 6), "personnel": ("months", 12),
    "plan": ("months", 12), "interpretation": ("months", 12), "data": ("months", 12), "topic": ("months", 12),
}

# Which label a stale column of each class carries (W-D1.5 only for the first-level policy column).
STALE_LABEL: dict[str, str] = {
    "dynamic": "W-D1.4", "policy": "W-D1.5", "notice": "W-D1.6", "personnel": "W-D1.7", "plan": "W-D1.7",
    "interpretation": "W-D1.9", "data": "W-D1.9", "topic": "W-D1.9",
}

COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef("zwyw", "政务要闻", "dynamic"),
    ColumnDef("bmdt", "部门动态", "dynamic"),
    ColumnDef("qxdt", "区县动态", "dynamic", portal_only=True),
    ColumnDef("tpxw", "图片新闻", "dynamic", portal_only=True),
    ColumnDef("tzgg", "通知公告", "notice"),
    ColumnDef("zcwj", "政策文件", "policy"),
    ColumnDef("zcjd", "政策解读", "interpretation"),
    ColumnDef("zjgk", "概况信息", "overview"),
    ColumnDef("jgzn", "机构职能", "institution"),
    ColumnDef("ldxx", "领导信息", "leaders"),
    ColumnDef("xxgk", "政府信息公开", "nav", kind="nav"),
    ColumnDef("xxgkzn", "政府信息公开指南", "xxgk_guide", "xxgk"),
    ColumnDef("xxgkml", "政府信息公开目录", "other", "xxgk"),
    ColumnDef("xxgknb", "政府信息公开年报", "xxgk_report", "xxgk"),
    ColumnDef("gfxwj", "规范性文件", "policy", "xxgk"),
    ColumnDef("rsxx", "人事信息", "personnel", "xxgk"),
    ColumnDef("ghjh", "规划计划", "plan", "xxgk"),
    ColumnDef("sjfb", "数据发布", "data", "xxgk"),
    ColumnDef("hdjl", "互动交流", "nav", kind="nav"),
    ColumnDef("zxly", "领导信箱", "messages", "hdjl", kind="messages"),
    ColumnDef("dczj", "调查征集", "survey", "hdjl"),
    ColumnDef("zxft", "在线访谈", "interview", "hdjl"),
    ColumnDef("lytj", "留言统计", "interaction_stats", "hdjl"),
    ColumnDef("bsfw", "办事服务", "nav", kind="nav"),
    ColumnDef("bszn", "办事指南", "guide", "bsfw", kind="guides"),
    ColumnDef("bgxz", "表格下载", "other", "bsfw", kind="forms"),
    ColumnDef("bjtj", "办件统计", "service_stats", "bsfw"),
    ColumnDef("ztzl", "专题专栏", "topic", kind="topics"),
    ColumnDef("zdxm", "重点项目", "other"),
    ColumnDef("yshj", "营商环境", "other"),
    ColumnDef("yjgl", "应急管理", "other"),
    ColumnDef("xczx", "乡村振兴", "nav", kind="nav"),
    ColumnDef("cyfz", "产业发展", "other", "xczx"),
    ColumnDef("rczx", "人才振兴", "other", "xczx"),
)
BY_KEY: dict[str, ColumnDef] = {c.key: c for c in COLUMNS}
HOME_BLOCKS: tuple[str, ...] = ("zwyw", "tzgg", "zcwj", "bmdt")
DYNAMIC: tuple[str, ...] = ("zwyw", "bmdt", "qxdt", "tpxw")
BLANKABLE: tuple[str, ...] = ("zdxm", "yshj", "yjgl", "cyfz", "rczx")
ROBOTS_COLUMN = ColumnDef("gzjb", "工作简报", "other")  # disallowed by robots.txt on some sites

# 办事指南 element categories (spec §6.7) and the label each template family writes for them.
GUIDE_LABELS: dict[str, tuple[str, str, str]] = {
    "事项名称": ("事项名称", "事项名称", "服务事项"),
    "设定依据": ("设定依据", "法定依据", "实施依据"),
    "申请条件": ("申请条件", "受理条件", "办理条件"),
    "办理材料": ("办理材料", "申请材料", "申报材料"),
    "办理地点": ("办理地点", "办理地点", "受理地点"),
    "办理时间": ("办理时间", "办公时间", "受理时间"),
    "联系电话": ("联系电话", "咨询电话", "咨询方式"),
    "办理流程": ("办理流程", "办理程序", "办事流程"),
}
MATTERS: tuple[str, ...] = ("城乡居民基本养老保险参保登记", "再生育审批", "建设工程规划许可证核发", "食品经营许可",
                            "医疗机构执业登记", "城镇独生子女父母奖励", "社会团体成立登记", "临时救助申请")
FORMS: tuple[str, ...] = ("申请表.doc", "登记表.xls", "承诺书.doc", "情况统计表.xls")
