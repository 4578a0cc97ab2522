"""Evaluation against gold annotations: seed gold (gold.py), TimeML (timeml.py), `veille eval` (runner.py)."""
