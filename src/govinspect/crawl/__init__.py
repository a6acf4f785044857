"""Crawling: the only room that talks to the network.

One campaign opens one `CrawlSession` (session.py): one `Fetcher` over one aiohttp session and one
campaign-wide `LinkChecker`. For each site, `SiteCrawler` (site.py):
 1. fetches the home page; an unusable home ends the site with `CrawlOutcome.error`;
 2. fetches the home again as Baiduspider and from a search-engine Referer (cloaking variants) while
    crawling breadth-first through the `Frontier` (frontier.py: scope, budget, depth, trap guard);
 3. extracts each page once (extract.page) and fills script lists from their JSON endpoints (datasource.py);
 4. checks every link found through the LinkChecker (linkcheck.py), reusing crawled pages' outcomes.
Every request takes the layered path of fetcher.py: address guard (connect.py) → robots (robots.py) →
politeness slot (politeness.py) → request with limits (decompress.py) → redirects, each hop guarded →
charset decoding (charset.py). Settings: settings.py.
"""
