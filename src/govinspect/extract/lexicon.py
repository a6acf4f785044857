"""The content lexicons (spam, serious errors, leader names, outdated names, places) and one-pass matching
over OpenCC-normalised text; used by the W-V1.1, W-V1.3, W-V1.4 and W-D1.14 checks in security.py."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Literal

import ahocorasick
import opencc

LEXICON_DIR = Path(__file__).resolve().parents[1] / "lexicon"
DIVISIONS_TSV = Path(__file__).resolve().parents[1] / "data" / "divisions.tsv"

Kind = Literal["brand", "term", "wrong", "leader", "outdated", "place"]

# Full-width letters and digits (Ｂｅｔ３６５) are folded so that spammers cannot dodge the automaton with
# them. Full-width punctuation (，：（）) is left alone: it is in almost every page, no entry contains
# it, and str.translate is slow enough to halve throughput (bench/lexicon_bench.py).
_FOLD = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}
_FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]")


@dataclass(frozen=True, slots=True)
class Entry:
    """What one lexicon string means."""

    kind: Kind
    category: str = ""  # gambling / porn / fraud for spam; the correct form for wrong/leader/outdated
    since: date | None = None  # outdated: the date after which the name is outdated
    codes: tuple[str, ...] = ()  # place: the division codes carrying this name


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon match: offsets are into the normalised text (see `normalise`)."""

    term: str
    start: int
    end: int  # exclusive
    entry: Entry

    @property
    def kind(self) -> Kind:
        return self.entry.kind


@functools.lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """Traditional → simplified (OpenCC t2s), full-width letters and digits folded, lower case.

    Every step maps one character to one character, so offsets into the result are offsets into `text`
    wherever OpenCC converted character by character (its phrase table may change lengths, rarely).
    """
    try:
        text = _converter().convert(text)
    except UnicodeEncodeError:  # lone surrogates (a decoded "\ud800" in a script): one "?" each
        text = _converter().convert(text.encode("utf-8", "replace").decode("utf-8"))
    if _FULL_WIDTH.search(text):
        text = text.translate(_FOLD)
    return text.lower()


