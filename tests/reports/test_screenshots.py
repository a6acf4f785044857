"""Evidence screenshots: which pages, how chromium is told where hosts are, the address guard, and the report.

The browser tests start a tiny loopback HTTP server that answers for www.a.gov.cn / www.b.gov.cn and reach it
through --connect-to, as the demo does with the sample world; they skip when Playwright or chromium is missing.
"""
from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from govinspect.crawl.connect import parse_connect_to
from govinspect.errors import ConfigError
from govinspect.reports import write_reports
from govinspect.reports.result import CampaignResult, SiteRecord
from govinspect.reports.screenshots import (Admission, Shot, ShotSet, connect_rule, evidence_urls, renderer_missing,
                                            resolver_rules, take_screenshots, url_host)
from govinspect.reports.site_html import render_site

SCRIPT = "<script>alert(1)</script>"


def _site(url: str, finding_urls: list[str]) -> SiteRecord:
    return SiteRecord.from_json({"id_code": "6108000001", "name": "测试网站", "url": url,
                                 "findings": [{"indicator": "W-V4.3", "url": u} for u in finding_urls]})


def test_evidence_pages_home_first_deduplicated_capped() -> None:
    site = _site("http://www.a.gov.cn/", ["http://www.a.gov.cn/x", "javascript:alert(1)", "http://www.a.gov.cn/",
                                           "http://www.a.gov.cn/x", " http://www.a.gov.cn/y", "", "ftp://a/"])
    assert evidence_urls(site) == ["http://www.a.gov.cn/", "http://www.a.gov.cn/x", "http://www.a.gov.cn/y"]
    many = _site("http://www.a.gov.cn/", [f"http://www.a.gov.cn/{n}" for n in range(20)])
    assert len(evidence_urls(many)) == 6 and evidence_urls(many, 2) == ["http://www.a.gov.cn/", "http://www.a.gov.cn/0"]


def test_connect_to_becomes_chromium_resolver_rules() -> None:
    rules = [parse_connect_to(t) for t in ("www.a.gov.cn:80:127.0.0.1:9000", "::127.0.0.1:8765", "b.gov.cn::[::1]:81",
                                           "c.gov.cn:::8080")]
    text = resolver_rules(rules, {"www.pub.gov.cn": "203.0.113.7", "v6.gov.cn": "2001:db8::1"})
    assert text == ("MAP www.a.gov.cn:80 127.0.0.1:9000, MAP * 127.0.0.1:8765, MAP b.gov.cn [::1]:81, "
                    "MAP c.gov.cn c.gov.cn:8080, MAP v6.gov.cn [2001:db8::1], MAP www.pub.gov.cn 203.0.113.7, "
                    "MAP * ~NOTFOUND")


def test_rules_chromium_cannot_express_or_that_would_inject_are_refused() -> None:
    with pytest.raises(ConfigError, match="目标主机"):
        connect_rule(parse_connect_to(":80::8080"))
    with pytest.raises(ConfigError, match="主机名"):
        connect_rule(parse_connect_to("a.gov.cn,MAP *:80:127.0.0.1:80"))
    for bad in ("http://a.gov.cn,MAP * 10.0.0.1/", "http://a b.gov.cn/", "http://[zz/"):
        with pytest.raises(ConfigError):
            url_host(bad)
    assert url_host("http://政府.cn:8080/") == ("xn--mxtq1m.cn", 8080) and url_host("https://A.gov.cn/") == ("a.gov.cn", 443)


def test_guard_refuses_loopback_and_private_unless_mapped() -> None:
    async def run(rules: tuple[str, ...], urls: list[str]) -> tuple[list[str | None], dict[str, str]]:
        admission = Admission(tuple(parse_connect_to(r) for r in rules))
        try:
            return [await admission.admit(u) for u in urls], admission.pins
        finally:
            await admission.close()

    refused, pins = asyncio.run(run(("www.a.gov.cn::127.0.0.1:9",), [
        "http://127.0.0.1:8080/", "http://localhost/", "http://10.1.2.3/", "http://[::1]/", "http://www.a.gov.cn/x",
        "http://192.0.2.1/", "http://8.8.8.8/"]))
    assert all(r and "已拒绝" in r for r in refused[:4]), refused
    assert refused[4] is None  # mapped by --connect-to: allowed, and not pinned
    assert refused[5] and "已拒绝" in refused[5]  # TEST-NET: reserved, not public
    assert refused[6] is None and pins == {"8.8.8.8": "8.8.8.8"}  # a public literal is pinned to itself


