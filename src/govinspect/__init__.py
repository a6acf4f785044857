"""govinspect: inspection of Chinese government websites (政府网站检查)."""
