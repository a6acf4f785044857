"""`python -m govinspect.monitor`: the monitor sub-app on its own (until the main CLI mounts it)."""
from .cli import monitor_app

monitor_app(prog_name="govinspect monitor")
