"""What every command shares at the terminal: the consoles and the one-line error handling."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from .errors import ConfigError, FetchError, GovInspectError, RegistryError, StoreError

console = Console()
err = Console(stderr=True)
EXIT_CODES: dict[type[GovInspectError], int] = {ConfigError: 1, RegistryError: 1, StoreError: 2, FetchError: 3}


def friendly(interrupted: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Our errors become one Chinese line on stderr and an exit code, never a traceback; messages may
    quote page content, so they are printed as text, not Rich markup."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except GovInspectError as e:
                err.print(f"[red]错误：[/red]{escape(e.message)}", highlight=False)
                raise typer.Exit(next((c for t, c in EXIT_CODES.items() if isinstance(e, t)), 1)) from None
            except KeyboardInterrupt:
                err.print(interrupted)
                raise typer.Exit(130) from None
        return run
    return decorate
