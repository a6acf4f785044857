"""Column classes are named once, in the column lexicon, for reports and evidence alike."""
from __future__ import annotations

from govinspect.columns import class_name, classify, column_classes


def test_every_class_has_a_chinese_name() -> None:
    for cls in column_classes()[0]:
        name = class_name(cls.id)
        assert name and name != cls.id and all("\u4e00" <= ch <= "\u9fff" for ch in name), cls.id


def test_names_of_classified_columns() -> None:
    assert class_name(classify("政务要闻")) == "动态要闻"
    assert class_name(classify("信息公开指南")) == "信息公开指南"
    assert class_name(classify("文化旅游")) == "其他"
