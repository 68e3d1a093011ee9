"""Rule kinds: each evaluates one indicator over whole columns at once (numpy, no per-row loop)."""
