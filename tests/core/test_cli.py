"""The command line: every command explains itself, and untrusted text is printed as text."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from govinspect.cli import app, print_summary

COMMANDS = [[], ["inspect"], ["page"], ["scan"], ["evaluate"], ["report"], ["indicators"], ["demo"],
            ["registry", "check"], ["world", "serve"], ["monitor", "start"], ["monitor", "status"], ["monitor", "simulate"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "govinspect")
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_registry_check_prints_markup_like_names_as_text(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("网站名称,网站标识码,首页网址\n[/]坏[red]名,61080000,http://www.a.gov.cn/\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["registry", "check", str(path)])
    assert result.exit_code == 1 and "第 2 行" in result.output


def test_summary_table_escapes_site_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from govinspect import cli

    recorder = Console(record=True, width=200)
    monkeypatch.setattr(cli, "console", recorder)
    site = {"name": "[/]测试[bold]站", "id_code": "6108000001", "verdict": "合格", "score": 100, "findings": []}
    print_summary({"campaign": {"name": "[x]", "scope": "全覆盖"}, "sites": [site]})  # markup would raise
    shown = recorder.export_text()
    assert "[/]测试[bold]站" in shown and "[x]" in shown


def test_indicators_lists_the_catalogue() -> None:
    result = CliRunner().invoke(app, ["indicators", "--json"])
    assert result.exit_code == 0 and '"W-V4.3"' in result.output
