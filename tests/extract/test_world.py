"""The extractor on the sample world's three template families (TRS-like, Hanweb-like, HTML5), against its plans."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from govinspect.extract.guides import CENSUS_CATEGORIES, GUIDE_CATEGORIES
from govinspect.extract.page import extract_page
from govinspect.models import PageFacts

world = pytest.importorskip("govinspect.world.world")
config = pytest.importorskip("govinspect.world.config")
layout = pytest.importorskip("govinspect.world.layout")

AS_OF = datetime(2026, 5, 20)
SITES = 30
# Columns whose dates do not follow plan.ages: the annual report is dated 20 January by design.
FIXED_DATES = {"xxgknb"}


@pytest.fixture(scope="module")
def sample() -> Any:
    return world.World(config.WorldConfig(seed=1, sites=SITES, as_of=AS_OF, hazards=False))


def fetch(sample: Any, plan: Any, path: str) -> PageFacts | None:
    answer = sample.answer(plan.host, path, {}, False)
    if answer.status != 200:
        return None
    text = answer.body.decode("gb18030" if plan.encoding == "gbk" else "utf-8")  # the crawler decodes
    return extract_page(text, f"http://{plan.host}{path}", status=200, encoding=plan.encoding,
                        as_of=AS_OF.date(), signals=False)


def test_families_are_covered(sample: Any) -> None:
    assert {p.template for p in sample.plans} == {"trs", "hanweb", "html5"}


def test_home_pages(sample: Any) -> None:
    for plan in sample.plans:
        if plan.category == "down":
            continue
        facts = fetch(sample, plan, "/")
        assert facts is not None and facts.kind == "home", plan.host
        m, miss = facts.markings, plan.footer_missing
        assert m.site_id_code == (None if "site_id_code" in miss else plan.footer_code), plan.host
        assert m.conac is ("conac" not in miss), plan.host
        assert (m.sponsor is None) is ("sponsor" in miss), plan.host
        assert (m.icp is None) is ("icp" in miss) and (m.police_record is None) is ("police_record" in miss)
        assert facts.entries.search is ("no_search" not in plan.home_flags), plan.host
        assert facts.entries.zhaocuo is ("no_zc" not in plan.home_flags), plan.host
        assert facts.has_viewport is ("no_viewport" not in plan.home_flags), plan.host
        if not plan.nav_home:
            assert any(all(i.date for i in lst.items) and len(lst.items) >= 2 for lst in facts.lists), plan.host


def _expected_newest(plan: Any, key: str) -> date | None:
    if key in plan.blank or key in plan.undated or key in plan.js_list or key in FIXED_DATES:
        return None
    age = plan.ages.get(key)
    return AS_OF.date() - timedelta(days=age) if age is not None else None


def test_column_pages(sample: Any) -> None:
    checked = 0
    for plan in sample.plans[:12]:
        if plan.category == "down":
            continue
        for col in layout.COLUMNS:
            if col.key in plan.removed:
                continue
            facts = fetch(sample, plan, f"/col/{col.key}/")
            assert facts is not None and facts.kind == "list", (plan.host, col.key)
            assert facts.breadcrumb and facts.breadcrumb[-1] == col.name
            if facts.lists:
                assert max(facts.lists, key=lambda lst: len(lst.items)).column == col.name, (plan.host, col.key)
            newest = max((i.date for lst in facts.lists for i in lst.items if i.date), default=None)
            expected = _expected_newest(plan, col.key)
            if expected is not None:
                assert newest == expected, (plan.host, col.key)
                checked += 1
            if plan.blank.get(col.key) in ("none", "building"):
                assert facts.blank_marker, (plan.host, col.key)
            if col.key in plan.js_list:
                assert facts.data_sources, (plan.host, col.key)
    assert checked > 100


def test_guides(sample: Any) -> None:
    seen = 0
    for plan in sample.plans:
        if plan.category == "down" or "bszn" in plan.removed:
            continue
        for i in range(len(layout.MATTERS)):
            facts = fetch(sample, plan, f"/bszn/{i}.html")
            if facts is None:
                continue
            missing = set(plan.guide_missing.get(i, []))
            got = {GUIDE_CATEGORIES[label] for label in facts.guide_labels}
            if len(CENSUS_CATEGORIES) - len(missing) >= 3:
                assert got == set(CENSUS_CATEGORIES) - missing, (plan.host, i)
                assert facts.kind == "guide"
            seen += 1
    assert seen


def test_articles_have_visible_dates(sample: Any) -> None:
    plan = sample.plans[0]
    home = fetch(sample, plan, "/")
    assert home is not None
    items = [i for lst in home.lists for i in lst.items if i.url.startswith(f"http://{plan.host}/")][:6]
    assert items
    for item in items:
        facts = fetch(sample, plan, item.url.split(plan.host, 1)[1])
        assert facts is not None and facts.kind == "article"
        assert facts.pub_date is not None and facts.pub_date.date() == item.date
