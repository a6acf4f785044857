"""The catalogue is the spec: every spec id declared once, none invented, every automatable one checked
or explicitly marked not-yet with a reason."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from govinspect.indicators.catalog import ALL, BY_ID
from govinspect.indicators.registry import CHECKS, IMPLEMENTED, NOT_YET

SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "indicators.md"
ROW_ID = re.compile(r"^\| \*{0,2}((?:W|M|T|P15|A)-[A-Z0-9.]+)\*{0,2} \|", re.M)
SECTION_ID = re.compile(r"\((T-[A-Z0-9]+)(?:, (T-[A-Z0-9]+))?\)")


def spec_ids() -> set[str]:
    if not SPEC.exists():
        pytest.skip("../shared/spec/indicators.md is not beside the repository")
    text = SPEC.read_text(encoding="utf-8")
    ids = set(ROW_ID.findall(text))
    for pair in SECTION_ID.findall(text):
        ids.update(i for i in pair if i)
    return ids


def test_ids_unique() -> None:
    assert len(ALL) == len(BY_ID)


def test_every_row_id_of_the_spec_is_declared() -> None:
    missing = {i for i in spec_ids() if re.match(r"^(W|M|P15|A)-|^T-(DOM|NAME)\d|^T-(ZC|GOV|REP)$", i)} - set(BY_ID)
    assert not missing


def test_no_invented_ids() -> None:
    assert set(BY_ID) - spec_ids() == set()


def test_every_automatable_website_id_is_checked_or_marked() -> None:
    for s in ALL:
        if s.id.startswith(("W-", "T-")) and s.auto in ("AUTO", "PART"):
            assert s.id in IMPLEMENTED or s.id in NOT_YET, s.id


def test_checks_declared_once() -> None:
    ids = [c.spec.id for c in CHECKS]
    assert len(ids) == len(set(ids))


def test_not_yet_has_no_implemented_id() -> None:
    assert not set(NOT_YET) & IMPLEMENTED


def test_docs_catalogue_is_generated_from_the_registry() -> None:
    from govinspect.indicators.listing import markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
    assert docs.read_text(encoding="utf-8") == markdown(), "regenerate: python -m govinspect.indicators.listing > docs/indicators.md"
