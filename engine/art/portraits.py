"""Portraits (placeholder)."""
