"""Registry of veille's spaCy components.

Importing this module registers every factory (each layer's module registers its
own with ``@Language.factory``). ``add_paragraph_components`` inserts the ones that
must run inside the statistical pipeline; ``component_config`` gives the config of
the article-level ones from the settings.
"""

from __future__ import annotations

from spacy.language import Language

from ..settings import Settings
from . import glue as _glue  # noqa: F401
from .entities import component as _entities  # noqa: F401
from .events import component as _events  # noqa: F401
from .quotes import component as _quotes  # noqa: F401
from .times import component as _times  # noqa: F401


def add_paragraph_components(nlp: Language, settings: Settings) -> None:
    nlp.add_pipe("veille_glue", first=True)
    _entities.add_paragraph_components(nlp, settings)


def component_config(name: str, settings: Settings) -> dict:
    if name == "veille_entities":
        return {"user_kb": str(settings.user_kb) if settings.user_kb else None}
    return {}
