"""The indicator catalogue: every id of ../shared/spec/indicators.md, declared once.

Each entry says what the indicator is (title, part), how far a program can decide it (auto), how a
finding is matched against a label in evaluation (scope), and whether a finding may flip a verdict
without a person confirming it (decides_alone, spec §7.2). Point values and caps live in the scoring
profiles (profiles/*.toml), because most are [U] and a 办公厅 must be able to change them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Auto = Literal["AUTO", "PART", "HUMAN", "GROUP", "CONTEXT"]
Scope = Literal["site", "url", "item"]


@dataclass(frozen=True, slots=True)
class Spec:
    id: str
    title: str
    part: Literal["veto", "deduct", "bonus", "info"]
    auto: Auto
    status: str  # the spec's status tag: C, C-d, C-p, L, U
    scope: Scope = "site"  # site: one per site; url: one per page/target; item: one per named item
    decides_alone: bool = True
    family: str = ""  # the group a report lists it under


def _v(id: str, title: str, auto: Auto, status: str = "C", scope: Scope = "site", alone: bool = True) -> Spec:
    return Spec(id, title, "veto", auto, status, scope, alone, "单项否决")


def _d(id: str, title: str, auto: Auto, family: str, status: str = "U", scope: Scope = "site") -> Spec:
    return Spec(id, title, "deduct", auto, status, scope, True, family)


def _i(id: str, title: str, auto: Auto, status: str = "C", scope: Scope = "site", family: str = "技术规范") -> Spec:
    return Spec(id, title, "info", auto, status, scope, True, family)


WEBSITE: tuple[Spec, ...] = (
    _v("W-V1", "安全、泄密事故等严重问题", "GROUP"),
    _v("W-V1.1", "严重表述错误", "PART", scope="url", alone=False),
    _v("W-V1.2", "泄露国家秘密", "HUMAN", alone=False),
    _v("W-V1.3", "发布或链接反动、暴力、色情等内容", "PART", scope="url"),
    _v("W-V1.4", "安全攻击未及时有效处置", "PART", scope="url"),
    _v("W-V1.5", "弄虚作假", "PART", scope="url", alone=False),
    _v("W-V1.6", "严重负面舆情", "HUMAN", alone=False),
    _v("W-V2", "站点无法访问", "AUTO"),
    _v("W-V3", "首页不更新", "AUTO"),
    _v("W-V4", "栏目不更新", "GROUP"),
    _v("W-V4.1", "动态要闻及政策文件类栏目未更新", "AUTO"),
    _v("W-V4.2", "应更新但长期未更新栏目", "AUTO"),
    _v("W-V4.3", "空白栏目", "AUTO"),
    _v("W-V5", "互动回应差", "GROUP"),
    _v("W-V5.1", "无有效咨询建言渠道", "PART"),
    _v("W-V5.2", "留言超期未回应", "PART", scope="url", alone=False),
    _v("W-V6", "服务不实用", "GROUP"),
    _v("W-V6.1", "未提供办事服务", "PART"),
    _v("W-V6.2", "办事指南重点要素缺失", "PART", status="U", scope="url", alone=False),
    _d("W-D1", "发布解读", "GROUP", "发布解读"),
    _d("W-D1.1", "概况信息", "PART", "发布解读", "C-p"),
    _d("W-D1.2", "机构职能", "PART", "发布解读", "C-p"),
    _d("W-D1.3", "负责人信息", "PART", "发布解读", "C-p"),
    _d("W-D1.4", "动态要闻更新", "AUTO", "发布解读", scope="url"),
    _d("W-D1.5", "政策文件类一级栏目更新", "AUTO", "发布解读", "C-p", scope="url"),
    _d("W-D1.6", "通知公告更新", "AUTO", "发布解读", scope="url"),
    _d("W-D1.7", "人事、规划计划更新", "AUTO", "发布解读", scope="url"),
    _d("W-D1.8", "空白栏目(未达否决)", "AUTO", "发布解读", scope="url"),
    _d("W-D1.9", "长期未更新栏目(未达否决)", "AUTO", "发布解读", scope="url"),
    _d("W-D1.10", "政策解读", "PART", "发布解读", "C"),
    _d("W-D1.11", "回应关切", "HUMAN", "发布解读"),
    _d("W-D1.12", "数据发布", "PART", "发布解读", "L"),
    _d("W-D1.13", "政府信息公开", "AUTO", "发布解读", scope="item"),
    _d("W-D1.14", "内容准确性(一般)", "PART", "发布解读", scope="url"),
    _d("W-D1.15", "专题专栏规范", "AUTO", "发布解读", "C", scope="url"),
    _d("W-D2", "办事服务", "GROUP", "办事服务", "C-d"),
    _d("W-D2.1", "办事指南要素", "PART", "办事服务", scope="url"),
    _d("W-D2.2", "表格与样表下载", "AUTO", "办事服务", "C-p", scope="url"),
    _d("W-D2.3", "在线办理/业务系统可用", "AUTO", "办事服务", scope="url"),
    _d("W-D2.4", "办事统计数据", "AUTO", "办事服务", "C-p"),
    _d("W-D2.5", "办事服务集中展示", "PART", "办事服务", "C-p"),
    _d("W-D3", "互动交流", "GROUP", "互动交流"),
    _d("W-D3.1", "留言答复公开更新", "AUTO", "互动交流", "C-p"),
    _d("W-D3.2", "留言公开要素", "AUTO", "互动交流", "C"),
    _d("W-D3.3", "留言统计数据", "AUTO", "互动交流", "C-p"),
    _d("W-D3.4", "答复时效", "AUTO", "互动交流", "L", scope="url"),
    _d("W-D3.5", "调查征集", "AUTO", "互动交流", "C-p"),
    _d("W-D3.6", "征集结果反馈", "PART", "互动交流", "L"),
    _d("W-D3.7", "在线访谈", "AUTO", "互动交流"),
    _d("W-D3.8", "互动功能可用", "HUMAN", "互动交流", "C-p"),
    _d("W-D4", "功能设计", "GROUP", "功能设计"),
    _d("W-D4.1", "搜索功能", "PART", "功能设计", "C"),
    _d("W-D4.2", "网站名称和域名", "AUTO", "功能设计", "C-p", scope="item"),
    _d("W-D4.3", "网站标识与页面标签", "AUTO", "功能设计", "C-p", scope="item"),
    _d("W-D4.4", "链接可用性", "AUTO", "功能设计", "C-p", scope="url"),
    _d("W-D4.5", "IPv6", "AUTO", "功能设计", "C-p"),
    _d("W-D4.6", "找错入口", "AUTO", "功能设计", "C-p"),
    _d("W-D4.7", "移动端适配", "AUTO", "功能设计"),
    _d("W-D4.8", "无障碍/适老化", "PART", "功能设计"),
    _d("W-D4.9", "个人信息保护", "AUTO", "功能设计", scope="url"),
    _d("W-D4.10", "年度报表", "AUTO", "功能设计"),
    Spec("W-B1", "创新信息发布与解读", "bonus", "HUMAN", "U", family="加分指标"),
    Spec("W-B2", "智能服务", "bonus", "HUMAN", "U", family="加分指标"),
    Spec("W-B3", "集成服务与数据开放", "bonus", "HUMAN", "U", family="加分指标"),
    Spec("W-B4", "互动质量", "bonus", "HUMAN", "U", family="加分指标"),
    Spec("W-B5", "用户体验", "bonus", "HUMAN", "U", family="加分指标"),
    Spec("W-B9", "其他加分", "bonus", "HUMAN", "U", family="加分指标"),
)

TECHNICAL: tuple[Spec, ...] = (
    _i("T-ID", "网站标识码规范", "AUTO", "C-d", scope="item"),
    _i("T-TAG", "页面标签规范", "AUTO", "U", scope="item"),
    _i("T-FOOT", "底部功能区规范", "AUTO", "C", scope="item"),
    _i("T-HEAD", "头部标识区规范", "AUTO", "C"),
    _i("T-DOM1", "域名后缀规范", "AUTO"),
    _i("T-DOM2", "门户网站域名规范", "AUTO"),
    _i("T-DOM3", "部门网站域名规范", "AUTO"),
    _i("T-DOM4", "一站多域名", "CONTEXT"),
    _i("T-DOM5", "域名管理", "CONTEXT"),
    _i("T-NAME1", "网站名称规范", "AUTO"),
    _i("T-NAME2", "头部显示网站名称", "AUTO"),
    _i("T-ZC", "我为政府网站找错入口", "AUTO"),
    _i("T-GOV", "国务院重要政策信息专栏", "AUTO"),
    _i("T-REP", "政府网站工作年度报表", "AUTO"),
)

MEDIA: tuple[Spec, ...] = (
    Spec("M-V1", "安全、泄密事故等严重问题", "veto", "PART", "C", decides_alone=False, family="政务新媒体"),
    Spec("M-V2", "内容不更新", "veto", "AUTO", "C", family="政务新媒体"),
    Spec("M-V2.1", "未发布本单位信息", "veto", "PART", "C", decides_alone=False, family="政务新媒体"),
    Spec("M-V2.2", "客户端无法使用", "veto", "AUTO", "C", family="政务新媒体"),
    Spec("M-V3", "互动回应差", "veto", "PART", "C", decides_alone=False, family="政务新媒体"),
    Spec("M-V3.1", "留言长期未回应", "veto", "PART", "U", decides_alone=False, family="政务新媒体"),
    *(Spec(i, t, "info", "PART", "C", family="政务新媒体") for i, t in (
        ("M-A1", "先申请后开通 / 备案"), ("M-A2", "已注销未下线"), ("M-A3", "主体不一致"),
        ("M-A4", "一平台一账号"), ("M-A5", "停更未注销 / 无提示"), ("M-A6", "娱乐化/无关信息"),
        ("M-A7", "原创比例低 / \"踩点\"更新"))),
)

CENSUS2015: tuple[Spec, ...] = (
    Spec("P15-V1", "站点无法访问", "veto", "AUTO", "C", family="单项否决"),
    Spec("P15-V2", "网站不更新", "veto", "AUTO", "C", family="单项否决"),
    Spec("P15-V3", "栏目不更新", "veto", "AUTO", "C", family="单项否决"),
    Spec("P15-V4", "严重错误", "veto", "PART", "C", decides_alone=False, family="单项否决"),
    Spec("P15-V5", "互动回应差", "veto", "PART", "C", decides_alone=False, family="单项否决"),
    *(Spec(i, t, "deduct", a, s, family=t.split(" / ")[0]) for i, t, a, s in (
        ("P15-D1.1", "网站可用性 / 首页可用性", "AUTO", "U"), ("P15-D1.2", "网站可用性 / 链接可用性", "AUTO", "U"),
        ("P15-D2.1", "信息更新情况 / 首页栏目", "AUTO", "U"), ("P15-D2.2", "信息更新情况 / 基本信息", "AUTO", "C"),
        ("P15-D3.1", "互动回应情况 / 政务咨询类栏目", "PART", "U"), ("P15-D3.2", "互动回应情况 / 调查征集类栏目", "AUTO", "U"),
        ("P15-D3.3", "互动回应情况 / 互动访谈类栏目", "AUTO", "U"), ("P15-D4.1", "服务实用情况 / 办事指南", "PART", "C"),
        ("P15-D4.2", "服务实用情况 / 附件下载", "AUTO", "U"), ("P15-D4.3", "服务实用情况 / 在线系统", "AUTO", "U"))),
)

ASSESSMENT: tuple[Spec, ...] = (
    Spec("A-V1", "严重表述错误导致不合格", "veto", "HUMAN", "C", family="年度考核"),
    Spec("A-D1", "其他原因导致不合格", "deduct", "HUMAN", "U", family="年度考核"),
    Spec("A-D2", "找错留言办理", "deduct", "AUTO", "C", family="年度考核"),
    Spec("A-D3", "日常监管", "deduct", "HUMAN", "U", family="年度考核"),
    Spec("A-B1", "集约化建设", "bonus", "HUMAN", "C", family="年度考核"),
)

ALL: tuple[Spec, ...] = WEBSITE + TECHNICAL + MEDIA + CENSUS2015 + ASSESSMENT
BY_ID: dict[str, Spec] = {s.id: s for s in ALL}


def spec(indicator_id: str) -> Spec:
    """The declaration of one id; KeyError names the unknown id."""
    try:
        return BY_ID[indicator_id]
    except KeyError:
        raise KeyError(f"unknown indicator id {indicator_id!r}") from None
