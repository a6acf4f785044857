"""The extractor on the 22 real government pages of `shared/corpus/real`, against their hand-checked labels."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govinspect.extract.markings import normalise
from govinspect.extract.page import extract_page, page_facts_json
from govinspect.extract.tags import meta_tag
from govinspect.models import ArticleList, PageFacts

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"
# Capture dates from the labels' notes; year-less dates resolve against them.
AS_OF = {"bj_chaoyang_home.html": date(2018, 3, 16), "bj_bjgjj_home.html": date(2018, 3, 18),
         "hn_hunan_home.html": date(2018, 3, 19), "yn_yunnan_home.html": date(2018, 3, 22),
         "cq_chongqing_home.html": date(2018, 3, 23), "bj_fengtai_home.html": date(2018, 3, 20)}
# Lists a static extractor cannot see, with the reason (each is asserted absent, so a fix shows up).
OUT_OF_REACH = {("yn_yunnan_home.html", "政策解读"): "items exist only inside document.write strings"}
# Lists found whose heading is not text in the page (asserted wrong, so a fix shows up).
NAMELESS = {("cq_chongqing_home.html", "要闻"): "the block heading is an image",
            ("cq_chongqing_home.html", "动态"): "the block heading is an image"}


def _labels() -> list[dict[str, Any]]:
    path = CORPUS / "labels.json"
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


LABELS = _labels()
_cache: dict[str, PageFacts] = {}


def decode(raw: bytes) -> str:
    """What the crawler hands over: BOM first (hn_xiangtan is UTF-16LE declaring gb2312), else UTF-8."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8")


def facts_for(label: dict[str, Any]) -> PageFacts:
    name = label["file"]
    if name not in _cache:
        domain = label["site"].get("domain") or "www.example.gov.cn"
        url = f"http://{domain}/" if label["page_type"] == "home" else f"http://{domain}/art/page.html"
        _cache[name] = extract_page(decode((CORPUS / name).read_bytes()), url, status=200,
                                    as_of=AS_OF.get(name, date(2025, 7, 1)))
    return _cache[name]


def ids() -> list[str]:
    return [label["file"] for label in LABELS]


@pytest.fixture(params=LABELS, ids=ids())
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], PageFacts]:
    if not CORPUS.exists():
        pytest.skip("shared corpus not present")
    return request.param, facts_for(request.param)


def _text(value: Any) -> Any:
    return normalise(value) if isinstance(value, str) else value


def test_markings(case: tuple[dict[str, Any], PageFacts]) -> None:
    label, facts = case
    got = page_facts_json(facts)["markings"]
    for key, expected in label["markings"].items():
        want = expected["value"] if isinstance(expected, dict) else expected
        assert got[key] == _text(want), f"{key}: {got[key]!r} != {want!r}"


def test_meta_tags(case: tuple[dict[str, Any], PageFacts]) -> None:
    label, facts = case
    for name, value in label["meta_tags"].items():
        # an empty label value means "no usable value"; sh_wsjkw's ColumnType is commented out in the file
        assert (meta_tag(facts.meta, name) or "") == value, name


def test_entries(case: tuple[dict[str, Any], PageFacts]) -> None:
    label, facts = case
    assert facts.entries.search is label["search_box"]
    assert facts.entries.zhaocuo is label["zhaocuo_entry"]


def test_page_kind(case: tuple[dict[str, Any], PageFacts]) -> None:
    label, facts = case
    assert facts.kind == label["page_type"]


def _label_dates(text: str) -> tuple[str | None, str]:
    """(full date or None, MM-DD) from a label such as '03-08 (2018-03-08; URL says …)' or '[2018-03-16] (…)'."""
    full = re.search(r"\((\d{4}-\d{2}-\d{2})", text) or re.match(r"\W*(\d{4}-\d{2}-\d{2})", text)
    if full and "year unknown" not in text:
        return full[1], full[1][5:]
    short = re.search(r"(\d{2})[-月](\d{2})", text)
    assert short, text
    return None, f"{short[1]}-{short[2]}"


def _matches(lst: ArticleList, expected: dict[str, Any]) -> bool:
    dated = [i.date for i in lst.items if i.date]
    if len(lst.items) != expected["item_count"] or len(dated) != len(lst.items):
        return False
    if "year is unknown" in expected["date_format"]:  # its newest/oldest are page order, not dates
        shown = {d.isoformat()[5:] for d in dated}
        return all(_label_dates(expected[k])[1] in shown for k in ("newest", "oldest"))
    for got, text in ((dated[0], expected["newest"]), (dated[-1], expected["oldest"])):
        full, short = _label_dates(text)
        if (full and got.isoformat() != full) or got.isoformat()[5:] != short:
            return False
    return True


def _check_column(file: str, label_column: str, got: str) -> None:
    """The heading (or tab label) of a list, where the label names it with one word before its note."""
    name = label_column.split(" (")[0]
    if not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return
    if (file, name) in NAMELESS:
        assert got != name, f"{name} now found: remove it from NAMELESS"
        return
    assert got == name


def test_dated_lists(case: tuple[dict[str, Any], PageFacts]) -> None:
    label, facts = case
    unused = list(facts.lists)
    for expected in label["lists"]:
        reach = next((why for (f, col), why in OUT_OF_REACH.items() if f == label["file"] and col in expected["column"]), None)
        found = next((lst for lst in unused if _matches(lst, expected)), None)
        if reach:
            assert found is None, f"now found ({reach}): move it out of OUT_OF_REACH"
            continue
        assert found is not None, f"no list like {expected['column']} {expected['item_count']} " \
                                  f"{expected['newest']}..{expected['oldest']}"
        unused.remove(found)
        _check_column(label["file"], expected["column"], found.column)
    dated_extra = [lst.column for lst in unused if sum(1 for i in lst.items if i.date) * 2 > len(lst.items)]
    assert not dated_extra, f"dated lists not in the labels: {dated_extra}"


def test_items_newest_first(case: tuple[dict[str, Any], PageFacts]) -> None:
    _, facts = case
    for lst in facts.lists:
        dates = [i.date for i in lst.items if i.date]
        assert dates == sorted(dates, reverse=True)
        assert all(i.url.startswith("http") for i in lst.items)


def test_links_are_absolute_and_placed(case: tuple[dict[str, Any], PageFacts]) -> None:
    _, facts = case
    assert facts.links
    for link in facts.links:
        assert link.region in ("header", "nav", "main", "footer")
        assert "#" not in link.url or link.url.startswith("javascript")
        assert link.url.startswith(("http://", "https://", "javascript:", "mailto:", "tel:")), link.url


def test_json_contract(case: tuple[dict[str, Any], PageFacts]) -> None:
    _, facts = case
    data = json.loads(json.dumps(page_facts_json(facts), ensure_ascii=False))
    for key in ("url", "status", "encoding", "title", "meta", "markings", "entries", "lists", "links", "signals"):
        assert key in data
    assert set(data["entries"]) == {"search", "zhaocuo", "xxgk", "hudong", "banshi"}
    for lst in data["lists"]:
        for item in lst["items"]:
            assert item["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date"])
