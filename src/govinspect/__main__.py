"""`python -m govinspect`: the command line."""
from .cli import app

app()
