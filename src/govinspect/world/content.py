"""Plausible Chinese titles and body text for the sample world, drawn deterministically from a Random."""
from __future__ import annotations

import random

TOPICS = ("优化营商环境", "乡村振兴", "安全生产", "生态环境保护", "疫情防控常态化", "民生实事", "重点项目建设",
          "防汛抗旱", "森林防火", "秋冬季大气污染防治", "就业创业", "义务教育", "城市更新", "消费帮扶",
          "招商引资", "农村人居环境整治", "基层治理", "文明城市创建", "黄河流域生态保护")
ACTIONS = ("召开", "部署", "推进", "开展", "督导", "调研", "检查", "座谈")
MEETINGS = ("专题会议", "工作推进会", "现场观摩会", "动员大会", "联席会议", "工作会议")
NOTICE_KINDS = ("关于做好{t}工作的通知", "关于{t}有关事项的公告", "关于开展{t}专项行动的通知",
                "关于{t}项目的公示", "关于征集{t}意见建议的公告")
POLICY_KINDS = ("关于印发《{p}{t}实施方案》的通知", "关于进一步加强{t}的意见", "{p}{t}管理办法",
                "关于印发{p}{t}三年行动计划的通知")
PERSONNEL = ("关于{n}等同志职务任免的通知", "{p}2026年事业单位公开招聘工作人员公告", "关于{n}同志任职前公示")
PLANS = ("{p}国民经济和社会发展第十四个五年规划纲要", "{p}{t}专项规划", "{p}年度{t}工作计划")
INTERP = ("《{p}{t}实施方案》政策解读", "图解：{p}{t}三年行动计划", "一图读懂{t}新政")
DATA = ("{p}1—{m}月主要经济指标", "{p}{m}月份居民消费价格变动情况", "{p}统计公报")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "海燕", "志强", "丽华", "文军", "晓东", "秀英", "国庆", "红梅", "立新", "卫东", "静")
SENTENCES = (
    "会议强调，要坚持以人民为中心的发展思想，把{t}工作摆在突出位置，切实抓紧抓实抓细。",
    "各级各部门要压实工作责任，细化工作措施，确保{t}各项任务落地见效。",
    "{p}将进一步完善工作机制，加强统筹协调，形成工作合力，推动{t}取得新成效。",
    "据了解，今年以来{p}累计投入资金一点二亿元，惠及群众三万余人，{t}工作稳步推进。",
    "会上，相关部门负责同志汇报了{t}工作进展情况，并就下一步工作作了安排。",
    "要坚持问题导向，聚焦群众急难愁盼问题，扎实做好{t}各项工作。",
    "下一步，{p}将持续深化改革创新，不断提升{t}工作的质量和水平。",
    "与会人员一致表示，将认真贯彻落实会议精神，全力以赴抓好{t}工作。",
)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def title_for(cls: str, place: str, rng: random.Random) -> str:
    """An item title fitting a column class (dynamic, notice, policy, personnel, plan, ...)."""
    t, p = rng.choice(TOPICS), place
    if cls == "dynamic":
        return f"{p}{rng.choice(ACTIONS)}{t}{rng.choice(MEETINGS)}"
    pools = {"notice": NOTICE_KINDS, "policy": POLICY_KINDS, "personnel": PERSONNEL, "plan": PLANS,
             "interpretation": INTERP, "data": DATA}
    pool = pools.get(cls)
    if pool is None:
        return f"{p}{t}工作情况介绍"
    return rng.choice(pool).format(t=t, p=p, n=person(rng), m=rng.randint(2, 10))


def paragraphs(place: str, rng: random.Random, count: int = 4) -> list[str]:
    t = rng.choice(TOPICS)
    return ["".join(rng.choice(SENTENCES).format(t=t, p=place) for _ in range(rng.randint(2, 4)))
            for _ in range(count)]


def message_title(rng: random.Random) -> str:
    return rng.choice(("关于小区供暖问题的咨询", "咨询新生儿医保办理流程", "建议增设公交线路", "反映道路破损问题",
                       "咨询公租房申请条件", "关于农村自来水供水不稳定的反映", "咨询个体工商户注册事项",
                       "建议加强学校周边交通管理"))
