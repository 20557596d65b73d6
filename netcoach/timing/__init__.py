"""Time: dates as people say them, and the timing engine (who is due, when, why)."""
