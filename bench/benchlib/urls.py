"""URL matching for the benchmark: per-site addresses back to host names, then `evaluate.normalise_url`."""
from __future__ import annotations

from urllib.parse import quote, unquote_to_bytes, urlsplit, urlunsplit

from govinspect.evaluate import normalise_url


def address_map(addresses: dict[str, object]) -> dict[str, str]:
    """`addresses.json` ({"port", "hosts": {host: address}}) as address[:port] → host."""
    port = int(addresses.get("port", 80))  # type: ignore[arg-type]
    out: dict[str, str] = {}
    for host, addr in dict(addresses.get("hosts", {})).items():  # type: ignore[arg-type]
        out[str(addr)] = host
        out[f"{addr}:{port}"] = host
    return out


def canonical(url: str, by_address: dict[str, str]) -> str:
    """The label-comparable form of a URL a peer reported against a per-site address."""
    parts = urlsplit(url.strip())
    host = by_address.get(parts.netloc) or by_address.get(parts.hostname or "")
    if host is not None:
        parts = parts._replace(netloc=host)
    parts = parts._replace(path=utf8_path(parts.path))
    return normalise_url(urlunsplit(parts)) or url


def utf8_path(path: str) -> str:
    """Percent-escapes as UTF-8. Some tools (wget) escape a GBK page's Chinese file name in GBK bytes:
    those are decoded as GB18030 so that both spellings name the same planted target."""
    raw = unquote_to_bytes(path)
    try:
        raw.decode("utf-8")
        return path
    except UnicodeDecodeError:
        return quote(raw.decode("gb18030", errors="replace"), safe="/%:@!$&'()*+,;=~-._")


def canonical_set(urls: list[str], by_address: dict[str, str]) -> set[str]:
    return {canonical(u, by_address) for u in urls if u}
