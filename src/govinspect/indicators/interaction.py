"""互动 indicators: 无有效咨询建言渠道 W-V5.1, 留言超期未回应 W-V5.2, and 互动交流 deductions W-D3.1–3.5, W-D3.7.

Message lists are parsed by extract/ (留言时间, 答复时间, 状态); lags in working days use the official
holiday calendar with 调休 make-up days (chinese_calendar).
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

from ..models import Finding, Message
from .base import Context, fmt_date, finding, indicator, months_before


def messages(ctx: Context) -> list[Message]:
    def collect() -> list[Message]:
        seen: dict[str, Message] = {}
        for page in ctx.snapshot.pages:
            for m in page.messages:
                seen.setdefault(m.url or f"{page.url}#{m.title}", m)
        return list(seen.values())
    return ctx.memo("messages", collect)


def message_list_url(ctx: Context) -> str:
    page = next((p for p in ctx.snapshot.pages if p.messages), None)
    return page.url if page else ctx.home_url


def working_days_between(start: date, end: date) -> tuple[int, bool]:
    """Working days after `start` up to and including `end`; the flag says the holiday calendar was used."""
    try:
        from chinese_calendar import get_workdays

        return len(get_workdays(start + timedelta(days=1), end)) if end > start else 0, True
    except (NotImplementedError, ImportError):
        days = (end - start).days
        return sum(1 for k in range(1, days + 1) if (start + timedelta(days=k)).weekday() < 5), False


CHANNEL_WORDS = ("留言", "咨询", "信箱", "建言", "写信", "提问", "问政", "来信")
NOT_CHANNEL_WORDS = ("信访", "举报", "投诉", "访谈", "征集", "统计", "电话", "须知", "规则")


def is_consultation_channel(text: str) -> bool:
    """A link text naming an online consultation channel (网上信访 and 纪检举报 do not count, spec W-V5.1)."""
    text = text.strip()
    return 2 <= len(text) <= 20 and any(w in text for w in CHANNEL_WORDS) and not any(w in text for w in NOT_CHANNEL_WORDS)


@indicator("W-V5.1")
def no_consultation_channel(ctx: Context) -> Iterator[Finding]:
    if ctx.home is None or messages(ctx):
        return
    if any(c.cls == "messages" for c in ctx.snapshot.columns):
        return
    if any(is_consultation_channel(link.text) for p in ctx.snapshot.pages for link in p.links):
        return
    yield finding("W-V5.1", ctx.home_url, {"说明": "全站未发现留言、咨询、信箱或建言渠道入口",
                                            "检查页面数": len(ctx.snapshot.pages)})


@indicator("W-V5.2")
def overdue_messages(ctx: Context) -> Iterator[Finding]:
    window_start = ctx.months_ago(ctx.t("message_window_months"))
    months = int(ctx.t("unanswered_months"))
    for m in messages(ctx):
        if m.asked is None or m.asked < window_start or m.asked > ctx.today:
            continue
        deadline = _add_months(m.asked, months)
        if m.answered is None and ctx.today > deadline:
            yield _overdue(m, "留言超过3个月未答复", deadline, ctx.today)
        elif m.answered is not None and m.answered > deadline:
            yield _overdue(m, "留言答复时间距留言时间超过3个月", deadline, ctx.today)


def _add_months(day: date, months: int) -> date:
    return months_before(day, -months)


def _overdue(m: Message, reason: str, deadline: date, today: date) -> Finding:
    evidence = {"留言标题": m.title, "留言时间": fmt_date(m.asked), "答复时间": fmt_date(m.answered),
                "状态": m.status or "未显示", "答复期限": deadline.isoformat(), "监测时间点": today.isoformat(),
                "说明": reason + "（是否为有效留言需人工核实）"}
    return finding("W-V5.2", m.url, evidence, confidence=0.9, detail={"asked": fmt_date(m.asked)})


@indicator("W-D3.1")
def replies_not_published_recently(ctx: Context) -> Iterator[Finding]:
    answered = [m.answered for m in messages(ctx) if m.answered]
    if not answered:
        return
    newest = max(answered)
    cutoff = ctx.months_ago(ctx.t("published_reply_months"))
    if newest < cutoff:
        yield finding("W-D3.1", message_list_url(ctx), {"最新答复日期": newest.isoformat(), "应更新起点": cutoff.isoformat(),
                                                         "说明": "超过2个月未公开网民留言及答复情况"})


@indicator("W-D3.2")
def message_elements_missing(ctx: Context) -> Iterator[Finding]:
    listed = messages(ctx)
    if len(listed) < 2:
        return
    missing = []
    if all(m.asked is None for m in listed):
        missing.append("留言时间")
    if all(m.answered is None for m in listed):
        missing.append("答复时间")
    if missing:
        yield finding("W-D3.2", message_list_url(ctx), {"缺少要素": missing, "留言条数": len(listed)},
                      detail={"missing": missing})


@indicator("W-D3.3")
def message_statistics_missing(ctx: Context) -> Iterator[Finding]:
    if not messages(ctx) and not any(p.entries.hudong for p in ctx.snapshot.pages):
        return
    year = str(ctx.today.year)
    for page in ctx.snapshot.pages:
        text = " ".join([page.title or "", *(lst.column for lst in page.lists), *page.breadcrumb])
        if any(w in text for w in ("留言统计", "受理情况统计", "留言办理情况", "来信统计")):
            dated = [i.date for lst in page.lists for i in lst.items if i.date]
            if year in text or any(d.year == ctx.today.year for d in dated) or (page.pub_date and page.pub_date.year == ctx.today.year):
                return
    yield finding("W-D3.3", ctx.home_url, {"说明": f"未发现{year}年留言受理反馈情况统计数据"})


@indicator("W-D3.4")
def slow_replies(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.t("slow_reply_working_days"))
    window_start = ctx.months_ago(ctx.t("message_window_months"))
    for m in messages(ctx):
        if not (m.asked and m.answered) or m.asked < window_start:
            continue
        lag, official = working_days_between(m.asked, m.answered)
        if lag > limit:
            yield finding("W-D3.4", m.url, {"留言标题": m.title, "留言时间": m.asked.isoformat(),
                                            "答复时间": m.answered.isoformat(), "答复用时(工作日)": lag,
                                            "日历": "国务院节假日安排（含调休）" if official else "按周一至周五计算"},
                          detail={"working_days": lag})


def _latest_in_class(ctx: Context, cls: str) -> date | None:
    dates = [c.newest for c in ctx.snapshot.columns if c.cls == cls and c.newest]
    return max(dates) if dates else None


@indicator("W-D3.5")
def no_recent_survey(ctx: Context) -> Iterator[Finding]:
    yield from _activity(ctx, "W-D3.5", "survey", "survey_window_months", "调查征集")


@indicator("W-D3.7")
def no_recent_interview(ctx: Context) -> Iterator[Finding]:
    yield from _activity(ctx, "W-D3.7", "interview", "interview_window_months", "在线访谈")


def _activity(ctx: Context, indicator_id: str, cls: str, window: str, name: str) -> Iterator[Finding]:
    if ctx.home is None:
        return
    newest = _latest_in_class(ctx, cls)
    cutoff = ctx.months_ago(ctx.t(window))
    if newest is None or newest < cutoff:
        column = next((c.url for c in ctx.snapshot.columns if c.cls == cls), ctx.home_url)
        yield finding(indicator_id, column, {"说明": f"近一年未开展{name}活动", "最新活动日期": fmt_date(newest),
                                             "应开展起点": cutoff.isoformat()})


CHECKS = (no_consultation_channel, overdue_messages, replies_not_published_recently, message_elements_missing,
          message_statistics_missing, slow_replies, no_recent_survey, no_recent_interview)
