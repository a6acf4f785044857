"""Helpers of the side-by-side benchmark (bench/run.py): world, measuring, peers, matching, bounds, tables."""
