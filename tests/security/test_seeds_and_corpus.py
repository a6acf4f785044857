"""Seeds 000/002 (real hijacked pages) are flagged; seeds 001/003/004 and the real corpus are not."""
from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import pytest

from govinspect.extract.security import scan_html

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SECURITY = {"W-V1.1", "W-V1.3", "W-V1.4", "W-V1.5", "W-D4.9"}


def _seed(prefix: str) -> str:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("shared/seeds is absent")
    text = next((SHARED / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    if text.lstrip().startswith("<"):
        return text  # seed 002 starts with its injected tag soup: served as is
    head = "<html><head><meta charset='utf-8'><title>政府网站抽查情况的通报</title></head><body>"
    return head + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()) + "</body></html>"


def test_seed_000_mirror_is_flagged() -> None:
    findings = scan_html(_seed("000"), "http://gymcjnpx.com/")
    assert [f.indicator for f in findings] == ["W-V1.4"]
    assert findings[0].needs_review and "拼音" in findings[0].evidence["说明"]


def test_seed_002_hijack_is_a_strong_veto() -> None:
    findings = scan_html(_seed("002"), "http://www.yl.gov.cn/zwgk/tzgg/1.html")
    kinds = {f.detail["kind"] for f in findings if f.indicator == "W-V1.4" and not f.needs_review}
    assert {"tag-soup", "brand-as-name"} <= kinds
    assert all(f.confidence >= 0.9 for f in findings if not f.needs_review)
    assert "365bet" in json.dumps([f.evidence for f in findings], ensure_ascii=False)


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_legitimate_notices_are_not_flagged(prefix: str) -> None:
    assert scan_html(_seed(prefix), "http://www.example.gov.cn/a.html", as_of=date(2026, 11, 23)) == []


def _corpus() -> list[Path]:
    root = SHARED / "corpus" / "real"
    return sorted(root.glob("*.html")) if root.is_dir() else []


def _decode(raw: bytes) -> str:
    return raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8", "replace")


@pytest.mark.parametrize("page", _corpus(), ids=lambda p: p.stem)
def test_corpus_page_has_no_security_finding(page: Path) -> None:
    labels = {item["file"]: item for item in json.loads((page.parent / "labels.json").read_text(encoding="utf-8"))}
    url = f"http://{labels[page.name]['site']['domain']}/index.html"
    findings = scan_html(_decode(page.read_bytes()), url, as_of=date(2026, 11, 23))
    assert [f for f in findings if f.indicator in SECURITY] == []
    others = [(f.indicator, f.evidence.get("旧名称")) for f in findings]
    # The one known true positive: bj_daxing's 2024 page still lists 中国银行保险监督管理委员会 (abolished 2023).
    expected = [("W-D1.14", "中国银行保险监督管理委员会")] if page.name == "bj_daxing_article.html" else []
    assert others == expected
