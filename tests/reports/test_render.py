"""The notice as LibreOffice renders it: PDF, then page 1 as PNG (skipped when the tools are missing)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
TOOLS = ("libreoffice", "pdftoppm", "pdffonts", "pdftotext")


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS), reason="LibreOffice or poppler-utils missing")
def test_notice_renders_with_chinese_fonts(written: dict[str, list[Path]], tmp_path: Path) -> None:
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: parallel runs do not share a lock
    subprocess.run(["libreoffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(written["docx"][0])], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "通报.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "一、总体情况" in flat and "附件1" in flat and "—1—" in flat and "6108000005" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any(k in fonts for k in ("CJK", "WenQuanYi", "Hei", "Song", "Kai", "Fang")), fonts
    out_dir = Path(os.environ.get("GOVINSPECT_RENDER_OUT", tmp_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(out_dir / "notice-page1")], check=True, timeout=60)
    assert (out_dir / "notice-page1.png").stat().st_size > 10_000
