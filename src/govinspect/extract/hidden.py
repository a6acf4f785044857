"""Elements hidden from visitors by inline style, embedded `<style>` rules, the hidden attribute or a
script that hides them: where 暗链 (hidden spam links) are put (spec W-V1.3)."""
from __future__ import annotations

import re
from typing import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

# --- hidden elements (inline style, embedded <style>, the hidden attribute) ---------------------------

def declarations(style: str) -> dict[str, str]:
    out = {}
    for part in style.lower().split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            out[key.strip()] = re.sub(r"\s*!important\s*$", "", value.strip())
    return out


def _offscreen(value: str) -> bool:
    m = re.match(r"-\s*(\d+(?:\.\d+)?)\s*(px|em|rem|pt)?", value)
    return bool(m) and float(m.group(1)) >= (500 if m.group(2) in (None, "px", "pt") else 30)


def _zero(value: str) -> bool:
    return bool(re.fullmatch(r"0+(\.0+)?\s*(px|em|rem|pt|%)?", value))


def hiding_reason(style: str) -> str | None:
    """Why a CSS declaration block hides its element, or None."""
    d = declarations(style)
    if d.get("display") == "none":
        return "display:none"
    if d.get("visibility") == "hidden":
        return "visibility:hidden"
    if "font-size" in d and _zero(d["font-size"]):
        return "font-size:0"
    if d.get("position") in ("absolute", "fixed") and any(_offscreen(d.get(k, "")) for k in ("left", "top", "right")):
        return "绝对定位移出屏幕"
    if "text-indent" in d and _offscreen(d["text-indent"]):
        return "text-indent 移出屏幕"
    if "hidden" in d.get("overflow", "") and any(_zero(d.get(k, "1")) for k in ("width", "height")):
        return "宽或高为0且overflow:hidden"
    if "opacity" in d and _zero(d["opacity"]):
        return "opacity:0"
    colour, background = d.get("color"), d.get("background-color", d.get("background"))
    if colour and background and colour.replace(" ", "") == background.replace(" ", ""):
        return "文字颜色与背景色相同"
    return None


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# document.getElementById("x").style.display = "none": a 暗链 block hidden by script after it is written.
_SCRIPT_HIDES = re.compile(r"""getElementById\(\s*['"]([\w-]+)['"]\s*\)\.style\.(?:display\s*=\s*['"]none|visibility\s*=\s*['"]hidden)""")


def _style_rules(tree: LexborHTMLParser) -> Iterable[tuple[str, str]]:
    """(selector, why hidden) for each hiding rule of the page's embedded <style> blocks."""
    for node in tree.css("style"):
        css = re.sub(r"/\*.*?\*/", "", node.text() or "", flags=re.S)
        css = re.sub(r"@media[^{]*\{", "", css)  # the rules inside still count; the stray "}" is skipped
        for selectors, block in _RULE.findall(css):
            reason = hiding_reason(block)
            if reason:
                for selector in selectors.split(","):
                    if selector.strip() and "@" not in selector and ":" not in selector:
                        yield selector.strip(), reason


def hidden_elements(tree: LexborHTMLParser) -> dict[int, str]:
    """mem_id → reason for every element hidden by inline style, embedded CSS or the hidden attribute."""
    hidden: dict[int, str] = {}
    for node in tree.css("[style]"):
        reason = hiding_reason(node.attributes.get("style") or "")
        if reason:
            hidden[node.mem_id] = reason
    for node in tree.css("[hidden]"):
        hidden.setdefault(node.mem_id, "hidden 属性")
    for node in tree.css("script"):
        for ident in _SCRIPT_HIDES.findall(node.text() or ""):
            for target in tree.css(f'[id="{ident}"]'):
                hidden.setdefault(target.mem_id, "脚本设置 display:none")
    for selector, reason in _style_rules(tree):
        try:
            matched = tree.css(selector)
        except Exception:  # noqa: BLE001 - selectors the engine does not support are skipped
            continue
        for node in matched:
            hidden.setdefault(node.mem_id, f"样式表 {selector} {{{reason}}}")
    return hidden


def selector_of(node: LexborNode | None, depth: int = 4) -> str:
    """A readable CSS path of a node: div#nav > ul.menu > li > a."""
    parts: list[str] = []
    while node is not None and node.tag not in ("html", "-document", None) and len(parts) < depth:
        attrs = node.attributes
        part = node.tag or ""
        if attrs.get("id"):
            part += f"#{attrs['id']}"
        elif attrs.get("class"):
            part += "." + ".".join((attrs["class"] or "").split()[:2])
        parts.append(part)
        node = node.parent
    return " > ".join(reversed(parts))


