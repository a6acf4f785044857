"""Hijacked and spammed markup (spec §7.3, seeds 000 and 002): brands, tag soup, hidden links, mirrors."""
from __future__ import annotations

import random
from html import escape

BRAND = "365bet体育在线网址_365365bet体育在线_Best365官网登录"
SPAM_HOSTS = ("www.365bet-tiyu.com", "www.amjs-bet.com", "www.hgty888.com", "www.manbetx-app.com")
SPAM_TERMS = ("澳门金沙", "皇冠体育", "bet365", "必赢亚洲", "威尼斯人娱乐", "欢乐斗牛牛")
EXPIRED_HOST = "www.old-partner-site.com"
HIDDEN_STYLES = {
    "display_none": 'style="display:none"',
    "offscreen": 'style="position:absolute;left:-9999px;top:-9999px"',
    "font_zero": 'style="font-size:0"',
    "same_colour": 'style="color:#ffffff;background-color:#ffffff"',
}


def tag_soup(rng: random.Random) -> str:
    """Empty elements sharing one random id, as injected at the top of body in seed 002."""
    ident = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(5))
    tags = ("legend", "samp", "acronym", "address", "bdo", "strike", "tt", "dfn", "var", "big")
    return "".join(f'<{t} id="{ident}"></{t}>' for t in rng.sample(tags, 8) * 3) + "\n"


def hidden_links(style: str, rng: random.Random) -> str:
    links = "".join(f'<a href="http://{h}/">{t}</a>' for h, t in zip(SPAM_HOSTS, rng.sample(SPAM_TERMS, 4)))
    return f'<div {HIDDEN_STYLES[style]}>{links}</div>\n'


def gambling_page(title: str = BRAND) -> str:
    links = "".join(f'<li><a href="http://{h}/">{t}</a></li>' for h, t in zip(SPAM_HOSTS, SPAM_TERMS))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="keywords" content="{"，".join(SPAM_TERMS)}"></head><body><h1>{escape(title)}</h1>'
            f"<p>澳门金沙真人娱乐，皇冠体育在线投注，注册即送彩金，欢乐斗牛牛24小时在线。</p><ul>{links}</ul></body></html>\n")


MIRROR_PAIRS = (("国务院办公厅", "國務院辦(ban)公廳"), ("人民政府", "人民政(zheng)府"), ("通知", "通(tong)知"),
                ("关于", "關(guan)於"), ("工作", "工(gong)作"), ("发展", "發(fa)展"))


def mirror_text(text: str) -> str:
    """Traditional characters with interleaved pinyin, the spam-mirror pattern of seed 000."""
    for plain, mirrored in MIRROR_PAIRS:
        text = text.replace(plain, mirrored)
    return text
