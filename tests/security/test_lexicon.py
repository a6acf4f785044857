"""The lexicon data files and one-pass matching over normalised text."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import opencc

from govinspect.extract.lexicon import LEXICON_DIR, Entry, Hit, Lexicon, load_divisions, longest, match, normalise


def test_every_data_file_has_a_source_header() -> None:
    for name in ("spam.txt", "severe_errors.txt", "outdated_names.txt", "leaders.txt", "provinces.tsv"):
        lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
        header = " ".join(line for line in lines[:8] if line.startswith("#"))
        assert "Source" in header or "maintained" in header, name
        assert "Reviewed" in header, name


def test_leaders_file_ships_without_entries() -> None:
    lines = (LEXICON_DIR / "leaders.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.strip() and not line.startswith("#")] == []


def test_spec_brand_seeds_are_all_present() -> None:
    lexicon = Lexicon.load()
    for seed in ["365bet", "bet365", "best365", "澳门金沙", "金沙博彩", "皇冠体育", "凯发k8", "manbetx", "必赢亚洲",
                 "威斯尼斯人", "米乐体育", "爱游戏体育", "竞彩网", "中福在线", "欧洲杯下注", "澳门现金网", "欢乐斗牛牛"]:
        assert seed in lexicon.entries, seed


def test_traditional_full_width_and_case_are_normalised() -> None:
    hits = match("澳門金沙 ＢＥＴ３６５ ManBetX 中華人民共合國")
    assert {(h.term, h.kind) for h in hits} >= {("澳门金沙", "brand"), ("bet365", "brand"), ("manbetx", "brand"),
                                                 ("中华人民共合国", "wrong")}


def test_normalise_equals_opencc_t2s() -> None:
    text = "國務院辦公廳關於第一次全國政府網站普查情況通報 乾隆 頭髮 著名"
    assert normalise(text) == opencc.OpenCC("t2s").convert(text).lower()


def test_hit_offsets_point_into_the_normalised_text() -> None:
    text = "某市国土资源局与365bet"
    lexicon = Lexicon.load()
    norm = normalise(text)
    for hit in lexicon.match(text):
        assert norm[hit.start:hit.end] == hit.term


def test_outdated_entries_carry_their_dates() -> None:
    entry = Lexicon.load().entries["国土资源局"]
    assert entry.kind == "outdated" and entry.category == "自然资源局" and entry.since == date(2019, 4, 1)


def test_divisions_table_is_optional_and_read_when_present(tmp_path: Path) -> None:
    assert "610000" in load_divisions(tmp_path / "missing.tsv").names  # provinces only
    table = tmp_path / "divisions.tsv"
    table.write_text("code\tname\tparent\n610800\t榆林市\t610000\n610827\t米脂县\t610800\n", encoding="utf-8")
    divisions = load_divisions(table)
    assert divisions.ancestors("610827") == {"榆林市", "陕西省"}


def test_leader_file_entries_are_matched(tmp_path: Path) -> None:
    for name in ("spam.txt", "severe_errors.txt", "outdated_names.txt", "provinces.tsv"):
        (tmp_path / name).write_text((LEXICON_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "leaders.txt").write_text("# test\n张三丰\t张三风, 张山丰\n", encoding="utf-8")
    lexicon = Lexicon.from_folder(tmp_path, tmp_path / "none.tsv")
    assert [(h.term, h.kind, h.entry.category) for h in lexicon.match("会见张三风同志")] == [("张三风", "leader", "张三丰")]


def _longest_by_pairs(hits: list[Hit], kinds: tuple[str, ...] | None) -> list[Hit]:
    """The definition `longest` implements: drop a hit that a longer hit of the same kind contains."""
    chosen = [h for h in hits if kinds is None or h.kind in kinds]
    return [h for h in chosen if not any(o is not h and o.kind == h.kind and o.start <= h.start and h.end <= o.end
                                         and (o.end - o.start) > (h.end - h.start) for o in chosen)]


def test_longest_keeps_exactly_the_hits_no_longer_hit_contains() -> None:
    entries = {kind: Entry(kind) for kind in ("place", "wrong", "leader")}
    rng = random.Random(7)
    for _ in range(3000):
        hits = []
        for _ in range(rng.randint(0, 10)):
            start = rng.randint(0, 12)
            hits.append(Hit("词", start, start + rng.randint(1, 5), entries[rng.choice(list(entries))]))
        kinds = rng.choice([None, ("place",), ("wrong", "leader")])
        assert [id(h) for h in longest(hits, kinds)] == [id(h) for h in _longest_by_pairs(hits, kinds)]