def _data_lines(path: Path) -> Iterable[list[str]]:
    """Tab-separated fields of the non-comment lines of a data file."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [f.strip() for f in line.split("\t")]


def _spam_entries(folder: Path) -> Iterable[tuple[str, Entry]]:
    for fields in _data_lines(folder / "spam.txt"):
        kind = "brand" if len(fields) > 1 and fields[1] == "brand" else "term"
        yield fields[0].lower(), Entry(kind, fields[2] if len(fields) > 2 else "")


def _wrong_forms(path: Path, kind: Kind) -> Iterable[tuple[str, Entry]]:
    for fields in _data_lines(path):
        if len(fields) < 2:
            continue
        for wrong in re.split(r"[,，]", fields[1]):
            if wrong.strip() and wrong.strip() not in fields[0]:
                yield wrong.strip(), Entry(kind, fields[0])


def _outdated_entries(folder: Path) -> Iterable[tuple[str, Entry]]:
    for fields in _data_lines(folder / "outdated_names.txt"):
        if len(fields) >= 3:
            yield fields[0], Entry("outdated", fields[1], date.fromisoformat(fields[2]))


@dataclass(slots=True)
class Divisions:
    """The 行政区划 table: code → (name, parent code); names may repeat across provinces."""

    names: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)

    def add(self, code: str, name: str, parent: str) -> None:
        self.names[code] = name
        self.parents[code] = parent or _implied_parent(code)

    def ancestors(self, code: str) -> set[str]:
        """Names of every division above `code` (city, province)."""
        out: set[str] = set()
        seen: set[str] = set()
        while (code := self.parents.get(code, "")) and code not in seen:
            seen.add(code)
            if code in self.names:
                out.add(self.names[code])
        return out

    def counties(self) -> set[str]:
        return {c for c in self.names if not c.endswith("00")}


def _implied_parent(code: str) -> str:
    """The parent by code arithmetic: 610827 → 610800 → 610000."""
    if len(code) != 6 or code.endswith("0000"):
        return ""
    return code[:4] + "00" if not code.endswith("00") else code[:2] + "0000"


def load_divisions(path: Path = DIVISIONS_TSV, folder: Path = LEXICON_DIR) -> Divisions:
    """Province-level names from the lexicon plus whatever the divisions table holds (it may be absent).

    The parent column may hold a code or a name; a name is resolved once every row is read.
    """
    table = Divisions()
    by_name: list[tuple[str, str]] = []
    for source in (folder / "provinces.tsv", path):
        for fields in _data_lines(source):
            if len(fields) >= 2 and re.fullmatch(r"\d{6}", fields[0]):
                parent = fields[2] if len(fields) > 2 else ""
                table.add(fields[0], fields[1], parent if re.fullmatch(r"\d{6}", parent) else "")
                if parent and not re.fullmatch(r"\d{6}", parent):
                    by_name.append((fields[0], parent))
    codes = {name: code for code, name in table.names.items()}
    for code, parent_name in by_name:
        if parent_name in codes:
            table.parents[code] = codes[parent_name]
    return table


def _place_entries(divisions: Divisions) -> Iterable[tuple[str, Entry]]:
    by_name: dict[str, list[str]] = {}
    for code, name in divisions.names.items():
        if len(name) >= 2:
            by_name.setdefault(name, []).append(code)
    for name, codes in by_name.items():
        yield name, Entry("place", "", None, tuple(sorted(codes)))


class Lexicon:
    """Every lexicon string in one Aho–Corasick automaton, built once per process by `load()`."""

    def __init__(self, entries: Iterable[tuple[str, Entry]], divisions: Divisions | None = None) -> None:
        self.divisions = divisions or Divisions()
        self.entries: dict[str, Entry] = {}
        for term, entry in entries:
            key = normalise(term)
            if key and key not in self.entries:  # the first file listing a string decides its meaning
                self.entries[key] = entry
        self._automaton = ahocorasick.Automaton()
        for key, entry in self.entries.items():
            self._automaton.add_word(key, (key, entry))
        if self.entries:
            self._automaton.make_automaton()

    @classmethod
    def from_folder(cls, folder: Path = LEXICON_DIR, divisions_path: Path = DIVISIONS_TSV) -> "Lexicon":
        divisions = load_divisions(divisions_path, folder)
        entries = [*_spam_entries(folder), *_wrong_forms(folder / "severe_errors.txt", "wrong"),
                   *_wrong_forms(folder / "leaders.txt", "leader"), *_outdated_entries(folder),
                   *_place_entries(divisions)]
        return cls(entries, divisions)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "Lexicon":
        """The shipped lexicon, cached: the automaton is built once per process."""
        return cls.from_folder()

    def match_normalised(self, text: str) -> list[Hit]:
        """All (overlapping) matches in text that is already normalised, in order of start."""
        if not self.entries:
            return []
        hits = [Hit(key, end - len(key) + 1, end + 1, entry) for end, (key, entry) in self._automaton.iter(text)]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def match(self, text: str) -> list[Hit]:
        """Normalise `text` and match it in one pass."""
        return self.match_normalised(normalise(text))


def match(text: str) -> list[Hit]:
    """Match against the shipped lexicon."""
    return Lexicon.load().match(text)


def longest(hits: list[Hit], kinds: Iterable[Kind] | None = None) -> list[Hit]:
    """Drop hits contained in a longer hit of the same kind (卫生计生委 inside 国家卫生计生委)."""
    wanted = set(kinds) if kinds is not None else None
    chosen = [h for h in hits if wanted is None or h.kind in wanted]
    inside = _contained(chosen)
    return [h for i, h in enumerate(chosen) if i not in inside]


def _contained(hits: list[Hit]) -> set[int]:
    """Indexes of the hits that lie within a longer hit of the same kind, in one sweep by start (was a
    comparison of every pair: a page names dozens of places). A hit with a smaller start reaching at least
    as far, or one with the same start reaching further, contains it; equal spans do not count."""
    out: set[int] = set()
    by_kind: dict[str, list[int]] = {}
    for i, h in enumerate(hits):
        by_kind.setdefault(h.kind, []).append(i)
    for indexes in by_kind.values():
        indexes.sort(key=lambda i: (hits[i].start, -hits[i].end))
        reach = -1  # the furthest end of the hits that start before the current start
        group_start, group_end = None, -1
        for i in indexes:
            h = hits[i]
            if h.start != group_start:
                reach = max(reach, group_end)
                group_start, group_end = h.start, h.end  # sorted by end descending within one start
            if reach >= h.end or h.end < group_end:
                out.add(i)
    return out
