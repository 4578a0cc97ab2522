"""Cross-article claims: date compatibility, grouping, stances and contested claims
(pure units on hand-built events), then the store: claims computed at the end of
an ingest, incrementally, and the `veille claims` command; finally the two seed
articles through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.models import Article, Event, Published, Record, Span
from veille.serve.cli import app
from veille.store import Store
from veille.store.ingest import ingest
from veille.stories.claims import claims_of, compatible, dates_compatible, group, stance

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def ev(article, idx, type="ASSAULT", actors=("United States",), recipients=("Qassem Soleimani",), place=None,
       date=None, modality="asserted", reported_by=(), disputed_by=(), source=None, cluster=None):
    return {"article_id": article, "idx": idx, "type": type, "actors": list(actors), "recipients": list(recipients),
            "place": place, "date": date, "modality": modality, "reported_by": list(reported_by),
            "disputed_by": list(disputed_by), "source": source, "cluster_id": cluster or article,
            "published": None, "evidence": f"evidence {article}/{idx}", "mode": None}


# -- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b,ok", [
    ("2020-01-03", "2020-01-03", True),
    ("2020-01", "2020-01-03", True),          # the month contains the day
    ("2020-01-03", "2020", True),
    ("2020-W01", "2020-01-03", True),         # ISO week 1 of 2020: 30 Dec 2019 - 5 Jan 2020
    ("2020-W02", "2020-01-03", False),
    ("2020-01-03", "2020-01-04", False),
    ("2020-01", "2020-02", False),
    ("2019", "2020-01-03", False),
    ("XXXX-01", "2020-01-03", True),          # unknown year, same month
    ("XXXX-02", "2020-01-03", False),
    (None, "2020-01-03", True),               # undated: compatible with any date
    ("2020-SU", "2020-07-14", True),          # a season is bounded by its year
    ("2020-01-03T14:00", "2020-01-03", True),
])
def test_dates_compatible(a, b, ok):
    assert dates_compatible(a, b) is ok and dates_compatible(b, a) is ok


# -- grouping ---------------------------------------------------------------------------------

def test_same_strike_in_two_articles_is_one_claim():
    a = ev("a", 0, place="Baghdad", date="2020-01-03")
    b = ev("b", 3, actors=("United States", "Donald Trump"), recipients=(), date="2020-01")
    assert compatible(a, b)
    [claim] = claims_of([a, b])
    assert claim["articles"] == ["a", "b"] and claim["n_articles"] == 2
    assert claim["date"] == "2020-01-03" and claim["place"] == "Baghdad" and not claim["contested"]


def test_incompatible_events_stay_apart():
    base = ev("a", 0, date="2020-01-03", place="Baghdad")
    assert not compatible(base, ev("b", 0, type="COERCE", date="2020-01-03"))
    assert not compatible(base, ev("b", 0, date="2020-01-08"))
    assert not compatible(base, ev("b", 0, place="Erbil"))
    assert not compatible(base, ev("b", 0, actors=("Iran",)))
    # Roles matter: the recipient of one is not the actor of the other.
    assert not compatible(ev("a", 0, actors=("Iran",), recipients=("United States",)),
                          ev("b", 0, actors=("United States",), recipients=("Iran",)))
    # No participant in common at all: never the same claim.
    assert not compatible(ev("a", 0, actors=(), recipients=()), ev("b", 0, actors=(), recipients=()))


def test_undated_event_does_not_bridge_two_dates():
    first, second = ev("a", 0, date="2020-01-03"), ev("b", 0, date="2020-01-08")
    vague = ev("c", 0)
    claims = group([vague, second, first])
    assert len(claims) == 2
    sizes = sorted(len(c.events) for c in claims)
    assert sizes == [1, 2]
    # The result does not depend on the order the events come in.
    again = group([first, vague, second])
    as_sets = lambda cs: sorted(sorted((e["article_id"], e["idx"]) for e in c.events) for c in cs)
    assert as_sets(claims) == as_sets(again)


def test_asserted_and_denied_is_contested_with_sources_on_each_side():
    said = ev("a", 0, type="RETREAT", actors=("United States",), recipients=(), place="Iraq", modality="claimed",
              reported_by=("Ali al-Ghanemi", "Sky News Arabia"), source="Orange")
    denied = ev("b", 2, type="RETREAT", actors=("United States",), recipients=(), place="Iraq",
                modality="denied", reported_by=("United States Central Command",), source="Le Monde")
    maybe = ev("c", 1, type="RETREAT", actors=("United States",), recipients=(), modality="hypothetical")
    [claim] = claims_of([said, denied, maybe])
    assert claim["contested"] and claim["modalities"] == ["claimed", "denied", "hypothetical"]
    assert claim["reported_by"] == ["Ali al-Ghanemi", "Orange"]
    assert claim["disputed_by"] == ["United States Central Command", "Le Monde"]
    assert [stance(e) for e in (said, denied, maybe)] == ["supports", "disputes", "neutral"]


def test_one_article_with_a_disputing_source_is_a_claim():
    single = ev("a", 4, type="RETREAT", recipients=(), modality="claimed", reported_by=("Sky News Arabia",),
                disputed_by=("United States Central Command",))
    [claim] = claims_of([single])
    assert claim["contested"] and claim["n_articles"] == 1
    assert claim["disputed_by"] == ["United States Central Command"]


def test_wire_copies_count_once_and_lone_events_are_not_claims():
    original, copy = ev("a", 0, cluster="a"), ev("b", 0, cluster="a")
    assert claims_of([original, copy]) == []       # one dispatch republished: one article
    assert claims_of([ev("a", 0)]) == []            # an event seen once, undisputed


# -- in the store ---------------------------------------------------------------------------------

def record(article_id: str, text: str, events: list[Event], source: str, published="2020-01-07") -> Record:
    return Record(id=article_id, published=Published(value=published, how="metadata"), source=source,
                  title=text[:20], text=text, events=events)


def event(text: str, **kw) -> Event:
    return Event(evidence=Span(start=0, end=len(text), text=text), **kw)


TEXT_A = "Les Etats-Unis ont tué Qassem Soleimani le 3 janvier à Bagdad."
TEXT_B = "Début janvier, les Américains ont assassiné le général Soleimani."
TEXT_C = "Le commandement central dément tout retrait des soldats américains d'Irak."
TEXT_D = "Selon Sky News Arabia, les soldats américains ont commencé à quitter l'Irak."


def stored(records: list[Record]):
    def run(skip):
        for r in records:
            article = Article(text=r.text, id=r.id, title=r.title, published=r.published.value, source=r.source)
            if not skip(article):
                yield r
    return run


def test_claims_computed_at_ingest_and_updated_incrementally(tmp_path):
    store = Store(tmp_path / "c.duckdb")
    strike = dict(type="ASSAULT", actors=["United States"], recipients=["Qassem Soleimani"])
    a = record("a", TEXT_A, [event(TEXT_A, place="Baghdad", date="2020-01-03", **strike)], "AFP")
    b = record("b", TEXT_B, [event(TEXT_B, date="2020-01", **strike)], "Orange")
    stats = ingest(store, stored([a, b]))
    assert stats.claims == 1
    [claim] = store.claims()
    assert claim["articles"] == ["a", "b"] and claim["sources"] == ["AFP", "Orange"]
    assert [r["stance"] for r in store.claim_events(claim["claim_id"])] == ["supports", "supports"]
    # A later run adds a denial of another event and a report of it: only their group is computed.
    retreat = dict(type="RETREAT", actors=["United States"], place="Iraq")
    c = record("c", TEXT_C, [event(TEXT_C, modality="denied", **retreat)], "Le Monde", "2020-01-08")
    d = record("d", TEXT_D, [event(TEXT_D, modality="claimed", reported_by=["Sky News Arabia"], **retreat)],
               "Orange", "2020-01-09")
    assert ingest(store, stored([a, b, c, d])).claims == 1
    assert len(store.claims()) == 2
    [contested] = store.claims(contested=True)
    assert contested["type"] == "RETREAT" and contested["modalities"] == ["denied", "claimed"]
    assert contested["disputed_by"] == ["Le Monde"] and contested["reported_by"] == ["Sky News Arabia", "Orange"]
    assert [r["type"] for r in store.claims(entity="qassem soleimani")] == ["ASSAULT"]
    # Article b corrected: its event is now on 5 January, no longer the same strike.
    b2 = record("b", TEXT_B + " ", [event(TEXT_B, date="2020-01-05", **strike)], "Orange")
    stats = ingest(store, stored([a, b2, c, d]))
    assert stats.stored == 1 and store.claims(type="ASSAULT") == []
    assert store.sql("SELECT count(*) AS n FROM claim_events WHERE claim_id NOT IN (SELECT claim_id FROM claims)"
                     )[0]["n"] == 0
    assert store.sql("SELECT count(*) AS n FROM claims_pending")[0]["n"] == 0


def test_claims_command_formats_and_filters(tmp_path):
    db = tmp_path / "c.duckdb"
    strike = dict(type="ASSAULT", actors=["United States"], recipients=["Qassem Soleimani"])
    ingest(Store(db), stored([record("a", TEXT_A, [event(TEXT_A, date="2020-01-03", **strike)], "AFP"),
                              record("b", TEXT_B, [event(TEXT_B, **strike)], "Orange")]))
    runner = CliRunner()
    result = runner.invoke(app, ["claims", "--entity", "Soleimani", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and rows[0]["n_articles"] == 2 and rows[0]["date"] == "2020-01-03"
    result = runner.invoke(app, ["claims", "--min-articles", "3", "--db", str(db), "--format", "json"])
    assert json.loads(result.stdout) == []
    result = runner.invoke(app, ["claims", "--type", "assault", "--contested", "--db", str(db), "-f", "csv"])
    assert result.exit_code == 0 and result.stdout == ""
    result = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store at" in result.stderr


# -- the seeds, real pipeline ------------------------------------------------------------------------

@pytest.mark.slow
def test_seed_articles_share_the_soleimani_strike(tmp_path, analyzer):
    articles = [Article(text=p.read_text(encoding="utf-8"), id=p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    records = analyzer.analyze_many(articles)
    store = Store(tmp_path / "seeds.duckdb")
    ingest(store, stored(list(records)))
    strikes = [c for c in store.claims(type="ASSAULT", entity="United States")
               if "Qassem Soleimani" in c["recipients"] or "Soleimani" in (c["evidence"] or "")]
    assert len(strikes) == 1, store.claims()
    assert sorted(strikes[0]["articles"]) == sorted(a.id for a in articles)
    assert strikes[0]["date"] == "2020-01-03" and not strikes[0]["contested"]
