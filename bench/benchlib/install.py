"""Installs the peer tools into bench/.peers/ (gitignored): LinkChecker and Scrapy in a virtualenv made from the
system Python, linkinator with npm, GNU Wget with apt. Each returns the tool's path or an error text."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

INSTALL_TIMEOUT_S = 900


@dataclass(frozen=True, slots=True)
class Installed:
    path: str | None
    error: str | None = None


def _run(cmd: list[str], cwd: Path | None = None) -> str | None:
    """None on success, else the last lines of the output."""
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{cmd[0]}: {exc}"
    if done.returncode != 0:
        return (done.stdout + done.stderr).strip()[-400:] or f"exit {done.returncode}"
    return None


def python_venv(peers: Path) -> Installed:
    """LinkChecker + Scrapy share one virtualenv; LinkChecker run as root drops to `nobody`, so the tree
    must be world-readable (and its parents searchable)."""
    venv = peers / "venv"
    base = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else (shutil.which("python3") or "python3")
    if not (venv / "bin" / "python").exists():
        err = _run([base, "-m", "venv", str(venv)])
        if err:
            return Installed(None, f"venv: {err}")
    if not ((venv / "bin" / "linkchecker").exists() and (venv / "bin" / "scrapy").exists()):
        err = _run([str(venv / "bin" / "pip"), "install", "-q", "linkchecker", "scrapy"])
        if err:
            return Installed(None, f"pip: {err}")
    _world_readable(peers)
    return Installed(str(venv / "bin"))


def _world_readable(root: Path) -> None:
    for path in [root, *root.parents]:
        mode = path.stat().st_mode
        if mode & (stat.S_IXOTH | stat.S_IROTH) != stat.S_IXOTH | stat.S_IROTH:
            path.chmod(mode | stat.S_IXOTH | stat.S_IROTH)
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(dirpath) / name
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if p.is_dir() else 0))


def linkinator(peers: Path) -> Installed:
    node = peers / "node"
    binary = node / "node_modules" / ".bin" / "linkinator"
    if not binary.exists():
        if shutil.which("npm") is None:
            return Installed(None, "npm not found")
        node.mkdir(parents=True, exist_ok=True)
        err = _run(["npm", "install", "--silent", "--no-audit", "--no-fund", "linkinator"], cwd=node)
        if err:
            return Installed(None, f"npm: {err}")
    return Installed(str(binary))


def wget() -> Installed:
    if shutil.which("wget") is None:
        err = _run(["apt-get", "install", "-y", "-q", "wget"])
        if err:
            return Installed(None, f"apt-get: {err}")
    path = shutil.which("wget")
    return Installed(path) if path else Installed(None, "wget not found after install")


def install_all(peers: Path) -> dict[str, Installed]:
    peers.mkdir(parents=True, exist_ok=True)
    (peers / ".gitignore").write_text("*\n")
    venv = python_venv(peers)
    return {"linkchecker": venv, "scrapy": venv, "linkinator": linkinator(peers), "wget": wget()}
