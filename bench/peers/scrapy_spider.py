"""A minimal Scrapy link checker: follows every internal link, checks every link once, writes its own JSON.

scrapy runspider bench/peers/scrapy_spider.py -a starts=FILE -a out=FILE.json
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import scrapy

FOLLOW = "a::attr(href), area::attr(href), iframe::attr(src), frame::attr(src)"
CHECK = "img::attr(src), script::attr(src), link::attr(href), source::attr(src)"


class LinkSpider(scrapy.Spider):
    name = "links"
    custom_settings = {"HTTPERROR_ALLOW_ALL": True, "LOG_LEVEL": "INFO", "ROBOTSTXT_OBEY": True,
                       "COOKIES_ENABLED": False, "DOWNLOAD_TIMEOUT": 15}

    def __init__(self, starts: str, out: str, **kw: object) -> None:
        super().__init__(**kw)
        self.start_urls = Path(starts).read_text().split()
        self.internal = {urlsplit(u).netloc for u in self.start_urls}
        self.out, self.pages, self.broken = out, 0, {}

    def start_requests(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response):
        self._judge(response)
        if response.status != 200 or not isinstance(response, scrapy.http.TextResponse):
            return
        if urlsplit(response.url).netloc not in self.internal:
            return  # external pages are checked, not crawled
        self.pages += 1
        for href in response.css(FOLLOW).getall():
            yield from self._request(response, href, follow=True)
        for src in response.css(CHECK).getall():
            yield from self._request(response, src, follow=False)

    def _request(self, response, href: str, follow: bool):
        if href.strip().lower().startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
            return
        url = response.urljoin(href.strip())
        internal = urlsplit(url).netloc in self.internal
        yield scrapy.Request(url, callback=self.parse if follow and internal else self.check,
                             errback=self.failed, meta={"source": response.url})

    def check(self, response):
        self._judge(response)

    def _judge(self, response) -> None:
        if response.status >= 400:
            first = (response.meta.get("redirect_urls") or [response.url])[0]
            self.broken[first] = response.status

    def failed(self, failure) -> None:
        self.broken[failure.request.url] = type(failure.value).__name__

    def closed(self, reason: str) -> None:
        Path(self.out).write_text(json.dumps({"pages": self.pages, "broken": self.broken, "reason": reason},
                                             ensure_ascii=False, indent=1), encoding="utf-8")
