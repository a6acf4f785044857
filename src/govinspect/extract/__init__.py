"""Pure extraction of facts from one parsed page."""
