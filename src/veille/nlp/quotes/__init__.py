"""Quotes: see component.py."""