def test_shots_in_the_site_report_are_escaped_lazy_images(tmp_path: Path) -> None:
    hostile = 'http://www.a.gov.cn/"><script>alert(1)</script>'
    site = _site("http://www.a.gov.cn/", [hostile, "http://www.a.gov.cn/gone"])
    result = CampaignResult.from_json({"campaign": {}, "sites": []})
    shots = [Shot("http://www.a.gov.cn/", "shots/6108000001/01.png", status=200),
             Shot(hostile, "shots/6108000001/02.png", status=200),
             Shot("http://www.a.gov.cn/gone", error="未截图：页面在 15 秒内没有加载完成")]
    page = render_site(result, site, shots=shots)
    assert page.count('<img src="shots/6108000001/02.png"') == 2  # in the finding and in 证据截图
    assert 'loading="lazy"' in page and 'alt="证据页面截图：http://www.a.gov.cn/&#34;&gt;&lt;script&gt;' in page
    assert SCRIPT not in page and "证据截图（3 个页面）" in page and "页面在 15 秒内没有加载完成" in page
    assert (ShotSet({"x": shots}).taken, ShotSet({"x": shots}).failed) == (2, 1)
    assert "证据截图" not in render_site(result, site)  # no renderer run, no section


def test_missing_renderer_is_one_chinese_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    from govinspect import cli

    monkeypatch.setenv("GOVINSPECT_CHROMIUM", str(tmp_path / "no-chromium"))
    assert "找不到可执行的 chromium" in (renderer_missing() or "")
    assert cli.take_screenshots({"campaign": {}, "sites": []}, tmp_path, []) is None
    assert capsys.readouterr().err.count("未截图") == 1


# --- with the browser ---------------------------------------------------------------------------------------

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>测试市人民政府</title></head>
<body style="margin:0;font-size:28px"><div style="background:#b22;color:#fff;padding:40px">测试市人民政府 首页</div>
<p>政务公开 · 政务服务 · 互动交流</p><img src="http://127.0.0.1:{port}/leak.png" alt="回环地址图片"></body></html>"""
HIJACK = f"""<!doctype html><html><head><meta charset="utf-8"><title>{SCRIPT}澳门赌场</title>
<script>new Image().src = "/js-ran";</script></head>
<body style="background:#ffe"><h1>{SCRIPT.replace('<', '&lt;')}</h1><a href="http://spam.example/">澳门赌场</a></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.seen.append((self.headers.get("Host", ""), self.path))
        port = self.server.server_address[1]
        if self.path == "/slow.html":
            time.sleep(3)
            self._send(200, "<p>慢</p>")
        elif self.path == "/file.zip":
            self._send(200, "PK", {"Content-Type": "application/zip", "Content-Disposition": "attachment; filename=a.zip"})
        elif self.path == "/redirect-private":
            self._send(302, "", {"Location": f"http://127.0.0.1:{port}/secret"})
        elif self.path == "/hijack.html":
            self._send(200, HIJACK)
        else:
            self._send(200, HOME.format(port=port))

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        for key, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, list[tuple[str, str]]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    _Handler.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], _Handler.seen
    httpd.shutdown()
    httpd.server_close()


def _results(port: int) -> dict[str, Any]:
    a = "http://www.a.gov.cn"
    findings = [{"indicator": "W-V4.3", "title": "暗链", "part": "veto", "url": f"{a}/hijack.html",
                 "evidence": {"title": f"{SCRIPT}澳门赌场", "snippet": f"{SCRIPT} 澳门赌场", "term": "澳门赌场"}},
                {"indicator": "W-D4.4", "url": f"{a}/slow.html"}, {"indicator": "W-D4.4", "url": f"{a}/file.zip"},
                {"indicator": "W-D4.4", "url": f"{a}/redirect-private"},
                {"indicator": "W-D4.4", "url": f"http://127.0.0.1:{port}/direct"}]
    return {"campaign": {"name": "截图测试"}, "sites": [
        {"id_code": "6108000001", "name": "测试市人民政府", "url": f"{a}/", "verdict": "不合格", "findings": findings},
        {"id_code": "6108000002", "name": "测试市教育局", "url": "http://www.b.gov.cn/", "verdict": "合格"}]}


