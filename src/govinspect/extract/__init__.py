"""Pure extraction of facts from one parsed page; the entry point is `extract.page.extract_page`."""
