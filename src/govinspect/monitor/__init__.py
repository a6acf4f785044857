"""Availability monitoring over the week (spec W-V2, with W-V3/W-V1.5 change tracking): schedule, prober, decision."""
