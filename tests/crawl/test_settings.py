"""CrawlSettings: every knob documented, built from the command-line forms, and from the runner's options."""
from __future__ import annotations

import inspect
import ipaddress
from dataclasses import fields
from pathlib import Path

import pytest

from govinspect.crawl import settings as settings_module
from govinspect.crawl.session import settings_from_options
from govinspect.crawl.settings import ALL_NETWORKS, CrawlSettings
from govinspect.errors import ConfigError
from govinspect.runner import InspectOptions


def test_every_setting_is_documented_beside_its_declaration() -> None:
    source = inspect.getsource(settings_module.CrawlSettings).splitlines()
    declared = {f.name for f in fields(CrawlSettings)}
    documented = {line.split(":")[0].strip() for line in source if "  # " in line and ":" in line}
    assert declared <= documented


def test_build_from_command_line_forms() -> None:
    s = CrawlSettings.build(["::127.0.0.1:8765"], allow_private=["10.0.0.0/8"], page_budget=50)
    assert s.connect_to[0].host2 == "127.0.0.1" and s.page_budget == 50
    assert s.allow_private == (ipaddress.ip_network("10.0.0.0/8"),)
    assert CrawlSettings.build(allow_private=True).allow_private == ALL_NETWORKS
    with pytest.raises(ConfigError):
        CrawlSettings.build(no_such_knob=1)
    with pytest.raises(ConfigError):
        CrawlSettings.build(allow_private=["not-a-network"])


def test_settings_from_runner_options() -> None:
    options = InspectOptions(registry=Path("r.csv"), out=Path("out"), db="sqlite://", connect_to=["::127.0.0.1:1"],
                             max_pages=30, per_host=8)
    s = settings_from_options(options)
    assert (s.page_budget, s.per_host_concurrency, len(s.connect_to), s.allow_private) == (30, 8, 1, ())


def test_settings_file_knobs_pass_through_runner_options() -> None:
    options = InspectOptions(registry=Path("r.csv"), out=Path("out"), db="sqlite://",
                             settings={"office": "x", "crawl": {"recheck_delay": 0.5, "per_host_delay": 1.0}})
    s = settings_from_options(options)
    assert (s.recheck_delay, s.per_host_delay) == (0.5, 1.0)
    with pytest.raises(ConfigError):
        settings_from_options(InspectOptions(registry=Path("r"), out=Path("o"), db="", settings={"crawl": {"x": 1}}))
