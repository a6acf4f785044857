"""evaluate: matching by scope on a tiny hand-made results/labels pair."""
from __future__ import annotations

import json
from pathlib import Path

from govinspect.evaluate import evaluate, format_table, main, normalise_url

LABELS = {
    "world": {"seed": 1, "sites": 2},
    "sites": [{"id_code": "6108000001", "expected": {"verdict": "不合格", "vetoes": ["W-V4.3"]}},
              {"id_code": "6108270001", "expected": {"verdict": "合格", "vetoes": []}}],
    "defects": [
        {"indicator": "W-V4.3", "site": "6108000001", "url": "http://www.yl.gov.cn/", "item": None, "note": ""},
        {"indicator": "W-D1.8", "site": "6108000001", "url": "http://www.yl.gov.cn/col/zdxm/", "item": None, "note": ""},
        {"indicator": "W-D1.8", "site": "6108000001", "url": "http://www.yl.gov.cn/col/yshj/", "item": None, "note": ""},
        {"indicator": "W-D4.4", "site": "6108270001", "url": "http://www.mizhi.gov.cn/dead/1.html", "item": None, "note": ""},
        {"indicator": "T-FOOT", "site": "6108270001", "url": "http://www.mizhi.gov.cn/", "item": "icp", "note": ""},
        {"indicator": "W-V2", "site": "6108270001", "url": "http://www.mizhi.gov.cn/", "item": None, "note": "",
         "requires": "monitor"},
    ],
    "negatives": [],
}


def _f(indicator: str, url: str, **detail: object) -> dict[str, object]:
    return {"indicator": indicator, "url": url, "detail": detail}


RESULTS = {"sites": [
    {"id_code": "6108000001", "verdict": "不合格", "findings": [
        _f("W-V4.3", "http://www.yl.gov.cn/col/zdxm/"),  # site scope: any URL matches
        _f("W-D1.8", "HTTP://WWW.YL.GOV.CN:80/col/zdxm/index.html#top"),  # normalised to the label
        _f("W-D1.8", "http://www.yl.gov.cn/col/yjgl/"),  # not planted: FP
    ]},
    {"id_code": "6108270001", "verdict": "不合格", "findings": [
        _f("W-D4.4", "http://www.mizhi.gov.cn/art/zwyw/6.html", target="http://www.mizhi.gov.cn/dead/1.html"),
        _f("T-FOOT", "http://www.mizhi.gov.cn/", item="police_record"),  # wrong item: FP, and icp is FN
        _f("W-V2", "http://www.mizhi.gov.cn/"),  # optional label: TP, never FP
    ]},
]}


def test_scopes_and_counts() -> None:
    ev = evaluate(RESULTS, LABELS)
    r = ev.rows
    assert (r["W-V4.3"].tp, r["W-V4.3"].fp, r["W-V4.3"].fn) == (1, 0, 0)
    assert (r["W-D1.8"].tp, r["W-D1.8"].fp, r["W-D1.8"].fn) == (1, 1, 1)
    assert (r["W-D4.4"].tp, r["W-D4.4"].fp, r["W-D4.4"].fn) == (1, 0, 0)
    assert (r["T-FOOT"].tp, r["T-FOOT"].fp, r["T-FOOT"].fn) == (0, 1, 1)
    assert (r["W-V2"].tp, r["W-V2"].fp, r["W-V2"].fn) == (1, 0, 0)
    assert r["W-D1.8"].precision == 0.5 and r["W-D1.8"].recall == 0.5
    assert r["W-D1.8"].fp_examples[0]["url"] == "http://www.yl.gov.cn/col/yjgl/"


def test_optional_label_missing_is_not_fn() -> None:
    results = {"sites": [{"id_code": "6108270001", "verdict": "合格", "findings": []}]}
    ev = evaluate(results, LABELS)
    assert ev.rows["W-V2"].fn == 0 and ev.rows["W-D4.4"].fn == 1
    assert ev.sites_missing == ["6108000001"]


def test_verdict_confusion() -> None:
    ev = evaluate(RESULTS, LABELS)
    assert ev.verdicts == {"不合格": {"不合格": 1}, "合格": {"不合格": 1}}
    assert ev.verdict_accuracy == 0.5
    text = format_table(ev)
    assert "W-D1.8" in text and "误报 W-D1.8 网站 6108000001 http://www.yl.gov.cn/col/yjgl/" in text
    assert "漏报 T-FOOT 网站 6108270001 http://www.mizhi.gov.cn/ [icp]" in text


def test_normalise_url() -> None:
    assert normalise_url("HTTP://Www.X.gov.cn:80/a/index.htm#f") == "http://www.x.gov.cn/a/"
    assert normalise_url("https://www.x.gov.cn:8443/a") == "https://www.x.gov.cn:8443/a"
    assert normalise_url("http://x.gov.cn/attach/登记表.xls") == normalise_url("http://x.gov.cn/attach/%E7%99%BB%E8%AE%B0%E8%A1%A8.xls")


def test_main_json(tmp_path: Path, capsys: object) -> None:
    (tmp_path / "r.json").write_text(json.dumps(RESULTS), encoding="utf-8")
    (tmp_path / "l.json").write_text(json.dumps(LABELS), encoding="utf-8")
    assert main([str(tmp_path / "r.json"), str(tmp_path / "l.json"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert out["indicators"]["W-D1.8"]["fp"] == 1
    assert main([str(tmp_path / "missing.json"), str(tmp_path / "l.json")]) == 2
