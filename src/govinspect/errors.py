"""One exception tree for govinspect. Lower-library errors are translated at the boundary.

    GovInspectError                 every error we raise; `.message` is the Chinese text users see
    ├── ConfigError                 a settings or profile file is wrong
    ├── RegistryError               the registry file as a whole cannot be used
    ├── StoreError                  the database cannot be opened or written
    └── FetchError                  one request failed (recorded as a result, never fatal to a campaign)
        ├── AddressRefused          private/loopback/link-local target not reached through --connect-to
        ├── RobotsDisallowed        robots.txt forbids the URL
        ├── TooLarge                the body or its decompressed form exceeds the cap
        ├── TooManyRedirects        the redirect limit was reached
        ├── RedirectLoop            a redirect returned to a URL already visited
        ├── FetchTimeout            connect/read/total timeout
        ├── ConnectFailed           refused, reset, TLS failure
        ├── DNSFailed               the host name does not resolve
        ├── DecodeFailed            the body could not be decoded
        ├── InvalidURL              the address is not a usable http(s) URL
        └── ProtocolError           the server answered with something that is not valid HTTP

aiohttp and OS errors become these in one place: `govinspect.crawl.fetcher.translate_error`.
"""
from __future__ import annotations


class GovInspectError(Exception):
    """Base class; `message` is shown to users as one line."""

    error_class = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(GovInspectError):
    error_class = "config"


class RegistryError(GovInspectError):
    error_class = "registry"


class StoreError(GovInspectError):
    error_class = "store"


class FetchError(GovInspectError):
    error_class = "fetch"


class AddressRefused(FetchError):
    error_class = "address-refused"


class RobotsDisallowed(FetchError):
    error_class = "robots"


class TooLarge(FetchError):
    error_class = "too-large"


class TooManyRedirects(FetchError):
    error_class = "too-many-redirects"


class RedirectLoop(FetchError):
    error_class = "redirect-loop"


class FetchTimeout(FetchError):
    error_class = "timeout"


class ConnectFailed(FetchError):
    error_class = "connect"


class DNSFailed(FetchError):
    error_class = "dns"


class DecodeFailed(FetchError):
    error_class = "decode"


class InvalidURL(FetchError):
    error_class = "invalid-url"


class ProtocolError(FetchError):
    error_class = "protocol"
