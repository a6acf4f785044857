"""Untrusted pages never crash the detectors (property tests over HTML-like noise)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.extract.lexicon import normalise
from govinspect.extract.security import scan_html

TOKENS = ["<a href='http://[::1", "<a href=\"http://www.365bet.com/\">", "</a>", "<div style=\"display:none\">",
          "</div>", "<style>.x{left:-9999px;position:absolute}@media{", "<script>document.write(atob('%%%'))",
          "String.fromCharCode(99999999,60)", "</script>", "<!--", "-->", "<iframe src=//x.com width=0 height=0>",
          "<meta http-equiv=refresh content='0;url=http://[x'>", "澳門金沙", "发布时间：2099-13-45", "11010519491231002X",
          "山西省米脂县", "<script>document.write(\"\\\\ud800\\\\x3c\")</script>", "中华人民共合国", "辦(bàn)", "<p id=r>", "</p>", "\x00", "ｂｅｔ３６５"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=20)), max_size=40))
def test_scan_never_raises_and_findings_are_well_formed(parts: list[str]) -> None:
    for f in scan_html("".join(parts), "http://www.example.gov.cn/a.html"):
        assert f.indicator.startswith(("W-V1.", "W-D1.14", "W-D4.9")) and f.points is None
        assert 0 <= f.confidence <= 1 and isinstance(f.evidence, dict) and f.evidence["说明"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFFEF), max_size=60))
def test_normalised_text_has_no_upper_case_or_full_width_alphanumerics(text: str) -> None:
    assert not re.search("[A-Z０-９Ａ-Ｚａ-ｚ]", normalise(text))
