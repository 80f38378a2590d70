"""Counts, tables, charts, exports and the Vietnamese summary, from storage frames."""
