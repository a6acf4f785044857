"""Request paths of one site → SiteModel pages, including the planted dead targets and network hazards."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from .plan import HAZARD_PATHS
from .site import Resp, SiteModel

Handler = Callable[[SiteModel, list[str], dict[str, str], bool], Resp]


def route(model: SiteModel, path: str, query: dict[str, str], spider: bool) -> Resp:
    """Map a request path of this site to its page."""
    path = unquote(path)
    parts = [p for p in path.split("/") if p]
    if path in ("/", "/index.html", "/index.htm"):
        return model.home()
    if path == "/robots.txt":
        return model.robots()
    head = parts[0] if parts else ""
    handler = _HANDLERS.get(head)
    if handler is None:
        return model.not_found()
    return handler(model, parts, query, spider)


def _col(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    if len(parts) < 2:
        return model.not_found()
    page = 1
    if len(parts) == 3:
        leaf = parts[2]
        if leaf.startswith("index_") and leaf.endswith(".html") and leaf[6:-5].isdigit():
            page = int(leaf[6:-5])
        elif leaf not in ("index.html", "index.htm"):
            return model.not_found()
    elif len(parts) > 3:
        return model.not_found()
    return model.list_page(parts[1], page)


def _art(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    if len(parts) != 3 or not parts[2].removesuffix(".html").isdigit():
        return model.not_found()
    return model.article(parts[1], int(parts[2].removesuffix(".html")), spider)


def _indexed(method: str) -> Handler:
    def handler(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
        leaf = parts[1].removesuffix(".html") if len(parts) > 1 else ""
        return getattr(model, method)(int(leaf)) if leaf.isdigit() else model.not_found()
    return handler


def _files(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    name = parts[-1]
    kind = "application/msword" if name.endswith(".doc") else (
        "application/vnd.ms-excel" if name.endswith(".xls") else "application/pdf")
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" if not name.endswith(".pdf") else b"%PDF-1.4\n"
    return Resp(body=magic + b"\0" * 2048, content_type=kind, charset=False)


def _dead(status: int) -> Handler:
    def handler(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
        return model.not_found(status)
    return handler


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _images(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    """Template images are live; the planted photo_N.jpg targets are dead."""
    if parts[-1].startswith("photo_"):
        return model.not_found()
    return Resp(body=PNG, content_type="image/png", charset=False)


def _moved(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    return Resp(status=302, headers={"Location": f"/dead/moved-{parts[-1]}"})


def _soft404(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    return model.simple("页面不存在", "抱歉，您访问的页面不存在！")


def _loop(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    other = "b.html" if parts[-1] == "a.html" else "a.html"
    return Resp(status=302, headers={"Location": "/" + "/".join(parts[:-1] + [other])})


def _redir(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    n = parts[-1].removesuffix(".html")
    if n.isdigit() and int(n) < 4:
        return Resp(status=301, headers={"Location": f"/redir/{int(n) + 1}.html"})
    return model.simple("跳转完成", "您已到达目标页面。")


def _hazard(model: SiteModel, parts: list[str], q: dict[str, str], spider: bool) -> Resp:
    leaf = parts[-1]
    if HAZARD_PATHS.get(model.plan.hazard or "") != "/" + "/".join(parts):
        return model.not_found()  # a hazard lives only where it is planted (none in the bench world)
    actions = {"timeout.html": ("sleep", 25.0), "slow.html": ("sleep", 3.0), "big.html": ("huge", 0.0),
               "bomb.html": ("bomb", 0.0), "close.html": ("close", 0.0)}
    if leaf == "busy.html":
        return model.not_found(503)
    if leaf not in actions:
        return model.not_found()
    action, delay = actions[leaf]
    resp = model.simple("相关链接", "页面内容") if action == "sleep" else Resp()
    resp.action, resp.delay = action, delay
    return resp


_HANDLERS: dict[str, Handler] = {
    "col": _col, "art": _art, "msg": _indexed("message"), "bszn": _indexed("guide"),
    "zt": _indexed("topic"), "report": _indexed("annual_report"), "files": _files,
    "attach": _dead(404), "dead": _dead(404), "gone": _dead(410), "err": _dead(500), "images": _images,
    "moved": _moved, "old": _soft404, "loop": _loop, "redir": _redir, "hazard": _hazard,
    "api": lambda m, p, q, s: m.api(p[-1].removesuffix(".json")) if len(p) == 2 else m.not_found(),
    "search": lambda m, p, q, s: m.search(q.get("q", "")),
    "sitemap.html": lambda m, p, q, s: m.sitemap(),
    "big5": lambda m, p, q, s: m.mirror(),
    "calendar": lambda m, p, q, s: m.calendar(q.get("month", "2026-01")) if m.plan.hazard == "calendar_trap" else m.not_found(),
    "hdjl": lambda m, p, q, s: m.write_form() if p[-1] == "write.html" else m.not_found(),
    "about.html": lambda m, p, q, s: m.simple("关于本网", f"{m.plan.identity.name}是政府信息公开的第一平台。"),
    "contact.html": lambda m, p, q, s: m.simple("联系我们", "联系电话：0912-12345"),
    "css": lambda m, p, q, s: Resp(body=b"body{font-family:sans-serif}", content_type="text/css"),
}
