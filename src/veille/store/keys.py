"""How the store compares names, shared by the writer (rows.py) and the queries.

Kept apart from rows.py, which loads the models (pydantic): a query needs neither.
"""

from __future__ import annotations

import unicodedata
from typing import Optional

# Separates the names packed into one column (`SEP + name + SEP` finds one).
SEP = "\x1f"


def name_key(text: Optional[str]) -> Optional[str]:
    """How names are compared: lower case, no accents, spaces collapsed."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
