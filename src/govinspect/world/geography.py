"""Real 行政区划 (data/divisions.tsv) turned into the sample world's site identities (spec §6.1, §6.5)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DIVISIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "divisions.tsv"

# Host labels as the real sites use them (pinyin or its initials); a county without a known short
# form gets its full pinyin.
SLUGS: dict[str, str] = {
    "610000": "shaanxi", "610100": "xa", "610102": "xincheng", "610103": "beilin", "610104": "lianhu",
    "610111": "baqiao", "610112": "weiyang", "610113": "yanta", "610114": "yanliang", "610115": "lintong",
    "610116": "changan", "610117": "gaoling", "610118": "huyi", "610122": "lantian", "610124": "zhouzhi",
    "610200": "tongchuan", "610202": "wangyi", "610203": "yintai", "610204": "yaozhou", "610222": "yijun",
    "610300": "baoji", "610302": "weibin", "610303": "jintai", "610304": "chencang", "610305": "fengxiang",
    "610323": "qishan", "610324": "fufeng", "610326": "meixian", "610327": "longxian", "610328": "qianyang",
    "610329": "linyou", "610330": "fengxian", "610331": "taibai", "610400": "xianyang", "610402": "qindu",
    "610403": "yangling", "610404": "weicheng", "610422": "sanyuan", "610423": "jingyang", "610424": "qianxian",
    "610425": "liquan", "610426": "yongshou", "610428": "changwu", "610429": "xunyi", "610430": "chunhua",
    "610431": "wugong", "610481": "xingping", "610482": "binzhou", "610500": "weinan", "610502": "linwei",
    "610503": "huazhou", "610522": "tongguan", "610523": "dali", "610524": "heyang", "610525": "chengcheng",
    "610526": "pucheng", "610527": "baishui", "610528": "fuping", "610581": "hancheng", "610582": "huayin",
    "610600": "yanan", "610602": "baota", "610603": "ansai", "610621": "yanchang", "610622": "yanchuan",
    "610625": "zhidan", "610626": "wuqi", "610627": "ganquan", "610628": "fuxian", "610629": "luochuan",
    "610630": "yichuan", "610631": "huanglong", "610632": "huangling", "610681": "zichang", "610700": "hanzhong",
    "610702": "hantai", "610703": "nanzheng", "610722": "chenggu", "610723": "yangxian", "610724": "xixiang",
    "610725": "mianxian", "610726": "ningqiang", "610727": "lueyang", "610728": "zhenba", "610729": "liuba",
    "610730": "foping", "610800": "yl", "610802": "yuyang", "610803": "hszf", "610822": "fg",
    "610824": "jingbian", "610825": "dingbian", "610826": "sd", "610827": "mizhi", "610828": "jiaxian",
    "610829": "wubu", "610830": "qjx", "610831": "zizhou", "610881": "sm", "610900": "ankang",
    "610902": "hanbin", "610921": "hanyin", "610922": "shiquan", "610923": "ningshan", "610924": "zyx",
    "610925": "langao", "610926": "pingli", "610927": "zhenping", "610929": "baihe", "610981": "xunyang",
    "611000": "shangluo", "611002": "shangzhou", "611021": "luonan", "611022": "danfeng", "611023": "shangnan",
    "611024": "shanyang", "611025": "zhenan", "611026": "zhashui",
}

# (host label, name at city/county level); the province replaces 局 with 厅 (jyj → jyt).
DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("jyj", "教育局"), ("fgw", "发展和改革委员会"), ("gaj", "公安局"), ("mzj", "民政局"), ("czj", "财政局"),
    ("rsj", "人力资源和社会保障局"), ("zrzyj", "自然资源局"), ("sthjj", "生态环境局"), ("zjj", "住房和城乡建设局"),
    ("jtj", "交通运输局"), ("slj", "水利局"), ("nyncj", "农业农村局"), ("swj", "商务局"), ("wlj", "文化和旅游局"),
    ("wjw", "卫生健康委员会"), ("yjj", "应急管理局"), ("sjj", "审计局"), ("scjgj", "市场监督管理局"),
    ("tjj", "统计局"), ("ybj", "医疗保障局"), ("gxj", "工业和信息化局"), ("sfj", "司法局"),
    ("tyjrj", "退役军人事务局"), ("lyj", "林业局"), ("xfj", "信访局"),
)
COUNTY_DEPARTMENTS = 10  # the first ten of DEPARTMENTS, used only once every other site is taken


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    parent: str


@dataclass(frozen=True, slots=True)
class Identity:
    """Who runs one simulated site, before any defect is planted."""

    id_code: str
    name: str  # 网站名称
    sponsor: str  # 主办单位
    division: str  # 6-digit 行政区划代码 of the government the site belongs to
    host: str
    kind: str  # portal | department
    level: str  # 省级 | 市级 | 县级
    external_service: bool


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    rows = []
    for line in DIVISIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, parent = (line.split("\t") + ["", ""])[:3]
            rows.append(Division(code.strip(), name.strip(), parent.strip()))
    return tuple(rows)


def _government_name(div: Division) -> str:
    """The name a portal uses: 榆林市人民政府; a county keeps only its own name (米脂县人民政府)."""
    return f"{div.name}人民政府"


def _dept(div: Division, seq: int, label: str, dname: str, level: str) -> Identity:
    if level == "省级":
        dname = dname.replace("局", "厅") if dname.endswith("局") else dname
        label = label[:-1] + "t" if label.endswith("j") else label
    owner = div.name + dname
    slug = SLUGS[div.code]
    return Identity(f"{div.code}{seq:04d}", owner, owner, div.code, f"{label}.{slug}.gov.cn",
                    "department", level, label not in ("sjj", "tjj", "xfj"))


def _portal(div: Division, level: str) -> Identity:
    name = _government_name(div)
    return Identity(f"{div.code}0001", name, f"{name}办公室", div.code, f"www.{SLUGS[div.code]}.gov.cn",
                    "portal", level, True)


def _governments() -> list[tuple[Division, str]]:
    out = []
    for div in divisions():
        level = "省级" if not div.parent else ("市级" if div.code.endswith("00") else "县级")
        out.append((div, level))
    return out


def candidate_sites() -> list[Identity]:
    """Every site the world can hold, in the order sites are taken: a small world gets a mix of
    city portals, county portals and departments; county departments come last."""
    govs = _governments()
    cities = [(d, lv) for d, lv in govs if lv != "县级"]
    counties = [d for d, lv in govs if lv == "县级"]
    city_depts = {d.code: [_dept(d, i + 2, lab, nm, lv) for i, (lab, nm) in enumerate(DEPARTMENTS)]
                  for d, lv in cities}
    head: list[Identity] = []
    county_iter = iter(counties)
    for round_ in range(len(DEPARTMENTS)):
        for d, lv in cities:
            if round_ == 0:
                head.append(_portal(d, lv))
            head.append(city_depts[d.code][round_])
            county = next(county_iter, None)
            if county is not None:
                head.append(_portal(county, "县级"))
    tail = [_dept(c, i + 2, lab, nm, "县级") for c in counties
            for i, (lab, nm) in enumerate(DEPARTMENTS[:COUNTY_DEPARTMENTS])]
    return head + tail
