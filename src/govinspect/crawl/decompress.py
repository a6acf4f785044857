"""Incremental gzip/deflate/br decoding with a cap on output and on the expansion ratio (bomb guard)."""
from __future__ import annotations

import zlib

import brotli

from ..errors import DecodeFailed, TooLarge

_RATIO_FLOOR = 1024 * 1024  # small bodies may compress very well; judge the ratio only past 1 MB
_STEP = 256 * 1024  # output produced per decompression call, so the guards act before memory grows


class Decompressor:
    """Feed wire chunks, get decoded bytes; raises TooLarge before memory grows past `max_output`."""

    def __init__(self, coding: str, max_output: int, max_ratio: int, url: str) -> None:
        self.coding = coding.strip().lower()
        self._max_output = max_output
        self._max_ratio = max_ratio
        self._url = url
        self._fed = 0
        self._produced = 0
        self._zlib: "zlib._Decompress | None" = None
        self._brotli: brotli.Decompressor | None = None
        self._raw_deflate_tried = False
        if self.coding in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(47)  # 32 + 15: gzip or zlib header, detected automatically
        elif self.coding == "br":
            self._brotli = brotli.Decompressor()

    def feed(self, chunk: bytes) -> bytes:
        try:
            if self._zlib is not None:
                return self._feed_zlib(chunk)
            if self._brotli is not None:
                self._fed += len(chunk)
                return self._feed_brotli(chunk)
        except (zlib.error, brotli.error) as exc:
            raise DecodeFailed(f"{self._url} 的压缩内容（{self.coding}）无法解压：{exc}") from None
        self._fed += len(chunk)
        return self._account(chunk)

    def _feed_zlib(self, data: bytes) -> bytes:
        assert self._zlib is not None
        parts: list[bytes] = []
        while data and not self._zlib.eof:
            try:
                piece = self._zlib.decompress(data, self._room())
                self._fed += len(data) - len(self._zlib.unconsumed_tail)
            except zlib.error:
                if self.coding != "deflate" or self._raw_deflate_tried or self._produced:
                    raise
                # some servers send raw deflate without the zlib header
                self._raw_deflate_tried = True
                self._zlib = zlib.decompressobj(-15)
                continue
            parts.append(self._account(piece))
            data = self._zlib.unconsumed_tail
        return b"".join(parts)

    def _feed_brotli(self, data: bytes) -> bytes:
        assert self._brotli is not None
        parts = [self._account(self._brotli.process(data, output_buffer_limit=self._room()))]
        while not self._brotli.can_accept_more_data() and not self._brotli.is_finished():
            parts.append(self._account(self._brotli.process(b"", output_buffer_limit=self._room())))
        return b"".join(parts)

    def flush(self) -> bytes:
        if self._zlib is not None:
            return self._account(self._zlib.flush())
        return b""

    def _room(self) -> int:
        # one byte over the cap proves the overflow
        return min(_STEP, self._max_output - self._produced + 1)

    def _account(self, piece: bytes) -> bytes:
        self._produced += len(piece)
        if self._produced > self._max_output:
            raise TooLarge(f"{self._url} 解压后超过 {self._max_output // (1024 * 1024)} MB 上限，已停止读取")
        if self._produced > _RATIO_FLOOR and self._produced > self._max_ratio * max(1, self._fed):
            raise TooLarge(f"{self._url} 压缩比超过 {self._max_ratio}:1，疑似压缩炸弹，已停止读取")
        return piece
