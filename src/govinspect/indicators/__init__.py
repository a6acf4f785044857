"""Indicator checks, one module per family, and the catalogue of spec ids."""
