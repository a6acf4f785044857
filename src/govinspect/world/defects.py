"""The defect catalogue: which defects, negatives and hazards each site gets, and the labels they imply.

Implements the planting side of W-V1.1–W-V6.1, W-D1.1–W-D4.10 and T-ID/T-TAG/T-FOOT/T-DOM/T-NAME2/
T-ZC/T-GOV/T-REP (see docs/world-catalogue.md for the table).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from urllib.parse import quote

from ..indicators.catalog import BY_ID
from .config import WorldConfig
from .geography import Identity
from .layout import BLANKABLE, BY_KEY, COLUMNS, DYNAMIC, FORMS, GUIDE_LABELS, STALE_LABEL
from .plan import HAZARD_PATHS, LinkSpec, SitePlan

TEMPLATES = ("trs", "hanweb", "html5")
# (encoding, charset in the Content-Type header?)
ENCODINGS = (("utf-8", True), ("gbk", True), ("utf-8", False), ("gbk", False))
NEGATIVE_KINDS = ("few_recent", "js_rendered_list", "crackdown_article", "slow_link", "copyright_year",
                  "personnel_idle_10_months", "nav_home_fresh", "benign_hidden", "robots_disallowed",
                  "reply_over_holiday")
HAZARD_KINDS = ("calendar_trap", "timeout", "huge_page", "gzip_bomb", "connection_close", "redirect_chain",
                "slow_page", "unavailable_503")
VETO_KINDS = ("blank5", "stale_v41", "home_stale", "no_consult", "no_service", "stale_v42", "nav_home_stale")
DEDUCT_KINDS = (
    "stale", "blank", "no_overview", "no_institution", "no_leaders", "no_interpretation", "no_data",
    "service_stats_old", "replies_stale", "no_message_stats", "reply_lag", "no_survey", "no_interview",
    "no_search", "no_zhaocuo", "no_viewport", "no_report", "no_gov_block", "no_header_name", "id_mismatch",
    "footer_missing", "tag_missing", "tag_mismatch", "domain_nowww", "xxgk_missing", "annual_report_old",
    "dead_links", "form_broken", "online_down", "guide_missing", "unanswered", "wording", "domain_com",
    "outdated_name", "forged_future", "forged_mismatch", "id_format", "personal_id", "personal_mobile",
    "no_reply_time", "bare_topic", "undated_notices",
)
SERVICE_KINDS = {"service_stats_old", "form_broken", "online_down", "guide_missing"}
PORTAL_KINDS = {"domain_nowww", "domain_com"}
DEAD_KINDS = ("404", "410", "500", "redirect404", "image", "attachment", "dns", "soft404", "loop")
DEAD_HAZARDS = {"timeout": "链接持续超时（25 秒无响应）", "connection_close": "服务器关闭连接，无响应",
                "unavailable_503": "持续返回 503"}
PHI = 0.6180339887498949
# Kinds that hide each other: without a 答复时间 column the reply dates of W-D3.1 are not in the list.
EXCLUSIVE = {"replies_stale": "no_reply_time", "no_reply_time": "replies_stale"}
CONFLICTS = {"bmdt": ("few_recent", "js_rendered_list"), "rsxx": ("personnel_idle_10_months",)}  # stale key → negatives


def plan_world(config: WorldConfig, identities: list[Identity]) -> list[SitePlan]:
    counters = {"deduct": 0, "veto": 0, "hijack": 0}
    return [plan_site(config, i, ident, counters) for i, ident in enumerate(identities)]


def _category(config: WorldConfig, i: int) -> str:
    """A low-discrepancy draw: shares follow the rates closely even in small worlds."""
    u = (config.seed * 0.1373 + (i + 1) * PHI) % 1.0
    bounds = (("hijack", config.hijack_rate), ("veto", config.veto_rate), ("deduct", config.deduct_rate))
    acc = 0.0
    for name, rate in bounds:
        acc += rate
        if u < acc:
            return name
    return "healthy"


def plan_site(config: WorldConfig, i: int, ident: Identity, counters: dict[str, int]) -> SitePlan:
    rng = random.Random(f"{config.seed}/plan/{i}")
    enc, header = ENCODINGS[(i + config.seed) % len(ENCODINGS)]
    p = SitePlan(i, ident, ident.host, TEMPLATES[(i + config.seed) % 3], enc, header,
                 footer_code=ident.id_code, tag_code=ident.id_code, copyright_year=config.as_of.year)
    _base_ages(p, rng)
    if config.pathological and i % 30 == 29:
        _plant_down(p)
        return p
    p.category = _category(config, i)
    kinds = _deduct_kinds(config, p, counters, rng) if p.category == "deduct" else []
    kinds.sort(key=lambda k: k not in PORTAL_KINDS)  # the host first: every label URL depends on it
    for kind in [k for k in kinds if k in PORTAL_KINDS]:
        _plant_deduct(p, kind, rng)
    _plant_negative(p, NEGATIVE_KINDS[i % len(NEGATIVE_KINDS)])
    if p.category == "hijack":
        _plant_hijack(p)
    elif p.category == "veto":
        _plant_veto(p, _next_veto(p, counters), rng)
    for kind in [k for k in kinds if k not in PORTAL_KINDS]:
        _plant_deduct(p, kind, rng)
    if config.profile == "bench":
        _plant_dead_links(p, config.dead_links_per_site, rng)
    elif config.pathological and i % 2 == 1:
        _plant_hazard(p, HAZARD_KINDS[(i // 2) % len(HAZARD_KINDS)])
    if config.availability:
        _plant_availability(p)
    _site_level_update_labels(p)
    _reconcile_negatives(p)
    return p


def _reconcile_negatives(p: SitePlan) -> None:
    """A negative never contradicts a label: drop the indicators the site really has at that scope."""
    site_ids = {lab["indicator"] for lab in p.labels if not _url_scoped(lab["indicator"])}
    url_ids = {(lab["indicator"], lab["url"]) for lab in p.labels if _url_scoped(lab["indicator"])}
    kept = []
    for neg in p.negatives:
        neg["indicators"] = [i for i in neg["indicators"] if i not in site_ids and (i, neg["url"]) not in url_ids]
        if neg["indicators"]:
            kept.append(neg)
    p.negatives = kept
    p.negatives_kinds = [n["kind"] for n in kept]


def _url_scoped(indicator: str) -> bool:
    return BY_ID[indicator].scope == "url"


def _plant_deduct(p: SitePlan, kind: str, rng: random.Random) -> None:
    before = len(p.labels)
    DEDUCT[kind](p, rng)
    if len(p.labels) > before:  # a kind that collided with an earlier one plants nothing
        p.kinds.append(kind)


def _base_ages(p: SitePlan, rng: random.Random) -> None:
    """Healthy defaults: every should-update column fresh with a margin of ≥ 2 days to its window."""
    for c in COLUMNS:
        if c.kind == "nav":
            continue
        if c.cls == "dynamic":
            p.ages[c.key] = rng.randint(0, 9)
        elif c.cls in ("notice", "policy", "data", "interpretation", "topic", "personnel", "plan"):
            p.ages[c.key] = rng.randint(0, 60)
        else:
            p.ages[c.key] = rng.randint(3, 120)
    for key in ("lytj", "bjtj"):
        p.ages[key] = rng.randint(3, 35)
    p.ages["zxly"] = rng.randint(1, 10)
    if p.identity.kind != "portal":
        p.removed.update(c.key for c in COLUMNS if c.portal_only)


# ---- down sites, availability, hazards -------------------------------------------------------

def _plant_down(p: SitePlan) -> None:
    p.category, p.down_fraction = "down", 1.0
    p.kinds.append("down")
    p.label("W-V2", note="站点无法访问：连接被重置", requires="monitor")


def _plant_availability(p: SitePlan) -> None:
    if p.category == "down":
        return
    p.down_fraction = (0.0, 0.0, 0.03, 0.06, 0.30)[p.index % 5]
    if p.down_fraction >= 0.05:
        p.label("W-V2", note=f"站点无法访问：一周内约 {p.down_fraction:.0%} 的时间不可用", requires="monitor")
    if p.index % 5 == 1:
        _plant_blip(p)


# -- monitor: one short blip per day (a network hiccup the monitor must not report as W-V2) --

BLIP_SECONDS = 20  # one outage a day this long: shorter than the monitor's confirmation delay


def _plant_blip(p: SitePlan) -> None:
    p.down_fraction = BLIP_SECONDS / 86400
    p.negative("availability_blip", p.home, ["W-V2"], f"每天一次约 {BLIP_SECONDS} 秒的短暂中断，不构成站点无法访问")


def _plant_hazard(p: SitePlan, kind: str) -> None:
    paths = HAZARD_PATHS
    p.hazard = kind
    p.link("zwyw", 0, LinkSpec("a", paths[kind], "相关链接"))
    p.hazards.append({"kind": kind, "site": p.identity.id_code, "url": p.base + paths[kind],
                      "source": p.art_url("zwyw", 0)})
    if kind in DEAD_HAZARDS:  # a link that never answers (in time) is unusable, not merely suspected
        p.label("W-D4.4", p.base + paths[kind], note=DEAD_HAZARDS[kind], source=p.art_url("zwyw", 0))


# ---- negatives ------------------------------------------------------------------------------

def _plant_negative(p: SitePlan, kind: str) -> None:
    if kind == "few_recent":
        p.few.add("bmdt")
        p.ages["bmdt"] = 3
        p.negative(kind, p.col_url("bmdt"), ["W-D1.4", "W-D1.8"], "动态栏目只有两条信息，但最新一条为 3 天前")
    elif kind == "js_rendered_list":
        p.js_list.add("bmdt")
        p.negative(kind, p.col_url("bmdt"), ["W-D1.8", "W-V4.3", "W-D1.4"],
                   "列表由脚本从 /api/bmdt.json 加载，HTML 中列表为空")
    elif kind == "crackdown_article":
        p.crackdown = ("tzgg", 2)
        p.negative(kind, p.art_url("tzgg", 2), ["W-V1.3"], "依法打击赌博和规范彩票销售的正常通告")
    elif kind == "slow_link":
        p.slow_link = True
        p.negative(kind, f"http://{p.aux_host('slow')}/", ["W-D4.4"], "外链服务器约 3 秒后正常响应")
    elif kind == "copyright_year":
        p.copyright_year = 2012
        p.negative(kind, p.home, ["W-V3", "W-V1.5"], "页脚版权年份为 2012 年，不是发布日期")
    elif kind == "personnel_idle_10_months":
        p.ages["rsxx"] = 300
        p.negative(kind, p.col_url("rsxx"), ["W-D1.7"], "人事信息栏目 10 个月未更新，未超过 12 个月")
    else:
        _plant_negative_more(p, kind)


def _plant_negative_more(p: SitePlan, kind: str) -> None:
    if kind == "nav_home_fresh":
        p.nav_home = True
        p.negative(kind, p.home, ["W-V3"], "首页为导航页（无带日期条目），二级页面更新及时")
    elif kind == "benign_hidden":
        p.benign_hidden = True
        p.negative(kind, p.home, ["W-V1.3", "W-V1.4"],
                   "隐藏的移动端菜单、屏幕外“跳转到主要内容”链接、高度为 0 的统计脚本")
    elif kind == "robots_disallowed":
        p.robots_column = True
        p.negative(kind, f"{p.base}/col/gzjb/", ["W-D1.8"], "robots.txt 禁止抓取的空白栏目，不应计入")
    elif kind == "reply_over_holiday":
        p.msg_flags.add("holiday")
        p.negative(kind, f"{p.base}/msg/1.html", ["W-D3.4"], "国庆假期前留言，4 个工作日内答复（自然日超过 5 天）")


# ---- hijack ---------------------------------------------------------------------------------

def _plant_hijack(p: SitePlan) -> None:
    if "benign_hidden" in p.negatives_kinds:  # the hijacked home page is not a clean negative any more
        p.negatives, p.benign_hidden = [], False
        p.negatives_kinds.clear()
    p.hijack = True
    p.kinds.append("hijack")
    p.label("W-V1.4", p.home, note="首页标题与正文中的网站名称被替换为博彩品牌，正文顶部有标签注入")
    for i, style in enumerate(("display_none", "offscreen", "font_zero", "same_colour"), start=1):
        p.feature("zwyw", i, f"hidden_links:{style}")
        p.label("W-V1.3", p.art_url("zwyw", i), note=f"隐藏的博彩链接（{style}）")
    p.feature("tzgg", 1, "meta_spam")
    p.label("W-V1.4", p.art_url("tzgg", 1), note="关键词、描述被篡改为博彩内容")
    p.feature("zwyw", 5, "js_redirect")
    p.label("W-V1.4", p.art_url("zwyw", 5), note="脚本跳转到博彩网站")
    p.feature("tzgg", 3, "meta_refresh")
    p.label("W-V1.4", p.art_url("tzgg", 3), note="meta refresh 跳转到博彩网站")
    p.feature("tzgg", 4, "cloaking")
    p.label("W-V1.4", p.art_url("tzgg", 4), note="对搜索引擎爬虫返回博彩内容（Baiduspider）")
    p.feature("zcwj", 1, "expired_link")
    p.label("W-V1.3", p.art_url("zcwj", 1), note="外链域名 www.old-partner-site.com 已被抢注为博彩网站")
    p.label("W-V1.4", f"{p.base}/big5/index.html", note="繁体镜像页，夹注拼音（國務院辦(ban)公廳）")


# ---- vetoes ---------------------------------------------------------------------------------

def _next_veto(p: SitePlan, counters: dict[str, int]) -> str:
    for _ in range(len(VETO_KINDS)):
        kind = VETO_KINDS[counters["veto"] % len(VETO_KINDS)]
        counters["veto"] += 1
        if kind == "no_service" and not p.identity.external_service:
            continue
        if kind == "stale_v41" and p.identity.kind != "portal":
            continue
        if kind in ("nav_home_stale", "home_stale") and p.nav_home:
            continue
        return kind
    return "blank5"


def _plant_veto(p: SitePlan, kind: str, rng: random.Random) -> None:
    p.kinds.append(kind)
    if kind == "blank5":
        _blank(p, list(BLANKABLE))
    elif kind == "stale_v41":
        for key in ("zwyw", "bmdt", "qxdt", "tpxw", "tzgg"):
            _stale(p, key, rng)
        p.ages["zcwj"] = rng.randint(1, 8)  # the home page still shows a fresh policy item
    elif kind == "home_stale":
        _home_stale(p, rng)
    elif kind == "stale_v42":
        for key in ("tzgg", "zcwj", "rsxx", "ghjh", "zcjd", "sjfb", "ztzl"):
            if key not in p.undated:
                _stale(p, key, rng)
        _blank(p, ["cyfz", "rczx"])
    elif kind == "nav_home_stale":
        p.nav_home = True
        _home_stale(p, rng)
    elif kind == "no_consult":
        p.removed.update({"zxly", "lytj"})
        p.label("W-V5.1", note="全站无留言、咨询、信箱、建言入口")
        p.label("W-D3.3", note="无留言统计页面")
    elif kind == "no_service":
        p.removed.update({"bsfw", "bszn", "bgxz", "bjtj"})
        p.label("W-V6.1", note="未提供办事服务入口")


def _drop_negative(p: SitePlan, kind: str) -> None:
    """A veto or defect that contradicts a negative planted earlier on the same site wins."""
    if kind not in p.negatives_kinds:
        return
    p.negatives = [n for n in p.negatives if n["kind"] != kind]
    p.negatives_kinds.remove(kind)
    if kind == "few_recent":
        p.few.discard("bmdt")
    elif kind == "js_rendered_list":
        p.js_list.discard("bmdt")
    elif kind == "reply_over_holiday":
        p.msg_flags.discard("holiday")


def _home_stale(p: SitePlan, rng: random.Random) -> None:
    """W-V3: every dated item of the site older than T−14d by a margin; dynamic columns stale."""
    for key in DYNAMIC:
        if p.has(key):
            _stale(p, key, rng)
    p.min_age = 18
    for key in list(p.ages):
        p.ages[key] = max(p.ages[key], p.min_age + rng.randint(0, 20))
    p.label("W-V3", note="首页（或导航页的全部二级页面）近两周无更新")


# ---- deductions -----------------------------------------------------------------------------

def _deduct_kinds(config: WorldConfig, p: SitePlan, counters: dict[str, int], rng: random.Random) -> list[str]:
    out: list[str] = []
    want = rng.randint(*config.deduct_kinds)
    tries = 0
    while len(out) < want and tries < len(DEDUCT_KINDS):
        kind = DEDUCT_KINDS[counters["deduct"] % len(DEDUCT_KINDS)]
        counters["deduct"] += 1
        tries += 1
        if kind in SERVICE_KINDS and not p.identity.external_service:
            continue
        if kind in PORTAL_KINDS and p.identity.kind != "portal":
            continue
        if kind == "stale" and p.nav_home:
            continue
        if EXCLUSIVE.get(kind) in out:
            continue
        if kind == "dead_links" and config.profile == "bench":
            continue  # bench sites already carry config.dead_links_per_site dead links
        out.append(kind)
    return out


def _stale(p: SitePlan, key: str, rng: random.Random) -> None:
    for kind in CONFLICTS.get(key, ()):
        _drop_negative(p, kind)
    cls = BY_KEY[key].cls
    unit, n = {"dynamic": ("days", 14)}.get(cls, ("months", 6 if cls in ("notice", "policy") else 12))
    p.ages[key] = rng.randint(n + 3, n + 40) if unit == "days" else rng.randint(n * 31 + 5, n * 31 + 200)
    label = STALE_LABEL[cls]
    if label == "W-D1.5" and BY_KEY[key].parent:
        raise ValueError("W-D1.5 is planted only on first-level policy columns")
    p.label(label, p.col_url(key), note=f"{BY_KEY[key].name}栏目最新信息为 {p.ages[key]} 天前")


def _blank(p: SitePlan, keys: list[str]) -> None:
    modes = ("empty", "none", "building")
    for n, key in enumerate(keys):
        p.blank[key] = modes[(p.index + n) % 3]
        p.label("W-D1.8", p.col_url(key), note=f"空白栏目：{BY_KEY[key].name}")
    if {"cyfz", "rczx"} <= set(p.blank):
        p.label("W-D1.8", p.col_url("xczx"), note="空白栏目：导航栏目乡村振兴的子栏目均为空")


def _d_stale(p: SitePlan, rng: random.Random) -> None:
    pool = ["zcwj", "rsxx", "ghjh", "zcjd", "sjfb", "ztzl", rng.choice(("zwyw", "bmdt")), "tzgg"]
    for key in rng.sample(pool, rng.randint(1, 3)):
        if key not in p.undated and p.has(key):
            _stale(p, key, rng)


def _d_blank(p: SitePlan, rng: random.Random) -> None:
    _blank(p, ["cyfz", "rczx"] if rng.random() < 0.4 else rng.sample(["zdxm", "yshj", "yjgl"], rng.randint(1, 2)))


def _missing(key: str, indicator: str, note: str) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        p.removed.add(key)
        p.label(indicator, note=note)
    return plant


def _old_list(key: str, indicator: str, days: tuple[int, int], note: str) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        p.old_lists.add(key)
        p.ages[key] = rng.randint(*days)
        p.label(indicator, note=note)
    return plant


def _home_flag(flag: str, ids: tuple[str, ...], note: str) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        p.home_flags.add(flag)
        for indicator in ids:
            p.label(indicator, note=note)
    return plant


def _no_header_name(p: SitePlan, rng: random.Random) -> None:
    """The header lacks the site name: T-NAME2, scored under W-D4.2 网站名称和域名 (spec §6.2)."""
    p.home_flags.add("no_name")
    p.label("T-NAME2", note="头部未显示网站名称")
    p.label("W-D4.2", item="name", note="头部标识区未显示网站名称")


def _msg(flag: str, indicator: str, note: str, msg: int = 0) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        p.msg_flags.add(flag)
        p.label(indicator, f"{p.base}/msg/{msg}.html" if msg else None, note=note)
    return plant


def _d_replies_stale(p: SitePlan, rng: random.Random) -> None:
    _drop_negative(p, "reply_over_holiday")  # its fresh reply would hide the stale replies
    p.msg_flags.add("replies_stale")
    p.ages["zxly"] = rng.randint(75, 140)
    p.label("W-D3.1", note="最新公开答复超过 2 个月")


def _d_id(item: str) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        code = p.identity.id_code
        if p.footer_code != code or "site_id_code" in p.footer_missing:
            return  # the footer already shows a wrong code, or none: one 标识码 defect per site
        p.footer_code = code[:-1] + str((int(code[-1]) + 3) % 10) if item == "mismatch" else code[:4] + "-" + code[4:8]
        p.label("T-ID", item=item, note=f"页脚网站标识码为 {p.footer_code}")
    return plant


def _d_footer(p: SitePlan, rng: random.Random) -> None:
    items = ("site_id_code", "icp", "police_record", "conac", "sponsor")
    if p.footer_code != p.identity.id_code:  # a wrong code is shown: removing it would hide that defect
        items = items[1:]
    item = rng.choice(items)
    p.footer_missing.add(item)
    for indicator in ("W-D4.3", "T-FOOT"):
        p.label(indicator, item=item, note=f"底部功能区缺少 {item}")


def _d_tag_missing(p: SitePlan, rng: random.Random) -> None:
    name = rng.choice(("PubDate", "ArticleTitle", "ContentSource"))
    p.tag_missing = name
    for indicator in ("W-D4.3", "T-TAG"):
        p.label(indicator, item=f"tag:{name}", note=f"所有文章页缺少 {name} 标签")


def _d_tag_mismatch(p: SitePlan, rng: random.Random) -> None:
    p.tag_code = p.identity.id_code[:6] + "9999"
    for indicator in ("W-D4.3", "T-TAG"):
        p.label(indicator, item="tag-mismatch:SiteIDCode", note=f"SiteIDCode 为 {p.tag_code}，与登记不一致")


def _d_domain(com: bool) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        if p.host != p.identity.host:
            return  # one wrong domain per site
        slug = p.identity.host.split(".")[1]
        p.host = f"www.{slug}.com" if com else f"{slug}.gov.cn"
        p.label("W-D4.2", item="domain", note=f"门户网站域名为 {p.host}")
        p.label("T-DOM2", note=f"门户网站域名不是 www.xxx.gov.cn 形式：{p.host}")
        if com:
            p.label("T-DOM1", note=f"域名后缀不是 .gov.cn：{p.host}")
    return plant


def _d_xxgk(p: SitePlan, rng: random.Random) -> None:
    key, item = rng.choice((("xxgkzn", "guide"), ("xxgkml", "catalog"), ("xxgknb", "annual_report")))
    if key == "xxgknb" and p.annual_report_old:
        return
    p.removed.add(key)
    p.label("W-D1.13", item=item, note=f"缺少{BY_KEY[key].name}")


def _d_annual_old(p: SitePlan, rng: random.Random) -> None:
    if not p.has("xxgknb"):
        return  # the whole 年报 column is already missing
    p.annual_report_old = True
    p.label("W-D1.13", item="annual_report", note="政府信息公开年报未发布上一年度报告")


def _d_dead_links(p: SitePlan, rng: random.Random) -> None:
    _plant_dead_links(p, 2, rng)  # the bench profile plants config.dead_links_per_site on every site


def _plant_dead_links(p: SitePlan, count: int, rng: random.Random) -> None:
    for n in range(count):
        kind = DEAD_KINDS[(p.index + n) % len(DEAD_KINDS)]
        key, i = ("zwyw", "tzgg", "zcwj")[n % 3], 6 + n // 3
        spec, target, note = _dead_link(p, kind, n)
        p.link(key, i, spec)
        if kind == "attachment":
            p.link(key, i, LinkSpec("a", spec.href.replace("/attach/", "/files/"), spec.text + "（备用下载）"))
        p.label("W-D4.4", target, note=note, source=p.art_url(key, i))


def _dead_link(p: SitePlan, kind: str, n: int) -> tuple[LinkSpec, str, str]:
    b = p.base
    simple = {"404": ("/dead/", "页面不存在（404）"), "410": ("/gone/", "页面已删除（410）"),
              "500": ("/err/", "服务器错误（500，持续）"), "redirect404": ("/moved/", "跳转到 404 页面"),
              "soft404": ("/old/", "软 404：返回 200 但提示页面不存在")}
    if kind in simple:
        prefix, note = simple[kind]
        path = f"{prefix}{n}.html"
        return LinkSpec("a", path, "相关文件"), b + path, note
    if kind == "image":
        path = f"/images/photo_{n}.jpg"
        return LinkSpec("img", path, "图片"), b + path, "图片无法显示（404）"
    if kind == "attachment":
        name = f"2025年度工作总结{n}.pdf"
        return LinkSpec("a", f"/attach/{name}", name), b + "/attach/" + quote(name), "附件无法下载（404，中文文件名）"
    if kind == "dns":
        url = f"http://www.partner{n}.invalid/"
        return LinkSpec("a", url, "合作单位"), url, "域名无法解析"
    path = f"/loop/{n}/a.html"
    return LinkSpec("a", path, "相关专题"), b + path, "重定向循环"


def _d_form_broken(p: SitePlan, rng: random.Random) -> None:
    p.broken_forms.add(1)
    target = f"{p.base}/attach/{quote(FORMS[1])}"
    p.label("W-D2.2", target, note="表格下载链接失效（404）")
    p.label("W-D4.4", target, note="附件无法下载（404）", source=p.col_url("bgxz"))


def _d_online_down(p: SitePlan, rng: random.Random) -> None:
    p.online_down = True
    target = f"http://{p.aux_host('zxbl')}/"
    p.label("W-D2.3", target, note="在线办理系统持续返回 503")
    p.label("W-D4.4", target, note="在线办理系统持续返回 503", source=f"{p.base}/bszn/0.html")


def _d_guide_missing(p: SitePlan, rng: random.Random) -> None:
    missing = sorted(rng.sample([k for k in GUIDE_LABELS if k != "事项名称"], rng.randint(2, 3)))
    p.guide_missing[2] = missing
    p.label("W-D2.1", f"{p.base}/bszn/2.html", note="办事指南缺少要素：" + "、".join(missing))


def _article(feature: str, indicator: str, key: str, i: int, note: str) -> Callable[[SitePlan, random.Random], None]:
    def plant(p: SitePlan, rng: random.Random) -> None:
        p.feature(key, i, feature)
        p.label(indicator, p.art_url(key, i), note=note)
    return plant


def _d_bare_topic(p: SitePlan, rng: random.Random) -> None:
    p.bare_topic = 1
    p.label("W-D1.15", f"{p.base}/zt/1/", note="专题页面未使用统一的头部标识区和底部功能区")


def _d_undated(p: SitePlan, rng: random.Random) -> None:
    if any(lab["url"] == p.col_url("tzgg") for lab in p.labels):
        return  # already planted stale with dates
    p.undated.add("tzgg")
    p.label("W-D1.6", p.col_url("tzgg"), note="通知公告栏目的条目均无日期，视为未更新")


DEDUCT: dict[str, Callable[[SitePlan, random.Random], None]] = {
    "stale": _d_stale, "blank": _d_blank,
    "no_overview": _missing("zjgk", "W-D1.1", "无概况信息栏目"),
    "no_institution": _missing("jgzn", "W-D1.2", "无机构职能栏目"),
    "no_leaders": _missing("ldxx", "W-D1.3", "无领导信息栏目"),
    "no_interpretation": _missing("zcjd", "W-D1.10", "无政策解读栏目"),
    "no_data": _missing("sjfb", "W-D1.12", "无数据发布栏目"),
    "service_stats_old": _old_list("bjtj", "W-D2.4", (120, 220), "办件统计超过 3 个月未更新"),
    "replies_stale": _d_replies_stale,
    "no_reply_time": _msg("no_reply_time", "W-D3.2", "留言列表无答复时间"),
    "no_message_stats": _old_list("lytj", "W-D3.3", (400, 500), "无本年度留言统计"),
    "reply_lag": _msg("reply_lag", "W-D3.4", "留言答复超过 5 个工作日", msg=2),
    "no_survey": _old_list("dczj", "W-D3.5", (400, 600), "近一年无调查征集"),
    "no_interview": _old_list("zxft", "W-D3.7", (400, 600), "近一年无在线访谈"),
    "no_search": _home_flag("no_search", ("W-D4.1",), "无搜索功能"),
    "no_zhaocuo": _home_flag("no_zc", ("W-D4.6", "T-ZC"), "首页无“我为政府网站找错”入口"),
    "no_viewport": _home_flag("no_viewport", ("W-D4.7",), "首页无 viewport 设置"),
    "no_report": _home_flag("no_report", ("W-D4.10", "T-REP"), "首页无上一年度网站工作年度报表"),
    "no_gov_block": _home_flag("no_gov", ("T-GOV",), "首页无国务院信息专栏"),
    "no_header_name": _no_header_name,
    "id_mismatch": _d_id("mismatch"), "id_format": _d_id("format"),
    "footer_missing": _d_footer, "tag_missing": _d_tag_missing, "tag_mismatch": _d_tag_mismatch,
    "domain_nowww": _d_domain(False), "domain_com": _d_domain(True),
    "xxgk_missing": _d_xxgk, "annual_report_old": _d_annual_old, "dead_links": _d_dead_links,
    "form_broken": _d_form_broken, "online_down": _d_online_down, "guide_missing": _d_guide_missing,
    "unanswered": _msg("unanswered", "W-V5.2", "留言超过 3 个月未答复", msg=3),
    "wording": _article("wording", "W-V1.1", "zwyw", 3, "严重表述错误：中华人民共合国"),
    "outdated_name": _article("outdated_name", "W-D1.14", "zwyw", 4, "使用已撤销机构名称：国土资源局"),
    "forged_future": _article("forged_future", "W-V1.5", "zwyw", 7, "发布时间晚于检查时间"),
    "forged_mismatch": _article("forged_mismatch", "W-V1.5", "zcwj", 3, "列表日期与文章发布时间不一致"),
    "personal_id": _article("personal_id", "W-D4.9", "tzgg", 4, "文章含完整身份证号码"),
    "personal_mobile": _article("personal_mobile", "W-D4.9", "zwyw", 2, "文章含个人手机号码"),
    "bare_topic": _d_bare_topic, "undated_notices": _d_undated,
}


def _site_level_update_labels(p: SitePlan) -> None:
    """W-V4.1 / W-V4.2 / W-V4.3 from the per-column labels just planted (spec §2.1 counts)."""
    ids = [lab["indicator"] for lab in p.labels]
    first_level_np = sum(1 for lab in p.labels if lab["indicator"] in ("W-D1.5", "W-D1.6")
                         and not BY_KEY.get(lab["url"].rstrip("/").rsplit("/", 1)[-1], BY_KEY["zwyw"]).parent)
    blank = ids.count("W-D1.8")
    stale = sum(ids.count(x) for x in ("W-D1.4", "W-D1.5", "W-D1.6", "W-D1.7", "W-D1.9"))
    if ids.count("W-D1.4") + first_level_np >= 5:
        p.label("W-V4.1", note="动态要闻及通知公告、政策文件类一级栏目未更新数量达到 5 个")
    if blank + stale >= 10:
        p.label("W-V4.2", note="应更新但长期未更新栏目达到 10 个")
    if blank >= 5:
        p.label("W-V4.3", note=f"空白栏目 {blank} 个")
