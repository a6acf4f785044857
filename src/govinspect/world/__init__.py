"""The sample world: deterministic simulated government sites with labelled defects."""