@pytest.fixture(scope="module")
def taken(server: tuple[int, list[tuple[str, str]]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ShotSet, dict[str, Any]]:
    missing = renderer_missing()
    if missing:
        pytest.skip(f"screenshot renderer missing: {missing}")
    port, _ = server
    out = tmp_path_factory.mktemp("shots")
    results = _results(port)
    # Only the two sample hosts are mapped: 127.0.0.1 itself is not, so the guard must refuse it.
    shots = take_screenshots(results, out, [f"www.a.gov.cn::127.0.0.1:{port}", f"www.b.gov.cn::127.0.0.1:{port}"],
                             timeout_s=1.5)
    return out, shots, results


def _by_url(shots: ShotSet) -> dict[str, Shot]:
    return {s.url.split("/", 3)[-1]: s for site in shots.by_site.values() for s in site}


def test_pngs_are_real_pictures_of_the_pages(taken: tuple[Path, ShotSet, dict[str, Any]],
                                             server: tuple[int, list[tuple[str, str]]]) -> None:
    from PIL import Image

    out, shots, _ = taken
    home = out / "sites" / "shots" / "6108000001" / "01.png"
    assert [s.file for s in shots.for_site("6108000001")][:2] == ["shots/6108000001/01.png", "shots/6108000001/02.png"]
    assert (out / "sites" / "shots" / "6108000002" / "01.png").is_file()
    for path in (home, out / "sites" / "shots" / "6108000001" / "02.png"):
        assert path.stat().st_size > 5_000
        with Image.open(path) as img:
            assert img.format == "PNG" and img.size == (1280, 800)
            low, high = img.convert("L").getextrema()
            assert high - low > 100  # not a blank page: dark banner text on a light page
    with Image.open(home) as img:
        assert img.convert("RGB").getpixel((20, 20))[0] > 150 > img.convert("RGB").getpixel((20, 20))[1]  # the red banner
    hosts = {host for host, _ in server[1]}
    assert {"www.a.gov.cn", "www.b.gov.cn"} <= hosts  # reached by name through --connect-to


def test_untrusted_pages_cannot_reach_loopback_or_run_scripts(taken: tuple[Path, ShotSet, dict[str, Any]],
                                                              server: tuple[int, list[tuple[str, str]]]) -> None:
    _, shots, _ = taken
    by_url = _by_url(shots)
    direct = by_url["direct"]
    assert direct.file is None and direct.error and "已拒绝" in direct.error
    assert by_url["redirect-private"].file is None  # the redirect to 127.0.0.1 did not resolve
    paths = {path for _, path in server[1]}
    assert not paths & {"/direct", "/secret", "/leak.png", "/js-ran"}, paths


def test_one_failing_page_does_not_stop_the_others(taken: tuple[Path, ShotSet, dict[str, Any]]) -> None:
    _, shots, _ = taken
    by_url = _by_url(shots)
    assert by_url["slow.html"].file is None and "秒内没有加载完成" in (by_url["slow.html"].error or "")
    assert by_url["file.zip"].file is None and "下载" in (by_url["file.zip"].error or "")
    assert by_url["hijack.html"].file and by_url["hijack.html"].status == 200
    assert shots.taken == 3 and shots.failed == 4


def test_site_report_shows_the_screenshots_and_page_text_as_text(taken: tuple[Path, ShotSet, dict[str, Any]]) -> None:
    out, shots, results = taken
    [overview, page, _] = write_reports(results, out, {"html"}, shots=shots)["html"]
    html = page.read_text(encoding="utf-8")
    assert '<img src="shots/6108000001/02.png" alt="证据页面截图：http://www.a.gov.cn/hijack.html" loading="lazy"' in html
    assert "证据截图（6 个页面）" in html and "已拒绝访问" in html
    for src in ("shots/6108000001/01.png", "shots/6108000001/02.png"):
        assert (page.parent / src).is_file()
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_command_takes_screenshots(server: tuple[int, list[tuple[str, str]]], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from govinspect import results as results_module
    from govinspect.cli import app

    if renderer_missing():
        pytest.skip(f"screenshot renderer missing: {renderer_missing()}")
    port, _ = server
    data = _results(port)
    data["sites"] = data["sites"][1:]  # one site, home page only
    monkeypatch.setattr(results_module, "campaign_results", lambda store, campaign: data)
    out = tmp_path / "out"
    run = CliRunner().invoke(app, ["report", "--db", f"sqlite:///{tmp_path}/gi.db", "--out", str(out), "--formats", "html",
                                   "--screenshots", "--connect-to", f"www.b.gov.cn::127.0.0.1:{port}"])
    assert run.exit_code == 0, run.output
    assert "证据截图：1 张，0 个页面未截图" in run.output
    page = (out / "sites" / "6108000002.html").read_text(encoding="utf-8")
    assert '<img src="shots/6108000002/01.png"' in page and (out / "sites" / "shots" / "6108000002" / "01.png").is_file()
