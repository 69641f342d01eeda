"""Documents (placeholder)."""
